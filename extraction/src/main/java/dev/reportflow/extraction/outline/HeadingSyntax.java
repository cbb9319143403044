package dev.reportflow.extraction.outline;

import dev.reportflow.extraction.text.Numerals;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numbering that opens a heading, on normalised text (full-width forms already ASCII):
 * level 1 {@code 一、}, 2 {@code (一)}, 3 {@code 1.} / {@code 1、}, 4 {@code (1)} / {@code 1)},
 * 5 {@code 一是}.
 */
final class HeadingSyntax {
    private HeadingSyntax() {}

    /** A heading number at the start of some text. */
    record Marker(int level, String number, int value, int length) {}

    private static final String CN = "[一二三四五六七八九十]{1,3}";
    // not 一、二季度 / 一、二月 / 一、二级 (a list of numerals)
    private static final Pattern L1 = Pattern.compile("^(" + CN + ")\\s*[、.](?![一二三四五六七八九十]{1,2}[、季月级类等])\\s*");
    private static final Pattern L2 = Pattern.compile("^\\(\\s*(" + CN + ")\\s*\\)\\s*[、.]?\\s*");
    // "1." or "1、" but not a decimal (1.5亿), a list of months (2、3月) or a date (12.1);
    // a year right after it (1.2023年…) is a title
    private static final Pattern L3 = Pattern.compile("^([0-9]{1,2})\\s*[.、](?![0-9](?![0-9]{3}年))\\s*");
    private static final Pattern L4 = Pattern.compile("^(?:\\(\\s*([0-9]{1,2})\\s*\\)|([0-9]{1,2})\\))\\s*[、.]?\\s*");
    private static final Pattern L5 = Pattern.compile("^(" + CN + ")是");

    /** Largest heading number believed at levels 3 and 4; more is a figure, not a heading. */
    static final int MAX_ARABIC = 60;

    /** The heading marker at the start of {@code s}, or null. */
    static Marker match(CharSequence s) {
        if (s.length() < 2) return null;
        char c = s.charAt(0);
        Matcher m;
        if (c == '(') {
            if ((m = L2.matcher(s)).lookingAt()) return chinese(2, m, s);
            if ((m = L4.matcher(s)).lookingAt()) return arabic(4, m, m.group(1), s);
            return null;
        }
        if (c >= '0' && c <= '9') {
            if ((m = L4.matcher(s)).lookingAt()) return arabic(4, m, m.group(2), s);
            if ((m = L3.matcher(s)).lookingAt()) return arabic(3, m, m.group(1), s);
            return null;
        }
        if (Numerals.digit(c) > 0 || c == '十') {
            if ((m = L1.matcher(s)).lookingAt()) return chinese(1, m, s);
            if ((m = L5.matcher(s)).lookingAt()) return chinese(5, m, s);
        }
        return null;
    }

    private static Marker chinese(int level, Matcher m, CharSequence s) {
        int v = Numerals.parseSmall(m.group(1));
        if (v <= 0) return null;
        if (!opensTitle(s, m.end())) return null;
        return new Marker(level, m.group(1), v, m.end());
    }

    private static Marker arabic(int level, Matcher m, String digits, CharSequence s) {
        if (digits == null) return null;
        int v = Integer.parseInt(digits);
        if (v <= 0 || v > MAX_ARABIC) return null;
        if (!opensTitle(s, m.end())) return null;
        return new Marker(level, digits, v, m.end());
    }

    /** A title starts with a letter, a Han character, an opening quote or bracket; not a unit or sign. */
    private static boolean opensTitle(CharSequence s, int at) {
        if (at >= s.length()) return true; // bare number: the title may be on the next line
        char c = s.charAt(at);
        if (c == '%' || c == '‰' || c == ')' || c == ']' || c == '-' || c == '~' || c == '/' || c == '.') return false;
        return Character.isLetterOrDigit(c) || "“\"‘'《〈「『【([".indexOf(c) >= 0;
    }
}
