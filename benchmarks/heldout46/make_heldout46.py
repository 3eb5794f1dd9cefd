"""Synthesize the forty-sixth held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 33 BEFORE any of that round's changes was run on it: the fresh
check that they hold on speech they were not made from. Never tuned on: all five cases are
split 'test'. Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout46/make_heldout46.py          # needs sox on PATH

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
        "id": "Z201", "split": "test",
        "case_number": "（2025）黑0826民初3158号", "cause": "买卖合同纠纷",
        "parties": ["佳木斯丰禾农机销售有限公司", "蔺国强"],
        "participants": ["芦静怡", "甘德胜", "殷雪梅"],
        "sentences": [
            "原告佳木斯丰禾农机销售有限公司诉称，二零二四年四月十二日，被告蔺国强从原告处购买了两台拖拉机和一台播种机，总价款四十六万八千元。",
            "合同约定被告先交总价款的百分之三十作为首付，剩下的货款在二零二四年十一月三十日以前付清，每逾期一天按欠款的万分之五付违约金。",
            "被告只付了十四万零四百元，还欠三十二万七千六百元，原告要求他一次付清，并支付从二零二四年十二月一日起算的违约金。",
            "被告的代理人芦静怡辩称，其中一台拖拉机交货不到一个月，发动机就漏油冒黑烟，修了三次也没修好，耽误了秋收，被告有权拒付部分货款。",
            "证人甘德胜是原告公司的售后维修员，他说拖拉机是因为被告加了不合格的柴油才出的故障，换喷油嘴的一千零八十三元也是原告出的钱。",
            "审判员殷雪梅询问被告，漏油的事情有没有用书面形式告诉过原告，并让原告十天以内提交拖拉机的维修记录和柴油的检测报告。",
        ],
    },
    {
        "id": "Z202", "split": "test",
        "case_number": "（2025）闽0306民初2319号", "cause": "物业服务合同纠纷",
        "parties": ["莆田瑞霖物业服务有限公司", "戈丽萍"],
        "participants": ["郜志远", "沃建新", "苗海燕"],
        "sentences": [
            "原告莆田瑞霖物业服务有限公司诉称，被告戈丽萍是荔城区锦绣华庭小区七号楼一单元的业主，房子的建筑面积是一百二十八点六平方米。",
            "物业费每个月每平方米二点八元，被告二零二二年八月以后就一直没交，到二零二五年七月，一共拖欠了三十六个月。",
            "原告要求戈丽萍补交物业费一万二千九百六十三点八四元，以及滞纳金二千零四十元，诉讼费用由被告负担。",
            "被告的代理人郜志远辩称，那年夏天小区的电梯三天两头停运，地下车库两次被水淹，被告的车被泡坏了，维修花了一万零六百二十九点五元。",
            "证人沃建新住在七号楼二单元，他说那年八月车库进水有半米多深，物业公司的值班人员过了两个多小时才来抽水。",
            "审判员苗海燕询问原告，电梯的维保合同和年检报告有没有带来，随后宣布休庭，下星期四下午接着开庭。",
        ],
    },
    {
        "id": "Z203", "split": "test",
        "case_number": "（2025）晋0727民初1476号", "cause": "继承纠纷",
        "parties": ["鄢丽华", "鄢国栋"],
        "participants": ["裘宏伟", "牛秀梅", "晏志强"],
        "sentences": [
            "原告鄢丽华诉称，父亲二零二三年九月因病去世，留下平遥县古陶镇一处有三间正房的老宅，还有银行存款二十三万六千元。",
            "母亲在二零一九年就已经过世，法定继承人只有原告和弟弟被告鄢国栋两个人，原告主张遗产由姐弟两人平均分配，各得一半。",
            "父亲去世的第二天，鄢国栋就把账户里的存款全部取走了，其中八万五千元用在了他儿子的婚礼上，原告要求鄢国栋把属于她的十一万八千元还给她。",
            "被告的代理人裘宏伟辩称，父亲生前立过一份自书遗嘱，写明老宅由被告继承，而且父亲最后五年一直是被告照顾，被告应当多分。",
            "证人牛秀梅是老人的邻居，她说老人住院的四十二天里，原告每个星期都从太原回来两三次，医药费也是原告付了一大半。",
            "审判员晏志强要求被告十五日内把遗嘱原件交到法庭，并询问两边愿不愿意对遗嘱上的签名和日期做笔迹鉴定。",
        ],
    },
    {
        "id": "Z204", "split": "test",
        "case_number": "（2025）滇0428刑初315号", "cause": "故意伤害罪",
        "parties": ["聂永刚", "佘海林"],
        "participants": ["滕婉清", "邬春生", "阎立新"],
        "sentences": [
            "公诉人滕婉清指控，二零二四年十二月十九日晚上九点多，被告人聂永刚在玉溪红塔区凤凰路的一家烧烤店喝酒，和邻桌的被害人佘海林发生争吵。",
            "聂永刚先用啤酒瓶砸向佘海林的头部，又用折叠刀刺伤了他的左腹部，佘海林被送到医院抢救，脾脏被切除。",
            "佘海林的伤情被鉴定为重伤二级，他在医院住了三十一天，医疗费、护理费这些损失一共是十七万四千三百二十元。",
            "被告人聂永刚辩解，是被害人先动手推了他，他喝了七八瓶啤酒，记不清刀是怎么刺出去的，他愿意赔偿，家里已经凑了三万元，但是一次拿不出这么多钱。",
            "证人邬春生是烧烤店的老板，他说两个人吵了五六分钟，被害人确实推了被告人一下，被告人转身就从桌上抓起了啤酒瓶。",
            "审判长阎立新询问被告人，折叠刀是从哪里来的，案发以后为什么在外地躲了十三天，说完宣布休庭十分钟。",
        ],
    },
    {
        "id": "Z205", "split": "test",
        "case_number": "（2025）青0106行初58号", "cause": "治安管理行政处罚纠纷",
        "parties": ["芮红梅", "西宁市公安局城北分局"],
        "participants": ["祖文涛", "禹晓薇", "弓振国"],
        "sentences": [
            "原告芮红梅诉称，二零二五年三月十七日上午，她在城北区的一个菜市场买了三斤牛肉，怀疑摊主缺斤短两，双方发生争执，互相推搡。",
            "被告西宁市公安局城北分局以殴打他人为由，对她作出行政拘留七日并处罚款五百元的决定，原告已经被拘留了五天。",
            "原告觉得处罚太重，请求撤销被诉的处罚决定，并要求被告支付限制人身自由五天的赔偿金一千七百五十四点一五元，以及误工损失六千元。",
            "被告的代理人祖文涛辩称，摊主的左手手背被原告抓伤，有医院的诊断证明和其他摊主的证言，原告当天拒不承认，处罚事实清楚，程序合法。",
            "证人禹晓薇是旁边卖菜的商户，她说是摊主先揪住原告的头发，原告是在挣脱的时候抓到了摊主，前后不到一分钟。",
            "审判长弓振国询问被告，为什么没有调取菜市场的监控录像，并要求被告七天以内把询问笔录和出警民警拍的视频交上来。",
        ],
    },
]

NOTE = ("written for issue 16 round 33 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout46", CASES, NOTE))
