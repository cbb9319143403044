package dev.reportflow.metrics.store;

import static dev.reportflow.metrics.store.Db.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import dev.reportflow.metrics.SampleReport;
import dev.reportflow.metrics.views.AnomalyRules;
import dev.reportflow.metrics.views.ViewKeys;
import dev.reportflow.metrics.views.Views;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The store and every view pipeline against mongo-java-server (the embedded MongoDB-wire server
 * the devstack runs), driven directly without Kafka.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoreAndViewsTest {
    MongoServer server;
    MongoClient client;
    MongoDatabase db;
    Views views;
    FactStore store;

    // Held so the level sticks: mongo-java-server logs every collection and ignored index at INFO/WARN.
    static final java.util.logging.Logger SERVER_LOG = java.util.logging.Logger.getLogger("de.bwaldvogel");

    /** The in-memory backend; {@link StoreAndViewsH2Test} runs the same tests on the devstack's H2 file backend. */
    MongoServer newServer() {
        return new MongoServer(new MemoryBackend());
    }

    @BeforeAll
    void start() {
        SERVER_LOG.setLevel(java.util.logging.Level.SEVERE);
        server = newServer();
        server.bind("127.0.0.1", 0);
        InetSocketAddress a = server.getLocalAddress();
        client = MongoClients.create("mongodb://127.0.0.1:" + a.getPort());
    }

    @AfterAll
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @BeforeEach
    void fresh() {
        db = client.getDatabase("t" + System.nanoTime());
        Indexes.ensure(db);
        views = new Views(db, AnomalyRules.defaults());
        store = new FactStore(db, views);
    }

    void send(SampleReport r) {
        store.apply(r.sections(), r.indicators(), List.of(r.summary()));
    }

    Document report(String id) {
        return db.getCollection(REPORTS).find(Filters.eq(ID, id)).first();
    }

    /** The indicators an anomaly row lists, in document order. */
    List<Document> statementsOf(Document row) {
        return db.getCollection(INDICATORS).find(Filters.in(ID, row.getList(INDICATOR_IDS, Object.class)))
                .sort(Sorts.ascending("start")).into(new ArrayList<>());
    }

    List<Document> all(String coll) {
        return db.getCollection(coll).find().sort(Sorts.ascending(ID)).into(new ArrayList<>());
    }

    /** Every view's rows without the refresh token, which is the only thing a recompute may change. */
    Map<String, List<Document>> viewContents() {
        Map<String, List<Document>> out = new LinkedHashMap<>();
        for (String v : VIEWS) {
            List<Document> rows = all(v);
            rows.forEach(d -> d.remove(REFRESH));
            rows.sort((x, y) -> x.get(ID).toString().compareTo(y.get(ID).toString()));
            out.put(v, rows);
        }
        return out;
    }

    static SampleReport jiulongpo() {
        return new SampleReport("jlp-2023", "重庆市九龙坡区", 2023)
                .section("s1", null, 1, "主要举措和成效", "achievements")
                .indicator("major_decisions.listed", 6, "项", "count", "公布重大行政决策事项6项;", "6项")
                .indicator("legal_aid.cases", 723, "件", "count")
                .section("s1.1", "s1", 2, "化解矛盾纠纷", "achievements")
                .indicator("mediation.disputes", 3785, "宗", "count")
                .indicator("mediation.succeeded", 3766, "宗", "count")
                .indicator("mediation.success_rate", 99.5, "%", "rate")
                .indicator(null, 12, "场", "count");
    }

    @Test
    void completeReportEntersEveryView() {
        SampleReport r = jiulongpo();
        send(r);

        Document rep = report(r.id);
        assertThat(rep.getString("status")).isEqualTo(COMPLETE);
        assertThat(rep.getString(VERSION)).isEqualTo("1.0.0");
        assertThat(rep.getString(REGION)).isEqualTo("重庆市九龙坡区");
        assertThat(rep.get("stale_keys")).isNull();

        Document row = db.getCollection(METRIC_BY_REGION_YEAR)
                .find(Filters.and(Filters.eq("metric", "legal_aid.cases"), Filters.eq(REGION, "重庆市九龙坡区"))).first();
        assertThat(row).isNotNull();
        assertThat(row.getDouble("value")).isEqualTo(723.0);
        assertThat(row.getString("unit")).isEqualTo("件");
        assertThat(row.getInteger(REPORT_YEAR)).isEqualTo(2023);
        assertThat(row.getString(REPORT_ID)).isEqualTo(r.id);
        assertThat(row.getString("quote")).contains("723件");
        assertThat(row.getList("reports", String.class)).containsExactly(r.id);
        // five metrics mapped; the unmapped 12场 is in no metric row
        assertThat(db.getCollection(METRIC_BY_REGION_YEAR).countDocuments()).isEqualTo(5);

        Document card = db.getCollection(REGION_SCORECARD).find(Filters.eq(REGION, "重庆市九龙坡区")).first();
        assertThat(card.getInteger(REPORT_YEAR)).isEqualTo(2023);
        assertThat(card.getList("metrics", Document.class)).extracting(d -> d.getString("metric"))
                .containsExactly("legal_aid.cases", "major_decisions.listed", "mediation.disputes",
                        "mediation.succeeded", "mediation.success_rate");
        assertThat(card.getList("reports", String.class)).containsExactly(r.id);

        Document cov = db.getCollection(METRIC_COVERAGE).find(Filters.eq(ID, "legal_aid.cases")).first();
        assertThat(cov.getInteger("report_count")).isEqualTo(1);
        assertThat(cov.getInteger("region_count")).isEqualTo(1);
        assertThat(cov.getInteger("year_min")).isEqualTo(2023);

        Document outline = db.getCollection(REPORT_OUTLINE).find(Filters.eq(ID, r.id)).first();
        List<Document> sections = outline.getList("sections", Document.class);
        assertThat(sections).extracting(d -> d.getString("section_id")).containsExactly("preamble", "s1", "s1.1");
        assertThat(sections).extracting(d -> d.getInteger("indicators")).containsExactly(0, 2, 4);
        assertThat(outline.getInteger("indicator_count")).isEqualTo(6);

        // 3766/3785 = 99.498 %, which is the stated 99.5 % rounded: consistent, not an anomaly.
        assertThat(all(ANOMALIES)).isEmpty();
    }

    @Test
    void redeliveredEventsChangeNothing() {
        SampleReport r = jiulongpo();
        send(r);
        Map<String, List<Document>> facts = Map.of(REPORTS, all(REPORTS), SECTIONS, all(SECTIONS), INDICATORS, all(INDICATORS));
        Map<String, List<Document>> before = viewContents();

        send(r);
        store.apply(r.sections(), r.indicators(), List.of());
        store.apply(List.of(), List.of(), List.of(r.summary(), r.summary()));

        assertThat(all(REPORTS)).isEqualTo(facts.get(REPORTS));
        assertThat(all(SECTIONS)).isEqualTo(facts.get(SECTIONS));
        assertThat(all(INDICATORS)).isEqualTo(facts.get(INDICATORS));
        assertThat(viewContents()).isEqualTo(before);
        assertThat(db.getCollection(METRIC_BY_REGION_YEAR).find(Filters.eq("metric", "legal_aid.cases")).first()
                .getInteger("statements")).isEqualTo(1);
    }

    @Test
    void aBatchRedeliveredAfterACrashBeforeItsManifestsStoresEachFactOnce() {
        SampleReport r = jiulongpo();
        store.apply(r.sections(), r.indicators(), List.of());
        List<Document> stored = all(INDICATORS);
        // The crash: facts written, manifests not (so the redelivered facts look new and are inserted).
        db.getCollection(REPORT_FACTS).deleteMany(new Document());

        List<dev.reportflow.events.IndicatorExtracted> twice = new ArrayList<>(r.indicators());
        twice.addAll(r.indicators());
        store.apply(r.sections(), twice, List.of(r.summary()));

        assertThat(report(r.id).getString("status")).isEqualTo(COMPLETE);
        List<Document> now = all(INDICATORS);
        assertThat(now).hasSize(stored.size());
        // the duplicate-key inserts were retried as upserts: they carry the completion stamp
        assertThat(now).allSatisfy(d -> assertThat(d.getBoolean(LIVE)).isTrue());
        assertThat(all(SECTIONS)).allSatisfy(d -> assertThat(d.getBoolean(LIVE)).isTrue());
        assertThat(db.getCollection(METRIC_BY_REGION_YEAR).find(Filters.eq("metric", "legal_aid.cases")).first()
                .getInteger("statements")).isEqualTo(1);
    }

    /**
     * A version's first facts insert its manifest; one that exists although the batch did not find it
     * (written by a batch that crashed after it) is extended by the duplicate-key fallback, not replaced.
     */
    @Test
    void manifestsAreInsertedForNewVersionsAndExtendedOtherwise() {
        Manifests m = new Manifests(db);
        m.addToManifests(Map.of("r|1", List.of("s1", "s1")), Map.of("r|1", List.of("i1", "i2")), Set.of());
        m.addToManifests(Map.of(), Map.of("r|1", List.of("i2", "i3"), "q|1", List.of("j1")), Set.of());
        m.addToManifests(Map.of("r|1", List.of("s2")), Map.of(), Set.of("r|1"));
        Document r = db.getCollection(REPORT_FACTS).find(Filters.eq(ID, "r|1")).first();
        assertThat(r.getString(REPORT_ID)).isEqualTo("r");
        assertThat(r.getString(VERSION)).isEqualTo("1");
        assertThat(r.getList("sections", String.class)).containsExactly("s1", "s2");
        assertThat(r.getList("indicators", String.class)).containsExactly("i1", "i2", "i3");
        assertThat(m.manifests(List.of("q|1")).get("q|1").indicators()).containsExactly("j1");
    }

    @Test
    void aRefreshSelectsItsReportsByCompletionSequenceOrByManifestsForOlderFacts() {
        SampleReport r = jiulongpo();
        SampleReport other = new SampleReport("other-2023", "重庆市渝中区", 2023)
                .section("s1", null, 1, "主要举措和成效", "achievements")
                .indicator("mediation.disputes", 100, "宗", "count")
                .indicator("mediation.succeeded", 90, "宗", "count")
                .indicator("mediation.success_rate", 99.5, "%", "rate");
        send(r);
        send(other);
        assertThat(report(r.id).getLong(COMPLETED_SEQ)).isLessThan(report(other.id).getLong(COMPLETED_SEQ));
        assertThat(all(INDICATORS)).allSatisfy(d -> assertThat(d.get(COMPLETED_SEQ)).isNotNull());
        Map<String, List<Document>> expected = viewContents();
        assertThat(expected.get(ANOMALIES)).extracting(d -> d.getString(REPORT_ID)).contains(other.id);
        assertThat(expected.get(SECTION_COUNTS)).extracting(d -> d.getString(REPORT_ID)).contains(r.id, other.id);
        assertThat(expected.get(REPORT_OUTLINE)).hasSize(2);

        for (boolean olderFacts : List.of(false, true)) {
            if (olderFacts) {
                // as stored by a service version without completion sequence numbers
                for (String c : List.of(REPORTS, SECTIONS, INDICATORS)) {
                    db.getCollection(c).updateMany(new Document(), new Document("$unset", new Document(COMPLETED_SEQ, "")));
                }
            }
            for (String v : List.of(ANOMALIES, SECTION_COUNTS, REPORT_OUTLINE)) db.getCollection(v).deleteMany(new Document());
            views.refresh(dev.reportflow.metrics.views.ViewKeys.empty().addReport(r.id).addReport(other.id));
            assertThat(viewContents()).as("older facts: %s", olderFacts).isEqualTo(expected);
        }
    }

    @Test
    void reportIsPendingUntilSummaryAndAllFactsArrive() {
        SampleReport r = jiulongpo();
        List<dev.reportflow.events.IndicatorExtracted> inds = r.indicators();

        // summary first (it travels on another topic), then facts in two parts
        store.apply(List.of(), List.of(), List.of(r.summary()));
        assertThat(report(r.id).getString("status")).isEqualTo(PENDING);
        assertThat(report(r.id).getString(REGION)).isEqualTo("重庆市九龙坡区");
        store.apply(r.sections(), inds.subList(0, 3), List.of());
        Document pending = report(r.id);
        assertThat(pending.getString("status")).isEqualTo(PENDING);
        assertThat(pending.getInteger("received_indicators")).isEqualTo(3);
        assertThat(pending.getInteger("expected_indicators")).isEqualTo(6);
        assertThat(all(METRIC_BY_REGION_YEAR)).isEmpty();
        assertThat(all(REPORT_OUTLINE)).isEmpty();

        store.apply(List.of(), inds.subList(3, inds.size()), List.of());
        assertThat(report(r.id).getString("status")).isEqualTo(COMPLETE);
        assertThat(all(METRIC_BY_REGION_YEAR)).hasSize(5);

        // facts first, summary last
        SampleReport other = new SampleReport("other", "深圳市坪山区", 2022)
                .section("s1", null, 1, "成效", "achievements").indicator("legal_aid.cases", 80, "件", "count");
        store.apply(other.sections(), other.indicators(), List.of());
        assertThat(report(other.id).getString("status")).isEqualTo(PENDING);
        assertThat(report(other.id).getInteger("received_indicators")).isEqualTo(1);
        assertThat(db.getCollection(METRIC_BY_REGION_YEAR).countDocuments(Filters.eq(REGION, "深圳市坪山区"))).isZero();
        store.apply(List.of(), List.of(), List.of(other.summary()));
        assertThat(report(other.id).getString("status")).isEqualTo(COMPLETE);
        assertThat(db.getCollection(METRIC_BY_REGION_YEAR).countDocuments(Filters.eq(REGION, "深圳市坪山区"))).isEqualTo(1);
        assertThat(db.getCollection(METRIC_COVERAGE).find(Filters.eq(ID, "legal_aid.cases")).first()
                .getInteger("report_count")).isEqualTo(2);
    }

    @Test
    void reextractionReplacesTheReportsFacts() {
        SampleReport r = jiulongpo();
        send(r);

        // version 2 reads the region differently and finds different numbers
        SampleReport v2 = new SampleReport("jlp-2023", "重庆市九龙坡区司法局辖区", 2023)
                .section("s1", null, 1, "主要举措和成效", "achievements")
                .indicator("legal_aid.cases", 725, "件", "count")
                .indicator("notary.cases", 5465, "件", "count")
                .version("2.0.0", "2026-02-01T00:00:00Z");
        // its facts arrive while version 1 is still what the views show
        store.apply(v2.sections(), v2.indicators().subList(0, 1), List.of(v2.summary()));
        assertThat(report(r.id).getString("status")).isEqualTo(COMPLETE);
        assertThat(report(r.id).getString("pending_version")).isEqualTo("2.0.0");
        assertThat(db.getCollection(METRIC_BY_REGION_YEAR).countDocuments(Filters.eq(REGION, "重庆市九龙坡区"))).isEqualTo(5);

        store.apply(List.of(), v2.indicators().subList(1, 2), List.of());
        Document rep = report(r.id);
        assertThat(rep.getString(VERSION)).isEqualTo("2.0.0");
        assertThat(rep.get("pending_version")).isNull();
        assertThat(db.getCollection(INDICATORS).countDocuments(Filters.eq(VERSION, "1.0.0"))).isZero();
        assertThat(db.getCollection(SECTIONS).countDocuments(Filters.eq(VERSION, "1.0.0"))).isZero();
        // the old region's rows are gone, the new ones hold version 2's values only
        assertThat(db.getCollection(METRIC_BY_REGION_YEAR).countDocuments(Filters.eq(REGION, "重庆市九龙坡区"))).isZero();
        assertThat(db.getCollection(REGION_SCORECARD).countDocuments(Filters.eq(REGION, "重庆市九龙坡区"))).isZero();
        assertThat(db.getCollection(METRIC_COVERAGE).find(Filters.eq(ID, "mediation.disputes")).first()).isNull();
        Document row = db.getCollection(METRIC_BY_REGION_YEAR).find(Filters.eq("metric", "legal_aid.cases")).first();
        assertThat(row.getDouble("value")).isEqualTo(725.0);
        assertThat(row.getInteger("statements")).isEqualTo(1);
        assertThat(db.getCollection(REPORT_OUTLINE).find(Filters.eq(ID, r.id)).first().getString(VERSION)).isEqualTo("2.0.0");

        // a late redelivery of version 1 is dropped again and counts nowhere
        store.apply(r.sections(), r.indicators(), List.of(r.summary()));
        assertThat(db.getCollection(INDICATORS).countDocuments(Filters.eq(VERSION, "1.0.0"))).isZero();
        assertThat(report(r.id).getString(VERSION)).isEqualTo("2.0.0");
        assertThat(db.getCollection(METRIC_BY_REGION_YEAR).countDocuments()).isEqualTo(2);
    }

    @Test
    void aSupersedingReportTakesTheOldOnesPlaceInTheViews() {
        SampleReport old = new SampleReport("a-old", "广州市", 2023)
                .section("s1", null, 1, "成效", "achievements").indicator("lawyers.count", 614, "人", "count");
        SampleReport neu = new SampleReport("a-new", "广州市", 2023)
                .section("s1", null, 1, "成效", "achievements").indicator("lawyers.count", 620, "人", "count");
        neu.supersedes = old.id;
        send(old);
        send(neu);
        assertThat(report(old.id).getString("status")).isEqualTo(SUPERSEDED);
        assertThat(report(old.id).getString("superseded_by")).isEqualTo(neu.id);
        Document row = db.getCollection(METRIC_BY_REGION_YEAR).find(Filters.eq("metric", "lawyers.count")).first();
        assertThat(row.getList("reports", String.class)).containsExactly(neu.id);
        assertThat(row.getDouble("value")).isEqualTo(620.0);
        assertThat(db.getCollection(REPORT_OUTLINE).find(Filters.eq(ID, old.id)).first()).isNull();

        // in the other order, the old one is superseded as soon as it completes
        fresh();
        send(neu);
        send(old);
        assertThat(report(old.id).getString("status")).isEqualTo(SUPERSEDED);
        assertThat(db.getCollection(METRIC_BY_REGION_YEAR).find(Filters.eq("metric", "lawyers.count")).first()
                .getList("reports", String.class)).containsExactly(neu.id);
    }

    @Test
    void anomalies() {
        SampleReport r = new SampleReport("anom", "湛江市", 2023)
                .section("s1", null, 1, "成效", "achievements")
                .indicator("litigation.head_appearance_rate", 105, "%", "rate", "行政机关负责人出庭应诉率达105%。", "105%")
                .indicator("mediation.disputes", 3785, "宗", "count")
                .indicator("mediation.succeeded", 3600, "宗", "count")
                .indicator("mediation.success_rate", 99.5, "%", "rate")
                .indicator("legal_aid.cases", 723, "件", "count")
                .indicator("legal_aid.cases", 732, "件", "count")
                .indicator("publicity.audience", -5, "人次", "count")
                .indicator("legal_aid.recovered", 5e13, "元", "amount")
                .indicator(null, 150, "%", "change");
        send(r);
        Map<String, Document> byType = new LinkedHashMap<>();
        for (Document a : all(ANOMALIES)) byType.merge(a.getString("type") + ":" + a.getString("metric"), a, (x, y) -> x);
        assertThat(byType.keySet()).containsExactlyInAnyOrder(
                "rate_over_100:litigation.head_appearance_rate",
                "rate_mismatch:mediation.success_rate",
                "conflicting_values:legal_aid.cases",
                "implausible_value:publicity.audience",
                "implausible_value:legal_aid.recovered");

        Document over = byType.get("rate_over_100:litigation.head_appearance_rate");
        assertThat(over.getDouble("value")).isEqualTo(105.0);
        assertThat(over.getString(REGION)).isEqualTo("湛江市");
        assertThat(statementsOf(over).get(0).getString("sentence")).contains("105%");

        Document mismatch = byType.get("rate_mismatch:mediation.success_rate");
        assertThat(mismatch.getDouble("value")).isEqualTo(99.5);
        assertThat(mismatch.getDouble("expected")).isCloseTo(95.11, org.assertj.core.data.Offset.offset(0.01));
        assertThat(statementsOf(mismatch)).hasSize(3);

        Document conflict = byType.get("conflicting_values:legal_aid.cases");
        assertThat(conflict.get("unit")).isEqualTo(statementsOf(conflict).get(0).getString("unit"));
        assertThat(statementsOf(conflict)).extracting(d -> d.getDouble("value"))
                .containsExactly(723.0, 732.0);

        // fixing the report (re-extraction) clears its anomalies
        SampleReport fixed = new SampleReport("anom", "湛江市", 2023)
                .section("s1", null, 1, "成效", "achievements")
                .indicator("legal_aid.cases", 723, "件", "count")
                .version("2", "2026-03-01T00:00:00Z");
        send(fixed);
        assertThat(all(ANOMALIES)).isEmpty();
    }

    /**
     * Reports of one region and year completed one at a time: each refresh only adds facts (no sweep)
     * and finds the earlier reports' facts by their completion numbers, listed while there are few
     * and through the region and year lists past {@link Views#MAX_LISTED_SEQS}. Every row must hold
     * every report, as a rebuild computes it.
     */
    @Test
    void reportsOfOneRegionAndYearCompletedApartAllCountInItsRows() {
        for (int n : List.of(3, Views.MAX_LISTED_SEQS + 2)) {
            fresh();
            for (int k = 0; k < n; k++) {
                send(new SampleReport("same-" + k, "重庆市九龙坡区", 2023)
                        .section("s1", null, 1, "成效", "achievements")
                        .indicator("legal_aid.cases", 700 + k, "件", "count")
                        .indicator("legal_aid.cases", 10 + k, "件", "count"));
            }
            send(new SampleReport("elsewhere", "重庆市渝中区", 2023)
                    .section("s1", null, 1, "成效", "achievements").indicator("legal_aid.cases", 5, "件", "count"));
            Document row = db.getCollection(METRIC_BY_REGION_YEAR).find(Filters.eq(ID, "legal_aid.cases|重庆市九龙坡区|2023")).first();
            assertThat(row.getInteger("report_count")).as("%d reports", n).isEqualTo(n);
            assertThat(row.getInteger("statements")).isEqualTo(2 * n);
            assertThat(row.getDouble("value")).isEqualTo(700.0 + n - 1);
            Document card = db.getCollection(REGION_SCORECARD).find(Filters.eq(REGION, "重庆市九龙坡区")).first();
            assertThat(card.getInteger("report_count")).isEqualTo(n);
            Document cov = db.getCollection(METRIC_COVERAGE).find(Filters.eq(ID, "legal_aid.cases")).first();
            assertThat(cov.getInteger("report_count")).isEqualTo(n + 1);
            assertThat(cov.getInteger("region_count")).isEqualTo(2);
            assertThat(cov.getInteger("statements")).isEqualTo(2 * n + 1);

            Map<String, List<Document>> incremental = viewContents();
            Views.RefreshResult r = views.rebuildAll();
            assertThat(viewContents()).as("%d reports", n).isEqualTo(incremental);
            assertThat(r.swept().values()).allMatch(x -> x == 0L);
        }
    }

    /**
     * A turn that only adds reports, few against those already in its regions × years, folds their
     * facts into the metric_by_region_year rows: the
     * headline is the largest statement (ties: the smaller report id, then offset), the lists are
     * unions. A fold repeated (a turn redone after a crash between its merge and its unqueue) changes
     * nothing, and the rows equal what a recompute writes.
     */
    @Test
    void aTurnThatOnlyAddsReportsFoldsThemIntoTheRows() {
        String id = "legal_aid.cases|重庆市九龙坡区|2023";
        // reports already in the region-year: a turn of one report then folds (Views.FOLD_COST)
        for (int k = 0; k < 3; k++) {
            send(new SampleReport("earlier-" + k, "重庆市九龙坡区", 2023).section("s1", null, 1, "成效", "achievements")
                    .indicator("legal_aid.cases", 1 + k, "件", "count"));
        }
        SampleReport b = new SampleReport("b", "重庆市九龙坡区", 2023).section("s1", null, 1, "成效", "achievements")
                .indicator("legal_aid.cases", 723, "件", "count").indicator("legal_aid.cases", 9, "件", "count")
                .indicator("notary.cases", 5, "件", "count");
        SampleReport a = new SampleReport("a", "重庆市九龙坡区", 2023).section("s1", null, 1, "成效", "achievements")
                .indicator("legal_aid.cases", 723, "件", "count");
        SampleReport c = new SampleReport("c", "重庆市九龙坡区", 2023).section("s1", null, 1, "成效", "achievements")
                .indicator("legal_aid.cases", 700, "件", "count");
        send(b);
        Document row = db.getCollection(METRIC_BY_REGION_YEAR).find(Filters.eq(ID, id)).first();
        assertThat(row.get("value", Number.class).doubleValue()).isEqualTo(723.0);
        assertThat(row.getString(REPORT_ID)).isEqualTo(b.id);
        assertThat(row.getInteger("statements")).isEqualTo(5);

        // the same value from another report: the headline is the one whose report id sorts first
        send(a);
        // a smaller value does not take it
        send(c);
        row = db.getCollection(METRIC_BY_REGION_YEAR).find(Filters.eq(ID, id)).first();
        assertThat(row.getString(REPORT_ID)).isEqualTo(a.id.compareTo(b.id) < 0 ? a.id : b.id);
        assertThat(row.get("value", Number.class).doubleValue()).isEqualTo(723.0);
        assertThat(row.getInteger("statements")).isEqualTo(7);
        assertThat(row.getInteger("report_count")).isEqualTo(6);
        List<String> reports = row.getList("reports", String.class);
        assertThat(reports).contains(a.id, b.id, c.id).isSorted();
        assertThat(row.getList("indicator_ids", String.class)).hasSize(7).doesNotHaveDuplicates().isSorted();
        assertThat(db.getCollection(METRIC_BY_REGION_YEAR).find(Filters.eq(ID, "notary.cases|重庆市九龙坡区|2023")).first()
                .getInteger("report_count")).isEqualTo(1);

        Map<String, List<Document>> folded = viewContents();
        Views.RefreshResult again = views.refresh(ViewKeys.empty().addReport(c.id).addRow("legal_aid.cases", "重庆市九龙坡区", 2023));
        // a fold writes the rows its facts touch (a recompute would write both rows of the region-year)
        assertThat(again.rows().get(METRIC_BY_REGION_YEAR)).isEqualTo(1);
        assertThat(viewContents()).isEqualTo(folded);
        views.rebuildAll();
        assertThat(viewContents()).isEqualTo(folded);
    }

    /**
     * A refresh may put metric_coverage off (the refresher does while more reports are queued): its
     * metrics wait in view_queue, crash-safe, until a refresh computes coverage, with keys of its own
     * or none (the repair job after a crash).
     */
    @Test
    void coveragePutOffIsQueuedUntilARefreshComputesIt() {
        SampleReport a = jiulongpo();
        SampleReport b = new SampleReport("yz-2023", "重庆市渝中区", 2023)
                .section("s1", null, 1, "成效", "achievements").indicator("legal_aid.cases", 100, "件", "count")
                .indicator("notary.cases", 5, "件", "count");
        store.apply(a.sections(), a.indicators(), List.of(a.summary()), false);
        store.refreshStale(List.of(a.id), false);
        assertThat(report(a.id).get("stale_keys")).isNull();
        assertThat(db.getCollection(METRIC_BY_REGION_YEAR).countDocuments(Filters.eq(REGION, "重庆市九龙坡区"))).isEqualTo(5);
        assertThat(all(METRIC_COVERAGE)).isEmpty();
        assertThat(views.deferredCoverage().getList("metrics", String.class)).containsExactlyInAnyOrder(
                "legal_aid.cases", "major_decisions.listed", "mediation.disputes", "mediation.succeeded",
                "mediation.success_rate");

        // a refresh computing coverage takes the queued metrics along with its own
        store.apply(b.sections(), b.indicators(), List.of(b.summary()), false);
        store.refreshStale(List.of(b.id), true);
        assertThat(views.deferredCoverage()).isNull();
        assertThat(all(METRIC_COVERAGE)).extracting(d -> d.getString(ID)).containsExactly(
                "legal_aid.cases", "major_decisions.listed", "mediation.disputes", "mediation.succeeded",
                "mediation.success_rate", "notary.cases");
        assertThat(db.getCollection(METRIC_COVERAGE).find(Filters.eq(ID, "legal_aid.cases")).first()
                .getInteger("report_count")).isEqualTo(2);

        // put off, then a crash before any other refresh: the repair computes it with nothing else queued
        db.getCollection(METRIC_COVERAGE).deleteMany(new Document());
        SampleReport c = new SampleReport("c-2022", "重庆市渝中区", 2022)
                .section("s1", null, 1, "成效", "achievements").indicator("lawyers.count", 614, "人", "count");
        store.apply(c.sections(), c.indicators(), List.of(c.summary()), false);
        store.refreshStale(List.of(c.id), false);
        assertThat(store.refreshStale(List.of(c.id), false)).isNull();
        assertThat(store.refreshAllStale()).isNotNull();
        assertThat(views.deferredCoverage()).isNull();
        assertThat(all(METRIC_COVERAGE)).extracting(d -> d.getString(ID)).containsExactly("lawyers.count");
    }

    /**
     * Whether a turn computes metric_coverage is asked when coverage is due, after the views it reads
     * are written: the refresher answers from the consumer's state at that moment, so batches that
     * stopped while the turn ran leave no coverage for a turn of its own.
     */
    @Test
    void coverageIsDecidedWhenItIsDue() {
        SampleReport a = jiulongpo();
        store.apply(a.sections(), a.indicators(), List.of(a.summary()), false);
        long[] rowsWhenAsked = {-1};
        int[] asked = {0};
        store.refreshStale(List.of(a.id), () -> {
            asked[0]++;
            rowsWhenAsked[0] = db.getCollection(METRIC_BY_REGION_YEAR).countDocuments();
            return true;
        });
        assertThat(asked[0]).isEqualTo(1);
        assertThat(rowsWhenAsked[0]).isEqualTo(5);
        assertThat(all(METRIC_COVERAGE)).hasSize(5);
        assertThat(views.deferredCoverage()).isNull();
    }

    /** The per-report views computed on a second thread beside the region-year ones write what a rebuild writes. */
    @Test
    void perReportViewsComputedAlongsideWriteWhatARebuildWrites() {
        SampleReport a = jiulongpo();
        SampleReport b = new SampleReport("b", "重庆市渝中区", 2023).section("s1", null, 1, "成效", "achievements")
                .indicator("litigation.head_appearance_rate", 105, "%", "rate").indicator("legal_aid.cases", 9, "件", "count");
        store.apply(a.sections(), a.indicators(), List.of(a.summary()), false);
        store.apply(b.sections(), b.indicators(), List.of(b.summary()), false);
        Views.RefreshResult r = store.refreshStale(List.of(a.id, b.id), () -> true, true);
        assertThat(r.rows()).containsKeys(METRIC_BY_REGION_YEAR, ANOMALIES, SECTION_COUNTS, REPORT_OUTLINE);
        assertThat(all(ANOMALIES)).extracting(d -> d.getString("type")).contains("rate_over_100");
        assertThat(all(REPORT_OUTLINE)).hasSize(2);
        Map<String, List<Document>> alongside = viewContents();
        views.rebuildAll();
        assertThat(viewContents()).isEqualTo(alongside);
    }

    /**
     * A turn of one report among many reads its facts from a collection of their own (copied out by
     * {@code $out}, dropped after the turn), and writes what reading the whole indicators collection
     * writes: the rows of a rebuild, anomalies included.
     */
    @Test
    void aSmallTurnReadsItsFactsCopiedOutAndWritesWhatARebuildWrites() {
        for (int k = 0; k < 6; k++) {
            send(new SampleReport("earlier-" + k, "重庆市九龙坡区", 2023).section("s1", null, 1, "成效", "achievements")
                    .indicator("legal_aid.cases", 10 + k, "件", "count").indicator("notary.cases", 5, "件", "count")
                    .indicator(null, 3, "场", "count"));
        }
        SampleReport late = new SampleReport("late", "重庆市九龙坡区", 2023).section("s1", null, 1, "成效", "achievements")
                .indicator("legal_aid.cases", 723, "件", "count").indicator("legal_aid.cases", 9, "件", "count")
                .indicator("litigation.head_appearance_rate", 105, "%", "rate");
        store.apply(late.sections(), late.indicators(), List.of(late.summary()), false);
        Views.RefreshResult r = store.refreshStale(List.of(late.id), () -> true, true);

        assertThat(r.viewMillis()).containsKey(Views.TURN_FACTS);
        assertThat(db.listCollectionNames().into(new ArrayList<>())).noneMatch(n -> n.startsWith(Views.TURN_FACTS_PREFIX));
        Document row = db.getCollection(METRIC_BY_REGION_YEAR).find(Filters.eq(ID, "legal_aid.cases|重庆市九龙坡区|2023")).first();
        assertThat(row.get("value", Number.class).doubleValue()).isEqualTo(723.0);
        assertThat(row.getInteger("report_count")).isEqualTo(7);
        assertThat(all(ANOMALIES)).extracting(d -> d.getString("type") + ":" + d.getString(REPORT_ID))
                .containsExactlyInAnyOrder("rate_over_100:" + late.id, "conflicting_values:" + late.id);
        assertThat(db.getCollection(REPORT_OUTLINE).find(Filters.eq(ID, late.id)).first().getInteger("indicator_count"))
                .isEqualTo(3);
        Map<String, List<Document>> incremental = viewContents();
        views.rebuildAll();
        assertThat(viewContents()).isEqualTo(incremental);
    }

    /** Turn collections a crash left behind are dropped by a rebuild once they are an hour old; a running turn's stays. */
    @Test
    void rebuildDropsTurnCollectionsLeftBehind() {
        String old = Views.TURN_FACTS_PREFIX + "1_dead", recent = Views.TURN_FACTS_PREFIX + Views.nextToken() + "_live";
        db.getCollection(old).insertOne(new Document(ID, "x"));
        db.getCollection(recent).insertOne(new Document(ID, "x"));
        views.rebuildAll();
        assertThat(db.listCollectionNames().into(new ArrayList<>())).contains(recent).doesNotContain(old);
    }

    @Test
    void rebuildAllReproducesTheIncrementalViews() {
        send(jiulongpo());
        SampleReport a = new SampleReport("b", "重庆市九龙坡区", 2022)
                .section("s1", null, 1, "成效", "achievements")
                .indicator("legal_aid.cases", 700, "件", "count")
                .indicator("litigation.head_appearance_rate", 105, "%", "rate");
        send(a);
        Map<String, List<Document>> incremental = viewContents();
        // garbage a rebuild must remove
        db.getCollection(METRIC_BY_REGION_YEAR).insertOne(new Document(ID, "junk").append(REFRESH, 1L));
        Views.RefreshResult r = views.rebuildAll();
        assertThat(viewContents()).isEqualTo(incremental);
        assertThat(r.rows().get(METRIC_BY_REGION_YEAR)).isEqualTo(7);
        assertThat(r.swept().get(METRIC_BY_REGION_YEAR)).isEqualTo(1);
    }

    @Test
    void manyReportsPerBatchThenRebuildTwice() {
        java.util.Random rnd = new java.util.Random(42);
        var metrics = dev.reportflow.metrics.catalog.MetricCatalog.all();
        List<dev.reportflow.events.SectionExtracted> s = new ArrayList<>();
        List<dev.reportflow.events.IndicatorExtracted> i = new ArrayList<>();
        List<dev.reportflow.events.ReportExtracted> x = new ArrayList<>();
        for (int r = 0; r < 12; r++) {
            SampleReport rep = new SampleReport("many-" + r, "多报告市" + (r % 5) + "区", 2021 + r % 2);
            for (int k = 0; k < 4; k++) {
                rep.section("s" + (k + 1), null, 1, "部分" + k, "other");
                for (int j = 0; j < 5; j++) {
                    var m = rnd.nextInt(3) == 0 ? null : metrics.get(rnd.nextInt(metrics.size()));
                    rep.indicator(m == null ? null : m.id(), 1 + rnd.nextInt(5000), "件", "count");
                }
            }
            s.addAll(rep.sections());
            i.addAll(rep.indicators());
            x.add(rep.summary());
            if (r % 4 == 3) {
                FactStore.BatchResult res = store.apply(s, i, x);
                assertThat(res.completed()).hasSize(4);
                s.clear();
                i.clear();
                x.clear();
            }
        }
        Map<String, List<Document>> incremental = viewContents();
        assertThat(incremental.get(REGION_SCORECARD)).hasSize(10);
        views.rebuildAll();
        assertThat(viewContents()).isEqualTo(incremental);
        views.rebuildAll();
        assertThat(viewContents()).isEqualTo(incremental);
    }

    @Test
    void commandLineRebuildRecomputesTheViews() {
        send(jiulongpo());
        Map<String, List<Document>> incremental = viewContents();
        db.getCollection(REGION_SCORECARD).deleteMany(new Document());
        db.getCollection(ANOMALIES).insertOne(new Document(ID, "stale").append(REPORT_ID, "gone").append(REFRESH, 1L));
        assertThat(dev.reportflow.metrics.cli.RebuildViews.run(db)).isTrue();
        assertThat(viewContents()).isEqualTo(incremental);
    }

    @Test
    void factsStoredWithoutManifestsCompleteAfterARebuild() {
        SampleReport r = jiulongpo();
        store.apply(r.sections(), r.indicators(), List.of());
        // as if stored by a service version that kept no manifests
        db.getCollection(REPORT_FACTS).deleteMany(new Document());
        db.getCollection(REPORTS).updateOne(Filters.eq(ID, r.id), new Document("$unset", new Document("fact_versions", "")));
        store.apply(List.of(), List.of(), List.of(r.summary()));
        assertThat(report(r.id).getString("status")).isEqualTo(PENDING);

        views.rebuildAll();
        assertThat(db.getCollection(REPORT_FACTS).find(Filters.eq(ID, r.id + "|1.0.0")).first().getList("indicators", String.class))
                .hasSize(6);
        // a redelivered event is enough to complete it now
        store.apply(List.of(), r.indicators().subList(0, 1), List.of());
        assertThat(report(r.id).getString("status")).isEqualTo(COMPLETE);
        assertThat(all(METRIC_BY_REGION_YEAR)).hasSize(5);
    }

    @Test
    void outstandingRefreshIsRepairedFromTheQueuedKeys() {
        SampleReport r = jiulongpo();
        send(r);
        // as if the process died after completing a report but before its refresh ran
        db.getCollection(METRIC_BY_REGION_YEAR).deleteMany(new Document());
        db.getCollection(REPORTS).updateOne(Filters.eq(ID, r.id), new Document("$set",
                new Document("stale_keys", new dev.reportflow.metrics.views.ViewKeys()
                        .addMetric("legal_aid.cases").addRegionYear("重庆市九龙坡区", 2023).addReport(r.id).toDocument())));
        store.refreshAllStale();
        // The queued region-year is recomputed whole: every metric the report states there is back.
        assertThat(db.getCollection(METRIC_BY_REGION_YEAR).find().map(d -> d.getString("metric")).into(new ArrayList<>()))
                .containsExactlyInAnyOrder("major_decisions.listed", "legal_aid.cases", "mediation.disputes",
                        "mediation.succeeded", "mediation.success_rate");
        assertThat(report(r.id).get("stale_keys")).isNull();
    }
}
