package dev.reportflow.ingest;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What ingest has seen, in MongoDB, so it survives restarts:
 * <ul>
 *   <li>{@code ingest_seen}: _id = report id; status (published | rejected), locations, duplicates count.
 *       The "do not publish twice" check.</li>
 *   <li>{@code ingest_locations}: _id = source name + ":" + key; report id, size, mtime/etag. Lets a scan
 *       skip an unchanged file without reading it, and tells which report a changed file supersedes.</li>
 *   <li>{@code ingest_positions}: _id = S3 source name; the ListObjectsV2 start-after key of the pass in progress.</li>
 * </ul>
 * Only ever written after Kafka acknowledged the event, so a crash can repeat a publish, never lose one.
 * Uses upserts, $addToSet/$inc/$setOnInsert and unordered bulk writes only (all supported by mongo-java-server).
 */
@ApplicationScoped
public class IngestStore {
    static final String SEEN = "ingest_seen";
    static final String LOCATIONS = "ingest_locations";
    static final String POSITIONS = "ingest_positions";
    private static final int IN_CHUNK = 1000;
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    @Inject
    MongoClient client;

    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ingest-store-writer");
        t.setDaemon(true);
        return t;
    });

    @PreDestroy
    void close() {
        writer.shutdown();
    }

    @ConfigProperty(name = "quarkus.mongodb.database", defaultValue = "reportflow")
    String database;

    private MongoDatabase db() {
        return client.getDatabase(database);
    }

    MongoCollection<Document> seenCollection() {
        return db().getCollection(SEEN);
    }

    MongoCollection<Document> locationCollection() {
        return db().getCollection(LOCATIONS);
    }

    /** A cheap round trip, for the readiness check. */
    public void ping() {
        db().runCommand(new Document("ping", 1));
    }

    public Map<String, LocationState> locations(Collection<String> ids) {
        Map<String, LocationState> out = new HashMap<>();
        for (List<String> chunk : chunks(ids)) {
            for (Document d : locationCollection().find(Filters.in("_id", chunk))) {
                out.put(d.getString("_id"), toLocation(d));
            }
        }
        return out;
    }

    public Map<String, SeenState> seen(Collection<String> reportIds) {
        Map<String, SeenState> out = new HashMap<>();
        for (List<String> chunk : chunks(reportIds)) {
            for (Document d : seenCollection().find(Filters.in("_id", chunk))) {
                out.put(d.getString("_id"), toSeen(d));
            }
        }
        return out;
    }

    public SeenState seen(String reportId) {
        Document d = seenCollection().find(Filters.eq("_id", reportId)).first();
        return d == null ? null : toSeen(d);
    }

    /** Writes the marks of one processed batch (two unordered bulk writes). */
    public void record(List<Mark> marks, String now) {
        List<WriteModel<Document>> seen = new ArrayList<>();
        List<WriteModel<Document>> locations = new ArrayList<>();
        UpdateOptions upsert = new UpdateOptions().upsert(true);
        for (Mark m : marks) {
            String loc = m.candidate().locationId();
            switch (m.kind()) {
                case PUBLISHED -> seen.add(new UpdateOneModel<>(Filters.eq("_id", m.reportId()), new Document()
                        .append("$set", new Document("status", SeenState.PUBLISHED).append("reason", null)
                                .append("message", null).append("fileName", m.candidate().fileName())
                                .append("size", m.size()).append("supersedes", m.supersedes())
                                .append("publishedAt", now).append("partition", m.partition()).append("offset", m.offset()))
                        .append("$setOnInsert", new Document("firstSeenAt", now).append("duplicates", 0L))
                        .append("$addToSet", new Document("locations", loc)), upsert));
                // Upsert: a copy of a report first published in the same batch may be applied before it
                // (unordered bulk); either order ends in the same document.
                case DUPLICATE -> seen.add(new UpdateOneModel<>(Filters.eq("_id", m.reportId()), new Document()
                        .append("$set", new Document("lastDuplicateAt", now))
                        .append("$setOnInsert", new Document("firstSeenAt", now))
                        .append("$inc", new Document("duplicates", 1L))
                        .append("$addToSet", new Document("locations", loc)), upsert));
                case REJECTED -> {
                    // A report already published stays published: only its refusal at this location is recorded.
                    if (m.reportId() != null && !m.reportPublished()) {
                        seen.add(new UpdateOneModel<>(Filters.eq("_id", m.reportId()), new Document()
                                .append("$set", new Document("status", SeenState.REJECTED).append("reason", m.reason())
                                        .append("message", m.message()).append("fileName", m.candidate().fileName())
                                        .append("size", m.size()).append("quarantinedAt", m.quarantinedAt())
                                        .append("rejectedAt", now))
                                .append("$setOnInsert", new Document("firstSeenAt", now).append("duplicates", 0L))
                                .append("$addToSet", new Document("locations", loc)), upsert));
                    }
                }
            }
            if (m.recordLocation()) {
                Candidate c = m.candidate();
                Document d = new Document("_id", loc).append("source", c.source().name()).append("key", c.key())
                        .append("reportId", m.reportId()).append("size", c.size())
                        .append("mtime", c.lastModified() == null ? null : c.lastModified().toEpochMilli())
                        .append("etag", c.etag()).append("status", m.kind().name().toLowerCase())
                        .append("reason", m.reason()).append("updatedAt", now);
                locations.add(new ReplaceOneModel<>(Filters.eq("_id", loc), d, new ReplaceOptions().upsert(true)));
            }
        }
        // The two collections are written concurrently: the marks are most of a batch's time.
        CompletableFuture<Void> locs = locations.isEmpty() ? CompletableFuture.completedFuture(null)
                : CompletableFuture.runAsync(() -> locationCollection().bulkWrite(locations, UNORDERED), writer);
        try {
            if (!seen.isEmpty()) seenCollection().bulkWrite(seen, UNORDERED);
        } finally {
            try {
                locs.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
    }

    public String position(String sourceName) {
        Document d = db().getCollection(POSITIONS).find(Filters.eq("_id", sourceName)).first();
        return d == null ? null : d.getString("startAfter");
    }

    public void savePosition(String sourceName, String startAfter, boolean passCompleted, String now) {
        Document set = new Document("startAfter", startAfter).append("updatedAt", now);
        if (passCompleted) set.append("lastPassCompletedAt", now);
        db().getCollection(POSITIONS).updateOne(Filters.eq("_id", sourceName),
                new Document("$set", set), new UpdateOptions().upsert(true));
    }

    private static LocationState toLocation(Document d) {
        Number size = d.get("size", Number.class);
        Number mtime = d.get("mtime", Number.class);
        return new LocationState(d.getString("_id"), d.getString("reportId"), size == null ? -1 : size.longValue(),
                mtime == null ? null : mtime.longValue(), d.getString("etag"), d.getString("status"));
    }

    @SuppressWarnings("unchecked")
    private static SeenState toSeen(Document d) {
        Number size = d.get("size", Number.class);
        Number dups = d.get("duplicates", Number.class);
        List<String> locations = d.get("locations", List.class);
        return new SeenState(d.getString("_id"), d.getString("status"), d.getString("reason"), d.getString("message"),
                d.getString("fileName"), size == null ? 0 : size.longValue(), d.getString("supersedes"),
                locations == null ? List.of() : List.copyOf(locations), dups == null ? 0 : dups.longValue(),
                d.getString("firstSeenAt"), d.getString("publishedAt"), d.getString("quarantinedAt"));
    }

    private static List<List<String>> chunks(Collection<String> ids) {
        List<String> all = new ArrayList<>(ids);
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += IN_CHUNK) out.add(all.subList(i, Math.min(all.size(), i + IN_CHUNK)));
        return out;
    }

    /** One outcome to persist. */
    public record Mark(Kind kind, Candidate candidate, String reportId, long size, String supersedes,
                       String reason, String message, String quarantinedAt, boolean reportPublished,
                       boolean recordLocation, int partition, long offset) {
        public enum Kind { PUBLISHED, DUPLICATE, REJECTED }
    }
}
