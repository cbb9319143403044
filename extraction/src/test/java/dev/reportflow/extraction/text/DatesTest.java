package dev.reportflow.extraction.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DatesTest {

    @Test
    void chineseAndNumericDates() {
        assertThat(Dates.whole("2025年1月3日")).isEqualTo("2025-01-03");
        assertThat(Dates.whole(" 2021 年 12 月 20 日 ")).isEqualTo("2021-12-20");
        assertThat(Dates.whole("二〇二四年一月十日")).isEqualTo("2024-01-10");
        assertThat(Dates.whole("二〇二三年十二月二十九日")).isEqualTo("2023-12-29");
        assertThat(Dates.whole("2023-05-09")).isEqualTo("2023-05-09");
        assertThat(Dates.whole("2023/5/9")).isEqualTo("2023-05-09");
        assertThat(Dates.whole("2023.05.09")).isEqualTo("2023-05-09");
    }

    @Test
    void notDates() {
        assertThat(Dates.whole("2023年12月")).isNull();
        assertThat(Dates.whole("2023年2月30日")).isNull();
        assertThat(Dates.whole("截至2023年底")).isNull();
        assertThat(Dates.whole("2023-05-09 10:49")).isNull();
        assertThat(Dates.find("共办理12.5.3件", 0)).isNull();
    }

    @Test
    void findReportsWhereTheDateStands() {
        Dates.Found f = Dates.find("发布日期: 2023-05-09 10:49", 0);
        assertThat(f.iso()).isEqualTo("2023-05-09");
        assertThat(f.start()).isEqualTo(6);
        assertThat(Dates.find("于2022年3月1日印发,2022年4月2日实施", 0).iso()).isEqualTo("2022-03-01");
    }

    @Test
    void smallNumerals() {
        assertThat(Numerals.parseSmall("一")).isEqualTo(1);
        assertThat(Numerals.parseSmall("十")).isEqualTo(10);
        assertThat(Numerals.parseSmall("十一")).isEqualTo(11);
        assertThat(Numerals.parseSmall("二十")).isEqualTo(20);
        assertThat(Numerals.parseSmall("二十三")).isEqualTo(23);
        assertThat(Numerals.parseSmall("一十")).isEqualTo(-1);
        assertThat(Numerals.parseSmall("一一")).isEqualTo(-1);
        assertThat(Numerals.parseSmall("十十")).isEqualTo(-1);
        assertThat(Numerals.parseSmall("")).isEqualTo(-1);
        assertThat(Numerals.parseDateNumber("二〇二四")).isEqualTo(2024);
    }
}
