package dev.reportflow.metrics.api;

/** Query parameters are taken as strings and checked here, so a bad value is a 400 with a message. */
final class Params {
    private Params() {}

    static int integer(String name, String raw, int dflt, int min, int max) {
        if (raw == null || raw.isBlank()) return dflt;
        try {
            int v = Integer.parseInt(raw.trim());
            if (v < min || v > max) throw ApiError.badRequest(name + " must be between " + min + " and " + max + ", not " + v);
            return v;
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(name + " must be an integer, not '" + raw + "'");
        }
    }

    static Integer year(String raw) {
        if (raw == null || raw.isBlank()) return null;
        return integer("year", raw, 0, 1949, 2100);
    }

    static String text(String raw) {
        return raw == null || raw.isBlank() ? null : raw.trim();
    }

    static String oneOf(String name, String raw, java.util.Collection<String> allowed) {
        String v = text(raw);
        if (v != null && !allowed.contains(v)) {
            throw ApiError.badRequest(name + " must be one of " + String.join(", ", allowed) + ", not '" + v + "'");
        }
        return v;
    }
}
