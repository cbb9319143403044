package dev.reportflow.metrics.service;

import static dev.reportflow.metrics.store.Db.*;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.reportflow.events.IndicatorExtracted;
import dev.reportflow.events.ReportExtracted;
import dev.reportflow.events.SectionExtracted;
import dev.reportflow.metrics.store.FactStore;
import dev.reportflow.metrics.store.Indexes;
import dev.reportflow.metrics.views.Views;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The service's one entry to the store: applies consumed batches, refreshes and rebuilds views,
 * and publishes the operational metrics. Writers are serialized by one lock, so a rebuild never
 * interleaves with a batch in this process.
 */
@ApplicationScoped
public class MetricsStore {
    private static final Logger LOG = Logger.getLogger(MetricsStore.class);

    @Inject
    MongoClient client;

    @ConfigProperty(name = "quarkus.mongodb.database")
    String databaseName;

    @Inject
    MetricsConfig config;

    @Inject
    MeterRegistry registry;

    private final ReentrantLock lock = new ReentrantLock();
    /** Reports whose view keys are queued and not refreshed yet (guarded by lock). */
    private final java.util.Set<String> queued = new java.util.LinkedHashSet<>();
    private long lastRefresh = System.nanoTime();
    private long lastRefreshTook;
    /** When the previous batch was stored: the log shows how long the consumer left the store idle. */
    private volatile long lastBatchEnd;
    private final AtomicLong pending = new AtomicLong();
    private volatile boolean indexed;
    private MongoDatabase db;
    private Views views;
    private FactStore store;

    private Counter sections, indicators, summaries, invalid, completed;
    private DistributionSummary batchSize;
    private Timer batchTime, incrementalRefresh, rebuild;

    void onStart(@Observes StartupEvent e) {
        db = client.getDatabase(databaseName);
        views = new Views(db, config.anomalyRules());
        store = new FactStore(db, views);
        sections = events("section");
        indicators = events("indicator");
        summaries = events("summary");
        invalid = events("invalid");
        completed = Counter.builder("reportflow.metrics.reports.completed")
                .description("Report versions that completed and entered the views").register(registry);
        batchSize = DistributionSummary.builder("reportflow.metrics.batch.size")
                .description("Kafka records per consumed batch").publishPercentileHistogram().register(registry);
        batchTime = Timer.builder("reportflow.metrics.batch.duration")
                .description("Time to store a batch, complete reports and refresh their views").register(registry);
        incrementalRefresh = Timer.builder("reportflow.metrics.view.refresh").tag("mode", "incremental")
                .description("View refresh time").register(registry);
        rebuild = Timer.builder("reportflow.metrics.view.refresh").tag("mode", "rebuild")
                .description("View refresh time").register(registry);
        registry.gauge("reportflow.metrics.reports.pending", pending);
        // Off the startup thread: HTTP (health, dashboard) is up at once even while MongoDB is not;
        // if it is down, indexes are created before the first batch is stored.
        java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                ensureIndexes();
                updatePending();
            } catch (MongoException ex) {
                LOG.warnf("MongoDB not reachable at start (%s); indexes will be created on first use", ex.getMessage());
            }
        });
    }

    private Counter events(String type) {
        return Counter.builder("reportflow.metrics.events").tag("type", type)
                .description("Events consumed, by type").register(registry);
    }

    public MongoDatabase database() {
        return db;
    }

    public Views views() {
        return views;
    }

    private void ensureIndexes() {
        if (!indexed) {
            Indexes.ensure(db);
            indexed = true;
        }
    }

    /** Stores one consumed batch, retrying MongoDB failures with backoff (the store is idempotent). */
    public FactStore.BatchResult ingest(List<SectionExtracted> s, List<IndicatorExtracted> i, List<ReportExtracted> r,
                                        int unreadable, int records) {
        batchSize.record(records);
        invalid.increment(unreadable);
        long arrived = System.nanoTime();
        int attempt = 0;
        while (true) {
            lock.lock();
            try {
                long t0 = System.nanoTime();
                ensureIndexes();
                FactStore.BatchResult res = store.apply(s, i, r, false);
                queued.addAll(res.completed());
                Views.RefreshResult refresh = refreshDue(false);
                batchTime.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
                sections.increment(res.sections());
                indicators.increment(res.indicators());
                summaries.increment(res.summaries());
                invalid.increment(res.invalid());
                completed.increment(res.completed().size());
                long p0 = System.nanoTime();
                updatePending();
                long end = System.nanoTime();
                if (!res.completed().isEmpty() || refresh != null) {
                    LOG.infof("batch of %d records: %d reports complete in %d ms (idle before it %d ms, pending count %d ms);"
                                    + " ms per phase %s, views %s", records, res.completed().size(), (end - arrived) / 1_000_000,
                            lastBatchEnd == 0 ? 0 : (arrived - lastBatchEnd) / 1_000_000, (end - p0) / 1_000_000,
                            res.phaseMillis(), refresh == null ? "queued (" + queued.size() + " reports)"
                                    : refresh.millis() + " ms, per view " + refresh.viewMillis());
                }
                lastBatchEnd = end;
                return res;
            } catch (MongoException ex) {
                if (++attempt >= config.batchRetries()) throw ex;
                LOG.warnf("storing a batch failed (attempt %d of %d): %s", attempt, config.batchRetries(), ex.getMessage());
            } finally {
                lock.unlock();
            }
            sleep(200L << Math.min(attempt, 6));
        }
    }

    /**
     * Refreshes the queued keys if {@code reportflow.metrics.views.refresh-interval} (grown to
     * {@code refresh-backoff} × the last refresh's duration) has passed since the last refresh (or
     * {@code force}); the caller holds the lock.
     */
    private Views.RefreshResult refreshDue(boolean force) {
        if (queued.isEmpty()) return null;
        long interval = Math.max(config.viewsRefreshInterval().toNanos(),
                (long) (config.viewsRefreshBackoff() * lastRefreshTook));
        if (!force && System.nanoTime() - lastRefresh < interval) return null;
        long t0 = System.nanoTime();
        // Bounded work while the store is held: a batch never waits for a refresh of hundreds of reports.
        java.util.List<String> turn = queued.stream().limit(Math.max(1, config.viewsMaxReportsPerRefresh())).toList();
        Views.RefreshResult r = store.refreshStale(turn);
        turn.forEach(queued::remove);
        lastRefresh = System.nanoTime();
        lastRefreshTook = interval == 0 ? 0 : lastRefresh - t0;
        if (r != null) incrementalRefresh.record(r.millis(), TimeUnit.MILLISECONDS);
        return r;
    }

    /**
     * Refreshes queued view keys once the interval has passed and no batch came to do it; at once
     * when no batch has come for the base interval (the backoff only spaces refreshes between batches).
     */
    @Scheduled(every = "${reportflow.metrics.views.flush-every:250ms}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void flushViews() {
        if (db == null || !lock.tryLock()) return;
        try {
            boolean idle = lastBatchEnd != 0 && System.nanoTime() - lastBatchEnd >= config.viewsRefreshInterval().toNanos();
            Views.RefreshResult r = refreshDue(idle);
            if (r != null) LOG.infof("views refreshed in %d ms, per view %s", r.millis(), r.viewMillis());
        } catch (MongoException ex) {
            LOG.warnf("view refresh failed, retried by the next flush or repair: %s", ex.getMessage());
        } finally {
            lock.unlock();
        }
    }

    /** Recomputes every view from the facts. */
    public Views.RefreshResult rebuildViews() {
        lock.lock();
        try {
            ensureIndexes();
            Views.RefreshResult r = views.rebuildAll();
            // Whatever was queued is covered by the full recompute.
            queued.clear();
            db.getCollection(REPORTS).updateMany(Filters.exists("stale_keys"), new Document("$unset", new Document("stale_keys", "")));
            rebuild.record(r.millis(), TimeUnit.MILLISECONDS);
            LOG.infof("views rebuilt in %d ms: %s", r.millis(), r.rows());
            return r;
        } finally {
            lock.unlock();
        }
    }

    /** Finishes view refreshes that a crash interrupted, and refreshes the pending gauge. */
    @Scheduled(every = "${reportflow.metrics.repair-every:30s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void repair() {
        if (db == null) return;
        lock.lock();
        try {
            ensureIndexes();
            queued.clear();
            Views.RefreshResult r = store.refreshAllStale();
            if (r != null) {
                incrementalRefresh.record(r.millis(), TimeUnit.MILLISECONDS);
                LOG.infof("repaired outstanding view refreshes in %d ms", r.millis());
            }
            updatePending();
        } catch (MongoException ex) {
            LOG.warnf("view repair skipped: %s", ex.getMessage());
        } finally {
            lock.unlock();
        }
    }

    private void updatePending() {
        pending.set(db.getCollection(REPORTS).countDocuments(Filters.eq("status", PENDING)));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a batch", e);
        }
    }
}
