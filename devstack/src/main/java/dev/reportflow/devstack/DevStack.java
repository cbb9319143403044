package dev.reportflow.devstack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Starts a real Kafka broker (KRaft), a MongoDB-wire server and an S3 endpoint in this JVM, on loopback, with
 * their data under one directory, then writes {@code <data>/devstack.env} as the "ready" signal.
 *
 * <pre>java -Xmx384m -jar devstack/target/devstack.jar --data data [--kafka-port 9092] [--mongo-port 27017]
 *      [--s3-port 9000] [--mongo-store file|memory] [--mongo-cache-mb 64] [--exit-with-parent PID]</pre>
 */
public final class DevStack implements AutoCloseable {

    public static final String ENV_FILE = "devstack.env";
    public static final String S3_REGION = "us-east-1";
    public static final String S3_ACCESS_KEY = "reportflow";
    public static final String S3_SECRET_KEY = "reportflow-secret";
    public static final String S3_BUCKET = "reports";
    static final String HOST = "127.0.0.1";

    /** Command-line options; a port of 0 means "pick a free one". */
    public record Options(Path data, int kafkaPort, int mongoPort, int s3Port, long exitWithParent,
                          EmbeddedMongo.Store mongoStore, int mongoCacheMb) {
        /** The H2 page cache: MVStore's default of 16 MB holds ~10,000 indicator facts, past that every scan deserializes. */
        static final int DEFAULT_MONGO_CACHE_MB = 64;

        static Options parse(String[] args) {
            Path data = Path.of("data");
            int kafka = 9092, mongo = 27017, s3 = 9000;
            long parent = -1;
            EmbeddedMongo.Store store = EmbeddedMongo.Store.FILE;
            int cacheMb = DEFAULT_MONGO_CACHE_MB;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--help") || a.equals("-h")) {
                    throw new IllegalArgumentException("");
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + a);
                }
                String v = args[++i];
                switch (a) {
                    case "--data" -> data = Path.of(v);
                    case "--kafka-port" -> kafka = port(a, v);
                    case "--mongo-port" -> mongo = port(a, v);
                    case "--s3-port" -> s3 = port(a, v);
                    case "--exit-with-parent" -> parent = Long.parseLong(v);
                    case "--mongo-store" -> store = EmbeddedMongo.Store.parse(v);
                    case "--mongo-cache-mb" -> {
                        cacheMb = Integer.parseInt(v);
                        if (cacheMb < 1) throw new IllegalArgumentException("--mongo-cache-mb must be at least 1, got " + v);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            return new Options(data.toAbsolutePath().normalize(), kafka, mongo, s3, parent, store, cacheMb);
        }

        private static int port(String flag, String v) {
            int p = Integer.parseInt(v);
            if (p < 0 || p > 65535) {
                throw new IllegalArgumentException(flag + " must be 0..65535, got " + v);
            }
            return p;
        }
    }

    private final Options options;
    private final Path envFile;
    private FileChannel lockChannel;
    private FileLock lock;
    private EmbeddedKafka kafka;
    private EmbeddedMongo mongo;
    private EmbeddedS3 s3;
    private Map<String, String> env;
    private String startupTimes = "";
    private final AtomicBoolean closed = new AtomicBoolean();

    private DevStack(Options options) {
        this.options = options;
        this.envFile = options.data().resolve(ENV_FILE);
    }

    /** Starts everything; on failure stops what already started and rethrows. */
    public static DevStack start(Options options) throws Exception {
        DevStack stack = new DevStack(options);
        try {
            stack.doStart();
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    private void doStart() throws Exception {
        Path data = options.data();
        Files.createDirectories(data);
        lockChannel = FileChannel.open(data.resolve("devstack.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        lock = lockChannel.tryLock();
        if (lock == null) {
            throw new IllegalStateException("another devstack already uses " + data);
        }
        // A leftover env file (killed -9 last time) would claim readiness before we are ready.
        Files.deleteIfExists(envFile);

        long t0 = System.nanoTime();
        kafka = EmbeddedKafka.start(data.resolve("kafka"), freePortIfZero(options.kafkaPort()));
        long t1 = System.nanoTime();
        mongo = EmbeddedMongo.start(data.resolve("mongo"), options.mongoPort(), options.mongoStore(), options.mongoCacheMb());
        long t2 = System.nanoTime();
        s3 = EmbeddedS3.start(data.resolve("bucket"), freePortIfZero(options.s3Port()), S3_BUCKET,
                S3_ACCESS_KEY, S3_SECRET_KEY);
        long t3 = System.nanoTime();
        startupTimes = String.format("kafka %d ms, mongo %d ms (%s), s3 %d ms", (t1 - t0) / 1_000_000,
                (t2 - t1) / 1_000_000, mongo.description(), (t3 - t2) / 1_000_000);

        Map<String, String> e = new LinkedHashMap<>();
        e.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        e.put("MONGODB_URI", mongo.connectionString());
        e.put("S3_ENDPOINT", s3.endpoint());
        e.put("S3_REGION", S3_REGION);
        e.put("S3_ACCESS_KEY", S3_ACCESS_KEY);
        e.put("S3_SECRET_KEY", S3_SECRET_KEY);
        e.put("S3_BUCKET", S3_BUCKET);
        e.put("INGEST_DIRECTORY", s3.bucketDirectory().toString());
        e.put("DEVSTACK_PID", Long.toString(ProcessHandle.current().pid()));
        env = Map.copyOf(e);
        writeEnvFile(e);
    }

    public Map<String, String> env() {
        return env;
    }

    private void writeEnvFile(Map<String, String> e) throws IOException {
        StringBuilder sb = new StringBuilder("# written by devstack once every server is ready; removed on shutdown\n");
        e.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        Path tmp = envFile.resolveSibling(ENV_FILE + ".tmp");
        Files.writeString(tmp, sb, StandardCharsets.UTF_8);
        try {
            Files.move(tmp, envFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException ex) {
            Files.move(tmp, envFile, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // First withdraw the "ready" signal (only ours: a refused second instance must not remove the first's),
        // then stop servers in reverse order of start.
        if (lock != null) {
            try {
                Files.deleteIfExists(envFile);
            } catch (IOException ignored) {
                // best effort: the next start deletes it too
            }
        }
        quietly(s3);
        quietly(mongo);
        quietly(kafka);
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException ignored) {
            // the OS drops the lock when the process exits
        }
    }

    private static void quietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            System.err.println("devstack: error while stopping " + c.getClass().getSimpleName() + ": " + e);
        }
    }

    static int freePortIfZero(int port) throws IOException {
        if (port != 0) {
            return port;
        }
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(HOST, 0));
            return s.getLocalPort();
        }
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("devstack: " + e.getMessage());
            }
            System.err.println("usage: java -Xmx384m -jar devstack.jar [--data DIR] [--kafka-port N] [--mongo-port N]"
                    + " [--s3-port N] [--mongo-store file|memory] [--mongo-cache-mb N] [--exit-with-parent PID]"
                    + "   (port 0 = pick a free port; --mongo-store memory keeps nothing across restarts)");
            System.exit(2);
            return;
        }
        long t0 = System.nanoTime();
        DevStack stack;
        try {
            stack = start(options);
        } catch (Throwable e) {
            System.err.println("devstack: failed to start: " + e);
            e.printStackTrace();
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "devstack-shutdown"));
        if (options.exitWithParent() > 0) {
            // Tests start devstack as a child: if their JVM dies without running its hooks, follow it.
            ProcessHandle.of(options.exitWithParent()).ifPresentOrElse(
                    p -> p.onExit().thenRun(() -> System.exit(0)),
                    () -> System.exit(0));
        }
        PrintStream out = System.out;
        out.printf("devstack ready in %d ms (%s), data in %s; settings in %s:%n",
                (System.nanoTime() - t0) / 1_000_000, stack.startupTimes, options.data(),
                options.data().resolve(ENV_FILE));
        stack.env().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(en -> out.println("  " + en.getKey() + "=" + en.getValue()));
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
