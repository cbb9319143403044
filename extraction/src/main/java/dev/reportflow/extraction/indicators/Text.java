package dev.reportflow.extraction.indicators;

/** Allocation-free char-array helpers used on the scanner's hot path. */
final class Text {
    private Text() {}

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
        return c == '。' || c == '！' || c == '？' || c == '!' || c == '?' || c == '\n' || c == '\r';
    }

    /** Ends a clause (a sentence end, or ，；：、 and their ASCII forms). */
    static boolean isClauseEnd(char c) {
        return isSentenceEnd(c) || c == '，' || c == ',' || c == '；' || c == ';' || c == '：' || c == ':' || c == '、';
    }
}
