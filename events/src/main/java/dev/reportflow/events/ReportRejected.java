package dev.reportflow.events;

/**
 * A file ingest-service would not publish, on {@code reports.rejected}. The file itself is
 * quarantined at {@link #quarantinedAt}; nothing is dropped.
 */
public record ReportRejected(
        int schemaVersion,
        String reportId,      // sha256 when the bytes could be read, else null
        ReportSource source,
        String reason,        // a RejectionReason name
        String message,
        String quarantinedAt, // path or s3://bucket/key of the quarantined copy
        String rejectedAt     // ISO-8601 instant
) {
    public static final int SCHEMA_VERSION = 1;
}
