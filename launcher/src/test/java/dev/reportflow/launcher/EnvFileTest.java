package dev.reportflow.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvFileTest {
    @TempDir
    Path dir;

    @Test
    void parsesWhatDevstackWrites() {
        String text = """
                # written by devstack once every server is ready; removed on shutdown
                KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:39092
                MONGODB_URI=mongodb://127.0.0.1:37017/?serverSelectionTimeoutMS=5000&w=1

                S3_SECRET_KEY=a=b==
                EMPTY=
                  INDENTED = keeps the value verbatim\s
                """;
        Map<String, String> env = EnvFile.parse(text);
        assertThat(env).containsExactly(
                Map.entry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:39092"),
                Map.entry("MONGODB_URI", "mongodb://127.0.0.1:37017/?serverSelectionTimeoutMS=5000&w=1"),
                Map.entry("S3_SECRET_KEY", "a=b=="),
                Map.entry("EMPTY", ""),
                Map.entry("INDENTED", " keeps the value verbatim "));
    }

    @Test
    void acceptsWindowsLineEndingsAndALastLineWithoutNewline() {
        assertThat(EnvFile.parse("A=1\r\nB=2")).containsExactly(Map.entry("A", "1"), Map.entry("B", "2"));
    }

    @Test
    void refusesLinesThatAreNotAssignments_namingTheLine() {
        assertThatThrownBy(() -> EnvFile.parse("A=1\nexport B\n")).hasMessageContaining("line 2");
        assertThatThrownBy(() -> EnvFile.parse("=1")).hasMessageContaining("line 1");
        assertThatThrownBy(() -> EnvFile.parse("1A=1")).hasMessageContaining("line 1");
    }

    @Test
    void writeThenReadGivesTheSameMap_andLeavesNoTemporaryFile() throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("METRICS_PORT", "8080");
        env.put("MONGODB_URI", "mongodb://h:1/?a=b");
        env.put("INGEST_DIRECTORY", "/tmp/with space/bucket/reports");
        Path f = dir.resolve("run/pipeline.env");
        EnvFile.write(f, "a comment", env);
        assertThat(EnvFile.read(f)).containsExactlyEntriesOf(env);
        assertThat(Files.readString(f)).startsWith("# a comment\n");
        try (var files = Files.list(f.getParent())) {
            assertThat(files).containsExactly(f);
        }
    }

    @Test
    void refusesToWriteAValueThatWouldBreakTheFormat() {
        assertThatThrownBy(() -> EnvFile.write(dir.resolve("x.env"), null, Map.of("A", "1\nB=2")))
                .hasMessageContaining("A");
        assertThat(dir.resolve("x.env")).doesNotExist();
    }

    @Test
    void readNamesTheFileOfABadLine() throws IOException {
        Path f = dir.resolve("devstack.env");
        Files.writeString(f, "oops\n");
        assertThatThrownBy(() -> EnvFile.read(f)).isInstanceOf(IOException.class).hasMessageContaining(f.toString());
    }
}
