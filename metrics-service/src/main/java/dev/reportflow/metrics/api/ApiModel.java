package dev.reportflow.metrics.api;

import java.util.List;
import java.util.Map;

/** The API's JSON shapes. Field names are written in snake_case (quarkus.jackson.property-naming-strategy). */
public final class ApiModel {
    private ApiModel() {}

    public record Page<T>(List<T> items, long total, int page, int size) {}

    public record ReportItem(String id, String file, String region, Integer reportYear, String adminLevel,
                             String status, Integer sections, Integer indicators, String version) {}

    public record ReportDetail(String id, String status, String version, String pendingVersion, String file,
                               String title, String region, String agency, String adminLevel, Integer reportYear,
                               String published, String encoding, Integer chars, Map<String, Object> source,
                               String supersedes, String supersededBy, String extractedAt, String completedAt,
                               Integer sectionCount, Integer indicatorCount, Integer expectedSections,
                               Integer expectedIndicators, List<OutlineSection> outline,
                               List<IndicatorItem> indicators, List<Anomaly> anomalies) {}

    /** A section; {@code indicators} it holds directly, {@code indicators_total} with its subsections. */
    public record OutlineSection(String sectionId, String parentId, int ordinal, int level, String number,
                                 String title, String category, int start, int end, int indicators,
                                 int indicatorsTotal) {}

    /** {@code highlight} is [start, end) of the quantity inside {@code sentence}, or null when not found. */
    public record IndicatorItem(String id, String metric, String metricName, double value, String unit,
                                String approx, String kind, String direction, String subject, String sectionId,
                                List<String> sectionPath, int start, int end, String sentence,
                                List<Integer> highlight) {}

    public record MetricSummary(String id, String name, String description, boolean canonical, int reports,
                                int regions, List<Integer> years, Integer yearMin, Integer yearMax, int statements,
                                List<String> units) {}

    /** One statement of a metric in a report. */
    public record Statement(String indicatorId, String metric, Double value, String unit, String approx,
                            String kind, String reportId, String file, String quote, Integer start, Integer end,
                            String sectionId) {}

    /** metric × region × year: the headline value (largest statement) and where it came from. */
    public record MetricRow(String region, Integer reportYear, double value, String unit, String approx,
                            String reportId, String quote, String adminLevel, int statements, List<String> reports,
                            List<Statement> values) {}

    public record MetricSeries(String metric, String name, String description, long total, List<MetricRow> rows) {}

    public record RegionSummary(String region, String adminLevel, List<Integer> years, int reports) {}

    public record MetricValue(double value, String unit, String approx, String reportId, int statements) {}

    public record RegionYear(Integer reportYear, List<String> reports, int statements,
                             Map<String, MetricValue> metrics) {}

    public record RegionDetail(String region, String adminLevel, List<RegionYear> years, List<ReportItem> reports) {}

    public record Anomaly(String id, String type, String message, String reportId, String file, String region,
                          Integer reportYear, String metric, Double value, String unit, Double expected,
                          Double numerator, Double denominator, List<Statement> statements) {}

    /**
     * {@code viewsQueuedReports}: completed reports whose view refresh is still queued;
     * {@code coverageQueuedMetrics}: metrics whose metric_coverage row is put off. Both 0: the views
     * are current.
     */
    public record Status(long reports, long complete, long pending, long superseded, long indicators,
                         long sections, long metrics, long regions, long anomalies, Map<String, Long> views,
                         long viewsQueuedReports, long coverageQueuedMetrics) {}

    public record RebuildResult(long tookMs, Map<String, Long> rows, Map<String, Long> swept, Map<String, Long> viewMillis) {}
}
