package dev.reportflow.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins the wire format. A renamed, removed or retyped field changes the serialized bytes and
 * fails here; so does a schema that no longer matches the records. To make a compatible change
 * (a new optional field), regenerate the golden file with -Dgolden.update=true and review the diff.
 */
class WireFormatTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden");

    static Stream<Arguments> events() {
        return SampleEvents.ALL.stream().map(a -> Arguments.of(a[0], a[1]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void serializesExactlyAsTheGoldenFile(String name, Object event) throws IOException {
        String json = EventJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(event) + "\n";
        Path golden = GOLDEN.resolve(name + ".json");
        if (Boolean.getBoolean("golden.update")) Files.writeString(golden, json, StandardCharsets.UTF_8);
        assertThat(json).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void goldenFileReadsBackToTheSameEvent(String name, Object event) throws IOException {
        byte[] golden = Files.readAllBytes(GOLDEN.resolve(name + ".json"));
        assertThat(EventJson.read(golden, event.getClass())).isEqualTo(event);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void goldenFileValidatesAgainstTheSchema(String name, Object event) throws IOException {
        JsonNode json = EventJson.MAPPER.readTree(GOLDEN.resolve(name + ".json").toFile());
        Set<ValidationMessage> errors = schema(name).validate(json);
        assertThat(errors).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void schemaRequiresExactlyTheRecordsFields(String name, Object event) throws IOException {
        JsonNode schema = schemaJson(name);
        Set<String> required = new TreeSet<>();
        schema.get("required").forEach(n -> required.add(n.asText()));
        Set<String> properties = new TreeSet<>();
        schema.get("properties").fieldNames().forEachRemaining(properties::add);
        Set<String> components = new TreeSet<>();
        for (RecordComponent c : event.getClass().getRecordComponents()) components.add(c.getName());
        assertThat(properties).isEqualTo(components);
        assertThat(required).isEqualTo(components);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void schemaRejectsAnEventWithoutItsKey(String name, Object event) throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode json =
                (com.fasterxml.jackson.databind.node.ObjectNode) EventJson.MAPPER.readTree(GOLDEN.resolve(name + ".json").toFile());
        json.remove("schemaVersion");
        assertThat(schema(name).validate(json)).isNotEmpty();
    }

    @org.junit.jupiter.api.Test
    void unknownFieldsAreIgnoredSoAddingAnOptionalFieldIsCompatible() throws IOException {
        String json = Files.readString(GOLDEN.resolve("indicator-extracted.json"), StandardCharsets.UTF_8)
                .replaceFirst("\\{", "{\"addedLater\":\"x\",");
        assertThat(EventJson.read(json.getBytes(StandardCharsets.UTF_8), IndicatorExtracted.class))
                .isEqualTo(SampleEvents.INDICATOR);
    }

    @org.junit.jupiter.api.Test
    void deadLetterRoundTripsThroughHeaders() {
        assertThat(DeadLetter.fromHeaders(SampleEvents.DEAD_LETTER.toHeaders())).isEqualTo(SampleEvents.DEAD_LETTER);
    }

    @org.junit.jupiter.api.Test
    void everyEventTypeHasAGoldenFileAndASchema() {
        List<String> names = new ArrayList<>();
        SampleEvents.ALL.forEach(a -> names.add((String) a[0]));
        String[] schemas = Path.of("src/main/resources/schemas").toFile().list();
        assertThat(schemas).isNotNull();
        assertThat(Arrays.stream(schemas).map(s -> s.replace(".schema.json", "")).sorted().toList())
                .isEqualTo(names.stream().sorted().toList());
    }

    private static JsonNode schemaJson(String name) throws IOException {
        try (InputStream in = WireFormatTest.class.getResourceAsStream("/schemas/" + name + ".schema.json")) {
            assertThat(in).as("schema " + name).isNotNull();
            return EventJson.MAPPER.readTree(in);
        }
    }

    private static JsonSchema schema(String name) throws IOException {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaJson(name));
    }
}
