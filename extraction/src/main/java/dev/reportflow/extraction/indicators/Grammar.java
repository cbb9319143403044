package dev.reportflow.extraction.indicators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The number grammar's data ({@code grammar.json}): units, qualifiers, exclusions and the word
 * lists the scanner consults. Immutable once loaded; lookups are by char-indexed tables so the
 * scanner never allocates or hashes on its hot path.
 */
final class Grammar {

    /** A measure word, percent sign or money unit as written after a number. */
    record Unit(String text, String unit, String kind, boolean arabicOnly, String[] notBefore, String[] notAfter, String onlyAfter) {}

    /** A qualifier word and the approx value it gives. */
    record Qualifier(String text, String approx) {}

    private static final int BUCKETS = 64;

    /*
     * Lookup buckets by a char mod 64 (tables indexed by the whole char were 256 KB each and missed
     * the cache): each bucket keeps the order of the full list, and the text compare that follows
     * rejects words of another char in the same bucket.
     */
    /** units by first char, longest first. */
    private final Unit[][] unitsByFirst = new Unit[BUCKETS][];
    /** the first char of each unit in {@link #unitsByFirst}: the others are skipped without a text compare */
    private final char[][] unitFirstChars = new char[BUCKETS][];
    /**
     * each unit's second char, or 0 for a one-char unit: most units are one or two chars, so the
     * compare ends here without reading the unit's String (a cache miss per number otherwise)
     */
    private final char[][] unitSecondChars = new char[BUCKETS][];
    /**
     * each unit's notBefore words bucketed by first char (null: none), so the check after a unit
     * compares only the words that start with the next char: 分 has 24, most never start there
     */
    private final Text.Words[][] unitNotBefore = new Text.Words[BUCKETS][];
    /** every unit, longest first (the plain definition of {@link #unitAt}) */
    private final Unit[] unitsLongestFirst;
    /** prefix qualifiers by LAST char (matched backwards from the number), longest first. */
    private final Qualifier[][] prefixByLast = new Qualifier[BUCKETS][];
    /** suffix qualifiers by first char, longest first. */
    private final Qualifier[][] suffixByFirst = new Qualifier[BUCKETS][];

    final String[] prefixOnlyBeforeBareMultiplier;
    final Map<String, String> notQualifierAfter;
    final String moreThanMarks;

    final Text.Words ordinalBefore;
    final Text.Words sessionBefore;
    final Text.Words weekdayBefore;
    final Text.Words rankBefore;
    final String[] rankUnits;
    final String formulaChars;
    final Text.Words sloganNouns;
    final Text.Words vagueBefore;
    final String nounBeforeVague;
    final Text.Words excludedPhrases;
    final int quoteMaxChars;
    final int titleMaxChars;
    final Text.Words bareOneAllowedAfter;

    final int yearMin;
    final int yearMax;
    final Text.Words durationYearAfter;
    final Text.Words durationYearBefore;
    final Text.Words notDurationYearAfter;
    final Text.Words durationDayAfter;
    final Text.Words durationDayBefore;

    final String[] moneyWords;
    final String[] ratioWords;
    final String[] changeCues;
    final Text.Words changeUp;
    final Text.Words changeDown;
    final Text.Words changeLink;
    final Text.Words levelMarks;

    final String[] targetCues;
    final Text.Words subjectTrimLeading;
    final Text.Words subjectTrimTrailing;
    final String[] subjectLeadIns;

    private Grammar(JsonNode root) {
        List<Unit> units = new ArrayList<>();
        for (JsonNode u : root.path("units")) {
            String text = u.path("text").asText();
            if (text.isEmpty()) throw new IllegalArgumentException("unit without text");
            units.add(new Unit(text, u.path("unit").asText(text), u.path("kind").asText("count"),
                    u.path("arabicOnly").asBoolean(false), strings(u.path("notBefore")), strings(u.path("notAfter")),
                    u.hasNonNull("onlyAfter") ? u.get("onlyAfter").asText() : null));
        }
        units.sort(Comparator.comparingInt((Unit u) -> -u.text().length()));
        this.unitsLongestFirst = units.toArray(new Unit[0]);
        for (Unit u : units) unitsByFirst[u.text().charAt(0) & 63] = append(unitsByFirst[u.text().charAt(0) & 63], u);
        for (int b = 0; b < BUCKETS; b++) {
            if (unitsByFirst[b] == null) continue;
            unitFirstChars[b] = new char[unitsByFirst[b].length];
            for (int k = 0; k < unitsByFirst[b].length; k++) unitFirstChars[b][k] = unitsByFirst[b][k].text().charAt(0);
            unitSecondChars[b] = new char[unitsByFirst[b].length];
            for (int k = 0; k < unitsByFirst[b].length; k++) {
                String w = unitsByFirst[b][k].text();
                unitSecondChars[b][k] = w.length() > 1 ? w.charAt(1) : 0;
            }
            unitNotBefore[b] = new Text.Words[unitsByFirst[b].length];
            for (int k = 0; k < unitsByFirst[b].length; k++) {
                String[] nb = unitsByFirst[b][k].notBefore(); // never holds "" (strings() drops it)
                if (nb.length > 0) unitNotBefore[b][k] = new Text.Words(nb);
            }
        }

        for (Qualifier q : qualifiers(root.path("prefixQualifiers"))) {
            int last = q.text().charAt(q.text().length() - 1) & 63;
            prefixByLast[last] = append(prefixByLast[last], q);
        }
        for (Qualifier q : qualifiers(root.path("suffixQualifiers"))) {
            suffixByFirst[q.text().charAt(0) & 63] = append(suffixByFirst[q.text().charAt(0) & 63], q);
        }
        prefixOnlyBeforeBareMultiplier = strings(root.path("prefixOnlyBeforeBareMultiplier"));
        notQualifierAfter = new java.util.TreeMap<>();
        root.path("notQualifierAfter").fields().forEachRemaining(e -> notQualifierAfter.put(e.getKey(), e.getValue().asText()));
        moreThanMarks = root.path("moreThanMarks").asText("余多");

        JsonNode ex = root.path("exclusions");
        ordinalBefore = new Text.Words(strings(ex.path("ordinalBefore")));
        sessionBefore = new Text.Words(strings(ex.path("sessionBefore")));
        weekdayBefore = new Text.Words(strings(ex.path("weekdayBefore")));
        rankBefore = new Text.Words(strings(ex.path("rankBefore")));
        rankUnits = strings(ex.path("rankUnits"));
        formulaChars = ex.path("formulaChars").asText("");
        sloganNouns = new Text.Words(strings(ex.path("sloganNouns")));
        vagueBefore = new Text.Words(strings(ex.path("vagueBefore")));
        nounBeforeVague = ex.path("nounBeforeVague").asText("");
        excludedPhrases = new Text.Words(strings(ex.path("excludedPhrases")));
        quoteMaxChars = ex.path("quoteMaxChars").asInt(40);
        titleMaxChars = ex.path("titleMaxChars").asInt(120);
        bareOneAllowedAfter = new Text.Words(strings(ex.path("bareOneAllowedAfter")));

        JsonNode d = root.path("dates");
        yearMin = d.path("yearMin").asInt(1900);
        yearMax = d.path("yearMax").asInt(2100);
        durationYearAfter = new Text.Words(strings(d.path("durationYearAfter")));
        durationYearBefore = new Text.Words(strings(d.path("durationYearBefore")));
        notDurationYearAfter = new Text.Words(strings(d.path("notDurationYearAfter")));
        durationDayAfter = new Text.Words(strings(d.path("durationDayAfter")));
        durationDayBefore = new Text.Words(strings(d.path("durationDayBefore")));

        moneyWords = strings(root.path("moneyWords"));
        ratioWords = strings(root.path("ratioWords"));
        JsonNode ch = root.path("change");
        changeCues = strings(ch.path("cues"));
        changeUp = new Text.Words(strings(ch.path("up")));
        changeDown = new Text.Words(strings(ch.path("down")));
        changeLink = new Text.Words(strings(ch.path("link")));
        levelMarks = new Text.Words(strings(ch.path("levelMarks")));

        targetCues = strings(root.path("targetCues"));
        subjectTrimLeading = new Text.Words(strings(root.path("subjectTrimLeading")));
        subjectTrimTrailing = new Text.Words(strings(root.path("subjectTrimTrailing")));
        subjectLeadIns = strings(root.path("subjectLeadIns"));
    }

    static Grammar load(ObjectMapper mapper, String resource) {
        try (InputStream in = Grammar.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing resource " + resource);
            return new Grammar(mapper.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    static Grammar parse(ObjectMapper mapper, String json) {
        try {
            return new Grammar(mapper.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The longest unit written at {@code pos}, honouring its {@code notBefore} continuations, or null. */
    Unit unitAt(char[] s, int pos, int end) {
        if (pos >= end) return null;
        char c = s[pos];
        Unit[] cands = unitsByFirst[c & 63];
        if (cands == null) return null;
        char[] firsts = unitFirstChars[c & 63];
        char[] seconds = unitSecondChars[c & 63];
        // the char after the first, or 0 (never a unit's second char) at the end
        char c2 = pos + 1 < end ? s[pos + 1] : 0;
        for (int k = 0; k < cands.length; k++) {
            if (firsts[k] != c) continue;
            char second = seconds[k];
            if (second != 0 && second != c2) continue;
            Unit u = cands[k];
            if (second != 0 && !Text.startsWith(s, pos, end, u.text())) continue;
            Text.Words nb = unitNotBefore[c & 63][k];
            if (nb == null) return u;
            // blocked when any notBefore word follows: one exists iff the longest one does
            if (Text.startsWithAny(s, pos + u.text().length(), end, nb) == null) return u;
        }
        return null;
    }

    /** {@link #unitAt}'s plain definition: every unit, longest first, compared in full (tests). */
    Unit unitAtPlain(char[] s, int pos, int end) {
        for (Unit u : unitsLongestFirst) {
            if (!Text.startsWith(s, pos, end, u.text())) continue;
            int after = pos + u.text().length();
            boolean blocked = false;
            for (String nb : u.notBefore()) blocked |= Text.startsWith(s, after, end, nb);
            if (!blocked) return u;
        }
        return null;
    }

    /** The longest prefix qualifier ending just before {@code pos} (not part of a longer word), or null. */
    Qualifier prefixQualifierBefore(char[] s, int pos, int floor) {
        if (pos - 1 < floor) return null;
        Qualifier[] cands = prefixByLast[s[pos - 1] & 63];
        if (cands == null) return null;
        for (Qualifier q : cands) {
            int st = pos - q.text().length();
            if (st < floor || !Text.startsWith(s, st, pos, q.text())) continue;
            String forbidden = notQualifierAfter.get(q.text());
            if (forbidden != null && st - 1 >= floor && forbidden.indexOf(s[st - 1]) >= 0) continue;
            return q;
        }
        return null;
    }

    /** The longest suffix qualifier starting at {@code pos}, or null. */
    Qualifier suffixQualifierAt(char[] s, int pos, int end) {
        if (pos >= end) return null;
        Qualifier[] cands = suffixByFirst[s[pos] & 63];
        if (cands == null) return null;
        for (Qualifier q : cands) {
            if (Text.startsWith(s, pos, end, q.text())) return q;
        }
        return null;
    }

    boolean prefixOnlyBeforeBareMultiplier(String qualifier) {
        for (String p : prefixOnlyBeforeBareMultiplier) if (p.equals(qualifier)) return true;
        return false;
    }

    /** Every word the scanner and the subject logic look for, for the keyword automaton. */
    List<String> words() {
        List<String> out = new ArrayList<>();
        addAll(out, moneyWords);
        addAll(out, ratioWords);
        addAll(out, changeCues);
        addAll(out, targetCues);
        return out;
    }

    private static void addAll(List<String> out, String[] words) {
        for (String w : words) out.add(w);
    }

    private static List<Qualifier> qualifiers(JsonNode obj) {
        List<Qualifier> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().startsWith("_")) continue;
            out.add(new Qualifier(e.getKey(), e.getValue().asText()));
        }
        out.sort(Comparator.comparingInt((Qualifier q) -> -q.text().length()).thenComparing(Qualifier::text));
        return out;
    }

    static String[] strings(JsonNode arr) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : arr) {
            String s = n.asText();
            if (!s.isEmpty()) out.add(s);
        }
        return out.toArray(new String[0]);
    }

    private static <T> T[] append(T[] arr, T item) {
        if (arr == null) {
            @SuppressWarnings("unchecked")
            T[] one = (T[]) java.lang.reflect.Array.newInstance(item.getClass(), 1);
            one[0] = item;
            return one;
        }
        T[] out = java.util.Arrays.copyOf(arr, arr.length + 1);
        out[arr.length] = item;
        return out;
    }
}
