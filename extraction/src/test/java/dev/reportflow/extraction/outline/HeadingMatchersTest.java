package dev.reportflow.extraction.outline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reportflow.extraction.text.TextDecoder;
import dev.reportflow.extraction.text.TextNormalizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The hand-written {@link HeadingSyntax#match(CharSequence)} answers like its plain definition,
 * the patterns run by regex matchers ({@link HeadingSyntax#match(CharSequence, HeadingSyntax.Matchers)}),
 * on generated lines (fresh or reused matchers alike) and at every position of the sample and
 * held-out texts.
 */
class HeadingMatchersTest {
    @Provide
    Arbitrary<List<String>> lines() {
        Arbitrary<String> line = Arbitraries.of("一", "二十", "三", "十", "两", "〇", "、", ".", "(", ")", "（", "3", "12", "123",
                "0", "2023年", "2023", "年", "是", "第", "部分", "部", "篇", "章", "节", "①", "⑴", "⒈", "㈠", " ", "\t", "\u3000",
                ":", ",", "工作", "%", "季", "月", "级", "类", "等", "5亿", "“", "-", "A").list().ofMaxSize(8).map(l -> String.join("", l));
        return line.list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 3000)
    void handWrittenAnswersLikeTheRegexes(@ForAll("lines") List<String> lines) {
        HeadingSyntax.Matchers reused = new HeadingSyntax.Matchers();
        for (String s : lines) {
            HeadingSyntax.Marker plain = HeadingSyntax.match(s, new HeadingSyntax.Matchers());
            assertThat(HeadingSyntax.match(s)).as(s).isEqualTo(plain);
            assertThat(HeadingSyntax.match(s, reused)).as(s).isEqualTo(plain);
            // a slice of a longer text: the region ends where the slice does
            String padded = "文" + s + "1.5年";
            assertThat(HeadingSyntax.match(new Slice(padded, 1, 1 + s.length()))).as(s).isEqualTo(plain);
        }
    }

    @Example
    void everyPositionOfTheSampleAndHeldOutTexts() throws Exception {
        List<Path> files = dev.reportflow.extraction.ThreadScratch.sampleAndHeldOutFiles();
        HeadingSyntax.Matchers ms = new HeadingSyntax.Matchers();
        int markers = 0;
        for (Path f : files) {
            String norm = TextNormalizer.normalize(new TextDecoder().decode(Files.readAllBytes(f)).text());
            for (Line l : Line.split(norm)) {
                for (int p = l.from(); p < l.to(); p++) {
                    Slice rest = new Slice(norm, p, l.to());
                    HeadingSyntax.Marker plain = HeadingSyntax.match(rest, ms);
                    assertThat(HeadingSyntax.match(rest)).as("%s at %d", f, p).isEqualTo(plain);
                    if (plain != null) markers++;
                }
            }
        }
        assertThat(markers).as("markers found").isGreaterThan(100);
    }
}
