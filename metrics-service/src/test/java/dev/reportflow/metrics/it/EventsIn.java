package dev.reportflow.metrics.it;

import static org.awaitility.Awaitility.await;

import dev.reportflow.events.EventJson;
import dev.reportflow.events.IndicatorExtracted;
import dev.reportflow.events.ReportExtracted;
import dev.reportflow.events.SectionExtracted;
import dev.reportflow.events.Topics;
import dev.reportflow.metrics.SampleReport;
import dev.reportflow.testsupport.RealInfrastructure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes events on the real broker as extract-service does (key = report id, JSON values) and
 * waits until the service has stored them: its {@code reportflow.metrics.events} counter, which
 * counts events only after their batch is written, must have grown by as many records.
 */
final class EventsIn implements AutoCloseable {
    private final KafkaCompanion kafka = new KafkaCompanion(RealInfrastructure.kafkaBootstrapServers());
    private final MeterRegistry registry;

    EventsIn(MeterRegistry registry) {
        this.registry = registry;
    }

    double consumed() {
        return registry.find("reportflow.metrics.events").counters().stream().mapToDouble(Counter::count).sum();
    }

    /** Sends and waits until every record has been stored. */
    void sendAndWait(List<?> events) {
        double before = consumed();
        send(events);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> consumed() >= before + events.size());
    }

    void sendAndWait(SampleReport r) {
        sendAndWait(all(r));
    }

    static List<Object> all(SampleReport r) {
        List<Object> out = new ArrayList<>(r.sections());
        out.addAll(r.indicators());
        out.add(r.summary());
        return out;
    }

    void send(List<?> events) {
        kafka.produce(String.class, byte[].class).fromRecords(records(events)).awaitCompletion(Duration.ofSeconds(60));
    }

    /** Many events at once with a plain batching producer (the companion sends record by record). */
    void sendBulk(List<?> events) {
        sendRecords(records(events));
    }

    /**
     * Records already serialized, at once, with a plain batching producer; returns when the broker
     * has acknowledged every one of them.
     */
    void sendRecords(List<ProducerRecord<String, byte[]>> records) {
        java.util.Properties p = new java.util.Properties();
        p.put("bootstrap.servers", RealInfrastructure.kafkaBootstrapServers());
        p.put("acks", "all");
        p.put("linger.ms", "20");
        p.put("batch.size", String.valueOf(256 * 1024));
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<>(p,
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (ProducerRecord<String, byte[]> r : records) sent.add(producer.send(r));
            producer.flush();
            for (var f : sent) f.get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("publishing failed: " + e, e);
        }
    }

    static List<ProducerRecord<String, byte[]>> records(List<?> events) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (Object e : events) {
            if (e instanceof SectionExtracted s) records.add(new ProducerRecord<>(Topics.REPORTS_SECTIONS, s.reportId(), EventJson.write(s)));
            else if (e instanceof IndicatorExtracted i) records.add(new ProducerRecord<>(Topics.REPORTS_INDICATORS, i.reportId(), EventJson.write(i)));
            else if (e instanceof ReportExtracted x) records.add(new ProducerRecord<>(Topics.REPORTS_EXTRACTED, x.reportId(), EventJson.write(x)));
            else if (e instanceof Raw raw) records.add(new ProducerRecord<>(raw.topic(), raw.key(), raw.value().getBytes(StandardCharsets.UTF_8)));
            else throw new IllegalArgumentException("not an event: " + e);
        }
        return records;
    }

    /** Arbitrary bytes on a topic, e.g. a malformed event. */
    record Raw(String topic, String key, String value) {}

    @Override
    public void close() {
        kafka.close();
    }
}
