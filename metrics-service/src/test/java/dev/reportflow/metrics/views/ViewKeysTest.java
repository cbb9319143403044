package dev.reportflow.metrics.views;

import static org.assertj.core.api.Assertions.assertThat;

import org.bson.Document;
import org.junit.jupiter.api.Test;

class ViewKeysTest {

    @Test
    void keysSurviveTheQueueDocumentWithTheirRemovalFlag() {
        ViewKeys added = ViewKeys.empty().addRow("legal_aid.cases", "重庆市九龙坡区", 2023).addReport("r1");
        ViewKeys back = ViewKeys.fromDocument(added.toDocument());
        assertThat(back.additionsOnly()).isTrue();
        assertThat(back.metrics()).containsExactly("legal_aid.cases");
        assertThat(back.regions()).containsExactly("重庆市九龙坡区");
        assertThat(back.years()).containsExactly(2023);
        assertThat(back.reports()).containsExactly("r1");

        assertThat(ViewKeys.fromDocument(added.withRemovals().toDocument()).additionsOnly()).isFalse();
    }

    @Test
    void aQueueWrittenBeforeTheFlagExistedMaySweep() {
        Document legacy = ViewKeys.empty().addReport("r1").toDocument();
        legacy.remove("additions_only");
        assertThat(ViewKeys.fromDocument(legacy).additionsOnly()).isFalse();
        assertThat(ViewKeys.fromDocument(null).additionsOnly()).isTrue();
    }

    @Test
    void oneRemovalMakesTheUnionSweep() {
        ViewKeys union = ViewKeys.empty().addReport("a");
        assertThat(union.additionsOnly()).isTrue();
        union.addAll(ViewKeys.empty().addReport("b"));
        assertThat(union.additionsOnly()).isTrue();
        union.addAll(ViewKeys.empty().addReport("c").withRemovals());
        assertThat(union.additionsOnly()).isFalse();
        union.addAll(ViewKeys.empty().addReport("d"));
        assertThat(union.additionsOnly()).isFalse();
    }
}
