package dev.reportflow.ingest;

import dev.reportflow.events.Topics;
import dev.reportflow.events.kafka.EventSerializer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The plain Kafka producer: idempotent, acks=all, compressed, with a request size that fits the
 * largest inline report. Plain rather than a reactive-messaging Emitter because the pipeline sends a
 * batch, then waits for every broker ack before it marks anything seen.
 */
@ApplicationScoped
public class ReportPublisher {
    private static final Logger LOG = Logger.getLogger(ReportPublisher.class);

    @Inject
    KafkaClients clients;

    @Inject
    IngestConfig config;

    private volatile Producer<String, Object> producer;

    private Producer<String, Object> producer() {
        Producer<String, Object> p = producer;
        if (p == null) {
            synchronized (this) {
                if (producer == null) producer = create();
                p = producer;
            }
        }
        return p;
    }

    private Producer<String, Object> create() {
        Properties props = new Properties();
        props.putAll(clients.producer());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "ingest-service");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, config.kafka().compression());
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_MESSAGE_BYTES);
        // Room for a few maximal reports in flight; send() blocks (back-pressure) when it is full.
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 4L * Topics.MAX_MESSAGE_BYTES);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.LINGER_MS_CONFIG, (int) config.kafka().linger().toMillis());
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) config.kafka().deliveryTimeout().toMillis());
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) Math.min(30_000, config.kafka().deliveryTimeout().toMillis() - config.kafka().linger().toMillis()));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) config.kafka().deliveryTimeout().toMillis());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, EventSerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    /** Sends one event keyed by report id; the future completes on the broker's ack. */
    public CompletableFuture<RecordMetadata> send(String topic, String key, Object event) {
        CompletableFuture<RecordMetadata> f = new CompletableFuture<>();
        try {
            producer().send(new ProducerRecord<>(topic, key, event), (md, e) -> {
                if (e != null) f.completeExceptionally(e); else f.complete(md);
            });
        } catch (RuntimeException e) {
            f.completeExceptionally(e);
        }
        return f;
    }

    /**
     * Creates our output topics with their documented specs when missing (a broker's auto-created
     * topic would get the 1 MB default message limit and no compaction). Failures are logged: the
     * topics may be managed elsewhere.
     */
    public void ensureTopics() {
        if (!config.kafka().createTopics()) return;
        Map<String, Object> props = new HashMap<>(clients.admin());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(15, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String name : List.of(config.topics().ingested(), config.topics().rejected())) {
                if (existing.contains(name)) continue;
                Topics.TopicSpec spec = specOrDefault(name);
                Map<String, String> cfg = new HashMap<>();
                cfg.put(TopicConfig.CLEANUP_POLICY_CONFIG, spec.compacted() ? TopicConfig.CLEANUP_POLICY_COMPACT
                        : TopicConfig.CLEANUP_POLICY_DELETE);
                cfg.put(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(spec.retentionMs()));
                cfg.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(spec.maxMessageBytes()));
                missing.add(new NewTopic(name, spec.partitions(), (short) -1).configs(cfg));
            }
            if (missing.isEmpty()) return;
            try {
                admin.createTopics(missing).all().get(15, TimeUnit.SECONDS);
                LOG.infof("created topics %s", missing.stream().map(NewTopic::name).toList());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warnf("could not check or create topics (%s); relying on the broker's", e.toString());
        }
    }

    private static Topics.TopicSpec specOrDefault(String name) {
        try {
            return Topics.spec(name);
        } catch (IllegalArgumentException e) {
            // A renamed topic (configuration override) gets the spec of the topic it replaces.
            return name.contains("reject") ? Topics.spec(Topics.REPORTS_REJECTED) : Topics.spec(Topics.REPORTS_INGESTED);
        }
    }

    @PreDestroy
    void close() {
        Producer<String, Object> p = producer;
        if (p != null) {
            // Flushes what was sent; the engine has already stopped feeding it.
            p.close(Duration.ofSeconds(10));
        }
    }
}
