package dev.reportflow.extraction.text;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Full calendar dates in report text, read into ISO form (2025-01-03). Works on normalised text. */
public final class Dates {
    private Dates() {}

    /** 2025年1月3日, 2025 年 1 月 3 日, 二〇二五年一月三日, 二〇二五年元月三日. */
    private static final Pattern CN = Pattern.compile(
            "([0-9]{4}|[〇零一二三四五六七八九O]{4})\\s*年\\s*([0-9]{1,2}|[一二三四五六七八九十元]{1,3})\\s*月"
                    + "\\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\\s*[日号]");
    /** 2023-05-09, 2023/5/9, 2023.05.09 (not followed by another digit). */
    private static final Pattern NUM = Pattern.compile(
            "(?<![0-9])([12][0-9]{3})([-/.])([0-9]{1,2})\\2([0-9]{1,2})(?![0-9])");

    /** A date found in text: ISO value and where it stands. */
    public record Found(String iso, int start, int end) {}

    /** The first full date in {@code s} from {@code from}, or null. */
    public static Found find(CharSequence s, int from) {
        Found best = null;
        Matcher m = CN.matcher(s);
        m.region(from, s.length());
        while (m.find()) {
            String iso = iso(m.group(1), m.group(2), m.group(3));
            if (iso != null) { best = new Found(iso, m.start(), m.end()); break; }
        }
        Matcher n = NUM.matcher(s);
        n.region(from, s.length());
        while (n.find()) {
            if (best != null && n.start() > best.start()) break;
            String iso = iso(n.group(1), n.group(3), n.group(4));
            if (iso != null) { best = new Found(iso, n.start(), n.end()); break; }
        }
        return best;
    }

    /** The ISO date when {@code s} (trimmed) is nothing but a date, else null. */
    public static String whole(CharSequence s) {
        String t = s.toString().strip();
        Found f = find(t, 0);
        return f != null && f.start() == 0 && f.end() == t.length() ? f.iso() : null;
    }

    private static String iso(String y, String mo, String d) {
        int year = number(y), month = "元".equals(mo) ? 1 : number(mo), day = number(d);
        if (year < 1949 || year > 2200) return null;
        try {
            return LocalDate.of(year, month, day).toString();
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int number(String s) {
        if (s.chars().allMatch(c -> c >= '0' && c <= '9')) return Integer.parseInt(s);
        return Numerals.parseDateNumber(s.replace('O', '〇'));
    }
}
