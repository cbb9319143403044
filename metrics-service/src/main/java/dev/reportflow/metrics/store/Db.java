package dev.reportflow.metrics.store;

/** Collection and field names shared by the store, the views and the API (MongoDB fields are snake_case). */
public final class Db {
    private Db() {}

    // Fact collections, written from events.
    public static final String REPORTS = "reports";
    public static final String SECTIONS = "sections";
    public static final String INDICATORS = "indicators";

    // Materialized views, written only by aggregation pipelines ending in $merge.
    public static final String METRIC_BY_REGION_YEAR = "metric_by_region_year";
    public static final String REGION_SCORECARD = "region_scorecard";
    public static final String METRIC_COVERAGE = "metric_coverage";
    public static final String ANOMALIES = "anomalies";
    public static final String REPORT_OUTLINE = "report_outline";
    /** Indicators per section, an intermediate view that report_outline joins by _id. */
    public static final String SECTION_COUNTS = "section_counts";

    public static final java.util.List<String> VIEWS =
            java.util.List.of(METRIC_BY_REGION_YEAR, REGION_SCORECARD, METRIC_COVERAGE, ANOMALIES, SECTION_COUNTS,
                    REPORT_OUTLINE);

    /** Per report version ({@code reportId|version}): the ids of its sections and indicators (store/Manifests). */
    public static final String REPORT_FACTS = "report_facts";
    /** Short-lived documents holding the ids a view pipeline reads, joined by _id (views/Views#sourced). */
    public static final String VIEW_SOURCES = "view_sources";
    /**
     * View keys whose refresh was put off (views/Views#refresh): one document, {@code _id}
     * {@value #DEFERRED_COVERAGE}, holding the metrics whose coverage is outstanding.
     */
    public static final String VIEW_QUEUE = "view_queue";
    public static final String DEFERRED_COVERAGE = "metric_coverage";

    // Report status values.
    public static final String PENDING = "pending";
    public static final String COMPLETE = "complete";
    public static final String SUPERSEDED = "superseded";

    // Fields common to facts.
    public static final String ID = "_id";
    public static final String REPORT_ID = "report_id";
    public static final String VERSION = "version";
    /** Set on a report's facts when its version completes and it is not superseded: only live facts enter views. */
    public static final String LIVE = "live";
    /**
     * When the report version completed (epoch µs, increasing in a process), on its facts and the
     * report: a refresh turn selects its reports' facts by the range of their sequence numbers, one
     * comparison per document, where {@code report_id $in [...]} costs mongo-java-server a linear
     * search of the list per document (docs/benchmarks.md).
     */
    public static final String COMPLETED_SEQ = "completed_seq";
    public static final String REGION = "region";
    public static final String REPORT_YEAR = "report_year";
    public static final String ADMIN_LEVEL = "admin_level";
    public static final String FILE = "file";
    /** Stamped on every view row by the refresh that wrote it; rows of the refreshed keys without it are swept. */
    public static final String REFRESH = "refresh";
    /** The ids of the indicators a view row was computed from (metric_by_region_year, anomalies): the API reads the statements by them. */
    public static final String INDICATOR_IDS = "indicator_ids";

    public static String sectionKey(String reportId, String version, String sectionId) {
        return reportId + ":" + version + ":" + sectionId;
    }

    public static String indicatorKey(String reportId, String version, int start) {
        return reportId + ":" + version + ":" + start;
    }
}
