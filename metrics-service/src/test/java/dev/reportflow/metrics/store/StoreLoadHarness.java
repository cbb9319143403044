package dev.reportflow.metrics.store;

import com.mongodb.client.MongoDatabase;
import dev.reportflow.events.IndicatorExtracted;
import dev.reportflow.events.ReportExtracted;
import dev.reportflow.events.SectionExtracted;
import dev.reportflow.metrics.InProcessStore;
import dev.reportflow.metrics.SampleReport;
import dev.reportflow.metrics.views.Views;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Load harness without Kafka, not part of the default test run (the name matches no surefire pattern):
 * the store and the views driven directly, against mongo-java-server in this JVM (in-memory backend, or H2 with -Dload.store=file),
 * three rounds (the last one warm). It splits what the server spends on storing a report's events from
 * what it spends on its views.
 *
 * <pre>
 * ./mvnw -B -pl metrics-service test -Dtest=StoreLoadHarness -Dsurefire.failIfNoSpecifiedTests=false \
 *     [-Dload.reports=200] [-Dload.turn=200] [-Dload.summaries-last=false] [-Dload.regions=40] \
 *     [-Dload.interleaved=false] [-Dload.store=memory|file]
 * </pre>
 *
 * {@code load.regions}: the reports are spread over this many regions (× 3 years); 40 puts about 8
 * reports in each region-year at 1,000 reports, 400 about one (closer to real reports).
 * {@code load.interleaved}: a refresh turn whenever {@code load.turn} reports are complete, on the
 * growing collections, as the service's refresher does (else every batch first, then the turns).
 * Coverage is computed as the refresher does (the turn that empties the queue, or 10 s after the
 * last). Besides wall-clock times it prints this JVM's CPU time, which the machine's other load
 * hardly changes.
 *
 * {@code load.summaries-last}: every summary after every fact (the facts are then restamped at
 * completion) instead of each report's summary right after its facts, as extract-service publishes.
 */
class StoreLoadHarness {
    @Test
    void probe() {
        boolean summariesLast = Boolean.getBoolean("load.summaries-last");
        int reports = Integer.getInteger("load.reports", 200);
        int regions = Integer.getInteger("load.regions", 40);
        boolean interleaved = Boolean.getBoolean("load.interleaved");
        for (int round = 0; round < 3; round++) {
            lastCoverage = System.nanoTime(); // each round starts as a fresh service would
            try (InProcessStore in = new InProcessStore(backend(), "p")) {
                MongoDatabase db = in.db;
                Views views = in.views;
                FactStore store = in.store;
                Random rnd = new Random(42);
                List<Object> all = new ArrayList<>(), last = new ArrayList<>();
                for (int r = 0; r < reports; r++) {
                    SampleReport rep = SampleReport.synthetic("load-" + r, "负载市" + (r % regions) + "区", 2021 + (r / regions) % 3,
                            12, 60, rnd);
                    all.addAll(rep.sections());
                    all.addAll(rep.indicators());
                    (summariesLast ? last : all).add(rep.summary());
                }
                all.addAll(last);
                Map<String, Long> phases = new TreeMap<>();
                Map<String, Long> viewMs = new TreeMap<>();
                int turn = Integer.getInteger("load.turn", 200);
                List<String> completed = new ArrayList<>();
                long storeNs = 0, viewNs = 0, cpu0 = InProcessStore.cpuNanos(), viewCpu = 0;
                for (int from = 0; from < all.size(); from += 2000) {
                    List<SectionExtracted> s = new ArrayList<>();
                    List<IndicatorExtracted> i = new ArrayList<>();
                    List<ReportExtracted> r = new ArrayList<>();
                    for (Object e : all.subList(from, Math.min(all.size(), from + 2000))) {
                        if (e instanceof SectionExtracted x) s.add(x);
                        else if (e instanceof IndicatorExtracted x) i.add(x);
                        else r.add((ReportExtracted) e);
                    }
                    long b0 = System.nanoTime();
                    FactStore.BatchResult res = store.apply(s, i, r, false);
                    storeNs += System.nanoTime() - b0;
                    res.phaseMillis().forEach((k, v) -> phases.merge(k, v, Long::sum));
                    completed.addAll(res.completed());
                    // Interleaved: the views follow the batches as the service's refresher does (one
                    // turn whenever a turn's worth of reports is complete), on a growing collection.
                    if (interleaved && completed.size() >= turn) {
                        long v0 = InProcessStore.cpuNanos();
                        viewNs += refresh(store, completed, turn, viewMs, false);
                        viewCpu += InProcessStore.cpuNanos() - v0;
                    }
                }
                long v0 = InProcessStore.cpuNanos();
                viewNs += refresh(store, completed, turn, viewMs, true);
                viewCpu += InProcessStore.cpuNanos() - v0;
                long storeCpu = InProcessStore.cpuNanos() - cpu0 - viewCpu;
                long t1 = storeNs, t2 = storeNs + viewNs, t0 = 0;
                System.out.printf("round %d, %d reports (%d events), summaries last %s, %d regions, interleaved %s, turns of %d: stored in %d ms %s"
                                + " (%.0f events/s), views in %d ms %s (%.0f events/s); together %.0f events/s%n",
                        round, reports, all.size(), summariesLast, regions, interleaved, turn, (t1 - t0) / 1_000_000, phases,
                        all.size() / ((t1 - t0) / 1e9), (t2 - t1) / 1_000_000, viewMs, all.size() / ((t2 - t1) / 1e9),
                        all.size() / ((t2 - t0) / 1e9));
                // This JVM's CPU (client, server, GC, JIT): unlike the wall clock, other processes on
                // the machine hardly change it.
                System.out.printf("round %d CPU: storing %d ms, views %d ms; together %.0f events per CPU-second%n",
                        round, storeCpu / 1_000_000, viewCpu / 1_000_000, all.size() / ((storeCpu + viewCpu) / 1e9));
            }
        }
    }

    /**
     * {@code -Dload.store=memory} (default) or {@code file}: the devstack's H2 file backend, with its
     * page cache ({@code -Dload.cache-mb}, default 64 as the devstack's).
     */
    private static de.bwaldvogel.mongo.backend.AbstractMongoBackend backend() {
        if (!"file".equals(System.getProperty("load.store", "memory"))) return new MemoryBackend();
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("store-load-");
            dir.toFile().deleteOnExit();
            java.nio.file.Path file = dir.resolve("store.mv");
            file.toFile().deleteOnExit();
            org.h2.mvstore.MVStore mv = new org.h2.mvstore.MVStore.Builder().fileName(file.toString())
                    .cacheSize(Integer.getInteger("load.cache-mb", 64)).open();
            return new de.bwaldvogel.mongo.backend.h2.H2Backend(mv);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }


    private static long lastCoverage = System.nanoTime();

    /**
     * Refreshes the views of {@code completed} in turns, empties it, returns the nanoseconds taken.
     * Coverage as the service's refresher computes it: in the turn that empties the queue ({@code
     * drains}: the last turn of the last call) or 10 s (its default max lag) after the previous one.
     */
    private static long refresh(FactStore store, List<String> completed, int turn, Map<String, Long> viewMs, boolean drains) {
        long t = System.nanoTime();
        for (int k = 0; k < completed.size(); k += turn) {
            boolean last = drains && k + turn >= completed.size();
            boolean coverageNow = last || System.nanoTime() - lastCoverage >= 10_000_000_000L;
            Views.RefreshResult rr = store.refreshStale(completed.subList(k, Math.min(completed.size(), k + turn)), coverageNow);
            if (coverageNow) lastCoverage = System.nanoTime();
            if (rr != null) rr.viewMillis().forEach((x, v) -> viewMs.merge(x, v, Long::sum));
        }
        completed.clear();
        return System.nanoTime() - t;
    }
}
