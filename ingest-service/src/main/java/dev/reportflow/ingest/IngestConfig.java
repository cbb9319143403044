package dev.reportflow.ingest;

import dev.reportflow.events.Topics;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code reportflow.ingest.*}; see docs/ingest.md for every key and its environment variable. */
@ConfigMapping(prefix = "reportflow.ingest")
public interface IngestConfig {
    /** Largest report published inline; larger files are quarantined as TOO_LARGE. */
    @WithDefault("" + Topics.DEFAULT_MAX_REPORT_BYTES)
    int maxReportBytes();

    /** A file is read once its size and mtime have not changed for this long. */
    @WithDefault("1s")
    Duration stableInterval();

    /** How often every source is listed in full (watch events and bucket notifications get lost). */
    @WithDefault("60s")
    Duration reconcileInterval();

    /** How often a directory source re-checks files waiting to become stable. */
    @WithDefault("200ms")
    Duration pollInterval();

    /** Files per pipeline batch (one Kafka round of acks, one MongoDB bulk write). */
    @WithDefault("500")
    int batchSize();

    /**
     * Bytes per pipeline batch, bounding memory with large reports: a batch is held once as bytes and
     * once as JSON while it is sent (the launcher gives the service a 128 MB heap).
     */
    @WithDefault("16777216")
    long batchBytes();

    @WithDefault("txt,text,md,html,htm")
    List<String> acceptExtensions();

    /** Share of NUL bytes in the first 64 KiB above which content is taken for binary. */
    @WithDefault("0.001")
    double maxNulRatio();

    /** Directory quarantine folder at each directory source's root (also never scanned). */
    @WithDefault("_rejected")
    String directoryQuarantine();

    /** Object-key prefix S3 quarantine copies go under (also never listed). */
    @WithDefault("rejected/")
    String s3Quarantine();

    /** The default directory source's root ({@code INGEST_DIRECTORY}). */
    @WithDefault("data/bucket/reports")
    String directory();

    @WithDefault("true")
    boolean directoryEnabled();

    /** The default directory source's name ({@code ReportSource.bucket}, location prefix). */
    @WithDefault("local")
    String directoryName();

    Optional<List<String>> directoryInclude();

    Optional<List<String>> directoryExclude();

    /**
     * The default S3 source (bucket {@code reportflow.s3.bucket}); unset means enabled exactly when
     * {@code reportflow.s3.endpoint} ({@code S3_ENDPOINT}) is configured.
     */
    Optional<Boolean> s3Enabled();

    @WithDefault("s3")
    String s3Name();

    /** Key prefix of the default S3 source ({@code S3_PREFIX}); absent means the whole bucket. */
    Optional<String> s3Prefix();

    Optional<List<String>> s3Include();

    Optional<List<String>> s3Exclude();

    /** Keys per ListObjectsV2 page. */
    @WithDefault("1000")
    int s3PageSize();

    Notifications notifications();

    TopicNames topics();

    Kafka kafka();

    Upload upload();

    /** Further sources: {@code reportflow.ingest.sources.<name>.type=directory|s3}, ... */
    Map<String, SourceConfig> sources();

    interface SourceConfig {
        @WithDefault("true")
        boolean enabled();

        /** "directory" or "s3". */
        String type();

        /** Directory sources: the root directory. */
        Optional<String> path();

        /** S3 sources: the bucket (default {@code reportflow.s3.bucket}; client settings are {@code reportflow.s3.*}). */
        Optional<String> bucket();

        Optional<String> prefix();

        Optional<List<String>> include();

        Optional<List<String>> exclude();
    }

    interface Notifications {
        /** Consume MinIO bucket notifications as hints when an S3 source is enabled. */
        @WithDefault("true")
        boolean enabled();

        @WithDefault(Topics.BUCKET_NOTIFICATIONS)
        String topic();

        @WithDefault("ingest-service-notifications")
        String groupId();
    }

    interface TopicNames {
        @WithDefault(Topics.REPORTS_INGESTED)
        String ingested();

        @WithDefault(Topics.REPORTS_REJECTED)
        String rejected();
    }

    interface Kafka {
        /**
         * zstd (default: smaller records on a topic kept forever) or lz4; the broker must have the codec
         * on its classpath (devstack ships zstd-jni but not lz4-java).
         */
        @WithDefault("zstd")
        String compression();

        @WithDefault("5ms")
        Duration linger();

        /** A batch whose acks do not arrive within this is left unmarked and retried by the next scan. */
        @WithDefault("60s")
        Duration deliveryTimeout();

        /** Create reports.ingested / reports.rejected with their documented specs when missing. */
        @WithDefault("true")
        boolean createTopics();
    }

    interface Upload {
        /** Source name of HTTP uploads (ReportSource.bucket, location prefix). */
        @WithDefault("upload")
        String name();

        /** Where refused uploads are written; default: the default directory's quarantine folder + /upload. */
        Optional<String> quarantineDir();
    }

    /** How long shutdown waits for the batch in hand to finish. */
    @WithDefault("30s")
    Duration shutdownTimeout();

    /** Start watching and scanning at application start (tests may start the engine themselves). */
    @WithDefault("true")
    boolean autostart();
}
