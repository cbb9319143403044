package dev.reportflow.extract;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed pool of extraction threads with a per-task time limit that counts from when the task starts
 * running (queueing is not the report's fault). A task over its limit fails with {@link TimeoutException}
 * at once and its thread is interrupted; if the code ignores the interrupt the thread is written off as
 * "stuck" and the pool grows by one so the healthy thread count stays the same, up to
 * {@code maxStuck} extra threads. Past that, {@link #exhausted()} turns the liveness check DOWN.
 */
public final class BoundedWorkers implements AutoCloseable {
    private final int workers;
    private final int maxStuck;
    private final long timeoutNanos;
    private final ThreadPoolExecutor pool;
    private final ScheduledExecutorService watchdog;
    private final AtomicInteger stuck = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();

    public BoundedWorkers(String name, int workers, int maxStuck, Duration timeout) {
        if (workers < 1) throw new IllegalArgumentException("workers must be >= 1");
        this.workers = workers;
        this.maxStuck = Math.max(0, maxStuck);
        this.timeoutNanos = timeout.toNanos();
        this.pool = new ThreadPoolExecutor(workers, workers + this.maxStuck, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), threads(name + "-"));
        this.watchdog = Executors.newSingleThreadScheduledExecutor(threads(name + "-watchdog"));
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Runs {@code task} on the pool; the future fails with TimeoutException when the limit passes. */
    public <T> CompletableFuture<T> submit(Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        pool.execute(() -> runGuarded(task, result));
        return result;
    }

    private <T> void runGuarded(Callable<T> task, CompletableFuture<T> result) {
        // 0 = running, 1 = finished, 2 = timed out
        AtomicInteger state = new AtomicInteger();
        Thread self = Thread.currentThread();
        running.incrementAndGet();
        ScheduledFuture<?> timer = watchdog.schedule(() -> {
            // The lock keeps this interrupt from landing after the task's finally block has cleared it.
            synchronized (state) {
                if (state.compareAndSet(0, 2)) {
                    int s = stuck.incrementAndGet();
                    // Keep the number of healthy threads constant while this one is lost.
                    grow(s);
                    self.interrupt();
                }
            }
            if (state.get() == 2) {
                result.completeExceptionally(new TimeoutException(
                        "extraction exceeded " + Duration.ofNanos(timeoutNanos).toMillis() + " ms"));
            }
        }, timeoutNanos, TimeUnit.NANOSECONDS);
        try {
            T value = task.call();
            if (state.compareAndSet(0, 1)) result.complete(value);
        } catch (Throwable e) {
            if (state.compareAndSet(0, 1)) result.completeExceptionally(e);
            if (e instanceof VirtualMachineError vme && !(e instanceof StackOverflowError)) throw vme;
        } finally {
            timer.cancel(false);
            running.decrementAndGet();
            synchronized (state) {
                if (state.get() == 2) {
                    stuck.decrementAndGet();
                    shrink();
                    Thread.interrupted(); // clear the flag before the thread takes the next task
                }
            }
        }
    }

    private synchronized void grow(int stuckNow) {
        int target = workers + Math.min(stuckNow, maxStuck);
        if (pool.getCorePoolSize() < target) pool.setCorePoolSize(target);
    }

    private synchronized void shrink() {
        int target = workers + Math.min(stuck.get(), maxStuck);
        if (pool.getCorePoolSize() > target) pool.setCorePoolSize(target);
    }

    /** Threads written off on timed-out tasks that are still running. */
    public int stuck() {
        return stuck.get();
    }

    public int running() {
        return running.get();
    }

    public int queued() {
        return pool.getQueue().size();
    }

    /** More threads are stuck than may be replaced: the instance can no longer keep its throughput. */
    public boolean exhausted() {
        return stuck.get() > maxStuck;
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        pool.shutdownNow();
    }
}
