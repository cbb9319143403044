package dev.reportflow.extraction.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reportflow.extraction.text.TextDecoder;
import dev.reportflow.extraction.text.TextNormalizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * {@code Grammar.unitAt} (bucketed, second char compared before the unit's String) answers what
 * its plain definition answers: every unit, longest first, compared in full.
 */
class UnitLookupTest {

    private static final Grammar G = Grammar.load(new ObjectMapper(), "grammar.json");

    @Property(tries = 300)
    void generatedTextsAtEveryPosition(@ForAll long seed) {
        Random rnd = new Random(seed);
        // chars of the units and their continuations, plus others, so near-misses are common
        String alphabet = "个次百分点工作日月季度年件事宗旨教家户人场部名万亿余多元项起条份所1234567890 文";
        int len = rnd.nextInt(12);
        char[] s = new char[len + rnd.nextInt(3)]; // a reused buffer may be longer than the text
        for (int k = 0; k < s.length; k++) s[k] = alphabet.charAt(rnd.nextInt(alphabet.length()));
        for (int p = 0; p <= len; p++) {
            assertThat(G.unitAt(s, p, len)).as("%s at %d of %d", new String(s), p, len).isEqualTo(G.unitAtPlain(s, p, len));
        }
    }

    @Example
    void everyPositionOfTheSampleAndHeldOutTexts() throws Exception {
        List<Path> files = dev.reportflow.extraction.ThreadScratch.sampleAndHeldOutFiles();
        int found = 0;
        for (Path f : files) {
            char[] s = TextNormalizer.normalize(new TextDecoder().decode(Files.readAllBytes(f)).text()).toCharArray();
            for (int p = 0; p < s.length; p++) {
                Grammar.Unit plain = G.unitAtPlain(s, p, s.length);
                assertThat(G.unitAt(s, p, s.length)).as("%s at %d", f, p).isEqualTo(plain);
                if (plain != null) found++;
            }
        }
        assertThat(found).as("units found").isGreaterThan(1000);
    }

    /**
     * notBefore words bucketed by first char (钟 and 也 share a bucket, 31 mod 64, as do A and
     * U+0081), and two-char words: the same answers as the plain loop over every word.
     */
    @Property(tries = 300)
    void notBeforeWordsOfAHandWrittenGrammar(@ForAll long seed) {
        Grammar g = Grammar.parse(new ObjectMapper(), """
                {"units": [
                  {"text": "分", "unit": "分", "kind": "count", "notBefore": ["钟", "也", "A", "\u0081", "之一", "之"]},
                  {"text": "个", "unit": "个", "kind": "count", "notBefore": ["人"]},
                  {"text": "项", "unit": "项", "kind": "count", "notBefore": ["目"]},
                  {"text": "分钟", "unit": "分钟", "kind": "duration"}
                ]}""");
        Random rnd = new Random(seed);
        String alphabet = "分钟也A\u0081之一个人项目x";
        int len = rnd.nextInt(10);
        char[] s = new char[len + rnd.nextInt(3)];
        for (int k = 0; k < s.length; k++) s[k] = alphabet.charAt(rnd.nextInt(alphabet.length()));
        for (int p = 0; p <= len; p++) {
            assertThat(g.unitAt(s, p, len)).as("%s at %d of %d", new String(s), p, len).isEqualTo(g.unitAtPlain(s, p, len));
        }
        assertThat(g.unitAt("项目".toCharArray(), 0, 2)).isNull();
        assertThat(g.unitAt("分之".toCharArray(), 0, 2)).isNull();
        assertThat(g.unitAt("分x".toCharArray(), 0, 2).unit()).isEqualTo("分");
    }
}
