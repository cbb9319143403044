package dev.reportflow.ingest;

/** What the pipeline did with one candidate. */
public record Outcome(Candidate candidate, Kind kind, String reportId, String supersedes, String reason,
                      String message, String quarantinedAt) {
    public enum Kind {
        /** Sent, acknowledged and marked seen. */
        PUBLISHED,
        /** Same bytes as a report already published; the new location is recorded. */
        DUPLICATE,
        /** Quarantined with a reason; a ReportRejected was sent. */
        REJECTED,
        /** The stored location has the same size and mtime/etag: not read. */
        UNCHANGED,
        /** Gone before it could be read. */
        VANISHED,
        /** Not acknowledged (or not marked); nothing recorded, a later scan retries. */
        FAILED
    }

    static Outcome of(Candidate c, Kind kind, String reportId) {
        return new Outcome(c, kind, reportId, null, null, null, null);
    }
}
