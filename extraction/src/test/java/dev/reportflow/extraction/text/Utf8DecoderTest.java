package dev.reportflow.extraction.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The hand-written strict UTF-8 decoder against its plain definition, the JDK's strict decoder. */
class Utf8DecoderTest {
    private static final CharsetDecoder JDK = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    /** The JDK's strict decoding, or null where it reports malformed input. */
    private static String jdk(byte[] raw) {
        try {
            return JDK.reset().decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static void assertAgrees(byte[] raw) {
        assertCountingAgrees(raw, jdk(raw));
    }

    /**
     * decodeUtf8Counting (round 10: decoding and the binary check in one pass) against the JDK's
     * strict decoding followed by the plain check: -1 for malformed input or a NUL, else the same
     * chars and the number of control chars that the plain check counts.
     */
    private static void assertCountingAgrees(byte[] raw, String expected) {
        char[] out = new char[raw.length];
        long r = TextDecoder.decodeUtf8Counting(raw, out);
        if (expected == null || expected.indexOf('\0') >= 0) {
            if (r != -1) assertThat(r).as("bytes %s", java.util.HexFormat.ofDelimiter(" ").formatHex(raw)).isEqualTo(-1L);
            return;
        }
        int controls = 0;
        for (int k = 0; k < expected.length(); k++) {
            char c = expected.charAt(k);
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') controls++;
            else if (c >= 0x7F && c < 0xA0) controls++;
        }
        if ((int) r != expected.length() || (int) (r >>> 32) != controls
                || !expected.equals(new String(out, 0, (int) r))) {
            assertThat(new String(out, 0, Math.max(0, (int) r)) + " / " + (r >>> 32)).as("bytes %s", java.util.HexFormat.ofDelimiter(" ").formatHex(raw))
                    .isEqualTo(expected + " / " + controls);
        }
    }

    /** Every boundary of table 3-7 (continuation ranges, leads, overlong and surrogate edges), plus ASCII. */
    private static final int[] EDGES = {0x00, 0x0A, 0x41, 0x7F, 0x80, 0x81, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1,
        0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF};

    @Example
    void everyOneAndTwoByteSequenceAndEveryThreeByteOneWithAThreeByteLead() {
        for (int a = 0; a < 256; a++) {
            assertAgrees(new byte[] {(byte) a});
            for (int b = 0; b < 256; b++) assertAgrees(new byte[] {(byte) a, (byte) b});
        }
        for (int a = 0xE0; a <= 0xEF; a++) {
            for (int b = 0; b < 256; b++) {
                for (int c = 0; c < 256; c++) assertAgrees(new byte[] {(byte) a, (byte) b, (byte) c});
            }
        }
    }

    @Example
    void everyLeadFollowedByEdgeBytes() {
        for (int a = 0; a < 256; a++) {
            for (int b : EDGES) {
                for (int c : EDGES) {
                    assertAgrees(new byte[] {(byte) a, (byte) b, (byte) c});
                    // after an ASCII run and before a CJK char: the fast loop hands over correctly
                    assertAgrees(new byte[] {'x', 'y', (byte) a, (byte) b, (byte) c, (byte) 0xE4, (byte) 0xB8, (byte) 0xAD});
                }
            }
        }
        // four bytes long: the edges and every four-byte lead (and F5-FF) in front
        for (int lead = 0; lead < 256; lead++) {
            final int a = lead;
            if (a < 0xF0 && java.util.Arrays.stream(EDGES).noneMatch(e -> e == a)) continue;
            for (int b : EDGES) {
                for (int c : EDGES) {
                    for (int d : EDGES) assertAgrees(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
                }
            }
        }
    }

    @Example
    void everySupplementaryLeadAndSecondByteWithValidTail() {
        for (int a = 0xF0; a <= 0xFF; a++) {
            for (int b = 0; b < 256; b++) {
                assertAgrees(new byte[] {(byte) a, (byte) b, (byte) 0x80, (byte) 0xBF});
                assertAgrees(new byte[] {(byte) a, (byte) b, (byte) 0x80}); // cut short by the end
            }
        }
    }

    @Example
    void sampleAndHeldOutFilesAndTheirTruncations() throws Exception {
        List<Path> files = dev.reportflow.extraction.ThreadScratch.sampleAndHeldOutFiles();
        int valid = 0;
        for (Path f : files) {
            byte[] raw = Files.readAllBytes(f);
            assertAgrees(raw);
            if (TextDecoder.decodeUtf8Counting(raw, new char[raw.length]) >= 0) valid++; // some held-out texts are GB18030 or carry a mark
            for (int cut = 1; cut <= 4 && cut < raw.length; cut++) {
                assertAgrees(java.util.Arrays.copyOf(raw, raw.length - cut));
            }
        }
        assertThat(valid).isGreaterThanOrEqualTo(5);
    }

    @Provide
    Arbitrary<byte[]> anyBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
    }

    @Provide
    Arbitrary<byte[]> textWithFlips() {
        // valid UTF-8 of all planes, then a few bytes replaced (malformed, overlong, surrogates, truncations)
        Arbitrary<String> text = Arbitraries.strings().withCharRange('\u0000', '\u007f').withCharRange('\u0080', '\u07ff')
                .withCharRange('\u4e00', '\u9fff').withCharRange('\ud800', '\udfff').withCharRange('\ue000', '\uffff')
                .ofMaxLength(40);
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

    @Property(tries = 2000)
    void anyBytesDecodeAsTheJdkDecodesThem(@ForAll("anyBytes") byte[] raw) {
        assertAgrees(raw);
    }

    @Property(tries = 2000)
    void textWithFlippedBytesDecodesAsTheJdkDecodesIt(@ForAll("textWithFlips") byte[] raw) {
        assertAgrees(raw);
    }
}
