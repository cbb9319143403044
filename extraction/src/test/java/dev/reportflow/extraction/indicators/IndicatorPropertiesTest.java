package dev.reportflow.extraction.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reportflow.extraction.Indicator;
import dev.reportflow.extraction.text.TextNormalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Invariants of {@link IndicatorExtractor} on arbitrary and report-like generated text: no
 * exception, offsets inside the text, the span holds the number, finite values, document order,
 * determinism. Plus a seeded bounded fuzz run of 100k report-like inputs.
 */
class IndicatorPropertiesTest {

    private static final IndicatorExtractor X = IndicatorExtractor.withDefaults();

    /** Pieces real reports are made of, including the tricky ones (dates, quotes, titles, ranges, codes). */
    private static final String[] PIECES = {
        "0", "1", "2", "3", "5", "9", "12", "100", "2023", "12345", "1,234", "3.5", "0.9", ".", ",", "，", "、", "。", "；",
        "：", "-", "—", "~", "+", "·", "/", ":", "%", "％", "１２", "３．５", " ", "\n", "\u3000",
        "一", "二", "两", "三", "十", "百", "千", "万", "亿", "零", "〇", "二十三", "百余", "十余", "第", "届", "次", "全会",
        "件", "宗", "项", "个", "家", "名", "人", "人次", "场次", "份", "元", "万元", "亿元", "倍", "个百分点", "天", "年", "月", "日",
        "号", "级", "分", "余", "多", "约", "近", "超过", "不少于", "以上", "左右", "以下", "至少", "百分之", "同比", "下降", "增长",
        "提升到", "“", "”", "《", "》", "(", ")", "（", "）", "受理", "法律援助", "案件", "调解", "成功率", "律师事务所", "行政复议",
        "审结", "其中", "包括", "金额", "万人比", "力争", "G", "x", "数", "几", "周", "前", "首", "一是", "清单", "制度", "\uD83D\uDE00",
        "\uD800", "\uDC00", "項", "萬", "億",
    };

    @Provide
    Arbitrary<String> reportLike() {
        return Arbitraries.of(PIECES).list().ofMaxSize(40).map(l -> String.join("", l));
    }

    @Property(tries = 3000)
    void invariants_hold_on_any_string(@ForAll String text) {
        check(text);
    }

    @Property(tries = 3000)
    void invariants_hold_on_report_like_text(@ForAll("reportLike") String text) {
        check(text);
    }

    @Property(tries = 500)
    void same_input_same_output(@ForAll("reportLike") String text) {
        String norm = TextNormalizer.normalize(text);
        assertThat(X.extract("r", text, norm, null)).isEqualTo(X.extract("r", text, norm, null));
    }

    /** Bounded fuzz: 100k seeded report-like inputs, every invariant checked (a few seconds). */
    @Test
    void fuzz_100k_report_like_inputs() {
        Random rnd = new Random(20240601L);
        StringBuilder sb = new StringBuilder();
        int found = 0;
        for (int i = 0; i < 100_000; i++) {
            sb.setLength(0);
            int pieces = 1 + rnd.nextInt(30);
            for (int k = 0; k < pieces; k++) sb.append(PIECES[rnd.nextInt(PIECES.length)]);
            found += check(sb.toString());
        }
        // the generator is report-like enough to produce many indicators, so the checks are exercised
        assertThat(found).isGreaterThan(50_000);
    }

    private static final String NUMERAL_CHARS = "0123456789零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟";
    private static final Set<String> APPROX = Set.of("exact", "about", "more_than", "at_least", "nearly", "less_than");
    private static final Set<String> KINDS = Set.of("count", "amount", "rate", "change", "ratio", "target", "duration");

    /** Checks every invariant; plain checks (not AssertJ) keep the 100k run fast. Returns the indicator count. */
    private static int check(String text) {
        String norm = TextNormalizer.normalize(text);
        List<Indicator> found = X.extract("rid", text, norm, null);
        int lastStart = -1;
        Set<String> ids = new HashSet<>();
        for (Indicator i : found) {
            String where = i + " in [" + text + "]";
            require(i.start() > lastStart, "document order, no duplicates: " + where);
            require(i.start() >= 0 && i.end() > i.start() && i.end() <= text.length(), "offsets inside the text: " + where);
            require(Double.isFinite(i.value()) && i.value() >= 0, "finite value: " + where);
            String span = norm.substring(i.start(), i.end());
            require(span.chars().anyMatch(c -> NUMERAL_CHARS.indexOf(c) >= 0), "span holds the number: " + where);
            require(i.sentence() != null && i.sentence().contains(text.substring(i.start(), i.end())), "sentence holds the span: " + where);
            require(ids.add(i.id()) && i.id().equals("rid:" + i.start()), "id is report:start: " + where);
            require(APPROX.contains(i.approx()), "approx: " + where);
            require(KINDS.contains(i.kind()), "kind: " + where);
            require(i.direction() == null || i.direction().equals("up") || i.direction().equals("down"), "direction: " + where);
            require(i.unit() != null, "unit: " + where);
            lastStart = i.start();
        }
        return found.size();
    }

    private static void require(boolean ok, String what) {
        if (!ok) throw new AssertionError(what);
    }
}
