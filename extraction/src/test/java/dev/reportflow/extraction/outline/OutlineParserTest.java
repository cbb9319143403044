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
                + "二、安排。内容。1.学法。2.用法。";
        Outline o = parse(text);
        assertThat(titles(o, 2)).containsExactly("甲项", "乙项", "丙项");
        assertThat(byTitle(o, "乙项").start()).isEqualTo(text.indexOf("(二)"));
        assertThat(byTitle(o, "甲项").end()).isEqualTo(text.indexOf("(二)"));
        assertThat(titles(o, 1)).containsExactly("成效", "安排");
        assertThat(titles(o, 3)).isEmpty(); // a list cannot start inside a paragraph
    }

    @Test
    void aListMayStartRightAfterAnInlineHeadingsTitleWhenItGoesOn() {
        String text = String.join("\n",
                "一、主要成效",
                "(一)聚焦依法治区,建设稳步推进。1、强化统筹。召开会议3次。2、严格审查。审查文件5件;3、规范备案。报备2件。",
                "(二)聚焦执法监督。1、只有一项的列表不算。内容。",
                "二、工作安排。1.学法。2.用法。");
        Outline o = parse(text);
        assertThat(titles(o, 2)).containsExactly("聚焦依法治区,建设稳步推进", "聚焦执法监督");
        assertThat(titles(o, 3)).containsExactly("强化统筹", "严格审查", "规范备案", "学法", "用法");
        assertThat(byTitle(o, "严格审查").parent()).isEqualTo(byTitle(o, "聚焦依法治区,建设稳步推进").id());
        assertThat(byTitle(o, "强化统筹").end()).isEqualTo(text.indexOf("2、严格"));
    }

    @Test
    void partsAboveTheUsualLevelsShiftThemDown() {
        String text = String.join("\n",
                "某市司法局2020年法治政府建设工作报告",
                "第一部分 2020年法治政府建设工作开展情况",
                "一、统筹推进法治政府建设",
                "(一)规范重大行政决策",
                "1.公布目录。内容。",
                "二、提升依法决策水平",
                "第二部分 存在的问题和不足",
                "一是推进不平衡;二是力量薄弱。",
                "第三部分:2021年工作打算",
                "一、启动“八五”普法。制定规划。",
                "二、深化复议改革。完成改革。");
        Outline o = parse(text);
        assertThat(titles(o, 1)).containsExactly("2020年法治政府建设工作开展情况", "存在的问题和不足", "2021年工作打算");
        assertThat(titles(o, 2)).containsExactly("统筹推进法治政府建设", "提升依法决策水平", "启动“八五”普法", "深化复议改革");
        assertThat(titles(o, 3)).containsExactly("规范重大行政决策");
        assertThat(titles(o, 4)).containsExactly("公布目录");
        assertThat(titles(o, 6)).containsExactly("推进不平衡", "力量薄弱");
        assertThat(o.sections().stream().filter(s -> s.level() == 1).map(Section::category))
                .containsExactly("achievements", "shortcomings", "plans");
        assertThat(byTitle(o, "深化复议改革").category()).isEqualTo("plans");
        assertThat(byTitle(o, "深化复议改革").id()).isEqualTo("s3.2");
        assertThat(byTitle(o, "2020年法治政府建设工作开展情况").number()).isEqualTo("一");
    }

    @Test
    void chaptersAndSectionsTakeTheLevelsThatArePresent() {
        String text = "第一章 总体情况\n第一节 主要成效\n一、完善制度\n二、规范执法\n第二节 存在不足\n第二章 下步打算\n一、加强队伍";
        Outline o = parse(text);
        assertThat(titles(o, 1)).containsExactly("总体情况", "下步打算");
        assertThat(titles(o, 2)).containsExactly("主要成效", "存在不足");
        assertThat(titles(o, 3)).containsExactly("完善制度", "规范执法", "加强队伍");
        // a level skipped below the top keeps its usual distance: 1. right under 一、 is level 3
        Outline skipped = parse("一、主要成效\n1.完善制度。内容。\n2.规范执法。内容。\n二、存在不足");
        assertThat(titles(skipped, 1)).containsExactly("主要成效", "存在不足");
        assertThat(titles(skipped, 2)).isEmpty();
        assertThat(titles(skipped, 3)).containsExactly("完善制度", "规范执法");
        // the shallowest style at the top is level 1
        Outline top = parse("(一)主要成效\n1.完善制度。内容。\n(二)存在不足\n(三)2024年工作安排");
        assertThat(titles(top, 1)).containsExactly("主要成效", "存在不足", "2024年工作安排");
        assertThat(titles(top, 2)).containsExactly("完善制度");
        assertThat(top.sections().stream().filter(s -> s.level() == 1).map(Section::category))
                .containsExactly("achievements", "shortcomings", "plans");
    }

    @Test
    void numberedSentencesAreListItemsNotHeadings() {
        String text = String.join("\n",
                "一、主要成效",
                "1.加强队伍建设,提升履职能力。全年培训干部3期。",
                "2.规范执法。内容。",
                "二、存在的不足",
                "1.部分单位重视不够,推进措施不够有力。",
                "2.基层执法力量不足,法律专业人员仅占8.6%。",
                "3.普法的针对性不强。",
                "三、下一步安排",
                "(1)法治力量较为薄弱,专业人员仅3名;(2)部分居民法治意识有待提高。(3)宣传不足。",
                "1.坚持依法决策,提升决策水平",
                "内容。");
        Outline o = parse(text);
        assertThat(titles(o, 1)).containsExactly("主要成效", "存在的不足", "下一步安排");
        assertThat(titles(o, 3)).containsExactly("加强队伍建设,提升履职能力", "规范执法", "坚持依法决策,提升决策水平");
        assertThat(titles(o, 4)).isEmpty();
    }

    @Test
    void aFalseFirstHeadingGivesWayToTheRealOne() {
        String text = String.join("\n",
                "一、本文说明",
                "2023年,我局坚持依法行政,一是统筹推进;二是狠抓落实。现将有关情况报告如下。",
                "一、主要成效",
                "(一)完善制度。内容。",
                "二、存在不足",
                "一、重复的编号仍然不算");
        Outline o = parse(text);
        assertThat(titles(o, 1)).containsExactly("主要成效", "存在不足");
        assertThat(titles(o, 5)).isEmpty();
        assertThat(o.sections().get(0).start()).isEqualTo(text.indexOf("一、主要成效"));
    }

    @Test
    void circledAndEnclosedNumbers() {
        String text = "一、成效\n(一)甲项\n1.子项\n①第一点。内容。\n②第二点\n㈡乙项\n⒈子项二\n⑴细目";
        Outline o = parse(text);
        assertThat(titles(o, 2)).containsExactly("甲项", "乙项");
        assertThat(titles(o, 3)).containsExactly("子项", "子项二");
        assertThat(titles(o, 4)).containsExactly("第一点", "第二点", "细目");
        assertThat(byTitle(o, "第二点").number()).isEqualTo("2");
    }

    /** A paragraph hard-wrapped at {@code width} chars, as a PDF copy gives it. */
    private static String wrap(String paragraph, int width) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < paragraph.length(); i += width) {
            if (i > 0) b.append('\n');
            b.append(paragraph, i, Math.min(paragraph.length(), i + width));
        }
        return b.toString();
    }

    @Test
    void hardWrappedLinesAreSoftBreaksAndNeverHeadings() {
        String p1 = "全县行政执法部门全年办理行政处罚案件1,234件,其中简易程序案件516件,一般程序案件718件。"
                + "依照该省的条例第三条第(三)项规定,组织开展行政执法案卷评查2次,评查案卷215卷。";
        String p2 = "县长认真履行法治建设第一责任人职责,全年主持召开县政府常务会议研究法治政府建设工作5次。";
        String w1 = wrap(p1, 20);
        String w2 = wrap(p2, 20);
        assertThat(w1).contains("\n(三)项规定"); // the wrap puts a heading-like number at a line start
        String text = "某县2021年法治政府建设情况报告\n\n一、主要成效\n(一)推进严格执法\n" + w1 + "\n(二)推进依法决策\n"
                + w2.substring(0, 41) + "\n\n— 2 —\n\n" + w2.substring(42) + "\n二、存在的不足\n一是重视不够。\n\n某县人民政府办公室\n2022年2月25日\n\n\n- 3 -\n";
        String norm = TextNormalizer.normalize(text);
        Layout layout = Layout.of(norm);
        assertThat(layout.wrapWidth()).isEqualTo(20);
        Outline o = parser.parse(text, norm, layout);
        assertThat(titles(o, 2)).containsExactly("推进严格执法", "推进依法决策");
        // every wrap inside a paragraph is soft, the one across the page footer too; none before a heading
        String joined = o.withSoftBreaks(norm);
        assertThat(joined).hasSameSizeAs(norm);
        String marked = joined.replace(String.valueOf(TextNormalizer.SOFT_BREAK), "");
        assertThat(marked).contains(TextNormalizer.normalize(p1)).contains(TextNormalizer.normalize(p2));
        assertThat(marked).contains("(二)推进依法决策\n").contains("\n二、存在的不足");
        int footer = text.indexOf("— 2 —");
        assertThat(o.softBreaks()).anySatisfy(b -> assertThat(b[0]).isLessThan(footer).isGreaterThan(footer - 5));
        // the signature is found behind the trailing page number
        assertThat(layout.signatureOrgs()).extracting(Line::content).containsExactly("某县人民政府办公室");
        assertThat(layout.signatureDate()).isEqualTo("2022-02-25");
        assertThat(byTitle(o, "存在的不足").end()).isEqualTo(text.indexOf("某县人民政府办公室"));
    }

    @Test
    void paragraphPerLineTextHasNoSoftBreaks() {
        String text = "某县2023年工作报告\n一、主要成效\n全年办理案件12件\n3月份开展专项行动,检查企业20家\n"
                + "二、存在不足\n队伍建设有待加强\n培训力度不够大\n三、工作安排\n加强队伍建设\n";
        String norm = TextNormalizer.normalize(text);
        Layout layout = Layout.of(norm);
        assertThat(layout.wrapWidth()).isZero();
        assertThat(parser.parse(text, norm, layout).softBreaks()).isEmpty();
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
        assertThat(PageNoise.isNoise("技术支持: 某某网络公司")).isTrue();
        assertThat(PageNoise.isNoise("建议使用IE9以上版本浏览器")).isTrue();
        assertThat(PageNoise.isNoise("主办单位承担主体责任,技术支持单位配合。")).isFalse();
        for (String footer : new String[] {"— 3 —", "- 3 -", "-12-", "第3页 共5页", "第 3 页", "共5页 第3页", "3/5", "Page 3 of 5"}) {
            assertThat(PageNoise.isPageFooter(footer)).as(footer).isTrue();
            assertThat(PageNoise.isNoise(footer)).as(footer).isTrue();
        }
        for (String body : new String[] {"3", "2023", "—", "3件", "第三部分 存在问题", "第3项工作"}) {
            assertThat(PageNoise.isPageFooter(body)).as(body).isFalse();
        }
        assertThat(PageNoise.fields("发布日期: 2023-05-09 10:49    浏览次数: 来源: 局领导"))
                .containsEntry("发布日期", "2023-05-09 10:49").containsEntry("来源", "局领导").doesNotContainKey("浏览次数");
    }
}
