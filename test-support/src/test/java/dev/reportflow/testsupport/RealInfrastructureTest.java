package dev.reportflow.testsupport;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import dev.reportflow.events.Topics;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion.record;
import static org.assertj.core.api.Assertions.assertThat;

/** Starts the resource as a @QuarkusTest would, then talks to each server with its real client. */
class RealInfrastructureTest {
    private static final RealInfrastructure RESOURCE = new RealInfrastructure();
    private static Map<String, String> config;
    private static KafkaCompanion companion;

    @BeforeAll
    static void start() {
        config = RESOURCE.start();
        companion = new KafkaCompanion(RealInfrastructure.kafkaBootstrapServers());
    }

    @AfterAll
    static void stop() {
        companion.close();
        RESOURCE.stop();
    }

    @Test
    void configOverridesPointAtTheRunningServersAndDisableDevServices() {
        assertThat(config)
                .containsEntry(RealInfrastructure.KAFKA_BOOTSTRAP_SERVERS, RealInfrastructure.kafkaBootstrapServers())
                .containsEntry(RealInfrastructure.MONGODB_CONNECTION_STRING, RealInfrastructure.mongoConnectionString())
                .containsEntry(RealInfrastructure.S3_ENDPOINT, RealInfrastructure.s3Endpoint())
                .containsEntry(RealInfrastructure.S3_BUCKET, "reports")
                .containsEntry(RealInfrastructure.INGEST_DIRECTORY, RealInfrastructure.ingestDirectory().toString())
                .containsEntry("quarkus.kafka.devservices.enabled", "false")
                .containsEntry("quarkus.mongodb.devservices.enabled", "false");
        assertThat(RealInfrastructure.backend()).isIn("devstack", "testcontainers");
        // A second start (the next test class) reuses the same servers.
        assertThat(new RealInfrastructure().start()).isEqualTo(config);
        assertThat(RealInfrastructure.env()).containsEntry("KAFKA_BOOTSTRAP_SERVERS",
                RealInfrastructure.kafkaBootstrapServers());
    }

    @Test
    void everyTopicExistsAsSpecified() throws Exception {
        Map<String, TopicDescription> topics = companion.topics().describeAll();
        for (Topics.TopicSpec spec : Topics.ALL) {
            assertThat(topics).containsKey(spec.name());
            assertThat(topics.get(spec.name()).partitions()).as(spec.name()).hasSize(spec.partitions());
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, spec.name());
            Config cfg = companion.getOrCreateAdminClient().describeConfigs(List.of(resource)).all()
                    .get(30, TimeUnit.SECONDS).get(resource);
            assertThat(cfg.get("cleanup.policy").value()).as(spec.name())
                    .isEqualTo(spec.compacted() ? "compact" : "delete");
            assertThat(cfg.get("max.message.bytes").value()).as(spec.name())
                    .isEqualTo(Integer.toString(spec.maxMessageBytes()));
            assertThat(cfg.get("retention.ms").value()).as(spec.name())
                    .isEqualTo(Long.toString(spec.retentionMs()));
        }
    }

    @Test
    void provisioningIsIdempotentAndCreatesAMissingBucket() throws Exception {
        // The Testcontainers path runs this on empty servers; here it must accept an already provisioned one.
        Provisioning.ensureTopics(RealInfrastructure.kafkaBootstrapServers());
        assertThat(companion.topics().list()).containsAll(Topics.ALL.stream().map(Topics.TopicSpec::name).toList());
        String bucket = "probe-" + UUID.randomUUID().toString().substring(0, 8);
        try (S3Client s3 = RealInfrastructure.newS3Client()) {
            Provisioning.ensureBucket(s3, bucket);
            Provisioning.ensureBucket(s3, bucket);
            s3.headBucket(b -> b.bucket(bucket));
            s3.deleteBucket(b -> b.bucket(bucket));
        }
    }

    @Test
    void kafkaRecordRoundTrips() {
        String topic = "test-support-" + UUID.randomUUID();
        companion.topics().createAndWait(topic, 1);
        companion.produceStrings().fromRecords(record(topic, "report-1", "hello")).awaitCompletion(Duration.ofSeconds(30));
        ConsumerTask<String, String> consumed = companion.consumeStrings().fromTopics(topic, 1)
                .awaitCompletion(Duration.ofSeconds(30));
        ConsumerRecord<String, String> r = consumed.getFirstRecord();
        assertThat(r.key()).isEqualTo("report-1");
        assertThat(r.value()).isEqualTo("hello");
    }

    @Test
    void largestReportFitsInOneRecord() {
        // reports.ingested carries a raw report inline: the broker must accept Topics.MAX_MESSAGE_BYTES.
        String big = "x".repeat(Topics.MAX_MESSAGE_BYTES - 64 * 1024);
        companion.setCommonClientConfig(Map.of("max.request.size", Topics.MAX_MESSAGE_BYTES,
                "max.partition.fetch.bytes", Topics.MAX_MESSAGE_BYTES, "fetch.max.bytes", Topics.MAX_MESSAGE_BYTES));
        try {
            String key = UUID.randomUUID().toString();
            companion.produceStrings().fromRecords(record(Topics.REPORTS_INGESTED, key, big))
                    .awaitCompletion(Duration.ofSeconds(60));
            ConsumerTask<String, String> consumed = companion.consumeStrings()
                    .fromTopics(Topics.REPORTS_INGESTED, r -> r.select().where(rec -> key.equals(rec.key())))
                    .awaitRecords(1, Duration.ofSeconds(60));
            assertThat(consumed.getFirstRecord().value()).hasSize(big.length());
        } finally {
            companion.setCommonClientConfig(Map.of());
        }
    }

    @Test
    void mongoDocumentRoundTrips() {
        try (MongoClient client = MongoClients.create(RealInfrastructure.mongoConnectionString())) {
            MongoCollection<Document> c = client.getDatabase("test_support").getCollection("probe");
            String id = UUID.randomUUID().toString();
            c.insertOne(new Document("_id", id).append("province", "浙江").append("year", 2023));
            Document found = c.find(new Document("_id", id)).first();
            assertThat(found).isNotNull();
            assertThat(found.getString("province")).isEqualTo("浙江");
            assertThat(found.getInteger("year")).isEqualTo(2023);
        }
    }

    @Test
    void bucketListsObjectsPutThroughS3() {
        String key = "probe/" + UUID.randomUUID() + ".txt";
        try (S3Client s3 = RealInfrastructure.newS3Client()) {
            s3.putObject(b -> b.bucket(RealInfrastructure.s3Bucket()).key(key),
                    RequestBody.fromString("hello", StandardCharsets.UTF_8));
            List<String> keys = s3.listObjectsV2(b -> b.bucket(RealInfrastructure.s3Bucket()).prefix("probe/"))
                    .contents().stream().map(S3Object::key).toList();
            assertThat(keys).contains(key);
            assertThat(s3.getObjectAsBytes(b -> b.bucket(RealInfrastructure.s3Bucket()).key(key)).asUtf8String())
                    .isEqualTo("hello");
        }
    }

    @Test
    void ingestDirectoryExistsAndUnderDevstackIsTheBucket() throws Exception {
        Path dir = RealInfrastructure.ingestDirectory();
        assertThat(dir).isDirectory();
        if (!RealInfrastructure.backend().equals("devstack")) {
            return; // under Testcontainers the directory is separate from MinIO's bucket (documented)
        }
        String name = "dropped-" + UUID.randomUUID() + ".pdf";
        Files.writeString(dir.resolve(name), "%PDF-1.4 not really");
        try (S3Client s3 = RealInfrastructure.newS3Client()) {
            List<String> keys = s3.listObjectsV2(b -> b.bucket(RealInfrastructure.s3Bucket()))
                    .contents().stream().map(S3Object::key).toList();
            assertThat(keys).contains(name);
        }
    }
}
