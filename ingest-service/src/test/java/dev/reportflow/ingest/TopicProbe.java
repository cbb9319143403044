package dev.reportflow.ingest;

import static org.awaitility.Awaitility.await;

import dev.reportflow.events.EventJson;
import dev.reportflow.events.Topics;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Everything on one topic, read with KafkaCompanion from the beginning by a consumer of its own.
 * {@link #caughtUp()} waits until it has read every record the broker had acknowledged when called,
 * so "exactly one record" assertions see any repeat published before that moment.
 */
final class TopicProbe<T> implements AutoCloseable {
    private final KafkaCompanion companion;
    private final String topic;
    private final Class<T> type;
    private final ConsumerTask<String, byte[]> task;

    TopicProbe(KafkaCompanion companion, String topic, Class<T> type) {
        this.companion = companion;
        this.topic = topic;
        this.type = type;
        this.task = companion.<String, byte[]>consumeWithDeserializers(new StringDeserializer(), new ByteArrayDeserializer())
                .withGroupId("ingest-test-" + UUID.randomUUID())
                .withOffsetReset(OffsetResetStrategy.EARLIEST)
                .fromTopics(topic);
    }

    List<ConsumerRecord<String, byte[]>> records() {
        return new ArrayList<>(task.getRecords());
    }

    List<T> values(Predicate<ConsumerRecord<String, byte[]>> which) {
        return records().stream().filter(which).map(r -> EventJson.read(r.value(), type)).toList();
    }

    List<T> withKey(String key) {
        return values(r -> key.equals(r.key()));
    }

    List<T> matching(Predicate<T> which) {
        return records().stream().map(r -> EventJson.read(r.value(), type)).filter(which).toList();
    }

    T awaitOne(String key) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !withKey(key).isEmpty());
        return withKey(key).get(0);
    }

    T awaitOne(Predicate<T> which) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !matching(which).isEmpty());
        return matching(which).get(0);
    }

    /** Waits until every record on the broker now has been read. */
    TopicProbe<T> caughtUp() {
        int partitions = Topics.spec(topic).partitions();
        Map<TopicPartition, OffsetSpec> req = new HashMap<>();
        for (int p = 0; p < partitions; p++) req.put(new TopicPartition(topic, p), OffsetSpec.latest());
        Map<TopicPartition, Long> ends = new HashMap<>();
        companion.offsets().list(req).forEach((tp, info) -> ends.put(tp, info.offset()));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Map<TopicPartition, Long> read = new HashMap<>();
            for (ConsumerRecord<String, byte[]> r : records()) {
                read.merge(new TopicPartition(r.topic(), r.partition()), r.offset() + 1, Math::max);
            }
            return ends.entrySet().stream().allMatch(e -> e.getValue() == 0 || read.getOrDefault(e.getKey(), 0L) >= e.getValue());
        });
        return this;
    }

    @Override
    public void close() {
        task.close();
    }
}
