package dev.reportflow.ingest;

import dev.reportflow.events.RejectionReason;
import java.io.IOException;

/** Where candidates come from, and how their bytes are read and quarantined. */
public interface Source {
    /** The configured source name; locations are stored as {@code name + ":" + key}. */
    String name();

    /** "directory", "s3" or "upload" ({@code ReportSource.kind}). */
    String kind();

    /** {@code ReportSource.bucket}: the S3 bucket, or the source name for directories and uploads. */
    String bucket();

    /** The whole content; {@link java.nio.file.NoSuchFileException} when it vanished since it was listed. */
    byte[] read(Candidate c) throws IOException;

    /**
     * Moves or copies a refused candidate aside with a reason note and returns where it went.
     * {@code bytes} is null when they could not be (or were not) read.
     */
    IngestPipeline.Quarantined quarantine(Candidate c, byte[] bytes, RejectionReason reason, String message,
                                          String reportId) throws IOException;

    /** Candidates found but not yet processed (for the backlog gauge). */
    default int backlog() {
        return 0;
    }
}
