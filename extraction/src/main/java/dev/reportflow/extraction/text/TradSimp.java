package dev.reportflow.extraction.text;

import java.util.Arrays;

/**
 * Traditional → simplified for single characters that have exactly one simplified form and are
 * not themselves ordinary simplified characters (so 著, 覆, 乾 are left alone). The table covers
 * measure words and magnitudes the number grammar reads (萬億餘項個場條輪…), words of headings and
 * categories, agencies and the characters of place names.
 */
final class TradSimp {
    private TradSimp() {}

    // Pairs: traditional char, simplified char.
    private static final String[] PAIRS = {
            // magnitudes, measure words, approximations
            "萬万億亿餘余項项個个場场條条輪轮層层級级歲岁筆笔張张間间門门類类屆届隊队組组臺台檯台",
            "宗宗筆笔鎮镇鄉乡區区縣县廳厅處处戶户與与幾几來来內内兩两雙双數数單单頁页號号",
            // headings and categories
            "設设際际務务廣广東东發发護护觀观點点實实現现過过這这為为對对進进關关於于學学習习",
            "會会議议黨党員员負负責责貫贯徹彻轉转變变績绩問问題题難难況况劃划計计畫画總总結结",
            "據据報报導导頭头強强體体義义規规範范標标準准權权監监督督審审複复覆覆訴诉訟讼調调",
            "決决執执則则營营會会經经濟济價价環环境境態态衛卫醫医療疗藥药聽听證证據据評评選选",
            "舉举辦办歸归屬属處处罰罚檢检驗验查查顧顾預预備备質质響响應应傳传統统訊讯網网絡络",
            "開开閉闭啟启動动線线編编輯辑錄录隨随訪访談谈說说話话讀读講讲課课練练優优勢势熱热",
            "機机構构團团專专業业術术職职轄辖區区鄰邻邊边遠远遷迁運运違违濫滥嚴严緊紧幹干積积",
            "極极創创築筑建建區区爭争戰战敗败勝胜維维穩稳險险雜杂亂乱鬥斗協协營营銷销費费貨货",
            "資资產产財财稅税錢钱銀银貸贷幣币賬账價价購购賣卖買买貿贸較较齊齐階阶段段",
            "認认識识讓让請请謂谓諮咨詢询詳详細细節节約约紀纪綱纲維维總总線线織织紹绍縮缩繼继續续",
            "陽阳陰阴陸陆陳陈隴陇險险際际隊队階阶隨随",
            // provinces, prefectures, common place-name characters
            "廣广東东蘇苏淅淅遼辽寧宁黑黑龍龙魯鲁陝陕贛赣閩闽瓊琼貴贵滬沪渝渝豫豫鄂鄂湘湘晉晋",
            "蒙蒙藏藏維维吾吾爾尔壯壮疆疆興兴嶺岭濱滨門门灣湾鄭郑漢汉鄲郸邯邯張张莊庄滄沧",
            "綿绵陽阳襄襄揚扬鎮镇無无錫锡連连雲云鹽盐蕪芜銅铜皖皖贛赣潯浔韶韶潮潮惠惠紹绍溫温",
            "麗丽臨临濰潍滕滕濟济淄淄萊莱聊聊德德荊荆門门隨随鄖郧貴贵遵遵畢毕節节黔黔滇滇僑侨",
            "鄉乡鎮镇縣县區区轄辖盟盟旗旗屯屯堡堡莊庄園园圍围場场橋桥嶼屿島岛灘滩嶺岭澤泽淪沦",
            "烏乌魯鲁齊齐塔塔喀喀蘭兰濱滨瀋沈鞍鞍撫抚錦锦營营遼辽盤盘葫葫蘆芦島岛衝冲",
            // function words and frequent characters
            "們们這这個个麼么沒没還还從从後后時时間间當当樣样說说讓让給给將将並并卻却麼么",
            "長长達达參参加加與与爲为從从動动響响聯联繫系係系辦办歡欢舊旧樓楼車车馬马門门",
            "圖图書书寫写聞闻聲声懷怀態态戲戏歷历曆历曉晓暫暂壞坏壓压層层屬属嶄崭幫帮廢废異异",
            "彙汇匯汇滙汇憑凭憲宪懲惩戀恋戶户擁拥擊击擔担據据擴扩擺摆攜携敵敌斷断於于殺杀氣气",
            "漁渔滅灭潔洁濕湿災灾為为無无煉炼燈灯營营爭争獎奖獨独獲获猶犹瑪玛產产畝亩異异療疗",
            "盡尽監监盤盘確确禮礼禍祸稱称穀谷窮穷競竞筆笔節节範范簡简糧粮緒绪緣缘練练縣县繳缴",
            "網网羅罗習习聖圣聯联聽听肅肃脅胁脈脉膽胆臉脸興兴舉举艦舰藝艺蘇苏處处蟲虫衆众術术",
            "補补襲袭見见視视親亲覽览觸触計计訂订討讨訓训記记許许設设訪访證证評评診诊試试詩诗",
            "該该詳详誠诚誤误說说課课調调談谈請请諸诸謀谋講讲謝谢證证識识警警譜谱護护讀读變变",
            "貝贝負负貢贡財财責责貧贫貨货販贩貫贯貴贵費费貿贸賀贺資资賞赏賠赔賢贤質质購购贈赠",
            "趕赶趨趋躍跃車车軍军軟软載载較较輔辅輕轻輸输轉转辭辞農农邊边郵邮鄰邻醫医釋释針针",
            "錯错鍵键鐵铁鑒鉴長长開开閒闲閱阅闆板闊阔隊队隨随險险雖虽雞鸡離离難难電电靈灵靜静",
            "韓韩頁页頂顶項项順顺須须預预領领頻频題题額额顏颜願愿類类顯显風风飛飞飯饭養养館馆",
            "驗验驅驱體体髮发鬆松魚鱼鳥鸟鹹咸麥麦黃黄點点齡龄龍龙龜龟",
            "陣阵鍛锻煉炼靠靠賴赖輿舆論论觀观測测審审廳厅勵励勞劳務务勢势勸劝匱匮卹恤",
            "歲岁歸归毆殴沒没淺浅渾浑濫滥瀏浏灣湾熱热燒烧爛烂犧牺狀状獄狱現现環环瑣琐畫画",
            "療疗發发盜盗眾众礙碍禦御稅税穩稳窪洼竊窃筍笋築筑籌筹糾纠紅红約约級级紀纪純纯紙纸",
            "納纳紛纷絕绝給给統统絲丝經经綜综綠绿維维網网緊紧線线緩缓編编縮缩總总績绩繁繁織织",
            "罰罚羈羁聞闻聰聪腦脑臟脏艱艰薦荐藥药蘊蕴衛卫裝装複复覈核覺觉譯译讚赞豐丰豬猪",
            "賭赌贓赃跡迹踐践蹤踪軌轨輯辑辦办運运遞递遺遗遼辽邏逻鄭郑醜丑鈔钞銷销鋪铺錄录鍾钟",
            "鐘钟闖闯闢辟陰阴隱隐雙双雜杂雲云頭头顧顾飽饱餐餐饑饥騙骗驕骄髒脏鬧闹麗丽齊齐",
            "慶庆懸悬擬拟擬拟擾扰攤摊敗败斂敛晝昼東东樞枢樁桩標标樣样權权歐欧殘残殼壳滬沪",
            "湯汤準准溝沟滯滞漲涨漸渐潛潜澀涩濱滨濟济瀕濒灑洒燦灿爺爷牆墙犢犊獻献璽玺甕瓮",
            "瘋疯癒愈皚皑盧卢硃朱礎础禎祯秈籼稈秆稟禀種种穌稣窩窝竅窍籃篮籠笼糞粪紐纽紮扎",
            "組组終终絡络絨绒綁绑緝缉縱纵繩绳繪绘繫系續续纖纤缽钵罷罢羥羟翹翘聳耸肅肃脫脱",
            "腎肾膚肤臺台與与艙舱莖茎葉叶蔣蒋蕭萧薩萨蘭兰虧亏蝕蚀補补裏里裡里製制褲裤覓觅",
            "訂订託托訴诉詐诈詞词誇夸誌志誘诱語语誰谁諒谅謎谜謹谨譽誉讓让讚赞貓猫賦赋賤贱",
            "賺赚贏赢趙赵跡迹軸轴輛辆輝辉輩辈輪轮遜逊遲迟適适遷迁選选鄒邹釀酿鈴铃鉛铅銳锐",
            "鋼钢錦锦鍋锅鎖锁鏈链鐳镭鑰钥閃闪閣阁閥阀闡阐陝陕陸陆隸隶雋隽雛雏霧雾韋韦韻韵",
            "頌颂頑顽頓顿頗颇頸颈頻频顆颗飄飘餅饼餘余饒饶駐驻駕驾騎骑驟骤髮发鬥斗鮮鲜鴻鸿",
            "壇坛壘垒墾垦壩坝奪夺奮奋婦妇媽妈嬰婴孫孙寶宝實实寧宁審审寬宽導导尋寻屆届嶄崭",
            "復复隻只週周遊游獲获療疗佈布傑杰僅仅優优償偿儘尽兒儿燈灯週周凍冻劉刘劍剑勳勋"};


    private static final char[] KEYS;
    private static final char[] VALUES;

    static {
        // Build a sorted key table once; duplicates and identity pairs in PAIRS are harmless.
        int total = 0;
        for (String chunk : PAIRS) {
            if (chunk.length() % 2 != 0) throw new IllegalStateException("odd pair chunk: " + chunk);
            total += chunk.length() / 2;
        }
        char[][] pairs = new char[total][];
        int n = 0;
        for (String chunk : PAIRS) {
            for (int i = 0; i + 1 < chunk.length(); i += 2) {
                char t = chunk.charAt(i), s = chunk.charAt(i + 1);
                if (t != s) pairs[n++] = new char[] {t, s};
            }
        }
        char[][] used = Arrays.copyOf(pairs, n);
        Arrays.sort(used, (a, b) -> Character.compare(a[0], b[0]));
        char[] k = new char[n];
        char[] v = new char[n];
        int m = 0;
        for (char[] p : used) {
            if (m > 0 && k[m - 1] == p[0]) continue;
            k[m] = p[0];
            v[m] = p[1];
            m++;
        }
        KEYS = Arrays.copyOf(k, m);
        VALUES = Arrays.copyOf(v, m);
    }

    static char simplify(char c) {
        if (c < 0x4E00 || c > 0x9FFF) return c;
        int i = Arrays.binarySearch(KEYS, c);
        return i >= 0 ? VALUES[i] : c;
    }

    /** Number of mapped characters, for tests. */
    static int size() {
        return KEYS.length;
    }
}
