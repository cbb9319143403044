package dev.reportflow.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import dev.reportflow.testsupport.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
@QuarkusTestResource(IngestTestDirs.class)
class HealthAndMetricsTest extends IngestTestSupport {

    @Test
    void readinessCoversKafkaMongoAndEverySource() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItems("ingest-sources"))
                .body("checks.find { it.name == 'ingest-sources' }.data.dir", containsString("UP"))
                .body("checks.find { it.name == 'ingest-sources' }.data.bucket", containsString("UP"))
                .body("checks.name.toString()", containsString("Kafka"))
                .body("checks.name.toString()", containsString("MongoDB"));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void readinessGoesDownWhenTheEngineIsStopped() {
        engine.stop();
        given().get("/q/health/ready").then().statusCode(503);
        engine.start();
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void prometheusExposesTheIngestMeters() throws Exception {
        byte[] bytes = report("metrics");
        write("metrics/" + uid() + ".txt", bytes);
        ingested.awaitOne(ReportIds.of(bytes));
        reconcile();
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("reportflow_ingest_files_seen_total{source=\"dir\"}"))
                .body(containsString("reportflow_ingest_published_total{source=\"dir\"}"))
                .body(containsString("reportflow_ingest_scan_duration_seconds_count{source=\"dir\"}"))
                .body(containsString("reportflow_ingest_backlog{source=\"dir\"}"));
    }
}
