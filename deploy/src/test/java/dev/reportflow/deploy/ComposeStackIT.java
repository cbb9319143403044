package dev.reportflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * docker-compose.yml end to end: {@code docker compose up} (images built from the packaged
 * services), a sample report copied into the MinIO bucket, and the report appears in
 * metrics-service's API. Needs a Docker engine and the docker CLI with the compose plugin; where
 * there is none it is reported as skipped with the reason, and everything else in this module
 * still runs.
 */
class ComposeStackIT {
    static final String NOT_RUN = "No Docker engine reachable: ComposeStackIT (docker compose up, a report through MinIO, "
            + "Kafka, MongoDB and the three services) did NOT run here. docker-compose.yml was still checked "
            + "statically by DeployManifestsTest and ComposeCheckerTest.";
    private static final List<String> SERVICES = List.of("ingest-service", "extract-service", "metrics-service");

    @Test
    void reportCopiedIntoTheBucketReachesTheDashboardApi() throws Exception {
        boolean docker = DockerClientFactory.instance().isDockerAvailable();
        if (!docker) System.out.println("[ComposeStackIT] " + NOT_RUN);
        assumeTrue(docker, NOT_RUN);
        Path root = Repo.root();
        for (String s : SERVICES) {
            if (!Files.isRegularFile(root.resolve(s).resolve("target/quarkus-app/quarkus-run.jar")))
                fail(s + " is not packaged: run ./mvnw -B package -DskipTests -pl " + String.join(",", SERVICES) + " -am first");
        }
        Path sample;
        try (var files = Files.list(root.resolve("samples"))) {
            sample = files.filter(p -> p.toString().endsWith(".txt")).sorted().findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(sample);
        String reportId = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));

        try (ComposeContainer stack = new ComposeContainer(new File(root.toFile(), "docker-compose.yml"))
                .withLocalCompose(true)
                .withBuild(true)
                .withExposedService("minio", 9000, Wait.forHttp("/minio/health/ready").withStartupTimeout(Duration.ofMinutes(5)))
                .withExposedService("metrics-service", 8080, Wait.forHttp("/q/health/ready").withStartupTimeout(Duration.ofMinutes(8)))
                .withExposedService("ingest-service", 8081, Wait.forHttp("/q/health/ready").withStartupTimeout(Duration.ofMinutes(8)))) {
            stack.start();
            String s3 = "http://" + stack.getServiceHost("minio", 9000) + ":" + stack.getServicePort("minio", 9000);
            try (S3Client client = S3Client.builder()
                    .endpointOverride(URI.create(s3)).region(Region.US_EAST_1).forcePathStyle(true)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("reportflow", "reportflow-secret")))
                    .httpClient(UrlConnectionHttpClient.create()).build()) {
                client.putObject(b -> b.bucket("reports").key(sample.getFileName().toString()), RequestBody.fromBytes(bytes));
            }
            String api = "http://" + stack.getServiceHost("metrics-service", 8080) + ":" + stack.getServicePort("metrics-service", 8080)
                    + "/api/reports/" + reportId;
            // HTTP/1.1, as the launcher's client: the default HTTP/2 attempts an h2c upgrade on plain HTTP.
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            int status = 0;
            while (System.nanoTime() < deadline) {
                status = http.send(HttpRequest.newBuilder(URI.create(api)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) break;
                Thread.sleep(2000);
            }
            assertThat(status).as("GET " + api).isEqualTo(200);
        }
    }
}
