package dev.reportflow.extract;

import dev.reportflow.events.EventJson;
import dev.reportflow.events.RejectionReason;
import dev.reportflow.events.ReportIngested;
import java.util.regex.Pattern;

/** Turns a record value into a {@link ReportIngested}, or says why it cannot. */
public final class ReportDecoder {
    private ReportDecoder() {}

    private static final Pattern REPORT_ID = Pattern.compile("[0-9a-f]{64}");

    /** A value that is not a usable ReportIngested. */
    public static final class Undecodable extends Exception {
        public Undecodable(String message, Throwable cause) {
            super(message, cause);
        }

        public RejectionReason reason() {
            return RejectionReason.DESERIALIZATION_FAILED;
        }
    }

    public static ReportIngested decode(byte[] value) throws Undecodable {
        if (value == null) throw new Undecodable("null value (tombstone)", null);
        ReportIngested r;
        try {
            r = EventJson.read(value, ReportIngested.class);
        } catch (RuntimeException e) {
            throw new Undecodable(truncate(e.getMessage()), e);
        }
        if (r == null) throw new Undecodable("value is JSON null", null);
        if (r.reportId() == null || !REPORT_ID.matcher(r.reportId()).matches()) {
            throw new Undecodable("reportId is not a lowercase sha256 hex: " + truncate(String.valueOf(r.reportId())), null);
        }
        if (r.payload() == null) throw new Undecodable("payload is missing", null);
        return r;
    }

    public static boolean isReportId(String s) {
        return s != null && REPORT_ID.matcher(s).matches();
    }

    static String truncate(String s) {
        if (s == null) return null;
        return s.length() <= 500 ? s : s.substring(0, 500) + "…";
    }
}
