package dev.reportflow.testsupport;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs devstack ({@code devstack/target/devstack.jar}) as a child process on free ports with a throw-away
 * data directory, and stops it when this JVM exits. A separate process because S3Proxy's Jetty/Jackson
 * would clash with Quarkus on one classpath.
 */
final class DevstackBackend {
    private static final Logger LOG = Logger.getLogger(DevstackBackend.class);

    static final String ROOT_PROPERTY = "reportflow.root";
    static final String TIMEOUT_PROPERTY = "reportflow.test.devstack.timeout-seconds";
    static final String JVM_ARGS_PROPERTY = "reportflow.test.devstack.jvm-args";
    /** Extra devstack options, e.g. {@code --mongo-store memory --mongo-cache-mb 256} for a benchmark. */
    static final String ARGS_PROPERTY = "reportflow.test.devstack.args";

    private DevstackBackend() {}

    static Path locateJar() {
        Path root = locateRoot();
        Path jar = root.resolve("devstack").resolve("target").resolve("devstack.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("devstack jar not found at " + jar + ". Tests without Docker run the"
                    + " embedded devstack as a separate process; build it first: ./mvnw -B install -pl devstack -am"
                    + " -DskipTests (or force Testcontainers with -Dreportflow.test.infra=testcontainers).");
        }
        return jar;
    }

    /** {@code -Dreportflow.root} (set by surefire from the root pom), else the nearest ancestor with devstack/. */
    static Path locateRoot() {
        String configured = System.getProperty(ROOT_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("devstack").resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the ReportFlow root: set -D" + ROOT_PROPERTY
                + "=/path/to/repo (the root pom passes it to surefire)");
    }

    static Settings start() throws IOException, InterruptedException {
        Path jar = locateJar();
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(jar);
            } catch (PortTaken e) {
                // Free ports are picked before the servers bind them: another process may win the race.
                if (attempt == 3) {
                    throw new IllegalStateException(e.getMessage());
                }
                LOG.warnf("devstack lost a port race, retrying: %s", e.getMessage().lines().findFirst().orElse(""));
            }
        }
    }

    /** devstack exited because a port it picked was taken meanwhile. */
    private static final class PortTaken extends RuntimeException {
        PortTaken(String message) {
            super(message, null, false, false);
        }
    }

    private static Settings startOnce(Path jar) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("reportflow-devstack-");
        Path data = work.resolve("data");
        Path log = work.resolve("devstack.log");
        Path envFile = data.resolve("devstack.env");

        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Bounded heap and the serial collector: the test JVM and a Quarkus app share 2 cores with it.
        String jvmArgs = System.getProperty(JVM_ARGS_PROPERTY, "-Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
        for (String a : jvmArgs.trim().split("\\s+")) {
            if (!a.isEmpty()) {
                command.add(a);
            }
        }
        command.addAll(List.of("-jar", jar.toString(), "--data", data.toString(),
                "--kafka-port", "0", "--mongo-port", "0", "--s3-port", "0",
                // If this JVM is killed without running its hooks, devstack follows it.
                "--exit-with-parent", Long.toString(ProcessHandle.current().pid())));
        for (String a : System.getProperty(ARGS_PROPERTY, "").trim().split("\\s+")) {
            if (!a.isEmpty()) {
                command.add(a);
            }
        }
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Thread hook = new Thread(() -> stop(process, work), "devstack-stop");
        Runtime.getRuntime().addShutdownHook(hook);

        long timeoutSeconds = Long.getLong(TIMEOUT_PROPERTY, 180);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        long t0 = System.nanoTime();
        while (!Files.exists(envFile)) {
            if (!process.isAlive()) {
                String tail = tail(log);
                String message = "devstack exited with code " + process.exitValue()
                        + " before it was ready; its log " + log + " ends with:\n" + tail;
                if (tail.contains("Address already in use")) {
                    Runtime.getRuntime().removeShutdownHook(hook);
                    stop(process, work);
                    throw new PortTaken(message);
                }
                throw new IllegalStateException(message);
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("devstack not ready after " + timeoutSeconds + " s (raise -D"
                        + TIMEOUT_PROPERTY + "); its log " + log + " ends with:\n" + tail(log));
            }
            Thread.sleep(100);
        }
        Map<String, String> env = readEnv(envFile);
        LOG.infof("devstack (pid %d) ready in %d ms, data in %s, log in %s", process.pid(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), data, log);
        return new Settings("devstack", env.get("KAFKA_BOOTSTRAP_SERVERS"), env.get("MONGODB_URI"),
                env.get("S3_ENDPOINT"), env.get("S3_REGION"), env.get("S3_ACCESS_KEY"), env.get("S3_SECRET_KEY"),
                env.get("S3_BUCKET"), Path.of(env.get("INGEST_DIRECTORY")));
    }

    static Map<String, String> readEnv(Path envFile) throws IOException {
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(envFile, StandardCharsets.UTF_8)) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                env.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        for (String key : List.of("KAFKA_BOOTSTRAP_SERVERS", "MONGODB_URI", "S3_ENDPOINT", "S3_REGION",
                "S3_ACCESS_KEY", "S3_SECRET_KEY", "S3_BUCKET", "INGEST_DIRECTORY")) {
            if (!env.containsKey(key)) {
                throw new IllegalStateException(envFile + " lacks " + key);
            }
        }
        return env;
    }

    private static void stop(Process process, Path work) {
        process.destroy(); // SIGTERM: devstack's hook shuts Kafka down cleanly
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteRecursively(work);
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory: the OS cleans it eventually
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
