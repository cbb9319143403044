package dev.reportflow.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a kustomization the way {@code kubectl kustomize} does, for the subset of Kustomize this
 * repository uses: resources (files and directories), namespace, labels (metadata only),
 * configMapGenerator / secretGenerator (literals, envs, files; behavior create or merge) with
 * {@code disableNameSuffixHash}, strategic-merge patches, and images. Anything else is refused
 * rather than silently ignored, so the rendering the tests check is the one a cluster would get.
 *
 * <p>One deliberate difference: a generator's {@code x.env} that does not exist is read from the
 * committed {@code x.env.example} (the real files hold credentials and are git-ignored); the
 * substitutions are listed in {@link Rendered#examplesUsed()}.
 */
final class Kustomize {
    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "namespace", "resources", "labels",
            "generatorOptions", "configMapGenerator", "secretGenerator", "patches", "images");

    /** Kinds that are not namespaced, among those we use. */
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "CustomResourceDefinition", "ClusterRole",
            "ClusterRoleBinding", "StorageClass", "PersistentVolume");

    /** Built-in list fields merged item by item on a key (as in the Kubernetes OpenAPI patch metadata). */
    private static final Map<String, String> MERGE_KEYS = Map.of(
            "containers", "name", "initContainers", "name", "env", "name", "volumes", "name",
            "volumeMounts", "mountPath", "imagePullSecrets", "name");

    record Resource(ObjectNode body, String origin, boolean generated) {
        String kind() { return Yamls.text(body, "kind"); }
        String name() { return Yamls.text(body, "metadata", "name"); }
        String apiVersion() { return Yamls.text(body, "apiVersion"); }
        String id() { return kind() + "/" + name(); }
    }

    record Rendered(List<Resource> resources, List<Path> examplesUsed) {
        List<Resource> ofKind(String kind) {
            return resources.stream().filter(r -> kind.equals(r.kind())).toList();
        }

        Resource find(String kind, String name) {
            return resources.stream().filter(r -> kind.equals(r.kind()) && name.equals(r.name())).findFirst().orElse(null);
        }
    }

    private Kustomize() {}

    static Rendered render(Path dir) {
        List<Path> examples = new ArrayList<>();
        List<Resource> out = render(dir.toAbsolutePath().normalize(), examples);
        return new Rendered(out, examples);
    }

    private static List<Resource> render(Path dir, List<Path> examples) {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException(dir + ": no kustomization.yaml");
        ObjectNode k = Yamls.loadOne(file);
        for (Iterator<String> it = k.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!SUPPORTED.contains(f)) throw new IllegalArgumentException(file + ": unsupported kustomization field '" + f + "'");
        }
        List<Resource> resources = new ArrayList<>();
        for (JsonNode r : Yamls.each(k, "resources")) {
            Path p = dir.resolve(r.asText()).normalize();
            if (Files.isDirectory(p)) {
                resources.addAll(render(p, examples));
            } else if (Files.isRegularFile(p)) {
                for (ObjectNode doc : Yamls.load(p)) resources.add(new Resource(doc, dir.relativize(p).toString(), false));
            } else {
                throw new IllegalArgumentException(file + ": resource not found: " + r.asText());
            }
        }
        boolean noHash = k.path("generatorOptions").path("disableNameSuffixHash").asBoolean(false);
        if ((k.has("configMapGenerator") || k.has("secretGenerator")) && !noHash) {
            // Name hashes would need every reference rewritten; we keep names stable instead.
            throw new IllegalArgumentException(file + ": generators need generatorOptions.disableNameSuffixHash: true");
        }
        for (JsonNode g : Yamls.each(k, "configMapGenerator")) generate(dir, g, "ConfigMap", resources, examples);
        for (JsonNode g : Yamls.each(k, "secretGenerator")) generate(dir, g, "Secret", resources, examples);

        for (JsonNode p : Yamls.each(k, "patches")) {
            if (!p.has("path") || p.size() > 1) throw new IllegalArgumentException(file + ": only 'patches: - path:' is supported");
            Path pf = dir.resolve(p.get("path").asText());
            for (ObjectNode patch : Yamls.load(pf)) {
                String kind = Yamls.text(patch, "kind");
                String name = Yamls.text(patch, "metadata", "name");
                Resource target = resources.stream().filter(r -> kind.equals(r.kind()) && name.equals(r.name()))
                        .findFirst().orElseThrow(() -> new IllegalArgumentException(pf + ": patch target " + kind + "/" + name + " not found"));
                merge(target.body(), patch, isBuiltIn(target.apiVersion()));
            }
        }
        for (JsonNode img : Yamls.each(k, "images")) {
            for (Resource r : resources) setImages(r.body(), img);
        }
        for (JsonNode l : Yamls.each(k, "labels")) {
            if (l.path("includeSelectors").asBoolean(false) || l.path("includeTemplates").asBoolean(false)) {
                throw new IllegalArgumentException(file + ": labels with includeSelectors/includeTemplates are not supported");
            }
            for (Resource r : resources) {
                ObjectNode labels = r.body().with("metadata").with("labels");
                l.path("pairs").fields().forEachRemaining(e -> labels.set(e.getKey(), e.getValue()));
            }
        }
        if (k.hasNonNull("namespace")) {
            String ns = k.get("namespace").asText();
            for (Resource r : resources) {
                if (!CLUSTER_SCOPED.contains(r.kind())) r.body().with("metadata").put("namespace", ns);
            }
        }
        return resources;
    }

    private static boolean isBuiltIn(String apiVersion) {
        return apiVersion != null && (!apiVersion.contains("/") || apiVersion.endsWith(".k8s.io/v1")
                || apiVersion.startsWith("apps/") || apiVersion.startsWith("batch/") || apiVersion.startsWith("policy/")
                || apiVersion.startsWith("autoscaling/"));
    }

    private static void generate(Path dir, JsonNode g, String kind, List<Resource> resources, List<Path> examples) {
        String name = g.path("name").asText(null);
        if (name == null) throw new IllegalArgumentException(dir + ": " + kind + " generator without a name");
        Map<String, String> data = new LinkedHashMap<>();
        for (JsonNode lit : Yamls.each(g, "literals")) put(data, lit.asText(), dir + " literal");
        for (JsonNode env : Yamls.each(g, "envs")) {
            Path p = dir.resolve(env.asText());
            if (!Files.isRegularFile(p)) {
                Path example = p.resolveSibling(p.getFileName() + ".example");
                if (!Files.isRegularFile(example)) throw new IllegalArgumentException(dir + ": env file not found: " + p);
                examples.add(example);
                p = example;
            }
            for (String line : ServiceModule.read(p).split("\n")) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) put(data, t, p.toString());
            }
        }
        for (JsonNode f : Yamls.each(g, "files")) {
            String spec = f.asText();
            int eq = spec.indexOf('=');
            Path p = dir.resolve(eq < 0 ? spec : spec.substring(eq + 1));
            data.put(eq < 0 ? p.getFileName().toString() : spec.substring(0, eq), ServiceModule.read(p));
        }
        for (Iterator<String> it = g.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!Set.of("name", "literals", "envs", "files", "behavior", "type").contains(f)) {
                throw new IllegalArgumentException(dir + ": unsupported generator field '" + f + "'");
            }
        }
        String behavior = g.path("behavior").asText("create");
        Resource existing = resources.stream().filter(r -> kind.equals(r.kind()) && name.equals(r.name())).findFirst().orElse(null);
        if (behavior.equals("create") && existing != null) throw new IllegalArgumentException(dir + ": " + kind + " " + name + " already exists");
        if (!behavior.equals("create") && existing == null) throw new IllegalArgumentException(dir + ": no " + kind + " " + name + " to " + behavior);
        ObjectNode body;
        if (existing != null) {
            body = existing.body();
            if (behavior.equals("replace")) body.remove("data");
        } else {
            body = Yamls.JSON.createObjectNode();
            body.put("apiVersion", "v1").put("kind", kind);
            body.putObject("metadata").put("name", name);
            if (kind.equals("Secret")) body.put("type", g.path("type").asText("Opaque"));
            resources.add(new Resource(body, dir.getFileName() + " " + kind.toLowerCase() + "Generator", true));
        }
        ObjectNode d = body.with("data");
        data.forEach((key, v) -> d.put(key, kind.equals("Secret")
                ? Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8)) : v));
    }

    private static void put(Map<String, String> data, String kv, String where) {
        int eq = kv.indexOf('=');
        if (eq <= 0) throw new IllegalArgumentException(where + ": not KEY=VALUE: " + kv);
        String v = kv.substring(eq + 1);
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            v = v.substring(1, v.length() - 1);
        }
        data.put(kv.substring(0, eq), v);
    }

    /** Strategic merge: maps recursively; keyed lists of built-in kinds item by item; other lists replaced. */
    static void merge(ObjectNode target, ObjectNode patch, boolean builtIn) {
        patch.fields().forEachRemaining(e -> {
            String f = e.getKey();
            JsonNode pv = e.getValue();
            JsonNode tv = target.get(f);
            if (pv.isNull()) {
                target.remove(f);
            } else if (pv.isObject() && tv != null && tv.isObject()) {
                merge((ObjectNode) tv, (ObjectNode) pv, builtIn);
            } else if (pv.isArray() && tv != null && tv.isArray() && builtIn && MERGE_KEYS.containsKey(f)) {
                String key = MERGE_KEYS.get(f);
                for (JsonNode item : pv) {
                    ObjectNode match = null;
                    for (JsonNode t : tv) {
                        if (t.path(key).equals(item.path(key))) match = (ObjectNode) t;
                    }
                    if (match != null) merge(match, (ObjectNode) item, builtIn);
                    else ((ArrayNode) tv).add(item.deepCopy());
                }
            } else {
                target.set(f, pv.deepCopy());
            }
        });
    }

    private static void setImages(JsonNode node, JsonNode img) {
        if (node.isObject()) {
            for (String list : List.of("containers", "initContainers")) {
                for (JsonNode c : node.path(list)) {
                    String image = c.path("image").asText(null);
                    if (image == null) continue;
                    String repo = repository(image);
                    if (!repo.equals(img.path("name").asText())) continue;
                    String tag = image.substring(repo.length());
                    String newName = img.path("newName").asText(repo);
                    String newTag = img.has("newTag") ? ":" + img.get("newTag").asText() : tag;
                    ((ObjectNode) c).put("image", newName + newTag);
                }
            }
            node.elements().forEachRemaining(child -> setImages(child, img));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> setImages(child, img));
        }
    }

    /** The image reference without its tag or digest. */
    static String repository(String image) {
        int at = image.indexOf('@');
        String s = at >= 0 ? image.substring(0, at) : image;
        int colon = s.lastIndexOf(':');
        return colon > s.lastIndexOf('/') ? s.substring(0, colon) : s;
    }
}
