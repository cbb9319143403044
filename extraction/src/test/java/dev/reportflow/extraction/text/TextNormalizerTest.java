package dev.reportflow.extraction.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {

    @Test
    void fullWidthFormsBecomeAscii() {
        assertThat(TextNormalizer.normalize("（一）办理案件１２件，占比９９．５％：ＡＢｃ；"))
                .isEqualTo("(一)办理案件12件,占比99.5%:ABc;");
    }

    @Test
    void traditionalCharactersThatMatterToParsingBecomeSimplified() {
        assertThat(TextNormalizer.normalize("受理案件2萬餘項,舉辦講座3場,發放資料5億個,審查條款4條,開展3輪"))
                .isEqualTo("受理案件2万余项,举办讲座3场,发放资料5亿个,审查条款4条,开展3轮");
        assertThat(TextNormalizer.normalize("廣東省湛江市廉江市司法局關於2023年法治政府建設情況的報告"))
                .isEqualTo("广东省湛江市廉江市司法局关于2023年法治政府建设情况的报告");
        assertThat(TextNormalizer.normalize("存在的問題和不足;下一年度工作計劃"))
                .isEqualTo("存在的问题和不足;下一年度工作计划");
    }

    @Test
    void simplifiedCharactersThatLookTraditionalAreLeftAlone() {
        // 乾 (乾县), 著 (显著), 覆 (覆盖) are simplified characters too
        assertThat(TextNormalizer.normalize("陕西省咸阳市乾县成效显著,全覆盖")).isEqualTo("陕西省咸阳市乾县成效显著,全覆盖");
        assertThat(TradSimp.size()).isGreaterThan(2000);
    }

    @Test
    void spacesAndLineBreaks() {
        assertThat(TextNormalizer.normalize("一、\u3000成效\r\n办理\u00A0案件\u200B")).isEqualTo("一、 成效\n\n办理 案件 ");
    }

    @Test
    void everyCharacterMapsToExactlyOneSoOffsetsHold() {
        String text = "（二）深化復議為民。全年辦理案件１２３件，同比增長１５．７３％。\r\n";
        String norm = TextNormalizer.normalize(text);
        assertThat(norm).hasSameSizeAs(text);
        int i = norm.indexOf("123件");
        assertThat(text.substring(i, i + 4)).isEqualTo("１２３件");
        for (int k = 0; k < text.length(); k++) assertThat(norm.charAt(k)).isEqualTo(TextNormalizer.map(text.charAt(k)));
    }

    @Test
    void unchangedTextIsReturnedAsIs() {
        String s = "一、主要举措和成效";
        assertThat(TextNormalizer.normalize(s)).isSameAs(s);
        assertThat(TextNormalizer.normalize(null)).isNull();
    }
}
