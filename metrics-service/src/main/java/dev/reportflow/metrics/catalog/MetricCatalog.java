package dev.reportflow.metrics.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The canonical metric ids of shared/spec/indicators.md §3 with a short Chinese and English name.
 * The extractor may emit ids that are not here (the project may add ids): the API lists those too,
 * named by their id.
 */
public final class MetricCatalog {
    private MetricCatalog() {}

    public record Metric(String id, String name, String description) {}

    private static final Map<String, Metric> METRICS = new LinkedHashMap<>();

    private static void m(String id, String name, String description) {
        METRICS.put(id, new Metric(id, name, description));
    }

    static {
        m("major_decisions.listed", "重大行政决策事项", "major administrative decisions published in the catalogue");
        m("normative_documents.filed", "规范性文件备案审查", "normative documents reviewed and filed");
        m("normative_documents.repealed", "规范性文件废止", "normative documents repealed or cleaned up");
        m("contracts.reviewed", "合同审查", "contracts reviewed or filed by the government's legal staff");
        m("legality_review.items", "合法性审查", "matters given a legality review, legal opinions issued");
        m("enforcement.case_files_reviewed", "行政执法案卷评查", "enforcement case files reviewed");
        m("enforcement.penalties", "行政处罚", "administrative penalties published");
        m("enforcement.inspections", "行政检查", "administrative inspections published");
        m("enforcement.officers_trained", "执法人员培训考试", "enforcement officers trained or examined");
        m("reconsideration.received", "行政复议申请", "administrative reconsideration applications received");
        m("reconsideration.accepted", "行政复议立案", "applications accepted for review");
        m("reconsideration.closed", "行政复议审结", "reconsideration cases concluded");
        m("reconsideration.corrected", "行政复议纠错", "decisions corrected");
        m("litigation.cases", "行政诉讼案件", "administrative lawsuits handled");
        m("litigation.head_appearance_rate", "行政机关负责人出庭应诉率", "rate at which agency heads appear in court");
        m("mediation.disputes", "矛盾纠纷调解", "disputes taken on or mediated");
        m("mediation.succeeded", "调解成功", "disputes mediated successfully");
        m("mediation.success_rate", "调解成功率", "share mediated successfully");
        m("mediation.organizations", "调解组织", "mediation committees or organisations");
        m("mediation.mediators", "调解员", "mediators");
        m("legal_aid.cases", "法律援助案件", "legal aid cases accepted");
        m("legal_aid.consultations", "法律咨询", "free legal consultations given");
        m("legal_aid.recovered", "挽回经济损失", "economic losses recovered for aid recipients (元)");
        m("notary.cases", "公证", "notarisations handled");
        m("law_firms.count", "律师事务所", "law firms in the jurisdiction");
        m("lawyers.count", "律师", "practising lawyers");
        m("forensic.institutions", "司法鉴定机构", "forensic appraisal institutions");
        m("community_correction.subjects", "社区矫正对象", "people under community correction");
        m("resettlement.persons", "安置帮教", "released persons verified, received or helped");
        m("publicity.events", "普法活动", "legal-publicity events held");
        m("publicity.materials", "普法宣传资料", "publicity materials handed out");
        m("publicity.audience", "普法受众", "people reached by publicity");
        m("legal_understanders.trained", "法律明白人", "village 法律明白人 trained");
        m("officials.law_exams", "领导干部学法考法述法", "officials who took law examinations or reported on law");
        m("village_counsel.services", "村(居)法律顾问服务", "services by village (community) legal advisers");
        m("arbitration.cases", "仲裁案件", "arbitration cases accepted");
    }

    public static List<Metric> all() {
        return List.copyOf(METRICS.values());
    }

    public static Optional<Metric> get(String id) {
        return Optional.ofNullable(METRICS.get(id));
    }

    public static boolean isKnown(String id) {
        return METRICS.containsKey(id);
    }
}
