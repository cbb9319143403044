package dev.reportflow.extraction;

/** A report that cannot be extracted, with a machine-readable reason. */
public class ExtractionException extends Exception {
    public enum Reason { EMPTY, TOO_LARGE, UNDECODABLE, FAILED }

    private final Reason reason;

    public ExtractionException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ExtractionException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
