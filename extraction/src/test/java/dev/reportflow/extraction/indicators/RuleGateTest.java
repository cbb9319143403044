package dev.reportflow.extraction.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The subject-gated rule lookup ({@link MetricRules.Compiled#match}) picks exactly the rule the
 * plain definition picks (every rule of the unit, in priority order: {@code matchPlain}), on
 * random scopes drawn mostly from the rules' own words, for every unit the rules name and every kind.
 */
class RuleGateTest {
    private static final IndicatorExtractor X = IndicatorExtractor.withDefaults();
    private static final MetricRules.Compiled RULES = X.rules();
    private static final int WORDS = X.keywords().size();

    /** Every word a rule condition names, so random scopes often satisfy (and often violate) rules. */
    private static final int[] RULE_WORDS;
    private static final List<String> UNITS;

    static {
        Set<Integer> w = new LinkedHashSet<>();
        Set<String> units = new LinkedHashSet<>(List.of("", "元", "%", "件", "x-unknown"));
        for (MetricRules.Rule r : RULES.rules()) {
            if (r.units() != null) units.addAll(r.units());
            for (MetricRules.Cond c : r.conds()) {
                for (int[][] terms : List.of(c.all(), c.any(), c.none())) for (int[] t : terms) for (int id : t) w.add(id);
            }
        }
        RULE_WORDS = w.stream().mapToInt(Integer::intValue).toArray();
        UNITS = List.copyOf(units);
    }

    /** Scopes with random keyword sets; a sequence is found only when all its words are there (and a coin says so). */
    private static final class RandomScopes implements MetricRules.Scopes {
        final Map<MetricRules.Scope, long[]> bits = new EnumMap<>(MetricRules.Scope.class);
        final long seqSeed;

        RandomScopes(Random rnd) {
            seqSeed = rnd.nextLong();
            for (MetricRules.Scope s : MetricRules.Scope.values()) {
                long[] b = new long[(WORDS >>> 6) + 1];
                int n = rnd.nextInt(rnd.nextBoolean() ? 4 : 16);
                for (int k = 0; k < n; k++) {
                    int id = rnd.nextInt(4) == 0 ? rnd.nextInt(WORDS) : RULE_WORDS[rnd.nextInt(RULE_WORDS.length)];
                    b[id >>> 6] |= 1L << (id & 63);
                }
                bits.put(s, b);
            }
        }

        @Override
        public boolean has(MetricRules.Scope s, int word) {
            return (bits.get(s)[word >>> 6] & (1L << (word & 63))) != 0;
        }

        @Override
        public boolean hasSequence(MetricRules.Scope s, int[] words) {
            long h = seqSeed ^ s.ordinal();
            for (int w : words) {
                if (!has(s, w)) return false;
                h = h * 31 + w;
            }
            return (h & 1) == 0;
        }

        @Override
        public long[] bits(MetricRules.Scope s) {
            return bits.get(s);
        }
    }

    @Property(tries = 300)
    void gatedLookupAgreesWithThePlainLoop(@ForAll long seed) {
        Random rnd = new Random(seed);
        for (int round = 0; round < 20; round++) {
            RandomScopes scopes = new RandomScopes(rnd);
            for (String unit : UNITS) {
                List<String> kinds = new ArrayList<>(MetricRules.KINDS);
                kinds.add("no-such-kind");
                for (String kind : kinds) {
                    assertThat(RULES.match(unit, kind, scopes)).as("%s %s", unit, kind)
                            .isEqualTo(RULES.matchPlain(unit, kind, scopes));
                }
            }
        }
    }

    @Test
    void randomScopesDoFireRules() {
        // guards the property above against testing only "no rule": many draws must pick one
        Random rnd = new Random(7);
        int fired = 0;
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < 2000; i++) {
            RandomScopes scopes = new RandomScopes(rnd);
            for (String unit : UNITS) {
                MetricRules.Rule r = RULES.matchPlain(unit, "count", scopes);
                if (r != null) {
                    fired++;
                    ids.add(r.id());
                }
            }
        }
        assertThat(fired).isGreaterThan(500);
        assertThat(ids).hasSizeGreaterThan(20);
    }
}
