package dev.reportflow.metrics.api;

import static dev.reportflow.metrics.store.Db.*;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import dev.reportflow.metrics.api.ApiModel.*;
import dev.reportflow.metrics.catalog.MetricCatalog;
import dev.reportflow.metrics.service.MetricsStore;
import dev.reportflow.metrics.store.Manifests;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.TreeSet;
import org.bson.Document;
import org.bson.conversions.Bson;

/** The API's queries over the report facts and the materialized views. */
@ApplicationScoped
public class ReadModel {

    @Inject
    MetricsStore store;

    private MongoCollection<Document> coll(String name) {
        MongoDatabase db = store.database();
        return db.getCollection(name);
    }

    // ---------------------------------------------------------------- reports

    public Page<ReportItem> reports(String region, Integer year, String status, int page, int size) {
        List<Bson> f = new ArrayList<>();
        if (status != null) f.add(Filters.eq("status", status));
        if (region != null) f.add(Filters.eq(REGION, region));
        if (year != null) f.add(Filters.eq(REPORT_YEAR, year));
        Bson filter = f.isEmpty() ? new Document() : Filters.and(f);
        long total = coll(REPORTS).countDocuments(filter);
        List<ReportItem> items = new ArrayList<>();
        for (Document d : coll(REPORTS).find(filter)
                .sort(Sorts.orderBy(Sorts.descending(REPORT_YEAR), Sorts.ascending(REGION), Sorts.ascending(ID)))
                .skip(page * size).limit(size)) {
            items.add(reportItem(d));
        }
        return new Page<>(items, total, page, size);
    }

    static ReportItem reportItem(Document d) {
        boolean pending = PENDING.equals(d.getString("status"));
        Integer sections = pending ? integer(d.get("received_sections")) : integer(d.get("sections"));
        Integer indicators = pending ? integer(d.get("received_indicators")) : integer(d.get("indicators"));
        return new ReportItem(d.getString(ID), d.getString(FILE), d.getString(REGION), integer(d.get(REPORT_YEAR)),
                d.getString(ADMIN_LEVEL), d.getString("status"), sections == null ? 0 : sections,
                indicators == null ? 0 : indicators, d.getString(VERSION));
    }

    public ReportDetail report(String id) {
        Document d = coll(REPORTS).find(Filters.eq(ID, id)).first();
        if (d == null) throw ApiError.notFound("no report with id '" + id + "'");
        String status = d.getString("status");
        String version = shownVersion(d);

        Document outlineDoc = null;
        if (COMPLETE.equals(status)) outlineDoc = coll(REPORT_OUTLINE).find(Filters.eq(ID, id)).first();
        if (outlineDoc == null && version != null) outlineDoc = store.views().outlineOf(id, version);
        List<OutlineSection> outline = outline(outlineDoc);

        List<Document> inds = version == null ? List.of() : coll(INDICATORS)
                .find(Filters.and(Filters.eq(REPORT_ID, id), Filters.eq(VERSION, version)))
                .sort(Sorts.ascending("start")).into(new ArrayList<>());
        List<String> sentences = new ArrayList<>();
        List<Highlight.Span> spans = new ArrayList<>();
        for (Document i : inds) {
            sentences.add(i.getString("sentence"));
            spans.add(new Highlight.Span(integer(i.get("start")), integer(i.get("end")), number(i.get("value"))));
        }
        Map<Integer, int[]> hl = Highlight.locateAll(sentences, spans);
        List<IndicatorItem> items = new ArrayList<>();
        for (int k = 0; k < inds.size(); k++) {
            Document i = inds.get(k);
            String metric = i.getString("metric");
            int[] h = hl.get(k);
            items.add(new IndicatorItem(i.getString(ID), metric,
                    metric == null ? null : MetricCatalog.get(metric).map(MetricCatalog.Metric::name).orElse(null),
                    number(i.get("value")), i.getString("unit"), i.getString("approx"), i.getString("kind"),
                    i.getString("direction"), i.getString("subject"), i.getString("section_id"),
                    i.getList("section_path", String.class), integer(i.get("start")), integer(i.get("end")),
                    i.getString("sentence"), h == null ? null : List.of(h[0], h[1])));
        }
        List<Anomaly> anomalies = anomalies(coll(ANOMALIES).find(Filters.eq(REPORT_ID, id)).sort(Sorts.ascending("type", ID))
                .into(new ArrayList<>()));
        boolean pending = PENDING.equals(status);
        @SuppressWarnings("unchecked")
        Map<String, Object> source = d.get("source") instanceof Document s ? new LinkedHashMap<>(s) : null;
        return new ReportDetail(id, status, d.getString(VERSION), d.getString("pending_version"), d.getString(FILE),
                d.getString("title"), d.getString(REGION), d.getString("agency"), d.getString(ADMIN_LEVEL),
                integer(d.get(REPORT_YEAR)), d.getString("published"), d.getString("encoding"), integer(d.get("chars")),
                source, d.getString("supersedes"), d.getString("superseded_by"), d.getString("extracted_at"),
                d.getString("completed_at"),
                pending ? integer(d.get("received_sections")) : integer(d.get("sections")),
                pending ? integer(d.get("received_indicators")) : integer(d.get("indicators")),
                integer(d.get("expected_sections")), integer(d.get("expected_indicators")),
                outline, items, anomalies);
    }

    /** The version whose facts the API shows: the completed one, else the one being assembled. */
    private String shownVersion(Document d) {
        if (d.getString(VERSION) != null) return d.getString(VERSION);
        if (d.getString("pending_version") != null) return d.getString("pending_version");
        List<Document> versions = d.getList("versions", Document.class, List.of());
        if (!versions.isEmpty()) return versions.get(versions.size() - 1).getString("version");
        // Facts without a summary: the version most of them carry.
        Document top = coll(INDICATORS).aggregate(List.of(
                new Document("$match", new Document(REPORT_ID, d.getString(ID))),
                new Document("$group", new Document(ID, "$version").append("n", new Document("$sum", 1))),
                new Document("$sort", new Document("n", -1)))).first();
        if (top == null) {
            top = coll(SECTIONS).aggregate(List.of(
                    new Document("$match", new Document(REPORT_ID, d.getString(ID))),
                    new Document("$group", new Document(ID, "$version").append("n", new Document("$sum", 1))),
                    new Document("$sort", new Document("n", -1)))).first();
        }
        return top == null ? null : top.getString(ID);
    }

    static List<OutlineSection> outline(Document outlineDoc) {
        if (outlineDoc == null) return List.of();
        List<Document> secs = outlineDoc.getList("sections", Document.class, List.of());
        Map<String, Integer> total = new HashMap<>();
        Map<String, String> parent = new HashMap<>();
        for (Document s : secs) {
            parent.put(s.getString("section_id"), s.getString("parent_id"));
            total.merge(s.getString("section_id"), integer(s.get("indicators")), Integer::sum);
        }
        // Add each section's own count to all its ancestors.
        Map<String, Integer> rolled = new HashMap<>(total);
        for (Document s : secs) {
            int own = integer(s.get("indicators"));
            String p = s.getString("parent_id");
            int guard = 0;
            while (p != null && rolled.containsKey(p) && guard++ < 32) {
                rolled.merge(p, own, Integer::sum);
                p = parent.get(p);
            }
        }
        List<OutlineSection> out = new ArrayList<>();
        for (Document s : secs) {
            out.add(new OutlineSection(s.getString("section_id"), s.getString("parent_id"), integer(s.get("ordinal")),
                    integer(s.get("level")), s.getString("number"), s.getString("title"), s.getString("category"),
                    integer(s.get("start")), integer(s.get("end")), integer(s.get("indicators")),
                    rolled.get(s.getString("section_id"))));
        }
        return out;
    }

    // ---------------------------------------------------------------- metrics

    public List<MetricSummary> metrics() {
        Map<String, Document> coverage = new LinkedHashMap<>();
        for (Document c : coll(METRIC_COVERAGE).find().sort(Sorts.ascending(ID))) coverage.put(c.getString(ID), c);
        List<MetricSummary> out = new ArrayList<>();
        for (MetricCatalog.Metric m : MetricCatalog.all()) {
            out.add(metricSummary(m.id(), m.name(), m.description(), true, coverage.remove(m.id())));
        }
        // Ids the extractor emits beyond the catalogue.
        for (var e : coverage.entrySet()) out.add(metricSummary(e.getKey(), e.getKey(), null, false, e.getValue()));
        return out;
    }

    private static MetricSummary metricSummary(String id, String name, String description, boolean canonical, Document c) {
        if (c == null) return new MetricSummary(id, name, description, canonical, 0, 0, List.of(), null, null, 0, List.of());
        List<Integer> years = new ArrayList<>(new TreeSet<>(ints(c.getList("years", Object.class, List.of()))));
        List<String> units = new ArrayList<>(new TreeSet<>(strings(c.getList("units", Object.class, List.of()))));
        return new MetricSummary(id, name, description, canonical, integer(c.get("report_count")),
                integer(c.get("region_count")), years, integer(c.get("year_min")), integer(c.get("year_max")),
                integer(c.get("statements")), units);
    }

    public MetricSeries metric(String metric, String region, Integer year) {
        var known = MetricCatalog.get(metric);
        if (known.isEmpty() && coll(METRIC_COVERAGE).find(Filters.eq(ID, metric)).first() == null) {
            throw ApiError.notFound("no metric '" + metric + "'; GET /api/metrics lists them");
        }
        List<Bson> f = new ArrayList<>(List.of(Filters.eq("metric", metric)));
        if (region != null) f.add(Filters.eq(REGION, region));
        if (year != null) f.add(Filters.eq(REPORT_YEAR, year));
        List<Document> found = coll(METRIC_BY_REGION_YEAR).find(Filters.and(f))
                .sort(Sorts.ascending(REGION, REPORT_YEAR)).into(new ArrayList<>());
        List<List<Statement>> statements = statementsOf(found);
        List<MetricRow> rows = new ArrayList<>();
        for (int k = 0; k < found.size(); k++) {
            Document d = found.get(k);
            rows.add(new MetricRow(d.getString(REGION), integer(d.get(REPORT_YEAR)), number(d.get("value")),
                    d.getString("unit"), d.getString("approx"), d.getString(REPORT_ID), d.getString("quote"),
                    d.getString(ADMIN_LEVEL), integer(d.get("statements")),
                    strings(d.getList("reports", Object.class, List.of())), statements.get(k)));
        }
        return new MetricSeries(metric, known.map(MetricCatalog.Metric::name).orElse(metric),
                known.map(MetricCatalog.Metric::description).orElse(null), rows.size(), rows);
    }

    // ---------------------------------------------------------------- regions

    public List<RegionSummary> regions() {
        List<Document> p = List.of(
                new Document("$match", new Document("status", COMPLETE).append(REGION, new Document("$ne", null))),
                new Document("$group", new Document(ID, "$region")
                        .append(ADMIN_LEVEL, new Document("$first", "$admin_level"))
                        .append("years", new Document("$addToSet", "$report_year"))
                        .append("reports", new Document("$sum", 1))),
                new Document("$sort", new Document(ID, 1)));
        List<RegionSummary> out = new ArrayList<>();
        for (Document d : coll(REPORTS).aggregate(p)) {
            List<Integer> years = new ArrayList<>(new TreeSet<>(ints(d.getList("years", Object.class, List.of()))));
            out.add(new RegionSummary(d.getString(ID), d.getString(ADMIN_LEVEL), years, integer(d.get("reports"))));
        }
        return out;
    }

    public RegionDetail region(String region) {
        List<ReportItem> reports = new ArrayList<>();
        for (Document d : coll(REPORTS).find(Filters.eq(REGION, region))
                .sort(Sorts.orderBy(Sorts.descending(REPORT_YEAR), Sorts.ascending(ID)))) {
            reports.add(reportItem(d));
        }
        if (reports.isEmpty()) throw ApiError.notFound("no report covers region '" + region + "'");
        List<RegionYear> years = new ArrayList<>();
        String adminLevel = null;
        for (Document d : coll(REGION_SCORECARD).find(Filters.eq(REGION, region)).sort(Sorts.ascending(REPORT_YEAR))) {
            if (adminLevel == null) adminLevel = d.getString(ADMIN_LEVEL);
            Map<String, MetricValue> metrics = new LinkedHashMap<>();
            for (Document m : d.getList("metrics", Document.class, List.of())) {
                metrics.put(m.getString("metric"), new MetricValue(number(m.get("value")), m.getString("unit"),
                        m.getString("approx"), m.getString(REPORT_ID), integer(m.get("statements"))));
            }
            years.add(new RegionYear(integer(d.get(REPORT_YEAR)), strings(d.getList("reports", Object.class, List.of())),
                    integer(d.get("statements")), metrics));
        }
        if (adminLevel == null) adminLevel = reports.get(0).adminLevel();
        return new RegionDetail(region, adminLevel, years, reports);
    }

    // ---------------------------------------------------------------- anomalies

    public static final List<String> ANOMALY_TYPES =
            List.of("rate_over_100", "rate_mismatch", "conflicting_values", "implausible_value");

    public Page<Anomaly> anomalies(String type, String region, Integer year, String report, int page, int size) {
        List<Bson> f = new ArrayList<>();
        if (type != null) f.add(Filters.eq("type", type));
        if (region != null) f.add(Filters.eq(REGION, region));
        if (year != null) f.add(Filters.eq(REPORT_YEAR, year));
        if (report != null) f.add(Filters.eq(REPORT_ID, report));
        Bson filter = f.isEmpty() ? new Document() : Filters.and(f);
        long total = coll(ANOMALIES).countDocuments(filter);
        List<Document> found = coll(ANOMALIES).find(filter)
                .sort(Sorts.orderBy(Sorts.ascending(REGION), Sorts.descending(REPORT_YEAR), Sorts.ascending("type", ID)))
                .skip(page * size).limit(size).into(new ArrayList<>());
        return new Page<>(anomalies(found), total, page, size);
    }

    /** Anomaly rows with their statements. */
    private List<Anomaly> anomalies(List<Document> rows) {
        List<List<Statement>> statements = statementsOf(rows);
        List<Anomaly> out = new ArrayList<>();
        for (int k = 0; k < rows.size(); k++) out.add(anomaly(rows.get(k), statements.get(k)));
        return out;
    }

    /**
     * Each view row's statements (metric_by_region_year and anomaly rows list the indicators' ids):
     * the indicators read by {@code _id} for all the rows at once, each row's in document order.
     */
    private List<List<Statement>> statementsOf(List<Document> rows) {
        List<Object> ids = new ArrayList<>();
        for (Document d : rows) ids.addAll(d.getList(INDICATOR_IDS, Object.class, List.of()));
        Map<Object, Statement> byId = new HashMap<>();
        for (Document i : Manifests.findByIds(coll(INDICATORS), ids, STATEMENT_FIELDS)) byId.put(i.get(ID), statementOf(i));
        List<List<Statement>> out = new ArrayList<>();
        for (Document d : rows) {
            List<Statement> statements = new ArrayList<>();
            for (Object id : d.getList(INDICATOR_IDS, Object.class, List.of())) {
                Statement s = byId.get(id);
                if (s != null) statements.add(s);
            }
            statements.sort(IN_DOCUMENT_ORDER);
            out.add(statements);
        }
        return out;
    }

    /** Statements by report, then offset. */
    private static final Comparator<Statement> IN_DOCUMENT_ORDER =
            Comparator.comparing(Statement::reportId, Comparator.nullsLast(String::compareTo))
                    .thenComparing(Statement::start, Comparator.nullsLast(Integer::compareTo));

    static Anomaly anomaly(Document d, List<Statement> statements) {
        String type = d.getString("type");
        Double value = d.get("value") == null ? null : number(d.get("value"));
        Double expected = d.get("expected") == null ? null : number(d.get("expected"));
        String unit = d.getString("unit");
        String message = switch (type) {
            case "rate_over_100" -> "a rate of " + fmt(value) + "% is over 100%";
            case "rate_mismatch" -> "stated " + fmt(value) + "% but " + fmt(number(d.get("numerator"))) + " / "
                    + fmt(number(d.get("denominator"))) + " = " + String.format("%.2f", expected) + "%";
            case "conflicting_values" -> "stated " + statements.size() + " times with different values: "
                    + String.join(", ", statements.stream().map(s -> fmt(s.value()) + nz(s.unit())).distinct().toList());
            case "implausible_value" -> value != null && value < 0 ? "a negative value: " + fmt(value) + nz(unit)
                    : "an implausibly large value: " + fmt(value) + nz(unit);
            default -> type;
        };
        return new Anomaly(d.getString(ID), type, message, d.getString(REPORT_ID), d.getString(FILE),
                d.getString(REGION), integer(d.get(REPORT_YEAR)), d.getString("metric"), value, unit, expected,
                d.get("numerator") == null ? null : number(d.get("numerator")),
                d.get("denominator") == null ? null : number(d.get("denominator")), statements);
    }

    // ---------------------------------------------------------------- status

    public Status status() {
        long complete = coll(REPORTS).countDocuments(Filters.eq("status", COMPLETE));
        long pending = coll(REPORTS).countDocuments(Filters.eq("status", PENDING));
        long superseded = coll(REPORTS).countDocuments(Filters.eq("status", SUPERSEDED));
        Map<String, Long> views = new LinkedHashMap<>();
        for (String v : VIEWS) views.put(v, coll(v).estimatedDocumentCount());
        long regions = coll(REGION_SCORECARD).distinct(REGION, String.class).into(new ArrayList<>()).size();
        return new Status(complete + pending + superseded, complete, pending, superseded,
                coll(INDICATORS).countDocuments(Filters.eq(LIVE, true)),
                coll(SECTIONS).countDocuments(Filters.eq(LIVE, true)),
                views.get(METRIC_COVERAGE), regions, views.get(ANOMALIES), views,
                coll(REPORTS).countDocuments(Filters.exists("stale_keys")),
                Optional.ofNullable(coll(VIEW_QUEUE).find(Filters.eq(ID, DEFERRED_COVERAGE)).first())
                        .map(d -> d.getList("metrics", String.class, List.of()).size()).orElse(0));
    }

    // ---------------------------------------------------------------- helpers

    private static final Document STATEMENT_FIELDS = new Document("metric", 1).append("value", 1).append("unit", 1)
            .append("approx", 1).append("kind", 1).append(REPORT_ID, 1).append(FILE, 1).append("sentence", 1)
            .append("start", 1).append("end", 1).append("section_id", 1);

    /** A statement from its indicator document (as the views' pipelines shape one). */
    static Statement statementOf(Document i) {
        return new Statement(String.valueOf(i.get(ID)), i.getString("metric"),
                i.get("value") == null ? null : number(i.get("value")), i.getString("unit"), i.getString("approx"),
                i.getString("kind"), i.getString(REPORT_ID), i.getString(FILE), i.getString("sentence"),
                i.get("start") == null ? null : integer(i.get("start")),
                i.get("end") == null ? null : integer(i.get("end")), i.getString("section_id"));
    }

    static Integer integer(Object o) {
        return o instanceof Number n ? n.intValue() : null;
    }

    static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    static List<Integer> ints(List<Object> l) {
        List<Integer> out = new ArrayList<>();
        for (Object o : l) if (o instanceof Number n) out.add(n.intValue());
        return out;
    }

    static List<String> strings(List<Object> l) {
        List<String> out = new ArrayList<>();
        for (Object o : l) if (o != null) out.add(o.toString());
        return out;
    }

    static String fmt(Double v) {
        if (v == null) return "?";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString(v.longValue());
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
