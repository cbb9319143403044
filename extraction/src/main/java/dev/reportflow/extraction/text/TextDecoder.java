package dev.reportflow.extraction.text;

import dev.reportflow.extraction.ExtractionException;
import dev.reportflow.extraction.ExtractionException.Reason;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns a report's raw bytes into text, deciding the encoding in a fixed order:
 *
 * <ol>
 *   <li>UTF-8 byte-order mark: strict UTF-8 of the rest, reported as {@code "UTF-8-BOM"};</li>
 *   <li>UTF-16 byte-order mark (FF FE / FE FF): strict UTF-16, {@code "UTF-16LE"} / {@code "UTF-16BE"};</li>
 *   <li>strict UTF-8 (malformed input rejected), {@code "UTF-8"};</li>
 *   <li>UTF-16 without a mark, only when NUL bytes sit on one parity (ASCII in UTF-16),
 *       {@code "UTF-16LE"} / {@code "UTF-16BE"};</li>
 *   <li>strict GB18030 (a superset of GBK and GB2312), {@code "GB18030"}.</li>
 * </ol>
 *
 * A decoding that yields NUL or many other control characters is treated as wrong (binary data
 * decodes as ASCII or GB18030 surprisingly often). The byte-order mark is not part of the text, so
 * offset 0 is the first character after it.
 *
 * <p>Line endings are normalised: CR LF and a lone CR become LF. The decoded text, its length
 * ({@code report.chars}) and every offset refer to this form, which is also what a reader in text
 * mode (Python's universal newlines, Java's line readers) sees, so offsets agree across consumers.
 */
public final class TextDecoder {
    public static final String UTF_8 = "UTF-8";
    public static final String UTF_8_BOM = "UTF-8-BOM";
    public static final String UTF_16LE = "UTF-16LE";
    public static final String UTF_16BE = "UTF-16BE";
    public static final String GB18030 = "GB18030";

    /** Default size bound: far above any annual report, small enough to keep a worker safe. */
    public static final int DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

    private static final Charset GB = Charset.forName("GB18030");

    /** Text plus the name of the encoding it was decoded from. */
    public record Decoded(String text, String encoding) {}

    private final int maxBytes;

    public TextDecoder(int maxBytes) {
        if (maxBytes <= 0) throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        this.maxBytes = maxBytes;
    }

    public TextDecoder() {
        this(DEFAULT_MAX_BYTES);
    }

    public int maxBytes() {
        return maxBytes;
    }

    public Decoded decode(byte[] raw) throws ExtractionException {
        if (raw == null || raw.length == 0) throw new ExtractionException(Reason.EMPTY, "empty input");
        if (raw.length > maxBytes) {
            throw new ExtractionException(Reason.TOO_LARGE,
                    "input is " + raw.length + " bytes, more than the limit of " + maxBytes);
        }
        Decoded d = detect(raw);
        if (d == null) {
            throw new ExtractionException(Reason.UNDECODABLE,
                    "not valid UTF-8, UTF-16 (with byte-order mark) or GB18030 text, or binary data");
        }
        if (d.text().isBlank()) throw new ExtractionException(Reason.EMPTY, "no text (only blanks) after decoding");
        return new Decoded(unixLineEndings(d.text()), d.encoding());
    }

    private static Decoded detect(byte[] raw) {
        int n = raw.length;
        if (n >= 3 && (raw[0] & 0xFF) == 0xEF && (raw[1] & 0xFF) == 0xBB && (raw[2] & 0xFF) == 0xBF) {
            return plausible(strict(raw, 3, StandardCharsets.UTF_8), UTF_8_BOM);
        }
        if (n >= 2 && (raw[0] & 0xFF) == 0xFF && (raw[1] & 0xFF) == 0xFE) {
            return plausible(strict(raw, 2, StandardCharsets.UTF_16LE), UTF_16LE);
        }
        if (n >= 2 && (raw[0] & 0xFF) == 0xFE && (raw[1] & 0xFF) == 0xFF) {
            return plausible(strict(raw, 2, StandardCharsets.UTF_16BE), UTF_16BE);
        }
        Decoded d = plausibleUtf8(raw);
        if (d != null) return d;
        String utf16 = unmarkedUtf16(raw);
        if (utf16 != null) {
            d = plausible(strict(raw, 0, utf16.equals(UTF_16LE) ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE),
                    utf16);
            if (d != null) return d;
        }
        return plausible(strict(raw, 0, GB), GB18030);
    }

    /** CR LF → LF, then CR → LF. */
    static String unixLineEndings(String text) {
        if (text.indexOf('\r') < 0) return text;
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** UTF-16 without a mark shows as NUL bytes that all fall on the high byte of ASCII characters. */
    private static String unmarkedUtf16(byte[] raw) {
        if (raw.length % 2 != 0) return null;
        int even = 0, odd = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == 0) {
                if ((i & 1) == 0) even++;
                else odd++;
            }
        }
        int pairs = raw.length / 2;
        // at least 1% of the characters are ASCII and nearly all NULs sit on one side
        if (odd >= Math.max(1, pairs / 100) && even * 20 <= odd) return UTF_16LE;
        if (even >= Math.max(1, pairs / 100) && odd * 20 <= even) return UTF_16BE;
        return null;
    }

    /**
     * Strict UTF-8 without a mark, the most common case: decoded by {@link #decodeUtf8Counting} into a
     * per-thread char buffer, checked for binary-looking content while decoding (round 10), then
     * copied once into the String. The String(byte[], UTF_8) constructor used before round 5 first
     * tried Latin-1 and then a buffer twice the input's size; the JDK's CharsetDecoder (rounds 5-6) went through
     * ByteBuffer/CharBuffer bookkeeping on every multi-byte char.
     */
    static Decoded plausibleUtf8(byte[] raw) {
        char[] buf = UTF8.get().buffer(raw.length); // UTF-8 never yields more chars than bytes
        long r = decodeUtf8Counting(raw, buf);
        if (r < 0) return null;
        int n = (int) r, controls = (int) (r >>> 32);
        // plausible(String, String)'s test, without its own pass over the chars (round 10)
        if (controls > 0 && controls * 100L > n) return null;
        return new Decoded(new String(buf, 0, n), UTF_8);
    }

    /**
     * Strict UTF-8 of all of {@code raw} into {@code out} (at least {@code raw.length} long),
     * counting what {@link #plausible(String, String)} counts in the same pass (round 10; the check
     * was a second pass over the chars): the number of chars in the low 32 bits and of control chars
     * in the high ones, or -1 for malformed input or a NUL. Accepted are exactly the well-formed
     * sequences of Unicode's table 3-7: no stray continuation byte, no overlong form (C0, C1, E0
     * 80-9F, F0 80-8F), no surrogate (ED A0-BF), nothing above U+10FFFF (F4 90-BF, F5-FF), no
     * sequence cut short by the end or by a non-continuation byte. Every control char is ASCII
     * (below 0x20, 0x7F) or a two-byte sequence (U+0080..U+009F). {@code Utf8DecoderTest} checks it
     * against the JDK's strict decoder and the plain check (every 1-2 byte sequence, every 3-byte one
     * with a 3-byte lead, edge bytes after every lead, fuzzed and real texts).
     */
    static long decodeUtf8Counting(byte[] raw, char[] out) {
        int n = raw.length, i = 0, j = 0, controls = 0;
        // One flat loop, three-byte sequences (all of CJK) tested right after ASCII: an inner ASCII
        // loop and a lead-range ladder were 15 % slower on the samples.
        while (i < n) {
            int b = raw[i]; // signed: ASCII is >= 0, leads and continuations negative
            if (b >= 0) {
                if (b < 0x20 || b == 0x7F) {
                    if (b == 0) return -1;
                    if (b != '\n' && b != '\r' && b != '\t' && b != '\f') controls++;
                }
                out[j++] = (char) b;
                i++;
            } else if ((b & 0xF0) == 0xE0 && i + 2 < n) {
                int b1 = raw[i + 1], b2 = raw[i + 2];
                if (((b1 & 0xC0) | (b2 & 0xC0) << 8) != 0x8080) return -1; // both continuations
                int c = (b & 0x0F) << 12 | (b1 & 0x3F) << 6 | (b2 & 0x3F);
                // below U+0800 is an overlong E0 80-9F, a surrogate is ED A0-BF
                if (c < 0x800 || (c & 0xF800) == 0xD800) return -1;
                out[j++] = (char) c;
                i += 3;
            } else if (b >= -62 && b < -32 && i + 1 < n) { // C2-DF (C0, C1 would be overlong)
                int b1 = raw[i + 1];
                if ((b1 & 0xC0) != 0x80) return -1;
                int c = (b & 0x1F) << 6 | (b1 & 0x3F);
                if (c < 0xA0) controls++; // U+0080..U+009F (C2 80-9F)
                out[j++] = (char) c;
                i += 2;
            } else if (b >= -16 && b <= -12 && i + 3 < n) { // F0-F4
                int b1 = raw[i + 1] & 0xFF, b2 = raw[i + 2], b3 = raw[i + 3];
                // F0 80-8F would be overlong, F4 90-BF above U+10FFFF
                int lo = b == -16 ? 0x90 : 0x80, hi = b == -12 ? 0x8F : 0xBF;
                if (b1 < lo || b1 > hi || ((b2 & 0xC0) | (b3 & 0xC0) << 8) != 0x8080) return -1;
                int cp = (b & 0x07) << 18 | (b1 & 0x3F) << 12 | (b2 & 0x3F) << 6 | (b3 & 0x3F);
                out[j++] = Character.highSurrogate(cp);
                out[j++] = Character.lowSurrogate(cp);
                i += 4;
            } else {
                return -1; // a continuation without a lead, C0/C1, F5-FF, or a sequence cut by the end
            }
        }
        return (long) controls << 32 | j;
    }

    /** A char buffer per thread (not thread-safe). */
    private static final class Utf8Scratch {
        /** buffers above this many chars are not kept between reports */
        private static final int KEEP_CHARS = 1 << 20;
        private char[] buf = new char[1 << 14];

        char[] buffer(int chars) {
            if (chars <= buf.length) return buf;
            if (chars > KEEP_CHARS) return new char[chars];
            return buf = new char[chars];
        }
    }

    private static final ThreadLocal<Utf8Scratch> UTF8 = ThreadLocal.withInitial(Utf8Scratch::new);

    /** The plain definition of the UTF-8 step (tests): strict decoding, then the binary check. */
    static Decoded plausibleUtf8Plain(byte[] raw) {
        return plausible(strict(raw, 0, StandardCharsets.UTF_8), UTF_8);
    }

    private static String strict(byte[] raw, int offset, Charset cs) {
        try {
            CharBuffer cb = cs.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw, offset, raw.length - offset));
            return cb.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Rejects text that is most likely binary: any NUL, or more than 1 in 100 other control characters. */
    private static Decoded plausible(String text, String encoding) {
        if (text == null) return null;
        int controls = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) return null;
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') controls++;
            else if (c >= 0x7F && c < 0xA0) controls++;
        }
        if (controls > 0 && controls * 100 > text.length()) return null;
        return new Decoded(text, encoding);
    }
}
