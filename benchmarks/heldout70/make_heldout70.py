"""Synthesize the seventieth held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 46 BEFORE any of that round's changes was run on it: the fresh
check that they hold on speech they were not made from. Never tuned on: all five cases are
split 'test'. Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout70/make_heldout70.py          # needs sox on PATH

Numbers are written as spoken, like the other sets; the scorer compares numbers by value.
Each case carries "key_terms" (the case's key words as a clerk enters them in the register
from the complaint and the defence, written before the sentences) and "sexes" (each natural
person's sex as the case file records it).
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
        "id": "Z321", "split": "test",
        "case_number": "（2025）云2823民初1486号", "cause": "劳务合同纠纷",
        "parties": ["庞金秀", "勐腊绿荫橡胶种植专业合作社"],
        "participants": ["刀国勇", "艾玉兰", "郎文清"],
        "key_terms": ["橡胶树", "割胶", "胶乳", "收胶单", "死皮病", "胶刀"],
        "sexes": {"庞金秀": "female", "刀国勇": "male", "艾玉兰": "female", "郎文清": "female"},
        "sentences": [
            "原告庞金秀诉称，二零二三年三月，她和丈夫跟被告勐腊绿荫橡胶种植专业合作社约定，替被告割两千四百株橡胶树，胶乳卖了钱四六分成。",
            "他们每天凌晨两点就下地割胶，一直割到十二月停割，合作社按收胶单记下的胶乳共有六十一点八吨，可是原告那一份一分钱都没拿到。",
            "原告主张合作社结清她那一份分成款九万六千四百二十元，利息从二零二四年元旦算起，年利率按百分之三点六五算。",
            "被告的负责人刀国勇辩称，原告割胶时下刀太深，伤到了木质部，有三百多株树得了死皮病，今年只能停割养树，损失应当从分成款里扣除。",
            "证人艾玉兰也在这个合作社割胶，她说那片胶林的树龄都在二十五年以上，死皮病早几年就有，跟原告的刀法没有关系。",
            "审判员郎文清询问被告，伤树的事有没有当场拍照，有没有通知原告一起查看，还让被告把二零二三年全年的收胶单和胶乳销售凭证交上来。",
        ],
    },
    {
        "id": "Z322", "split": "test",
        "case_number": "（2025）闽72民初963号", "cause": "海上、通海水域养殖损害责任纠纷",
        "parties": ["游宝林", "连江鳌峰海运有限公司"],
        "participants": ["阮雪芬", "池永福", "甄雅婷"],
        "key_terms": ["紫菜", "网帘", "毛竹桩", "货轮", "锚链", "养殖证"],
        "sexes": {"游宝林": "male", "阮雪芬": "female", "池永福": "male", "甄雅婷": "female"},
        "sentences": [
            "原告游宝林诉称，他在秀屿区南日岛外的海面上养了八十亩紫菜，二零二四年九月十九日晚上台风过境，被告连江鳌峰海运有限公司名下一艘货轮在附近抛锚避风。",
            "半夜货轮走锚，拖着锚链一路横穿原告的养殖区，五十六亩的毛竹桩被连根拔起，刚下海的紫菜网帘缠成一团，全部报废。",
            "原告算了一笔账，毛竹桩、网帘和紫菜苗的损失四十三万七千五百元，这一季紫菜减产的损失按每亩四千二百元计算，都应由被告赔偿。",
            "被告的代理人阮雪芬辩称，那天的台风是不可抗力，货轮已经抛了双锚，而且原告的养殖证上只写着三十亩，超出部分属于违法养殖，不应当赔偿。",
            "证人池永福在原告旁边养紫菜，他说第二天早上退潮以后，看见原告的网帘一层层挂在货轮的锚链上，拖出去有两百多米。",
            "审判员甄雅婷要求被告提交货轮当晚的航行轨迹和航海日志，并询问原告，那五十六亩里有多少是在养殖证范围以内的。",
        ],
    },
    {
        "id": "Z323", "split": "test",
        "case_number": "（2025）豫0324民初2381号", "cause": "旅客运输合同纠纷",
        "parties": ["邵雨涵", "栾川县望云峰索道有限公司"],
        "participants": ["边志国", "戴俊峰", "谷一鸣"],
        "key_terms": ["索道", "吊厢", "往返票", "控制系统", "备用柴油机", "惊恐障碍"],
        "sexes": {"邵雨涵": "female", "边志国": "male", "戴俊峰": "male", "谷一鸣": "female"},
        "sentences": [
            "原告邵雨涵诉称，二零二四年十月六日，她在被告栾川县望云峰索道有限公司买了一张往返票，票价一百六十元，坐索道上山看红叶。",
            "下山的时候索道突然停了，原告坐的吊厢悬在山谷上方八十多米的地方，整整挂了两小时四十分钟，吊厢里没有水，也联系不上工作人员。",
            "原告下来以后站都站不稳，一直呕吐，被送到县医院，后来医生说她患上了惊恐障碍，一坐电梯就心慌，前后花去医疗费六千三百零七点四元。",
            "原告请被告把票款退给她，承担看病花的钱和误工损失，再给她一万五千元的精神抚慰金，并在索道售票处张贴书面道歉。",
            "被告的代理人边志国辩称，停运是因为雷击打坏了控制系统，属于不可抗力，被告在一个半小时以内就启动了备用柴油机，事后每名乘客都补偿了二百元。",
            "证人戴俊峰和原告坐在同一个吊厢里，他说停下以后广播只响过一次，审判员谷一鸣责令被告交出索道当天的运行记录和应急救援预案。",
        ],
    },
    {
        "id": "Z324", "split": "test",
        "case_number": "（2025）苏1023刑初357号", "cause": "生产、销售伪劣产品罪",
        "parties": ["尤建东", "房雪梅"],
        "participants": ["骆晓光", "伏俊杰", "黎秀珍"],
        "key_terms": ["羽绒服", "飞丝", "白鸭绒", "含绒量", "吊牌", "充绒机", "直播间"],
        "sexes": {"尤建东": "male", "房雪梅": "female", "骆晓光": "female", "伏俊杰": "male", "黎秀珍": "female"},
        "sentences": [
            "公诉人骆晓光指控，二零二四年九月至十二月，被告人尤建东在宝应县的加工厂里生产了一万一千八百件羽绒服，吊牌上都标着白鸭绒，含绒量百分之九十。",
            "经质检机构抽样检测，这批衣服里充的大多是飞丝和粉碎的羽毛，含绒量最高的只有百分之十一点六，属于以次充好。",
            "这些羽绒服通过网络直播卖到全国各地，销售金额一百四十六万三千元，案发时仓库里还有两千多件没卖出去。",
            "被告人尤建东当庭表示认罪，他说飞丝是从安徽一家羽毛厂按每公斤三十八元买来的，比正经的鸭绒便宜了将近十倍。",
            "被告人房雪梅的辩护人伏俊杰提出，房雪梅只是车间主任，每个月拿固定工资五千五百元，充绒用什么料都是尤建东说了算。",
            "审判长黎秀珍询问被告人房雪梅，有没有看到过进货单，知不知道买来的飞丝不是羽绒，随后由公诉人出示质检报告和直播间的销售记录。",
        ],
    },
    {
        "id": "Z325", "split": "test",
        "case_number": "（2025）闽0782行初58号", "cause": "文物行政处罚纠纷",
        "parties": ["武夷山市清溪竹筏旅游有限公司", "武夷山市文化和旅游局"],
        "participants": ["童光耀", "练秋萍", "蓝志勇", "祝明轩"],
        "key_terms": ["摩崖石刻", "描红", "竹筏", "醇酸油漆", "题字", "字口"],
        "sexes": {"童光耀": "male", "练秋萍": "female", "蓝志勇": "male", "祝明轩": "male"},
        "sentences": [
            "原告武夷山市清溪竹筏旅游有限公司的董事长童光耀诉称，二零二四年四月，原告为了让坐竹筏的游客看清岸边的摩崖石刻，安排员工给石刻描红。",
            "描红的一共有十一处，都是宋代和明代留下的题字，总面积二十七平方米，用的是水溶性颜料，下几场雨就能冲掉。",
            "被告武夷山市文化和旅游局认定原告擅自在省级文物保护单位上涂刷油漆，对原告罚款十五万元，并责令原告自费恢复原状。",
            "原告认为，这些石刻在上世纪八十年代就描过红，原告只是照着原来的字口补色，没有造成损坏，罚款明显过重，要求法院把这张罚单撤掉。",
            "被告的代理人练秋萍辩称，经过取样化验，原告用的是醇酸油漆，已经渗进岩石的缝隙，请专业机构清洗，预算就要八万四千零六十元。",
            "证人蓝志勇是原告的筏工，他说油漆是公司统一从五金店买的，审判长祝明轩要求被告说明，下罚单之前是否给过原告听证的机会。",
        ],
    },
]

NOTE = ("written for issue 16 round 46 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout70", CASES, NOTE))
