package dev.reportflow.testsupport;

import dev.reportflow.events.Topics;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Kafka (apache/kafka, KRaft), MongoDB (a one-member replica set) and MinIO in containers. */
final class ContainersBackend {
    static final String KAFKA_IMAGE_PROPERTY = "reportflow.test.kafka-image";
    static final String MONGO_IMAGE_PROPERTY = "reportflow.test.mongo-image";
    static final String MINIO_IMAGE_PROPERTY = "reportflow.test.minio-image";

    static final String ACCESS_KEY = "reportflow";
    static final String SECRET_KEY = "reportflow-secret";

    private ContainersBackend() {}

    @SuppressWarnings("resource") // stopped by the shutdown hook (and by Ryuk if this JVM dies)
    static Settings start() throws IOException {
        KafkaContainer kafka = new KafkaContainer(DockerImageName.parse(
                System.getProperty(KAFKA_IMAGE_PROPERTY, "apache/kafka:4.0.0")))
                // The image maps KAFKA_* variables to broker properties; reports travel inline up to this size.
                .withEnv("KAFKA_MESSAGE_MAX_BYTES", Integer.toString(Topics.MAX_MESSAGE_BYTES))
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        // MongoDBContainer initiates a single-member replica set, so transactions and change streams work.
        MongoDBContainer mongo = new MongoDBContainer(DockerImageName.parse(
                System.getProperty(MONGO_IMAGE_PROPERTY, "mongo:7")));
        MinIOContainer minio = new MinIOContainer(DockerImageName.parse(
                System.getProperty(MINIO_IMAGE_PROPERTY, "minio/minio:RELEASE.2023-09-04T19-57-37Z")))
                .withUserName(ACCESS_KEY)
                .withPassword(SECRET_KEY);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            minio.stop();
            mongo.stop();
            kafka.stop();
        }, "testcontainers-stop"));
        Startables.deepStart(kafka, mongo, minio).join();

        // No local directory backs a MinIO bucket: ingest tests that drop files get their own directory.
        Path ingest = Files.createTempDirectory("reportflow-ingest-");
        return new Settings("testcontainers", kafka.getBootstrapServers(), mongo.getConnectionString(),
                minio.getS3URL(), "us-east-1", ACCESS_KEY, SECRET_KEY, "reports", ingest);
    }
}
