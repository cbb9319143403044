package dev.reportflow.extraction.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reportflow.extraction.Indicator;
import dev.reportflow.extraction.text.TextNormalizer;
import java.util.List;
import dev.reportflow.extraction.ThreadScratch;
import org.junit.jupiter.api.Test;

/**
 * The indicator step keeps per-thread scratch arrays between reports: a report extracted after
 * others (larger and smaller ones) on one thread gives what it gives on a fresh thread.
 */
class ScratchReuseTest {
    private static final IndicatorExtractor X = IndicatorExtractor.withDefaults();

    @Test
    void aReportAfterOthersOnOneThreadGivesWhatAFreshThreadGives() throws Exception {
        List<String> texts = ThreadScratch.sampleTexts();
        texts.add("受理行政复议案件12件。");
        assertThat(texts).hasSizeGreaterThan(3);
        for (String text : texts) {
            List<Indicator> fresh = ThreadScratch.onFreshThread(() -> extract(text));
            assertThat(fresh).isNotNull();
            // on this thread, after every other text (its scratch now holds their data)
            for (String other : texts) extract(other);
            assertThat(extract(text)).isEqualTo(fresh);
        }
    }

    private static List<Indicator> extract(String text) {
        return X.extract("r", text, TextNormalizer.normalize(text), null);
    }
}
