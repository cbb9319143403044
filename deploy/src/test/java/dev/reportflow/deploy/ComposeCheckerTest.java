package dev.reportflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each check of {@link ComposeChecker}, fed a deliberately broken copy of docker-compose.yml. */
class ComposeCheckerTest {
    static final String COMPOSE = ServiceModule.read(DeployManifestsTest.ROOT.resolve("docker-compose.yml"));

    private static List<String> checkBroken(String from, String to) {
        assertThat(COMPOSE).as("the text to break is in docker-compose.yml").contains(from);
        return ComposeChecker.check(DeployManifestsTest.ROOT, DeployManifestsTest.MODULES, COMPOSE.replace(from, to), "broken.yml");
    }

    private static void assertReports(List<String> problems, String expected) {
        assertThat(problems).as("problems").anySatisfy(p -> assertThat(p).contains(expected));
    }

    @Test
    void unknownServiceKeyFailsTheSchema() {
        assertReports(checkBroken("    hostname: kafka\n", "    hostname: kafka\n    helthcheck: {}\n"), "schema");
    }

    @Test
    void wronglyTypedValueFailsTheSchema() {
        assertReports(checkBroken("      retries: 12\n      start_period: 20s\n\n  # One-shot",
                "      retries: [12]\n      start_period: 20s\n\n  # One-shot"), "schema");
    }

    @Test
    void duplicateKeyIsRefused() {
        assertReports(checkBroken("    hostname: kafka\n", "    hostname: kafka\n    hostname: broker\n"), "duplicate key");
    }

    @Test
    void imageThatMatchesNoModule() {
        assertReports(checkBroken("image: reportflow/metrics-service:", "image: reportflow/reporting-service:"), "matches no module");
    }

    @Test
    void buildContextThatIsNoModule() {
        assertReports(checkBroken("context: ./extract-service", "context: ./extraction"), "is not a service module");
    }

    @Test
    void environmentVariableNoServiceReads() {
        assertReports(checkBroken("      KAFKA_BOOTSTRAP_SERVERS: kafka:9092\n    depends_on:\n      kafka-init:",
                "      KAFKA_BOOTSTRAP_SERVER: kafka:9092\n    depends_on:\n      kafka-init:"), "KAFKA_BOOTSTRAP_SERVER is read by no setting");
    }

    @Test
    void kafkaClientSettingsAreReadOnlyWhereQuarkusPassesThemOn() {
        // extract-service hands KAFKA_* to its clients; a misspelt client setting is still unread.
        String extractEnv = "      QUARKUS_HTTP_PORT: 8082\n      KAFKA_BOOTSTRAP_SERVERS: kafka:9092\n";
        assertThat(checkBroken(extractEnv, extractEnv + "      KAFKA_SASL_MECHANISM: SCRAM-SHA-512\n")).isEmpty();
        assertReports(checkBroken(extractEnv, extractEnv + "      KAFKA_SASL_MECHANISMS: SCRAM-SHA-512\n"), "KAFKA_SASL_MECHANISMS is read by no setting");
    }

    @Test
    void healthcheckOnAPathTheServiceDoesNotServe() {
        assertReports(checkBroken("/dev/tcp/127.0.0.1/8082 && printf 'GET /q/health/ready", "/dev/tcp/127.0.0.1/8082 && printf 'GET /health/ready"),
                "healthcheck path /health/ready is not served");
    }

    @Test
    void healthcheckOnAnotherPort() {
        assertReports(checkBroken("/dev/tcp/127.0.0.1/8082", "/dev/tcp/127.0.0.1/8080"), "healthcheck port 8080 but extract-service listens on 8082");
    }

    @Test
    void publishedPortTheServiceDoesNotListenOn() {
        assertReports(checkBroken("      - \"8082:8082\"", "      - \"8082:8080\""), "publishes container port 8080");
    }

    @Test
    void waitingForHealthOfAServiceWithoutHealthcheck() {
        assertReports(checkBroken("      kafka-init:\n        condition: service_completed_successfully\n    healthcheck:\n      test: [\"CMD\", \"mc\"",
                        "      kafka-init:\n        condition: service_healthy\n    healthcheck:\n      test: [\"CMD\", \"mc\""),
                "waits for kafka-init to be healthy, but it has no healthcheck");
    }

    @Test
    void dependencyOnAnUnknownService() {
        assertReports(checkBroken("      minio-init:\n        condition: service_completed_successfully\n    healthcheck: &quarkus-ready",
                "      minio-setup:\n        condition: service_completed_successfully\n    healthcheck: &quarkus-ready"), "depends_on unknown service minio-setup");
    }

    @Test
    void undeclaredNamedVolume() {
        assertReports(checkBroken("      - minio-data:/data", "      - minio-store:/data"), "named volume minio-store is not declared");
    }

    @Test
    void notificationsToAnotherTopic() {
        assertReports(checkBroken("MINIO_NOTIFY_KAFKA_TOPIC_PRIMARY: bucket.notifications", "MINIO_NOTIFY_KAFKA_TOPIC_PRIMARY: minio.events"),
                "MinIO notifications go to minio.events");
    }

    @Test
    void bucketTheIngestServiceDoesNotWatch() {
        assertReports(checkBroken("      S3_BUCKET: ${S3_BUCKET:-reports}\n      NOTIFY_ARN", "      S3_BUCKET: reportflow\n      NOTIFY_ARN"),
                "disagree on the bucket");
    }

    @Test
    void noTopicInitialisation() {
        assertReports(checkBroken("      - ./deploy/compose/kafka-init.sh:/init/kafka-init.sh:ro\n", ""), "no service runs a kafka-init.sh");
    }

    @Test
    void topicScriptThatDriftsFromTheContracts(@TempDir Path dir) throws IOException {
        String script = ServiceModule.read(DeployManifestsTest.ROOT.resolve("deploy/compose/kafka-init.sh"))
                .replace("--topic reports.indicators    --partitions 6", "--topic reports.indicators    --partitions 3")
                .replace("--topic reports.ingested      --partitions 6 --config cleanup.policy=compact", "--topic reports.ingested      --partitions 6 --config cleanup.policy=delete")
                .replaceAll("(?m)^create --topic bucket\\.notifications.*$", "");
        Path broken = Files.writeString(dir.resolve("kafka-init.sh"), script);
        List<String> problems = checkBroken("./deploy/compose/kafka-init.sh:", broken + ":");
        assertReports(problems, "topic reports.indicators has 3 partitions, the contract says 6");
        assertReports(problems, "topic reports.ingested must be compacted");
        assertReports(problems, "topic bucket.notifications of Topics.ALL is not created");
    }
}
