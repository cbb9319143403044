package dev.reportflow.extraction.bench;

import dev.reportflow.extraction.Extraction;
import dev.reportflow.extraction.ExtractionJson;
import dev.reportflow.extraction.Hashing;
import dev.reportflow.extraction.ReportExtractor;
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
 * CPU microseconds per sample report for each step of {@link ReportExtractor#extract}, measured
 * step by step on the thread's CPU clock (each step repeated over the corpus, its inputs prepared
 * by the steps before it), plus the whole extractor and, for reference, the JSON output that
 * callers add. Usage: {@code StageBreakdown [samplesDir] [CPU-seconds per step] [rounds]}.
 * Run: {@code ./mvnw -B -pl extraction -Pbenchmarks test-compile exec:exec@stages}.
 */
public final class StageBreakdown {
    private StageBreakdown() {}

    private interface Step {
        long run(int i) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "../samples");
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 1;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        List<byte[]> raws = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) raws.add(Files.readAllBytes(p));
        }
        int n = raws.size();
        TextDecoder decoder = new TextDecoder();
        OutlineParser parser = OutlineParser.withDefaults();
        MetadataExtractor meta = MetadataExtractor.withDefaults();
        IndicatorExtractor ind = IndicatorExtractor.withDefaults();
        ReportExtractor full = ReportExtractor.withDefaults();
        String[] texts = new String[n], norms = new String[n], soft = new String[n];
        Layout[] layouts = new Layout[n];
        Outline[] outlines = new Outline[n];
        Extraction[] results = new Extraction[n];
        for (int i = 0; i < n; i++) {
            texts[i] = decoder.decode(raws.get(i)).text();
            norms[i] = TextNormalizer.normalize(texts[i]);
            layouts[i] = Layout.of(norms[i]);
            outlines[i] = parser.parse(texts[i], norms[i], layouts[i]);
            soft[i] = outlines[i].withSoftBreaks(norms[i]);
            results[i] = full.extract(raws.get(i), "bench.txt");
        }
        String[] names = {"decode", "sha256", "normalise", "layout", "outline", "metadata", "soft breaks", "indicators",
                "whole ReportExtractor", "(JSON output, not in extract)"};
        Step[] steps = {
                i -> decoder.decode(raws.get(i)).text().length(),
                i -> Hashing.sha256Hex(raws.get(i)).length(),
                i -> TextNormalizer.normalize(texts[i]).length(),
                // bodyEnd, not hashCode: the record's hash would hash every line's String (~4 µs)
                i -> Layout.of(norms[i]).bodyEnd(),
                i -> parser.parse(texts[i], norms[i], layouts[i]).sections().size(),
                i -> meta.extract(texts[i], norms[i], layouts[i], outlines[i]).hashCode(),
                i -> outlines[i].withSoftBreaks(norms[i]).length(),
                i -> ind.extract("b", texts[i], soft[i], outlines[i]).size(),
                i -> full.extract(raws.get(i), "bench.txt").indicators().size(),
                i -> ExtractionJson.toBytes(results[i], false).length,
        };
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long budget = (long) (seconds * 1e9);
        long sink = 0;
        System.out.printf("corpus: %d reports from %s; µs of CPU per report, %d rounds of %.1f CPU-s per step (first is warm-up)%n",
                n, dir, rounds, seconds);
        double[] best = new double[steps.length];
        java.util.Arrays.fill(best, Double.MAX_VALUE);
        for (int r = 0; r < rounds; r++) {
            StringBuilder line = new StringBuilder("round " + r + ":");
            double sum = 0;
            for (int k = 0; k < steps.length; k++) {
                long t0 = mx.getCurrentThreadCpuTime();
                int done = 0;
                while (mx.getCurrentThreadCpuTime() - t0 < budget) {
                    for (int i = 0; i < n; i++, done++) sink += steps[k].run(i);
                }
                double us = (mx.getCurrentThreadCpuTime() - t0) / 1e3 / done;
                if (r > 0) best[k] = Math.min(best[k], us);
                if (k < 8) sum += us;
                line.append(String.format("%n  %-30s %7.1f µs", names[k], us));
                if (k == 7) line.append(String.format("%n  %-30s %7.1f µs", "(sum of the steps)", sum));
            }
            System.out.println(line);
        }
        // the least a step took over rounds 1.. (the neighbours' load only ever adds)
        StringBuilder line = new StringBuilder("best of rounds 1-" + (rounds - 1) + ":");
        double sum = 0;
        for (int k = 0; k < steps.length; k++) {
            if (k < 8) sum += best[k];
            line.append(String.format("%n  %-30s %7.1f µs", names[k], best[k]));
            if (k == 7) line.append(String.format("%n  %-30s %7.1f µs", "(sum of the steps)", sum));
        }
        System.out.println(line);
        if (sink == 42) System.out.println();
    }
}
