package dev.reportflow.extraction;

/** Report-level metadata, as in spec/extract-output.md {@code report}. Unknown values are null. */
public record ReportInfo(
        String id,
        String file,
        String encoding,
        String region,
        String agency,
        String adminLevel,
        Integer reportYear,
        String published,
        String title,
        int chars) {}
