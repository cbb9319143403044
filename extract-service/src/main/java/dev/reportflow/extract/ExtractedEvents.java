package dev.reportflow.extract;

import dev.reportflow.events.EventJson;
import dev.reportflow.events.IndicatorExtracted;
import dev.reportflow.events.ReportExtracted;
import dev.reportflow.events.ReportIngested;
import dev.reportflow.events.ReportMetadata;
import dev.reportflow.events.SectionExtracted;
import dev.reportflow.extraction.Extraction;
import dev.reportflow.extraction.Indicator;
import dev.reportflow.extraction.ReportInfo;
import dev.reportflow.extraction.Section;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;

/**
 * The events of one report, already serialized, in publishing order: sections, indicators, then the summary.
 * Ids depend only on the report id and the extractor's output, so a redelivered report yields identical ids.
 */
public record ExtractedEvents(String reportId, List<byte[]> sections, List<byte[]> indicators, byte[] summary,
                              int sectionCount, int indicatorCount, String extractorVersion) {

    /** An extraction whose output breaks a size bound. */
    public static final class TooLarge extends Exception {
        public TooLarge(String message) {
            super(message);
        }
    }

    public static ExtractedEvents of(ReportIngested in, Extraction ex, long durationMicros, Instant now,
                                     int maxEvents, int maxEventBytes) throws TooLarge {
        String reportId = in.reportId();
        String version = ex.extractorVersion();
        List<Section> secs = ex.sections() == null ? List.of() : ex.sections();
        List<Indicator> inds = ex.indicators() == null ? List.of() : ex.indicators();
        if (secs.size() + inds.size() > maxEvents) {
            throw new TooLarge(secs.size() + " sections and " + inds.size() + " indicators exceed the bound of "
                    + maxEvents + " events per report");
        }

        Map<String, Section> byId = new HashMap<>();
        for (Section s : secs) byId.put(s.id(), s);

        List<byte[]> sectionJson = new ArrayList<>(secs.size());
        for (int i = 0; i < secs.size(); i++) {
            Section s = secs.get(i);
            SectionExtracted e = new SectionExtracted(SectionExtracted.SCHEMA_VERSION, reportId + ":" + s.id(),
                    reportId, version, i, s.id(), s.parent(), s.level(), s.number(), s.title(), s.category(),
                    s.start(), s.end());
            sectionJson.add(bounded(EventJson.write(e), "section " + s.id(), maxEventBytes));
        }

        Map<String, List<String>> paths = new HashMap<>();
        List<byte[]> indicatorJson = new ArrayList<>(inds.size());
        for (Indicator ind : inds) {
            String eventId = ind.id() != null ? ind.id() : reportId + ":" + ind.start();
            List<String> path = ind.section() == null ? List.of()
                    : paths.computeIfAbsent(ind.section(), id -> sectionPath(id, byId));
            IndicatorExtracted e = new IndicatorExtracted(IndicatorExtracted.SCHEMA_VERSION, eventId, reportId,
                    version, ind.value(), ind.unit(), ind.approx(), ind.kind(), ind.direction(), ind.subject(),
                    ind.metric(), ind.metricRule(), ind.section(), path, ind.start(), ind.end(), ind.sentence());
            indicatorJson.add(bounded(EventJson.write(e), "indicator " + eventId, maxEventBytes));
        }

        ReportInfo info = ex.report();
        ReportMetadata meta = info == null ? null : new ReportMetadata(
                info.file() != null ? info.file() : in.fileName(), info.encoding(), info.title(), info.region(),
                info.agency(), info.adminLevel(), info.reportYear(), info.published(), info.chars());
        ReportExtracted summary = new ReportExtracted(ReportExtracted.SCHEMA_VERSION, reportId, version, meta,
                in.source(), in.supersedes(), secs.size(), inds.size(), durationMicros, now.toString());
        return new ExtractedEvents(reportId, sectionJson, indicatorJson,
                bounded(EventJson.write(summary), "summary", maxEventBytes), secs.size(), inds.size(), version);
    }

    /** Titles from level 1 down to the section itself; stops on a missing parent or a cycle. */
    static List<String> sectionPath(String sectionId, Map<String, Section> byId) {
        LinkedList<String> path = new LinkedList<>();
        Section s = byId.get(sectionId);
        int guard = 0;
        while (s != null && guard++ < 32) {
            path.addFirst(s.title());
            s = s.parent() == null ? null : byId.get(s.parent());
        }
        return List.copyOf(path.stream().map(t -> t == null ? "" : t).toList());
    }

    private static byte[] bounded(byte[] json, String what, int max) throws TooLarge {
        if (json.length > max) throw new TooLarge(what + " serializes to " + json.length + " bytes, over " + max);
        return json;
    }

    public int eventCount() {
        return sections.size() + indicators.size() + 1;
    }
}
