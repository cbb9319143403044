package dev.reportflow.extraction.outline;

import dev.reportflow.extraction.Section;
import dev.reportflow.extraction.outline.HeadingSyntax.Marker;
import dev.reportflow.extraction.text.CharScratch;
import dev.reportflow.extraction.text.Numerals;
import dev.reportflow.extraction.text.TextNormalizer;
import java.util.ArrayList;
import java.util.List;

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

    /** An inline 一是/二是 item: {@code ([一二三四五六七八九十]{1,3})是}, matched by hand in scanInline. */
    private static final String L5_NUMERALS = "一二三四五六七八九十";
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
        return build(findHeadings(text, norm, layout));
    }

    /** Acceptance modes: how strictly a number must continue its sequence. */
    private enum Mode {
        /** Line start: first child 1–3 (or continuing the previous parent's numbering), then +1..+3. */
        NORMAL,
        /** After a soft line break or right after a heading's title: start at 1, or exactly the next number. */
        EXACT,
        /** Inside a paragraph: exactly the next number of a list already open. */
        STRICT
    }

    /** A heading (accepted, or the candidate being judged). */
    private static final class Heading {
        final int rank, value, start, markerEnd, titleStart, titleEnd;
        final String number;
        Heading parent;
        /**
         * Per rank: the value of this heading's last child of that rank (0: none yet). Only a heading
         * that can be a parent (the root, an accepted one) has it: most candidates are refused.
         */
        int[] lastChild;
        /** Per rank: the last value of a list of sentence items below this heading (0: none); as lastChild. */
        int[] sentenceList;
        String title;
        /** set when the outline is built: section id, category, children numbered so far */
        String id, category;
        int children;

        Heading(int rank, String number, int value, int start, int markerEnd, int titleStart, int titleEnd) {
            this.rank = rank;
            this.number = number;
            this.value = value;
            this.start = start;
            this.markerEnd = markerEnd;
            this.titleStart = titleStart;
            this.titleEnd = titleEnd;
        }

        /** Gives this heading its child counters: it is about to be a parent on the stack. */
        Heading openForChildren() {
            lastChild = new int[HeadingSyntax.MAX_RANK + 1];
            sentenceList = new int[HeadingSyntax.MAX_RANK + 1];
            return this;
        }
    }

    private static final ThreadLocal<CharScratch> NORM_CHARS = CharScratch.perThread();

    /** The state of one parse: open headings, accepted ones, soft line breaks. */
    private static final class Scan {
        final String text, norm;
        /**
         * norm as an array (the inline scan reads every char of the body), in a per-thread buffer:
         * valid in {@code [0, norm.length())} and only during this parse
         */
        final char[] normChars;
        final Layout layout;
        final int bodyEnd;
        final List<Heading> stack = new ArrayList<>();
        final int[] lastAny = new int[HeadingSyntax.MAX_RANK + 1];
        final List<Heading> out = new ArrayList<>();
        final List<int[]> softBreaks = new ArrayList<>();

        Scan(String text, String norm, Layout layout) {
            this.text = text;
            this.norm = norm;
            this.normChars = NORM_CHARS.get().chars(norm.length());
            norm.getChars(0, norm.length(), normChars, 0);
            this.layout = layout;
            this.bodyEnd = layout.bodyEnd();
            stack.add(new Heading(0, "", 0, 0, 0, 0, 0).openForChildren());
        }
    }

    private Scan findHeadings(String text, String norm, Layout layout) {
        Scan sc = new Scan(text, norm, layout);
        int wrap = layout.wrapWidth();
        // the last content line, whether it stopped mid-sentence, and what stands between it and this line
        Line prev = null;
        boolean prevCut = false, gapBlank = false, gapFooter = false, gapOther = false;
        for (Line line : layout.lines()) {
            if (line.from() >= sc.bodyEnd) break;
            if (line.blank()) {
                gapBlank = true;
                continue;
            }
            if (layout.isNoise(line.index())) {
                if (PageNoise.isPageFooter(line.content())) gapFooter = true;
                else gapOther = true;
                continue;
            }
            // a line that goes on with the sentence the previous one broke off (a PDF copy's hard wrap),
            // also across a page footer; a blank line alone is a paragraph break
            boolean continuation = prevCut && !gapOther && (!gapBlank || gapFooter);
            int lineTo = Math.min(line.to(), sc.bodyEnd);
            int scanFrom = line.from();
            Heading lead = null;
            Marker m = HeadingSyntax.match(norm, line.from(), line.to());
            if (m != null) {
                int markerEnd = line.from() + m.length();
                int titleEnd = titleEnd(norm, markerEnd, lineTo);
                Heading h = new Heading(m.rank(), m.number(), m.value(), line.from(), markerEnd, markerEnd, titleEnd);
                boolean sentence = sentenceItem(sc, m, line, titleEnd, lineTo);
                if (accept(sc, h, continuation ? Mode.EXACT : Mode.NORMAL, sentence, true)) {
                    h.title = title(text, markerEnd, titleEnd);
                    if (h.title.isEmpty()) h.title = nextLineTitle(text, norm, layout, line, sc.bodyEnd);
                    scanFrom = titleEnd;
                    lead = h;
                }
            }
            if (continuation && lead == null) sc.softBreaks.add(new int[] {prev.to(), line.from()});
            scanInline(sc, line, scanFrom, lineTo, lead);
            // a heading alone on its line ends there; a wrapped line stops near the wrap width, mid-sentence
            boolean headingOnly = lead != null && lead.titleEnd >= lineTo;
            prevCut = wrap > 0 && !headingOnly && lineTo == line.to()
                    && line.to() - line.from() >= wrap - Layout.WRAP_SLACK && !Layout.endsSentence(norm, line);
            prev = line;
            gapBlank = gapFooter = gapOther = false;
        }
        return sc;
    }

    /**
     * A numbered item (levels 3 and 4) that is one sentence of clauses, not a heading with a body:
     * {@code 1.部分单位重视不够，推进不力。} followed by the next item, or alone with nothing but
     * another numbered line (or the body's end) after it. A heading's title is followed by its text.
     */
    private static boolean sentenceItem(Scan sc, Marker m, Line line, int titleEnd, int lineTo) {
        if (m.rank() != HeadingSyntax.L3 && m.rank() != HeadingSyntax.L4) return false;
        String norm = sc.norm;
        if (titleEnd >= lineTo || SENTENCE_BREAKS.indexOf(norm.charAt(titleEnd)) < 0) return false;
        int markerEnd = line.from() + m.length();
        if (norm.lastIndexOf(',', titleEnd - 1) < markerEnd) return false;
        int q = titleEnd + 1;
        while (q < lineTo && Line.isBlank(norm.charAt(q))) q++;
        if (q < lineTo) {
            Marker n = HeadingSyntax.match(norm, q, lineTo);
            return n != null && n.rank() == m.rank() && n.value() == m.value() + 1;
        }
        List<Line> lines = sc.layout.lines();
        for (int i = line.index() + 1; i < lines.size(); i++) {
            Line next = lines.get(i);
            if (next.from() >= sc.bodyEnd) return true;
            if (next.blank() || sc.layout.isNoise(i)) continue;
            return HeadingSyntax.match(norm, next.from(), next.to()) != null;
        }
        return true;
    }

    /**
     * Headings inside a line. Levels 1–4 only right after a sentence break ({@code 。;!?}) and only
     * when they continue their sequence exactly (…。(二)乙项。…), as when paragraphs were run
     * together; a list may start there only right after a heading's title on the same line, and only
     * when it goes on in the line ({@code (一)标题。1、甲。…2、乙。…}). {@code 一是 … 二是 …} after a
     * break; after a word only when the list goes on in the same line (…改革一是统筹…二是…), so
     * 统一是/唯一是 stay text.
     */
    /** The chars an inline marker can start with: 一…九 十 ( 0-9 ①⑴⒈㈠ (a bitmap, 8 KB). */
    private static final long[] MAY_OPEN_MARKER = new long[1 << 10];

    static {
        for (int i = 0; i <= 0xFFFF; i++) {
            char c = (char) i;
            if (Numerals.digit(c) > 0 || c == '十' || c == '(' || (c >= '0' && c <= '9') || HeadingSyntax.signValue(c) != 0) {
                MAY_OPEN_MARKER[c >>> 6] |= 1L << c;
            }
        }
    }

    /*
     * The numerals that can lead an inline 一是 (Numerals.digit(c) > 0 or 十: L5_NUMERALS and 两) and
     * the L5_NUMERALS themselves, as bits read by scanInline instead of a hashed lookup and a String
     * scan per char (7 % of a report's chars pass MAY_OPEN_MARKER). Built from the lists, not by
     * calling Numerals.digit per char: that would become its branch profile.
     */
    static final long[] NUMERAL = bits("一二两三四五六七八九十");
    static final long[] L5_NUMERAL = bits(L5_NUMERALS);

    private static long[] bits(String chars) {
        long[] b = new long[1 << 10];
        for (int k = 0; k < chars.length(); k++) b[chars.charAt(k) >>> 6] |= 1L << chars.charAt(k);
        return b;
    }

    static boolean has(long[] bits, char c) {
        return (bits[c >>> 6] & (1L << c)) != 0;
    }

    private static void scanInline(Scan sc, Line line, int from, int lineTo, Heading lead) {
        String text = sc.text, norm = sc.norm;
        int lastOnLine = 0;
        final char[] chars = sc.normChars;
        for (int p = Math.max(from, line.from() + 1); p < lineTo; p++) {
            char c = chars[p];
            // most chars can open no number: decided by one bit before anything else is looked at
            if ((MAY_OPEN_MARKER[c >>> 6] & (1L << c)) == 0) continue;
            char before = chars[p - 1];
            if (isSentenceBreak(before)) {
                Marker m = HeadingSyntax.match(norm, p, lineTo);
                if (m != null && m.rank() >= HeadingSyntax.L1 && m.rank() <= HeadingSyntax.L4) {
                    int markerEnd = p + m.length();
                    int tEnd = titleEnd(norm, markerEnd, lineTo);
                    Heading h = new Heading(m.rank(), m.number(), m.value(), p, markerEnd, markerEnd, tEnd);
                    // right after the title of the line's last heading, a deeper list may start
                    boolean afterTitle = lead != null && m.rank() > lead.rank && m.value() == 1
                            && lead.titleEnd < lineTo && p == skipBlanks(norm, lead.titleEnd + 1, lineTo)
                            && listGoesOn(norm, tEnd, lineTo, m);
                    boolean sentence = sentenceItem(sc, m, line, p, tEnd, lineTo);
                    if (accept(sc, h, afterTitle ? Mode.EXACT : Mode.STRICT, sentence, false)) {
                        h.title = title(text, markerEnd, tEnd);
                        lead = h;
                        lastOnLine = 0;
                        p = Math.max(p, tEnd - 1);
                        continue;
                    }
                }
            }
            if (!has(NUMERAL, c)) continue;
            // INLINE_L5 at p, by hand (a Matcher per numeral char was the parser's main cost): the
            // greedy {1,3} can only succeed on the whole run of numerals, so the run must be 1-3 long
            int run = 0;
            while (run < 4 && p + run < lineTo && has(L5_NUMERAL, chars[p + run])) run++;
            if (run == 0 || run > 3 || p + run >= lineTo || chars[p + run] != '是') continue;
            String numText = norm.substring(p, p + run);
            int imEnd = p + run + 1;
            int v = Numerals.parseSmall(numText);
            // the numeral must be whole: not the tail of 十一是, and not 统一是 read as 一是
            if (v <= 0 || before == '十' || Numerals.digit(before) > 0) continue;
            if (L5_BREAKS.indexOf(before) < 0) {
                // after a word: the next item follows a first item of a few characters at least
                int next = norm.indexOf("二是", imEnd + 4);
                boolean continues = v == 1 ? next >= 0 && next < lineTo : lastOnLine == v - 1;
                if (!continues) continue;
            }
            int markerEnd = imEnd;
            int tEnd = titleEnd(norm, markerEnd, lineTo);
            Heading h = new Heading(HeadingSyntax.L5, numText, v, p, markerEnd, markerEnd, tEnd);
            if (accept(sc, h, Mode.NORMAL, false, false)) {
                h.title = title(text, markerEnd, tEnd);
                lastOnLine = v;
                p = markerEnd - 1;
            }
        }
    }

    /** {@link #sentenceItem(Scan, Marker, Line, int, int)} for an item that starts inside the line at {@code at}. */
    private static boolean sentenceItem(Scan sc, Marker m, Line line, int at, int titleEnd, int lineTo) {
        Line rest = new Line(line.index(), line.start(), line.end(), at, line.to(), "");
        return sentenceItem(sc, m, rest, titleEnd, lineTo);
    }

    private static boolean isSentenceBreak(char c) {
        return c == '。' || c == ';' || c == '!' || c == '?';
    }

    private static int skipBlanks(String norm, int from, int to) {
        int q = from;
        while (q < to && Line.isBlank(norm.charAt(q))) q++;
        return q;
    }

    /** True when the item after {@code m} follows later in the line, after a sentence break. */
    private static boolean listGoesOn(String norm, int from, int lineTo, Marker m) {
        for (int q = Math.max(from, 1); q < lineTo; q++) {
            if (SENTENCE_BREAKS.indexOf(norm.charAt(q - 1)) < 0 || !HeadingSyntax.opens(norm.charAt(q))) continue;
            Marker n = HeadingSyntax.match(norm, q, lineTo);
            if (n != null && n.rank() == m.rank() && n.value() == m.value() + 1) return true;
        }
        return false;
    }

    /**
     * Sequence rules; on acceptance the heading joins the tree. A sentence item, or the next item of a
     * list of them, is refused and remembered. At a line start, a 1 that repeats the document's very
     * first heading replaces it when nothing but 一是 items came after that one (a false 一、 above
     * the real first heading).
     */
    private static boolean accept(Scan sc, Heading h, Mode mode, boolean sentence, boolean lineStart) {
        List<Heading> stack = sc.stack;
        int top = stack.size() - 1;
        while (stack.get(top).rank >= h.rank) top--;
        Heading parent = stack.get(top);
        int r = h.rank;
        int prev = parent.lastChild[r];
        boolean ok = switch (mode) {
            case STRICT -> prev > 0 && h.value == prev + 1;
            case EXACT -> h.value == prev + 1;
            case NORMAL -> {
                if (r == HeadingSyntax.L5) yield h.value == 1 || h.value == prev + 1;
                if (prev == 0) yield h.value <= 3 || h.value == sc.lastAny[r] + 1;
                yield h.value > prev && h.value <= prev + 3;
            }
        };
        int sl = parent.sentenceList[r];
        if (sentence && (ok || (sl > 0 && h.value == sl + 1)) || (sl > 0 && prev == 0 && h.value == sl + 1)) {
            parent.sentenceList[r] = h.value;
            return false;
        }
        if (!ok && mode == Mode.NORMAL && lineStart && h.value == 1 && replacesFirst(sc, parent, r)) {
            parent.lastChild[r] = 0;
            sc.lastAny[r] = 0;
            ok = true;
        }
        if (!ok) return false;
        while (stack.size() - 1 > top) stack.remove(stack.size() - 1);
        parent.lastChild[r] = h.value;
        // a parent's later children of deeper ranks start afresh after this one
        for (int l = r + 1; l <= HeadingSyntax.MAX_RANK; l++) {
            parent.lastChild[l] = 0;
            parent.sentenceList[l] = 0;
        }
        h.parent = parent;
        stack.add(h.openForChildren());
        sc.lastAny[r] = h.value;
        sc.out.add(h);
        return true;
    }

    /**
     * When the document's first heading is a 1 of rank {@code r} under {@code parent}, has no
     * children but 一是 items and nothing else was accepted, it is dropped (with its items) so a
     * repeated 1 can take its place.
     */
    private static boolean replacesFirst(Scan sc, Heading parent, int r) {
        List<Heading> out = sc.out;
        if (out.isEmpty()) return false;
        Heading first = out.get(0);
        if (first.rank != r || first.value != 1 || first.parent != parent || parent.lastChild[r] != 1) return false;
        for (int i = 1; i < out.size(); i++) {
            Heading h = out.get(i);
            if (h.rank != HeadingSyntax.L5 || h.parent != first) return false;
        }
        out.clear();
        List<Heading> stack = sc.stack;
        while (stack.get(stack.size() - 1) != parent) stack.remove(stack.size() - 1);
        for (int l = r + 1; l <= HeadingSyntax.MAX_RANK; l++) {
            parent.lastChild[l] = 0;
            sc.lastAny[l] = 0;
        }
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
            if (HeadingSyntax.match(norm, next.from(), next.to()) != null) break;
            int end = titleEnd(norm, next.from(), Math.min(next.to(), bodyEnd));
            return end - next.from() <= 60 ? title(text, next.from(), end) : "";
        }
        return "";
    }

    /**
     * Output levels from ranks. Outer ranks present (parts, chapters, sections) take levels 1, 2, …
     * in their nesting order; the usual styles follow, the shallowest one found at the top (or right
     * below the outer ranks) taking the next level and the deeper ones keeping their usual distance
     * from it: 一、 then 1. directly is level 1 then 3, as without a (一) list in between.
     */
    private static int[] levels(List<Heading> headings) {
        int[] outerLevel = new int[HeadingSyntax.OUTER + 1];
        int topStd = HeadingSyntax.L5;
        for (Heading h : headings) {
            if (h.rank < HeadingSyntax.L1) outerLevel[h.rank] = 1;
            else if (h.rank < topStd && h.parent.rank < HeadingSyntax.L1 && h.rank < HeadingSyntax.L5) topStd = h.rank;
        }
        if (topStd == HeadingSyntax.L5) topStd = HeadingSyntax.L1;
        int outers = 0;
        for (int r = 1; r <= HeadingSyntax.OUTER; r++) if (outerLevel[r] > 0) outerLevel[r] = ++outers;
        int[] out = new int[headings.size()];
        for (int i = 0; i < out.length; i++) {
            int r = headings.get(i).rank;
            out[i] = r < HeadingSyntax.L1 ? outerLevel[r] : outers + r - topStd + 1;
        }
        return out;
    }

    private Outline build(Scan sc) {
        List<Heading> headings = sc.out;
        int n = headings.size();
        // a section ends where the next heading of the same or a higher rank starts, or at the body end
        int[] ends = new int[n];
        int[] open = new int[n];
        int depth = 0;
        for (int i = 0; i < n; i++) {
            Heading h = headings.get(i);
            while (depth > 0 && headings.get(open[depth - 1]).rank >= h.rank) {
                int j = open[--depth];
                ends[j] = Math.max(h.start, headings.get(j).markerEnd);
            }
            open[depth++] = i;
        }
        while (depth > 0) {
            int j = open[--depth];
            ends[j] = Math.max(sc.bodyEnd, headings.get(j).markerEnd);
        }
        int[] levels = levels(headings);
        // categories of the top-level sections, inherited below
        List<String> topTitles = new ArrayList<>();
        for (Heading h : headings) {
            if (h.parent.rank == 0) topTitles.add(TextNormalizer.normalize(h.title));
        }
        List<String> topCats = categories.categorize(topTitles);
        List<Section> sections = new ArrayList<>(n);
        List<int[]> markers = new ArrayList<>(n);
        int top = 0;
        for (int i = 0; i < n; i++) {
            Heading h = headings.get(i);
            Heading p = h.parent;
            int ordinal = ++p.children;
            String parentId = p.rank == 0 ? null : p.id;
            String id = parentId == null ? "s" + ordinal : parentId + "." + ordinal;
            h.id = id;
            String cat = p.rank == 0 ? topCats.get(top++) : p.category;
            h.category = cat;
            sections.add(new Section(id, parentId, levels[i], h.number, h.title, cat, h.start, ends[i]));
            markers.add(new int[] {h.start, h.markerEnd});
        }
        markers.sort((a, b) -> Integer.compare(a[0], b[0]));
        return new Outline(List.copyOf(sections), List.copyOf(markers), List.copyOf(sc.softBreaks));
    }
}
