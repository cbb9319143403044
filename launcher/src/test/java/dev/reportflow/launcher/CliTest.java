package dev.reportflow.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CliTest {
    static final Path ROOT = Path.of("/repo");
    static final Path CWD = Path.of("/home/me/work");

    static Cli.Invocation parse(String... args) {
        return parse(Map.of(), args);
    }

    static Cli.Invocation parse(Map<String, String> env, String... args) {
        return Cli.parse(List.of(args), env, CWD, ROOT);
    }

    @Test
    void defaults() {
        Cli.Invocation inv = parse("up");
        assertThat(inv.command()).isEqualTo("up");
        assertThat(inv.data()).isEqualTo(Path.of("/repo/data"));
        assertThat(List.of(inv.metricsPort(), inv.ingestPort(), inv.extractPort())).containsExactly(8080, 8081, 8082);
        assertThat(List.of(inv.kafkaPort(), inv.mongoPort(), inv.s3Port())).containsExactly(0, 0, 0);
        assertThat(inv.timeout()).isEqualTo(Duration.ofSeconds(180));
        assertThat(inv.build()).isTrue();
        assertThat(inv.exitWhenDone()).isFalse();
    }

    @Test
    void noArgumentsMeansHelp() {
        assertThat(parse().command()).isEqualTo("help");
        assertThat(parse("demo", "--help").command()).isEqualTo("help");
    }

    @Test
    void globalFlagsGoBeforeOrAfterTheCommand_andDataResolvesAgainstTheWorkingDirectory() {
        Cli.Invocation a = parse("--data", "tmp/d", "--port-metrics", "9080", "demo", "--exit", "--no-build");
        Cli.Invocation b = parse("demo", "--exit", "--no-build", "--data", "tmp/d", "--port-metrics", "9080");
        assertThat(a).isEqualTo(b);
        assertThat(a.data()).isEqualTo(Path.of("/home/me/work/tmp/d"));
        assertThat(a.metricsPort()).isEqualTo(9080);
        assertThat(a.exitWhenDone()).isTrue();
        assertThat(a.build()).isFalse();
        assertThat(parse("up", "--data", "/abs/../x").data()).isEqualTo(Path.of("/x"));
    }

    @Test
    void portsComeFromTheEnvironmentUnlessAFlagSaysOtherwise() {
        Map<String, String> env = Map.of("METRICS_PORT", "18080", "INGEST_PORT", " 18081 ", "EXTRACT_PORT", "");
        Cli.Invocation inv = parse(env, "up", "--port-ingest", "28081");
        assertThat(inv.metricsPort()).isEqualTo(18080);
        assertThat(inv.ingestPort()).isEqualTo(28081);
        assertThat(inv.extractPort()).isEqualTo(8082);
        assertThatThrownBy(() -> parse(Map.of("METRICS_PORT", "http"), "up"))
                .isInstanceOf(Cli.UsageException.class).hasMessageContaining("METRICS_PORT");
    }

    @Test
    void badPortsAndNumbersAreRefused() {
        assertThatThrownBy(() -> parse("up", "--port-extract", "65536")).hasMessageContaining("0..65535");
        assertThatThrownBy(() -> parse("up", "--kafka-port", "-1")).hasMessageContaining("0..65535");
        assertThatThrownBy(() -> parse("up", "--mongo-port", "x")).hasMessageContaining("port number");
        assertThatThrownBy(() -> parse("up", "--timeout", "0")).hasMessageContaining("positive");
        assertThatThrownBy(() -> parse("up", "--data")).hasMessageContaining("missing value for --data");
        assertThatThrownBy(() -> parse("up", "--data", "--no-build")).hasMessageContaining("missing value for --data");
        assertThat(parse("up", "--s3-port", "0", "--kafka-port", "19092").kafkaPort()).isEqualTo(19092);
    }

    @Test
    void unknownCommandsFlagsAndArgumentsAreRefused() {
        assertThatThrownBy(() -> parse("start")).isInstanceOf(Cli.UsageException.class).hasMessageContaining("start");
        assertThatThrownBy(() -> parse("up", "--verbose")).hasMessageContaining("--verbose");
        assertThatThrownBy(() -> parse("up", "now")).hasMessageContaining("now");
    }

    @Test
    void commandSpecificFlagsBelongToTheirCommand() {
        assertThatThrownBy(() -> parse("up", "--exit")).hasMessageContaining("demo");
        assertThatThrownBy(() -> parse("--exit", "demo")).hasMessageContaining("after the command");
        assertThatThrownBy(() -> parse("status", "-f")).hasMessageContaining("logs");
    }

    @Test
    void logsTakesOneProcessByShortOrFullName() {
        Cli.Invocation inv = parse("logs", "extract", "-f", "-n", "200");
        assertThat(inv.logTarget()).isEqualTo("extract-service");
        assertThat(inv.follow()).isTrue();
        assertThat(inv.lines()).isEqualTo(200);
        assertThat(parse("logs", "devstack").logTarget()).isEqualTo("devstack");
        assertThat(parse("logs").logTarget()).isNull();
        assertThatThrownBy(() -> parse("logs", "ingest", "metrics")).hasMessageContaining("metrics");
    }

    @Test
    void extractHandsEverythingAfterItToTheExtractor() {
        Cli.Invocation inv = parse("--no-build", "extract", "--out", "out", "--pretty", "a.txt", "--data", "b.txt");
        assertThat(inv.command()).isEqualTo("extract");
        assertThat(inv.build()).isFalse();
        assertThat(inv.passThrough()).containsExactly("--out", "out", "--pretty", "a.txt", "--data", "b.txt");
        assertThat(inv.data()).isEqualTo(Path.of("/repo/data"));
        assertThatThrownBy(() -> parse("extract")).hasMessageContaining("--out DIR");
    }
}
