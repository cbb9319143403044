package dev.reportflow.extraction.indicators;

import static dev.reportflow.extraction.indicators.Sentences.extract;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reportflow.extraction.Indicator;
import dev.reportflow.extraction.Section;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Numbers that are never indicators (spec/indicators.md §1, "Not indicators"). */
class ExclusionsTest {

    @ParameterizedTest
    @ValueSource(strings = {
        // dates and years
        "2022年以来，全县法治建设稳步推进。",
        "2022年3月15日召开会议，截至11月底全面完成。",
        "上半年召开专题会，近年来成效明显，近三年来持续推进。",
        "发布日期：2022-06-30 09:15:02",
        "二〇二二年十二月",
        "定于每月10日开展。",
        // ordinals
        "第三届法治论坛召开，第一次会议通过，第二批名单公布，首家试点挂牌。",
        "压实第一责任人职责，排名全省第3位。",
        // sessions
        "深入学习党的二十大和二十届三中全会精神，贯彻区委五届七次全会精神。",
        "学习省十四届人大二次会议精神。",
        "传达省委十届三次、四次全会精神。",
        // slogans, quoted names, formulas and codes
        "落实“三项制度”，推行“1+3+N”模式，开通“12348”热线。",
        "树牢“四个意识”，坚持“两个确立”，以三张清单为抓手，严守八项规定。",
        "推进“一件事一次办”，打造一站式平台，建设一批示范点，开展一次专项行动。",
        "“4·15”疫情期间，3·15晚会，5G网络，G20峰会，COVID-19。",
        "拨打12345热线，编号11330700002592265Y。",
        // titles
        "印发《关于开展2023年度10项重点工作的通知》。",
        // vague and idioms
        "处理数十件投诉，接待几百人，二次供水改造，一年四季不停歇。",
        "落实五个一工程，千家万户受益。",
        // ranks and one as an article
        "进入全省前三名，位居前列。",
        "打造一支过硬队伍，形成一张网。",
        // a numeral past 10^18 (found by the property test: it used to wrap to a negative value)
        "一千亿亿元",
        // time of day and place names
        "9时30分开会，地点在九龙坡区、七台河市、万州区。",
    })
    void yields_nothing(String sentence) {
        assertThat(extract(sentence)).as(sentence).isEmpty();
    }

    @Test
    void counts_beside_excluded_numbers_are_kept() {
        List<Indicator> found = extract("2023年召开第三次会议，审议议题12个，落实“三项制度”检查8次。");
        assertThat(found).extracting(Indicator::value).containsExactly(12.0, 8.0);
    }

    @Test
    void heading_numbering_is_never_an_indicator() {
        String text = "3个方面的工作\n全年办理5件。";
        // the outline says "3" is the heading's own numbering
        var outline = Sentences.outline(List.of(), List.<int[]>of(new int[] {0, 1}));
        assertThat(Sentences.extract(text, outline)).extracting(Indicator::value).containsExactly(5.0);
    }

    @Test
    void section_ids_come_from_the_outline_and_plans_hold_targets() {
        String text = "一、主要成效\n受理案件10件。\n二、下一步工作安排\n力争培育示范村20个。";
        int s2 = text.indexOf("二、");
        var outline = Sentences.outline(List.of(
                new Section("s1", null, 1, "一", "主要成效", "achievements", 0, s2),
                new Section("s2", null, 1, "二", "下一步工作安排", "plans", s2, text.length())),
                List.<int[]>of(new int[] {0, 2}, new int[] {s2, s2 + 2}));
        List<Indicator> found = Sentences.extract(text, outline);
        assertThat(found).extracting(Indicator::section).containsExactly("s1", "s2");
        assertThat(found).extracting(Indicator::kind).containsExactly("count", "target");
        assertThat(found.get(1).metric()).isNull();
    }
}
