package dev.reportflow.extraction.indicators;

import dev.reportflow.extraction.Indicator;
import dev.reportflow.extraction.Section;
import dev.reportflow.extraction.outline.Outline;
import dev.reportflow.extraction.text.TextNormalizer;
import java.util.List;

/** Test helpers: run the default extractor on one constructed sentence. */
final class Sentences {
    private Sentences() {}

    static final IndicatorExtractor X = IndicatorExtractor.withDefaults();

    static List<Indicator> extract(String text) {
        return X.extract("r", text, TextNormalizer.normalize(text), null);
    }

    static List<Indicator> extract(String text, Outline outline) {
        return X.extract("r", text, TextNormalizer.normalize(text), outline);
    }

    /** The one indicator whose span starts with {@code written} (e.g. "6项"). */
    static Indicator at(String text, String written) {
        List<Indicator> all = extract(text);
        int pos = text.indexOf(written);
        if (pos < 0) throw new AssertionError("'" + written + "' not in test text");
        for (Indicator i : all) if (i.start() == pos) return i;
        throw new AssertionError("no indicator at '" + written + "' in " + text + ": " + all);
    }

    static Outline outline(List<Section> sections, List<int[]> markers) {
        return new Outline(sections, markers);
    }
}
