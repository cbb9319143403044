package dev.reportflow.devstack;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionsTest {
    @Test
    void defaultsAreTheConventionalPorts() {
        DevStack.Options o = DevStack.Options.parse(new String[0]);
        assertThat(o.data()).isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(o.kafkaPort()).isEqualTo(9092);
        assertThat(o.mongoPort()).isEqualTo(27017);
        assertThat(o.s3Port()).isEqualTo(9000);
        assertThat(o.exitWithParent()).isEqualTo(-1);
        assertThat(o.mongoStore()).isEqualTo(EmbeddedMongo.Store.FILE);
        assertThat(o.mongoCacheMb()).isEqualTo(64);
    }

    @Test
    void parsesTheMongoStoreOptions() {
        DevStack.Options o = DevStack.Options.parse(new String[] {"--mongo-store", "memory", "--mongo-cache-mb", "256"});
        assertThat(o.mongoStore()).isEqualTo(EmbeddedMongo.Store.MEMORY);
        assertThat(o.mongoCacheMb()).isEqualTo(256);
        assertThatThrownBy(() -> DevStack.Options.parse(new String[] {"--mongo-store", "disk"}))
                .hasMessageContaining("file or memory");
        assertThatThrownBy(() -> DevStack.Options.parse(new String[] {"--mongo-cache-mb", "0"}))
                .hasMessageContaining("at least 1");
    }

    @Test
    void parsesEveryFlag() {
        DevStack.Options o = DevStack.Options.parse(new String[] {"--data", "/tmp/x", "--kafka-port", "0",
                "--mongo-port", "1234", "--s3-port", "0", "--exit-with-parent", "42"});
        assertThat(o).isEqualTo(new DevStack.Options(Path.of("/tmp/x"), 0, 1234, 0, 42,
                EmbeddedMongo.Store.FILE, DevStack.Options.DEFAULT_MONGO_CACHE_MB));
    }

    @Test
    void rejectsUnknownFlagsMissingValuesAndBadPorts() {
        assertThatThrownBy(() -> DevStack.Options.parse(new String[] {"--kafka"})).hasMessageContaining("missing value");
        assertThatThrownBy(() -> DevStack.Options.parse(new String[] {"--nope", "1"})).hasMessageContaining("unknown");
        assertThatThrownBy(() -> DevStack.Options.parse(new String[] {"--s3-port", "70000"}))
                .hasMessageContaining("0..65535");
    }
}
