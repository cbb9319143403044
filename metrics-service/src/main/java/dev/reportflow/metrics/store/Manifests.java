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
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/**
 * The fact ids of each report version ({@code report_facts}, {@code _id} {@code reportId|version} →
 * {@code sections}, {@code indicators}), kept with {@code $addToSet} as facts arrive (idempotent).
 *
 * <p>Why: completion needs, per touched report, how many facts of each version are stored, and then
 * the facts of the completed and the replaced versions. By filter ({@code report_id}, {@code version})
 * that is a collection scan on mongo-java-server, which uses only the {@code _id} index, and grows
 * with the data; through the manifests it is a few {@code _id} lookups per report on any server.
 * {@code rebuild-views} recomputes them from the facts.
 */
public final class Manifests {
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final MongoDatabase db;

    public Manifests(MongoDatabase db) {
        this.db = db;
    }

    /**
     * Ids per {@code $in} query. mongo-java-server finds each id through the index but then matches
     * every document found against the whole list again (a linear search): quadratic in the list's
     * length. 200 keeps that small and the round trips few.
     */
    static final int IN_CHUNK = 200;

    /** The documents with the given ids (chunked {@code _id $in} queries). */
    public static List<Document> findByIds(MongoCollection<Document> c, Collection<?> ids, Document projection) {
        List<Document> out = new ArrayList<>();
        List<Object> all = new ArrayList<>(ids);
        for (int k = 0; k < all.size(); k += IN_CHUNK) {
            var find = c.find(Filters.in(ID, all.subList(k, Math.min(all.size(), k + IN_CHUNK))));
            if (projection != null) find = find.projection(projection);
            find.into(out);
        }
        return out;
    }

    /** Deletes the documents with the given ids (chunked); returns how many. */
    public static long deleteByIds(MongoCollection<Document> c, Collection<?> ids) {
        long n = 0;
        List<Object> all = new ArrayList<>(ids);
        for (int k = 0; k < all.size(); k += IN_CHUNK) {
            n += c.deleteMany(Filters.in(ID, all.subList(k, Math.min(all.size(), k + IN_CHUNK)))).getDeletedCount();
        }
        return n;
    }

    public static String manifestId(String reportId, String version) {
        return reportId + "|" + version;
    }

    /** The fact ids of report versions, by manifest id. */
    public record Manifest(List<String> sections, List<String> indicators) {
        static final Manifest EMPTY = new Manifest(List.of(), List.of());
    }

    // ---------------------------------------------------------------- manifests

    /**
     * Adds a batch's fact ids to their report versions' manifests: an insert for a version whose
     * manifest the batch did not find ({@code existing} lacks it: its first facts), an
     * {@code $addToSet} upsert for the others. On mongo-java-server the upsert checks every id
     * against every stored one, the insert does not. A manifest that exists after all (written by a
     * batch that crashed after it) fails its insert on the duplicate key and is upserted instead.
     */
    public void addToManifests(Map<String, List<String>> sectionIds, Map<String, List<String>> indicatorIds,
                               Set<String> existing) {
        Set<String> keys = new LinkedHashSet<>(sectionIds.keySet());
        keys.addAll(indicatorIds.keySet());
        List<String> inserted = new ArrayList<>();
        List<WriteModel<Document>> inserts = new ArrayList<>();
        List<WriteModel<Document>> upserts = new ArrayList<>();
        for (String k : keys) {
            if (existing.contains(k)) {
                upserts.add(addToSet(k, sectionIds.get(k), indicatorIds.get(k)));
                continue;
            }
            Document doc = new Document(ID, k).append(REPORT_ID, reportOf(k)).append(VERSION, versionOf(k));
            if (sectionIds.containsKey(k)) doc.append("sections", new ArrayList<>(new LinkedHashSet<>(sectionIds.get(k))));
            if (indicatorIds.containsKey(k)) doc.append("indicators", new ArrayList<>(new LinkedHashSet<>(indicatorIds.get(k))));
            inserted.add(k);
            inserts.add(new InsertOneModel<>(doc));
        }
        if (!inserts.isEmpty()) {
            try {
                coll(REPORT_FACTS).bulkWrite(inserts, UNORDERED);
            } catch (MongoBulkWriteException e) {
                for (BulkWriteError err : e.getWriteErrors()) {
                    if (err.getCategory() != ErrorCategory.DUPLICATE_KEY) throw e;
                    String k = inserted.get(err.getIndex());
                    upserts.add(addToSet(k, sectionIds.get(k), indicatorIds.get(k)));
                }
            }
        }
        if (!upserts.isEmpty()) coll(REPORT_FACTS).bulkWrite(upserts, UNORDERED);
    }

    private static UpdateOneModel<Document> addToSet(String k, List<String> sections, List<String> indicators) {
        Document add = new Document();
        if (sections != null) add.append("sections", new Document("$each", sections));
        if (indicators != null) add.append("indicators", new Document("$each", indicators));
        return new UpdateOneModel<>(Filters.eq(ID, k), new Document("$addToSet", add)
                .append("$set", new Document(REPORT_ID, reportOf(k)).append(VERSION, versionOf(k))), UPSERT);
    }

    private static String reportOf(String manifestId) {
        return manifestId.substring(0, manifestId.lastIndexOf('|'));
    }

    private static String versionOf(String manifestId) {
        return manifestId.substring(manifestId.lastIndexOf('|') + 1);
    }

    public Map<String, Manifest> manifests(Collection<String> manifestIds) {
        Map<String, Manifest> out = new HashMap<>();
        if (manifestIds.isEmpty()) return out;
        for (Document d : findByIds(coll(REPORT_FACTS), manifestIds, null)) {
            out.put(d.getString(ID), new Manifest(d.getList("sections", String.class, List.of()),
                    d.getList("indicators", String.class, List.of())));
        }
        return out;
    }

    public void deleteManifests(Collection<String> manifestIds) {
        deleteByIds(coll(REPORT_FACTS), manifestIds);
    }

    /** The sections and indicators of the shown version of each report (live or not: pipelines match live). */
    public Manifest shownFacts(Collection<String> reportIds) {
        if (reportIds.isEmpty()) return Manifest.EMPTY;
        List<String> ids = new ArrayList<>();
        for (Document r : findByIds(coll(REPORTS), reportIds, new Document(VERSION, 1))) {
            if (r.getString(VERSION) != null) ids.add(manifestId(r.getString(ID), r.getString(VERSION)));
        }
        List<String> s = new ArrayList<>(), i = new ArrayList<>();
        for (Manifest m : manifests(ids).values()) {
            s.addAll(m.sections());
            i.addAll(m.indicators());
        }
        return new Manifest(s, i);
    }

    private MongoCollection<Document> coll(String name) {
        return db.getCollection(name);
    }
}
