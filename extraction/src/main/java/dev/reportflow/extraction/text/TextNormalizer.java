package dev.reportflow.extraction.text;

/**
 * Offset-preserving normalisation: every char maps to exactly one char, so an index into the
 * normalised text is the same index into the decoded text (indicators and sections report offsets
 * into the decoded text while the parsers match on the normalised one).
 *
 * <ul>
 *   <li>full-width ASCII forms (U+FF01..U+FF5E: ０-９ Ａ-Ｚ ％ （ ） ． ， ： ；…) become ASCII;</li>
 *   <li>ideographic space U+3000, no-break space U+00A0, zero-width space U+200B and a stray
 *       U+FEFF become a plain space;</li>
 *   <li>carriage return, U+2028 and U+2029 become {@code '\n'} (so CR LF reads as an empty line,
 *       and old Mac CR-only files still split into lines);</li>
 *   <li>traditional characters with a one-to-one simplified form become simplified (萬→万, 區→区);
 *       table in {@code tradsimp.txt} (OpenCC, see NOTICE-tradsimp.md).</li>
 * </ul>
 * Everything else, including 。、 “” 《》 and Chinese numerals, is left as it is.
 */
public final class TextNormalizer {
    private TextNormalizer() {}

    /**
     * Marks a soft line break in a normalised text (U+2060 WORD JOINER, invisible): a hard-wrapped
     * line break inside a sentence, and any page footer and blank lines around it, are replaced by
     * this char one for one, so offsets hold. Scanners read across it as if it were absent. See
     * {@code Outline.withSoftBreaks}. The normaliser leaves a word joiner in the input as it is: it
     * joins too.
     */
    public static final char SOFT_BREAK = '\u2060';

    public static String normalize(String text) {
        if (text == null) return null;
        int len = text.length();
        // array reads beat charAt in this per-char loop; the array is per thread (a report-sized
        // char[] of garbage per report otherwise), the String made from it is the one copy kept
        char[] a = CharScratch.NORMALISE.get().chars(len);
        text.getChars(0, len, a, 0);
        final char[] table = MAP;
        int changed = 0;
        for (int i = 0; i < len; i++) {
            char c = a[i];
            char n = table[c];
            a[i] = n;
            changed |= n ^ c;
        }
        return changed != 0 ? new String(a, 0, len) : text;
    }

    /*
     * map() for every char, read without a branch (round 9): map()'s range tests split on CJK,
     * ASCII and full-width punctuation, which alternate in prose, and mispredicted on most
     * punctuation. The loads do not depend on one another, so the table's cache misses overlap.
     */
    private static final char[] MAP = new char[1 << 16];

    static {
        // built from the rules, not by calling map(): 65,536 calls here would become map()'s branch
        // profile, and the JIT would compile the outline's calls of map() for it (outline 22 -> 30 µs)
        for (int c = 0; c < MAP.length; c++) MAP[c] = (char) c;
        for (int c = 0xFF01; c <= 0xFF5E; c++) MAP[c] = (char) (c - 0xFF01 + 0x21);
        for (char c : new char[] {0x3000, 0x00A0, 0x200B, 0xFEFF}) MAP[c] = ' ';
        for (char c : new char[] {'\r', 0x2028, 0x2029}) MAP[c] = '\n';
        TradSimp.simplifyAll(MAP);
    }

    /** The table {@link #normalize} reads, for one char (tests compare it with {@link #map}). */
    static char mapped(char c) {
        return MAP[c];
    }

    /** The plain definition of {@link #normalize} (tests): {@link #map} applied to every char. */
    static String normalizePlain(String text) {
        if (text == null) return null;
        char[] a = text.toCharArray();
        for (int i = 0; i < a.length; i++) a[i] = map(a[i]);
        return new String(a);
    }

    /** The normalised form of one char (the identity for most). */
    public static char map(char c) {
        // CJK ideographs first: most chars of a report, only the trad/simp table applies to them
        if (c >= 0x3400 && c < 0xA000) return TradSimp.simplify(c);
        if (c < 0x80) return c == '\r' ? '\n' : c;
        if (c >= 0xFF01 && c <= 0xFF5E) return (char) (c - 0xFF01 + 0x21);
        if (c == 0x3000 || c == 0x00A0 || c == 0x200B || c == 0xFEFF) return ' ';
        if (c == 0x2028 || c == 0x2029) return '\n';
        return TradSimp.simplify(c);
    }
}
