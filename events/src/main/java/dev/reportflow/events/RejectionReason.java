package dev.reportflow.events;

/** Why ingest-service or extract-service refused a report. */
public enum RejectionReason {
    EMPTY,
    TOO_LARGE,
    UNREADABLE,
    UNSUPPORTED_CONTENT_TYPE,
    UNDECODABLE,
    EXTRACTION_FAILED,
    EXTRACTION_TIMEOUT,
    DESERIALIZATION_FAILED
}
