package dev.reportflow.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Prometheus names: reportflow_ingest_files_seen_total, _published_total, _duplicates_total,
 * _rejected_total{reason}, _vanished_total, _failed_total, reportflow_ingest_scan_duration_seconds,
 * reportflow_ingest_backlog. Every meter has a {@code source} tag.
 */
@ApplicationScoped
public class IngestMetrics {
    @Inject
    MeterRegistry registry;

    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

    private Counter counter(String name, String source, String reason) {
        String id = name + '|' + source + '|' + reason;
        return counters.computeIfAbsent(id, k -> {
            Counter.Builder b = Counter.builder(name).tag("source", source);
            if (reason != null) b.tag("reason", reason);
            return b.register(registry);
        });
    }

    /** A file or object whose bytes were read, or that was refused on its name or size. */
    public void seen(String source) {
        counter("reportflow.ingest.files.seen", source, null).increment();
    }

    public void published(String source) {
        counter("reportflow.ingest.published", source, null).increment();
    }

    public void duplicate(String source) {
        counter("reportflow.ingest.duplicates", source, null).increment();
    }

    public void rejected(String source, String reason) {
        counter("reportflow.ingest.rejected", source, reason).increment();
    }

    public void vanished(String source) {
        counter("reportflow.ingest.vanished", source, null).increment();
    }

    public void failed(String source) {
        counter("reportflow.ingest.failed", source, null).increment();
    }

    public Timer scanTimer(String source) {
        return Timer.builder("reportflow.ingest.scan.duration").description("one reconcile pass over a source")
                .tag("source", source).register(registry);
    }

    private final ConcurrentMap<String, Supplier<Number>> backlogs = new ConcurrentHashMap<>();

    /** (Re)binds the backlog gauge of a source; a restarted source replaces its predecessor's supplier. */
    public void backlog(String source, Supplier<Number> value) {
        if (backlogs.put(source, value) == null) {
            Gauge.builder("reportflow.ingest.backlog", () -> backlogs.getOrDefault(source, () -> 0).get())
                    .description("files found and not yet processed").tag("source", source)
                    .strongReference(true).register(registry);
        }
    }
}
