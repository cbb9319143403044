package dev.reportflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.nio.file.Path;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedMongoTest {
    @TempDir
    Path dir;

    @Test
    void theFileStoreKeepsDocumentsAcrossRestartsWithItsCacheSize() throws Exception {
        try (EmbeddedMongo m = EmbeddedMongo.start(dir, 0, EmbeddedMongo.Store.FILE, 8)) {
            assertThat(m.description()).contains("reportflow.mv").contains("page cache 8 MB");
            write(m, "kept");
        }
        try (EmbeddedMongo m = EmbeddedMongo.start(dir, 0, EmbeddedMongo.Store.FILE, 8)) {
            assertThat(read(m)).isEqualTo("kept");
        }
    }

    @Test
    void theMemoryStoreServesTheProtocolAndForgetsOnRestart() throws Exception {
        try (EmbeddedMongo m = EmbeddedMongo.start(dir, 0, EmbeddedMongo.Store.MEMORY, 8)) {
            assertThat(m.description()).isEqualTo("in memory");
            write(m, "volatile");
            assertThat(read(m)).isEqualTo("volatile");
        }
        try (EmbeddedMongo m = EmbeddedMongo.start(dir, 0, EmbeddedMongo.Store.MEMORY, 8)) {
            assertThat(read(m)).isNull();
        }
        assertThat(dir.resolve("reportflow.mv")).doesNotExist();
    }

    private static void write(EmbeddedMongo m, String value) {
        try (MongoClient c = MongoClients.create(m.connectionString())) {
            c.getDatabase("t").getCollection("c").insertOne(new Document("_id", 1).append("v", value));
        }
    }

    private static String read(EmbeddedMongo m) {
        try (MongoClient c = MongoClients.create(m.connectionString())) {
            Document d = c.getDatabase("t").getCollection("c").find(new Document("_id", 1)).first();
            return d == null ? null : d.getString("v");
        }
    }
}
