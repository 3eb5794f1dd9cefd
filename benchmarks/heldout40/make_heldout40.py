"""Synthesize the fortieth held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 30 BEFORE any of that round's changes was run on it, with
heldout41-heldout43: the fresh check that they hold on speech they were not made from. Never
tuned on: all five cases are split 'test'. Same voice and recipe as the other sets
(../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout40/make_heldout40.py          # needs sox on PATH

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
        "id": "Z171", "split": "test",
        "case_number": "（2025）黔0304民初3862号", "cause": "建设工程施工合同纠纷",
        "parties": ["柯永福", "遵义鑫隆置业有限公司"],
        "participants": ["蔺志强", "蒯德顺", "晏丽华"],
        "sentences": [
            "原告柯永福诉称，二零二三年三月，他带领施工队承包了被告遵义鑫隆置业有限公司在播州区开发的两栋住宅楼的主体工程，合同价款一千二百六十万元。",
            "工程在二零二四年五月二十三日通过了竣工验收，被告至今只付了百分之七十的工程款，还欠三百七十八万零四百五十元没有结清。",
            "原告请法院判令被告付清剩下的工程款，按每天万分之三计算逾期付款的利息，并确认原告对这两栋楼的拍卖价款享有优先受偿权。",
            "被告的代理人蔺志强辩称，三楼和五楼的楼板出现了裂缝，被告另外请人修补花了二十一万六千元，这笔钱应当从工程款里扣除。",
            "证人蒯德顺是这个工程的监理工程师，他说裂缝是因为被告擅自在楼顶加建了一层彩钢房，超出了设计荷载，和施工质量没有关系。",
            "审判员晏丽华询问双方，结算单上的签字是不是被告项目经理本人签的，并让被告在半个月之内补交修补工程的付款凭证。",
        ],
    },
    {
        "id": "Z172", "split": "test",
        "case_number": "（2025）皖0203民初5417号", "cause": "劳动争议",
        "parties": ["邬春燕", "芜湖远捷物流有限公司"],
        "participants": ["滕国栋", "阮玉梅", "戚文涛"],
        "sentences": [
            "原告邬春燕诉称，她从二零一九年九月起在被告芜湖远捷物流有限公司做仓库管理员，每月工资六千二百元，公司一直没有给她缴纳社会保险。",
            "二零二四年十一月二十一日，公司认定她连续三天旷工，解除了劳动合同，可那三天她是因为急性阑尾炎住院做手术，事先已经请过病假。",
            "原告要求公司按违法解除支付赔偿金六万八千二百元，未休年休假工资一万零三百九十二点五元，以及十月份的加班费二千零四十六元。",
            "被告的代理人滕国栋辩称，原告请假只是发了一条微信，没有按照公司规定提交书面申请和病历，员工手册写明连续旷工三天可以辞退。",
            "证人阮玉梅是原告所在仓库的班组长，她说原告住院当天早上七点多就给她打了电话，她也把这件事转告了人事部门。",
            "审判员戚文涛询问被告，员工手册有没有经过职工代表大会讨论，是否送达给原告本人，并要求原告提交住院病历和手术记录。",
        ],
    },
    {
        "id": "Z173", "split": "test",
        "case_number": "（2025）晋0881民初2593号", "cause": "民间借贷纠纷",
        "parties": ["聂红霞", "褚建平"],
        "participants": ["乔振宇", "苗春生", "尤海燕"],
        "sentences": [
            "原告聂红霞诉称，二零二二年四月十二日，被告褚建平说要在永济市区开一家火锅店，向她借款十八万元，说好年利率是百分之八，一年后还清。",
            "原告当天通过银行转账给被告十五万元，另外三万元是在被告家里交的现金，被告写了一张借条，他的妻子也在借条上签了名。",
            "借款到期后，被告只在二零二三年八月归还了二万零五百元，之后就不接电话了，原告这次起诉，要求被告偿还剩余本金和利息共计十九万五千五百元。",
            "被告的代理人乔振宇辩称，那三万元现金原告并没有实际交付，借条是被告为了让原告放心提前写的，被告实际收到的只有十五万元。",
            "证人苗春生是火锅店的合伙人，他说那天晚上他就在被告家里，亲眼看到原告从包里拿出三沓钱，每沓一万元，被告当场点过了。",
            "审判员尤海燕询问原告，这三万元现金是从哪里取出来的，并让原告在七天之内提交取款当天的银行流水，现在休庭。",
        ],
    },
    {
        "id": "Z174", "split": "test",
        "case_number": "（2025）吉0211刑初217号", "cause": "盗窃罪",
        "parties": ["阎小龙", "邰海波"],
        "participants": ["芦晓静", "郜玉山", "鞠建新"],
        "sentences": [
            "公诉人芦晓静指控，二零二四年十二月至二零二五年二月，被告人阎小龙和邰海波在吉林市丰满区多个小区的地下车库里，先后盗窃电动车电瓶二十三块。",
            "两名被告人都是在凌晨一点到四点之间作案，由邰海波在车库入口望风，阎小龙用剪线钳剪断电线，把电瓶拆下来装进编织袋。",
            "经价格认定，被盗电瓶共计价值三万四千零八十元，两人把电瓶卖给废品收购站，得款九千六百元，全部用于上网和吃喝。",
            "被告人阎小龙当庭认罪，他辩解说有八块电瓶是邰海波一个人去偷的，他事先并不知情，卖电瓶的钱也没有分到。",
            "证人郜玉山是废品收购站的老板，他说两名被告人前后来卖过七次电瓶，每次都说是自己家里换下来的旧电瓶，他就没有多问。",
            "审判长鞠建新询问被告人邰海波，有没有退赔被害人的损失，随后当庭播放车库的监控录像，要求两名被告人辨认视频里的人。",
        ],
    },
    {
        "id": "Z175", "split": "test",
        "case_number": "（2025）蒙0104行初96号", "cause": "公安行政处罚纠纷",
        "parties": ["冀海龙", "呼和浩特市公安局玉泉区分局"],
        "participants": ["栾立新", "敖雪梅", "席红军"],
        "sentences": [
            "原告冀海龙诉称，二零二五年一月七日晚上，他在玉泉区一家台球厅和邻桌的客人发生口角，对方先动手推了他，他只是挡了一下。",
            "被告呼和浩特市公安局玉泉区分局认定原告殴打他人，决定对原告行政拘留十日，并处罚款五百元，原告不服，提起了行政诉讼。",
            "原告认为被告没有调取台球厅的监控，只听了对方的一面之词，要求撤销被告的处罚决定，并赔偿被拘留十天的误工损失四千三百五十六点八元。",
            "被告的代理人栾立新辩称，对方的左脸被打肿，经鉴定是轻微伤，有两名服务员的证言，处罚程序合法，认定的事实清楚。",
            "证人敖雪梅是台球厅的前台收银，她说当时大约晚上十一点四十分，是对方喝多了拿着球杆过来找事，原告往后躲的时候顺手推了对方一把，对方就摔倒了。",
            "审判长席红军询问被告，拘留原告以前，办案民警有没有听取原告的陈述和申辩，并要求被告提交询问笔录和民警执法记录仪拍下的视频。",
        ],
    },
]

NOTE = ("written for issue 16 round 30 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout40", CASES, NOTE))
