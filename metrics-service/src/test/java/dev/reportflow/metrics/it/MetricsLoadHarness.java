package dev.reportflow.metrics.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reportflow.metrics.SampleReport;
import dev.reportflow.testsupport.RealInfrastructure;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Load harness, not part of the default test run (the class name matches no surefire pattern):
 *
 * <pre>
 * ./mvnw -B -pl metrics-service test -Dtest=MetricsLoadHarness -Dsurefire.failIfNoSpecifiedTests=false \
 *     [-Dload.reports=200] [-Dload.indicators=60] [-Dload.sections=12] [-Dload.regions=40] [-Dload.warmup-reports=0]
 *     [-Dload.warmup-clear=false] [-Dload.warmup-rounds=1]
 *     [-Dreportflow.metrics.views.refresh-interval=1s] [-Dload.mode=live|backlog]
 * </pre>
 *
 * Publishes every event of N synthetic reports on the real broker at once, and measures how fast
 * metrics-service stores them in MongoDB, completes the reports and has its views current (events/s
 * end to end: Kafka poll, bulk upserts, completion, incremental view refresh), the batch sizes it saw, the
 * incremental refresh time per batch, and a full rebuild of the views. Prints a Markdown table and
 * writes it to target/load-metrics.md.
 *
 * <p>{@code load.mode}: {@code live} (the default) publishes while the service consumes, as
 * extract-service does under load, so the producer's client and the broker's produce path share the
 * CPU with the service; {@code backlog} pauses the service's channel, publishes everything, and starts
 * the clock when it resumes: the rate at which the service drains a backlog from Kafka into MongoDB
 * (the lag an operator sees after a pause or an outage). Either way the events are serialized to JSON
 * before the clock starts: that is extract-service's work, not this service's.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
@io.quarkus.test.junit.TestProfile(MetricsLoadHarness.Pausable.class)
class MetricsLoadHarness {
    /** The consumer's channel made pausable (SmallRye's pausable channels), for {@code load.mode=backlog}. */
    public static class Pausable implements io.quarkus.test.junit.QuarkusTestProfile {
        @Override
        public java.util.Map<String, String> getConfigOverrides() {
            return java.util.Map.of("mp.messaging.incoming." + dev.reportflow.metrics.ingest.ReportEventsConsumer.CHANNEL
                    + ".pausable", "true");
        }
    }

    static final String MODE = System.getProperty("load.mode", "live");

    @Inject
    io.smallrye.reactive.messaging.ChannelRegistry channels;

    static final int REPORTS = Integer.getInteger("load.reports", 200);
    static final int INDICATORS = Integer.getInteger("load.indicators", 60);
    static final int SECTIONS = Integer.getInteger("load.sections", 12);
    /**
     * Regions the reports spread over (× 3 years). 40 puts ~8 reports in each region-year at 1,000
     * reports, far denser than real reports (one per region and year): every refresh turn then
     * recomputes nearly all of metric_by_region_year.
     */
    static final int REGIONS = Integer.getInteger("load.regions", 40);

    @Inject
    MeterRegistry registry;

    @Inject
    com.mongodb.client.MongoClient mongo;

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    /**
     * CPU milliseconds so far of the child processes (the devstack: Kafka broker and MongoDB server in
     * one JVM; 0 with Testcontainers, whose containers are not children) and of this JVM (the service
     * and the producer): which side the time of a run goes to, whatever else loads the machine.
     */
    static long[] cpuMillis() {
        long children = ProcessHandle.current().descendants()
                .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toMillis).orElse(0L)).sum();
        long self = ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
        return new long[] {children, self};
    }

    /** The devstack's JVM flags and options when set for this run (the server's speed depends on both). */
    static String devstackFlags() {
        String jvm = System.getProperty("reportflow.test.devstack.jvm-args"), args = System.getProperty("reportflow.test.devstack.args");
        return (jvm == null ? "" : " (JVM `" + jvm + "`)") + (args == null ? "" : " (`" + args + "`)");
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0] + " on "
                    + Runtime.getRuntime().availableProcessors() + " cores";
        } catch (Exception e) {
            return "unknown";
        }
    }

    /**
     * Reports published and consumed, views current, before the measured run (other ids and regions):
     * the JVMs' JIT compilers and caches then measure the steady state, as JMH's warm-up does. 0 (the
     * default) measures from cold, as the figures before round 4 of docs/benchmarks.md did.
     */
    static final int WARMUP = Integer.getInteger("load.warmup-reports", 0);

    /**
     * Empties every collection of the service's database after the warm-up (indexes stay), so the
     * measured run starts from an empty database with the JIT compilers done: a warm-up as large as
     * the measured run then measures the steady state without doubling what every scan reads. Off
     * (the default): the warm-up's reports stay, as in the figures before round 7.
     */
    static final boolean WARMUP_CLEAR = Boolean.getBoolean("load.warmup-clear");

    /**
     * How many times the warm-up runs (new report ids each time; with {@code load.warmup-clear} the
     * database is emptied after each). One warm-up of the measured run's size left this JVM's JIT
     * compiling for most of the clock (docs/benchmarks.md, metrics-service round 8).
     */
    static final int WARMUP_ROUNDS = Integer.getInteger("load.warmup-rounds", 1);

    /** The synthetic events of {@code n} reports whose ids start with {@code prefix}. */
    static List<Object> events(String prefix, String city, int n, Random rnd) {
        List<Object> all = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            all.addAll(EventsIn.all(SampleReport.synthetic(prefix + r, city + (r % REGIONS) + "区", 2021 + (r / REGIONS) % 3,
                    SECTIONS, INDICATORS, rnd)));
        }
        return all;
    }

    /** Until no report has view keys queued any more, and no coverage is put off. */
    void awaitViewsCurrent() {
        var reports = mongo.getDatabase(database).getCollection("reports");
        var viewQueue = mongo.getDatabase(database).getCollection(dev.reportflow.metrics.store.Db.VIEW_QUEUE);
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100)).until(() ->
                reports.countDocuments(com.mongodb.client.model.Filters.exists("stale_keys")) == 0
                        && viewQueue.countDocuments() == 0);
    }

    /** The clock readings of one run: nanoTime marks, CPU of both JVMs, this JVM's JIT time inside the clock. */
    record Run(long backlogMs, long t0, long produced, long stored, long complete, long current, long[] cpu0, long[] cpu1,
               long jitMs) {
        double seconds() {
            return (current - t0) / 1e9;
        }
    }

    /**
     * Publishes {@code events} in {@link #MODE} and waits until they are stored, their reports
     * complete and the views current. Warm-ups go through here too, so they load the classes and
     * compile the code the measured run executes (a warm-up published another way left this JVM
     * recompiling the store inside the clock: docs/benchmarks.md, metrics-service round 8).
     */
    Run publishAndAwait(List<Object> events, int reports) {
        if (!MODE.equals("live") && !MODE.equals("backlog")) throw new IllegalArgumentException("load.mode: live or backlog, not " + MODE);
        long completeBefore = given().get("/api/status").jsonPath().getLong("complete");
        var records = EventsIn.records(events);
        var channel = channels.getPausable(dev.reportflow.metrics.ingest.ReportEventsConsumer.CHANNEL);
        try (EventsIn in = new EventsIn(registry)) {
            double consumed0 = in.consumed();
            long backlogMs = -1;
            if (MODE.equals("backlog")) {
                long p0 = System.nanoTime();
                channel.pause();
                in.sendRecords(records);
                backlogMs = (System.nanoTime() - p0) / 1_000_000;
            }
            long[] cpu0 = cpuMillis();
            long jit0 = java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
            long t0 = System.nanoTime();
            if (MODE.equals("backlog")) channel.resume();
            else in.sendRecords(records);
            long produced = System.nanoTime();
            await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> in.consumed() >= consumed0 + events.size());
            long stored = System.nanoTime();
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200)).until(() ->
                    given().get("/api/status").jsonPath().getLong("complete") >= completeBefore + reports);
            long complete = System.nanoTime();
            awaitViewsCurrent();
            long current = System.nanoTime();
            long[] cpu1 = cpuMillis();
            long jitMs = java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jit0;
            return new Run(backlogMs, t0, produced, stored, complete, current, cpu0, cpu1, jitMs);
        }
    }

    @Test
    void ingestAndRefresh() throws Exception {
        Random rnd = new Random(42);
        List<String> warmups = new ArrayList<>();
        for (int round = 0; WARMUP > 0 && round < WARMUP_ROUNDS; round++) {
            Run w = publishAndAwait(events("warmup" + round + "-", "预热市", WARMUP, new Random(7 + round)), WARMUP);
            // How far each warm-up still is from the steady state: its duration and this JVM's JIT time in it.
            System.out.printf("warm-up %d of %d: %d reports in %.1f s, JIT in this JVM %.1f s%n", round + 1, WARMUP_ROUNDS,
                    WARMUP, w.seconds(), w.jitMs() / 1e3);
            warmups.add(String.format("%.1f s (JIT %.1f s)", w.seconds(), w.jitMs() / 1e3));
            if (WARMUP_CLEAR) {
                var db = mongo.getDatabase(database);
                for (String c : db.listCollectionNames()) db.getCollection(c).deleteMany(new org.bson.Document());
            }
        }
        List<Object> all = events("load-", "负载市", REPORTS, rnd);
        Timer refresh = registry.find("reportflow.metrics.view.refresh").tag("mode", "incremental").timer();
        DistributionSummary batches = registry.find("reportflow.metrics.batch.size").summary();
        long refreshCount0 = refresh.count();
        double refreshTotal0 = refresh.totalTime(TimeUnit.MILLISECONDS);
        long batchCount0 = batches.count();
        double batchTotal0 = batches.totalAmount();
        Run run = publishAndAwait(all, REPORTS);
        long backlogMs = run.backlogMs(), t0 = run.t0(), produced = run.produced(), stored = run.stored();
        long complete = run.complete(), current = run.current(), jitMs = run.jitMs();
        long[] cpu0 = run.cpu0(), cpu1 = run.cpu1();

        long rb0 = System.nanoTime();
        // RestAssured in @QuarkusTest gives up after quarkus.http.test-timeout (30 s); a rebuild may take longer.
        var rebuilt = given().config(io.restassured.config.RestAssuredConfig.config().httpClient(
                        io.restassured.config.HttpClientConfig.httpClientConfig()
                                .setParam("http.socket.timeout", 1_800_000)))
                .post("/api/admin/rebuild-views").then().statusCode(200).extract().jsonPath();
        long tookMs = rebuilt.getLong("took_ms");
        String perView = rebuilt.getMap("view_millis").toString();
        long rebuildWall = (System.nanoTime() - rb0) / 1_000_000;

        double secs = (current - t0) / 1e9;
        long refreshes = refresh.count() - refreshCount0;
        double refreshMs = refresh.totalTime(TimeUnit.MILLISECONDS) - refreshTotal0;
        long nBatches = batches.count() - batchCount0;
        double meanBatch = nBatches == 0 ? 0 : (batches.totalAmount() - batchTotal0) / nBatches;
        long indicators = given().get("/api/status").jsonPath().getLong("indicators");
        // The server's own limits, measured right after on the same server: what the service could reach.
        RawRates raw = RawRates.measure(mongo.getDatabase(database), all, 2000);
        String table = String.join("\n",
                "| figure | value |",
                "|---|---|",
                "| MongoDB backend | " + RealInfrastructure.backend() + devstackFlags() + " |",
                "| reports × sections × indicators | " + REPORTS + " × " + SECTIONS + " × " + INDICATORS
                        + " (over " + REGIONS + " regions × 3 years)"
                        + (WARMUP > 0 ? ", after " + (WARMUP_ROUNDS > 1 ? WARMUP_ROUNDS + " warm-ups" : "a warm-up") + " of " + WARMUP + " reports"
                        + (WARMUP_CLEAR ? " (deleted before the measured run)" : "") : "") + " |",
                "| warm-ups: end to end (this JVM's JIT time inside) | " + (warmups.isEmpty() ? "none" : String.join(", ", warmups)) + " |",
                "| events published | " + all.size() + (MODE.equals("backlog")
                        ? " before the clock, the service paused (" + backlogMs + " ms); mode backlog: the clock runs from resume |"
                        : " (produce took " + (produced - t0) / 1_000_000 + " ms); mode live: the clock runs from the first send |"),
                "| views refresh interval | " + org.eclipse.microprofile.config.ConfigProvider.getConfig()
                        .getValue("reportflow.metrics.views.refresh-interval", String.class) + " |",
                "| events stored and views current, end to end | " + String.format("%.1f s → **%.0f events/s**", secs, all.size() / secs) + " |",
                // The target counts indicator events; the other events (sections, summaries) ride along.
                "| of which indicator events | " + String.format("%d → **%.0f indicator events/s**",
                        REPORTS * INDICATORS, REPORTS * INDICATORS / secs) + " |",
                "| events stored (counter) / reports complete after | " + String.format("%.1f s / %.1f s",
                        (stored - t0) / 1e9, (complete - t0) / 1e9) + " |",
                "| batches | " + nBatches + String.format(", mean %.0f records", meanBatch) + " |",
                "| incremental view refreshes | " + refreshes + String.format(", mean %.0f ms, total %.1f s",
                        refreshes == 0 ? 0 : refreshMs / refreshes, refreshMs / 1000) + " |",
                "| full rebuild-views | " + tookMs + " ms (HTTP " + rebuildWall + " ms) over " + indicators + " live indicators |",
                "| rebuild ms per view | " + perView + " |",
                "| raw unordered bulk upserts by _id, same documents, batches of 2,000 | " + String.format("%.1f s → **%.0f events/s**",
                        raw.upsertSeconds(), raw.upsertRate()) + " |",
                "| ratio end to end / raw | " + String.format("%.2f", (all.size() / secs) / raw.upsertRate()) + " |",
                "| raw unordered bulk inserts, same documents (how the service writes new facts) | " + String.format("**%.0f events/s**", raw.insertRate()) + " |",
                "| plain scan, $match on a non-_id field | " + String.format("%d documents in %.0f ms → **%.0f documents/s**",
                        raw.scanned(), raw.scanMillis(), raw.scanRate()) + " |",
                "| lookup by _id ($in, 200 ids a query) | " + String.format("**%.0f documents/s**", raw.idLookupRate()) + " |",
                "| CPU from publishing until views current: devstack JVM (Kafka broker + MongoDB server) / this JVM (service + producer) | "
                        + String.format("%.1f s / %.1f s, i.e. %.0f µs per event in all", (cpu1[0] - cpu0[0]) / 1e3,
                        (cpu1[1] - cpu0[1]) / 1e3, (cpu1[0] - cpu0[0] + cpu1[1] - cpu0[1]) * 1e3 / all.size()) + " |",
                // Compiler threads' time inside the clock: how far from its steady state this JVM still was.
                "| JIT compilation in this JVM inside the clock (compiler threads, all tiers) | " + String.format("%.1f s", jitMs / 1e3) + " |",
                "| machine load average (1 min) at the end | " + loadAverage() + " |");
        System.out.println("\n" + table + "\n");
        Files.writeString(Path.of("target", "load-metrics.md"), table + "\n");
        assertThat(given().get("/api/status").jsonPath().getLong("pending")).isZero();
    }
}
