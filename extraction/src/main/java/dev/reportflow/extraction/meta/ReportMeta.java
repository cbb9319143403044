package dev.reportflow.extraction.meta;

/** Report metadata read from the text (spec/indicators.md §5). Unknown values are null. */
public record ReportMeta(String title, String region, String agency, String adminLevel, Integer reportYear,
                         String published) {}
