package dev.reportflow.extraction.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The lead-in test on offsets ({@code isLeadIn}) answers like {@code equals} on the cut substring. */
class SubjectLeadInTest {
    private static final IndicatorExtractor X = IndicatorExtractor.withDefaults();
    private static final Grammar G = Grammar.load(new com.fasterxml.jackson.databind.ObjectMapper(), "grammar.json");

    @Provide
    Arbitrary<String> texts() {
        List<String> parts = new ArrayList<>(List.of(G.subjectLeadIns));
        parts.addAll(List.of("其", "中", "共", "计", "，", "案件", "x", " "));
        return Arbitraries.of(parts).list().ofMaxSize(6).map(l -> String.join("", l));
    }

    @Property(tries = 1000)
    void offsetsAnswerLikeTheSubstring(@ForAll("texts") String text) {
        for (int a = 0; a <= text.length(); a++) {
            for (int b = a; b <= text.length(); b++) {
                String cut = text.substring(a, b);
                boolean plain = false;
                for (String w : G.subjectLeadIns) if (cut.equals(w)) plain = true;
                assertThat(X.isLeadIn(text, a, b)).as("%s [%d, %d)", text, a, b).isEqualTo(plain);
            }
        }
    }
}
