package dev.reportflow.metrics.store;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@link StoreAndViewsTest} on mongo-java-server's H2 file backend, which the devstack uses and
 * which behaves differently from the in-memory one (it failed {@code $merge} onto rows with
 * document {@code _id}s, hence the string view ids).
 */
class StoreAndViewsH2Test extends StoreAndViewsTest {
    @Override
    MongoServer newServer() {
        try {
            Path dir = Files.createTempDirectory("metrics-h2-");
            dir.toFile().deleteOnExit();
            Path file = dir.resolve("store.mv");
            file.toFile().deleteOnExit();
            return new MongoServer(new H2Backend(file.toString()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
