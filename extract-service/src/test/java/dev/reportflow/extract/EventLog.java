package dev.reportflow.extract;

import dev.reportflow.events.EventJson;
import dev.reportflow.events.ReportExtracted;
import dev.reportflow.events.Topics;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Everything on the output topics and the DLQ, read by a KafkaCompanion consumer from the beginning and
 * indexed by report id as it arrives (tests with thousands of reports query it often).
 */
final class EventLog implements AutoCloseable {
    final ConsumerTask<String, byte[]> task;
    private int seen;
    private final Map<String, List<ConsumerRecord<String, byte[]>>> byTopicAndKey = new HashMap<>();
    private final Map<String, Set<String>> sectionIds = new HashMap<>();
    private final Map<String, Set<String>> indicatorIds = new HashMap<>();

    /** The event id without a full parse: sections and indicators write it as their second field. */
    record IdOnly(String eventId) {}

    EventLog(KafkaCompanion companion) {
        this.task = companion.<String, byte[]>consumeWithDeserializers(StringDeserializer.class, ByteArrayDeserializer.class)
                .withGroupId("eventlog-" + UUID.randomUUID())
                .withOffsetReset(OffsetResetStrategy.EARLIEST)
                .fromTopics(Set.of(Topics.REPORTS_SECTIONS, Topics.REPORTS_INDICATORS, Topics.REPORTS_EXTRACTED,
                        Topics.REPORTS_INGESTED_DLQ), Long.MAX_VALUE);
    }

    private synchronized void sync() {
        // getRecords() is the companion's live list, appended by its polling thread: read its size once,
        // or a record appended between the loop's last check and `seen = size` is skipped for ever.
        List<ConsumerRecord<String, byte[]>> all = task.getRecords();
        int size = all.size();
        for (int i = seen; i < size; i++) {
            ConsumerRecord<String, byte[]> r = all.get(i);
            if (r.key() == null) continue;
            byTopicAndKey.computeIfAbsent(r.topic() + "/" + r.key(), k -> new ArrayList<>()).add(r);
            if (r.topic().equals(Topics.REPORTS_SECTIONS)) {
                sectionIds.computeIfAbsent(r.key(), k -> new HashSet<>()).add(EventJson.read(r.value(), IdOnly.class).eventId());
            } else if (r.topic().equals(Topics.REPORTS_INDICATORS)) {
                indicatorIds.computeIfAbsent(r.key(), k -> new HashSet<>()).add(EventJson.read(r.value(), IdOnly.class).eventId());
            }
        }
        seen = size;
    }

    synchronized List<ConsumerRecord<String, byte[]>> of(String topic, String key) {
        sync();
        return List.copyOf(byTopicAndKey.getOrDefault(topic + "/" + key, List.of()));
    }

    List<ReportExtracted> summaries(String reportId) {
        return of(Topics.REPORTS_EXTRACTED, reportId).stream()
                .map(r -> EventJson.read(r.value(), ReportExtracted.class)).toList();
    }

    synchronized Set<String> summarizedIds() {
        sync();
        Set<String> ids = new HashSet<>();
        String prefix = Topics.REPORTS_EXTRACTED + "/";
        for (String k : byTopicAndKey.keySet()) if (k.startsWith(prefix)) ids.add(k.substring(prefix.length()));
        return ids;
    }

    synchronized Set<String> sectionEventIds(String reportId) {
        sync();
        return Set.copyOf(sectionIds.getOrDefault(reportId, Set.of()));
    }

    synchronized Set<String> indicatorEventIds(String reportId) {
        sync();
        return Set.copyOf(indicatorIds.getOrDefault(reportId, Set.of()));
    }

    /** Report ids that have section or indicator events but no summary: half-published. */
    synchronized Set<String> halfPublished() {
        sync();
        Set<String> withParts = new HashSet<>(sectionIds.keySet());
        withParts.addAll(indicatorIds.keySet());
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
        Map<String, byte[]> h = new HashMap<>();
        r.headers().forEach(x -> h.put(x.key(), x.value()));
        return h;
    }

    @Override
    public void close() {
        task.close();
    }
}
