package dev.reportflow.ingest;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Include/exclude glob patterns over '/'-separated keys (directory-relative paths or S3 keys).
 * {@code *} and {@code ?} stay within one path segment, {@code **} crosses segments ({@code **}{@code /}
 * also matches no directory at all), {@code {a,b}} is an alternative and {@code [..]} a character class.
 * A pattern without '/' is matched against the last segment only, as in .gitignore, so
 * {@code *.txt} means "any .txt file at any depth".
 */
public final class Glob {
    private final String pattern;
    private final Pattern regex;
    private final boolean nameOnly;

    private Glob(String pattern) {
        this.pattern = pattern;
        this.nameOnly = pattern.indexOf('/') < 0;
        this.regex = Pattern.compile(toRegex(pattern));
    }

    public static Glob of(String pattern) {
        return new Glob(pattern.trim());
    }

    public boolean matches(String key) {
        String subject = key;
        if (nameOnly) {
            int slash = key.lastIndexOf('/');
            subject = slash < 0 ? key : key.substring(slash + 1);
        }
        return regex.matcher(subject).matches();
    }

    @Override
    public String toString() {
        return pattern;
    }

    static String toRegex(String glob) {
        StringBuilder re = new StringBuilder();
        int braces = 0;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> {
                    if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                        i++;
                        if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
                            i++;
                            re.append("(?:.*/)?");
                        } else {
                            re.append(".*");
                        }
                    } else {
                        re.append("[^/]*");
                    }
                }
                case '?' -> re.append("[^/]");
                case '{' -> { braces++; re.append("(?:"); }
                case '}' -> {
                    if (braces > 0) { braces--; re.append(')'); } else re.append("\\}");
                }
                case ',' -> re.append(braces > 0 ? "|" : ",");
                case '[' -> {
                    int end = glob.indexOf(']', i + 1);
                    if (end < 0) { re.append("\\["); break; }
                    String body = glob.substring(i + 1, end);
                    if (body.startsWith("!")) body = "^" + body.substring(1);
                    re.append('[').append(body.replace("\\", "\\\\")).append(']');
                    i = end;
                }
                case '\\' -> {
                    if (i + 1 < glob.length()) re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }

    /** True when the key matches any of the globs. */
    public static boolean any(List<Glob> globs, String key) {
        for (Glob g : globs) if (g.matches(key)) return true;
        return false;
    }
}
