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

    private record Rule(String category, List<Pattern> patterns) {}

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
            List<Pattern> ps = new ArrayList<>();
            for (JsonNode p : r.path("patterns")) ps.add(Pattern.compile(p.asText()));
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
            for (Pattern p : r.patterns()) if (p.matcher(t).find()) return r.category();
        }
        return null;
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
