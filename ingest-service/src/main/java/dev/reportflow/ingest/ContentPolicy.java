package dev.reportflow.ingest;

import dev.reportflow.events.RejectionReason;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What ingest accepts: text reports (by extension) of 1 byte up to the size limit whose bytes do
 * not look binary. Deciding by name and a cheap sniff keeps ingest light; decoding is extract-service's job.
 */
public final class ContentPolicy {
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "txt", "text/plain", "text", "text/plain", "md", "text/markdown",
            "html", "text/html", "htm", "text/html");
    /**
     * Magic numbers of common binary formats: a .txt that is really one of these is refused. Executables
     * are left to the NUL-byte ratio: "MZ" is too short a prefix to tell from text.
     */
    private static final List<Magic> MAGICS = List.of(
            new Magic("PNG image", new byte[]{(byte) 0x89, 'P', 'N', 'G'}),
            new Magic("JPEG image", new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}),
            new Magic("GIF image", new byte[]{'G', 'I', 'F', '8'}),
            new Magic("zip archive", new byte[]{'P', 'K', 3, 4}),
            new Magic("gzip archive", new byte[]{0x1F, (byte) 0x8B}),
            new Magic("PDF document", new byte[]{'%', 'P', 'D', 'F', '-'}),
            new Magic("ELF executable", new byte[]{0x7F, 'E', 'L', 'F'}),
            new Magic("OLE document", new byte[]{(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0}));
    private static final int SNIFF_BYTES = 64 * 1024;

    private final Set<String> extensions;
    private final long maxBytes;
    private final double maxNulRatio;

    public ContentPolicy(List<String> extensions, long maxBytes, double maxNulRatio) {
        this.extensions = extensions.stream().map(e -> e.trim().toLowerCase(Locale.ROOT).replaceFirst("^\\.", ""))
                .filter(e -> !e.isEmpty()).collect(Collectors.toUnmodifiableSet());
        this.maxBytes = maxBytes;
        this.maxNulRatio = maxNulRatio;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public record Verdict(RejectionReason reason, String message) {}

    /** Checks that need only the name and size; null when the file may be read. */
    public Verdict beforeRead(String name, long size) {
        if (size == 0) return new Verdict(RejectionReason.EMPTY, "file is empty");
        if (size > maxBytes) {
            return new Verdict(RejectionReason.TOO_LARGE, "file has " + size + " bytes, limit is " + maxBytes);
        }
        String ext = extension(name);
        if (!extensions.contains(ext)) {
            return new Verdict(RejectionReason.UNSUPPORTED_CONTENT_TYPE,
                    ext.isEmpty() ? "file name has no extension; accepted: " + sorted()
                            : "extension ." + ext + " is not accepted; accepted: " + sorted());
        }
        return null;
    }

    /** Checks on the bytes read; null when the report may be published. */
    public Verdict afterRead(String name, byte[] bytes) {
        Verdict v = beforeRead(name, bytes.length);
        if (v != null) return v;
        for (Magic m : MAGICS) {
            if (m.matches(bytes)) {
                return new Verdict(RejectionReason.UNSUPPORTED_CONTENT_TYPE, "content is a " + m.name + ", not text");
            }
        }
        int n = Math.min(bytes.length, SNIFF_BYTES);
        int nul = 0;
        for (int i = 0; i < n; i++) if (bytes[i] == 0) nul++;
        double ratio = (double) nul / n;
        if (nul > 0 && ratio > maxNulRatio) {
            return new Verdict(RejectionReason.UNSUPPORTED_CONTENT_TYPE,
                    String.format(Locale.ROOT, "content looks binary: %d NUL bytes in the first %d (%.2f%%)", nul, n, ratio * 100));
        }
        return null;
    }

    /** The content type carried in {@code ReportSource}, from the extension. */
    public static String contentType(String name) {
        return CONTENT_TYPES.getOrDefault(extension(name), "application/octet-stream");
    }

    static String extension(String name) {
        int slash = name.lastIndexOf('/');
        String base = slash < 0 ? name : name.substring(slash + 1);
        int dot = base.lastIndexOf('.');
        return dot <= 0 ? "" : base.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private String sorted() {
        return extensions.stream().sorted().collect(Collectors.joining(", "));
    }

    private record Magic(String name, byte[] prefix) {
        boolean matches(byte[] b) {
            if (b.length < prefix.length) return false;
            for (int i = 0; i < prefix.length; i++) if (b[i] != prefix[i]) return false;
            return true;
        }
    }
}
