package dev.reportflow.extraction.text;

/** Small Chinese numerals as used in heading numbers and dates (一 … 九十九, 〇/零 digits). */
public final class Numerals {
    private Numerals() {}

    private static final CharTable DIGITS = new CharTable(-1, "〇零ＯO", 0, "一", 1, "二两", 2, "三", 3, "四", 4, "五", 5,
            "六", 6, "七", 7, "八", 8, "九", 9);

    /** Value of one Chinese digit 〇零一二…九 (also 两), or -1. */
    public static int digit(char c) {
        return DIGITS.get(c);
    }

    /**
     * 一 → 1, 十 → 10, 十一 → 11, 二十 → 20, 二十三 → 23, 九十九 → 99; -1 for anything else
     * (including empty, 百 and positional forms like 一一).
     */
    public static int parseSmall(CharSequence s) {
        int n = s.length();
        if (n == 0 || n > 3) return -1;
        int ten = -1;
        for (int i = 0; i < n; i++) if (s.charAt(i) == '十') { if (ten >= 0) return -1; ten = i; }
        if (ten < 0) {
            if (n != 1) return -1;
            int d = digit(s.charAt(0));
            return d >= 1 ? d : -1;
        }
        int tens = 1;
        if (ten == 1) {
            tens = digit(s.charAt(0));
            if (tens < 2) return -1;
        } else if (ten != 0) {
            return -1;
        }
        int units = 0;
        if (ten + 1 < n) {
            if (ten + 2 != n) return -1;
            units = digit(s.charAt(ten + 1));
            if (units < 1) return -1;
        }
        return tens * 10 + units;
    }

    /**
     * Digits written one per character, as in dates: 二〇二四 → 2024, 一 → 1; also accepts
     * the tens forms of {@link #parseSmall} (十二 → 12, 二十 → 20). -1 when not a number.
     */
    public static int parseDateNumber(CharSequence s) {
        if (s.length() == 0) return -1;
        int small = parseSmall(s);
        if (small >= 0) return small;
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            int d = digit(s.charAt(i));
            if (d < 0) return -1;
            v = v * 10 + d;
        }
        return s.length() >= 2 ? v : -1;
    }
}
