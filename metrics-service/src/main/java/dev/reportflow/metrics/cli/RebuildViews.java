package dev.reportflow.metrics.cli;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.reportflow.metrics.store.Db;
import dev.reportflow.metrics.store.Indexes;
import dev.reportflow.metrics.views.AnomalyRules;
import dev.reportflow.metrics.views.Views;
import org.bson.Document;

/**
 * {@code ./pipeline rebuild-views} without a running service: recomputes every materialized view
 * from the facts in MongoDB, with the plain driver (no Quarkus, no Kafka).
 *
 * <pre>
 * MONGODB_URI=mongodb://localhost:27017 MONGODB_DATABASE=reportflow \
 *   java -cp 'metrics-service/target/quarkus-app/app/*:metrics-service/target/quarkus-app/lib/main/*:metrics-service/target/quarkus-app/lib/boot/*' \
 *   dev.reportflow.metrics.cli.RebuildViews [--uri URI] [--database NAME]
 * </pre>
 *
 * Exit status 0 on success, 1 on a MongoDB error, 2 on bad arguments. Anomaly thresholds are the
 * defaults of application.properties; a running service can instead be asked with
 * {@code curl -X POST localhost:8080/api/admin/rebuild-views}.
 */
public final class RebuildViews {
    private RebuildViews() {}

    public static void main(String[] args) {
        String uri = env("MONGODB_URI", "mongodb://localhost:27017");
        String database = env("MONGODB_DATABASE", "reportflow");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--uri" -> uri = arg(args, ++i);
                case "--database" -> database = arg(args, ++i);
                case "-h", "--help" -> {
                    System.out.println("usage: RebuildViews [--uri MONGODB_URI] [--database MONGODB_DATABASE]");
                    return;
                }
                default -> usage("unknown argument " + args[i]);
            }
        }
        try (MongoClient client = MongoClients.create(uri)) {
            System.exit(run(client.getDatabase(database)) ? 0 : 1);
        }
    }

    /** Rebuilds and prints one line per view; false on failure. */
    public static boolean run(MongoDatabase db) {
        try {
            Indexes.ensure(db);
            Views.RefreshResult r = new Views(db, AnomalyRules.defaults()).rebuildAll();
            db.getCollection(Db.REPORTS).updateMany(Filters.exists("stale_keys"),
                    new Document("$unset", new Document("stale_keys", "")));
            for (String v : Db.VIEWS) {
                System.out.printf("%-22s %8d rows  %6d removed%n", v, r.rows().getOrDefault(v, 0L),
                        r.swept().getOrDefault(v, 0L));
            }
            System.out.printf("views rebuilt in %d ms%n", r.millis());
            return true;
        } catch (com.mongodb.MongoException e) {
            System.err.println("rebuild-views failed: " + e.getMessage());
            return false;
        }
    }

    private static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v;
    }

    private static String arg(String[] args, int i) {
        if (i >= args.length) usage("missing value for " + args[i - 1]);
        return args[i];
    }

    private static void usage(String message) {
        System.err.println(message);
        System.err.println("usage: RebuildViews [--uri MONGODB_URI] [--database MONGODB_DATABASE]");
        System.exit(2);
    }
}
