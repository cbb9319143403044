package dev.reportflow.ingest;

import java.time.Instant;

/**
 * One file or object to consider, with what was known of it before reading.
 * {@code skipIfUnchanged}: skip without reading when the stored location has the same size and
 * mtime/etag (true for scans; false for uploads, which always carry new bytes).
 * {@code storedKnown}: the source already looked up (or itself wrote) the stored location, which is
 * {@code stored} (null: none), so the pipeline need not ask MongoDB again.
 */
public record Candidate(Source source, String key, long size, Instant lastModified, String etag,
                        boolean skipIfUnchanged, LocationState stored, boolean storedKnown) {

    /** A candidate whose stored location the pipeline looks up itself. */
    public Candidate(Source source, String key, long size, Instant lastModified, String etag, boolean skipIfUnchanged) {
        this(source, key, size, lastModified, etag, skipIfUnchanged, null, false);
    }

    public String locationId() {
        return locationId(source.name(), key);
    }

    public static String locationId(String sourceName, String key) {
        return sourceName + ":" + key;
    }

    public String fileName() {
        int slash = key.lastIndexOf('/');
        return slash < 0 ? key : key.substring(slash + 1);
    }

    /** The same state as a stored location: same size and etag (S3) or mtime (files). */
    public boolean sameAs(LocationState l) {
        if (l == null || l.size() != size) return false;
        if (etag != null || l.etag() != null) return etag != null && etag.equals(l.etag());
        return lastModified != null && l.mtime() != null && lastModified.toEpochMilli() == l.mtime();
    }

    /** The location as the pipeline records it for this candidate's outcome. */
    LocationState recorded(String reportId, String status) {
        return new LocationState(locationId(), reportId, size, lastModified == null ? null : lastModified.toEpochMilli(),
                etag, status);
    }
}
