package dev.reportflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plain clients get the cluster's security settings, each only what its type accepts. */
class KafkaClientsTest {
    private static KafkaClients clients(Map<String, Object> broker) {
        KafkaClients c = new KafkaClients();
        c.broker = broker;
        c.bootstrap = "fallback:9092";
        return c;
    }

    @Test
    void saslSettingsReachProducerConsumerAndAdmin() {
        KafkaClients c = clients(Map.of(
                "bootstrap.servers", "kafka:9093",
                "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;"));
        for (Map<String, Object> m : new Map[] {c.producer(), c.consumer(), c.admin()}) {
            assertThat(m).containsEntry("bootstrap.servers", "kafka:9093")
                    .containsEntry("security.protocol", "SASL_PLAINTEXT")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                    .containsKey("sasl.jaas.config");
        }
    }

    @Test
    void settingsOfOtherClientTypesAreLeftOut() {
        KafkaClients c = clients(Map.of("acks", "all", "group.id", "g", "bootstrap.servers", "k:1"));
        assertThat(c.consumer()).doesNotContainKey("acks").containsEntry("group.id", "g");
        assertThat(c.producer()).doesNotContainKey("group.id").containsEntry("acks", "all");
        assertThat(c.admin()).doesNotContainKeys("acks", "group.id");
    }

    @Test
    void bootstrapFallsBackToTheConfiguredProperty() {
        assertThat(clients(Map.of()).producer()).containsEntry("bootstrap.servers", "fallback:9092");
    }
}
