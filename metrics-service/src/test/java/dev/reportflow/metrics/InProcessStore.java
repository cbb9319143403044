package dev.reportflow.metrics;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import dev.reportflow.metrics.store.FactStore;
import dev.reportflow.metrics.store.Indexes;
import dev.reportflow.metrics.views.AnomalyRules;
import dev.reportflow.metrics.views.Views;

/**
 * The store and the views over a mongo-java-server in this JVM, for the in-process harnesses:
 * started on a free port with the service's indexes and the default anomaly rules, stopped on close.
 */
public final class InProcessStore implements AutoCloseable {
    // Held so the level sticks: the server logs every collection and ignored index otherwise.
    private static final java.util.logging.Logger SERVER_LOG = java.util.logging.Logger.getLogger("de.bwaldvogel");

    private final MongoServer server;
    private final MongoClient client;
    public final MongoDatabase db;
    public final Views views;
    public final FactStore store;

    public InProcessStore(AbstractMongoBackend backend, String database) {
        SERVER_LOG.setLevel(java.util.logging.Level.SEVERE);
        server = new MongoServer(backend);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort());
        db = client.getDatabase(database);
        Indexes.ensure(db);
        views = new Views(db, AnomalyRules.defaults());
        store = new FactStore(db, views);
    }

    /** This JVM's CPU (client, server, GC, JIT): unlike the wall clock, other processes on the machine hardly change it. */
    public static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
