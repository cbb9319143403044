package dev.reportflow.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReportExtractorTest {
    private static final String REPORT = String.join("\n",
            "成都市武侯区司法局2022年度法治政府建设工作报告",
            "2022年,我局坚持依法行政,现将有关情况报告如下:",
            "一、2022年推进法治政府建设的主要举措和成效",
            "(一)完善依法行政制度体系。审查规范性文件8件。",
            "(二)严格规范公正文明执法。",
            "二、存在的不足和原因",
            "一是队伍力量薄弱;二是创新不够。",
            "三、2023年工作安排",
            "(一)加强队伍建设。",
            "成都市武侯区司法局",
            "2023年1月15日");
    private final ReportExtractor extractor = ReportExtractor.withDefaults();

    @Test
    void sameReportInEveryEncodingGivesTheSameResult() throws Exception {
        Extraction utf8 = extractor.extract(REPORT.getBytes(StandardCharsets.UTF_8), "r.txt");
        Extraction gbk = extractor.extract(REPORT.getBytes(Charset.forName("GB18030")), "r.txt");
        Extraction utf16 = extractor.extract(REPORT.getBytes(StandardCharsets.UTF_16), "r.txt"); // with BOM
        assertThat(utf8.report().encoding()).isEqualTo("UTF-8");
        assertThat(gbk.report().encoding()).isEqualTo("GB18030");
        assertThat(utf16.report().encoding()).isEqualTo("UTF-16BE");
        assertThat(gbk.sections()).isEqualTo(utf8.sections());
        assertThat(utf16.sections()).isEqualTo(utf8.sections());
        assertThat(utf8.report().id()).isNotEqualTo(gbk.report().id());
    }

    @Test
    void reportFieldsAndOffsets() throws Exception {
        Extraction e = extractor.extract(REPORT.getBytes(StandardCharsets.UTF_8), "r.txt");
        ReportInfo r = e.report();
        assertThat(e.extractorVersion()).isEqualTo(ReportExtractor.VERSION).isEqualTo(extractor.version());
        assertThat(r.id()).isEqualTo(Hashing.sha256Hex(REPORT.getBytes(StandardCharsets.UTF_8)));
        assertThat(r.file()).isEqualTo("r.txt");
        assertThat(r.chars()).isEqualTo(REPORT.length());
        assertThat(r.region()).isEqualTo("四川省成都市武侯区");
        assertThat(r.agency()).isEqualTo("成都市武侯区司法局");
        assertThat(r.adminLevel()).isEqualTo("district");
        assertThat(r.reportYear()).isEqualTo(2022);
        assertThat(r.published()).isEqualTo("2023-01-15");
        assertThat(e.sections()).filteredOn(s -> s.level() == 1).extracting(Section::category)
                .containsExactly("achievements", "shortcomings", "plans");
        Section last = e.sections().get(e.sections().size() - 1);
        assertThat(last.end()).isEqualTo(REPORT.indexOf("成都市武侯区司法局\n2023"));
        for (Section s : e.sections()) {
            assertThat(REPORT.substring(s.start(), s.end())).contains(s.title());
        }
    }

    @Test
    void crLfFileGivesTheSameOffsetsAsLfFile() throws Exception {
        Extraction lf = extractor.extract(REPORT.getBytes(StandardCharsets.UTF_8), "r.txt");
        Extraction crlf = extractor.extract(REPORT.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8), "r.txt");
        assertThat(crlf.sections()).isEqualTo(lf.sections());
        assertThat(crlf.report().chars()).isEqualTo(REPORT.length());
    }

    @Test
    void sameBytesSameJson() throws Exception {
        byte[] raw = REPORT.getBytes(StandardCharsets.UTF_8);
        byte[] a = ExtractionJson.toBytes(extractor.extract(raw, "r.txt"), true);
        byte[] b = ExtractionJson.toBytes(ReportExtractor.withDefaults().extract(raw.clone(), "r.txt"), true);
        assertThat(a).isEqualTo(b);
    }

    @Test
    void badInputsFailWithAReason() {
        assertThatThrownBy(() -> extractor.extract(new byte[0], "e.txt"))
                .isInstanceOfSatisfying(ExtractionException.class,
                        e -> assertThat(e.reason()).isEqualTo(ExtractionException.Reason.EMPTY));
        assertThatThrownBy(() -> ReportExtractor.withMaxBytes(16).extract(REPORT.getBytes(StandardCharsets.UTF_8), "b.txt"))
                .isInstanceOfSatisfying(ExtractionException.class,
                        e -> assertThat(e.reason()).isEqualTo(ExtractionException.Reason.TOO_LARGE));
        assertThatThrownBy(() -> extractor.extract(new byte[] {(byte) 0x80, (byte) 0xFF, 0x20}, "x.bin"))
                .isInstanceOfSatisfying(ExtractionException.class,
                        e -> assertThat(e.reason()).isEqualTo(ExtractionException.Reason.UNDECODABLE));
    }
}
