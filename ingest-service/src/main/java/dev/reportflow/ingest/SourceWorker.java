package dev.reportflow.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The worker thread of a scanning source: wakes on a signal or a timer, runs a reconcile pass when
 * one is due or requested, and processes what is ready, one batch at a time. Stopping lets the batch
 * in hand finish.
 */
abstract class SourceWorker implements Source {
    private static final Logger LOG = Logger.getLogger(SourceWorker.class);

    protected final String name;
    protected final IngestConfig config;
    protected final IngestPipeline pipeline;
    protected final IngestStore store;
    protected final IngestMetrics metrics;

    protected volatile boolean running;
    private Thread thread;
    private final Object signal = new Object();
    private boolean signalled;
    private final List<CompletableFuture<Void>> reconcileWaiters = new ArrayList<>();
    private long nextReconcileNanos;
    private volatile String lastError;

    SourceWorker(String name, IngestConfig config, IngestPipeline pipeline, IngestStore store, IngestMetrics metrics) {
        this.name = name;
        this.config = config;
        this.pipeline = pipeline;
        this.store = store;
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return name;
    }

    /** The last error of the worker loop, null when the last round went well (for readiness). */
    String lastError() {
        return lastError;
    }

    synchronized void start() {
        if (running) return;
        running = true;
        onStart();
        nextReconcileNanos = System.nanoTime();
        thread = new Thread(this::loop, "ingest-" + kind() + "-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops after the batch in hand; returns false when it did not finish within the timeout. */
    synchronized boolean stop(long timeoutMillis) {
        if (!running) return true;
        running = false;
        onStop();
        wake();
        try {
            thread.join(timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        boolean done = !thread.isAlive();
        synchronized (signal) {
            reconcileWaiters.forEach(f -> f.completeExceptionally(new IllegalStateException("source stopped")));
            reconcileWaiters.clear();
        }
        return done;
    }

    /** Runs a full reconcile pass soon; the future completes when it and the processing it triggered end. */
    CompletableFuture<Void> requestReconcile() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        synchronized (signal) {
            if (!running) {
                f.completeExceptionally(new IllegalStateException("source " + name + " is not running"));
                return f;
            }
            reconcileWaiters.add(f);
        }
        wake();
        return f;
    }

    protected void wake() {
        synchronized (signal) {
            signalled = true;
            signal.notifyAll();
        }
    }

    private void loop() {
        long backoffMillis = 0;
        while (running) {
            List<CompletableFuture<Void>> waiters;
            synchronized (signal) {
                long waitMillis = backoffMillis > 0 ? backoffMillis : tickMillis();
                if (!signalled && waitMillis > 0) {
                    try {
                        signal.wait(waitMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                signalled = false;
                waiters = new ArrayList<>(reconcileWaiters);
                reconcileWaiters.clear();
            }
            if (!running) {
                waiters.forEach(f -> f.completeExceptionally(new IllegalStateException("source stopped")));
                break;
            }
            try {
                boolean due = System.nanoTime() - nextReconcileNanos >= 0;
                if (due || !waiters.isEmpty()) {
                    nextReconcileNanos = System.nanoTime() + config.reconcileInterval().toNanos();
                    var sample = io.micrometer.core.instrument.Timer.start();
                    reconcile();
                    sample.stop(metrics.scanTimer(name));
                }
                work();
                waiters.forEach(f -> f.complete(null));
                lastError = null;
                backoffMillis = 0;
            } catch (RuntimeException e) {
                // MongoDB or the bucket is unreachable: keep the service up and try again a bit later.
                lastError = e.toString();
                LOG.errorf(e, "source %s: %s; retrying", name, e.getMessage());
                waiters.forEach(f -> f.completeExceptionally(e));
                backoffMillis = Math.min(30_000, Math.max(1_000, backoffMillis * 2));
            }
        }
    }

    /**
     * Processes candidates in batches bounded by count and bytes; stops between batches when stopping.
     * Batch N+1 is read and published while batch N's marks are written; {@code onOutcomes} sees a
     * batch once its marks are durable (or FAILED when they could not be written).
     */
    protected void processInBatches(List<Candidate> ready, java.util.function.Consumer<List<Outcome>> onOutcomes) {
        List<List<Candidate>> batches = new ArrayList<>();
        List<Candidate> batch = new ArrayList<>();
        long bytes = 0;
        for (Candidate c : ready) {
            long counted = Math.min(c.size(), config.maxReportBytes());
            if (!batch.isEmpty() && (batch.size() >= config.batchSize() || bytes + counted > config.batchBytes())) {
                batches.add(batch);
                batch = new ArrayList<>();
                bytes = 0;
            }
            batch.add(c);
            bytes += counted;
        }
        if (!batch.isEmpty()) batches.add(batch);

        IngestPipeline.Result previous = null;
        try {
            for (List<Candidate> b : batches) {
                if (!running) break;
                IngestPipeline.Result r = pipeline.processAsync(b);
                if (previous != null) onOutcomes.accept(IngestPipeline.settle(previous));
                previous = r;
            }
        } finally {
            if (previous != null) onOutcomes.accept(IngestPipeline.settle(previous));
        }
    }

    protected boolean stopping() {
        return !running;
    }

    protected void onStart() {}

    protected void onStop() {}

    /** Milliseconds between rounds when nothing signals. */
    protected long tickMillis() {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextReconcileNanos - System.nanoTime()));
    }

    /** A full listing of the source, comparing with what is stored. */
    protected abstract void reconcile();

    /** Processes what is ready (events, hints, stable files). */
    protected abstract void work();
}
