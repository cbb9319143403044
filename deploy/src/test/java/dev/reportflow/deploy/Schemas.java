package dev.reportflow.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** JSON Schemas shipped under src/test/resources/schemas, validated with networknt json-schema-validator. */
final class Schemas {
    private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

    private Schemas() {}

    static List<String> validate(String resource, JsonNode doc) {
        JsonSchema schema = CACHE.computeIfAbsent(resource, Schemas::load);
        return schema.validate(doc).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /**
     * The compose-spec schema still carries draft-04 style {@code "id": "#/properties/..."} labels
     * next to its 2019-09 {@code $schema}; they identify nothing and the validator rejects them.
     * Only string-valued "id" keys go (a property named id would have an object value).
     */
    private static void dropLegacyIds(JsonNode node) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
            if (o.path("id").isTextual()) o.remove("id");
            o.elements().forEachRemaining(Schemas::dropLegacyIds);
        } else if (node.isArray()) {
            node.elements().forEachRemaining(Schemas::dropLegacyIds);
        }
    }

    private static JsonSchema load(String resource) {
        try (InputStream in = Schemas.class.getResourceAsStream("/schemas/" + resource)) {
            if (in == null) throw new IllegalStateException("schema not found: " + resource);
            JsonNode node = Yamls.JSON.readTree(in);
            dropLegacyIds(node);
            SpecVersion.VersionFlag version = SpecVersionDetector.detect(node);
            // Compose's "duration" format ("10s") is not ISO 8601; formats stay annotations, as the spec allows.
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(false).build();
            return JsonSchemaFactory.getInstance(version).getSchema(node, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
