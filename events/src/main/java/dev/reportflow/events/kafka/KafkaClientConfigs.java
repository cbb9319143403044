package dev.reportflow.events.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Plain Kafka clients built beside a framework's own start from the same connection settings (in Quarkus the
 * {@code default-kafka-broker} map: bootstrap servers and, on a secured cluster, SASL and TLS settings). Each
 * client type rejects, or warns about, keys it does not know, so the shared map is filtered per type.
 * The returned maps are fresh and mutable: callers add their own client id, group and tuning.
 */
public final class KafkaClientConfigs {
    private KafkaClientConfigs() {}

    public static Map<String, Object> producer(Map<String, ?> shared) {
        return filter(shared, ProducerConfig.configNames());
    }

    public static Map<String, Object> consumer(Map<String, ?> shared) {
        return filter(shared, ConsumerConfig.configNames());
    }

    public static Map<String, Object> admin(Map<String, ?> shared) {
        return filter(shared, AdminClientConfig.configNames());
    }

    private static Map<String, Object> filter(Map<String, ?> shared, Set<String> accepted) {
        Map<String, Object> m = new HashMap<>();
        shared.forEach((k, v) -> {
            if (accepted.contains(k)) m.put(k, v);
        });
        return m;
    }
}
