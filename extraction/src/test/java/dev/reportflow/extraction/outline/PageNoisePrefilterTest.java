package dev.reportflow.extraction.outline;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The cheap checks in front of PageNoise's regexes only skip lines the regexes would refuse:
 * {@link PageNoise#isNoise} answers like the regexes alone, on lines built from the words and
 * separators the patterns look for.
 */
class PageNoisePrefilterTest {
    @Provide
    Arbitrary<String> lines() {
        Arbitrary<String> piece = Arbitraries.of("打印", "关闭", "【", "】", "|", "丨", "·", "/", " ", "  ", ":", "：", ">", "»",
                "首页", "当前位置", "上一篇", "索引号", "发布机构", "版权所有", "ICP备", "主办单位", "技术支持", "建议使用", "浏览器",
                "政务公开", "网站首页", "办事服务", "司法局", "2024年", "一、", "工作", "。", "QQ空间", "©", "Copyright", "第3页",
                "— 3 —", "相关链接", "x", "法治政府建设", "\t", "公", "网", "网站", "建议", "主办", "分", "联系", "ICP", "C", "版");
        return piece.list().ofMinSize(1).ofMaxSize(12).map(l -> String.join("", l));
    }

    @Property(tries = 3000)
    void sameAnswerAsTheRegexesAlone(@ForAll("lines") String line) {
        assertThat(PageNoise.isNoise(line)).as(line).isEqualTo(reference(line));
    }

    /** The pair check in front of the footer words is necessary: every line holding one passes it. */
    @Property(tries = 3000)
    void everyLineWithAFooterWordPassesThePairCheck(@ForAll("lines") String line) {
        boolean word = java.util.stream.Stream.of(PageNoise.FOOTER_WORDS, PageNoise.FOOTER_FIELDS, new String[] {"建议使用"})
                .flatMap(java.util.Arrays::stream).anyMatch(line::contains);
        if (word) assertThat(PageNoise.hasFooterStart(line)).as(line).isTrue();
    }

    /** The one-pass form over a line of the text answers like isNoise on the line's content. */
    @Property(tries = 3000)
    void onePassOverTheLineAnswersLikeTheContentForm(@ForAll("lines") String line, @ForAll("lines") String other) {
        String norm = other + "\n" + line + "\n" + other;
        for (Line l : Line.split(norm)) {
            assertThat(PageNoise.isNoise(norm, l)).as(l.content()).isEqualTo(PageNoise.isNoise(l.content()));
        }
    }

    /** Same, on every line of the sample and held-out texts; lines made lazily read like substrings. */
    @Example
    void onePassOnTheSampleAndHeldOutTexts() throws Exception {
        int lines = 0, noise = 0;
        for (var f : dev.reportflow.extraction.ThreadScratch.sampleAndHeldOutFiles()) {
            String norm = dev.reportflow.extraction.text.TextNormalizer.normalize(
                    new dev.reportflow.extraction.text.TextDecoder().decode(java.nio.file.Files.readAllBytes(f)).text());
            for (Line l : Line.split(norm)) {
                assertThat(l.content()).isEqualTo(norm.substring(l.from(), l.to()));
                boolean plain = PageNoise.isNoise(l.content());
                assertThat(PageNoise.fields(l.content())).containsExactlyEntriesOf(PageNoise.fieldsPlain(l.content()));
                assertThat(PageNoise.isNoise(norm, l)).as("%s: %s", f, l.content()).isEqualTo(plain);
                lines++;
                if (plain) noise++;
            }
        }
        assertThat(lines).isGreaterThan(500);
        assertThat(noise).as("noise lines seen").isGreaterThan(20);
    }

    /** The hand-read information-table fields equal the regex's, on generated lines. */
    @Property(tries = 3000)
    void fieldsAnswerLikeTheRegex(@ForAll("fieldLines") String line) {
        assertThat(PageNoise.fields(line)).as(line).containsExactlyEntriesOf(PageNoise.fieldsPlain(line));
    }

    @Provide
    Arbitrary<String> fieldLines() {
        Arbitrary<String> piece = Arbitraries.of("索引号", "信息索引号", "发布机构", "发布", "日期", "时间", "发布时间", "点击次数", "点击数",
                "字号", "发文字号", "编辑", "责任编辑", "来源", "标题", ":", "：", " ", "\t", "\u3000", "某市司法局", "2024-01-02", "大 中 小",
                "【", "】", "x", "。", "分类", "体裁分类");
        return piece.list().ofMinSize(1).ofMaxSize(14).map(l -> String.join("", l));
    }

    /** isNoise as it was written before the prefilters. */
    private static boolean reference(String content) {
        if (content.isEmpty()) return false;
        if (PageNoise.isPageFooter(content)) return true;
        if (PageNoise.FIELD_AT_START.matcher(content).lookingAt()) return true;
        int n = content.length();
        if (n <= 40 && PageNoise.BUTTONS.matcher(content).matches()) return true;
        if (n <= 160 && footer(content)) return true;
        if (n <= 80 && PageNoise.MENU.matcher(content).matches()) return true;
        return n <= 200 && (PageNoise.NAV.matcher(content).lookingAt()
                || ((content.indexOf('>') >= 0 || content.indexOf('»') >= 0) && PageNoise.NAV_TRAIL.matcher(content).find()));
    }

    private static boolean footer(String content) {
        for (String w : PageNoise.FOOTER_WORDS) if (content.contains(w)) return true;
        for (String w : PageNoise.FOOTER_FIELDS) {
            int at = content.indexOf(w);
            if (at >= 0) {
                int after = at + w.length();
                while (after < content.length() && content.charAt(after) == ' ') after++;
                if (after < content.length() && (content.charAt(after) == ':' || content.charAt(after) == '：')) return true;
            }
        }
        return content.contains("建议使用") && PageNoise.BROWSER_HINT.matcher(content).find();
    }
}
