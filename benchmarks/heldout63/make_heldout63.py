"""Synthesize the sixty-third held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 42 BEFORE any change of rounds 41 and 42 was run on it: the fresh
check that they hold on speech they were not made from. Never tuned on: all five cases are split
'test'. Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout63/make_heldout63.py          # needs sox on PATH

Numbers are written as spoken, like the other sets; the scorer compares numbers by value.
Each case carries, before its sentences, the key terms a clerk would enter in the case register
from the complaint and the defence ("key_terms") and the recorded sex of every natural person
among its parties and participants ("sexes").
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
        "id": "Z286", "split": "test",
        "case_number": "（2025）辽0681民初3417号", "cause": "服务合同纠纷",
        "parties": ["鄢玉琴", "东港市蜂田农业服务有限公司"],
        "participants": ["宓国强", "佟丽娜", "苑志成"],
        "key_terms": ["熊蜂", "蜂箱", "草莓大棚", "授粉", "畸形果", "农药", "白粉病"],
        "sexes": {"鄢玉琴": "female", "宓国强": "male", "佟丽娜": "female", "苑志成": "male"},
        "sentences": [
            "原告鄢玉琴诉称，她在东港市孤山镇承包了六个草莓大棚，二零二四年十一月十三日，她和被告东港市蜂田农业服务有限公司签订授粉服务协议。",
            "协议约定被告给每个大棚放两箱熊蜂，每箱四百八十元，保证蜂群正常出巢六十天，可是放蜂后的第九天，原告就发现蜂箱门口堆满了死蜂。",
            "草莓花没有授上粉，结出的果子百分之六十以上是畸形果，她要求被告把五千七百六十元蜂箱钱退回来，并赔偿减产损失十二万六千元。",
            "被告的代理人宓国强辩称，熊蜂出厂时都经过检疫，原告在大棚里打了防治白粉病的农药，没有提前把蜂箱搬出去，蜂群是中毒死的。",
            "证人佟丽娜是原告隔壁大棚的种植户，她说自己那年也从被告那里买了四箱蜂，同一批的熊蜂不到两个星期也死了一大半。",
            "审判员苑志成询问原告，打药那天有没有关上蜂箱的出口，并要求被告提交这批熊蜂的检疫证明和繁育场的出厂记录。",
        ],
    },
    {
        "id": "Z287", "split": "test",
        "case_number": "（2025）苏1102民初2638号", "cause": "买卖合同纠纷",
        "parties": ["柯文博", "镇江陶韵坊紫砂艺术有限公司"],
        "participants": ["骆新华", "邵明轩", "栗红霞"],
        "key_terms": ["紫砂壶", "全手工", "原矿紫泥", "注浆", "收藏证书", "印章", "着色剂"],
        "sexes": {"柯文博": "male", "骆新华": "female", "邵明轩": "male", "栗红霞": "female"},
        "sentences": [
            "原告柯文博诉称，二零二四年五月二十二日，他在被告镇江陶韵坊紫砂艺术有限公司开在京口区的门店里，花十八万八千元买了一把紫砂壶。",
            "被告的店员当时说，这把壶是一位工艺美术大师全手工做的，用的是原矿紫泥，并且给了他一本有大师签名的收藏证书。",
            "原告后来请专业机构检测，发现壶身内壁有注浆留下的痕迹，泥料里还加了着色剂，他要求被告退还货款，并赔偿五十六万四千元。",
            "被告的代理人骆新华辩称，证书上写的是大师监制，不是大师亲手制作，壶底的印章也是真的，原告是老藏家，应当看得懂这些。",
            "证人邵明轩原来是这位大师的徒弟，他说工作室里大部分壶都是徒弟们做的，大师只在壶底盖个章，一个月要盖一百多把。",
            "审判员栗红霞询问被告，那把壶的进货价是多少，同一款壶一共卖出去几把，并要求被告提交大师本人的授权书和这把壶的制作记录。",
        ],
    },
    {
        "id": "Z288", "split": "test",
        "case_number": "（2025）黑0717民初1174号", "cause": "承揽合同纠纷",
        "parties": ["隋德旺", "伊春市雪韵冰雪旅游开发有限公司"],
        "participants": ["车宏亮", "艾冬梅", "门立群"],
        "key_terms": ["冰雕", "冰块", "冰滑梯", "冰城堡", "采冰", "彩灯", "冰雪乐园"],
        "sexes": {"隋德旺": "male", "车宏亮": "male", "艾冬梅": "female", "门立群": "male"},
        "sentences": [
            "原告隋德旺诉称，二零二四年十二月，他带着十五名工人给被告伊春市雪韵冰雪旅游开发有限公司的冰雪乐园雕刻冰城堡和冰滑梯，总价款四十六万元。",
            "工人们从汤旺河的河面上采冰，一共用了两千三百多立方米的冰块，二零二五年一月十一日乐园开门迎客，被告却只付了二十万元。",
            "剩下的二十六万元工程款，原告要求被告马上付清，逾期的部分从一月十一日算起，每天按未付款的万分之五赔偿他的损失。",
            "被告的代理人车宏亮辩称，原告比约定晚了五天完工，错过了元旦假期，冰滑梯开业第三天就裂了一条缝，一个小孩滑下来把胳膊摔伤了。",
            "证人艾冬梅是乐园的安全员，她说那几天白天的气温升到了零上，滑道表面化了又冻上，才出现了裂缝，原告的工人当天就补好了。",
            "审判员门立群询问双方，工程有没有做过验收，晚完工的五天里下了几次大雪，并要求被告提交乐园一月份的门票收入明细。",
        ],
    },
    {
        "id": "Z289", "split": "test",
        "case_number": "（2025）渝0229刑初47号", "cause": "危害国家重点保护植物罪",
        "parties": ["晏成林"],
        "participants": ["湛丽君", "佘建波", "甄国庆"],
        "key_terms": ["崖柏", "悬崖", "树桩", "根雕", "手串", "绳索", "界碑"],
        "sexes": {"晏成林": "male", "湛丽君": "female", "佘建波": "male", "甄国庆": "male"},
        "sentences": [
            "公诉人湛丽君指控，二零二四年八月至十月，被告人晏成林先后七次带着绳索和锯子，攀上城口县大巴山保护区的悬崖，刨挖野生崖柏的树根和树桩。",
            "他把挖来的一千三百六十公斤崖柏分批卖给一家根雕作坊，作坊用这些料子做手串和摆件，晏成林前后一共收了八万九千元。",
            "经过林业部门鉴定，这些都是国家一级保护野生植物崖柏，其中有四株在挖的时候还是活的，树龄都在一百年以上。",
            "被告人晏成林当庭辩解，他挖的大多是在崖缝里枯死多年的老桩，村里很多人都在挖，他不知道死的崖柏也受保护。",
            "辩护人佘建波提出，晏成林是初犯，家里还有一个患病的母亲要照顾，他已经退缴了全部违法所得，并自愿出钱在山上补种崖柏苗。",
            "审判长甄国庆询问被告人，他第一次上山时有没有看到保护区的界碑和警示牌，然后宣布暂停审理二十分钟，合议庭要进行评议。",
        ],
    },
    {
        "id": "Z290", "split": "test",
        "case_number": "（2025）粤0229行初58号", "cause": "林业行政处罚纠纷",
        "parties": ["翁源县林丰木业有限公司", "翁源县林业局"],
        "participants": ["詹秋萍", "柏志远", "鲍建中", "党晓燕"],
        "key_terms": ["松木", "木托盘", "松材线虫病", "植物检疫证书", "疫区", "烘干窑", "抽样"],
        "sexes": {"詹秋萍": "female", "柏志远": "male", "鲍建中": "male", "党晓燕": "female"},
        "sentences": [
            "原告翁源县林丰木业有限公司诉称，公司是做木托盘的，二零二五年二月二十七日，公司从外省拉回三车松木，一共六十二点四立方米。",
            "第二天，被告翁源县林业局的检疫人员到厂里抽样，随后以这批松木没有植物检疫证书为由，对原告罚款二万元，并责令全部销毁。",
            "原告的代理人詹秋萍认为，卖方答应过随后补寄检疫证书，这些松木进厂后已经去了皮，放进烘干窑烘过，全部烧掉会损失七万零四百八十元。",
            "被告的副局长柏志远辩称，实验室从六个样品里检出了三个带有松材线虫，这批松木来自疫区，不论去没去皮，都不能随便调运。",
            "证人鲍建中是被告的检疫员，他说抽样那天原告的厂长也在场，六段样木都是当着他的面锯下来的，抽样单上有他的签字。",
            "审判员党晓燕询问被告，下处罚决定以前，原告知不知道自己可以陈述申辩，并要求被告提交实验室的检测报告和样品的保存记录。",
        ],
    },
]

NOTE = ("written for issue 16 round 42 before any change of rounds 41 and 42 was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout63", CASES, NOTE))
