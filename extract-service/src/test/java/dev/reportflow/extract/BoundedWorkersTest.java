package dev.reportflow.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class BoundedWorkersTest {

    /** Like a runaway regex: neither finishes nor reacts to the interrupt until released. */
    static void ignoreInterruptsUntil(CountDownLatch release) {
        while (release.getCount() > 0) {
            Thread.interrupted();
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
    }

    @Test
    void aTaskOverItsLimitFailsWithTimeoutAndTheNextOneStillRuns() throws Exception {
        try (BoundedWorkers w = new BoundedWorkers("t", 1, 1, Duration.ofMillis(200))) {
            CountDownLatch release = new CountDownLatch(1);
            // Ignores interrupts, like a runaway regex: the thread is written off as stuck.
            CompletableFuture<String> slow = w.submit(() -> {
                ignoreInterruptsUntil(release);
                return "late";
            });
            long t0 = System.nanoTime();
            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> slow.get(5, TimeUnit.SECONDS));
            assertThat(e.getCause()).isInstanceOf(TimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
            assertThat(w.stuck()).isEqualTo(1);
            assertThat(w.exhausted()).isFalse();

            // One worker, and it is stuck: a replacement thread takes the next task.
            assertThat(w.submit(() -> "next").get(2, TimeUnit.SECONDS)).isEqualTo("next");

            release.countDown();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> w.stuck() == 0);
            // The late result never replaces the timeout.
            assertThat(slow.isCompletedExceptionally()).isTrue();
        }
    }

    @Test
    void anInterruptibleTaskIsStoppedAndItsThreadReused() throws Exception {
        try (BoundedWorkers w = new BoundedWorkers("t", 1, 0, Duration.ofMillis(100))) {
            CompletableFuture<Object> f = w.submit(() -> {
                Thread.sleep(60_000);
                return null;
            });
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(2)).until(f::isDone);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> w.stuck() == 0);
            assertThat(w.submit(() -> Thread.currentThread().isInterrupted()).get(1, TimeUnit.SECONDS))
                    .as("the interrupt does not leak into the next task").isFalse();
        }
    }

    @Test
    void moreStuckThreadsThanMayBeReplacedMakesThePoolExhausted() throws Exception {
        try (BoundedWorkers w = new BoundedWorkers("t", 1, 1, Duration.ofMillis(100))) {
            CountDownLatch release = new CountDownLatch(1);
            for (int i = 0; i < 2; i++) {
                w.submit(() -> {
                    ignoreInterruptsUntil(release);
                    return null;
                });
            }
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> w.stuck() == 2);
            assertThat(w.exhausted()).isTrue();
            release.countDown();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> !w.exhausted());
        }
    }

    @Test
    void timeInTheQueueDoesNotCountAgainstATask() throws Exception {
        try (BoundedWorkers w = new BoundedWorkers("t", 1, 0, Duration.ofMillis(300))) {
            CompletableFuture<String> a = w.submit(() -> {
                Thread.sleep(200);
                return "a";
            });
            CompletableFuture<String> b = w.submit(() -> {
                Thread.sleep(200);
                return "b";
            });
            // b waits 200 ms for the thread, then runs 200 ms: 400 ms after submit, within its own 300 ms.
            assertThat(a.get(2, TimeUnit.SECONDS)).isEqualTo("a");
            assertThat(b.get(2, TimeUnit.SECONDS)).isEqualTo("b");
        }
    }
}
