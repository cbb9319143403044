package dev.reportflow.ingest;

/**
 * A stored {@code ingest_locations} document: what was last found at source+key.
 * {@code reportId} is null when the last file there was refused before its bytes were read.
 */
public record LocationState(String id, String reportId, long size, Long mtime, String etag, String status) {}
