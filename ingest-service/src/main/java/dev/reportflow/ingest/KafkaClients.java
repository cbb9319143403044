package dev.reportflow.ingest;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import dev.reportflow.events.kafka.KafkaClientConfigs;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The connection settings every plain Kafka client of this service starts from: Quarkus's
 * {@code default-kafka-broker} map, i.e. every {@code kafka.*} property (bootstrap servers and, on a
 * secured cluster, {@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_MECHANISM},
 * {@code KAFKA_SASL_JAAS_CONFIG}, TLS settings), filtered to what each client type accepts.
 */
@ApplicationScoped
public class KafkaClients {
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> broker;

    @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
    String bootstrap;

    public Map<String, Object> producer() {
        return withBootstrap(KafkaClientConfigs.producer(broker));
    }

    public Map<String, Object> consumer() {
        return withBootstrap(KafkaClientConfigs.consumer(broker));
    }

    public Map<String, Object> admin() {
        return withBootstrap(KafkaClientConfigs.admin(broker));
    }

    private Map<String, Object> withBootstrap(Map<String, Object> m) {
        m.putIfAbsent(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return m;
    }
}
