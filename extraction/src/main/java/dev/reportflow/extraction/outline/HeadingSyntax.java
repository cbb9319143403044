package dev.reportflow.extraction.outline;

import dev.reportflow.extraction.text.Numerals;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numbering that opens a heading, on normalised text (full-width forms already ASCII).
 *
 * <p>Each numbering style has a <em>rank</em>, its place in the usual nesting order; the parser nests
 * and sequences headings by rank and turns ranks into output levels afterwards (see
 * {@link OutlineParser}):
 *
 * <table>
 *   <caption>ranks</caption>
 *   <tr><td>{@link #PART}</td><td>{@code 第一部分} {@code 第一篇}</td></tr>
 *   <tr><td>{@link #CHAPTER}</td><td>{@code 第一章}</td></tr>
 *   <tr><td>{@link #SECTION}</td><td>{@code 第一节}</td></tr>
 *   <tr><td>{@link #L1}</td><td>{@code 一、} {@code 一.}</td></tr>
 *   <tr><td>{@link #L2}</td><td>{@code (一)} {@code ㈠}</td></tr>
 *   <tr><td>{@link #L3}</td><td>{@code 1.} {@code 1、} {@code ⒈}</td></tr>
 *   <tr><td>{@link #L4}</td><td>{@code (1)} {@code 1)} {@code ⑴} {@code ①}</td></tr>
 *   <tr><td>{@link #L5}</td><td>{@code 一是}</td></tr>
 * </table>
 */
final class HeadingSyntax {
    private HeadingSyntax() {}

    /** Ranks above the usual five levels: parts, chapters, sections of a long report. */
    static final int PART = 1, CHAPTER = 2, SECTION = 3;
    /** The usual five levels of the spec: rank − {@link #OUTER} is the default level. */
    static final int L1 = 4, L2 = 5, L3 = 6, L4 = 7, L5 = 8;
    /** Number of ranks above {@link #L1}. */
    static final int OUTER = 3;
    static final int MAX_RANK = L5;

    /** A heading number at the start of some text. */
    record Marker(int rank, String number, int value, int length) {
        boolean outer() {
            return rank < L1;
        }
    }

    private static final String CN = "[一二三四五六七八九十]{1,3}";
    // not 一、二季度 / 一、二月 / 一、二级 (a list of numerals)
    private static final Pattern L1_P = Pattern.compile("^(" + CN + ")\\s*[、.](?![一二三四五六七八九十]{1,2}[、季月级类等])\\s*");
    private static final Pattern L2_P = Pattern.compile("^\\(\\s*(" + CN + ")\\s*\\)\\s*[、.]?\\s*");
    // "1." or "1、" but not a decimal (1.5亿), a list of months (2、3月) or a date (12.1);
    // a year right after it (1.2023年…) is a title
    private static final Pattern L3_P = Pattern.compile("^([0-9]{1,2})\\s*[.、](?![0-9](?![0-9]{3}年))\\s*");
    private static final Pattern L4_P = Pattern.compile("^(?:\\(\\s*([0-9]{1,2})\\s*\\)|([0-9]{1,2})\\))\\s*[、.]?\\s*");
    private static final Pattern L5_P = Pattern.compile("^(" + CN + ")是");
    /** 第一部分 / 第二章 / 第三节 / 第一篇, then separators before the title. */
    private static final Pattern OUTER_P = Pattern.compile("^第\\s*(" + CN + "|[0-9]{1,2})\\s*(部分|篇|章|节)[\\s、.:,]*");
    /** After a single-character number (①, ⑴, ⒈, ㈠): optional separator. */
    private static final Pattern AFTER_SIGN = Pattern.compile("^[\\s、.]*");

    /** Largest heading number believed at levels 3 and 4; more is a figure, not a heading. */
    static final int MAX_ARABIC = 60;

    /** True for a char that can open a heading number (cheap pre-check for inline scans). */
    static boolean opens(char c) {
        return c == '(' || (c >= '0' && c <= '9') || Numerals.digit(c) > 0 || c == '十' || c == '第' || signValue(c) > 0;
    }

    /**
     * One Matcher per pattern for the regex form of {@link #match(CharSequence, Matchers)}, the
     * plain definition the hand-written {@link #match(String, int, int)} is tested against. Not
     * thread-safe.
     */
    static final class Matchers {
        final Matcher l1 = L1_P.matcher(""), l2 = L2_P.matcher(""), l3 = L3_P.matcher(""), l4 = L4_P.matcher(""),
                l5 = L5_P.matcher(""), outer = OUTER_P.matcher(""), afterSign = AFTER_SIGN.matcher("");
    }

    /** The heading marker at the start of {@code s}, or null. */
    static Marker match(CharSequence s) {
        if (s instanceof Slice sl) return match(sl.source(), sl.from(), sl.to());
        String str = s.toString();
        return match(str, 0, str.length());
    }

    /**
     * The heading marker at the start of {@code s[from, to)}, or null; {@link Marker#length()}
     * counts from {@code from}. The patterns above read by hand (what {@link #match(CharSequence,
     * Matchers)} answers, without a Matcher): the regex engine's node chain was most of the
     * parser's per-line cost, and its branches and virtual calls suffer most when the other steps
     * run between two reports. Every {@code {1,3}}/{@code {1,2}} run below is followed by a char
     * its class does not hold, so backtracking never finds a shorter match and the maximal run
     * decides.
     */
    static Marker match(String s, int from, int to) {
        if (to - from < 2) return null;
        char c = s.charAt(from);
        if (c == '(') {
            int p = ws(s, from + 1, to);
            int r = cnRun(s, p, to);
            if (r >= 1 && r <= 3) { // L2: (一)
                int q = ws(s, p + r, to);
                if (q < to && s.charAt(q) == ')') return chinese(L2, s, from, p, p + r, sepTail(s, q + 1, to), to);
            }
            int d = digitRun(s, p, to);
            if (d >= 1 && d <= 2) { // L4: (1)
                int q = ws(s, p + d, to);
                if (q < to && s.charAt(q) == ')') return arabic(L4, s, from, p, p + d, sepTail(s, q + 1, to), to);
            }
            return null;
        }
        if (c >= '0' && c <= '9') {
            int d = digitRun(s, from, to);
            if (d > 2) return null;
            if (from + d < to && s.charAt(from + d) == ')') { // L4: 1)
                return arabic(L4, s, from, from, from + d, sepTail(s, from + d + 1, to), to);
            }
            int q = ws(s, from + d, to); // L3: 1. / 1、 but not 1.5 (unless 1.2023年)
            if (q < to && (s.charAt(q) == '.' || s.charAt(q) == '、') && !decimalAfter(s, q + 1, to)) {
                return arabic(L3, s, from, from, from + d, ws(s, q + 1, to), to);
            }
            return null;
        }
        if (Numerals.digit(c) > 0 || c == '十') {
            int r = cnRun(s, from, to);
            if (r < 1 || r > 3) return null; // 两 opens no CN run
            int q = ws(s, from + r, to); // L1: 一、 but not 一、二季度
            if (q < to && (s.charAt(q) == '、' || s.charAt(q) == '.') && !numeralListAfter(s, q + 1, to)) {
                return chinese(L1, s, from, from, from + r, ws(s, q + 1, to), to);
            }
            if (from + r < to && s.charAt(from + r) == '是') return chinese(L5, s, from, from, from + r, from + r + 1, to);
            return null;
        }
        if (c == '第') {
            int p = ws(s, from + 1, to);
            int r = cnRun(s, p, to);
            int numEnd;
            if (r >= 1) {
                if (r > 3) return null;
                numEnd = p + r;
            } else {
                int d = digitRun(s, p, to);
                if (d < 1 || d > 2) return null;
                numEnd = p + d;
            }
            int q = ws(s, numEnd, to);
            int rank, kindEnd;
            if (q + 1 < to && s.charAt(q) == '部' && s.charAt(q + 1) == '分') {
                rank = PART;
                kindEnd = q + 2;
            } else if (q < to && (s.charAt(q) == '篇' || s.charAt(q) == '章' || s.charAt(q) == '节')) {
                rank = s.charAt(q) == '章' ? CHAPTER : s.charAt(q) == '节' ? SECTION : PART;
                kindEnd = q + 1;
            } else {
                return null;
            }
            int end = kindEnd;
            while (end < to && (isWs(s.charAt(end)) || "、.:,".indexOf(s.charAt(end)) >= 0)) end++;
            String n = s.substring(p, numEnd);
            int v = n.charAt(0) <= '9' ? Integer.parseInt(n) : Numerals.parseSmall(n);
            if (v <= 0 || !opensTitle(s, end, to)) return null;
            return new Marker(rank, n, v, end - from);
        }
        int v = signValue(c);
        if (v > 0) {
            int end = from + 1;
            while (end < to && (isWs(s.charAt(end)) || s.charAt(end) == '、' || s.charAt(end) == '.')) end++;
            if (!opensTitle(s, end, to)) return null;
            return new Marker(signRank(c), String.valueOf(v), v, end - from);
        }
        return null;
    }

    /** {@code \s} of a Java regex without flags. */
    private static boolean isWs(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static int ws(String s, int p, int to) {
        while (p < to && isWs(s.charAt(p))) p++;
        return p;
    }

    /** {@code \s*[、.]?\s*} from p: where it ends. */
    private static int sepTail(String s, int p, int to) {
        p = ws(s, p, to);
        if (p < to && (s.charAt(p) == '、' || s.charAt(p) == '.')) p = ws(s, p + 1, to);
        return p;
    }

    private static boolean isCn(char c) {
        return (c >= '一' && "一二三四五六七八九十".indexOf(c) >= 0);
    }

    /** Length of the run of 一…十 at p, counted up to 4 (more than any pattern takes). */
    private static int cnRun(String s, int p, int to) {
        int r = 0;
        while (r < 4 && p + r < to && isCn(s.charAt(p + r))) r++;
        return r;
    }

    /** Length of the run of 0-9 at p, counted up to 3. */
    private static int digitRun(String s, int p, int to) {
        int r = 0;
        while (r < 3 && p + r < to && s.charAt(p + r) >= '0' && s.charAt(p + r) <= '9') r++;
        return r;
    }

    /** {@code [0-9](?![0-9]{3}年)} at x: a decimal or date goes on (12.1), not a year (1.2023年). */
    private static boolean decimalAfter(String s, int x, int to) {
        if (x >= to || s.charAt(x) < '0' || s.charAt(x) > '9') return false;
        boolean year = x + 4 < to && digitRun(s, x + 1, to) == 3 && s.charAt(x + 4) == '年';
        return !year;
    }

    /** {@code [一…十]{1,2}[、季月级类等]} at x: a list of numerals (一、二季度), not a heading. */
    private static boolean numeralListAfter(String s, int x, int to) {
        int r = cnRun(s, x, to);
        if (r == 1) return x + 1 < to && "、季月级类等".indexOf(s.charAt(x + 1)) >= 0;
        if (r == 2) return x + 2 < to && "、季月级类等".indexOf(s.charAt(x + 2)) >= 0;
        return false;
    }

    private static Marker chinese(int rank, String s, int from, int numFrom, int numTo, int end, int to) {
        String n = s.substring(numFrom, numTo);
        int v = Numerals.parseSmall(n);
        if (v <= 0) return null;
        if (!opensTitle(s, end, to)) return null;
        return new Marker(rank, n, v, end - from);
    }

    private static Marker arabic(int rank, String s, int from, int numFrom, int numTo, int end, int to) {
        String digits = s.substring(numFrom, numTo);
        int v = Integer.parseInt(digits);
        if (v <= 0 || v > MAX_ARABIC) return null;
        if (!opensTitle(s, end, to)) return null;
        return new Marker(rank, digits, v, end - from);
    }

    /** {@link #opensTitle(CharSequence, int)} at the absolute offset {@code at} of {@code s[.., to)}. */
    private static boolean opensTitle(String s, int at, int to) {
        if (at >= to) return true;
        char c = s.charAt(at);
        if (c == '%' || c == '‰' || c == ')' || c == ']' || c == '-' || c == '~' || c == '/' || c == '.') return false;
        return Character.isLetterOrDigit(c) || "“\"‘'《〈「『【([".indexOf(c) >= 0;
    }

    /**
     * The plain definition of {@link #match(CharSequence)}: the patterns above, run by these
     * matchers (tests compare the two; fresh matchers, or reused ones, answer alike).
     */
    static Marker match(CharSequence s, Matchers ms) {
        if (s.length() < 2) return null;
        char c = s.charAt(0);
        Matcher m;
        if (c == '(') {
            if ((m = ms.l2.reset(s)).lookingAt()) return chinese(L2, m, s);
            if ((m = ms.l4.reset(s)).lookingAt()) return arabic(L4, m, m.group(1), s);
            return null;
        }
        if (c >= '0' && c <= '9') {
            if ((m = ms.l4.reset(s)).lookingAt()) return arabic(L4, m, m.group(2), s);
            if ((m = ms.l3.reset(s)).lookingAt()) return arabic(L3, m, m.group(1), s);
            return null;
        }
        if (Numerals.digit(c) > 0 || c == '十') {
            if ((m = ms.l1.reset(s)).lookingAt()) return chinese(L1, m, s);
            if ((m = ms.l5.reset(s)).lookingAt()) return chinese(L5, m, s);
            return null;
        }
        if (c == '第') {
            if (!(m = ms.outer.reset(s)).lookingAt()) return null;
            String n = m.group(1);
            int v = n.charAt(0) <= '9' ? Integer.parseInt(n) : Numerals.parseSmall(n);
            if (v <= 0 || !opensTitle(s, m.end())) return null;
            int rank = switch (m.group(2)) {
                case "章" -> CHAPTER;
                case "节" -> SECTION;
                default -> PART;
            };
            return new Marker(rank, n, v, m.end());
        }
        int v = signValue(c);
        if (v > 0) {
            m = ms.afterSign.reset(s);
            m.region(1, s.length());
            int end = m.lookingAt() ? m.end() : 1;
            if (!opensTitle(s, end)) return null;
            return new Marker(signRank(c), String.valueOf(v), v, end);
        }
        return null;
    }

    /** Value of a one-character number: ① ⑴ ⒈ (1–20), ㈠ (1–10); 0 for any other char. */
    static int signValue(char c) {
        if (c >= '\u2460' && c <= '\u249B') return (c - 0x2460) % 20 + 1;
        if (c >= '\u3220' && c <= '\u3229') return c - 0x3220 + 1;
        return 0;
    }

    /** ⒈ numbers like 1., ㈠ like (一), ① and ⑴ like (1). */
    private static int signRank(char c) {
        if (c >= '\u2488' && c <= '\u249B') return L3;
        if (c >= '\u3220') return L2;
        return L4;
    }

    private static Marker chinese(int rank, Matcher m, CharSequence s) {
        int v = Numerals.parseSmall(m.group(1));
        if (v <= 0) return null;
        if (!opensTitle(s, m.end())) return null;
        return new Marker(rank, m.group(1), v, m.end());
    }

    private static Marker arabic(int rank, Matcher m, String digits, CharSequence s) {
        if (digits == null) return null;
        int v = Integer.parseInt(digits);
        if (v <= 0 || v > MAX_ARABIC) return null;
        if (!opensTitle(s, m.end())) return null;
        return new Marker(rank, digits, v, m.end());
    }

    /** A title starts with a letter, a Han character, an opening quote or bracket; not a unit or sign. */
    private static boolean opensTitle(CharSequence s, int at) {
        if (at >= s.length()) return true; // bare number: the title may be on the next line
        char c = s.charAt(at);
        if (c == '%' || c == '‰' || c == ')' || c == ']' || c == '-' || c == '~' || c == '/' || c == '.') return false;
        return Character.isLetterOrDigit(c) || "“\"‘'《〈「『【([".indexOf(c) >= 0;
    }
}
