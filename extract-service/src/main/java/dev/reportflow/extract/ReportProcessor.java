package dev.reportflow.extract;

import dev.reportflow.events.DeadLetter;
import dev.reportflow.events.RejectionReason;
import dev.reportflow.events.ReportIngested;
import dev.reportflow.extraction.Extraction;
import dev.reportflow.extraction.ExtractionException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * One report from record to events: decode, bound, extract (on {@link BoundedWorkers}, with a time limit),
 * publish. Every record ends as either a complete set of events or a dead letter; the returned future fails
 * only when Kafka refuses the writes, in which case the record must not be acknowledged.
 */
public final class ReportProcessor {
    private static final Logger LOG = Logger.getLogger("dev.reportflow.extract.reports");

    /** What became of a record. */
    public enum Outcome { EXTRACTED, DEAD_LETTERED, TOMBSTONE }

    /** The extraction library's entry point, as a function so tests can give a slow or failing one. */
    @FunctionalInterface
    public interface Extractor {
        Extraction extract(byte[] raw, String fileName) throws ExtractionException;
    }

    private final Extractor extractor;
    private final BoundedWorkers workers;
    private final EventPublisher publisher;
    private final ExtractConfig config;
    private final Clock clock;
    private final Counter extracted, deadLettered, tombstones, sections, indicators;
    private final Timer extractTime, publishTime;
    private final MeterRegistry registry;

    public ReportProcessor(Extractor extractor, BoundedWorkers workers, EventPublisher publisher,
                           ExtractConfig config, MeterRegistry registry, Clock clock) {
        this.extractor = extractor;
        this.workers = workers;
        this.publisher = publisher;
        this.config = config;
        this.clock = clock;
        this.registry = registry;
        this.extracted = reports(registry, "extracted");
        this.deadLettered = reports(registry, "dead_lettered");
        this.tombstones = reports(registry, "tombstone");
        this.sections = Counter.builder("reportflow.extract.sections").description("Section events published")
                .register(registry);
        this.indicators = Counter.builder("reportflow.extract.indicators")
                .description("Indicator events published").register(registry);
        this.extractTime = Timer.builder("reportflow.extract.duration")
                .description("Time in the extractor per report").publishPercentileHistogram()
                .register(registry);
        this.publishTime = Timer.builder("reportflow.extract.publish.duration")
                .description("Time from extraction done to the summary acknowledged by Kafka")
                .publishPercentileHistogram().register(registry);
    }

    private static Counter reports(MeterRegistry r, String outcome) {
        return Counter.builder("reportflow.extract.reports").description("Reports consumed, by outcome")
                .tag("outcome", outcome).register(r);
    }

    /** Either the events to publish or the dead letter to write. */
    private record Prepared(ExtractedEvents events, RejectionReason reason, String message, Throwable error,
                            String reportId) {}

    public CompletableFuture<Outcome> process(IncomingReport in) {
        if (in.value() == null) {
            // A compaction tombstone on reports.ingested deletes a report; there is nothing to extract.
            withMdc(in.key(), in.traceparent(), () -> LOG.infof("tombstone at %s, nothing to extract", in));
            tombstones.increment();
            return CompletableFuture.completedFuture(Outcome.TOMBSTONE);
        }
        return workers.submit(() -> prepare(in))
                .handle((p, err) -> p != null ? p : failed(in, unwrap(err)))
                .thenCompose(p -> p.events() != null ? publishEvents(in, p.events()) : publishDeadLetter(in, p));
    }

    private Prepared prepare(IncomingReport in) {
        String idHint = ReportDecoder.isReportId(in.key()) ? in.key() : null;
        MDC.put("reportId", idHint == null ? "" : idHint);
        putTrace(in.traceparent());
        try {
            ReportIngested report;
            try {
                report = ReportDecoder.decode(in.value());
            } catch (ReportDecoder.Undecodable e) {
                return new Prepared(null, RejectionReason.DESERIALIZATION_FAILED, e.getMessage(), e, idHint);
            }
            MDC.put("reportId", report.reportId());
            if (report.payload().length > config.maxReportBytes()) {
                return new Prepared(null, RejectionReason.TOO_LARGE, "payload of " + report.payload().length
                        + " bytes exceeds " + config.maxReportBytes(), null, report.reportId());
            }
            long t0 = System.nanoTime();
            Extraction extraction;
            try {
                extraction = extractor.extract(report.payload(), report.fileName());
            } catch (ExtractionException e) {
                return new Prepared(null, reasonOf(e.reason()), e.getMessage(), e, report.reportId());
            } catch (RuntimeException | StackOverflowError e) {
                return new Prepared(null, RejectionReason.EXTRACTION_FAILED, String.valueOf(e), e,
                        report.reportId());
            }
            long nanos = System.nanoTime() - t0;
            extractTime.record(nanos, TimeUnit.NANOSECONDS);
            try {
                return new Prepared(ExtractedEvents.of(report, extraction, nanos / 1000, clock.instant(),
                        config.maxEventsPerReport(), config.maxEventBytes()), null, null, null, report.reportId());
            } catch (ExtractedEvents.TooLarge e) {
                return new Prepared(null, RejectionReason.TOO_LARGE, e.getMessage(), e, report.reportId());
            }
        } finally {
            MDC.remove("reportId");
            MDC.remove("traceparent");
        }
    }

    /** The worker task itself failed: it ran out of time, or something outside the guarded steps threw. */
    private Prepared failed(IncomingReport in, Throwable err) {
        String idHint = ReportDecoder.isReportId(in.key()) ? in.key() : null;
        if (err instanceof TimeoutException) {
            return new Prepared(null, RejectionReason.EXTRACTION_TIMEOUT, err.getMessage(), err, idHint);
        }
        return new Prepared(null, RejectionReason.EXTRACTION_FAILED, String.valueOf(err), err, idHint);
    }

    private CompletableFuture<Outcome> publishEvents(IncomingReport in, ExtractedEvents events) {
        long t0 = System.nanoTime();
        return publisher.publish(events, in.propagatedHeaders()).thenApply(v -> {
            publishTime.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
            extracted.increment();
            sections.increment(events.sectionCount());
            indicators.increment(events.indicatorCount());
            withMdc(events.reportId(), in.traceparent(), () -> LOG.infof(
                    "extracted %s: %d sections, %d indicators, extractor %s",
                    in, events.sectionCount(), events.indicatorCount(), events.extractorVersion()));
            return Outcome.EXTRACTED;
        });
    }

    private CompletableFuture<Outcome> publishDeadLetter(IncomingReport in, Prepared p) {
        DeadLetter letter = new DeadLetter(DeadLetter.SCHEMA_VERSION, p.reportId(), p.reason().name(),
                ReportDecoder.truncate(p.message()), p.error() == null ? null : p.error().getClass().getName(),
                in.topic(), in.partition(), in.offset(), config.serviceName(), clock.instant().toString());
        return publisher.deadLetter(in, letter).thenApply(v -> {
            deadLettered.increment();
            Counter.builder("reportflow.extract.dead.letters").description("Reports sent to the DLQ, by reason")
                    .tag("reason", p.reason().name()).register(registry).increment();
            // A failure inside the extractor is a bug worth its stack trace; bad input is not.
            Throwable trace = p.reason() == RejectionReason.EXTRACTION_FAILED ? p.error() : null;
            withMdc(p.reportId(), in.traceparent(), () -> LOG.warnf(trace,
                    "dead-lettered %s as %s: %s", in, p.reason(), letter.message()));
            return Outcome.DEAD_LETTERED;
        });
    }

    static RejectionReason reasonOf(ExtractionException.Reason r) {
        if (r == null) return RejectionReason.EXTRACTION_FAILED;
        return switch (r) {
            case EMPTY -> RejectionReason.EMPTY;
            case TOO_LARGE -> RejectionReason.TOO_LARGE;
            case UNDECODABLE -> RejectionReason.UNDECODABLE;
            default -> RejectionReason.EXTRACTION_FAILED;
        };
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static void putTrace(String traceparent) {
        if (traceparent != null) MDC.put("traceparent", traceparent);
    }

    static void withMdc(String reportId, String traceparent, Runnable r) {
        MDC.put("reportId", reportId == null ? "" : reportId);
        putTrace(traceparent);
        try {
            r.run();
        } finally {
            MDC.remove("reportId");
            MDC.remove("traceparent");
        }
    }
}
