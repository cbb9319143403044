package dev.reportflow.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root: -Dreportflow.root from the build, else found upwards from the working directory. */
final class Repo {
    private Repo() {}

    static Path root() {
        String prop = System.getProperty("reportflow.root");
        if (prop != null && !prop.isBlank() && Files.isDirectory(Path.of(prop, "events"))) return Path.of(prop).toAbsolutePath();
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("mvnw")) && Files.isDirectory(p.resolve("events"))) return p;
        }
        throw new IllegalStateException("repository root not found; run from the repository or set -Dreportflow.root");
    }
}
