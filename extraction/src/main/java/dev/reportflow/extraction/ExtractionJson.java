package dev.reportflow.extraction;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;

/**
 * Writes an {@link Extraction} as the JSON of spec/extract-output.md: snake_case fields in a fixed
 * order, {@code null} for unknown values, whole numbers without ".0", UTF-8 without escaping of
 * Chinese characters. The same extraction always gives the same bytes.
 *
 * <p>Top level: {@code extractor_version}, {@code report}, {@code sections}, {@code indicators}.
 * An indicator's {@code metric_rule} (which rule mapped its metric) is written only when set.
 */
public final class ExtractionJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private ExtractionJson() {}

    public static String toJson(Extraction e, boolean pretty) {
        StringWriter w = new StringWriter();
        write(e, w, pretty);
        return w.toString();
    }

    public static byte[] toBytes(Extraction e, boolean pretty) {
        return toJson(e, pretty).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    public static void write(Extraction e, OutputStream out, boolean pretty) {
        try {
            out.write(toBytes(e, pretty));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public static void write(Extraction e, Writer out, boolean pretty) {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            if (pretty) {
                DefaultPrettyPrinter pp = new DefaultPrettyPrinter()
                        .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                        .withArrayIndenter(new DefaultIndenter("  ", "\n"));
                g.setPrettyPrinter(pp);
            }
            g.writeStartObject();
            g.writeStringField("extractor_version", e.extractorVersion());
            g.writeFieldName("report");
            report(g, e.report());
            g.writeArrayFieldStart("sections");
            for (Section s : e.sections()) section(g, s);
            g.writeEndArray();
            g.writeArrayFieldStart("indicators");
            for (Indicator i : e.indicators()) indicator(g, i);
            g.writeEndArray();
            g.writeEndObject();
            g.flush();
            if (pretty) out.write('\n');
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void report(JsonGenerator g, ReportInfo r) throws IOException {
        g.writeStartObject();
        str(g, "id", r.id());
        str(g, "file", r.file());
        str(g, "encoding", r.encoding());
        str(g, "region", r.region());
        str(g, "agency", r.agency());
        str(g, "admin_level", r.adminLevel());
        if (r.reportYear() == null) g.writeNullField("report_year");
        else g.writeNumberField("report_year", r.reportYear());
        str(g, "published", r.published());
        str(g, "title", r.title());
        g.writeNumberField("chars", r.chars());
        g.writeEndObject();
    }

    private static void section(JsonGenerator g, Section s) throws IOException {
        g.writeStartObject();
        str(g, "id", s.id());
        str(g, "parent", s.parent());
        g.writeNumberField("level", s.level());
        str(g, "number", s.number());
        str(g, "title", s.title());
        str(g, "category", s.category());
        g.writeNumberField("start", s.start());
        g.writeNumberField("end", s.end());
        g.writeEndObject();
    }

    private static void indicator(JsonGenerator g, Indicator i) throws IOException {
        g.writeStartObject();
        str(g, "id", i.id());
        g.writeFieldName("value");
        number(g, i.value());
        str(g, "unit", i.unit());
        str(g, "approx", i.approx());
        str(g, "kind", i.kind());
        str(g, "direction", i.direction());
        str(g, "subject", i.subject());
        str(g, "metric", i.metric());
        if (i.metricRule() != null) str(g, "metric_rule", i.metricRule());
        str(g, "section", i.section());
        g.writeNumberField("start", i.start());
        g.writeNumberField("end", i.end());
        str(g, "sentence", i.sentence());
        g.writeEndObject();
    }

    /** Whole numbers as integers (6, not 6.0); others in their shortest exact decimal form. */
    static void number(JsonGenerator g, double v) throws IOException {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            g.writeNull();
        } else if (v == Math.rint(v) && Math.abs(v) < 9.0e15) {
            g.writeNumber((long) v);
        } else {
            g.writeNumber(new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString());
        }
    }

    private static void str(JsonGenerator g, String name, String value) throws IOException {
        if (value == null) g.writeNullField(name);
        else g.writeStringField(name, value);
    }
}
