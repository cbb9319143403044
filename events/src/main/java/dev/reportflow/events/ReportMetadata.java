package dev.reportflow.events;

/** What the extractor read about a report as a whole (spec: indicators.md §5). */
public record ReportMetadata(
        String file,
        String encoding,
        String title,
        String region,
        String agency,
        String adminLevel,   // national, province, prefecture, county, district, township
        Integer reportYear,
        String published,    // ISO date or null
        int chars
) {}
