package dev.reportflow.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reportflow.events.DeadLetter;
import dev.reportflow.events.EventJson;
import dev.reportflow.events.ReportExtracted;
import dev.reportflow.events.ReportIngested;
import dev.reportflow.events.Topics;
import dev.reportflow.extraction.ExtractionException;
import dev.reportflow.extraction.ReportExtractor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Unit level: routing of every kind of record to events or to the DLQ, with the real extraction library. */
class ReportProcessorTest {
    final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    BoundedWorkers workers;

    ReportProcessor processor(ReportProcessor.Extractor ex, TestConfig cfg) {
        workers = new BoundedWorkers("t", 2, 2, cfg.timeout());
        return new ReportProcessor(ex, workers,
                new EventPublisher(producer, cfg.topics(), Executors.newSingleThreadExecutor()), cfg, registry,
                Clock.systemUTC());
    }

    @AfterEach
    void close() {
        if (workers != null) workers.close();
    }

    static IncomingReport record(String key, byte[] value, long offset) {
        return new IncomingReport(Topics.REPORTS_INGESTED, 0, offset, key, value, new RecordHeaders());
    }

    DeadLetter onlyDeadLetter() {
        assertThat(producer.history()).hasSize(1);
        ProducerRecord<String, byte[]> r = producer.history().get(0);
        assertThat(r.topic()).isEqualTo(Topics.REPORTS_INGESTED_DLQ);
        Map<String, byte[]> h = new HashMap<>();
        for (Header x : r.headers()) h.put(x.key(), x.value());
        return DeadLetter.fromHeaders(h);
    }

    @Test
    void everySampleReportYieldsItsEventsWithTheSummaryLastAndCountsThatMatch() throws Exception {
        ReportExtractor real = ReportExtractor.withDefaults();
        ReportProcessor p = processor(real::extract, TestConfig.defaults());
        List<Path> samples = Fixtures.samples();
        assertThat(samples).hasSize(5);
        for (Path s : samples) {
            producer.clear();
            ReportIngested in = Fixtures.ingested(s.getFileName().toString(), Fixtures.read(s), null);
            assertThat(p.process(record(in.reportId(), Fixtures.json(in), 1)).get(30, TimeUnit.SECONDS))
                    .isEqualTo(ReportProcessor.Outcome.EXTRACTED);
            List<ProducerRecord<String, byte[]>> out = producer.history();
            ProducerRecord<String, byte[]> last = out.get(out.size() - 1);
            assertThat(last.topic()).isEqualTo(Topics.REPORTS_EXTRACTED);
            ReportExtracted sum = EventJson.read(last.value(), ReportExtracted.class);
            assertThat(sum.reportId()).isEqualTo(in.reportId());
            assertThat(sum.extractorVersion()).isEqualTo(real.version());
            assertThat(out.stream().filter(r -> r.topic().equals(Topics.REPORTS_SECTIONS)).count())
                    .isEqualTo(sum.sectionCount());
            assertThat(out.stream().filter(r -> r.topic().equals(Topics.REPORTS_INDICATORS)).count())
                    .isEqualTo(sum.indicatorCount());
            assertThat(out).allSatisfy(r -> assertThat(r.key()).isEqualTo(in.reportId()));
        }
        assertThat(registry.counter("reportflow.extract.reports", "outcome", "extracted").count()).isEqualTo(5);
    }

    @Test
    void garbageGoesToTheDlqAsDeserializationFailed() throws Exception {
        ReportProcessor p = processor(ReportExtractor.withDefaults()::extract, TestConfig.defaults());
        assertThat(p.process(record("junk-key", "{{{not json".getBytes(), 7)).get(5, TimeUnit.SECONDS))
                .isEqualTo(ReportProcessor.Outcome.DEAD_LETTERED);
        DeadLetter d = onlyDeadLetter();
        assertThat(d.reason()).isEqualTo("DESERIALIZATION_FAILED");
        assertThat(d.originalOffset()).isEqualTo(7);
        assertThat(d.reportId()).isNull();
        assertThat(d.service()).isEqualTo("extract-service");
        assertThat(producer.history().get(0).value()).isEqualTo("{{{not json".getBytes());
        assertThat(registry.counter("reportflow.extract.dead.letters", "reason", "DESERIALIZATION_FAILED").count())
                .isEqualTo(1);
    }

    @Test
    void aReportThatRunsTooLongGoesToTheDlqAsTimeoutWithinTheBound() throws Exception {
        ReportProcessor p = processor((raw, name) -> {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < end) Thread.onSpinWait(); // ignores interrupts, like a runaway regex
            throw new AssertionError("unreachable within the test");
        }, TestConfig.defaults().withTimeout(Duration.ofMillis(300)));
        ReportIngested in = Fixtures.ingested("slow.txt", "慢");
        long t0 = System.nanoTime();
        assertThat(p.process(record(in.reportId(), Fixtures.json(in), 1)).get(5, TimeUnit.SECONDS))
                .isEqualTo(ReportProcessor.Outcome.DEAD_LETTERED);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
        DeadLetter d = onlyDeadLetter();
        assertThat(d.reason()).isEqualTo("EXTRACTION_TIMEOUT");
        assertThat(d.reportId()).isEqualTo(in.reportId());
    }

    @Test
    void extractionFailuresMapToTheirReasons() throws Exception {
        Map<ReportProcessor.Extractor, String> cases = new java.util.LinkedHashMap<>();
        cases.put((r, n) -> { throw new ExtractionException(ExtractionException.Reason.UNDECODABLE, "bad bytes"); },
                "UNDECODABLE");
        cases.put((r, n) -> { throw new ExtractionException(ExtractionException.Reason.EMPTY, "empty"); }, "EMPTY");
        cases.put((r, n) -> { throw new IllegalStateException("bug"); }, "EXTRACTION_FAILED");
        cases.put((r, n) -> { throw new StackOverflowError(); }, "EXTRACTION_FAILED");
        for (var c : cases.entrySet()) {
            producer.clear();
            ReportProcessor p = processor(c.getKey(), TestConfig.defaults());
            ReportIngested in = Fixtures.ingested("x.txt", "x");
            assertThat(p.process(record(in.reportId(), Fixtures.json(in), 1)).get(5, TimeUnit.SECONDS))
                    .isEqualTo(ReportProcessor.Outcome.DEAD_LETTERED);
            assertThat(onlyDeadLetter().reason()).isEqualTo(c.getValue());
            workers.close();
        }
    }

    @Test
    void anOversizedPayloadIsRefusedBeforeExtraction() throws Exception {
        ReportProcessor p = processor((r, n) -> { throw new AssertionError("must not be called"); },
                TestConfig.defaults().withMaxReportBytes(10));
        ReportIngested in = Fixtures.ingested("big.txt", "这份报告超过了十个字节");
        p.process(record(in.reportId(), Fixtures.json(in), 1)).get(5, TimeUnit.SECONDS);
        assertThat(onlyDeadLetter().reason()).isEqualTo("TOO_LARGE");
    }

    @Test
    void aTombstoneIsCountedAndProducesNothing() throws Exception {
        ReportProcessor p = processor(ReportExtractor.withDefaults()::extract, TestConfig.defaults());
        assertThat(p.process(record("a".repeat(64), null, 1)).get(5, TimeUnit.SECONDS))
                .isEqualTo(ReportProcessor.Outcome.TOMBSTONE);
        assertThat(producer.history()).isEmpty();
        assertThat(registry.counter("reportflow.extract.reports", "outcome", "tombstone").count()).isEqualTo(1);
    }
}
