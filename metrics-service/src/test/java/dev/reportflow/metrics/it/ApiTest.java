package dev.reportflow.metrics.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.reportflow.metrics.SampleReport;
import dev.reportflow.testsupport.RealInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The REST contract: errors, parameters, CSV, OpenAPI, the dashboard's files. */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class ApiTest {

    @Inject
    MeterRegistry registry;

    @Test
    void unknownIdsAre404WithAJsonError() {
        for (String path : List.of("/api/reports/" + "0".repeat(64), "/api/reports/nope",
                "/api/metrics/no.such_metric", "/api/regions/无此地区")) {
            given().accept("application/json").get(path).then().statusCode(404)
                    .contentType(startsWith("application/json"))
                    .body("status", equalTo(404)).body("error", equalTo("Not Found"))
                    .body("message", containsString(path.contains("metrics") ? "no.such_metric" : ""));
        }
        // a canonical metric nobody states yet is known: 200 with no rows
        given().get("/api/metrics/arbitration.cases?region=无此地区").then().statusCode(200).body("rows.size()", equalTo(0));
    }

    @Test
    void badParametersAre400WithAJsonError() {
        for (String path : List.of("/api/reports?page=-1", "/api/reports?size=0", "/api/reports?size=abc",
                "/api/reports?year=twenty", "/api/reports?status=done", "/api/metrics/legal_aid.cases?year=3000",
                "/api/anomalies?type=weird", "/api/anomalies?year=x", "/api/reports?format=xml")) {
            given().accept("application/json").get(path).then().statusCode(400)
                    .contentType(startsWith("application/json")).body("status", equalTo(400))
                    .body("message", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyOrNullString()));
        }
    }

    /** A metric row's headline is its largest statement; its values are every statement, by report and offset. */
    @Test
    void metricRowsCarryEveryStatementWithItsSentence() {
        SampleReport a = new SampleReport("values-a", "测试市陈述区", 2023)
                .section("s1", null, 1, "成效", "achievements")
                .indicator("legal_aid.cases", 688, "件", "count", "办结法律援助案件688件。", "688件")
                .indicator("legal_aid.cases", 723, "件", "count", "受理法律援助案件723件。", "723件");
        SampleReport b = new SampleReport("values-b", "测试市陈述区", 2023)
                .section("s1", null, 1, "成效", "achievements")
                .indicator("legal_aid.cases", 700, "件", "count", "全区法律援助案件700件。", "700件");
        try (EventsIn in = new EventsIn(registry)) {
            in.sendAndWait(a);
            in.sendAndWait(b);
        }
        var row = given().get("/api/metrics/legal_aid.cases?region={r}", "测试市陈述区").then().statusCode(200)
                .body("rows.size()", equalTo(1)).extract().jsonPath();
        assertThat(row.getDouble("rows[0].value")).isEqualTo(723.0);
        assertThat(row.getString("rows[0].quote")).isEqualTo("受理法律援助案件723件。");
        assertThat(row.getString("rows[0].report_id")).isEqualTo(a.id);
        assertThat(row.getInt("rows[0].statements")).isEqualTo(3);
        assertThat(row.getList("rows[0].reports", String.class)).containsExactlyInAnyOrder(a.id, b.id);
        assertThat(row.getList("rows[0].values.report_id", String.class)).hasSize(3)
                .isSortedAccordingTo(String::compareTo).containsOnly(a.id, b.id);
        assertThat(row.getList("rows[0].values.quote", String.class)).containsExactlyInAnyOrder(
                "办结法律援助案件688件。", "受理法律援助案件723件。", "全区法律援助案件700件。");
        assertThat(row.getList("rows[0].values.value", Double.class)).containsExactlyInAnyOrder(688.0, 723.0, 700.0);
        assertThat(row.getList("rows[0].values.indicator_id", String.class)).allSatisfy(id -> assertThat(id).contains(":"));
    }

    @Test
    void tabularEndpointsSpeakCsv() {
        SampleReport r = new SampleReport("csv-1", "测试市CSV区", 2023)
                .section("s1", null, 1, "成效", "achievements")
                .indicator("legal_aid.cases", 723, "件", "count", "受理法律援助案件723件,同比增长5%。", "723件");
        try (EventsIn in = new EventsIn(registry)) {
            in.sendAndWait(r);
        }
        String csv = given().accept("text/csv").get("/api/metrics/legal_aid.cases?region={r}", "测试市CSV区")
                .then().statusCode(200).contentType(startsWith("text/csv")).extract().asString();
        assertThat(csv.split("\r\n")).containsExactly(
                "region,report_year,value,unit,approx,report_id,quote,statements",
                "测试市CSV区,2023,723,件,exact," + r.id + ",\"受理法律援助案件723件,同比增长5%。\",1");

        String reports = given().get("/api/reports?region={r}&format=csv", "测试市CSV区").then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asString();
        assertThat(reports).startsWith("id,file,region,report_year,admin_level,status,sections,indicators,version\r\n")
                .contains(r.id + ",csv-1.txt,测试市CSV区,2023,district,complete,2,1,1.0.0");
        given().accept("text/csv").get("/api/metrics").then().statusCode(200)
                .body(containsString("legal_aid.cases,法律援助案件,true,"));
        given().accept("text/csv").get("/api/regions").then().statusCode(200).body(containsString("测试市CSV区,district,2023,1"));
        given().accept("text/csv").get("/api/anomalies").then().statusCode(200)
                .body(startsWith("id,type,region,report_year,report_id,file,metric,value,unit,expected,message,quote"));
        // JSON stays the default for browsers and */*
        given().accept("*/*").get("/api/metrics").then().statusCode(200).contentType(startsWith("application/json"));
    }

    @Test
    void statusSummarises() {
        given().get("/api/status").then().statusCode(200)
                .body("reports", org.hamcrest.Matchers.greaterThanOrEqualTo(0))
                .body("complete", org.hamcrest.Matchers.greaterThanOrEqualTo(0))
                .body("pending", org.hamcrest.Matchers.greaterThanOrEqualTo(0))
                .body("indicators", org.hamcrest.Matchers.greaterThanOrEqualTo(0))
                .body("views.metric_by_region_year", org.hamcrest.Matchers.greaterThanOrEqualTo(0));
    }

    @Test
    void openApiDocumentsTheApi() {
        String doc = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        assertThat(doc).contains("/api/reports", "/api/reports/{id}", "/api/metrics", "/api/metrics/{metric}",
                "/api/regions", "/api/regions/{region}", "/api/anomalies", "/api/status", "/api/admin/rebuild-views",
                "report_year", "text/csv");
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void dashboardAndChartLibraryAreServed() {
        given().get("/").then().statusCode(200).contentType(startsWith("text/html")).body(containsString("app.js"));
        given().get("/app.js").then().statusCode(200);
        given().get("/webjars/chart.js/4.5.1/dist/chart.umd.min.js").then().statusCode(200)
                .body(containsString("Chart"));
    }
}
