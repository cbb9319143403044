package dev.reportflow.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reportflow.events.ReportIngested;
import dev.reportflow.events.Topics;
import dev.reportflow.testsupport.RealInfrastructure;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged service as real processes sharing a consumer group on the real broker: killed mid-stream,
 * restarted, scaled to two instances and back. Every report must end with its complete set of events.
 */
class ProcessesIT {
    static KafkaCompanion companion;
    static EventLog log;
    static List<byte[]> samples;

    @BeforeAll
    static void connect() {
        companion = new KafkaCompanion(RealInfrastructure.kafkaBootstrapServers());
        log = new EventLog(companion);
        samples = Fixtures.samples().stream().map(Fixtures::read).toList();
    }

    @AfterAll
    static void close() {
        log.close();
        companion.close();
    }

    /** A new group that starts at the current end of reports.ingested (earlier tests' records are not ours). */
    static String groupAtEnd(String prefix) throws Exception {
        String group = prefix + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                RealInfrastructure.kafkaBootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> req = new HashMap<>();
            for (int p = 0; p < admin.describeTopics(List.of(Topics.REPORTS_INGESTED)).allTopicNames().get()
                    .get(Topics.REPORTS_INGESTED).partitions().size(); p++) {
                req.put(new TopicPartition(Topics.REPORTS_INGESTED, p), OffsetSpec.latest());
            }
            Map<TopicPartition, OffsetAndMetadata> at = new HashMap<>();
            admin.listOffsets(req).all().get().forEach((tp, o) -> at.put(tp, new OffsetAndMetadata(o.offset())));
            admin.alterConsumerGroupOffsets(group, at).all().get();
        }
        return group;
    }

    static Map<String, String> env(String group) {
        Map<String, String> env = new HashMap<>(RealInfrastructure.env());
        env.put("EXTRACT_GROUP_ID", group);
        return env;
    }

    /** Sends reports at a steady pace on a background thread, so that kills and rebalances land mid-stream. */
    static final class Feeder implements AutoCloseable {
        final Set<String> ids = ConcurrentHashMap.newKeySet();
        final AtomicBoolean stop = new AtomicBoolean();
        final Thread thread;
        final KafkaProducer<String, byte[]> producer;

        Feeder(int total, int perSecond) {
            Map<String, Object> cfg = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    RealInfrastructure.kafkaBootstrapServers(), ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                    Topics.MAX_MESSAGE_BYTES);
            producer = new KafkaProducer<>(cfg, new StringSerializer(), new ByteArraySerializer());
            thread = new Thread(() -> {
                String run = UUID.randomUUID().toString();
                for (int i = 0; i < total && !stop.get(); i++) {
                    byte[] text = samples.get(i % samples.size());
                    byte[] salted = (new String(text, StandardCharsets.UTF_8) + "\n" + run + "-" + i + "\n")
                            .getBytes(StandardCharsets.UTF_8);
                    ReportIngested r = Fixtures.ingested("sample-" + i + ".txt", salted, null);
                    producer.send(new ProducerRecord<>(Topics.REPORTS_INGESTED, r.reportId(), Fixtures.json(r)));
                    ids.add(r.reportId());
                    if (i % perSecond == perSecond - 1) {
                        producer.flush();
                        try {
                            Thread.sleep(1000);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
                producer.flush();
            }, "feeder");
            thread.start();
        }

        void await() throws InterruptedException {
            thread.join(120_000);
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            thread.join(10_000);
            producer.close();
        }
    }

    static long done(Set<String> ids) {
        Set<String> s = log.summarizedIds();
        return ids.stream().filter(s::contains).count();
    }

    static void assertEveryReportComplete(Set<String> ids) {
        Set<String> missing = new HashSet<>(ids);
        missing.removeAll(log.summarizedIds());
        assertThat(missing).as("reports without a summary").isEmpty();
        // The summary can be read before the other topics' records reach this test's consumer: give it time.
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(ids.stream().filter(id -> !log.complete(id)).limit(5).map(id -> id + " sections "
                        + log.sectionEventIds(id).size() + "/" + log.summaries(id).get(0).sectionCount()
                        + " indicators " + log.indicatorEventIds(id).size() + "/"
                        + log.summaries(id).get(0).indicatorCount()).toList())
                        .as("reports whose distinct events do not match their summary").isEmpty());
        Set<String> half = new HashSet<>(log.halfPublished());
        half.retainAll(ids);
        assertThat(half).as("half-published reports").isEmpty();
    }

    @Test
    void killedMidStreamAndRestartedEveryReportEndsComplete() throws Exception {
        String group = groupAtEnd("it-kill-");
        try (Feeder feeder = new Feeder(5000, 25);
             ServiceProcess a = ServiceProcess.start("a", env(group), "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")) {
            await().atMost(Duration.ofSeconds(120)).until(() -> done(feeder.ids) >= 20);
            a.kill();
            try (ServiceProcess b = ServiceProcess.start("b", env(group), "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")) {
                await().atMost(Duration.ofSeconds(120)).until(() -> b.extracted() >= 20);
                feeder.close();
                int sent = feeder.ids.size();
                assertThat(a.process.exitValue()).as("a was killed, not finished").isNotZero();
                await().atMost(Duration.ofSeconds(180)).until(() -> done(feeder.ids) == sent);
                assertEveryReportComplete(feeder.ids);
            }
        }
    }

    @Test
    void twoInstancesShareTheGroupAndRebalancesLoseNothing() throws Exception {
        String group = groupAtEnd("it-two-");
        try (Feeder feeder = new Feeder(5000, 25);
             ServiceProcess a = ServiceProcess.start("a", env(group), "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")) {
            await().atMost(Duration.ofSeconds(120)).until(() -> done(feeder.ids) >= 20);
            // A second instance joins mid-stream: the group rebalances and splits the partitions.
            try (ServiceProcess b = ServiceProcess.start("b", env(group), "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")) {
                double aBefore = a.extracted();
                await().atMost(Duration.ofSeconds(120)).until(() -> b.extracted() >= 10 && a.extracted() >= aBefore + 10);
                // The first instance leaves mid-stream (SIGTERM): its partitions move to b.
                a.stop();
                double bBefore = b.extracted();
                await().atMost(Duration.ofSeconds(120)).until(() -> b.extracted() >= bBefore + 20);
                feeder.close();
                int sent = feeder.ids.size();
                await().atMost(Duration.ofSeconds(180)).until(() -> done(feeder.ids) == sent);
                assertEveryReportComplete(feeder.ids);
            }
        }
    }
}
