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
        int attempt = 0;
        while (true) {
            lock.lock();
            try {
                long t0 = System.nanoTime();
                ensureIndexes();
                FactStore.BatchResult res = store.apply(s, i, r);
                batchTime.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
                if (res.refresh() != null) incrementalRefresh.record(res.refresh().millis(), TimeUnit.MILLISECONDS);
                sections.increment(res.sections());
                indicators.increment(res.indicators());
                summaries.increment(res.summaries());
                invalid.increment(res.invalid());
                completed.increment(res.completed().size());
                updatePending();
                if (!res.completed().isEmpty()) {
                    LOG.infof("batch of %d records: %d reports complete; ms per phase %s, per view %s", records,
                            res.completed().size(), res.phaseMillis(),
                            res.refresh() == null ? Map.of() : res.refresh().viewMillis());
                }
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

    /** Recomputes every view from the facts. */
    public Views.RefreshResult rebuildViews() {
        lock.lock();
        try {
            ensureIndexes();
            Views.RefreshResult r = views.rebuildAll();
            // Whatever was queued is covered by the full recompute.
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
