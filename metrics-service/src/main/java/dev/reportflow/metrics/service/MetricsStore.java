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

    /** Serializes the writers of facts in this process: batches, repair and rebuild. */
    private final ReentrantLock lock = new ReentrantLock();
    /**
     * Serializes view refreshes (and rebuild and repair, which take both locks). Separate from
     * {@link #lock} so that with a refresh interval the next batch is stored while the views of the
     * previous ones are recomputed: the two wait on different things (the consumer on Kafka and the
     * store, the refresher on the store's aggregations), and several instances already refresh
     * concurrently with each other's batches (docs/metrics.md, "Concurrency").
     */
    private final ReentrantLock viewLock = new ReentrantLock();
    /** Reports whose view keys are queued and not refreshed yet (guarded by itself). */
    private final java.util.Set<String> queued = new java.util.LinkedHashSet<>();
    /** When the last refresh turn started: turns start at most every refresh-interval. */
    private volatile long lastRefresh = System.nanoTime();
    private volatile long lastRefreshTook;
    /** When metric_coverage was last computed by a refresh turn (it is put off in between, see MetricsConfig). */
    private volatile long lastCoverage = System.nanoTime();
    /** A turn put metric_coverage off and no turn has computed it since (view_queue holds its keys). */
    private volatile boolean coverageOwed;
    /** When the previous batch was stored: the log shows how long the consumer left the store idle. */
    private volatile long lastBatchEnd;
    private final java.util.concurrent.ExecutorService refresher = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "views-refresher");
        t.setDaemon(true);
        return t;
    });
    private final java.util.concurrent.atomic.AtomicBoolean refreshScheduled = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean stopping;
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

    /**
     * Stores one consumed batch, retrying MongoDB failures with backoff (the store is idempotent).
     * With {@code reportflow.metrics.views.refresh-interval} 0 the views of the reports it completes
     * are refreshed before it returns (its offsets are committed after); otherwise they are queued
     * for the refresher thread and the consumer goes on to the next batch.
     */
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
                int waiting;
                synchronized (queued) {
                    queued.addAll(res.completed());
                    waiting = queued.size();
                }
                Views.RefreshResult refresh = null;
                if (config.viewsRefreshInterval().isZero()) {
                    refresh = refreshTurn();
                } else if (waiting > 0) {
                    scheduleRefresh();
                }
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
                            res.phaseMillis(), refresh == null ? "queued (" + waiting + " reports)"
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

    /** Starts the refresher unless it is running; it refreshes until nothing is queued. */
    private void scheduleRefresh() {
        if (refreshScheduled.compareAndSet(false, true)) {
            try {
                refresher.execute(this::refreshWhileQueued);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                refreshScheduled.set(false); // shutting down: the keys stay queued on the reports
            }
        }
    }

    /**
     * The refresher: waits until {@code reportflow.metrics.views.refresh-interval} (grown to
     * {@code refresh-backoff} × the last refresh's duration) has passed since the last refresh started — batches
     * stored meanwhile join the queue, so one refresh covers them all — unless a full turn is queued
     * already, then refreshes a turn, until the queue is empty. A failure leaves the keys queued (in memory and on the reports) for the flush
     * timer or the repair job.
     */
    private void refreshWhileQueued() {
        try {
            while (!stopping) {
                boolean fullTurn, empty;
                synchronized (queued) {
                    empty = queued.isEmpty();
                    fullTurn = queued.size() >= config.viewsMaxReportsPerRefresh();
                }
                if (empty && !coverageOwed) return;
                long interval = Math.max(config.viewsRefreshInterval().toNanos(),
                        (long) (config.viewsRefreshBackoff() * lastRefreshTook));
                long now = System.nanoTime();
                long idleAfter = config.viewsRefreshWhenIdle().toNanos();
                boolean idle = consumerIdle(now);
                // Waiting lets more reports join one turn; with a full turn queued, or no batch
                // arriving any more, it only adds lag. Only coverage owed: it waits for the consumer
                // to go idle (or its max lag). Short naps, so an idle consumer is noticed.
                long wait = empty ? lastCoverage + config.viewsCoverageMaxLag().toNanos() - now
                        : lastRefresh + interval - now;
                if (wait > 0 && !fullTurn && !idle) {
                    long nap = idleAfter > 0 ? Math.min(wait, idleAfter / 2) : wait;
                    Thread.sleep(nap / 1_000_000, (int) (nap % 1_000_000));
                    continue;
                }
                Views.RefreshResult r = refreshTurn();
                if (r != null) LOG.infof("views refreshed in %d ms, per view %s", r.millis(), r.viewMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (MongoException ex) {
            LOG.warnf("view refresh failed, retried by the next flush or repair: %s", ex.getMessage());
        } finally {
            refreshScheduled.set(false);
        }
    }

    /** No batch stored for {@code views.refresh-when-idle} (never true with that set to 0: the trigger is off). */
    private boolean consumerIdle(long now) {
        long idleAfter = config.viewsRefreshWhenIdle().toNanos();
        return idleAfter > 0 && now - lastBatchEnd >= idleAfter;
    }

    /**
     * Whether a turn that empties the queue may put metric_coverage off while batches arrive: only
     * when an idle consumer starts a turn ({@code views.refresh-when-idle} > 0) and refreshes run
     * apart from the batches (interval > 0); otherwise nothing would compute it soon.
     */
    private boolean coverageMayWait() {
        return config.viewsRefreshWhenIdle().toNanos() > 0 && !config.viewsRefreshInterval().isZero();
    }

    /**
     * Refreshes one turn of queued reports, at most {@code views.max-reports-per-refresh}: bounded
     * work, so a rebuild or a repair never waits for a refresh of hundreds of reports.
     */
    private Views.RefreshResult refreshTurn() {
        viewLock.lock();
        try {
            List<String> turn;
            boolean drains;
            synchronized (queued) {
                if (queued.isEmpty() && !coverageOwed) return null;
                turn = queued.stream().limit(Math.max(1, config.viewsMaxReportsPerRefresh())).toList();
                drains = turn.size() == queued.size();
            }
            long t0 = System.nanoTime();
            // Coverage when the queue empties, unless batches are still arriving (the consumer not
            // idle): then the next turn has more of it to do anyway; at the latest after its max lag.
            // Asked when coverage is due, after the turn's larger views: batches that stopped
            // meanwhile leave nothing for a turn of its own.
            boolean[] coverageNow = {false};
            // The per-report views beside the others when the consumer is idle (the last turn of a
            // burst, a trickle): that uses the core it leaves free; during a burst they take turns.
            boolean alongside = consumerIdle(t0);
            Views.RefreshResult r = store.refreshStale(turn, () -> coverageNow[0] =
                    (drains && (!coverageMayWait() || consumerIdle(System.nanoTime())))
                            || System.nanoTime() - lastCoverage >= config.viewsCoverageMaxLag().toNanos(), alongside);
            if (coverageNow[0]) lastCoverage = System.nanoTime();
            coverageOwed = !coverageNow[0];
            synchronized (queued) {
                turn.forEach(queued::remove);
            }
            lastRefresh = t0;
            lastRefreshTook = System.nanoTime() - t0;
            if (r != null) incrementalRefresh.record(r.millis(), TimeUnit.MILLISECONDS);
            return r;
        } finally {
            viewLock.unlock();
        }
    }

    /**
     * Restarts the refresher for keys still queued: after a failure, or queued just as it found the
     * queue empty and stopped (cheap when nothing is queued).
     */
    @Scheduled(every = "${reportflow.metrics.views.flush-every:250ms}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void flushViews() {
        if (db == null) return;
        boolean any;
        synchronized (queued) {
            any = !queued.isEmpty();
        }
        if (any || coverageOwed) scheduleRefresh();
    }

    void onStop(@Observes io.quarkus.runtime.ShutdownEvent e) {
        // A refresh under way finishes (its keys are unqueued only when done); no new turn starts, and
        // the keys still queued stay on the reports for the repair job of the next start.
        stopping = true;
        refresher.shutdown();
        try {
            refresher.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** Recomputes every view from the facts. */
    public Views.RefreshResult rebuildViews() {
        lock.lock();
        viewLock.lock();
        try {
            ensureIndexes();
            Views.RefreshResult r = views.rebuildAll();
            // Whatever was queued is covered by the full recompute.
            synchronized (queued) {
                queued.clear();
            }
            db.getCollection(REPORTS).updateMany(Filters.exists("stale_keys"), new Document("$unset", new Document("stale_keys", "")));
            rebuild.record(r.millis(), TimeUnit.MILLISECONDS);
            LOG.infof("views rebuilt in %d ms: %s", r.millis(), r.rows());
            return r;
        } finally {
            viewLock.unlock();
            lock.unlock();
        }
    }

    /** Finishes view refreshes that a crash interrupted, and refreshes the pending gauge. */
    @Scheduled(every = "${reportflow.metrics.repair-every:30s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void repair() {
        if (db == null) return;
        lock.lock();
        viewLock.lock();
        try {
            ensureIndexes();
            synchronized (queued) {
                queued.clear();
            }
            Views.RefreshResult r = store.refreshAllStale();
            if (r != null) {
                incrementalRefresh.record(r.millis(), TimeUnit.MILLISECONDS);
                LOG.infof("repaired outstanding view refreshes in %d ms", r.millis());
            }
            updatePending();
        } catch (MongoException ex) {
            LOG.warnf("view repair skipped: %s", ex.getMessage());
        } finally {
            viewLock.unlock();
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
