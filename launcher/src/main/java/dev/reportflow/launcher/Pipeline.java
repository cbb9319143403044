package dev.reportflow.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/** {@code ./pipeline}: see {@link Cli#USAGE} and docs/pipeline.md. */
public final class Pipeline {

    private final Cli.Invocation inv;
    private final Path root;
    private final Map<String, String> env;
    private final PrintStream out = System.out;
    private final PrintStream err = System.err;

    Pipeline(Cli.Invocation inv, Path root, Map<String, String> env) {
        this.inv = inv;
        this.root = root;
        this.env = env;
    }

    public static void main(String[] args) {
        Path root = Path.of(System.getProperty("reportflow.root", ".")).toAbsolutePath().normalize();
        Cli.Invocation inv;
        try {
            inv = Cli.parse(Arrays.asList(args), System.getenv(), Path.of("").toAbsolutePath(), root);
        } catch (Cli.UsageException e) {
            System.err.println("pipeline: " + e.getMessage());
            System.err.print(Cli.USAGE);
            System.exit(2);
            return;
        }
        int code;
        try {
            code = new Pipeline(inv, root, System.getenv()).run();
        } catch (Stack.StackException e) {
            System.err.println("pipeline: " + e.getMessage());
            code = 1;
        } catch (IOException e) {
            System.err.println("pipeline: " + e);
            code = 1;
        }
        System.exit(code);
    }

    int run() throws IOException, Stack.StackException {
        return switch (inv.command()) {
            case "help" -> {
                out.print(Cli.USAGE);
                yield 0;
            }
            case "extract" -> extract();
            case "up" -> up();
            case "demo" -> demo();
            case "down" -> down();
            case "status" -> status();
            case "logs" -> logs();
            case "reextract" -> reextract();
            case "rebuild-views" -> rebuildViews();
            default -> throw new IllegalStateException(inv.command());
        };
    }

    /** Runs the Maven build for the stale ones among {@code modules} (and what they need). */
    void ensureBuilt(List<String> modules) throws Stack.StackException, IOException {
        if (!inv.build()) {
            return;
        }
        List<String> stale = new ArrayList<>();
        for (String m : modules) {
            Optional<Path> why = Staleness.newerInput(root, m);
            if (why.isPresent()) {
                stale.add(m);
                err.printf("pipeline: %s needs a build (%s %s)%n", m, root.relativize(why.get()),
                        why.get().equals(Staleness.artifact(root, m)) ? "is missing" : "changed since the last one");
            }
        }
        if (stale.isEmpty()) {
            return;
        }
        List<String> cmd = List.of(root.resolve("mvnw").toString(), "-B", "-q", "-pl", String.join(",", stale),
                "-am", "install", "-DskipTests");
        err.println("pipeline: " + String.join(" ", cmd.subList(1, cmd.size())));
        int code = runInheriting(new ProcessBuilder(cmd).directory(root.toFile()));
        if (code != 0) {
            throw new Stack.StackException("the build failed (exit " + code + "); see the Maven output above");
        }
    }

    private int extract() throws IOException, Stack.StackException {
        ensureBuilt(List.of("extraction"));
        List<String> cmd = new ArrayList<>(List.of(javaExe().toString(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Xss2m", "-jar", Staleness.artifact(root, "extraction").toString()));
        cmd.addAll(inv.passThrough());
        return runInheriting(new ProcessBuilder(cmd));
    }

    private int up() throws IOException, Stack.StackException {
        ensureBuilt(Stack.ALL);
        Stack.Config config = Stack.Config.of(inv, root, env);
        if (Stack.attach(config).isPresent()) {
            out.println("already running for " + inv.data());
            return status();
        }
        Stack stack = new Stack(config);
        // A Ctrl-C while starting stops what started; once up, the processes are meant to outlive us.
        Thread hook = new Thread(stack::close, "pipeline-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        stack.start(out);
        Runtime.getRuntime().removeShutdownHook(hook);
        out.println();
        status();
        out.println("\nlogs: ./pipeline logs [service] -f    stop: ./pipeline down" + Stack.dataFlag(inv.data()));
        return 0;
    }

    private int demo() throws IOException, Stack.StackException {
        ensureBuilt(Stack.ALL);
        Stack.Config config = Stack.Config.of(inv, root, env);
        Optional<Stack> running = Stack.attach(config);
        boolean owned = running.isEmpty();
        Stack stack;
        if (owned) {
            stack = new Stack(config);
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "pipeline-stop"));
            stack.start(out);
        } else {
            stack = running.get();
            out.println("using the stack already running for " + inv.data() + " (left running afterwards)");
        }
        URI metrics = stack.url(Stack.METRICS);
        Path bucket = Stack.ingestDirectory(inv.data());
        List<Path> samples = Demo.samples(root);
        Map<String, String> ids = Demo.drop(samples, bucket, inv.data().resolve("run"));
        out.printf("%ndropped %d sample reports into %s%n", ids.size(), bucket);
        MetricsApi api = new MetricsApi(metrics);
        List<MetricsApi.Report> reports = Demo.awaitComplete(api, ids.keySet(), inv.timeout(), out, stack);
        Demo.printSummary(reports, api.metrics(), out);
        out.printf("%ndashboard: %s/    API: %s/api/reports, %s/api/metrics, %s/api/regions%n",
                metrics, metrics, metrics, metrics);
        if (!owned) {
            return 0;
        }
        if (inv.exitWhenDone()) {
            out.println("stopping (--exit)");
            stack.close();
            return 0;
        }
        out.println("running until Ctrl-C (drop more reports into " + bucket + ")");
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private int down() {
        List<Proc> stopped = Stack.stopAll(inv.data());
        if (stopped.isEmpty()) {
            out.println("nothing running for " + inv.data());
        } else {
            out.println("stopped " + stopped);
        }
        List<Proc> left = Proc.strays(inv.data());
        if (!left.isEmpty()) {
            err.println("pipeline: still alive: " + left);
            return 1;
        }
        return 0;
    }

    /** 0 when everything runs and is ready, 3 when nothing runs, 1 in between. */
    private int status() throws IOException {
        Map<String, String> rec = Stack.recorded(inv.data()).orElse(Map.of());
        List<String> members = Stack.members(rec);
        int up = 0, ready = 0;
        long rss = 0;
        out.println("data: " + inv.data());
        for (String name : Stack.ALL) {
            Optional<Proc> p = Proc.find(inv.data(), name);
            String state;
            String where = "";
            if (p.isEmpty()) {
                state = members.contains(name) ? "stopped" : "not used (servers from the environment)";
            } else if (name.equals(Stack.DEVSTACK)) {
                up++;
                boolean envReady = Files.isRegularFile(inv.data().resolve(Stack.DEVSTACK_ENV));
                ready += envReady ? 1 : 0;
                state = envReady ? "ready" : "starting";
                where = "kafka " + rec.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "?") + "  mongo "
                        + rec.getOrDefault("MONGODB_URI", "?") + "  s3 " + rec.getOrDefault("S3_ENDPOINT", "?");
            } else {
                up++;
                URI url = recordedUrl(name);
                boolean r = Stack.ready(url);
                ready += r ? 1 : 0;
                state = r ? "ready" : "not ready";
                where = url.toString();
            }
            long kib = p.map(Proc::rssKib).orElse(-1L);
            rss += Math.max(kib, 0);
            out.printf("  %-16s %-10s %-9s %-10s %s%n", name, p.map(x -> "pid " + x.pid()).orElse(""),
                    kib < 0 ? "" : (kib / 1024) + " MB", state, where);
        }
        if (up > 0) {
            out.printf("  %-16s %-10s %-9s%n", "total RSS", "", (rss / 1024) + " MB");
        }
        if (up > 0) {
            out.println("  watched bucket: " + Stack.ingestDirectory(inv.data()));
            URI metrics = recordedUrl(Stack.METRICS);
            if (Stack.ready(metrics)) {
                try {
                    out.println("  metrics-service /api/status: " + new MetricsApi(metrics).get("/api/status"));
                } catch (IOException e) {
                    out.println("  metrics-service /api/status: " + e.getMessage());
                }
                out.println("  dashboard: " + metrics + "/");
            }
        }
        return up == 0 ? 3 : ready == members.size() ? 0 : 1;
    }

    private int logs() throws IOException, Stack.StackException {
        List<String> names = inv.logTarget() == null ? Stack.ALL : List.of(inv.logTarget());
        for (String n : names) {
            if (!Stack.ALL.contains(n)) {
                throw new Stack.StackException("no such process '" + n + "'; one of " + Stack.ALL
                        + " (or ingest, extract, metrics)");
            }
        }
        for (String n : names) {
            Path log = Proc.logFile(inv.data(), n);
            if (names.size() > 1) {
                out.println("==> " + log + " <==");
            }
            out.println(Proc.tail(log, inv.lines()));
        }
        if (!inv.follow()) {
            return 0;
        }
        follow(names.stream().map(n -> Proc.logFile(inv.data(), n)).toList());
        return 0;
    }

    /** Prints what is appended to the files until interrupted (Ctrl-C). */
    private void follow(List<Path> files) throws IOException, Stack.StackException {
        long[] pos = new long[files.size()];
        for (int i = 0; i < files.size(); i++) {
            pos[i] = Files.exists(files.get(i)) ? Files.size(files.get(i)) : 0;
        }
        while (true) {
            for (int i = 0; i < files.size(); i++) {
                Path f = files.get(i);
                if (!Files.exists(f)) {
                    continue;
                }
                long len = Files.size(f);
                if (len < pos[i]) {
                    pos[i] = 0; // restarted: the log was rotated
                }
                if (len > pos[i]) {
                    try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "r")) {
                        raf.seek(pos[i]);
                        byte[] buf = new byte[(int) Math.min(len - pos[i], 1 << 20)];
                        raf.readFully(buf);
                        pos[i] += buf.length;
                        String text = new String(buf, StandardCharsets.UTF_8);
                        if (files.size() > 1) {
                            String prefix = f.getFileName().toString().replace(".log", "") + " | ";
                            text = text.lines().map(l -> prefix + l + "\n").reduce("", String::concat);
                        }
                        out.print(text);
                        out.flush();
                    }
                }
            }
            Demo.sleep(500);
        }
    }

    private int reextract() throws IOException, Stack.StackException {
        URI extract = recordedUrl(Stack.EXTRACT);
        Http.Response r = Http.post(extract.resolve("/api/admin/reextract"), Duration.ofSeconds(10));
        if (r.status() == 409) {
            out.println("a re-extraction is already running; following it");
        } else if (!r.ok()) {
            throw new Stack.StackException("POST " + extract + "/api/admin/reextract answered " + r.status() + ": "
                    + MetricsApi.abbreviate(r.body()));
        }
        long deadline = System.nanoTime() + inv.timeout().toNanos();
        String last = "";
        while (true) {
            Http.Response s = Http.get(extract.resolve("/api/admin/reextract"), Duration.ofSeconds(10));
            JsonNode st = MetricsApi.JSON.readTree(s.body());
            String state = st.path("state").asText();
            String line = String.format("  %s: %d/%d reports replayed, %d extracted, %d dead-lettered", state,
                    st.path("processed").asLong(), st.path("total").asLong(), st.path("extracted").asLong(),
                    st.path("deadLettered").asLong());
            if (!line.equals(last)) {
                out.println(line);
                last = line;
            }
            if (!state.equals("RUNNING")) {
                if (!st.path("error").isNull() && !st.path("error").isMissingNode()) {
                    out.println("  error: " + st.path("error").asText());
                }
                return state.equals("DONE") ? 0 : 1;
            }
            if (System.nanoTime() > deadline) {
                out.println("still running after " + inv.timeout().toSeconds() + " s; follow it with GET "
                        + extract + "/api/admin/reextract");
                return 1;
            }
            Demo.sleep(1000);
        }
    }

    private int rebuildViews() throws IOException {
        MetricsApi api = new MetricsApi(recordedUrl(Stack.METRICS));
        out.println(api.post("/api/admin/rebuild-views").toPrettyString());
        return 0;
    }

    /** A service's URL: the port {@code up} recorded for this data directory, else the one on the command line. */
    private URI recordedUrl(String service) throws IOException {
        String port = Stack.recorded(inv.data()).map(m -> m.get(Stack.portVar(service))).orElse(null);
        int p = port != null ? Integer.parseInt(port) : switch (service) {
            case Stack.METRICS -> inv.metricsPort();
            case Stack.INGEST -> inv.ingestPort();
            default -> inv.extractPort();
        };
        return URI.create("http://localhost:" + p);
    }

    private static Path javaExe() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    private static int runInheriting(ProcessBuilder pb) throws IOException {
        Process p = pb.inheritIO().start();
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            return 130;
        }
    }
}
