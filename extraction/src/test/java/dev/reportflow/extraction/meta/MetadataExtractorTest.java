package dev.reportflow.extraction.meta;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reportflow.extraction.outline.Layout;
import dev.reportflow.extraction.outline.Outline;
import dev.reportflow.extraction.outline.OutlineParser;
import dev.reportflow.extraction.text.TextNormalizer;
import org.junit.jupiter.api.Test;

class MetadataExtractorTest {
    private final MetadataExtractor meta = MetadataExtractor.withDefaults();
    private final OutlineParser parser = OutlineParser.withDefaults();

    private ReportMeta read(String text) {
        String norm = TextNormalizer.normalize(text);
        Layout layout = Layout.of(norm);
        Outline outline = parser.parse(text, norm, layout);
        return meta.extract(text, norm, layout, outline);
    }

    @Test
    void titleAgencyRegionAndYearFromTheTitleLine() {
        ReportMeta m = read("成都市武侯区司法局2022年度法治政府建设工作报告\n2022年,我局坚持依法行政。\n一、主要举措和成效\n内容。");
        assertThat(m.title()).isEqualTo("成都市武侯区司法局2022年度法治政府建设工作报告");
        assertThat(m.agency()).isEqualTo("成都市武侯区司法局");
        assertThat(m.region()).isEqualTo("四川省成都市武侯区");
        assertThat(m.adminLevel()).isEqualTo("district");
        assertThat(m.reportYear()).isEqualTo(2022);
        assertThat(m.published()).isNull();
    }

    @Test
    void countyLevelCityGetsItsParentsAndTheSignatureGivesAgencyAndDate() {
        ReportMeta m = read("2024年以来,在市委市政府领导下,廉江市司法局充分履行职能。\n一、主要工作\n内容。\n二、不足\n内容。\n"
                + "廉江市司法局\n2025年1月3日");
        assertThat(m.title()).isNull();
        assertThat(m.agency()).isEqualTo("廉江市司法局");
        assertThat(m.region()).isEqualTo("广东省湛江市廉江市");
        assertThat(m.adminLevel()).isEqualTo("county");
        assertThat(m.reportYear()).isEqualTo(2024);
        assertThat(m.published()).isEqualTo("2025-01-03");
    }

    @Test
    void municipalityDistrictAndPrefecture() {
        assertThat(read("重庆市渝中区人民政府关于2023年法治政府建设情况的报告\n一、成效").region()).isEqualTo("重庆市渝中区");
        ReportMeta p = read("2023年,绍兴市司法局坚持以习近平法治思想为指导。\n一、推进法治政府建设的主要举措和成效\n内容。");
        assertThat(p.region()).isEqualTo("浙江省绍兴市");
        assertThat(p.adminLevel()).isEqualTo("prefecture");
        assertThat(p.agency()).isEqualTo("绍兴市司法局");
        assertThat(p.reportYear()).isEqualTo(2023);
        ReportMeta prov = read("江苏省司法厅2023年法治政府建设年度报告\n一、成效");
        assertThat(prov.region()).isEqualTo("江苏省");
        assertThat(prov.adminLevel()).isEqualTo("province");
        assertThat(prov.agency()).isEqualTo("江苏省司法厅");
    }

    @Test
    void ambiguousDistrictNamesAreSettledByOtherMentions() {
        // 鼓楼区 exists in several cities: the text names 福州 elsewhere
        ReportMeta m = read("鼓楼区司法局2023年法治政府建设工作报告\n一、成效\n全区积极融入福州都市圈建设,福州市委部署……");
        assertThat(m.region()).isEqualTo("福建省福州市鼓楼区");
        ReportMeta unknown = read("鼓楼区司法局2023年法治政府建设工作报告\n一、成效\n内容。");
        assertThat(unknown.region()).isEqualTo("鼓楼区");
        assertThat(unknown.adminLevel()).isEqualTo("district");
    }

    @Test
    void townshipAfterACounty() {
        ReportMeta m = read("廉江市石城镇人民政府2023年法治政府建设工作报告\n一、成效");
        assertThat(m.region()).isEqualTo("广东省湛江市廉江市石城镇");
        assertThat(m.adminLevel()).isEqualTo("township");
        assertThat(m.agency()).isEqualTo("廉江市石城镇人民政府");
    }

    @Test
    void yearReportedOnNotYearPublished() {
        assertThat(read("某市司法局2022年工作总结和2023年工作思路\n一、重点工作推进情况").reportYear()).isEqualTo(2022);
        assertThat(read("一、2021年度推进法治政府建设的主要举措和成效\n内容。\n二、2022年度主要安排").reportYear())
                .isEqualTo(2021);
        // only the plans heading has a year: the year before it
        assertThat(read("一、推进法治政府建设的主要举措和成效\n内容。\n二、2024年法治政府建设工作思路").reportYear())
                .isEqualTo(2023);
        // years inside document titles are not the year reported on
        assertThat(read("根据《2021年法治建设规划》,今年以来成效明显。\n一、成效\n内容。\n某县司法局\n2023年12月20日")
                .reportYear()).isEqualTo(2023);
        assertThat(read("二〇二三年,我县坚持依法行政。\n一、成效").reportYear()).isEqualTo(2023);
    }

    @Test
    void webPageInformationTable() {
        ReportMeta m = read(String.join("\n",
                "索引号: 113307/2023-00902 发布机构: 金华市司法局 成文时间: 2023-05-09",
                "文号: 主题分类: 登记号:",
                "金华市司法局2022年工作总结和2023年工作思路",
                "发布日期: 2023-05-10 10:49    浏览次数: 来源: 局领导",
                "2022年以来,市司法局认真贯彻落实决策部署。",
                "一、重点工作推进情况",
                "内容。"));
        assertThat(m.title()).isEqualTo("金华市司法局2022年工作总结和2023年工作思路");
        assertThat(m.agency()).isEqualTo("金华市司法局");
        assertThat(m.region()).isEqualTo("浙江省金华市");
        assertThat(m.published()).isEqualTo("2023-05-09");
        assertThat(m.reportYear()).isEqualTo(2022);
    }

    @Test
    void genericAgencyIsCompletedWithTheRegion() {
        ReportMeta m = read("2023年,市司法局坚持依法行政,推动湖州市法治建设。\n一、成效\n内容。\n市司法局\n2024年2月1日");
        assertThat(m.agency()).isEqualTo("湖州市司法局");
        assertThat(m.region()).isEqualTo("浙江省湖州市");
    }

    @Test
    void traditionalCharactersAndTitleOverTwoLines() {
        ReportMeta m = read("廣東省深圳市坪山區司法局\n關於2021年度法治政府建設情況的報告\n一、主要舉措和成效\n內容。");
        assertThat(m.title()).isEqualTo("廣東省深圳市坪山區司法局關於2021年度法治政府建設情況的報告");
        // region is the aggregation key: the gazetteer's simplified chain; agency and title as written
        assertThat(m.region()).isEqualTo("广东省深圳市坪山区");
        assertThat(m.agency()).isEqualTo("廣東省深圳市坪山區司法局");
        assertThat(m.adminLevel()).isEqualTo("district");
        assertThat(read("九龍坡區司法局2023年度法治政府建設工作報告\n一、成效").region()).isEqualTo("重庆市九龙坡区");
        assertThat(m.reportYear()).isEqualTo(2021);
    }

    @Test
    void regionIsTheCanonicalChainWhateverTheTextLeavesOutOrHowItSpellsIt() {
        // a skipped level (省 then 区) and a township after the county
        assertThat(read("福建省思明區司法局2019年工作總結\n一、成效").region()).isEqualTo("福建省厦门市思明区");
        ReportMeta town = read("2018年工作总结\n一、成效\n内容。\n雷山縣西江鎮人民政府\n2019年1月10日");
        assertThat(town.region()).isEqualTo("贵州省黔东南苗族侗族自治州雷山县西江镇");
        assertThat(town.agency()).isEqualTo("雷山縣西江鎮人民政府");
        assertThat(town.adminLevel()).isEqualTo("township");
        // a bare 區司法局 is completed with the place's own name as the text writes it
        ReportMeta generic = read("2019年,區司法局堅持依法行政,推動廈門市思明區法治建設。\n一、成效\n內容。\n區司法局\n2020年1月15日");
        assertThat(generic.region()).isEqualTo("福建省厦门市思明区");
        assertThat(generic.agency()).isEqualTo("思明區司法局");
    }

    @Test
    void nothingKnownStaysNull() {
        ReportMeta m = read("一、成效\n内容。");
        assertThat(m).isEqualTo(new ReportMeta(null, null, null, null, null, null));
    }

    @Test
    void centralBodyIsNational() {
        ReportMeta m = read("司法部2023年法治政府建设年度报告\n一、成效");
        assertThat(m.adminLevel()).isEqualTo("national");
    }
    @Test
    void jointSignaturePrefersTheGovernment() {
        ReportMeta m = read("一、成效\n内容。\n中共廉江市委员会\n廉江市人民政府\n2024年1月20日");
        assertThat(m.agency()).isEqualTo("廉江市人民政府");
        assertThat(m.region()).isEqualTo("广东省湛江市廉江市");
        assertThat(m.published()).isEqualTo("2024-01-20");
        assertThat(m.reportYear()).isEqualTo(2023);
    }

    @Test
    void siteNameAfterThePageTitleIsDropped() {
        ReportMeta m = read("绍兴市司法局2023年法治政府建设年度报告_绍兴市人民政府网\n一、成效");
        assertThat(m.title()).isEqualTo("绍兴市司法局2023年法治政府建设年度报告");
    }

    @Test
    void planPeriodsAreNotTheYearReportedOn() {
        assertThat(read("为落实法治政府建设实施纲要(2021-2025年),2022年我局坚持依法行政。\n一、成效").reportYear())
                .isEqualTo(2022);
        assertThat(read("2021年至2025年规划实施中期,2023年全县推进法治建设。\n一、成效").reportYear()).isEqualTo(2023);
    }
}
