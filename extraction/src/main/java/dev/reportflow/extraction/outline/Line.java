package dev.reportflow.extraction.outline;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One line of the normalised text. {@code start}/{@code end} bound the line without its newline;
 * {@code from}/{@code to} bound its content without leading and trailing blanks.
 *
 * <p>A line of {@link #split} is offsets into the text it was split from: its {@link #content()}
 * String is made on first use, so the lines nobody reads as a String (most prose lines: layout
 * and outline look at them through offsets) cost no copy. Safe to share between threads: the
 * content is immutable and at worst made twice.
 */
public final class Line {
    private final int index, start, end, from, to;
    /** the text the offsets point into, when the content is made on demand */
    private final String src;
    private String content;

    public Line(int index, int start, int end, int from, int to, String content) {
        this(index, start, end, from, to, null, Objects.requireNonNull(content));
    }

    private Line(int index, int start, int end, int from, int to, String src, String content) {
        this.index = index;
        this.start = start;
        this.end = end;
        this.from = from;
        this.to = to;
        this.src = src;
        this.content = content;
    }

    public int index() {
        return index;
    }

    public int start() {
        return start;
    }

    public int end() {
        return end;
    }

    public int from() {
        return from;
    }

    public int to() {
        return to;
    }

    /** The content, {@code norm.substring(from, to)} for a line of {@link #split}. */
    public String content() {
        String c = content;
        if (c == null) content = c = src.substring(from, to);
        return c;
    }

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
            out.add(new Line(out.size(), start, end, from, to, norm, null));
            if (nl < 0) break;
            start = nl + 1;
        }
        return out;
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\f' || c == '\u000B' || Character.isSpaceChar(c);
    }

    // value semantics of the record this class was
    @Override
    public boolean equals(Object o) {
        return o instanceof Line l && index == l.index && start == l.start && end == l.end && from == l.from
                && to == l.to && content().equals(l.content());
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, start, end, from, to, content());
    }

    @Override
    public String toString() {
        return "Line[index=" + index + ", start=" + start + ", end=" + end + ", from=" + from + ", to=" + to
                + ", content=" + content() + "]";
    }
}
