package dev.reportflow.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import dev.reportflow.events.ReportIngested;
import dev.reportflow.testsupport.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
@QuarkusTestResource(IngestTestDirs.class)
class DirectoryIngestTest extends IngestTestSupport {

    @Test
    void aDroppedFileIsPublishedOnceWithItsSource() throws Exception {
        byte[] bytes = report("drop");
        String key = "drop/" + uid() + "/2023 年报.txt";
        Path f = write(key, bytes);
        String id = ReportIds.of(bytes);

        ReportIngested r = ingested.awaitOne(id);
        assertThat(r.reportId()).isEqualTo(id);
        assertThat(r.fileName()).isEqualTo("2023 年报.txt");
        assertThat(r.payload()).isEqualTo(bytes);
        assertThat(r.supersedes()).isNull();
        assertThat(r.source().kind()).isEqualTo("directory");
        assertThat(r.source().bucket()).isEqualTo("dir");
        assertThat(r.source().key()).isEqualTo(key);
        assertThat(r.source().size()).isEqualTo(bytes.length);
        assertThat(r.source().contentType()).isEqualTo("text/plain");
        assertThat(r.source().lastModified())
                .isEqualTo(Files.getLastModifiedTime(f).toInstant().truncatedTo(ChronoUnit.MILLIS).toString());
        assertThat(Instant.parse(r.receivedAt())).isBeforeOrEqualTo(Instant.now());

        given().get("/api/reports/" + id).then().statusCode(200)
                .body("status", is("published"))
                .body("locations", hasItems("dir:" + key));
        assertThat(ingested.caughtUp().withKey(id)).hasSize(1);
    }

    @Test
    void reDropRenameAndCopyAreDuplicatesWithTheirLocationsRecorded() throws Exception {
        String base = "dup/" + uid();
        byte[] bytes = report("dup");
        String id = ReportIds.of(bytes);
        Path a = write(base + "/a.txt", bytes);
        ingested.awaitOne(id);
        await().until(() -> seenDoc(id) != null);
        double before = count("reportflow.ingest.duplicates", "dir");

        // re-drop: deleted, then the same bytes again (a new mtime)
        Files.delete(a);
        write(base + "/a.txt", bytes);
        awaitCount("reportflow.ingest.duplicates", "dir", before + 1);

        // rename in place
        Path b = Files.move(a, a.resolveSibling("b.txt"));
        awaitCount("reportflow.ingest.duplicates", "dir", before + 2);

        // copy into another folder
        Path c = dir().resolve(base + "/elsewhere/c.txt");
        Files.createDirectories(c.getParent());
        Files.copy(b, c);
        awaitCount("reportflow.ingest.duplicates", "dir", before + 3);

        assertThat(ingested.caughtUp().withKey(id)).hasSize(1);
        given().get("/api/reports/" + id).then().statusCode(200)
                .body("status", is("published"))
                .body("duplicates", is(3))
                .body("locations", hasItems("dir:" + base + "/a.txt", "dir:" + base + "/b.txt",
                        "dir:" + base + "/elsewhere/c.txt"));
    }

    @Test
    void copiesDroppedTogetherArePublishedOnce() throws Exception {
        String base = "together/" + uid();
        byte[] bytes = report("together");
        String id = ReportIds.of(bytes);
        double before = count("reportflow.ingest.duplicates", "dir");
        for (String name : List.of("a.txt", "b.txt", "sub/c.txt", "sub/d.md")) write(base + "/" + name, bytes);
        awaitCount("reportflow.ingest.duplicates", "dir", before + 3);
        assertThat(ingested.caughtUp().withKey(id)).hasSize(1);
        await().until(() -> seenDoc(id) != null && seenDoc(id).getList("locations", String.class).size() == 4);
    }

    @Test
    void aChangedFileIsANewReportThatSupersedesThePreviousOne() throws Exception {
        String key = "change/" + uid() + "/report.txt";
        byte[] v1 = report("v1");
        Path f = write(key, v1);
        String id1 = ReportIds.of(v1);
        ingested.awaitOne(id1);
        await().until(() -> seenDoc(id1) != null);

        byte[] v2 = report("v2 — corrected");
        Files.write(f, v2);
        String id2 = ReportIds.of(v2);
        ReportIngested r2 = ingested.awaitOne(id2);
        assertThat(r2.supersedes()).isEqualTo(id1);
        assertThat(r2.source().key()).isEqualTo(key);
        assertThat(ingested.caughtUp().withKey(id1)).hasSize(1);
        given().get("/api/reports/" + id2).then().statusCode(200).body("supersedes", is(id1));
    }

    @Test
    void aFileStillBeingWrittenIsReadOnlyOnceComplete() throws Exception {
        String key = "slow/" + uid() + "/long.txt";
        Path f = dir().resolve(key);
        Files.createDirectories(f.getParent());
        ByteArrayBuilder all = new ByteArrayBuilder();
        try (OutputStream out = Files.newOutputStream(f)) {
            // 12 chunks, 100 ms apart: never quiet for the 300 ms stable interval until closed
            for (int i = 0; i < 12; i++) {
                byte[] chunk = report("chunk " + i);
                out.write(chunk);
                out.flush();
                all.add(chunk);
                Thread.sleep(100);
            }
        }
        byte[] full = all.bytes();
        ReportIngested r = ingested.awaitOne(ReportIds.of(full));
        assertThat(r.payload()).isEqualTo(full);
        assertThat(ingested.caughtUp().matching(e -> e.source().key().equals(key))).hasSize(1);
    }

    @Test
    void temporaryAndHiddenFilesAreIgnoredAndARenameIntoPlaceIsPublished() throws Exception {
        String base = "tmp/" + uid();
        byte[] bytes = report("renamed");
        byte[] hidden = report("hidden");
        byte[] tmp = report("tmp");
        Path part = write(base + "/x.txt.part", bytes);
        write(base + "/.hidden.txt", hidden);
        write(base + "/y.tmp", tmp);
        write(base + "/.cache/z.txt", tmp);
        Thread.sleep(800); // well past the stable interval: they would have been read by now

        Files.move(part, part.resolveSibling("x.txt"), StandardCopyOption.ATOMIC_MOVE);
        ReportIngested r = ingested.awaitOne(ReportIds.of(bytes));
        assertThat(r.source().key()).isEqualTo(base + "/x.txt");

        reconcile(); // a full walk skips them too
        ingested.caughtUp();
        assertThat(ingested.withKey(ReportIds.of(hidden))).isEmpty();
        assertThat(ingested.withKey(ReportIds.of(tmp))).isEmpty();
        assertThat(ingested.matching(e -> e.source().key().startsWith(base))).hasSize(1);
        assertThat(rejected.caughtUp().matching(e -> e.source().key().startsWith(base))).isEmpty();
    }

    @Test
    void deletedAndVanishedFilesAreSkipped() throws Exception {
        String base = "gone/" + uid();
        byte[] bytes = report("deleted at once");
        Path f = write(base + "/a.txt", bytes);
        Files.delete(f); // before the stable interval is over
        Thread.sleep(800);

        // a file listed, then gone before it is read
        Source dirSource = engine.sources().stream().filter(s -> s.name().equals("dir")).findFirst().orElseThrow();
        double vanished = count("reportflow.ingest.vanished", "dir");
        List<Outcome> out = pipeline.process(List.of(
                new Candidate(dirSource, base + "/never-there.txt", 10, Instant.now(), null, true)));
        assertThat(out).singleElement().extracting(Outcome::kind).isEqualTo(Outcome.Kind.VANISHED);
        assertThat(count("reportflow.ingest.vanished", "dir")).isEqualTo(vanished + 1);

        reconcile();
        assertThat(ingested.caughtUp().withKey(ReportIds.of(bytes))).isEmpty();
        assertThat(rejected.caughtUp().matching(e -> e.source().key().startsWith(base))).isEmpty();
    }

    @Test
    void aRestartOverAFullDirectoryPublishesAndReadsNothing() throws Exception {
        String base = "restart/" + uid();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            byte[] b = report("restart " + i);
            write(base + "/f" + i + ".txt", b);
            ids.add(ReportIds.of(b));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream().allMatch(id -> seenDoc(id) != null));
        reconcile();
        double seen = count("reportflow.ingest.files.seen", "dir");
        double published = count("reportflow.ingest.published", "dir");

        restart(); // new sources, no memory: only MongoDB knows what was done
        reconcile();
        restart();
        reconcile();

        assertThat(count("reportflow.ingest.files.seen", "dir")).as("files read again").isEqualTo(seen);
        assertThat(count("reportflow.ingest.published", "dir")).isEqualTo(published);
        ingested.caughtUp();
        for (String id : ids) assertThat(ingested.withKey(id)).as(id).hasSize(1);
    }

    /** Collects chunks. */
    static final class ByteArrayBuilder {
        private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

        void add(byte[] b) {
            out.writeBytes(b);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
