package dev.reportflow.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Devstack and the three services as background processes over one data directory. The Java API behind
 * {@code ./pipeline up/demo/down} and the end-to-end tests:
 *
 * <pre>
 * try (Stack stack = new Stack(Stack.Config.isolated(root, tempDir))) {
 *     stack.start(System.out);          // returns once every process is ready
 *     stack.ingestDirectory();          // drop reports here
 *     stack.url("metrics-service");     // the REST API
 * }                                     // close() stops what start() started
 * </pre>
 */
public final class Stack implements AutoCloseable {

    public static final String DEVSTACK = "devstack";
    public static final String INGEST = "ingest-service";
    public static final String EXTRACT = "extract-service";
    public static final String METRICS = "metrics-service";
    public static final List<String> SERVICES = List.of(INGEST, EXTRACT, METRICS);
    /** Start order; stopping goes the other way round (services before the servers they use). */
    public static final List<String> ALL = List.of(DEVSTACK, INGEST, EXTRACT, METRICS);

    /** The launcher's record of a running stack: ports and the services' environment. */
    static final String RUN_ENV = "pipeline.env";
    static final String DEVSTACK_ENV = "devstack.env";
    /** In {@link #RUN_ENV}: the processes that make up the stack (devstack is absent when all servers are external). */
    static final String PROCESSES_VAR = "PIPELINE_PROCESSES";

    /**
     * One group per server: when its first variable is set outside, the whole group comes from outside (a real
     * S3 endpoint never gets the embedded one's keys); otherwise from devstack.
     */
    static final Map<String, List<String>> SERVER_VARS = Map.of(
            "kafka", List.of("KAFKA_BOOTSTRAP_SERVERS"),
            "mongo", List.of("MONGODB_URI", "MONGODB_DATABASE"),
            "s3", List.of("S3_ENDPOINT", "S3_REGION", "S3_ACCESS_KEY", "S3_SECRET_KEY", "S3_BUCKET"));
    static final List<String> SERVERS = List.of("kafka", "mongo", "s3");

    /** Heaps and stacks sized so devstack plus three services stay near 1.5 GB RSS (see docs/pipeline.md). */
    static final List<String> COMMON_JVM = List.of("-XX:+UseSerialGC", "-Xss512k", "-XX:TieredStopAtLevel=1",
            "-XX:ReservedCodeCacheSize=48m", "-XX:+ExitOnOutOfMemoryError");
    static final Map<String, List<String>> JVM = Map.of(
            DEVSTACK, List.of("-Xmx384m", "-XX:MaxMetaspaceSize=160m"),
            INGEST, List.of("-Xmx128m", "-XX:MaxMetaspaceSize=128m"),
            EXTRACT, List.of("-Xmx192m", "-XX:MaxMetaspaceSize=128m"),
            METRICS, List.of("-Xmx160m", "-XX:MaxMetaspaceSize=128m"));

    /**
     * What to start and where. Service ports and devstack ports of 0 mean "any free port". {@code externalEnv}
     * is where {@code KAFKA_BOOTSTRAP_SERVERS}, {@code MONGODB_URI}, {@code S3_ENDPOINT} are looked up.
     */
    public record Config(Path root, Path data, int metricsPort, int ingestPort, int extractPort, int kafkaPort,
                         int mongoPort, int s3Port, Duration timeout, Map<String, String> externalEnv,
                         List<String> extraJvmOptions) {
        public Config {
            root = root.toAbsolutePath().normalize();
            data = data.toAbsolutePath().normalize();
            externalEnv = Map.copyOf(externalEnv);
            extraJvmOptions = List.copyOf(extraJvmOptions);
        }

        /** Free ports everywhere, embedded servers only: what tests use. */
        public static Config isolated(Path root, Path data) {
            return new Config(root, data, 0, 0, 0, 0, 0, 0, Duration.ofSeconds(120), Map.of(), List.of());
        }

        static Config of(Cli.Invocation inv, Path root, Map<String, String> env) {
            String extra = env.getOrDefault("PIPELINE_JAVA_OPTS", "").strip();
            return new Config(root, inv.data(), inv.metricsPort(), inv.ingestPort(), inv.extractPort(),
                    inv.kafkaPort(), inv.mongoPort(), inv.s3Port(), inv.timeout(), env,
                    extra.isEmpty() ? List.of() : List.of(extra.split("\\s+")));
        }

        int port(String service) {
            return switch (service) {
                case METRICS -> metricsPort;
                case INGEST -> ingestPort;
                case EXTRACT -> extractPort;
                default -> throw new IllegalArgumentException(service);
            };
        }
    }

    /** A failure the user can act on; the message says what and shows the relevant log tail. */
    public static final class StackException extends Exception {
        public StackException(String message) {
            super(message);
        }
    }

    private final Config config;
    private final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    private final List<Proc> started = new ArrayList<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private Map<String, String> serviceEnv = Map.of();
    /** The processes this stack consists of: those started here, or those an attached stack recorded. */
    private List<String> members = new ArrayList<>();
    private boolean closed;

    public Stack(Config config) {
        this.config = config;
    }

    /**
     * The stack {@code ./pipeline up} left running for {@code config.data()}, if all of it runs: its ports and
     * environment as recorded. {@link #close()} leaves it running (it was not started here).
     */
    public static Optional<Stack> attach(Config config) throws IOException {
        Optional<Map<String, String>> rec = recorded(config.data());
        if (rec.isEmpty() || !members(rec.get()).stream().allMatch(n -> Proc.find(config.data(), n).isPresent())) {
            return Optional.empty();
        }
        Stack s = new Stack(config);
        Map<String, String> env = new LinkedHashMap<>(rec.get());
        s.members = members(env);
        env.remove(PROCESSES_VAR);
        for (String svc : SERVICES) {
            s.ports.put(svc, Integer.parseInt(env.remove(portVar(svc))));
        }
        s.serviceEnv = Map.copyOf(env);
        return Optional.of(s);
    }

    /**
     * What is wrong right now, for error messages: each process of this data directory that is gone or whose
     * readiness check fails, with the check's answer and the tail of its log; empty when all is well.
     */
    public Optional<String> problems() {
        StringBuilder sb = new StringBuilder();
        for (String name : members) {
            Optional<Proc> p = Proc.find(config.data(), name);
            String what;
            if (p.isEmpty()) {
                what = "is not running";
            } else if (name.equals(DEVSTACK) || !ports.containsKey(name)) {
                continue;
            } else {
                String health = readiness(url(name));
                if (health == null) {
                    continue;
                }
                what = "is not ready: " + health;
            }
            sb.append('\n').append(name).append(' ').append(what).append("; last lines of ")
                    .append(Proc.logFile(config.data(), name)).append(":\n")
                    .append(Proc.tail(Proc.logFile(config.data(), name), 15).indent(4).stripTrailing());
        }
        return sb.length() == 0 ? Optional.empty() : Optional.of(sb.toString().strip());
    }

    /** Short names (ingest, extract, metrics) to module names; anything else unchanged. */
    public static String canonicalName(String name) {
        return switch (name) {
            case "ingest", "extract", "metrics" -> name + "-service";
            default -> name;
        };
    }

    public Path data() {
        return config.data();
    }

    /** Where reports are dropped: {@code DATA/bucket/reports}, served by the embedded S3 as bucket {@code reports}. */
    public Path ingestDirectory() {
        return ingestDirectory(config.data());
    }

    static Path ingestDirectory(Path data) {
        return data.resolve("bucket").resolve("reports");
    }

    /** The environment every service got (servers, bucket, watched directory). */
    public Map<String, String> serviceEnv() {
        return serviceEnv;
    }

    public URI url(String service) {
        Integer p = ports.get(service);
        if (p == null) {
            throw new IllegalStateException(service + " has no port yet");
        }
        return URI.create("http://localhost:" + p);
    }

    public synchronized List<Proc> processes() {
        return List.copyOf(started);
    }

    /**
     * Starts devstack (unless every server is external) and the services, and returns once all are ready. On
     * failure everything started so far is stopped again.
     */
    public void start(PrintStream out) throws IOException, StackException {
        try {
            doStart(out);
        } catch (IOException | StackException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void doStart(PrintStream out) throws IOException, StackException {
        Path data = config.data();
        List<Proc> running = Proc.strays(data);
        if (!running.isEmpty()) {
            throw new StackException("already running for " + data + ": " + running
                    + "\n  stop them first: ./pipeline down" + dataFlag(data));
        }
        Set<String> embedded = embeddedServers(config.externalEnv());
        for (String m : ALL) {
            Path jar = Staleness.artifact(config.root(), m);
            if (!Files.isRegularFile(jar) && (!m.equals(DEVSTACK) || !embedded.isEmpty())) {
                throw new StackException(jar + " is missing: build with ./mvnw -B install -DskipTests");
            }
        }
        Files.createDirectories(ingestDirectory());
        for (String s : SERVICES) {
            int p = config.port(s);
            if (p != 0) {
                requireFree(p, s, "--port-" + s.substring(0, s.indexOf('-')));
            }
            ports.put(s, p == 0 ? freePort() : p);
        }

        Map<String, String> devstackEnv = Map.of();
        if (!embedded.isEmpty()) {
            requireFree(config.kafkaPort(), "the embedded Kafka", "--kafka-port");
            requireFree(config.mongoPort(), "the embedded MongoDB", "--mongo-port");
            requireFree(config.s3Port(), "the embedded S3", "--s3-port");
            devstackEnv = startDevstack(out);
        } else {
            out.println("Kafka, MongoDB and S3 come from the environment: devstack not started");
        }
        serviceEnv = serviceEnv(devstackEnv, config.externalEnv(), ingestDirectory());

        List<Proc> services = new ArrayList<>();
        for (String s : SERVICES) {
            services.add(launch(s, List.of(), envFor(s, serviceEnv, embedded, ports.get(s))));
        }
        out.printf("starting %s ...%n", String.join(", ", SERVICES));
        awaitReady(services, out);

        Map<String, String> record = new LinkedHashMap<>();
        record.put(PROCESSES_VAR, String.join(",", members));
        ports.forEach((s, p) -> record.put(portVar(s), Integer.toString(p)));
        record.putAll(serviceEnv);
        EnvFile.write(data.resolve("run").resolve(RUN_ENV), "written by ./pipeline once everything was ready", record);
    }

    private Map<String, String> startDevstack(PrintStream out) throws IOException, StackException {
        Path envFile = config.data().resolve(DEVSTACK_ENV);
        // A file left by a killed devstack would claim readiness before the new one is ready.
        Files.deleteIfExists(envFile);
        out.println("starting devstack (Kafka, MongoDB-compatible, S3) ...");
        Proc devstack = launch(DEVSTACK, List.of("--data", config.data().toString(),
                "--kafka-port", Integer.toString(config.kafkaPort()),
                "--mongo-port", Integer.toString(config.mongoPort()),
                "--s3-port", Integer.toString(config.s3Port())), Map.of());
        long deadline = System.nanoTime() + config.timeout().toNanos();
        while (true) {
            if (Files.isRegularFile(envFile)) {
                Map<String, String> env = EnvFile.read(envFile);
                if (Long.toString(devstack.pid()).equals(env.get("DEVSTACK_PID")) || !env.containsKey("DEVSTACK_PID")) {
                    return env;
                }
            }
            if (!devstack.isAlive()) {
                throw failure(devstack, "exited before it was ready");
            }
            if (System.nanoTime() > deadline) {
                throw failure(devstack, "was not ready within " + config.timeout().toSeconds() + " s");
            }
            sleep(200);
        }
    }

    private Proc launch(String name, List<String> args, Map<String, String> env) throws IOException {
        List<String> jvm = new ArrayList<>(COMMON_JVM);
        jvm.addAll(JVM.get(name));
        jvm.addAll(config.extraJvmOptions());
        synchronized (this) {
            if (closed) {
                throw new IOException("stopping: not starting " + name);
            }
            List<String> launch = new ArrayList<>(List.of("-jar", Staleness.artifact(config.root(), name).toString()));
            launch.addAll(args);
            Proc p = Proc.start(name, config.data(), java, jvm, launch, env);
            started.add(p);
            members.add(name);
            return p;
        }
    }

    private void awaitReady(List<Proc> services, PrintStream out) throws StackException {
        long t0 = System.nanoTime();
        long deadline = t0 + config.timeout().toNanos();
        List<Proc> pending = new ArrayList<>(services);
        while (!pending.isEmpty()) {
            for (var it = pending.iterator(); it.hasNext(); ) {
                Proc p = it.next();
                if (ready(url(p.name()))) {
                    out.printf("  %-16s ready on %s (%d ms)%n", p.name(), url(p.name()), (System.nanoTime() - t0) / 1_000_000);
                    it.remove();
                } else if (!p.isAlive()) {
                    throw failure(p, "exited before it was ready");
                }
            }
            if (!pending.isEmpty() && System.nanoTime() > deadline) {
                throw failure(pending.get(0), "was not ready (" + url(pending.get(0).name())
                        + "/q/health/ready) within " + config.timeout().toSeconds() + " s");
            }
            sleep(250);
        }
    }

    /** {@code GET /q/health/ready} answers 200 (SmallRye Health answers 503 while a check is DOWN). */
    static boolean ready(URI base) {
        return readiness(base) == null;
    }

    /** Null when ready, else why not: the failed request or the (abbreviated) health answer. */
    static String readiness(URI base) {
        try {
            Http.Response r = Http.get(base.resolve("/q/health/ready"), Duration.ofSeconds(3));
            return r.status() == 200 ? null : r.status() + " " + MetricsApi.abbreviate(r.body());
        } catch (IOException e) {
            return e.toString();
        }
    }

    private StackException failure(Proc p, String what) {
        return new StackException(p.name() + " " + what + "; last lines of " + p.log() + ":\n"
                + p.logTail(40).indent(4).stripTrailing());
    }

    /** Stops what {@link #start} started (nothing for an attached stack): services first, then devstack. */
    @Override
    public void close() {
        List<Proc> procs;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            procs = List.copyOf(started);
        }
        stopInOrder(procs, config.data());
    }

    /**
     * Stops every process of {@code data} (those its pid files name, and strays that carry its marker), services
     * first. Returns what was stopped.
     */
    public static List<Proc> stopAll(Path data) {
        Map<Long, Proc> procs = new LinkedHashMap<>();
        for (String name : ALL) {
            Proc.find(data, name).ifPresent(p -> procs.put(p.pid(), p));
        }
        Proc.strays(data).forEach(p -> procs.putIfAbsent(p.pid(), p));
        List<Proc> list = List.copyOf(procs.values());
        stopInOrder(list, data);
        return list;
    }

    private static void stopInOrder(List<Proc> procs, Path data) {
        List<Proc> services = procs.stream().filter(p -> !p.name().equals(DEVSTACK)).toList();
        List<Proc> servers = procs.stream().filter(p -> p.name().equals(DEVSTACK)).toList();
        // Services close their Kafka and MongoDB clients cleanly only while the servers are still up.
        Proc.stop(services, Duration.ofSeconds(20));
        Proc.stop(servers, Duration.ofSeconds(30));
        for (Proc p : procs) {
            try {
                Files.deleteIfExists(Proc.pidFile(data, p.name()));
            } catch (IOException ignored) {
                // a stale pid file is harmless: find() checks the process's marker
            }
        }
        if (procs.isEmpty()) {
            return; // nothing was ours to stop: what `up` recorded for a running stack stays
        }
        try {
            Files.deleteIfExists(data.resolve("run").resolve(RUN_ENV));
        } catch (IOException ignored) {
            // as above
        }
    }

    /** What {@code ./pipeline up} recorded for {@code data}, if anything is recorded. */
    static Optional<Map<String, String>> recorded(Path data) throws IOException {
        Path f = data.resolve("run").resolve(RUN_ENV);
        return Files.isRegularFile(f) ? Optional.of(EnvFile.read(f)) : Optional.empty();
    }

    /** The processes a recorded stack consists of. */
    static List<String> members(Map<String, String> recorded) {
        String v = recorded.get(PROCESSES_VAR);
        return v == null || v.isBlank() ? ALL : List.of(v.split(","));
    }

    static String portVar(String service) {
        return service.substring(0, service.indexOf('-')).toUpperCase() + "_PORT";
    }

    /** The servers devstack must provide: those whose main variable is not set in {@code external}. */
    static Set<String> embeddedServers(Map<String, String> external) {
        Set<String> out = new LinkedHashSet<>();
        for (String server : SERVERS) {
            if (!isSet(external, SERVER_VARS.get(server).get(0))) {
                out.add(server);
            }
        }
        return out;
    }

    /** The services' environment: each server's variables from outside when set there, else from devstack. */
    static Map<String, String> serviceEnv(Map<String, String> devstack, Map<String, String> external, Path ingestDir) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String server : SERVERS) {
            List<String> vars = SERVER_VARS.get(server);
            Map<String, String> from = isSet(external, vars.get(0)) ? external : devstack;
            for (String v : vars) {
                if (isSet(from, v)) {
                    env.put(v, from.get(v));
                }
            }
        }
        env.put("INGEST_DIRECTORY", ingestDir.toString());
        return env;
    }

    /** One service's environment: the shared one, its port, and what is particular to running it locally. */
    static Map<String, String> envFor(String service, Map<String, String> shared, Set<String> embedded, int port) {
        Map<String, String> env = new LinkedHashMap<>(shared);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        // Services may log JSON for collectors; a local log file is read by people.
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        if (service.equals(INGEST) && embedded.contains("s3")) {
            // The embedded S3 serves the watched directory itself: the directory source sees every object put
            // through the S3 API as a file, so an S3 source over the same bytes would only read them twice.
            env.put("REPORTFLOW_INGEST_S3_ENABLED", "false");
        }
        return env;
    }

    private static boolean isSet(Map<String, String> env, String var) {
        String v = env.get(var);
        return v != null && !v.isBlank();
    }

    static void requireFree(int port, String who, String flag) throws StackException {
        if (port == 0) {
            return;
        }
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw new StackException("port " + port + " for " + who + " is already in use"
                    + " (another ./pipeline up? see ./pipeline status); choose another with " + flag + " N");
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(0));
            return s.getLocalPort();
        }
    }

    static String dataFlag(Path data) {
        return data.getFileName() != null && data.getFileName().toString().equals("data") ? "" : " --data " + data;
    }

    private static void sleep(long ms) throws StackException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted");
        }
    }
}
