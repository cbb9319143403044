package dev.reportflow.devstack;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

import java.nio.file.Files;
import java.nio.file.Path;

/** mongo-java-server speaking the MongoDB wire protocol, stored in one H2 MVStore file. */
final class EmbeddedMongo implements AutoCloseable {
    private final MongoServer server;
    private final String connectionString;

    private EmbeddedMongo(MongoServer server, String connectionString) {
        this.server = server;
        this.connectionString = connectionString;
    }

    static EmbeddedMongo start(Path dir, int port) throws Exception {
        Files.createDirectories(dir);
        H2Backend backend = new H2Backend(dir.resolve("reportflow.mv").toString());
        MongoServer server = new MongoServer(backend);
        try {
            server.bind(DevStack.HOST, port);
        } catch (RuntimeException e) {
            server.shutdownNow();
            throw e;
        }
        int bound = server.getLocalAddress().getPort();
        return new EmbeddedMongo(server, "mongodb://" + DevStack.HOST + ":" + bound);
    }

    String connectionString() {
        return connectionString;
    }

    @Override
    public void close() {
        // shutdown() closes the backend, which commits and closes the H2 file.
        server.shutdown();
    }
}
