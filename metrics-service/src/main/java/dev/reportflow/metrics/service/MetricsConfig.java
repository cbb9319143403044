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
     * Views are refreshed at most this often: a batch that completes reports within this time of
     * the last refresh leaves their keys queued (on the reports, crash-safe), and the next batch or
     * the flush timer ({@code reportflow.metrics.views.flush-every}) refreshes them all in one pass.
     * 0 refreshes after every batch. Bounds how far the views lag the stored facts.
     */
    @WithName("views.refresh-interval")
    @WithDefault("1s")
    java.time.Duration viewsRefreshInterval();

    /**
     * The interval also grows to this many times the last refresh's duration, so refreshing takes at
     * most about 1 / (1 + factor) of the time under load (each refresh then covers more batches).
     * Default 0 (a fixed interval): on the devstack at 1,000 reports a refresh of hundreds of
     * queued reports held the store for about a minute, the waiting batch exceeded the Kafka
     * connector's 60 s acknowledgement age and the channel failed (docs/benchmarks.md).
     */
    @WithName("views.refresh-backoff")
    @WithDefault("0")
    double viewsRefreshBackoff();

    /** How often the timer looks for queued view keys whose interval has passed (used by @Scheduled). */
    @WithName("views.flush-every")
    @WithDefault("250ms")
    String viewsFlushEvery();

    /** At most this many queued reports are refreshed while the store is held; the rest stay queued for the next turn. */
    @WithName("views.max-reports-per-refresh")
    @WithDefault("50")
    int viewsMaxReportsPerRefresh();

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
