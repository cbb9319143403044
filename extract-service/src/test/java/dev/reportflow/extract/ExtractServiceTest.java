package dev.reportflow.extract;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.reportflow.events.DeadLetter;
import dev.reportflow.events.EventJson;
import dev.reportflow.events.ReportExtracted;
import dev.reportflow.events.ReportIngested;
import dev.reportflow.events.Topics;
import dev.reportflow.extraction.ReportExtractor;
import dev.reportflow.testsupport.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The running service against a real broker (test-support): records in, events out. */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class ExtractServiceTest {
    static KafkaCompanion companion;
    static EventLog log;

    @BeforeAll
    static void connect() {
        companion = new KafkaCompanion(RealInfrastructure.kafkaBootstrapServers());
        log = new EventLog(companion);
    }

    @AfterAll
    static void close() {
        log.close();
        companion.close();
    }

    static void send(String key, byte[] value, String traceparent) {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(Topics.REPORTS_INGESTED, key, value);
        if (traceparent != null) r.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
        companion.<String, byte[]>produceWithSerializers(StringSerializer.class, ByteArraySerializer.class)
                .fromRecords(r).awaitCompletion(Duration.ofSeconds(30));
    }

    /** A distinct report (its own id) built from a sample's text. */
    static ReportIngested sample(int i, String salt) {
        Path p = Fixtures.samples().get(i % 5);
        String text = new String(Fixtures.read(p), StandardCharsets.UTF_8) + "\n" + salt + "\n";
        return Fixtures.ingested(p.getFileName().toString(), text.getBytes(StandardCharsets.UTF_8), null);
    }

    @Test
    void inputTopicAndGroupComeFromTheContract() {
        assertThat(ConfigProvider.getConfig().getValue("mp.messaging.incoming.reports-in.topic", String.class))
                .isEqualTo(Topics.REPORTS_INGESTED);
        assertThat(ConfigProvider.getConfig().getValue("mp.messaging.incoming.reports-in.group.id", String.class))
                .isEqualTo("extract-service");
    }

    @Test
    void aReportYieldsItsSectionsIndicatorsAndThenItsSummaryKeyedByReportId() {
        ReportIngested in = sample(0, UUID.randomUUID().toString());
        String trace = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        send(in.reportId(), Fixtures.json(in), trace);

        await().atMost(Duration.ofSeconds(60)).until(() -> !log.summaries(in.reportId()).isEmpty());
        ReportExtracted sum = log.summaries(in.reportId()).get(0);
        assertThat(sum.extractorVersion()).isEqualTo(ReportExtractor.withDefaults().version());
        assertThat(sum.source()).isEqualTo(in.source());
        assertThat(sum.report().file()).isEqualTo(in.fileName());
        assertThat(sum.durationMicros()).isPositive();

        List<ConsumerRecord<String, byte[]>> sections = log.of(Topics.REPORTS_SECTIONS, in.reportId());
        List<ConsumerRecord<String, byte[]>> indicators = log.of(Topics.REPORTS_INDICATORS, in.reportId());
        assertThat(sections).hasSize(sum.sectionCount());
        assertThat(indicators).hasSize(sum.indicatorCount());
        ConsumerRecord<String, byte[]> summary = log.of(Topics.REPORTS_EXTRACTED, in.reportId()).get(0);
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>(sections);
        all.addAll(indicators);
        // The summary was created only after every other record of the report was acknowledged.
        assertThat(all).allSatisfy(r -> assertThat(r.timestamp()).isLessThanOrEqualTo(summary.timestamp()));
        all.add(summary);
        assertThat(all).allSatisfy(r -> {
            assertThat(r.key()).isEqualTo(in.reportId());
            assertThat(new String(r.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8))
                    .isEqualTo(trace);
        });
        // Sections are published in document order with ordinals 0..n-1.
        assertThat(sections.stream().map(r -> EventJson.read(r.value(), dev.reportflow.events.SectionExtracted.class)
                .ordinal()).toList()).isEqualTo(java.util.stream.IntStream.range(0, sections.size()).boxed().toList());
    }

    @Test
    void aPoisonRecordGoesToTheDlqWithItsReasonAndTheNextReportStillFlows() {
        String poisonKey = "poison-" + UUID.randomUUID();
        byte[] garbage = ("\u0000\u0001 not a report " + poisonKey).getBytes(StandardCharsets.UTF_8);
        send(poisonKey, garbage, null);
        ReportIngested next = sample(1, UUID.randomUUID().toString());
        send(next.reportId(), Fixtures.json(next), null);

        await().atMost(Duration.ofSeconds(60)).until(() -> !log.of(Topics.REPORTS_INGESTED_DLQ, poisonKey).isEmpty()
                && !log.summaries(next.reportId()).isEmpty());
        ConsumerRecord<String, byte[]> dead = log.of(Topics.REPORTS_INGESTED_DLQ, poisonKey).get(0);
        assertThat(dead.value()).isEqualTo(garbage);
        DeadLetter d = DeadLetter.fromHeaders(EventLog.headers(dead));
        assertThat(d.reason()).isEqualTo("DESERIALIZATION_FAILED");
        assertThat(d.originalTopic()).isEqualTo(Topics.REPORTS_INGESTED);
        assertThat(d.originalOffset()).isNotNegative();
        assertThat(d.service()).isEqualTo("extract-service");
        assertThat(log.complete(next.reportId())).isTrue();
    }

    @Test
    void anEmptyPayloadIsDeadLetteredWithTheExtractorsReason() {
        ReportIngested empty = Fixtures.ingested("empty.txt", new byte[0], null);
        // An empty payload still has a unique id here: vary the source key, not the bytes.
        String key = empty.reportId();
        send(key, Fixtures.json(empty), null);
        await().atMost(Duration.ofSeconds(60)).until(() -> log.of(Topics.REPORTS_INGESTED_DLQ, key).stream()
                .anyMatch(r -> "EMPTY".equals(DeadLetter.fromHeaders(EventLog.headers(r)).reason())));
        assertThat(log.summaries(key)).isEmpty();
    }

    @Test
    void aStatedQuantityBecomesAnIndicatorEvent() {
        String text = Fixtures.LEGAL_AID_REPORT + "\n" + UUID.randomUUID() + "\n";
        ReportIngested in = Fixtures.ingested("legal-aid.txt", text);
        send(in.reportId(), Fixtures.json(in), null);
        await().atMost(Duration.ofSeconds(60)).until(() -> !log.summaries(in.reportId()).isEmpty());
        ReportExtracted sum = log.summaries(in.reportId()).get(0);
        assertThat(sum.indicatorCount()).as("受理法律援助案件723件 is a stated quantity").isGreaterThanOrEqualTo(1);
        assertThat(log.of(Topics.REPORTS_INDICATORS, in.reportId())).hasSize(sum.indicatorCount());
        assertThat(log.of(Topics.REPORTS_INDICATORS, in.reportId()).stream()
                .map(r -> EventJson.read(r.value(), dev.reportflow.events.IndicatorExtracted.class))
                .anyMatch(i -> i.value() == 723 && "件".equals(i.unit()))).isTrue();
    }

    @Test
    void healthMetricsAndOpenApiAreServed() {
        ReportIngested in = sample(2, UUID.randomUUID().toString());
        send(in.reportId(), Fixtures.json(in), null);
        await().atMost(Duration.ofSeconds(60)).until(() -> !log.summaries(in.reportId()).isEmpty());
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200).body(containsString("extraction-workers"));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("reportflow_extract_reports_total{", "outcome=\"extracted\"",
                "reportflow_extract_indicators_total", "reportflow_extract_duration_seconds_bucket",
                "reportflow_extract_consumer_lag", "reportflow_extract_in_flight");
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/admin/reextract"));
    }

    @Test
    void reextractionReplaysEveryReportWithTheCurrentExtractorVersion() {
        ReportIngested in = sample(3, UUID.randomUUID().toString());
        send(in.reportId(), Fixtures.json(in), null);
        await().atMost(Duration.ofSeconds(60)).until(() -> log.summaries(in.reportId()).size() == 1);

        given().post("/api/admin/reextract").then().statusCode(202).body("state", equalTo("RUNNING"));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() ->
                given().get("/api/admin/reextract").then().extract().path("state").equals("DONE"));
        int total = given().get("/api/admin/reextract").then().extract().path("total");
        int processed = given().get("/api/admin/reextract").then().extract().path("processed");
        assertThat(processed).isEqualTo(total).isPositive();

        await().atMost(Duration.ofSeconds(30)).until(() -> log.summaries(in.reportId()).size() == 2);
        List<ReportExtracted> two = log.summaries(in.reportId());
        assertThat(two.get(1).extractorVersion()).isEqualTo(ReportExtractor.withDefaults().version());
        assertThat(two.get(1).sectionCount()).isEqualTo(two.get(0).sectionCount());
        // Replayed events carry the same ids: a consumer that keys by event id replaces, never doubles.
        assertThat(log.sectionEventIds(in.reportId())).hasSize(two.get(0).sectionCount());
        assertThat(log.of(Topics.REPORTS_SECTIONS, in.reportId())).hasSize(2 * two.get(0).sectionCount());
    }
}
