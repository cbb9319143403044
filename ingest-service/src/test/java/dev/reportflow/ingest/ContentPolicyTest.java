package dev.reportflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reportflow.events.RejectionReason;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContentPolicyTest {
    private final ContentPolicy policy = new ContentPolicy(List.of("txt", "text", "md", "html", "htm"), 100, 0.001);

    @Test
    void acceptsTextByExtension() {
        byte[] text = "一、2023年推进法治政府建设的主要举措".getBytes(StandardCharsets.UTF_8);
        for (String name : List.of("a.txt", "a.TEXT", "a.md", "x/a.html", "a.htm")) {
            assertThat(policy.beforeRead(name, text.length)).as(name).isNull();
            assertThat(policy.afterRead(name, text)).as(name).isNull();
        }
        assertThat(ContentPolicy.contentType("a.txt")).isEqualTo("text/plain");
        assertThat(ContentPolicy.contentType("a.HTM")).isEqualTo("text/html");
        assertThat(ContentPolicy.contentType("a.md")).isEqualTo("text/markdown");
    }

    @Test
    void refusesEmptyTooLargeAndOtherExtensions() {
        assertThat(policy.beforeRead("a.txt", 0).reason()).isEqualTo(RejectionReason.EMPTY);
        assertThat(policy.beforeRead("a.txt", 101).reason()).isEqualTo(RejectionReason.TOO_LARGE);
        assertThat(policy.beforeRead("a.txt", 100)).isNull();
        assertThat(policy.beforeRead("a.png", 10).reason()).isEqualTo(RejectionReason.UNSUPPORTED_CONTENT_TYPE);
        assertThat(policy.beforeRead("a.zip", 10).message()).contains(".zip");
        assertThat(policy.beforeRead("README", 10).message()).contains("no extension");
        assertThat(policy.beforeRead(".txt", 10).reason()).isEqualTo(RejectionReason.UNSUPPORTED_CONTENT_TYPE);
    }

    @Test
    void sniffsBinaryContentBehindATextName() {
        byte[] zip = {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0};
        assertThat(policy.afterRead("a.txt", zip).message()).contains("zip");
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10};
        assertThat(policy.afterRead("a.txt", png).message()).contains("PNG");
        byte[] utf16 = "abc report".getBytes(StandardCharsets.UTF_16LE); // Latin text in UTF-16 is half NULs
        assertThat(policy.afterRead("a.txt", utf16).reason()).isEqualTo(RejectionReason.UNSUPPORTED_CONTENT_TYPE);
        assertThat(policy.afterRead("a.txt", utf16).message()).contains("NUL");
    }

    @Test
    void aRareNulUnderTheRatioIsTolerated() {
        ContentPolicy big = new ContentPolicy(List.of("txt"), 1 << 20, 0.001);
        byte[] text = new byte[5000];
        java.util.Arrays.fill(text, (byte) 'x');
        text[100] = 0; // 1 in 5000 = 0.02%
        assertThat(big.afterRead("a.txt", text)).isNull();
        text[200] = 0;
        text[300] = 0;
        text[400] = 0;
        text[500] = 0;
        text[600] = 0; // 6 in 5000 = 0.12%
        assertThat(big.afterRead("a.txt", text)).isNotNull();
    }

    @Test
    void reportIdIsLowercaseSha256Hex() {
        assertThat(ReportIds.of("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
