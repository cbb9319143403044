package dev.reportflow.metrics.views;

import static dev.reportflow.metrics.store.Db.*;

import com.mongodb.client.MongoDatabase;
import dev.reportflow.metrics.InProcessStore;
import dev.reportflow.metrics.SampleReport;
import dev.reportflow.metrics.store.FactStore;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;

/**
 * Harness, not part of the default test run (the name matches no surefire pattern): the CPU one
 * refresh of each view pipeline costs over every region-year of N stored reports (what an incremental
 * turn costs when a burst touches them all, as with the harnesses' 40 regions), against the
 * in-memory mongo-java-server in this JVM, repeated so the later rounds are warm.
 *
 * <pre>
 * ./mvnw -B -pl metrics-service test -Dtest=ViewPipelineHarness -Dsurefire.failIfNoSpecifiedTests=false \
 *     [-Dload.reports=1000] [-Dload.regions=40] [-Dload.rounds=4] [-Dload.fold-reports=500]
 * </pre>
 *
 * Beside the recompute of metric_by_region_year it times a fold of the last {@code load.fold-reports}
 * reports into it (their facts are in the rows already, which a fold leaves as they are, at the
 * cost of a fold whose every row matches): per report, the two give {@link Views#FOLD_COST}.
 */
class ViewPipelineHarness {
    // Held so the level sticks.
    static final java.util.logging.Logger QUIET_STORE = java.util.logging.Logger.getLogger("dev.reportflow.metrics.store");

    @Test
    void eachViewPipelineOverEveryRegionYear() {
        QUIET_STORE.setLevel(java.util.logging.Level.WARNING); // a line per completed report otherwise
        int reports = Integer.getInteger("load.reports", 1000);
        int regions = Integer.getInteger("load.regions", 40);
        int rounds = Integer.getInteger("load.rounds", 4);
        try (InProcessStore in = new InProcessStore(new MemoryBackend(), "harness")) {
            MongoDatabase db = in.db;
            Views views = in.views;
            FactStore store = in.store;
            Random rnd = new Random(42);
            ViewKeys keys = ViewKeys.empty();
            for (int r = 0; r < reports; r++) {
                SampleReport rep = SampleReport.synthetic("load-" + r, "负载市" + (r % regions) + "区", 2021 + (r / regions) % 3,
                        12, 60, rnd);
                store.apply(rep.sections(), rep.indicators(), List.of(rep.summary()), false);
                keys.addRegionYear(rep.region, rep.year).addReport(rep.id);
            }
            views.rebuildAll();
            Views.Scope regionYears = Views.Scope.of(keys);
            int foldReports = Math.min(reports, Integer.getInteger("load.fold-reports", reports / 2));
            List<Long> seqs = db.getCollection(REPORTS).find().sort(new Document(COMPLETED_SEQ, -1)).limit(foldReports)
                    .map(d -> ((Number) d.get(COMPLETED_SEQ)).longValue()).into(new java.util.ArrayList<>());
            Views.Scope lastReports = regionYears.completedBetween(java.util.Collections.min(seqs), java.util.Collections.max(seqs));
            String fold = METRIC_BY_REGION_YEAR + " fold of " + foldReports;
            Map<String, List<Long>> cpu = new TreeMap<>();
            for (int round = 0; round < rounds; round++) {
                long token = Views.nextToken();
                time(cpu, METRIC_BY_REGION_YEAR, () -> run(db, INDICATORS, views.metricByRegionYear(regionYears, token)));
                time(cpu, fold, () -> run(db, INDICATORS, views.metricByRegionYearAdded(lastReports, token)));
                time(cpu, REGION_SCORECARD, () -> run(db, METRIC_BY_REGION_YEAR, views.regionScorecard(new Document(REFRESH, token), token)));
                time(cpu, METRIC_COVERAGE, () -> run(db, METRIC_BY_REGION_YEAR, views.metricCoverage(Views.Scope.ALL, token)));
                List<List<Bson>> anomalies = views.anomalyPipelines(Views.Scope.ALL, token);
                for (int a = 0; a < anomalies.size(); a++) {
                    List<Bson> p = anomalies.get(a);
                    time(cpu, ANOMALIES + " " + a + " " + anomalyType(p), () -> run(db, INDICATORS, p));
                }
                time(cpu, SECTION_COUNTS, () -> run(db, INDICATORS, views.sectionCounts(Views.Scope.ALL, token)));
                time(cpu, REPORT_OUTLINE, () -> run(db, SECTIONS, views.reportOutline(Views.Scope.ALL, token)));
            }
            System.out.printf("%d reports over %d regions × 3 years; CPU ms of one refresh of each view over all of them, rounds 1–%d:%n",
                    reports, regions, rounds);
            cpu.forEach((view, ms) -> System.out.printf("  %-36s %s%n", view, ms));
        }
    }

    /** The anomaly type a pipeline writes (the literal prefix of the ids it projects), for the printout. */
    private static String anomalyType(List<Bson> pipeline) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([a-z_0-9]+):").matcher(pipeline.toString());
        return m.find() ? m.group(1) : "?";
    }

    private static void run(MongoDatabase db, String source, List<Bson> pipeline) {
        db.getCollection(source).aggregate(pipeline).allowDiskUse(true).toCollection();
    }

    private static void time(Map<String, List<Long>> cpu, String view, Runnable r) {
        long c0 = InProcessStore.cpuNanos();
        r.run();
        cpu.computeIfAbsent(view, k -> new java.util.ArrayList<>()).add((InProcessStore.cpuNanos() - c0) / 1_000_000);
    }

}
