package dev.reportflow.extraction.indicators;

import dev.reportflow.extraction.outline.Outline;
import java.util.ArrayList;
import java.util.List;

/**
 * Phase one: a single left-to-right pass over the normalised text that reads every number
 * (Arabic, Chinese, mixed, ranges), its qualifiers and unit, applies the exclusions that need
 * only local context (dates, ordinals, codes, titles, quotes, slogans…) and records the
 * sentence, clause and line boundaries phase two needs. Not thread-safe: one per report.
 */
final class NumberScanner {

    /** A number that survived the exclusions: an indicator before its context is filled in. */
    static final class Cand {
        int qualStart;      // start of the prefix qualifier (== start without one)
        int start;          // first char of the number
        int end;            // end of number + unit (exclusive)
        int afterEnd;       // end incl. a suffix qualifier (以上, 左右)
        double value;
        String unit;
        String unitKind;    // count, amount, rate, ratio, duration, change
        String approx;
        boolean chinese;
        int exp;            // power of ten of 万/亿 after the digits
    }

    /**
     * The candidates of one report, and their objects kept for the next report on the thread (round
     * 10: a Cand allocated per number that survives was 2 % of the bytes allocated per report and a
     * write to fresh cache lines each). Every field of a Cand is assigned where it is taken. Not
     * thread-safe (one per thread, emptied per report).
     */
    static final class Cands {
        /** a report with more candidates than this does not keep them for the next one */
        private static final int KEEP = 1 << 12;
        final List<Cand> list = new ArrayList<>();
        private Cand[] made = new Cand[64];
        private int count, used;

        /** Empties the list for the next report; its Cand objects will be handed out again. */
        Cands clear() {
            list.clear();
            if (count > KEEP) {
                made = new Cand[64];
                count = 0;
            }
            used = 0;
            return this;
        }

        /** A Cand not in {@link #list}: a kept one, or a new one. */
        Cand next() {
            if (used == count) {
                if (count == made.length) made = java.util.Arrays.copyOf(made, count * 2);
                made[count++] = new Cand();
            }
            return made[used++];
        }
    }

    /**
     * A growable int list (boundary offsets), sorted because offsets are appended in order. The
     * searches start from where the last one ended: the numbers of a report are looked up in
     * document order, so the answer is usually a step or two away, and a walk of a few predictable
     * steps is cheaper than ~9 mispredicted binary-search branches. Not thread-safe (one per report).
     */
    static final class IntList {
        /** how far a search walks from the last answer before it falls back to a binary search */
        private static final int WALK = 8;
        int size;
        int[] a = new int[32];
        /** the last answer of {@link #rank} */
        private int cursor;

        /** Empties the list for the next report (the array is kept unless a huge report grew it). */
        IntList clear() {
            if (a.length > 1 << 16) a = new int[32];
            size = 0;
            cursor = 0;
            return this;
        }

        void add(int v) {
            if (size == a.length) a = java.util.Arrays.copyOf(a, size * 2);
            a[size++] = v;
        }

        /** The number of values {@code < pos} (the index of the first value {@code >= pos}). */
        int rank(int pos) {
            int k = Math.min(cursor, size);
            if (k < size && a[k] < pos) {
                int lim = Math.min(size, k + WALK);
                do k++; while (k < lim && a[k] < pos);
                if (k < size && a[k] < pos) k = binaryRank(k, size, pos);
            } else {
                int lim = Math.max(0, k - WALK);
                while (k > lim && a[k - 1] >= pos) k--;
                if (k > 0 && a[k - 1] >= pos) k = binaryRank(0, k, pos);
            }
            cursor = k;
            return k;
        }

        /** The rank of {@code pos} by binary search in {@code [lo, hi)} (the plain definition). */
        int binaryRank(int lo, int hi, int pos) {
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (a[mid] < pos) lo = mid + 1;
                else hi = mid;
            }
            return lo;
        }

        /** The last value {@code < pos}, or -1. */
        int lastBefore(int pos) {
            int k = rank(pos);
            return k == 0 ? -1 : a[k - 1];
        }

        /** The first value {@code >= pos}, or -1. */
        int firstAtOrAfter(int pos) {
            int k = rank(pos);
            return k == size ? -1 : a[k];
        }
    }

    private final Grammar g;
    private final char[] s;
    private final int n;
    private final KeywordAutomaton.Hits hits;
    private final boolean[] moneyWord;
    private final boolean[] ratioWord;
    private final Outline outline;

    /** sentence, clause and line ends in {@code s}: lists handed in (reused per thread), emptied here */
    final IntList sentenceEnds;
    final IntList clauseEnds;
    final IntList lineEnds;
    final List<Cand> cands;
    private final Cands pool;

    // open-bracket state of the pass
    private int titleOpen = -1;
    private int quoteOpen = -1;
    private char quoteClose;
    private int lastClauseEnd = -1;
    private int lastSentenceEnd = -1;
    private int lastLineEnd = -1;

    private final Numerals.Parsed parsed = new Numerals.Parsed();

    /** offset in {@code s} to offset in the report (s had its soft breaks removed), or null */
    private final int[] orig;

    /** Scans {@code s[0, n)}; {@code s} may be longer (a reused buffer). */
    NumberScanner(Grammar g, char[] s, int n, KeywordAutomaton.Hits hits, boolean[] moneyWord, boolean[] ratioWord, Outline outline,
                  int[] orig, IntList sentenceEnds, IntList clauseEnds, IntList lineEnds) {
        this(g, s, n, hits, moneyWord, ratioWord, outline, orig, sentenceEnds, clauseEnds, lineEnds, new Cands());
    }

    /** With the candidate list and objects of a per-thread {@link Cands} (emptied here). */
    NumberScanner(Grammar g, char[] s, int n, KeywordAutomaton.Hits hits, boolean[] moneyWord, boolean[] ratioWord, Outline outline,
                  int[] orig, IntList sentenceEnds, IntList clauseEnds, IntList lineEnds, Cands cands) {
        this.pool = cands.clear();
        this.cands = pool.list;
        this.orig = orig;
        this.g = g;
        this.s = s;
        this.n = n;
        this.sentenceEnds = sentenceEnds.clear();
        this.clauseEnds = clauseEnds.clear();
        this.lineEnds = lineEnds.clear();
        this.hits = hits;
        this.moneyWord = moneyWord;
        this.ratioWord = ratioWord;
        this.outline = outline;
    }

    /**
     * The scan over the offsets of the chars of a class, {@code marks[0, count)} ascending (from
     * {@link KeywordAutomaton#scanMarking} over the same text): class-0 chars do nothing in
     * {@link #runPlain}'s loop (every quote close is a BRACKET char, so class 0 never closes a quote),
     * so visiting only the others, past the end of the last number read, is the same pass.
     */
    void runMarked(int[] marks, int count) {
        final char[] s = this.s;
        int i = 0;
        for (int k = 0; k < count; k++) {
            int p = marks[k];
            if (p < i) continue; // inside the number just read
            i = p;
            int cls = Text.charClass(s[i]);
            if ((cls & (Text.DIGIT | Text.NUMERAL)) != 0) {
                int next = number(i);
                i = Math.max(next, i + 1);
                continue;
            }
            track(s[i], cls, i);
            i++;
        }
    }

    /** {@link #runMarked}'s plain definition: every char through the class test and the quote check (tests). */
    void runPlain() {
        int i = 0;
        while (i < n) {
            char c = s[i];
            int cls = Text.charClass(c);
            if ((cls & (Text.DIGIT | Text.NUMERAL)) != 0) {
                int next = number(i);
                i = Math.max(next, i + 1);
                continue;
            }
            if (cls != 0 || (quoteOpen >= 0 && c == quoteClose)) track(c, cls, i);
            i++;
        }
    }

    /** Updates brackets and boundaries for a char that is not part of a number. */
    private void track(char c, int cls, int i) {
        // only brackets (every quote close is one) change the open-bracket state: skip the switch for punctuation
        if ((cls & Text.BRACKET) != 0) switch (c) {
            case '《': titleOpen = i; break;
            case '》': titleOpen = -1; break;
            case '“': quoteOpen = i; quoteClose = '”'; break;
            case '「': quoteOpen = i; quoteClose = '」'; break;
            case '『': quoteOpen = i; quoteClose = '』'; break;
            case '‘': if (quoteOpen < 0) { quoteOpen = i; quoteClose = '’'; } break;
            case '"':
                if (quoteOpen >= 0 && quoteClose == '"') quoteOpen = -1;
                else if (quoteOpen < 0) { quoteOpen = i; quoteClose = '"'; }
                break;
            default:
                if (quoteOpen >= 0 && c == quoteClose) quoteOpen = -1;
        }
        if ((cls & Text.CLAUSE_END) != 0) {
            clauseEnds.add(i);
            lastClauseEnd = i;
            if (Text.isSentenceEnd(c)) {
                sentenceEnds.add(i);
                lastSentenceEnd = i;
                if (c == '\n') {
                    lineEnds.add(i);
                    lastLineEnd = i;
                    titleOpen = -1;
                    quoteOpen = -1;
                }
            }
        }
    }

    // ---------------------------------------------------------------- numbers

    /** Reads the number starting at {@code i}; returns the index to continue scanning from. */
    private int number(int i) {
        boolean percentPrefix = false;
        int numStart = i;
        if (s[i] == '百' && Text.startsWith(s, i, n, "百分之") && i + 3 < n
                && (Text.isAsciiDigit(s[i + 3]) || Numerals.isNumeral(s[i + 3]))) {
            percentPrefix = true;
            i += 3;
        }
        boolean chinese = !Text.isAsciiDigit(s[i]);
        long mant;
        int scale = 0;
        int j;
        int status = Numerals.OK;
        boolean bareOne = false;
        if (!chinese) {
            // Arabic: digits, thousands separators, one decimal point
            j = i;
            mant = 0;
            int nd = 0;
            while (j < n && Text.isAsciiDigit(s[j])) {
                if (nd < 17) mant = mant * 10 + (s[j] - '0');
                nd++;
                j++;
            }
            if (nd > 15) return skipCode(j);
            int intDigits = nd;
            // 1,234 and 1,234,567 (full-width ， is already ','): only exact groups of three
            if (nd <= 3) {
                while (j + 3 < n && s[j] == ',' && Text.isAsciiDigit(s[j + 1]) && Text.isAsciiDigit(s[j + 2])
                        && Text.isAsciiDigit(s[j + 3]) && (j + 4 >= n || !Text.isAsciiDigit(s[j + 4])) && nd <= 12) {
                    mant = mant * 1000 + (s[j + 1] - '0') * 100 + (s[j + 2] - '0') * 10 + (s[j + 3] - '0');
                    nd += 3;
                    intDigits += 3;
                    j += 4;
                }
            }
            if (j + 1 < n && s[j] == '.' && Text.isAsciiDigit(s[j + 1])) {
                j++;
                while (j < n && Text.isAsciiDigit(s[j])) {
                    if (nd < 17) {
                        mant = mant * 10 + (s[j] - '0');
                        scale++;
                    }
                    nd++;
                    j++;
                }
                if (nd > 17) return skipCode(j);
                // 2023.05.09 or 1.2.3: a date or a version, not a number
                if (j + 1 < n && s[j] == '.' && Text.isAsciiDigit(s[j + 1])) return skipCode(j);
            }
            // glued to Latin letters or another code char: 5G, 11330700002592265Y, No.3
            char before = i > 0 ? s[i - 1] : ' ';
            if (Text.isAsciiLetter(before) || before == '.' || (j < n && Text.isAsciiLetter(s[j]))) return skipCode(j);
            if (isFormula(before) || (j < n && isFormula(s[j]))) return skipCode(j);
            if (j + 1 < n && (s[j] == ':' || s[j] == '/') && Text.isAsciiDigit(s[j + 1])) return skipCode(j);
            if (before == '-' && i >= 2 && Text.isAsciiDigit(s[i - 2])) return skipCode(j);
            if (j + 1 < n && isRangeDash(s[j]) && Text.isAsciiDigit(s[j + 1]) && !percentPrefix) {
                return range(numStart, j, mant, scale, intDigits);
            }
        } else {
            j = i;
            while (j < n && Numerals.isNumeral(s[j])) j++;
            Numerals.parse(s, i, j, parsed);
            status = parsed.status;
            mant = parsed.value;
            bareOne = j - i == 1 && mant == 1;
            if (status == Numerals.INVALID || status == Numerals.DIGIT_STYLE) return j;
            // 九十八点六: a Chinese decimal fraction
            if (status == Numerals.OK && j + 1 < n && s[j] == '点' && Numerals.digit(s[j + 1]) >= 0) {
                int k = j + 1;
                while (k < n && Numerals.digit(s[k]) >= 0 && scale < 6) {
                    mant = mant * 10 + Numerals.digit(s[k]);
                    scale++;
                    k++;
                }
                j = k;
            }
            if (mant == 0) return j; // 零件, 零投诉: never a quantity
        }
        // 百分之百: after 百分之 a bare 百 is one hundred
        boolean bareMult = status == Numerals.BARE_MULTIPLIER && !percentPrefix;
        Cand c = tail(numStart, i, j, mant, scale, chinese, bareMult, bareOne, percentPrefix);
        return c == null ? Math.max(j, numStart + 1) : c.afterEnd;
    }

    private static boolean isRangeDash(char c) {
        return c == '-' || c == '~' || c == '～' || c == '—' || c == '至' || c == '到' || c == '－';
    }

    private boolean isFormula(char c) {
        return g.formulaChars.indexOf(c) >= 0;
    }

    /** Skips a code, date or version (digits, letters, separators) from {@code j}. */
    private int skipCode(int j) {
        while (j < n && (Text.isAsciiDigit(s[j]) || Text.isAsciiLetter(s[j])
                || ((s[j] == '.' || s[j] == '-' || s[j] == ':' || s[j] == '/' || s[j] == '_') && j + 1 < n
                    && (Text.isAsciiDigit(s[j + 1]) || Text.isAsciiLetter(s[j + 1]))))) {
            j++;
        }
        return j;
    }

    /** {@code a-b unit}: both ends are indicators with the shared unit; a year-led one is a date. */
    private int range(int numStart, int dash, long mant1, int scale1, int intDigits1) {
        int k = dash + 1;
        long mant2 = 0;
        int scale2 = 0;
        int nd = 0;
        while (k < n && Text.isAsciiDigit(s[k])) {
            if (nd < 15) mant2 = mant2 * 10 + (s[k] - '0');
            nd++;
            k++;
        }
        if (k + 1 < n && s[k] == '.' && Text.isAsciiDigit(s[k + 1])) {
            k++;
            while (k < n && Text.isAsciiDigit(s[k])) {
                if (nd < 15) {
                    mant2 = mant2 * 10 + (s[k] - '0');
                    scale2++;
                }
                nd++;
                k++;
            }
        }
        boolean yearLed = scale1 == 0 && intDigits1 == 4 && mant1 >= g.yearMin && mant1 <= g.yearMax;
        if (nd > 15 || yearLed || (k < n && (isRangeDash(s[k]) || s[k] == ':' || s[k] == '/' || s[k] == '.'
                || Text.isAsciiLetter(s[k]) || isFormula(s[k])))) {
            return skipCode(k);
        }
        if (excludedByContext(numStart) || excludedBefore(numStart, numStart)) return skipCode(k);
        Cand second = tail(dash + 1, dash + 1, k, mant2, scale2, false, false, false, false);
        if (second == null) return skipCode(k);
        // the first end takes the second's unit and multiplier; it spans the whole range
        Cand first = pool.next();
        first.qualStart = numStart;
        first.start = numStart;
        first.end = second.end;
        first.afterEnd = second.end;
        first.exp = second.exp;
        first.value = value(mant1, scale1, second.exp);
        first.unit = second.unit;
        first.unitKind = second.unitKind;
        first.approx = "exact";
        first.chinese = false;
        cands.add(cands.size() - 1, first);
        second.approx = "exact";
        second.qualStart = second.start;
        return second.afterEnd;
    }

    /** Ordinals (第二届) and sessions (十三届四次全会) named by the words just before. */
    private boolean excludedBefore(int numStart, int qualStart) {
        int floor = lineStart(qualStart);
        return Text.endsWithAny(s, qualStart, floor, g.ordinalBefore) != null
                || Text.endsWithAny(s, numStart, floor, g.sessionBefore) != null;
    }

    /**
     * 10^0 … 10^22, every one exact in a double: Math.pow returns exactly these for integer
     * arguments whose result is representable, so the table gives the same values without the
     * pow call each number paid before its cheap exits.
     */
    private static final double[] POW10 = new double[23];

    static {
        double p = 1;
        for (int k = 0; k < POW10.length; k++, p *= 10) POW10[k] = p;
    }

    static double value(long mant, int scale, int exp) {
        int e = exp - scale;
        if (e >= 0) return e < POW10.length ? mant * POW10[e] : valuePlain(mant, scale, exp);
        return -e < POW10.length ? mant / POW10[-e] : valuePlain(mant, scale, exp);
    }

    /** {@link #value}'s plain definition. */
    static double valuePlain(long mant, int scale, int exp) {
        int e = exp - scale;
        if (e >= 0) return mant * Math.pow(10, e);
        return mant / Math.pow(10, -e);
    }

    /**
     * Reads what follows the digits (余/多, 万/亿, unit, 以上/左右) and decides whether this is an
     * indicator. Adds and returns the candidate, or returns null.
     */
    private Cand tail(int numStart, int digitsStart, int j, long mant, int scale, boolean chinese, boolean bareMult,
                      boolean bareOne, boolean percentPrefix) {
        int k = j;
        boolean moreThan = false;
        int exp = 0;
        if (k < n && g.moreThanMarks.indexOf(s[k]) >= 0 && k + 1 < n
                && (Numerals.multiplierExp(s[k + 1]) > 0 || g.unitAt(s, k + 1, n) != null)) {
            moreThan = true;
            k++;
        }
        // multipliers: 2万, 1.6亿, 543.79余万; a unit that starts with one (千米) wins
        while (k < n && Numerals.multiplierExp(s[k]) > 0 && g.unitAt(s, k, n) == null) {
            char m = s[k];
            if (!chinese && m == '十') break;
            if (chinese && !moreThan && m != '万' && m != '亿') break;
            exp += Numerals.multiplierExp(m);
            k++;
        }
        if (!moreThan && k < n && g.moreThanMarks.indexOf(s[k]) >= 0 && k + 1 < n && g.unitAt(s, k + 1, n) != null) {
            moreThan = true;
            k++;
        }
        if (exp > 12) return null;
        int numEnd = k;
        Grammar.Unit unit = null;
        int unitStart = k;
        if (percentPrefix) {
            unit = PERCENT;
        } else {
            unit = g.unitAt(s, k, n);
            if (unit == null && !chinese && k + 1 < n && Text.isSpace(s[k]) && g.unitAt(s, k + 1, n) != null) {
                unitStart = k + 1;
                unit = g.unitAt(s, unitStart, n);
            }
        }
        int end = unit == null || percentPrefix ? numEnd : unitStart + unit.text().length();
        double value = value(mant, scale, exp);
        if (!Double.isFinite(value)) return null;

        // ---- cheap exits first: most numerals in prose (一是, 统一, 2023年…) fail here
        if (unit == null && (exp == 0 ? chinese || moreThan || !endsPlainly(numEnd) : false)) return null;
        if (bareOne && !bareOneCounts(numStart, unit, end)) return null;

        // ---- exclusions by local context
        if (excludedByContext(numStart)) return null;
        Grammar.Qualifier pre = g.prefixQualifierBefore(s, numStart, lineStart(numStart));
        if (pre != null && g.prefixOnlyBeforeBareMultiplier(pre.text()) && !bareMult) pre = null;
        int qualStart = pre == null ? numStart : numStart - pre.text().length();
        if (excludedBefore(numStart, qualStart)) return null;
        if (chinese && Text.endsWithAny(s, numStart, lineStart(numStart), g.weekdayBefore) != null) return null;
        if (bareOne && !bareOneCounts(numStart, unit, end)) return null;
        if (bareMult && !moreThan && pre == null) return null;
        // 数十件, 几百人: only before a bare 十/百/千/万, and not the 数 that ends a noun (人数八百人, 总数120件)
        if (chinese && pre == null && Numerals.smallUnit(s[digitsStart]) + Numerals.bigUnit(s[digitsStart]) > 0) {
            String vague = Text.endsWithAny(s, numStart, lineStart(numStart), g.vagueBefore);
            if (vague != null) {
                int vs = numStart - vague.length();
                if (vs == 0 || g.nounBeforeVague.indexOf(s[vs - 1]) < 0) return null;
            }
        }
        String[] idioms = g.excludedPhrases.startingWith(s[numStart]);
        if (idioms != null) {
            for (String idiom : idioms) {
                if (idiom.length() >= end - numStart && Text.startsWith(s, numStart, n, idiom)) return null;
            }
        }

        String unitText;
        String kind;
        if (unit == null) {
            if (exp > 0 && hasWord(moneyWord, clauseStartOf(qualStart), qualStart)) {
                unitText = "元";
                kind = "amount";
            } else if (!chinese && exp == 0 && !moreThan && endsPlainly(numEnd)
                    && hasWord(ratioWord, lastSentenceEnd + 1, qualStart)) {
                unitText = "";
                kind = "ratio";
            } else {
                return null;
            }
        } else {
            if (chinese && unit.arabicOnly()) return null;
            if (unit.onlyAfter() != null && (numStart == 0 || unit.onlyAfter().indexOf(s[numStart - 1]) < 0)) return null;
            if (Text.endsWithAny(s, qualStart, lineStart(qualStart), g.rankBefore) != null && contains(g.rankUnits, unit.unit())) {
                return null;
            }
            if (chinese && (Text.startsWithAny(s, end, n, g.sloganNouns) != null || (end < n && Numerals.isNumeral(s[end])))) {
                return null;
            }
            if (unit.notAfter().length > 0 && Text.endsWithAny(s, qualStart, lineStart(qualStart), unit.notAfter()) != null) return null;
            unitText = unit.unit();
            kind = unit.kind();
            if ("date".equals(kind)) {
                if (!isDuration(unit, numStart, qualStart, end, mant, scale, exp, chinese, digitsStart, j)) return null;
                kind = "duration";
            }
        }

        // ---- approx: the word before wins, then 余/多, then the word after
        int afterEnd = end;
        String approx = pre != null ? pre.approx() : moreThan ? "more_than" : null;
        if (unit != null || exp > 0) {
            Grammar.Qualifier post = g.suffixQualifierAt(s, end, n);
            if (post != null && (post.text().length() > 1)) {
                afterEnd = end + post.text().length();
                if (approx == null) approx = post.approx();
            }
        }
        Cand c = pool.next();
        c.qualStart = qualStart;
        c.start = numStart;
        c.end = end;
        c.afterEnd = afterEnd;
        c.value = value;
        c.unit = unitText;
        c.unitKind = kind;
        c.approx = approx == null ? "exact" : approx;
        c.chinese = chinese;
        c.exp = exp;
        cands.add(c);
        return c;
    }

    /**
     * A bare 一 is an article (一个机制) unless a word like 共/至少 precedes it, its unit is 倍
     * (增长了一倍), or it closes an item of a list (中心一个、工作站十四个): then the clause ends right
     * after the unit, where an article would have its noun.
     */
    private boolean bareOneCounts(int numStart, Grammar.Unit unit, int end) {
        if (Text.endsWithAny(s, numStart, lineStart(numStart), g.bareOneAllowedAfter) != null) return true;
        if (unit == null) return false;
        if ("倍".equals(unit.text())) return true;
        return end < n && "、，,；;。".indexOf(s[end]) >= 0 && numStart > 0 && Text.charClass(s[numStart - 1]) == 0
                && !Character.isWhitespace(s[numStart - 1]);
    }

    private static final Grammar.Unit PERCENT = new Grammar.Unit("%", "%", "rate", false, new String[0], new String[0], null);

    private static boolean contains(String[] arr, String v) {
        for (String a : arr) if (a.equals(v)) return true;
        return false;
    }

    /** Headings' own numbers, 《titles》 and short “quoted names” never hold indicators. */
    private boolean excludedByContext(int pos) {
        if (outline != null && outline.inHeadingMarker(orig == null ? pos : orig[pos])) return true;
        if (titleOpen >= 0 && pos - titleOpen <= g.titleMaxChars && closes(pos, '》', titleOpen, g.titleMaxChars)) return true;
        return quoteOpen >= 0 && pos - quoteOpen <= g.quoteMaxChars && closes(pos, quoteClose, quoteOpen, g.quoteMaxChars);
    }

    /** True when {@code close} follows {@code pos} before a line break and within {@code max} of {@code open}. */
    private boolean closes(int pos, char close, int open, int max) {
        int limit = Math.min(n, open + max + 1);
        for (int k = pos; k < limit; k++) {
            char c = s[k];
            if (c == close) return true;
            if (c == '\n') return false;
        }
        return false;
    }

    /** 年/月/日 after a number: a date (dropped) unless clearly a duration (optional in gold, kept). */
    private boolean isDuration(Grammar.Unit unit, int numStart, int qualStart, int end, long mant, int scale, int exp,
                               boolean chinese, int digitsStart, int digitsEnd) {
        String u = unit.text();
        int floor = lineStart(qualStart);
        switch (u) {
            case "年": {
                if (scale > 0 || exp > 0) return false;
                if (mant >= 1000 || (!chinese && digitsEnd - digitsStart >= 4)) return false;
                if (Text.startsWithAny(s, end, n, g.notDurationYearAfter) != null) return false;
                return Text.startsWithAny(s, end, n, g.durationYearAfter) != null
                        || Text.endsWithAny(s, qualStart, floor, g.durationYearBefore) != null;
            }
            case "日": {
                if (numStart > 0 && (s[numStart - 1] == '月')) return false;
                if (mant > 365 || scale > 0) return false;
                return Text.startsWithAny(s, end, n, g.durationDayAfter) != null
                        || Text.endsWithAny(s, qualStart, floor, g.durationDayBefore) != null;
            }
            default:
                return false; // 月, 号: calendar dates
        }
    }

    /**
     * A unitless number that ends at punctuation, a space, the text's end or a change word
     * (律师万人比达4.6，/ 从1.2提升到3.05).
     */
    private boolean endsPlainly(int pos) {
        if (pos >= n) return true;
        char c = s[pos];
        return Text.isClauseEnd(c) || Text.isSpace(c) || c == ')' || c == '）' || c == '”'
                || Text.startsWithAny(s, pos, n, g.changeUp) != null || Text.startsWithAny(s, pos, n, g.changeDown) != null
                || Text.startsWithAny(s, pos, n, g.levelMarks) != null;
    }

    private boolean hasWord(boolean[] wordSet, int from, int to) {
        if (from >= to) return false;
        for (int h = hits.firstEndingAfter(from); h < hits.size && hits.end[h] <= to; h++) {
            if (hits.start[h] >= from && wordSet[hits.word[h]]) return true;
        }
        return false;
    }

    /** Start of the clause the scan is in (qualifiers and digits hold no clause punctuation). */
    private int clauseStartOf(int pos) {
        return Math.min(lastClauseEnd + 1, pos);
    }

    /** Start of the line the scan is in (numbers and their qualifiers hold no line break). */
    private int lineStart(int pos) {
        return Math.min(lastLineEnd + 1, pos);
    }
}
