package dev.reportflow.extraction.outline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The per-thread reused Matchers of {@link HeadingSyntax#match(CharSequence)} answer like fresh
 * ones, whatever the previous questions were (a sign's region, a failed match, another pattern).
 */
class HeadingMatchersTest {
    @Provide
    Arbitrary<List<String>> lines() {
        Arbitrary<String> line = Arbitraries.of("一", "二十", "、", ".", "(", ")", "（", "3", "12", "2023年", "是", "第", "部分", "章",
                "①", "⑴", "⒈", "㈠", " ", "工作", "%", "季", "月", "5亿").list().ofMaxSize(7).map(l -> String.join("", l));
        return line.list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 1000)
    void reusedMatchersAnswerLikeFreshOnes(@ForAll("lines") List<String> lines) {
        for (String s : lines) {
            assertThat(HeadingSyntax.match(s)).as(s).isEqualTo(HeadingSyntax.match(s, new HeadingSyntax.Matchers()));
        }
    }
}
