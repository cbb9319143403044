package dev.reportflow.extraction.outline;

import dev.reportflow.extraction.Section;
import java.util.List;

/**
 * A report's section tree plus what indicator extraction needs from it.
 *
 * @param sections       sections in document order (level 1..5), ids like "s1", "s1.2", "s1.2.3"
 * @param headingMarkers [start, end) spans of the headings' own numbering ("一、", "(一)", "1.", "一是"),
 *                       sorted by start; numbers inside them are never indicators
 */
public record Outline(List<Section> sections, List<int[]> headingMarkers) {

    /** The deepest section containing {@code offset}, or null (preamble / outside any section). */
    public Section sectionAt(int offset) {
        Section best = null;
        for (Section s : sections) {
            if (s.start() <= offset && offset < s.end() && (best == null || s.level() > best.level())) best = s;
        }
        return best;
    }

    /** Category of the level-1 section containing {@code offset}, or null. */
    public String categoryAt(int offset) {
        Section s = sectionAt(offset);
        return s == null ? null : s.category();
    }

    public boolean inHeadingMarker(int offset) {
        for (int[] m : headingMarkers) {
            if (m[0] > offset) break;
            if (offset < m[1]) return true;
        }
        return false;
    }
}
