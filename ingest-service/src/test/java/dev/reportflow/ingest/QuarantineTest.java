package dev.reportflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reportflow.events.ReportRejected;
import dev.reportflow.testsupport.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
@QuarkusTestResource(IngestTestDirs.class)
class QuarantineTest extends IngestTestSupport {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    private static final byte[] ZIP = {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, 0x21, 0x4f};
    private static final byte[] EXE = {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 0, 0};

    private record Bad(byte[] bytes, String reason) {}

    @Test
    void eachKindOfBadFileIsQuarantinedWithItsReasonAndTheServiceGoesOn() throws Exception {
        String base = "bad/" + uid();
        byte[] tooLarge = new byte[100_001]; // the test limit is 100,000 bytes
        Arrays.fill(tooLarge, (byte) 'a');
        byte[] binaryText = ("报告" + "\0".repeat(50) + "正文").getBytes(StandardCharsets.UTF_8);
        Map<String, Bad> cases = new LinkedHashMap<>();
        cases.put("empty.txt", new Bad(new byte[0], "EMPTY"));
        cases.put("big.txt", new Bad(tooLarge, "TOO_LARGE"));
        cases.put("photo.png", new Bad(PNG, "UNSUPPORTED_CONTENT_TYPE"));
        cases.put("bundle.zip", new Bad(ZIP, "UNSUPPORTED_CONTENT_TYPE"));
        cases.put("setup.exe", new Bad(EXE, "UNSUPPORTED_CONTENT_TYPE"));
        cases.put("disguised.txt", new Bad(ZIP, "UNSUPPORTED_CONTENT_TYPE"));
        cases.put("sub/binary.txt", new Bad(binaryText, "UNSUPPORTED_CONTENT_TYPE"));
        cases.put("broken.txt", new Bad(null, "UNREADABLE")); // a dangling link: listed, cannot be read

        Map<String, Double> before = new LinkedHashMap<>();
        for (String reason : new String[]{"EMPTY", "TOO_LARGE", "UNSUPPORTED_CONTENT_TYPE", "UNREADABLE"}) {
            before.put(reason, rejectedCount("dir", reason));
        }
        for (Map.Entry<String, Bad> c : cases.entrySet()) {
            Path p = dir().resolve(base + "/" + c.getKey());
            Files.createDirectories(p.getParent());
            if (c.getValue().bytes == null) Files.createSymbolicLink(p, dir().resolve("no/such/target.txt"));
            else Files.write(p, c.getValue().bytes);
        }

        Path quarantine = dir().resolve("_rejected");
        for (Map.Entry<String, Bad> c : cases.entrySet()) {
            String key = base + "/" + c.getKey();
            ReportRejected r = rejected.awaitOne(e -> e.source().key().equals(key));
            assertThat(r.reason()).as(key).isEqualTo(c.getValue().reason);
            assertThat(r.source().kind()).isEqualTo("directory");
            assertThat(r.quarantinedAt()).isEqualTo(quarantine.resolve(key).toString());
            Path moved = quarantine.resolve(key);
            assertThat(Files.exists(moved, java.nio.file.LinkOption.NOFOLLOW_LINKS)).as(key).isTrue();
            assertThat(Files.exists(dir().resolve(key), java.nio.file.LinkOption.NOFOLLOW_LINKS)).as(key).isFalse();
            String note = Files.readString(moved.resolveSibling(moved.getFileName() + ".reason"));
            assertThat(note).contains("reason: " + c.getValue().reason).contains("key: " + key);
            if (c.getValue().bytes != null && c.getValue().bytes.length > 0 && c.getValue().bytes.length <= 100_000) {
                assertThat(r.reportId()).as(key).isEqualTo(ReportIds.of(c.getValue().bytes));
                assertThat(Files.readAllBytes(moved)).isEqualTo(c.getValue().bytes);
            }
        }
        assertThat(rejectedCount("dir", "EMPTY")).isEqualTo(before.get("EMPTY") + 1);
        assertThat(rejectedCount("dir", "TOO_LARGE")).isEqualTo(before.get("TOO_LARGE") + 1);
        assertThat(rejectedCount("dir", "UNSUPPORTED_CONTENT_TYPE")).isEqualTo(before.get("UNSUPPORTED_CONTENT_TYPE") + 5);
        assertThat(rejectedCount("dir", "UNREADABLE")).isEqualTo(before.get("UNREADABLE") + 1);

        // The quarantine folder is never read back, and the service goes on with good files.
        reconcile();
        assertThat(rejected.caughtUp().matching(e -> e.source().key().startsWith("_rejected/"))).isEmpty();
        byte[] good = report("after the bad ones");
        write(base + "/good.txt", good);
        ingested.awaitOne(ReportIds.of(good));

        // A rejected id answers its status.
        String zipId = ReportIds.of(ZIP);
        io.restassured.RestAssured.given().get("/api/reports/" + zipId).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.is("rejected"))
                .body("reason", org.hamcrest.Matchers.is("UNSUPPORTED_CONTENT_TYPE"));
    }

    @Test
    void aBadObjectIsCopiedUnderTheRejectedPrefixWithAReasonObject() throws Exception {
        String key = "ingest-it/bad-" + uid() + "/archive.zip";
        try (S3Client s3 = RealInfrastructure.newS3Client()) {
            s3.putObject(b -> b.bucket(RealInfrastructure.s3Bucket()).key(key), RequestBody.fromBytes(ZIP));
            reconcile();
            ReportRejected r = rejected.awaitOne(e -> e.source().key().equals(key));
            assertThat(r.reason()).isEqualTo("UNSUPPORTED_CONTENT_TYPE");
            assertThat(r.source().kind()).isEqualTo("s3");
            assertThat(r.quarantinedAt()).isEqualTo("s3://" + RealInfrastructure.s3Bucket() + "/rejected/" + key);
            byte[] copy = s3.getObjectAsBytes(b -> b.bucket(RealInfrastructure.s3Bucket()).key("rejected/" + key)).asByteArray();
            assertThat(copy).isEqualTo(ZIP);
            String note = s3.getObjectAsBytes(b -> b.bucket(RealInfrastructure.s3Bucket()).key("rejected/" + key + ".reason"))
                    .asUtf8String();
            assertThat(note).contains("reason: UNSUPPORTED_CONTENT_TYPE");

            // Refused once: the next passes (and a restart) leave the unchanged object alone.
            double seen = count("reportflow.ingest.files.seen", "bucket");
            reconcile();
            restart();
            reconcile();
            assertThat(count("reportflow.ingest.files.seen", "bucket")).isEqualTo(seen);
            assertThat(rejected.caughtUp().matching(e -> e.source().key().equals(key))).hasSize(1);
        }
    }
}
