"""Synthesize the sixty-fourth held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 43 BEFORE any of that round's changes was run on it: the fresh
check that they hold on speech they were not made from. Never tuned on: all five cases are
split 'test'. Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout64/make_heldout64.py          # needs sox on PATH

Numbers are written as spoken, like the other sets; the scorer compares numbers by value.
Each case also carries the clerk's key words ("key_terms", written from the case's facts as
from the complaint and the defence, before the sentences) and the sexes of its natural persons.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from heldout_synth import main  # noqa: E402

HERE = Path(__file__).resolve().parent

# All names, companies, numbers and dates are made up.
CASES = [
    {
        "id": "Z291", "split": "test",
        "case_number": "（2025）豫1622民初3187号", "cause": "定作合同纠纷",
        "parties": ["西华县庆丰豫剧团", "开封锦云戏装有限公司"],
        "participants": ["臧立群", "鄢桂荣", "檀志诚"],
        "key_terms": ["戏服", "蟒袍", "刺绣", "靠旗", "盔头", "样稿"],
        "sexes": {"臧立群": "male", "鄢桂荣": "female", "檀志诚": "male"},
        "sentences": [
            "原告西华县庆丰豫剧团诉称，二零二四年八月，原告向被告开封锦云戏装有限公司订制了四十二套戏服，总价款二十六万八千元。",
            "双方把交货日期定在二零二四年十二月二十四日，因为原告已经和西华、扶沟两个县的十二个村签了春节期间的演出合同，这一点被告是知道的。",
            "被告直到正月初六才交了二十九套，其中两件蟒袍的刺绣图案和样稿不一样，金线也有脱落，原告只好临时花了三万五千元租别人的戏服。",
            "被告的代理人臧立群辩称，原告在十一月底又把九套靠旗和盔头的颜色改了两次，改样稿耽误了二十多天，延期交货的责任不在被告。",
            "证人鄢桂荣是剧团管衣箱的师傅，她说改颜色只涉及三套靠旗，剧团在微信里说过不用因此推迟交货，聊天记录都还在。",
            "审判员檀志诚询问被告，那两件蟒袍是机绣还是手绣，并让双方七天之内把样稿原件和每套戏服的验收清单交上来。",
        ],
    },
    {
        "id": "Z292", "split": "test",
        "case_number": "（2025）皖0281民初2465号", "cause": "承揽合同纠纷",
        "parties": ["钮德顺", "无为润禾禽业有限公司"],
        "participants": ["冉光辉", "邰春梅", "亓文静"],
        "key_terms": ["麻鸭", "种蛋", "孵化机", "出雏率", "鸭苗", "照蛋", "发电机"],
        "sexes": {"钮德顺": "male", "冉光辉": "male", "邰春梅": "female", "亓文静": "female"},
        "sentences": [
            "原告钮德顺诉称，二零二四年四月七日，他把自己鸭场产的一万二千枚麻鸭种蛋送到被告无为润禾禽业有限公司代孵，每枚孵化费零点三五元。",
            "双方约定出雏率不低于百分之八十五，可实际只出了六千零四十羽鸭苗，而且有一大半站不起来，三天之内又死了九百多羽。",
            "原告认为是被告的孵化机在第二十六天夜里断电将近五个小时造成的，请求被告赔偿鸭苗损失四万一千三百元。",
            "被告的代理人冉光辉辩称，那天晚上停电以后，备用发电机二十分钟内就启动了，孵化机里的温度一直有记录，出雏率低是因为种蛋受精率本来就不高。",
            "证人邰春梅是镇畜牧兽医站的技术员，她说她去看过那批鸭苗，很多鸭苗的肚脐没有收好，这是孵化后期温度过高的典型表现。",
            "审判员亓文静询问被告，停电那天的温度记录有没有原始数据，照蛋的时候挑出了多少枚无精蛋，并让被告下次开庭带上温度记录仪。",
        ],
    },
    {
        "id": "Z293", "split": "test",
        "case_number": "（2025）吉0821民初1746号", "cause": "服务合同纠纷",
        "parties": ["佟立山", "镇赉瑞丰牧业服务有限公司"],
        "participants": ["甄宝林", "嵇国庆", "苑一帆"],
        "key_terms": ["冻精", "安格斯牛", "母牛", "配种员", "受胎率", "牛犊", "液氮罐"],
        "sexes": {"佟立山": "male", "甄宝林": "male", "嵇国庆": "male", "苑一帆": "female"},
        "sentences": [
            "原告佟立山诉称，二零二四年六月，他和被告镇赉瑞丰牧业服务有限公司约定，由被告用安格斯牛的冻精给他的四十头母牛配种，每头收费三百八十元。",
            "被告承诺受胎率不低于百分之七十，没配上的免费复配，可到了秋天孕检，只有十一头怀上了，其余的母牛都空怀了大半年。",
            "今年三月生下的牛犊里还有四头是黑白花的，根本不是安格斯牛，所以原告要被告把配种费退回来，并赔偿草料和牛犊差价损失八万六千七百元。",
            "被告的代理人甄宝林辩称，原告的母牛膘情太差，发情了也不及时打电话，配种员每次都是接到电话以后一个小时之内就赶到的，受胎率低不能怪被告。",
            "证人嵇国庆是被告派去的配种员，他说那批冻精是从液氮罐里现取的，每支细管上都印着种公牛的编号，他都记在配种登记本上。",
            "审判员苑一帆询问原告，母牛放牧的时候有没有和别人家的牛混在一起，并提醒双方，可以申请对那四头牛犊做亲子鉴定。",
        ],
    },
    {
        "id": "Z294", "split": "test",
        "case_number": "（2025）湘1322刑初87号", "cause": "生产、销售不符合安全标准的食品罪",
        "parties": ["旷春生"],
        "participants": ["鲍雅琴", "隋立新", "揭满堂", "谈佳音"],
        "key_terms": ["病死猪", "腊肉", "香肠", "熏房", "冷柜", "检疫证明"],
        "sexes": {"旷春生": "male", "鲍雅琴": "female", "隋立新": "female", "揭满堂": "male", "谈佳音": "female"},
        "sentences": [
            "公诉人鲍雅琴指控，二零二四年十月至十二月，被告人旷春生以一斤一块二的低价，从新化县周边九家养猪场收购病死猪四十一头。",
            "旷春生在自家后院的熏房里把这些猪肉加工成腊肉和香肠，冒充土猪做的年货，在集市和网上卖出一千七百三十多斤，销售金额六万零八百元。",
            "经检验，从他家冷柜里扣押的腊肉样品中检出了非洲猪瘟病毒，被告人旷春生当庭表示认罪，但他说自己不知道那些猪是得病死的。",
            "辩护人隋立新提出，被告人收购的猪有一部分是运输途中挤死的，并不是病死的，而且他已经主动召回了还没有吃完的一百多斤腊肉。",
            "证人揭满堂是其中一家养猪场的老板，他说卖猪给旷春生的时候，当着他的面说过这批猪是发烧死的，本来应该送去无害化处理。",
            "审判长谈佳音询问被告人，每次收猪有没有检疫证明，卖出去的腊肉和香肠还有多少没有追回，然后让公诉人准备发表公诉意见。",
        ],
    },
    {
        "id": "Z295", "split": "test",
        "case_number": "（2025）鲁1327行初64号", "cause": "特种设备行政处罚纠纷",
        "parties": ["莒南童梦游乐有限公司", "莒南县市场监管局"],
        "participants": ["寇明霞", "时建勋", "项立伟", "丛文博"],
        "key_terms": ["摩天轮", "吊厢", "游乐场", "大型游乐设施", "定期检验", "检验标志"],
        "sexes": {"寇明霞": "female", "时建勋": "male", "项立伟": "male", "丛文博": "male"},
        "sentences": [
            "原告莒南童梦游乐有限公司诉称，二零二五年五月一日，被告莒南县市场监管局到原告的游乐场检查，说摩天轮的定期检验已经过期七十三天。",
            "被告当场查封了摩天轮，后来作出处罚决定，责令原告停止使用，并处罚款三万元，原告不服，认为这个罚款数额过高，于是提起了行政诉讼。",
            "原告的总经理寇明霞说，三月份她就向检验机构递交了定期检验的申请，是检验机构排不过来，才拖到了五一以后，这不能算原告的责任。",
            "被告的代理人时建勋辩称，摩天轮有二十四个吊厢，那天有一百多名游客排队，检验过期的设备一天也不能用，原告只申请检验不停用，照样违法。",
            "证人项立伟是特种设备检验机构的检验员，他说原告的申请是三月二十日收到的，当时排队的设备太多，排期确实排到了五月中旬。",
            "审判长丛文博询问被告，罚款以前有没有跟原告讲过听证的权利，三万元是按照哪一条算出来的，被告还需要补交现场检查的笔录和执法视频。",
        ],
    },
]

NOTE = ("written for issue 16 round 43 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout64", CASES, NOTE))
