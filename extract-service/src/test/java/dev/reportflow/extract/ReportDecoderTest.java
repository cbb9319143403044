package dev.reportflow.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reportflow.events.RejectionReason;
import dev.reportflow.events.ReportIngested;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReportDecoderTest {

    @Test
    void decodesAReportIngested() throws Exception {
        ReportIngested r = Fixtures.ingested("a.txt", "报告正文");
        ReportIngested back = ReportDecoder.decode(Fixtures.json(r));
        assertThat(back).isEqualTo(r);
    }

    @Test
    void garbageIsUndecodableWithDeserializationReason() {
        assertThatThrownBy(() -> ReportDecoder.decode("not json at all {".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ReportDecoder.Undecodable.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.DESERIALIZATION_FAILED));
        assertThatThrownBy(() -> ReportDecoder.decode(new byte[] {(byte) 0xff, 0x00, 0x13}))
                .isInstanceOf(ReportDecoder.Undecodable.class);
    }

    @Test
    void jsonWithoutAUsableIdOrPayloadIsUndecodable() {
        assertThatThrownBy(() -> ReportDecoder.decode("{\"reportId\":\"abc\",\"payload\":\"AAEC\"}".getBytes()))
                .isInstanceOf(ReportDecoder.Undecodable.class).hasMessageContaining("reportId");
        String id = "a".repeat(64);
        assertThatThrownBy(() -> ReportDecoder.decode(("{\"reportId\":\"" + id + "\"}").getBytes()))
                .isInstanceOf(ReportDecoder.Undecodable.class).hasMessageContaining("payload");
        assertThatThrownBy(() -> ReportDecoder.decode("null".getBytes()))
                .isInstanceOf(ReportDecoder.Undecodable.class);
    }
}
