package dev.reportflow.extraction.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reportflow.extraction.ExtractionException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The fast paths of decoding and normalising (a per-thread strict UTF-8 decoder and buffer,
 * the bitmap in front of the traditional → simplified table) agree with the plain definitions.
 */
class FastPathPropertiesTest {
    private final TextDecoder decoder = new TextDecoder();

    @Provide
    Arbitrary<byte[]> utf8ish() {
        // valid UTF-8 of mixed scripts, then a few bytes flipped (malformed, overlong, surrogates…)
        Arbitrary<String> text = Arbitraries.strings().withCharRange('\u0020', '\u007e').withCharRange('\u4e00', '\u9fff')
                .withCharRange('\ud800', '\udfff').withChars('\n', '\r', '\ufffd', '\uff10', '。', '\u0001', '\u0000', '\u007f', '\u0085', '\u009f', '\u00a0', '\t', '\f').ofMaxLength(40);
        return text.flatMap(t -> {
            byte[] b = t.getBytes(StandardCharsets.UTF_8);
            if (b.length == 0) return Arbitraries.just(b);
            return Arbitraries.integers().between(0, 3).flatMap(flips -> Arbitraries.integers().between(0, b.length - 1)
                    .list().ofSize(flips).flatMap(at -> Arbitraries.integers().between(0, 255).list().ofSize(flips).map(v -> {
                        byte[] c = b.clone();
                        for (int k = 0; k < flips; k++) c[at.get(k)] = (byte) (int) v.get(k);
                        return c;
                    })));
        });
    }

    /** The per-thread decoder and buffer (left holding a longer input) answer like a fresh strict decode. */
    @Property(tries = 1000)
    void pooledUtf8StepAgreesWithThePlainOne(@ForAll("utf8ish") byte[] before, @ForAll("utf8ish") byte[] raw) {
        byte[] longer = new byte[before.length * 3];
        for (int k = 0; k < 3; k++) System.arraycopy(before, 0, longer, k * before.length, before.length);
        TextDecoder.plausibleUtf8(longer);
        assertThat(TextDecoder.plausibleUtf8(raw)).isEqualTo(TextDecoder.plausibleUtf8Plain(raw));
    }

    @Provide
    Arbitrary<String> mixedText() {
        return Arbitraries.strings().withCharRange('\u0020', '\u007e').withCharRange('\u4e00', '\u9fff')
                .withCharRange('\uff01', '\uff5e').withChars('\n', '\r', '\u3000', '\u00a0', '\u2028', '\ufeff', '\u2060', '們', '國', '為')
                .ofMaxLength(60);
    }

    /** The per-thread array of normalize (left holding a longer text) gives the plain per-char mapping. */
    @Property(tries = 1000)
    void pooledNormaliseAgreesWithThePlainOne(@ForAll("mixedText") String before, @ForAll("mixedText") String text) {
        TextNormalizer.normalize(before.repeat(3) + "們");
        assertThat(TextNormalizer.normalize(text)).isEqualTo(TextNormalizer.normalizePlain(text));
    }

    /** The branch-free table normalize reads (round 9) is map() for every char, and so is normalize over all of them. */
    @Test
    void normaliseTableIsMapForEveryChar() {
        char[] all = new char[Character.MAX_VALUE + 1];
        int differ = 0;
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            assertThat(TextNormalizer.mapped((char) c)).as("U+%04X", c).isEqualTo(TextNormalizer.map((char) c));
            if (TextNormalizer.map((char) c) != c) differ++;
            all[c] = (char) c;
        }
        assertThat(differ).as("chars that change").isGreaterThan(2000);
        String text = new String(all);
        assertThat(TextNormalizer.normalize(text)).isEqualTo(TextNormalizer.normalizePlain(text));
        // an unchanged text comes back as it is
        String plain = "法治政府建设2023年";
        assertThat(TextNormalizer.normalize(plain)).isSameAs(plain);
    }

    @Test
    void normaliseAgreesWithThePlainOneAcrossTheBufferSize() {
        // the per-thread array starts at 16K chars: longer texts grow it, shorter ones reuse it
        for (int len : new int[] {(1 << 14) - 1, 1 << 14, (1 << 14) + 1, 40_000, 7, 0, 3 * (1 << 14)}) {
            StringBuilder b = new StringBuilder(len);
            for (int i = 0; i < len; i++) b.append(i % 5 == 0 ? '國' : i % 7 == 0 ? '\uff11' : (char) ('\u4e00' + i % 900));
            String text = b.toString();
            assertThat(TextNormalizer.normalize(text)).isEqualTo(TextNormalizer.normalizePlain(text));
        }
    }

    @Property(tries = 1000)
    void utf8IsDecodedExactlyWhenStrictUtf8AcceptsIt(@ForAll("utf8ish") byte[] raw) {
        String strict = strictUtf8(raw);
        TextDecoder.Decoded d;
        try {
            d = decoder.decode(raw);
        } catch (ExtractionException e) {
            d = null;
        }
        boolean bom = raw.length >= 2 && ((raw[0] & 0xFF) == 0xFF && (raw[1] & 0xFF) == 0xFE
                || (raw[0] & 0xFF) == 0xFE && (raw[1] & 0xFF) == 0xFF || raw.length >= 3 && (raw[0] & 0xFF) == 0xEF
                && (raw[1] & 0xFF) == 0xBB && (raw[2] & 0xFF) == 0xBF);
        if (bom) return; // decided by the mark, not by this path
        if (d != null && d.encoding().equals(TextDecoder.UTF_8)) {
            assertThat(strict).isNotNull();
            assertThat(d.text()).isEqualTo(TextDecoder.unixLineEndings(strict));
        } else {
            // not taken as UTF-8: strict UTF-8 refused it, or it was blank or binary-looking
            assertThat(strict == null || strict.isBlank() || strict.indexOf('\0') >= 0 || hasControls(strict)).isTrue();
        }
    }

    @Test
    void simplifyAgreesWithTheTableFileForEveryChar() throws Exception {
        java.util.Map<Character, Character> table = new java.util.HashMap<>();
        try (var in = TradSimp.class.getResourceAsStream("/dev/reportflow/extraction/text/tradsimp.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.length() == 2 && !line.startsWith("#") && line.charAt(0) >= 0x3400 && line.charAt(0) < 0xA000) {
                    table.put(line.charAt(0), line.charAt(1));
                }
            }
        }
        assertThat(table).hasSizeGreaterThan(1000);
        for (int c = 0; c <= 0xFFFF; c++) {
            assertThat(TradSimp.simplify((char) c)).as("U+%04X", c).isEqualTo(table.getOrDefault((char) c, (char) c));
        }
    }

    @Test
    void digitTableAnswersLikeTheListForEveryChar() {
        String digits = "〇一二三四五六七八九";
        for (int c = 0; c <= 0xFFFF; c++) {
            char ch = (char) c;
            int expected = ch == '零' || ch == 'Ｏ' || ch == 'O' ? 0 : ch == '两' ? 2 : digits.indexOf(ch);
            assertThat(Numerals.digit(ch)).as("U+%04X", c).isEqualTo(expected);
        }
    }

    @Test
    void charTableKeepsEveryKeyAndAnswersAbsentForOthers() {
        StringBuilder keys = new StringBuilder();
        for (char c = '\u4e00'; keys.length() < 300; c += 7) keys.append(c); // enough to collide and wrap
        Object[] pairs = new Object[keys.length() * 2];
        for (int i = 0; i < keys.length(); i++) {
            pairs[2 * i] = String.valueOf(keys.charAt(i));
            pairs[2 * i + 1] = i;
        }
        CharTable t = new CharTable(-7, pairs);
        for (int c = 0; c <= 0xFFFF; c++) {
            int i = keys.indexOf(String.valueOf((char) c));
            assertThat(t.get((char) c)).isEqualTo(i >= 0 ? i : -7);
        }
    }

    private static boolean hasControls(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' || c >= 0x7F && c < 0xA0) return true;
        }
        return false;
    }

    private static String strictUtf8(byte[] raw) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
