package dev.reportflow.extraction.outline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reportflow.extraction.text.Numerals;
import org.junit.jupiter.api.Test;

/**
 * scanInline's numeral bits answer like the definitions they replace, for every char: NUMERAL like
 * {@code Numerals.digit(c) > 0 || c == '十'}, L5_NUMERAL like {@code "一二三四五六七八九十".indexOf(c) >= 0}.
 * The parser's output over texts is pinned by OutlineParserTest and GoldenOutputTest.
 */
class InlineNumeralBitsTest {
    @Test
    void bitsMatchTheirDefinitionsForEveryChar() {
        int numerals = 0;
        for (int i = 0; i <= 0xFFFF; i++) {
            char c = (char) i;
            boolean numeral = Numerals.digit(c) > 0 || c == '十';
            assertThat(OutlineParser.has(OutlineParser.NUMERAL, c)).as("NUMERAL U+%04X", i).isEqualTo(numeral);
            assertThat(OutlineParser.has(OutlineParser.L5_NUMERAL, c)).as("L5_NUMERAL U+%04X", i)
                    .isEqualTo("一二三四五六七八九十".indexOf(c) >= 0);
            if (numeral) numerals++;
        }
        assertThat(numerals).isEqualTo(11); // 一 to 九, 两, 十
    }
}
