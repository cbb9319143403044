package dev.reportflow.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reportflow.events.EventJson;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Consumes MinIO bucket notifications ({@code s3:ObjectCreated:*}, published by MinIO's Kafka target)
 * and hands each created key to the S3 sources that cover it. Only hints: a lost or bogus
 * notification changes nothing the next listing would not find.
 */
final class NotificationListener {
    private static final Logger LOG = Logger.getLogger(NotificationListener.class);

    private final Map<String, Object> kafka;
    private final String topic;
    private final String groupId;
    private final List<S3Source> sources;
    private volatile boolean running;
    private KafkaConsumer<String, String> consumer;
    private Thread thread;

    NotificationListener(Map<String, Object> kafka, String topic, String groupId, List<S3Source> sources) {
        this.kafka = kafka;
        this.topic = topic;
        this.groupId = groupId;
        this.sources = sources;
    }

    void start() {
        Properties p = new Properties();
        p.putAll(kafka);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "ingest-service-notifications");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"); // older events are covered by the listing
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumer = new KafkaConsumer<>(p);
        consumer.subscribe(List.of(topic));
        running = true;
        thread = new Thread(this::loop, "ingest-notifications");
        thread.setDaemon(true);
        thread.start();
        LOG.infof("consuming bucket notifications from %s", topic);
    }

    /** True once the consumer has partitions assigned (tests wait for it before publishing hints). */
    volatile boolean assigned;

    private void loop() {
        try {
            while (running) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    dispatch(r.value());
                }
                if (!assigned && !consumer.assignment().isEmpty()) assigned = true;
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            LOG.errorf(e, "bucket notification consumer failed; the periodic listing still runs");
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    void dispatch(String json) {
        for (Created c : parse(json)) {
            boolean matched = false;
            for (S3Source s : sources) {
                if (s.covers(c.bucket(), c.key())) {
                    s.hint(c.key());
                    matched = true;
                }
            }
            LOG.debugf("notification %s/%s %s", c.bucket(), c.key(), matched ? "hinted" : "ignored");
        }
    }

    record Created(String bucket, String key) {}

    /** The created objects of a MinIO/S3 event notification; anything else yields nothing. */
    static List<Created> parse(String json) {
        List<Created> out = new ArrayList<>();
        if (json == null) return out;
        JsonNode root;
        try {
            root = EventJson.MAPPER.readTree(json);
        } catch (Exception e) {
            LOG.debugf("ignoring a bucket notification that is not JSON");
            return out;
        }
        for (JsonNode rec : root.path("Records")) {
            String event = rec.path("eventName").asText("");
            if (!event.startsWith("s3:ObjectCreated:") && !event.startsWith("ObjectCreated:")) continue;
            String bucket = rec.path("s3").path("bucket").path("name").asText(null);
            String key = rec.path("s3").path("object").path("key").asText(null);
            if (bucket == null || key == null) continue;
            // Keys arrive URL-encoded, as in AWS's notification format.
            out.add(new Created(bucket, URLDecoder.decode(key, StandardCharsets.UTF_8)));
        }
        return out;
    }

    void stop() {
        running = false;
        if (consumer != null) consumer.wakeup();
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
