package dev.reportflow.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import dev.reportflow.testsupport.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
@QuarkusTestResource(IngestTestDirs.class)
class CrashRecoveryTest extends IngestTestSupport {

    @Test
    void aCrashBetweenPublishAndMarkPublishesAgainAtMostOnce() throws Exception {
        byte[] bytes = report("crash");
        String id = ReportIds.of(bytes);
        double failed = count("reportflow.ingest.failed", "dir");

        pipeline.simulateCrashAfterPublish(true);
        write("crash/" + uid() + "/a.txt", bytes);
        ingested.awaitOne(id); // acknowledged by Kafka ...
        awaitCount("reportflow.ingest.failed", "dir", failed + 1);
        assertThat(seenDoc(id)).as("... but never marked seen").isNull();
        given().get("/api/reports/" + id).then().statusCode(404);
        engine.stop(); // the "crash"
        pipeline.simulateCrashAfterPublish(false);

        engine.start(); // the restart's first pass finds an unmarked file and publishes it again
        await().atMost(Duration.ofSeconds(30)).until(() -> seenDoc(id) != null);
        assertThat(ingested.caughtUp().withKey(id)).hasSize(2);
        given().get("/api/reports/" + id).then().statusCode(200).body("status", is("published"));

        restart();
        reconcile();
        assertThat(ingested.caughtUp().withKey(id)).as("marked now: never again").hasSize(2);
    }
}
