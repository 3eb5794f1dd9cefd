"""Synthesize the fifty-ninth held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 39 BEFORE any of that round's changes was run on it: the fresh check
that they hold on speech they were not made from. Never tuned on: all five cases are split
'test'. Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout59/make_heldout59.py          # needs sox on PATH

Numbers are written as spoken, like the other sets; the scorer compares numbers by value.
Each case also carries the clerk's register entries, written from the case's facts before its
sentences: "key_terms" (the things, places of work, acts and documents the dispute is about)
and "sexes" (of every natural person among parties and participants).
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
        "id": "Z266", "split": "test",
        "case_number": "（2025）冀0709民初1862号", "cause": "违反安全保障义务责任纠纷",
        "parties": ["阮一帆", "崇礼云岭滑雪度假有限公司"],
        "participants": ["詹思远", "逯春燕", "靳晓林"],
        "key_terms": ["滑雪场", "雪道", "造雪机", "防护垫", "雪票", "头盔"],
        "sexes": {"阮一帆": "male", "詹思远": "male", "逯春燕": "female", "靳晓林": "female"},
        "sentences": [
            "原告阮一帆诉称，二零二五年二月十九日，他买了一张全天雪票，在被告崇礼云岭滑雪度假有限公司的中级雪道上滑雪。",
            "下午两点多，他在雪道的一个弯道处躲避前面摔倒的游客，撞上了路边一台没有包防护垫的造雪机，左腿胫骨骨折。",
            "阮一帆在医院住了十六天，光是治疗就花了五万三千零六十二点四元，他要被告赔偿住院期间的治疗、护理和误工等损失，合计十二万一千五百元。",
            "被告的代理人詹思远辩称，雪道入口立着限速和注意造雪机的警示牌，原告当时速度太快，又没有戴头盔，应当由他自己承担三分之二的责任。",
            "证人逯春燕是雪场的巡逻员，她说那台造雪机上午刚挪过位置，防护垫还没来得及装回去，事发后她用对讲机叫来了救护人员。",
            "审判员靳晓林询问被告，造雪机挪动以后有没有设置警示标志，同时责令被告补交事发时段的监控录像和巡逻员的交接班记录。",
        ],
    },
    {
        "id": "Z267", "split": "test",
        "case_number": "（2025）闽0921民初3047号", "cause": "承揽合同纠纷",
        "parties": ["鄢美娟", "宁德蓝汐水族设备有限公司"],
        "participants": ["桑立群", "钮建业", "虞静波"],
        "key_terms": ["海鲜池", "冷水机", "玻璃胶", "石斑鱼", "鲍鱼", "验收单"],
        "sexes": {"鄢美娟": "female", "桑立群": "male", "钮建业": "male", "虞静波": "female"},
        "sentences": [
            "原告鄢美娟诉称，她在霞浦县城开了一家海鲜酒楼，二零二四年九月，她委托被告宁德蓝汐水族设备有限公司定做六个海鲜池，总价十二万八千元。",
            "海鲜池交付使用不到两个月，其中一个池子的玻璃胶开裂渗水，冷水机也频繁停机，池子里的水温最高升到了二十六度。",
            "二零二四年十一月二十五日夜里，池子里的石斑鱼和鲍鱼死了一大半，原告按照进货单计算，损失三万七千零八十点五元。",
            "被告的代理人桑立群辩称，原告验收时签过字，冷水机停机是因为酒楼的员工没有及时清洗过滤棉，还私自改动了温控器的设定。",
            "证人钮建业是酒楼的厨师，他说过滤棉每天早上都洗，冷水机出故障以后，他给被告的售后打了五次电话，对方第三天才派人来。",
            "审判员虞静波询问双方，占总价百分之三十的尾款三万八千四百元是否已经支付，并提示双方，如果对海鲜池的质量有争议，可以申请由专业机构检测。",
        ],
    },
    {
        "id": "Z268", "split": "test",
        "case_number": "（2025）豫0622民初2719号", "cause": "悬赏广告纠纷",
        "parties": ["竺雨辰", "鹤壁金羽赛鸽俱乐部有限公司"],
        "participants": ["褚国庆", "练小勇", "禹红霞"],
        "key_terms": ["赛鸽", "公棚", "幼鸽", "电子脚环", "鸽房", "竞翔规程"],
        "sexes": {"竺雨辰": "female", "褚国庆": "male", "练小勇": "male", "禹红霞": "female"},
        "sentences": [
            "原告竺雨辰诉称，二零二四年四月她把五羽幼鸽送到被告鹤壁金羽赛鸽俱乐部有限公司的公棚参赛，每羽交了一千二百元的训养费。",
            "被告公布的竞翔规程写明，秋季决赛从五百公里外的放飞点司放，第一名归巢的赛鸽可以拿到二十万元的冠军奖金。",
            "二零二四年十月二十日决赛当天，她的一羽灰色雄鸽最先飞回鸽房，可是电子脚环没有被踏板感应到，被告就判定这羽鸽子没有成绩。",
            "被告的代理人褚国庆辩称，竞翔规程第十二条规定，一律以电子脚环系统的记录为准，原告的鸽子是从侧面的气窗钻进去的，不算有效归巢。",
            "证人练小勇也在这个公棚参赛，他说当天下午三点零八分，他亲眼看见一羽灰鸽落在鸽房顶上，工作人员还念出了它的脚环号码。",
            "审判员禹红霞询问被告，当天踏板感应器有没有出过故障，又让被告把鸽房门口的监控录像和参赛鸽的全部归巢记录交给法庭。",
        ],
    },
    {
        "id": "Z269", "split": "test",
        "case_number": "（2025）赣0703刑初392号", "cause": "组织考试作弊罪",
        "parties": ["揭海波", "濮玉梅"],
        "participants": ["萧文珺", "荆永安", "宗丽华"],
        "key_terms": ["科目一", "考场", "微型耳机", "纽扣式摄像头", "面包车", "包过费"],
        "sexes": {"揭海波": "male", "濮玉梅": "female", "萧文珺": "female", "荆永安": "male", "宗丽华": "female"},
        "sentences": [
            "公诉人萧文珺指控，二零二四年五月至八月，被告人揭海波在南康区招揽多次考不过科目一的学员，承诺交六千八百元就能包过。",
            "揭海波给学员配发了微型耳机和纽扣式摄像头，让他们藏在衣服里进入考场，考题的画面会实时传到考场外的一辆面包车上。",
            "被告人濮玉梅坐在面包车里，对着屏幕上的题目查找答案，再通过耳机一道接一道念给考生，先后有二十三名考生作弊通过。",
            "二零二四年八月二十一日，无线电监测车在考场附近发现了异常信号，民警当场查获作弊器材九套，揭海波共收取包过费十五万六千四百元。",
            "濮玉梅的辩护人荆永安提出，濮玉梅是揭海波的表妹，她只拿了每天三百元的报酬，属于从犯，而且到案以后如实交代了自己做过的事，认罪认罚。",
            "审判长宗丽华询问被告人揭海波，那些作弊器材是从哪里买来的，他说是在网上花了四千多元买的，随后法庭调查结束。",
        ],
    },
    {
        "id": "Z270", "split": "test",
        "case_number": "（2025）桂1103行初58号", "cause": "交通运输行政处罚纠纷",
        "parties": ["满振东", "贺州市平桂区交通运输局"],
        "participants": ["储志宏", "伏佳琪", "尤建新"],
        "key_terms": ["半挂车", "大理石荒料", "超限检测站", "地磅", "称重单", "卸载"],
        "sexes": {"满振东": "male", "储志宏": "male", "伏佳琪": "female", "尤建新": "male"},
        "sentences": [
            "原告满振东诉称，二零二四年十月十五日，他驾驶自己的六轴半挂车拉着一车大理石荒料，经过平桂区的超限检测站时被拦下称重。",
            "被告贺州市平桂区交通运输局认定车货总重六十二点四吨，超过限值十三点四吨，责令他卸载，并对他罚款一万二千元。",
            "原告认为检测站的地磅不准，这车荒料在石材厂出厂过磅时只有五十二点六吨，车辆还被扣了四天，他要求撤销罚款，赔偿停运损失六千元。",
            "被告的代理人储志宏辩称，检测站的地磅每年都经过计量检定，有效期到二零二五年三月，原告当时也在称重单上签了字，没有提出异议。",
            "证人伏佳琪是石材厂的过磅员，她说出厂那天厂里的地磅刚校准过，五十二点六吨是两块荒料加上车身的重量，磅单上白纸黑字记着这个数。",
            "审判长尤建新询问被告，检测站称重的时候有没有让原告再称一次，并责成被告提交地磅的检定证书和当天的称重视频。",
        ],
    },
]

NOTE = ("written for issue 16 round 39 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout59", CASES, NOTE))
