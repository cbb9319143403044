package dev.reportflow.extraction.outline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reportflow.extraction.Section;
import dev.reportflow.extraction.text.TextNormalizer;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutlineParserTest {
    private final OutlineParser parser = OutlineParser.withDefaults();

    private Outline parse(String text) {
        return parser.parse(text, TextNormalizer.normalize(text));
    }

    private static List<String> titles(Outline o, int level) {
        return o.sections().stream().filter(s -> s.level() == level).map(Section::title).toList();
    }

    private static Section byTitle(Outline o, String title) {
        return o.sections().stream().filter(s -> s.title().equals(title)).findFirst().orElseThrow();
    }

    @Test
    void everyLevelWithIdsParentsAndNumbers() {
        String text = String.join("\n",
                "某某县司法局2023年法治政府建设年度报告",
                "2023年,我局坚持依法行政。现将有关情况报告如下:",
                "一、主要举措和成效",
                "(一)完善制度体系",
                "1.健全决策机制。全年审查文件8件。",
                "(1)严格程序。听证2次。",
                "(2)公开目录。一是公布目录;二是动态调整。",
                "2.规范执法行为",
                "二、存在的不足和原因",
                "一是队伍力量薄弱;二是创新不够。",
                "三、下一年度工作安排",
                "(一)加强队伍建设。培训干部。");
        Outline o = parse(text);
        assertThat(o.sections()).extracting(Section::id).containsExactly(
                "s1", "s1.1", "s1.1.1", "s1.1.1.1", "s1.1.1.2", "s1.1.1.2.1", "s1.1.1.2.2", "s1.1.2",
                "s2", "s2.1", "s2.2", "s3", "s3.1");
        assertThat(o.sections()).extracting(Section::level).containsExactly(1, 2, 3, 4, 4, 5, 5, 3, 1, 5, 5, 1, 2);
        assertThat(o.sections()).extracting(Section::number).containsExactly(
                "一", "一", "1", "1", "2", "一", "二", "2", "二", "一", "二", "三", "一");
        assertThat(o.sections()).extracting(Section::title).containsExactly(
                "主要举措和成效", "完善制度体系", "健全决策机制", "严格程序", "公开目录", "公布目录", "动态调整",
                "规范执法行为", "存在的不足和原因", "队伍力量薄弱", "创新不够", "下一年度工作安排", "加强队伍建设");
        assertThat(byTitle(o, "严格程序").parent()).isEqualTo("s1.1.1");
        assertThat(byTitle(o, "主要举措和成效").parent()).isNull();
        assertThat(o.sections()).extracting(Section::category).containsExactly(
                "achievements", "achievements", "achievements", "achievements", "achievements", "achievements",
                "achievements", "achievements", "shortcomings", "shortcomings", "shortcomings", "plans", "plans");
    }

    @Test
    void sectionEndsAtTheNextSiblingOrAncestorHeading() {
        String text = "一、成效\n(一)甲项工作\n内容甲。\n(二)乙项工作\n内容乙。\n二、不足\n内容丙。";
        Outline o = parse(text);
        Section one = byTitle(o, "成效"), a = byTitle(o, "甲项工作"), b = byTitle(o, "乙项工作"), two = byTitle(o, "不足");
        assertThat(one.start()).isEqualTo(0);
        assertThat(one.end()).isEqualTo(text.indexOf("二、不足"));
        assertThat(a.end()).isEqualTo(text.indexOf("(二)"));
        assertThat(b.end()).isEqualTo(text.indexOf("二、不足"));
        assertThat(two.end()).isEqualTo(text.length());
        assertThat(o.sectionAt(text.indexOf("内容乙"))).isEqualTo(b);
        assertThat(o.categoryAt(text.indexOf("内容乙"))).isEqualTo("achievements");
        assertThat(o.sectionAt(text.indexOf("内容丙")).title()).isEqualTo("不足");
    }

    @Test
    void preambleIsNotASection() {
        String text = "关于2023年度法治建设的报告\n2023年,全区受理案件12件。\n一、主要成效\n内容。";
        Outline o = parse(text);
        assertThat(o.sections()).hasSize(1);
        assertThat(o.sectionAt(text.indexOf("受理"))).isNull();
    }

    @Test
    void inlineHeadingTitleStopsAtTheFirstFullStopOutsideQuotes() {
        String text = "一、成效\n(一)扎紧监管“篱笆。围墙”。全面推行核查。\n(二)深化复议为民:建立中心。\n(三)普法强基出实效";
        Outline o = parse(text);
        assertThat(titles(o, 2)).containsExactly("扎紧监管“篱笆。围墙”", "深化复议为民", "普法强基出实效");
    }

    @Test
    void fullWidthAndTraditionalHeadingsAreRead() {
        String text = "一、推進法治政府建設的主要舉措和成效\n（一）完善制度。內容。\n１．健全機制。內容。\n２、規範執法\n二、存在的問題和不足\n三、下一年度工作計劃";
        Outline o = parse(text);
        assertThat(titles(o, 1)).containsExactly("推進法治政府建設的主要舉措和成效", "存在的問題和不足", "下一年度工作計劃");
        assertThat(titles(o, 3)).containsExactly("健全機制", "規範執法");
        assertThat(o.sections().stream().filter(s -> s.level() == 1).map(Section::category))
                .containsExactly("achievements", "shortcomings", "plans");
    }

    @Test
    void numberingGapsAreTolerated() {
        String text = "一、成效\n(一)甲\n1.子一\n3.子三\n(三)丙\n三、安排";
        Outline o = parse(text);
        assertThat(titles(o, 1)).containsExactly("成效", "安排");
        assertThat(titles(o, 2)).containsExactly("甲", "丙");
        assertThat(titles(o, 3)).containsExactly("子一", "子三");
        assertThat(byTitle(o, "丙").id()).isEqualTo("s1.2");
    }

    @Test
    void datesFiguresAndBrokenSequencesAreNotHeadings() {
        String text = String.join("\n",
                "一、成效",
                "(一)甲项",
                "1.子项一。",
                "2.5亿元资金已拨付到位。",
                "12.1日起实施新规。",
                "2、3月份开展专项行动。",
                "1.重新编号的列表不是新小节",
                "2.子项二",
                "一、重复的编号不是新章",
                "(一)倒退的编号不是新节",
                "三是没有一是二是的三是不算",
                "统一是必要的,唯一是例外",
                "二、不足");
        Outline o = parse(text);
        assertThat(titles(o, 1)).containsExactly("成效", "不足");
        assertThat(titles(o, 2)).containsExactly("甲项");
        assertThat(titles(o, 3)).containsExactly("子项一", "子项二");
        assertThat(titles(o, 5)).isEmpty();
    }

    @Test
    void inlineListsUseTheirOwnSequence() {
        String text = "一、成效\n(一)甲项\n一是建章立制。内容;二是强化监督,开展检查;三是狠抓落实。\n一是第二段重新开始。";
        Outline o = parse(text);
        assertThat(titles(o, 5)).containsExactly("建章立制", "强化监督,开展检查", "狠抓落实", "第二段重新开始");
        Section first = o.sections().stream().filter(s -> s.level() == 5).findFirst().orElseThrow();
        assertThat(first.start()).isEqualTo(text.indexOf("一是建章"));
        assertThat(first.end()).isEqualTo(text.indexOf("二是强化"));
        assertThat(o.inHeadingMarker(text.indexOf("二是强化"))).isTrue();
        assertThat(o.inHeadingMarker(text.indexOf("二是强化") + 1)).isTrue();
        assertThat(o.inHeadingMarker(text.indexOf("二是强化") + 2)).isFalse();
    }

    @Test
    void headingMarkersAreSpannedForIndicatorExtraction() {
        String text = "一、成效\n(一)甲项\n1、乙项\n(1)丙项。一是丁项";
        Outline o = parse(text);
        assertThat(o.headingMarkers()).extracting(m -> text.substring(m[0], m[1]))
                .containsExactly("一、", "(一)", "1、", "(1)", "一是");
        assertThat(o.inHeadingMarker(text.indexOf("(1)") + 1)).isTrue();
        assertThat(o.inHeadingMarker(text.indexOf("丙项"))).isFalse();
    }

    @Test
    void webPageNoiseIsNeitherSectionNorBody() {
        String text = String.join("\n",
                "索引号: 113307/2023-00902 发布机构: 某市司法局 成文时间: 2023-05-09",
                "首页 > 政务公开 > 工作总结",
                "某市司法局2022年工作总结",
                "发布日期: 2023-05-09 10:49    浏览次数: 来源: 局领导",
                "【字体:大 中 小】",
                "一、重点工作推进情况",
                "(一)示范创建。内容。",
                "二、2023年工作思路",
                "(一)队伍建设。内容。",
                "【打印本页】【关闭窗口】",
                "主办单位:某市司法局 版权所有 ICP备12345678号");
        Outline o = parse(text);
        assertThat(titles(o, 1)).containsExactly("重点工作推进情况", "2023年工作思路");
        Section last = byTitle(o, "2023年工作思路");
        assertThat(last.category()).isEqualTo("plans");
        assertThat(text.substring(last.start(), last.end())).isEqualTo("二、2023年工作思路\n(一)队伍建设。内容。\n");
    }

    @Test
    void signatureBlockEndsTheLastSection() {
        String text = "一、成效\n内容。\n二、安排\n(一)强化监督。内容。\n某县司法局\n2025年1月3日\n—";
        Outline o = parse(text);
        Section last = byTitle(o, "强化监督");
        assertThat(last.end()).isEqualTo(text.indexOf("某县司法局"));
        assertThat(titles(o, 1)).containsExactly("成效", "安排");
        Layout layout = Layout.of(TextNormalizer.normalize(text));
        assertThat(layout.signatureOrgs()).extracting(Line::content).containsExactly("某县司法局");
        assertThat(layout.signatureDate()).isEqualTo("2025-01-03");
    }

    @Test
    void categoriesFollowTheRulesAndTheFallback() {
        String text = String.join("\n",
                "一、坚持党的领导,加强组织保障",
                "二、依法全面履行政府职能",
                "三、党政主要负责人履行推进法治建设第一责任人职责情况",
                "四、推进法治政府建设存在的问题",
                "五、2024年工作打算",
                "六、强化队伍建设",
                "七、其他需要报告的情况");
        Outline o = parse(text);
        assertThat(o.sections()).extracting(Section::category).containsExactly(
                "achievements", "achievements", "responsibility", "shortcomings", "plans", "other", "other");
    }

    @Test
    void crLfTextKeepsOffsetsIntoTheDecodedText() {
        String text = "一、成效\r\n(一)甲项。内容。\r\n二、不足\r\n";
        Outline o = parse(text);
        Section a = byTitle(o, "甲项");
        assertThat(text.substring(a.start(), a.start() + 3)).isEqualTo("(一)");
        assertThat(a.end()).isEqualTo(text.indexOf("二、"));
    }

    @Test
    void headingNumberAloneTakesTheNextLineAsTitle() {
        String text = "一、\n主要举措和成效\n内容。\n二、存在的不足";
        Outline o = parse(text);
        assertThat(titles(o, 1)).containsExactly("主要举措和成效", "存在的不足");
        assertThat(o.sections().get(0).category()).isEqualTo("achievements");
    }
    @Test
    void inlineListAfterAWordCountsWhenItGoesOn() {
        String text = "一、成效\n(一)甲项。统筹推进改革一是统筹数字化;二是完善机制。\n(二)乙项。这是唯一是例外的情形。";
        Outline o = parse(text);
        assertThat(titles(o, 5)).containsExactly("统筹数字化", "完善机制");
    }

    @Test
    void numeralListsAreNotLevelOneHeadings() {
        String text = "一、二季度召开会议3次。\n一、主要成效\n内容。\n二、存在不足";
        Outline o = parse(text);
        assertThat(titles(o, 1)).containsExactly("主要成效", "存在不足");
    }

    @Test
    void relatedLinksAfterTheReportAreNotSections() {
        String body = "一、成效\n(一)甲项。" + "内容。".repeat(30) + "\n二、安排\n(一)乙项。内容。\n";
        String text = body + "相关链接\n1.关于印发某某办法的通知\n2.关于某某工作的通知\n";
        Outline o = parse(text);
        assertThat(titles(o, 3)).isEmpty();
        assertThat(byTitle(o, "乙项").end()).isEqualTo(body.length());
    }

    @Test
    void signatureVariants() {
        Layout oneLine = Layout.of("一、成效\n内容。\n某县司法局 2025年1月3日\n");
        assertThat(oneLine.signatureOrgs()).extracting(Line::content).containsExactly("某县司法局");
        assertThat(oneLine.signatureDate()).isEqualTo("2025-01-03");
        assertThat(oneLine.bodyEnd()).isEqualTo("一、成效\n内容。\n".length());
        Layout monthOnly = Layout.of("一、成效\n内容。\n中共某县委员会\n某县人民政府\n2024年1月\n(此件公开发布)");
        assertThat(monthOnly.signatureOrgs()).extracting(Line::content).containsExactly("中共某县委员会", "某县人民政府");
        assertThat(monthOnly.signatureDate()).isNull();
        assertThat(monthOnly.bodyEnd()).isEqualTo("一、成效\n内容。\n".length());
        Layout contact = Layout.of("一、成效\n内容。\n某县司法局\n2024年1月5日\n(联系人:张某,电话:1234567)");
        assertThat(contact.signatureDate()).isEqualTo("2024-01-05");
        Layout none = Layout.of("一、成效\n内容。");
        assertThat(none.signatureStart()).isEqualTo(-1);
        assertThat(none.bodyEnd()).isEqualTo("一、成效\n内容。".length());
    }
    @Test
    void headingsRunIntoAParagraphCountOnlyWhenTheyContinueTheSequence() {
        String text = "一、成效\n(一)甲项。内容甲。(二)乙项。内容乙;(三)丙项。依照第(一)项规定办理。(五)不连续的不算。\n"
                + "二、安排。1.学法。2.用法。";
        Outline o = parse(text);
        assertThat(titles(o, 2)).containsExactly("甲项", "乙项", "丙项");
        assertThat(byTitle(o, "乙项").start()).isEqualTo(text.indexOf("(二)"));
        assertThat(byTitle(o, "甲项").end()).isEqualTo(text.indexOf("(二)"));
        assertThat(titles(o, 1)).containsExactly("成效", "安排");
        assertThat(titles(o, 3)).isEmpty(); // a list cannot start inside a paragraph
    }
    @Test
    void aLaterYearWithoutOtherCueIsPlans() {
        String text = "一、2023年重点工作完成情况\n内容。\n二、2024年重点工作\n内容。";
        assertThat(parse(text).sections()).extracting(Section::category).containsExactly("achievements", "plans");
    }
    @Test
    void pageNoiseLines() {
        assertThat(PageNoise.isNoise("网站首页 | 政务公开 | 办事服务 | 互动交流")).isTrue();
        assertThat(PageNoise.isNoise("首页 政务公开 办事服务 互动交流 走进本区")).isTrue();
        assertThat(PageNoise.isNoise("索引号: 11330700/2023-00902")).isTrue();
        assertThat(PageNoise.isNoise("【打印本页】 【关闭窗口】")).isTrue();
        assertThat(PageNoise.isNoise("上一篇:关于开展某某工作的通知")).isTrue();
        assertThat(PageNoise.isNoise("一、主要举措和成效")).isFalse();
        assertThat(PageNoise.isNoise("关闭违规企业5家,打印材料200份。")).isFalse();
        assertThat(PageNoise.isNoise("中共某县委员会 某县人民政府")).isFalse();
        assertThat(PageNoise.isNoise("来源于群众的意见建议38条")).isFalse();
        assertThat(PageNoise.fields("发布日期: 2023-05-09 10:49    浏览次数: 来源: 局领导"))
                .containsEntry("发布日期", "2023-05-09 10:49").containsEntry("来源", "局领导").doesNotContainKey("浏览次数");
    }
}
