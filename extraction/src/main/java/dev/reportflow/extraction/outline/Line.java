package dev.reportflow.extraction.outline;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of the normalised text. {@code start}/{@code end} bound the line without its newline;
 * {@code from}/{@code to} bound its content without leading and trailing blanks.
 */
public record Line(int index, int start, int end, int from, int to, String content) {

    public boolean blank() {
        return from >= to;
    }

    /** Lines of {@code norm} ('\n'-separated; the normaliser turns CR into '\n'). */
    public static List<Line> split(String norm) {
        List<Line> out = new ArrayList<>();
        int start = 0, n = norm.length();
        while (start <= n) {
            int nl = norm.indexOf('\n', start);
            int end = nl < 0 ? n : nl;
            int from = start, to = end;
            while (from < to && isBlank(norm.charAt(from))) from++;
            while (to > from && isBlank(norm.charAt(to - 1))) to--;
            out.add(new Line(out.size(), start, end, from, to, norm.substring(from, to)));
            if (nl < 0) break;
            start = nl + 1;
        }
        return out;
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\f' || c == '\u000B' || Character.isSpaceChar(c);
    }
}
