package dev.reportflow.devstack;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.h2.mvstore.MVStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** mongo-java-server speaking the MongoDB wire protocol, stored in one H2 MVStore file (or in memory). */
final class EmbeddedMongo implements AutoCloseable {

    /** Where the documents live. */
    enum Store {
        /** One H2 MVStore file under the data directory: survives restarts (the default). */
        FILE,
        /** The server's in-memory backend: nothing survives a restart; for benchmarks and throw-away runs. */
        MEMORY;

        static Store parse(String v) {
            try {
                return valueOf(v.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--mongo-store must be file or memory, got " + v);
            }
        }
    }

    private final MongoServer server;
    private final String connectionString;
    private final String description;

    private EmbeddedMongo(MongoServer server, String connectionString, String description) {
        this.server = server;
        this.connectionString = connectionString;
        this.description = description;
    }

    static EmbeddedMongo start(Path dir, int port, Store store, int cacheMb) throws Exception {
        AbstractMongoBackend backend;
        String description;
        if (store == Store.MEMORY) {
            backend = new MemoryBackend();
            description = "in memory";
        } else {
            Files.createDirectories(dir);
            Path file = dir.resolve("reportflow.mv");
            // MVStore's page cache holds deserialized documents; its 16 MB default is exceeded by ~10,000
            // indicator facts, after which every scan deserializes each document again (20-40 µs each,
            // docs/benchmarks.md), so the cache size is a setting.
            MVStore mv = new MVStore.Builder().fileName(file.toString()).cacheSize(cacheMb).open();
            backend = new H2Backend(mv);
            description = file + " (page cache " + cacheMb + " MB)";
        }
        MongoServer server = new MongoServer(backend);
        try {
            server.bind(DevStack.HOST, port);
        } catch (RuntimeException e) {
            server.shutdownNow();
            throw e;
        }
        int bound = server.getLocalAddress().getPort();
        return new EmbeddedMongo(server, "mongodb://" + DevStack.HOST + ":" + bound, description);
    }

    String connectionString() {
        return connectionString;
    }

    String description() {
        return description;
    }

    @Override
    public void close() {
        // shutdown() closes the backend, which commits and closes the H2 file.
        server.shutdown();
    }
}
