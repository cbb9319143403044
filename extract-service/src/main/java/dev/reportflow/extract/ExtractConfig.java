package dev.reportflow.extract;

import dev.reportflow.events.Topics;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** Settings of the extract service ({@code extract.*}, each overridable by its env var, e.g. EXTRACT_TIMEOUT). */
@ConfigMapping(prefix = "extract")
public interface ExtractConfig {

    /** Threads that run the extractor (CPU bound: about one per core). */
    @WithDefault("2")
    int workers();

    /** Reports being extracted or waiting for broker acks at once, per instance (bounds memory and redelivery). */
    @WithDefault("64")
    int maxInFlight();

    /** Longest one report may spend in the extractor before it goes to the DLQ as EXTRACTION_TIMEOUT. */
    @WithDefault("10s")
    Duration timeout();

    /**
     * Workers that may be written off (still spinning on a timed-out report) before the service reports itself
     * dead; each one is replaced by a fresh thread so throughput holds meanwhile.
     */
    @WithDefault("2")
    int maxStuckWorkers();

    /** Largest raw report accepted; larger ones go to the DLQ as TOO_LARGE. */
    @WithDefault("" + Topics.DEFAULT_MAX_REPORT_BYTES)
    int maxReportBytes();

    /** Largest number of section plus indicator events one report may produce (pathological input guard). */
    @WithDefault("20000")
    int maxEventsPerReport();

    /** Largest serialized event; topics for sections and indicators accept 1 MiB. */
    @WithDefault("900000")
    int maxEventBytes();

    /** The name written into dead letters. */
    @WithDefault("extract-service")
    String serviceName();

    /** Create the topics this service uses (with {@link Topics#ALL} partitions and retention) at startup. */
    @WithDefault("true")
    boolean createTopics();

    Out topics();

    /** Extra Kafka producer properties (e.g. extract.producer."compression.type"=lz4). */
    Map<String, String> producer();

    interface Out {
        @WithDefault(Topics.REPORTS_SECTIONS)
        String sections();

        @WithDefault(Topics.REPORTS_INDICATORS)
        String indicators();

        @WithDefault(Topics.REPORTS_EXTRACTED)
        String extracted();

        @WithDefault(Topics.REPORTS_INGESTED_DLQ)
        String deadLetter();
    }
}
