package dev.reportflow.extract;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The {@code reports.ingested} consumer. The method only dispatches: it returns as soon as a slot of the
 * in-flight bound is free, so up to {@code extract.max-in-flight} reports (from every partition this
 * instance owns) are extracted and published concurrently, off the event loop. Each record is acknowledged
 * when its last outgoing record is acknowledged by Kafka; the {@code throttled} commit strategy then commits
 * per partition only below the oldest record still in flight, so a crash or rebalance redelivers, never skips.
 */
@ApplicationScoped
public class ReportConsumer {
    public static final String CHANNEL = "reports-in";

    @Inject
    ExtractService service;

    @Incoming(CHANNEL)
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> onRecord(Message<byte[]> msg) {
        @SuppressWarnings("unchecked")
        IncomingKafkaRecordMetadata<String, byte[]> meta = msg.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("not a Kafka record"));
        IncomingReport in = new IncomingReport(meta.getTopic(), meta.getPartition(), meta.getOffset(),
                meta.getKey(), msg.getPayload(), meta.getHeaders());
        AsyncLimiter limiter = service.limiter();
        ReportProcessor processor = service.processor();
        return limiter.acquire().thenAccept(v -> processor.process(in).whenComplete((outcome, err) -> {
            limiter.release();
            if (err == null) {
                msg.ack();
            } else {
                // Kafka refused our writes (after the producer's own retries): fail the channel rather than
                // commit past a report whose events are not all written; a restart redelivers it.
                msg.nack(err);
            }
        }));
    }
}
