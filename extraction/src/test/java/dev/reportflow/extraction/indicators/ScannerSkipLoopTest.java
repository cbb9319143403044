package dev.reportflow.extraction.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reportflow.extraction.text.TextDecoder;
import dev.reportflow.extraction.text.TextNormalizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The number scanner's {@code runMarked} visits only the chars of a class the keyword scan
 * listed: it finds the candidates and boundaries its plain definition ({@code runPlain}: every
 * char through the class test and the quote-close check) finds.
 */
class ScannerSkipLoopTest {

    private static final Grammar G = Grammar.load(new ObjectMapper(), "grammar.json");
    private static final KeywordAutomaton KW = IndicatorExtractor.withDefaults().keywords();

    @Example
    void everyQuoteCloseIsABracketChar() {
        // runMarked relies on it: a quote can only be closed by a char of a class
        for (char c : "”」』’\"".toCharArray()) assertThat(Text.charClass(c) & Text.BRACKET).as("%s", c).isNotZero();
    }

    @Property(tries = 400)
    void generatedTexts(@ForAll long seed) {
        Random rnd = new Random(seed);
        String[] parts = {"受理", "案件", "12", "件", "“", "”", "「", "」", "『", "』", "‘", "’", "\"", "《", "》", "，", "。", "\n",
            "、", "一是", "三十", "万元", "1.5", "%", "百分之", "余", "人次", "文", " ", "(", ")", "2023年"};
        StringBuilder b = new StringBuilder();
        int len = rnd.nextInt(40);
        for (int k = 0; k < len; k++) b.append(parts[rnd.nextInt(parts.length)]);
        assertSame(b.toString());
    }

    @Example
    void sampleAndHeldOutTexts() throws Exception {
        List<Path> files = dev.reportflow.extraction.ThreadScratch.sampleAndHeldOutFiles();
        int cands = 0;
        for (Path f : files) cands += assertSame(new TextDecoder().decode(Files.readAllBytes(f)).text());
        assertThat(cands).as("candidates").isGreaterThan(500);
    }

    private static int assertSame(String text) {
        char[] s = TextNormalizer.normalize(text).toCharArray();
        NumberScanner plain = scanner(s);
        plain.runPlain();
        // over the marks of the keyword scan: the hits are the plain scan's, the marks every char of a class
        KeywordAutomaton.Hits marked = KW.scanMarking(s, 0, s.length, new KeywordAutomaton.Hits(4));
        KeywordAutomaton.Hits hits = KW.scan(s, 0, s.length);
        assertThat(marked.size).isEqualTo(hits.size);
        for (int h = 0; h < hits.size; h++) {
            assertThat(new int[] {marked.start[h], marked.end[h], marked.word[h]}).isEqualTo(new int[] {hits.start[h], hits.end[h], hits.word[h]});
        }
        for (int p = 0; p <= s.length; p++) assertThat(marked.firstEndingAfter(p)).isEqualTo(hits.firstEndingAfter(p));
        List<Integer> classChars = new ArrayList<>();
        for (int p = 0; p < s.length; p++) if (Text.charClass(s[p]) != 0) classChars.add(p);
        assertThat(java.util.Arrays.stream(marked.marks, 0, marked.markCount).boxed().toList()).isEqualTo(classChars);
        NumberScanner overMarks = scanner(s);
        overMarks.runMarked(marked.marks, marked.markCount);
        assertThat(render(overMarks)).as(text).isEqualTo(render(plain));
        // with the candidate objects of the texts scanned before (round 10's per-thread Cands)
        NumberScanner reused = new NumberScanner(G, s, s.length, KW.scan(s, 0, s.length), flags(G.moneyWords),
                flags(G.ratioWords), null, null, new NumberScanner.IntList(), new NumberScanner.IntList(),
                new NumberScanner.IntList(), KEPT.get());
        reused.runMarked(marked.marks, marked.markCount);
        assertThat(render(reused)).as(text).isEqualTo(render(plain));
        return plain.cands.size();
    }

    /** one Cands per test thread, kept across the texts (it is not thread-safe) */
    private static final ThreadLocal<NumberScanner.Cands> KEPT = ThreadLocal.withInitial(NumberScanner.Cands::new);

    @Example
    void candObjectsAreHandedOutAgainAfterClear() {
        NumberScanner.Cands cands = new NumberScanner.Cands();
        NumberScanner.Cand a = cands.next(), b = cands.next();
        assertThat(a).isNotSameAs(b);
        cands.list.add(a);
        cands.clear();
        assertThat(cands.list).isEmpty();
        assertThat(cands.next()).isSameAs(a);
        assertThat(cands.next()).isSameAs(b);
        assertThat(cands.next()).isNotSameAs(a).isNotSameAs(b);
    }

    private static NumberScanner scanner(char[] s) {
        KeywordAutomaton.Hits hits = KW.scan(s, 0, s.length);
        return new NumberScanner(G, s, s.length, hits, flags(G.moneyWords), flags(G.ratioWords), null, null,
                new NumberScanner.IntList(), new NumberScanner.IntList(), new NumberScanner.IntList());
    }

    private static boolean[] flags(String[] words) {
        boolean[] f = new boolean[KW.size()];
        for (String w : words) f[KW.id(w)] = true;
        return f;
    }

    private static List<String> render(NumberScanner sc) {
        List<String> out = new ArrayList<>();
        for (NumberScanner.Cand c : sc.cands) {
            out.add(c.qualStart + " " + c.start + " " + c.end + " " + c.afterEnd + " " + c.value + " " + c.unit + " " + c.unitKind
                    + " " + c.approx + " " + c.chinese + " " + c.exp);
        }
        for (NumberScanner.IntList l : List.of(sc.sentenceEnds, sc.clauseEnds, sc.lineEnds)) {
            out.add(java.util.Arrays.toString(java.util.Arrays.copyOf(l.a, l.size)));
        }
        return out;
    }
}
