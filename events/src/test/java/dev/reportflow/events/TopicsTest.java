package dev.reportflow.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class TopicsTest {
    @Test
    void ingestedTopicIsCompactedKeptAndFitsTheLargestReport() {
        Topics.TopicSpec t = Topics.spec(Topics.REPORTS_INGESTED);
        assertThat(t.compacted()).isTrue();
        assertThat(t.retentionMs()).isEqualTo(-1);
        // base64 grows 4/3; the JSON envelope adds a little
        int encoded = Base64.getEncoder().encodeToString(new byte[Topics.DEFAULT_MAX_REPORT_BYTES]).length();
        assertThat(t.maxMessageBytes()).isGreaterThan(encoded + 64 * 1024);
    }

    @Test
    void topicNamesAreUnique() {
        assertThat(Topics.ALL.stream().map(Topics.TopicSpec::name).distinct().count()).isEqualTo(Topics.ALL.size());
    }

    @Test
    void unknownTopicIsAnError() {
        assertThatThrownBy(() -> Topics.spec("nope")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dlqCarriesFullReportsToo() {
        assertThat(Topics.spec(Topics.REPORTS_INGESTED_DLQ).maxMessageBytes()).isEqualTo(Topics.MAX_MESSAGE_BYTES);
    }
}
