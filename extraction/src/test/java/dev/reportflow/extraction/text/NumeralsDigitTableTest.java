package dev.reportflow.extraction.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The range-checked digit table answers like the plain map (and the plain list), for every char. */
class NumeralsDigitTableTest {
    @Test
    void everyCharAsThePlainMap() {
        for (int c = 0; c <= 0xFFFF; c++) {
            char ch = (char) c;
            assertThat(Numerals.digit(ch)).as("U+%04X", c).isEqualTo(Numerals.DIGITS.get(ch));
        }
    }

    @Test
    void everyCharAsTheListOfDigits() {
        String zeros = "〇零ＯO", digits = "_一二三四五六七八九";
        for (int c = 0; c <= 0xFFFF; c++) {
            char ch = (char) c;
            int expected = zeros.indexOf(ch) >= 0 ? 0 : ch == '两' ? 2 : ch == '_' ? -1 : digits.indexOf(ch);
            assertThat(Numerals.digit(ch)).as("U+%04X", c).isEqualTo(expected);
        }
    }
}
