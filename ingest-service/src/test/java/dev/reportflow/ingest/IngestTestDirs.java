package dev.reportflow.ingest;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** A fresh watched directory (source "dir") and upload quarantine folder for the tests of one JVM. */
public class IngestTestDirs implements QuarkusTestResourceLifecycleManager {
    public static final String DIR_KEY = "reportflow.ingest.sources.dir.path";
    private Path base;

    @Override
    public Map<String, String> start() {
        try {
            base = Files.createTempDirectory("ingest-it-");
            Path dir = Files.createDirectories(base.resolve("watched"));
            return Map.of(DIR_KEY, dir.toString(),
                    "reportflow.ingest.upload.quarantine-dir", base.resolve("upload-rejected").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (base == null) return;
        try (Stream<Path> s = Files.walk(base)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory
        }
    }
}
