package dev.reportflow.extraction.indicators;

import static dev.reportflow.extraction.indicators.Sentences.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reportflow.extraction.Indicator;
import dev.reportflow.extraction.text.TextNormalizer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Canonical metric ids on constructed sentences, and the rule file's contract. */
class MetricRulesTest {

    /** The ids of spec/indicators.md §3; they must never be renamed. */
    static final Set<String> SPEC_IDS = Set.of(
            "major_decisions.listed", "normative_documents.filed", "normative_documents.repealed", "contracts.reviewed",
            "legality_review.items", "enforcement.case_files_reviewed", "enforcement.penalties", "enforcement.inspections",
            "enforcement.officers_trained", "reconsideration.received", "reconsideration.accepted", "reconsideration.closed",
            "reconsideration.corrected", "litigation.cases", "litigation.head_appearance_rate", "mediation.disputes",
            "mediation.succeeded", "mediation.success_rate", "mediation.organizations", "mediation.mediators",
            "legal_aid.cases", "legal_aid.consultations", "legal_aid.recovered", "notary.cases", "law_firms.count",
            "lawyers.count", "forensic.institutions", "community_correction.subjects", "resettlement.persons",
            "publicity.events", "publicity.materials", "publicity.audience", "legal_understanders.trained",
            "officials.law_exams", "village_counsel.services", "arbitration.cases");

    @ParameterizedTest(name = "{1} in {0} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "年内向社会公开重大行政决策事项目录8项。|8项|major_decisions.listed",
        "全年审核备案规范性文件41件。|41件|normative_documents.filed",
        "开展文件清理，共废止规范性文件17件。|17件|normative_documents.repealed",
        "全年审核政府合同88份。|88份|contracts.reviewed",
        "为政府出具法律意见书64份。|64份|legality_review.items",
        "开展案卷评查，抽查执法案卷320卷。|320卷|enforcement.case_files_reviewed",
        "全市作出行政处罚决定1520件。|1520件|enforcement.penalties",
        "实施行政检查860次。|860次|enforcement.inspections",
        "轮训执法人员900人次。|900人次|enforcement.officers_trained",
        "全年新收行政复议申请420件，依法立案380件，审结350件，直接纠错31件。|420件|reconsideration.received",
        "全年新收行政复议申请420件，依法立案380件，审结350件，直接纠错31件。|380件|reconsideration.accepted",
        "全年新收行政复议申请420件，依法立案380件，审结350件，直接纠错31件。|350件|reconsideration.closed",
        "全年新收行政复议申请420件，依法立案380件，审结350件，直接纠错31件。|31件|reconsideration.corrected",
        "全县共办理行政应诉案件57件，行政机关负责人出庭率达98%。|57件|litigation.cases",
        "全县共办理行政应诉案件57件，行政机关负责人出庭率达98%。|98%|litigation.head_appearance_rate",
        "各级调解组织调解矛盾纠纷2800件，调解成功2750件，调解成功率98.2%。|2800件|mediation.disputes",
        "各级调解组织调解矛盾纠纷2800件，调解成功2750件，调解成功率98.2%。|2750件|mediation.succeeded",
        "各级调解组织调解矛盾纠纷2800件，调解成功2750件，调解成功率98.2%。|98.2%|mediation.success_rate",
        "全县建成人民调解委员会215个，配备专兼职人民调解员1046名。|215个|mediation.organizations",
        "全县建成人民调解委员会215个，配备专兼职人民调解员1046名。|1046名|mediation.mediators",
        "法律援助中心全年承办法律援助案件930件。|930件|legal_aid.cases",
        "法律援助中心解答群众来电来访咨询5200人次。|5200人次|legal_aid.consultations",
        "通过法律援助为农民工追回欠薪260万元。|260万元|legal_aid.recovered",
        "公证处全年办理各类公证事项4100件。|4100件|notary.cases",
        "全区现有律师事务所23家、执业律师310人。|23家|law_firms.count",
        "全区现有律师事务所23家、执业律师310人。|310人|lawyers.count",
        "辖区有司法鉴定机构3家。|3家|forensic.institutions",
        "全县在册社区矫正对象412人。|412人|community_correction.subjects",
        "衔接刑满释放人员190人。|190人|resettlement.persons",
        "开展法治宣传活动86场次。|86场次|publicity.events",
        "发放法治宣传资料2.3万份。|2.3万份|publicity.materials",
        "线上普法活动受众达15万人次。|15万人次|publicity.audience",
        "培养农村“法律明白人”860名。|860名|legal_understanders.trained",
        "组织全县920名国家工作人员参加年度学法考试。|920名|officials.law_exams",
        "村（社区）法律顾问为群众提供法律服务2400次。|2400次|village_counsel.services",
        "劳动人事争议仲裁院受理仲裁案件166件。|166件|arbitration.cases",
        // the head noun after 等 decides, not the listed items
        "审查合同、协议等涉法事项120件。|120件|legality_review.items",
        // coordinated verbs: 废止 governs too
        "废止、修改规范性文件共40件。|40件|normative_documents.repealed",
        // a chain names its topic once
        "全年新收行政复议申请500件，受理460件。|460件|reconsideration.accepted",
        "组织执法人员集中轮训12期，参训2600人次。|2600人次|enforcement.officers_trained",
        "区政府作为被告的一审行政诉讼案件64件。|64件|litigation.cases",
        "全年排查化解矛盾纠纷1,900起。|1,900起|mediation.disputes",
    })
    void maps_general_wordings_to_the_canonical_ids(String sentence, String written, String metric) {
        Indicator i = at(sentence, written);
        assertThat(i.metric()).isEqualTo(metric);
        assertThat(i.metricRule()).startsWith(metric + "/");
    }

    @ParameterizedTest(name = "{1} in {0} -> none")
    @CsvSource(delimiter = '|', value = {
        "受理行政复议申请30件，不予受理3件。|3件",
        "受理法律援助案件500件，其中农民工案件120件，妇女案件60件。|120件",
        "受理法律援助案件500件，其中农民工案件120件，妇女案件60件。|60件",
        "已办结法律援助案件480件。|480件",
        "全市排查矛盾纠纷900次。|900次",
        "组织12名律师撰写论文。|12名",
        "对5家律师事务所开展检查。|5家",
        "力争年底前培育“法律明白人”1000名。|1000名",
        "调解成功率同比提升2%。|2%",
        "废止政府规章3部。|3部",
        "审结行政复议案件90件，其中维持60件、撤销7件。|7件",
        "全县在岗行政执法人员约900人。|900人",
        "新接收社区矫正对象150人。|150人",
    })
    void leaves_parts_breakdowns_and_other_things_unmapped(String sentence, String written) {
        assertThat(at(sentence, written).metric()).isNull();
    }

    @Test
    void a_section_title_can_supply_the_topic() {
        String text = "（三）强化合法性审查\n全年审查各类事项230件。";
        int s3 = 0;
        var outline = Sentences.outline(java.util.List.of(
                new dev.reportflow.extraction.Section("s1.3", "s1", 2, "三", "强化合法性审查", "achievements", s3, text.length())),
                java.util.List.<int[]>of(new int[] {0, 3}));
        Indicator i = Sentences.extract(text, outline).get(0);
        assertThat(i.value()).isEqualTo(230.0);
        assertThat(i.metric()).isEqualTo("legality_review.items");
        assertThat(i.section()).isEqualTo("s1.3");
        // the same sentence under another heading says nothing about legality review
        assertThat(Sentences.extract("全年审查各类事项230件。").get(0).metric()).isNull();
    }

    @Test
    void every_spec_id_has_a_rule_and_rule_ids_are_namespaced_by_metric() throws Exception {
        JsonNode root = bundledRules();
        Set<String> metrics = new TreeSet<>();
        for (JsonNode r : root.get("rules")) {
            String metric = r.get("metric").asText();
            metrics.add(metric);
            assertThat(r.get("id").asText()).startsWith(metric + "/");
        }
        assertThat(metrics).containsAll(SPEC_IDS);
    }

    @Test
    void a_user_can_add_a_metric_in_data_without_code() throws Exception {
        ObjectNode rules = (ObjectNode) bundledRules();
        ObjectNode rule = new ObjectMapper().createObjectNode();
        rule.put("id", "hotline.requests/received");
        rule.put("metric", "hotline.requests");
        rule.put("priority", 90);
        rule.putArray("units").add("件");
        rule.putObject("subject").putArray("any").add("热线");
        ((com.fasterxml.jackson.databind.node.ArrayNode) rules.get("rules")).add(rule);
        IndicatorExtractor x = IndicatorExtractor.fromJson(resource("grammar.json"), rules.toString());
        String text = "12345热线全年受理群众诉求3.6万件。";
        Indicator i = x.extract("r", text, TextNormalizer.normalize(text), null).get(0);
        assertThat(i.metric()).isEqualTo("hotline.requests");
        assertThat(i.metricRule()).isEqualTo("hotline.requests/received");
        assertThat(i.value()).isEqualTo(36000.0);
    }

    @Test
    void a_broken_rule_file_is_rejected_with_the_rule_named() throws Exception {
        ObjectNode rules = (ObjectNode) bundledRules();
        ObjectNode bad = (ObjectNode) rules.get("rules").get(0);
        bad.putObject("subjet").putArray("any").add("x");
        assertThatThrownBy(() -> IndicatorExtractor.fromJson(resource("grammar.json"), rules.toString()))
                .hasMessageContaining(bad.get("id").asText()).hasMessageContaining("subjet");

        ObjectNode rules2 = (ObjectNode) bundledRules();
        ((ObjectNode) rules2.get("rules").get(0)).putObject("verb").putArray("any").add("不是动词表里的词");
        assertThatThrownBy(() -> IndicatorExtractor.fromJson(resource("grammar.json"), rules2.toString()))
                .hasMessageContaining("verb scope");
    }

    private static JsonNode bundledRules() throws Exception {
        return new ObjectMapper().readTree(resource("metrics.json"));
    }

    static String resource(String name) throws Exception {
        try (InputStream in = IndicatorExtractor.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
