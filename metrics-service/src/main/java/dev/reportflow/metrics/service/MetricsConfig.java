package dev.reportflow.metrics.service;

import dev.reportflow.metrics.views.AnomalyRules;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** {@code reportflow.metrics.*} in application.properties. */
@ConfigMapping(prefix = "reportflow.metrics")
public interface MetricsConfig {

    Anomalies anomalies();

    /** How often interrupted view refreshes are finished and the pending gauge refreshed (used by @Scheduled). */
    @WithDefault("30s")
    String repairEvery();

    /**
     * Refresh turns start at most this often (start to start), run by the refresher thread while the
     * consumer stores the next batches: reports completed meanwhile stay queued (on the reports,
     * crash-safe) and are refreshed together; a turn that takes longer is followed at once. 0 refreshes inside every batch, before its
     * offsets are committed (the tests' setting). Bounds how far the views lag the stored facts.
     */
    @WithName("views.refresh-interval")
    @WithDefault("1s")
    java.time.Duration viewsRefreshInterval();

    /**
     * The interval also grows to this many times the last refresh's duration, so refreshing takes at
     * most about 1 / factor of the time under load (factor > 1). Default 0 (a fixed interval).
     */
    @WithName("views.refresh-backoff")
    @WithDefault("0")
    double viewsRefreshBackoff();

    /**
     * Once no batch has been stored for this long, a queued turn starts at once, whatever the
     * backoff: the burst is over and nothing competes with the refresh for the server. 0 disables.
     */
    @WithName("views.refresh-when-idle")
    @WithDefault("300ms")
    java.time.Duration viewsRefreshWhenIdle();

    /** How often a refresher that stopped on an error is restarted for keys still queued (used by @Scheduled). */
    @WithName("views.flush-every")
    @WithDefault("250ms")
    String viewsFlushEvery();

    /**
     * At most this many queued reports per refresh turn; the rest wait for the next turn. Bounds how
     * long a rebuild or the repair job, which take the view lock, wait. Under a backlog larger turns
     * cost less per report (metric_by_region_year and coverage recompute whole region-years and
     * metrics): 1,000 against 200 took end-to-end throughput from 3,519 to 4,653 events/s
     * (docs/benchmarks.md).
     */
    @WithName("views.max-reports-per-refresh")
    @WithDefault("1000")
    int viewsMaxReportsPerRefresh();

    /**
     * metric_coverage (a summary over every region-year of a metric, so its cost grows with the whole
     * view) is recomputed by a refresh turn only when that turn empties the queue with the consumer
     * idle ({@link #viewsRefreshWhenIdle()}) or this long after its last computation; turns in between
     * queue its keys (crash-safe, in {@code view_queue}).
     * 0 computes it in every turn.
     */
    @WithName("views.coverage-max-lag")
    @WithDefault("10s")
    java.time.Duration viewsCoverageMaxLag();

    /** Attempts for a batch whose MongoDB writes fail before the channel gives up. */
    @WithDefault("5")
    int batchRetries();

    interface Anomalies {
        @WithDefault("0.5")
        double rateTolerance();

        @WithDefault("1e9")
        double maxCount();

        @WithDefault("1e12")
        double maxMoney();

        @WithDefault("1000")
        double maxPercent();
    }

    default AnomalyRules anomalyRules() {
        Anomalies a = anomalies();
        return new AnomalyRules(a.rateTolerance(), a.maxCount(), a.maxMoney(), a.maxPercent(),
                AnomalyRules.DEFAULT_RATE_METRICS, AnomalyRules.DEFAULT_RATE_CHECKS);
    }
}
