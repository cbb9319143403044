package dev.reportflow.extraction.bench;

import dev.reportflow.extraction.ReportExtractor;
import dev.reportflow.extraction.indicators.IndicatorExtractor;
import dev.reportflow.extraction.outline.Outline;
import dev.reportflow.extraction.outline.OutlineParser;
import dev.reportflow.extraction.text.TextNormalizer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reports per CPU-second of the measuring thread, for a machine shared with other work where
 * JMH's wall-clock throughput mostly measures the neighbours: the same two workloads as
 * {@link ExtractionBenchmark}, timed with {@link ThreadMXBean#getCurrentThreadCpuTime()}.
 * Usage: {@code CpuThroughput [samplesDir] [seconds per round] [rounds]}.
 */
public final class CpuThroughput {
    private CpuThroughput() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : System.getProperty("bench.samples", "../samples"));
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        List<byte[]> raws = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<String> norms = new ArrayList<>();
        List<Outline> outlines = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                byte[] raw = Files.readAllBytes(p);
                String text = new String(raw, StandardCharsets.UTF_8);
                raws.add(raw);
                texts.add(text);
                norms.add(TextNormalizer.normalize(text));
                outlines.add(OutlineParser.withDefaults().parse(text, norms.get(norms.size() - 1)));
            }
        }
        double meanBytes = raws.stream().mapToLong(b -> b.length).average().orElse(0);
        ReportExtractor full = ReportExtractor.withDefaults();
        IndicatorExtractor ind = IndicatorExtractor.withDefaults();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long budget = (long) (seconds * 1e9);
        long sink = 0;
        System.out.printf("corpus: %d reports, mean %.0f bytes; %d rounds of %.1f CPU-s (first is warm-up)%n",
                raws.size(), meanBytes, rounds, seconds);
        for (int r = 0; r < rounds; r++) {
            long t0 = mx.getCurrentThreadCpuTime();
            int n = 0;
            while (mx.getCurrentThreadCpuTime() - t0 < budget) {
                for (int i = 0; i < raws.size(); i++, n++) sink += full.extract(raws.get(i), "bench.txt").indicators().size();
            }
            double fullRate = n / ((mx.getCurrentThreadCpuTime() - t0) / 1e9);
            t0 = mx.getCurrentThreadCpuTime();
            n = 0;
            while (mx.getCurrentThreadCpuTime() - t0 < budget) {
                for (int i = 0; i < raws.size(); i++, n++) sink += ind.extract("b", texts.get(i), norms.get(i), outlines.get(i)).size();
            }
            double indRate = n / ((mx.getCurrentThreadCpuTime() - t0) / 1e9);
            System.out.printf("round %d: ReportExtractor %.0f reports/CPU-s (%.1f MB/s), IndicatorExtractor %.0f reports/CPU-s (%.1f MB/s)%n",
                    r, fullRate, fullRate * meanBytes / 1e6, indRate, indRate * meanBytes / 1e6);
        }
        if (sink == 42) System.out.println();
    }
}
