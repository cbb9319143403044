package dev.reportflow.extract;

import dev.reportflow.events.DeadLetter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Writes a report's events with one Kafka producer. "Summary last" is enforced by waiting: the
 * {@code reports.extracted} record is sent only after the broker has acknowledged every section and
 * indicator record of the report (they are on other topics, so partition order alone could not give it).
 * The returned future completes when the summary itself is acknowledged.
 */
public final class EventPublisher {
    private final Producer<String, byte[]> producer;
    private final ExtractConfig.Out topics;
    /** Where the summary is sent from: never the producer's I/O thread, which must not block on send(). */
    private final Executor followUp;

    public EventPublisher(Producer<String, byte[]> producer, ExtractConfig.Out topics, Executor followUp) {
        this.producer = producer;
        this.topics = topics;
        this.followUp = followUp;
    }

    public CompletableFuture<Void> publish(ExtractedEvents events, Headers propagated) {
        String key = events.reportId();
        List<CompletableFuture<RecordMetadata>> acks = new ArrayList<>(events.eventCount());
        for (byte[] s : events.sections()) acks.add(send(topics.sections(), key, s, propagated));
        for (byte[] i : events.indicators()) acks.add(send(topics.indicators(), key, i, propagated));
        CompletableFuture<Void> all = CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
        return all.thenComposeAsync(v -> send(topics.extracted(), key, events.summary(), propagated), followUp)
                .thenApply(md -> null);
    }

    /** Dead-letters the original record: same key and value, reason in the {@link DeadLetter} headers. */
    public CompletableFuture<Void> deadLetter(IncomingReport in, DeadLetter letter) {
        RecordHeaders headers = new RecordHeaders();
        for (Map.Entry<String, byte[]> h : letter.toHeaders().entrySet()) headers.add(h.getKey(), h.getValue());
        for (Header h : in.propagatedHeaders()) headers.add(h);
        return send(topics.deadLetter(), in.key(), in.value(), headers).thenApply(md -> null);
    }

    private CompletableFuture<RecordMetadata> send(String topic, String key, byte[] value, Headers headers) {
        CompletableFuture<RecordMetadata> f = new CompletableFuture<>();
        try {
            // Headers objects become read-only once sent, so every record gets its own copy.
            ProducerRecord<String, byte[]> rec = new ProducerRecord<>(topic, null, key, value,
                    new RecordHeaders(headers.toArray()));
            producer.send(rec, (md, e) -> {
                if (e != null) f.completeExceptionally(e);
                else f.complete(md);
            });
        } catch (RuntimeException e) {
            f.completeExceptionally(e);
        }
        return f;
    }
}
