"""Synthesize the sixtieth held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 40 BEFORE any of the changes of rounds 39 and 40 was run on it, at the
same time as heldout61: a second fresh check of round 39 on speech it was not made from. Never
tuned on: all five cases are split 'test'. Same voice and recipe as the other sets
(../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout60/make_heldout60.py          # needs sox on PATH

Numbers are written as spoken, like the other sets; the scorer compares numbers by value. Each
case also carries the key terms a clerk would enter in the case register from the complaint and
the defence (written from the case's facts before its sentences) and the sex of every natural
person among its parties and participants, as the case file records it.
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
        "id": "Z271", "split": "test",
        "case_number": "（2025）陕0115民初6284号", "cause": "噪声污染责任纠纷",
        "parties": ["庄怡然", "西安云汇置业有限公司"],
        "participants": ["皮永康", "贺晓峰", "史静怡"],
        "key_terms": ["冷却塔", "写字楼", "卧室", "耳塞", "隔音屏障", "噪声检测", "失眠"],
        "sexes": {"庄怡然": "female", "皮永康": "male", "贺晓峰": "male", "史静怡": "female"},
        "sentences": [
            "原告庄怡然诉称，她住在临潼区一个小区的三号楼，二零二三年夏天，被告西安云汇置业有限公司在隔壁写字楼的裙楼楼顶装了四台冷却塔，离她家卧室不到二十米。",
            "冷却塔从每年五月开到十月，夜里也不停，她连着几个月失眠，戴着耳塞也没法入睡，后来医院的诊断是焦虑状态，一直在吃药。",
            "原告请求被告采取隔音降噪措施，让夜间噪声降到国家标准以内，并赔偿医疗费六千四百零八元，另外主张精神损害抚慰金八千元。",
            "被告的代理人皮永康辩称，冷却塔是按照设计图纸安装的，写字楼也通过了环保验收，原告家的窗户正对着写字楼，噪声稍微大点是正常的。",
            "证人贺晓峰是一家检测公司的工程师，二零二四年七月十六日夜里十点半，他在原告卧室的窗外测了三次，平均是五十二点六分贝，夜间标准是四十五分贝。",
            "审判员史静怡询问被告，冷却塔能不能换成低噪声的型号，或者加装隔音屏障，费用大概是多少，并要求双方在十五日之内提交调解方案。",
        ],
    },
    {
        "id": "Z272", "split": "test",
        "case_number": "（2025）浙0726民初2687号", "cause": "种植、养殖回收合同纠纷",
        "parties": ["骆建林", "浦江县紫晶果业有限公司"],
        "participants": ["项美玉", "楼伟明", "吕一帆"],
        "key_terms": ["葡萄苗", "阳光玫瑰", "糖度", "收购价", "水果贩子", "冷库", "技术员"],
        "sexes": {"骆建林": "male", "项美玉": "female", "楼伟明": "male", "吕一帆": "male"},
        "sentences": [
            "原告骆建林诉称，他是浦江县的果农，二零二二年三月和被告浦江县紫晶果业有限公司签了回收协议，从被告那里买了两千四百株阳光玫瑰葡萄苗，种植了十二亩。",
            "协议约定葡萄由被告统一收购，一级果每斤十一元，二级果每斤七点五元，可二零二四年八月葡萄熟了以后，被告只收了四千多斤，剩下的三万多斤都拒收了。",
            "原告只好以每斤三元左右的价格，把葡萄大多卖给了水果贩子，为此他要被告补上差价损失十三万七千二百元，另外再承担冷库租金和运费。",
            "被告的代理人项美玉辩称，协议里写明，收购的葡萄糖度要在百分之十八以上，原告的葡萄抽检只有百分之十五左右，是他没按技术员的要求控产造成的。",
            "证人楼伟明是原告的邻居，家里也有一片阳光玫瑰，他说那年被告派的技术员只来过两次，他家葡萄的糖度也不高，被告照样全都收走了。",
            "审判员吕一帆询问被告，糖度是在哪里测的，一共测了多少串，原告有没有在场，还让被告把那一年收购其他农户葡萄的记录交上来。",
        ],
    },
    {
        "id": "Z273", "split": "test",
        "case_number": "（2025）豫1522民初3364号", "cause": "渔业承包合同纠纷",
        "parties": ["邢宝山", "光山县马畈镇石门村村民委员会"],
        "participants": ["冉友良", "牛淑华", "温若宁"],
        "key_terms": ["水库", "鱼苗", "鲢鱼", "投饵", "看护房", "饮用水水源", "清库"],
        "sexes": {"邢宝山": "male", "冉友良": "male", "牛淑华": "female", "温若宁": "female"},
        "sentences": [
            "原告邢宝山诉称，他和被告光山县马畈镇石门村村民委员会在二零二零年三月签了合同，承包村里的青龙湾水库养鱼，期限十年，每年承包费三万六千元。",
            "他先后投放了鲢鱼、鳙鱼和草鱼的鱼苗一万五千多斤，还盖了看护房，到了二零二四年四月，村里突然通知他水库要划成饮用水水源，不准再投饵养鱼。",
            "被告要他三个月之内把鱼全部捕完，原告只能按不到三分之一的价钱卖鱼，他要求解除承包合同，退还多交的承包费，并赔偿损失二十六万零八百元。",
            "被告的代理人冉友良辩称，水源保护是县政府的决定，村委会只是执行上级的文件，不存在违约，而且原告还欠着一年的承包费没有交。",
            "证人牛淑华是镇水利站的工作人员，她说县里的文件二零二四年三月才发下来，只禁止投饵和网箱养殖，并没有要求马上清库。",
            "审判员温若宁询问原告，清库的时候一共捕了多少斤鱼，卖了多少钱，并告知双方，合同因为政策调整不能履行的，可以请求适当补偿。",
        ],
    },
    {
        "id": "Z274", "split": "test",
        "case_number": "（2025）湘0424刑初372号", "cause": "保险诈骗罪",
        "parties": ["谭志宏"],
        "participants": ["甄秀芳", "郭振东", "倪佳慧", "鲁建新"],
        "key_terms": ["二手轿车", "车损险", "水塘", "发动机", "行车记录仪", "修理厂", "报价单"],
        "sexes": {"谭志宏": "male", "甄秀芳": "female", "郭振东": "male", "倪佳慧": "female", "鲁建新": "male"},
        "sentences": [
            "公诉人甄秀芳指控，被告人谭志宏二零二三年十一月花四万八千元买了一辆二手轿车，随后按新车的价格给它买了车损险，保额是二十二万元。",
            "二零二四年六月十九日夜里，衡东县下大雨，谭志宏把车开进村口的一个水塘里熄了火，第二天向保险公司报案，说车在路上涉水，发动机进水损坏。",
            "保险公司按照修理厂的报价，赔付了维修费十一万三千七百元，后来查勘员调取了行车记录仪，发现车是被他故意开进水塘的。",
            "证人郭振东是保险公司的查勘员，他说那个水塘离大路有一百多米，车要拐进一条土路才能开到水边，不可能是路过时不小心开进去的。",
            "辩护人倪佳慧提出，谭志宏归案以后一直认罪，家属已经退还了全部赔款，也得到了保险公司的谅解，希望法庭对他减轻处罚。",
            "审判长鲁建新询问被告人谭志宏，修理厂的报价单是谁做的，他和修理厂的老板是什么关系，问完以后宣布本案暂时休庭。",
        ],
    },
    {
        "id": "Z275", "split": "test",
        "case_number": "（2025）粤04行初219号", "cause": "海关行政处罚纠纷",
        "parties": ["柯嘉怡", "拱北海关"],
        "participants": ["祝嘉伟", "邹文琪", "岳振华"],
        "key_terms": ["手表", "金项链", "行李箱", "无申报通道", "拱北口岸", "表盒", "购物小票"],
        "sexes": {"柯嘉怡": "female", "祝嘉伟": "male", "邹文琪": "female", "岳振华": "male"},
        "sentences": [
            "原告柯嘉怡诉称，二零二四年十二月八日晚上，她从澳门经拱北口岸入境，走的是无申报通道，被告拱北海关的关员在她的行李箱里查出三块手表和一条金项链。",
            "被告认定她携带的物品超出了自用的合理数量，又没有申报，构成走私，没收了三块手表，并处罚款四万二千元。",
            "原告说，其中两块手表是她自己戴了好几年的旧表，只有一块是给丈夫买的生日礼物，价格是二万九千八百元，她不知道超过五千元就要申报。",
            "被告的代理人祝嘉伟辩称，两块旧表都装在新的表盒里，还带着购物小票和保修卡，过关时关员问她有没有东西要申报，她说没有。",
            "原告的代理人邹文琪认为，原告是第一次被查，被告没有区分漏报和走私，一律按走私处罚太重了，应当撤销没收手表和罚款的决定。",
            "审判长岳振华询问被告，三块表的完税价格是怎么核定的，还让被告补交口岸的监控录像和关员询问原告时做的笔录。",
        ],
    },
]

NOTE = ("written for issue 16 round 40 before any change of rounds 39 and 40 was run on it; never tuned on. "
        "Every case is split 'test'. key_terms: the words a clerk enters in the case register from the "
        "complaint and the defence, written from each case's facts before its sentences; sexes: as the case file records.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout60", CASES, NOTE))
