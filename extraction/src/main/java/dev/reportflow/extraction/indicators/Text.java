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

    /*
     * Two-level table (a 64 KB one missed the cache on most CJK chars): PAGE maps the high byte of
     * a char to one of the few 256-char pages that hold a classed char (page 0 is all zeros).
     */
    private static final byte[] PAGE = new byte[256];
    private static final byte[] CLASS;

    static {
        byte[] flat = new byte[1 << 16];
        for (char c = '0'; c <= '9'; c++) flat[c] |= DIGIT;
        for (char c : "零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟".toCharArray()) flat[c] |= NUMERAL;
        for (char c : "，,；;：:、".toCharArray()) flat[c] |= CLAUSE_END;
        for (char c : "。！？!?\n\r".toCharArray()) flat[c] |= CLAUSE_END | SENTENCE_END;
        for (char c : "《》“”「」『』‘’\"".toCharArray()) flat[c] |= BRACKET;
        int pages = 1;
        for (int p = 0; p < 256; p++) {
            for (int k = 0; k < 256; k++) {
                if (flat[(p << 8) | k] != 0) {
                    PAGE[p] = (byte) pages++;
                    break;
                }
            }
        }
        CLASS = new byte[pages << 8];
        for (int c = 0; c < flat.length; c++) if (flat[c] != 0) CLASS[((PAGE[c >>> 8] & 0xFF) << 8) | (c & 0xFF)] = flat[c];
    }

    static int charClass(char c) {
        return CLASS[((PAGE[c >>> 8] & 0xFF) << 8) | (c & 0xFF)];
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
     * A word list bucketed by its words' first and last chars (char mod 64), so a lookup compares
     * only the words that can match there (most positions: none), in list order.
     */
    static final class Words {
        final String[] list;
        private final String[][] byFirst = new String[64][];
        private final String[][] byLast = new String[64][];
        /** the first (last) char of each word of a bucket: the others are skipped without a text compare */
        private final char[][] firstChars = new char[64][];
        private final char[][] lastChars = new char[64][];

        Words(String[] list) {
            this.list = list;
            for (String w : list) {
                byFirst[w.charAt(0) & 63] = add(byFirst[w.charAt(0) & 63], w);
                byLast[w.charAt(w.length() - 1) & 63] = add(byLast[w.charAt(w.length() - 1) & 63], w);
            }
            for (int b = 0; b < 64; b++) {
                if (byFirst[b] != null) {
                    firstChars[b] = new char[byFirst[b].length];
                    for (int k = 0; k < byFirst[b].length; k++) firstChars[b][k] = byFirst[b][k].charAt(0);
                }
                if (byLast[b] != null) {
                    lastChars[b] = new char[byLast[b].length];
                    for (int k = 0; k < byLast[b].length; k++) lastChars[b][k] = byLast[b][k].charAt(byLast[b][k].length() - 1);
                }
            }
        }

        /** The words that may start with {@code c} (a superset), or null. */
        String[] startingWith(char c) {
            return byFirst[c & 63];
        }

        private static String[] add(String[] a, String w) {
            if (a == null) return new String[] {w};
            String[] b = java.util.Arrays.copyOf(a, a.length + 1);
            b[a.length] = w;
            return b;
        }
    }

    /** Like {@link #startsWithAny(char[], int, int, String[])}: same answer, fewer words compared. */
    static String startsWithAny(char[] s, int pos, int end, Words words) {
        if (pos < 0 || pos >= end || pos >= s.length) return null;
        char c = s[pos];
        String[] b = words.byFirst[c & 63];
        if (b == null) return null;
        char[] f = words.firstChars[c & 63];
        String best = null;
        for (int k = 0; k < b.length; k++) {
            String w = b[k];
            if (f[k] == c && (best == null || w.length() > best.length()) && startsWith(s, pos, end, w)) best = w;
        }
        return best;
    }

    /** Like {@link #endsWithAny(char[], int, int, String[])}: same answer, fewer words compared. */
    static String endsWithAny(char[] s, int pos, int floor, Words words) {
        if (pos - 1 < floor || pos - 1 < 0 || pos > s.length) return null;
        char c = s[pos - 1];
        String[] b = words.byLast[c & 63];
        if (b == null) return null;
        char[] l = words.lastChars[c & 63];
        String best = null;
        for (int k = 0; k < b.length; k++) {
            String w = b[k];
            if (l[k] == c && (best == null || w.length() > best.length()) && endsWith(s, pos, floor, w)) best = w;
        }
        return best;
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
        return (charClass(c) & SENTENCE_END) != 0;
    }

    /** Ends a clause (a sentence end, or ，；：、 and their ASCII forms). */
    static boolean isClauseEnd(char c) {
        return (charClass(c) & CLAUSE_END) != 0;
    }
}
