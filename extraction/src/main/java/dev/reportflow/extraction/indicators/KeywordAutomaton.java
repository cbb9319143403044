package dev.reportflow.extraction.indicators;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Aho–Corasick automaton over every keyword the rules and the grammar consult, so one linear pass
 * over a report finds all of them; rule checks are then range queries on the hit list instead of
 * rescans of the text.
 */
final class KeywordAutomaton {

    /** Keyword occurrences of one text, ordered by end offset (then longest first). */
    static final class Hits {
        int size;
        int[] start;
        int[] end;
        int[] word;

        Hits(int capacity) {
            int c = Math.max(16, capacity);
            start = new int[c];
            end = new int[c];
            word = new int[c];
        }

        void add(int s, int e, int w) {
            if (size == start.length) grow();
            start[size] = s;
            end[size] = e;
            word[size] = w;
            size++;
        }

        /**
         * firstAfter[pos - from] = index of the first hit whose end is greater than pos, for pos in
         * [from, to]: the rule checks ask this for every scope of every number, so a table built
         * in one pass replaces ~10 binary-search steps per question.
         */
        private int[] firstAfter;
        private int from;
        /** entries of firstAfter in use (the array may be a longer reused one) */
        private int faLen;

        /**
         * From {@link KeywordAutomaton#scanMarking}: the offsets of the chars of a {@link Text#charClass}
         * in {@code marks[0, markCount)}, ascending (a reused array, longer than that).
         */
        int[] marks = new int[0];
        int markCount;

        /** Starts the position index; {@link KeywordAutomaton#scan} fills it as it goes. */
        int[] startIndex(int from, int to) {
            this.from = from;
            faLen = to - from + 1;
            // a reused array is overwritten entry by entry by the scan, so it needs no clearing
            if (firstAfter == null || firstAfter.length < faLen) firstAfter = new int[faLen];
            return firstAfter;
        }

        /** Doubles the capacity (the first {@link #size} entries are kept). */
        void grow() {
            int n = Math.max(16, start.length * 2);
            start = Arrays.copyOf(start, n);
            end = Arrays.copyOf(end, n);
            word = Arrays.copyOf(word, n);
        }

        /** Empties the list for a new scan, keeping its arrays (a per-thread scratch list). */
        void clear() {
            size = 0;
        }

        /** Index of the first hit whose end is greater than {@code pos}. */
        int firstEndingAfter(int pos) {
            int[] fa = firstAfter;
            if (fa != null) {
                int k = pos - from;
                return k < 0 ? 0 : k >= faLen ? size : fa[k];
            }
            int lo = 0, hi = size;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (end[mid] <= pos) lo = mid + 1;
                else hi = mid;
            }
            return lo;
        }
    }

    private final String[] words;
    private final Map<String, Integer> ids;
    private final int[] rootNext = new int[1 << 16];
    private final char[][] edgeChars;
    private final int[][] edgeTargets;
    private final int[] fail;
    private final int[] wordAt;      // keyword id ending exactly at this state, or -1
    private final int[] outLink;     // nearest state on the fail chain that ends a keyword, or 0
    private final int[] depth;
    /**
     * Per char: its index in the keyword alphabet (1.., 0 for every other char) in the low 15 bits,
     * and {@link #MARK} when it has a {@link Text#charClass}. One table for both, so scanMarking
     * reads one entry per char instead of this and the class's two-level table (round 9: the
     * class lookup's two loads and their bounds checks were a fifth of the scan).
     */
    private final char[] alpha = new char[1 << 16];
    static final int MARK = 0x8000, ALPHA = 0x7FFF;
    private final int alphaSize;
    /*
     * The DFA, compressed as a double array so that it fits the L1 cache: a state's row differs from
     * the root's row in a few places only (1,762 entries over 1,148 states for the bundled data).
     * A state is represented by its base (unique per state), so one step is
     *   next(b, a) = check[b + a] == b ? next[b + a] : rootRow[a]
     * with check, next and rootRow holding bases: one dependent load per char. The dense
     * state x alphabet table it replaces was 1 MB, and each char waited for a cache miss.
     */
    private final char[] rootRow;
    private final char[] check;
    private final char[] next;
    private final int rootBase;
    /** by base: the first state to report there (itself when it ends a keyword, else its outLink; 0: none) */
    private final int[] firstOut;

    KeywordAutomaton(List<String> keywords) {
        Map<String, Integer> idMap = new LinkedHashMap<>();
        for (String k : keywords) if (!k.isEmpty()) idMap.putIfAbsent(k, idMap.size());
        this.ids = Map.copyOf(idMap);
        this.words = idMap.keySet().toArray(new String[0]);

        // build the trie with growable per-state edge lists
        List<StringBuilder> chars = new ArrayList<>();
        List<List<Integer>> targets = new ArrayList<>();
        List<Integer> wordList = new ArrayList<>();
        List<Integer> depthList = new ArrayList<>();
        chars.add(new StringBuilder());
        targets.add(new ArrayList<>());
        wordList.add(-1);
        depthList.add(0);
        for (int w = 0; w < words.length; w++) {
            int state = 0;
            String word = words[w];
            for (int i = 0; i < word.length(); i++) {
                char c = word.charAt(i);
                int idx = chars.get(state).indexOf(String.valueOf(c));
                if (idx >= 0) {
                    state = targets.get(state).get(idx);
                } else {
                    int ns = chars.size();
                    chars.add(new StringBuilder());
                    targets.add(new ArrayList<>());
                    wordList.add(-1);
                    depthList.add(i + 1);
                    chars.get(state).append(c);
                    targets.get(state).add(ns);
                    state = ns;
                }
            }
            wordList.set(state, w);
        }
        int n = chars.size();
        edgeChars = new char[n][];
        edgeTargets = new int[n][];
        wordAt = new int[n];
        depth = new int[n];
        for (int s = 0; s < n; s++) {
            char[] cs = chars.get(s).toString().toCharArray();
            int[] ts = targets.get(s).stream().mapToInt(Integer::intValue).toArray();
            // sort edges by char for binary search
            Integer[] order = new Integer[cs.length];
            for (int k = 0; k < order.length; k++) order[k] = k;
            Arrays.sort(order, (a, b) -> Character.compare(cs[a], cs[b]));
            edgeChars[s] = new char[cs.length];
            edgeTargets[s] = new int[cs.length];
            for (int k = 0; k < order.length; k++) {
                edgeChars[s][k] = cs[order[k]];
                edgeTargets[s][k] = ts[order[k]];
            }
            wordAt[s] = wordList.get(s);
            depth[s] = depthList.get(s);
        }
        for (int k = 0; k < edgeChars[0].length; k++) rootNext[edgeChars[0][k]] = edgeTargets[0][k];

        fail = new int[n];
        outLink = new int[n];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int t : edgeTargets[0]) queue.add(t);
        while (!queue.isEmpty()) {
            int s = queue.poll();
            for (int k = 0; k < edgeChars[s].length; k++) {
                char c = edgeChars[s][k];
                int t = edgeTargets[s][k];
                int f = fail[s];
                while (f != 0 && child(f, c) < 0) f = fail[f];
                int fc = f == 0 ? rootNext[c] : child(f, c);
                fail[t] = (fc == t) ? 0 : fc;
                outLink[t] = wordAt[fail[t]] >= 0 ? fail[t] : outLink[fail[t]];
                queue.add(t);
            }
        }

        // the full transition function, so scanning is one table read per char (no failure loops)
        int a = 1;
        for (String w : words) {
            for (int i = 0; i < w.length(); i++) if (alpha[w.charAt(i)] == 0) alpha[w.charAt(i)] = (char) a++;
        }
        alphaSize = a;
        if (a > ALPHA) throw new IllegalArgumentException("keyword alphabet too large: " + a);
        char[] alphaChars = new char[a];
        for (int c = 0; c < alpha.length; c++) if (alpha[c] != 0) alphaChars[alpha[c]] = (char) c;
        if (n >= Character.MAX_VALUE) throw new IllegalArgumentException("too many keyword states: " + n);
        char[] delta = new char[n * alphaSize];
        ArrayDeque<Integer> order = new ArrayDeque<>();
        order.add(0);
        while (!order.isEmpty()) {
            int st = order.poll();
            for (int k = 1; k < alphaSize; k++) {
                int t = child(st, alphaChars[k]);
                if (t >= 0) {
                    delta[st * alphaSize + k] = (char) t;
                } else {
                    delta[st * alphaSize + k] = st == 0 ? 0 : delta[fail[st] * alphaSize + k];
                }
            }
            for (int t : edgeTargets[st]) order.add(t);
        }

        // compress: root row + per-state differences placed first-fit into one double array
        int[][] ovA = new int[n][];
        Integer[] byCount = new Integer[n];
        for (int st = 0; st < n; st++) {
            byCount[st] = st;
            int k = 0;
            int[] tmp = new int[alphaSize];
            if (st != 0) for (int x = 1; x < alphaSize; x++) if (delta[st * alphaSize + x] != delta[x]) tmp[k++] = x;
            ovA[st] = Arrays.copyOf(tmp, k);
        }
        Arrays.sort(byCount, (x, y) -> ovA[y].length != ovA[x].length ? ovA[y].length - ovA[x].length : x - y);
        int[] base = new int[n];
        boolean[] baseUsed = new boolean[n * 2 + alphaSize * 4];
        char[] chk = new char[Math.max(16, alphaSize * 4)];
        Arrays.fill(chk, Character.MAX_VALUE);
        for (int st : byCount) {
            int[] xs = ovA[st];
            if (xs.length == 0) continue;
            int b = 0;
            search:
            for (; ; b++) {
                if (b + alphaSize > chk.length) {
                    int len = chk.length * 2;
                    chk = Arrays.copyOf(chk, len);
                    Arrays.fill(chk, len / 2, len, Character.MAX_VALUE);
                }
                if (b < baseUsed.length && baseUsed[b]) continue;
                for (int x : xs) if (chk[b + x] != Character.MAX_VALUE) continue search;
                break;
            }
            if (b >= baseUsed.length) baseUsed = Arrays.copyOf(baseUsed, b * 2 + 1);
            baseUsed[b] = true;
            base[st] = b;
            for (int x : xs) chk[b + x] = 1; // claimed; owners are written below
        }
        // states that differ nowhere from the root own no slot: any base no other state has
        int free = 0;
        for (int st : byCount) {
            if (ovA[st].length > 0) continue;
            while (free < baseUsed.length && baseUsed[free]) free++;
            if (free >= baseUsed.length) baseUsed = Arrays.copyOf(baseUsed, free * 2 + 1);
            baseUsed[free] = true;
            base[st] = free;
        }
        int maxBase = 0;
        for (int b : base) maxBase = Math.max(maxBase, b);
        if (maxBase + alphaSize >= Character.MAX_VALUE) throw new IllegalArgumentException("keyword automaton too large");
        check = new char[maxBase + alphaSize];
        next = new char[maxBase + alphaSize];
        Arrays.fill(check, Character.MAX_VALUE);
        for (int st = 0; st < n; st++) {
            for (int x : ovA[st]) {
                check[base[st] + x] = (char) base[st];
                next[base[st] + x] = (char) base[delta[st * alphaSize + x]];
            }
        }
        rootRow = new char[alphaSize];
        for (int x = 0; x < alphaSize; x++) rootRow[x] = (char) base[delta[x]];
        rootBase = base[0];
        firstOut = new int[maxBase + 1];
        for (int st = 0; st < n; st++) firstOut[base[st]] = wordAt[st] >= 0 ? st : outLink[st];
        for (int c = 0; c < alpha.length; c++) if (Text.charClass((char) c) != 0) alpha[c] |= MARK;
    }

    /** The alphabet index of {@code c} (0: in no keyword), as the scans read it (tests). */
    int alphaIndex(char c) {
        return alpha[c] & ALPHA;
    }

    /** Whether {@code c} is marked (has a char class), as scanMarking reads it (tests). */
    boolean marked(char c) {
        return (alpha[c] & MARK) != 0;
    }

    private int child(int state, char c) {
        if (state == 0) {
            int t = rootNext[c];
            return t == 0 ? -1 : t;
        }
        char[] cs = edgeChars[state];
        int k = Arrays.binarySearch(cs, c);
        return k >= 0 ? edgeTargets[state][k] : -1;
    }

    int id(String word) {
        Integer id = ids.get(word);
        if (id == null) throw new IllegalArgumentException("keyword not registered: " + word);
        return id;
    }

    int size() {
        return words.length;
    }

    String word(int id) {
        return words[id];
    }

    /** All keyword occurrences in {@code s[from, to)}. */
    Hits scan(char[] s, int from, int to) {
        return scan(s, from, to, new Hits((to - from) / 4));
    }

    /** Like {@link #scan(char[], int, int)}, into {@code hits} (cleared first; its arrays are reused). */
    Hits scan(char[] s, int from, int to, Hits hits) {
        hits.clear();
        int b = rootBase; // the current state, as its base
        final char[] alpha = this.alpha, rootRow = this.rootRow, check = this.check, next = this.next;
        final int[] firstOut = this.firstOut, depth = this.depth, wordAt = this.wordAt, outLink = this.outLink;
        final int[] firstAfter = hits.startIndex(from, to);
        // the list's size and arrays in locals: the JIT would reload them from the object after every add
        int size = 0;
        int[] hs = hits.start, he = hits.end, hw = hits.word;
        for (int i = from; i < to; i++) {
            firstAfter[i - from] = size; // the hits so far are those ending at or before i
            int a = alpha[s[i]] & ALPHA;
            int x = b + a;
            b = check[x] == b ? next[x] : rootRow[a];
            int o = firstOut[b];
            while (o != 0) {
                if (size == hs.length) {
                    hits.size = size;
                    hits.grow();
                    hs = hits.start;
                    he = hits.end;
                    hw = hits.word;
                }
                hs[size] = i + 1 - depth[o];
                he[size] = i + 1;
                hw[size] = wordAt[o];
                size++;
                o = outLink[o];
            }
        }
        hits.size = size;
        firstAfter[to - from] = size;
        return hits;
    }

    /**
     * {@link #scan(char[], int, int, Hits)} that also lists in {@code hits.marks} the offsets of the
     * chars of a {@link Text#charClass} (digits, numerals, punctuation, brackets: about one char in
     * seven of a report), so the number scanner visits those instead of reading every char again.
     * The class lookup and the store sit beside the automaton's chain of dependent loads, not on it.
     */
    Hits scanMarking(char[] s, int from, int to, Hits hits) {
        hits.clear();
        int b = rootBase;
        final char[] alpha = this.alpha, rootRow = this.rootRow, check = this.check, next = this.next;
        final int[] firstOut = this.firstOut, depth = this.depth, wordAt = this.wordAt, outLink = this.outLink;
        final int[] firstAfter = hits.startIndex(from, to);
        if (hits.marks.length < to - from + 1) hits.marks = new int[to - from + 1];
        final int[] marks = hits.marks;
        int m = 0;
        int size = 0;
        int[] hs = hits.start, he = hits.end, hw = hits.word;
        for (int i = from; i < to; i++) {
            firstAfter[i - from] = size;
            int e = alpha[s[i]];
            // written always, kept only for a char of a class: no branch on the text
            marks[m] = i;
            m += e >>> 15;
            int a = e & ALPHA;
            int x = b + a;
            b = check[x] == b ? next[x] : rootRow[a];
            int o = firstOut[b];
            while (o != 0) {
                if (size == hs.length) {
                    hits.size = size;
                    hits.grow();
                    hs = hits.start;
                    he = hits.end;
                    hw = hits.word;
                }
                hs[size] = i + 1 - depth[o];
                he[size] = i + 1;
                hw[size] = wordAt[o];
                size++;
                o = outLink[o];
            }
        }
        hits.size = size;
        hits.markCount = m;
        firstAfter[to - from] = size;
        return hits;
    }
}
