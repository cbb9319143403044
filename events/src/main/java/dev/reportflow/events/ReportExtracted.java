package dev.reportflow.events;

/**
 * The per-report summary on {@code reports.extracted}, published after all of the report's
 * section and indicator events: a consumer holding {@link #sectionCount} sections and
 * {@link #indicatorCount} indicators of this {@link #extractorVersion} has the whole report.
 */
public record ReportExtracted(
        int schemaVersion,
        String reportId,
        String extractorVersion,
        ReportMetadata report,
        ReportSource source,
        String supersedes,
        int sectionCount,
        int indicatorCount,
        long durationMicros,
        String extractedAt    // ISO-8601 instant
) {
    public static final int SCHEMA_VERSION = 1;
}
