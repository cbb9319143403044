package dev.reportflow.devstack;

import dev.reportflow.events.Topics;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** A single-node Kafka (broker + controller in KRaft mode) running inside this JVM. */
final class EmbeddedKafka implements AutoCloseable {
    private static final int NODE_ID = 1;
    private static final String CONTROLLER = "CONTROLLER";

    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    static EmbeddedKafka start(Path logDir, int port) throws Exception {
        Files.createDirectories(logDir);
        String dir = logDir.toString();
        // The controller port may change between runs: with a static voter set it is not part of the stored state.
        int controllerPort = DevStack.freePortIfZero(0);
        Map<String, Object> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@" + DevStack.HOST + ":" + controllerPort);
        props.put("controller.listener.names", CONTROLLER);
        props.put("listeners", "PLAINTEXT://" + DevStack.HOST + ":" + port + "," + CONTROLLER + "://" + DevStack.HOST
                + ":" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + DevStack.HOST + ":" + port);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", dir);
        props.put("metadata.log.dir", dir);
        // One broker: every internal topic has a single replica.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "6");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "6");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        // On restart the controller refuses the broker's new registration until the old session expires
        // (default 9 s); a short session makes restarts quick, heartbeats keep it alive meanwhile.
        props.put("broker.session.timeout.ms", "3000");
        props.put("broker.heartbeat.interval.ms", "500");
        // A maximal report (8 MiB raw, base64 in JSON) must fit; see Topics.MAX_MESSAGE_BYTES.
        props.put("message.max.bytes", Integer.toString(Topics.MAX_MESSAGE_BYTES));
        props.put("replica.fetch.max.bytes", Integer.toString(Topics.MAX_MESSAGE_BYTES));
        // Small footprint: the whole devstack runs in ~384 MB of heap on a 2-core machine.
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "4");
        props.put("num.recovery.threads.per.data.dir", "1");
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
        props.put("log.cleaner.threads", "1");
        props.put("log.segment.bytes", Integer.toString(64 * 1024 * 1024));

        if (!Files.exists(logDir.resolve("meta.properties"))) {
            ByteArrayOutputStream formatterOutput = new ByteArrayOutputStream();
            new Formatter()
                    .setPrintStream(new PrintStream(formatterOutput, true))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(dir))
                    .setMetadataLogDirectory(dir)
                    .setControllerListenerName(CONTROLLER)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        }

        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
        server.startup();
        EmbeddedKafka kafka = new EmbeddedKafka(server, DevStack.HOST + ":" + port);
        try {
            kafka.ensureTopics();
        } catch (Exception | Error e) {
            kafka.close();
            throw e;
        }
        return kafka;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** Creates missing topics of {@link Topics#ALL}, and brings existing ones to their spec (idempotent). */
    private void ensureTopics() throws Exception {
        Map<String, Object> conf = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000);
        try (Admin admin = Admin.create(conf)) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> create = new ArrayList<>();
            Map<ConfigResource, Collection<AlterConfigOp>> alter = new HashMap<>();
            List<String> present = new ArrayList<>();
            for (Topics.TopicSpec spec : Topics.ALL) {
                Map<String, String> configs = topicConfigs(spec);
                if (existing.contains(spec.name())) {
                    present.add(spec.name());
                    List<AlterConfigOp> ops = new ArrayList<>();
                    configs.forEach((k, v) -> ops.add(new AlterConfigOp(new ConfigEntry(k, v), AlterConfigOp.OpType.SET)));
                    alter.put(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()), ops);
                } else {
                    create.add(new NewTopic(spec.name(), spec.partitions(), (short) 1).configs(configs));
                }
            }
            if (!create.isEmpty()) {
                admin.createTopics(create).all().get(60, TimeUnit.SECONDS);
            }
            if (!alter.isEmpty()) {
                admin.incrementalAlterConfigs(alter).all().get(60, TimeUnit.SECONDS);
                Map<String, TopicDescription> described = admin.describeTopics(present).allTopicNames()
                        .get(60, TimeUnit.SECONDS);
                Map<String, NewPartitions> grow = new HashMap<>();
                for (String name : present) {
                    int wanted = Topics.spec(name).partitions();
                    if (described.get(name).partitions().size() < wanted) {
                        grow.put(name, NewPartitions.increaseTo(wanted));
                    }
                }
                if (!grow.isEmpty()) {
                    admin.createPartitions(grow).all().get(60, TimeUnit.SECONDS);
                }
            }
        }
    }

    static Map<String, String> topicConfigs(Topics.TopicSpec spec) {
        return Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, spec.compacted() ? TopicConfig.CLEANUP_POLICY_COMPACT
                        : TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(spec.retentionMs()),
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(spec.maxMessageBytes()));
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
