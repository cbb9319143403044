package dev.reportflow.events;

/**
 * One section of a report's outline, on {@code reports.sections}, keyed by report id.
 * {@link #eventId} is {@code reportId:sectionId}: the same report and extractor give the same ids.
 */
public record SectionExtracted(
        int schemaVersion,
        String eventId,
        String reportId,
        String extractorVersion,
        int ordinal,          // position in document order, 0-based
        String sectionId,     // "s1", "s1.2", ... or "preamble"
        String parentId,
        int level,
        String number,
        String title,
        String category,      // achievements, responsibility, shortcomings, plans, other
        int start,
        int end
) {
    public static final int SCHEMA_VERSION = 1;
}
