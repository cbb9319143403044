package dev.reportflow.metrics.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import dev.reportflow.events.Topics;
import dev.reportflow.metrics.SampleReport;
import dev.reportflow.testsupport.RealInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Events in through the real broker, views and API out, against the real MongoDB-compatible server.
 * Each test uses its own regions and report ids: the servers and the database are shared.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class IngestAndViewsTest {

    @Inject
    MeterRegistry registry;

    EventsIn events;

    @BeforeEach
    void open() {
        events = new EventsIn(registry);
    }

    @AfterEach
    void close() {
        events.close();
    }

    static JsonPath get(String path, Object... params) {
        return given().accept("application/json").when().get(path, params).then().statusCode(200).extract().jsonPath();
    }

    static SampleReport report(String name, String region, int year) {
        return new SampleReport(name, region, year)
                .section("s1", null, 1, "主要举措和成效", "achievements")
                .indicator("major_decisions.listed", 6, "项", "count", "公布重大行政决策事项6项,全部按程序审议。", "6项")
                .indicator("legal_aid.cases", 723, "件", "count", "2023年受理法律援助案件723件。", "723件")
                .section("s1.1", "s1", 2, "化解矛盾纠纷", "achievements")
                .indicator("mediation.disputes", 3785, "宗", "count")
                .indicator("mediation.succeeded", 3766, "宗", "count")
                .indicator("mediation.success_rate", 99.5, "%", "rate");
    }

    @Test
    void completeReportFlowsIntoViewsAndApi() {
        SampleReport r = report("flow-1", "测试市甲区", 2023);
        events.sendAndWait(r);

        JsonPath rep = get("/api/reports/{id}", r.id);
        assertThat(rep.getString("status")).isEqualTo("complete");
        assertThat(rep.getString("region")).isEqualTo("测试市甲区");
        assertThat(rep.getInt("report_year")).isEqualTo(2023);
        assertThat(rep.getList("outline.section_id")).containsExactly("preamble", "s1", "s1.1");
        assertThat(rep.getList("outline.indicators_total", Integer.class)).containsExactly(0, 5, 3);
        assertThat(rep.getList("indicators")).hasSize(5);
        // the quantity is located inside its sentence for the dashboard's highlight
        int at = "2023年受理法律援助案件723件。".indexOf("723件");
        assertThat(rep.getList("indicators.find { it.metric == 'legal_aid.cases' }.highlight", Integer.class))
                .containsExactly(at, at + 4);

        JsonPath rows = get("/api/metrics/{m}?region={r}", "legal_aid.cases", "测试市甲区");
        assertThat(rows.getList("rows")).hasSize(1);
        Map<String, Object> row = rows.getMap("rows[0]");
        assertThat(row).containsEntry("region", "测试市甲区").containsEntry("report_year", 2023)
                .containsEntry("unit", "件").containsEntry("approx", "exact").containsEntry("report_id", r.id)
                .containsEntry("quote", "2023年受理法律援助案件723件。");
        assertThat(((Number) row.get("value")).doubleValue()).isEqualTo(723.0);

        JsonPath region = get("/api/regions/{r}", "测试市甲区");
        assertThat(region.getFloat("years[0].metrics.'legal_aid.cases'.value")).isEqualTo(723f);
        assertThat(get("/api/regions").getList("region")).contains("测试市甲区");

        JsonPath metrics = get("/api/metrics");
        assertThat(metrics.getInt("find { it.id == 'legal_aid.cases' }.reports")).isGreaterThanOrEqualTo(1);
        assertThat(metrics.getString("find { it.id == 'legal_aid.cases' }.name")).isEqualTo("法律援助案件");

        given().accept("application/json").get("/api/reports?region={r}", "测试市甲区").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].id", equalTo(r.id))
                .body("items[0].status", equalTo("complete")).body("items[0].sections", equalTo(3))
                .body("items[0].indicators", equalTo(5)).body("items[0].file", equalTo("flow-1.txt"))
                .body("items[0].admin_level", equalTo("district"));
    }

    @Test
    void redeliveredEventsChangeNothing() {
        SampleReport r = report("redeliver-1", "测试市乙区", 2023);
        events.sendAndWait(r);
        String before = snapshot(r, "测试市乙区");

        // the whole report again, then its summary twice more, as a redelivery after a crash would
        List<Object> again = new ArrayList<>(EventsIn.all(r));
        again.add(r.summary());
        again.add(r.summary());
        events.sendAndWait(again);

        assertThat(snapshot(r, "测试市乙区")).isEqualTo(before);
        assertThat(get("/api/metrics/{m}?region={r}", "legal_aid.cases", "测试市乙区").getInt("rows[0].statements"))
                .isEqualTo(1);
    }

    /** What the API shows about a report and its region (refresh tokens are not exposed). */
    static String snapshot(SampleReport r, String region) {
        return given().get("/api/reports/{id}", r.id).asString()
                + given().get("/api/regions/{r}", region).asString()
                + given().get("/api/metrics/legal_aid.cases?region={r}", region).asString()
                + given().get("/api/anomalies?report={id}", r.id).asString();
    }

    @Test
    void pendingReportStaysOutOfViewsUntilComplete() {
        SampleReport r = report("pending-1", "测试市丙区", 2022);
        var inds = r.indicators();
        List<Object> first = new ArrayList<>(r.sections());
        first.addAll(inds.subList(0, 2));
        first.add(r.summary());
        events.sendAndWait(first);

        JsonPath rep = get("/api/reports/{id}", r.id);
        assertThat(rep.getString("status")).isEqualTo("pending");
        assertThat(rep.getInt("indicator_count")).isEqualTo(2);
        assertThat(rep.getInt("expected_indicators")).isEqualTo(5);
        assertThat(get("/api/reports?status=pending&region={r}", "测试市丙区").getList("items.id")).containsExactly(r.id);
        assertThat(get("/api/metrics/{m}?region={r}", "legal_aid.cases", "测试市丙区").getList("rows")).isEmpty();
        given().get("/api/regions/{r}", "测试市丙区").then().statusCode(200).body("years.size()", equalTo(0));
        assertThat(get("/api/status").getInt("pending")).isGreaterThanOrEqualTo(1);

        events.sendAndWait(new ArrayList<>(inds.subList(2, inds.size())));
        assertThat(get("/api/reports/{id}", r.id).getString("status")).isEqualTo("complete");
        assertThat(get("/api/metrics/{m}?region={r}", "legal_aid.cases", "测试市丙区").getList("rows")).hasSize(1);
    }

    @Test
    void reextractionReplacesTheReportsFacts() {
        SampleReport v1 = report("reextract-1", "测试市丁区", 2023);
        events.sendAndWait(v1);
        SampleReport v2 = new SampleReport("reextract-1", "测试市丁区", 2023)
                .section("s1", null, 1, "主要举措和成效", "achievements")
                .indicator("legal_aid.cases", 725, "件", "count")
                .indicator("notary.cases", 5465, "件", "count")
                .version("2.0.0", "2026-06-01T00:00:00Z");
        events.sendAndWait(v2);

        JsonPath rep = get("/api/reports/{id}", v1.id);
        assertThat(rep.getString("version")).isEqualTo("2.0.0");
        assertThat(rep.getList("indicators")).hasSize(2);
        JsonPath rows = get("/api/metrics/{m}?region={r}", "legal_aid.cases", "测试市丁区");
        assertThat(rows.getList("rows")).hasSize(1);
        assertThat(rows.getDouble("rows[0].value")).isEqualTo(725.0);
        assertThat(rows.getInt("rows[0].statements")).isEqualTo(1);
        assertThat(get("/api/metrics/{m}?region={r}", "mediation.disputes", "测试市丁区").getList("rows")).isEmpty();
        assertThat(get("/api/regions/{r}", "测试市丁区").getMap("years[0].metrics")).containsOnlyKeys("legal_aid.cases", "notary.cases");
    }

    @Test
    void supersededReportLeavesTheViews() {
        SampleReport old = report("supersede-old", "测试市戊区", 2023);
        SampleReport neu = new SampleReport("supersede-new", "测试市戊区", 2023)
                .section("s1", null, 1, "成效", "achievements").indicator("legal_aid.cases", 730, "件", "count");
        neu.supersedes = old.id;
        events.sendAndWait(old);
        events.sendAndWait(neu);

        JsonPath o = get("/api/reports/{id}", old.id);
        assertThat(o.getString("status")).isEqualTo("superseded");
        assertThat(o.getString("superseded_by")).isEqualTo(neu.id);
        assertThat(o.getList("indicators")).hasSize(5); // still readable
        JsonPath rows = get("/api/metrics/{m}?region={r}", "legal_aid.cases", "测试市戊区");
        assertThat(rows.getList("rows[0].reports")).containsExactly(neu.id);
        assertThat(get("/api/metrics/{m}?region={r}", "mediation.disputes", "测试市戊区").getList("rows")).isEmpty();
    }

    @Test
    void anomaliesAreFound() {
        SampleReport r = new SampleReport("anomalies-1", "测试市己区", 2023)
                .section("s1", null, 1, "成效", "achievements")
                .indicator("litigation.head_appearance_rate", 105, "%", "rate", "行政机关负责人出庭应诉率达105%。", "105%")
                .indicator("mediation.disputes", 3785, "宗", "count")
                .indicator("mediation.succeeded", 3000, "宗", "count")
                .indicator("mediation.success_rate", 99.5, "%", "rate", "成功率高达99.5%。", "99.5%")
                .indicator("legal_aid.cases", 723, "件", "count")
                .indicator("legal_aid.cases", 688, "件", "count")
                .indicator("publicity.audience", -10, "人次", "count")
                .indicator("publicity.materials", 3e10, "份", "count");
        // the consistent case: 3766 of 3785 is 99.498 %, stated as 99.5 %
        SampleReport ok = report("anomalies-ok", "测试市己区", 2022);
        events.sendAndWait(r);
        events.sendAndWait(ok);

        JsonPath a = get("/api/anomalies?region={r}&size=100", "测试市己区");
        assertThat(a.getList("items.report_id")).containsOnly(r.id);
        assertThat(a.getList("items.type")).containsExactlyInAnyOrder(
                "rate_over_100", "rate_mismatch", "conflicting_values", "implausible_value", "implausible_value");
        assertThat(a.getString("items.find { it.type == 'rate_over_100' }.message")).isEqualTo("a rate of 105% is over 100%");
        assertThat(a.getString("items.find { it.type == 'rate_mismatch' }.message"))
                .isEqualTo("stated 99.5% but 3000 / 3785 = 79.26%");
        assertThat(a.getList("items.find { it.type == 'conflicting_values' }.statements.value", Float.class))
                .containsExactly(723f, 688f);
        assertThat(a.getList("items.findAll { it.type == 'implausible_value' }.metric"))
                .containsExactlyInAnyOrder("publicity.audience", "publicity.materials");
        assertThat(get("/api/anomalies?type=rate_over_100&report={id}", r.id).getInt("total")).isEqualTo(1);
        assertThat(get("/api/reports/{id}", r.id).getList("anomalies")).hasSize(5);
    }

    @Test
    void malformedEventsAreSkippedAndConsumptionGoesOn() {
        double invalidBefore = registry.find("reportflow.metrics.events").tag("type", "invalid").counter().count();
        // unreadable records are counted (type=invalid) once their batch is done, so this waits for them
        events.sendAndWait(List.of(new EventsIn.Raw(Topics.REPORTS_INDICATORS, "x", "{not json"),
                new EventsIn.Raw(Topics.REPORTS_SECTIONS, "y", "[]")));
        assertThat(registry.find("reportflow.metrics.events").tag("type", "invalid").counter().count())
                .isGreaterThanOrEqualTo(invalidBefore + 2);
        SampleReport after = report("after-poison", "测试市庚区", 2023);
        events.sendAndWait(after);
        assertThat(get("/api/reports/{id}", after.id).getString("status")).isEqualTo("complete");
    }

    @Test
    void rebuildReproducesTheViews() {
        SampleReport r = report("rebuild-1", "测试市辛区", 2021);
        events.sendAndWait(r);
        String before = snapshot(r, "测试市辛区");
        JsonPath rebuilt = given().post("/api/admin/rebuild-views").then().statusCode(200).extract().jsonPath();
        assertThat(rebuilt.getMap("rows")).containsKeys("metric_by_region_year", "region_scorecard",
                "metric_coverage", "anomalies", "report_outline");
        assertThat(rebuilt.getInt("rows.metric_by_region_year")).isGreaterThanOrEqualTo(5);
        assertThat(rebuilt.getLong("took_ms")).isGreaterThanOrEqualTo(0);
        assertThat(snapshot(r, "测试市辛区")).isEqualTo(before);
        given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("reportflow_metrics_view_refresh_seconds_count{mode=\"rebuild\""));
    }

    @Test
    void healthAndMetricsAreExposed() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItems("MongoDB connection health check"));
        String prom = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(prom).contains("reportflow_metrics_events_total", "reportflow_metrics_batch_size",
                "reportflow_metrics_reports_pending", "reportflow_metrics_view_refresh_seconds");
    }
}
