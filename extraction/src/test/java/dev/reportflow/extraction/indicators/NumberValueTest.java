package dev.reportflow.extraction.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** A number's value from the powers-of-ten table equals its plain definition with Math.pow, bit for bit. */
class NumberValueTest {

    @Property(tries = 2000)
    void tableEqualsPow(@ForAll @LongRange(min = 0, max = 99_999_999_999_999_999L) long mant,
                        @ForAll @IntRange(min = 0, max = 30) int scale, @ForAll @IntRange(min = 0, max = 30) int exp) {
        assertThat(Double.doubleToRawLongBits(NumberScanner.value(mant, scale, exp)))
                .as("%d %d %d", mant, scale, exp)
                .isEqualTo(Double.doubleToRawLongBits(NumberScanner.valuePlain(mant, scale, exp)));
    }

    @Example
    void everyScaleAndExponentTheScannerProduces() {
        // scale up to 17 decimals, exp up to 12 (checked before value), mantissas of every digit count
        long[] mants = {0, 1, 7, 12, 999, 123_456_789, 99_999_999_999_999_999L, 12_345_678_901_234_567L};
        for (long m : mants) {
            for (int scale = 0; scale <= 17; scale++) {
                for (int exp = 0; exp <= 24; exp++) {
                    assertThat(NumberScanner.value(m, scale, exp)).isEqualTo(NumberScanner.valuePlain(m, scale, exp));
                }
            }
        }
    }
}
