package dev.reportflow.extraction.bench;

import dev.reportflow.extraction.Hashing;
import dev.reportflow.extraction.indicators.IndicatorExtractor;
import dev.reportflow.extraction.meta.MetadataExtractor;
import dev.reportflow.extraction.outline.Layout;
import dev.reportflow.extraction.outline.Outline;
import dev.reportflow.extraction.outline.OutlineParser;
import dev.reportflow.extraction.text.TextDecoder;
import dev.reportflow.extraction.text.TextNormalizer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the whole extractor's time beyond the sum of its separately timed steps goes
 * ({@link StageBreakdown} times each step in its own loop). Three ways of timing each step, with the
 * thread's CPU clock read around every call (the same clock overhead in all three):
 * <ul>
 *   <li>{@code isolated}: the step alone, report after report (what {@link StageBreakdown} sees);</li>
 *   <li>{@code pipeline}: the steps in the extractor's order, each timed where it runs;</li>
 *   <li>{@code evicted}: the step alone, after a 4 MB sweep that evicts the L1 and L2 caches but
 *       leaves the branch predictor trained on the step.</li>
 * </ul>
 * Usage: {@code StepContext [samplesDir] [CPU-seconds per mode] [rounds]}.
 * Run: {@code ./mvnw -B -pl extraction -Pbenchmarks test-compile exec:exec@context}.
 */
public final class StepContext {
    private StepContext() {}

    private static final String[] NAMES = {"decode", "sha256", "normalise", "layout", "outline", "metadata",
            "soft breaks", "indicators"};
    private static final int STEPS = NAMES.length;
    private static final byte[] SWEEP = new byte[4 << 20];
    private static long sink;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "../samples");
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 2;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        List<byte[]> raws = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) raws.add(Files.readAllBytes(p));
        }
        int n = raws.size();
        TextDecoder decoder = new TextDecoder();
        OutlineParser parser = OutlineParser.withDefaults();
        MetadataExtractor meta = MetadataExtractor.withDefaults();
        IndicatorExtractor ind = IndicatorExtractor.withDefaults();
        String[] texts = new String[n], norms = new String[n], soft = new String[n];
        Layout[] layouts = new Layout[n];
        Outline[] outlines = new Outline[n];
        for (int i = 0; i < n; i++) {
            texts[i] = decoder.decode(raws.get(i)).text();
            norms[i] = TextNormalizer.normalize(texts[i]);
            layouts[i] = Layout.of(norms[i]);
            outlines[i] = parser.parse(texts[i], norms[i], layouts[i]);
            soft[i] = outlines[i].withSoftBreaks(norms[i]);
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long budget = (long) (seconds * 1e9);
        System.out.printf("corpus: %d reports; µs of CPU per report and step, clock read around every call; %d rounds (first is warm-up)%n",
                n, rounds);
        for (int r = 0; r < rounds; r++) {
            // pipeline: the extractor's steps in order, each timed in place
            long[] pipe = new long[STEPS];
            long start = mx.getCurrentThreadCpuTime();
            int reports = 0;
            while (mx.getCurrentThreadCpuTime() - start < budget) {
                for (int i = 0; i < n; i++, reports++) {
                    byte[] raw = raws.get(i);
                    long t0 = mx.getCurrentThreadCpuTime();
                    String text = decoder.decode(raw).text();
                    long t1 = mx.getCurrentThreadCpuTime();
                    sink += Hashing.sha256Hex(raw).length();
                    long t2 = mx.getCurrentThreadCpuTime();
                    String norm = TextNormalizer.normalize(text);
                    long t3 = mx.getCurrentThreadCpuTime();
                    Layout layout = Layout.of(norm);
                    long t4 = mx.getCurrentThreadCpuTime();
                    Outline outline = parser.parse(text, norm, layout);
                    long t5 = mx.getCurrentThreadCpuTime();
                    sink += meta.extract(text, norm, layout, outline).hashCode();
                    long t6 = mx.getCurrentThreadCpuTime();
                    String sb = outline.withSoftBreaks(norm);
                    long t7 = mx.getCurrentThreadCpuTime();
                    sink += ind.extract("b", text, sb, outline).size();
                    long t8 = mx.getCurrentThreadCpuTime();
                    pipe[0] += t1 - t0; pipe[1] += t2 - t1; pipe[2] += t3 - t2; pipe[3] += t4 - t3;
                    pipe[4] += t5 - t4; pipe[5] += t6 - t5; pipe[6] += t7 - t6; pipe[7] += t8 - t7;
                }
            }
            double[] iso = new double[STEPS], evict = new double[STEPS];
            for (int k = 0; k < STEPS; k++) {
                iso[k] = timeAlone(mx, k, budget / STEPS, false, raws, decoder, texts, norms, layouts, outlines, soft, parser, meta, ind);
                evict[k] = timeAlone(mx, k, budget / STEPS, true, raws, decoder, texts, norms, layouts, outlines, soft, parser, meta, ind);
            }
            StringBuilder line = new StringBuilder(String.format("round %d:%n  %-12s %9s %9s %9s", r, "step", "isolated", "pipeline", "evicted"));
            double si = 0, sp = 0, se = 0;
            for (int k = 0; k < STEPS; k++) {
                double p = pipe[k] / 1e3 / reports;
                si += iso[k]; sp += p; se += evict[k];
                line.append(String.format("%n  %-12s %9.1f %9.1f %9.1f", NAMES[k], iso[k], p, evict[k]));
            }
            line.append(String.format("%n  %-12s %9.1f %9.1f %9.1f", "sum", si, sp, se));
            System.out.println(line);
        }
        if (sink == 42) System.out.println();
    }

    private static double timeAlone(ThreadMXBean mx, int k, long budget, boolean sweep, List<byte[]> raws, TextDecoder decoder,
                                    String[] texts, String[] norms, Layout[] layouts, Outline[] outlines, String[] soft,
                                    OutlineParser parser, MetadataExtractor meta, IndicatorExtractor ind) throws Exception {
        long spent = 0, start = mx.getCurrentThreadCpuTime();
        int calls = 0;
        while (mx.getCurrentThreadCpuTime() - start < budget) {
            for (int i = 0; i < texts.length; i++, calls++) {
                if (sweep) for (int b = 0; b < SWEEP.length; b += 64) sink += SWEEP[b]++;
                long t0 = mx.getCurrentThreadCpuTime();
                sink += switch (k) {
                    case 0 -> decoder.decode(raws.get(i)).text().length();
                    case 1 -> Hashing.sha256Hex(raws.get(i)).length();
                    case 2 -> TextNormalizer.normalize(texts[i]).length();
                    case 3 -> Layout.of(norms[i]).bodyEnd();
                    case 4 -> parser.parse(texts[i], norms[i], layouts[i]).sections().size();
                    case 5 -> meta.extract(texts[i], norms[i], layouts[i], outlines[i]).hashCode();
                    case 6 -> outlines[i].withSoftBreaks(norms[i]).length();
                    default -> ind.extract("b", texts[i], soft[i], outlines[i]).size();
                };
                spent += mx.getCurrentThreadCpuTime() - t0;
            }
        }
        return spent / 1e3 / calls;
    }
}
