package dev.reportflow.extraction.outline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The char prefilter of the category rules only skips patterns that cannot match: every match of
 * a pattern holds one of its {@code requiredChars}, and {@code byRule} answers like every Matcher
 * run ({@code byRulePlain}) on titles built from the patterns' own words.
 */
class CategoryPrefilterTest {
    private static final CategoryRules RULES = CategoryRules.defaults();
    private static final List<String> PATTERNS = new ArrayList<>();

    /** Regexes with the constructs the reader handles and some it must refuse. */
    private static final List<String> TRICKY = List.of("ab", "a|b", "(ab)?c", "a?b?", "(a|b)c", "(a|)c", "a{0,2}b", "a{2}",
            "[ab]c?", "[^a]b", "[a-c]", "a.{0,3}b", "^a$", "\\sa", "(?:a|bc)+", "(?=a)b", "(?i)a", "a*", "(a|b?)", "\\pLa", "\\p{L}",
            "x\\x{61}", "\\u0061b", "a??c", "[\\]]a", "c+", "(a(b|c))?", "((a)|b)c");

    static {
        try (InputStream in = CategoryRules.class.getResourceAsStream(CategoryRules.RESOURCE)) {
            JsonNode root = new ObjectMapper().readTree(in);
            for (JsonNode r : root.path("rules")) for (JsonNode p : r.path("patterns")) PATTERNS.add(p.asText());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void mostBundledPatternsGetAPrefilter() {
        long with = PATTERNS.stream().filter(p -> CategoryRules.requiredChars(p) != null).count();
        assertThat(PATTERNS).hasSizeGreaterThan(20);
        assertThat(with).isGreaterThanOrEqualTo(PATTERNS.size() * 9 / 10);
        assertThat(CategoryRules.requiredChars("(?=a)b")).isNull();
        assertThat(CategoryRules.requiredChars("a?b?")).isNull();
        assertThat(CategoryRules.requiredChars("(a|b)c")).containsExactly('c');
        assertThat(CategoryRules.requiredChars("(a|b)cd?")).containsExactly('c');
        assertThat(CategoryRules.requiredChars("(ab|cd)")).containsExactlyInAnyOrder('a', 'c');
    }

    @Provide
    Arbitrary<String> small() {
        return Arbitraries.strings().withChars("abcx]L".toCharArray()).ofMaxLength(8);
    }

    @Property(tries = 2000)
    void everyMatchHoldsARequiredChar(@ForAll("small") String s) {
        assertEveryMatchHoldsARequiredChar(TRICKY, s);
    }

    /** Wherever a pattern matches, the text holds one of the chars the prefilter says it needs. */
    private static void assertEveryMatchHoldsARequiredChar(List<String> patterns, String s) {
        for (String re : patterns) {
            char[] needs = CategoryRules.requiredChars(re);
            if (needs == null || !Pattern.compile(re).matcher(s).find()) continue;
            boolean has = false;
            for (char c : needs) if (s.indexOf(c) >= 0) has = true;
            assertThat(has).as("%s matches %s without any of %s", re, s, new String(needs)).isTrue();
        }
    }

    @Property(tries = 2000)
    void bundledPatternsToo(@ForAll("titles") String title) {
        assertEveryMatchHoldsARequiredChar(PATTERNS, title);
        assertThat(RULES.byRule(title)).as(title).isEqualTo(RULES.byRulePlain(title));
    }

    @Provide
    Arbitrary<String> titles() {
        // the literal runs of the bundled patterns, cut into pieces, with other title words
        List<String> pieces = new ArrayList<>(List.of("工作", "2024年", "法治", "一、", " ", "的", "和", "其", "他", "问题", "安排"));
        for (String p : PATTERNS) {
            for (String part : p.split("[\\[\\]()|?^$.{}0-9,*+\\\\]+")) {
                if (part.isEmpty()) continue;
                pieces.add(part);
                if (part.length() > 1) {
                    pieces.add(part.substring(0, 1));
                    pieces.add(part.substring(1));
                }
            }
        }
        return Arbitraries.of(pieces).list().ofMaxSize(5).map(l -> String.join("", l));
    }
}
