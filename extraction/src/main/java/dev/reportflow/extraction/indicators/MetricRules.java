package dev.reportflow.extraction.indicators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Canonical metric rules ({@code metrics.json}): which indicator is which metric id. Rules are data;
 * this class compiles them to keyword ids of the shared {@link KeywordAutomaton} and evaluates them
 * against a {@link Scopes} view of one indicator. Immutable and thread-safe.
 */
final class MetricRules {

    /** Where a rule looks for its words (see the file's _doc). */
    enum Scope {
        SUBJECT("subject"), BEFORE("before"), AFTER("after"), CLAUSE("clause"), SENTENCE_BEFORE("sentenceBefore"),
        SENTENCE("sentence"), PARAGRAPH("paragraph"), SECTION("section"), VERB("verb");

        final String json;

        Scope(String json) {
            this.json = json;
        }
    }

    /** The per-indicator view the rules test: which keyword ids occur in which scope. */
    interface Scopes {
        /** True when keyword {@code word} occurs in scope {@code s}. */
        boolean has(Scope s, int word);

        /** True when keywords {@code words} occur in this order (non-overlapping) in scope {@code s}. */
        boolean hasSequence(Scope s, int[] words);

        /** The keyword ids present in scope {@code s}, as a bitset (read only). */
        long[] bits(Scope s);
    }

    record Rule(String id, String metric, int priority, int order, Set<String> units, Set<String> kinds, int kindMask, Cond[] conds) {}

    /** The kinds of spec/indicators.md §2, as bits for the rules' kind filter. */
    static final List<String> KINDS = List.of("count", "amount", "rate", "change", "ratio", "target", "duration");

    static int kindBit(String kind) {
        int i = KINDS.indexOf(kind);
        return i < 0 ? 0 : 1 << i;
    }

    /**
     * all / any / none over one scope; each term is a keyword id sequence (usually of length one).
     * Single-word any/none terms are also kept as bit masks, tested against the scope's bitset in
     * a few word-wide ANDs.
     */
    record Cond(Scope scope, int[][] all, int[][] any, int[][] none, Mask anyMask, int[][] anySeqs, Mask noneMask,
                int[][] noneSeqs) {}

    /**
     * A keyword-id bitset kept sparse: only its non-zero 64-bit words (idx, val). A rule's word
     * list touches one or two of the ~10 words, so a test is one or two ANDs instead of ten.
     */
    record Mask(int[] idx, long[] val) {
        boolean intersects(long[] bits) {
            for (int k = 0; k < idx.length; k++) if ((bits[idx[k]] & val[k]) != 0) return true;
            return false;
        }
    }

    /** Raw rule as read, kept until the automaton exists. */
    private record RawCond(Scope scope, List<String> all, List<String> any, List<String> none) {}

    private record RawRule(String id, String metric, int priority, Set<String> units, Set<String> kinds, List<RawCond> conds) {}

    static final String SEQ = "…";

    private final List<RawRule> raw;
    final List<String> verbs;
    final List<String> breakdownMarkers;
    final List<String> lightVerbs;
    /** nouns that hold a verb (行政许可): found as keywords so that the verb inside is no verb there */
    final List<String> verbNouns;

    private MetricRules(JsonNode root) {
        verbs = List.copyOf(new LinkedHashSet<>(List.of(Grammar.strings(root.path("verbs")))));
        breakdownMarkers = List.of(Grammar.strings(root.path("breakdownMarkers")));
        lightVerbs = List.of(Grammar.strings(root.path("lightVerbs")));
        verbNouns = List.of(Grammar.strings(root.path("verbNouns")));
        for (String v : lightVerbs) if (!verbs.contains(v)) throw new IllegalArgumentException("light verb not in verbs: " + v);
        Set<String> defaultKinds = root.has("defaultKinds")
                ? new LinkedHashSet<>(List.of(Grammar.strings(root.get("defaultKinds")))) : null;
        Map<String, List<String>> groups = new LinkedHashMap<>();
        root.path("unitGroups").fields().forEachRemaining(e -> groups.put(e.getKey(), List.of(Grammar.strings(e.getValue()))));
        List<RawRule> rs = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode r : root.path("rules")) {
            String id = r.path("id").asText();
            String metric = r.path("metric").asText();
            if (id.isEmpty() || metric.isEmpty()) throw new IllegalArgumentException("rule without id or metric: " + r);
            if (!seen.add(id)) throw new IllegalArgumentException("duplicate rule id " + id);
            Set<String> units = null;
            if (r.has("units")) {
                units = new LinkedHashSet<>();
                for (String u : Grammar.strings(r.get("units"))) {
                    if (u.startsWith("@")) {
                        List<String> g = groups.get(u.substring(1));
                        if (g == null) throw new IllegalArgumentException("rule " + id + ": unknown unit group " + u);
                        units.addAll(g);
                    } else {
                        units.add(u);
                    }
                }
            }
            Set<String> kinds = r.has("kinds") ? new LinkedHashSet<>(List.of(Grammar.strings(r.get("kinds")))) : defaultKinds;
            List<RawCond> conds = new ArrayList<>();
            for (Scope s : Scope.values()) {
                JsonNode c = r.path(s.json);
                if (c.isMissingNode()) continue;
                conds.add(new RawCond(s, List.of(Grammar.strings(c.path("all"))), List.of(Grammar.strings(c.path("any"))),
                        List.of(Grammar.strings(c.path("none")))));
            }
            r.fieldNames().forEachRemaining(f -> {
                if (!f.startsWith("_") && !List.of("id", "metric", "priority", "units", "kinds").contains(f)
                        && conds.stream().noneMatch(c -> c.scope().json.equals(f))) {
                    throw new IllegalArgumentException("rule " + id + ": unknown field " + f);
                }
            });
            rs.add(new RawRule(id, metric, r.path("priority").asInt(0), units, kinds, conds));
        }
        raw = List.copyOf(rs);
    }

    static MetricRules load(ObjectMapper mapper, String resource) {
        try (InputStream in = MetricRules.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing resource " + resource);
            return new MetricRules(mapper.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    static MetricRules parse(ObjectMapper mapper, String json) {
        try {
            return new MetricRules(mapper.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every keyword the rules use (sequence parts split), for the automaton. */
    List<String> keywords() {
        List<String> out = new ArrayList<>(verbs);
        out.addAll(breakdownMarkers);
        out.addAll(verbNouns);
        for (RawRule r : raw) {
            for (RawCond c : r.conds()) {
                for (List<String> terms : List.of(c.all(), c.any(), c.none())) {
                    for (String t : terms) for (String part : t.split(SEQ)) if (!part.isEmpty()) out.add(part);
                }
            }
        }
        return out;
    }

    /** Rules bound to one automaton, ordered by priority (then file order), looked up by unit. */
    static final class Compiled {
        private final Rule[] all;
        /** per unit, the rules that accept it (a rule without units accepts every unit); filled lazily. */
        private final java.util.concurrent.ConcurrentHashMap<String, Rule[]> byUnit = new java.util.concurrent.ConcurrentHashMap<>();

        /*
         * Gate on the subject scope, which every number builds first anyway: nearly every rule
         * needs one of a few words there (subject any/all), so instead of testing ~70 rules per
         * number, the subject's keywords name the few rules that can hold. Rule sets are bitsets
         * over the priority order (at most 128 rules: two words; more rules use the plain loop).
         * gate[2w], gate[2w+1]: the rules that keyword w can open; open: rules without a subject gate.
         */
        private final boolean gated;
        private final long[] gate;
        private final long open0, open1;
        /** per kind bit index (0..6, 7 = unknown kind): the rules that accept it */
        private final long[] kind0 = new long[KINDS.size() + 1], kind1 = new long[KINDS.size() + 1];
        /** per unit: the rules that accept it, as {lo, hi}; filled lazily */
        private final java.util.concurrent.ConcurrentHashMap<String, long[]> unitMask = new java.util.concurrent.ConcurrentHashMap<>();

        Compiled(Rule[] all, int words) {
            this.all = all;
            this.gated = all.length <= 128;
            this.gate = new long[2 * words];
            long o0 = 0, o1 = 0;
            for (int i = 0; gated && i < all.length; i++) {
                int[] gateWords = subjectGate(all[i]);
                if (gateWords == null) {
                    if (i < 64) o0 |= 1L << i;
                    else o1 |= 1L << (i - 64);
                } else {
                    for (int w : gateWords) gate[2 * w + (i >>> 6)] |= 1L << (i & 63);
                }
                for (int k = 0; k < KINDS.size(); k++) {
                    if ((all[i].kindMask() & (1 << k)) == 0) continue;
                    if (i < 64) kind0[k] |= 1L << i;
                    else kind1[k] |= 1L << (i - 64);
                }
            }
            open0 = o0;
            open1 = o1;
        }

        /**
         * Words of which at least one is a hit in the subject scope whenever the rule holds, or null
         * (no such words: the rule is always tested). A sequence is found only when its first word
         * is a hit in the scope, so first words stand for sequences.
         */
        private static int[] subjectGate(Rule r) {
            for (Cond c : r.conds()) {
                if (c.scope() != Scope.SUBJECT) continue;
                if (c.all().length > 0) return c.all()[0].length == 0 ? null : new int[] {c.all()[0][0]};
                if (c.any().length > 0) {
                    int[] w = new int[c.any().length];
                    for (int k = 0; k < w.length; k++) {
                        if (c.any()[k].length == 0) return null;
                        w[k] = c.any()[k][0];
                    }
                    return w;
                }
            }
            return null;
        }

        private Rule[] forUnit(String unit) {
            Rule[] r = byUnit.get(unit);
            if (r == null) {
                List<Rule> l = new ArrayList<>();
                for (Rule x : all) if (x.units() == null || x.units().contains(unit)) l.add(x);
                r = l.toArray(new Rule[0]);
                byUnit.putIfAbsent(unit, r);
            }
            return r;
        }

        private long[] unitMask(String unit) {
            long[] m = unitMask.get(unit);
            if (m == null) {
                m = new long[2];
                for (int i = 0; i < all.length; i++) {
                    if (all[i].units() == null || all[i].units().contains(unit)) m[i >>> 6] |= 1L << (i & 63);
                }
                unitMask.putIfAbsent(unit, m);
            }
            return m;
        }

        /** The winning rule for an indicator with this unit and kind, or null. */
        Rule match(String unit, String kind, Scopes scopes) {
            if (!gated) return matchPlain(unit, kind, scopes);
            int bit = kindBit(kind);
            int k = bit == 0 ? KINDS.size() : Integer.numberOfTrailingZeros(bit);
            long[] um = unitMask(unit);
            long c0 = um[0] & kind0[k], c1 = um[1] & kind1[k];
            if ((c0 | c1) == 0) return null;
            // the rules the subject's keywords can open
            long g0 = open0, g1 = open1;
            long[] sb = scopes.bits(Scope.SUBJECT);
            for (int w = 0; w < sb.length; w++) {
                long b = sb[w];
                while (b != 0) {
                    int id = (w << 6) + Long.numberOfTrailingZeros(b);
                    b &= b - 1;
                    g0 |= gate[2 * id];
                    g1 |= gate[2 * id + 1];
                }
            }
            c0 &= g0;
            c1 &= g1;
            while (c0 != 0) {
                Rule r = all[Long.numberOfTrailingZeros(c0)];
                c0 &= c0 - 1;
                if (holds(r, scopes)) return r;
            }
            while (c1 != 0) {
                Rule r = all[64 + Long.numberOfTrailingZeros(c1)];
                c1 &= c1 - 1;
                if (holds(r, scopes)) return r;
            }
            return null;
        }

        /** The plain definition {@link #match} must agree with: every rule in priority order. */
        Rule matchPlain(String unit, String kind, Scopes scopes) {
            int bit = kindBit(kind);
            for (Rule r : forUnit(unit)) {
                if ((r.kindMask() & bit) == 0) continue;
                if (holds(r, scopes)) return r;
            }
            return null;
        }

        int size() {
            return all.length;
        }

        /** The rules in priority order (tests). */
        List<Rule> rules() {
            return List.of(all);
        }
    }

    /** Binds the rules to the automaton's keyword ids and orders them by priority (then file order). */
    Compiled compile(KeywordAutomaton kw) {
        List<Rule> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            RawRule r = raw.get(i);
            Cond[] conds = new Cond[r.conds().size()];
            for (int k = 0; k < conds.length; k++) {
                RawCond c = r.conds().get(k);
                if (c.scope() == Scope.VERB) {
                    for (List<String> terms : List.of(c.all(), c.any(), c.none())) {
                        for (String t : terms) {
                            if (t.contains(SEQ) || !verbs.contains(t)) {
                                throw new IllegalArgumentException("rule " + r.id() + ": verb scope term '" + t
                                        + "' must be a single word of the verbs list");
                            }
                        }
                    }
                }
                int[][] any = terms(kw, c.any());
                int[][] none = terms(kw, c.none());
                conds[k] = new Cond(c.scope(), terms(kw, c.all()), any, none, mask(kw, any), seqs(any), mask(kw, none), seqs(none));
            }
            int mask = 0;
            if (r.kinds() == null) {
                mask = -1;
            } else {
                for (String k : r.kinds()) {
                    if (kindBit(k) == 0) throw new IllegalArgumentException("rule " + r.id() + ": unknown kind " + k);
                    mask |= kindBit(k);
                }
            }
            out.add(new Rule(r.id(), r.metric(), r.priority(), i, r.units(), r.kinds(), mask, conds));
        }
        out.sort(Comparator.comparingInt((Rule r) -> -r.priority()).thenComparingInt(Rule::order));
        return new Compiled(out.toArray(new Rule[0]), kw.size());
    }

    private static Mask mask(KeywordAutomaton kw, int[][] terms) {
        long[] m = new long[(kw.size() >>> 6) + 1];
        for (int[] t : terms) if (t.length == 1) m[t[0] >>> 6] |= 1L << (t[0] & 63);
        int nz = 0;
        for (long w : m) if (w != 0) nz++;
        int[] idx = new int[nz];
        long[] val = new long[nz];
        for (int i = 0, k = 0; i < m.length; i++) {
            if (m[i] != 0) {
                idx[k] = i;
                val[k++] = m[i];
            }
        }
        return new Mask(idx, val);
    }

    private static int[][] seqs(int[][] terms) {
        List<int[]> out = new ArrayList<>();
        for (int[] t : terms) if (t.length > 1) out.add(t);
        return out.toArray(new int[0][]);
    }

    private static int[][] terms(KeywordAutomaton kw, List<String> terms) {
        int[][] out = new int[terms.size()][];
        for (int i = 0; i < out.length; i++) {
            String[] parts = terms.get(i).split(SEQ);
            List<Integer> ids = new ArrayList<>();
            for (String p : parts) if (!p.isEmpty()) ids.add(kw.id(p));
            out[i] = ids.stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    private static boolean holds(Rule r, Scopes scopes) {
        for (Cond c : r.conds()) {
            long[] bits = scopes.bits(c.scope());
            for (int[] t : c.all()) {
                if (t.length == 1 ? (bits[t[0] >>> 6] & (1L << (t[0] & 63))) == 0 : !scopes.hasSequence(c.scope(), t)) return false;
            }
            if (c.any().length > 0 && !c.anyMask().intersects(bits)) {
                boolean found = false;
                for (int[] t : c.anySeqs()) {
                    if (scopes.hasSequence(c.scope(), t)) {
                        found = true;
                        break;
                    }
                }
                if (!found) return false;
            }
            if (c.noneMask().intersects(bits)) return false;
            for (int[] t : c.noneSeqs()) if (scopes.hasSequence(c.scope(), t)) return false;
        }
        return true;
    }

}
