package dev.reportflow.extraction;

import java.util.List;

/**
 * Entry point of the library: bytes of one report in, its outline, metadata and indicators out.
 * Thread-safe and reusable; build once with {@link #withDefaults()}.
 *
 * <p>PLACEHOLDER API: the implementation is issue #3.
 */
public final class ReportExtractor {
    public static final String VERSION = "0.0.0";

    public static ReportExtractor withDefaults() {
        return new ReportExtractor();
    }

    public String version() {
        return VERSION;
    }

    /**
     * @param raw      the report's raw bytes (any supported encoding)
     * @param fileName the file name recorded in the output
     * @throws ExtractionException when the bytes are empty, too large or cannot be decoded
     */
    public Extraction extract(byte[] raw, String fileName) throws ExtractionException {
        if (raw == null || raw.length == 0) {
            throw new ExtractionException(ExtractionException.Reason.EMPTY, "empty input");
        }
        String id = Hashing.sha256Hex(raw);
        return new Extraction(VERSION, new ReportInfo(id, fileName, "UTF-8", null, null, null, null, null, null, 0),
                List.of(), List.of());
    }
}
