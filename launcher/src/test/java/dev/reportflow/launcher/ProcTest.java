package dev.reportflow.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real child JVMs: what `up` leaves behind and what `down` must clean up. */
class ProcTest {
    @TempDir
    Path data;

    final List<Proc> started = new ArrayList<>();

    @AfterEach
    void noOrphans() {
        Proc.stop(started, Duration.ofSeconds(1));
    }

    Proc start(String name, String... args) throws IOException {
        List<String> launch = new ArrayList<>(List.of("-cp", System.getProperty("java.class.path"),
                Sleeper.class.getName()));
        launch.addAll(List.of(args));
        Proc p = Proc.start(name, data, Path.of(System.getProperty("java.home"), "bin", "java"),
                List.of("-Xmx16m", "-XX:TieredStopAtLevel=1"), launch, Map.of("SOME_VAR", "x"));
        started.add(p);
        return p;
    }

    @Test
    void startsInItsOwnSession_recordsItsPid_andIsFoundAgainByName() throws Exception {
        Proc p = start("ingest-service");
        awaitLog(p, "line 1");
        assertThat(Files.readString(Proc.pidFile(data, "ingest-service")).strip()).isEqualTo(Long.toString(p.pid()));
        // The pid is the JVM itself (setsid did not fork), and it leads its own session: no terminal signal reaches it.
        String stat = Files.readString(Path.of("/proc/" + p.pid() + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        assertThat(f[3]).as("session id").isEqualTo(Long.toString(p.pid()));
        assertThat(ProcessHandle.of(p.pid()).orElseThrow().info().command().orElseThrow()).endsWith("/java");

        assertThat(p.rssKib()).as("RSS of a small JVM, KiB").isBetween(1_000L, 500_000L);
        assertThat(Proc.find(data, "ingest-service")).map(Proc::pid).contains(p.pid());
        assertThat(Proc.find(data, "metrics-service")).isEmpty();
        assertThat(Proc.strays(data)).extracting(Proc::name).containsExactly("ingest-service");
        assertThat(Proc.strays(data.resolve("other"))).isEmpty();
    }

    @Test
    void aPidFileNamingSomeoneElsesProcessIsNotOurs() throws Exception {
        Files.createDirectories(data.resolve("run"));
        Files.writeString(Proc.pidFile(data, "devstack"), ProcessHandle.current().pid() + "\n");
        assertThat(Proc.find(data, "devstack")).isEmpty();
        Files.writeString(Proc.pidFile(data, "devstack"), "not a pid");
        assertThat(Proc.find(data, "devstack")).isEmpty();
    }

    @Test
    void stopTerminatesPolitely_thenKillsWhatIgnoresSigterm() throws Exception {
        Proc polite = start("extract-service");
        Proc stubborn = start("devstack", "stubborn");
        awaitLog(stubborn, "line 3");
        long t0 = System.nanoTime();
        List<String> killed = Proc.stop(List.of(polite, stubborn), Duration.ofMillis(1500));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(killed).containsExactly("devstack");
        assertThat(polite.isAlive()).isFalse();
        assertThat(stubborn.isAlive()).isFalse();
        assertThat(ms).isGreaterThanOrEqualTo(1500);
        assertThat(stubborn.logTail(5)).contains("ignoring SIGTERM");
        assertThat(Proc.strays(data)).isEmpty();
    }

    @Test
    void logsGoToAFilePerProcess_thePreviousRunsKeptAsDotOne() throws Exception {
        Proc first = start("metrics-service");
        awaitLog(first, "line 3");
        assertThat(first.logTail(2)).isEqualTo("line 2\nline 3");
        Proc.stop(List.of(first), Duration.ofSeconds(5));
        Proc second = start("metrics-service");
        awaitLog(second, "line 1");
        assertThat(Proc.tail(data.resolve("logs/metrics-service.log.1"), 1)).isEqualTo("line 3");
        assertThat(Proc.tail(data.resolve("logs/nothing.log"), 1)).startsWith("(no log at");
    }

    private static void awaitLog(Proc p, String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!p.logTail(50).contains(text)) {
            assertThat(System.nanoTime()).as("'" + text + "' in " + p.log() + " within 20 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
