package dev.reportflow.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reportflow.extraction.meta.MetadataExtractor;
import dev.reportflow.extraction.meta.ReportMeta;
import dev.reportflow.extraction.outline.Layout;
import dev.reportflow.extraction.outline.Outline;
import dev.reportflow.extraction.outline.OutlineParser;
import dev.reportflow.extraction.outline.PageNoise;
import dev.reportflow.extraction.text.TextDecoder;
import dev.reportflow.extraction.text.TextNormalizer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Decoding, outline and metadata never throw and keep their invariants on arbitrary input. */
class ExtractionPropertiesTest {
    private static final OutlineParser PARSER = OutlineParser.withDefaults();
    private static final MetadataExtractor META = MetadataExtractor.withDefaults();

    /** Text made of report-like pieces: heading numbers, places, dates, punctuation, noise words. */
    @Provide
    Arbitrary<String> reportish() {
        Arbitrary<String> piece = Arbitraries.of(
                "一、", "二、", "十一、", "(一)", "（二）", "(十)", "1.", "2、", "１．", "(1)", "（2）", "3)", "一是", "二是", "三是",
                "\n", "\r\n", "\n\n", "。", ";", ":", "，", "“", "”", "《", "》", "主要举措和成效", "存在的不足", "工作思路",
                "其他需要报告的情况", "廉江市", "鼓楼区", "重庆市九龙坡区", "司法局", "人民政府", "石城镇", "2023年", "二〇二四年",
                "2025年1月3日", "2023-05-09", "索引号:", "发布机构:", "浏览次数:", "【打印】", "版权所有", "萬", "億", "項",
                "12", "1.5", "—", " ", "第一部分", "第二部分 ", "第一章", "①", "②", "— 2 —", "第3页", "\u3000", "\t", "\uFEFF", "a", "x");
        Arbitrary<String> any = Arbitraries.strings().ofMaxLength(8);
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(5, piece),
                        net.jqwik.api.Tuple.of(1, any))
                .list().ofMaxSize(120).map(l -> String.join("", l));
    }

    private static void checkOutline(String text) {
        String norm = TextNormalizer.normalize(text);
        assertThat(norm).hasSameSizeAs(text);
        Layout layout = Layout.of(norm);
        Outline o = PARSER.parse(text, norm, layout);
        ReportMeta m = META.extract(text, norm, layout, o);
        assertThat(m).isNotNull();
        Section prev = null;
        for (Section s : o.sections()) {
            assertThat(s.start()).isBetween(0, text.length());
            assertThat(s.end()).isBetween(s.start(), text.length());
            // five usual levels, up to three outer ones (部分, 章, 节) above them
            assertThat(s.level()).isBetween(1, 8);
            assertThat(s.category()).isIn("achievements", "responsibility", "shortcomings", "plans", "other");
            if (prev != null) assertThat(s.start()).isGreaterThan(prev.start());
            prev = s;
            if (s.parent() != null) {
                Section parent = o.sections().stream().filter(p -> p.id().equals(s.parent())).findFirst().orElseThrow();
                assertThat(parent.level()).isLessThan(s.level());
                assertThat(s.start()).isGreaterThanOrEqualTo(parent.start());
                assertThat(s.end()).isLessThanOrEqualTo(parent.end());
                assertThat(s.id()).startsWith(parent.id() + ".");
            }
        }
        for (int[] mk : o.headingMarkers()) {
            assertThat(mk[0]).isLessThan(mk[1]);
            assertThat(mk[1]).isLessThanOrEqualTo(text.length());
        }
        for (int off = 0; off <= text.length(); off += Math.max(1, text.length() / 50)) {
            assertThat(o.sectionAt(off)).isEqualTo(deepestByScan(o, off));
            final int at = off;
            assertThat(o.inHeadingMarker(off)).isEqualTo(o.headingMarkers().stream().anyMatch(k -> k[0] <= at && at < k[1]));
        }
        int last = 0;
        for (int[] b : o.softBreaks()) {
            // sorted, apart, across at least one line end; only blanks and page footers inside
            assertThat(b[0]).isGreaterThanOrEqualTo(last).isLessThan(b[1]);
            assertThat(b[1]).isLessThanOrEqualTo(text.length());
            String inside = norm.substring(b[0], b[1]);
            assertThat(inside).contains("\n");
            for (String part : inside.split("\n", -1)) {
                assertThat(part.isBlank() || PageNoise.isPageFooter(part.strip())).as(inside).isTrue();
            }
            final int after = b[1];
            assertThat(o.sections()).noneMatch(s -> s.start() == after);
            last = b[1];
        }
        assertThat(o.withSoftBreaks(norm)).hasSameSizeAs(norm);
        if (m.reportYear() != null) assertThat(m.reportYear()).isBetween(1949, 2200);
        if (m.published() != null) assertThat(m.published()).matches("\\d{4}-\\d{2}-\\d{2}");
    }

    private static Section deepestByScan(Outline o, int offset) {
        Section best = null;
        for (Section s : o.sections()) {
            if (s.start() <= offset && offset < s.end() && (best == null || s.level() > best.level())) best = s;
        }
        return best;
    }

    @Property(tries = 400)
    void outlineAndMetadataHoldOnReportLikeText(@ForAll("reportish") String text) {
        checkOutline(text);
    }

    /** The same text hard-wrapped at a fixed width, as a PDF copy gives it. */
    @Property(tries = 300)
    void outlineAndMetadataHoldOnHardWrappedText(@ForAll("reportish") String text,
                                                 @ForAll @net.jqwik.api.constraints.IntRange(min = 16, max = 40) int width) {
        StringBuilder b = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            for (int i = 0; i < line.length(); i += width) {
                b.append(line, i, Math.min(line.length(), i + width)).append('\n');
                if (i % (width * 5) == 0 && i > 0) b.append("\n— ").append(i).append(" —\n\n");
            }
            if (line.isEmpty()) b.append('\n');
        }
        checkOutline(b.toString());
    }

    @Property(tries = 300)
    void outlineAndMetadataHoldOnAnyString(@ForAll String text) {
        checkOutline(text);
    }

    @Property(tries = 300)
    void decodingArbitraryBytesEitherSucceedsOrSaysWhy(@ForAll byte[] raw) {
        try {
            TextDecoder.Decoded d = new TextDecoder().decode(raw);
            assertThat(d.encoding()).isIn("UTF-8", "UTF-8-BOM", "UTF-16LE", "UTF-16BE", "GB18030");
            checkOutline(d.text());
        } catch (ExtractionException e) {
            assertThat(e.reason()).isIn(ExtractionException.Reason.EMPTY, ExtractionException.Reason.UNDECODABLE);
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 100)
    void extractionIsDeterministic(@ForAll("reportish") String text) {
        byte[] raw = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ReportExtractor x = ReportExtractor.withDefaults();
        assertThat(outcome(x, raw)).isEqualTo(outcome(x, raw.clone()));
    }

    private static String outcome(ReportExtractor x, byte[] raw) {
        try {
            return new String(ExtractionJson.toBytes(x.extract(raw, "p.txt"), false), java.nio.charset.StandardCharsets.UTF_8);
        } catch (ExtractionException e) {
            // blank text, or random control characters read as binary
            assertThat(e.reason()).isIn(ExtractionException.Reason.EMPTY, ExtractionException.Reason.UNDECODABLE);
            return e.reason().name();
        }
    }
}
