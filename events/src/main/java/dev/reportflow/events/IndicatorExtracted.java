package dev.reportflow.events;

import java.util.List;

/**
 * One quantity stated in a report, on {@code reports.indicators}, keyed by report id.
 * {@link #eventId} is {@code reportId:start}; offsets are UTF-16 indices into the decoded text.
 */
public record IndicatorExtracted(
        int schemaVersion,
        String eventId,
        String reportId,
        String extractorVersion,
        double value,
        String unit,
        String approx,        // exact, about, more_than, at_least, nearly, less_than
        String kind,          // count, amount, rate, change, ratio, target, duration
        String direction,     // up / down for kind=change, else null
        String subject,
        String metric,        // canonical metric id or null
        String metricRule,    // id of the mapping rule that fired, or null
        String sectionId,
        List<String> sectionPath, // titles from level 1 down
        int start,
        int end,
        String sentence
) {
    public static final int SCHEMA_VERSION = 1;
}
