package dev.reportflow.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;

/** HTTP uploads take the same pipeline as scanned files (identity, duplicates, quarantine, events). */
@ApplicationScoped
public class UploadService {
    @Inject
    IngestConfig config;
    @Inject
    IngestPipeline pipeline;
    @Inject
    IngestEngine engine;
    @Inject
    IngestStore store;

    public Outcome upload(String fileName, byte[] bytes) {
        UploadSource source = new UploadSource(config.upload().name(), bytes, quarantineDir());
        List<Outcome> out = pipeline.process(List.of(source.candidate(fileName)));
        return out.get(0);
    }

    public SeenState status(String reportId) {
        return store.seen(reportId);
    }

    private Path quarantineDir() {
        return config.upload().quarantineDir().map(Path::of)
                .or(() -> engine.defaultDirectory().map(d -> d.resolve(config.directoryQuarantine()).resolve("upload")))
                .orElse(null);
    }

    /** The last path element of a client-supplied name, or null when nothing usable is left. */
    public static String safeFileName(String name) {
        if (name == null) return null;
        String n = name.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1).strip();
        if (n.isEmpty() || n.equals(".") || n.equals("..")) return null;
        for (int i = 0; i < n.length(); i++) if (Character.isISOControl(n.charAt(i))) return null;
        return n;
    }
}
