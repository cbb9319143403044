package dev.reportflow.metrics.views;

import static dev.reportflow.metrics.store.Db.*;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The on-demand materialized views: aggregation pipelines over the live facts that end in
 * {@code $merge} into a view collection, run for the keys a completed report touched, or for
 * everything on a rebuild.
 *
 * <p>A refresh stamps every row it writes with a token that grows with time, then deletes the rows
 * inside the refreshed keys that carry an older token: those keys no longer have facts. Readers
 * never see a key disappear and come back, and nothing is ever incremented, so running a refresh
 * twice gives the same rows.
 *
 * <p>Only features that both a real mongod and mongo-java-server 1.47 execute are used: no array
 * literals holding field paths (mongo-java-server does not evaluate them), {@code $addFields} not
 * {@code $set}, no {@code $round}, {@code $setWindowFields}, {@code $unionWith} or pipeline updates.
 * {@code $addToSet} of null differs between the two servers (mongod keeps it), so sets that may
 * hold null are filtered explicitly.
 */
public final class Views {
    private static final AtomicLong LAST_TOKEN = new AtomicLong();

    private final MongoDatabase db;
    private final AnomalyRules rules;

    public Views(MongoDatabase db, AnomalyRules rules) {
        this.db = db;
        this.rules = rules;
    }

    /** Rows written per view by one refresh, and how long it took. */
    public record RefreshResult(Map<String, Long> rows, Map<String, Long> swept, Map<String, Long> viewMillis,
                                long millis) {}

    /** Recomputes every row inside {@code keys}. */
    public RefreshResult refresh(ViewKeys keys) {
        if (keys.isEmpty()) return new RefreshResult(Map.of(), Map.of(), Map.of(), 0);
        return run(Scope.of(keys));
    }

    /** Recomputes every view from the facts and drops rows nothing produces any more. */
    public RefreshResult rebuildAll() {
        return run(Scope.ALL);
    }

    private RefreshResult run(Scope scope) {
        long t0 = System.nanoTime();
        long token = nextToken();
        Map<String, Long> rows = new LinkedHashMap<>();
        Map<String, Long> swept = new LinkedHashMap<>();
        Map<String, Long> ms = new LinkedHashMap<>();
        long t = System.nanoTime();

        // Order matters: the scorecard is computed from metric_by_region_year.
        mergeAndSweep(METRIC_BY_REGION_YEAR, INDICATORS, metricByRegionYear(scope, token),
                scope.metricRegionYear(), token, rows, swept);
        t = lap(ms, METRIC_BY_REGION_YEAR, t);
        mergeAndSweep(REGION_SCORECARD, METRIC_BY_REGION_YEAR, regionScorecard(scope, token),
                scope.regionYear(), token, rows, swept);
        t = lap(ms, REGION_SCORECARD, t);
        mergeAndSweep(METRIC_COVERAGE, INDICATORS, metricCoverage(scope, token),
                scope.metricIds(), token, rows, swept);
        t = lap(ms, METRIC_COVERAGE, t);

        long anomalies;
        if (scope.all()) {
            for (List<Bson> p : anomalyPipelines(scope, token)) indicators().aggregate(p).allowDiskUse(true).toCollection();
        } else {
            indicators().aggregate(anomalyFacet(scope, token)).allowDiskUse(true).toCollection();
        }
        anomalies = db.getCollection(ANOMALIES).countDocuments(Filters.and(scope.reportField(REPORT_ID), Filters.eq(REFRESH, token)));
        rows.put(ANOMALIES, anomalies);
        swept.put(ANOMALIES, sweep(ANOMALIES, scope.reportField(REPORT_ID), token));
        t = lap(ms, ANOMALIES, t);

        mergeAndSweep(SECTION_COUNTS, INDICATORS, sectionCounts(scope, token),
                scope.reportField(REPORT_ID), token, rows, swept);
        t = lap(ms, SECTION_COUNTS, t);
        mergeAndSweep(REPORT_OUTLINE, SECTIONS, reportOutline(scope, token),
                scope.reportField(ID), token, rows, swept);
        lap(ms, REPORT_OUTLINE, t);
        return new RefreshResult(rows, swept, ms, (System.nanoTime() - t0) / 1_000_000);
    }

    private static long lap(Map<String, Long> ms, String view, long since) {
        long now = System.nanoTime();
        ms.put(view, (now - since) / 1_000_000);
        return now;
    }

    private void mergeAndSweep(String view, String source, List<Bson> pipeline, Bson keyFilter, long token,
                               Map<String, Long> rows, Map<String, Long> swept) {
        db.getCollection(source).aggregate(pipeline).allowDiskUse(true).toCollection();
        rows.put(view, db.getCollection(view).countDocuments(Filters.and(keyFilter, Filters.eq(REFRESH, token))));
        swept.put(view, sweep(view, keyFilter, token));
    }

    private long sweep(String view, Bson keyFilter, long token) {
        return db.getCollection(view).deleteMany(Filters.and(keyFilter, Filters.lt(REFRESH, token))).getDeletedCount();
    }

    /** Increasing across refreshes of this JVM (epoch microseconds, bumped on a tie). */
    static long nextToken() {
        long now = System.currentTimeMillis() * 1000;
        return LAST_TOKEN.accumulateAndGet(now, (last, n) -> Math.max(last + 1, n));
    }

    private MongoCollection<Document> indicators() {
        return db.getCollection(INDICATORS);
    }

    // ---------------------------------------------------------------- pipelines

    /**
     * metric × region × year. The headline {@code value} is the largest statement (a total
     * dominates its parts; several reports of one place and year usually repeat it), with its unit,
     * approx, report and sentence; {@code values} keeps every statement.
     */
    List<Bson> metricByRegionYear(Scope scope, long token) {
        return List.of(
                match(and(d(LIVE, true), d("metric", d("$ne", null)), scope.indicatorMetricRegionYear())),
                d("$sort", d("value", -1).append(REPORT_ID, 1).append("start", 1)),
                d("$group", d(ID, key("$metric", "$region", "$report_year"))
                        .append("metric", first("$metric"))
                        .append(REGION, first("$region"))
                        .append(REPORT_YEAR, first("$report_year"))
                        .append("value", first("$value"))
                        .append("unit", first("$unit"))
                        .append("approx", first("$approx"))
                        .append(REPORT_ID, first("$report_id"))
                        .append("quote", first("$sentence"))
                        .append(ADMIN_LEVEL, first("$admin_level"))
                        .append("values", d("$push", statement()))
                        .append("reports", d("$addToSet", "$report_id"))
                        .append("units", d("$addToSet", "$unit"))
                        .append("statements", d("$sum", 1))),
                d("$addFields", d("report_count", d("$size", "$reports"))
                        .append(REFRESH, token)),
                merge(METRIC_BY_REGION_YEAR));
    }

    /** region × year: one row holding every metric's headline, from metric_by_region_year. */
    List<Bson> regionScorecard(Scope scope, long token) {
        return List.of(
                match(scope.regionYearFields()),
                d("$sort", d("metric", 1)),
                d("$group", d(ID, key("$region", "$report_year"))
                        .append(REGION, first("$region"))
                        .append(REPORT_YEAR, first("$report_year"))
                        .append(ADMIN_LEVEL, first("$admin_level"))
                        .append("metrics", d("$push", d("metric", "$metric").append("value", "$value")
                                .append("unit", "$unit").append("approx", "$approx")
                                .append(REPORT_ID, "$report_id").append("statements", "$statements")))
                        .append("report_sets", d("$push", "$reports"))
                        .append("statements", d("$sum", "$statements"))
                        .append("metric_count", d("$sum", 1))),
                d("$addFields", d("reports", d("$reduce", d("input", "$report_sets").append("initialValue", List.of())
                                .append("in", d("$setUnion", Arrays.asList("$$value", "$$this")))))
                        .append(REFRESH, token)),
                d("$project", d("report_sets", 0)),
                d("$addFields", d("report_count", d("$size", "$reports"))),
                merge(REGION_SCORECARD));
    }

    /** metric → how many reports and regions state it, over which years. */
    List<Bson> metricCoverage(Scope scope, long token) {
        return List.of(
                match(and(d(LIVE, true), d("metric", d("$ne", null)), scope.indicatorMetrics())),
                d("$group", d(ID, "$metric")
                        .append("reports", d("$addToSet", "$report_id"))
                        .append("regions_all", d("$addToSet", "$region"))
                        .append("years_all", d("$addToSet", "$report_year"))
                        .append("units", d("$addToSet", "$unit"))
                        .append("statements", d("$sum", 1))),
                d("$addFields", d("metric", "$_id")
                        .append("regions", notNull("$regions_all"))
                        .append("years", notNull("$years_all"))),
                d("$project", d("regions_all", 0).append("years_all", 0)),
                d("$addFields", d("report_count", d("$size", "$reports"))
                        .append("region_count", d("$size", "$regions"))
                        .append("year_min", d("$min", "$years"))
                        .append("year_max", d("$max", "$years"))
                        .append(REFRESH, token)),
                merge(METRIC_COVERAGE));
    }

    /** One pipeline per anomaly type, each merging into {@code anomalies} (rows keyed by type and report). */
    List<List<Bson>> anomalyPipelines(Scope scope, long token) {
        List<List<Bson>> out = new ArrayList<>();
        for (List<Bson> stages : anomalyStages(scope, token)) {
            List<Bson> p = new ArrayList<>(stages);
            p.add(merge(ANOMALIES));
            out.add(p);
        }
        return out;
    }

    /**
     * The same stages as {@link #anomalyPipelines} in one pass over the indicators: {@code $facet}
     * runs every type on the refreshed reports' live indicators, and the rows are flattened into
     * one stream for {@code $merge}. Used for incremental refreshes, whose output is small; a facet's
     * output is one document (16 MB at most on mongod), so a rebuild runs the pipelines one by one.
     */
    List<Bson> anomalyFacet(Scope scope, long token) {
        List<List<Bson>> stages = anomalyStages(scope, token);
        Document facets = new Document();
        List<Object> arrays = new ArrayList<>();
        for (int k = 0; k < stages.size(); k++) {
            facets.append("t" + k, stages.get(k));
            arrays.add("$t" + k);
        }
        return List.of(
                match(and(d(LIVE, true), scope.indicatorReports())),
                d("$facet", facets),
                d("$project", d("all", d("$concatArrays", arrays))),
                d("$unwind", "$all"),
                d("$replaceRoot", d("newRoot", "$all")),
                merge(ANOMALIES));
    }

    /** Per anomaly type, the stages from the indicators to the anomaly rows (without {@code $merge}). */
    List<List<Bson>> anomalyStages(Scope scope, long token) {
        List<List<Bson>> out = new ArrayList<>();
        Document live = and(d(LIVE, true), scope.indicatorReports());

        // A rate over 100 % (出庭应诉率达105%). Changes (同比增长150%) are not rates.
        out.add(single(live, d("unit", "%").append("value", d("$gt", 100))
                        .append("$or", List.of(d("kind", "rate"), d("metric", d("$in", rules.rateMetrics())))),
                "rate_over_100", token));

        // Negative or absurdly large values.
        out.add(single(live, d("$or", List.of(
                        d("value", d("$lt", 0)),
                        d("unit", "元").append("value", d("$gt", rules.maxMoney())),
                        d("unit", "%").append("value", d("$gt", rules.maxPercent())),
                        d("unit", d("$nin", List.of("元", "%"))).append("value", d("$gt", rules.maxCount())))),
                "implausible_value", token));

        // The same metric stated with different values in one report. Changes and targets are
        // expected to differ from the stated level, so they are left out.
        out.add(List.of(
                match(and(live, d("metric", d("$ne", null)), d("kind", d("$nin", List.of("change", "target"))))),
                d("$sort", d("start", 1)),
                d("$group", d(ID, d(REPORT_ID, "$report_id").append("metric", "$metric"))
                        .append("distinct_values", d("$addToSet", "$value"))
                        .append("value", d("$max", "$value"))
                        .append("unit", first("$unit"))
                        .append("statements", d("$push", statement()))
                        .append(FILE, first("$file")).append(REGION, first("$region"))
                        .append(REPORT_YEAR, first("$report_year")).append(ADMIN_LEVEL, first("$admin_level"))),
                match(d("distinct_values.1", d("$exists", true))),
                d("$project", anomalyShape("conflicting_values", d("$concat",
                                List.of("conflicting_values:", "$_id.report_id", ":", "$_id.metric")),
                        "$_id.report_id", "$_id.metric", null, token))));

        // A stated rate that disagrees with its own counts in the same report.
        for (AnomalyRules.RateCheck c : rules.rateChecks()) {
            out.add(List.of(
                    match(and(live, d("metric", d("$in", List.of(c.rate(), c.numerator(), c.denominator()))))),
                    d("$sort", d("start", 1)),
                    d("$group", d(ID, "$report_id")
                            .append("stated", maxOf(c.rate()))
                            .append("numerator", maxOf(c.numerator()))
                            .append("denominator", maxOf(c.denominator()))
                            .append("statements", d("$push", statement()))
                            .append(FILE, first("$file")).append(REGION, first("$region"))
                            .append(REPORT_YEAR, first("$report_year")).append(ADMIN_LEVEL, first("$admin_level"))),
                    match(d("stated", d("$ne", null)).append("numerator", d("$ne", null))
                            .append("denominator", d("$gt", 0))),
                    d("$addFields", d("expected", d("$multiply", Arrays.asList(
                            d("$divide", Arrays.asList("$numerator", "$denominator")), 100)))),
                    d("$addFields", d("difference", d("$abs", d("$subtract", Arrays.asList("$stated", "$expected"))))),
                    match(d("difference", d("$gt", rules.rateTolerance()))),
                    d("$addFields", d("value", "$stated").append("unit", "%")),
                    d("$project", anomalyShape("rate_mismatch", d("$concat",
                                    List.of("rate_mismatch:", "$_id", ":", c.rate())), "$_id", c.rate(),
                            d("expected", "$expected").append("numerator", "$numerator")
                                    .append("denominator", "$denominator").append("difference", "$difference")
                                    .append("numerator_metric", c.numerator())
                                    .append("denominator_metric", c.denominator()),
                            token))));
        }
        return out;
    }

    /** An anomaly found in a single statement: grouped by the indicator so its statement is a list. */
    private List<Bson> single(Document live, Document condition, String type, long token) {
        return List.of(
                match(and(live, condition)),
                d("$group", d(ID, "$_id")
                        .append(REPORT_ID, first("$report_id")).append("metric", first("$metric"))
                        .append("value", first("$value")).append("unit", first("$unit"))
                        .append("statements", d("$push", statement()))
                        .append(FILE, first("$file")).append(REGION, first("$region"))
                        .append(REPORT_YEAR, first("$report_year")).append(ADMIN_LEVEL, first("$admin_level"))),
                d("$project", anomalyShape(type, d("$concat", List.of(type + ":", "$_id")), "$report_id",
                        "$metric", null, token)));
    }

    private static Document anomalyShape(String type, Object id, Object reportId, Object metric, Document extra,
                                         long token) {
        Document p = d(ID, id).append("type", d("$literal", type)).append(REPORT_ID, reportId)
                .append("metric", metric instanceof String s && !s.startsWith("$") ? d("$literal", s) : metric)
                .append("value", "$value").append("unit", "$unit").append("statements", "$statements")
                .append(FILE, "$file").append(REGION, "$region").append(REPORT_YEAR, "$report_year")
                .append(ADMIN_LEVEL, "$admin_level").append(REFRESH, d("$literal", token));
        if (extra != null) {
            for (Map.Entry<String, Object> e : extra.entrySet()) {
                Object v = e.getValue();
                p.append(e.getKey(), v instanceof String s && !s.startsWith("$") ? d("$literal", s) : v);
            }
        }
        return p;
    }

    /**
     * How many live indicators each section holds directly: {@code _id} is the section's
     * {@code _id}, so report_outline joins it through the primary key (a {@code $lookup} on any other
     * field is a collection scan per section on mongo-java-server).
     */
    List<Bson> sectionCounts(Scope scope, long token) {
        return List.of(
                match(and(d(LIVE, true), d("section_key", d("$ne", null)), scope.indicatorReports())),
                d("$group", d(ID, "$section_key").append(REPORT_ID, first("$report_id"))
                        .append("indicators", d("$sum", 1))),
                d("$addFields", d(REFRESH, token)),
                merge(SECTION_COUNTS));
    }

    /**
     * The section tree of each live report, in document order, with the indicators each section
     * holds directly ({@code indicators}); the API and dashboard add descendants' counts.
     */
    List<Bson> reportOutline(Scope scope, long token) {
        return List.of(
                match(and(d(LIVE, true), scope.sectionReports())),
                d("$lookup", d("from", SECTION_COUNTS).append("localField", ID).append("foreignField", ID)
                        .append("as", "held")),
                d("$addFields", d("held_count", d("$sum", "$held.indicators"))),
                d("$project", d("held", 0)),
                d("$sort", d(REPORT_ID, 1).append("ordinal", 1)),
                d("$group", d(ID, "$report_id")
                        .append(VERSION, first("$version"))
                        .append(FILE, first("$file")).append(REGION, first("$region"))
                        .append(REPORT_YEAR, first("$report_year"))
                        .append("sections", d("$push", d("section_id", "$section_id").append("parent_id", "$parent_id")
                                .append("ordinal", "$ordinal").append("level", "$level").append("number", "$number")
                                .append("title", "$title").append("category", "$category")
                                .append("start", "$start").append("end", "$end").append("indicators", "$held_count")))
                        .append("section_count", d("$sum", 1))
                        .append("indicator_count", d("$sum", "$held_count"))),
                d("$addFields", d(REFRESH, token)),
                merge(REPORT_OUTLINE));
    }

    /**
     * The outline of a report that is not in the views (pending or superseded), in the shape of a
     * report_outline row, counted from the report's own facts.
     */
    public Document outlineOf(String reportId, String version) {
        Map<String, Integer> held = new java.util.HashMap<>();
        for (Document i : db.getCollection(INDICATORS).find(Filters.and(Filters.eq(REPORT_ID, reportId),
                Filters.eq(VERSION, version))).projection(d("section_id", 1))) {
            held.merge(String.valueOf(i.getString("section_id")), 1, Integer::sum);
        }
        List<Document> sections = new ArrayList<>();
        int total = 0;
        for (Document s : db.getCollection(SECTIONS).find(Filters.and(Filters.eq(REPORT_ID, reportId),
                Filters.eq(VERSION, version))).sort(d("ordinal", 1))) {
            int n = held.getOrDefault(s.getString("section_id"), 0);
            total += n;
            Document row = new Document();
            for (String f : List.of("section_id", "parent_id", "ordinal", "level", "number", "title", "category",
                    "start", "end")) {
                row.append(f, s.get(f));
            }
            sections.add(row.append("indicators", n));
        }
        if (sections.isEmpty()) return null;
        return d(ID, reportId).append(VERSION, version).append("sections", sections)
                .append("section_count", sections.size()).append("indicator_count", total);
    }

    // ---------------------------------------------------------------- helpers

    /**
     * A view row's {@code _id}: its key fields joined by "|" (null as empty), e.g.
     * {@code legal_aid.cases|重庆市九龙坡区|2023}. String ids, because mongo-java-server's H2 backend
     * (the devstack's) fails {@code $merge} onto existing rows whose {@code _id} is a document.
     */
    private static Document key(String... fields) {
        List<Object> parts = new ArrayList<>();
        for (int k = 0; k < fields.length; k++) {
            if (k > 0) parts.add("|");
            parts.add(d("$ifNull", Arrays.asList(d("$toString", fields[k]), "")));
        }
        return d("$concat", parts);
    }

    private static Document statement() {
        return d("indicator_id", "$_id").append("metric", "$metric").append("value", "$value")
                .append("unit", "$unit").append("approx", "$approx").append("kind", "$kind")
                .append(REPORT_ID, "$report_id").append(FILE, "$file").append("quote", "$sentence")
                .append("start", "$start").append("end", "$end").append("section_id", "$section_id");
    }

    private static Document maxOf(String metric) {
        return d("$max", d("$cond", Arrays.asList(d("$eq", Arrays.asList("$metric", metric)), "$value", null)));
    }

    private static Document notNull(String arrayField) {
        return d("$filter", d("input", arrayField).append("as", "x").append("cond", d("$ne", Arrays.asList("$$x", null))));
    }

    private static Document first(String field) {
        return d("$first", field);
    }

    private static Document merge(String into) {
        return d("$merge", d("into", into).append("on", ID).append("whenMatched", "replace")
                .append("whenNotMatched", "insert"));
    }

    private static Document match(Document filter) {
        return d("$match", filter);
    }

    /** Combines filters into one document (field names never repeat across the parts here). */
    private static Document and(Document... parts) {
        Document out = new Document();
        List<Object> ors = new ArrayList<>();
        for (Document p : parts) {
            for (Map.Entry<String, Object> e : p.entrySet()) {
                if (e.getKey().equals("$and")) {
                    ors.addAll((List<?>) e.getValue());
                } else if (out.containsKey(e.getKey())) {
                    ors.add(d(e.getKey(), e.getValue()));
                } else {
                    out.append(e.getKey(), e.getValue());
                }
            }
        }
        if (!ors.isEmpty()) out.append("$and", ors);
        return out;
    }

    static Document d(String k, Object v) {
        return new Document(k, v);
    }

    // ---------------------------------------------------------------- scope

    /** The rows a refresh covers: everything, or the cross product of some keys. */
    record Scope(ViewKeys keys) {
        static final Scope ALL = new Scope(null);

        static Scope of(ViewKeys keys) {
            return new Scope(keys);
        }

        boolean all() {
            return keys == null;
        }

        private static Document in(String field, java.util.Collection<?> values) {
            return d(field, d("$in", new ArrayList<>(values)));
        }

        Document indicatorMetricRegionYear() {
            if (all()) return new Document();
            return in("metric", keys.metrics()).append(REGION, d("$in", new ArrayList<>(keys.regions())))
                    .append(REPORT_YEAR, d("$in", new ArrayList<>(keys.years())));
        }

        Document indicatorMetrics() {
            return all() ? new Document() : in("metric", keys.metrics());
        }

        Document indicatorReports() {
            return all() ? new Document() : in(REPORT_ID, keys.reports());
        }

        Document sectionReports() {
            return indicatorReports();
        }

        Document regionYearFields() {
            if (all()) return new Document();
            return in(REGION, keys.regions()).append(REPORT_YEAR, d("$in", new ArrayList<>(keys.years())));
        }

        Bson metricRegionYear() {
            return indicatorMetricRegionYear();
        }

        Bson regionYear() {
            return regionYearFields();
        }

        Bson metricIds() {
            return all() ? new Document() : in(ID, keys.metrics());
        }

        Bson reportField(String field) {
            return all() ? new Document() : in(field, keys.reports());
        }
    }
}
