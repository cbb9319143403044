package dev.reportflow.extract;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * A semaphore whose acquire never blocks: it returns a future that completes when a permit is free.
 * The consumer method returns that future, so SmallRye stops handing over records while the instance
 * has {@code permits} reports in flight (back-pressure reaches the Kafka poll loop, which pauses).
 */
public final class AsyncLimiter {
    private final int permits;
    private int used;
    private final ArrayDeque<CompletableFuture<Void>> waiting = new ArrayDeque<>();

    public AsyncLimiter(int permits) {
        if (permits < 1) throw new IllegalArgumentException("permits must be >= 1");
        this.permits = permits;
    }

    public CompletableFuture<Void> acquire() {
        synchronized (this) {
            if (used < permits) {
                used++;
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> f = new CompletableFuture<>();
            waiting.add(f);
            return f;
        }
    }

    public void release() {
        CompletableFuture<Void> next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                used--;
                return;
            }
        }
        next.complete(null); // the permit passes straight to the next waiter; completed outside the lock
    }

    public synchronized int inFlight() {
        return used;
    }
}
