package dev.reportflow.extraction.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The compressed automaton finds exactly the occurrences a naive search finds, in its documented
 * order (by end, then longest first), and its position index answers like a binary search.
 */
class KeywordAutomatonTest {
    /** Overlapping keywords with shared prefixes and suffixes, so fail links and outputs chain. */
    private static final List<String> WORDS = List.of("行政", "行政复议", "复议", "政复", "执法", "行政执法", "法", "执法人员",
            "人员", "员", "人民调解", "调解", "调解委员会", "委员会", "会", "abc", "bc", "c", "aab");
    private static final KeywordAutomaton KW = new KeywordAutomaton(WORDS);

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars("行政复议执法人员民调解委会abc。x ".toCharArray()).ofMaxLength(80);
    }

    @Property(tries = 500)
    void findsWhatANaiveSearchFinds(@ForAll("texts") String text) {
        assertThat(hits(KW.scan(text.toCharArray(), 0, text.length()))).isEqualTo(naive(text));
    }

    @Property(tries = 200)
    void bundledKeywordsToo(@ForAll("bundled") String text) {
        IndicatorExtractor e = IndicatorExtractor.withDefaults();
        KeywordAutomaton kw = e.keywords();
        List<String> words = new ArrayList<>();
        for (int i = 0; i < kw.size(); i++) words.add(kw.word(i));
        assertThat(hits(kw.scan(text.toCharArray(), 0, text.length()))).isEqualTo(naive(text, words));
    }

    @Provide
    Arbitrary<String> bundled() {
        KeywordAutomaton kw = IndicatorExtractor.withDefaults().keywords();
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < kw.size(); i++) parts.add(kw.word(i));
        parts.addAll(List.of("，", "。", "12件", "的", "和"));
        return Arbitraries.of(parts).list().ofMaxSize(30).map(l -> String.join("", l));
    }

    /**
     * The one per-char table the scans read (round 9) against its plain definition, for every char:
     * a nonzero alphabet index exactly for the chars of a keyword, a different one for each, and the
     * mark exactly for the chars of a class.
     */
    @Test
    void fusedCharTableMatchesAlphabetAndClasses() {
        for (KeywordAutomaton kw : List.of(KW, IndicatorExtractor.withDefaults().keywords())) {
            java.util.Set<Character> inWords = new java.util.HashSet<>();
            for (int i = 0; i < kw.size(); i++) for (char c : kw.word(i).toCharArray()) inWords.add(c);
            java.util.Map<Integer, Character> owner = new java.util.HashMap<>();
            for (int c = 0; c <= Character.MAX_VALUE; c++) {
                char ch = (char) c;
                int a = kw.alphaIndex(ch);
                assertThat(a != 0).as("alphabet U+%04X", c).isEqualTo(inWords.contains(ch));
                if (a != 0) assertThat(owner.put(a, ch)).as("index %d", a).isNull();
                assertThat(kw.marked(ch)).as("mark U+%04X", c).isEqualTo(Text.charClass(ch) != 0);
            }
            assertThat(owner).hasSize(inWords.size());
        }
    }

    @Test
    void positionIndexAgreesWithBinarySearch() {
        String text = "行政复议执法人员人民调解委员会。行政执法abc aab";
        KeywordAutomaton.Hits h = KW.scan(text.toCharArray(), 0, text.length());
        assertThat(h.size).isGreaterThan(10);
        for (int pos = -2; pos <= text.length() + 2; pos++) {
            int expected = 0;
            while (expected < h.size && h.end[expected] <= pos) expected++;
            assertThat(h.firstEndingAfter(pos)).as("pos %d", pos).isEqualTo(expected);
        }
    }

    /** A reused hit list (the per-thread scratch) answers as a fresh one, whatever it held before. */
    @Property(tries = 300)
    void reusedHitListAnswersLikeAFreshOne(@ForAll("texts") String before, @ForAll("texts") String text) {
        KeywordAutomaton.Hits reused = new KeywordAutomaton.Hits(1);
        KW.scan((before + before + before).toCharArray(), 0, before.length() * 3, reused);
        char[] t = text.toCharArray();
        KeywordAutomaton.Hits fresh = KW.scan(t, 0, t.length);
        KW.scan(t, 0, t.length, reused);
        assertThat(hits(reused)).isEqualTo(hits(fresh)).isEqualTo(naive(text));
        for (int pos = -2; pos <= t.length + 2; pos++) {
            assertThat(reused.firstEndingAfter(pos)).as("pos %d", pos).isEqualTo(fresh.firstEndingAfter(pos));
        }
    }

    private static List<String> hits(KeywordAutomaton.Hits h) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < h.size; k++) out.add(h.start[k] + "-" + h.end[k] + ":" + h.word[k]);
        return out;
    }

    private static List<String> naive(String text) {
        return naive(text, WORDS);
    }

    /** Every occurrence of every word, by end, then longest first (word ids in first-seen order). */
    private static List<String> naive(String text, List<String> words) {
        List<String> distinct = new ArrayList<>();
        for (String w : words) if (!distinct.contains(w)) distinct.add(w);
        List<String> out = new ArrayList<>();
        for (int end = 1; end <= text.length(); end++) {
            for (int len = end; len >= 1; len--) {
                int id = distinct.indexOf(text.substring(end - len, end));
                if (id >= 0) out.add((end - len) + "-" + end + ":" + id);
            }
        }
        return out;
    }
}
