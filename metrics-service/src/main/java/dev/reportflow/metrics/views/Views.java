package dev.reportflow.metrics.views;

import static dev.reportflow.metrics.store.Db.*;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import dev.reportflow.metrics.store.Manifests;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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

    /**
     * Recomputes the rows of {@code keys} (regions × years, metrics, reports), then deletes those of
     * their rows that nothing produced this time.
     *
     * <p>How the facts are read follows the cost model of the devstack's server, measured in
     * docs/benchmarks.md: mongo-java-server's H2 backend answers an {@code _id} lookup about an order
     * of magnitude slower than it filters a document during a scan (its B-tree compares keys by
     * serializing them), and every aggregation reads its whole source collection. So the
     * region-year and metric views filter the facts with a {@code $match} (on mongod, through the
     * indexes of store/Indexes), and the per-report views join the reports' facts by {@code _id} from
     * their manifests when that reads fewer documents than a scan would, weighted by
     * {@link #LOOKUP_COST}.
     */
    public RefreshResult refresh(ViewKeys keys) {
        return refresh(keys, true);
    }

    /**
     * As {@link #refresh(ViewKeys)}; with {@code coverageNow} false, metric_coverage is not
     * recomputed but its metrics are queued ({@link Db#VIEW_QUEUE}) for a later refresh with
     * {@code coverageNow} true, which computes them with its own. Coverage is a summary over every
     * region-year of a metric: its cost grows with the whole view, not with the refreshed reports,
     * so under a stream of small refreshes it dominated them (docs/benchmarks.md). The caller
     * unqueues the reports' own keys after this returns, so a crash loses no key.
     */
    public RefreshResult refresh(ViewKeys keys, boolean coverageNow) {
        return refresh(keys, () -> coverageNow);
    }

    /**
     * As {@link #refresh(ViewKeys, boolean)}, asking {@code coverageNow} once, when metric_coverage
     * is due (after metric_by_region_year, which it reads): a turn that started while batches were
     * arriving computes coverage if they have stopped by then, instead of leaving it to a turn of
     * its own.
     */
    public RefreshResult refresh(ViewKeys keys, java.util.function.BooleanSupplier coverageNow) {
        return refresh(keys, coverageNow, false);
    }

    /**
     * As {@link #refresh(ViewKeys, java.util.function.BooleanSupplier)}; with {@code alongside} the
     * per-report views (anomalies, section_counts, report_outline), which read no other view, are
     * computed on a second thread and connection beside the region-year ones. That uses a core the
     * consumer leaves idle (a turn at the end of a burst finishes in about half the time); while
     * batches are being stored it would only compete with them, so the refresher asks for it when
     * the consumer is idle.
     */
    public RefreshResult refresh(ViewKeys keys, java.util.function.BooleanSupplier coverageNow, boolean alongside) {
        if (keys.isEmpty() && !coverageNow.getAsBoolean()) return new RefreshResult(Map.of(), Map.of(), Map.of(), 0);
        if (keys.isEmpty()) {
            Document deferred = deferredCoverage();
            if (deferred == null) return new RefreshResult(Map.of(), Map.of(), Map.of(), 0);
            long t0 = System.nanoTime();
            Map<String, Long> rows = new LinkedHashMap<>(), swept = new LinkedHashMap<>();
            coverage(Set.of(), deferred, nextToken(), rows, swept);
            long millis = (System.nanoTime() - t0) / 1_000_000;
            return new RefreshResult(rows, swept, Map.of(METRIC_COVERAGE, millis), millis);
        }
        long t0 = System.nanoTime();
        long token = nextToken();
        // Rows can only have gone away if some report left the views; otherwise every existing row
        // of the refreshed keys is rewritten with this token and there is nothing to sweep.
        boolean sweep = !keys.additionsOnly();
        TurnRange range = completedRange(keys.reports());
        Scope scope = Scope.of(keys).withFactsOf(range == null ? null : liveSeqsOf(keys, range));
        Map<String, Long> rows = new LinkedHashMap<>();
        Map<String, Long> swept = new LinkedHashMap<>();
        Map<String, Long> ms = new LinkedHashMap<>();
        long ts = System.nanoTime();
        String staged = range == null ? null : stageTurnFacts(range, token);
        if (staged != null) lap(ms, TURN_FACTS, ts);
        MongoCollection<Document> turnFacts = staged == null ? indicators() : db.getCollection(staged);
        java.util.function.Supplier<RefreshResult> perReportPart = () -> perReportViews(keys, scope, range, turnFacts, sweep, token);
        CompletableFuture<RefreshResult> perReport = alongside ? CompletableFuture.supplyAsync(perReportPart, PER_REPORT) : null;
        RuntimeException failure = null;
        try {
            regionYearViews(keys, scope, range, turnFacts, sweep, token, coverageNow, rows, swept, ms);
        } catch (RuntimeException e) {
            failure = e;
        }
        // Alongside: waited for even when the other part failed, so no refresh is still writing when
        // the next starts. In turn: only after the other part succeeded.
        RefreshResult p = null;
        if (perReport != null || failure == null) {
            try {
                p = perReport != null ? join(perReport) : perReportPart.get();
            } catch (RuntimeException e) {
                if (failure == null) failure = e;
                else failure.addSuppressed(e);
            }
        }
        if (staged != null) {
            try {
                db.getCollection(staged).drop();
            } catch (RuntimeException e) {
                // Left for dropStaleTurnFacts; the turn itself is reported as it went.
                if (failure != null) failure.addSuppressed(e);
            }
        }
        if (failure != null) throw failure;
        rows.putAll(p.rows());
        swept.putAll(p.swept());
        ms.putAll(p.viewMillis());
        return new RefreshResult(rows, swept, ms, (System.nanoTime() - t0) / 1_000_000);
    }

    /** Runs the per-report views beside the region-year ones: daemon threads, idle ones dropped after a minute. */
    private static final ExecutorService PER_REPORT = Executors.newCachedThreadPool(r -> {
        Thread th = new Thread(r, "views-per-report");
        th.setDaemon(true);
        return th;
    });

    private static RefreshResult join(CompletableFuture<RefreshResult> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw e;
        }
    }

    /** metric_by_region_year, region_scorecard and metric_coverage for the refreshed keys. */
    private void regionYearViews(ViewKeys keys, Scope scope, TurnRange range, MongoCollection<Document> turnFacts,
                                 boolean sweep, long token,
                                 java.util.function.BooleanSupplier coverageNow,
                                 Map<String, Long> rows, Map<String, Long> swept, Map<String, Long> ms) {
        long t = System.nanoTime();
        // Order matters: the scorecard and the coverage are computed from metric_by_region_year.
        // Every row of the refreshed regions × years is recomputed (all metrics: a batch touches most
        // of them anyway, and a $match on a list costs a linear search per document on
        // mongo-java-server), so rows of those keys without a fresh token have no facts any more.
        // A turn that only adds reports folds their facts into the rows (in proportion to the turn);
        // any other recomputes its regions × years from every live fact (in proportion to them).
        boolean fold = keys.additionsOnly() && range != null && foldIsCheaper(keys);
        if (fold) {
            turnFacts.aggregate(metricByRegionYearAdded(scope.completedBetween(range.lo(), range.hi()), token))
                    .allowDiskUse(true).toCollection();
            countAndSweep(METRIC_BY_REGION_YEAR, null, token, rows, swept);
        } else {
            indicators().aggregate(metricByRegionYear(scope, token)).allowDiskUse(true).toCollection();
            countAndSweep(METRIC_BY_REGION_YEAR, sweep ? scope.regionYearFields() : null, token, rows, swept);
        }
        t = lap(ms, METRIC_BY_REGION_YEAR, t);
        // After a recompute and its sweep the rows of the refreshed regions × years are exactly those
        // carrying this token: one comparison per row instead of two lists searched. A fold leaves the
        // rows it did not touch with their older tokens.
        db.getCollection(METRIC_BY_REGION_YEAR).aggregate(regionScorecard(fold ? scope.regionYearFields() : d(REFRESH, token), token))
                .allowDiskUse(true).toCollection();
        countAndSweep(REGION_SCORECARD, sweep ? scope.regionYearFields() : null, token, rows, swept);
        t = lap(ms, REGION_SCORECARD, t);
        if (coverageNow.getAsBoolean()) {
            coverage(keys.metrics(), deferredCoverage(), token, rows, swept);
        } else if (!keys.metrics().isEmpty()) {
            db.getCollection(VIEW_QUEUE).updateOne(Filters.eq(ID, DEFERRED_COVERAGE),
                    Updates.combine(Updates.addEachToSet("metrics", new ArrayList<>(keys.metrics())), Updates.inc("queued", 1)),
                    new com.mongodb.client.model.UpdateOptions().upsert(true));
        }
        lap(ms, METRIC_COVERAGE, t);
    }

    /** anomalies, section_counts and report_outline for the refreshed reports. */
    private RefreshResult perReportViews(ViewKeys keys, Scope scope, TurnRange range, MongoCollection<Document> turnFacts,
                                         boolean sweep, long token) {
        long t0 = System.nanoTime(), t = t0;
        Map<String, Long> rows = new LinkedHashMap<>(), swept = new LinkedHashMap<>(), ms = new LinkedHashMap<>();
        // The per-report views select the refreshed reports' facts by the range of their completion
        // sequence numbers (one comparison per document; reports completed inside the range but not
        // refreshed now are recomputed too, to the same rows). Facts stored before that field existed
        // are read through their manifests.
        Scope perReportScope = range == null ? scope : scope.completedBetween(range.lo(), range.hi());
        // One pipeline per type: a $facet's single output document would be $unwound, which
        // mongo-java-server does by deep-copying the whole document per row (quadratic in the rows).
        List<List<Bson>> perReport = new ArrayList<>(anomalyPipelines(perReportScope, token));
        perReport.add(sectionCounts(perReportScope, token));
        Manifests.Manifest shown = range == null ? new Manifests(db).shownFacts(keys.reports()) : null;
        if (range != null) {
            for (List<Bson> p : perReport) turnFacts.aggregate(p).allowDiskUse(true).toCollection();
        } else {
            read(INDICATORS, shown.indicators(), perReport, token);
        }
        Bson byReport = sweep ? scope.reportField(REPORT_ID) : null;
        countAndSweep(ANOMALIES, byReport, token, rows, swept);
        countAndSweep(SECTION_COUNTS, byReport, token, rows, swept);
        t = lap(ms, ANOMALIES + "+" + SECTION_COUNTS, t);
        if (range != null) {
            db.getCollection(SECTIONS).aggregate(reportOutline(perReportScope, token)).allowDiskUse(true).toCollection();
        } else {
            read(SECTIONS, shown.sections(), List.of(reportOutline(perReportScope, token)), token);
        }
        sweepIds(REPORT_OUTLINE, keys.reports(), token, rows, swept);
        lap(ms, REPORT_OUTLINE, t);
        return new RefreshResult(rows, swept, ms, (System.nanoTime() - t0) / 1_000_000);
    }

    /** metric_coverage for {@code metrics} and the queued ones, then the queue cleared. */
    private void coverage(Set<String> metrics, Document deferred, long token, Map<String, Long> rows, Map<String, Long> swept) {
        Set<String> all = new TreeSet<>(metrics);
        if (deferred != null) all.addAll(deferred.getList("metrics", String.class, List.of()));
        db.getCollection(METRIC_BY_REGION_YEAR).aggregate(metricCoverage(Scope.of(ViewKeys.empty().addMetrics(all)), token))
                .allowDiskUse(true).toCollection();
        sweepIds(METRIC_COVERAGE, all, token, rows, swept);
        unqueueCoverage(deferred);
    }

    /** Removes the coverage queue read as {@code deferred}, unless more was queued since (that stays for the next refresh). */
    private void unqueueCoverage(Document deferred) {
        if (deferred == null) return;
        db.getCollection(VIEW_QUEUE).deleteOne(Filters.and(Filters.eq(ID, DEFERRED_COVERAGE),
                Filters.eq("queued", deferred.get("queued"))));
    }

    /** The queued metric_coverage keys ({@code metrics}, and {@code queued}: how often keys were added), or null. */
    public Document deferredCoverage() {
        return db.getCollection(VIEW_QUEUE).find(Filters.eq(ID, DEFERRED_COVERAGE)).first();
    }

    /**
     * What folding a report into metric_by_region_year costs, in reports a recompute reads. On
     * mongo-java-server a fold costs a fixed part (its scan of every fact, a {@code whenMatched}
     * pipeline per row it touches) and per report about as much as a recompute; measured with
     * ViewPipelineHarness (1,000 reports over 40 regions, warm): a fold of 200 reports 0.53–0.58 s,
     * of 500 0.73–0.81 s, a recompute of all 1,000 1.2–1.6 s (docs/benchmarks.md, metrics-service
     * round 6). So a turn folds unless it is everything its regions × years show.
     */
    static final int FOLD_COST = 1;

    /**
     * Whether folding the turn's reports costs less than recomputing their regions × years: a fold
     * reads the turn's facts, a recompute every live fact there, both estimated in reports. (When
     * the turn is all there is, a recompute merges into no existing rows, which is cheaper.)
     */
    private boolean foldIsCheaper(ViewKeys keys) {
        long shown = db.getCollection(REPORTS).countDocuments(and(new Scope(keys, null, null).regionYearFields(),
                d(VERSION, d("$ne", null))));
        return (long) keys.reports().size() * FOLD_COST < shown;
    }

    /** Reports' completion numbers listed in a metric_by_region_year {@code $match}, at most. */
    public static final int MAX_LISTED_SEQS = 32;

    /**
     * The completion sequence numbers outside {@code range} of the reports in the refreshed regions ×
     * years: with the range they select every live fact of those keys by one or two comparisons per
     * document, ahead of the region and year lists (a linear search each on mongo-java-server). Null
     * (no such filter) when a report there has no number (stored by an earlier service version) or
     * when there are more than {@value #MAX_LISTED_SEQS} (many reports per region and year: the list
     * would cost what it saves). A report completing while this runs queues these keys again, so its
     * facts are counted by the next refresh if not by this one.
     */
    private Document liveSeqsOf(ViewKeys keys, TurnRange range) {
        List<Long> outside = new ArrayList<>();
        Document regionYears = new Scope(keys, null, null).regionYearFields();
        for (Document r : db.getCollection(REPORTS).find(regionYears).projection(d(VERSION, 1).append(COMPLETED_SEQ, 1))) {
            if (r.getString(VERSION) == null) continue;
            if (!(r.get(COMPLETED_SEQ) instanceof Number n)) return null;
            long seq = n.longValue();
            if (seq >= range.lo() && seq <= range.hi()) continue;
            if (outside.size() == MAX_LISTED_SEQS) return null;
            outside.add(seq);
        }
        Document inRange = d(COMPLETED_SEQ, d("$gte", range.lo()).append("$lte", range.hi()));
        return outside.isEmpty() ? inRange : d("$or", List.of(inRange, d(COMPLETED_SEQ, d("$in", outside))));
    }

    /**
     * The smallest and largest {@code completed_seq} of the given reports that the views show (a
     * version), {@code {1, 0}} (an empty range) when none does, null when one of them has none (stored
     * by an earlier service version).
     */
    private TurnRange completedRange(Collection<String> reportIds) {
        long lo = Long.MAX_VALUE, hi = Long.MIN_VALUE, indicators = 0;
        for (Document r : Manifests.findByIds(db.getCollection(REPORTS), reportIds,
                d(VERSION, 1).append(COMPLETED_SEQ, 1).append("indicators", 1))) {
            if (r.getString(VERSION) == null) continue;
            if (!(r.get(COMPLETED_SEQ) instanceof Number n)) return null;
            lo = Math.min(lo, n.longValue());
            hi = Math.max(hi, n.longValue());
            if (r.get("indicators") instanceof Number c) indicators += c.longValue();
        }
        return lo > hi ? new TurnRange(1, 0, 0) : new TurnRange(lo, hi, indicators);
    }

    /** A turn's completion numbers, {@code lo..hi}, and how many indicators its reports state. */
    record TurnRange(long lo, long hi, long indicators) {}

    /**
     * How many times more facts than a turn states the indicators collection must hold before the
     * turn's facts are copied out for its pipelines ({@link #stageTurnFacts}): the copy writes each
     * of the turn's facts once, and saves each of the turn's eight or so pipelines over the indicators a
     * scan of the whole collection (mongo-java-server runs no aggregation through an index).
     */
    static final int STAGE_RATIO = 3;

    /** Collections holding one turn's facts are named with this prefix, the turn's token and a random suffix. */
    public static final String TURN_FACTS_PREFIX = "view_turn_";

    /** The key of the copy's time in {@link RefreshResult#viewMillis()}, when a turn copied its facts out. */
    public static final String TURN_FACTS = "turn_facts";

    /**
     * Copies the facts of the turn's completion range into a collection of their own ({@code $out}),
     * which the turn's fold and per-report pipelines read instead of the indicators: their cost then
     * follows the turn, not the database (docs/benchmarks.md, metrics-service round 8). Null when the
     * indicators collection is too small for the copy to pay. The caller drops the collection.
     */
    private String stageTurnFacts(TurnRange range, long token) {
        if (range.lo() > range.hi()
                || indicators().estimatedDocumentCount() <= STAGE_RATIO * Math.max(1, range.indicators())) return null;
        String name = TURN_FACTS_PREFIX + token + "_" + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong());
        indicators().aggregate(List.of(match(d(COMPLETED_SEQ, d("$gte", range.lo()).append("$lte", range.hi()))),
                d("$out", name))).allowDiskUse(true).toCollection();
        return name;
    }

    /** Drops the turn collections that a crash left behind (a running turn's is seconds old). */
    private void dropStaleTurnFacts() {
        long before = (System.currentTimeMillis() - 3_600_000L) * 1000;
        for (String name : db.listCollectionNames()) {
            if (!name.startsWith(TURN_FACTS_PREFIX)) continue;
            String[] parts = name.substring(TURN_FACTS_PREFIX.length()).split("_");
            try {
                if (Long.parseLong(parts[0]) < before) db.getCollection(name).drop();
            } catch (NumberFormatException e) {
                // not ours
            }
        }
    }

    /**
     * What one {@code _id} lookup costs in documents a scan filters, on mongo-java-server's H2
     * backend (docs/benchmarks.md). A real mongod answers both through indexes; there the choice
     * hardly matters.
     */
    static final int LOOKUP_COST = 12;

    private boolean cheaperByIds(String collection, int ids) {
        return (long) ids * LOOKUP_COST < db.getCollection(collection).estimatedDocumentCount();
    }

    /**
     * Runs the pipelines over the given facts joined by {@code _id} when that is cheaper, else over the
     * whole collection (their first {@code $match} selects the same facts either way).
     */
    private void read(String collection, Collection<String> ids, List<List<Bson>> pipelines, long token) {
        if (!cheaperByIds(collection, ids.size())) {
            for (List<Bson> p : pipelines) db.getCollection(collection).aggregate(p).allowDiskUse(true).toCollection();
        } else if (!ids.isEmpty()) {
            sourced(collection, ids, pipelines, token);
        }
    }

    /** Recomputes every view from the facts (and the manifests behind completion) and drops rows nothing produces any more. */
    public RefreshResult rebuildAll() {
        long t0 = System.nanoTime();
        long token = nextToken();
        Map<String, Long> rows = new LinkedHashMap<>();
        Map<String, Long> swept = new LinkedHashMap<>();
        Map<String, Long> ms = new LinkedHashMap<>();
        long t = System.nanoTime();
        rebuildManifests();
        t = lap(ms, REPORT_FACTS, t);

        // Order matters: the scorecard and the coverage are computed from metric_by_region_year.
        mergeAndSweep(METRIC_BY_REGION_YEAR, INDICATORS, metricByRegionYear(Scope.ALL, token), token, rows, swept);
        t = lap(ms, METRIC_BY_REGION_YEAR, t);
        mergeAndSweep(REGION_SCORECARD, METRIC_BY_REGION_YEAR, regionScorecard(new Document(), token), token, rows, swept);
        t = lap(ms, REGION_SCORECARD, t);
        Document deferred = deferredCoverage();
        mergeAndSweep(METRIC_COVERAGE, METRIC_BY_REGION_YEAR, metricCoverage(Scope.ALL, token), token, rows, swept);
        unqueueCoverage(deferred);
        t = lap(ms, METRIC_COVERAGE, t);
        // Anomaly rows do not depend on the order the facts are read in (sets, maxima, the unit by offset).
        for (List<Bson> p : anomalyPipelines(Scope.ALL, token)) indicators().aggregate(p).allowDiskUse(true).toCollection();
        countAndSweep(ANOMALIES, new Document(), token, rows, swept);
        t = lap(ms, ANOMALIES, t);
        mergeAndSweep(SECTION_COUNTS, INDICATORS, sectionCounts(Scope.ALL, token), token, rows, swept);
        t = lap(ms, SECTION_COUNTS, t);
        mergeAndSweep(REPORT_OUTLINE, SECTIONS, reportOutline(Scope.ALL, token), token, rows, swept);
        lap(ms, REPORT_OUTLINE, t);
        return new RefreshResult(rows, swept, ms, (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * report_facts and reports.fact_versions from the facts (full scans): repairs them, and fills
     * them for a database written before they existed.
     */
    private void rebuildManifests() {
        for (String[] c : new String[][] {{SECTIONS, "sections"}, {INDICATORS, "indicators"}}) {
            db.getCollection(c[0]).aggregate(List.of(
                    d("$group", d(ID, d("$concat", Arrays.asList("$report_id", "|", "$version")))
                            .append(REPORT_ID, first("$report_id")).append(VERSION, first("$version"))
                            .append(c[1], d("$push", "$_id"))),
                    d("$merge", d("into", REPORT_FACTS).append("on", ID).append("whenMatched", "merge")
                            .append("whenNotMatched", "insert")))).allowDiskUse(true).toCollection();
        }
        db.getCollection(REPORT_FACTS).aggregate(List.of(
                d("$group", d(ID, "$report_id").append("fact_versions", d("$addToSet", "$version"))),
                d("$merge", d("into", REPORTS).append("on", ID).append("whenMatched", "merge")
                        .append("whenNotMatched", "discard")))).toCollection();
        // Sources and turn collections of refreshes that a crash left behind (a running refresh is seconds old).
        db.getCollection(VIEW_SOURCES).deleteMany(Filters.lt("at", System.currentTimeMillis() - 3_600_000L));
        dropStaleTurnFacts();
    }

    /**
     * Runs each pipeline over the documents of {@code collection} whose ids are given, joined by
     * {@code _id} from short-lived {@code view_sources} documents of {@value #SOURCE_CHUNK} ids each
     * (mongo-java-server's {@code $unwind} deep-copies the whole document per element: one document
     * with every id would be quadratic). Ids are sorted: the same input order as a rebuild, which
     * sorts by {@code _id}, so sets come out in the same order.
     */
    private void sourced(String collection, Collection<String> ids, List<List<Bson>> pipelines, long token) {
        if (ids.isEmpty()) return;
        String sid = token + ":" + SOURCE_SEQ.incrementAndGet();
        MongoCollection<Document> sources = db.getCollection(VIEW_SOURCES);
        List<String> sorted = new ArrayList<>(new TreeSet<>(ids));
        List<Document> chunks = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (int k = 0; k < sorted.size(); k += SOURCE_CHUNK) {
            chunks.add(d(ID, sid + ":" + String.format("%06d", k / SOURCE_CHUNK)).append("src", sid).append("at", now)
                    .append("ids", sorted.subList(k, Math.min(sorted.size(), k + SOURCE_CHUNK))));
        }
        sources.insertMany(chunks);
        try {
            for (List<Bson> stages : pipelines) {
                List<Bson> p = new ArrayList<>(List.of(
                        match(d("src", sid)),
                        d("$sort", d(ID, 1)),
                        d("$unwind", "$ids"),
                        d("$lookup", d("from", collection).append("localField", "ids").append("foreignField", ID).append("as", "doc")),
                        d("$unwind", "$doc"),
                        d("$replaceRoot", d("newRoot", "$doc"))));
                p.addAll(stages);
                sources.aggregate(p).allowDiskUse(true).toCollection();
            }
        } finally {
            sources.deleteMany(Filters.eq("src", sid));
        }
    }

    static final int SOURCE_CHUNK = 50;
    private static final AtomicLong SOURCE_SEQ = new AtomicLong();

    /**
     * Counts the rows this refresh wrote among {@code ids}, and deletes the ones an older refresh
     * wrote (their keys produced nothing this time); by {@code _id} only.
     */
    private void sweepIds(String view, Collection<String> ids, long token, Map<String, Long> rows, Map<String, Long> swept) {
        long written = 0;
        List<Object> old = new ArrayList<>();
        for (Document d : Manifests.findByIds(db.getCollection(view), ids, d(REFRESH, 1))) {
            long r = d.get(REFRESH) instanceof Number n ? n.longValue() : 0L;
            if (r == token) written++;
            else if (r < token) old.add(d.get(ID));
        }
        Manifests.deleteByIds(db.getCollection(view), old);
        rows.put(view, written);
        swept.put(view, (long) old.size());
    }

    /**
     * Counts the rows this refresh wrote into {@code view} (the token is this refresh's alone), then,
     * given a key filter, deletes the rows inside it that an older refresh wrote: their keys produced
     * nothing this time.
     */
    private void countAndSweep(String view, Bson keyFilter, long token, Map<String, Long> rows, Map<String, Long> swept) {
        rows.put(view, db.getCollection(view).countDocuments(Filters.eq(REFRESH, token)));
        swept.put(view, keyFilter == null ? 0L
                : db.getCollection(view).deleteMany(Filters.and(Filters.lt(REFRESH, token), keyFilter)).getDeletedCount());
    }

    private static long lap(Map<String, Long> ms, String view, long since) {
        long now = System.nanoTime();
        ms.put(view, (now - since) / 1_000_000);
        return now;
    }

    private void mergeAndSweep(String view, String source, List<Bson> pipeline, long token,
                               Map<String, Long> rows, Map<String, Long> swept) {
        List<Bson> p = new ArrayList<>(pipeline);
        // The input in _id order, as an incremental refresh reads it: sets come out in the same order.
        p.add(0, d("$sort", d(ID, 1)));
        db.getCollection(source).aggregate(p).allowDiskUse(true).toCollection();
        rows.put(view, db.getCollection(view).countDocuments(Filters.eq(REFRESH, token)));
        swept.put(view, db.getCollection(view).deleteMany(Filters.lt(REFRESH, token)).getDeletedCount());
    }

    /** Increasing across refreshes of this JVM (epoch microseconds, bumped on a tie). */
    public static long nextToken() {
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
     * approx, report, sentence and offset; {@code indicator_ids} is the set of every statement, which
     * the API reads by {@code _id}. Ids rather than copies of the statements: on mongo-java-server a
     * {@code $merge} costs in proportion to the row (it serializes and deep-copies it), so full
     * statements made the merges 35 % of this view's refresh (docs/benchmarks.md, metrics-service
     * round 5). This recomputes every row of the refreshed regions × years from their live facts;
     * turns that only add reports fold them in instead ({@link #metricByRegionYearAdded}).
     */
    List<Bson> metricByRegionYear(Scope scope, long token) {
        List<Bson> p = metricRows(scope.regionYearFacts(d(LIVE, true), d("metric", d("$ne", null))), token);
        p.add(merge(METRIC_BY_REGION_YEAR));
        return p;
    }

    /** metric_by_region_year rows grouped from the facts {@code facts} selects, before their {@code $merge}. */
    private static List<Bson> metricRows(Document facts, long token) {
        return new ArrayList<>(List.of(
                match(facts),
                metricRowGroup(),
                d("$addFields", headlineFields()),
                d("$project", d(HEADLINE, 0)),
                d("$addFields", canonicalSets(token)),
                d("$addFields", counts())));
    }

    /** Fields of a metric_by_region_year row taken from its headline statement. */
    private static final List<String> HEADLINE_FIELDS = List.of("value", "unit", "approx", REPORT_ID, "quote", "start", ADMIN_LEVEL);

    private static final String HEADLINE = "_headline";

    /**
     * A statement as a document whose order is the headline order (largest value, then report,
     * then offset): BSON compares documents field by field, on mongod and mongo-java-server alike,
     * so the smallest is the headline. A {@code $min} of it replaces a {@code $sort} of every
     * statement before the group (n log n comparisons, each field read by path on
     * mongo-java-server) by one comparison per statement. (report, start) is unique among live
     * facts, so no two keys tie.
     */
    private static Document headlineKey() {
        Document key = d("v", d("$subtract", Arrays.asList(0, "$value"))).append(REPORT_ID, "$report_id").append("start", "$start");
        for (String f : HEADLINE_FIELDS) key.putIfAbsent(f, "$" + (f.equals("quote") ? "sentence" : f));
        return key;
    }

    /** The headline's fields lifted into the row. */
    private static Document headlineFields() {
        Document out = new Document();
        for (String f : HEADLINE_FIELDS) out.append(f, "$" + HEADLINE + "." + f);
        return out;
    }

    private static Document metricRowGroup() {
        return d("$group", d(ID, key("$metric", "$region", "$report_year"))
                .append("metric", first("$metric"))
                .append(REGION, first("$region"))
                .append(REPORT_YEAR, first("$report_year"))
                .append(HEADLINE, d("$min", headlineKey()))
                .append(INDICATOR_IDS, d("$push", "$_id"))
                .append("reports", d("$addToSet", "$report_id"))
                .append("units", d("$addToSet", "$unit")));
    }

    /**
     * The row's lists as sets in one canonical order ({@code $setUnion} sorts on mongo-java-server and
     * on mongod), whichever turns their statements arrived in: a recompute and any sequence of folds
     * write the same row. The API orders the statements itself.
     */
    private static Document canonicalSets(long token) {
        Document out = new Document();
        for (String f : List.of(INDICATOR_IDS, "reports", "units")) out.append(f, unionList("$" + f, List.of()));
        return out.append(REFRESH, token);
    }

    /**
     * {@code $setUnion} of two lists, as a list: mongo-java-server returns the union as a Java set,
     * which its own {@code $arrayElemAt} then refuses as "not an array"; {@code $map} copies it into
     * a list (a no-op on mongod).
     */
    private static Document unionList(Object a, Object b) {
        return d("$map", d("input", d("$setUnion", Arrays.asList(a, b))).append("as", "x").append("in", "$$x"));
    }

    private static Document counts() {
        return d("statements", d("$size", "$indicator_ids")).append("report_count", d("$size", "$reports"));
    }

    /**
     * metric_by_region_year for a turn that only adds reports: the turn's facts grouped as
     * {@link #metricByRegionYear} groups them, then folded into the existing rows: the headline is the
     * larger of the two in the headline order ({@link #headlineKey}), the lists are unions. Both are idempotent, so
     * facts folded twice (a turn repeated after a crash, or a report inside the turn's completion
     * range that an earlier turn folded) change nothing, and nothing is ever incremented. A turn
     * in which a report leaves the views recomputes instead ({@link ViewKeys#additionsOnly()}).
     */
    List<Bson> metricByRegionYearAdded(Scope turn, long token) {
        Document newWins = d("$or", List.of(
                d("$gt", Arrays.asList("$$new.value", "$value")),
                d("$and", List.of(d("$eq", Arrays.asList("$$new.value", "$value")),
                        d("$lt", Arrays.asList("$$new.report_id", "$report_id")))),
                d("$and", List.of(d("$eq", Arrays.asList("$$new.value", "$value")),
                        d("$eq", Arrays.asList("$$new.report_id", "$report_id")),
                        d("$lt", Arrays.asList("$$new.start", "$start"))))));
        Document folded = new Document();
        for (String f : HEADLINE_FIELDS) folded.append(f, d("$cond", Arrays.asList("$_new_wins", "$$new." + f, "$" + f)));
        for (String f : List.of(INDICATOR_IDS, "reports", "units")) {
            folded.append(f, unionList("$" + f, "$$new." + f));
        }
        folded.append(REFRESH, token);
        List<Bson> p = metricRows(turn.reportFacts(d(LIVE, true), d("metric", d("$ne", null))), token);
        p.add(d("$merge", d("into", METRIC_BY_REGION_YEAR).append("on", ID).append("whenMatched", List.of(
                        d("$addFields", d("_new_wins", newWins)),
                        d("$addFields", folded),
                        d("$addFields", counts()),
                        d("$project", d("_new_wins", 0))))
                .append("whenNotMatched", "insert")));
        return p;
    }

    /**
     * region × year: one row holding every metric's headline, from the metric_by_region_year rows
     * that {@code rows} selects (whole region-years).
     */
    List<Bson> regionScorecard(Document rows, long token) {
        return List.of(
                match(rows),
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
                d("$addFields", d("reports", union("$report_sets")).append(REFRESH, token)),
                d("$project", d("report_sets", 0)),
                d("$addFields", d("report_count", d("$size", "$reports"))),
                merge(REGION_SCORECARD));
    }

    /**
     * metric → how many reports and regions state it, over which years: the union of its
     * metric_by_region_year rows (sorted by {@code _id} so sets come out in one order). The reports
     * are collected by {@code $addToSet} over the rows unwound per report, not by a {@code $setUnion}
     * over the rows' lists, which copies the growing union once per row (quadratic in the rows of a
     * metric); each row's statements are counted on its first report only.
     */
    List<Bson> metricCoverage(Scope scope, long token) {
        Document onFirstReport = d("$eq", Arrays.asList("$reports", "$first_report"));
        return List.of(
                match(and(d("metric", d("$ne", null)), scope.indicatorMetrics())),
                d("$sort", d(ID, 1)),
                // Only what coverage reads, before $unwind copies each row once per report.
                d("$project", d("metric", 1).append("reports", 1).append("units", 1).append(REGION, 1)
                        .append(REPORT_YEAR, 1).append("statements", 1)
                        .append("first_report", d("$arrayElemAt", Arrays.asList("$reports", 0)))),
                d("$unwind", "$reports"),
                d("$group", d(ID, "$metric")
                        .append("reports", d("$addToSet", "$reports"))
                        .append("unit_sets", d("$push", "$units"))
                        .append("regions_all", d("$addToSet", "$region"))
                        .append("years_all", d("$addToSet", "$report_year"))
                        .append("statements", d("$sum", d("$cond", Arrays.asList(onFirstReport, "$statements", 0))))),
                d("$addFields", d("metric", "$_id")
                        .append("units", union("$unit_sets"))
                        .append("regions", notNull("$regions_all"))
                        .append("years", notNull("$years_all"))),
                d("$project", d("regions_all", 0).append("years_all", 0).append("unit_sets", 0)),
                d("$addFields", d("report_count", d("$size", "$reports"))
                        .append("region_count", d("$size", "$regions"))
                        .append("year_min", d("$min", "$years"))
                        .append("year_max", d("$max", "$years"))
                        .append(REFRESH, token)),
                merge(METRIC_COVERAGE));
    }

    private static Document union(String arrayOfArrays) {
        return d("$reduce", d("input", arrayOfArrays).append("initialValue", List.of())
                .append("in", d("$setUnion", Arrays.asList("$$value", "$$this"))));
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

    /** Per anomaly type, the stages from the indicators to the anomaly rows (without {@code $merge}). */
    List<List<Bson>> anomalyStages(Scope scope, long token) {
        List<List<Bson>> out = new ArrayList<>();
        // Conditions in the order of Scope.reportFacts: mongo-java-server tests a $match's fields in
        // order and stops at the first mismatch, and its $in is a linear search of the list per
        // document (a mongod plans the match whatever the order).
        Document live = d(LIVE, true);

        // A rate over 100 % (出庭应诉率达105%). Changes (同比增长150%) are not rates.
        out.add(single(scope, d("unit", "%").append("value", d("$gt", 100))
                        .append("$or", List.of(d("kind", "rate"), d("metric", d("$in", rules.rateMetrics())))),
                "rate_over_100", token));

        // Negative or absurdly large values.
        out.add(single(scope, d("$or", List.of(
                        d("value", d("$lt", 0)),
                        d("unit", "元").append("value", d("$gt", rules.maxMoney())),
                        d("unit", "%").append("value", d("$gt", rules.maxPercent())),
                        d("unit", d("$nin", List.of("元", "%"))).append("value", d("$gt", rules.maxCount())))),
                "implausible_value", token));

        // The same metric stated with different values in one report. Changes and targets are
        // expected to differ from the stated level, so they are left out.
        out.add(List.of(
                match(scope.reportFacts(d("metric", d("$ne", null)), d("kind", d("$nin", List.of("change", "target"))), live)),
                d("$group", d(ID, d(REPORT_ID, "$report_id").append("metric", "$metric"))
                        .append("distinct_values", d("$addToSet", "$value"))
                        .append("value", d("$max", "$value"))
                        // The first statement's unit, whatever order the facts are read in.
                        .append("unit", d("$min", d("s", "$start").append("u", "$unit")))
                        .append(INDICATOR_IDS, d("$push", "$_id"))
                        .append(FILE, first("$file")).append(REGION, first("$region"))
                        .append(REPORT_YEAR, first("$report_year")).append(ADMIN_LEVEL, first("$admin_level"))),
                match(d("distinct_values.1", d("$exists", true))),
                d("$addFields", d("unit", "$unit.u")),
                d("$project", anomalyShape("conflicting_values", d("$concat",
                                List.of("conflicting_values:", "$_id.report_id", ":", "$_id.metric")),
                        "$_id.report_id", "$_id.metric", null, token))));

        // A stated rate that disagrees with its own counts in the same report.
        for (AnomalyRules.RateCheck c : rules.rateChecks()) {
            out.add(List.of(
                    match(scope.reportFacts(d("metric", d("$in", List.of(c.rate(), c.numerator(), c.denominator()))), live)),
                    d("$group", d(ID, "$report_id")
                            .append("stated", maxOf(c.rate()))
                            .append("numerator", maxOf(c.numerator()))
                            .append("denominator", maxOf(c.denominator()))
                            .append(INDICATOR_IDS, d("$push", "$_id"))
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
    private List<Bson> single(Scope scope, Document condition, String type, long token) {
        return List.of(
                match(scope.reportFacts(condition, d(LIVE, true))),
                d("$group", d(ID, "$_id")
                        .append(REPORT_ID, first("$report_id")).append("metric", first("$metric"))
                        .append("value", first("$value")).append("unit", first("$unit"))
                        .append(INDICATOR_IDS, d("$push", "$_id"))
                        .append(FILE, first("$file")).append(REGION, first("$region"))
                        .append(REPORT_YEAR, first("$report_year")).append(ADMIN_LEVEL, first("$admin_level"))),
                d("$project", anomalyShape(type, d("$concat", List.of(type + ":", "$_id")), "$report_id",
                        "$metric", null, token)));
    }

    private static Document anomalyShape(String type, Object id, Object reportId, Object metric, Document extra,
                                         long token) {
        Document p = d(ID, id).append("type", d("$literal", type)).append(REPORT_ID, reportId)
                .append("metric", metric instanceof String s && !s.startsWith("$") ? d("$literal", s) : metric)
                .append("value", "$value").append("unit", "$unit").append(INDICATOR_IDS, unionList("$" + INDICATOR_IDS, List.of()))
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
                match(scope.reportFacts(d(LIVE, true), d("section_key", d("$ne", null)))),
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
                match(scope.reportFacts(d(LIVE, true))),
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

    /** Filters of the pipelines' first $match: everything (rebuilds and id-sourced refreshes), or the cross product of keys. */
    record Scope(ViewKeys keys, long[] completed, Document factsOf) {
        static final Scope ALL = new Scope(null, null, null);

        static Scope of(ViewKeys keys) {
            return new Scope(keys, null, null);
        }

        /** The same keys, with the per-report views' facts selected by their completion sequence numbers. */
        Scope completedBetween(long lo, long hi) {
            return new Scope(keys, new long[] {lo, hi}, factsOf);
        }

        /**
         * The same keys, with the region-year views' facts narrowed first by {@code filter}, which
         * holds every live fact of those keys (null: no such filter).
         */
        Scope withFactsOf(Document filter) {
            return new Scope(keys, completed, filter);
        }

        boolean all() {
            return keys == null;
        }

        private static Document in(String field, java.util.Collection<?> values) {
            return d(field, d("$in", new ArrayList<>(values)));
        }

        Document indicatorMetrics() {
            return all() ? new Document() : in("metric", keys.metrics());
        }

        Document indicatorReports() {
            if (all()) return new Document();
            if (completed != null) return d(COMPLETED_SEQ, d("$gte", completed[0]).append("$lte", completed[1]));
            return in(REPORT_ID, keys.reports());
        }

        Document regionYearFields() {
            if (all()) return new Document();
            return in(REGION, keys.regions()).append(REPORT_YEAR, d("$in", new ArrayList<>(keys.years())));
        }

        /**
         * {@code conditions} and the refreshed regions × years, in the order mongo-java-server tests
         * them best: the narrowing filter (one or two comparisons) first, the region and year lists
         * (a linear search each) last.
         */
        Document regionYearFacts(Document... conditions) {
            List<Document> parts = new ArrayList<>();
            if (factsOf != null) parts.add(factsOf);
            parts.addAll(List.of(conditions));
            parts.add(regionYearFields());
            return and(parts.toArray(Document[]::new));
        }

        /**
         * {@code conditions} and the refreshed reports: a completion range is tested first (two
         * comparisons, and it excludes most documents), a list of report ids last.
         */
        Document reportFacts(Document... conditions) {
            List<Document> parts = new ArrayList<>(List.of(conditions));
            if (completed != null) parts.add(0, indicatorReports());
            else parts.add(indicatorReports());
            return and(parts.toArray(Document[]::new));
        }

        Bson reportField(String field) {
            return all() ? new Document() : in(field, keys.reports());
        }

    }
}
