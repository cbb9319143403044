package dev.reportflow.extraction.indicators;

/**
 * Chinese numerals: 零〇一二两三四五六七八九十百千万亿 and the financial forms 壹贰叁肆伍陆柒捌玖拾佰仟.
 * Parses one maximal run of numeral chars into a value, recognising digit-by-digit spellings
 * (二〇二三, 十四五) and bare multipliers (百, 万) that need a 余/多 to be a quantity.
 */
final class Numerals {
    private Numerals() {}

    /** Result flags of {@link #parse}. */
    static final int OK = 0;
    /** Written digit by digit (二〇二三) or an abbreviation like 十四五 / 三五: not a cardinal. */
    static final int DIGIT_STYLE = 1;
    /** Only multipliers (百, 千, 万, 百千万): "hundreds", not one hundred, unless 余/多 or 上/近 goes with it. */
    static final int BARE_MULTIPLIER = 2;
    /** Malformed (十百, too long). */
    static final int INVALID = 3;

    /** Largest value a numeral may have (10¹⁸); beyond it the run is not a quantity. */
    private static final long MAX_VALUE = 1_000_000_000_000_000_000L;

    private static final dev.reportflow.extraction.text.CharTable DIGITS = new dev.reportflow.extraction.text.CharTable(-1,
            "零〇", 0, "一壹", 1, "二两贰", 2, "三叁", 3, "四肆", 4, "五伍", 5, "六陆", 6, "七柒", 7, "八捌", 8, "九玖", 9);

    static int digit(char c) {
        return DIGITS.get(c);
    }

    static int smallUnit(char c) {
        switch (c) {
            case '十': case '拾': return 10;
            case '百': case '佰': return 100;
            case '千': case '仟': return 1000;
            default: return 0;
        }
    }

    static long bigUnit(char c) {
        if (c == '万') return 10_000L;
        if (c == '亿') return 100_000_000L;
        return 0;
    }

    static boolean isNumeral(char c) {
        return digit(c) >= 0 || smallUnit(c) > 0 || bigUnit(c) > 0;
    }

    /** Power of ten of a multiplier char after a number (万 → 4), or 0. */
    static int multiplierExp(char c) {
        switch (c) {
            case '十': return 1;
            case '百': return 2;
            case '千': return 3;
            case '万': return 4;
            case '亿': return 8;
            default: return 0;
        }
    }

    /** Value and status of a parsed run. */
    static final class Parsed {
        long value;
        int status;
    }

    /** Parses {@code s[from, to)}, a run of numeral chars. */
    static void parse(char[] s, int from, int to, Parsed out) {
        out.value = 0;
        out.status = OK;
        int len = to - from;
        if (len <= 0 || len > 16) {
            out.status = INVALID;
            return;
        }
        long total = 0;
        long section = 0;
        int digit = -1;
        int prevDigit = -1;
        int lastSmall = Integer.MAX_VALUE;
        boolean anyDigit = false;
        boolean anyMultiplier = false;
        boolean digitRun = false;
        for (int i = from; i < to; i++) {
            char c = s[i];
            int d = digit(c);
            if (d >= 0) {
                // two digits in a row (二〇, 十四五) make a digit-by-digit spelling, except after 零 (一百零五)
                if (digit >= 0 && digit != 0) digitRun = true;
                if (digit == 0 && prevDigit >= 0) digitRun = true;
                prevDigit = digit;
                digit = d;
                if (d > 0) anyDigit = true;
                continue;
            }
            int small = smallUnit(c);
            if (small > 0) {
                if (small >= lastSmall) {
                    out.status = INVALID;
                    return;
                }
                section += (digit < 0 ? 1 : digit) * (long) small;
                if (digit < 0 && small != 10) anyMultiplier = true;
                if (digit < 0 && small == 10 && i == from) anyDigit = true; // 十 alone is ten
                digit = -1;
                prevDigit = -1;
                lastSmall = small;
                continue;
            }
            long big = bigUnit(c);
            if (section == 0 && digit <= 0 && total == 0) anyMultiplier = true;
            long part = section + Math.max(digit, 0);
            if (part == 0) part = 1;
            // 一千亿亿: refuse what would overflow a long rather than wrap around
            long base = big == 100_000_000L ? total + part : part;
            if (base > MAX_VALUE / big) {
                out.status = INVALID;
                return;
            }
            if (big == 100_000_000L) {
                total = base * big;
            } else {
                total += base * big;
            }
            section = 0;
            digit = -1;
            prevDigit = -1;
            lastSmall = Integer.MAX_VALUE;
            if (total > 1_000_000_000_000_000L) {
                out.status = INVALID;
                return;
            }
        }
        if (digitRun) {
            long v = 0;
            for (int i = from; i < to; i++) {
                int d = digit(s[i]);
                if (d < 0) {
                    out.status = INVALID;
                    return;
                }
                v = v * 10 + d;
            }
            out.value = v;
            out.status = DIGIT_STYLE;
            return;
        }
        out.value = total + section + Math.max(digit, 0);
        if (!anyDigit && anyMultiplier) out.status = BARE_MULTIPLIER;
    }
}
