package dev.reportflow.extract;

import dev.reportflow.events.kafka.KafkaClientConfigs;
import dev.reportflow.extraction.ReportExtractor;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/** Owns the extraction pool, the Kafka producer and the processor built on them. */
@ApplicationScoped
public class ExtractService {
    private static final Logger LOG = Logger.getLogger(ExtractService.class);

    @Inject
    ExtractConfig config;

    @Inject
    MeterRegistry registry;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    private volatile boolean started;
    private KafkaProducer<String, byte[]> producer;
    private KafkaClientMetrics producerMetrics;
    private BoundedWorkers workers;
    private ExecutorService followUp;
    private ReportProcessor processor;
    private AsyncLimiter limiter;
    private final ReportExtractor extractor = ReportExtractor.withDefaults();

    synchronized void start() {
        if (started) return;
        producer = new KafkaProducer<>(producerConfig(kafkaConfig, config));
        producerMetrics = new KafkaClientMetrics(producer);
        producerMetrics.bindTo(registry);
        workers = new BoundedWorkers("extract-worker", config.workers(), config.maxStuckWorkers(), config.timeout());
        // Sends each summary once its report's other records are acknowledged; the work is tiny.
        followUp = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "extract-publish");
            t.setDaemon(true);
            return t;
        });
        EventPublisher publisher = new EventPublisher(producer, config.topics(), followUp);
        processor = new ReportProcessor(extractor::extract, workers, publisher, config, registry, Clock.systemUTC());
        limiter = new AsyncLimiter(config.maxInFlight());
        Gauge.builder("reportflow.extract.in.flight", limiter, AsyncLimiter::inFlight)
                .description("Reports being extracted or awaiting broker acks").register(registry);
        Gauge.builder("reportflow.extract.workers.stuck", workers, BoundedWorkers::stuck)
                .description("Extraction threads still running a timed-out report").register(registry);
        Gauge.builder("reportflow.extract.workers.queued", workers, BoundedWorkers::queued)
                .description("Reports waiting for an extraction thread").register(registry);
        started = true;
        LOG.infof("extract-service: extractor %s, %d workers, timeout %s, up to %d reports in flight",
                extractor.version(), config.workers(), config.timeout(), config.maxInFlight());
    }

    static Map<String, Object> producerConfig(Map<String, Object> kafka, ExtractConfig config) {
        Map<String, Object> p = KafkaClientConfigs.producer(kafka);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        // Idempotent, fully acknowledged writes: a retried batch is not duplicated and not reordered.
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        // A report's sections and indicators leave together, and several reports share a batch per partition:
        // fewer, larger produce requests cost the broker far less CPU per record than one request per report.
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        // Dead letters carry the original value, up to the size reports.ingested allows.
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(dev.reportflow.events.Topics.MAX_MESSAGE_BYTES));
        p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "extract-service-events-" + ProcessHandle.current().pid());
        p.putAll(config.producer());
        return p;
    }

    public ReportProcessor processor() {
        start();
        return processor;
    }

    public AsyncLimiter limiter() {
        start();
        return limiter;
    }

    public BoundedWorkers workers() {
        start();
        return workers;
    }

    public String extractorVersion() {
        return extractor.version();
    }

    @PreDestroy
    synchronized void stop() {
        if (!started) return;
        started = false;
        // Flush what is in flight so acknowledged records are not re-sent needlessly on restart.
        producer.close(java.time.Duration.ofSeconds(10));
        if (producerMetrics != null) producerMetrics.close();
        followUp.shutdown();
        try {
            followUp.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.close();
    }
}
