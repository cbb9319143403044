package dev.reportflow.extraction.indicators;

import static dev.reportflow.extraction.indicators.Sentences.at;
import static dev.reportflow.extraction.indicators.Sentences.extract;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reportflow.extraction.Indicator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The number grammar on constructed sentences: values, units, approx, kinds and spans. */
class NumberGrammarTest {

    @ParameterizedTest(name = "{0} -> {2}{3} {4}")
    @CsvSource(delimiter = '|', value = {
        // sentence | written span | value | unit | approx
        "本年度共公布决策事项9项。|9项|9|项|exact",
        "全区办结信访件1,234件。|1,234件|1234|件|exact",
        "全区办结信访件1，234件。|1，234件|1234|件|exact",
        "全区受理申请１２３件。|１２３件|123|件|exact",
        "共开展讲座二十三场。|二十三场|23|场|exact",
        "共走访企业一百零五家。|一百零五家|105|家|exact",
        "累计培训两千余人次。|两千余人次|2000|人次|more_than",
        "举办宣讲十余场。|十余场|10|场|more_than",
        "举办宣讲百余场次。|百余场次|100|场次|more_than",
        "参与人数上千人次。|千人次|1000|人次|more_than",
        "服务群众2万人次。|2万人次|20000|人次|exact",
        "涉及群众6.4万人次。|6.4万人次|64000|人次|exact",
        "为企业节约成本1.6亿元。|1.6亿元|160000000|元|exact",
        "追回欠薪112.5万元。|112.5万元|1125000|元|exact",
        "挽回损失300.5余万元。|300.5余万元|3005000|元|more_than",
        "排查隐患15万余个。|15万余个|150000|个|more_than",
        "发放资料3000多份。|3000多份|3000|份|more_than",
        "接待群众约2500人次。|2500人次|2500|人次|about",
        "接待群众大约2500人次。|2500人次|2500|人次|about",
        "服务群众近4000名。|4000名|4000|名|nearly",
        "服务群众将近4000名。|4000名|4000|名|nearly",
        "受益群众超过5万人。|5万人|50000|人|more_than",
        "受益群众超5万人。|5万人|50000|人|more_than",
        "受益群众逾5万人。|5万人|50000|人|more_than",
        "每场参加人数不少于50人。|50人|50|人|at_least",
        "每村至少一名调解员。|一名|1|名|at_least",
        "覆盖率在95%以上。|95%|95|%|at_least",
        "平均用时30分钟左右。|30分钟|30|分钟|about",
        "办理时限不到3天。|3天|3|天|less_than",
        "误差控制在5%以下。|5%|5|%|less_than",
        "群众满意度百分之九十八。|百分之九十八|98|%|exact",
        "比上年提高2.5个百分点。|2.5个百分点|2.5|个百分点|exact",
        "收案数是上年的1.5倍。|1.5倍|1.5|倍|exact",
        "每季度召开 1 次会议。|1 次|1|次|exact",
        "涉案标的金额约3.2亿。|3.2亿|320000000|元|about",
        "专项资金2000万用于法律援助。|2000万|20000000|元|exact",
        "调解成功率百分之九十八点六。|百分之九十八点六|98.6|%|exact",
        "全县参考人数八百七十二人。|八百七十二人|872|人|exact",
        "检查企业320家次。|320家次|320|家次|exact",
        "收到锦旗12面。|12面|12|面|exact",
    })
    void reads_number_unit_and_approx(String sentence, String written, double value, String unit, String approx) {
        Indicator i = at(sentence, written);
        assertThat(i.value()).isEqualTo(value);
        assertThat(i.unit()).isEqualTo(unit);
        assertThat(i.approx()).isEqualTo(approx);
        assertThat(sentence.substring(i.start(), i.end())).isEqualTo(written);
        assertThat(i.id()).isEqualTo("r:" + i.start());
    }

    @Test
    void money_is_always_in_yuan_with_kind_amount() {
        Indicator i = at("全年营业收入约2.5亿元。", "2.5亿元");
        assertThat(i.kind()).isEqualTo("amount");
        assertThat(i.value()).isEqualTo(2.5e8);
    }

    @Test
    void a_range_gives_both_ends_with_the_shared_unit() {
        List<Indicator> found = extract("计划打造3-5个示范点。");
        assertThat(found).extracting(Indicator::value).containsExactly(3.0, 5.0);
        assertThat(found).extracting(Indicator::unit).containsExactly("个", "个");
        assertThat(found.get(0).start()).isLessThan(found.get(1).start());
    }

    @Test
    void change_kinds_carry_a_direction() {
        Indicator down = at("一审收案数同比下降12.5%。", "12.5%");
        assertThat(down.kind()).isEqualTo("change");
        assertThat(down.direction()).isEqualTo("down");
        Indicator up = at("办理量较上年增长了8%。", "8%");
        assertThat(up.kind()).isEqualTo("change");
        assertThat(up.direction()).isEqualTo("up");
        Indicator counted = at("受理案件同比增加35件。", "35件");
        assertThat(counted.kind()).isEqualTo("change");
        assertThat(counted.direction()).isEqualTo("up");
        Indicator points = at("败诉率下降1.2个百分点。", "1.2个百分点");
        assertThat(points.kind()).isEqualTo("change");
        assertThat(points.direction()).isEqualTo("down");
    }

    @Test
    void a_level_reached_is_a_rate_not_a_change() {
        Indicator i = at("覆盖率提升到98%。", "98%");
        assertThat(i.kind()).isEqualTo("rate");
        assertThat(i.direction()).isNull();
        assertThat(at("调解成功率为97.2%。", "97.2%").kind()).isEqualTo("rate");
    }

    @Test
    void a_unitless_number_after_a_ratio_word_is_a_plain_ratio() {
        List<Indicator> found = extract("全县律师万人比从1.2提升到3.05，位居前列。");
        assertThat(found).extracting(Indicator::value).containsExactly(1.2, 3.05);
        assertThat(found).extracting(Indicator::unit).containsOnly("");
        assertThat(found).extracting(Indicator::kind).containsOnly("ratio");
    }

    @Test
    void plain_numbers_without_unit_or_ratio_word_are_not_indicators() {
        assertThat(extract("第三部分内容共计3，详见附件2。")).isEmpty();
    }

    @Test
    void durations_are_kept_with_kind_duration() {
        assertThat(at("专班奋战15天完成转运。", "15天").kind()).isEqualTo("duration");
        assertThat(at("实现企业开办3日办结。", "3日").kind()).isEqualTo("duration");
        assertThat(at("连续5年获评先进。", "5年").kind()).isEqualTo("duration");
        assertThat(at("在5个工作日内办结。", "5个工作日").kind()).isEqualTo("duration");
    }

    @Test
    void subject_is_the_words_before_or_after_the_number() {
        assertThat(at("全年共受理法律援助案件812件。", "812件").subject()).isEqualTo("受理法律援助案件");
        assertThat(at("组织326名执法人员参加培训。", "326名").subject()).isEqualTo("执法人员");
        assertThat(at("目前我县共有律师事务所12家。", "12家").subject()).isEqualTo("律师事务所");
    }

    @Test
    void sentence_is_cut_from_the_decoded_text_and_offsets_cover_number_and_unit() {
        String text = "第一句话。全年办理公证２３４５件，同比持平。下一句。";
        Indicator i = at(text, "２３４５件");
        assertThat(i.sentence()).isEqualTo("全年办理公证２３４５件，同比持平。");
        assertThat(text.substring(i.start(), i.end())).isEqualTo("２３４５件");
    }

    @Test
    void output_is_deterministic() {
        String text = "共受理行政复议申请120件，审结110件，纠错9件；调解纠纷3000件，调解成功2900件，成功率96.7%。";
        assertThat(extract(text)).isEqualTo(extract(text));
    }
}
