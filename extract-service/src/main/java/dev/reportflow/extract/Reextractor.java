package dev.reportflow.extract;

import dev.reportflow.events.kafka.KafkaClientConfigs;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Re-extraction: a bounded replay of {@code reports.ingested} through this instance's extractor, next to the
 * live consumer. It reads every partition from the beginning (or from where an interrupted replay stopped)
 * up to the end offsets seen when it started, publishes each report's events with this build's extractor
 * version, and commits its progress under its own consumer group ({@code <group>-reextract}), so the live
 * group's offsets are never touched and any number of live instances keep running.
 */
@ApplicationScoped
public class Reextractor {
    private static final Logger LOG = Logger.getLogger(Reextractor.class);

    public enum State { IDLE, RUNNING, DONE, FAILED, CANCELLED }

    public record Status(State state, String from, String extractorVersion, String group, String startedAt,
                         String finishedAt, long total, long processed, long extracted, long deadLettered,
                         String error) {}

    @Inject
    ExtractService service;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @ConfigProperty(name = "mp.messaging.incoming.reports-in.topic")
    String topic;

    @ConfigProperty(name = "mp.messaging.incoming.reports-in.group.id")
    String liveGroup;

    private volatile Status status = new Status(State.IDLE, null, null, null, null, null, 0, 0, 0, 0, null);
    private volatile boolean cancel;
    private Thread thread;

    public Status status() {
        return status;
    }

    /** Starts a replay; {@code fromCommitted} resumes an interrupted one. Returns null if one is running. */
    public synchronized Status start(boolean fromCommitted) {
        if (status.state() == State.RUNNING) return null;
        cancel = false;
        String group = liveGroup + "-reextract";
        String from = fromCommitted ? "committed" : "earliest";
        status = new Status(State.RUNNING, from, service.extractorVersion(), group, Instant.now().toString(), null,
                0, 0, 0, 0, null);
        thread = new Thread(() -> run(group, fromCommitted), "extract-reextract");
        thread.setDaemon(true);
        thread.start();
        return status;
    }

    public synchronized Status cancel() {
        cancel = true;
        return status;
    }

    private void run(String group, boolean fromCommitted) {
        AtomicLong processed = new AtomicLong(), extracted = new AtomicLong(), dead = new AtomicLong();
        long total = 0;
        Status s0 = status;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig(group))) {
            List<TopicPartition> parts = new ArrayList<>();
            for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                parts.add(new TopicPartition(topic, p.partition()));
            }
            consumer.assign(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(parts);
            Map<TopicPartition, OffsetAndMetadata> committed = fromCommitted ? consumer.committed(new HashSet<>(parts)) : Map.of();
            Map<TopicPartition, Long> start = new HashMap<>();
            for (TopicPartition tp : parts) {
                OffsetAndMetadata c = committed.get(tp);
                long from = c != null ? Math.max(c.offset(), begin.get(tp)) : begin.get(tp);
                start.put(tp, from);
                consumer.seek(tp, from);
                total += Math.max(0, end.get(tp) - from);
            }
            update(s0, State.RUNNING, total, processed, extracted, dead, null);
            LOG.infof("re-extraction of %s from %s: %d records up to offsets %s", topic, s0.from(), total, end);
            ReportProcessor processor = service.processor();
            while (!cancel && !done(consumer, parts, end)) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                List<CompletableFuture<ReportProcessor.Outcome>> futures = new ArrayList<>();
                Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
                for (ConsumerRecord<String, byte[]> r : records) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() >= end.get(tp)) continue; // written after the replay started: live path has it
                    IncomingReport in = new IncomingReport(r.topic(), r.partition(), r.offset(), r.key(), r.value(),
                            r.headers());
                    futures.add(processor.process(in).whenComplete((o, e) -> {
                        if (e == null) {
                            processed.incrementAndGet();
                            if (o == ReportProcessor.Outcome.EXTRACTED) extracted.incrementAndGet();
                            if (o == ReportProcessor.Outcome.DEAD_LETTERED) dead.incrementAndGet();
                        }
                    }));
                    commit.merge(tp, new OffsetAndMetadata(r.offset() + 1),
                            (a, b) -> a.offset() >= b.offset() ? a : b);
                }
                // Commit a batch only once all its events are acknowledged: an interrupted replay resumes there.
                CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
                if (!commit.isEmpty()) consumer.commitSync(commit);
                update(s0, State.RUNNING, total, processed, extracted, dead, null);
            }
            update(s0, cancel ? State.CANCELLED : State.DONE, total, processed, extracted, dead, null);
            LOG.infof("re-extraction %s: %d of %d records, %d extracted, %d dead-lettered",
                    status.state(), processed.get(), total, extracted.get(), dead.get());
        } catch (Exception e) {
            update(s0, State.FAILED, total, processed, extracted, dead, e.toString());
            LOG.errorf(e, "re-extraction failed after %d records", processed.get());
        }
    }

    private static boolean done(KafkaConsumer<?, ?> consumer, List<TopicPartition> parts,
                                Map<TopicPartition, Long> end) {
        for (TopicPartition tp : parts) if (consumer.position(tp) < end.get(tp)) return false;
        return true;
    }

    private void update(Status s0, State state, long total, AtomicLong processed, AtomicLong extracted,
                        AtomicLong dead, String error) {
        boolean finished = state != State.RUNNING;
        status = new Status(state, s0.from(), s0.extractorVersion(), s0.group(), s0.startedAt(),
                finished ? Instant.now().toString() : null, total, processed.get(), extracted.get(), dead.get(),
                error);
    }

    private Map<String, Object> consumerConfig(String group) {
        Map<String, Object> c = KafkaClientConfigs.consumer(kafkaConfig);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "200");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "extract-service-reextract-" + ProcessHandle.current().pid());
        return c;
    }

    @PreDestroy
    void stop() throws InterruptedException {
        cancel = true;
        Thread t = thread;
        if (t != null) t.join(10_000);
    }
}
