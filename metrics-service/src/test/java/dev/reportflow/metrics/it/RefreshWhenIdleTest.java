package dev.reportflow.metrics.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reportflow.metrics.SampleReport;
import dev.reportflow.testsupport.RealInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With a refresh interval far longer than the test, the views still catch up within seconds: once no
 * batch has been stored for {@code views.refresh-when-idle}, a queued turn starts at once.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
@TestProfile(RefreshWhenIdleTest.LongInterval.class)
class RefreshWhenIdleTest {
    public static class LongInterval implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // the repair job would refresh the queue too: off, so only the idle trigger can
            return Map.of("reportflow.metrics.views.refresh-interval", "1h",
                    "reportflow.metrics.views.refresh-when-idle", "300ms",
                    "reportflow.metrics.repair-every", "off");
        }
    }

    @Inject
    MeterRegistry registry;

    @Test
    void anIdleConsumerLetsTheQueuedTurnStartBeforeTheInterval() {
        SampleReport r = new SampleReport("idle-1", "空闲市甲区", 2021)
                .section("s1", null, 1, "主要举措和成效", "achievements")
                .indicator("legal_aid.cases", 321, "件", "count");
        try (EventsIn events = new EventsIn(registry)) {
            events.sendAndWait(r);
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            var rows = given().accept("application/json").get("/api/metrics/{m}?region={r}", "legal_aid.cases", "空闲市甲区")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(rows.getList("rows.value", Float.class)).containsExactly(321f);
            // metric_coverage too: a turn while batches still arrive puts it off, an idle consumer lets it run
            given().get("/api/status").then().statusCode(200)
                    .body("views_queued_reports", org.hamcrest.Matchers.equalTo(0))
                    .body("coverage_queued_metrics", org.hamcrest.Matchers.equalTo(0));
        });
    }
}
