"""Synthesize the forty-first held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 30 BEFORE any of that round's changes was run on it, with
heldout40, heldout42 and heldout43: the fresh check that they hold on speech they were not made
from. Never tuned on: all five cases are split 'test'. Same voice and recipe as the other sets
(../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout41/make_heldout41.py          # needs sox on PATH

Numbers are written as spoken, like the other sets; the scorer compares numbers by value.
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
        "id": "Z176", "split": "test",
        "case_number": "（2025）晋0106民初3852号", "cause": "房屋租赁合同纠纷",
        "parties": ["蔺国栋", "太原鑫悦餐饮管理有限公司"],
        "participants": ["邬静怡", "符建新", "栾丽萍"],
        "sentences": [
            "原告蔺国栋诉称，二零二三年九月，被告太原鑫悦餐饮管理有限公司租下他在迎泽区的两间临街门面，开了一家火锅店。",
            "双方约定租期五年，月租金一万二千元，押金三万六千元，从第二年起租金每年递增百分之五，按季度支付。",
            "蔺国栋说，从二零二四年十一月起被告就没再交过租金，已经拖欠六万三千元，要求解除合同，并由被告支付违约金五万元。",
            "被告的代理人邬静怡辩称，商铺的排烟管道不符合消防要求，被告停业整改了四十二天，这段时间的租金应当减免。",
            "证人符建新是隔壁超市的老板，他说火锅店去年十二月初就关门了，元旦过后还看见有人连夜往外搬桌椅和冰柜。",
            "审判员栾丽萍询问被告，停业整改前有没有发函通知蔺国栋，并责令被告十日内补交消防部门出具的整改通知书。",
        ],
    },
    {
        "id": "Z177", "split": "test",
        "case_number": "（2025）豫1302民初5619号", "cause": "机动车交通事故责任纠纷",
        "parties": ["龚秀芬", "南阳恒驰物流有限公司"],
        "participants": ["柴志强", "滕玉华", "鲍明亮"],
        "sentences": [
            "原告龚秀芬诉称，二零二四年十二月十七日傍晚，她骑电动自行车经过宛城区的一个路口，被一辆右转的重型货车撞伤。",
            "货车登记在被告南阳恒驰物流有限公司名下，交警认定货车司机负主要责任，原告为此索赔各种损失共计二十三万六千元。",
            "龚秀芬右腿胫骨骨折，住院三十一天，花去医疗费八万零四百三十二点七元，经鉴定属于十级伤残。",
            "被告的代理人柴志强辩称，货车投保了交强险和一百万元的商业三者险，应当先由保险公司赔偿，不足部分被告只承担百分之七十。",
            "证人滕玉华是路口水果店的店主，她说原告当时闯了红灯，货车右转时也没有减速，车速大概每小时四十公里。",
            "审判员鲍明亮询问原告，是否同意追加保险公司作为被告，随后宣布休庭，下周三上午九点半继续审理。",
        ],
    },
    {
        "id": "Z178", "split": "test",
        "case_number": "（2025）黔0502民初2307号", "cause": "离婚纠纷",
        "parties": ["项丽娟", "卓永刚"],
        "participants": ["苗晓燕", "佘桂芳", "芮建国"],
        "sentences": [
            "原告项丽娟诉称，她和被告卓永刚二零一四年五月在七星关区登记结婚，婚后生育一儿一女，儿子九岁，女儿六岁。",
            "卓永刚从二零二二年起沉迷网络赌博，先后输掉四十多万元，还瞒着原告从三个网贷平台借了十一万五千元。",
            "原告请求判决离婚，两个孩子由她抚养，被告每月给每个孩子支付二千六百元抚养费，毕节市区的那套房子归原告所有。",
            "被告的代理人苗晓燕辩称，被告已经戒赌半年多，夫妻感情并没有完全破裂，网贷用于家庭开支，属于夫妻共同债务。",
            "证人佘桂芳是原告的母亲，她记得二零二四年八月十五日晚上，被告喝醉酒以后对原告动了手，邻居听见后报了警。",
            "审判员芮建国询问双方，是否还有和好的可能，并要求被告在半个月内提交网贷借款的银行流水，证明借款的用途。",
        ],
    },
    {
        "id": "Z179", "split": "test",
        "case_number": "（2025）黑0110刑初648号", "cause": "危险驾驶罪",
        "parties": ["姬立伟", "米浩然"],
        "participants": ["戚雅琴", "褚振宇", "詹慧芳"],
        "sentences": [
            "公诉人戚雅琴指控，二零二五年三月八日凌晨一点多，被告人姬立伟和米浩然在香坊区的一条快速路上驾车追逐竞驶。",
            "两辆车的最高车速都超过每小时一百四十公里，这段路限速八十公里，姬立伟的车最后撞上了中间的护栏。",
            "经检验，姬立伟血液中的酒精含量达到每一百毫升一百八十六点四毫克，属于醉酒驾驶，米浩然没有喝酒。",
            "被告人姬立伟辩解，他当晚只喝了两瓶啤酒，是米浩然先提出比谁的车快，撞坏的护栏他已经赔了八千零七十元。",
            "证人褚振宇是那天晚上值班的交警，他说两辆车都改装过排气管，他们赶到现场时米浩然已经开车离开了。",
            "审判长詹慧芳询问被告人米浩然，为什么事后离开现场，然后宣布休庭，二十分钟以后开始法庭辩论。",
        ],
    },
    {
        "id": "Z180", "split": "test",
        "case_number": "（2025）苏0981行初95号", "cause": "工伤认定行政纠纷",
        "parties": ["隋海军", "东台市人力资源和社会保障局"],
        "participants": ["景文涛", "甘秀梅", "钮志华"],
        "sentences": [
            "原告隋海军诉称，他是东台市一家纺织厂的机修工，二零二四年六月二十六日下班回家的路上，被一辆面包车撞伤。",
            "交警认定面包车负全部责任，隋海军左腿粉碎性骨折，住院五十三天，医疗费花了九万二千零四十六元。",
            "被告东台市人力资源和社会保障局认为原告绕道去菜市场买菜，不予认定工伤，原告请求撤销这份决定，责令被告另行认定。",
            "被告的代理人景文涛辩称，菜市场不在回家的合理路线上，要多绕两点三公里，原告下班一个半小时后才出事。",
            "证人甘秀梅是原告的同事，她说那天原告下午五点半打卡下班，菜市场就在回家的路边，只多走了三百米左右。",
            "审判长钮志华询问被告，有没有到现场实地核实路线，并要求被告一周内提交原告的考勤记录和调查笔录。",
        ],
    },
]

NOTE = ("written for issue 16 round 30 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout41", CASES, NOTE))
