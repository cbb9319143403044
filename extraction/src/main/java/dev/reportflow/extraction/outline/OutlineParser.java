package dev.reportflow.extraction.outline;

import dev.reportflow.extraction.Section;
import dev.reportflow.extraction.outline.HeadingSyntax.Marker;
import dev.reportflow.extraction.text.Numerals;
import dev.reportflow.extraction.text.TextNormalizer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the section tree of a report.
 *
 * <p>Headings are found at the start of lines (levels 1–5) and inside lines: {@code 一是} after a
 * clause break, levels 1–4 after a sentence break when they continue their sequence exactly (run-in
 * paragraphs). A candidate is accepted only when its number
 * continues the sequence of its level under the same parent: the first child may be 1–3 (or continue
 * the previous parent's numbering), later ones must grow by 1–3 (gaps tolerated), and {@code N是}
 * must follow {@code (N-1)是} exactly. This keeps dates, figures and restarted lists out.
 *
 * <p>A section runs from its number to the next heading of the same or a higher level, or to the
 * body's end (signature block or trailing page noise, see {@link Layout}). Text before the first
 * heading (title, preamble) belongs to no section. The title is the heading text without its number,
 * up to the first sentence break ({@code 。！？；}, or a colon followed by more text) outside quotes
 * and brackets, taken from the decoded text.
 */
public final class OutlineParser {
    /** Longest title kept; a longer run without a break is a paragraph, cut here. */
    static final int MAX_TITLE = 120;

    private static final Pattern INLINE_L5 = Pattern.compile("([一二三四五六七八九十]{1,3})是");
    /** What may stand before an inline 一是 without further proof. */
    private static final String L5_BREAKS = "。;:!?,、)]”\"’ ";
    /** What may stand before a numbered heading run into a paragraph. */
    private static final String SENTENCE_BREAKS = "。;!?";

    private final CategoryRules categories;

    public OutlineParser(CategoryRules categories) {
        this.categories = categories;
    }

    public static OutlineParser withDefaults() {
        return new OutlineParser(CategoryRules.defaults());
    }

    /** Outline of {@code text}; {@code norm} is its normalised form (same length). */
    public Outline parse(String text, String norm) {
        return parse(text, norm, Layout.of(norm));
    }

    public Outline parse(String text, String norm, Layout layout) {
        if (text.length() != norm.length()) throw new IllegalArgumentException("text and norm differ in length");
        List<Heading> headings = findHeadings(text, norm, layout);
        return build(headings, norm, layout.bodyEnd());
    }

    /** An accepted heading. */
    private static final class Heading {
        final int level, value, start, markerEnd, titleStart, titleEnd;
        final String number;
        Heading parent;
        final int[] lastChild = new int[6];
        String title;

        Heading(int level, String number, int value, int start, int markerEnd, int titleStart, int titleEnd) {
            this.level = level;
            this.number = number;
            this.value = value;
            this.start = start;
            this.markerEnd = markerEnd;
            this.titleStart = titleStart;
            this.titleEnd = titleEnd;
        }
    }

    private List<Heading> findHeadings(String text, String norm, Layout layout) {
        List<Heading> out = new ArrayList<>();
        Heading root = new Heading(0, "", 0, 0, 0, 0, 0);
        List<Heading> stack = new ArrayList<>();
        stack.add(root);
        int[] lastAny = new int[6];
        int bodyEnd = layout.bodyEnd();
        for (Line line : layout.lines()) {
            if (line.blank() || layout.isNoise(line.index()) || line.from() >= bodyEnd) continue;
            int lineTo = Math.min(line.to(), bodyEnd);
            int scanFrom = line.from();
            Marker m = HeadingSyntax.match(line.content());
            if (m != null) {
                int markerEnd = line.from() + m.length();
                int titleStart = markerEnd;
                int titleEnd = titleEnd(norm, titleStart, lineTo);
                Heading h = new Heading(m.level(), m.number(), m.value(), line.from(), markerEnd, titleStart, titleEnd);
                if (accept(h, stack, lastAny, false)) {
                    h.title = title(text, titleStart, titleEnd);
                    if (h.title.isEmpty()) h.title = nextLineTitle(text, norm, layout, line, bodyEnd);
                    out.add(h);
                    scanFrom = titleEnd;
                }
            }
            scanInline(text, norm, line, scanFrom, lineTo, stack, lastAny, out);
        }
        return out;
    }

    /**
     * Headings inside a line. Levels 1–4 only right after a sentence break ({@code 。;!?}) and only
     * when they continue their sequence exactly (…。(二)乙项。…), as when paragraphs were run
     * together. {@code 一是 … 二是 …} after a break; after a word only when the list goes on in the
     * same line (…改革一是统筹…二是…), so 统一是/唯一是 stay text.
     */
    private static void scanInline(String text, String norm, Line line, int from, int lineTo, List<Heading> stack,
                                   int[] lastAny, List<Heading> out) {
        int lastOnLine = 0;
        for (int p = Math.max(from, line.from() + 1); p < lineTo; p++) {
            char c = norm.charAt(p);
            char before = norm.charAt(p - 1);
            boolean numeral = Numerals.digit(c) > 0 || c == '十';
            if (SENTENCE_BREAKS.indexOf(before) >= 0 && (c == '(' || (c >= '0' && c <= '9') || numeral)) {
                Marker m = HeadingSyntax.match(norm.subSequence(p, lineTo));
                if (m != null && m.level() <= 4) {
                    int markerEnd = p + m.length();
                    int tEnd = titleEnd(norm, markerEnd, lineTo);
                    Heading h = new Heading(m.level(), m.number(), m.value(), p, markerEnd, markerEnd, tEnd);
                    if (accept(h, stack, lastAny, true)) {
                        h.title = title(text, markerEnd, tEnd);
                        out.add(h);
                        lastOnLine = 0;
                        p = Math.max(p, tEnd - 1);
                        continue;
                    }
                }
            }
            if (!numeral) continue;
            Matcher im = INLINE_L5.matcher(norm);
            im.region(p, lineTo);
            if (!im.lookingAt()) continue;
            int v = Numerals.parseSmall(im.group(1));
            // the numeral must be whole: not the tail of 十一是, and not 统一是 read as 一是
            if (v <= 0 || before == '十' || Numerals.digit(before) > 0) continue;
            if (L5_BREAKS.indexOf(before) < 0) {
                // after a word: the next item follows a first item of a few characters at least
                int next = norm.indexOf("二是", im.end() + 4);
                boolean continues = v == 1 ? next >= 0 && next < lineTo : lastOnLine == v - 1;
                if (!continues) continue;
            }
            int markerEnd = im.end();
            int tEnd = titleEnd(norm, markerEnd, lineTo);
            Heading h = new Heading(5, im.group(1), v, p, markerEnd, markerEnd, tEnd);
            if (accept(h, stack, lastAny, false)) {
                h.title = title(text, markerEnd, tEnd);
                out.add(h);
                lastOnLine = v;
                p = markerEnd - 1;
            }
        }
    }

    /** Sequence rules; on acceptance the heading joins the tree. */
    private static boolean accept(Heading h, List<Heading> stack, int[] lastAny, boolean strict) {
        int top = stack.size() - 1;
        while (stack.get(top).level >= h.level) top--;
        Heading parent = stack.get(top);
        int prev = parent.lastChild[h.level];
        boolean ok;
        if (strict) {
            ok = prev > 0 && h.value == prev + 1;
        } else if (h.level == 5) {
            ok = h.value == 1 || h.value == prev + 1;
        } else if (prev == 0) {
            ok = h.value <= 3 || h.value == lastAny[h.level] + 1;
        } else {
            ok = h.value > prev && h.value <= prev + 3;
        }
        if (!ok) return false;
        while (stack.size() - 1 > top) stack.remove(stack.size() - 1);
        parent.lastChild[h.level] = h.value;
        // a parent's later children of deeper levels start afresh after this one
        for (int l = h.level + 1; l <= 5; l++) parent.lastChild[l] = 0;
        h.parent = parent;
        stack.add(h);
        lastAny[h.level] = h.value;
        return true;
    }

    /** Where the title that starts at {@code from} ends: first sentence break outside quotes. */
    static int titleEnd(String norm, int from, int lineTo) {
        int depth = 0;
        boolean ascii = false;
        int limit = Math.min(lineTo, from + MAX_TITLE);
        for (int i = from; i < limit; i++) {
            char c = norm.charAt(i);
            switch (c) {
                case '“', '《', '(', '[', '「', '『', '‘', '〈', '【' -> depth++;
                case '”', '》', ')', ']', '」', '』', '’', '〉', '】' -> depth = Math.max(0, depth - 1);
                case '"' -> ascii = !ascii;
                case '。', '!', '?', ';' -> {
                    if (depth == 0 && !ascii) return i;
                }
                case ':' -> {
                    if (depth == 0 && !ascii && i + 1 < lineTo) return i;
                }
                default -> { }
            }
        }
        return limit;
    }

    private static final String TRIM = " \t。.:;,、!?";

    static String title(String text, int from, int to) {
        int a = from, b = to;
        while (a < b && (Line.isBlank(text.charAt(a)) || TRIM.indexOf(norm(text.charAt(a))) >= 0)) a++;
        while (b > a && (Line.isBlank(text.charAt(b - 1)) || TRIM.indexOf(norm(text.charAt(b - 1))) >= 0)) b--;
        return text.substring(a, b);
    }

    private static char norm(char c) {
        return TextNormalizer.map(c);
    }

    /** A heading whose number stands alone ("一、" on its own line) takes the next short line as title. */
    private static String nextLineTitle(String text, String norm, Layout layout, Line line, int bodyEnd) {
        List<Line> lines = layout.lines();
        for (int i = line.index() + 1; i < lines.size(); i++) {
            Line next = lines.get(i);
            if (next.from() >= bodyEnd) break;
            if (next.blank()) continue;
            if (HeadingSyntax.match(next.content()) != null) break;
            int end = titleEnd(norm, next.from(), Math.min(next.to(), bodyEnd));
            return end - next.from() <= 60 ? title(text, next.from(), end) : "";
        }
        return "";
    }

    private Outline build(List<Heading> headings, String norm, int bodyEnd) {
        int n = headings.size();
        int[] ends = new int[n];
        for (int i = 0; i < n; i++) {
            Heading h = headings.get(i);
            int end = bodyEnd;
            for (int j = i + 1; j < n; j++) {
                if (headings.get(j).level <= h.level) { end = headings.get(j).start; break; }
            }
            ends[i] = Math.max(end, h.markerEnd);
        }
        // categories of the top-level sections, inherited below
        List<String> topTitles = new ArrayList<>();
        for (Heading h : headings) {
            if (h.parent.level == 0) topTitles.add(TextNormalizer.normalize(h.title));
        }
        List<String> topCats = categories.categorize(topTitles);
        List<Section> sections = new ArrayList<>(n);
        List<int[]> markers = new ArrayList<>(n);
        Map<Heading, String> ids = new IdentityHashMap<>();
        Map<Heading, String> cats = new IdentityHashMap<>();
        Map<Heading, Integer> childCount = new IdentityHashMap<>();
        int top = 0;
        for (int i = 0; i < n; i++) {
            Heading h = headings.get(i);
            Heading p = h.parent;
            int ordinal = childCount.merge(p, 1, Integer::sum);
            String parentId = p.level == 0 ? null : ids.get(p);
            String id = parentId == null ? "s" + ordinal : parentId + "." + ordinal;
            ids.put(h, id);
            String cat = p.level == 0 ? topCats.get(top++) : cats.get(p);
            cats.put(h, cat);
            sections.add(new Section(id, parentId, h.level, h.number, h.title, cat, h.start, ends[i]));
            markers.add(new int[] {h.start, h.markerEnd});
        }
        markers.sort((a, b) -> Integer.compare(a[0], b[0]));
        return new Outline(List.copyOf(sections), List.copyOf(markers));
    }
}
