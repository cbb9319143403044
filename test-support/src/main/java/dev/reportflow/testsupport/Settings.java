package dev.reportflow.testsupport;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the real servers of this JVM's tests are. Kept in system properties (not a static field) because
 * Quarkus loads test classes and test resources in different class loaders: the JVM-wide properties are the
 * one place every copy of these classes sees.
 */
record Settings(String backend, String kafkaBootstrapServers, String mongoConnectionString, String s3Endpoint,
                String s3Region, String s3AccessKey, String s3SecretKey, String s3Bucket, Path ingestDirectory) {

    private static final String PREFIX = "reportflow.testinfra.";

    void publish() {
        asEnv().forEach((k, v) -> System.setProperty(PREFIX + k, v));
        // Written last: its presence means the others are complete.
        System.setProperty(PREFIX + "BACKEND", backend);
    }

    static Settings published() {
        String backend = System.getProperty(PREFIX + "BACKEND");
        if (backend == null) {
            return null;
        }
        return new Settings(backend, get("KAFKA_BOOTSTRAP_SERVERS"), get("MONGODB_URI"), get("S3_ENDPOINT"),
                get("S3_REGION"), get("S3_ACCESS_KEY"), get("S3_SECRET_KEY"), get("S3_BUCKET"),
                Path.of(get("INGEST_DIRECTORY")));
    }

    private static String get(String key) {
        return System.getProperty(PREFIX + key);
    }

    /** The settings under the environment-variable names of docs/CONVENTIONS.md. */
    Map<String, String> asEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        env.put("MONGODB_URI", mongoConnectionString);
        env.put("S3_ENDPOINT", s3Endpoint);
        env.put("S3_REGION", s3Region);
        env.put("S3_ACCESS_KEY", s3AccessKey);
        env.put("S3_SECRET_KEY", s3SecretKey);
        env.put("S3_BUCKET", s3Bucket);
        env.put("INGEST_DIRECTORY", ingestDirectory.toString());
        return env;
    }
}
