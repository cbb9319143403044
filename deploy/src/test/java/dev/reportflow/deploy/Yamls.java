package dev.reportflow.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads YAML the way kubectl and docker compose do: several documents per file, anchors and merge
 * keys ({@code <<: *x}) resolved. Duplicate keys are an error (both tools reject them, and a
 * silently dropped key is exactly the kind of drift these tests exist to catch).
 */
final class Yamls {
    static final ObjectMapper JSON = new ObjectMapper();

    private Yamls() {}

    static List<ObjectNode> load(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode loadOne(Path file) {
        List<ObjectNode> docs = load(file);
        if (docs.size() != 1) throw new IllegalArgumentException(file + ": expected one YAML document, found " + docs.size());
        return docs.get(0);
    }

    static List<ObjectNode> parse(String yaml, String origin) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(100);
        Yaml parser = new Yaml(new SafeConstructor(options));
        List<ObjectNode> out = new ArrayList<>();
        try {
            for (Object doc : parser.loadAll(yaml)) {
                if (doc == null) continue;
                JsonNode node = JSON.valueToTree(doc);
                if (!(node instanceof ObjectNode o)) throw new IllegalArgumentException(origin + ": a document is not a mapping");
                out.add(o);
            }
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException) throw e;
            throw new IllegalArgumentException(origin + ": not valid YAML: " + e.getMessage(), e);
        }
        return out;
    }

    static String text(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        return n == null || n.isNull() || n.isMissingNode() ? null : n.asText();
    }

    static JsonNode at(JsonNode node, String... path) {
        JsonNode n = node;
        for (String p : path) {
            if (n == null) return null;
            n = n.get(p);
        }
        return n;
    }

    static Iterable<JsonNode> each(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        return n == null || !n.isArray() ? List.of() : n;
    }
}
