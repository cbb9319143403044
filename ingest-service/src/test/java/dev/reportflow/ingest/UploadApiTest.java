package dev.reportflow.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.reportflow.events.ReportIngested;
import dev.reportflow.events.ReportRejected;
import dev.reportflow.testsupport.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
@QuarkusTestResource(IngestTestDirs.class)
class UploadApiTest extends IngestTestSupport {

    @Test
    void anUploadIsPublishedAndTheSameBytesAgainAreADuplicate() {
        byte[] bytes = report("upload");
        String id = ReportIds.of(bytes);
        String name = "up-" + uid() + ".txt";
        given().contentType("text/plain").queryParam("name", name).body(bytes)
                .post("/api/reports").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/reports/" + id))
                .body("id", is(id)).body("status", is("published")).body("duplicateOf", nullValue());
        ReportIngested r = ingested.awaitOne(id);
        assertThat(r.source().kind()).isEqualTo("upload");
        assertThat(r.source().bucket()).isEqualTo("upload");
        assertThat(r.source().key()).isEqualTo(name);
        assertThat(r.payload()).isEqualTo(bytes);

        String other = "copy-" + uid() + ".txt";
        given().multiPart("file", other, bytes, "text/plain")
                .post("/api/reports").then().statusCode(200)
                .body("status", is("duplicate")).body("duplicateOf", is(id)).body("fileName", is(other));

        given().get("/api/reports/" + id).then().statusCode(200)
                .body("status", is("published")).body("duplicates", is(1))
                .body("locations", hasItems("upload:" + name, "upload:" + other));
        assertThat(ingested.caughtUp().withKey(id)).hasSize(1);
    }

    @Test
    void theNameMayComeFromContentDisposition() {
        byte[] bytes = report("disposition");
        given().contentType("application/octet-stream")
                .header("Content-Disposition", "attachment; filename*=UTF-8''%E5%B9%B4%E6%8A%A5.md")
                .body(bytes).post("/api/reports").then().statusCode(201).body("fileName", is("年报.md"));
        assertThat(ingested.awaitOne(ReportIds.of(bytes)).source().contentType()).isEqualTo("text/markdown");
    }

    @Test
    void aBadUploadIsRejectedAndQuarantined() throws Exception {
        byte[] exe = {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0};
        String name = "tool-" + uid() + ".exe";
        String at = given().contentType("application/octet-stream").queryParam("name", name).body(exe)
                .post("/api/reports").then().statusCode(422)
                .body("status", is("rejected")).body("reason", is("UNSUPPORTED_CONTENT_TYPE"))
                .body("quarantinedAt", notNullValue())
                .extract().path("quarantinedAt");
        assertThat(Files.readAllBytes(Path.of(at))).isEqualTo(exe);
        assertThat(Files.readString(Path.of(at + ".reason"))).contains("UNSUPPORTED_CONTENT_TYPE");
        ReportRejected r = rejected.awaitOne(e -> e.source().key().equals(name));
        assertThat(r.source().kind()).isEqualTo("upload");

        given().contentType("text/plain").queryParam("name", "empty-" + uid() + ".txt").body(new byte[0])
                .post("/api/reports").then().statusCode(422).body("reason", is("EMPTY"));
    }

    @Test
    void badRequestsAndUnknownIds() {
        given().contentType("text/plain").body("no name".getBytes()).post("/api/reports").then().statusCode(400);
        given().multiPart("a", "a").post("/api/reports").then().statusCode(400); // a field, no file
        given().get("/api/reports/not-an-id").then().statusCode(400);
        given().get("/api/reports/" + "0".repeat(64)).then().statusCode(404);
    }
}
