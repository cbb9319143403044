package dev.reportflow.metrics.store;

import static dev.reportflow.metrics.store.Db.*;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
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
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
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

    private static final String FACT_VERSIONS = "fact_versions";

    private final MongoDatabase db;
    private final Views views;
    private final Manifests manifests;

    public FactStore(MongoDatabase db, Views views) {
        this.db = db;
        this.views = views;
        this.manifests = new Manifests(db);
    }

    /** What one batch did. */
    public record BatchResult(int sections, int indicators, int summaries, int invalid, Set<String> touched,
                              List<String> completed, Views.RefreshResult refresh, Map<String, Long> phaseMillis) {}

    public BatchResult apply(List<SectionExtracted> sections, List<IndicatorExtracted> indicators,
                             List<ReportExtracted> summaries) {
        return apply(sections, indicators, summaries, true);
    }

    /**
     * Stores a batch; with {@code refreshViews} false the view keys of the reports it completes stay
     * queued on them ({@code stale_keys}) for a later {@link #refreshStale(Collection)}.
     */
    public BatchResult apply(List<SectionExtracted> sections, List<IndicatorExtracted> indicators,
                             List<ReportExtracted> summaries, boolean refreshViews) {
        // One method per phase. As one method of 150 lines, C2 compiled it whole, 1-2.5 s a time and
        // several times per load run (JFR); in phases each is compiled, and after a deoptimization
        // recompiled, on its own (docs/benchmarks.md, metrics-service round 7).
        Incoming in = Incoming.of(sections, indicators, summaries);
        Map<String, Long> phases = new LinkedHashMap<>();
        long t = System.nanoTime();

        // 1. Read: the touched reports and the manifests of every version they know (by _id only).
        Known known = read(in);
        // 2. Decide: pending states, redelivered old versions, completions and how their facts are stamped.
        List<Completion> completions = new ArrayList<>();
        Map<String, List<String>> staleVersions = new HashMap<>();
        List<WriteModel<Document>> pendingWrites = new ArrayList<>();
        for (Document doc : known.docs().values()) {
            Completion c = reconcile(doc, known.sectionCounts(), known.indicatorCounts(), staleVersions, pendingWrites);
            if (c != null) completions.add(c);
        }
        Plan plan = plan(completions);
        t = lap(phases, "read", t);

        // 3. Write the facts, their manifests, then the reports.
        write(in, known, plan, pendingWrites);
        t = lap(phases, "upserts", t);

        deleteVersions(staleVersions, known.manifests());
        Set<String> written = new HashSet<>(in.metricOf().keySet());
        in.sectionIds().values().forEach(written::addAll);
        if (!completions.isEmpty()) completeAll(completions, plan, known.manifests(), in.metricOf(), written);
        List<String> completed = new ArrayList<>();
        for (Completion c : completions) completed.add(c.id());
        t = lap(phases, "completion", t);
        Views.RefreshResult refresh = refreshViews ? refreshStale(in.touched()) : null;
        if (refreshViews) lap(phases, "views", t);
        return new BatchResult(in.sections().size(), in.indicators().size(), in.summaries().size(), in.invalid(),
                in.touched(), completed, refresh, phases);
    }

    /**
     * A batch's valid events, the reports they touch, and their fact ids per report version
     * (manifest id → ids), the versions each report has facts of, and each indicator's metric.
     */
    private record Incoming(List<SectionExtracted> sections, List<IndicatorExtracted> indicators,
                            List<ReportExtracted> summaries, int invalid, Set<String> touched,
                            Map<String, List<String>> sectionIds, Map<String, List<String>> indicatorIds,
                            Map<String, Set<String>> factVersions, Map<String, String> metricOf) {
        static Incoming of(List<SectionExtracted> sections, List<IndicatorExtracted> indicators,
                           List<ReportExtracted> summaries) {
            int invalid = 0;
            Set<String> touched = new LinkedHashSet<>();
            Map<String, List<String>> sectionIds = new LinkedHashMap<>(), indicatorIds = new LinkedHashMap<>();
            Map<String, Set<String>> factVersions = new LinkedHashMap<>();
            Map<String, String> metricOf = new HashMap<>();
            List<SectionExtracted> validSections = new ArrayList<>();
            for (SectionExtracted s : sections) {
                if (s == null || s.reportId() == null || s.extractorVersion() == null || s.sectionId() == null) {
                    invalid++;
                    continue;
                }
                touched.add(s.reportId());
                validSections.add(s);
                sectionIds.computeIfAbsent(Manifests.manifestId(s.reportId(), s.extractorVersion()), k -> new ArrayList<>())
                        .add(sectionKey(s.reportId(), s.extractorVersion(), s.sectionId()));
                factVersions.computeIfAbsent(s.reportId(), k -> new LinkedHashSet<>()).add(s.extractorVersion());
            }
            List<IndicatorExtracted> validIndicators = new ArrayList<>();
            for (IndicatorExtracted i : indicators) {
                if (i == null || i.reportId() == null || i.extractorVersion() == null) {
                    invalid++;
                    continue;
                }
                touched.add(i.reportId());
                validIndicators.add(i);
                String id = indicatorKey(i.reportId(), i.extractorVersion(), i.start());
                indicatorIds.computeIfAbsent(Manifests.manifestId(i.reportId(), i.extractorVersion()), k -> new ArrayList<>()).add(id);
                factVersions.computeIfAbsent(i.reportId(), k -> new LinkedHashSet<>()).add(i.extractorVersion());
                metricOf.put(id, i.metric());
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
            return new Incoming(validSections, validIndicators, validSummaries, invalid, touched, sectionIds,
                    indicatorIds, factVersions, metricOf);
        }
    }

    /**
     * What the database knows of a batch's reports: their documents (with the batch's new summaries
     * added), the summaries to push, every version's manifest (with the batch's facts added), which
     * manifests and facts were stored already, and the fact counts per version.
     */
    private record Known(Map<String, Document> docs, List<WriteModel<Document>> pushes,
                         Map<String, Manifests.Manifest> manifests, Set<String> storedManifests, Set<String> storedFacts,
                         Map<String, Integer> sectionCounts, Map<String, Integer> indicatorCounts) {}

    private Known read(Incoming in) {
        Map<String, Document> docs = new LinkedHashMap<>();
        for (Document d : Manifests.findByIds(collection(REPORTS), in.touched(), null)) docs.put(d.getString(ID), d);
        for (String id : in.touched()) {
            docs.computeIfAbsent(id, k -> new Document(ID, k).append("status", PENDING).append("versions", new ArrayList<>()));
        }
        // A version's summary is kept once: a redelivery (or a replay through the same extractor) is ignored.
        // Decided here and pushed by _id (a filter on versions.version would scan on mongo-java-server);
        // one thread stores a report's events (see the class comment).
        List<WriteModel<Document>> pushes = new ArrayList<>();
        for (ReportExtracted r : in.summaries()) {
            Document doc = docs.get(r.reportId());
            List<Document> versions = new ArrayList<>(doc.getList("versions", Document.class, List.of()));
            if (versions.stream().anyMatch(v -> r.extractorVersion().equals(v.getString("version")))) continue;
            Document entry = summaryEntry(r);
            versions.add(entry);
            doc.put("versions", versions);
            pushes.add(new UpdateOneModel<>(Filters.eq(ID, r.reportId()), Updates.push("versions", entry)));
        }
        Set<String> manifestIds = new LinkedHashSet<>();
        for (Document doc : docs.values()) {
            String id = doc.getString(ID);
            for (String v : doc.getList(FACT_VERSIONS, String.class, List.of())) manifestIds.add(Manifests.manifestId(id, v));
            for (String v : in.factVersions().getOrDefault(id, Set.of())) manifestIds.add(Manifests.manifestId(id, v));
            for (Document v : doc.getList("versions", Document.class, List.of())) {
                manifestIds.add(Manifests.manifestId(id, v.getString("version")));
            }
        }
        Map<String, Manifests.Manifest> manifests = new HashMap<>(this.manifests.manifests(manifestIds));
        Set<String> storedManifests = new HashSet<>(manifests.keySet());
        // Facts already stored (listed in their manifest): a redelivery updates them; every other fact is new.
        Set<String> storedFacts = new HashSet<>();
        manifests.values().forEach(m -> {
            storedFacts.addAll(m.sections());
            storedFacts.addAll(m.indicators());
        });
        for (String k : manifestIds) {
            Manifests.Manifest stored = manifests.getOrDefault(k, Manifests.Manifest.EMPTY);
            List<String> s = union(stored.sections(), in.sectionIds().get(k)), i = union(stored.indicators(), in.indicatorIds().get(k));
            if (!s.isEmpty() || !i.isEmpty()) manifests.put(k, new Manifests.Manifest(s, i));
        }
        Map<String, Integer> sectionCounts = new HashMap<>(), indicatorCounts = new HashMap<>();
        manifests.forEach((k, m) -> {
            if (!m.sections().isEmpty()) sectionCounts.put(k, m.sections().size());
            if (!m.indicators().isEmpty()) indicatorCounts.put(k, m.indicators().size());
        });
        return new Known(docs, pushes, manifests, storedManifests, storedFacts, sectionCounts, indicatorCounts);
    }

    /**
     * Writes the facts; those of a version this batch completes carry their stamp already, so they
     * are written once. Then their manifests (a crash in between redelivers the batch, which adds
     * them again), then the reports.
     */
    private void write(Incoming in, Known known, Plan plan, List<WriteModel<Document>> pendingWrites) {
        FactWrites sectionWrites = new FactWrites(known.storedFacts());
        for (SectionExtracted s : in.sections()) {
            sectionWrites.add(sectionKey(s.reportId(), s.extractorVersion(), s.sectionId()),
                    sectionFields(s), plan.stamps().get(Manifests.manifestId(s.reportId(), s.extractorVersion())));
        }
        FactWrites indicatorWrites = new FactWrites(known.storedFacts());
        for (IndicatorExtracted i : in.indicators()) {
            indicatorWrites.add(indicatorKey(i.reportId(), i.extractorVersion(), i.start()),
                    indicatorFields(i), plan.stamps().get(Manifests.manifestId(i.reportId(), i.extractorVersion())));
        }
        sectionWrites.write(collection(SECTIONS));
        indicatorWrites.write(collection(INDICATORS));
        this.manifests.addToManifests(in.sectionIds(), in.indicatorIds(), known.storedManifests());
        if (!in.touched().isEmpty()) {
            // A report becomes visible (pending) with its first event of any kind.
            List<WriteModel<Document>> stubs = new ArrayList<>();
            for (String id : in.touched()) {
                Document update = new Document("$setOnInsert", new Document("status", PENDING).append("versions", List.of()));
                Set<String> fv = in.factVersions().get(id);
                if (fv != null) update.append("$addToSet", new Document(FACT_VERSIONS, new Document("$each", new ArrayList<>(fv))));
                stubs.add(new UpdateOneModel<>(Filters.eq(ID, id), update, UPSERT));
            }
            collection(REPORTS).bulkWrite(stubs, UNORDERED);
        }
        if (!known.pushes().isEmpty()) collection(REPORTS).bulkWrite(known.pushes(), UNORDERED);
        if (!pendingWrites.isEmpty()) collection(REPORTS).bulkWrite(pendingWrites, UNORDERED);
    }

    private static List<String> union(List<String> stored, List<String> added) {
        if (added == null || added.isEmpty()) return stored;
        LinkedHashSet<String> all = new LinkedHashSet<>(stored);
        all.addAll(added);
        return new ArrayList<>(all);
    }

    private static long lap(Map<String, Long> phases, String name, long since) {
        long now = System.nanoTime();
        phases.put(name, (now - since) / 1_000_000);
        return now;
    }

    /** Recomputes the view keys queued on the given reports, if any, then clears their queue. */
    public Views.RefreshResult refreshStale(Collection<String> reportIds) {
        return refreshStale(reportIds, true);
    }

    /**
     * As {@link #refreshStale(Collection)}; with {@code coverageNow} false, metric_coverage is put off
     * for a later refresh (see {@link Views#refresh(ViewKeys, boolean)}), with it true the coverage
     * put off earlier is computed too, even if these reports have nothing queued.
     */
    public Views.RefreshResult refreshStale(Collection<String> reportIds, boolean coverageNow) {
        return refreshStale(reportIds, () -> coverageNow);
    }

    /** As {@link #refreshStale(Collection, boolean)}, asking {@code coverageNow} once, when coverage is due ({@link Views#refresh(ViewKeys, java.util.function.BooleanSupplier)}). */
    public Views.RefreshResult refreshStale(Collection<String> reportIds, java.util.function.BooleanSupplier coverageNow) {
        return refreshStale(reportIds, coverageNow, false);
    }

    /** As {@link #refreshStale(Collection, java.util.function.BooleanSupplier)}, the per-report views computed alongside ({@link Views#refresh(ViewKeys, java.util.function.BooleanSupplier, boolean)}). */
    public Views.RefreshResult refreshStale(Collection<String> reportIds, java.util.function.BooleanSupplier coverageNow, boolean alongside) {
        return refreshStale(Manifests.findByIds(collection(REPORTS), reportIds, new Document("stale_keys", 1)), coverageNow, alongside);
    }

    /** Recomputes the view keys queued on the given reports (documents with {@code stale_keys}), then clears the queue. */
    private Views.RefreshResult refreshStale(Iterable<Document> reports, java.util.function.BooleanSupplier coverageNow,
                                             boolean alongside) {
        ViewKeys keys = ViewKeys.empty();
        List<WriteModel<Document>> done = new ArrayList<>();
        for (Document d : reports) {
            Document stale = d.get("stale_keys", Document.class);
            if (stale == null) continue;
            keys.addAll(ViewKeys.fromDocument(stale));
            // Only the keys refreshed here: a batch that completes the report again meanwhile (here or
            // in another instance) rewrites stale_keys, which then stay queued for the next refresh.
            done.add(new UpdateOneModel<>(Filters.and(Filters.eq(ID, d.get(ID)), Filters.eq("stale_keys", stale)),
                    Updates.unset("stale_keys")));
        }
        if (done.isEmpty()) {
            if (!coverageNow.getAsBoolean()) return null;
            Views.RefreshResult r = views.refresh(keys, true); // only the coverage put off, if any
            return r.rows().isEmpty() ? null : r;
        }
        Views.RefreshResult r = views.refresh(keys, coverageNow, alongside);
        collection(REPORTS).bulkWrite(done, UNORDERED);
        LOG.debugf("refreshed views for %s reports %s in %s ms", (Object) done.size(), keys, (Object) r.millis());
        return r;
    }

    /**
     * Every report whose view refresh is outstanding (after a crash between completion and refresh),
     * and the coverage put off.
     */
    public Views.RefreshResult refreshAllStale() {
        return refreshStale(collection(REPORTS).find(Filters.exists("stale_keys")).projection(new Document("stale_keys", 1)), () -> true, false);
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
                                 Map<String, List<String>> staleVersions, List<WriteModel<Document>> writes) {
        String id = doc.getString(ID);
        List<Document> versions = doc.getList("versions", Document.class, List.of());
        Document target = versions.stream().max(VERSION_ORDER).orElse(null);
        String current = doc.getString(VERSION);

        if (target == null) {
            // Facts without a summary yet.
            int s = 0, i = 0;
            for (var e : sectionCounts.entrySet()) if (e.getKey().startsWith(id + "|")) s += e.getValue();
            for (var e : indicatorCounts.entrySet()) if (e.getKey().startsWith(id + "|")) i += e.getValue();
            writes.add(new UpdateOneModel<>(Filters.eq(ID, id), Updates.combine(
                    Updates.set("received_sections", s), Updates.set("received_indicators", i))));
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
        writes.add(new UpdateOneModel<>(Filters.eq(ID, id), Updates.combine(set)));
        return null;
    }

    /** Who supersedes whom among a batch's completions, and the stamp of each completed version's facts. */
    private record Plan(Map<String, String> supersededBy, Map<String, String> replacedBy, Map<String, Document> replaced,
                        Map<String, Document> stamps) {}

    private Plan plan(List<Completion> completions) {
        Map<String, String> supersededBy = new HashMap<>();
        Map<String, String> replacedBy = new LinkedHashMap<>();
        Map<String, Document> replaced = new HashMap<>();
        Map<String, Document> stamps = new HashMap<>();
        if (completions.isEmpty()) return new Plan(supersededBy, replacedBy, replaced, stamps);
        Map<String, Completion> byId = new LinkedHashMap<>();
        for (Completion c : completions) byId.put(c.id(), c);

        // Completed reports already stored that supersede one of these (a small scan of reports on
        // mongo-java-server, the sparse supersedes index on mongod), and completions of this batch.
        for (Document b : collection(REPORTS).find(Filters.and(Filters.in("supersedes", byId.keySet()),
                Filters.ne(VERSION, null))).projection(new Document("supersedes", 1))) {
            if (!b.getString(ID).equals(b.getString("supersedes"))) supersededBy.put(b.getString("supersedes"), b.getString(ID));
        }
        for (Completion c : completions) {
            String a = c.target().getString("supersedes");
            if (a != null && !a.equals(c.id()) && byId.containsKey(a)) supersededBy.put(a, c.id());
        }
        // Reports outside this batch that a live completion now supersedes.
        for (Completion c : completions) {
            String a = c.target().getString("supersedes");
            if (a != null && !a.equals(c.id()) && !supersededBy.containsKey(c.id()) && !byId.containsKey(a)) {
                replacedBy.put(a, c.id());
            }
        }
        if (!replacedBy.isEmpty()) {
            for (Document a : Manifests.findByIds(collection(REPORTS), replacedBy.keySet(), null)) replaced.put(a.getString(ID), a);
        }
        for (Completion c : completions) {
            Document meta = metadata(c.target());
            // One number per completion, in the order the refresh queue takes them: a turn's range then
            // covers its own reports only (one number for the batch made every turn of a batch that
            // completed 200 reports recompute all 200).
            stamps.put(Manifests.manifestId(c.id(), c.version()), new Document(LIVE, !supersededBy.containsKey(c.id()))
                    .append(COMPLETED_SEQ, Views.nextToken())
                    .append(REGION, meta.get(REGION)).append(REPORT_YEAR, meta.get(REPORT_YEAR))
                    .append(ADMIN_LEVEL, meta.get(ADMIN_LEVEL)).append(FILE, meta.get(FILE)));
        }
        return new Plan(supersededBy, replacedBy, replaced, stamps);
    }

    /**
     * Completes reports, all of a batch together: each step is one query or one bulk write for the
     * batch rather than one per report, and every fact is found and written by {@code _id} through
     * the manifests (mongo-java-server, without secondary indexes, would scan for any other filter).
     * Facts of the completed versions that this batch wrote are stamped already.
     */
    private void completeAll(List<Completion> completions, Plan plan, Map<String, Manifests.Manifest> manifests,
                             Map<String, String> metricOf, Set<String> written) {
        Map<String, Document> replaced = plan.replaced();
        // What the affected reports show now (the live facts of their current version): keys to refresh.
        Map<String, String> shownVersion = new LinkedHashMap<>();
        for (Completion c : completions) if (c.doc().getString(VERSION) != null) shownVersion.put(c.id(), c.doc().getString(VERSION));
        replaced.forEach((id, doc) -> {
            if (doc.getString(VERSION) != null) shownVersion.put(id, doc.getString(VERSION));
        });
        Map<String, Manifests.Manifest> known = new HashMap<>(manifests);
        Set<String> missing = new LinkedHashSet<>();
        shownVersion.forEach((id, v) -> {
            if (!known.containsKey(Manifests.manifestId(id, v))) missing.add(Manifests.manifestId(id, v));
        });
        known.putAll(this.manifests.manifests(missing));
        Map<String, ViewKeys> before = new HashMap<>();
        Map<String, List<String>> liveBefore = new HashMap<>();
        List<String> shownIndicators = new ArrayList<>();
        shownVersion.forEach((id, v) -> shownIndicators.addAll(manifest(known, id, v).indicators()));
        for (Document f : Manifests.findByIds(collection(INDICATORS), shownIndicators,
                new Document(REPORT_ID, 1).append("metric", 1).append(REGION, 1).append(REPORT_YEAR, 1).append(LIVE, 1))) {
            if (!Boolean.TRUE.equals(f.getBoolean(LIVE))) continue;
            String r = f.getString(REPORT_ID);
            liveBefore.computeIfAbsent(r, x -> new ArrayList<>()).add(f.getString(ID));
            before.computeIfAbsent(r, x -> ViewKeys.empty()).addReport(r)
                    .addRow(f.getString("metric"), f.getString(REGION), f.get(REPORT_YEAR) instanceof Number n ? n.intValue() : null);
        }

        // Facts of the versions the completions replace.
        List<String> dropIds = new ArrayList<>();
        List<String> dropManifests = new ArrayList<>();
        for (Completion c : completions) {
            for (String v : c.older()) {
                Manifests.Manifest m = known.get(Manifests.manifestId(c.id(), v));
                if (m == null) continue;
                dropIds.addAll(m.sections());
                dropIds.addAll(m.indicators());
                dropManifests.add(Manifests.manifestId(c.id(), v));
            }
        }
        Manifests.deleteByIds(collection(SECTIONS), dropIds);
        Manifests.deleteByIds(collection(INDICATORS), dropIds);
        this.manifests.deleteManifests(dropManifests);

        // Stamp the completed versions' facts stored by earlier batches, and unstamp the replaced reports.
        Map<String, ViewKeys> after = new HashMap<>();
        List<WriteModel<Document>> sectionStamps = new ArrayList<>(), indicatorStamps = new ArrayList<>();
        Map<String, Document> metricUnknown = new LinkedHashMap<>();
        for (Completion c : completions) {
            Document stamp = plan.stamps().get(Manifests.manifestId(c.id(), c.version()));
            Manifests.Manifest m = manifest(known, c.id(), c.version());
            List<String> earlierSections = new ArrayList<>(), earlierIndicators = new ArrayList<>();
            for (String id : m.sections()) {
                if (!written.contains(id)) earlierSections.add(id);
            }
            stampAll(sectionStamps, earlierSections, new Document("$set", stamp));
            for (String id : m.indicators()) {
                if (!metricOf.containsKey(id)) {
                    earlierIndicators.add(id);
                    metricUnknown.put(id, stamp);
                } else if (stamp.getBoolean(LIVE)) {
                    after.computeIfAbsent(c.id(), x -> ViewKeys.empty())
                            .addRow(metricOf.get(id), stamp.getString(REGION), stamp.getInteger(REPORT_YEAR));
                }
            }
            stampAll(indicatorStamps, earlierIndicators, new Document("$set", stamp));
        }
        for (var e : replaced.entrySet()) {
            String v = e.getValue().getString(VERSION);
            if (v == null || !liveBefore.containsKey(e.getKey())) continue;
            stampAll(sectionStamps, manifest(known, e.getKey(), v).sections(), Updates.set(LIVE, false));
            stampAll(indicatorStamps, liveBefore.get(e.getKey()), Updates.set(LIVE, false));
        }
        if (!sectionStamps.isEmpty()) collection(SECTIONS).bulkWrite(sectionStamps, UNORDERED);
        if (!indicatorStamps.isEmpty()) collection(INDICATORS).bulkWrite(indicatorStamps, UNORDERED);
        for (Document f : Manifests.findByIds(collection(INDICATORS), metricUnknown.keySet(), new Document(REPORT_ID, 1).append("metric", 1))) {
            String r = f.getString(REPORT_ID);
            Document stamp = metricUnknown.get(f.getString(ID));
            if (stamp == null || !stamp.getBoolean(LIVE)) continue;
            after.computeIfAbsent(r, x -> ViewKeys.empty()).addRow(f.getString("metric"), stamp.getString(REGION), stamp.getInteger(REPORT_YEAR));
        }

        List<WriteModel<Document>> reportWrites = new ArrayList<>();
        for (var e : replaced.entrySet()) {
            List<Bson> mark = new ArrayList<>(List.of(Updates.set("superseded_by", plan.replacedBy().get(e.getKey()))));
            // A pending report stays pending; it is marked superseded when it completes.
            if (e.getValue().getString(VERSION) != null) mark.add(Updates.set("status", SUPERSEDED));
            reportWrites.add(new UpdateOneModel<>(Filters.eq(ID, e.getKey()), Updates.combine(mark)));
        }
        for (Completion c : completions) {
            String id = c.id();
            boolean live = !plan.supersededBy().containsKey(id);
            Document meta = metadata(c.target());
            ViewKeys stale = ViewKeys.fromDocument(c.doc().get("stale_keys", Document.class)).addReport(id);
            // Live facts shown before (an older version of this report, or the report it supersedes)
            // leave the views now: their rows may have to be swept.
            if (before.containsKey(id)) stale.withRemovals();
            stale.addAll(before.getOrDefault(id, ViewKeys.empty()));
            stale.addAll(after.getOrDefault(id, ViewKeys.empty()));
            stale.addRegionYear(meta.getString(REGION), meta.getInteger(REPORT_YEAR));
            String a = c.target().getString("supersedes");
            if (a != null && replaced.containsKey(a) && plan.replacedBy().get(a).equals(id)) {
                if (before.containsKey(a)) stale.withRemovals();
                stale.addReport(a).addAll(before.getOrDefault(a, ViewKeys.empty()));
            }
            List<Bson> set = new ArrayList<>();
            meta.forEach((k, v) -> set.add(Updates.set(k, v)));
            set.add(Updates.set("status", live ? COMPLETE : SUPERSEDED));
            set.add(Updates.set(VERSION, c.version()));
            set.add(Updates.set(COMPLETED_SEQ, plan.stamps().get(Manifests.manifestId(id, c.version())).get(COMPLETED_SEQ)));
            set.add(Updates.set("sections", c.target().getInteger("sections", 0)));
            set.add(Updates.set("indicators", c.target().getInteger("indicators", 0)));
            set.add(Updates.set("completed_at", c.target().getString("extracted_at")));
            set.add(Updates.set("superseded_by", live ? null : plan.supersededBy().get(id)));
            set.add(Updates.set("stale_keys", stale.toDocument()));
            if (!c.older().isEmpty()) set.add(Updates.pullAll(FACT_VERSIONS, c.older()));
            for (String f : List.of("pending_version", "received_sections", "received_indicators",
                    "expected_sections", "expected_indicators")) {
                set.add(Updates.unset(f));
            }
            reportWrites.add(new UpdateOneModel<>(Filters.eq(ID, id), Updates.combine(set)));
            LOG.infof("report %s version %s complete (%s), %s", id, c.version(),
                    live ? "live" : "superseded by " + plan.supersededBy().get(id), stale);
        }
        collection(REPORTS).bulkWrite(reportWrites, UNORDERED);
    }

    private static Manifests.Manifest manifest(Map<String, Manifests.Manifest> known, String reportId, String version) {
        return known.getOrDefault(Manifests.manifestId(reportId, version), Manifests.Manifest.EMPTY);
    }

    /** Deletes redelivered facts of versions older than the one shown, by _id through their manifests. */
    private void deleteVersions(Map<String, List<String>> versionsByReport, Map<String, Manifests.Manifest> manifests) {
        if (versionsByReport.isEmpty()) return;
        List<String> ids = new ArrayList<>();
        List<String> mids = new ArrayList<>();
        versionsByReport.forEach((id, vs) -> {
            for (String v : vs) {
                Manifests.Manifest m = manifest(manifests, id, v);
                ids.addAll(m.sections());
                ids.addAll(m.indicators());
                mids.add(Manifests.manifestId(id, v));
            }
        });
        Manifests.deleteByIds(collection(SECTIONS), ids);
        Manifests.deleteByIds(collection(INDICATORS), ids);
        this.manifests.deleteManifests(mids);
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

    public static Document sectionFields(SectionExtracted s) {
        return new Document(REPORT_ID, s.reportId()).append(VERSION, s.extractorVersion())
                .append("event_id", s.eventId()).append("section_id", s.sectionId())
                .append("parent_id", s.parentId()).append("ordinal", s.ordinal()).append("level", s.level())
                .append("number", s.number()).append("title", s.title()).append("category", s.category())
                .append("start", s.start()).append("end", s.end());
    }

    public static Document indicatorFields(IndicatorExtracted i) {
        return new Document(REPORT_ID, i.reportId()).append(VERSION, i.extractorVersion())
                .append("event_id", i.eventId()).append("value", i.value()).append("unit", i.unit())
                .append("approx", i.approx()).append("kind", i.kind()).append("direction", i.direction())
                .append("subject", i.subject()).append("metric", i.metric()).append("metric_rule", i.metricRule())
                .append("section_id", i.sectionId())
                .append("section_key", i.sectionId() == null ? null : sectionKey(i.reportId(), i.extractorVersion(), i.sectionId()))
                .append("section_path", i.sectionPath()).append("start", i.start()).append("end", i.end())
                .append("sentence", i.sentence());
    }

    public static Document summaryEntry(ReportExtracted r) {
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

    /**
     * One update per report version for the facts an earlier batch stored ({@code _id $in}, chunked),
     * rather than one statement per fact: the server finds them through the {@code _id} index either way,
     * and parses and plans one statement instead of one per fact.
     */
    private static void stampAll(List<WriteModel<Document>> out, List<String> ids, Bson update) {
        for (int k = 0; k < ids.size(); k += Manifests.IN_CHUNK) {
            out.add(new UpdateManyModel<>(Filters.in(ID, ids.subList(k, Math.min(ids.size(), k + Manifests.IN_CHUNK))), update));
        }
    }

    /**
     * A batch's writes of one fact collection: inserts for facts no manifest lists (the usual case,
     * and on mongo-java-server an insert costs about half a {@code $set} upsert), upserts of the event's
     * fields for redelivered ones, each carrying its completion stamp when its version is complete.
     * A fact stored by a batch that crashed before its manifest was written is not listed: its insert
     * fails on the duplicate key and is retried as an upsert, so the outcome is the same either way.
     */
    static final class FactWrites {
        private final Set<String> stored;
        private final Map<String, Document> inserts = new LinkedHashMap<>();
        private final Map<String, Document> upserts = new LinkedHashMap<>();

        FactWrites(Set<String> stored) {
            this.stored = stored;
        }

        void add(String id, Document fields, Document stamp) {
            if (stamp != null) fields.putAll(stamp);
            // The same event twice in one batch: the later one wins, as two upserts would have it.
            (stored.contains(id) ? upserts : inserts).put(id, fields);
        }

        void write(MongoCollection<Document> c) {
            if (!inserts.isEmpty()) {
                List<WriteModel<Document>> models = new ArrayList<>(inserts.size());
                inserts.forEach((id, fields) -> {
                    Document doc = new Document(ID, id);
                    doc.putAll(fields);
                    models.add(new InsertOneModel<>(doc));
                });
                try {
                    c.bulkWrite(models, UNORDERED);
                } catch (MongoBulkWriteException e) {
                    List<String> ids = new ArrayList<>(inserts.keySet());
                    for (BulkWriteError err : e.getWriteErrors()) {
                        if (err.getCategory() != ErrorCategory.DUPLICATE_KEY) throw e;
                        String id = ids.get(err.getIndex());
                        upserts.putIfAbsent(id, inserts.get(id));
                    }
                    LOG.debugf("%d facts were stored already (a batch redelivered after a crash): upserted instead",
                            (Object) e.getWriteErrors().size());
                }
            }
            if (!upserts.isEmpty()) {
                List<WriteModel<Document>> models = new ArrayList<>(upserts.size());
                upserts.forEach((id, fields) -> models.add(new UpdateOneModel<>(Filters.eq(ID, id), new Document("$set", fields), UPSERT)));
                c.bulkWrite(models, UNORDERED);
            }
        }
    }
}
