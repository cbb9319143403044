package dev.reportflow.testsupport;

import org.testcontainers.DockerClientFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Is a Docker engine reachable? Asks Testcontainers only when some endpoint is configured or a socket exists:
 * without any, its probe logs a page of errors and costs seconds on every machine without Docker.
 */
final class DockerProbe {
    private static volatile String lastReason = "not probed";

    private DockerProbe() {}

    /** A description of the reachable engine, or null (see {@link #lastReason()}). */
    static String describeDocker() {
        List<String> hints = new ArrayList<>();
        String dockerHost = System.getenv("DOCKER_HOST");
        if (dockerHost != null && !dockerHost.isBlank()) {
            hints.add("DOCKER_HOST=" + dockerHost);
        }
        String home = System.getProperty("user.home", "");
        Path tcProperties = Path.of(home, ".testcontainers.properties");
        if (Files.isRegularFile(tcProperties)) {
            hints.add(tcProperties.toString());
        }
        List<Path> sockets = new ArrayList<>(List.of(Path.of("/var/run/docker.sock"),
                Path.of(home, ".docker", "run", "docker.sock"), Path.of(home, ".docker", "desktop", "docker.sock"),
                Path.of(home, ".colima", "default", "docker.sock")));
        String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
        if (runtimeDir != null) {
            sockets.add(Path.of(runtimeDir, "docker.sock"));
            sockets.add(Path.of(runtimeDir, "podman", "podman.sock"));
        }
        for (Path socket : sockets) {
            if (Files.exists(socket)) {
                hints.add(socket.toString());
            }
        }
        if (hints.isEmpty()) {
            lastReason = "DOCKER_HOST unset, no ~/.testcontainers.properties, no Docker socket";
            return null;
        }
        try {
            if (DockerClientFactory.instance().isDockerAvailable()) {
                return String.join(", ", hints);
            }
            lastReason = "Testcontainers found no working engine behind " + String.join(", ", hints);
        } catch (RuntimeException | LinkageError e) {
            lastReason = "Testcontainers' probe failed behind " + String.join(", ", hints) + ": " + e;
        }
        return null;
    }

    static String lastReason() {
        return lastReason;
    }
}
