package dev.reportflow.events;

/**
 * Where a report's bytes were found. {@code bucket} is a configured source name (a directory
 * source's name or an S3 bucket); {@code key} the path or object key inside it.
 */
public record ReportSource(
        String kind,          // "directory", "s3" or "upload"
        String bucket,
        String key,
        long size,
        String contentType,
        String etag,          // S3 ETag, or null
        String lastModified   // ISO-8601 instant of the file mtime / object LastModified, or null
) {}
