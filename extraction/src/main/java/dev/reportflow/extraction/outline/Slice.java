package dev.reportflow.extraction.outline;

/**
 * A read-only view of {@code s[from, to)} that copies nothing: the heading matcher is tried after
 * every sentence break, and a substring to the end of a long line each time was most of what the
 * outline parser allocated. Only the few chars a pattern reads are touched.
 */
final class Slice implements CharSequence {
    private final String s;
    private final int from;
    private final int to;

    Slice(String s, int from, int to) {
        if (from < 0 || from > to || to > s.length()) throw new IndexOutOfBoundsException(from + ".." + to);
        this.s = s;
        this.from = from;
        this.to = to;
    }

    String source() {
        return s;
    }

    int from() {
        return from;
    }

    int to() {
        return to;
    }

    @Override
    public int length() {
        return to - from;
    }

    @Override
    public char charAt(int index) {
        if (index < 0 || index >= to - from) throw new IndexOutOfBoundsException(index);
        return s.charAt(from + index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        if (start < 0 || start > end || end > to - from) throw new IndexOutOfBoundsException(start + ".." + end);
        return s.substring(from + start, from + end);
    }

    @Override
    public String toString() {
        return s.substring(from, to);
    }
}
