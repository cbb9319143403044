package dev.reportflow.ingest;

import dev.reportflow.events.RejectionReason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An S3-compatible bucket prefix. The truth is a ListObjectsV2 pass whose position (the start-after
 * key) is saved in MongoDB after every page, so a restart resumes the pass where it stopped; a
 * finished pass starts over from the beginning at the next reconcile, comparing size+etag with the
 * stored locations before reading anything. Bucket notifications are hints: the hinted key is
 * checked with HeadObject and goes the same way.
 */
final class S3Source extends SourceWorker {
    private static final Logger LOG = Logger.getLogger(S3Source.class);

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final String quarantinePrefix;
    private final KeyFilter filter;
    private final List<String> reserved;
    private final Set<String> hints = ConcurrentHashMap.newKeySet();
    /** Stored location per key as last read or written (worker thread only). */
    private final Map<String, LocationState> known = new HashMap<>();
    private volatile int backlog;

    S3Source(String name, S3Client s3, String bucket, String prefix, List<String> includes, List<String> excludes,
             IngestConfig config, IngestPipeline pipeline, IngestStore store, IngestMetrics metrics) {
        super(name, config, pipeline, store, metrics);
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix == null ? "" : prefix;
        this.quarantinePrefix = config.s3Quarantine();
        // Globs apply to the key below the prefix, as directory globs apply below the root. Both
        // quarantine folders are skipped: with devstack the bucket is also the watched directory.
        this.filter = new KeyFilter(includes, excludes, List.of());
        this.reserved = List.of(config.s3Quarantine(), config.directoryQuarantine() + "/");
        metrics.backlog(name, () -> backlog);
    }

    @Override
    public String kind() {
        return "s3";
    }

    @Override
    public String bucket() {
        return bucket;
    }

    String prefix() {
        return prefix;
    }

    @Override
    public int backlog() {
        return backlog;
    }

    @Override
    protected void onStart() {
        LOG.infof("source %s: listing s3 bucket %s prefix '%s'", name, bucket, prefix);
    }

    /** True when this source lists {@code key} of {@code bucketName}. */
    boolean covers(String bucketName, String key) {
        if (!bucket.equals(bucketName) || !key.startsWith(prefix)) return false;
        for (String r : reserved) if (key.startsWith(r)) return false;
        return filter.accepts(key.substring(prefix.length()));
    }

    /** A bucket notification: look at the key soon. */
    void hint(String key) {
        if (!running) return;
        hints.add(key);
        wake();
    }

    @Override
    protected long tickMillis() {
        return Math.min(super.tickMillis(), 5_000);
    }

    @Override
    protected void reconcile() {
        String startAfter = store.position(name);
        if (startAfter != null) LOG.infof("source %s: resuming listing after %s", name, startAfter);
        int listed = 0;
        while (running) {
            var req = software.amazon.awssdk.services.s3.model.ListObjectsV2Request.builder().bucket(bucket)
                    .prefix(prefix.isEmpty() ? null : prefix).maxKeys(config.s3PageSize());
            if (startAfter != null) req.startAfter(startAfter);
            ListObjectsV2Response page = s3.listObjectsV2(req.build());
            List<Candidate> found = new ArrayList<>();
            for (S3Object o : page.contents()) {
                if (!covers(bucket, o.key())) continue;
                found.add(new Candidate(this, o.key(), o.size() == null ? 0 : o.size(), o.lastModified(),
                        normalizeEtag(o.eTag()), true));
            }
            listed += page.contents().size();
            process(changed(found));
            if (!running) return; // the saved position is where the next start resumes
            boolean more = Boolean.TRUE.equals(page.isTruncated()) && !page.contents().isEmpty();
            startAfter = more ? page.contents().get(page.contents().size() - 1).key() : null;
            store.savePosition(name, startAfter, !more, Instant.now().toString());
            if (!more) break;
        }
        LOG.debugf("source %s: reconcile listed %d objects", name, listed);
    }

    @Override
    protected void work() {
        if (hints.isEmpty()) return;
        List<Candidate> found = new ArrayList<>();
        for (Iterator<String> it = hints.iterator(); it.hasNext(); ) {
            String key = it.next();
            it.remove();
            try {
                HeadObjectResponse h = s3.headObject(b -> b.bucket(bucket).key(key));
                found.add(new Candidate(this, key, h.contentLength() == null ? 0 : h.contentLength(), h.lastModified(),
                        normalizeEtag(h.eTag()), true));
            } catch (NoSuchKeyException e) {
                LOG.infof("source %s: notified object %s is gone; skipped", name, key);
            } catch (S3Exception e) {
                if (e.statusCode() == 404) {
                    LOG.infof("source %s: notified object %s is gone; skipped", name, key);
                } else {
                    throw e;
                }
            }
        }
        backlog = found.size();
        process(changed(found));
        backlog = hints.size();
    }

    /** Drops what the memory of this run or the stored locations say is unchanged. */
    private List<Candidate> changed(List<Candidate> found) {
        List<Candidate> unknown = new ArrayList<>();
        List<Candidate> out = new ArrayList<>();
        for (Candidate c : found) {
            LocationState k = known.get(c.key());
            if (k == null) unknown.add(c);
            else if (!c.sameAs(k)) out.add(withStored(c, k));
        }
        if (!unknown.isEmpty()) {
            Map<String, LocationState> stored = store.locations(unknown.stream().map(Candidate::locationId).toList());
            for (Candidate c : unknown) {
                LocationState l = stored.get(c.locationId());
                if (c.sameAs(l)) known.put(c.key(), l);
                else out.add(withStored(c, l));
            }
        }
        return out;
    }

    private static Candidate withStored(Candidate c, LocationState stored) {
        return new Candidate(c.source(), c.key(), c.size(), c.lastModified(), c.etag(), true, stored, true);
    }

    private void process(List<Candidate> candidates) {
        if (candidates.isEmpty()) return;
        backlog = candidates.size();
        processInBatches(candidates, outcomes -> {
            for (Outcome o : outcomes) {
                Candidate c = o.candidate();
                switch (o.kind()) {
                    case PUBLISHED, DUPLICATE, REJECTED -> known.put(c.key(), c.recorded(o.reportId(),
                            o.kind().name().toLowerCase(java.util.Locale.ROOT)));
                    case UNCHANGED -> known.put(c.key(), c.stored() != null ? c.stored() : c.recorded(o.reportId(), "unchanged"));
                    default -> known.remove(c.key());
                }
            }
            backlog = Math.max(0, backlog - outcomes.size());
        });
        backlog = 0;
    }

    @Override
    public byte[] read(Candidate c) throws IOException {
        int limit = config.maxReportBytes() + 1; // one more byte tells "too large" apart
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(c.key()))) {
            return ((InputStream) in).readNBytes(limit);
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException("s3://" + bucket + "/" + c.key());
        } catch (S3Exception e) {
            if (e.statusCode() == 404) throw new NoSuchFileException("s3://" + bucket + "/" + c.key());
            throw new IOException("cannot get s3://" + bucket + "/" + c.key() + ": " + e.getMessage(), e);
        }
    }

    /** Copies (never deletes: the bucket may be someone else's record) under the quarantine prefix. */
    @Override
    public IngestPipeline.Quarantined quarantine(Candidate c, byte[] bytes, RejectionReason reason, String message,
                                                 String reportId) throws IOException {
        String target = quarantinePrefix + c.key();
        try {
            s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(c.key()).destinationBucket(bucket).destinationKey(target));
            s3.putObject(b -> b.bucket(bucket).key(target + ".reason").contentType("text/plain; charset=utf-8"),
                    RequestBody.fromString(DirectorySource.reasonText(c, reason, message, reportId)));
        } catch (S3Exception e) {
            throw new IOException("cannot quarantine to s3://" + bucket + "/" + target + ": " + e.getMessage(), e);
        }
        return new IngestPipeline.Quarantined("s3://" + bucket + "/" + target, false);
    }

    void checkReachable() {
        s3.headBucket(b -> b.bucket(bucket));
    }

    static String normalizeEtag(String etag) {
        if (etag == null) return null;
        String e = etag.trim();
        if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")) e = e.substring(1, e.length() - 1);
        return e;
    }
}
