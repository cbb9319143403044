package dev.reportflow.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExtractionJsonTest {
    private static Extraction sample() {
        ReportInfo info = new ReportInfo("ab12", "r.txt", "UTF-8", "重庆市九龙坡区", "九龙坡区司法局", "district", 2023,
                null, "标题", 120);
        Section s = new Section("s1", null, 1, "一", "主要举措和成效", "achievements", 3, 100);
        Indicator whole = new Indicator("ab12:10", 6, "项", "exact", "count", null, "公布重大行政决策事项",
                "major_decisions.listed", null, "s1", 10, 12, "公布重大行政决策事项6项;");
        Indicator decimal = new Indicator("ab12:20", 15.73, "%", "exact", "change", "down", "收案数", null, "rule-x",
                "s1", 20, 26, "同比下降15.73%");
        Indicator big = new Indicator("ab12:30", 1.6e8, "元", "about", "amount", null, "营业收入", null, null, "s1",
                30, 35, "营业收入约1.6亿元");
        return new Extraction("1.0.0", info, List.of(s), List.of(whole, decimal, big));
    }

    @Test
    void snakeCaseFieldsInSpecOrderWithNulls() throws Exception {
        String json = ExtractionJson.toJson(sample(), false);
        JsonNode root = new ObjectMapper().readTree(json);
        List<String> top = new ArrayList<>();
        root.fieldNames().forEachRemaining(top::add);
        assertThat(top).containsExactly("extractor_version", "report", "sections", "indicators");
        List<String> report = new ArrayList<>();
        root.get("report").fieldNames().forEachRemaining(report::add);
        assertThat(report).containsExactly("id", "file", "encoding", "region", "agency", "admin_level", "report_year",
                "published", "title", "chars");
        assertThat(root.get("report").get("published").isNull()).isTrue();
        assertThat(root.get("sections").get(0).get("parent").isNull()).isTrue();
        assertThat(json).contains("\"region\":\"重庆市九龙坡区\"");
    }

    @Test
    void wholeNumbersHaveNoFraction() {
        String json = ExtractionJson.toJson(sample(), false);
        assertThat(json).contains("\"value\":6,").contains("\"value\":15.73,").contains("\"value\":160000000,")
                .doesNotContain("6.0").doesNotContain("E8");
        assertThat(json).contains("\"report_year\":2023").contains("\"chars\":120");
    }

    @Test
    void metricRuleOnlyWhenSet() {
        String json = ExtractionJson.toJson(sample(), false);
        assertThat(json.split("metric_rule", -1)).hasSize(2);
    }

    @Test
    void deterministicAndPrettyPrintedOnRequest() {
        assertThat(ExtractionJson.toBytes(sample(), true)).isEqualTo(ExtractionJson.toBytes(sample(), true));
        String pretty = ExtractionJson.toJson(sample(), true);
        assertThat(pretty).contains("\n  \"report\" : {").endsWith("}\n");
        assertThat(ExtractionJson.toJson(sample(), false)).doesNotContain("\n");
    }
}
