package dev.reportflow.extraction.outline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Level-1 categories from the data file {@code categories.json} (see the {@code _doc} there):
 * ordered regex rules on the normalised title, with a positional fallback.
 */
public final class CategoryRules {
    public static final String RESOURCE = "/dev/reportflow/extraction/outline/categories.json";

    /**
     * A pattern and the chars one of which every match of it contains (null: no such guarantee
     * known): a title holding none of them skips the pattern without a Matcher.
     */
    private record Pat(Pattern pattern, char[] needs) {}

    private record Rule(String category, List<Pat> patterns) {}

    private final List<Rule> rules;
    private final String fallbackBefore;
    private final String fallbackAfter;
    private final Set<String> closing;

    private CategoryRules(List<Rule> rules, String before, String after, Set<String> closing) {
        this.rules = rules;
        this.fallbackBefore = before;
        this.fallbackAfter = after;
        this.closing = closing;
    }

    public static CategoryRules defaults() {
        try (InputStream in = CategoryRules.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CategoryRules parse(InputStream json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json);
        List<Rule> rules = new ArrayList<>();
        for (JsonNode r : root.path("rules")) {
            List<Pat> ps = new ArrayList<>();
            for (JsonNode p : r.path("patterns")) ps.add(new Pat(Pattern.compile(p.asText()), requiredChars(p.asText())));
            rules.add(new Rule(r.path("category").asText(), List.copyOf(ps)));
        }
        JsonNode fb = root.path("fallback");
        Set<String> closing = new HashSet<>();
        for (JsonNode c : fb.path("closing_categories")) closing.add(c.asText());
        return new CategoryRules(List.copyOf(rules), fb.path("before").asText("other"),
                fb.path("after").asText("other"), Set.copyOf(closing));
    }

    /** The category a rule gives {@code normTitle}, or null when no rule matches. */
    public String byRule(String normTitle) {
        String t = SPACES.matcher(normTitle).replaceAll("");
        for (Rule r : rules) {
            for (Pat p : r.patterns()) if (mayMatch(t, p.needs()) && p.pattern().matcher(t).find()) return r.category();
        }
        return null;
    }

    /** {@link #byRule} without the char prefilter: every pattern's Matcher (the plain definition, for tests). */
    String byRulePlain(String normTitle) {
        String t = SPACES.matcher(normTitle).replaceAll("");
        for (Rule r : rules) {
            for (Pat p : r.patterns()) if (p.pattern().matcher(t).find()) return r.category();
        }
        return null;
    }

    private static boolean mayMatch(String t, char[] needs) {
        if (needs == null) return true;
        for (char c : needs) if (t.indexOf(c) >= 0) return true;
        return false;
    }

    /**
     * Chars one of which every match of {@code regex} contains, or null when that is not known.
     * Reads only plain literals, groups ({@code (..)}, {@code (?:..)}), alternation, the
     * quantifiers {@code ? * + {m,n}}, simple classes {@code [..]} of listed chars, {@code .},
     * {@code ^} and {@code $}; anything else (escapes, ranges, look-arounds…) counts as an atom that
     * guarantees nothing, and a construct it cannot follow makes the whole answer null.
     */
    static char[] requiredChars(String regex) {
        try {
            int[] pos = {0};
            java.util.Set<Character> r = alternation(regex, pos);
            if (pos[0] != regex.length() || r == null || r.isEmpty()) return null;
            char[] out = new char[r.size()];
            int k = 0;
            for (char c : r) out[k++] = c;
            return out;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** branch ('|' branch)*: every branch must guarantee a char, the union is what the whole guarantees. */
    private static java.util.Set<Character> alternation(String re, int[] pos) {
        java.util.Set<Character> all = new java.util.TreeSet<>();
        boolean known = true;
        while (true) {
            java.util.Set<Character> b = sequence(re, pos);
            if (b == null) known = false;
            else all.addAll(b);
            if (pos[0] < re.length() && re.charAt(pos[0]) == '|') {
                pos[0]++;
                continue;
            }
            return known ? all : null;
        }
    }

    /** A sequence of quantified atoms: any atom that must occur gives a guarantee; the smallest set is kept. */
    private static java.util.Set<Character> sequence(String re, int[] pos) {
        java.util.Set<Character> best = null;
        while (pos[0] < re.length() && re.charAt(pos[0]) != '|' && re.charAt(pos[0]) != ')') {
            java.util.Set<Character> atom = atom(re, pos);
            // quantifier: with a minimum of 0 the atom may be absent
            if (pos[0] < re.length()) {
                char q = re.charAt(pos[0]);
                if (q == '?' || q == '*') {
                    atom = null;
                    pos[0]++;
                } else if (q == '+') {
                    pos[0]++;
                } else if (q == '{') {
                    int close = re.indexOf('}', pos[0]);
                    String[] mn = re.substring(pos[0] + 1, close).split(",", -1);
                    if (Integer.parseInt(mn[0].trim()) == 0) atom = null;
                    pos[0] = close + 1;
                }
                if (pos[0] < re.length() && (re.charAt(pos[0]) == '?' || re.charAt(pos[0]) == '+')) {
                    throw new IllegalArgumentException("lazy or possessive quantifier"); // not read: give up
                }
            }
            if (atom != null && !atom.isEmpty() && (best == null || atom.size() < best.size())) best = atom;
        }
        return best;
    }

    /** One atom; null when it guarantees no char (or is zero-width). */
    private static java.util.Set<Character> atom(String re, int[] pos) {
        char c = re.charAt(pos[0]);
        switch (c) {
            case '(': {
                pos[0]++;
                if (re.startsWith("?:", pos[0])) pos[0] += 2;
                else if (re.charAt(pos[0]) == '?') throw new IllegalArgumentException("look-around or flags"); // give up
                java.util.Set<Character> inner = alternation(re, pos);
                if (pos[0] >= re.length() || re.charAt(pos[0]) != ')') throw new IllegalArgumentException("unclosed group");
                pos[0]++;
                return inner;
            }
            case '[': {
                int close = re.indexOf(']', pos[0] + 1);
                String body = re.substring(pos[0] + 1, close);
                pos[0] = close + 1;
                if (body.isEmpty() || body.indexOf('^') >= 0 || body.indexOf('-') >= 0 || body.indexOf('\\') >= 0
                        || body.indexOf('[') >= 0 || body.indexOf('&') >= 0) {
                    return null; // negated, ranges, escapes or nested: guarantees nothing we read
                }
                java.util.Set<Character> set = new java.util.TreeSet<>();
                for (char x : body.toCharArray()) set.add(x);
                return set;
            }
            case '\\': {
                // an escape: one atom of unknown chars (\s, \d, \p{..})
                pos[0]++;
                char e = re.charAt(pos[0]);
                if ((e == 'p' || e == 'P' || e == 'x') && re.charAt(pos[0] + 1) == '{') {
                    int close = re.indexOf('}', pos[0]);
                    if (close < 0) throw new IllegalArgumentException("unclosed escape");
                    pos[0] = close + 1;
                } else if (e == 'p' || e == 'P') {
                    pos[0] += 2;
                } else if (e == 'u') {
                    pos[0] += 5;
                } else if (e == 'x') {
                    pos[0] += 3;
                } else if (e == 'Q' || e == 'k' || e == 'c' || e == '0' || Character.isDigit(e)) {
                    throw new IllegalArgumentException("escape not read"); // give up
                } else {
                    pos[0]++;
                }
                return null;
            }
            case '^': case '$': case '.':
                pos[0]++;
                return null;
            case '*': case '+': case '?': case '{': case '}': case ']':
                throw new IllegalArgumentException("unexpected " + c);
            default:
                pos[0]++;
                if (Character.isSurrogate(c)) throw new IllegalArgumentException("surrogate");
                return new java.util.TreeSet<>(List.of(c));
        }
    }

    /** precompiled: String.replaceAll compiles its regex on every call */
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern YEAR = Pattern.compile("(?<![0-9])(19|20)[0-9]{2}(?=\\s*年)");

    /**
     * Categories of top-level titles in document order. A title no rule matches is {@code plans}
     * when it names a later year than an earlier top-level title (一、2023年… / 三、2024年重点工作),
     * else the positional fallback.
     */
    public List<String> categorize(List<String> normTitles) {
        List<String> out = new ArrayList<>(normTitles.size());
        boolean closed = false;
        int firstYear = 0;
        for (String t : normTitles) {
            String c = byRule(t);
            int year = firstYear(t);
            if (c == null && year > 0 && firstYear > 0 && year > firstYear) c = "plans";
            if (c == null) c = closed ? fallbackAfter : fallbackBefore;
            if (closing.contains(c)) closed = true;
            if (firstYear == 0 && year > 0) firstYear = year;
            out.add(c);
        }
        return out;
    }

    private static int firstYear(String t) {
        java.util.regex.Matcher m = YEAR.matcher(t);
        return m.find() ? Integer.parseInt(m.group()) : 0;
    }
}
