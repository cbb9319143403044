package dev.reportflow.metrics.it;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import dev.reportflow.events.IndicatorExtracted;
import dev.reportflow.events.ReportExtracted;
import dev.reportflow.events.SectionExtracted;
import dev.reportflow.metrics.store.Db;
import dev.reportflow.metrics.store.FactStore;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * What the MongoDB server itself does with the harness's events, without the service: unordered bulk
 * upserts by {@code _id} of the same documents the service writes ({@code $set} of the event's fields),
 * in the service's batch size, into scratch collections; then a plain scan (an aggregation
 * {@code $match} on a non-{@code _id} field), lookups by {@code _id} and bulk inserts of the same
 * documents. The end-to-end rate is bounded by the upserts (the reference) or, for new facts,
 * which the service inserts, by the inserts; scans and lookups are the cost model of its queries.
 */
record RawRates(double upsertSeconds, double upsertRate, double insertRate, long scanned, double scanMillis, double scanRate,
                double idLookupRate) {
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    static RawRates measure(MongoDatabase db, List<Object> events, int batch) {
        MongoCollection<Document> sections = db.getCollection("raw_sections");
        MongoCollection<Document> indicators = db.getCollection("raw_indicators");
        MongoCollection<Document> reports = db.getCollection("raw_reports");
        sections.drop();
        indicators.drop();
        reports.drop();
        List<String> indicatorIds = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int from = 0; from < events.size(); from += batch) {
            List<WriteModel<Document>> s = new ArrayList<>(), i = new ArrayList<>(), r = new ArrayList<>();
            for (Object e : events.subList(from, Math.min(events.size(), from + batch))) {
                if (e instanceof SectionExtracted x) {
                    s.add(new UpdateOneModel<>(Filters.eq(Db.ID, Db.sectionKey(x.reportId(), x.extractorVersion(), x.sectionId())),
                            new Document("$set", FactStore.sectionFields(x)), UPSERT));
                } else if (e instanceof IndicatorExtracted x) {
                    String id = Db.indicatorKey(x.reportId(), x.extractorVersion(), x.start());
                    indicatorIds.add(id);
                    i.add(new UpdateOneModel<>(Filters.eq(Db.ID, id), new Document("$set", FactStore.indicatorFields(x)), UPSERT));
                } else if (e instanceof ReportExtracted x) {
                    r.add(new UpdateOneModel<>(Filters.eq(Db.ID, x.reportId()),
                            new Document("$set", new Document("summary", FactStore.summaryEntry(x))), UPSERT));
                }
            }
            if (!s.isEmpty()) sections.bulkWrite(s, UNORDERED);
            if (!i.isEmpty()) indicators.bulkWrite(i, UNORDERED);
            if (!r.isEmpty()) reports.bulkWrite(r, UNORDERED);
        }
        double upsertSecs = (System.nanoTime() - t0) / 1e9;

        // A scan: mongo-java-server answers an aggregation from every document of the collection.
        long n = indicators.countDocuments();
        long best = Long.MAX_VALUE;
        for (int k = 0; k < 3; k++) {
            long s0 = System.nanoTime();
            indicators.aggregate(List.of(new Document("$match", new Document("metric", "no.such.metric")))).into(new ArrayList<>());
            best = Math.min(best, System.nanoTime() - s0);
        }
        double scanMs = best / 1e6;

        long l0 = System.nanoTime();
        long found = 0;
        // In chunks of 200, as the service asks: mongo-java-server re-matches every document found against
        // the whole $in list, so one query of thousands of ids is quadratic.
        for (int from = 0; from < indicatorIds.size(); from += 200) {
            found += indicators.find(Filters.in(Db.ID, indicatorIds.subList(from, Math.min(indicatorIds.size(), from + 200))))
                    .into(new ArrayList<>()).size();
        }
        double lookupSecs = (System.nanoTime() - l0) / 1e9;

        // The same documents inserted (the service inserts facts no manifest lists): the other ceiling.
        sections.drop();
        indicators.drop();
        reports.drop();
        long i0 = System.nanoTime();
        for (int from = 0; from < events.size(); from += batch) {
            List<WriteModel<Document>> s = new ArrayList<>(), i = new ArrayList<>(), r = new ArrayList<>();
            for (Object e : events.subList(from, Math.min(events.size(), from + batch))) {
                if (e instanceof SectionExtracted x) {
                    Document d = new Document(Db.ID, Db.sectionKey(x.reportId(), x.extractorVersion(), x.sectionId()));
                    d.putAll(FactStore.sectionFields(x));
                    s.add(new InsertOneModel<>(d));
                } else if (e instanceof IndicatorExtracted x) {
                    Document d = new Document(Db.ID, Db.indicatorKey(x.reportId(), x.extractorVersion(), x.start()));
                    d.putAll(FactStore.indicatorFields(x));
                    i.add(new InsertOneModel<>(d));
                } else if (e instanceof ReportExtracted x) {
                    r.add(new InsertOneModel<>(new Document(Db.ID, x.reportId()).append("summary", FactStore.summaryEntry(x))));
                }
            }
            if (!s.isEmpty()) sections.bulkWrite(s, UNORDERED);
            if (!i.isEmpty()) indicators.bulkWrite(i, UNORDERED);
            if (!r.isEmpty()) reports.bulkWrite(r, UNORDERED);
        }
        double insertSecs = (System.nanoTime() - i0) / 1e9;

        sections.drop();
        indicators.drop();
        reports.drop();
        return new RawRates(upsertSecs, events.size() / upsertSecs, events.size() / insertSecs, n, scanMs, n / (scanMs / 1000), found / lookupSecs);
    }
}
