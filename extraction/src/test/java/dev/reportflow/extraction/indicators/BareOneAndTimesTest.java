package dev.reportflow.extraction.indicators;

import static dev.reportflow.extraction.indicators.Sentences.at;
import static dev.reportflow.extraction.indicators.Sentences.extract;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reportflow.extraction.Indicator;
import org.junit.jupiter.api.Test;

/** A bare 一 as a quantity (一倍, lists of counts) and as an article; Chinese percentages. */
class BareOneAndTimesTest {

    @Test
    void oneTimesAfterAGrowthWordIsAChange() {
        Indicator i = at("受理案件数量较上年增长了一倍。", "一倍");
        assertThat(i.value()).isEqualTo(1.0);
        assertThat(i.unit()).isEqualTo("倍");
        assertThat(i.kind()).isEqualTo("change");
        assertThat(i.direction()).isEqualTo("up");
        assertThat(at("调解案件同比增加三倍。", "三倍").kind()).isEqualTo("change");
    }

    @Test
    void oneClosingAListItemIsACount() {
        String t = "建成乡镇法律服务所一个、村级服务室十二个，配备专职律师一名。";
        assertThat(extract(t)).extracting(Indicator::value).containsExactly(1.0, 12.0, 1.0);
        assertThat(at(t, "一个").unit()).isEqualTo("个");
    }

    @Test
    void oneBeforeItsNounIsAnArticle() {
        assertThat(extract("建立一个机制，形成一套制度，打造一批品牌。")).isEmpty();
    }

    @Test
    void chinesePercentWithDecimal() {
        Indicator i = at("群众满意度达到百分之九十八点六。", "百分之九十八点六");
        assertThat(i.value()).isEqualTo(98.6);
        assertThat(i.unit()).isEqualTo("%");
    }
}
