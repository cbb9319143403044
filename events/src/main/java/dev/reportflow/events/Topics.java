package dev.reportflow.events;

import java.util.List;

/**
 * The topics ReportFlow publishes, with their documented defaults. Names are overridable
 * per service through configuration (e.g. {@code mp.messaging.outgoing.*.topic}); these
 * constants are the defaults every service, test, compose file and manifest agrees on.
 */
public final class Topics {
    private Topics() {}

    public static final String REPORTS_INGESTED = "reports.ingested";
    public static final String REPORTS_SECTIONS = "reports.sections";
    public static final String REPORTS_INDICATORS = "reports.indicators";
    public static final String REPORTS_EXTRACTED = "reports.extracted";
    public static final String REPORTS_REJECTED = "reports.rejected";
    public static final String REPORTS_INGESTED_DLQ = "reports.ingested.dlq";
    /** MinIO bucket notifications (s3:ObjectCreated:*), consumed by ingest-service as hints. */
    public static final String BUCKET_NOTIFICATIONS = "bucket.notifications";

    /** Partitions cap extraction parallelism: one extract-service consumer per partition at most. */
    public static final int DEFAULT_PARTITIONS = 6;

    /** Largest raw report carried inline in {@link ReportIngested} (bytes before base64). */
    public static final int DEFAULT_MAX_REPORT_BYTES = 8 * 1024 * 1024;
    /** Broker/producer message limit that fits a maximal report after base64 and JSON framing. */
    public static final int MAX_MESSAGE_BYTES = 12 * 1024 * 1024;

    /** How each topic is created: partitions, compaction, retention in ms (-1 keeps forever). */
    public record TopicSpec(String name, int partitions, boolean compacted, long retentionMs, int maxMessageBytes) {}

    public static final List<TopicSpec> ALL = List.of(
            new TopicSpec(REPORTS_INGESTED, DEFAULT_PARTITIONS, true, -1L, MAX_MESSAGE_BYTES),
            new TopicSpec(REPORTS_SECTIONS, DEFAULT_PARTITIONS, false, 7L * 24 * 3600 * 1000, 1024 * 1024),
            new TopicSpec(REPORTS_INDICATORS, DEFAULT_PARTITIONS, false, 7L * 24 * 3600 * 1000, 1024 * 1024),
            new TopicSpec(REPORTS_EXTRACTED, DEFAULT_PARTITIONS, false, 7L * 24 * 3600 * 1000, 1024 * 1024),
            new TopicSpec(REPORTS_REJECTED, 1, false, 30L * 24 * 3600 * 1000, 1024 * 1024),
            new TopicSpec(REPORTS_INGESTED_DLQ, 1, false, 30L * 24 * 3600 * 1000, MAX_MESSAGE_BYTES),
            new TopicSpec(BUCKET_NOTIFICATIONS, 1, false, 24L * 3600 * 1000, 1024 * 1024));

    public static TopicSpec spec(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown topic: " + name));
    }
}
