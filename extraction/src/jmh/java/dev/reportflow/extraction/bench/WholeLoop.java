package dev.reportflow.extraction.bench;

import dev.reportflow.extraction.ReportExtractor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The whole extractor over the sample reports for a number of seconds and nothing else: the
 * workload to profile (JFR samples of {@link CpuThroughput} would mix in its second workload).
 * Usage: {@code WholeLoop [samplesDir] [seconds]}, e.g. under
 * {@code -XX:StartFlightRecording=filename=x.jfr,settings=profile}.
 */
public final class WholeLoop {
    private WholeLoop() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "../samples");
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 25;
        List<byte[]> raws = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) raws.add(Files.readAllBytes(p));
        }
        ReportExtractor x = ReportExtractor.withDefaults();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long sink = 0, reports = 0;
        while (System.nanoTime() < end) {
            for (byte[] r : raws) sink += x.extract(r, "bench.txt").indicators().size();
            reports += raws.size();
        }
        System.out.printf("%d reports (%d indicators)%n", reports, sink);
    }
}
