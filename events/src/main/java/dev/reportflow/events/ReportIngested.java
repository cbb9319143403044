package dev.reportflow.events;

import java.util.Arrays;
import java.util.Objects;

/**
 * A new report, published once ingest-service has read its bytes. Key: {@link #reportId}.
 * The raw bytes travel inline (base64 in JSON) so extraction needs nothing but the topic,
 * which is compacted and kept: replaying it re-extracts every report.
 */
public record ReportIngested(
        int schemaVersion,
        String reportId,        // sha256 of payload, lowercase hex
        String fileName,        // last path element of the source key
        ReportSource source,
        String receivedAt,      // ISO-8601 instant
        String supersedes,      // report id previously stored under the same source key, or null
        byte[] payload
) {
    public static final int SCHEMA_VERSION = 1;

    public static ReportIngested of(String reportId, String fileName, ReportSource source, String receivedAt,
                                    String supersedes, byte[] payload) {
        return new ReportIngested(SCHEMA_VERSION, reportId, fileName, source, receivedAt, supersedes, payload);
    }

    // Records compare arrays by identity; events are compared by content.
    @Override
    public boolean equals(Object o) {
        return o instanceof ReportIngested r && schemaVersion == r.schemaVersion
                && Objects.equals(reportId, r.reportId) && Objects.equals(fileName, r.fileName)
                && Objects.equals(source, r.source) && Objects.equals(receivedAt, r.receivedAt)
                && Objects.equals(supersedes, r.supersedes) && Arrays.equals(payload, r.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(schemaVersion, reportId, fileName, source, receivedAt, supersedes) * 31
                + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "ReportIngested[" + reportId + ", " + fileName + ", " + (payload == null ? 0 : payload.length) + " bytes]";
    }
}
