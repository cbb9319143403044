package dev.reportflow.ingest;

import dev.reportflow.events.RejectionReason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** One HTTP upload: the bytes are in hand; a refused upload is written to the upload quarantine folder. */
final class UploadSource implements Source {
    private final String name;
    private final byte[] bytes;
    private final Path quarantineDir;

    UploadSource(String name, byte[] bytes, Path quarantineDir) {
        this.name = name;
        this.bytes = bytes;
        this.quarantineDir = quarantineDir;
    }

    Candidate candidate(String fileName) {
        return new Candidate(this, fileName, bytes.length, Instant.now(), null, false);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String kind() {
        return "upload";
    }

    @Override
    public String bucket() {
        return name;
    }

    @Override
    public byte[] read(Candidate c) {
        return bytes;
    }

    @Override
    public IngestPipeline.Quarantined quarantine(Candidate c, byte[] read, RejectionReason reason, String message,
                                                 String reportId) throws IOException {
        if (quarantineDir == null) throw new IOException("no quarantine folder for uploads is configured");
        Files.createDirectories(quarantineDir);
        // Timestamped: two uploads of "report.txt" must not overwrite each other's evidence.
        Path target = quarantineDir.resolve(System.currentTimeMillis() + "-" + c.key());
        Files.write(target, bytes);
        Files.writeString(target.resolveSibling(target.getFileName() + ".reason"),
                DirectorySource.reasonText(c, reason, message, reportId), StandardCharsets.UTF_8);
        return new IngestPipeline.Quarantined(target.toString(), false);
    }
}
