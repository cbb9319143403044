package dev.reportflow.extraction.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Extraction asks whether a hit acts as a verb one hit at a time ({@code isVerbHit}, memoised per
 * report); it answers like the plain pass over all hits ({@code verbHits}), on texts of the bundled
 * keywords (verbs inside longer nouns, overlapping words).
 */
class VerbHitsTest {
    private static final IndicatorExtractor X = IndicatorExtractor.withDefaults();

    @Provide
    Arbitrary<String> texts() {
        KeywordAutomaton kw = X.keywords();
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < kw.size(); i++) parts.add(kw.word(i));
        parts.addAll(List.of("，", "。", "12件", "的", "人民调解委员会", "行政处罚", "依法"));
        return Arbitraries.of(parts).list().ofMaxSize(30).map(l -> String.join("", l));
    }

    @Property(tries = 500)
    void oneHitAtATimeAnswersLikeThePlainPass(@ForAll("texts") String text) {
        char[] t = text.toCharArray();
        KeywordAutomaton.Hits hits = X.keywords().scan(t, 0, t.length);
        boolean[] plain = X.verbHits(hits);
        int verbs = 0;
        for (int h = 0; h < hits.size; h++) {
            assertThat(X.isVerbHit(hits, h)).as("%s hit %d", text, h).isEqualTo(plain[h]);
            if (plain[h]) verbs++;
        }
        assertThat(verbs).isLessThanOrEqualTo(hits.size);
    }
}
