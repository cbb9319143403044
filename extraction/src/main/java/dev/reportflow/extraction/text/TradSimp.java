package dev.reportflow.extraction.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Traditional → simplified for single characters, from the vendored OpenCC table
 * {@code tradsimp.txt} (see NOTICE-tradsimp.md beside it). One char to one char, so offsets hold.
 */
final class TradSimp {
    private TradSimp() {}

    private static final String RESOURCE = "/dev/reportflow/extraction/text/tradsimp.txt";
    /** A direct table over the BMP's CJK blocks: cheap enough (≈ 50k chars) and branch-free. */
    private static final int BASE = 0x3400;

    private static final char[] TABLE = load();
    /** Which chars of the table map to another (3.4 KB, stays in cache; most chars don't). */
    private static final long[] MAPPED = mapped();

    private static long[] mapped() {
        long[] m = new long[(TABLE.length >>> 6) + 1];
        for (int i = 0; i < TABLE.length; i++) if (TABLE[i] != BASE + i) m[i >>> 6] |= 1L << i;
        return m;
    }

    private static char[] load() {
        char[] table = new char[0xA000 - BASE];
        for (int i = 0; i < table.length; i++) table[i] = (char) (BASE + i);
        try (InputStream in = TradSimp.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty() || line.startsWith("#")) continue;
                if (line.length() != 2) throw new IllegalStateException("bad line in " + RESOURCE + ": " + line);
                char t = line.charAt(0);
                if (t >= BASE && t < 0xA000) table[t - BASE] = line.charAt(1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return table;
    }

    static char simplify(char c) {
        int i = c - BASE;
        return i >= 0 && i < TABLE.length && (MAPPED[i >>> 6] & (1L << i)) != 0 ? TABLE[i] : c;
    }

    /** Replaces every traditional char of {@code table}'s entries for U+3400..U+9FFF by its simplified form. */
    static void simplifyAll(char[] table) {
        for (int i = 0; i < TABLE.length; i++) if (TABLE[i] != BASE + i) table[BASE + i] = TABLE[i];
    }

    /** Number of mapped characters, for tests. */
    static int size() {
        int n = 0;
        for (int i = 0; i < TABLE.length; i++) if (TABLE[i] != BASE + i) n++;
        return n;
    }
}
