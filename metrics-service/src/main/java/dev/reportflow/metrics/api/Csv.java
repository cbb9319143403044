package dev.reportflow.metrics.api;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.function.Function;

/** RFC 4180 CSV for the tabular endpoints, chosen by {@code Accept: text/csv} or {@code ?format=csv}. */
public final class Csv {
    private Csv() {}

    public static final String TEXT_CSV = "text/csv";
    public static final MediaType TEXT_CSV_UTF8 = MediaType.valueOf("text/csv; charset=UTF-8");

    /** A column: header and how to read it from a row. */
    public record Column<T>(String header, Function<T, Object> value) {}

    public static <T> Column<T> col(String header, Function<T, Object> value) {
        return new Column<>(header, value);
    }

    /** True when the client asked for CSV, either by parameter or by its most preferred Accept type. */
    public static boolean wanted(HttpHeaders headers, String format) {
        if (format != null && !format.isBlank()) {
            if (format.equalsIgnoreCase("csv")) return true;
            if (format.equalsIgnoreCase("json")) return false;
            throw ApiError.badRequest("format must be json or csv, not '" + format + "'");
        }
        if (headers == null) return false;
        for (MediaType m : headers.getAcceptableMediaTypes()) {
            if (m.isWildcardType()) return false;
            if (m.getType().equalsIgnoreCase("text") && m.getSubtype().equalsIgnoreCase("csv")) return true;
            if (m.isCompatible(MediaType.APPLICATION_JSON_TYPE)) return false;
        }
        return false;
    }

    public static <T> String write(List<T> rows, List<Column<T>> columns) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) sb.append(',');
            sb.append(field(columns.get(i).header()));
        }
        sb.append("\r\n");
        for (T row : rows) {
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) sb.append(',');
                sb.append(field(columns.get(i).value().apply(row)));
            }
            sb.append("\r\n");
        }
        return sb.toString();
    }

    public static <T> Response response(List<T> rows, List<Column<T>> columns) {
        return Response.ok(write(rows, columns), TEXT_CSV_UTF8).build();
    }

    static String field(Object v) {
        if (v == null) return "";
        String s;
        if (v instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
            s = Long.toString(d.longValue());
        } else if (v instanceof List<?> l) {
            s = String.join(";", l.stream().map(x -> x == null ? "" : x.toString()).toList());
        } else {
            s = v.toString();
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
