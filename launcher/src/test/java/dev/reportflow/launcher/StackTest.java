package dev.reportflow.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackTest {
    static final Map<String, String> DEVSTACK = Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:40001",
            "MONGODB_URI", "mongodb://127.0.0.1:40002",
            "S3_ENDPOINT", "http://127.0.0.1:40003",
            "S3_REGION", "us-east-1",
            "S3_ACCESS_KEY", "reportflow",
            "S3_SECRET_KEY", "reportflow-secret",
            "S3_BUCKET", "reports",
            "INGEST_DIRECTORY", "/elsewhere",
            "DEVSTACK_PID", "4242");
    static final Path BUCKET = Path.of("/d/bucket/reports");

    @Test
    void withNothingExternalEverythingIsEmbedded() {
        assertThat(Stack.embeddedServers(Map.of("PATH", "/bin"))).containsExactly("kafka", "mongo", "s3");
        Map<String, String> env = Stack.serviceEnv(DEVSTACK, Map.of(), BUCKET);
        assertThat(env).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:40001")
                .containsEntry("MONGODB_URI", "mongodb://127.0.0.1:40002")
                .containsEntry("S3_SECRET_KEY", "reportflow-secret")
                .containsEntry("S3_BUCKET", "reports")
                .containsEntry("INGEST_DIRECTORY", "/d/bucket/reports") // --data decides, not devstack's file
                .doesNotContainKeys("DEVSTACK_PID", "MONGODB_DATABASE");
    }

    @Test
    void anExternalServerBringsItsWholeGroup_neverTheEmbeddedCredentials() {
        Map<String, String> external = Map.of("S3_ENDPOINT", "https://s3.example:9000", "S3_ACCESS_KEY", "ak",
                "S3_REGION", "", "MONGODB_DATABASE", "ignored-without-uri");
        assertThat(Stack.embeddedServers(external)).containsExactly("kafka", "mongo");
        Map<String, String> env = Stack.serviceEnv(DEVSTACK, external, BUCKET);
        assertThat(env).containsEntry("S3_ENDPOINT", "https://s3.example:9000")
                .containsEntry("S3_ACCESS_KEY", "ak")
                .doesNotContainKeys("S3_SECRET_KEY", "S3_REGION", "S3_BUCKET", "MONGODB_DATABASE")
                .containsEntry("MONGODB_URI", "mongodb://127.0.0.1:40002")
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:40001");
    }

    @Test
    void allExternalNeedsNoDevstack() {
        Map<String, String> external = Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092", "MONGODB_URI", "mongodb://m",
                "MONGODB_DATABASE", "rf", "S3_ENDPOINT", "http://minio:9000");
        assertThat(Stack.embeddedServers(external)).isEmpty();
        assertThat(Stack.serviceEnv(Map.of(), external, BUCKET)).containsExactly(
                Map.entry("KAFKA_BOOTSTRAP_SERVERS", "k:9092"),
                Map.entry("MONGODB_URI", "mongodb://m"),
                Map.entry("MONGODB_DATABASE", "rf"),
                Map.entry("S3_ENDPOINT", "http://minio:9000"),
                Map.entry("INGEST_DIRECTORY", "/d/bucket/reports"));
    }

    @Test
    void eachServiceGetsItsPort_andIngestLeavesTheEmbeddedBucketToItsDirectorySource() {
        Map<String, String> shared = Stack.serviceEnv(DEVSTACK, Map.of(), BUCKET);
        Map<String, String> ingest = Stack.envFor(Stack.INGEST, shared, Stack.embeddedServers(Map.of()), 18081);
        assertThat(ingest).containsAllEntriesOf(shared)
                .containsEntry("QUARKUS_HTTP_PORT", "18081")
                .containsEntry("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false")
                .containsEntry("REPORTFLOW_INGEST_S3_ENABLED", "false");
        assertThat(Stack.envFor(Stack.METRICS, shared, Stack.embeddedServers(Map.of()), 18080))
                .containsEntry("QUARKUS_HTTP_PORT", "18080")
                .doesNotContainKey("REPORTFLOW_INGEST_S3_ENABLED");
        // A real S3 endpoint is a bucket of its own: ingest watches it next to the directory.
        Map<String, String> external = Map.of("S3_ENDPOINT", "http://minio:9000");
        assertThat(Stack.envFor(Stack.INGEST, Stack.serviceEnv(DEVSTACK, external, BUCKET),
                Stack.embeddedServers(external), 8081)).doesNotContainKey("REPORTFLOW_INGEST_S3_ENABLED");
    }

    @Test
    void aPortInUseIsReportedWithTheFlagThatMovesIt() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> Stack.requireFree(port, "metrics-service", "--port-metrics"))
                    .isInstanceOf(Stack.StackException.class)
                    .hasMessageContaining("port " + port + " for metrics-service is already in use")
                    .hasMessageContaining("--port-metrics N");
        }
    }

    @Test
    void aFreePortPasses() throws Exception {
        int port = Stack.freePort();
        Stack.requireFree(port, "x", "--x");
        Stack.requireFree(0, "x", "--x");
    }

    @Test
    void aRecordedStackNamesItsProcesses_olderRecordsMeanAllFour() {
        assertThat(Stack.members(Map.of("PIPELINE_PROCESSES", "ingest-service,extract-service,metrics-service")))
                .containsExactly("ingest-service", "extract-service", "metrics-service");
        assertThat(Stack.members(Map.of())).isEqualTo(Stack.ALL);
    }

    @Test
    void names() {
        assertThat(Stack.canonicalName("metrics")).isEqualTo("metrics-service");
        assertThat(Stack.canonicalName("devstack")).isEqualTo("devstack");
        assertThat(Stack.portVar("extract-service")).isEqualTo("EXTRACT_PORT");
        assertThat(Stack.dataFlag(Path.of("/repo/data"))).isEmpty();
        assertThat(Stack.dataFlag(Path.of("/tmp/x"))).isEqualTo(" --data /tmp/x");
    }
}
