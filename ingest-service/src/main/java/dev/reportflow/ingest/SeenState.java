package dev.reportflow.ingest;

import java.util.List;

/** A stored {@code ingest_seen} document. */
public record SeenState(String reportId, String status, String reason, String message, String fileName, long size,
                        String supersedes, List<String> locations, long duplicates, String firstSeenAt,
                        String publishedAt, String quarantinedAt) {
    public static final String PUBLISHED = "published";
    public static final String REJECTED = "rejected";

    public boolean published() {
        return PUBLISHED.equals(status);
    }
}
