package dev.reportflow.extraction.text;

/**
 * A small immutable map from chars to ints for hot per-char lookups: open addressing over a
 * power-of-two table at most a quarter full, so it stays in the L1 cache and most chars are
 * answered by one probe of an empty slot. It replaces {@code switch} statements over scattered CJK
 * chars (compiled to chains of compares, mispredicted on prose) and 64K-entry tables (a cache miss
 * on most CJK chars).
 */
public final class CharTable {
    private final char[] keys;
    private final int[] vals;
    private final int mask;
    private final int absent;

    /** @param pairs alternating chars and values; {@code absent} is the answer for any other char */
    public CharTable(int absent, Object... pairs) {
        int n = pairs.length / 2;
        int cap = 16;
        while (cap < n * 4) cap <<= 1;
        keys = new char[cap];
        vals = new int[cap];
        mask = cap - 1;
        this.absent = absent;
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            String cs = pairs[i].toString();
            int v = (Integer) pairs[i + 1];
            for (int k = 0; k < cs.length(); k++) put(cs.charAt(k), v);
        }
    }

    private void put(char c, int v) {
        if (c == 0) throw new IllegalArgumentException("NUL is not a key");
        int h = slot(c);
        while (keys[h] != 0 && keys[h] != c) h = (h + 1) & mask;
        keys[h] = c;
        vals[h] = v;
    }

    private int slot(char c) {
        return ((c * 0x9E3779B1) >>> 16) & mask;
    }

    public int get(char c) {
        int h = slot(c);
        while (true) {
            char k = keys[h];
            if (k == 0) return absent;
            if (k == c) return vals[h];
            h = (h + 1) & mask;
        }
    }
}
