package dev.reportflow.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code KEY=VALUE} files: the one devstack writes once ready ({@code devstack.env}) and the launcher's own
 * record of a running stack ({@code run/pipeline.env}). Lines starting with {@code #} and blank lines are
 * ignored; the value is everything after the first {@code =}, verbatim (URIs contain {@code =} and {@code &}).
 */
public final class EnvFile {
    private EnvFile() {}

    public static Map<String, String> parse(String text) {
        Map<String, String> env = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String key = eq < 0 ? "" : line.substring(0, eq).strip();
            if (eq < 0 || !key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("line " + (n + 1) + " is not KEY=VALUE: " + line);
            }
            env.put(key, line.substring(eq + 1));
        }
        return env;
    }

    public static Map<String, String> read(Path file) throws IOException {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Writes through a temporary file and a rename, so a reader sees the old file or the whole new one. */
    public static void write(Path file, String comment, Map<String, String> env) throws IOException {
        StringBuilder sb = new StringBuilder();
        if (comment != null) {
            sb.append("# ").append(comment).append('\n');
        }
        env.forEach((k, v) -> {
            if (v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                throw new IllegalArgumentException(k + " has a line break in its value");
            }
            sb.append(k).append('=').append(v).append('\n');
        });
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, sb, StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
