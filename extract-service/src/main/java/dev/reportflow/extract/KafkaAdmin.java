package dev.reportflow.extract;

import dev.reportflow.events.Topics;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.util.ArrayList;
import dev.reportflow.events.kafka.KafkaClientConfigs;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Admin-client helpers: topic creation at startup. */
@ApplicationScoped
public class KafkaAdmin {
    private static final Logger LOG = Logger.getLogger(KafkaAdmin.class);

    @Inject
    ExtractConfig config;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @ConfigProperty(name = "mp.messaging.incoming.reports-in.topic")
    String inputTopic;

    public Admin open() {
        Map<String, Object> a = KafkaClientConfigs.admin(kafkaConfig);
        a.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "extract-service-admin-" + ProcessHandle.current().pid());
        return Admin.create(a);
    }

    // Before the messaging channels start, so the consumer never subscribes to an auto-created 1-partition topic.
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent ev) {
        if (!config.createTopics()) return;
        try (Admin admin = open()) {
            ensureTopics(admin, List.of(inputTopic, config.topics().sections(), config.topics().indicators(),
                    config.topics().extracted(), config.topics().deadLetter()));
        } catch (Exception e) {
            // Not fatal: topics may be managed elsewhere (deploy/), and Kafka health reports an absent broker.
            LOG.warnf("could not ensure topics exist: %s", e.toString());
        }
    }

    /** Creates the missing ones with the partitions, compaction and retention of their {@link Topics} spec. */
    static void ensureTopics(Admin admin, List<String> names) throws InterruptedException, ExecutionException {
        Set<String> existing = admin.listTopics(new ListTopicsOptions().timeoutMs(15_000)).names().get();
        List<NewTopic> missing = new ArrayList<>();
        for (String name : names) {
            if (existing.contains(name)) continue;
            Topics.TopicSpec spec = specFor(name);
            Map<String, String> cfg = new HashMap<>();
            cfg.put(TopicConfig.CLEANUP_POLICY_CONFIG,
                    spec.compacted() ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE);
            cfg.put(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(spec.retentionMs()));
            cfg.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(spec.maxMessageBytes()));
            missing.add(new NewTopic(name, spec.partitions(), (short) -1).configs(cfg));
        }
        if (missing.isEmpty()) return;
        try {
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            LOG.infof("created topics %s", missing.stream().map(NewTopic::name).toList());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) throw e;
        } catch (java.util.concurrent.TimeoutException e) {
            throw new ExecutionException(e);
        }
    }

    /** The spec of a known topic; a renamed topic (config override) takes the spec of its default name. */
    static Topics.TopicSpec specFor(String name) {
        for (Topics.TopicSpec s : Topics.ALL) if (s.name().equals(name)) return s;
        String n = name.toLowerCase();
        String base = n.endsWith(".dlq") ? Topics.REPORTS_INGESTED_DLQ
                : n.contains("section") ? Topics.REPORTS_SECTIONS
                : n.contains("indicator") ? Topics.REPORTS_INDICATORS
                : n.contains("extracted") ? Topics.REPORTS_EXTRACTED
                : Topics.REPORTS_INGESTED;
        Topics.TopicSpec s = Topics.spec(base);
        return new Topics.TopicSpec(name, s.partitions(), s.compacted(), s.retentionMs(), s.maxMessageBytes());
    }
}
