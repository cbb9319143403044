package dev.reportflow.events.kafka;

import dev.reportflow.events.EventJson;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer for a ReportFlow event type. Configure the type with
 * {@code reportflow.event.type=dev.reportflow.events.IndicatorExtracted} or use a subclass.
 */
public class EventDeserializer<T> implements Deserializer<T> {
    public static final String TYPE_CONFIG = "reportflow.event.type";
    private Class<T> type;

    public EventDeserializer() {}

    public EventDeserializer(Class<T> type) {
        this.type = type;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void configure(Map<String, ?> configs, boolean isKey) {
        Object t = configs.get(TYPE_CONFIG);
        if (type == null && t != null) {
            try {
                type = (Class<T>) Class.forName(t.toString());
            } catch (ClassNotFoundException e) {
                throw new IllegalArgumentException("unknown event type " + t, e);
            }
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) return null;
        if (type == null) throw new IllegalStateException(TYPE_CONFIG + " is not configured");
        return EventJson.read(data, type);
    }
}
