package dev.reportflow.ingest;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
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
        return base(ProducerConfig.configNames());
    }

    public Map<String, Object> consumer() {
        return base(ConsumerConfig.configNames());
    }

    public Map<String, Object> admin() {
        return base(AdminClientConfig.configNames());
    }

    private Map<String, Object> base(Set<String> accepted) {
        Map<String, Object> m = new HashMap<>();
        broker.forEach((k, v) -> {
            if (accepted.contains(k)) m.put(k, v);
        });
        m.putIfAbsent(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return m;
    }
}
