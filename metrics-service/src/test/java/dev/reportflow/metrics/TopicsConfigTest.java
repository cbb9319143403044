package dev.reportflow.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reportflow.events.Topics;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The consumed topics default to the names in dev.reportflow.events.Topics. */
class TopicsConfigTest {
    @Test
    void defaultsAreTheEventContractsTopics() throws Exception {
        Properties p = new Properties();
        // The main file (the test one shadows it on the classpath); surefire runs in the module directory.
        try (InputStream in = java.nio.file.Files.newInputStream(java.nio.file.Path.of("src/main/resources/application.properties"))) {
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThat(p.getProperty("reportflow.topics.sections")).isEqualTo(Topics.REPORTS_SECTIONS);
        assertThat(p.getProperty("reportflow.topics.indicators")).isEqualTo(Topics.REPORTS_INDICATORS);
        assertThat(p.getProperty("reportflow.topics.extracted")).isEqualTo(Topics.REPORTS_EXTRACTED);
        assertThat(p.getProperty("mp.messaging.incoming.report-events.group.id")).isEqualTo("metrics-service");
        assertThat(p.getProperty("mp.messaging.incoming.report-events.batch")).isEqualTo("true");
        assertThat(p.getProperty("quarkus.kafka.devservices.enabled")).isEqualTo("false");
        assertThat(p.getProperty("quarkus.mongodb.devservices.enabled")).isEqualTo("false");
    }
}
