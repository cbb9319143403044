package dev.reportflow.events;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dead-letter envelope. A record on {@code reports.ingested.dlq} keeps the original key and
 * value untouched (so it can be replayed) and says why in these headers.
 */
public record DeadLetter(
        int schemaVersion,
        String reportId,
        String reason,         // a RejectionReason name
        String message,
        String exceptionClass,
        String originalTopic,
        int originalPartition,
        long originalOffset,
        String service,
        String failedAt        // ISO-8601 instant
) {
    public static final int SCHEMA_VERSION = 1;

    public static final String H_SCHEMA_VERSION = "dlq-schema-version";
    public static final String H_REPORT_ID = "dlq-report-id";
    public static final String H_REASON = "dead-letter-reason";
    public static final String H_MESSAGE = "dead-letter-cause";
    public static final String H_EXCEPTION = "dead-letter-exception-class-name";
    public static final String H_TOPIC = "dead-letter-topic";
    public static final String H_PARTITION = "dead-letter-partition";
    public static final String H_OFFSET = "dead-letter-offset";
    public static final String H_SERVICE = "dlq-service";
    public static final String H_FAILED_AT = "dlq-failed-at";

    /** Header name to UTF-8 value, in a stable order. Null fields are left out. */
    public Map<String, byte[]> toHeaders() {
        Map<String, byte[]> h = new LinkedHashMap<>();
        put(h, H_SCHEMA_VERSION, String.valueOf(schemaVersion));
        put(h, H_REPORT_ID, reportId);
        put(h, H_REASON, reason);
        put(h, H_MESSAGE, message);
        put(h, H_EXCEPTION, exceptionClass);
        put(h, H_TOPIC, originalTopic);
        put(h, H_PARTITION, String.valueOf(originalPartition));
        put(h, H_OFFSET, String.valueOf(originalOffset));
        put(h, H_SERVICE, service);
        put(h, H_FAILED_AT, failedAt);
        return h;
    }

    public static DeadLetter fromHeaders(Map<String, byte[]> h) {
        return new DeadLetter(
                parseInt(get(h, H_SCHEMA_VERSION), SCHEMA_VERSION), get(h, H_REPORT_ID), get(h, H_REASON),
                get(h, H_MESSAGE), get(h, H_EXCEPTION), get(h, H_TOPIC), parseInt(get(h, H_PARTITION), -1),
                parseLong(get(h, H_OFFSET)), get(h, H_SERVICE), get(h, H_FAILED_AT));
    }

    private static void put(Map<String, byte[]> h, String k, String v) {
        if (v != null) h.put(k, v.getBytes(StandardCharsets.UTF_8));
    }

    private static String get(Map<String, byte[]> h, String k) {
        byte[] v = h.get(k);
        return v == null ? null : new String(v, StandardCharsets.UTF_8);
    }

    private static int parseInt(String s, int dflt) {
        try { return s == null ? dflt : Integer.parseInt(s); } catch (NumberFormatException e) { return dflt; }
    }

    private static long parseLong(String s) {
        try { return s == null ? -1 : Long.parseLong(s); } catch (NumberFormatException e) { return -1; }
    }
}
