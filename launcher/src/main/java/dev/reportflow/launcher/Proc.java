package dev.reportflow.launcher;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One background JVM: started in a session of its own ({@code setsid}, so a Ctrl-C meant for the launcher does
 * not reach it), output to {@code DATA/logs/NAME.log}, pid in {@code DATA/run/NAME.pid}. Its command line carries
 * {@code -Dreportflow.process=NAME -Dreportflow.data=DATA}, so a pid file that outlived its process (and a pid
 * the OS gave to someone else) is never mistaken for ours, and a later {@code down} finds strays without one.
 */
public final class Proc {
    static final String PROCESS_PROP = "-Dreportflow.process=";
    static final String DATA_PROP = "-Dreportflow.data=";
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final String name;
    private final ProcessHandle handle;
    private final Path log;

    private Proc(String name, ProcessHandle handle, Path log) {
        this.name = name;
        this.handle = handle;
        this.log = log;
    }

    public String name() {
        return name;
    }

    public long pid() {
        return handle.pid();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return handle.isAlive();
    }

    public static Path pidFile(Path data, String name) {
        return data.resolve("run").resolve(name + ".pid");
    }

    public static Path logFile(Path data, String name) {
        return data.resolve("logs").resolve(name + ".log");
    }

    /**
     * Starts {@code java jvmOptions -Dreportflow.process=NAME -Dreportflow.data=DATA launch...}, where {@code launch}
     * is {@code -jar JAR ARGS} or {@code -cp PATH MAIN ARGS}. The previous log is kept as {@code NAME.log.1}.
     */
    public static Proc start(String name, Path data, Path java, List<String> jvmOptions, List<String> launch,
                             Map<String, String> env) throws IOException {
        Path log = logFile(data, name);
        Files.createDirectories(log.getParent());
        Files.createDirectories(pidFile(data, name).getParent());
        if (Files.exists(log)) {
            Files.move(log, log.resolveSibling(name + ".log.1"), StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> cmd = new ArrayList<>();
        // setsid execs in place here (a child of the JVM is never a group leader), so the pid is the java's.
        if (Files.isExecutable(SETSID)) {
            cmd.add(SETSID.toString());
        }
        cmd.add(java.toString());
        cmd.addAll(jvmOptions);
        cmd.add(PROCESS_PROP + name);
        cmd.add(DATA_PROP + data);
        cmd.addAll(launch);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.environment().putAll(env);
        Process p = pb.start();
        Files.writeString(pidFile(data, name), p.pid() + "\n");
        return new Proc(name, p.toHandle(), log);
    }

    /** The live process this data directory's pid file names, if it is still ours. */
    public static Optional<Proc> find(Path data, String name) {
        Path pidFile = pidFile(data, name);
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile).strip());
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(h -> isOurs(h, data, name)).map(h -> new Proc(name, h, logFile(data, name)));
    }

    /** Every live process started for {@code data}, whether or not a pid file still names it. */
    public static List<Proc> strays(Path data) {
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            return all.filter(ProcessHandle::isAlive)
                    .flatMap(h -> markerName(h, data).map(n -> new Proc(n, h, logFile(data, n))).stream())
                    .toList();
        }
    }

    static boolean isOurs(ProcessHandle h, Path data, String name) {
        return h.isAlive() && markerName(h, data).filter(name::equals).isPresent();
    }

    private static Optional<String> markerName(ProcessHandle h, Path data) {
        String[] args = h.info().arguments().orElse(new String[0]);
        if (!Arrays.asList(args).contains(DATA_PROP + data)) {
            return Optional.empty();
        }
        return Arrays.stream(args).filter(a -> a.startsWith(PROCESS_PROP))
                .map(a -> a.substring(PROCESS_PROP.length())).findFirst();
    }

    /**
     * SIGTERM to every process (and its descendants), a grace period for all of them together, then SIGKILL for
     * the ones left. Returns the names that needed SIGKILL.
     */
    public static List<String> stop(List<Proc> procs, Duration grace) {
        for (Proc p : procs) {
            p.handle.descendants().forEach(ProcessHandle::destroy);
            p.handle.destroy();
        }
        CompletableFuture<?>[] exits = procs.stream().map(p -> p.handle.onExit()).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception ignored) {
            // timed out (or interrupted): escalate below
        }
        List<String> killed = new ArrayList<>();
        for (Proc p : procs) {
            p.handle.descendants().forEach(ProcessHandle::destroyForcibly);
            if (p.handle.isAlive()) {
                killed.add(p.name);
                p.handle.destroyForcibly();
            }
        }
        for (Proc p : procs) {
            try {
                p.handle.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // SIGKILL cannot be refused; a process stuck in the kernel is reported by isAlive() later
            }
        }
        return killed;
    }

    /** Resident set size in KiB (Linux {@code /proc/PID/status} VmRSS), or -1 where that cannot be read. */
    public long rssKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").strip());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or the process is gone
        }
        return -1;
    }

    /** The last {@code lines} lines of this process's log, for error messages. */
    public String logTail(int lines) {
        return tail(log, lines);
    }

    /** The last {@code lines} lines of a file (reads at most its last 256 KB). */
    public static String tail(Path file, int lines) {
        if (!Files.isRegularFile(file)) {
            return "(no log at " + file + ")";
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long len = f.length();
            long from = Math.max(0, len - 256 * 1024);
            byte[] buf = new byte[(int) (len - from)];
            f.seek(from);
            f.readFully(buf);
            String text = new String(buf, StandardCharsets.UTF_8);
            List<String> all = text.lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ")";
    }
}
