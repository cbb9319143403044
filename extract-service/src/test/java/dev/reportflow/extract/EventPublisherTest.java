package dev.reportflow.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reportflow.events.DeadLetter;
import dev.reportflow.events.Topics;
import dev.reportflow.extraction.Extraction;
import dev.reportflow.extraction.Indicator;
import dev.reportflow.extraction.ReportInfo;
import dev.reportflow.extraction.Section;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Unit level: the ordering logic against Kafka's MockProducer with manual completion. */
class EventPublisherTest {
    final MockProducer<String, byte[]> producer =
            new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
    final EventPublisher publisher = new EventPublisher(producer, TestConfig.defaults().topics(),
            Executors.newSingleThreadExecutor());

    ExtractedEvents events() throws Exception {
        var in = Fixtures.ingested("r.txt", "正文");
        String id = in.reportId();
        return ExtractedEvents.of(in, new Extraction("v1", new ReportInfo(id, "r.txt", "UTF-8", null, null, null,
                null, null, null, 2), List.of(new Section("s1", null, 1, "一", "T", "other", 0, 2)),
                List.of(new Indicator(null, 1, "件", "exact", "count", null, "x", null, null, "s1", 0, 1, "x1件"))),
                1, Instant.now(), 100, 100_000);
    }

    @Test
    void theSummaryIsSentOnlyAfterEverySectionAndIndicatorIsAcknowledged() throws Exception {
        ExtractedEvents ev = events();
        RecordHeaders trace = new RecordHeaders();
        trace.add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01".getBytes());
        CompletableFuture<Void> done = publisher.publish(ev, trace);

        assertThat(producer.history()).extracting(ProducerRecord::topic)
                .containsExactly(Topics.REPORTS_SECTIONS, Topics.REPORTS_INDICATORS);
        assertThat(producer.completeNext()).isTrue(); // the section
        Thread.sleep(50);
        assertThat(producer.history()).hasSize(2).as("no summary while an indicator is unacknowledged");
        assertThat(producer.completeNext()).isTrue(); // the indicator
        org.awaitility.Awaitility.await().until(() -> producer.history().size() == 3);
        ProducerRecord<String, byte[]> summary = producer.history().get(2);
        assertThat(summary.topic()).isEqualTo(Topics.REPORTS_EXTRACTED);
        assertThat(done).isNotDone();
        producer.completeNext();
        done.get();

        assertThat(producer.history()).allSatisfy(r -> {
            assertThat(r.key()).isEqualTo(ev.reportId());
            assertThat(new String(r.headers().lastHeader("traceparent").value())).startsWith("00-0af7");
        });
    }

    @Test
    void aFailedSectionWriteFailsThePublishAndNoSummaryIsSent() throws Exception {
        CompletableFuture<Void> done = publisher.publish(events(), new RecordHeaders());
        producer.errorNext(new org.apache.kafka.common.errors.TimeoutException("broker gone"));
        producer.completeNext();
        org.awaitility.Awaitility.await().until(done::isDone);
        assertThat(done).isCompletedExceptionally();
        assertThat(producer.history()).extracting(ProducerRecord::topic).doesNotContain(Topics.REPORTS_EXTRACTED);
    }

    @Test
    void aDeadLetterKeepsKeyAndValueAndCarriesTheReasonHeaders() throws Exception {
        byte[] value = "garbage".getBytes(StandardCharsets.UTF_8);
        RecordHeaders h = new RecordHeaders();
        h.add("traceparent", "00-abc-def-01".getBytes());
        IncomingReport in = new IncomingReport(Topics.REPORTS_INGESTED, 3, 42, "k1", value, h);
        DeadLetter letter = new DeadLetter(1, null, "DESERIALIZATION_FAILED", "bad json", "X",
                Topics.REPORTS_INGESTED, 3, 42, "extract-service", "2025-01-01T00:00:00Z");
        CompletableFuture<Void> done = publisher.deadLetter(in, letter);
        producer.completeNext();
        done.get();
        ProducerRecord<String, byte[]> r = producer.history().get(0);
        assertThat(r.topic()).isEqualTo(Topics.REPORTS_INGESTED_DLQ);
        assertThat(r.key()).isEqualTo("k1");
        assertThat(r.value()).isEqualTo(value);
        Map<String, byte[]> headers = new HashMap<>();
        for (Header x : r.headers()) headers.put(x.key(), x.value());
        assertThat(DeadLetter.fromHeaders(headers)).isEqualTo(letter);
        assertThat(headers).containsKey("traceparent");
    }
}
