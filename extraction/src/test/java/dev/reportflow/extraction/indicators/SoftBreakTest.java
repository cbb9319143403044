package dev.reportflow.extraction.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reportflow.extraction.Indicator;
import dev.reportflow.extraction.text.TextNormalizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Soft line breaks (U+2060, a hard wrap inside a sentence) are transparent to numbers and subjects. */
class SoftBreakTest {

    /** Marks the line break at each '|' of a constructed sentence as soft, the way the outline does. */
    private static List<Indicator> extractWrapped(String wrapped) {
        String text = wrapped.replace('|', '\n');
        String norm = TextNormalizer.normalize(text).replace('\n', Text.SOFT_BREAK);
        // the sentence's real line end stays a line end
        return Sentences.X.extract("r", text, norm, null);
    }

    @Test
    void numberSplitByAWrapIsOneNumberWithOriginalOffsets() {
        String w = "全年办理行政处罚案件1,234件，其中简易程序案件5|16件。";
        List<Indicator> all = extractWrapped(w);
        assertThat(all).extracting(Indicator::value).containsExactly(1234.0, 516.0);
        Indicator i = all.get(1);
        String text = w.replace('|', '\n');
        assertThat(i.start()).isEqualTo(text.indexOf("5\n16件"));
        assertThat(text.substring(i.start(), i.end())).isEqualTo("5\n16件");
    }

    @Test
    void thousandsSeparatorAndUnitAcrossAWrap() {
        assertThat(extractWrapped("组织执法人员培训1,|530人次。")).extracting(Indicator::value, Indicator::unit)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1530.0, "人次"));
        assertThat(extractWrapped("受教育群众12万|余人次。")).extracting(Indicator::value, Indicator::approx)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(120000.0, "more_than"));
        assertThat(extractWrapped("建成示范村3|个。")).extracting(Indicator::value).containsExactly(3.0);
    }

    @Test
    void subjectAndMetricAcrossAWrap() {
        Indicator i = extractWrapped("全县共有律师事务所|6家。").get(0);
        assertThat(i.subject()).isEqualTo("律师事务所");
        assertThat(i.metric()).isEqualTo("law_firms.count");
        assertThat(extractWrapped("提供法律咨|询3,910人次。").get(0).metric()).isEqualTo("legal_aid.consultations");
    }

    @Test
    void withoutSoftBreaksAHardLineBreakStillEndsTheNumber() {
        String text = "其中简易程序案件5\n16件。";
        assertThat(Sentences.extract(text)).extracting(Indicator::value).containsExactly(16.0);
    }
}
