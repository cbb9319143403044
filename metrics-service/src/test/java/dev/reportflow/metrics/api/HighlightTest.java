package dev.reportflow.metrics.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HighlightTest {

    static String marked(String sentence, int[] r) {
        return r == null ? null : sentence.substring(r[0], r[1]);
    }

    @Test
    void aYearBeforeTheQuantityIsNotMistakenForIt() {
        String s = "2023年受理法律援助案件723件。";
        var r = Highlight.locate(s, List.of(new Highlight.Span(5000, 5004, 723)));
        assertThat(marked(s, r.get(0))).isEqualTo("723件");
    }

    @Test
    void severalQuantitiesOfOneSentenceKeepTheirDistances() {
        String s = "受理矛盾纠纷3785宗,成功调解3766宗,成功率高达99.5%。";
        int base = 1200, a = s.indexOf("3785"), b = s.indexOf("3766"), c = s.indexOf("99.5");
        var spans = List.of(new Highlight.Span(base + a, base + a + 5, 3785), new Highlight.Span(base + b, base + b + 5, 3766),
                new Highlight.Span(base + c, base + c + 5, 99.5));
        var r = Highlight.locate(s, spans);
        assertThat(r).extracting(x -> marked(s, x)).containsExactly("3785宗", "3766宗", "99.5%");
    }

    @Test
    void tenThousandsAndChineseNumeralsAndApproximations() {
        String s = "公开行政执法数据107万余个,对三个市直行政执法部门开展评查。";
        int a = s.indexOf("107万余个"), b = s.indexOf("三个");
        var r = Highlight.locate(s, List.of(new Highlight.Span(a + 90, a + 90 + 6, 1070000),
                new Highlight.Span(b + 90, b + 92, 3)));
        assertThat(r).extracting(x -> marked(s, x)).containsExactly("107万余个", "三个");
        String t = "近3000名安置帮教对象";
        assertThat(marked(t, Highlight.locate(t, List.of(new Highlight.Span(7, 13, 3000))).get(0))).isEqualTo("近3000名");
    }

    @Test
    void noPlaceFitsGivesNoHighlight() {
        assertThat(Highlight.locate("没有数字的句子。", List.of(new Highlight.Span(0, 3, 5))).get(0)).isNull();
        assertThat(Highlight.locate("12件", List.of(new Highlight.Span(0, 30, 12))).get(0)).isNull();
        assertThat(Highlight.locate(null, List.of(new Highlight.Span(0, 3, 5))).get(0)).isNull();
    }

    @Test
    void groupsBySentence() {
        String s1 = "办理公证5465件。", s2 = "律师事务所17家,律师84人。";
        Map<Integer, int[]> r = Highlight.locateAll(List.of(s1, s2, s2),
                List.of(new Highlight.Span(10, 15, 5465), new Highlight.Span(105, 108, 17), new Highlight.Span(110, 113, 84)));
        assertThat(marked(s1, r.get(0))).isEqualTo("5465件");
        assertThat(marked(s2, r.get(1))).isEqualTo("17家");
        assertThat(marked(s2, r.get(2))).isEqualTo("84人");
    }
}
