package dev.reportflow.extract;

import dev.reportflow.events.EventJson;
import dev.reportflow.events.IndicatorExtracted;
import dev.reportflow.events.ReportExtracted;
import dev.reportflow.events.SectionExtracted;
import dev.reportflow.events.Topics;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Everything on the output topics and the DLQ, read by a KafkaCompanion consumer from the beginning. */
final class EventLog implements AutoCloseable {
    final ConsumerTask<String, byte[]> task;

    EventLog(KafkaCompanion companion) {
        this.task = companion.<String, byte[]>consumeWithDeserializers(StringDeserializer.class, ByteArrayDeserializer.class)
                .withGroupId("eventlog-" + UUID.randomUUID())
                .withOffsetReset(OffsetResetStrategy.EARLIEST)
                .fromTopics(Set.of(Topics.REPORTS_SECTIONS, Topics.REPORTS_INDICATORS, Topics.REPORTS_EXTRACTED,
                        Topics.REPORTS_INGESTED_DLQ), Long.MAX_VALUE);
    }

    List<ConsumerRecord<String, byte[]>> of(String topic, String key) {
        return task.getRecords().stream().filter(r -> r.topic().equals(topic) && key.equals(r.key())).toList();
    }

    List<ReportExtracted> summaries(String reportId) {
        return of(Topics.REPORTS_EXTRACTED, reportId).stream()
                .map(r -> EventJson.read(r.value(), ReportExtracted.class)).toList();
    }

    Set<String> summarizedIds() {
        return task.getRecords().stream().filter(r -> r.topic().equals(Topics.REPORTS_EXTRACTED))
                .map(ConsumerRecord::key).collect(Collectors.toSet());
    }

    Set<String> sectionEventIds(String reportId) {
        return of(Topics.REPORTS_SECTIONS, reportId).stream()
                .map(r -> EventJson.read(r.value(), SectionExtracted.class).eventId()).collect(Collectors.toSet());
    }

    Set<String> indicatorEventIds(String reportId) {
        return of(Topics.REPORTS_INDICATORS, reportId).stream()
                .map(r -> EventJson.read(r.value(), IndicatorExtracted.class).eventId()).collect(Collectors.toSet());
    }

    /** Report ids that have section or indicator events but no summary: half-published. */
    Set<String> halfPublished() {
        Set<String> withParts = new HashSet<>();
        for (ConsumerRecord<String, byte[]> r : task.getRecords()) {
            if (r.topic().equals(Topics.REPORTS_SECTIONS) || r.topic().equals(Topics.REPORTS_INDICATORS)) {
                withParts.add(r.key());
            }
        }
        withParts.removeAll(summarizedIds());
        return withParts;
    }

    /** For a summarized report: do its distinct section and indicator events match the summary's counts? */
    boolean complete(String reportId) {
        List<ReportExtracted> s = summaries(reportId);
        if (s.isEmpty()) return false;
        ReportExtracted last = s.get(s.size() - 1);
        return sectionEventIds(reportId).size() == last.sectionCount()
                && indicatorEventIds(reportId).size() == last.indicatorCount();
    }

    static Map<String, byte[]> headers(ConsumerRecord<?, ?> r) {
        Map<String, byte[]> h = new java.util.HashMap<>();
        r.headers().forEach(x -> h.put(x.key(), x.value()));
        return h;
    }

    @Override
    public void close() {
        task.close();
    }
}
