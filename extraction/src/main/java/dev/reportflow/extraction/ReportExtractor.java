package dev.reportflow.extraction;

import dev.reportflow.extraction.indicators.IndicatorExtractor;
import dev.reportflow.extraction.meta.MetadataExtractor;
import dev.reportflow.extraction.meta.ReportMeta;
import dev.reportflow.extraction.outline.Layout;
import dev.reportflow.extraction.outline.Outline;
import dev.reportflow.extraction.outline.OutlineParser;
import dev.reportflow.extraction.text.TextDecoder;
import dev.reportflow.extraction.text.TextNormalizer;
import java.util.List;

/**
 * Entry point of the library: bytes of one report in, its outline, metadata and indicators out.
 * Thread-safe and reusable; build once with {@link #withDefaults()}.
 *
 * <p>Steps: decode ({@link TextDecoder}), normalise offset-preservingly ({@link TextNormalizer}),
 * page layout and signature ({@link Layout}), outline ({@link OutlineParser}), metadata
 * ({@link MetadataExtractor}), indicators ({@link IndicatorExtractor}). Every offset in the result
 * is a UTF-16 index into the decoded text, whose length is {@code report.chars}. The result depends
 * only on the bytes, the file name and {@link #VERSION}.
 */
public final class ReportExtractor {
    /** Version of the extraction rules; goes into every output. Bump when results change. */
    public static final String VERSION = "1.1.0";

    private final TextDecoder decoder;
    private final OutlineParser outlineParser;
    private final MetadataExtractor metadata;
    private final IndicatorExtractor indicators;

    private ReportExtractor(TextDecoder decoder, OutlineParser outlineParser, MetadataExtractor metadata,
                            IndicatorExtractor indicators) {
        this.decoder = decoder;
        this.outlineParser = outlineParser;
        this.metadata = metadata;
        this.indicators = indicators;
    }

    public static ReportExtractor withDefaults() {
        return withMaxBytes(TextDecoder.DEFAULT_MAX_BYTES);
    }

    /** Like {@link #withDefaults()} with another input size bound (bytes). */
    public static ReportExtractor withMaxBytes(int maxBytes) {
        return new ReportExtractor(new TextDecoder(maxBytes), OutlineParser.withDefaults(),
                MetadataExtractor.withDefaults(), IndicatorExtractor.withDefaults());
    }

    public String version() {
        return VERSION;
    }

    public int maxBytes() {
        return decoder.maxBytes();
    }

    /**
     * @param raw      the report's raw bytes (UTF-8 with or without BOM, UTF-16 with BOM, GB18030/GBK)
     * @param fileName the file name recorded in the output
     * @throws ExtractionException when the bytes are empty, too large or cannot be decoded, or
     *                             extraction fails unexpectedly (reason FAILED)
     */
    public Extraction extract(byte[] raw, String fileName) throws ExtractionException {
        TextDecoder.Decoded decoded = decoder.decode(raw);
        String id = Hashing.sha256Hex(raw);
        try {
            String text = decoded.text();
            String norm = TextNormalizer.normalize(text);
            Layout layout = Layout.of(norm);
            Outline outline = outlineParser.parse(text, norm, layout);
            ReportMeta meta = metadata.extract(text, norm, layout, outline);
            // indicators read across the soft line breaks of a hard-wrapped text (marked, same offsets)
            List<Indicator> found = indicators.extract(id, text, outline.withSoftBreaks(norm), outline);
            ReportInfo info = new ReportInfo(id, fileName, decoded.encoding(), meta.region(), meta.agency(),
                    meta.adminLevel(), meta.reportYear(), meta.published(), meta.title(), text.length());
            return new Extraction(VERSION, info, outline.sections(), List.copyOf(found));
        } catch (RuntimeException | StackOverflowError e) {
            throw new ExtractionException(ExtractionException.Reason.FAILED,
                    "extraction failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
