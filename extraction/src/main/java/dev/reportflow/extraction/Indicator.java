package dev.reportflow.extraction;

/** One stated quantity (spec/indicators.md §2). */
public record Indicator(
        String id,
        double value,
        String unit,
        String approx,
        String kind,
        String direction,
        String subject,
        String metric,
        String metricRule,
        String section,
        int start,
        int end,
        String sentence) {}
