package dev.reportflow.extraction.outline;

import dev.reportflow.extraction.text.Dates;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The parts of a report's text around its outline: the lines, which of them are web-page noise,
 * the signature block at the end (issuing body and date), and where the report body ends.
 *
 * @param lines          all lines of the normalised text
 * @param noise          per line: true when it is page noise (information table, buttons, footer…)
 * @param bodyEnd        offset where the report body ends: the signature block, trailing page noise
 *                       or the end of the text; sections never extend past it
 * @param signatureStart offset of the signature block, or -1
 * @param signatureOrgs  lines naming the issuing bodies in the signature, top to bottom (may be empty)
 * @param signatureDate  ISO date of the signature, or null
 * @param wrapWidth      for a text hard-wrapped at a fixed width (a PDF copy), the usual length of
 *                       its wrapped lines; 0 when lines are paragraphs
 */
public record Layout(List<Line> lines, boolean[] noise, int bodyEnd, int signatureStart,
                     List<Line> signatureOrgs, String signatureDate, int wrapWidth) {

    /** Names of issuing bodies: a place or organisation ending with one of these. */
    public static final Pattern ORG_LINE_PATTERN = Pattern.compile(
            "^[\\p{IsHan}()（）·]{2,40}(局|厅|委员会|人民政府|政府|办公室|办公厅|办事处|管委会|管理委员会|中心|委|部|署|院|司法所|工作部|领导小组)$");
    /** precompiled: String.replaceAll compiles its regex on every call */
    public static final Pattern OUTER_PARENS = Pattern.compile("^[(（]|[)）]$");
    /** A signature date without a day: 2024年1月. */
    private static final Pattern YEAR_MONTH = Pattern.compile(
            "^([0-9]{4}|[〇零一二三四五六七八九O]{4})\\s*年\\s*([0-9]{1,2}|[一二三四五六七八九十元]{1,3})\\s*月$");
    /** Headers of what a page puts after an article. */
    private static final Pattern RELATED = Pattern.compile(
            "^[【\\[]?(相关链接|相关阅读|相关文章|相关新闻|相关文件|相关附件|附件下载|附件|推荐阅读|延伸阅读|热点推荐|猜你喜欢)[】\\]]?[:：]?$");
    /** Lines a signature block may carry besides names and the date. */
    private static final Pattern SIGNATURE_EXTRA = Pattern.compile(
            "^[(（]?(此件|本件)[^)）]{0,12}[)）]?$|^[—\\-_=*~·.…]+$|^[(（]?(联系人|联系电话|电话|抄送|印发)[:：].*$");

    public static Layout of(String norm) {
        List<Line> lines = Line.split(norm);
        boolean[] noise = new boolean[lines.size()];
        for (Line l : lines) noise[l.index()] = PageNoise.isNoise(norm, l);

        // "Related links", attachments and the like close the report: what follows is page matter.
        for (Line l : lines) {
            // RELATED matches 7 chars at most (【相关链接】:), so longer lines skip the regex
            if (l.from() >= norm.length() / 2 && l.to() - l.from() <= 7 && RELATED.matcher(l.content()).matches()) {
                for (int j = l.index(); j < lines.size(); j++) noise[j] = true;
                break;
            }
        }

        // Walk back from the end over blanks, page noise and signature lines.
        int i = lines.size() - 1;
        int lastBody = -1;
        String date = null;
        boolean dated = false;
        List<Line> orgs = new ArrayList<>();
        int sigStart = -1;
        int sigLines = 0;
        for (; i >= 0; i--) {
            Line l = lines.get(i);
            if (l.blank()) continue;
            String c = l.content();
            if (noise[i]) continue;
            if (sigLines >= 6) {
                lastBody = i;
                break;
            }
            if (c.length() <= 40 && SIGNATURE_EXTRA.matcher(c).matches()) {
                if (sigStart >= 0) sigStart = l.from();
                sigLines++;
                continue;
            }
            if (!dated && orgs.isEmpty() && c.length() <= 30) {
                String bare = OUTER_PARENS.matcher(c).replaceAll("");
                String iso = Dates.whole(bare);
                if (iso != null || YEAR_MONTH.matcher(bare).matches()) {
                    date = iso;
                    dated = true;
                    sigStart = l.from();
                    sigLines++;
                    continue;
                }
                // body and date on one line: 某县司法局 2025年1月3日
                Dates.Found f = c.length() <= 60 ? Dates.find(c, 0) : null;
                if (f != null && f.end() == c.length() && f.start() > 0) {
                    String org = c.substring(0, f.start()).strip();
                    if (ORG_LINE_PATTERN.matcher(org).matches()) {
                        date = f.iso();
                        dated = true;
                        orgs.add(0, new Line(l.index(), l.start(), l.end(), l.from(), l.from() + org.length(), org));
                        sigStart = l.from();
                        sigLines++;
                        continue;
                    }
                }
            }
            if (orgs.size() < 3 && ORG_LINE_PATTERN.matcher(c).matches() && !startsWithMarker(c)) {
                orgs.add(0, l);
                sigStart = l.from();
                sigLines++;
                continue;
            }
            lastBody = i;
            break;
        }
        if (!dated && orgs.isEmpty()) sigStart = -1;
        // The body ends where the first non-blank line after its last line starts (signature or
        // trailing page noise), so a section keeps its closing line break like any other section.
        int bodyEnd = norm.length();
        if (lastBody >= 0) {
            for (int j = lastBody + 1; j < lines.size(); j++) {
                if (!lines.get(j).blank()) {
                    bodyEnd = lines.get(j).from();
                    break;
                }
            }
        }
        if (sigStart >= 0 && sigStart < bodyEnd) bodyEnd = sigStart;
        // Leading page noise is flagged per line; sections start at headings so it needs no bound.
        return new Layout(lines, noise, bodyEnd, sigStart, List.copyOf(orgs), date, wrapWidth(norm, lines, noise));
    }

    /** What ends a sentence (or introduces a list) at the end of a line; closing quotes may follow. */
    static final String TERMINAL = "。;!?:…";

    /** True when the line's content ends a sentence: 。；！？：… possibly followed by closing quotes/brackets. */
    static boolean endsSentence(String norm, Line l) {
        for (int i = l.to() - 1; i >= l.from(); i--) {
            char c = norm.charAt(i);
            if (TERMINAL.indexOf(c) >= 0) return true;
            if ("”’\")）】」』》".indexOf(c) < 0) return false;
        }
        return false;
    }

    /** Shortest line that can show a wrap width; headings, names and dates are shorter. */
    private static final int MIN_WRAPPED = 16;
    /** Lines within this many chars of the width count as wrapped there (half-width digits take less room). */
    static final int WRAP_SLACK = 3;

    /**
     * The width a text was hard-wrapped at: the most common length of lines that stop mid-sentence
     * (no 。；！？：… at the end, no heading number at the start), when at least four such lines and
     * half of them cluster around it. Paragraph-per-line text has no such cluster: 0.
     */
    private static int wrapWidth(String norm, List<Line> lines, boolean[] noise) {
        int[] hist = null;
        int total = 0;
        for (Line l : lines) {
            int len = l.to() - l.from();
            if (len < MIN_WRAPPED || len > 200 || noise[l.index()]) continue;
            char last = norm.charAt(l.to() - 1);
            if (TERMINAL.indexOf(last) >= 0 || "”’\")）】」』》".indexOf(last) >= 0) continue;
            if (HeadingSyntax.match(norm, l.from(), l.to()) != null) continue;
            if (hist == null) hist = new int[201];
            hist[len]++;
            total++;
        }
        if (total < 4) return 0;
        int best = 0, bestCount = 0;
        for (int w = MIN_WRAPPED; w <= 200; w++) {
            int c = 0;
            for (int k = Math.max(MIN_WRAPPED, w - WRAP_SLACK); k <= Math.min(200, w + WRAP_SLACK); k++) c += hist[k];
            if (c > bestCount || (c == bestCount && hist[w] > hist[best])) {
                best = w;
                bestCount = c;
            }
        }
        return bestCount >= 4 && bestCount * 2 >= total ? best : 0;
    }

    private static boolean startsWithMarker(String c) {
        return HeadingSyntax.match(c) != null;
    }

    public boolean isNoise(int lineIndex) {
        return noise[lineIndex];
    }
}
