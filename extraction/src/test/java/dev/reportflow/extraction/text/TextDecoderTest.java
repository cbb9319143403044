package dev.reportflow.extraction.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reportflow.extraction.ExtractionException;
import dev.reportflow.extraction.ExtractionException.Reason;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextDecoderTest {
    private static final String REPORT = "某县司法局2023年法治政府建设工作报告\n一、主要举措和成效\n办理案件12件。";
    private final TextDecoder decoder = new TextDecoder();

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    @Test
    void plainUtf8() throws Exception {
        TextDecoder.Decoded d = decoder.decode(REPORT.getBytes(StandardCharsets.UTF_8));
        assertThat(d.text()).isEqualTo(REPORT);
        assertThat(d.encoding()).isEqualTo("UTF-8");
    }

    @Test
    void utf8ByteOrderMarkIsStrippedAndNamed() throws Exception {
        byte[] raw = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, REPORT.getBytes(StandardCharsets.UTF_8));
        TextDecoder.Decoded d = decoder.decode(raw);
        assertThat(d.text()).isEqualTo(REPORT).doesNotContain("\uFEFF");
        assertThat(d.encoding()).isEqualTo("UTF-8-BOM");
    }

    @Test
    void utf16WithByteOrderMarks() throws Exception {
        byte[] le = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, REPORT.getBytes(StandardCharsets.UTF_16LE));
        byte[] be = concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, REPORT.getBytes(StandardCharsets.UTF_16BE));
        assertThat(decoder.decode(le)).isEqualTo(new TextDecoder.Decoded(REPORT, "UTF-16LE"));
        assertThat(decoder.decode(be)).isEqualTo(new TextDecoder.Decoded(REPORT, "UTF-16BE"));
    }

    @Test
    void utf16WithoutMarkIsRecognisedByItsAsciiNulBytes() throws Exception {
        String text = "2023年,全县办理案件12件,调解纠纷35件。\n二、存在的不足\n";
        assertThat(decoder.decode(text.getBytes(StandardCharsets.UTF_16LE)))
                .isEqualTo(new TextDecoder.Decoded(text, "UTF-16LE"));
        assertThat(decoder.decode(text.getBytes(StandardCharsets.UTF_16BE)))
                .isEqualTo(new TextDecoder.Decoded(text, "UTF-16BE"));
    }

    @Test
    void gbkBytesDecodeAsGb18030() throws Exception {
        byte[] gbk = REPORT.getBytes(Charset.forName("GB18030"));
        TextDecoder.Decoded d = decoder.decode(gbk);
        assertThat(d.text()).isEqualTo(REPORT);
        assertThat(d.encoding()).isEqualTo("GB18030");
        byte[] gb2312 = "全市共受理法律援助案件723件".getBytes(Charset.forName("GBK"));
        assertThat(decoder.decode(gb2312).text()).isEqualTo("全市共受理法律援助案件723件");
    }

    @Test
    void malformedBytesAreUndecodable() {
        byte[] raw = {(byte) 0xC3, (byte) 0x28, (byte) 0x80, (byte) 0xFF, (byte) 0xFF, 0x41};
        assertThatThrownBy(() -> decoder.decode(raw))
                .isInstanceOf(ExtractionException.class)
                .satisfies(e -> assertThat(((ExtractionException) e).reason()).isEqualTo(Reason.UNDECODABLE))
                .hasMessageContaining("GB18030");
    }

    @Test
    void binaryDataIsRejectedEvenWhenItDecodes() {
        byte[] raw = new byte[64];
        for (int i = 0; i < raw.length; i++) raw[i] = (byte) (i % 8); // ASCII control bytes and NULs
        assertThatThrownBy(() -> decoder.decode(raw))
                .isInstanceOf(ExtractionException.class)
                .satisfies(e -> assertThat(((ExtractionException) e).reason()).isEqualTo(Reason.UNDECODABLE));
    }

    @Test
    void emptyAndBlankInputs() {
        assertThatThrownBy(() -> decoder.decode(new byte[0]))
                .satisfies(e -> assertThat(((ExtractionException) e).reason()).isEqualTo(Reason.EMPTY));
        assertThatThrownBy(() -> decoder.decode(" \n\t ".getBytes(StandardCharsets.UTF_8)))
                .satisfies(e -> assertThat(((ExtractionException) e).reason()).isEqualTo(Reason.EMPTY));
    }

    @Test
    void sizeBoundIsEnforced() throws Exception {
        TextDecoder small = new TextDecoder(10);
        assertThat(small.decode("一二三".getBytes(StandardCharsets.UTF_8)).text()).isEqualTo("一二三"); // 9 bytes
        assertThatThrownBy(() -> small.decode("一二三四".getBytes(StandardCharsets.UTF_8)))
                .satisfies(e -> assertThat(((ExtractionException) e).reason()).isEqualTo(Reason.TOO_LARGE))
                .hasMessageContaining("12 bytes");
    }

    @Test
    void lineEndingsBecomeLineFeeds() throws Exception {
        assertThat(decoder.decode("一、成效\r\n办理案件12件。\r\n".getBytes(StandardCharsets.UTF_8)).text())
                .isEqualTo("一、成效\n办理案件12件。\n");
        assertThat(decoder.decode("一、成效\r办理\r\r\n".getBytes(Charset.forName("GB18030"))).text())
                .isEqualTo("一、成效\n办理\n\n");
    }
}
