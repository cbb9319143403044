package dev.reportflow.extraction.text;

/**
 * A char array kept per thread for one per-report step that copies the text into an array only to
 * read it (not thread-safe; one per step, so steps do not hand each other's buffers around). Arrays
 * above {@link #KEEP_CHARS} are not kept: one huge report must not pin its buffer in every worker.
 */
public final class CharScratch {
    /** buffers above this many chars are not kept between reports */
    public static final int KEEP_CHARS = 1 << 20;

    /** {@link TextNormalizer#normalize}'s copy of the text */
    static final ThreadLocal<CharScratch> NORMALISE = ThreadLocal.withInitial(CharScratch::new);

    private char[] buf = new char[1 << 14];

    /** An array of at least {@code n} chars, contents undefined; valid until this thread's next call. */
    public char[] chars(int n) {
        if (n <= buf.length) return buf;
        if (n > KEEP_CHARS) return new char[n];
        return buf = new char[Math.max(n, Math.min(KEEP_CHARS, buf.length * 2))];
    }

    /** A new per-thread scratch (one per step that needs one). */
    public static ThreadLocal<CharScratch> perThread() {
        return ThreadLocal.withInitial(CharScratch::new);
    }
}
