package dev.reportflow.metrics.views;

import java.util.List;

/**
 * Thresholds of the {@code anomalies} view.
 *
 * @param rateTolerance    percentage points a stated rate may differ from the rate its own counts give
 *                         before it is flagged (reports round rates, often to whole percent)
 * @param maxCount         largest plausible count (anything but money and percentages)
 * @param maxMoney         largest plausible amount of money in 元
 * @param maxPercent       largest plausible percentage of any kind (changes included)
 * @param rateMetrics      metrics that are rates whatever kind the extractor gave them
 * @param rateChecks       rate = numerator / denominator × 100 relations checked within one report
 */
public record AnomalyRules(double rateTolerance, double maxCount, double maxMoney, double maxPercent,
                           List<String> rateMetrics, List<RateCheck> rateChecks) {

    /** A stated rate and the two counts it should be computed from, e.g. mediation success. */
    public record RateCheck(String rate, String numerator, String denominator) {}

    public static final List<RateCheck> DEFAULT_RATE_CHECKS = List.of(
            new RateCheck("mediation.success_rate", "mediation.succeeded", "mediation.disputes"));

    public static final List<String> DEFAULT_RATE_METRICS =
            List.of("litigation.head_appearance_rate", "mediation.success_rate");

    public static AnomalyRules defaults() {
        return new AnomalyRules(0.5, 1e9, 1e12, 1000, DEFAULT_RATE_METRICS, DEFAULT_RATE_CHECKS);
    }
}
