package dev.reportflow.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.reportflow.deploy.Kustomize.Rendered;
import dev.reportflow.deploy.Kustomize.Resource;
import dev.reportflow.events.Topics;
import dev.reportflow.events.Topics.TopicSpec;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks rendered Kubernetes manifests. Structure: every resource is read into its published
 * model (fabric8 kubernetes-model for built-in kinds, Strimzi's api for Kafka*, a vendored
 * minimal schema for KEDA), with unknown fields and mistyped scalars reported, as
 * {@code kubectl apply --validate=strict} would. Meaning: images, environment variables, probes,
 * Secrets, topics, ACLs, autoscaling and network policies against the services' sources and
 * {@link Topics#ALL}.
 */
final class KubernetesChecker {
    static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    static {
        for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean)) {
            MAPPER.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
    }

    private static final String STRIMZI = "kafka.strimzi.io/v1beta2/";
    static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("v1/Namespace", io.fabric8.kubernetes.api.model.Namespace.class),
            Map.entry("v1/Service", io.fabric8.kubernetes.api.model.Service.class),
            Map.entry("v1/ConfigMap", io.fabric8.kubernetes.api.model.ConfigMap.class),
            Map.entry("v1/Secret", io.fabric8.kubernetes.api.model.Secret.class),
            Map.entry("apps/v1/Deployment", io.fabric8.kubernetes.api.model.apps.Deployment.class),
            Map.entry("apps/v1/StatefulSet", io.fabric8.kubernetes.api.model.apps.StatefulSet.class),
            Map.entry("batch/v1/Job", io.fabric8.kubernetes.api.model.batch.v1.Job.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class),
            Map.entry("policy/v1/PodDisruptionBudget", io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class),
            Map.entry(STRIMZI + "Kafka", io.strimzi.api.kafka.model.kafka.Kafka.class),
            Map.entry(STRIMZI + "KafkaNodePool", io.strimzi.api.kafka.model.nodepool.KafkaNodePool.class),
            Map.entry(STRIMZI + "KafkaTopic", io.strimzi.api.kafka.model.topic.KafkaTopic.class),
            Map.entry(STRIMZI + "KafkaUser", io.strimzi.api.kafka.model.user.KafkaUser.class));
    static final Map<String, String> SCHEMAS = Map.of(
            "keda.sh/v1alpha1/ScaledObject", "keda/scaledobject.schema.json",
            "keda.sh/v1alpha1/TriggerAuthentication", "keda/triggerauthentication.schema.json");

    /**
     * Who may read and write which topic (docs/events.md, "producer" and "consumers"): each
     * service's KafkaUser must grant exactly this, no more.
     */
    static final Map<String, Map<String, Set<String>>> ACCESS = Map.of(
            "ingest-service", Map.of(
                    "Write", Set.of(Topics.REPORTS_INGESTED, Topics.REPORTS_REJECTED),
                    "Read", Set.of(Topics.BUCKET_NOTIFICATIONS)),
            "extract-service", Map.of(
                    "Write", Set.of(Topics.REPORTS_SECTIONS, Topics.REPORTS_INDICATORS, Topics.REPORTS_EXTRACTED,
                            Topics.REPORTS_INGESTED_DLQ),
                    "Read", Set.of(Topics.REPORTS_INGESTED)),
            "metrics-service", Map.of(
                    "Write", Set.of(),
                    "Read", Set.of(Topics.REPORTS_SECTIONS, Topics.REPORTS_INDICATORS, Topics.REPORTS_EXTRACTED)));

    private static final Pattern CREDENTIAL = Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|ACCESS_KEY|PRIVATE_KEY|JAAS|CREDENTIAL).*");
    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "Job");

    private final Rendered rendered;
    private final Map<String, ServiceModule> modules;
    private final String where;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, String> bucketByContainer = new LinkedHashMap<>();

    private KubernetesChecker(String where, Rendered rendered, Map<String, ServiceModule> modules) {
        this.where = where;
        this.rendered = rendered;
        this.modules = modules;
    }

    static List<String> check(String where, Rendered rendered, Map<String, ServiceModule> modules) {
        KubernetesChecker c = new KubernetesChecker(where, rendered, modules);
        rendered.resources().forEach(c::validateStructure);
        rendered.resources().forEach(c::checkResource);
        if (c.bucketByContainer.values().stream().distinct().count() > 1)
            c.problems.add(where + ": the workloads disagree on the bucket: " + c.bucketByContainer);
        c.checkTopics();
        c.checkUsers();
        c.checkScaling();
        c.checkNetworkPolicies();
        return c.problems;
    }

    private void problem(Resource r, String msg) {
        problems.add(where + ": " + r.id() + " (" + r.origin() + "): " + msg);
    }

    // ---------------------------------------------------------------- structure

    private void validateStructure(Resource r) {
        String type = r.apiVersion() + "/" + r.kind();
        if (r.name() == null || r.name().isBlank()) problem(r, "metadata.name is missing");
        Class<?> model = MODELS.get(type);
        String schema = SCHEMAS.get(type);
        if (model != null) {
            try {
                Object typed = MAPPER.treeToValue(r.body(), model);
                List<String> unknown = new ArrayList<>();
                unknownFields(typed, "", unknown);
                unknown.forEach(u -> problem(r, "unknown field " + u));
            } catch (JsonProcessingException e) {
                problem(r, "does not match the " + model.getSimpleName() + " model: " + e.getOriginalMessage()
                        + " at " + e.getLocation());
            }
        } else if (schema != null) {
            Schemas.validate(schema, r.body()).forEach(m -> problem(r, "schema: " + m));
        } else {
            problem(r, "no model or schema for " + type + ": cannot validate it");
        }
    }

    private static final Map<Class<?>, Map<String, AnnotatedMember>> ACCESSORS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The JSON properties of a model class and how to read them (introspection is slow: cached). */
    private static Map<String, AnnotatedMember> accessors(Class<?> type) {
        Map<String, AnnotatedMember> out = new LinkedHashMap<>();
        BeanDescription d = MAPPER.getSerializationConfig().introspect(MAPPER.constructType(type));
        for (BeanPropertyDefinition p : d.findProperties()) {
            AnnotatedMember acc = p.getAccessor();
            if (acc == null || p.getName().equals("additionalProperties")) continue;
            acc.fixAccess(true);
            out.put(p.getName(), acc);
        }
        return out;
    }

    /** Fields the model did not recognise land in additionalProperties (fabric8 and Strimzi both keep them). */
    static void unknownFields(Object o, String path, List<String> out) {
        if (o == null || o instanceof String || o instanceof Number || o instanceof Boolean || o.getClass().isEnum()) return;
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> unknownFields(v, path + "." + k, out));
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object x : c) unknownFields(x, path + "[" + i++ + "]", out);
            return;
        }
        Class<?> type = o.getClass();
        String pkg = type.getPackageName();
        if (!pkg.startsWith("io.fabric8") && !pkg.startsWith("io.strimzi")) return;
        try {
            Method extra = type.getMethod("getAdditionalProperties");
            Object ex = extra.invoke(o);
            if (ex instanceof Map<?, ?> m && !m.isEmpty()) {
                for (Object k : m.keySet()) out.add((path.isEmpty() ? "" : path.substring(1) + ".") + k);
            }
        } catch (NoSuchMethodException ignored) {
            // a model type without a catch-all cannot hold unknown fields
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        for (Map.Entry<String, AnnotatedMember> p : ACCESSORS.computeIfAbsent(type, KubernetesChecker::accessors).entrySet()) {
            unknownFields(p.getValue().getValue(o), path + "." + p.getKey(), out);
        }
    }

    // ---------------------------------------------------------------- per resource

    private void checkResource(Resource r) {
        switch (r.kind()) {
            case "Deployment", "StatefulSet", "Job" -> checkWorkload(r);
            case "Secret" -> {
                if (!r.generated() && (r.body().has("data") || r.body().has("stringData")))
                    problem(r, "a Secret with values in a plain manifest; generate it from a git-ignored .env file instead");
            }
            case "ConfigMap" -> r.body().path("data").fieldNames().forEachRemaining(k -> {
                if (CREDENTIAL.matcher(k).matches()) problem(r, "key " + k + " looks like a credential; put it in a Secret");
            });
            case "Service" -> checkService(r);
            case "PodDisruptionBudget" -> checkPdb(r);
            default -> { }
        }
    }

    private void checkWorkload(Resource r) {
        JsonNode pod = r.body().path("spec").path("template").path("spec");
        if (!r.kind().equals("Job")) {
            JsonNode selector = r.body().path("spec").path("selector").path("matchLabels");
            JsonNode labels = r.body().path("spec").path("template").path("metadata").path("labels");
            if (selector.isMissingNode() || selector.isEmpty()) problem(r, "spec.selector.matchLabels is missing");
            selector.fields().forEachRemaining(e -> {
                if (!e.getValue().equals(labels.get(e.getKey()))) problem(r, "selector " + e.getKey() + " does not match the pod template's labels");
            });
        }
        for (String list : List.of("initContainers", "containers")) {
            for (JsonNode c : pod.path(list)) checkContainer(r, pod, c, list.equals("initContainers"));
        }
        for (JsonNode v : pod.path("volumes")) {
            if (v.has("secret")) requireSecret(r, v.path("secret").path("secretName").asText(), null);
            if (v.has("configMap")) requireConfigMap(r, v.path("configMap").path("name").asText(), null);
        }
    }

    private void checkContainer(Resource r, JsonNode pod, JsonNode c, boolean init) {
        String name = c.path("name").asText();
        String image = c.path("image").asText(null);
        if (image == null) { problem(r, "container " + name + " has no image"); return; }
        for (String kind : List.of("requests", "limits")) {
            for (String res : List.of("cpu", "memory")) {
                if (!c.path("resources").path(kind).has(res)) problem(r, "container " + name + " has no resources." + kind + "." + res);
            }
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode from : c.path("envFrom")) {
            if (from.has("configMapRef")) {
                String cm = from.path("configMapRef").path("name").asText();
                Resource res = requireConfigMap(r, cm, null);
                if (res != null) res.body().path("data").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
            }
            if (from.has("secretRef")) {
                String s = from.path("secretRef").path("name").asText();
                secretKeys(s).ifPresentOrElse(keys -> keys.forEach(k -> env.put(k, "<secret " + s + ">")),
                        () -> problem(r, "container " + name + " reads Secret " + s + ", which nothing creates"));
            }
        }
        for (JsonNode e : c.path("env")) {
            String n = e.path("name").asText();
            if (e.has("value")) {
                env.put(n, e.path("value").asText());
                if (CREDENTIAL.matcher(n).matches() && !e.path("value").asText().isEmpty())
                    problem(r, "container " + name + ": " + n + " has a literal value; reference a Secret");
            } else {
                JsonNode ref = e.path("valueFrom");
                if (ref.has("secretKeyRef")) requireSecret(r, ref.path("secretKeyRef").path("name").asText(), ref.path("secretKeyRef").path("key").asText());
                if (ref.has("configMapKeyRef")) requireConfigMap(r, ref.path("configMapKeyRef").path("name").asText(), ref.path("configMapKeyRef").path("key").asText());
                env.put(n, "<ref>");
            }
        }
        String moduleName = ComposeChecker.imageModule(image);
        if (moduleName == null) {
            if (env.containsKey("S3_BUCKET")) bucketByContainer.put(r.id() + "/" + name, env.get("S3_BUCKET"));
            return;
        }
        ServiceModule m = modules.get(moduleName);
        if (m != null && m.whyRead("S3_BUCKET").isPresent()) bucketByContainer.put(r.id() + "/" + name, m.effectiveEnv("S3_BUCKET", env));
        if (m == null) {
            problem(r, "container " + name + ": image " + image + " matches no module with a Dockerfile " + modules.keySet());
            return;
        }
        env.keySet().forEach(n -> {
            if (m.whyRead(n).isEmpty()) problem(r, "container " + name + ": environment variable " + n + " is read by no setting of " + m.name());
        });
        if (init) return;
        int port = m.httpPort(env);
        boolean portDeclared = false;
        for (JsonNode p : c.path("ports")) portDeclared |= p.path("containerPort").asInt() == port;
        if (!portDeclared) problem(r, "container " + name + " does not declare containerPort " + port + " that " + m.name() + " listens on");
        for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
            JsonNode pr = c.get(probe);
            if (pr == null) {
                if (!probe.equals("startupProbe")) problem(r, "container " + name + " has no " + probe);
                continue;
            }
            JsonNode http = pr.path("httpGet");
            if (http.isMissingNode()) { problem(r, "container " + name + ": " + probe + " is not an HTTP health check"); continue; }
            String path = http.path("path").asText();
            if (!m.healthPaths().contains(path)) problem(r, "container " + name + ": " + probe + " path " + path + " is not served by " + m.name() + " " + m.healthPaths());
            Integer probePort = resolvePort(c, http.path("port"));
            if (probePort == null || probePort != port) problem(r, "container " + name + ": " + probe + " port " + http.path("port").asText() + " is not " + m.name() + "'s HTTP port " + port);
        }
    }

    private static Integer resolvePort(JsonNode container, JsonNode port) {
        if (port.isInt()) return port.asInt();
        for (JsonNode p : container.path("ports")) {
            if (port.asText().equals(p.path("name").asText())) return p.path("containerPort").asInt();
        }
        return null;
    }

    /** Keys of a Secret this rendering creates, or that Strimzi's User Operator writes for a KafkaUser. */
    private Optional<Set<String>> secretKeys(String name) {
        Resource s = rendered.find("Secret", name);
        if (s != null) {
            Set<String> keys = new LinkedHashSet<>();
            s.body().path("data").fieldNames().forEachRemaining(keys::add);
            s.body().path("stringData").fieldNames().forEachRemaining(keys::add);
            return Optional.of(keys);
        }
        if (rendered.find("KafkaUser", name) != null) return Optional.of(Set.of("password", "sasl.jaas.config"));
        return Optional.empty();
    }

    private void requireSecret(Resource r, String name, String key) {
        Optional<Set<String>> keys = secretKeys(name);
        if (keys.isEmpty()) problem(r, "references Secret " + name + ", which nothing creates");
        else if (key != null && !keys.get().contains(key)) problem(r, "references key " + key + " of Secret " + name + ", which has " + keys.get());
    }

    private Resource requireConfigMap(Resource r, String name, String key) {
        Resource cm = rendered.find("ConfigMap", name);
        if (cm == null) problem(r, "references ConfigMap " + name + ", which nothing creates");
        else if (key != null && !cm.body().path("data").has(key)) problem(r, "references key " + key + " of ConfigMap " + name + ", which it lacks");
        return cm;
    }

    private List<Resource> selected(JsonNode matchLabels) {
        List<Resource> out = new ArrayList<>();
        for (Resource w : rendered.resources()) {
            if (!WORKLOADS.contains(w.kind())) continue;
            JsonNode labels = w.body().path("spec").path("template").path("metadata").path("labels");
            boolean all = matchLabels.size() > 0;
            for (var it = matchLabels.fields(); it.hasNext(); ) {
                var e = it.next();
                all &= e.getValue().equals(labels.get(e.getKey()));
            }
            if (all) out.add(w);
        }
        return out;
    }

    private void checkService(Resource r) {
        List<Resource> targets = selected(r.body().path("spec").path("selector"));
        if (targets.isEmpty()) { problem(r, "its selector matches no workload"); return; }
        for (JsonNode p : r.body().path("spec").path("ports")) {
            JsonNode target = p.has("targetPort") ? p.get("targetPort") : p.get("port");
            for (Resource t : targets) {
                boolean found = false;
                for (JsonNode c : t.body().path("spec").path("template").path("spec").path("containers")) {
                    Integer resolved = resolvePort(c, target);
                    if (resolved != null) for (JsonNode cp : c.path("ports")) found |= cp.path("containerPort").asInt() == resolved;
                }
                if (!found) problem(r, "targetPort " + target.asText() + " is not a port of " + t.id());
            }
        }
    }

    private void checkPdb(Resource r) {
        List<Resource> targets = selected(r.body().path("spec").path("selector").path("matchLabels"));
        if (targets.isEmpty()) problem(r, "its selector matches no workload");
        JsonNode min = r.body().path("spec").path("minAvailable");
        for (Resource t : targets) {
            JsonNode replicas = t.body().path("spec").path("replicas");
            if (min.isInt() && min.asInt() >= replicas.asInt(1))
                problem(r, "minAvailable " + min.asInt() + " with " + replicas.asInt(1) + " replica(s) of " + t.id() + " blocks every node drain");
        }
    }

    // ---------------------------------------------------------------- Kafka

    private String clusterOf(Resource r) {
        String cluster = Yamls.text(r.body(), "metadata", "labels", "strimzi.io/cluster");
        if (cluster == null || rendered.find("Kafka", cluster) == null) problem(r, "label strimzi.io/cluster names no Kafka resource: " + cluster);
        return cluster;
    }

    private void checkTopics() {
        List<TopicSpec> deployed = new ArrayList<>();
        for (Resource t : rendered.ofKind("KafkaTopic")) {
            clusterOf(t);
            JsonNode spec = t.body().path("spec");
            JsonNode cfg = spec.path("config");
            deployed.add(new TopicSpec(spec.path("topicName").asText(t.name()), spec.path("partitions").asInt(-1),
                    "compact".equals(cfg.path("cleanup.policy").asText()),
                    cfg.has("retention.ms") ? cfg.get("retention.ms").asLong() : 604_800_000L,
                    cfg.has("max.message.bytes") ? cfg.get("max.message.bytes").asInt() : 1_048_588));
        }
        problems.addAll(TopicContracts.compare(where + ": KafkaTopic resources", deployed));

        for (Resource k : rendered.ofKind("Kafka")) {
            int brokers = 0;
            for (Resource pool : rendered.ofKind("KafkaNodePool")) {
                if (k.name().equals(clusterOf(pool))) {
                    for (JsonNode role : pool.body().path("spec").path("roles")) {
                        if (role.asText().equals("broker")) brokers += pool.body().path("spec").path("replicas").asInt();
                    }
                }
            }
            if (brokers == 0) problem(k, "no KafkaNodePool with the broker role");
            JsonNode cfg = k.body().path("spec").path("kafka").path("config");
            int rf = cfg.path("default.replication.factor").asInt(1);
            if (rf > brokers) problem(k, "default.replication.factor " + rf + " exceeds the " + brokers + " broker(s)");
            if (cfg.path("min.insync.replicas").asInt(1) > rf) problem(k, "min.insync.replicas exceeds default.replication.factor");
            if (cfg.path("offsets.topic.replication.factor").asInt(3) > brokers) problem(k, "offsets.topic.replication.factor exceeds the " + brokers + " broker(s)");
        }
    }

    /** A user's effective permissions: operation -> topic (literal ACLs) and group ACLs as written. */
    private record Acls(Map<String, Set<String>> topics, List<JsonNode> groups) {
        boolean allowsGroup(String group, String op) {
            for (JsonNode g : groups) {
                String name = g.path("resource").path("name").asText();
                boolean match = g.path("resource").path("patternType").asText("literal").equals("prefix") ? group.startsWith(name) : group.equals(name);
                boolean opOk = false;
                for (JsonNode o : g.path("operations")) opOk |= o.asText().equals(op) || o.asText().equals("All");
                if (match && opOk) return true;
            }
            return false;
        }
    }

    private Acls acls(Resource user) {
        Map<String, Set<String>> topics = new LinkedHashMap<>();
        List<JsonNode> groups = new ArrayList<>();
        for (JsonNode acl : user.body().path("spec").path("authorization").path("acls")) {
            JsonNode res = acl.path("resource");
            String type = res.path("type").asText();
            if (type.equals("group")) { groups.add(acl); continue; }
            if (!type.equals("topic")) continue;
            String topic = res.path("name").asText();
            if (!res.path("patternType").asText("literal").equals("literal")) problem(user, "topic ACL on a prefix or wildcard: " + topic);
            if (Topics.ALL.stream().noneMatch(t -> t.name().equals(topic))) problem(user, "ACL for topic " + topic + ", which is not in Topics.ALL");
            for (JsonNode op : acl.path("operations")) topics.computeIfAbsent(op.asText(), o -> new TreeSet<>()).add(topic);
        }
        return new Acls(topics, groups);
    }

    private void checkUsers() {
        rendered.ofKind("KafkaUser").forEach(this::clusterOf);
        for (Resource d : rendered.ofKind("Deployment")) {
            for (JsonNode c : d.body().path("spec").path("template").path("spec").path("containers")) {
                String moduleName = ComposeChecker.imageModule(c.path("image").asText(""));
                ServiceModule m = moduleName == null ? null : modules.get(moduleName);
                if (m == null || !m.talksToKafka()) continue;
                String userName = null;
                for (JsonNode e : c.path("env")) {
                    if (e.path("name").asText().equals("KAFKA_SASL_JAAS_CONFIG")) userName = e.path("valueFrom").path("secretKeyRef").path("name").asText(null);
                }
                Resource user = userName == null ? null : rendered.find("KafkaUser", userName);
                if (user == null) { problem(d, "gets no KafkaUser's credentials (KAFKA_SASL_JAAS_CONFIG from Secret <user>/sasl.jaas.config)"); continue; }
                Acls acls = acls(user);
                Map<String, Set<String>> want = ACCESS.getOrDefault(m.name(), Map.of("Read", Set.of(), "Write", Set.of()));
                for (String op : List.of("Read", "Write")) {
                    Set<String> got = acls.topics().getOrDefault(op, Set.of());
                    if (!got.equals(new TreeSet<>(want.get(op)))) problem(user, op + " on " + got + ", but " + m.name() + " needs exactly " + new TreeSet<>(want.get(op)));
                }
                for (ServiceModule.Channel ch : m.incomingChannels()) {
                    if (!acls.topics().getOrDefault("Read", Set.of()).contains(ch.topic())) problem(user, m.name() + " channel " + ch.name() + " reads " + ch.topic() + " without a Read ACL");
                    if (!acls.allowsGroup(ch.group(), "Read")) problem(user, m.name() + " channel " + ch.name() + " consumes as group " + ch.group() + " without a Read ACL on it");
                }
            }
        }
    }

    private void checkScaling() {
        for (Resource so : rendered.ofKind("ScaledObject")) {
            JsonNode spec = so.body().path("spec");
            Resource target = rendered.find(spec.path("scaleTargetRef").path("kind").asText("Deployment"), spec.path("scaleTargetRef").path("name").asText());
            if (target == null) { problem(so, "scaleTargetRef names no workload"); continue; }
            if (target.body().path("spec").has("replicas")) problem(target, "sets spec.replicas although ScaledObject " + so.name() + " owns it (each apply would reset the scale)");
            JsonNode container = target.body().path("spec").path("template").path("spec").path("containers").path(0);
            ServiceModule m = modules.get(String.valueOf(ComposeChecker.imageModule(container.path("image").asText(""))));
            for (JsonNode t : spec.path("triggers")) {
                if (!t.path("type").asText().equals("kafka")) continue;
                JsonNode md = t.path("metadata");
                String topic = md.path("topic").asText();
                Optional<TopicSpec> ts = Topics.ALL.stream().filter(x -> x.name().equals(topic)).findFirst();
                if (ts.isEmpty()) { problem(so, "kafka trigger on topic " + topic + ", which is not in Topics.ALL"); continue; }
                int max = spec.path("maxReplicaCount").asInt(100);
                if (max != ts.get().partitions()) problem(so, "maxReplicaCount " + max + " differs from the " + ts.get().partitions() + " partitions of " + topic);
                if (spec.path("minReplicaCount").asInt(0) > max) problem(so, "minReplicaCount exceeds maxReplicaCount");
                if (m != null) {
                    String group = md.path("consumerGroup").asText();
                    boolean consumes = m.incomingChannels().stream().anyMatch(ch -> ch.topic().equals(topic) && ch.group().equals(group));
                    if (!consumes) problem(so, "consumerGroup " + group + " on " + topic + " is not a group " + m.name() + " consumes with " + m.incomingChannels());
                    String bootstrap = envOf(target, container, "KAFKA_BOOTSTRAP_SERVERS");
                    if (bootstrap != null && !bootstrap.equals(md.path("bootstrapServers").asText()))
                        problem(so, "bootstrapServers " + md.path("bootstrapServers").asText() + " differs from the service's " + bootstrap);
                }
                checkTriggerAuth(so, t, topic, md.path("consumerGroup").asText());
            }
        }
    }

    private void checkTriggerAuth(Resource so, JsonNode trigger, String topic, String group) {
        String name = trigger.path("authenticationRef").path("name").asText(null);
        if (name == null) return;
        Resource ta = rendered.find("TriggerAuthentication", name);
        if (ta == null) { problem(so, "authenticationRef names no TriggerAuthentication: " + name); return; }
        String username = null;
        for (JsonNode ref : ta.body().path("spec").path("secretTargetRef")) {
            String secret = ref.path("name").asText();
            String key = ref.path("key").asText();
            requireSecret(ta, secret, key);
            Resource s = rendered.find("Secret", secret);
            if (ref.path("parameter").asText().equals("username") && s != null && s.body().path("data").has(key)) {
                username = new String(Base64.getDecoder().decode(s.body().path("data").path(key).asText()), StandardCharsets.UTF_8);
            }
        }
        if (username == null) return;
        Resource user = rendered.find("KafkaUser", username);
        if (user == null) { problem(ta, "logs in as " + username + ", which is no KafkaUser"); return; }
        Acls acls = acls(user);
        Set<String> described = new HashSet<>();
        acls.topics().forEach((op, topics) -> { if (Set.of("Describe", "Read", "All").contains(op)) described.addAll(topics); });
        if (!described.contains(topic)) problem(user, "KEDA reads the offsets of " + topic + " but may not Describe it");
        if (!acls.allowsGroup(group, "Describe") && !acls.allowsGroup(group, "Read")) problem(user, "KEDA reads group " + group + "'s offsets but may not Describe it");
    }

    private String envOf(Resource workload, JsonNode container, String name) {
        for (JsonNode e : container.path("env")) if (e.path("name").asText().equals(name) && e.has("value")) return e.path("value").asText();
        for (JsonNode from : container.path("envFrom")) {
            Resource cm = rendered.find("ConfigMap", from.path("configMapRef").path("name").asText(""));
            if (cm != null && cm.body().path("data").has(name)) return cm.body().path("data").path(name).asText();
        }
        return null;
    }

    // ---------------------------------------------------------------- NetworkPolicy

    /** What a network-policy peer is, by the labels it selects. */
    private String classify(JsonNode peer, JsonNode ports) {
        JsonNode pod = peer.path("podSelector").path("matchLabels");
        for (JsonNode p : ports) if (p.path("port").asInt() == 53) return "dns";
        if (pod.has("strimzi.io/cluster")) {
            if (rendered.find("Kafka", pod.path("strimzi.io/cluster").asText()) == null) return "unknown Kafka cluster " + pod.path("strimzi.io/cluster").asText();
            return "kafka";
        }
        String app = pod.path("app.kubernetes.io/name").asText("");
        if (peer.has("namespaceSelector") || peer.has("ipBlock")) return "outside the namespace " + peer;
        if (app.equals("mongodb") || app.equals("minio")) {
            if (selected(pod).isEmpty()) return "no workload labelled " + app;
            return app.equals("mongodb") ? "mongodb" : "s3";
        }
        return "unclassified peer " + peer;
    }

    private void checkNetworkPolicies() {
        List<Resource> policies = rendered.ofKind("NetworkPolicy");
        for (Resource d : rendered.ofKind("Deployment")) {
            JsonNode labels = d.body().path("spec").path("template").path("metadata").path("labels");
            String image = d.body().path("spec").path("template").path("spec").path("containers").path(0).path("image").asText("");
            ServiceModule m = modules.get(String.valueOf(ComposeChecker.imageModule(image)));
            if (m == null) continue;
            Set<String> allowed = new TreeSet<>();
            boolean egressRestricted = false;
            for (Resource p : policies) {
                JsonNode sel = p.body().path("spec").path("podSelector").path("matchLabels");
                boolean applies = true;
                for (var it = sel.fields(); it.hasNext(); ) {
                    var e = it.next();
                    applies &= e.getValue().equals(labels.get(e.getKey()));
                }
                if (!applies) continue;
                for (JsonNode t : p.body().path("spec").path("policyTypes")) egressRestricted |= t.asText().equals("Egress");
                for (JsonNode rule : p.body().path("spec").path("egress")) {
                    if (!rule.has("to") || rule.path("to").isEmpty()) { problem(p, "an egress rule without 'to' lets " + m.name() + " reach anything"); continue; }
                    if (!rule.has("ports") || rule.path("ports").isEmpty()) problem(p, "an egress rule without ports");
                    for (JsonNode peer : rule.path("to")) allowed.add(classify(peer, rule.path("ports")));
                }
            }
            if (!egressRestricted) { problem(d, "no NetworkPolicy restricts its egress"); continue; }
            Set<String> needed = new TreeSet<>(Set.of("dns"));
            if (m.talksToKafka()) needed.add("kafka");
            if (m.talksToMongo()) needed.add("mongodb");
            if (m.talksToS3()) needed.add("s3");
            for (String n : needed) if (!allowed.contains(n)) problem(d, m.name() + " needs " + n + " but its NetworkPolicy does not allow it");
            for (String a : allowed) if (!needed.contains(a)) problem(d, m.name() + " does not use " + a + " but its NetworkPolicy allows it");
        }
    }
}
