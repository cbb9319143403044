package dev.reportflow.devstack;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import dev.reportflow.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the packaged {@code target/devstack.jar} as a separate process (as ./pipeline and test-support do),
 * uses each server with its official client, restarts it on the same data directory and finds the data again.
 */
class DevStackIT {
    @TempDir
    Path work;
    private Process process;

    @AfterEach
    void stopProcess() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void serversWorkAndDataSurvivesARestart() throws Exception {
        Path data = work.resolve("data");
        Map<String, String> env = start(data);

        // Kafka: every topic as specified, and a record round trip.
        try (Admin admin = admin(env)) {
            Map<String, TopicDescription> topics = admin.describeTopics(
                    Topics.ALL.stream().map(Topics.TopicSpec::name).toList()).allTopicNames().get(30, TimeUnit.SECONDS);
            for (Topics.TopicSpec spec : Topics.ALL) {
                assertThat(topics.get(spec.name()).partitions()).as(spec.name()).hasSize(spec.partitions());
            }
            ConfigResource ingested = new ConfigResource(ConfigResource.Type.TOPIC, Topics.REPORTS_INGESTED);
            Config cfg = admin.describeConfigs(List.of(ingested)).all().get(30, TimeUnit.SECONDS).get(ingested);
            assertThat(cfg.get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(cfg.get("max.message.bytes").value()).isEqualTo(Integer.toString(Topics.MAX_MESSAGE_BYTES));
        }
        String key = "report-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = producer(env)) {
            producer.send(new ProducerRecord<>(Topics.REPORTS_REJECTED, key, "rejected: probe")).get(30, TimeUnit.SECONDS);
        }
        assertThat(readAll(env, Topics.REPORTS_REJECTED)).containsEntry(key, "rejected: probe");

        // MongoDB: a document written with the official driver.
        String id = UUID.randomUUID().toString();
        try (MongoClient mongo = MongoClients.create(env.get("MONGODB_URI"))) {
            MongoCollection<Document> c = mongo.getDatabase("reportflow").getCollection("probe");
            c.insertOne(new Document("_id", id).append("region", "上海市"));
            assertThat(c.find(new Document("_id", id)).first()).containsEntry("region", "上海市");
        }

        // S3: a file copied into the bucket directory is an object of the bucket.
        Path bucketDir = Path.of(env.get("INGEST_DIRECTORY"));
        assertThat(bucketDir).isEqualTo(data.resolve("bucket").resolve("reports").toAbsolutePath());
        Files.writeString(bucketDir.resolve("2023-shanghai.pdf"), "%PDF-1.7 probe");
        assertThat(listKeys(env)).contains("2023-shanghai.pdf");

        // SIGTERM: clean shutdown, and the "ready" file is gone.
        stop();
        assertThat(data.resolve("devstack.env")).doesNotExist();

        Map<String, String> again = start(data);
        assertThat(readAll(again, Topics.REPORTS_REJECTED)).containsEntry(key, "rejected: probe");
        try (MongoClient mongo = MongoClients.create(again.get("MONGODB_URI"))) {
            assertThat(mongo.getDatabase("reportflow").getCollection("probe").find(new Document("_id", id)).first())
                    .containsEntry("region", "上海市");
        }
        assertThat(listKeys(again)).contains("2023-shanghai.pdf");
        stop();
    }

    @Test
    void refusesASecondInstanceOnTheSameDataDirectory() throws Exception {
        Path data = work.resolve("data");
        start(data);
        Process second = new ProcessBuilder(command(data)).redirectErrorStream(true)
                .redirectOutput(work.resolve("second.log").toFile()).start();
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).isEqualTo(1);
        assertThat(Files.readString(work.resolve("second.log"))).contains("another devstack already uses");
        // The first one is untouched and still ready.
        assertThat(data.resolve("devstack.env")).exists();
        stop();
    }

    private List<String> command(Path data) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-jar", Path.of("target", "devstack.jar").toAbsolutePath().toString(),
                "--data", data.toString(), "--kafka-port", "0", "--mongo-port", "0", "--s3-port", "0",
                "--exit-with-parent", Long.toString(ProcessHandle.current().pid()));
    }

    private Map<String, String> start(Path data) throws Exception {
        long t0 = System.nanoTime();
        Path log = work.resolve("devstack-" + System.nanoTime() + ".log");
        process = new ProcessBuilder(command(data)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Path envFile = data.resolve("devstack.env");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (!Files.exists(envFile)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("devstack not ready (alive=" + process.isAlive() + "):\n"
                        + Files.readString(log));
            }
            Thread.sleep(100);
        }
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(envFile)) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        assertThat(env).containsKeys("KAFKA_BOOTSTRAP_SERVERS", "MONGODB_URI", "S3_ENDPOINT", "S3_REGION",
                "S3_ACCESS_KEY", "S3_SECRET_KEY", "S3_BUCKET", "INGEST_DIRECTORY");
        assertThat(Long.parseLong(env.get("DEVSTACK_PID"))).isEqualTo(process.pid());
        System.out.printf("devstack ready in %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        return env;
    }

    private void stop() throws InterruptedException {
        long t0 = System.nanoTime();
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("devstack stops on SIGTERM").isTrue();
        System.out.printf("devstack stopped in %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    private static Admin admin(Map<String, String> env) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, env.get("KAFKA_BOOTSTRAP_SERVERS")));
    }

    private static KafkaProducer<String, String> producer(Map<String, String> env) {
        // lz4: the broker must hold the codec itself (the Quarkus BOM strips it from kafka-clients)
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env.get("KAFKA_BOOTSTRAP_SERVERS"),
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                new StringSerializer(), new StringSerializer());
    }

    /** Every record of a single-partition topic, read from the beginning, as key -> value. */
    private static Map<String, String> readAll(Map<String, String> env, String topic) {
        Map<String, String> seen = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, env.get("KAFKA_BOOTSTRAP_SERVERS")),
                new StringDeserializer(), new StringDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp), Duration.ofSeconds(30)).get(tp);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (consumer.position(tp) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    seen.put(r.key(), r.value());
                }
            }
        }
        return seen;
    }

    private static List<String> listKeys(Map<String, String> env) {
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(URI.create(env.get("S3_ENDPOINT")))
                .region(Region.of(env.get("S3_REGION")))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(env.get("S3_ACCESS_KEY"), env.get("S3_SECRET_KEY"))))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            return s3.listObjectsV2(b -> b.bucket(env.get("S3_BUCKET"))).contents().stream().map(S3Object::key).toList();
        }
    }
}
