package dev.reportflow.extraction.meta;

import dev.reportflow.extraction.Section;
import dev.reportflow.extraction.meta.Gazetteer.Division;
import dev.reportflow.extraction.meta.Gazetteer.Kind;
import dev.reportflow.extraction.meta.Gazetteer.Mention;
import dev.reportflow.extraction.outline.Layout;
import dev.reportflow.extraction.outline.Line;
import dev.reportflow.extraction.outline.Outline;
import dev.reportflow.extraction.outline.PageNoise;
import dev.reportflow.extraction.text.Dates;
import dev.reportflow.extraction.text.Numerals;
import dev.reportflow.extraction.text.TextNormalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Title, issuing body, region, admin level, year reported on and publication date of a report.
 *
 * <ul>
 *   <li>title: the page's 标题 field, else the first title-like line before the first heading;</li>
 *   <li>agency: the signature's first body, else the page's 发布机构, else the body that opens the
 *       title, else the first body named after a place in the text before the first heading
 *       (then anywhere); a bare 市司法局 is completed with the region's own name;</li>
 *   <li>region: the places that open the agency's name (else the title's, else the first ones in the
 *       text), completed with their parent divisions from the {@link Gazetteer}; a township
 *       (镇/乡/街道) right after a county is kept;</li>
 *   <li>admin_level: from the deepest division (prefecture; county; district for county-level 区;
 *       township), national for central bodies with no place;</li>
 *   <li>report_year: the first year of the title, else of the first level-1 heading about the year's
 *       work, else the first year of the preamble, else a plans heading's year minus one, else the
 *       publication year (minus one before July);</li>
 *   <li>published: signature date, else 成文日期/印发日期, else 发布日期, else a date line under the
 *       title.</li>
 * </ul>
 */
public final class MetadataExtractor {
    private static final String ORG_SUFFIX =
            "人民政府办公室|人民政府办公厅|人民政府|政府办公室|政府|管理委员会|管委会|街道办事处|办事处|委员会"
                    + "|司法局|司法厅|局|厅|办公室|司法所|中心|人民法院|人民检察院";
    /** A body's name after its place: shortest run of Han characters ending with a suffix. */
    /** precompiled: String.replaceAll compiles its regex on every call */
    private static final Pattern BOOK_TITLE = Pattern.compile("《[^》]{0,80}》");
    private static final Pattern ORG_AFTER_PLACE = Pattern.compile(
            "^[\\p{IsHan}]{0,10}?(" + ORG_SUFFIX + ")(办公室|办公厅)?");
    private static final Pattern TOWNSHIP = Pattern.compile("^([\\p{IsHan}]{1,8}?(镇|乡|街道))(?=人民政府|政府|办事处|党委|党工委|司法所|$)");
    private static final Pattern CENTRAL_AT_START = Pattern.compile(
            "(中华人民共和国)?(国务院([\\p{IsHan}]{1,8}?(办公厅|办公室))?|[\\p{IsHan}]{1,6}?部(?![门分])|国家[\\p{IsHan}]{1,10}?(局|委员会|署))");
    private static final Pattern CENTRAL = Pattern.compile("^(中华人民共和国)?(国务院|司法部|[\\p{IsHan}]{1,8}部|国家[\\p{IsHan}]{1,10}(局|委员会|署))$");
    /** A year; not one end of a range (2021-2025年, 2021年至2025年), which names a plan period. */
    private static final Pattern YEAR = Pattern.compile(
            "(?<![0-9]|[-—~～至到]\\s?)(?:((?:19|20)[0-9]{2})|([〇零一二三四五六七八九O]{4}))(?![0-9])(?!\\s*年?\\s*[-—~～至到]\\s*(?:19|20|[〇零一二]))\\s*年");
    private static final Pattern TITLE_WORDS = Pattern.compile("报告|总结|情况|工作|计划|要点|汇报|述职");
    private static final Pattern GOVERNMENT = Pattern.compile("(人民政府|政府|办事处)$");
    /** A site name after the title in a page title: …报告_某区人民政府网, …报告 - 某市门户网站. */
    private static final Pattern SITE_SUFFIX = Pattern.compile(
            "\\s*([_|｜]|\\s[-－—]\\s?)[^_|｜]{2,30}(网|网站|门户|政府|政务网|信息公开)$");
    private static final Pattern GENERIC_AGENCY = Pattern.compile("^[省市区县州镇乡]([\\p{IsHan}]{1,10})$");

    private final Gazetteer gazetteer;

    public MetadataExtractor(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    public static MetadataExtractor withDefaults() {
        return new MetadataExtractor(Gazetteer.defaults());
    }

    public ReportMeta extract(String text, String norm, Layout layout, Outline outline) {
        List<Section> sections = outline.sections();
        int firstHeading = sections.isEmpty() ? layout.bodyEnd() : sections.get(0).start();

        // fields of the page's information table: [start, end) of each value
        Map<String, int[]> spans = new HashMap<>();
        Map<String, String> fields = new HashMap<>();
        List<Line> lines = layout.lines();
        for (Line l : lines) {
            if (l.start() >= firstHeading) break;
            if (!layout.isNoise(l.index())) continue;
            PageNoise.fields(l.content()).forEach((k, v) -> {
                int at = l.content().indexOf(v);
                if (at >= 0 && !spans.containsKey(k)) {
                    spans.put(k, new int[] {l.from() + at, l.from() + at + v.length()});
                    fields.put(k, v);
                }
            });
        }

        // --- title (as written)
        List<Line> titleLines = titleLines(layout, firstHeading);
        String title = null;
        String normTitle = null;
        if (!titleLines.isEmpty()) {
            StringBuilder t = new StringBuilder();
            for (Line l : titleLines) t.append(text, l.from(), l.to());
            title = t.toString();
            Matcher site = SITE_SUFFIX.matcher(TextNormalizer.normalize(title));
            if (site.find() && site.start() > 0) title = title.substring(0, site.start());
            normTitle = TextNormalizer.normalize(title);
        } else if (spans.containsKey("标题")) {
            int[] sp = spans.get("标题");
            title = text.substring(sp[0], sp[1]);
            normTitle = norm.substring(sp[0], sp[1]);
        }

        // --- agency (as written) and the place it names; every place is read on norm, offsets shared with text
        Place place = null;
        String agency = null;
        boolean central = false;
        // a joint signature (中共某县委 / 某县人民政府): the government body reports on law-based government
        Line signed = null;
        for (Line org : layout.signatureOrgs()) {
            if (signed == null || (!GOVERNMENT.matcher(signed.content()).find() && GOVERNMENT.matcher(org.content()).find())) {
                signed = org;
            }
        }
        if (signed != null) {
            agency = text.substring(signed.from(), signed.to());
            place = placeOf(norm, signed.from(), signed.to());
        }
        if (agency == null) {
            for (String key : new String[] {"发布机构", "发文机关", "发文机构", "发布单位"}) {
                int[] sp = spans.get(key);
                if (sp == null || sp[1] - sp[0] > 40) continue;
                agency = text.substring(sp[0], sp[1]);
                place = placeOf(norm, sp[0], sp[1]);
                break;
            }
        }
        for (Line l : titleLines) {
            if (agency != null) break;
            Org o = firstOrg(norm, l.from(), l.to(), true);
            if (o != null) {
                agency = text.substring(o.start, o.end);
                place = o.place;
            } else {
                Matcher c = CENTRAL_AT_START.matcher(l.content());
                if (c.lookingAt()) {
                    agency = text.substring(l.from(), l.from() + c.end());
                    central = true;
                }
            }
        }
        if (agency == null) {
            Org o = firstOrg(norm, 0, Math.min(firstHeading + 400, layout.bodyEnd()), false);
            if (o == null) o = firstOrg(norm, 0, layout.bodyEnd(), false);
            if (o != null) {
                agency = text.substring(o.start, o.end);
                place = o.place;
            }
        }
        for (Line l : titleLines) if (place == null && !central) place = placeOf(norm, l.from(), l.to());
        if (place == null && !central) place = placeOf(norm, 0, Math.min(norm.length(), Math.max(firstHeading, 2000)));

        // --- region: resolve ambiguous names with the rest of the text as evidence
        Division division = place == null ? null : resolve(place, norm);
        String region = null;
        String adminLevel = null;
        if (division != null) {
            region = fullRegion(place, division);
            if (place.township != null) adminLevel = "township";
            else adminLevel = switch (division.kind()) {
                case PROVINCE -> "province";
                case PREFECTURE -> "prefecture";
                case COUNTY -> division.name().endsWith("区") ? "district" : "county";
            };
        } else if (place != null) {
            // an ambiguous name: keep the names the text gives (simplified); its level is known when all readings agree
            region = norm.substring(place.start, place.end);
            Mention last = place.chain.get(place.chain.size() - 1);
            if (place.township != null) adminLevel = "township";
            else if (last.candidates().stream().allMatch(d -> d.kind() == Kind.COUNTY)) {
                adminLevel = last.name().endsWith("区") ? "district" : "county";
            } else if (last.candidates().stream().allMatch(d -> d.kind() == Kind.PREFECTURE)) {
                adminLevel = "prefecture";
            }
        }
        if (agency != null) {
            agency = agency.strip();
            String na = TextNormalizer.normalize(agency);
            Matcher g = GENERIC_AGENCY.matcher(na);
            if (g.matches() && division != null && place.township == null && placeOf(na, 0, na.length()) == null) {
                // 市司法局 in a report whose region is 湖州市: 湖州市司法局 (the place's own name as written)
                String own = ownName(place, division, text, norm);
                if (division.name().charAt(division.name().length() - 1) == na.charAt(0)) {
                    agency = own + agency.substring(1);
                }
            }
            if (division == null && (central || CENTRAL.matcher(na).matches())) adminLevel = "national";
        }

        Integer year = reportYear(norm, normTitle, sections, firstHeading, layout);
        String published = published(layout, fields, lines, firstHeading);
        if (year == null && published != null) {
            int y = Integer.parseInt(published.substring(0, 4));
            int month = Integer.parseInt(published.substring(5, 7));
            year = month <= 6 ? y - 1 : y;
        }
        return new ReportMeta(title, region, agency, adminLevel, year, published);
    }

    /**
     * The region in full and in the gazetteer's spelling: the division's chain from its province
     * (福建省厦门市思明区, also for a report naming 廈門市思明區 or only 思明区), then a township the
     * text names after it, simplified (石城镇). Other services group reports by this key, so it is
     * canonical rather than as written; agency and title keep the text's script.
     */
    private static String fullRegion(Place place, Division division) {
        return place.township == null ? division.fullName() : division.fullName() + place.township;
    }

    /** The division's own name as the text writes it where the place was found (湖州市, 廈門市), else the gazetteer's. */
    private static String ownName(Place place, Division division, String text, String norm) {
        int len = division.name().length();
        int end = place.township == null ? place.end : place.end - place.township.length();
        if (end - len >= place.start && norm.startsWith(division.name(), end - len)) return text.substring(end - len, end);
        return division.name();
    }

    // ------------------------------------------------------------------ title

    /** The title: one line, or a body's name on one line and the title on the next. */
    private static List<Line> titleLines(Layout layout, int firstHeading) {
        List<Line> lines = layout.lines();
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            if (l.from() >= firstHeading) break;
            if (l.blank() || layout.isNoise(l.index())) continue;
            String c = l.content();
            if (isTitleLike(c)) {
                if (c.length() <= 30 && !TITLE_WORDS.matcher(c).find()) {
                    Line next = nextContent(layout, i, firstHeading);
                    if (next != null && isTitleLike(next.content()) && TITLE_WORDS.matcher(next.content()).find()) {
                        return List.of(l, next);
                    }
                    continue;
                }
                return List.of(l);
            }
            if (c.length() > 100 || c.indexOf('。') >= 0) break; // the preamble started: no title
        }
        return List.of();
    }

    private static Line nextContent(Layout layout, int i, int limit) {
        for (int j = i + 1; j < layout.lines().size(); j++) {
            Line l = layout.lines().get(j);
            if (l.from() >= limit) return null;
            if (!l.blank() && !layout.isNoise(j)) return l;
        }
        return null;
    }

    private static boolean isTitleLike(String c) {
        if (c.length() < 6 || c.length() > 90) return false;
        int stop = c.indexOf('。');
        if (stop >= 0 && stop < c.length() - 1) return false;
        if (c.indexOf(',') >= 0 && !c.startsWith("关于")) return false;
        return TITLE_WORDS.matcher(c).find() || c.startsWith("关于") || Layout.ORG_LINE_PATTERN.matcher(c).matches();
    }

    // ------------------------------------------------------------------ places and bodies

    /** Places named in a row at the start of some text: the chain's divisions, a township after it. */
    private static final class Place {
        final List<Mention> chain;
        final String township;
        final int start;
        final int end;

        Place(List<Mention> chain, String township, int start, int end) {
            this.chain = chain;
            this.township = township;
            this.start = start;
            this.end = end;
        }
    }

    private record Org(int start, int end, Place place) {}

    /** The chain of division names starting exactly at {@code at}, or null. */
    private Place chainAt(String s, int at, int limit) {
        Mention first = gazetteer.mentionAt(s, at, limit);
        if (first == null) return null;
        List<Mention> chain = new ArrayList<>();
        int i = at;
        while (i < limit) {
            Mention m = gazetteer.mentionAt(s, i, limit);
            if (m == null) break;
            if (!chain.isEmpty() && !nested(chain.get(chain.size() - 1), m)) break;
            chain.add(m);
            i = m.end();
        }
        if (chain.isEmpty()) return null;
        String township = null;
        Matcher t = TOWNSHIP.matcher(s);
        t.region(i, limit);
        Mention last = chain.get(chain.size() - 1);
        if (t.lookingAt() && last.candidates().stream().anyMatch(d -> d.kind() == Kind.COUNTY)) {
            township = t.group(1);
            i = t.end();
        }
        return new Place(List.copyOf(chain), township, at, i);
    }

    private static boolean nested(Mention parent, Mention child) {
        for (Division c : child.candidates()) for (Division p : parent.candidates()) if (c != p && c.within(p)) return true;
        return false;
    }

    private Place placeOf(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            Place p = chainAt(s, i, to);
            if (p != null) return p;
        }
        return null;
    }

    /**
     * The first body named after a place in [from, to) of {@code s}: 伊春市司法局, 重庆市九龙坡区司法局.
     * With {@code atStart}, only a body that opens the text (a title) counts.
     */
    private Org firstOrg(String s, int from, int to, boolean atStart) {
        int i = from;
        Org weak = null;
        while (i < to) {
            Place p = chainAt(s, i, to);
            if (p == null) {
                if (atStart && i > from + 6) return null;
                i++;
                continue;
            }
            Matcher m = ORG_AFTER_PLACE.matcher(s);
            m.region(p.end, Math.min(to, p.end + 16));
            if (m.lookingAt()) {
                Org o = new Org(i, m.end(), p);
                String suffix = m.group(1);
                // party committees (…委) and generic 中心 are weaker than an issuing government body
                if (!suffix.equals("中心")) return o;
                if (weak == null) weak = o;
            } else if (atStart) {
                return null;
            }
            i = p.end;
        }
        return weak;
    }

    /** The division a place chain stands for; ambiguous names are settled by other mentions in the text. */
    private Division resolve(Place place, String norm) {
        Mention last = place.chain.get(place.chain.size() - 1);
        List<Division> cands = new ArrayList<>(last.candidates());
        if (place.chain.size() > 1) {
            Mention prev = place.chain.get(place.chain.size() - 2);
            cands.removeIf(c -> prev.candidates().stream().noneMatch(p -> c != p && c.within(p)));
        }
        if (cands.isEmpty()) return null;
        if (cands.size() == 1) return cands.get(0);
        // prefer the candidate whose ancestors the text mentions most
        Division best = null;
        int bestScore = -1;
        boolean tie = false;
        for (Division c : cands) {
            int score = 0;
            for (Division a = c.parent(); a != null; a = a.parent()) {
                score += count(norm, a.name()) * 2;
                String sn = Gazetteer.shortName(a);
                if (sn != null) score += count(norm, sn);
            }
            if (score > bestScore) {
                best = c;
                bestScore = score;
                tie = false;
            } else if (score == bestScore) {
                tie = true;
            }
        }
        return tie || bestScore == 0 ? null : best;
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + needle.length())) n++;
        return n;
    }

    // ------------------------------------------------------------------ years and dates

    private static Integer reportYear(String norm, String normTitle, List<Section> sections, int firstHeading,
                                      Layout layout) {
        if (normTitle != null) {
            Integer y = firstYear(stripBookTitles(normTitle));
            if (y != null) return y;
        }
        Integer plansYear = null;
        for (Section s : sections) {
            if (s.level() != 1 || s.parent() != null) continue;
            String t = norm.substring(s.start(), Math.min(s.end(), s.start() + 80));
            int cut = t.indexOf('\n');
            if (cut >= 0) t = t.substring(0, cut);
            Integer y = firstYear(stripBookTitles(t));
            if (y == null) continue;
            if ("plans".equals(s.category())) {
                if (plansYear == null) plansYear = y - 1;
            } else if (!"other".equals(s.category())) {
                return y;
            }
        }
        // preamble: the text between the title/page table and the first heading
        StringBuilder pre = new StringBuilder();
        for (Line l : layout.lines()) {
            if (l.from() >= firstHeading) break;
            if (l.blank() || layout.isNoise(l.index())) continue;
            pre.append(l.content()).append('\n');
        }
        Integer y = firstYear(stripBookTitles(pre.toString()));
        if (y != null) return y;
        return plansYear;
    }

    /** Years inside 《…》 name documents, not the period reported on. */
    private static String stripBookTitles(String s) {
        return BOOK_TITLE.matcher(s).replaceAll("");
    }

    private static Integer firstYear(String s) {
        Matcher m = YEAR.matcher(s);
        while (m.find()) {
            int y = m.group(1) != null ? Integer.parseInt(m.group(1)) : Numerals.parseDateNumber(m.group(2).replace('O', '〇'));
            if (y >= 1990 && y <= 2100) return y;
        }
        return null;
    }

    private static String published(Layout layout, Map<String, String> fields, List<Line> lines, int firstHeading) {
        if (layout.signatureDate() != null) return layout.signatureDate();
        for (String key : new String[] {"成文日期", "成文时间", "印发日期", "发布日期", "发布时间", "公开日期", "日期", "时间"}) {
            String v = fields.get(key);
            if (v == null) continue;
            Dates.Found f = Dates.find(v, 0);
            if (f != null && f.start() == 0) return f.iso();
        }
        for (Line l : lines) {
            if (l.from() >= firstHeading) break;
            // the brackets' removal takes two chars at most: a longer line stays over 20
            if (l.blank() || layout.isNoise(l.index()) || l.to() - l.from() > 22) continue;
            String c = Layout.OUTER_PARENS.matcher(l.content()).replaceAll("");
            if (c.length() <= 20) {
                String iso = Dates.whole(c);
                if (iso != null) return iso;
            }
        }
        return null;
    }
}
