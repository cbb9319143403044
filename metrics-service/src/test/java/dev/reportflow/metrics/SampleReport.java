package dev.reportflow.metrics;

import dev.reportflow.events.IndicatorExtracted;
import dev.reportflow.events.ReportExtracted;
import dev.reportflow.events.ReportMetadata;
import dev.reportflow.events.ReportSource;
import dev.reportflow.events.SectionExtracted;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Builds the events extract-service would publish for one report. */
public final class SampleReport {
    public final String id;
    public String version = "1.0.0";
    public String region;
    public Integer year;
    public String adminLevel = "district";
    public String file;
    public String supersedes;
    public String extractedAt = "2026-01-01T00:00:00Z";
    private final List<SectionExtracted> sections = new ArrayList<>();
    private final List<IndicatorExtracted> indicators = new ArrayList<>();
    private int cursor = 100;

    public SampleReport(String name, String region, Integer year) {
        this.id = sha256(name);
        this.region = region;
        this.year = year;
        this.file = name + ".txt";
        section("preamble", null, 0, "", "other");
    }

    /**
     * The load harnesses' synthetic report: {@code sections} level-1 sections holding
     * {@code indicators} count indicators between them, two thirds mapped to a random canonical
     * metric, values 1–5,000.
     */
    public static SampleReport synthetic(String name, String region, int year, int sections, int indicators,
                                         java.util.Random rnd) {
        List<dev.reportflow.metrics.catalog.MetricCatalog.Metric> metrics = dev.reportflow.metrics.catalog.MetricCatalog.all();
        SampleReport rep = new SampleReport(name, region, year);
        for (int s = 0; s < sections; s++) {
            rep.section("s" + (s + 1), null, 1, "第" + (s + 1) + "部分", s == 0 ? "achievements" : "other");
            for (int i = s * indicators / sections; i < (s + 1) * indicators / sections; i++) {
                var m = rnd.nextInt(3) == 0 ? null : metrics.get(rnd.nextInt(metrics.size()));
                rep.indicator(m == null ? null : m.id(), 1 + rnd.nextInt(5000), "件", "count");
            }
        }
        return rep;
    }

    public static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public SampleReport version(String v, String extractedAt) {
        this.version = v;
        this.extractedAt = extractedAt;
        List<SectionExtracted> s = new ArrayList<>(sections);
        List<IndicatorExtracted> i = new ArrayList<>(indicators);
        sections.clear();
        indicators.clear();
        for (SectionExtracted x : s) sections.add(new SectionExtracted(x.schemaVersion(), x.eventId(), x.reportId(), v,
                x.ordinal(), x.sectionId(), x.parentId(), x.level(), x.number(), x.title(), x.category(), x.start(), x.end()));
        for (IndicatorExtracted x : i) indicators.add(new IndicatorExtracted(x.schemaVersion(), x.eventId(), x.reportId(), v,
                x.value(), x.unit(), x.approx(), x.kind(), x.direction(), x.subject(), x.metric(), x.metricRule(),
                x.sectionId(), x.sectionPath(), x.start(), x.end(), x.sentence()));
        return this;
    }

    public SampleReport section(String sectionId, String parentId, int level, String title, String category) {
        sections.add(new SectionExtracted(SectionExtracted.SCHEMA_VERSION, id + ":" + sectionId, id, version,
                sections.size(), sectionId, parentId, level, sectionId.equals("preamble") ? null : "一", title, category,
                cursor, cursor + 500));
        cursor += 10;
        return this;
    }

    /** An indicator in the last section; the sentence contains {@code text} where the quantity is. */
    public SampleReport indicator(String metric, double value, String unit, String kind, String sentence, String text) {
        String sectionId = sections.get(sections.size() - 1).sectionId();
        int start = cursor;
        cursor += 50;
        indicators.add(new IndicatorExtracted(IndicatorExtracted.SCHEMA_VERSION, id + ":" + start, id, version, value,
                unit, "exact", kind, null, metric, metric, metric == null ? null : "rule." + metric, sectionId,
                List.of(sectionId), start, start + text.length(), sentence));
        return this;
    }

    public SampleReport indicator(String metric, double value, String unit, String kind) {
        String text = (value == Math.floor(value) ? String.valueOf((long) value) : String.valueOf(value)) + unit;
        return indicator(metric, value, unit, kind, "全年共计" + text + "。", text);
    }

    public List<SectionExtracted> sections() {
        return List.copyOf(sections);
    }

    public List<IndicatorExtracted> indicators() {
        return List.copyOf(indicators);
    }

    public ReportExtracted summary() {
        return new ReportExtracted(ReportExtracted.SCHEMA_VERSION, id, version,
                new ReportMetadata(file, "UTF-8", region + year + "年度法治政府建设工作报告", region, region + "司法局",
                        adminLevel, year, null, 5000),
                new ReportSource("directory", "reports", file, 15000, "text/plain", null, null),
                supersedes, sections.size(), indicators.size(), 1234, extractedAt);
    }
}
