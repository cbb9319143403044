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
     * One Matcher per pattern, reset for each question: creating them (with their group arrays)
     * for every candidate position cost more than the matching. Per thread: a Matcher is not
     * thread-safe. No caller keeps a Matcher past the {@link #match} call that used it.
     */
    static final class Matchers {
        final Matcher l1 = L1_P.matcher(""), l2 = L2_P.matcher(""), l3 = L3_P.matcher(""), l4 = L4_P.matcher(""),
                l5 = L5_P.matcher(""), outer = OUTER_P.matcher(""), afterSign = AFTER_SIGN.matcher("");
    }

    private static final ThreadLocal<Matchers> MATCHERS = ThreadLocal.withInitial(Matchers::new);

    /** The heading marker at the start of {@code s}, or null. */
    static Marker match(CharSequence s) {
        return match(s, MATCHERS.get());
    }

    /** {@link #match(CharSequence)} with these matchers (tests: fresh ones are the plain definition). */
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
