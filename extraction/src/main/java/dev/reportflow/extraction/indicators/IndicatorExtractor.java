package dev.reportflow.extraction.indicators;

import dev.reportflow.extraction.Indicator;
import dev.reportflow.extraction.outline.Outline;
import java.util.List;

/**
 * Finds the quantities a report states (spec/indicators.md). Build once with {@link #withDefaults()};
 * instances are immutable, thread-safe and reusable.
 *
 * <p>First cut: the interface only, so the glue can be wired; the scanner lands next.
 */
public final class IndicatorExtractor {

    private IndicatorExtractor() {}

    public static IndicatorExtractor withDefaults() {
        return new IndicatorExtractor();
    }

    /**
     * @param reportId report id, the prefix of every {@link Indicator#id()}
     * @param text     the decoded report text (sentences are cut from it)
     * @param norm     the normalised text, same length as {@code text}, char for char (parsed)
     * @param outline  the report's outline (section ids, categories, heading markers); may be null
     * @return indicators in document order
     */
    public List<Indicator> extract(String reportId, String text, String norm, Outline outline) {
        if (text == null || norm == null || text.length() != norm.length()) {
            throw new IllegalArgumentException("text and norm must have the same length");
        }
        return List.of();
    }
}
