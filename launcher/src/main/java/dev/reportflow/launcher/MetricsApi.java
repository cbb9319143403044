package dev.reportflow.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * metrics-service's REST API (docs/metrics.md), as far as the demo summary and the e2e tests read it. Its JSON is
 * snake_case; lists are pages ({@code items}, {@code total}) or plain arrays.
 */
public final class MetricsApi {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** The API's largest page. */
    static final int PAGE = 500;

    private final URI base;

    public MetricsApi(URI base) {
        this.base = base;
    }

    public URI base() {
        return base;
    }

    /** {@code GET path} as JSON; an {@link IOException} naming the status for anything but 2xx. */
    public JsonNode get(String path) throws IOException {
        return json("GET", path, Http.get(base.resolve(path), TIMEOUT));
    }

    public JsonNode post(String path) throws IOException {
        return json("POST", path, Http.post(base.resolve(path), TIMEOUT));
    }

    private JsonNode json(String method, String path, Http.Response r) throws IOException {
        if (!r.ok()) {
            throw new IOException(method + " " + base.resolve(path) + " answered " + r.status() + ": " + abbreviate(r.body()));
        }
        return r.body().isBlank() ? JSON.nullNode() : JSON.readTree(r.body());
    }

    /** One report as {@code GET /api/reports} lists it. */
    public record Report(String id, String file, String region, Integer year, String status, int sections,
                         int indicators) {
        public boolean complete() {
            return "complete".equals(status);
        }
    }

    /** One metric as {@code GET /api/metrics} lists it: how many regions and reports state it. */
    public record Metric(String metric, String label, int regions, int reports) {}

    /** Every report, all pages of {@code GET /api/reports}. */
    public List<Report> reports() throws IOException {
        List<Report> out = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode body = get("/api/reports?size=" + PAGE + "&page=" + page);
            int n = 0;
            for (JsonNode r : items(body)) {
                n++;
                out.add(new Report(text(r, "id"), text(r, "file"), text(r, "region"),
                        r.hasNonNull("report_year") ? r.get("report_year").asInt() : null,
                        text(r, "status"), r.path("sections").asInt(), r.path("indicators").asInt()));
            }
            if (n < PAGE || out.size() >= body.path("total").asLong(Long.MAX_VALUE)) {
                return out;
            }
        }
    }

    /** {@code GET /api/metrics}: every metric with its coverage. */
    public List<Metric> metrics() throws IOException {
        List<Metric> out = new ArrayList<>();
        for (JsonNode m : items(get("/api/metrics"))) {
            out.add(new Metric(text(m, "id"), text(m, "name"), m.path("regions").asInt(), m.path("reports").asInt()));
        }
        return out;
    }

    /** A list is either the body itself or its {@code items} (paged responses). */
    public static Iterable<JsonNode> items(JsonNode body) {
        return body.isArray() ? body : body.path("items");
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() > 300 ? one.substring(0, 300) + "…" : one;
    }
}
