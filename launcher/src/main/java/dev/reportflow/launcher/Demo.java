package dev.reportflow.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code ./pipeline demo} after the stack is up: drop the samples, follow them through, print what the views hold. */
public final class Demo {
    private Demo() {}

    /** {@code samples/*.txt} of the repository, by name. */
    public static List<Path> samples(Path root) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root.resolve("samples"), "*.txt")) {
            ds.forEach(out::add);
        }
        out.sort(Comparator.comparing(Path::toString));
        return out;
    }

    /** A report's id: sha256 of its raw bytes, lowercase hex (docs/events.md). */
    public static String reportId(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Copies each file into {@code bucketDir} under {@code name}, whole or not at all: written beside it first
     * ({@code staging}, same file system) and renamed, so the watcher never reads half a file. Returns report id
     * to file name.
     */
    public static Map<String, String> drop(List<Path> files, Path bucketDir, Path staging) throws IOException {
        Files.createDirectories(bucketDir);
        Files.createDirectories(staging);
        Map<String, String> ids = new LinkedHashMap<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            Path tmp = staging.resolve(name + ".part");
            Files.copy(f, tmp, StandardCopyOption.REPLACE_EXISTING);
            try {
                Files.move(tmp, bucketDir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, bucketDir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
            ids.put(reportId(f), name);
        }
        return ids;
    }

    /**
     * Polls {@code GET /api/reports} until every id in {@code expected} is complete; returns the reports. On the
     * way prints a progress line whenever the count changes.
     */
    public static List<MetricsApi.Report> awaitComplete(MetricsApi api, Set<String> expected, Duration timeout,
                                                        PrintStream out) throws IOException, Stack.StackException {
        return awaitComplete(api, expected, timeout, out, null);
    }

    /**
     * As above, with the stack watched: a process that died ends the wait at once, and a timeout says which
     * services are unwell and shows their logs.
     */
    public static List<MetricsApi.Report> awaitComplete(MetricsApi api, Set<String> expected, Duration timeout,
                                                        PrintStream out, Stack stack)
            throws IOException, Stack.StackException {
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        long last = -1;
        String lastError = null;
        while (true) {
            List<MetricsApi.Report> reports;
            try {
                reports = api.reports();
                lastError = null;
            } catch (IOException e) {
                reports = List.of();
                lastError = e.getMessage();
            }
            Map<String, MetricsApi.Report> byId = reports.stream()
                    .collect(Collectors.toMap(MetricsApi.Report::id, r -> r, (a, b) -> a));
            long seen = expected.stream().filter(byId::containsKey).count();
            long done = expected.stream().map(byId::get).filter(r -> r != null && r.complete()).count();
            long state = seen * 1000 + done;
            if (state != last) {
                out.printf("  %5.1f s  %d/%d reports seen by metrics-service, %d/%d complete%n",
                        (System.nanoTime() - t0) / 1e9, seen, expected.size(), done, expected.size());
                last = state;
            }
            if (done == expected.size()) {
                return expected.stream().map(byId::get).toList();
            }
            if (stack != null && stack.processes().stream().anyMatch(p -> !p.isAlive())) {
                throw new Stack.StackException("a process exited while reports were being processed:\n"
                        + stack.problems().orElse(""));
            }
            if (System.nanoTime() > deadline) {
                List<String> missing = expected.stream()
                        .filter(id -> byId.get(id) == null || !byId.get(id).complete()).toList();
                throw new Stack.StackException("after " + timeout.toSeconds() + " s, " + missing.size()
                        + " report(s) are not complete in metrics-service: " + missing
                        + (lastError == null ? "" : "\n  last API error: " + lastError)
                        + (stack == null ? "" : stack.problems().map(p -> "\n" + p).orElse("")));
            }
            sleep(1000);
        }
    }

    /** The summary the demo ends with: each report, then the metrics most regions report. */
    public static void printSummary(List<MetricsApi.Report> reports, List<MetricsApi.Metric> metrics, PrintStream out) {
        out.println();
        out.printf("%-4s  %8s  %10s  %-26s  %s%n", "year", "sections", "indicators", "file", "region");
        for (MetricsApi.Report r : reports) {
            out.printf("%-4s  %8d  %10d  %-26s  %s%n", r.year() == null ? "?" : r.year(), r.sections(),
                    r.indicators(), r.file(), r.region() == null ? "(unknown)" : r.region());
        }
        out.println();
        out.println("Most-reported metrics across regions:");
        out.printf("  %-36s  %7s  %7s  %s%n", "metric", "regions", "reports", "");
        metrics.stream()
                .sorted(Comparator.comparingInt(MetricsApi.Metric::regions).reversed()
                        .thenComparing(Comparator.comparingInt(MetricsApi.Metric::reports).reversed())
                        .thenComparing(MetricsApi.Metric::metric))
                .limit(12)
                .forEach(m -> out.printf("  %-36s  %7d  %7d  %s%n", m.metric(), m.regions(), m.reports(),
                        m.label() == null ? "" : m.label()));
    }

    static void sleep(long ms) throws Stack.StackException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stack.StackException("interrupted");
        }
    }
}
