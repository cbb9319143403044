package dev.reportflow.ingest;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Builds the configured sources and runs them: started at application start, stopped (after the
 * batch in hand) at shutdown. Tests stop and start it to simulate a restart.
 */
@ApplicationScoped
public class IngestEngine {
    private static final Logger LOG = Logger.getLogger(IngestEngine.class);

    @Inject
    IngestConfig config;
    @Inject
    IngestPipeline pipeline;
    @Inject
    IngestStore store;
    @Inject
    IngestMetrics metrics;
    @Inject
    ReportPublisher publisher;
    @Inject
    S3Config s3Config;

    @Inject
    KafkaClients kafkaClients;

    private final List<SourceWorker> sources = new ArrayList<>();
    private NotificationListener notifications;
    private S3Client s3;
    private volatile boolean started;

    void onStart(@Observes StartupEvent e) {
        if (config.autostart()) start();
    }

    void onStop(@Observes ShutdownEvent e) {
        stop();
    }

    public synchronized void start() {
        if (started) return;
        publisher.ensureTopics();
        sources.clear();
        sources.addAll(buildSources());
        sources.forEach(SourceWorker::start);
        List<S3Source> s3Sources = sources.stream().filter(s -> s instanceof S3Source).map(s -> (S3Source) s).toList();
        if (!s3Sources.isEmpty() && config.notifications().enabled()) {
            notifications = new NotificationListener(kafkaClients.consumer(), config.notifications().topic(),
                    config.notifications().groupId(), s3Sources);
            notifications.start();
        }
        started = true;
        LOG.infof("ingest started with sources %s", sources.stream().map(Source::name).toList());
    }

    /** Stops every source after the batch it has in hand; forgets in-memory state (as a restart would). */
    public synchronized void stop() {
        if (!started) return;
        started = false;
        if (notifications != null) notifications.stop();
        notifications = null;
        long deadline = System.currentTimeMillis() + config.shutdownTimeout().toMillis();
        for (SourceWorker s : sources) {
            if (!s.stop(Math.max(1, deadline - System.currentTimeMillis()))) {
                LOG.warnf("source %s did not finish its batch within %s", s.name(), config.shutdownTimeout());
            }
        }
        sources.clear();
        if (s3 != null) s3.close();
        s3 = null;
        LOG.info("ingest stopped");
    }

    public boolean started() {
        return started;
    }

    public synchronized List<Source> sources() {
        return List.copyOf(sources);
    }

    /** Runs a reconcile pass on every source and waits until they (and what they found) are processed. */
    public void reconcileNow(long timeout, TimeUnit unit) throws Exception {
        List<CompletableFuture<Void>> all;
        synchronized (this) {
            all = sources.stream().map(SourceWorker::requestReconcile).toList();
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(timeout, unit);
    }

    /** The notification listener has its partitions (tests publish hints only after this). */
    public boolean notificationsReady() {
        NotificationListener n = notifications;
        return n != null && n.assigned;
    }

    /** The root of the default directory source, for uploads' quarantine folder. */
    Optional<Path> defaultDirectory() {
        return config.directoryEnabled()
                ? Optional.of(Path.of(config.directory()).toAbsolutePath().normalize()) : Optional.empty();
    }

    private List<SourceWorker> buildSources() {
        List<SourceWorker> out = new ArrayList<>();
        if (config.directoryEnabled()) {
            out.add(new DirectorySource(config.directoryName(), Path.of(config.directory()),
                    config.directoryInclude().orElse(List.of()), config.directoryExclude().orElse(List.of()), config,
                    pipeline, store, metrics));
        }
        if (config.s3Enabled().orElse(s3Config.endpoint().isPresent())) {
            out.add(new S3Source(config.s3Name(), s3(), s3Config.bucket(), config.s3Prefix().orElse(""),
                    config.s3Include().orElse(List.of()), config.s3Exclude().orElse(List.of()), config, pipeline,
                    store, metrics));
        }
        for (Map.Entry<String, IngestConfig.SourceConfig> e : config.sources().entrySet()) {
            String name = e.getKey();
            IngestConfig.SourceConfig sc = e.getValue();
            if (!sc.enabled()) continue;
            if (name.equals(config.upload().name()) || out.stream().anyMatch(s -> s.name().equals(name))) {
                throw new IllegalStateException("two ingest sources are named " + name);
            }
            List<String> inc = sc.include().orElse(List.of());
            List<String> exc = sc.exclude().orElse(List.of());
            switch (sc.type()) {
                case "directory" -> out.add(new DirectorySource(name, Path.of(sc.path().orElseThrow(
                        () -> new IllegalStateException("source " + name + " needs a path"))), inc, exc, config, pipeline,
                        store, metrics));
                case "s3" -> out.add(new S3Source(name, s3(), sc.bucket().orElse(s3Config.bucket()), sc.prefix().orElse(""), inc,
                        exc, config, pipeline, store, metrics));
                default -> throw new IllegalStateException("source " + name + ": type must be directory or s3, not "
                        + sc.type());
            }
        }
        return out;
    }

    private S3Client s3() {
        if (s3 == null) {
            var c = s3Config;
            AwsCredentialsProvider creds = c.accessKey().isPresent() && c.secretKey().isPresent()
                    ? StaticCredentialsProvider.create(AwsBasicCredentials.create(c.accessKey().get(), c.secretKey().get()))
                    : DefaultCredentialsProvider.builder().build();
            var b = S3Client.builder()
                    .region(Region.of(c.region()))
                    .credentialsProvider(creds)
                    .forcePathStyle(c.pathStyle())
                    // MinIO and S3Proxy predate the SDK's default CRC checksums on every request.
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .httpClientBuilder(ApacheHttpClient.builder().maxConnections(16));
            c.endpoint().ifPresent(ep -> b.endpointOverride(URI.create(ep)));
            s3 = b.build();
        }
        return s3;
    }
}
