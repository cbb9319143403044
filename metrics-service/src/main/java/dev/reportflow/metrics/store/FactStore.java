package dev.reportflow.metrics.store;

import static dev.reportflow.metrics.store.Db.*;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateManyModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import dev.reportflow.events.IndicatorExtracted;
import dev.reportflow.events.ReportExtracted;
import dev.reportflow.events.ReportMetadata;
import dev.reportflow.events.ReportSource;
import dev.reportflow.events.SectionExtracted;
import dev.reportflow.metrics.views.ViewKeys;
import dev.reportflow.metrics.views.Views;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jboss.logging.Logger;

/**
 * Writes events into the fact collections and decides when a report is complete.
 *
 * <p>Facts are upserted by deterministic ids ({@code reportId:version:sectionId},
 * {@code reportId:version:start}) with {@code $set} of the event's fields only, so a redelivered
 * event rewrites identical values and changes nothing. A report's summaries (one per extractor
 * version) are kept in {@code reports.versions}; the newest one by {@code extractedAt} is the
 * target. When the facts of the target version are all there, the report completes: facts of older
 * versions are deleted, the new ones are stamped {@code live} with the report's region and year
 * (only live facts enter the views), and the view keys touched before and after are queued on the
 * report ({@code stale_keys}) until {@link #refreshStale} has recomputed them.
 *
 * <p>Supersession: when report B (whose summary says {@code supersedes: A}) completes, A is marked
 * {@code superseded}, keeps its facts (the API still shows it) but leaves the views. If A arrives
 * after B, it is marked superseded when it completes.
 *
 * <p>Not thread-safe: one caller at a time (the consumer holds a lock). All events of one report
 * share a key and so a partition number; the consumer group's range assignor gives a report's
 * three partitions to the same instance.
 */
public final class FactStore {
    private static final Logger LOG = Logger.getLogger(FactStore.class);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final MongoDatabase db;
    private final Views views;

    public FactStore(MongoDatabase db, Views views) {
        this.db = db;
        this.views = views;
    }

    /** What one batch did. */
    public record BatchResult(int sections, int indicators, int summaries, int invalid, Set<String> touched,
                              List<String> completed, Views.RefreshResult refresh, Map<String, Long> phaseMillis) {}

    public BatchResult apply(List<SectionExtracted> sections, List<IndicatorExtracted> indicators,
                             List<ReportExtracted> summaries) {
        int invalid = 0;
        Set<String> touched = new LinkedHashSet<>();

        List<WriteModel<Document>> sectionWrites = new ArrayList<>();
        for (SectionExtracted s : sections) {
            if (s == null || s.reportId() == null || s.extractorVersion() == null || s.sectionId() == null) {
                invalid++;
                continue;
            }
            touched.add(s.reportId());
            sectionWrites.add(new UpdateOneModel<>(Filters.eq(ID, sectionKey(s.reportId(), s.extractorVersion(), s.sectionId())),
                    new Document("$set", sectionFields(s)), UPSERT));
        }
        List<WriteModel<Document>> indicatorWrites = new ArrayList<>();
        for (IndicatorExtracted i : indicators) {
            if (i == null || i.reportId() == null || i.extractorVersion() == null) {
                invalid++;
                continue;
            }
            touched.add(i.reportId());
            indicatorWrites.add(new UpdateOneModel<>(Filters.eq(ID, indicatorKey(i.reportId(), i.extractorVersion(), i.start())),
                    new Document("$set", indicatorFields(i)), UPSERT));
        }
        List<ReportExtracted> validSummaries = new ArrayList<>();
        for (ReportExtracted r : summaries) {
            if (r == null || r.reportId() == null || r.extractorVersion() == null) {
                invalid++;
                continue;
            }
            touched.add(r.reportId());
            validSummaries.add(r);
        }
        Map<String, Long> phases = new java.util.LinkedHashMap<>();
        long t = System.nanoTime();
        if (!sectionWrites.isEmpty()) collection(SECTIONS).bulkWrite(sectionWrites, UNORDERED);
        if (!indicatorWrites.isEmpty()) collection(INDICATORS).bulkWrite(indicatorWrites, UNORDERED);

        if (!touched.isEmpty()) {
            // A report becomes visible (pending) with its first event of any kind.
            List<WriteModel<Document>> stubs = new ArrayList<>();
            for (String id : touched) {
                stubs.add(new UpdateOneModel<>(Filters.eq(ID, id),
                        Updates.setOnInsert(new Document("status", PENDING).append("versions", List.of())), UPSERT));
            }
            collection(REPORTS).bulkWrite(stubs, UNORDERED);
        }
        if (!validSummaries.isEmpty()) {
            // A version's summary is kept once: a redelivery (or a replay through the same extractor) is ignored.
            List<WriteModel<Document>> pushes = new ArrayList<>();
            for (ReportExtracted r : validSummaries) {
                pushes.add(new UpdateOneModel<>(
                        Filters.and(Filters.eq(ID, r.reportId()), Filters.ne("versions.version", r.extractorVersion())),
                        Updates.push("versions", summaryEntry(r))));
            }
            collection(REPORTS).bulkWrite(pushes, UNORDERED);
        }

        t = lap(phases, "upserts", t);
        List<String> completed = new ArrayList<>();
        if (!touched.isEmpty()) {
            Map<String, Integer> sectionCounts = countByVersion(SECTIONS, touched);
            Map<String, Integer> indicatorCounts = countByVersion(INDICATORS, touched);
            List<Completion> completions = new ArrayList<>();
            Map<String, List<String>> staleVersions = new HashMap<>();
            for (Document doc : collection(REPORTS).find(Filters.in(ID, touched))) {
                Completion c = reconcile(doc, sectionCounts, indicatorCounts, staleVersions);
                if (c != null) completions.add(c);
            }
            deleteVersions(staleVersions);
            if (!completions.isEmpty()) completeAll(completions);
            for (Completion c : completions) completed.add(c.id());
        }
        t = lap(phases, "completion", t);
        Views.RefreshResult refresh = refreshStale(Filters.in(ID, touched));
        lap(phases, "views", t);
        return new BatchResult(sectionWrites.size(), indicatorWrites.size(), validSummaries.size(), invalid,
                touched, completed, refresh, phases);
    }

    private static long lap(Map<String, Long> phases, String name, long since) {
        long now = System.nanoTime();
        phases.put(name, (now - since) / 1_000_000);
        return now;
    }

    /** Recomputes the view keys queued on the matching reports, then clears the queue. */
    public Views.RefreshResult refreshStale(Bson reportFilter) {
        ViewKeys keys = ViewKeys.empty();
        List<String> ids = new ArrayList<>();
        for (Document d : collection(REPORTS).find(Filters.and(reportFilter, Filters.exists("stale_keys")))
                .projection(new Document("stale_keys", 1))) {
            ids.add(d.getString(ID));
            keys.addAll(ViewKeys.fromDocument(d.get("stale_keys", Document.class)));
        }
        if (ids.isEmpty()) return null;
        Views.RefreshResult r = views.refresh(keys);
        collection(REPORTS).updateMany(Filters.in(ID, ids), Updates.unset("stale_keys"));
        LOG.debugf("refreshed views for %s reports %s in %s ms", (Object) ids.size(), keys, (Object) r.millis());
        return r;
    }

    /** Every report whose view refresh is outstanding (after a crash between completion and refresh). */
    public Views.RefreshResult refreshAllStale() {
        return refreshStale(new Document());
    }

    /** A report whose newest version has all its facts, with the versions it replaces. */
    private record Completion(Document doc, Document target, List<String> older) {
        String id() {
            return doc.getString(ID);
        }

        String version() {
            return target.getString("version");
        }
    }

    /**
     * Decides what a touched report needs: nothing, a pending-state update, the removal of a
     * redelivered older version, or completion (returned, done for the whole batch at once).
     */
    private Completion reconcile(Document doc, Map<String, Integer> sectionCounts, Map<String, Integer> indicatorCounts,
                                 Map<String, List<String>> staleVersions) {
        String id = doc.getString(ID);
        List<Document> versions = doc.getList("versions", Document.class, List.of());
        Document target = versions.stream().max(VERSION_ORDER).orElse(null);
        String current = doc.getString(VERSION);

        if (target == null) {
            // Facts without a summary yet.
            int s = 0, i = 0;
            for (var e : sectionCounts.entrySet()) if (e.getKey().startsWith(id + "|")) s += e.getValue();
            for (var e : indicatorCounts.entrySet()) if (e.getKey().startsWith(id + "|")) i += e.getValue();
            collection(REPORTS).updateOne(Filters.eq(ID, id), Updates.combine(
                    Updates.set("received_sections", s), Updates.set("received_indicators", i)));
            return null;
        }
        String tv = target.getString("version");
        List<String> older = new ArrayList<>();
        for (Document v : versions) if (VERSION_ORDER.compare(v, target) < 0) older.add(v.getString("version"));

        if (tv.equals(current)) {
            // Complete already: a redelivered event of an older version is dropped again.
            List<String> stale = older.stream().filter(v -> sectionCounts.containsKey(id + "|" + v)
                    || indicatorCounts.containsKey(id + "|" + v)).toList();
            if (!stale.isEmpty()) staleVersions.put(id, stale);
            return null;
        }

        int s = sectionCounts.getOrDefault(id + "|" + tv, 0);
        int i = indicatorCounts.getOrDefault(id + "|" + tv, 0);
        int expectedS = target.getInteger("sections", 0);
        int expectedI = target.getInteger("indicators", 0);
        if (s >= expectedS && i >= expectedI) {
            if (s > expectedS || i > expectedI) {
                LOG.warnf("report %s version %s has %d/%d sections and %d/%d indicators: more than its summary counts",
                        id, tv, s, expectedS, i, expectedI);
            }
            return new Completion(doc, target, older);
        }
        List<Bson> set = new ArrayList<>(List.of(
                Updates.set("pending_version", tv),
                Updates.set("received_sections", s), Updates.set("received_indicators", i),
                Updates.set("expected_sections", expectedS), Updates.set("expected_indicators", expectedI)));
        if (current == null) {
            // Not in the views yet: show what the newest summary says about it.
            set.add(Updates.set("status", PENDING));
            metadata(target).forEach((k, v) -> set.add(Updates.set(k, v)));
        }
        collection(REPORTS).updateOne(Filters.eq(ID, id), Updates.combine(set));
        return null;
    }

    /**
     * Completes reports, all of a batch together: each step is one query or one bulk write for the
     * batch rather than one per report, and facts are re-stamped by {@code _id} (a server without
     * secondary indexes, like mongo-java-server, scans a collection for every other filter).
     */
    private void completeAll(List<Completion> completions) {
        Map<String, Completion> byId = new LinkedHashMap<>();
        for (Completion c : completions) byId.put(c.id(), c);

        // Who supersedes whom: completed reports already stored, and completions of this batch.
        Map<String, String> supersededBy = new HashMap<>();
        for (Document b : collection(REPORTS).find(Filters.and(Filters.in("supersedes", byId.keySet()),
                Filters.ne(VERSION, null))).projection(new Document("supersedes", 1))) {
            if (!b.getString(ID).equals(b.getString("supersedes"))) supersededBy.put(b.getString("supersedes"), b.getString(ID));
        }
        for (Completion c : completions) {
            String a = c.target().getString("supersedes");
            if (a != null && !a.equals(c.id()) && byId.containsKey(a)) supersededBy.put(a, c.id());
        }
        // Reports outside this batch that a live completion now supersedes.
        Map<String, String> replacedBy = new LinkedHashMap<>();
        for (Completion c : completions) {
            String a = c.target().getString("supersedes");
            if (a != null && !a.equals(c.id()) && !supersededBy.containsKey(c.id()) && !byId.containsKey(a)) {
                replacedBy.put(a, c.id());
            }
        }
        Map<String, Document> replaced = new HashMap<>();
        if (!replacedBy.isEmpty()) {
            for (Document a : collection(REPORTS).find(Filters.in(ID, replacedBy.keySet()))) replaced.put(a.getString(ID), a);
        }

        Set<String> affected = new LinkedHashSet<>(byId.keySet());
        affected.addAll(replaced.keySet());
        Map<String, ViewKeys> before = liveKeys(affected);

        List<Bson> drop = new ArrayList<>();
        for (Completion c : completions) {
            if (!c.older().isEmpty()) drop.add(Filters.and(Filters.eq(REPORT_ID, c.id()), Filters.in(VERSION, c.older())));
        }
        if (!drop.isEmpty()) {
            collection(SECTIONS).deleteMany(Filters.or(drop));
            collection(INDICATORS).deleteMany(Filters.or(drop));
        }

        // Re-stamp the facts of the completed versions, and unstamp the replaced reports.
        Map<String, Document> stamps = new HashMap<>();
        for (Completion c : completions) {
            Document meta = metadata(c.target());
            stamps.put(c.id() + "|" + c.version(), new Document(LIVE, !supersededBy.containsKey(c.id()))
                    .append(REGION, meta.get(REGION)).append(REPORT_YEAR, meta.get(REPORT_YEAR))
                    .append(ADMIN_LEVEL, meta.get(ADMIN_LEVEL)).append(FILE, meta.get(FILE)));
        }
        Map<String, ViewKeys> after = new HashMap<>();
        for (String coll : List.of(SECTIONS, INDICATORS)) {
            List<WriteModel<Document>> writes = new ArrayList<>();
            for (Document f : collection(coll).find(Filters.in(REPORT_ID, affected))
                    .projection(new Document(REPORT_ID, 1).append(VERSION, 1).append("metric", 1).append(LIVE, 1))) {
                String r = f.getString(REPORT_ID);
                Document stamp = stamps.get(r + "|" + f.getString(VERSION));
                if (stamp != null) {
                    writes.add(new UpdateOneModel<>(Filters.eq(ID, f.get(ID)), new Document("$set", stamp)));
                    if (coll.equals(INDICATORS) && stamp.getBoolean(LIVE)) {
                        after.computeIfAbsent(r, x -> ViewKeys.empty()).addMetric(f.getString("metric"))
                                .addRegionYear(stamp.getString(REGION), stamp.getInteger(REPORT_YEAR));
                    }
                } else if (replaced.containsKey(r) && Boolean.TRUE.equals(f.getBoolean(LIVE))) {
                    writes.add(new UpdateOneModel<>(Filters.eq(ID, f.get(ID)), Updates.set(LIVE, false)));
                }
            }
            if (!writes.isEmpty()) collection(coll).bulkWrite(writes, UNORDERED);
        }

        List<WriteModel<Document>> reportWrites = new ArrayList<>();
        for (var e : replaced.entrySet()) {
            List<Bson> mark = new ArrayList<>(List.of(Updates.set("superseded_by", replacedBy.get(e.getKey()))));
            // A pending report stays pending; it is marked superseded when it completes.
            if (e.getValue().getString(VERSION) != null) mark.add(Updates.set("status", SUPERSEDED));
            reportWrites.add(new UpdateOneModel<>(Filters.eq(ID, e.getKey()), Updates.combine(mark)));
        }
        for (Completion c : completions) {
            String id = c.id();
            boolean live = !supersededBy.containsKey(id);
            Document meta = metadata(c.target());
            ViewKeys stale = ViewKeys.fromDocument(c.doc().get("stale_keys", Document.class)).addReport(id);
            stale.addAll(before.getOrDefault(id, ViewKeys.empty()));
            stale.addAll(after.getOrDefault(id, ViewKeys.empty()));
            stale.addRegionYear(meta.getString(REGION), meta.getInteger(REPORT_YEAR));
            String a = c.target().getString("supersedes");
            if (a != null && replaced.containsKey(a) && replacedBy.get(a).equals(id)) {
                stale.addReport(a).addAll(before.getOrDefault(a, ViewKeys.empty()));
            }
            List<Bson> set = new ArrayList<>();
            meta.forEach((k, v) -> set.add(Updates.set(k, v)));
            set.add(Updates.set("status", live ? COMPLETE : SUPERSEDED));
            set.add(Updates.set(VERSION, c.version()));
            set.add(Updates.set("sections", c.target().getInteger("sections", 0)));
            set.add(Updates.set("indicators", c.target().getInteger("indicators", 0)));
            set.add(Updates.set("completed_at", c.target().getString("extracted_at")));
            set.add(Updates.set("superseded_by", live ? null : supersededBy.get(id)));
            set.add(Updates.set("stale_keys", stale.toDocument()));
            for (String f : List.of("pending_version", "received_sections", "received_indicators",
                    "expected_sections", "expected_indicators")) {
                set.add(Updates.unset(f));
            }
            reportWrites.add(new UpdateOneModel<>(Filters.eq(ID, id), Updates.combine(set)));
            LOG.infof("report %s version %s complete (%s), %s", id, c.version(),
                    live ? "live" : "superseded by " + supersededBy.get(id), stale);
        }
        collection(REPORTS).bulkWrite(reportWrites, UNORDERED);
    }

    private void deleteVersions(Map<String, List<String>> versionsByReport) {
        if (versionsByReport.isEmpty()) return;
        List<Bson> or = new ArrayList<>();
        versionsByReport.forEach((id, v) -> or.add(Filters.and(Filters.eq(REPORT_ID, id), Filters.in(VERSION, v))));
        collection(SECTIONS).deleteMany(Filters.or(or));
        collection(INDICATORS).deleteMany(Filters.or(or));
    }

    /** The view keys the given reports' live facts currently occupy, per report. */
    private Map<String, ViewKeys> liveKeys(Set<String> reportIds) {
        Map<String, ViewKeys> out = new HashMap<>();
        List<Bson> p = List.of(
                new Document("$match", new Document(REPORT_ID, new Document("$in", new ArrayList<>(reportIds)))
                        .append(LIVE, true)),
                new Document("$group", new Document(ID, new Document("r", "$report_id").append("metric", "$metric")
                        .append(REGION, "$region").append(REPORT_YEAR, "$report_year"))));
        for (Document d : collection(INDICATORS).aggregate(p)) {
            Document key = d.get(ID, Document.class);
            Object y = key.get(REPORT_YEAR);
            out.computeIfAbsent(key.getString("r"), x -> ViewKeys.empty()).addReport(key.getString("r"))
                    .addMetric(key.getString("metric"))
                    .addRegionYear(key.getString(REGION), y instanceof Number n ? n.intValue() : null);
        }
        return out;
    }

    /** {@code reportId|version} → number of facts, for the given reports. */
    private Map<String, Integer> countByVersion(String coll, Set<String> reportIds) {
        Map<String, Integer> out = new HashMap<>();
        List<Bson> p = List.of(
                new Document("$match", new Document(REPORT_ID, new Document("$in", new ArrayList<>(reportIds)))),
                new Document("$group", new Document(ID, new Document("r", "$report_id").append("v", "$version"))
                        .append("n", new Document("$sum", 1))));
        for (Document d : collection(coll).aggregate(p)) {
            Document key = d.get(ID, Document.class);
            out.put(key.getString("r") + "|" + key.getString("v"), ((Number) d.get("n")).intValue());
        }
        return out;
    }

    private MongoCollection<Document> collection(String name) {
        return db.getCollection(name);
    }

    /** Newest summary first by extractedAt, then by version string so the order is total. */
    static final Comparator<Document> VERSION_ORDER = Comparator
            .comparing((Document v) -> instant(v.getString("extracted_at")))
            .thenComparing(v -> Objects.toString(v.getString("version"), ""));

    static Instant instant(String iso) {
        if (iso == null) return Instant.MIN;
        try {
            return Instant.parse(iso);
        } catch (DateTimeParseException e) {
            return Instant.MIN;
        }
    }

    // ---------------------------------------------------------------- documents

    static Document sectionFields(SectionExtracted s) {
        return new Document(REPORT_ID, s.reportId()).append(VERSION, s.extractorVersion())
                .append("event_id", s.eventId()).append("section_id", s.sectionId())
                .append("parent_id", s.parentId()).append("ordinal", s.ordinal()).append("level", s.level())
                .append("number", s.number()).append("title", s.title()).append("category", s.category())
                .append("start", s.start()).append("end", s.end());
    }

    static Document indicatorFields(IndicatorExtracted i) {
        return new Document(REPORT_ID, i.reportId()).append(VERSION, i.extractorVersion())
                .append("event_id", i.eventId()).append("value", i.value()).append("unit", i.unit())
                .append("approx", i.approx()).append("kind", i.kind()).append("direction", i.direction())
                .append("subject", i.subject()).append("metric", i.metric()).append("metric_rule", i.metricRule())
                .append("section_id", i.sectionId())
                .append("section_key", i.sectionId() == null ? null : sectionKey(i.reportId(), i.extractorVersion(), i.sectionId()))
                .append("section_path", i.sectionPath()).append("start", i.start()).append("end", i.end())
                .append("sentence", i.sentence());
    }

    static Document summaryEntry(ReportExtracted r) {
        ReportMetadata m = r.report();
        ReportSource s = r.source();
        Document report = m == null ? null : new Document(FILE, m.file()).append("encoding", m.encoding())
                .append("title", m.title()).append(REGION, m.region()).append("agency", m.agency())
                .append(ADMIN_LEVEL, m.adminLevel()).append(REPORT_YEAR, m.reportYear())
                .append("published", m.published()).append("chars", m.chars());
        Document source = s == null ? null : new Document("kind", s.kind()).append("bucket", s.bucket())
                .append("key", s.key()).append("size", s.size()).append("content_type", s.contentType())
                .append("etag", s.etag()).append("last_modified", s.lastModified());
        return new Document("version", r.extractorVersion()).append("extracted_at", r.extractedAt())
                .append("sections", r.sectionCount()).append("indicators", r.indicatorCount())
                .append("supersedes", r.supersedes()).append("duration_micros", r.durationMicros())
                .append("report", report).append("source", source);
    }

    /** Top-level report fields, taken from a summary entry. */
    static Document metadata(Document summary) {
        Document m = summary.get("report", Document.class);
        Document out = new Document();
        for (String f : List.of(FILE, "title", REGION, "agency", ADMIN_LEVEL, REPORT_YEAR, "published", "encoding", "chars")) {
            out.append(f, m == null ? null : m.get(f));
        }
        out.append("source", summary.get("source"));
        out.append("supersedes", summary.get("supersedes"));
        out.append("extracted_at", summary.get("extracted_at"));
        out.append("extractor_version", summary.get("version"));
        return out;
    }
}
