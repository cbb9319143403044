package dev.reportflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reportflow.testsupport.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Not part of the default test run (surefire's default includes do not match *Benchmark). Run:
 * {@code ./mvnw -B -pl ingest-service test -Pbenchmark [-Dbenchmark.files=10000]}.
 * Writes N small report files to a staging folder, renames them into the watched directory as fast as
 * it can, and measures until
 * N distinct reports have been consumed from reports.ingested (end to end: watch event, stability
 * wait, read, sha256, MongoDB lookups, publish with acks=all, MongoDB marks). Then restarts the
 * engine and times the reconcile pass over the N known files (nothing may be read or published).
 * Production defaults apply (stable-interval 1s, batch 500, zstd) except the directory path.
 */
@QuarkusTest
@TestProfile(IngestLoadBenchmark.Production.class)
@QuarkusTestResource(RealInfrastructure.class)
@QuarkusTestResource(IngestTestDirs.class)
class IngestLoadBenchmark {
    @jakarta.inject.Inject
    IngestEngine engine;
    @jakarta.inject.Inject
    io.micrometer.core.instrument.MeterRegistry registry;
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = IngestTestDirs.DIR_KEY)
    String watchedDir;

    private Path dir() {
        return Path.of(watchedDir);
    }

    private double count(String meter, String source) {
        var c = registry.find(meter).tag("source", source).counter();
        return c == null ? 0 : c.count();
    }


    public static class Production implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("reportflow.ingest.stable-interval", "1s",
                    "reportflow.ingest.poll-interval", "200ms",
                    "reportflow.ingest.max-report-bytes", "8388608",
                    // one line per batch with where its time went
                    "quarkus.log.category.\"dev.reportflow.ingest.IngestPipeline\".level", "DEBUG");
        }
    }

    @Test
    void tenThousandSmallFiles() throws Exception {
        int n = Integer.getInteger("benchmark.files", 10_000);
        String run = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        Set<String> ids = new HashSet<>();
        byte[][] bodies = new byte[n][];
        for (int i = 0; i < n; i++) {
            bodies[i] = body(run, i);
            ids.add(ReportIds.of(bodies[i]));
        }
        Set<String> seenKeys = new HashSet<>();
        try (var companion = new io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion(
                RealInfrastructure.kafkaBootstrapServers());
             ConsumerTask<String, byte[]> task = companion
                .<String, byte[]>consumeWithDeserializers(new StringDeserializer(), new ByteArrayDeserializer())
                .withGroupId(run).withOffsetReset(OffsetResetStrategy.LATEST)
                .fromTopics("reports.ingested")) {
            // wait for the assignment so nothing published from now on is missed
            Thread.sleep(3000);
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

            // Written to a staging folder beside the watched one (same file system), then renamed into
            // place one by one, as careful writers (and ./pipeline demo) drop files: the drop is then not
            // slowed by the service competing with the writer for the 2 cores.
            Path staging = Files.createDirectories(dir().resolveSibling("staging-" + run));
            for (int i = 0; i < n; i++) Files.write(staging.resolve("report-" + i + ".txt"), bodies[i]);
            for (int d = 0; d < 100; d++) Files.createDirectories(dir().resolve(run + "/d" + d));
            Thread.sleep(500); // the directory events settle

            long cpu0 = cpuNanos();
            long self0 = selfCpuNanos();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                Files.move(staging.resolve("report-" + i + ".txt"),
                        dir().resolve(run + "/d" + (i % 100) + "/report-" + i + ".txt"), StandardCopyOption.ATOMIC_MOVE);
            }
            long written = System.nanoTime();
            int[] scanned = {0};
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
                // only the records that arrived since the last look: the harness should cost next to nothing
                // a live list appended by the polling thread: read its size once, or records slip between checks
                List<ConsumerRecord<String, byte[]>> all = task.getRecords();
                int size = all.size();
                for (int i = scanned[0]; i < size; i++) {
                    if (ids.contains(all.get(i).key())) seenKeys.add(all.get(i).key());
                }
                scanned[0] = size;
                return seenKeys.size() >= n;
            });
            long done = System.nanoTime();
            long cpu = cpuNanos() - cpu0;
            long selfCpu = selfCpuNanos() - self0;
            long firstTs = Long.MAX_VALUE;
            long lastTs = 0;
            int records = 0;
            for (ConsumerRecord<String, byte[]> r : task.getRecords()) {
                if (!ids.contains(r.key())) continue;
                records++;
                firstTs = Math.min(firstTs, r.timestamp());
                lastTs = Math.max(lastTs, r.timestamp());
            }
            double total = (done - t0) / 1e9;
            double publishSpan = (lastTs - firstTs) / 1000.0;
            System.out.printf(Locale.ROOT, "%nBENCHMARK ingest-service: %d files (%d bytes each on average), load average %.1f"
                            + " at start%n  renamed into the watched directory in %.2f s%n  end to end (first rename -> last consumed): %.2f s = %.0f reports/s%n"
                            + "  publishing span (first -> last record timestamp): %.2f s = %.0f reports/s%n"
                            + "  records on the topic for these files: %d%n"
                            + "  CPU used meanwhile by this JVM (service + test harness) and devstack: %.1f s"
                            + " (this JVM %.1f s) = %.0f reports per CPU-second (2 idle cores: up to %.0f reports/s)%n",
                    n, totalBytes(bodies) / n, load, (written - t0) / 1e9, total, n / total, publishSpan,
                    n / Math.max(publishSpan, 0.001), records, cpu / 1e9, selfCpu / 1e9, n / (cpu / 1e9), 2 * n / (cpu / 1e9));
            assertThat(records).isEqualTo(n);

            // A restart over the full directory: compare size+mtime with MongoDB, read nothing.
            double seen = count("reportflow.ingest.files.seen", "dir");
            engine.stop();
            long r0 = System.nanoTime();
            engine.start();
            engine.reconcileNow(10, TimeUnit.MINUTES);
            long r1 = System.nanoTime();
            assertThat(count("reportflow.ingest.files.seen", "dir")).isEqualTo(seen);
            System.out.printf(Locale.ROOT, "  restart + reconcile over the %d known files: %.2f s, files read again: %.0f%n%n",
                    n, (r1 - r0) / 1e9, count("reportflow.ingest.files.seen", "dir") - seen);
        }
    }

    /**
     * CPU time of this JVM and its child processes (devstack): on a machine shared with other builds the
     * wall clock mostly measures them, the CPU time measures us.
     */
    private static long cpuNanos() {
        long total = ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        for (ProcessHandle child : ProcessHandle.current().descendants().toList()) {
            total += child.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        }
        return total;
    }

    private static long selfCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    private static long totalBytes(byte[][] bodies) {
        long t = 0;
        for (byte[] b : bodies) t += b.length;
        return t;
    }

    private static byte[] body(String run, int i) {
        StringBuilder sb = new StringBuilder();
        sb.append("某市人民政府2023年度法治政府建设工作报告 ").append(run).append(" #").append(i).append('\n');
        for (int k = 0; k < 12; k++) {
            sb.append("一、推进依法行政，全年办理行政复议案件").append(i % 97 + k).append("件，公布重大行政决策事项")
                    .append(k + 3).append("项。\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
