package dev.reportflow.extraction.outline;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lines that a web page wraps around a report: the information table (索引号/发布机构/成文日期…),
 * navigation, view counters, print/close/share buttons, footers. Such lines are neither sections nor
 * body text; their "key: value" fields feed the metadata. Works on normalised lines.
 */
public final class PageNoise {
    private PageNoise() {}

    /** Field names of government-site information tables, as they appear before ':'. */
    static final String KEYS = "索引号|信息索引号|发布机构|发文机关|发文机构|发布单位|成文日期|成文时间|发布日期|发布时间"
            + "|生成日期|公开日期|印发日期|文号|发文字号|主题分类|主题词|登记号|统一编号|有效性|公开方式|公开范围"
            + "|浏览次数|阅读次数|访问次数|点击次数|点击数|浏览量|阅读量|来源|信息来源|文章来源|作者|责任编辑|编辑"
            + "|标题|名称|内容概述|分类|体裁分类|组配分类|服务对象分类|字号|字体|时间|日期";

    private static final Pattern FIELD = Pattern.compile("(" + KEYS + ")\\s*[:：]\\s*");
    static final Pattern FIELD_AT_START = Pattern.compile("\\s*【?(" + KEYS + ")】?\\s*[:：]");
    /** Buttons and links of a page, alone on a short line. */
    static final Pattern BUTTONS = Pattern.compile(
            "^[\\s【】\\[\\]|()<>/·•:：]*((打印|关闭|分享|收藏|返回|顶部|本页|窗口|字号|大|中|小|默认|"
                    + "分享到|扫一扫|在手机打开|微信|微博|QQ空间|上一篇|下一篇|相关链接|相关阅读|相关文章|附件下载"
                    + "|附件|纠错|我要纠错|打印本页|关闭窗口|返回顶部|保存|文章|视力保护色|朗读|【|】)[\\s【】\\[\\]|()/·•:：]*)+$");
    /** Words of a site footer; a plain substring search each (cheaper than one alternation regex). */
    static final String[] FOOTER_WORDS = {
        "版权所有", "ICP备", "ICP证", "网站标识码", "公网安备", "联系我们", "网站地图", "分辨率", "Copyright", "copyright", "©"};
    /** Footer words that count only before a colon: 主办单位: 某市司法局. */
    static final String[] FOOTER_FIELDS = {"主办单位", "承办单位", "技术支持"};
    static final Pattern BROWSER_HINT = Pattern.compile("建议使用[^。]{0,30}浏览器");
    static final Pattern NAV = Pattern.compile(
            "(上一篇|下一篇|上一条|下一条)\\s*[:：]|(当前位置|您当前的位置|您的位置|你的位置|您现在的位置|你现在的位置|位置)\\s*[:：]|首页\\s*[>»/]");
    /** A site menu: 网站首页 | 政务公开 | 办事服务, or four or more short words separated by spaces. */
    static final Pattern MENU = Pattern.compile(
            "([^\\s|丨｜·/>。,;]{1,8}\\s*[|丨｜·/]\\s*){2,}[^\\s|丨｜·/>。,;]{1,8}|(\\p{IsHan}{2,6}\\s+){3,}\\p{IsHan}{2,6}");
    static final Pattern NAV_TRAIL = Pattern.compile("[>»]\\s*(政务公开|信息公开|政府信息公开|通知公告|工作动态)");
    /**
     * A printed page's number: — 3 —, - 3 -, 第3页 共5页, 共5页 第3页, 3/5, Page 3 of 5. A bare number
     * alone on a line is not taken: it may be a table cell.
     */
    private static final Pattern PAGE_FOOTER = Pattern.compile(
            "[—–\\-~·•]+\\s*[0-9]{1,4}\\s*[—–\\-~·•]+"
                    + "|第\\s*[0-9一二三四五六七八九十]{1,4}\\s*页(\\s*[,，/、]?\\s*共\\s*[0-9一二三四五六七八九十]{1,4}\\s*页)?"
                    + "|共\\s*[0-9]{1,4}\\s*页\\s*[,，/、]?\\s*第\\s*[0-9]{1,4}\\s*页"
                    + "|[0-9]{1,4}\\s*/\\s*[0-9]{1,4}|[Pp]age\\s*[0-9]{1,4}(\\s*of\\s*[0-9]{1,4})?");

    /*
     * Cheap necessary conditions in front of the regexes (most lines are prose and fail them all):
     * FIELD_AT_START and two of NAV's branches need a colon, NAV's third needs 首页; a BUTTONS line
     * holds only chars of its words and separators; a MENU line holds two separators or three
     * blanks; a footer word needs its first char in the line.
     */
    private static final String BUTTON_CHARS = " \t\n\u000B\f\r【】[]|()<>/·•:："
            + "打印关闭分享收藏返回顶部本页窗口字号大中小默认分享到扫一扫在手机打开微信微博QQ空间上一篇下一篇相关链接相关阅读相关文章附件下载"
            + "附件纠错我要纠错打印本页关闭窗口返回顶部保存文章视力保护色朗读";
    private static final java.util.BitSet BUTTON_SET = charSet(BUTTON_CHARS);
    /** The word isFooter's browser hint looks for first. */
    private static final String BROWSER_WORD = "建议使用";
    /**
     * The first two chars of every word isFooter looks for (a one-char word: that char twice),
     * read from the lists; a line holds the word only if it holds the pair. The first chars alone
     * (公, 网, 分, 主, 建…) sit in most prose lines, which then paid ≈ 15 substring searches each.
     */
    private static final int[] FOOTER_PAIRS = footerPairs();
    private static final java.util.BitSet FOOTER_FIRST = new java.util.BitSet(1 << 16);

    static {
        for (int p : FOOTER_PAIRS) FOOTER_FIRST.set(p >>> 16);
    }

    private static int[] footerPairs() {
        java.util.List<String> words = new java.util.ArrayList<>(java.util.List.of(FOOTER_WORDS));
        words.addAll(java.util.List.of(FOOTER_FIELDS));
        words.add(BROWSER_WORD);
        return words.stream().mapToInt(w -> w.charAt(0) << 16 | w.charAt(w.length() > 1 ? 1 : 0)).distinct().toArray();
    }

    private static java.util.BitSet charSet(String chars) {
        java.util.BitSet b = new java.util.BitSet(1 << 16);
        for (int i = 0; i < chars.length(); i++) b.set(chars.charAt(i));
        return b;
    }

    private static boolean onlyButtonChars(String content) {
        for (int i = 0; i < content.length(); i++) if (!BUTTON_SET.get(content.charAt(i))) return false;
        return true;
    }

    /** True when the line holds the first two chars of a footer word ({@link #FOOTER_PAIRS}). */
    static boolean hasFooterStart(String content) {
        int n = content.length();
        for (int i = 0; i < n; i++) {
            char c = content.charAt(i);
            if (!FOOTER_FIRST.get(c)) continue;
            int single = c << 16 | c, pair = i + 1 < n ? c << 16 | content.charAt(i + 1) : single;
            for (int p : FOOTER_PAIRS) if (p == pair || p == single) return true;
        }
        return false;
    }

    /** Two of MENU's separators, or three whitespace chars: what either of its branches needs. */
    private static boolean menuShaped(String content) {
        int seps = 0, blanks = 0;
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (c == '|' || c == '丨' || c == '｜' || c == '·' || c == '/') seps++;
            else if (c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r') blanks++;
        }
        return seps >= 2 || blanks >= 3;
    }

    /** True for a line that belongs to the page around the report rather than to the report. */
    public static boolean isNoise(String content) {
        if (content.isEmpty()) return false;
        if (isPageFooter(content)) return true;
        boolean colon = content.indexOf(':') >= 0 || content.indexOf('：') >= 0;
        if (colon && FIELD_AT_START.matcher(content).lookingAt()) return true;
        int n = content.length();
        if (n <= 40 && onlyButtonChars(content) && BUTTONS.matcher(content).matches()) return true;
        if (n <= 160 && hasFooterStart(content) && isFooter(content)) return true;
        if (n <= 80 && menuShaped(content) && MENU.matcher(content).matches()) return true;
        if (n <= 200 && ((colon || content.contains("首页")) && NAV.matcher(content).lookingAt()
                || ((content.indexOf('>') >= 0 || content.indexOf('»') >= 0) && NAV_TRAIL.matcher(content).find()))) {
            return true;
        }
        return false;
    }

    /** The chars any of isNoise's line checks counts or looks for next: colons, separators, blanks, footer starts, '>' '»', 首. */
    private static final long[] NOTABLE = new long[1 << 10];

    static {
        String chars = ":：|丨｜·/ \t\n\u000B\f\r>»首";
        for (int i = 0; i < chars.length(); i++) NOTABLE[chars.charAt(i) >>> 6] |= 1L << chars.charAt(i);
        for (int c = FOOTER_FIRST.nextSetBit(0); c >= 0; c = FOOTER_FIRST.nextSetBit(c + 1)) NOTABLE[c >>> 6] |= 1L << c;
    }

    /** The first chars of the {@link #KEYS}: an information-table line starts with one (after 【). */
    private static final java.util.BitSet KEY_FIRST = new java.util.BitSet(1 << 16);

    static {
        for (String k : KEYS.split("\\|")) KEY_FIRST.set(k.charAt(0));
    }

    /**
     * {@link #isNoise(String)} of a line of {@code norm}, without its content String for most
     * lines. A line over 200 chars can only be an information-table line ({@link #FIELD_AT_START},
     * anchored: its first chars decide), so long prose lines are not read at all; a shorter line is
     * read once for what the separate checks' necessary conditions ask (colon, button chars only, a
     * footer word's first pair, separators and blanks, '>' '»', 首页). The content String is made
     * only for a line some regex must see.
     */
    static boolean isNoise(String norm, Line l) {
        int from = l.from(), to = l.to(), n = to - from;
        if (n == 0) return false;
        if (n >= 3 && n <= 24 && mayOpenPageFooter(norm.charAt(from)) && PAGE_FOOTER.matcher(l.content()).matches()) {
            return true;
        }
        if (mayOpenField(norm, from, to) && FIELD_AT_START.matcher(new Slice(norm, from, to)).lookingAt()) return true;
        if (n > 200) return false;
        boolean colon = false, buttonsOnly = n <= 40, footerStart = false, angle = false, home = false;
        int seps = 0, blanks = 0;
        for (int i = from; i < to; i++) {
            char c = norm.charAt(i);
            if (buttonsOnly && !BUTTON_SET.get(c)) buttonsOnly = false;
            if ((NOTABLE[c >>> 6] & (1L << c)) == 0) continue;
            if (c == ':' || c == '：') colon = true;
            else if (c == '|' || c == '丨' || c == '｜' || c == '·' || c == '/') seps++;
            else if (c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r') blanks++;
            else if (c == '>' || c == '»') angle = true;
            if (c == '首' && i + 1 < to && norm.charAt(i + 1) == '页') home = true;
            if (!footerStart && FOOTER_FIRST.get(c)) {
                int single = c << 16 | c, pair = i + 1 < to ? c << 16 | norm.charAt(i + 1) : single;
                for (int p : FOOTER_PAIRS) if (p == pair || p == single) footerStart = true;
            }
        }
        if (buttonsOnly && BUTTONS.matcher(l.content()).matches()) return true;
        if (n <= 160 && footerStart && isFooter(l.content())) return true;
        if (n <= 80 && (seps >= 2 || blanks >= 3) && MENU.matcher(l.content()).matches()) return true;
        return (colon || home) && NAV.matcher(l.content()).lookingAt() || angle && NAV_TRAIL.matcher(l.content()).find();
    }

    /** What {@link #FIELD_AT_START} needs first: {@code \s*【?} then the first char of a key. */
    private static boolean mayOpenField(String norm, int from, int to) {
        int i = from;
        while (i < to && isRegexSpace(norm.charAt(i))) i++;
        if (i < to && norm.charAt(i) == '【') i++;
        return i < to && KEY_FIRST.get(norm.charAt(i));
    }

    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** Every form of {@link #PAGE_FOOTER} starts with a dash, 第, 共, a digit or P. */
    private static boolean mayOpenPageFooter(char c) {
        return c == '—' || c == '–' || c == '-' || c == '~' || c == '·' || c == '•' || c == '第' || c == '共'
                || c == 'P' || c == 'p' || (c >= '0' && c <= '9');
    }

    private static boolean isFooter(String content) {
        for (String w : FOOTER_WORDS) if (content.contains(w)) return true;
        for (String w : FOOTER_FIELDS) {
            int at = content.indexOf(w);
            if (at >= 0) {
                int after = at + w.length();
                while (after < content.length() && content.charAt(after) == ' ') after++;
                if (after < content.length() && (content.charAt(after) == ':' || content.charAt(after) == '：')) return true;
            }
        }
        return content.contains(BROWSER_WORD) && BROWSER_HINT.matcher(content).find();
    }

    /** True for a printed page's number alone on its line (a PDF copy's footer or header). */
    public static boolean isPageFooter(String content) {
        int n = content.length();
        if (n < 3 || n > 24) return false;
        // cheap first-char check
        return mayOpenPageFooter(content.charAt(0)) && PAGE_FOOTER.matcher(content).matches();
    }

    /** The {@link #KEYS} in the regex's order (at one position, the first that fits wins). */
    private static final String[] KEY_LIST = KEYS.split("\\|");

    /**
     * "key: value" fields of an information-table line; values run to the next key. Keys are the
     * names in {@link #KEYS}; empty values are dropped. Read by hand: {@link #fieldsPlain} is the
     * definition (the regex {@code (KEYS)\s*[:：]\s*} found left to right), which tried 47
     * alternatives at every char of the line.
     */
    public static Map<String, String> fields(String content) {
        Map<String, String> out = new LinkedHashMap<>();
        String key = null;
        int valueStart = 0;
        int n = content.length();
        for (int p = 0; p < n; ) {
            String k = null;
            int end = -1;
            if (KEY_FIRST.get(content.charAt(p))) {
                for (String cand : KEY_LIST) {
                    if (!content.startsWith(cand, p)) continue;
                    int q = p + cand.length();
                    while (q < n && isRegexSpace(content.charAt(q))) q++;
                    if (q < n && (content.charAt(q) == ':' || content.charAt(q) == '：')) {
                        q++;
                        while (q < n && isRegexSpace(content.charAt(q))) q++;
                        k = cand;
                        end = q;
                        break;
                    }
                }
            }
            if (end < 0) {
                p++;
                continue;
            }
            if (key != null) put(out, key, content.substring(valueStart, p));
            key = k;
            valueStart = end;
            p = end;
        }
        if (key != null) put(out, key, content.substring(valueStart));
        return out;
    }

    /** The plain definition of {@link #fields} (tests). */
    static Map<String, String> fieldsPlain(String content) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = FIELD.matcher(content);
        String key = null;
        int valueStart = 0;
        while (m.find()) {
            if (key != null) put(out, key, content.substring(valueStart, m.start()));
            key = m.group(1);
            valueStart = m.end();
        }
        if (key != null) put(out, key, content.substring(valueStart));
        return out;
    }

    private static void put(Map<String, String> out, String key, String value) {
        String v = value.strip();
        if (!v.isEmpty()) out.putIfAbsent(key, v);
    }
}
