package dev.reportflow.extraction.outline;

import dev.reportflow.extraction.Section;
import dev.reportflow.extraction.text.TextNormalizer;
import java.util.List;

/**
 * A report's section tree plus what indicator extraction needs from it.
 *
 * @param sections       sections in document order (level 1..5), ids like "s1", "s1.2", "s1.2.3"
 * @param headingMarkers [start, end) spans of the headings' own numbering ("一、", "(一)", "1.", "一是"),
 *                       sorted by start; numbers inside them are never indicators
 * @param softBreaks     [start, end) spans of soft line breaks, sorted: where a hard-wrapped text (a PDF
 *                       copy) breaks a sentence across lines, from the end of the broken line's content to
 *                       the start of the next line's content (with a page footer in between, if any).
 *                       The text reads on across them: {@link #withSoftBreaks(String)}
 */
public record Outline(List<Section> sections, List<int[]> headingMarkers, List<int[]> softBreaks) {

    public Outline(List<Section> sections, List<int[]> headingMarkers) {
        this(sections, headingMarkers, List.of());
    }

    /**
     * {@code norm} with every char of every soft break replaced by {@link TextNormalizer#SOFT_BREAK}
     * (same length, same offsets), or {@code norm} itself when there is none: 案件5⏎16件 reads
     * 案件5\u206016件, so a scanner that skips the mark sees 案件516件.
     */
    public String withSoftBreaks(String norm) {
        if (softBreaks.isEmpty()) return norm;
        char[] c = norm.toCharArray();
        for (int[] b : softBreaks) java.util.Arrays.fill(c, b[0], b[1], TextNormalizer.SOFT_BREAK);
        return new String(c);
    }

    /** The deepest section containing {@code offset}, or null (preamble / outside any section). */
    public Section sectionAt(int offset) {
        // Sections are in document order and a child starts after its parent, so the deepest
        // section holding the offset is the last one starting at or before it that still holds it.
        int lo = 0, hi = sections.size() - 1, last = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (sections.get(mid).start() <= offset) {
                last = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        for (int i = last; i >= 0; i--) {
            Section s = sections.get(i);
            if (offset < s.end()) return s;
            if (s.parent() == null && s.end() <= offset) {
                // a top-level section that ended before the offset: no earlier one can hold it
                return null;
            }
        }
        return null;
    }

    /** Category of the level-1 section containing {@code offset}, or null. */
    public String categoryAt(int offset) {
        Section s = sectionAt(offset);
        return s == null ? null : s.category();
    }

    /** True when {@code offset} falls inside a heading's own numbering. */
    public boolean inHeadingMarker(int offset) {
        int lo = 0, hi = headingMarkers.size() - 1, last = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (headingMarkers.get(mid)[0] <= offset) {
                last = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return last >= 0 && offset < headingMarkers.get(last)[1];
    }
}
