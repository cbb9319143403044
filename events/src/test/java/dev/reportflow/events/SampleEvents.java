package dev.reportflow.events;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** One fixed instance of every event, the source of the golden files. */
final class SampleEvents {
    private SampleEvents() {}

    static final String REPORT_ID = "5b8302c1fcb28e66a1f0e3c2d4b5a6978877665544332211ffeeddccbbaa0099";
    static final String OLD_ID = "0000000000000000000000000000000000000000000000000000000000000001";
    static final ReportSource SOURCE = new ReportSource("directory", "reports", "2023/九龙坡区.txt", 15,
            "text/plain", null, "2026-11-20T08:00:00Z");

    static final ReportIngested INGESTED = ReportIngested.of(REPORT_ID, "九龙坡区.txt", SOURCE,
            "2026-11-20T08:00:01.5Z", OLD_ID, "受理法律援助案件723件".getBytes(StandardCharsets.UTF_8));

    static final SectionExtracted SECTION = new SectionExtracted(SectionExtracted.SCHEMA_VERSION,
            REPORT_ID + ":s1.2", REPORT_ID, "1.0.0", 2, "s1.2", "s1", 2, "二", "深化复议为民促和谐",
            "achievements", 236, 390);

    static final IndicatorExtracted INDICATOR = new IndicatorExtracted(IndicatorExtracted.SCHEMA_VERSION,
            REPORT_ID + ":301", REPORT_ID, "1.0.0", 723, "件", "exact", "count", null, "受理法律援助案件",
            "legal_aid.cases", "legal_aid.cases/accepted", "s1.7", List.of("主要举措和成效", "法律援助惠民生解民忧"),
            301, 305, "受理法律援助案件723件。");

    static final ReportExtracted EXTRACTED = new ReportExtracted(ReportExtracted.SCHEMA_VERSION, REPORT_ID, "1.0.0",
            new ReportMetadata("九龙坡区.txt", "UTF-8", "重庆市九龙坡区司法局2023年度法治政府建设工作报告", "重庆市九龙坡区",
                    "九龙坡区司法局", "district", 2023, null, 5210),
            SOURCE, OLD_ID, 31, 112, 1834, "2026-11-20T08:00:02Z");

    static final ReportRejected REJECTED = new ReportRejected(ReportRejected.SCHEMA_VERSION, null,
            new ReportSource("directory", "reports", "scan.png", 20480, "image/png", null, "2026-11-20T08:00:00Z"),
            RejectionReason.UNSUPPORTED_CONTENT_TYPE.name(), "image/png is not a text report",
            "data/bucket/reports/_rejected/scan.png", "2026-11-20T08:00:03Z");

    static final DeadLetter DEAD_LETTER = new DeadLetter(DeadLetter.SCHEMA_VERSION, REPORT_ID,
            RejectionReason.EXTRACTION_TIMEOUT.name(), "extraction exceeded 10s", "java.util.concurrent.TimeoutException",
            Topics.REPORTS_INGESTED, 3, 42, "extract-service", "2026-11-20T08:00:04Z");

    /** golden file base name → event */
    static final List<Object[]> ALL = List.of(
            new Object[] {"report-ingested", INGESTED},
            new Object[] {"section-extracted", SECTION},
            new Object[] {"indicator-extracted", INDICATOR},
            new Object[] {"report-extracted", EXTRACTED},
            new Object[] {"report-rejected", REJECTED},
            new Object[] {"dead-letter", DEAD_LETTER});
}
