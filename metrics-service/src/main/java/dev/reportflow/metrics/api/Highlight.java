package dev.reportflow.metrics.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where an indicator's number-with-unit stands inside its sentence. Events carry the quantity's
 * offsets in the whole document and the sentence, but not where the sentence starts; the
 * indicators of one sentence keep their distances, so the span is found by sliding all of them
 * along the sentence until each starts on a numeral (or an approximation word such as 约, 近, 超)
 * right after a non-numeral. A sentence where that fails is left without a highlight.
 */
public final class Highlight {
    private Highlight() {}

    /** An indicator's document offsets. */
    public record Span(int start, int end, double value) {}

    private static final String NUMERAL = "0123456789０１２３４５６７８９〇零一二两三四五六七八九十百千万亿";
    private static final String LEADING = NUMERAL + "约近超逾余多不";

    /**
     * @return for each span (same order), its {start, end} inside {@code sentence}, or null
     */
    public static List<int[]> locate(String sentence, List<Span> spans) {
        List<int[]> out = new ArrayList<>();
        for (int k = 0; k < spans.size(); k++) out.add(null);
        if (sentence == null || spans.isEmpty()) return out;
        int first = Integer.MAX_VALUE;
        for (Span s : spans) first = Math.min(first, s.start());
        // Among the positions where every span fits, prefer the one whose spans show their values
        // (a year or another number earlier in the sentence fits too).
        int best = -1, bestScore = -1;
        for (int p = 0; p < sentence.length(); p++) {
            if (!fits(sentence, spans, first, p)) continue;
            int score = 0;
            for (Span s : spans) {
                int a = p + s.start() - first;
                String text = sentence.substring(a, a + (s.end() - s.start()));
                for (String f : forms(s.value())) {
                    if (text.contains(f)) {
                        score++;
                        break;
                    }
                }
            }
            if (score > bestScore) {
                best = p;
                bestScore = score;
            }
        }
        if (best < 0) return out;
        for (int k = 0; k < spans.size(); k++) {
            Span s = spans.get(k);
            int a = best + s.start() - first;
            out.set(k, new int[] {a, a + (s.end() - s.start())});
        }
        return out;
    }

    /** How a value may be written: as is, or in 万 / 亿 (1070000 as 107万). */
    static List<String> forms(double v) {
        List<String> f = new ArrayList<>();
        for (double d : new double[] {v, v / 1e4, v / 1e8}) {
            if (d < 1 && d != v) continue;
            String s = java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
            if (!s.startsWith("-")) f.add(s);
        }
        return f;
    }

    private static boolean fits(String sentence, List<Span> spans, int first, int p) {
        for (Span s : spans) {
            int a = p + s.start() - first;
            int b = a + (s.end() - s.start());
            if (a < 0 || b > sentence.length() || b <= a) return false;
            if (LEADING.indexOf(sentence.charAt(a)) < 0) return false;
            if (a > 0 && NUMERAL.indexOf(sentence.charAt(a - 1)) >= 0) return false;
            if (sentence.charAt(a) == '.' ) return false;
        }
        return true;
    }

    /** Groups indicators by sentence and locates each group; the key is the indicator's index. */
    public static Map<Integer, int[]> locateAll(List<String> sentences, List<Span> spans) {
        Map<String, List<Integer>> bySentence = new HashMap<>();
        for (int k = 0; k < sentences.size(); k++) {
            if (sentences.get(k) != null) bySentence.computeIfAbsent(sentences.get(k), x -> new ArrayList<>()).add(k);
        }
        Map<Integer, int[]> out = new HashMap<>();
        for (var e : bySentence.entrySet()) {
            List<Span> group = e.getValue().stream().map(spans::get).toList();
            List<int[]> found = locate(e.getKey(), group);
            if (found.stream().allMatch(f -> f == null) && group.size() > 1) {
                // The same sentence text may occur twice in a document: try each indicator alone.
                for (int k : e.getValue()) {
                    int[] f = locate(e.getKey(), List.of(spans.get(k))).get(0);
                    if (f != null) out.put(k, f);
                }
                continue;
            }
            for (int j = 0; j < group.size(); j++) if (found.get(j) != null) out.put(e.getValue().get(j), found.get(j));
        }
        return out;
    }
}
