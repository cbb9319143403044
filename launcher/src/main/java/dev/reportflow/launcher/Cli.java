package dev.reportflow.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code ./pipeline} command line: a command, global flags, and what the command takes. */
public final class Cli {
    private Cli() {}

    public static final Set<String> COMMANDS =
            Set.of("demo", "up", "down", "status", "logs", "extract", "reextract", "rebuild-views", "help");

    public static final String USAGE = """
            usage: ./pipeline [flags] COMMAND
              demo [--exit]          build if needed, start everything, drop samples/*.txt into the bucket,
                                     wait until every report is aggregated, print a summary; keeps running
                                     until Ctrl-C (--exit: stop everything once the summary is printed)
              up                     start devstack and the three services in the background; returns once ready
              down                   stop them (SIGTERM, then SIGKILL after a grace period)
              status                 what runs, where, and whether it is ready
              logs [SERVICE] [-f] [-n N]
                                     last N (50) lines of a log (devstack, ingest, extract, metrics; all if none)
              extract --out DIR [--pretty] FILE...
                                     run the extractor on files, one JSON document per file (no servers)
              reextract              ask extract-service to replay reports.ingested
              rebuild-views          ask metrics-service to rebuild its views from the collections
            flags:
              --data DIR             where all state lives (default: data/ in the repository)
              --port-metrics N       metrics-service HTTP port (default 8080, env METRICS_PORT)
              --port-ingest N        ingest-service HTTP port (default 8081, env INGEST_PORT)
              --port-extract N       extract-service HTTP port (default 8082, env EXTRACT_PORT)
              --kafka-port N, --mongo-port N, --s3-port N
                                     embedded servers' ports (default 0: any free port)
              --timeout SECONDS      bound on each wait: readiness, and the demo's processing (default 180)
              --no-build             never run the Maven build, even when jars are stale
            env: KAFKA_BOOTSTRAP_SERVERS, MONGODB_URI (+ MONGODB_DATABASE), S3_ENDPOINT (+ S3_REGION, S3_ACCESS_KEY,
              S3_SECRET_KEY, S3_BUCKET) select real servers instead of embedded ones; PIPELINE_JAVA_OPTS is
              appended to every JVM's options.
            """;

    /** Everything one invocation asks for. Ports of 0 mean "pick a free one". */
    public record Invocation(String command, Path data, int metricsPort, int ingestPort, int extractPort,
                             int kafkaPort, int mongoPort, int s3Port, Duration timeout, boolean build,
                             boolean exitWhenDone, String logTarget, boolean follow, int lines,
                             List<String> passThrough) {}

    /** Thrown for a command line that cannot be run; the message is for the user. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }

    /**
     * @param env  the process environment (ports may come from it)
     * @param cwd  where relative paths given by the user resolve
     * @param root the repository root (the default data directory lives there)
     */
    public static Invocation parse(List<String> args, Map<String, String> env, Path cwd, Path root) {
        String command = null;
        Path data = root.resolve("data");
        int metrics = envPort(env, "METRICS_PORT", 8080);
        int ingest = envPort(env, "INGEST_PORT", 8081);
        int extract = envPort(env, "EXTRACT_PORT", 8082);
        int kafka = 0, mongo = 0, s3 = 0;
        Duration timeout = Duration.ofSeconds(180);
        boolean build = true, exit = false, follow = false;
        int lines = 50;
        String logTarget = null;
        List<String> passThrough = new ArrayList<>();

        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (command == null && !a.startsWith("-")) {
                if (!COMMANDS.contains(a)) {
                    throw new UsageException("unknown command '" + a + "'");
                }
                command = a;
                if (a.equals("extract")) {
                    // The extractor has its own flags (--out, --pretty): hand it the rest untouched.
                    passThrough.addAll(args.subList(i + 1, args.size()));
                    break;
                }
                continue;
            }
            switch (a) {
                case "-h", "--help" -> command = "help";
                case "--data" -> data = cwd.resolve(value(args, ++i, a));
                case "--port-metrics" -> metrics = port(a, value(args, ++i, a));
                case "--port-ingest" -> ingest = port(a, value(args, ++i, a));
                case "--port-extract" -> extract = port(a, value(args, ++i, a));
                case "--kafka-port" -> kafka = port(a, value(args, ++i, a));
                case "--mongo-port" -> mongo = port(a, value(args, ++i, a));
                case "--s3-port" -> s3 = port(a, value(args, ++i, a));
                case "--timeout" -> timeout = Duration.ofSeconds(positive(a, value(args, ++i, a)));
                case "--no-build" -> build = false;
                case "--exit" -> exit = only(command, "demo", a, true);
                case "-f", "--follow" -> follow = only(command, "logs", a, true);
                case "-n", "--lines" -> {
                    only(command, "logs", a, true);
                    lines = positive(a, value(args, ++i, a));
                }
                default -> {
                    if (a.startsWith("-")) {
                        throw new UsageException("unknown flag " + a);
                    }
                    if ("logs".equals(command) && logTarget == null) {
                        logTarget = Stack.canonicalName(a);
                    } else {
                        throw new UsageException("unexpected argument '" + a + "'");
                    }
                }
            }
        }
        if (command == null) {
            command = "help";
        }
        if (command.equals("extract") && passThrough.isEmpty()) {
            throw new UsageException("extract needs --out DIR and at least one FILE");
        }
        return new Invocation(command, data.toAbsolutePath().normalize(), metrics, ingest, extract, kafka, mongo, s3,
                timeout, build, exit, logTarget, follow, lines, List.copyOf(passThrough));
    }

    private static boolean only(String command, String expected, String flag, boolean v) {
        if (!expected.equals(command)) {
            throw new UsageException(flag + " belongs to '" + expected + "' (write it after the command)");
        }
        return v;
    }

    private static String value(List<String> args, int i, String flag) {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new UsageException("missing value for " + flag);
        }
        return args.get(i);
    }

    private static int envPort(Map<String, String> env, String name, int dflt) {
        String v = env.get(name);
        return v == null || v.isBlank() ? dflt : port(name, v.trim());
    }

    static int port(String what, String v) {
        int p;
        try {
            p = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new UsageException(what + " must be a port number, got '" + v + "'");
        }
        if (p < 0 || p > 65535) {
            throw new UsageException(what + " must be 0..65535, got " + p);
        }
        return p;
    }

    private static int positive(String flag, String v) {
        try {
            int n = Integer.parseInt(v);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException(flag + " must be a positive integer, got '" + v + "'");
    }
}
