package dev.reportflow.ingest;

import dev.reportflow.events.RejectionReason;
import dev.reportflow.events.ReportIngested;
import dev.reportflow.events.ReportRejected;
import dev.reportflow.events.ReportSource;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

/**
 * The one path every source takes: skip unchanged locations, refuse bad files into quarantine,
 * identify by sha256, publish new reports, wait for every broker ack, and only then mark them seen.
 * Batches are processed one at a time (a lock), so "seen" decisions never race.
 */
@ApplicationScoped
public class IngestPipeline {
    private static final Logger LOG = Logger.getLogger(IngestPipeline.class);

    @Inject
    IngestConfig config;
    @Inject
    IngestStore store;
    @Inject
    ReportPublisher publisher;
    @Inject
    IngestMetrics metrics;

    private final ReentrantLock lock = new ReentrantLock();
    /** Marks are written in order, one batch at a time, beside the next batch's reading and publishing. */
    private final ExecutorService marker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ingest-marker");
        t.setDaemon(true);
        return t;
    });
    /** Ids published whose marks are not durable yet: already "seen" for the batches that follow. */
    private final Set<String> unmarked = ConcurrentHashMap.newKeySet();
    private ContentPolicy policy;
    private volatile boolean crashAfterPublish;

    @PreDestroy
    void close() {
        // Marks already submitted are written before the MongoDB client goes away.
        marker.shutdown();
        try {
            marker.awaitTermination(config.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PostConstruct
    void init() {
        policy = new ContentPolicy(config.acceptExtensions(), config.maxReportBytes(), config.maxNulRatio());
    }

    public ContentPolicy policy() {
        return policy;
    }

    /**
     * For tests: behave as if the process died after Kafka acknowledged a batch and before it was
     * marked seen (the batch's outcomes are FAILED and nothing is recorded).
     */
    public void simulateCrashAfterPublish(boolean on) {
        crashAfterPublish = on;
    }

    /**
     * Processes candidates in order and returns one outcome per candidate, in the same order, once
     * the batch is marked in MongoDB. Outcomes whose marks could not be written are FAILED.
     */
    public List<Outcome> process(List<Candidate> batch) {
        return settle(processAsync(batch));
    }

    /**
     * Like {@link #process}, but returns as soon as Kafka has acknowledged the batch; the MongoDB
     * marks are written in the background ({@link Result#marked}), so the next batch can be read and
     * published meanwhile. Until its marks are durable, a published id counts as seen for later batches.
     */
    public Result processAsync(List<Candidate> batch) {
        if (batch.isEmpty()) return new Result(List.of(), CompletableFuture.completedFuture(null));
        lock.lock();
        try {
            return doProcess(batch);
        } finally {
            lock.unlock();
        }
    }

    /** The outcomes once their marks are durable; a failed mark turns what it recorded into FAILED. */
    public static List<Outcome> settle(Result r) {
        try {
            r.marked().join();
            return r.outcomes();
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
            String why = "not marked in MongoDB: " + (e.getCause() == null ? e : e.getCause());
            return r.outcomes().stream().map(o -> switch (o.kind()) {
                case PUBLISHED, DUPLICATE, REJECTED -> new Outcome(o.candidate(), Outcome.Kind.FAILED, o.reportId(),
                        o.supersedes(), o.reason(), why, o.quarantinedAt());
                default -> o;
            }).toList();
        }
    }

    /** A processed batch: outcomes, and when its marks are durable. */
    public record Result(List<Outcome> outcomes, CompletableFuture<Void> marked) {}

    private Result doProcess(List<Candidate> batch) {
        Instant nowInstant = Instant.now();
        String now = nowInstant.toString();
        Set<String> locIds = new LinkedHashSet<>();
        for (Candidate c : batch) if (!c.storedKnown() && c.skipIfUnchanged()) locIds.add(c.locationId());
        long t0 = System.nanoTime();
        Map<String, LocationState> locations = locIds.isEmpty() ? Map.of() : store.locations(locIds);

        Outcome[] out = new Outcome[batch.size()];
        List<Work> works = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Candidate c = batch.get(i);
            LocationState loc = c.storedKnown() ? c.stored() : locations.get(c.locationId());
            if (c.skipIfUnchanged() && c.sameAs(loc)) {
                out[i] = Outcome.of(c, Outcome.Kind.UNCHANGED, loc.reportId());
                continue;
            }
            Work w = read(i, c, loc);
            if (w == null) {
                out[i] = Outcome.of(c, Outcome.Kind.VANISHED, null);
                continue;
            }
            metrics.seen(c.source().name());
            works.add(w);
        }

        long t1 = System.nanoTime();
        Set<String> ids = new LinkedHashSet<>();
        for (Work w : works) if (w.reportId != null) ids.add(w.reportId);
        // Taken before the lookup: a mark that completes in between is then either in this set or in MongoDB.
        Set<String> inFlight = new HashSet<>();
        for (String id : ids) if (unmarked.contains(id)) inFlight.add(id);
        Map<String, SeenState> seen = ids.isEmpty() ? Map.of() : store.seen(ids);
        long t2 = System.nanoTime();

        // Decide, then send every event of the batch before waiting for any ack.
        Map<String, Work> publishing = new HashMap<>();
        for (Work w : works) {
            SeenState s = w.reportId == null ? null : seen.get(w.reportId);
            w.reportPublished = (s != null && s.published()) || inFlight.contains(w.reportId);
            if (w.verdict != null) {
                w.kind = Outcome.Kind.REJECTED;
            } else if (w.reportPublished) {
                w.kind = Outcome.Kind.DUPLICATE;
            } else if (publishing.containsKey(w.reportId)) {
                w.kind = Outcome.Kind.DUPLICATE;
                w.dependsOn = publishing.get(w.reportId);
            } else {
                w.kind = Outcome.Kind.PUBLISHED;
                LocationState loc = w.location;
                if (loc != null && loc.reportId() != null && !loc.reportId().equals(w.reportId)
                        && !"rejected".equals(loc.status())) {
                    w.supersedes = loc.reportId();
                }
                ReportIngested event = ReportIngested.of(w.reportId, w.candidate.fileName(),
                        reportSource(w.candidate, w.bytes.length), now, w.supersedes, w.bytes);
                w.ack = publisher.send(config.topics().ingested(), w.reportId, event);
                publishing.put(w.reportId, w);
            }
        }
        for (Work w : works) {
            if (w.kind != Outcome.Kind.REJECTED) continue;
            // The same bytes published under an acceptable name in this batch stay "published".
            if (w.reportId != null && publishing.containsKey(w.reportId)) w.reportPublished = true;
            quarantine(w, now);
        }

        long deadline = System.nanoTime() + config.kafka().deliveryTimeout().toNanos() + TimeUnit.SECONDS.toNanos(5);
        for (Work w : works) {
            if (w.ack == null) continue;
            try {
                RecordMetadata md = w.ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                w.partition = md.partition();
                w.offset = md.offset();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                w.error = "interrupted";
            } catch (ExecutionException | TimeoutException e) {
                w.error = (e instanceof ExecutionException ? e.getCause() : e).toString();
            }
        }
        long t3 = System.nanoTime();
        if (crashAfterPublish) {
            for (Work w : works) {
                if (w.kind == Outcome.Kind.PUBLISHED && w.error == null) w.error = "simulated crash after publish";
            }
        }

        List<IngestStore.Mark> marks = new ArrayList<>();
        for (Work w : works) {
            if (w.kind == Outcome.Kind.PUBLISHED && w.error != null) continue;
            if (w.dependsOn != null && w.dependsOn.error != null) {
                w.error = "the first copy in this batch was not published: " + w.dependsOn.error;
                continue;
            }
            IngestStore.Mark.Kind mk = switch (w.kind) {
                case PUBLISHED -> IngestStore.Mark.Kind.PUBLISHED;
                case DUPLICATE -> IngestStore.Mark.Kind.DUPLICATE;
                default -> IngestStore.Mark.Kind.REJECTED;
            };
            // A quarantined file moved away is no longer at its location: nothing to remember there.
            boolean recordLocation = w.candidate.skipIfUnchanged() && !(w.kind == Outcome.Kind.REJECTED && w.moved);
            marks.add(new IngestStore.Mark(mk, w.candidate, w.reportId, w.bytes == null ? w.candidate.size() : w.bytes.length,
                    w.supersedes, w.verdict == null ? null : w.verdict.reason().name(),
                    w.verdict == null ? null : w.verdict.message(), w.quarantinedAt, w.reportPublished || w.dependsOn != null,
                    recordLocation, w.partition, w.offset));
        }
        long t4 = System.nanoTime();
        for (Work w : works) {
            out[w.index] = report(w);
        }
        List<String> published = new ArrayList<>();
        for (Work w : works) if (w.kind == Outcome.Kind.PUBLISHED && w.error == null) published.add(w.reportId);
        unmarked.addAll(published);
        CompletableFuture<Void> marked = marks.isEmpty() ? CompletableFuture.completedFuture(null)
                : CompletableFuture.runAsync(() -> store.record(marks, now), marker);
        marked = marked.whenComplete((v, e) -> {
            published.forEach(unmarked::remove);
            if (e != null) {
                // Published but not marked: a later scan publishes again (at least once, never lost).
                LOG.errorf(e, "could not mark %d outcomes in MongoDB; they will be retried", marks.size());
            } else if (LOG.isDebugEnabled()) {
                LOG.debugf("batch of %d: locations+read %d ms, seen lookup %d ms, publish+acks %d ms, marks %d ms",
                        batch.size(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000,
                        (System.nanoTime() - t4) / 1_000_000);
            }
        });
        return new Result(List.of(out), marked);
    }

    private Work read(int index, Candidate c, LocationState loc) {
        ContentPolicy.Verdict verdict = policy.beforeRead(c.key(), c.size());
        byte[] bytes = null;
        // Refused by name only: still read (within the limit) so the rejection carries the report id.
        if (verdict == null || verdict.reason() == RejectionReason.UNSUPPORTED_CONTENT_TYPE) {
            try {
                bytes = c.source().read(c);
            } catch (NoSuchFileException e) {
                LOG.infof("skipped %s:%s: it vanished before it was read", c.source().name(), c.key());
                metrics.vanished(c.source().name());
                return null;
            } catch (IOException | RuntimeException e) {
                if (verdict == null) verdict = new ContentPolicy.Verdict(RejectionReason.UNREADABLE, "cannot read: " + e);
            }
        }
        // A file that grew past the limit since it was listed was read truncated: no id for a prefix.
        String id = bytes == null || bytes.length > policy.maxBytes() ? null : ReportIds.of(bytes);
        if (bytes != null && verdict == null) verdict = policy.afterRead(c.key(), bytes);
        Work w = new Work(index, c, loc, bytes, id);
        w.verdict = verdict;
        return w;
    }

    private void quarantine(Work w, String now) {
        Candidate c = w.candidate;
        try {
            Quarantined q = c.source().quarantine(c, w.bytes, w.verdict.reason(), w.verdict.message(), w.reportId);
            w.quarantinedAt = q.location();
            w.moved = q.moved();
        } catch (IOException | RuntimeException e) {
            // Never stop on a bad file: record the refusal (so it is not retried until it changes) and go on.
            LOG.errorf("could not quarantine %s:%s (%s): %s", c.source().name(), c.key(), w.verdict.reason(), e);
        }
        ReportRejected event = new ReportRejected(ReportRejected.SCHEMA_VERSION, w.reportId, reportSource(c),
                w.verdict.reason().name(), w.verdict.message(), w.quarantinedAt, now);
        w.rejectAck = publisher.send(config.topics().rejected(), w.reportId != null ? w.reportId : c.locationId(), event);
    }

    private Outcome report(Work w) {
        Candidate c = w.candidate;
        String src = c.source().name();
        if (w.error != null) {
            metrics.failed(src);
            LOG.warnf("not ingested %s:%s (report %s), will retry: %s", src, c.key(), w.reportId, w.error);
            return new Outcome(c, Outcome.Kind.FAILED, w.reportId, w.supersedes, null, w.error, null);
        }
        switch (w.kind) {
            case PUBLISHED -> {
                metrics.published(src);
                if (w.supersedes != null) {
                    LOG.infof("published report %s from %s:%s (%d bytes), superseding %s", w.reportId, src, c.key(),
                            w.bytes.length, w.supersedes);
                } else {
                    LOG.infof("published report %s from %s:%s (%d bytes)", w.reportId, src, c.key(), w.bytes.length);
                }
            }
            case DUPLICATE -> {
                metrics.duplicate(src);
                LOG.infof("duplicate: %s:%s has the same bytes as report %s", src, c.key(), w.reportId);
            }
            default -> {
                metrics.rejected(src, w.verdict.reason().name());
                awaitRejectEvent(w);
                LOG.warnf("rejected %s:%s (%s: %s), quarantined at %s", src, c.key(), w.verdict.reason(),
                        w.verdict.message(), w.quarantinedAt);
            }
        }
        return new Outcome(c, w.kind, w.reportId, w.supersedes, w.verdict == null ? null : w.verdict.reason().name(),
                w.verdict == null ? null : w.verdict.message(), w.quarantinedAt);
    }

    private void awaitRejectEvent(Work w) {
        if (w.rejectAck == null) return;
        try {
            w.rejectAck.get(config.kafka().deliveryTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // The quarantined copy and its .reason file remain the record of the refusal.
            LOG.errorf("ReportRejected for %s:%s not acknowledged: %s", w.candidate.source().name(), w.candidate.key(), e);
        }
    }

    static ReportSource reportSource(Candidate c) {
        return reportSource(c, c.size());
    }

    /** {@code size}: the bytes actually read, which is what the event carries. */
    static ReportSource reportSource(Candidate c, long size) {
        return new ReportSource(c.source().kind(), c.source().bucket(), c.key(), size,
                ContentPolicy.contentType(c.key()), c.etag(),
                c.lastModified() == null ? null : c.lastModified().toString());
    }

    /** Where a refused candidate went; {@code moved}: it is no longer at its source location. */
    public record Quarantined(String location, boolean moved) {}

    private static final class Work {
        final int index;
        final Candidate candidate;
        final LocationState location;
        final byte[] bytes;
        final String reportId;
        ContentPolicy.Verdict verdict;
        Outcome.Kind kind;
        boolean reportPublished;
        String supersedes;
        CompletableFuture<RecordMetadata> ack;
        CompletableFuture<RecordMetadata> rejectAck;
        Work dependsOn;
        String error;
        String quarantinedAt;
        boolean moved;
        int partition = -1;
        long offset = -1;

        Work(int index, Candidate candidate, LocationState location, byte[] bytes, String reportId) {
            this.index = index;
            this.candidate = candidate;
            this.location = location;
            this.bytes = bytes;
            this.reportId = reportId;
        }
    }
}
