package dev.reportflow.extraction;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Command line: {@code java -jar extraction.jar --out DIR [--pretty] [--max-bytes N] FILE...}
 * writes {@code DIR/<file name without extension>.json} per input (spec/extract-output.md).
 * A file that cannot be read or extracted is reported on stderr with its reason and the others are
 * still processed; the exit status is then 1. Usage errors exit with 2.
 */
public final class ExtractCli {
    static final String USAGE = "usage: extract --out DIR [--pretty] [--max-bytes N] FILE...";

    private ExtractCli() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path outDir = null;
        boolean pretty = false;
        int maxBytes = dev.reportflow.extraction.text.TextDecoder.DEFAULT_MAX_BYTES;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--out" -> {
                    if (++i >= args.length) return usage(err, "--out needs a directory");
                    outDir = Path.of(args[i]);
                }
                case "--pretty" -> pretty = true;
                case "--max-bytes" -> {
                    if (++i >= args.length) return usage(err, "--max-bytes needs a number");
                    try {
                        maxBytes = Integer.parseInt(args[i]);
                    } catch (NumberFormatException e) {
                        return usage(err, "--max-bytes needs a number, got " + args[i]);
                    }
                    if (maxBytes <= 0) return usage(err, "--max-bytes must be positive");
                }
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return 0;
                }
                default -> {
                    if (a.startsWith("--")) return usage(err, "unknown option " + a);
                    files.add(Path.of(a));
                }
            }
        }
        if (outDir == null) return usage(err, "--out is required");
        if (files.isEmpty()) return usage(err, "no input files");
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            err.println("extract: cannot create " + outDir + ": " + e.getMessage());
            return 1;
        }
        ReportExtractor extractor = ReportExtractor.withMaxBytes(maxBytes);
        int failed = 0;
        int total = files.size();
        boolean progress = total > 10;
        long startNanos = System.nanoTime();
        Set<String> written = new HashSet<>();
        for (int i = 0; i < total; i++) {
            Path f = files.get(i);
            String name = f.getFileName().toString();
            String base = baseName(name);
            if (!written.add(base)) {
                err.println("extract: " + f + ": WARNING: another input has the same name; " + base + ".json overwritten");
            }
            try {
                byte[] raw = Files.readAllBytes(f);
                Extraction e = extractor.extract(raw, name);
                Files.write(outDir.resolve(base + ".json"), ExtractionJson.toBytes(e, pretty));
            } catch (ExtractionException e) {
                failed++;
                err.println("extract: " + f + ": " + e.reason() + ": " + e.getMessage());
            } catch (IOException | RuntimeException e) {
                failed++;
                err.println("extract: " + f + ": IO: " + e.getMessage());
            }
            if (progress && ((i + 1) % 50 == 0 || i + 1 == total)) {
                long ms = (System.nanoTime() - startNanos) / 1_000_000;
                err.printf("extract: %d/%d files, %d failed, %d ms%n", i + 1, total, failed, ms);
            }
        }
        if (failed > 0) {
            err.println("extract: " + failed + " of " + total + " files failed");
            return 1;
        }
        return 0;
    }

    /** File name without its last extension: report.txt → report; .hidden stays .hidden. */
    static String baseName(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static int usage(PrintStream err, String problem) {
        err.println("extract: " + problem);
        err.println(USAGE);
        return 2;
    }

}
