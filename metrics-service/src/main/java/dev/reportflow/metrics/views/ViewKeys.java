package dev.reportflow.metrics.views;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;

/**
 * What a refresh recomputes. Rows are keyed by metric × region × year, region × year, metric and
 * report; a refresh recomputes every row inside the cross product of the sets it is given (a
 * superset of the changed keys, which is harmless: those rows are recomputed to what they were).
 * Region and year may contain null (a report whose metadata says nothing).
 *
 * <p>{@link #additionsOnly()}: the facts behind these keys only grew (reports entering the views for
 * the first time). Every view row is a function of the live facts in its key, and a group never
 * disappears when facts are added, so such a refresh rewrites every existing row of its keys and
 * has nothing to sweep. Any report leaving the views (re-extraction, supersession) clears the flag,
 * and so does a queue written before the flag existed.
 */
public final class ViewKeys {
    private final Set<String> metrics = new HashSet<>();
    private final Set<String> regions = new HashSet<>();
    private final Set<Integer> years = new HashSet<>();
    private final Set<String> reports = new HashSet<>();
    private boolean additionsOnly = true;

    public static ViewKeys empty() {
        return new ViewKeys();
    }

    public ViewKeys addMetric(String metric) {
        if (metric != null) metrics.add(metric);
        return this;
    }

    public ViewKeys addMetrics(Collection<String> metrics) {
        metrics.forEach(this::addMetric);
        return this;
    }

    /** The keys one live indicator occupies (a metric-less one only its region and year). */
    public ViewKeys addRow(String metric, String region, Integer year) {
        return addMetric(metric).addRegionYear(region, year);
    }

    public ViewKeys addRegionYear(String region, Integer year) {
        regions.add(region);
        years.add(year);
        return this;
    }

    public ViewKeys addReport(String reportId) {
        if (reportId != null) reports.add(reportId);
        return this;
    }

    /** Marks that some report leaves the views (or changes what it shows): rows may have to go. */
    public ViewKeys withRemovals() {
        additionsOnly = false;
        return this;
    }

    public boolean additionsOnly() {
        return additionsOnly;
    }

    public ViewKeys addAll(ViewKeys other) {
        additionsOnly &= other.additionsOnly;
        metrics.addAll(other.metrics);
        regions.addAll(other.regions);
        years.addAll(other.years);
        reports.addAll(other.reports);
        return this;
    }

    public boolean isEmpty() {
        return metrics.isEmpty() && regions.isEmpty() && reports.isEmpty();
    }

    public Set<String> metrics() { return metrics; }
    public Set<String> regions() { return regions; }
    public Set<Integer> years() { return years; }
    public Set<String> reports() { return reports; }

    /** Stored on a report while its view refresh is outstanding, so a crash loses no key. */
    public Document toDocument() {
        return new Document("metrics", new ArrayList<>(metrics))
                .append("regions", new ArrayList<>(regions))
                .append("years", new ArrayList<>(years))
                .append("reports", new ArrayList<>(reports))
                .append("additions_only", additionsOnly);
    }

    public static ViewKeys fromDocument(Document d) {
        ViewKeys k = new ViewKeys();
        if (d == null) return k;
        k.additionsOnly = Boolean.TRUE.equals(d.getBoolean("additions_only"));
        k.metrics.addAll(list(d.get("metrics"), String.class));
        k.regions.addAll(list(d.get("regions"), String.class));
        for (Number n : list(d.get("years"), Number.class)) k.years.add(n == null ? null : n.intValue());
        k.reports.addAll(list(d.get("reports"), String.class));
        return k;
    }

    private static <T> List<T> list(Object o, Class<T> type) {
        List<T> out = new ArrayList<>();
        if (o instanceof Collection<?> c) for (Object x : c) out.add(x == null ? null : type.cast(x));
        return out;
    }

    @Override
    public String toString() {
        return "ViewKeys{metrics=" + metrics.size() + ", regions=" + regions + ", years=" + years
                + ", reports=" + reports.size()
                + (additionsOnly ? "" : ", removals") + "}";
    }
}
