package dev.reportflow.ingest;

import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import dev.reportflow.events.ReportIngested;
import dev.reportflow.events.ReportRejected;
import dev.reportflow.testsupport.RealInfrastructure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** What the @QuarkusTests share: the app's beans, the watched directory, topic probes, counters. */
abstract class IngestTestSupport {
    static KafkaCompanion companion;
    static TopicProbe<ReportIngested> ingested;
    static TopicProbe<ReportRejected> rejected;

    @Inject
    IngestEngine engine;
    @Inject
    IngestPipeline pipeline;
    @Inject
    IngestStore store;
    @Inject
    MeterRegistry registry;
    @Inject
    MongoClient mongo;

    @ConfigProperty(name = IngestTestDirs.DIR_KEY)
    String watchedDir;

    @BeforeAll
    static void probes() {
        companion = new KafkaCompanion(RealInfrastructure.kafkaBootstrapServers());
        ingested = new TopicProbe<>(companion, "reports.ingested", ReportIngested.class);
        rejected = new TopicProbe<>(companion, "reports.rejected", ReportRejected.class);
    }

    @AfterAll
    static void closeProbes() {
        if (ingested != null) ingested.close();
        if (rejected != null) rejected.close();
        if (companion != null) companion.close();
    }

    /** Every test leaves the engine running, whatever it did to it. */
    @AfterEach
    void engineRunning() {
        pipeline.simulateCrashAfterPublish(false);
        if (!engine.started()) engine.start();
    }

    Path dir() {
        return Path.of(watchedDir);
    }

    static String uid() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A small report body unique to this call. */
    static byte[] report(String label) {
        return ("XX市司法局2023年度法治政府建设工作报告\n一、主要举措和成效\n" + label + " " + UUID.randomUUID() + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    Path write(String rel, byte[] bytes) throws IOException {
        Path p = dir().resolve(rel);
        Files.createDirectories(p.getParent());
        return Files.write(p, bytes);
    }

    double count(String meter, String source) {
        Counter c = registry.find(meter).tag("source", source).counter();
        return c == null ? 0 : c.count();
    }

    double rejectedCount(String source, String reason) {
        Counter c = registry.find("reportflow.ingest.rejected").tag("source", source).tag("reason", reason).counter();
        return c == null ? 0 : c.count();
    }

    void awaitCount(String meter, String source, double atLeast) {
        await().atMost(Duration.ofSeconds(30)).until(() -> count(meter, source) >= atLeast);
    }

    Document seenDoc(String reportId) {
        return mongo.getDatabase("ingest-test").getCollection(IngestStore.SEEN).find(Filters.eq("_id", reportId)).first();
    }

    void reconcile() throws Exception {
        engine.reconcileNow(60, TimeUnit.SECONDS);
    }

    void restart() {
        engine.stop();
        engine.start();
    }
}
