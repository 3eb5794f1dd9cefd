"""Synthesize the sixty-fifth held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 43 BEFORE any of that round's changes was run on it: the fresh
check that they hold on speech they were not made from. Never tuned on: all five cases are
split 'test'. Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout65/make_heldout65.py          # needs sox on PATH

Numbers are written as spoken, like the other sets; the scorer compares numbers by value.
Each case also carries "key_terms" (the words a clerk enters in the case register from the
complaint and the defence, written from the case's facts before its sentences) and "sexes"
(of every natural person among parties and participants, as the case file records it).
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
        "id": "Z296", "split": "test",
        "case_number": "（2025）冀0903民初3154号", "cause": "违反安全保障义务责任纠纷",
        "parties": ["岳思彤", "沧州驰原马术俱乐部有限公司"],
        "participants": ["邢振海", "卞可涵", "褚文博"],
        "key_terms": ["马鞍", "肚带", "缰绳", "坠马", "马场", "课时卡", "风险告知书"],
        "sexes": {"岳思彤": "female", "邢振海": "male", "卞可涵": "female", "褚文博": "male"},
        "sentences": [
            "原告岳思彤诉称，二零二五年五月，她在被告沧州驰原马术俱乐部有限公司办了一张十二节的骑乘课时卡，花了八千四百元。",
            "二零二五年六月八日上第五节课时，马刚开始小跑，马鞍就滑向一边，她从马背上摔下来，左侧锁骨骨折，还断了两根肋骨。",
            "她要求俱乐部赔偿医疗费二万七千三百八十四点五元、误工费和护理费等各项损失，共计九万零六百元，并退还剩下七节课的费用。",
            "被告的代理人邢振海辩称，原告上第一节课时就签了风险告知书，当天是她自己猛拉缰绳，马受惊以后才跑了起来，俱乐部没有过错。",
            "证人卞可涵是和原告同一时段上课的学员，她说那天教练一直在打电话，上马之前没有检查肚带，她看见原告的马鞍在马背上来回晃。",
            "审判员褚文博询问被告，那匹马的年龄和平时的性情怎么样，并要求被告提供教练的马术教练员证书和马场当天的监控录像。",
        ],
    },
    {
        "id": "Z297", "split": "test",
        "case_number": "（2025）湘0681民初1629号", "cause": "定作合同纠纷",
        "parties": ["汨罗市江滨龙舟协会", "易炳坤"],
        "participants": ["何耀祖", "苏婉仪"],
        "key_terms": ["龙舟", "杉木", "船板", "龙骨", "桐油", "榫头", "船坞"],
        "sexes": {"易炳坤": "male", "何耀祖": "male", "苏婉仪": "female"},
        "sentences": [
            "原告汨罗市江滨龙舟协会诉称，二零二四年十一月，协会和被告易炳坤签订定作合同，由他用杉木打造一条二十八米的传统龙舟，价款十八万六千元。",
            "合同约定船板厚度不少于三厘米，被告应当在二零二五年四月二十日前交船，原告签约当天付了定金五万元，接船的时候又付了八万元。",
            "龙舟第一次下水训练，船底就开始漏水，十几天后又有三块船板裂开，协会只好花一万二千元租了一条龙舟参加端午节的比赛。",
            "被告易炳坤辩称，杉木是原告的会长自己到木材市场挑的，龙舟交付以后在河边晒了半个多月，没有按他的交代刷桐油，船板才会开裂。",
            "证人何耀祖造了四十多年木船，他说自己测过，开裂的那几块船板只有二点二厘米厚，龙骨和船板之间的榫头也没有做严实。",
            "审判员苏婉仪询问原告，剩下的五万六千元尾款是不是还没有支付，并告知双方，法院准备下周二到存放龙舟的船坞进行现场勘验。",
        ],
    },
    {
        "id": "Z298", "split": "test",
        "case_number": "（2025）鲁0613民初2258号", "cause": "修理合同纠纷",
        "parties": ["烟台海韵音乐厅有限公司", "威海和声乐器修造有限公司"],
        "participants": ["詹立新", "邵雅琪", "柯建勋"],
        "key_terms": ["管风琴", "音管", "风箱", "音栓", "除湿机", "音乐会", "调音"],
        "sexes": {"詹立新": "male", "邵雅琪": "female", "柯建勋": "male"},
        "sentences": [
            "原告烟台海韵音乐厅有限公司诉称，二零二三年九月，公司把音乐厅里一台一九零八年造的管风琴交给被告威海和声乐器修造有限公司修复，费用三十九万八千元。",
            "二零二四年六月十五日修复后的首场音乐会上，不少音管走音，风箱一直漏气，有几个音栓拉不动，后面两场演出只好取消。",
            "原告要求对方退回百分之四十的修复费，也就是十五万九千二百元，并赔偿两场演出的退票损失二万三千六百五十元。",
            "被告的代理人詹立新辩称，交付时原告的音乐总监亲自试奏过，还签了验收单，走音是因为原告为了省电，晚上关掉了大厅的除湿机。",
            "证人邵雅琪是那场音乐会的管风琴演奏者，她说演出前一天彩排的时候，就有三十多根音管吹不响，她当场告诉了被告派来的调音师。",
            "审判员柯建勋询问原告，大厅里有没有温湿度的记录，并征求双方意见，是否同意委托乐器检测机构对管风琴做一次全面检测。",
        ],
    },
    {
        "id": "Z299", "split": "test",
        "case_number": "（2025）赣0722刑初143号", "cause": "妨害动植物防疫、检疫罪",
        "parties": ["赖建民"],
        "participants": ["温立平", "池春生", "古国强", "熊丽君"],
        "key_terms": ["柑橘苗木", "黄龙病", "植物检疫证书", "无证苗圃", "疫区", "脐橙园"],
        "sexes": {"赖建民": "male", "温立平": "female", "池春生": "male", "古国强": "male", "熊丽君": "female"},
        "sentences": [
            "公诉人温立平指控，二零二三年十二月至次年二月，被告人赖建民在没有办理植物检疫证书的情况下，从邻省一个黄龙病疫区的无证苗圃购进三万六千株柑橘苗木。",
            "他用货车分六趟把苗木运到信丰县，以每株六点五元的价格卖给了十七户果农，一共收款二十三万四千元。",
            "同年五月，县农业农村局在这批苗木里检出黄龙病，果农新栽的四百多亩脐橙园被全部铲除，经评估直接经济损失一百零六万元。",
            "被告人赖建民当庭认罪，他说当时并不清楚那个苗圃在疫区，卖苗木只赚了四万多元，家属已经替他把这笔钱全部退了出来。",
            "证人池春生是买苗的果农之一，他说付款时曾经向赖建民要过检疫证明，赖建民告诉他证明还在办，过一个星期就能送过来。",
            "辩护人古国强提出，赖建民是初犯，已经赔偿了其中九户果农的损失，建议适用缓刑，审判长熊丽君随后宣布休庭，择期宣判。",
        ],
    },
    {
        "id": "Z300", "split": "test",
        "case_number": "（2025）湘1202行初58号", "cause": "无线电管理行政处罚纠纷",
        "parties": ["邰明轩", "怀化市无线电管理局"],
        "participants": ["阮志斌", "庞书华", "佟立军"],
        "key_terms": ["中继台", "天线", "通信铁塔", "监测车", "电台执照", "铁路调度通信", "干扰源"],
        "sexes": {"邰明轩": "male", "阮志斌": "male", "庞书华": "female", "佟立军": "male"},
        "sentences": [
            "原告邰明轩诉称，二零二四年八月，他在鹤城区北边一座山头的通信铁塔上架设了一台业余中继台，供当地四十多名无线电爱好者使用。",
            "二零二四年十二月四日，被告怀化市无线电管理局认定他擅自设台，干扰了铁路的调度通信，没收了中继台和两副天线，并罚款三万五千元。",
            "原告认为自己持有业余电台执照，中继台的发射频率是四百三十九点五兆赫，和铁路的频率相差十几兆赫，不可能产生干扰，要求法院把处罚决定撤销。",
            "被告的代理人阮志斌辩称，监测车在三个地点交叉定位，都把干扰源指向那座铁塔，中继台一关机，铁路那边的杂音就消失了。",
            "证人庞书华是铁路电务段的工程师，她说从十月三日开始，车站调度员在对讲机里多次听到杂音和陌生人的说话声，十天里记录了一百二十多次。",
            "审判长佟立军询问被告，罚款三万五千元以前是否书面告诉过邰明轩他有权申请听证，并让被告当庭播放监测车的定位录像。",
        ],
    },
]

NOTE = ("written for issue 16 round 43 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout65", CASES, NOTE))
