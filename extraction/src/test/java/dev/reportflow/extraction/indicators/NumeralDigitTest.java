package dev.reportflow.extraction.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The digit table answers like the plain list of digits, for every char. */
class NumeralDigitTest {
    @Test
    void everyChar() {
        String plain = "零一二三四五六七八九", financial = "〇壹贰叁肆伍陆柒捌玖";
        for (int c = 0; c <= 0xFFFF; c++) {
            char ch = (char) c;
            int expected = ch == '两' ? 2 : plain.indexOf(ch) >= 0 ? plain.indexOf(ch) : financial.indexOf(ch);
            assertThat(Numerals.digit(ch)).as("U+%04X", c).isEqualTo(expected);
        }
    }
}
