package dev.reportflow.extract;

import dev.reportflow.events.EventJson;
import dev.reportflow.events.ReportIngested;
import dev.reportflow.events.ReportSource;
import dev.reportflow.extraction.Hashing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

final class Fixtures {
    private Fixtures() {}

    static ReportIngested ingested(String fileName, byte[] payload, String supersedes) {
        String id = Hashing.sha256Hex(payload);
        ReportSource src = new ReportSource("directory", "reports", fileName, payload.length, "text/plain", null,
                "2025-01-01T00:00:00Z");
        return ReportIngested.of(id, fileName, src, "2025-01-02T00:00:00Z", supersedes, payload);
    }

    static ReportIngested ingested(String fileName, String text) {
        return ingested(fileName, text.getBytes(StandardCharsets.UTF_8), null);
    }

    static byte[] json(ReportIngested r) {
        return EventJson.write(r);
    }

    /** The repository root (surefire passes reportflow.root; fall back to the parent of the module). */
    static Path root() {
        String r = System.getProperty("reportflow.root");
        Path p = r != null ? Path.of(r) : Path.of("..").toAbsolutePath().normalize();
        return Files.isDirectory(p.resolve("samples")) ? p : Path.of("..").toAbsolutePath().normalize();
    }

    static List<Path> samples() {
        try (Stream<Path> s = Files.list(root().resolve("samples"))) {
            return s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A short report with a stated quantity, in the shape of the real ones. */
    static final String LEGAL_AID_REPORT = """
            某县司法局2023年法治政府建设年度报告

            一、2023年推进法治政府建设的主要举措和成效
            (一)深化公共法律服务体系建设
            全年受理法律援助案件723件,为群众挽回经济损失1200万元。
            二、存在的不足和原因
            基层法治力量仍然薄弱。
            三、2024年工作计划
            持续推进法治政府建设。
            """;
}
