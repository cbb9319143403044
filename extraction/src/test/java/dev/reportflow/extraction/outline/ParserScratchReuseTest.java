package dev.reportflow.extraction.outline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reportflow.extraction.text.TextNormalizer;
import java.util.List;
import dev.reportflow.extraction.ThreadScratch;
import org.junit.jupiter.api.Test;

/**
 * The parser copies the normalised text into a per-thread array (valid up to the text's length):
 * a report parsed after others (larger and smaller) on one thread gives what a fresh thread gives.
 */
class ParserScratchReuseTest {
    private static final OutlineParser P = OutlineParser.withDefaults();

    @Test
    void aReportAfterOthersOnOneThreadGivesWhatAFreshThreadGives() throws Exception {
        List<String> texts = ThreadScratch.sampleTexts();
        // short texts whose inline items end where a longer text's array still holds chars
        texts.add("一、总体情况\n我们做了三件事。一是完善制度");
        texts.add("一、总体情况\n我们做了三件事。一是完善制度,二是");
        texts.add(String.join("\n", texts).repeat(2)); // larger than the first array: it grows
        assertThat(texts).hasSizeGreaterThan(5);
        for (String text : texts) {
            Outline fresh = ThreadScratch.onFreshThread(() -> parse(text));
            assertThat(fresh.sections()).isNotEmpty();
            for (String other : texts) parse(other);
            Outline again = parse(text);
            assertThat(again.sections()).isEqualTo(fresh.sections());
            assertThat(again.headingMarkers()).usingRecursiveFieldByFieldElementComparator().isEqualTo(fresh.headingMarkers());
            assertThat(again.softBreaks()).usingRecursiveFieldByFieldElementComparator().isEqualTo(fresh.softBreaks());
        }
    }

    private static Outline parse(String text) {
        return P.parse(text, TextNormalizer.normalize(text));
    }
}
