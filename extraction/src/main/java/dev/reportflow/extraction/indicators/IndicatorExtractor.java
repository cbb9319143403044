package dev.reportflow.extraction.indicators;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reportflow.extraction.Indicator;
import dev.reportflow.extraction.Section;
import dev.reportflow.extraction.outline.Outline;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the quantities a report states (spec/indicators.md): a hand-written single-pass number
 * scanner ({@link NumberScanner}) over the normalised text, then, per number, context read from
 * one Aho–Corasick pass of keywords ({@link KeywordAutomaton}): kind, change direction, subject,
 * section and the canonical metric ({@link MetricRules}). All language knowledge is in the data
 * files {@code grammar.json} and {@code metrics.json} beside this class.
 *
 * <p>Build once with {@link #withDefaults()}; instances are immutable, thread-safe and reusable.
 * Output is a pure function of the input (no hash-order iteration).
 */
public final class IndicatorExtractor {

    private static final String GRAMMAR_RESOURCE = "grammar.json";
    private static final String METRICS_RESOURCE = "metrics.json";

    private static final class Holder {
        static final IndicatorExtractor DEFAULT = load();
    }

    private final Grammar g;
    private final KeywordAutomaton kw;
    private final MetricRules.Compiled rules;
    private final boolean[] moneyWord;
    private final boolean[] ratioWord;
    private final boolean[] changeCueWord;
    private final boolean[] targetCueWord;
    private final boolean[] verbWord;
    private final boolean[] breakdownWord;
    private final boolean[] lightVerbWord;
    private final int words;
    /** first chars of the leading trim words, last chars of the trailing ones (skip the list scans) */
    private final boolean[] leadFirst = new boolean[1 << 16];
    private final boolean[] trailLast = new boolean[1 << 16];
    /** the subject lead-ins (其中, 共…) by length */
    private final String[][] leadInsByLength;

    IndicatorExtractor(Grammar g, MetricRules metricRules) {
        this.g = g;
        List<String> all = new ArrayList<>(g.words());
        all.addAll(metricRules.keywords());
        this.kw = new KeywordAutomaton(all);
        this.rules = metricRules.compile(kw);
        this.words = kw.size();
        this.moneyWord = flags(g.moneyWords);
        this.ratioWord = flags(g.ratioWords);
        this.changeCueWord = flags(g.changeCues);
        this.targetCueWord = flags(g.targetCues);
        this.verbWord = flags(metricRules.verbs.toArray(new String[0]));
        this.breakdownWord = flags(metricRules.breakdownMarkers.toArray(new String[0]));
        this.lightVerbWord = flags(metricRules.lightVerbs.toArray(new String[0]));
        int maxLead = 0;
        for (String w : g.subjectLeadIns) maxLead = Math.max(maxLead, w.length());
        leadInsByLength = new String[maxLead + 1][];
        for (int len = 0; len <= maxLead; len++) {
            final int l = len;
            leadInsByLength[len] = java.util.Arrays.stream(g.subjectLeadIns).filter(w -> w.length() == l).toArray(String[]::new);
        }
        for (String w : g.subjectTrimLeading.list) leadFirst[w.charAt(0)] = true;
        for (String w : g.subjectTrimTrailing.list) trailLast[w.charAt(w.length() - 1)] = true;
    }

    private boolean[] flags(String[] list) {
        boolean[] f = new boolean[kw.size()];
        for (String w : list) f[kw.id(w)] = true;
        return f;
    }

    /** The compiled metric rules (tests). */
    MetricRules.Compiled rules() {
        return rules;
    }

    /** The keyword automaton (tests). */
    KeywordAutomaton keywords() {
        return kw;
    }

    /** The extractor with the bundled data files, loaded once per JVM. */
    public static IndicatorExtractor withDefaults() {
        return Holder.DEFAULT;
    }

    private static IndicatorExtractor load() {
        ObjectMapper m = new ObjectMapper();
        return new IndicatorExtractor(Grammar.load(m, GRAMMAR_RESOURCE), MetricRules.load(m, METRICS_RESOURCE));
    }

    /** An extractor over other data (tests, or a deployment that extends the rules). */
    public static IndicatorExtractor fromJson(String grammarJson, String metricsJson) {
        ObjectMapper m = new ObjectMapper();
        return new IndicatorExtractor(Grammar.parse(m, grammarJson), MetricRules.parse(m, metricsJson));
    }

    /**
     * @param reportId report id, the prefix of every {@link Indicator#id()}
     * @param text     the decoded report text (sentences and subjects are cut from it)
     * @param norm     the normalised text, same length as {@code text}, char for char (parsed)
     * @param outline  the report's outline (section ids, categories, heading markers); may be null
     * @return indicators in document order
     */
    public List<Indicator> extract(String reportId, String text, String norm, Outline outline) {
        if (text == null || norm == null || text.length() != norm.length()) {
            throw new IllegalArgumentException("text and norm must have the same length");
        }
        // A hard-wrapped text carries soft breaks (see Text.SOFT_BREAK): the scan runs over the text
        // without them, so 5⏎16件 is one number and 律师事务所⏎6家 one subject, and offsets map back.
        int[] orig = null;
        if (norm.indexOf(Text.SOFT_BREAK) >= 0) {
            int n = norm.length();
            orig = new int[n + 1];
            StringBuilder ct = new StringBuilder(n), cn = new StringBuilder(n);
            for (int i = 0; i < n; i++) {
                if (norm.charAt(i) == Text.SOFT_BREAK) continue;
                orig[cn.length()] = i;
                ct.append(text.charAt(i));
                cn.append(norm.charAt(i));
            }
            orig[cn.length()] = n;
            text = ct.toString();
            norm = cn.toString();
        }
        Scratch scratch = SCRATCH.get();
        int len = norm.length();
        char[] s = scratch.chars(len); // valid in [0, len) only: every reader is bounded by len
        norm.getChars(0, len, s, 0);
        KeywordAutomaton.Hits hits = kw.scanMarking(s, 0, len, scratch.hits(len));
        NumberScanner sc = new NumberScanner(g, s, len, hits, moneyWord, ratioWord, outline, orig,
                scratch.sentenceEnds, scratch.clauseEnds, scratch.lineEnds, scratch.cands);
        sc.runMarked(hits.marks, hits.markCount);
        List<NumberScanner.Cand> cands = sc.cands;
        if (cands.isEmpty()) return List.of();
        List<Indicator> out = new ArrayList<>(cands.size());
        Context ctx = new Context(s, len, hits, sc, scratch.verbMemo(hits.size), outline == null ? List.of() : outline.sections(), orig,
                scratch.titleHits);
        List<Section> level1 = new ArrayList<>();
        if (outline != null) for (Section sec : outline.sections()) if (sec.level() == 1) level1.add(sec);
        int lastSentStart = -1;
        String lastSentence = null;
        String idPrefix = reportId + ":";
        for (int i = 0; i < cands.size(); i++) {
            NumberScanner.Cand c = cands.get(i);
            ctx.set(c, i == 0 ? null : cands.get(i - 1), i + 1 < cands.size() ? cands.get(i + 1) : null);

            String kind = c.unitKind;
            String direction = null;
            boolean changeUnit = "change".equals(kind);
            if ("rate".equals(kind) || changeUnit || ctx.any(changeCueWord, ctx.clauseStart, c.qualStart)) {
                direction = directionBefore(s, c.qualStart, ctx.clauseStart);
                if (direction != null || changeUnit) kind = "change";
            }
            int start = orig == null ? c.start : orig[c.start];
            int end = orig == null ? c.end : orig[c.end - 1] + 1;
            String category = categoryAt(level1, start);
            if ("plans".equals(category) || ctx.any(targetCueWord, ctx.clauseStart, c.qualStart)) kind = "target";

            MetricRules.Rule rule = rules.match(c.unit, kind, ctx);
            Section sec = outline == null ? null : outline.sectionAt(start);

            if (ctx.sentStart != lastSentStart) {
                lastSentStart = ctx.sentStart;
                lastSentence = text.substring(ctx.sentStart, ctx.sentEnd).strip();
            }
            out.add(new Indicator(idPrefix.concat(Integer.toString(start)), c.value, c.unit, c.approx, kind, direction,
                    subject(text, s, c, ctx), rule == null ? null : rule.metric(), rule == null ? null : rule.id(),
                    sec == null ? null : sec.id(), start, end, lastSentence));
        }
        return out;
    }

    /**
     * Which hits act as verbs: a verb word inside a longer keyword (调解 in 人民调解委员会, 处罚 in
     * 行政处罚) is part of a noun there. Hits are ordered by end, longest first, so the longer
     * ones around a hit are its close neighbours in the list. The plain definition, for all hits at
     * once (tests); extraction asks {@link #isVerbHit} only for the hits it looks at.
     */
    boolean[] verbHits(KeywordAutomaton.Hits hits) {
        boolean[] v = new boolean[hits.size];
        for (int h = 0; h < hits.size; h++) {
            if (!verbWord[hits.word[h]]) continue;
            int st = hits.start[h], en = hits.end[h];
            boolean covered = false;
            for (int k = h - 1; k >= 0 && hits.end[k] == en && !covered; k--) {
                covered = hits.start[k] < st && !verbWord[hits.word[k]];
            }
            for (int k = h + 1; k < hits.size && hits.end[k] - MAX_COVER <= st && !covered; k++) {
                covered = hits.start[k] <= st && hits.end[k] > en && !verbWord[hits.word[k]];
            }
            v[h] = !covered;
        }
        return v;
    }

    /** Whether hit {@code h} acts as a verb: {@link #verbHits}{@code [h]}, for one hit. */
    boolean isVerbHit(KeywordAutomaton.Hits hits, int h) {
        if (!verbWord[hits.word[h]]) return false;
        int st = hits.start[h], en = hits.end[h];
        for (int k = h - 1; k >= 0 && hits.end[k] == en; k--) {
            if (hits.start[k] < st && !verbWord[hits.word[k]]) return false;
        }
        for (int k = h + 1; k < hits.size && hits.end[k] - MAX_COVER <= st; k++) {
            if (hits.start[k] <= st && hits.end[k] > en && !verbWord[hits.word[k]]) return false;
        }
        return true;
    }

    /**
     * Per-thread scratch arrays of one extraction (the hit list and its position index are ~30 KB
     * per sample report; allocating and zeroing them per report cost more than the scan of them).
     * Nothing in a result refers to them. A report far above the usual size gets its own arrays.
     */
    private static final class Scratch {
        private static final int KEEP_CHARS = 1 << 20;
        private final KeywordAutomaton.Hits hits = new KeywordAutomaton.Hits(1 << 12);
        /** for the section titles' scans (one at a time) */
        final KeywordAutomaton.Hits titleHits = new KeywordAutomaton.Hits(64);
        /** per hit: 0 not yet known, 1 not a verb, 2 a verb (see isVerbHit) */
        private byte[] verbMemo = new byte[1 << 12];
        /** the normalised text as an array (a report-sized copy per report otherwise) */
        private char[] chars = new char[1 << 14];
        /** the scanner's boundary lists, emptied per report (they grew from 32 entries by copies) */
        final NumberScanner.IntList sentenceEnds = new NumberScanner.IntList(), clauseEnds = new NumberScanner.IntList(),
                lineEnds = new NumberScanner.IntList();
        /** the scanner's candidates, list and objects reused (read only until extract returns) */
        final NumberScanner.Cands cands = new NumberScanner.Cands();

        /** An array of at least {@code n} chars, contents undefined. */
        char[] chars(int n) {
            if (n <= chars.length) return chars;
            if (n > KEEP_CHARS) return new char[n];
            return chars = new char[n];
        }

        KeywordAutomaton.Hits hits(int chars) {
            return chars <= KEEP_CHARS ? hits : new KeywordAutomaton.Hits(chars / 4);
        }

        /** The verb memo for {@code size} hits, all unknown. */
        byte[] verbMemo(int size) {
            if (size > verbMemo.length) {
                if (size > KEEP_CHARS) return new byte[size];
                verbMemo = new byte[size];
                return verbMemo;
            }
            java.util.Arrays.fill(verbMemo, 0, size, (byte) 0);
            return verbMemo;
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** How far before a number its subject reaches (a long list of names before it is not what it counts). */
    private static final int SUBJECT_REACH = 24;

    /** Longest keyword a verb can sit inside and still be found by {@link #verbHits}. */
    private static final int MAX_COVER = 16;

    private static String categoryAt(List<Section> level1, int offset) {
        for (Section s : level1) if (s.start() <= offset && offset < s.end()) return s.category();
        return null;
    }

    /** "up"/"down" when a direction word (增长, 下降…) stands right before the number, else null. */
    private String directionBefore(char[] s, int pos, int floor) {
        int p = pos;
        for (int k = 0; k < 2; k++) {
            String link = Text.endsWithAny(s, p, floor, g.changeLink);
            if (link == null) break;
            p -= link.length();
        }
        String up = Text.endsWithAny(s, p, floor, g.changeUp);
        String down = Text.endsWithAny(s, p, floor, g.changeDown);
        if (up == null && down == null) return null;
        if (down == null) return "up";
        if (up == null) return "down";
        return up.length() > down.length() ? "up" : "down";
    }

    // ---------------------------------------------------------------- subject

    /**
     * The words that say what is measured: those before the number, or after its unit for 168名执法人员.
     * Both sides are trimmed as offsets; only the side returned becomes a String.
     */
    private String subject(String text, char[] s, NumberScanner.Cand c, Context ctx) {
        long before = trim(s, ctx.localStart, c.qualStart, true);
        int ba = (int) (before >>> 32), bb = (int) before;
        boolean beforeEmpty = ba >= bb;
        boolean leadIn = beforeEmpty || isLeadIn(text, ba, bb);
        if (leadIn) {
            // the side after the unit is read only when it can win (it may run to the clause's end)
            long after = trim(s, c.afterEnd, ctx.afterCut, false);
            int aa = (int) (after >>> 32), ab = (int) after;
            if (aa < ab) return text.substring(aa, ab);
        }
        return beforeEmpty ? null : text.substring(ba, bb);
    }

    /** True when {@code text[from, to)} is one of the subject lead-ins (the same as {@code equals} on the substring). */
    boolean isLeadIn(String text, int from, int to) {
        int len = to - from;
        if (len <= 0 || len >= leadInsByLength.length) return false;
        for (String w : leadInsByLength[len]) if (text.regionMatches(from, w, 0, len)) return true;
        return false;
    }

    /** The trimmed range of {@code s[from, to)}, as {@code start << 32 | end} (empty when start >= end). */
    private long trim(char[] s, int from, int to, boolean beforeNumber) {
        int a = from, b = to;
        boolean changed = true;
        while (changed && a < b) {
            changed = false;
            while (a < b && isTrimChar(s[a])) {
                a++;
                changed = true;
            }
            while (a < b && isTrimChar(s[b - 1])) {
                b--;
                changed = true;
            }
            String lead = a < b && leadFirst[s[a]] ? Text.startsWithAny(s, a, b, g.subjectTrimLeading) : null;
            if (lead != null && a + lead.length() <= b) {
                a += lead.length();
                changed = true;
            }
            // a leading year (2024年, 2024年以来) says when, not what
            int y = a;
            while (y < b && Text.isAsciiDigit(s[y])) y++;
            if (y - a == 4 && y < b && s[y] == '年') {
                a = y + 1;
                if (Text.startsWith(s, a, b, "以来")) a += 2;
                else if (Text.startsWith(s, a, b, "度")) a += 1;
                changed = true;
            }
            if (beforeNumber) {
                String trail = a < b && trailLast[s[b - 1]] ? Text.endsWithAny(s, b, a, g.subjectTrimTrailing) : null;
                if (trail != null && b - trail.length() - a >= 2) { // keep 人均, not 人
                    b -= trail.length();
                    changed = true;
                }
            } else {
                for (int k = a; k < b; k++) {
                    if (s[k] == '的' || s[k] == '(' || s[k] == '（') {
                        b = k;
                        changed = true;
                        break;
                    }
                }
            }
        }
        return ((long) a << 32) | (b & 0xFFFFFFFFL);
    }

    private static boolean isTrimChar(char c) {
        return Text.isSpace(c) || c == '(' || c == ')' || c == '（' || c == '）' || c == '《' || c == '》' || c == '【' || c == '】'
                || c == '[' || c == ']' || c == '"' || c == '\'' || c == '‘' || c == '’' || c == '—' || c == '-';
    }

    // ---------------------------------------------------------------- context of one number

    /** The scopes of one number for the metric rules; reused across the numbers of one report. */
    private final class Context implements MetricRules.Scopes {
        private final char[] s;
        private final KeywordAutomaton.Hits hits;
        private final NumberScanner sc;
        private final int n;
        private final long[][] bits = new long[MetricRules.Scope.values().length][];
        private final boolean[] ready = new boolean[MetricRules.Scope.values().length];
        /** for the growing scopes: the range their bitset holds now */
        private final int[] incStart = new int[MetricRules.Scope.values().length];
        private final int[] incEnd = new int[MetricRules.Scope.values().length];
        private final int[][] ranges = new int[MetricRules.Scope.values().length][];
        /** the ranges the bitset of a plain scope was last built for ({-1, -1, -1, -1}: never) */
        private final int[][] lastRanges = new int[MetricRules.Scope.values().length][];
        /** the section path the SECTION bitset was last built for */
        private int[] pathScratch = new int[8];
        private int[] lastPath = new int[8];
        private int lastPathSize = -1;
        private final NumberScanner.IntList verbs = new NumberScanner.IntList();
        /** isVerbHit per hit, filled as hits are looked at (0 unknown, 1 no, 2 yes) */
        private final byte[] verbMemo;
        private final List<Section> sections;
        /** keyword bits of each section's title, by index in {@link #sections}; computed when first needed */
        private final long[][] titleBits;
        private int offset;

        int sentStart, sentEnd, clauseStart, clauseEnd, paraStart, localStart, localEnd, afterCut;
        /** the number of the last {@link #set} */
        private NumberScanner.Cand current;
        /** the index in the clause ends of the first one at or after the number: clauseStart - 1 is the one before it */
        private int clauseRank;

        /** compact offset to offset in the report, or null when the text had no soft breaks */
        private final int[] orig;

        /** reused for each section title's scan */
        private final KeywordAutomaton.Hits titleHits;

        Context(char[] s, int n, KeywordAutomaton.Hits hits, NumberScanner sc, byte[] verbMemo, List<Section> sections, int[] orig,
                KeywordAutomaton.Hits titleHits) {
            this.titleHits = titleHits;
            this.orig = orig;
            this.verbMemo = verbMemo;
            this.sections = sections;
            this.titleBits = new long[sections.size()][];
            this.s = s;
            this.hits = hits;
            this.sc = sc;
            this.n = n;
            for (int k = 0; k < bits.length; k++) {
                bits[k] = new long[(words >>> 6) + 1];
                ranges[k] = new int[4];
                lastRanges[k] = new int[] {-1, -1, -1, -1};
                incStart[k] = -1;
            }
        }

        void set(NumberScanner.Cand c, NumberScanner.Cand prev, NumberScanner.Cand next) {
            offset = orig == null ? c.start : orig[c.start];
            sentStart = sc.sentenceEnds.lastBefore(c.qualStart) + 1;
            int se = sc.sentenceEnds.firstAtOrAfter(c.afterEnd);
            sentEnd = se < 0 ? n : (s[se] == '\n' ? se : se + 1);
            clauseRank = sc.clauseEnds.rank(c.qualStart);
            clauseStart = clauseRank == 0 ? 0 : sc.clauseEnds.a[clauseRank - 1] + 1; // lastBefore(qualStart) + 1
            int ce = sc.clauseEnds.firstAtOrAfter(c.afterEnd);
            clauseEnd = ce < 0 ? n : ce;
            paraStart = sc.lineEnds.lastBefore(c.qualStart) + 1;
            localStart = clauseStart;
            if (prev != null && prev.afterEnd > localStart && prev.afterEnd <= c.qualStart) localStart = prev.afterEnd;
            localEnd = clauseEnd;
            if (next != null && next.qualStart < localEnd && next.qualStart >= c.afterEnd) localEnd = next.qualStart;
            afterCut = localEnd;
            for (int h = hits.firstEndingAfter(c.afterEnd); h < hits.size && hits.end[h] <= localEnd; h++) {
                if (hits.start[h] >= c.afterEnd && verbHit(h) && hits.start[h] < afterCut) afterCut = hits.start[h];
            }
            // the governing verbs are read when a candidate rule asks for the VERB scope (bits())
            current = c;

            java.util.Arrays.fill(ready, false);
            int near = headNounStart(Math.max(localStart, c.qualStart - SUBJECT_REACH), c.qualStart);
            range(MetricRules.Scope.SUBJECT, near, c.qualStart, c.afterEnd, afterCut);
            range(MetricRules.Scope.BEFORE, near, c.qualStart, 0, 0);
            range(MetricRules.Scope.AFTER, c.afterEnd, afterCut, 0, 0);
            range(MetricRules.Scope.CLAUSE, clauseStart, clauseEnd, 0, 0);
            range(MetricRules.Scope.SENTENCE_BEFORE, sentStart, localEnd, 0, 0);
            range(MetricRules.Scope.SENTENCE, sentStart, sentEnd, 0, 0);
            range(MetricRules.Scope.PARAGRAPH, paraStart, localEnd, 0, 0);
        }

        /**
         * In "A、B等X 12件" / "A及其他X 12件" the head noun X says what is counted, not the items
         * listed before it: the subject starts after the last 等 (及其他, 和其他) that has words after it.
         */
        private int headNounStart(int from, int to) {
            int best = from;
            for (int k = from; k < to; k++) {
                int after = -1;
                if (s[k] == '等') after = k + 1;
                else if ((s[k] == '及' || s[k] == '和') && Text.startsWith(s, k + 1, to, "其他")) after = k + 3;
                if (after > 0 && to - after >= 2) best = after;
            }
            return best;
        }

        private void range(MetricRules.Scope scope, int a0, int b0, int a1, int b1) {
            int[] r = ranges[scope.ordinal()];
            r[0] = a0;
            r[1] = b0;
            r[2] = a1;
            r[3] = b1;
        }

        /**
         * The verbs that govern the number: those before it in its clause; when there are none and
         * the number follows its noun (会议纪要28件 after 审查合同23份、), those of the nearest
         * earlier clause of the sentence that has any, unless a breakdown (其中, 包括) starts first;
         * plus, when none stood before it in its clause, the verbs after it (3件规范性文件依规上报备案).
         */
        private void governingVerbs(NumberScanner.Cand c) {
            verbs.size = 0;
            collectVerbs(clauseStart, c.qualStart);
            // 废止、修改规范性文件118件: a verb alone before 、 is coordinated with this clause's verb
            // earlier clauses by index in the clause ends (cs - 1 is ends[e]): the same answers as
            // lastBefore(cs - 1), without moving the search cursor back from this number
            NumberScanner.IntList ends = sc.clauseEnds;
            int cs0 = clauseStart;
            int e0 = clauseRank - 1;
            for (int step = 0; step < 3 && cs0 >= 2 && s[cs0 - 1] == '、'; step++) {
                int ps = e0 > 0 ? ends.a[e0 - 1] + 1 : 0;
                if (cs0 - 1 - ps > 4 || !onlyVerb(ps, cs0 - 1)) break;
                collectVerbs(ps, cs0 - 1);
                cs0 = ps;
                e0--;
            }
            boolean ownVerbs = false;
            for (int k = 0; k < verbs.size; k++) if (!lightVerbWord[verbs.a[k]]) ownVerbs = true;
            if (!ownVerbs && verbs.size == 0 && hasContent(localStart, c.qualStart) && !startsWithBreakdown(clauseStart)) {
                int cs = clauseStart;
                int e = clauseRank - 1;
                for (int step = 0; step < 8 && cs > 0 && !Text.isSentenceEnd(s[cs - 1]); step++, e--) {
                    int pe = cs - 1;
                    int ps = e > 0 ? ends.a[e - 1] + 1 : 0;
                    collectVerbs(ps, pe);
                    if (verbs.size > 0 || startsWithBreakdown(ps)) break;
                    cs = ps;
                }
            }
            // verbs after the number govern it only when it leads its clause (3件规范性文件依规上报备案)
            if (!ownVerbs) collectVerbs(c.afterEnd, localEnd);
        }

        private boolean verbHit(int h) {
            byte m = verbMemo[h];
            if (m == 0) verbMemo[h] = m = isVerbHit(hits, h) ? (byte) 2 : (byte) 1;
            return m == 2;
        }

        /** True when {@code [from, to)} is exactly one verb (spaces aside). */
        private boolean onlyVerb(int from, int to) {
            while (from < to && Text.isSpace(s[from])) from++;
            while (to > from && Text.isSpace(s[to - 1])) to--;
            if (from >= to) return false;
            for (int h = hits.firstEndingAfter(from); h < hits.size && hits.end[h] <= to; h++) {
                if (hits.start[h] == from && hits.end[h] == to && verbHit(h)) return true;
            }
            return false;
        }

        private void collectVerbs(int from, int to) {
            if (from >= to) return;
            for (int h = hits.firstEndingAfter(from); h < hits.size && hits.end[h] <= to; h++) {
                if (hits.start[h] >= from && verbHit(h)) verbs.add(hits.word[h]);
            }
        }

        private boolean hasContent(int from, int to) {
            for (int k = from; k < to; k++) if (!Text.isSpace(s[k])) return true;
            return false;
        }

        private boolean startsWithBreakdown(int pos) {
            while (pos < n && Text.isSpace(s[pos])) pos++;
            for (int h = hits.firstEndingAfter(pos); h < hits.size && hits.end[h] <= pos + 8; h++) {
                if (hits.start[h] == pos && breakdownWord[hits.word[h]]) return true;
            }
            return false;
        }

        boolean any(boolean[] set, int from, int to) {
            if (from >= to) return false;
            for (int h = hits.firstEndingAfter(from); h < hits.size && hits.end[h] <= to; h++) {
                if (hits.start[h] >= from && set[hits.word[h]]) return true;
            }
            return false;
        }

        @Override
        public boolean has(MetricRules.Scope scope, int word) {
            long[] b = bits(scope);
            return (b[word >>> 6] & (1L << (word & 63))) != 0;
        }

        @Override
        public long[] bits(MetricRules.Scope scope) {
            int si = scope.ordinal();
            long[] b = bits[si];
            if (ready[si]) return b;
            if (scope == MetricRules.Scope.VERB) {
                governingVerbs(current);
                java.util.Arrays.fill(b, 0L);
                for (int k = 0; k < verbs.size; k++) b[verbs.a[k] >>> 6] |= 1L << (verbs.a[k] & 63);
            } else if (scope == MetricRules.Scope.SECTION) {
                // the titles of every section that holds the number (its path in the outline); the
                // bits of the previous number still hold when it had the same path
                int np = 0;
                for (int k = 0; k < sections.size(); k++) {
                    Section sec = sections.get(k);
                    if (sec.start() > offset || offset >= sec.end()) continue;
                    if (np == pathScratch.length) pathScratch = java.util.Arrays.copyOf(pathScratch, np * 2);
                    pathScratch[np++] = k;
                }
                if (np != lastPathSize || !java.util.Arrays.equals(pathScratch, 0, np, lastPath, 0, np)) {
                    java.util.Arrays.fill(b, 0L);
                    for (int i = 0; i < np; i++) {
                        int k = pathScratch[i];
                        if (titleBits[k] == null) titleBits[k] = titleBits(sections.get(k).title());
                        for (int w = 0; w < b.length; w++) b[w] |= titleBits[k][w];
                    }
                    if (lastPath.length < np) lastPath = new int[pathScratch.length];
                    System.arraycopy(pathScratch, 0, lastPath, 0, np);
                    lastPathSize = np;
                }
            } else if (scope == MetricRules.Scope.PARAGRAPH || scope == MetricRules.Scope.SENTENCE_BEFORE) {
                // these ranges only grow from one number to the next in a line or sentence: extend, don't rebuild
                int[] r = ranges[si];
                if (r[0] != incStart[si] || r[1] < incEnd[si]) {
                    java.util.Arrays.fill(b, 0L);
                    incStart[si] = r[0];
                    incEnd[si] = r[0];
                }
                addHits(b, r[0], incEnd[si], r[1]);
                incEnd[si] = Math.max(incEnd[si], r[1]);
            } else {
                // the bits of the previous number still hold when this scope has the same ranges
                // (the clause or sentence of several numbers)
                int[] r = ranges[si];
                int[] last = lastRanges[si];
                if (!java.util.Arrays.equals(r, last)) {
                    java.util.Arrays.fill(b, 0L);
                    for (int k = 0; k + 1 < r.length; k += 2) {
                        if (r[k] < r[k + 1]) addHits(b, r[k], r[k], r[k + 1]);
                    }
                    System.arraycopy(r, 0, last, 0, r.length);
                }
            }
            ready[si] = true;
            return b;
        }

        private long[] titleBits(String title) {
            long[] tb = new long[(words >>> 6) + 1];
            if (title == null || title.isEmpty()) return tb;
            char[] t = dev.reportflow.extraction.text.TextNormalizer.normalize(title).toCharArray();
            // a title is short; an outsized one (a broken outline) gets its own list rather than growing the kept one
            KeywordAutomaton.Hits th = t.length <= 4096 ? kw.scan(t, 0, t.length, titleHits) : kw.scan(t, 0, t.length);
            for (int h = 0; h < th.size; h++) tb[th.word[h] >>> 6] |= 1L << (th.word[h] & 63);
            return tb;
        }

        /** Sets the bits of the hits that start at or after {@code from} and end in {@code (after, to]}. */
        private void addHits(long[] b, int from, int after, int to) {
            if (after >= to) return;
            for (int h = hits.firstEndingAfter(after); h < hits.size && hits.end[h] <= to; h++) {
                if (hits.start[h] >= from) b[hits.word[h] >>> 6] |= 1L << (hits.word[h] & 63);
            }
        }

        @Override
        public boolean hasSequence(MetricRules.Scope scope, int[] seq) {
            if (scope == MetricRules.Scope.VERB) return false;
            int[] r = ranges[scope.ordinal()];
            for (int k = 0; k + 1 < r.length; k += 2) {
                int pos = r[k], to = r[k + 1];
                int matched = 0;
                while (matched < seq.length) {
                    int found = -1;
                    for (int h = hits.firstEndingAfter(pos); h < hits.size && hits.end[h] <= to; h++) {
                        if (hits.start[h] >= pos && hits.word[h] == seq[matched]) {
                            found = hits.end[h];
                            break;
                        }
                    }
                    if (found < 0) break;
                    pos = found;
                    matched++;
                }
                if (matched == seq.length) return true;
            }
            return false;
        }
    }
}
