package dev.reportflow.ingest;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import dev.reportflow.events.RejectionReason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * A watched directory tree. A WatchService (inotify on Linux) reports changes quickly; a periodic
 * walk catches what it missed (overflow, network file systems). A file is read once its size and
 * mtime have been stable for {@code stable-interval}, or at once when it was renamed into place from
 * a temporary name (x.txt.part, .x.txt) — the atomic-rename convention of careful writers.
 */
final class DirectorySource extends SourceWorker {
    private static final Logger LOG = Logger.getLogger(DirectorySource.class);
    private static final List<String> TEMP_SUFFIXES = List.of(".part", ".tmp", ".crdownload");

    private final Path root;
    private final KeyFilter filter;
    private final Path quarantineRoot;

    private WatchService watcher;
    private Thread watchThread;
    private final Map<WatchKey, Path> watchKeys = new ConcurrentHashMap<>();
    private final Set<Path> watchedDirs = ConcurrentHashMap.newKeySet();
    /** Keys the watcher reported; drained by the worker. */
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    /** Keys renamed into place from a temporary name: complete, no need to wait. */
    private final Set<String> renamedIntoPlace = ConcurrentHashMap.newKeySet();
    private volatile boolean overflow;

    // Worker-thread state.
    private final Map<String, Pending> pending = new HashMap<>();
    /**
     * The stored location per key as last read from MongoDB or written by the pipeline, so a walk does
     * not ask MongoDB about every file every time, and the pipeline need not ask again.
     */
    private final Map<String, LocationState> known = new HashMap<>();
    private volatile int backlog;

    record Stat(String key, long size, long mtime) {}

    /** A file waiting to be stable; {@code stored}: its stored location (null: none). */
    private record Pending(long size, long mtime, long sinceNanos, LocationState stored) {}

    DirectorySource(String name, Path root, List<String> includes, List<String> excludes, IngestConfig config,
                    IngestPipeline pipeline, IngestStore store, IngestMetrics metrics) {
        super(name, config, pipeline, store, metrics);
        this.root = root.toAbsolutePath().normalize();
        // Both quarantine folders are reserved: with devstack the directory is also the S3 bucket.
        this.filter = new KeyFilter(includes, excludes, List.of(config.directoryQuarantine() + "/", config.s3Quarantine()));
        this.quarantineRoot = this.root.resolve(config.directoryQuarantine());
        metrics.backlog(name, () -> backlog);
    }

    Path root() {
        return root;
    }

    @Override
    public String kind() {
        return "directory";
    }

    @Override
    public String bucket() {
        return name;
    }

    @Override
    public int backlog() {
        return backlog;
    }

    @Override
    protected void onStart() {
        try {
            Files.createDirectories(root);
            watcher = root.getFileSystem().newWatchService();
            registerTree(root, false);
        } catch (IOException e) {
            // The periodic walk still works without a watcher; readiness reports the directory.
            LOG.errorf("source %s: cannot watch %s (%s); relying on periodic scans", name, root, e);
        }
        if (watcher != null) {
            watchThread = new Thread(this::watchLoop, "ingest-watch-" + name);
            watchThread.setDaemon(true);
            watchThread.start();
        }
        LOG.infof("source %s: watching directory %s", name, root);
    }

    @Override
    protected void onStop() {
        try {
            if (watcher != null) watcher.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        watchKeys.clear();
        watchedDirs.clear();
    }

    @Override
    protected long tickMillis() {
        if (!pending.isEmpty() || !dirty.isEmpty()) return config.pollInterval().toMillis();
        return Math.min(super.tickMillis(), 5_000);
    }

    // ---- watching ----

    private void registerTree(Path dir, boolean markFiles) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                if (!d.equals(root) && filter.skipsDirectory(key(d))) return FileVisitResult.SKIP_SUBTREE;
                register(d);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                // Files created before the directory was registered produced no event.
                if (markFiles && (attrs.isRegularFile() || attrs.isSymbolicLink())) {
                    String k = key(f);
                    if (filter.accepts(k)) dirty.add(k);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private void register(Path dir) throws IOException {
        if (watcher == null || !watchedDirs.add(dir)) return;
        try {
            watchKeys.put(dir.register(watcher, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE), dir);
        } catch (ClosedWatchServiceException e) {
            watchedDirs.remove(dir);
        }
    }

    private void watchLoop() {
        while (running) {
            WatchKey wk;
            try {
                wk = watcher.take();
            } catch (ClosedWatchServiceException | InterruptedException e) {
                return;
            }
            Path dir = watchKeys.get(wk);
            Set<String> createdFiles = new HashSet<>();
            Set<String> deletedNames = new HashSet<>();
            for (WatchEvent<?> ev : wk.pollEvents()) {
                if (ev.kind() == OVERFLOW) {
                    overflow = true;
                    continue;
                }
                if (dir == null) continue;
                Path child = dir.resolve((Path) ev.context());
                String k = key(child);
                if (ev.kind() == ENTRY_DELETE) {
                    deletedNames.add(child.getFileName().toString());
                    LOG.debugf("source %s: %s deleted", name, k);
                    continue;
                }
                if (ev.kind() == ENTRY_CREATE && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                    if (!filter.skipsDirectory(k)) {
                        try {
                            registerTree(child, true);
                        } catch (IOException e) {
                            overflow = true; // let the next walk sort it out
                        }
                    }
                    continue;
                }
                if (filter.accepts(k)) {
                    dirty.add(k);
                    if (ev.kind() == ENTRY_CREATE) createdFiles.add(k);
                }
            }
            for (String k : createdFiles) {
                String fileName = k.substring(k.lastIndexOf('/') + 1);
                for (String tmp : temporaryNamesOf(fileName)) {
                    if (deletedNames.contains(tmp)) {
                        renamedIntoPlace.add(k);
                        break;
                    }
                }
            }
            if (!wk.reset()) {
                watchKeys.remove(wk);
                if (dir != null) watchedDirs.remove(dir);
            }
            wake();
        }
    }

    /** The temporary names a writer may have used before renaming to {@code fileName}. */
    static List<String> temporaryNamesOf(String fileName) {
        List<String> out = new ArrayList<>();
        for (String base : List.of(fileName, "." + fileName)) {
            out.add(base);
            for (String s : TEMP_SUFFIXES) out.add(base + s);
        }
        out.remove(fileName);
        return out;
    }

    // ---- scanning ----

    @Override
    protected void reconcile() {
        overflow = false;
        List<Stat> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                    if (!d.equals(root) && filter.skipsDirectory(key(d))) return FileVisitResult.SKIP_SUBTREE;
                    register(d); // a directory the watcher missed
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    String k = key(f);
                    if (!filter.accepts(k)) return FileVisitResult.CONTINUE;
                    if (attrs.isRegularFile()) {
                        found.add(new Stat(k, attrs.size(), attrs.lastModifiedTime().toMillis()));
                    } else if (attrs.isSymbolicLink()) {
                        Stat s = stat(k); // what the link points to
                        if (s != null) found.add(s);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    if (!(e instanceof NoSuchFileException)) {
                        // Seen but not statable: hand it to the pipeline, which quarantines what it cannot read.
                        String k = key(f);
                        if (filter.accepts(k)) found.add(new Stat(k, 1, 0));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("directory " + root + " does not exist");
        } catch (IOException e) {
            throw new IllegalStateException("cannot scan " + root + ": " + e, e);
        }
        Set<String> present = new HashSet<>();
        for (Stat s : found) present.add(s.key);
        known.keySet().retainAll(present);
        pending.keySet().retainAll(present);
        observe(found);
        LOG.debugf("source %s: reconcile found %d files, %d waiting", name, found.size(), pending.size());
    }

    @Override
    protected void work() {
        if (overflow) {
            LOG.infof("source %s: watch events overflowed; rescanning", name);
            reconcile();
        }
        if (!dirty.isEmpty()) {
            List<Stat> stats = new ArrayList<>();
            for (Iterator<String> it = dirty.iterator(); it.hasNext(); ) {
                String k = it.next();
                it.remove();
                Stat s = stat(k);
                if (s == null) {
                    pending.remove(k);
                    renamedIntoPlace.remove(k);
                } else {
                    stats.add(s);
                }
            }
            observe(stats);
        }
        processReady();
        backlog = pending.size() + dirty.size();
    }

    /**
     * Size and mtime (following links); null when gone or not a file. A file that exists but cannot be
     * examined (a dangling link, an I/O error) gets a marker stat so the pipeline tries it and
     * quarantines it as UNREADABLE instead of ignoring it forever.
     */
    private Stat stat(String k) {
        Path p = root.resolve(k);
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            if (!a.isRegularFile()) return null;
            return new Stat(k, a.size(), a.lastModifiedTime().toMillis());
        } catch (NoSuchFileException e) {
            return Files.isSymbolicLink(p) ? new Stat(k, 1, 0) : null;
        } catch (IOException e) {
            return new Stat(k, 1, 0);
        }
    }

    /** Files that differ from what was handled before go to {@code pending}. */
    private void observe(List<Stat> stats) {
        List<Stat> unknown = new ArrayList<>();
        for (Stat s : stats) {
            LocationState k = known.get(s.key);
            if (k == null && !pending.containsKey(s.key)) {
                unknown.add(s);
            } else if (k != null && unchanged(k, s)) {
                pending.remove(s.key);
            } else {
                addPending(s, k != null ? k : pending.get(s.key).stored);
            }
        }
        if (unknown.isEmpty()) return;
        List<String> ids = unknown.stream().map(s -> Candidate.locationId(name, s.key)).toList();
        Map<String, LocationState> stored = store.locations(ids);
        for (Stat s : unknown) {
            LocationState l = stored.get(Candidate.locationId(name, s.key));
            if (l != null && unchanged(l, s)) {
                known.put(s.key, l);
                pending.remove(s.key);
            } else {
                addPending(s, l);
            }
        }
    }

    private static boolean unchanged(LocationState l, Stat s) {
        return l.size() == s.size && l.mtime() != null && l.mtime() == s.mtime;
    }

    private void addPending(Stat s, LocationState stored) {
        Pending p = pending.get(s.key);
        if (p == null || p.size != s.size || p.mtime != s.mtime) {
            pending.put(s.key, new Pending(s.size, s.mtime, System.nanoTime(), stored));
        }
    }

    private void processReady() {
        if (pending.isEmpty()) return;
        long stableNanos = config.stableInterval().toNanos();
        long stableMillis = config.stableInterval().toMillis();
        long nowNanos = System.nanoTime();
        long nowMillis = System.currentTimeMillis();
        List<Candidate> ready = new ArrayList<>();
        for (Iterator<Map.Entry<String, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Pending> e = it.next();
            String k = e.getKey();
            Pending p = e.getValue();
            boolean renamed = renamedIntoPlace.contains(k);
            boolean quiet = nowMillis - p.mtime >= stableMillis || nowNanos - p.sinceNanos >= stableNanos;
            if (!renamed && !quiet) continue;
            Stat now = stat(k);
            if (now == null) {
                it.remove();
                renamedIntoPlace.remove(k);
                continue;
            }
            if (now.size != p.size || now.mtime != p.mtime) {
                e.setValue(new Pending(now.size, now.mtime, nowNanos, p.stored)); // still being written
                continue;
            }
            ready.add(new Candidate(this, k, p.size, Instant.ofEpochMilli(p.mtime), null, true, p.stored, true));
        }
        if (ready.isEmpty()) return;
        ready.sort(Comparator.comparing(Candidate::key));
        processInBatches(ready, outcomes -> {
            for (Outcome o : outcomes) {
                Candidate c = o.candidate();
                pending.remove(c.key());
                renamedIntoPlace.remove(c.key());
                switch (o.kind()) {
                    case PUBLISHED, DUPLICATE -> known.put(c.key(), c.recorded(o.reportId(),
                            o.kind().name().toLowerCase(java.util.Locale.ROOT)));
                    case UNCHANGED -> known.put(c.key(), c.stored() != null ? c.stored() : c.recorded(o.reportId(), "unchanged"));
                    case REJECTED -> {
                        // Still there (not moved): remembered as refused. Moved away: the old record stays valid.
                        if (Files.exists(root.resolve(c.key()), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                            known.put(c.key(), c.recorded(o.reportId(), "rejected"));
                        } else {
                            known.remove(c.key());
                        }
                    }
                    // Retried by the next reconcile pass, not at once: a broken broker is not hammered.
                    default -> known.remove(c.key());
                }
            }
            backlog = pending.size() + dirty.size();
        });
    }

    // ---- reading and quarantine ----

    @Override
    public byte[] read(Candidate c) throws IOException {
        Path p = root.resolve(c.key());
        long limit = (long) config.maxReportBytes() + 1; // one more byte tells "too large" apart
        try (InputStream in = Files.newInputStream(p)) {
            return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit));
        } catch (NoSuchFileException e) {
            if (Files.isSymbolicLink(p)) throw new IOException("dangling symbolic link to " + Files.readSymbolicLink(p));
            throw e;
        }
    }

    @Override
    public IngestPipeline.Quarantined quarantine(Candidate c, byte[] bytes, RejectionReason reason, String message,
                                                 String reportId) throws IOException {
        Path src = root.resolve(c.key());
        Path target = quarantineRoot.resolve(c.key());
        Files.createDirectories(target.getParent());
        boolean moved;
        try {
            try {
                Files.move(src, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(src, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            // Cannot move (e.g. a read-only mount): leave the original, keep a copy when we have the bytes.
            if (bytes == null) throw e;
            Files.write(target, bytes);
            moved = false;
        }
        Files.writeString(target.resolveSibling(target.getFileName() + ".reason"),
                reasonText(c, reason, message, reportId), StandardCharsets.UTF_8);
        return new IngestPipeline.Quarantined(target.toString(), moved);
    }

    static String reasonText(Candidate c, RejectionReason reason, String message, String reportId) {
        return "reason: " + reason.name() + "\nmessage: " + message + "\nreportId: " + (reportId == null ? "" : reportId)
                + "\nsource: " + c.source().name() + "\nkey: " + c.key() + "\nsize: " + c.size()
                + "\nrejectedAt: " + Instant.now() + "\n";
    }

    private String key(Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }
}
