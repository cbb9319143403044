package dev.reportflow.metrics.service;

import dev.reportflow.metrics.views.AnomalyRules;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code reportflow.metrics.*} in application.properties. */
@ConfigMapping(prefix = "reportflow.metrics")
public interface MetricsConfig {

    Anomalies anomalies();

    /** How often interrupted view refreshes are finished and the pending gauge refreshed (used by @Scheduled). */
    @WithDefault("30s")
    String repairEvery();

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
