package dev.reportflow.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Real Kafka, MongoDB and S3 for every test of this JVM: {@code @QuarkusTestResource(RealInfrastructure.class)}
 * (or {@code @WithTestResource}) on a {@code @QuarkusTest}, or the static accessors from a plain JUnit test.
 *
 * <p>Backend: Testcontainers when a Docker engine is reachable, else the embedded devstack as a separate
 * process; force one with {@code -Dreportflow.test.infra=devstack|testcontainers} (or env
 * {@code REPORTFLOW_TEST_INFRA}). Started once per JVM, shared by all test classes, stopped by a shutdown hook.
 * Tests share the servers: use unique topics' keys, consumer groups and database names (or clean up).
 */
public class RealInfrastructure implements QuarkusTestResourceLifecycleManager {
    private static final Logger LOG = Logger.getLogger(RealInfrastructure.class);

    public static final String INFRA_PROPERTY = "reportflow.test.infra";

    /** Config keys returned to Quarkus; services read S3 and the watched directory under these names. */
    public static final String KAFKA_BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
    public static final String MONGODB_CONNECTION_STRING = "quarkus.mongodb.connection-string";
    public static final String S3_ENDPOINT = "reportflow.s3.endpoint";
    public static final String S3_REGION = "reportflow.s3.region";
    public static final String S3_ACCESS_KEY = "reportflow.s3.access-key";
    public static final String S3_SECRET_KEY = "reportflow.s3.secret-key";
    public static final String S3_BUCKET = "reportflow.s3.bucket";
    public static final String INGEST_DIRECTORY = "reportflow.ingest.directory";

    @Override
    public Map<String, String> start() {
        return config();
    }

    @Override
    public void stop() {
        // Shared by every test class of the JVM: the shutdown hook stops the servers once, at the end.
    }

    /** The Quarkus config overrides: connection settings, and Dev Services off (we bring the servers). */
    public static Map<String, String> config() {
        Settings s = settings();
        Map<String, String> config = new LinkedHashMap<>();
        config.put(KAFKA_BOOTSTRAP_SERVERS, s.kafkaBootstrapServers());
        config.put(MONGODB_CONNECTION_STRING, s.mongoConnectionString());
        config.put(S3_ENDPOINT, s.s3Endpoint());
        config.put(S3_REGION, s.s3Region());
        config.put(S3_ACCESS_KEY, s.s3AccessKey());
        config.put(S3_SECRET_KEY, s.s3SecretKey());
        config.put(S3_BUCKET, s.s3Bucket());
        config.put(INGEST_DIRECTORY, s.ingestDirectory().toString());
        config.put("quarkus.kafka.devservices.enabled", "false");
        config.put("quarkus.mongodb.devservices.enabled", "false");
        return config;
    }

    /** The same settings under the environment-variable names of docs/CONVENTIONS.md (for child processes). */
    public static Map<String, String> env() {
        return settings().asEnv();
    }

    /** "devstack" or "testcontainers". */
    public static String backend() {
        return settings().backend();
    }

    public static String kafkaBootstrapServers() {
        return settings().kafkaBootstrapServers();
    }

    public static String mongoConnectionString() {
        return settings().mongoConnectionString();
    }

    public static String s3Endpoint() {
        return settings().s3Endpoint();
    }

    public static String s3Region() {
        return settings().s3Region();
    }

    public static String s3AccessKey() {
        return settings().s3AccessKey();
    }

    public static String s3SecretKey() {
        return settings().s3SecretKey();
    }

    public static String s3Bucket() {
        return settings().s3Bucket();
    }

    /**
     * The directory ingest-service watches. Under devstack it is the bucket's directory (a file copied there
     * is an object of the bucket); under Testcontainers a separate temporary directory.
     */
    public static Path ingestDirectory() {
        return settings().ingestDirectory();
    }

    /** A path-style S3 client for the test bucket; close it after use. */
    public static S3Client newS3Client() {
        return clientFor(settings());
    }

    /** Starts the backend on first use; later calls (from any class loader) reuse it. */
    static Settings settings() {
        Settings s = Settings.published();
        if (s != null) {
            return s;
        }
        // System.getProperties() is one object per JVM, unlike this class under Quarkus's class loaders.
        synchronized (System.getProperties()) {
            s = Settings.published();
            if (s == null) {
                s = startBackend();
                s.publish();
            }
            return s;
        }
    }

    private static Settings startBackend() {
        String forced = System.getProperty(INFRA_PROPERTY, System.getenv("REPORTFLOW_TEST_INFRA"));
        String choice;
        String why;
        if (forced == null || forced.isBlank() || forced.equalsIgnoreCase("auto")) {
            String docker = DockerProbe.describeDocker();
            if (docker != null) {
                choice = "testcontainers";
                why = "a Docker engine is reachable (" + docker + ")";
            } else {
                choice = "devstack";
                why = "no Docker engine is reachable (" + DockerProbe.lastReason() + ")";
            }
        } else {
            choice = forced.trim().toLowerCase(Locale.ROOT);
            why = "forced by -D" + INFRA_PROPERTY + "=" + forced;
        }
        LOG.infof("Real test infrastructure: %s, because %s", choice, why);
        long t0 = System.nanoTime();
        try {
            Settings s = switch (choice) {
                case "devstack" -> DevstackBackend.start();
                case "testcontainers" -> ContainersBackend.start();
                default -> throw new IllegalArgumentException("-D" + INFRA_PROPERTY + " must be devstack,"
                        + " testcontainers or auto, not " + forced);
            };
            // Containers start empty: create every topic of Topics.ALL and the bucket. devstack already did
            // (and its own test proves it), so it skips the extra seconds.
            if (!s.backend().equals("devstack")) {
                Provisioning.ensureTopics(s.kafkaBootstrapServers());
                try (S3Client s3 = clientFor(s)) {
                    Provisioning.ensureBucket(s3, s.s3Bucket());
                }
            }
            Files.createDirectories(s.ingestDirectory());
            LOG.infof("Real test infrastructure (%s) ready in %d ms: kafka %s, mongodb %s, s3 %s bucket %s",
                    choice, (System.nanoTime() - t0) / 1_000_000, s.kafkaBootstrapServers(),
                    s.mongoConnectionString(), s.s3Endpoint(), s.s3Bucket());
            return s;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("cannot start the real test infrastructure (" + choice + "): " + e, e);
        }
    }

    private static S3Client clientFor(Settings s) {
        return S3Client.builder()
                .endpointOverride(URI.create(s.s3Endpoint()))
                .region(Region.of(s.s3Region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(s.s3AccessKey(), s.s3SecretKey())))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
