"""Synthesize the thirty-first held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 25 BEFORE any of that round's changes was run on it, with
heldout30: the fresh check that they hold on speech they were not made from. Never tuned on:
all five cases are split 'test'. Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout31/make_heldout31.py          # needs sox on PATH

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
        "id": "Z126", "split": "test",
        "case_number": "（2025）川0116民初4127号", "cause": "娱乐服务合同纠纷",
        "parties": ["帅雨桐", "成都迷城密室逃脱娱乐有限公司"],
        "participants": ["缑志鹏", "邝嘉怡", "祖立新"],
        "sentences": [
            "原告帅雨桐诉称，她和五个同学二零二四年十一月二十九日晚上在被告成都迷城密室逃脱娱乐有限公司玩一个恐怖主题的密室，每人票价一百六十八元。",
            "游戏进行到第三个房间时，扮演僵尸的工作人员突然从暗门冲出来追赶，原告慌乱中撞上铁架，两颗门牙断了，额头磕破了一道三厘米的口子。",
            "帅雨桐要求被告支付医药费、种植牙费用和误工费，合计三万七千六百四十点八元，另外还要求被告给付五千元精神抚慰金。",
            "被告的代理人缑志鹏辩称，玩家进场前都签了安全须知，里面写着不能奔跑，原告是自己跑太快了才撞上去的，应当自担部分责任。",
            "证人邝嘉怡是和原告一起玩的同学，她说房间里几乎没有灯光，那个铁架的边角也没有包软垫，工作人员紧跟在她们后面。",
            "审判员祖立新询问被告，事发房间有没有安装监控，并要求被告二十日内把那天晚上的监控录像和员工培训记录交到法庭。",
        ],
    },
    {
        "id": "Z127", "split": "test",
        "case_number": "（2025）豫0311民初2583号", "cause": "相邻污染侵害纠纷",
        "parties": ["蒯德胜", "鞠永福"],
        "participants": ["亓春雷", "滕桂芝", "荀丽娟"],
        "sentences": [
            "原告蒯德胜诉称，他和被告鞠永福住在洛阳市洛龙区同一栋楼，原告住六楼，被告从二零二三年春天开始在楼顶平台搭棚子养鸽子。",
            "鸽子最多的时候有一百二十多只，鸽粪顺着雨水管流到原告的阳台上，夏天臭味很重，每天凌晨四点多鸽子就咕咕叫。",
            "原告请求被告拆除楼顶的鸽棚，清理鸽粪，并赔偿原告更换纱窗和清洗空调的费用二千零八十五元。",
            "被告的代理人亓春雷辩称，楼顶平台属于整栋楼的业主共有，其他住户都没有意见，而且被告每周都清扫两次，鸽子也按时打了疫苗。",
            "证人滕桂芝是住在五楼的邻居，她说夏天根本不敢开窗户，有一次鸽子的羽毛还飘进了她家的电饭锅里。",
            "审判员荀丽娟询问被告，现在还养着多少只鸽子，并告知双方，法庭将在下周三上午到楼顶平台进行现场勘验。",
        ],
    },
    {
        "id": "Z128", "split": "test",
        "case_number": "（2025）鄂1321民初1692号", "cause": "种植回收合同纠纷",
        "parties": ["揭卫平", "随州山珍源菌业有限公司"],
        "participants": ["皮建新", "甘小燕", "冀红梅"],
        "sentences": [
            "原告揭卫平诉称，他于二零二三年九月和被告随州山珍源菌业有限公司签订合同，从被告处购买香菇菌棒十二万棒，每棒三点二元。",
            "合同约定出菇以后，被告按每斤六点五元的保底价全部回收，可是二零二四年三月香菇大量上市时，被告以质量不合格为由拒收。",
            "原告只好把香菇低价卖给菜贩子，他请求被告赔偿差价损失一百零六万四千元，并承担本案的鉴定费八千元。",
            "被告的代理人皮建新辩称，原告的香菇有一半以上是开伞菇，合同第五条规定，开伞的香菇不在回收范围内，被告拒收有依据。",
            "证人甘小燕是被告派驻大棚的技术员，她说原告的菌棒一直按照公司的要求管理，开伞是因为公司连续八天没有派车来收。",
            "审判员冀红梅询问被告，那八天为什么没有派车，并要求被告把同一时期从其他农户那里回收香菇的数量和价格列出来。",
        ],
    },
    {
        "id": "Z129", "split": "test",
        "case_number": "（2025）粤1302刑初518号", "cause": "高空抛物罪",
        "parties": ["巫建明", "喻秋菊"],
        "participants": ["殷素琴", "桑国华", "阮志坚"],
        "sentences": [
            "公诉人殷素琴指控，被告人巫建明于二零二五年二月十四日晚上，在惠州市惠城区一个小区的十七楼家中，和妻子吵架后把东西往窗外扔。",
            "他先后扔下了一个花盆、一把椅子和一台旧电风扇，砸坏了楼下停放的两辆电动自行车和一辆小轿车的挡风玻璃。",
            "被害人喻秋菊当时正推着婴儿车经过，花盆在离她不到一米的地方摔碎，车辆损失经鉴定为一万零七百六十点五元。",
            "被告人巫建明辩解，他当时喝了酒，情绪失控，没有想到楼下有人，事后他已经赔偿了全部损失，喻秋菊也给他出具了谅解书。",
            "证人桑国华是小区的保安，他说听到响声后跑过去，看见十七楼的窗户还开着，地上全是碎片，他马上报了警。",
            "公诉人提出量刑建议，判处有期徒刑七个月，罚金五千元，审判长阮志坚问被告人对这个建议有没有异议，接着宣布暂时休庭。",
        ],
    },
    {
        "id": "Z130", "split": "test",
        "case_number": "（2025）晋0702行初96号", "cause": "计量行政处罚纠纷",
        "parties": ["井海涛", "平遥县市场监督管理局"],
        "participants": ["弓丽华", "米秀英", "沃建华"],
        "sentences": [
            "原告井海涛诉称，他在平遥县城的一个农贸市场卖水果，被告平遥县市场监督管理局二零二五年一月二十三日来检查，认定他的电子秤作弊。",
            "被告没收了他的电子秤和一个遥控器，并处以罚款二万元，原告认为那个遥控器是他电动车上的，跟电子秤没有关系。",
            "原告要求撤销这份行政处罚决定，退还罚款二万元，并返还那台价值四百八十元的电子秤。",
            "被告的代理人弓丽华辩称，执法人员当场用遥控器操作，电子秤显示的重量增加了百分之十五，整个过程都有执法记录仪录像。",
            "证人米秀英是经常在原告摊位买水果的顾客，她说有一次买了三斤橘子，回家用自家的秤一称，只有二斤六两。",
            "审判长沃建华询问被告方，处罚之前是否告诉过原告可以申请听证，还要求被告补交那台电子秤的检定报告。",
        ],
    },
]

NOTE = ("written for issue 16 round 25 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout31", CASES, NOTE))
