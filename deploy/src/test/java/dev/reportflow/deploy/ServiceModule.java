package dev.reportflow.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * What a deployable service module actually reads and serves, taken from its sources: the keys and
 * {@code ${ENV}} references of {@code application.properties}, its dependencies (which decide the
 * health endpoints and which servers it talks to), its HTTP port, and its Kafka channels.
 */
record ServiceModule(String name, Path dir, Map<String, String> properties, Set<String> envReferences,
                     Set<String> dependencies, boolean kafkaDefaultConfigUsed, boolean runJavaImage) {

    private static final Pattern ENV_REF = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?=[:}])");
    private static final Pattern ARTIFACT = Pattern.compile("<artifactId>([^<]+)</artifactId>");
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

    /**
     * Quarkus properties read from the environment whether or not application.properties mentions
     * them (core runtime config), limited to those our manifests may set.
     */
    static final Set<String> QUARKUS_RUNTIME_PROPERTIES = Set.of(
            "quarkus.http.port", "quarkus.http.host", "quarkus.log.level", "quarkus.log.console.json.enabled",
            "quarkus.profile");

    /** Read by run-java.sh, the entrypoint of the ubi9/openjdk runtime images. */
    static final Set<String> RUN_JAVA_ENV = Set.of(
            "JAVA_OPTS", "JAVA_OPTS_APPEND", "JAVA_MAX_MEM_RATIO", "JAVA_INITIAL_MEM_RATIO", "JAVA_MAX_INITIAL_MEM",
            "JAVA_APP_JAR", "JAVA_DEBUG", "JAVA_DEBUG_PORT", "GC_MAX_METASPACE_SIZE", "GC_CONTAINER_OPTIONS");

    /** Every Kafka client setting name: what Quarkus accepts after a {@code KAFKA_} prefix. */
    static final Set<String> KAFKA_CLIENT_CONFIGS;

    static {
        Set<String> s = new LinkedHashSet<>();
        s.addAll(ProducerConfig.configNames());
        s.addAll(ConsumerConfig.configNames());
        s.addAll(AdminClientConfig.configNames());
        KAFKA_CLIENT_CONFIGS = Set.copyOf(s);
    }

    /** The modules listed in the root pom that ship a container image (src/main/docker/Dockerfile.jvm). */
    static Map<String, ServiceModule> discover(Path root) {
        Map<String, ServiceModule> out = new TreeMap<>();
        Matcher m = MODULE.matcher(read(root.resolve("pom.xml")));
        while (m.find()) {
            Path dir = root.resolve(m.group(1).trim());
            if (Files.isRegularFile(dir.resolve("src/main/docker/Dockerfile.jvm"))) {
                ServiceModule s = load(dir);
                out.put(s.name(), s);
            }
        }
        return out;
    }

    static ServiceModule load(Path dir) {
        String name = dir.getFileName().toString();
        Map<String, String> props = new LinkedHashMap<>();
        Path propsFile = dir.resolve("src/main/resources/application.properties");
        if (Files.isRegularFile(propsFile)) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(propsFile)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            new TreeMap<>(p).forEach((k, v) -> props.put((String) k, (String) v));
        }
        Set<String> refs = new LinkedHashSet<>();
        props.values().forEach(v -> {
            Matcher m = ENV_REF.matcher(v);
            while (m.find()) refs.add(m.group(1));
        });
        Set<String> deps = new LinkedHashSet<>();
        Matcher a = ARTIFACT.matcher(read(dir.resolve("pom.xml")));
        while (a.find()) deps.add(a.group(1));
        String dockerfile = read(dir.resolve("src/main/docker/Dockerfile.jvm"));
        return new ServiceModule(name, dir, props, refs, deps, usesKafkaDefaultConfig(dir, props, deps),
                dockerfile.contains("run-java.sh"));
    }

    /**
     * Quarkus folds every {@code kafka.*} property and every {@code KAFKA_*} variable into the
     * "default-kafka-broker" config, which reactive-messaging channels get and code may inject.
     * Plain clients built from {@code kafka.bootstrap.servers} alone never see the rest.
     */
    private static boolean usesKafkaDefaultConfig(Path dir, Map<String, String> props, Set<String> deps) {
        if (!deps.contains("quarkus-messaging-kafka") && !deps.contains("quarkus-kafka-client")) return false;
        if (props.keySet().stream().anyMatch(k -> k.startsWith("mp.messaging."))) return true;
        Path src = dir.resolve("src/main/java");
        if (!Files.isDirectory(src)) return false;
        try (Stream<Path> files = Files.walk(src)) {
            return files.filter(f -> f.toString().endsWith(".java")).map(ServiceModule::read)
                    .anyMatch(s -> s.contains("\"default-kafka-broker\"") || s.contains("@Incoming(")
                            || s.contains("@Outgoing(") || s.contains("@Channel("));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SmallRye Config's environment name for a property: non-alphanumerics to '_', upper case. */
    static String envName(String property) {
        StringBuilder b = new StringBuilder(property.length());
        for (char c : property.toCharArray()) b.append(Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        return b.toString();
    }

    /** Why this module reads environment variable {@code env}, or empty when nothing does. */
    Optional<String> whyRead(String env) {
        if (envReferences.contains(env)) return Optional.of("referenced as ${" + env + "} in application.properties");
        for (String key : properties.keySet()) {
            String k = key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key;
            if (envName(k).equals(env)) return Optional.of("overrides " + k + " from application.properties");
        }
        for (String p : QUARKUS_RUNTIME_PROPERTIES) {
            if (envName(p).equals(env)) return Optional.of("Quarkus runtime property " + p);
        }
        if (env.startsWith("KAFKA_") && kafkaDefaultConfigUsed) {
            String client = env.substring("KAFKA_".length()).toLowerCase().replace('_', '.');
            if (KAFKA_CLIENT_CONFIGS.contains(client)) return Optional.of("Kafka client setting " + client);
        }
        if (runJavaImage && RUN_JAVA_ENV.contains(env)) return Optional.of("read by run-java.sh in the image");
        return Optional.empty();
    }

    /** The HTTP port: quarkus.http.port (its ${ENV:default} default), else Quarkus's 8080. */
    int httpPort() {
        return Integer.parseInt(defaultOf(properties.getOrDefault("quarkus.http.port", "8080")));
    }

    int httpPort(Map<String, String> env) {
        String v = env.get("QUARKUS_HTTP_PORT");
        return v != null ? Integer.parseInt(v) : httpPort();
    }

    /** The paths quarkus-smallrye-health serves (none without the extension). */
    Set<String> healthPaths() {
        if (!dependencies.contains("quarkus-smallrye-health")) return Set.of();
        String nonApp = trimSlashes(properties.getOrDefault("quarkus.http.non-application-root-path", "q"));
        String root = properties.getOrDefault("quarkus.smallrye-health.root-path", "health");
        String base = root.startsWith("/") ? trimSlashes(root) : nonApp + "/" + trimSlashes(root);
        Set<String> paths = new LinkedHashSet<>();
        paths.add("/" + base);
        for (String[] sub : new String[][] {{"liveness-path", "live"}, {"readiness-path", "ready"},
                {"startup-path", "started"}}) {
            String p = properties.getOrDefault("quarkus.smallrye-health." + sub[0], sub[1]);
            paths.add(p.startsWith("/") ? p : "/" + base + "/" + p);
        }
        return paths;
    }

    boolean talksToKafka() {
        return dependencies.contains("quarkus-messaging-kafka") || dependencies.contains("quarkus-kafka-client")
                || dependencies.contains("kafka-clients");
    }

    boolean talksToMongo() {
        return dependencies.contains("quarkus-mongodb-client") || dependencies.contains("mongodb-driver-sync");
    }

    boolean talksToS3() {
        return dependencies.contains("s3") || dependencies.contains("quarkus-amazon-s3");
    }

    /** Incoming Kafka channels: topics and consumer group, with ${ENV:default}s at their defaults. */
    List<Channel> incomingChannels() {
        List<Channel> out = new ArrayList<>();
        Pattern p = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.connector");
        for (String key : properties.keySet()) {
            Matcher m = p.matcher(key);
            if (!m.matches() || !"smallrye-kafka".equals(properties.get(key))) continue;
            String ch = m.group(1);
            String prefix = "mp.messaging.incoming." + ch + ".";
            String topics = properties.containsKey(prefix + "topics") ? resolved(prefix + "topics")
                    : properties.containsKey(prefix + "topic") ? resolved(prefix + "topic") : ch;
            String group = properties.containsKey(prefix + "group.id") ? resolved(prefix + "group.id")
                    : properties.containsKey("kafka.group.id") ? resolved("kafka.group.id")
                    : properties.getOrDefault("quarkus.application.name", name);
            for (String t : topics.split(",")) out.add(new Channel(ch, t.strip(), group));
        }
        return out;
    }

    /** One topic a channel consumes, and the consumer group it consumes it with. */
    record Channel(String name, String topic, String group) {}

    /** A property's value with ${other.property} expanded and ${ENV:default} at its default. */
    String resolved(String property) {
        String v = properties.getOrDefault(property, "");
        for (int depth = 0; depth < 5 && v.contains("${"); depth++) {
            Matcher m = Pattern.compile("\\$\\{([a-z][^:}]*)}").matcher(v);
            StringBuilder b = new StringBuilder();
            while (m.find()) m.appendReplacement(b, Matcher.quoteReplacement(properties.getOrDefault(m.group(1), "")));
            m.appendTail(b);
            v = defaultOf(b.toString());
        }
        return v;
    }

    /** A property value with ${ENV:default} replaced by the default. */
    static String defaultOf(String value) {
        Matcher m = Pattern.compile("\\$\\{[^:}]+:([^}]*)}").matcher(value);
        StringBuilder b = new StringBuilder();
        while (m.find()) m.appendReplacement(b, Matcher.quoteReplacement(m.group(1)));
        m.appendTail(b);
        return b.toString();
    }

    /** The value this module uses for environment variable {@code name}: the environment's, else its default here. */
    String effectiveEnv(String name, Map<String, String> env) {
        if (env.containsKey(name)) return env.get(name);
        Matcher m = Pattern.compile("\\$\\{" + Pattern.quote(name) + ":([^}]*)}").matcher(String.join("\n", properties.values()));
        return m.find() ? m.group(1) : null;
    }

    /** The effective value of a property whose default the environment may override. */
    String effective(String property, Map<String, String> env) {
        String raw = properties.get(property);
        if (raw == null) return env.get(envName(property));
        Matcher m = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}").matcher(raw);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String v = env.getOrDefault(m.group(1), m.group(2) == null ? "" : m.group(2));
            m.appendReplacement(b, Matcher.quoteReplacement(v));
        }
        m.appendTail(b);
        return env.getOrDefault(envName(property), b.toString());
    }

    private static String trimSlashes(String s) {
        return s.replaceAll("^/+|/+$", "");
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
