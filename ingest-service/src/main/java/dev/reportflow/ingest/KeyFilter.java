package dev.reportflow.ingest;

import java.util.List;

/**
 * Which keys of a source are candidates: not a temporary or hidden file, not under the
 * quarantine folder, matching an include glob and no exclude glob.
 */
public final class KeyFilter {
    /** Writers' temporary names and hidden files are never read; the final name is. */
    private static final List<Glob> ALWAYS_IGNORED = List.of(Glob.of("*.part"), Glob.of("*.tmp"),
            Glob.of("*.crdownload"), Glob.of("*~"));

    private final List<Glob> includes;
    private final List<Glob> excludes;
    private final List<String> reserved;

    /** @param reserved key prefixes never read (the quarantine folders, each ending in '/') */
    public KeyFilter(List<String> includes, List<String> excludes, List<String> reserved) {
        this.includes = includes == null || includes.isEmpty() ? List.of(Glob.of("**"))
                : includes.stream().filter(s -> !s.isBlank()).map(Glob::of).toList();
        this.excludes = excludes == null ? List.of() : excludes.stream().filter(s -> !s.isBlank()).map(Glob::of).toList();
        this.reserved = reserved == null ? List.of() : reserved.stream().filter(r -> !r.isEmpty()).toList();
    }

    /** @param key '/'-separated key relative to the source root (directory) or the bucket (S3). */
    public boolean accepts(String key) {
        if (key.isEmpty() || key.endsWith("/")) return false;
        if (isReserved(key) || isHiddenOrTemp(key)) return false;
        return Glob.any(includes, key) && !Glob.any(excludes, key);
    }

    private boolean isReserved(String key) {
        for (String r : reserved) if (key.startsWith(r)) return true;
        return false;
    }

    /** A dot segment anywhere (hidden file or directory) or a temporary-file name. */
    public static boolean isHiddenOrTemp(String key) {
        int start = 0;
        while (start < key.length()) {
            int slash = key.indexOf('/', start);
            int end = slash < 0 ? key.length() : slash;
            if (end > start && key.charAt(start) == '.') return true;
            start = end + 1;
        }
        return Glob.any(ALWAYS_IGNORED, key);
    }

    /** True when the directory (relative, '/'-separated, "" for the root) should not be watched. */
    public boolean skipsDirectory(String relDir) {
        if (relDir.isEmpty()) return false;
        return isReserved(relDir + "/") || isHiddenOrTemp(relDir);
    }
}
