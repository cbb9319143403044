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

/** For the tests of per-thread scratch reuse: the sample texts, and a result computed on a fresh thread. */
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

    /** What {@code work} gives on a new thread, whose per-thread scratch is empty. */
    public static <T> T onFreshThread(Supplier<T> work) throws InterruptedException {
        AtomicReference<T> out = new AtomicReference<>();
        Thread t = new Thread(() -> out.set(work.get()));
        t.start();
        t.join();
        return out.get();
    }
}
