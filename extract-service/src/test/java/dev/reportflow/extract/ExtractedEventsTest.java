package dev.reportflow.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reportflow.events.EventJson;
import dev.reportflow.events.IndicatorExtracted;
import dev.reportflow.events.ReportExtracted;
import dev.reportflow.events.ReportIngested;
import dev.reportflow.events.SectionExtracted;
import dev.reportflow.extraction.Extraction;
import dev.reportflow.extraction.Indicator;
import dev.reportflow.extraction.ReportInfo;
import dev.reportflow.extraction.Section;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExtractedEventsTest {
    static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

    final ReportIngested in = Fixtures.ingested("r.txt", "正文".getBytes(), "b".repeat(64));
    final String id = in.reportId();

    Extraction extraction() {
        List<Section> secs = List.of(
                new Section("s1", null, 1, "一", "主要举措和成效", "achievements", 10, 200),
                new Section("s1.1", "s1", 2, "一", "加强行政决策", "achievements", 20, 120),
                new Section("s2", null, 1, "二", "存在的不足", "shortcomings", 200, 300));
        List<Indicator> inds = List.of(
                new Indicator(id + ":30", 723, "件", "exact", "count", null, "受理法律援助案件",
                        "legal_aid.cases", "r1", "s1.1", 30, 33, "受理法律援助案件723件"),
                new Indicator(null, 5.5, "%", "about", "change", "up", "增长", null, null, null, 250, 253, "增长5.5%"));
        return new Extraction("1.2.3", new ReportInfo(id, "r.txt", "UTF-8", "某县", "某县司法局", "county", 2023,
                null, "某县2023年报告", 400), secs, inds);
    }

    @Test
    void mapsSectionsIndicatorsAndSummaryWithDeterministicIds() throws Exception {
        ExtractedEvents ev = ExtractedEvents.of(in, extraction(), 1234, NOW, 100, 100_000);

        List<SectionExtracted> secs = ev.sections().stream().map(b -> EventJson.read(b, SectionExtracted.class)).toList();
        assertThat(secs).extracting(SectionExtracted::eventId).containsExactly(id + ":s1", id + ":s1.1", id + ":s2");
        assertThat(secs).extracting(SectionExtracted::ordinal).containsExactly(0, 1, 2);
        assertThat(secs.get(1).parentId()).isEqualTo("s1");
        assertThat(secs).allSatisfy(s -> {
            assertThat(s.reportId()).isEqualTo(id);
            assertThat(s.extractorVersion()).isEqualTo("1.2.3");
        });

        List<IndicatorExtracted> inds = ev.indicators().stream()
                .map(b -> EventJson.read(b, IndicatorExtracted.class)).toList();
        assertThat(inds.get(0).eventId()).isEqualTo(id + ":30");
        assertThat(inds.get(0).sectionPath()).containsExactly("主要举措和成效", "加强行政决策");
        assertThat(inds.get(0).metric()).isEqualTo("legal_aid.cases");
        // An indicator without an id from the library still gets the documented reportId:start id.
        assertThat(inds.get(1).eventId()).isEqualTo(id + ":250");
        assertThat(inds.get(1).sectionPath()).isEmpty();

        ReportExtracted sum = EventJson.read(ev.summary(), ReportExtracted.class);
        assertThat(sum.sectionCount()).isEqualTo(3);
        assertThat(sum.indicatorCount()).isEqualTo(2);
        assertThat(sum.extractorVersion()).isEqualTo("1.2.3");
        assertThat(sum.durationMicros()).isEqualTo(1234);
        assertThat(sum.supersedes()).isEqualTo("b".repeat(64));
        assertThat(sum.source()).isEqualTo(in.source());
        assertThat(sum.report().region()).isEqualTo("某县");
        assertThat(sum.report().adminLevel()).isEqualTo("county");
        assertThat(sum.report().reportYear()).isEqualTo(2023);
        assertThat(sum.extractedAt()).isEqualTo("2025-03-01T10:00:00Z");
        assertThat(ev.eventCount()).isEqualTo(6);
    }

    @Test
    void theSameInputGivesByteIdenticalSectionAndIndicatorEvents() throws Exception {
        ExtractedEvents a = ExtractedEvents.of(in, extraction(), 1, NOW, 100, 100_000);
        ExtractedEvents b = ExtractedEvents.of(in, extraction(), 999, NOW.plusSeconds(60), 100, 100_000);
        assertThat(b.sections()).usingElementComparator(java.util.Arrays::compare).containsExactlyElementsOf(a.sections());
        assertThat(b.indicators()).usingElementComparator(java.util.Arrays::compare)
                .containsExactlyElementsOf(a.indicators());
    }

    @Test
    void tooManyEventsOrAnOversizedEventIsRefused() {
        assertThatThrownBy(() -> ExtractedEvents.of(in, extraction(), 1, NOW, 4, 100_000))
                .isInstanceOf(ExtractedEvents.TooLarge.class).hasMessageContaining("exceed");
        Extraction e = extraction();
        List<Indicator> inds = new ArrayList<>(e.indicators());
        inds.add(new Indicator(null, 1, "件", "exact", "count", null, "x", null, null, null, 5, 6, "长".repeat(50_000)));
        Extraction big = new Extraction(e.extractorVersion(), e.report(), e.sections(), inds);
        assertThatThrownBy(() -> ExtractedEvents.of(in, big, 1, NOW, 100, 100_000))
                .isInstanceOf(ExtractedEvents.TooLarge.class).hasMessageContaining("bytes");
    }

    @Test
    void sectionPathSurvivesACycleOrMissingParent() {
        var byId = new java.util.HashMap<String, Section>();
        byId.put("a", new Section("a", "b", 1, "一", "A", null, 0, 1));
        byId.put("b", new Section("b", "a", 2, "一", "B", null, 0, 1));
        assertThat(ExtractedEvents.sectionPath("a", byId)).hasSizeLessThanOrEqualTo(32);
        assertThat(ExtractedEvents.sectionPath("zzz", byId)).isEmpty();
    }
}
