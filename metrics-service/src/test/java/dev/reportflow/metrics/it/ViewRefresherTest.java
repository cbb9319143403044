package dev.reportflow.metrics.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import dev.reportflow.metrics.SampleReport;
import dev.reportflow.metrics.store.Db;
import dev.reportflow.testsupport.RealInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * With a refresh interval (the service's default mode; the other tests run with 0, refreshed inside
 * the batch), the views are recomputed by the refresher thread while the consumer goes on: batches
 * whose reports complete within one interval are refreshed together, and in the end every queued key
 * is refreshed and unqueued.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
@TestProfile(ViewRefresherTest.WithInterval.class)
class ViewRefresherTest {
    public static class WithInterval implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("reportflow.metrics.views.refresh-interval", "700ms",
                    "reportflow.metrics.views.max-reports-per-refresh", "2");
        }
    }

    @Inject
    MeterRegistry registry;

    @Inject
    MongoClient mongo;

    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    @Test
    void viewsCatchUpAfterTheBatchesInTurnsOfTheRefresher() {
        List<SampleReport> reports = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            reports.add(new SampleReport("refresher-" + k, k % 2 == 0 ? "刷新市甲区" : "刷新市乙区", 2022)
                    .section("s1", null, 1, "主要举措和成效", "achievements")
                    .indicator("legal_aid.cases", 100 + k, "件", "count")
                    .indicator("mediation.disputes", 50 + k, "宗", "count"));
        }
        Timer refreshes = registry.find("reportflow.metrics.view.refresh").tag("mode", "incremental").timer();
        long before = refreshes.count();
        try (EventsIn events = new EventsIn(registry)) {
            // one batch per report, sent back to back: the consumer stores them without waiting for views
            for (SampleReport r : reports) events.sendAndWait(r);
        }

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonPath rows = given().accept("application/json").when()
                    .get("/api/metrics/{m}?year={y}", "legal_aid.cases", 2022).then().statusCode(200).extract().jsonPath();
            assertThat(rows.getList("rows.region")).contains("刷新市甲区", "刷新市乙区");
            assertThat(mongo.getDatabase(database).getCollection(Db.REPORTS)
                    .countDocuments(Filters.exists("stale_keys"))).isZero();
        });
        // the largest statement of each region-year is its headline: 104 (甲: 0, 2, 4) and 103 (乙: 1, 3)
        JsonPath rows = given().accept("application/json").when()
                .get("/api/metrics/{m}?year={y}", "legal_aid.cases", 2022).then().statusCode(200).extract().jsonPath();
        assertThat(rows.getList("rows.value", Float.class)).containsExactlyInAnyOrder(104f, 103f);
        // coverage, put off by the turns that left reports queued, is computed by the last one
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonPath status = given().get("/api/status").then().statusCode(200).extract().jsonPath();
            assertThat(status.getLong("views_queued_reports")).isZero();
            assertThat(status.getLong("coverage_queued_metrics")).isZero();
        });
        JsonPath metrics = given().accept("application/json").get("/api/metrics").then().statusCode(200).extract().jsonPath();
        assertThat(metrics.getInt("find { it.id == 'legal_aid.cases' }.reports")).isGreaterThanOrEqualTo(5);
        // at most 2 reports per turn: 5 reports take at least 3 turns, fewer than one per batch is allowed
        assertThat(refreshes.count() - before).isGreaterThanOrEqualTo(3);
    }
}
