package dev.reportflow.extraction.bench;

import dev.reportflow.extraction.ExtractionException;
import dev.reportflow.extraction.ReportExtractor;
import dev.reportflow.extraction.indicators.IndicatorExtractor;
import dev.reportflow.extraction.outline.Outline;
import dev.reportflow.extraction.outline.OutlineParser;
import dev.reportflow.extraction.text.TextNormalizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reports per second on the sample corpus, one report per operation (cycling through the corpus),
 * single thread: the whole {@link ReportExtractor} (bytes in, outline + metadata + indicators out)
 * and {@link IndicatorExtractor} alone (decoded, normalised text and outline prepared). MB/s is
 * ops/s times the corpus's mean report size, printed at setup. Run with {@code -prof gc} for the
 * allocation per report (gc.alloc.rate.norm, bytes per op). See docs/benchmarks.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ExtractionBenchmark {

    private final List<byte[]> raws = new ArrayList<>();
    private final List<String> texts = new ArrayList<>();
    private final List<String> norms = new ArrayList<>();
    private final List<Outline> outlines = new ArrayList<>();
    private ReportExtractor extractor;
    private IndicatorExtractor indicators;
    private int next;

    @Setup
    public void load() throws IOException {
        Path dir = Path.of(System.getProperty("bench.samples", "../samples"));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                byte[] raw = Files.readAllBytes(p);
                String text = new String(raw, StandardCharsets.UTF_8);
                String norm = TextNormalizer.normalize(text);
                raws.add(raw);
                texts.add(text);
                norms.add(norm);
                outlines.add(OutlineParser.withDefaults().parse(text, norm));
            }
        }
        if (raws.isEmpty()) throw new IllegalStateException("no .txt reports in " + dir.toAbsolutePath());
        long bytes = raws.stream().mapToLong(b -> b.length).sum();
        System.out.printf("%n[corpus] %d reports from %s, mean %.0f bytes%n", raws.size(), dir, (double) bytes / raws.size());
        extractor = ReportExtractor.withDefaults();
        indicators = IndicatorExtractor.withDefaults();
    }

    @Benchmark
    public Object reportExtractor() throws ExtractionException {
        int i = next;
        next = (i + 1) % raws.size();
        return extractor.extract(raws.get(i), "bench.txt");
    }

    @Benchmark
    public Object indicatorsOnly() {
        int i = next;
        next = (i + 1) % raws.size();
        return indicators.extract("bench", texts.get(i), norms.get(i), outlines.get(i));
    }
}
