"""Synthesize the fifty-seventh held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 38 BEFORE any of that round's changes was run on it: the fresh
check that they hold on speech they were not made from. Never tuned on: all five cases are
split 'test'. Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout57/make_heldout57.py          # needs sox on PATH

Numbers are written as spoken, like the other sets; the scorer compares numbers by value.
Each case also carries the clerk's register entries, written from the case's facts (the
complaint and the defence) before its sentences: "key_terms", the case's key words, and
"sexes", each natural person's sex as the case file records it.
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
        "id": "Z256", "split": "test",
        "case_number": "（2025）吉2401民初4783号", "cause": "生命权、身体权、健康权纠纷",
        "parties": ["佟雅丽", "延吉市青丝发型设计店"],
        "participants": ["宫振宇", "玄成浩", "车美善"],
        "key_terms": ["烫发", "药水", "头皮", "水泡", "脱发", "储值卡", "告知书"],
        "sexes": {"佟雅丽": "female", "宫振宇": "male", "玄成浩": "male", "车美善": "female"},
        "sentences": [
            "原告佟雅丽诉称，二零二四年十一月三日下午，她到被告延吉市青丝发型设计店烫发，先办了一张三千元的储值卡，当天就扣了六百八十元。",
            "烫发前后用了将近四个小时，她中间几次说头皮发烫，发型师只是拿吹风机给她吹了吹凉风，让她再忍一忍。",
            "回家第二天她的头皮就起了一片水泡，后来她头顶掉了一块硬币大小的头发，在医院治了一个多月，花去医疗费五千三百零二点八元。",
            "被告的代理人宫振宇辩称，烫发之前原告签过一份告知书，上面写明药水可能引起过敏，是原告自己隐瞒了以前染头发过敏的情况。",
            "证人玄成浩原来是这家店的发型师，现在已经离职了，他说那天用的是店里新进的一批药水，加热的时间比平时多了十来分钟。",
            "审判员车美善询问原告，主张的两万六千元都包括哪些项目，又让被告说明这批药水的进货渠道，并拿出产品合格证。",
        ],
    },
    {
        "id": "Z257", "split": "test",
        "case_number": "（2025）冀0634民初1487号", "cause": "承揽合同纠纷",
        "parties": ["谷春燕", "曲阳县恒艺石雕厂"],
        "participants": ["刁铁成", "苑国庆", "檀雪梅"],
        "key_terms": ["墓碑", "山西黑", "花岗岩", "碑文", "石料", "染料", "斑点"],
        "sexes": {"谷春燕": "female", "刁铁成": "male", "苑国庆": "male", "檀雪梅": "female"},
        "sentences": [
            "原告谷春燕诉称，她父亲二零二四年三月去世，她在被告曲阳县恒艺石雕厂定做了一座墓碑，约定用山西黑花岗岩，总价一万八千八百元。",
            "墓碑在清明节前立好了，可是才过了一个夏天，碑面上就出现一块一块的灰白色斑点，拿湿毛巾一擦，毛巾上全是黑色的染料。",
            "原告还发现碑文里漏刻了她弟弟的名字，她要求被告退还全部价款，并赔偿重新立碑的费用和两次往返的路费二千三百六十四点五元。",
            "被告的经营者刁铁成辩称，那块石料确实是山西黑，出现斑点是因为原告的家人上坟时往碑上洒了白酒，碑文也是照着原告发来的草稿刻的。",
            "证人苑国庆在附近开了另一家石材厂，他说真正的山西黑切开以后里外一样黑，而这块石料的断面是灰色的，明显是刷过染料的。",
            "审判员檀雪梅询问原告，当初发给被告的碑文草稿还在不在，又问双方是否同意请专业机构检验这块石料，检验费先由提出的一方垫付。",
        ],
    },
    {
        "id": "Z258", "split": "test",
        "case_number": "（2025）苏0925民初3356号", "cause": "餐饮服务合同纠纷",
        "parties": ["钮嘉怡", "建湖县福满楼餐饮有限公司"],
        "participants": ["濮国强", "嵇春生", "笪雅琴"],
        "key_terms": ["婚宴", "菜单", "澳洲龙虾", "清蒸桂鱼", "小龙虾", "腹泻"],
        "sexes": {"钮嘉怡": "female", "濮国强": "male", "嵇春生": "male", "笪雅琴": "female"},
        "sentences": [
            "原告钮嘉怡诉称，她和丈夫二零二四年五月在被告建湖县福满楼餐饮有限公司订了三十二桌婚宴，每桌二千六百八十八元，当场交了定金一万元。",
            "婚礼定在二零二四年十月二日中午，菜单上写明每桌有一只澳洲龙虾和一条清蒸桂鱼，结果端上来的是蒜蓉小龙虾和红烧草鱼。",
            "当天晚上有十一位客人上吐下泻，两位老人住院观察了三天，原告要被告退一半的餐费四万三千零八元，另外承担客人看病的医药费。",
            "被告的代理人濮国强辩称，澳洲龙虾那几天断货，厨师长事先征得了新郎的同意，客人腹泻也可能是喝多了酒，跟饭菜没有关系。",
            "证人嵇春生是当天的婚礼司仪，他说开席前厨房确实有人来找过新郎，但新郎当时正在敬酒，只说了一句你们看着办。",
            "审判员笪雅琴问被告，婚宴那天的每道菜有没有留样，又让原告把两位老人的病历和四千零七十五元医药费的收据交上来。",
        ],
    },
    {
        "id": "Z259", "split": "test",
        "case_number": "（2025）湘0481刑初402号", "cause": "妨害安全驾驶罪",
        "parties": ["欧阳桂香"],
        "participants": ["资晓军", "阳建平", "旷文斌", "言海燕"],
        "key_terms": ["公交车", "方向盘", "坐过站", "护栏", "人行道", "驾驶座"],
        "sexes": {"欧阳桂香": "female", "资晓军": "male", "阳建平": "male", "旷文斌": "male", "言海燕": "female"},
        "sentences": [
            "公诉人资晓军指控，被告人欧阳桂香于二零二五年二月二十三日傍晚乘坐耒阳市区的一辆公交车，因为坐过了站，要求司机马上停车让她下去。",
            "司机说路中间不能停车，欧阳桂香就冲到驾驶座旁边抢夺方向盘，公交车冲上人行道撞断两根护栏，一名乘客的额头被撞伤，缝了五针。",
            "被告人欧阳桂香表示认罪认罚，她说那天急着去学校接孙子，一时冲动才抓了方向盘，已经赔偿了受伤乘客和公交公司的全部损失。",
            "证人阳建平是这辆公交车的司机，他说被告人先是拍打驾驶区的隔离门，他已经打了右转灯准备靠边，被告人还是伸手抢了方向盘。",
            "辩护人旷文斌提出，被告人今年六十一岁，是初犯，受伤的乘客也写了谅解书，希望法庭对她判处拘役，适用缓刑。",
            "审判长言海燕询问被告人，车上的监控录像她看过没有，对公诉人出示的修理费用一万六千四百元有没有异议。",
        ],
    },
    {
        "id": "Z260", "split": "test",
        "case_number": "（2025）甘0621行初19号", "cause": "水利行政处罚纠纷",
        "parties": ["雒志刚", "民勤县水务局"],
        "participants": ["妥文博", "豆海霞", "巩一鸣"],
        "key_terms": ["机井", "地下水", "取水许可证", "封井", "蜜瓜", "茴香", "滴灌"],
        "sexes": {"雒志刚": "male", "妥文博": "male", "豆海霞": "female", "巩一鸣": "female"},
        "sentences": [
            "原告雒志刚诉称，他在民勤县承包了八十亩地种蜜瓜和茴香，二零二三年春天在地头打了一眼机井，用的是滴灌，每年抽的水并不多。",
            "二零二四年五月二十九日，民勤县水务局认定原告没有取水许可证擅自抽取地下水，决定罚款三万元，并且当场把机井封了。",
            "原告的代理人妥文博说，这眼井是按村委会的统一规划打出来的，原告办过申请手续，机井被封正赶上蜜瓜坐果，八十亩地的瓜几乎全旱死了。",
            "被告的代理人豆海霞辩称，民勤县属于地下水超采区，早在二零一九年就禁止新打机井，原告的申请一直没有批准，他是偷偷打井的。",
            "原告又提出，同一个村还有十七眼没有许可证的机井，被告只封了他这一眼，处罚明显不公平，罚款的数额也过高。",
            "审判长巩一鸣问被告，决定罚款以前有没有通知原告来听证，又让被告补交封井那天的现场笔录和机井的水表读数。",
        ],
    },
]

NOTE = ("written for issue 16 round 38 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout57", CASES, NOTE))
