package dev.reportflow.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class AsyncLimiterTest {
    @Test
    void holdsTheThirdAcquireUntilARelease() {
        AsyncLimiter l = new AsyncLimiter(2);
        assertThat(l.acquire()).isDone();
        assertThat(l.acquire()).isDone();
        CompletableFuture<Void> third = l.acquire();
        assertThat(third).isNotDone();
        assertThat(l.inFlight()).isEqualTo(2);
        l.release();
        assertThat(third).isDone();
        assertThat(l.inFlight()).isEqualTo(2);
        l.release();
        l.release();
        assertThat(l.inFlight()).isZero();
    }
}
