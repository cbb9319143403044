package dev.reportflow.extraction;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * For the tests of fast paths and per-thread scratch reuse: the sample and held-out texts, and a
 * result computed on a fresh thread.
 */
public final class ThreadScratch {
    private ThreadScratch() {}

    /** The sample reports' texts ({@code ../samples/*.txt}), in name order, in a list the caller may extend. */
    public static List<String> sampleTexts() throws IOException {
        List<String> texts = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("../samples"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                texts.add(Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        return texts;
    }

    /**
     * The sample reports and the held-out texts ({@code ../samples}, {@code heldout/texts},
     * {@code heldout2/texts}; {@code *.txt}, in name order per folder): real text for comparing a
     * fast path with its plain definition. Fails if fewer than 5 are found.
     */
    public static List<Path> sampleAndHeldOutFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("../samples", "src/test/resources/heldout/texts", "src/test/resources/heldout2/texts")) {
            Path d = Path.of(dir);
            if (!Files.isDirectory(d)) continue;
            try (Stream<Path> s = Files.list(d)) {
                s.filter(p -> p.toString().endsWith(".txt")).sorted().forEach(files::add);
            }
        }
        if (files.size() < 5) throw new AssertionError("expected at least 5 sample and held-out texts, found " + files);
        return files;
    }

    /** What {@code work} gives on a new thread, whose per-thread scratch is empty. */
    public static <T> T onFreshThread(Supplier<T> work) throws InterruptedException {
        AtomicReference<T> out = new AtomicReference<>();
        Thread t = new Thread(() -> out.set(work.get()));
        t.start();
        t.join();
        return out.get();
    }
}
