package dev.reportflow.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Guards optimisations: the full JSON output (outline, metadata, indicators, offsets, sentences)
 * for the 5 sample reports, the 16 held-out texts and a hard-wrapped CR LF copy of each sample (the
 * soft-break path) must stay byte for byte what {@code src/test/resources/golden-output/} holds.
 * These files are the library's own earlier output, not annotations. When a change of rules is
 * meant to change results, bump {@link ReportExtractor#VERSION}, regenerate and review the diff:
 * <pre>
 * ./mvnw -B -pl extraction test -Dtest=GoldenOutputTest -Dgolden.update=true
 * git diff --stat extraction/src/test/resources/golden-output
 * </pre>
 */
class GoldenOutputTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden-output");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");
    /** Line width of the hard-wrapped copies: like a PDF's text layer. */
    private static final int WRAP = 36;

    private static final ReportExtractor EXTRACTOR = ReportExtractor.withDefaults();

    static Stream<Arguments> reports() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (Path p : txt(Path.of("../samples"))) {
            byte[] raw = Files.readAllBytes(p);
            out.add(Arguments.of("samples-" + base(p), p.getFileName().toString(), raw));
            String wrapped = wrap(new String(raw, StandardCharsets.UTF_8), WRAP).replace("\n", "\r\n");
            out.add(Arguments.of("wrapped-" + base(p), p.getFileName().toString(), wrapped.getBytes(StandardCharsets.UTF_8)));
        }
        for (String set : List.of("heldout", "heldout2")) {
            for (Path p : txt(Path.of("src/test/resources", set, "texts"))) {
                out.add(Arguments.of(set + "-" + base(p), p.getFileName().toString(), Files.readAllBytes(p)));
            }
        }
        assertThat(out).hasSizeGreaterThanOrEqualTo(26);
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reports")
    void outputIsByteIdenticalToTheRecordedOne(String name, String fileName, byte[] raw) throws Exception {
        String json = ExtractionJson.toJson(EXTRACTOR.extract(raw, fileName), false) + "\n";
        Path golden = GOLDEN.resolve(name + ".json");
        if (UPDATE) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, json, StandardCharsets.UTF_8);
        }
        assertThat(golden).as("recorded output; create it with -Dgolden.update=true").exists();
        String expected = Files.readString(golden, StandardCharsets.UTF_8);
        if (!json.equals(expected)) {
            // the first differing region, so a failure says what changed without a 40 KB dump
            int k = 0;
            while (k < Math.min(json.length(), expected.length()) && json.charAt(k) == expected.charAt(k)) k++;
            int from = Math.max(0, k - 120);
            assertThat(json.substring(from, Math.min(json.length(), k + 200)))
                    .as("%s differs from %s at char %d", name, golden, k)
                    .isEqualTo(expected.substring(from, Math.min(expected.length(), k + 200)));
        }
        assertThat(json).isEqualTo(expected);
    }

    /** Breaks every line longer than {@code width} into lines of {@code width} chars. */
    static String wrap(String text, int width) {
        StringBuilder b = new StringBuilder(text.length() + text.length() / width + 1);
        for (String line : text.split("\n", -1)) {
            if (!b.isEmpty()) b.append('\n');
            for (int i = 0; i < line.length(); i += width) {
                if (i > 0) b.append('\n');
                b.append(line, i, Math.min(line.length(), i + width));
            }
        }
        return b.toString();
    }

    private static List<Path> txt(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".txt")).sorted().toList();
        }
    }

    private static String base(Path p) {
        String n = p.getFileName().toString();
        return n.substring(0, n.length() - 4);
    }
}
