package dev.reportflow.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaClientConfigsTest {
    /** What Quarkus's default-kafka-broker map holds on a secured cluster, plus keys only some clients know. */
    static final Map<String, Object> SHARED = Map.of(
            "bootstrap.servers", "broker:9093",
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
            "ssl.truststore.location", "/etc/kafka/truststore.p12",
            "linger.ms", "20",
            "group.id", "extract-service",
            "devservices.enabled", "false");

    @Test
    void everyClientKeepsConnectionAndSecuritySettings() {
        for (Map<String, Object> m : new Map[] {KafkaClientConfigs.producer(SHARED), KafkaClientConfigs.consumer(SHARED),
                KafkaClientConfigs.admin(SHARED)}) {
            assertThat(m).containsEntry("bootstrap.servers", "broker:9093")
                    .containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                    .containsKey("sasl.jaas.config")
                    .containsEntry("ssl.truststore.location", "/etc/kafka/truststore.p12")
                    .doesNotContainKey("devservices.enabled");
        }
    }

    @Test
    void eachClientGetsOnlyTheKeysItKnows() {
        assertThat(KafkaClientConfigs.producer(SHARED)).containsKey("linger.ms").doesNotContainKey("group.id");
        assertThat(KafkaClientConfigs.consumer(SHARED)).containsKey("group.id").doesNotContainKey("linger.ms");
        assertThat(KafkaClientConfigs.admin(SHARED)).doesNotContainKeys("group.id", "linger.ms");
    }

    @Test
    void resultIsAFreshMutableCopy() {
        Map<String, Object> p = KafkaClientConfigs.producer(SHARED);
        p.put("client.id", "x");
        assertThat(KafkaClientConfigs.producer(SHARED)).doesNotContainKey("client.id");
    }
}
