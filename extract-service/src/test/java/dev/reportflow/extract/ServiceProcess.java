package dev.reportflow.extract;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The packaged service (target/quarkus-app) as a child process, as it runs in production. */
final class ServiceProcess implements AutoCloseable {
    final String name;
    final int port;
    final Process process;
    final Path log;

    private ServiceProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    static Path jar() {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: these tests run after `package` (mvn verify)");
        }
        return jar;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static ServiceProcess start(String name, Map<String, String> env, String... jvmArgs) throws Exception {
        int port = freePort();
        Path log = Files.createTempFile("extract-" + name + "-", ".log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(jvmArgs));
        cmd.addAll(List.of("-jar", jar().toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        pb.environment().put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        ServiceProcess p = new ServiceProcess(name, port, pb.start(), log);
        // Never outlive the test JVM, even when it is stopped before its finally blocks run.
        Process child = p.process;
        Runtime.getRuntime().addShutdownHook(new Thread(child::destroyForcibly));
        p.awaitReady(Duration.ofSeconds(90));
        return p;
    }

    /**
     * HTTP/1.1, as the launcher's client: with its default HTTP/2 the JDK client asks the plain-HTTP
     * server to upgrade (h2c), and once it read the Prometheus text of /q/metrics ("# HELP") as
     * HTTP/2 frame headers ("Frame type(80) length(4736332) exceeds MAX_FRAME_SIZE"), failing a CI run.
     */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    String get(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
                        .build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.body();
    }

    private void awaitReady(Duration max) throws Exception {
        long end = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited: " + Files.readString(log));
            }
            try {
                if (get("/q/health/ready").startsWith("200")) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " not ready in " + max + ": " + Files.readString(log));
    }

    /** The instance's reportflow_extract_reports_total{outcome="extracted"}. */
    double extracted() throws Exception {
        Matcher m = Pattern.compile("reportflow_extract_reports_total\\{[^}]*outcome=\"extracted\"[^}]*} ([0-9.eE+]+)")
                .matcher(get("/q/metrics"));
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** CPU seconds (user + system) the process has used so far, from /proc (Linux). */
    static double cpuSeconds(long pid) {
        try {
            return statCpuSeconds(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /** user + system CPU of a /proc stat file (a process's or a thread's). */
    private static double statCpuSeconds(Path statFile) throws IOException {
        String stat = Files.readString(statFile);
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // Fields 14 and 15 of stat (utime, stime), counted after the command name; in clock ticks (100/s).
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    double cpuSeconds() {
        return cpuSeconds(process.pid());
    }

    /**
     * CPU seconds of the JVM's JIT compiler threads ("C1 CompilerThre…", "C2 CompilerThre…" in
     * /proc/PID/task/TID/comm): on 2 shared cores C2 is still compiling tens of seconds after start, and that
     * one-off cost says nothing about a warmed-up service's cost per report.
     */
    static double jitCpuSeconds(long pid) {
        double total = 0;
        try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    if (!Files.readString(t.resolve("comm")).matches("(?s)C[12] CompilerThre.*")) continue;
                    total += statCpuSeconds(t.resolve("stat"));
                } catch (IOException threadEnded) {
                    // a compiler thread can exit while we list them (dynamic compiler threads)
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return total;
    }

    double jitCpuSeconds() {
        return jitCpuSeconds(process.pid());
    }

    /** SIGKILL: no shutdown hooks, no final commit, in-flight reports are lost mid-publish. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: Quarkus shuts down gracefully and the group rebalances. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) kill();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) kill();
    }
}
