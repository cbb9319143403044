package dev.reportflow.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractCliTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ExtractCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void writesOneJsonPerInputAndReportsBadFilesWithoutStopping() throws Exception {
        Path good = Files.writeString(dir.resolve("good.report.txt"), "绍兴市司法局2023年法治政府建设年度报告\n一、主要举措和成效\n内容。");
        Path gbk = Files.write(dir.resolve("gbk.txt"), "一、主要举措和成效\n内容。".getBytes(Charset.forName("GB18030")));
        Path empty = Files.write(dir.resolve("empty.txt"), new byte[0]);
        Path binary = Files.write(dir.resolve("binary.txt"), new byte[] {(byte) 0x80, (byte) 0xFF, 0, 1, 2});
        Path missing = dir.resolve("missing.txt");
        Path outDir = dir.resolve("out");

        int status = run("--out", outDir.toString(), "--pretty", good.toString(), empty.toString(), binary.toString(),
                missing.toString(), gbk.toString());

        assertThat(status).isEqualTo(1);
        assertThat(outDir.resolve("good.report.json")).exists();
        assertThat(outDir.resolve("gbk.json")).exists();
        assertThat(outDir.resolve("empty.json")).doesNotExist();
        String e = err.toString(StandardCharsets.UTF_8);
        assertThat(e).contains("empty.txt: EMPTY").contains("binary.txt: UNDECODABLE").contains("missing.txt: IO")
                .contains("3 of 5 files failed");
        JsonNode j = new ObjectMapper().readTree(outDir.resolve("good.report.json").toFile());
        assertThat(j.get("report").get("file").asText()).isEqualTo("good.report.txt");
        assertThat(j.get("report").get("region").asText()).isEqualTo("浙江省绍兴市");
        assertThat(j.get("sections").get(0).get("category").asText()).isEqualTo("achievements");
        assertThat(new ObjectMapper().readTree(outDir.resolve("gbk.json").toFile()).get("report").get("encoding").asText())
                .isEqualTo("GB18030");
    }

    @Test
    void allGoodExitsZero() throws Exception {
        Path f = Files.writeString(dir.resolve("a.txt"), "一、成效\n内容。");
        assertThat(run("--out", dir.resolve("o").toString(), f.toString())).isZero();
        assertThat(Files.readString(dir.resolve("o/a.json"))).doesNotContain("\n");
    }

    @Test
    void usageErrors() {
        assertThat(run("x.txt")).isEqualTo(2);
        assertThat(run("--out", dir.toString())).isEqualTo(2);
        assertThat(run("--out", dir.toString(), "--bogus", "x.txt")).isEqualTo(2);
        assertThat(run("--out", dir.toString(), "--max-bytes", "lots", "x.txt")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(ExtractCli.USAGE);
    }

    @Test
    void maxBytesOption() throws Exception {
        Path f = Files.writeString(dir.resolve("a.txt"), "一、成效\n内容比上限更长。");
        assertThat(run("--out", dir.resolve("o").toString(), "--max-bytes", "8", f.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("TOO_LARGE");
    }

    @Test
    void baseNames() {
        assertThat(ExtractCli.baseName("000_abc.txt")).isEqualTo("000_abc");
        assertThat(ExtractCli.baseName("a.b.txt")).isEqualTo("a.b");
        assertThat(ExtractCli.baseName("noext")).isEqualTo("noext");
        assertThat(ExtractCli.baseName(".hidden")).isEqualTo(".hidden");
    }
}
