package dev.reportflow.extraction.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Same-load comparison of two or more builds of the library: each build's classes directory is
 * loaded by its own class loader into one JVM, and their {@code ReportExtractor}s run in short
 * blocks timed by the thread's CPU clock, alternating in ABBA order, so a neighbour's load falls on
 * all of them alike (separate {@link CpuThroughput} runs a minute apart differed by more than the
 * changes measured). The first fifth of the blocks is warm-up. Prints the spread of µs per sample
 * report per build, then the bytes allocated per report.
 * Usage: {@code AbCompare classesDirA,classesDirB[,…] dependencyClasspath samplesDir blockSeconds blocks [indicators]}.
 * With {@code indicators} last, only {@code IndicatorExtractor.extract} is timed (decoded text,
 * normalised text and outline prepared once per build by its own classes): a change to that step
 * alone is a few µs, below what the whole extractor's spread resolves. With {@code outline} last
 * (round 11), only {@code OutlineParser.parse} is timed (decoded text, normalised text and layout
 * prepared the same way).
 */
public final class AbCompare {
    private AbCompare() {}

    public static void main(String[] a) throws Exception {
        String[] dirs = a[0].split(",");
        String deps = a[1];
        Path samples = Path.of(a[2]);
        double blockSec = Double.parseDouble(a[3]);
        int blocks = Integer.parseInt(a[4]);
        List<byte[]> raws = new ArrayList<>();
        try (var s = Files.list(samples)) { for (Path p : s.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) raws.add(Files.readAllBytes(p)); }
        int k = dirs.length;
        boolean outlineOnly = a.length > 5 && a[5].equals("outline");
        boolean indicatorsOnly = a.length > 5 && a[5].equals("indicators") || outlineOnly;
        List<Object[][]> prepared = new ArrayList<>();
        Object[] ex = new Object[k]; Method[] m = new Method[k];
        for (int i = 0; i < k; i++) {
            List<URL> urls = new ArrayList<>();
            urls.add(Path.of(dirs[i]).toUri().toURL());
            for (String d : deps.split(":")) if (!d.isEmpty()) urls.add(Path.of(d).toUri().toURL());
            ClassLoader cl = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
            if (indicatorsOnly) {
                prepared.add(prepare(cl, raws, outlineOnly));
                if (outlineOnly) {
                    Class<?> pc = cl.loadClass("dev.reportflow.extraction.outline.OutlineParser");
                    ex[i] = pc.getMethod("withDefaults").invoke(null);
                    m[i] = pc.getMethod("parse", String.class, String.class, cl.loadClass("dev.reportflow.extraction.outline.Layout"));
                    continue;
                }
                Class<?> ic = cl.loadClass("dev.reportflow.extraction.indicators.IndicatorExtractor");
                Class<?> oc = cl.loadClass("dev.reportflow.extraction.outline.Outline");
                ex[i] = ic.getMethod("withDefaults").invoke(null);
                m[i] = ic.getMethod("extract", String.class, String.class, String.class, oc);
                continue;
            }
            Class<?> c = cl.loadClass("dev.reportflow.extraction.ReportExtractor");
            ex[i] = c.getMethod("withDefaults").invoke(null);
            m[i] = c.getMethod("extract", byte[].class, String.class);
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long budget = (long) (blockSec * 1e9);
        List<List<Double>> us = new ArrayList<>();
        for (int i = 0; i < k; i++) us.add(new ArrayList<>());
        long sink = 0;
        for (int b = 0; b < blocks; b++) {
            for (int j = 0; j < k; j++) {
                int i = (b % 2 == 0) ? j : k - 1 - j; // ABBA order
                long t0 = mx.getCurrentThreadCpuTime(); int n = 0;
                while (mx.getCurrentThreadCpuTime() - t0 < budget) for (int r = 0; r < raws.size(); r++) { sink += run(m[i], ex[i], raws, prepared, indicatorsOnly, i, r); n++; }
                double u = (mx.getCurrentThreadCpuTime() - t0) / 1e3 / n;
                if (b >= blocks / 5) us.get(i).add(u); // first fifth: warm-up
            }
        }
        for (int i = 0; i < k; i++) {
            List<Double> l = us.get(i); Collections.sort(l);
            System.out.printf("%s: µs/report min %.1f  p25 %.1f  median %.1f  p75 %.1f  (n=%d) -> median %.0f reports/CPU-s%n", dirs[i], l.get(0), l.get(l.size()/4), l.get(l.size()/2), l.get(3*l.size()/4), l.size(), 1e6 / l.get(l.size()/2));
        }
        com.sun.management.ThreadMXBean smx = (com.sun.management.ThreadMXBean) mx;
        for (int i = 0; i < k; i++) {
            long b0 = smx.getCurrentThreadAllocatedBytes(); int n = 0;
            for (int rep = 0; rep < 200; rep++) for (int r = 0; r < raws.size(); r++) { sink += run(m[i], ex[i], raws, prepared, indicatorsOnly, i, r); n++; }
            System.out.printf("%s: %.1f KB allocated per report%n", dirs[i], (smx.getCurrentThreadAllocatedBytes() - b0) / 1024.0 / n);
        }
        if (sink == 42) System.out.println();
    }

    private static int run(Method m, Object ex, List<byte[]> raws, List<Object[][]> prepared, boolean indicatorsOnly, int build, int r)
            throws Exception {
        if (!indicatorsOnly) return m.invoke(ex, raws.get(r), "b.txt") == null ? 0 : 1;
        Object[] in = prepared.get(build)[r];
        Object res = m.invoke(ex, in);
        return res instanceof List<?> l ? l.size() : res == null ? 0 : 1;
    }

    /**
     * Per report: the indicator step's arguments (id, text, text with soft breaks, outline), as
     * ReportExtractor makes them, or with {@code outline} the parser's (text, norm, layout).
     */
    private static Object[][] prepare(ClassLoader cl, List<byte[]> raws, boolean outlineStep) throws Exception {
        Class<?> dc = cl.loadClass("dev.reportflow.extraction.text.TextDecoder");
        Class<?> nc = cl.loadClass("dev.reportflow.extraction.text.TextNormalizer");
        Class<?> lc = cl.loadClass("dev.reportflow.extraction.outline.Layout");
        Class<?> pc = cl.loadClass("dev.reportflow.extraction.outline.OutlineParser");
        Class<?> oc = cl.loadClass("dev.reportflow.extraction.outline.Outline");
        Object decoder = dc.getConstructor().newInstance();
        Object parser = pc.getMethod("withDefaults").invoke(null);
        Object[][] out = new Object[raws.size()][];
        for (int r = 0; r < raws.size(); r++) {
            Object decoded = dc.getMethod("decode", byte[].class).invoke(decoder, raws.get(r));
            String text = (String) decoded.getClass().getMethod("text").invoke(decoded);
            String norm = (String) nc.getMethod("normalize", String.class).invoke(null, text);
            Object layout = lc.getMethod("of", String.class).invoke(null, norm);
            if (outlineStep) {
                out[r] = new Object[] {text, norm, layout};
                continue;
            }
            Object outline = pc.getMethod("parse", String.class, String.class, lc).invoke(parser, text, norm, layout);
            String soft = (String) oc.getMethod("withSoftBreaks", String.class).invoke(outline, norm);
            out[r] = new Object[] {"0123456789abcdef", text, soft, outline};
        }
        return out;
    }
}
