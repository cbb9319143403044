package dev.reportflow.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A miniature repository: metrics-service -> extraction -> events, plus test-only and plugin dependencies. */
class StalenessTest {
    @TempDir
    Path root;

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @BeforeEach
    void repository() throws IOException {
        write("pom.xml", "<project><groupId>dev.reportflow</groupId><version>2.1.0-SNAPSHOT</version>"
                + "<dependencyManagement><dependencies>" + dep("dev.reportflow", "devstack", null)
                + "</dependencies></dependencyManagement></project>");
        write("metrics-service/pom.xml", "<project><dependencies>"
                + dep("dev.reportflow", "extraction", null)
                + dep("dev.reportflow", "test-support", "test")
                + dep("io.quarkus", "quarkus-arc", null)
                + "</dependencies><build><plugins><plugin><dependencies>"
                + dep("dev.reportflow", "devstack", null)
                + "</dependencies></plugin></plugins></build></project>");
        write("extraction/pom.xml", "<project><dependencies>" + dep("${project.groupId}", "events", "compile")
                + "</dependencies></project>");
        write("events/pom.xml", "<project/>");
        write("test-support/pom.xml", "<project/>");
        write("devstack/pom.xml", "<project/>");
        for (String m : List.of("metrics-service", "extraction", "events", "test-support", "devstack")) {
            write(m + "/src/main/java/A.java", "class A {}");
            write(m + "/src/test/java/ATest.java", "class ATest {}");
        }
    }

    @Test
    void artifactsAreWhatThePipelineRuns() {
        assertThat(Staleness.artifact(root, "metrics-service"))
                .isEqualTo(root.resolve("metrics-service/target/quarkus-app/quarkus-run.jar"));
        assertThat(Staleness.artifact(root, "devstack")).isEqualTo(root.resolve("devstack/target/devstack.jar"));
        assertThat(Staleness.artifact(root, "launcher")).isEqualTo(root.resolve("launcher/target/launcher.jar"));
        assertThat(Staleness.artifact(root, "extraction"))
                .isEqualTo(root.resolve("extraction/target/extraction-2.1.0-SNAPSHOT.jar"));
    }

    @Test
    void dependenciesAreFollowedTransitively_butNotTestScopeOrPluginDependencies() {
        assertThat(Staleness.closure(root, "metrics-service"))
                .containsExactlyInAnyOrder("metrics-service", "extraction", "events");
    }

    @Test
    void aMissingArtifactIsStale() {
        assertThat(Staleness.newerInput(root, "extraction")).contains(Staleness.artifact(root, "extraction"));
    }

    @Test
    void anArtifactNewerThanEveryInputIsUpToDate() throws IOException {
        built("metrics-service", 100);
        assertThat(Staleness.newerInput(root, "metrics-service")).isEmpty();
        assertThat(Staleness.stale(root, List.of("metrics-service"))).isEmpty();
    }

    @Test
    void aChangedSourceOfAnUpstreamModuleMakesItStale() throws IOException {
        built("metrics-service", 100);
        built("extraction", 100);
        touch("events/src/main/java/A.java", 200);
        assertThat(Staleness.newerInput(root, "metrics-service")).contains(root.resolve("events/src/main/java/A.java"));
        assertThat(Staleness.stale(root, List.of("devstack", "extraction", "metrics-service")))
                .containsExactly("devstack", "extraction", "metrics-service"); // devstack: never built
    }

    @Test
    void resourcesAndPomsCount() throws IOException {
        built("extraction", 100);
        write("extraction/src/main/resources/table.tsv", "x");
        touch("extraction/src/main/resources/table.tsv", 150);
        assertThat(Staleness.newerInput(root, "extraction")).contains(root.resolve("extraction/src/main/resources/table.tsv"));
        touch("extraction/src/main/resources/table.tsv", 50);
        touch("pom.xml", 150);
        assertThat(Staleness.newerInput(root, "extraction")).contains(root.resolve("pom.xml"));
        touch("pom.xml", 50);
        touch("events/pom.xml", 150);
        assertThat(Staleness.newerInput(root, "extraction")).contains(root.resolve("events/pom.xml"));
    }

    @Test
    void testSourcesAndTestOnlyDependenciesDoNotCount() throws IOException {
        built("metrics-service", 100);
        touch("metrics-service/src/test/java/ATest.java", 200);
        touch("test-support/src/main/java/A.java", 200);
        touch("devstack/src/main/java/A.java", 200);
        assertThat(Staleness.newerInput(root, "metrics-service")).isEmpty();
    }

    private void built(String module, long seconds) throws IOException {
        Path jar = Staleness.artifact(root, module);
        Files.createDirectories(jar.getParent());
        Files.write(jar, new byte[] {1});
        Files.setLastModifiedTime(jar, FileTime.from(T0.plusSeconds(seconds)));
    }

    private void write(String path, String content) throws IOException {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        touch(path, 0);
    }

    private void touch(String path, long seconds) throws IOException {
        Files.setLastModifiedTime(root.resolve(path), FileTime.from(T0.plusSeconds(seconds)));
    }

    private static String dep(String group, String artifact, String scope) {
        return "<dependency><groupId>" + group + "</groupId><artifactId>" + artifact + "</artifactId>"
                + (scope == null ? "" : "<scope>" + scope + "</scope>") + "</dependency>";
    }
}
