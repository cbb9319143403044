package dev.reportflow.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.reportflow.events.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a compose file: the compose-spec JSON Schema (after interpolation, as {@code docker
 * compose config} does), then what the schema cannot know — images and build contexts that match
 * modules, environment variables the services read, health checks on paths and ports they serve,
 * depends_on conditions the targets can satisfy, and topics created as {@code Topics.ALL} says.
 */
final class ComposeChecker {
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");
    private static final Pattern TCP_PROBE = Pattern.compile("/dev/tcp/[^/\\s]+/(\\d+).*?GET (\\S+)");
    private static final Pattern URL_PROBE = Pattern.compile("https?://[^/:\\s]+:(\\d+)(/[^\\s'\"]*)");

    private final Path root;
    private final Map<String, ServiceModule> modules;
    private final List<String> problems = new ArrayList<>();
    private boolean topicsCreated;

    private ComposeChecker(Path root, Map<String, ServiceModule> modules) {
        this.root = root;
        this.modules = modules;
    }

    static List<String> check(Path root, Map<String, ServiceModule> modules, Path composeFile) {
        return check(root, modules, ServiceModule.read(composeFile), composeFile.getFileName().toString());
    }

    static List<String> check(Path root, Map<String, ServiceModule> modules, String yaml, String origin) {
        ComposeChecker c = new ComposeChecker(root, modules);
        List<ObjectNode> docs;
        try {
            docs = Yamls.parse(yaml, origin);
        } catch (IllegalArgumentException e) {
            return List.of(e.getMessage());
        }
        if (docs.size() != 1) return List.of(origin + ": expected one YAML document");
        ObjectNode doc = (ObjectNode) interpolate(docs.get(0));
        Schemas.validate("compose-spec/compose-spec.json", doc).forEach(m -> c.problems.add(origin + ": schema: " + m));
        c.checkServices(doc);
        return c.problems;
    }

    /** ${VAR:-default} and friends with an empty environment: what `docker compose config` shows on a fresh machine. */
    static JsonNode interpolate(JsonNode node) {
        if (node.isTextual()) {
            Matcher m = INTERPOLATION.matcher(node.asText());
            StringBuilder b = new StringBuilder();
            while (m.find()) {
                String rep = m.group().equals("$$") ? "$" : m.group(3) != null && m.group(2).endsWith("-") ? m.group(3) : "";
                m.appendReplacement(b, Matcher.quoteReplacement(rep));
            }
            m.appendTail(b);
            return new TextNode(b.toString());
        }
        if (node.isObject()) {
            ObjectNode o = Yamls.JSON.createObjectNode();
            node.fields().forEachRemaining(e -> o.set(e.getKey(), interpolate(e.getValue())));
            return o;
        }
        if (node.isArray()) {
            var a = Yamls.JSON.createArrayNode();
            node.forEach(n -> a.add(interpolate(n)));
            return a;
        }
        return node;
    }

    private void checkServices(ObjectNode doc) {
        JsonNode services = doc.path("services");
        Map<String, String> bucketBySource = new LinkedHashMap<>();
        services.fields().forEachRemaining(e -> {
            String svc = e.getKey();
            JsonNode s = e.getValue();
            Map<String, String> env = environment(s.path("environment"));
            Optional<ServiceModule> module = moduleOf(svc, s);

            module.ifPresent(m -> {
                env.keySet().forEach(name -> {
                    if (m.whyRead(name).isEmpty()) problems.add("service " + svc + ": environment variable " + name + " is read by no setting of " + m.name());
                });
                checkHealthcheck(svc, s, m, env);
                checkPorts(svc, s, m, env);
                if (m.whyRead("S3_BUCKET").isPresent()) bucketBySource.put(svc, m.effectiveEnv("S3_BUCKET", env));
            });

            s.path("depends_on").fields().forEachRemaining(d -> {
                JsonNode target = services.get(d.getKey());
                if (target == null) {
                    problems.add("service " + svc + ": depends_on unknown service " + d.getKey());
                    return;
                }
                String cond = d.getValue().path("condition").asText("service_started");
                if (cond.equals("service_healthy") && !target.has("healthcheck"))
                    problems.add("service " + svc + ": waits for " + d.getKey() + " to be healthy, but it has no healthcheck");
                if (cond.equals("service_completed_successfully") && !"no".equals(target.path("restart").asText("no")))
                    problems.add("service " + svc + ": waits for " + d.getKey() + " to complete, but it restarts");
            });
            for (JsonNode d : Yamls.each(s, "depends_on")) {
                if (!services.has(d.asText())) problems.add("service " + svc + ": depends_on unknown service " + d.asText());
            }

            for (JsonNode v : Yamls.each(s, "volumes")) {
                String src = v.isTextual() ? v.asText().split(":")[0] : v.path("source").asText("");
                if (src.isEmpty()) continue;
                if (src.startsWith(".") || src.startsWith("/")) {
                    if (!Files.exists(root.resolve(src).normalize())) problems.add("service " + svc + ": bind-mounted path does not exist: " + src);
                    if (src.endsWith("kafka-init.sh")) checkTopicScript(svc, root.resolve(src).normalize());
                } else if (!doc.path("volumes").has(src)) {
                    problems.add("service " + svc + ": named volume " + src + " is not declared under volumes");
                }
            }

            env.forEach((k, v) -> {
                if (k.startsWith("MINIO_NOTIFY_KAFKA_TOPIC") && !Topics.BUCKET_NOTIFICATIONS.equals(v))
                    problems.add("service " + svc + ": MinIO notifications go to " + v + ", ingest-service reads " + Topics.BUCKET_NOTIFICATIONS);
                if (k.equals("S3_BUCKET") && module.isEmpty()) bucketBySource.put(svc, v);
            });
        });
        if (!topicsCreated) problems.add("no service runs a kafka-init.sh that creates the topics of Topics.ALL");
        if (bucketBySource.values().stream().distinct().count() > 1)
            problems.add("the services disagree on the bucket: " + bucketBySource);
    }

    private Optional<ServiceModule> moduleOf(String svc, JsonNode s) {
        String image = s.path("image").asText(null);
        ServiceModule byImage = null;
        if (image != null) {
            String m = imageModule(image);
            if (m != null) {
                byImage = modules.get(m);
                if (byImage == null) problems.add("service " + svc + ": image " + image + " matches no module with a Dockerfile (" + modules.keySet() + ")");
            }
        }
        JsonNode build = s.get("build");
        if (build != null) {
            String ctx = build.isTextual() ? build.asText() : build.path("context").asText(".");
            Path dir = root.resolve(ctx).normalize();
            ServiceModule byBuild = modules.values().stream().filter(m -> m.dir().normalize().equals(dir)).findFirst().orElse(null);
            String dockerfile = build.path("dockerfile").asText("Dockerfile");
            if (!Files.isRegularFile(dir.resolve(dockerfile))) problems.add("service " + svc + ": build dockerfile not found: " + ctx + "/" + dockerfile);
            if (byBuild == null) {
                problems.add("service " + svc + ": build context " + ctx + " is not a service module");
            } else if (byImage != null && byImage != byBuild) {
                problems.add("service " + svc + ": builds " + byBuild.name() + " but tags it " + image);
            }
            return Optional.ofNullable(byBuild);
        }
        return Optional.ofNullable(byImage);
    }

    /** The module an image is built from: reportflow/NAME, with any registry before it. */
    static String imageModule(String image) {
        String[] parts = Kustomize.repository(image).split("/");
        return parts.length >= 2 && parts[parts.length - 2].equals("reportflow") ? parts[parts.length - 1] : null;
    }

    private void checkHealthcheck(String svc, JsonNode s, ServiceModule m, Map<String, String> env) {
        JsonNode hc = s.get("healthcheck");
        if (hc == null || hc.path("disable").asBoolean(false)) {
            problems.add("service " + svc + ": no healthcheck");
            return;
        }
        String test = hc.path("test").isArray() ? String.join(" ", iterText(hc.path("test"))) : hc.path("test").asText();
        Matcher t = TCP_PROBE.matcher(test);
        Matcher u = URL_PROBE.matcher(test);
        String port, path;
        if (t.find()) { port = t.group(1); path = t.group(2); }
        else if (u.find()) { port = u.group(1); path = u.group(2); }
        else { problems.add("service " + svc + ": healthcheck calls no HTTP path: " + test); return; }
        if (!m.healthPaths().contains(path)) problems.add("service " + svc + ": healthcheck path " + path + " is not served by " + m.name() + " " + m.healthPaths());
        if (Integer.parseInt(port) != m.httpPort(env)) problems.add("service " + svc + ": healthcheck port " + port + " but " + m.name() + " listens on " + m.httpPort(env));
    }

    private void checkPorts(String svc, JsonNode s, ServiceModule m, Map<String, String> env) {
        for (JsonNode p : Yamls.each(s, "ports")) {
            String spec = p.isObject() ? p.path("target").asText() : p.asText();
            String container = spec.substring(spec.lastIndexOf(':') + 1).split("/")[0];
            if (Integer.parseInt(container) != m.httpPort(env))
                problems.add("service " + svc + ": publishes container port " + container + " but " + m.name() + " listens on " + m.httpPort(env));
        }
    }

    private void checkTopicScript(String svc, Path script) {
        topicsCreated = true;
        problems.addAll(TopicContracts.compare("service " + svc + " (" + root.relativize(script) + ")",
                TopicScript.parse(ServiceModule.read(script))));
    }

    static Map<String, String> environment(JsonNode env) {
        Map<String, String> out = new LinkedHashMap<>();
        if (env.isObject()) env.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
        else for (JsonNode kv : env) {
            String s = kv.asText();
            int eq = s.indexOf('=');
            out.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
        }
        return out;
    }

    private static List<String> iterText(JsonNode arr) {
        List<String> out = new ArrayList<>();
        arr.forEach(n -> out.add(n.asText()));
        return out;
    }
}
