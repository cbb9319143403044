package dev.reportflow.events.kafka;

import dev.reportflow.events.EventJson;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serializer for any ReportFlow event record (plain Kafka clients; needs kafka-clients). */
public class EventSerializer<T> implements Serializer<T> {
    @Override
    public byte[] serialize(String topic, T data) {
        return data == null ? null : EventJson.write(data);
    }
}
