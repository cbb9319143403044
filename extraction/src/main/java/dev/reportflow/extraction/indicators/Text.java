package dev.reportflow.extraction.indicators;

/** Allocation-free char-array helpers used on the scanner's hot path. */
final class Text {
    private Text() {}

    /**
     * A soft line break in a normalised text (U+2060 WORD JOINER, the outline's
     * {@code TextNormalizer.SOFT_BREAK}): a hard-wrapped line break inside a sentence, replaced
     * one for one. The indicator scan reads across it as if it were absent.
     */
    static final char SOFT_BREAK = '\u2060';

    /** Char classes, one table lookup per char on the hot path. */
    static final int DIGIT = 1, NUMERAL = 2, CLAUSE_END = 4, SENTENCE_END = 8, BRACKET = 16;

    private static final byte[] CLASS = new byte[1 << 16];

    static {
        for (char c = '0'; c <= '9'; c++) CLASS[c] |= DIGIT;
        for (char c : "零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟".toCharArray()) CLASS[c] |= NUMERAL;
        for (char c : "，,；;：:、".toCharArray()) CLASS[c] |= CLAUSE_END;
        for (char c : "。！？!?\n\r".toCharArray()) CLASS[c] |= CLAUSE_END | SENTENCE_END;
        for (char c : "《》“”「」『』‘’\"".toCharArray()) CLASS[c] |= BRACKET;
    }

    static int charClass(char c) {
        return CLASS[c];
    }

    static boolean startsWith(char[] s, int pos, int end, String w) {
        int len = w.length();
        if (pos < 0 || pos + len > end) return false;
        for (int k = 0; k < len; k++) if (s[pos + k] != w.charAt(k)) return false;
        return true;
    }

    /** True when the text just before {@code pos} (not before {@code floor}) ends with {@code w}. */
    static boolean endsWith(char[] s, int pos, int floor, String w) {
        int st = pos - w.length();
        return st >= floor && startsWith(s, st, pos, w);
    }

    /**
     * A word list with a 64-bit filter of its first and last chars (char mod 64), so that most
     * positions are rejected by one AND before any word is compared.
     */
    static final class Words {
        final String[] list;
        private final long first;
        private final long last;

        Words(String[] list) {
            this.list = list;
            long f = 0, l = 0;
            for (String w : list) {
                f |= 1L << w.charAt(0);
                l |= 1L << w.charAt(w.length() - 1);
            }
            first = f;
            last = l;
        }
    }

    /** Like {@link #startsWithAny(char[], int, int, String[])}, first-char filtered. */
    static String startsWithAny(char[] s, int pos, int end, Words words) {
        if (pos < 0 || pos >= end || pos >= s.length || (words.first & (1L << s[pos])) == 0) return null;
        return startsWithAny(s, pos, end, words.list);
    }

    /** Like {@link #endsWithAny(char[], int, int, String[])}, last-char filtered. */
    static String endsWithAny(char[] s, int pos, int floor, Words words) {
        if (pos - 1 < floor || pos - 1 < 0 || pos > s.length || (words.last & (1L << s[pos - 1])) == 0) return null;
        return endsWithAny(s, pos, floor, words.list);
    }

    /** The longest of {@code words} that the text at {@code pos} starts with, or null. */
    static String startsWithAny(char[] s, int pos, int end, String[] words) {
        String best = null;
        for (String w : words) {
            if ((best == null || w.length() > best.length()) && startsWith(s, pos, end, w)) best = w;
        }
        return best;
    }

    /** The longest of {@code words} that the text before {@code pos} ends with, or null. */
    static String endsWithAny(char[] s, int pos, int floor, String[] words) {
        String best = null;
        for (String w : words) {
            if ((best == null || w.length() > best.length()) && endsWith(s, pos, floor, w)) best = w;
        }
        return best;
    }

    static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\u3000' || c == '\u00a0';
    }

    /** Ends a sentence: 。！？ and line breaks. */
    static boolean isSentenceEnd(char c) {
        return (CLASS[c] & SENTENCE_END) != 0;
    }

    /** Ends a clause (a sentence end, or ，；：、 and their ASCII forms). */
    static boolean isClauseEnd(char c) {
        return (CLASS[c] & CLAUSE_END) != 0;
    }
}
