package dev.reportflow.metrics.store;

import static dev.reportflow.metrics.store.Db.*;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * The indexes behind every query the store, the views and the API make, created on start
 * (createIndexes is idempotent). mongo-java-server ignores non-unique indexes; a real mongod uses them.
 */
public final class Indexes {
    private Indexes() {}

    static Document keys(Object... kv) {
        Document d = new Document();
        for (int i = 0; i < kv.length; i += 2) d.append((String) kv[i], kv[i + 1]);
        return d;
    }

    public static final Map<String, List<IndexModel>> ALL = Map.of(
            REPORTS, List.of(
                    // GET /api/reports filters and sort; /api/status counts; /api/regions
                    new IndexModel(keys("status", 1, REPORT_YEAR, -1, REGION, 1, ID, 1)),
                    new IndexModel(keys(REGION, 1, REPORT_YEAR, -1, ID, 1)),
                    new IndexModel(keys(REPORT_YEAR, -1, REGION, 1, ID, 1)),
                    // supersession lookups
                    new IndexModel(keys("supersedes", 1), new IndexOptions().sparse(true)),
                    // outstanding view refreshes
                    new IndexModel(keys("stale_keys", 1), new IndexOptions().sparse(true))),
            SECTIONS, List.of(
                    new IndexModel(keys(REPORT_ID, 1, VERSION, 1, "ordinal", 1)),
                    new IndexModel(keys(LIVE, 1, REPORT_ID, 1)),
                    // a refresh turn's reports
                    new IndexModel(keys(COMPLETED_SEQ, 1))),
            INDICATORS, List.of(
                    new IndexModel(keys(REPORT_ID, 1, VERSION, 1, "start", 1)),
                    new IndexModel(keys(LIVE, 1, "metric", 1, REGION, 1, REPORT_YEAR, 1)),
                    // incremental metric_by_region_year: the refreshed regions × years
                    new IndexModel(keys(LIVE, 1, REGION, 1, REPORT_YEAR, 1)),
                    new IndexModel(keys(LIVE, 1, REPORT_ID, 1)),
                    new IndexModel(keys(COMPLETED_SEQ, 1))),
            METRIC_BY_REGION_YEAR, List.of(
                    new IndexModel(keys("metric", 1, REGION, 1, REPORT_YEAR, 1)),
                    new IndexModel(keys(REGION, 1, REPORT_YEAR, 1)),
                    new IndexModel(keys(REFRESH, 1))),
            REGION_SCORECARD, List.of(
                    new IndexModel(keys(REGION, 1, REPORT_YEAR, 1)),
                    new IndexModel(keys(REFRESH, 1))),
            METRIC_COVERAGE, List.of(new IndexModel(keys(REFRESH, 1))),
            ANOMALIES, List.of(
                    new IndexModel(keys(REPORT_ID, 1, "type", 1)),
                    new IndexModel(keys("type", 1, REGION, 1, REPORT_YEAR, 1)),
                    new IndexModel(keys(REGION, 1, REPORT_YEAR, 1)),
                    new IndexModel(keys(REFRESH, 1))),
            SECTION_COUNTS, List.of(new IndexModel(keys(REPORT_ID, 1)), new IndexModel(keys(REFRESH, 1))),
            REPORT_OUTLINE, List.of(new IndexModel(keys(REFRESH, 1))),
            // report_facts is read by _id only; a refresh reads its own view_sources documents
            VIEW_SOURCES, List.of(new IndexModel(keys("src", 1)), new IndexModel(keys("at", 1))));

    public static void ensure(MongoDatabase db) {
        ALL.forEach((collection, models) -> db.getCollection(collection).createIndexes(models));
    }
}
