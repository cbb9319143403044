package dev.reportflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import dev.reportflow.events.ReportIngested;
import dev.reportflow.events.Topics;
import dev.reportflow.testsupport.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
@QuarkusTestResource(IngestTestDirs.class)
class S3IngestTest extends IngestTestSupport {
    static S3Client s3;
    static String bucket;

    @BeforeAll
    static void client() {
        s3 = RealInfrastructure.newS3Client();
        bucket = RealInfrastructure.s3Bucket();
    }

    @AfterAll
    static void closeClient() {
        if (s3 != null) s3.close();
    }

    static void put(String key, byte[] bytes) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType("text/plain"), RequestBody.fromBytes(bytes));
    }

    @Test
    void anObjectIsPublishedItsCopiesAreDuplicatesAndAChangeSupersedes() throws Exception {
        String base = "ingest-it/" + uid();
        byte[] v1 = report("s3 v1");
        String id1 = ReportIds.of(v1);
        put(base + "/a.txt", v1);
        reconcile();
        ReportIngested r = ingested.awaitOne(id1);
        assertThat(r.source().kind()).isEqualTo("s3");
        assertThat(r.source().bucket()).isEqualTo(bucket);
        assertThat(r.source().key()).isEqualTo(base + "/a.txt");
        assertThat(r.source().size()).isEqualTo(v1.length);
        assertThat(r.source().etag()).isNotBlank().doesNotContain("\"");
        assertThat(r.source().lastModified()).isNotNull();
        assertThat(r.payload()).isEqualTo(v1);

        double dups = count("reportflow.ingest.duplicates", "bucket");
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(base + "/a.txt").destinationBucket(bucket)
                .destinationKey(base + "/copy/a.txt"));
        reconcile();
        assertThat(count("reportflow.ingest.duplicates", "bucket")).isEqualTo(dups + 1);

        byte[] v2 = report("s3 v2");
        put(base + "/a.txt", v2);
        reconcile();
        ReportIngested r2 = ingested.awaitOne(ReportIds.of(v2));
        assertThat(r2.supersedes()).isEqualTo(id1);
        assertThat(ingested.caughtUp().withKey(id1)).hasSize(1);

        Document pos = mongo.getDatabase("ingest-test").getCollection(IngestStore.POSITIONS)
                .find(Filters.eq("_id", "bucket")).first();
        assertThat(pos).isNotNull();
        assertThat(pos.getString("startAfter")).as("a finished pass starts over").isNull();
        assertThat(pos.getString("lastPassCompletedAt")).isNotNull();
    }

    @Test
    void aRestartOverAFullBucketPublishesAndReadsNothing() throws Exception {
        String base = "ingest-it/full-" + uid();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            byte[] b = report("bucket " + i);
            put(base + "/r" + i + ".txt", b);
            ids.add(ReportIds.of(b));
        }
        reconcile();
        await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream().allMatch(id -> seenDoc(id) != null));
        double seen = count("reportflow.ingest.files.seen", "bucket");
        double published = count("reportflow.ingest.published", "bucket");

        restart();
        reconcile();
        restart();
        reconcile();

        assertThat(count("reportflow.ingest.files.seen", "bucket")).as("objects read again").isEqualTo(seen);
        assertThat(count("reportflow.ingest.published", "bucket")).isEqualTo(published);
        ingested.caughtUp();
        for (String id : ids) assertThat(ingested.withKey(id)).as(id).hasSize(1);
    }

    @Test
    void aListingResumesAfterThePersistedPosition() throws Exception {
        String base = "ingest-it/pos-" + uid();
        byte[] early = report("before the position");
        byte[] late = report("after the position");
        put(base + "/a.txt", early);
        put(base + "/z.txt", late);
        // As if the last run had stopped after listing up to base/m: this pass lists from there.
        store.savePosition("bucket", base + "/m", false, Instant.now().toString());
        reconcile();
        ingested.awaitOne(ReportIds.of(late));
        assertThat(ingested.caughtUp().withKey(ReportIds.of(early))).isEmpty();
        // The pass finished and starts over: the next one finds the earlier key.
        reconcile();
        ingested.awaitOne(ReportIds.of(early));
    }

    @Test
    void aBucketNotificationIsAHintThatNeedsNoListing() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(engine::notificationsReady);
        String key = "ingest-it/hint-" + uid() + "/法治 报告.txt";
        byte[] bytes = report("hinted");
        put(key, bytes);
        String encoded = java.net.URLEncoder.encode(key, java.nio.charset.StandardCharsets.UTF_8);
        String event = """
                {"EventName":"s3:ObjectCreated:Put","Key":"%s/%s","Records":[{"eventVersion":"2.0",
                 "eventSource":"minio:s3","eventName":"s3:ObjectCreated:Put",
                 "s3":{"bucket":{"name":"%s"},"object":{"key":"%s","size":%d}}}]}
                """.formatted(bucket, key, bucket, encoded, bytes.length);
        String gone = event.replace(encoded, "ingest-it%2Fno-such-object.txt");
        // No reconcile here (the test profile lists once an hour). Hints repeat harmlessly, so resend
        // until the consumer, which starts at the latest offset, has picked one up.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            companion.produceStrings().fromRecords(new ProducerRecord<>(Topics.BUCKET_NOTIFICATIONS, null, gone),
                    new ProducerRecord<>(Topics.BUCKET_NOTIFICATIONS, null, event)).awaitCompletion();
            return !ingested.withKey(ReportIds.of(bytes)).isEmpty();
        });
        assertThat(ingested.withKey(ReportIds.of(bytes)).get(0).source().key()).isEqualTo(key);
        assertThat(ingested.caughtUp().withKey(ReportIds.of(bytes))).hasSize(1);
    }
}
