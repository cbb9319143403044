package dev.reportflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reportflow.events.ReportExtracted;
import dev.reportflow.events.Topics;
import dev.reportflow.events.kafka.EventDeserializer;
import dev.reportflow.launcher.Demo;
import dev.reportflow.launcher.MetricsApi;
import dev.reportflow.launcher.Proc;
import dev.reportflow.launcher.Stack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The packaged services as real processes against devstack, the way {@code ./pipeline demo} runs them: the sample
 * reports go into the watched bucket, and what the views hold is read back through metrics-service's API and
 * checked against the extractor's own summaries on {@code reports.extracted}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineIT {
    static final Path ROOT = Path.of(System.getProperty("reportflow.root")).toAbsolutePath().normalize();
    static final Path DATA = Path.of(System.getProperty("e2e.data", ROOT.resolve("e2e/target/e2e-data").toString()));
    static final Duration PROCESSING = Duration.ofSeconds(90);

    Stack stack;
    MetricsApi api;
    List<Path> samples;
    Map<String, String> sampleIds;
    List<Proc> processes = List.of();

    /** On any failure, the last lines of every process's log. */
    @RegisterExtension
    final TestWatcher logs = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            printLogTails();
        }
    };

    @BeforeAll
    void startEverything() throws Exception {
        // A run killed midway (its JVM gone, hooks not run) left processes marked with this directory: stop them.
        List<Proc> leftovers = Stack.stopAll(DATA);
        if (!leftovers.isEmpty()) {
            System.out.println("stopped leftovers of an earlier run: " + leftovers);
        }
        deleteRecursively(DATA);
        samples = Demo.samples(ROOT);
        assertThat(samples).as("samples/*.txt").hasSizeGreaterThanOrEqualTo(5);
        stack = new Stack(Stack.Config.isolated(ROOT, DATA));
        try {
            stack.start(System.out);
        } catch (Stack.StackException e) {
            printLogTails();
            throw e;
        }
        processes = stack.processes();
        api = new MetricsApi(stack.url(Stack.METRICS));
    }

    @AfterAll
    void stopEverything() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    @Timeout(150)
    void everySampleEndsCompleteAndAgreesWithReportsExtracted() throws Exception {
        sampleIds = Demo.drop(samples, stack.ingestDirectory(), DATA.resolve("staging"));
        List<MetricsApi.Report> reports = Demo.awaitComplete(api, sampleIds.keySet(), PROCESSING, System.out, stack);

        Map<String, ReportExtracted> summaries = extractedSummaries(sampleIds.keySet(), Duration.ofSeconds(30));
        for (MetricsApi.Report r : reports) {
            String what = sampleIds.get(r.id());
            assertThat(r.complete()).as(what).isTrue();
            assertThat(r.region()).as(what + " region").isNotBlank();
            assertThat(r.year()).as(what + " year").isBetween(2000, 2100);
            assertThat(r.sections()).as(what + " sections").isPositive();
            assertThat(r.indicators()).as(what + " indicators").isPositive();

            ReportExtracted e = summaries.get(r.id());
            assertThat(r.sections()).as(what + " sections vs reports.extracted").isEqualTo(e.sectionCount());
            assertThat(r.indicators()).as(what + " indicators vs reports.extracted").isEqualTo(e.indicatorCount());
            assertThat(r.region()).as(what + " region vs reports.extracted").isEqualTo(e.report().region());
            assertThat(r.year()).as(what + " year vs reports.extracted").isEqualTo(e.report().reportYear());
            assertThat(r.file()).as(what + " file").isEqualTo(what);
        }
        // The report's own page agrees: its outline and indicator list are as long as the summary says.
        for (String id : sampleIds.keySet()) {
            JsonNode one = api.get("/api/reports/" + id);
            String what = sampleIds.get(id);
            assertThat(one.path("outline").size()).as(what + " outline").isEqualTo(summaries.get(id).sectionCount());
            assertThat(one.path("indicators").size()).as(what + " indicators listed")
                    .isEqualTo(summaries.get(id).indicatorCount());
            assertThat(one.path("version").asText()).as(what + " version")
                    .isEqualTo(summaries.get(id).extractorVersion());
        }
    }

    @Test
    @Order(2)
    @Timeout(120)
    void droppingTheSameFilesAgainCreatesNoNewReport() throws Exception {
        // The same bytes again: under their old names (rewritten) and under new names.
        Demo.drop(samples, stack.ingestDirectory(), DATA.resolve("staging"));
        Path copies = Files.createDirectories(DATA.resolve("copies"));
        List<Path> renamed = new ArrayList<>();
        for (Path s : samples) {
            renamed.add(Files.copy(s, copies.resolve("again-" + s.getFileName())));
        }
        Demo.drop(renamed, stack.ingestDirectory(), DATA.resolve("staging"));
        // Then one new report (one byte more), dropped last: once it is complete, the copies before it have been
        // through ingest too, so their absence from the views is not a matter of waiting longer.
        Path sentinel = copies.resolve("zz-sentinel.txt");
        Files.write(sentinel, concat(Files.readAllBytes(samples.get(0)), "\n".getBytes()));
        Map<String, String> sentinelId = Demo.drop(List.of(sentinel), stack.ingestDirectory(), DATA.resolve("staging"));
        Demo.awaitComplete(api, sentinelId.keySet(), PROCESSING, System.out, stack);

        Set<String> expected = new LinkedHashSet<>(sampleIds.keySet());
        expected.addAll(sentinelId.keySet());
        Set<String> ids = new HashSet<>();
        for (MetricsApi.Report r : api.reports()) {
            assertThat(ids.add(r.id())).as("report " + r.id() + " listed once").isTrue();
        }
        assertThat(ids).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    @Order(3)
    @Timeout(30)
    void legalAidCasesAreComparedAcrossRegions() throws Exception {
        JsonNode series = api.get("/api/metrics/legal_aid.cases");
        Map<String, Double> byRegion = new HashMap<>();
        for (JsonNode row : series.path("rows")) {
            assertThat(row.path("value").isNumber()).as("value of " + row).isTrue();
            byRegion.put(row.path("region").asText(), row.path("value").asDouble());
        }
        assertThat(byRegion).as("legal_aid.cases by region").hasSizeGreaterThanOrEqualTo(2);
        assertThat(byRegion.values()).allSatisfy(v -> assertThat(v).isPositive());
    }

    @Test
    @Order(4)
    @Timeout(90)
    void stoppingLeavesNoProcessBehind() {
        assertThat(processes).extracting(Proc::name)
                .containsExactly(Stack.DEVSTACK, Stack.INGEST, Stack.EXTRACT, Stack.METRICS);
        assertThat(processes).allMatch(Proc::isAlive, "alive before stopping");
        stack.close();
        assertThat(processes).noneMatch(Proc::isAlive);
        assertThat(Proc.strays(DATA)).as("processes still marked with " + DATA).isEmpty();
        assertThat(DATA.resolve("devstack.env")).as("devstack withdrew its ready file").doesNotExist();
    }

    /** The ReportExtracted summary of each id, read from the start of reports.extracted. */
    private Map<String, ReportExtracted> extractedSummaries(Set<String> ids, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.serviceEnv().get("KAFKA_BOOTSTRAP_SERVERS"));
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, EventDeserializer.class.getName());
        p.put(EventDeserializer.TYPE_CONFIG, ReportExtracted.class.getName());
        Map<String, ReportExtracted> out = new HashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, ReportExtracted> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(Topics.REPORTS_EXTRACTED));
            while (!out.keySet().containsAll(ids)) {
                assertThat(System.nanoTime()).as("a ReportExtracted for every sample within " + timeout.toSeconds()
                        + " s; have " + out.keySet()).isLessThan(deadline);
                for (ConsumerRecord<String, ReportExtracted> r : consumer.poll(Duration.ofMillis(500))) {
                    assertThat(r.key()).isEqualTo(r.value().reportId());
                    out.put(r.key(), r.value()); // the latest summary of a report wins, as in the views
                }
            }
        }
        return out;
    }

    private void printLogTails() {
        for (String name : Stack.ALL) {
            System.out.println("----- last lines of " + Proc.logFile(DATA, name) + " -----");
            System.out.println(Proc.tail(Proc.logFile(DATA, name), 60));
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
