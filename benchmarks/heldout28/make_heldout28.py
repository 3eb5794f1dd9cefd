"""Synthesize the twenty-eighth held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 24 BEFORE any of that round's changes was run on it, with
heldout29: the fresh check that they hold on speech they were not made from. Never tuned on:
all five cases are split 'test'. Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout28/make_heldout28.py          # needs sox on PATH

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
        "id": "Z111", "split": "test",
        "case_number": "（2025）皖1002民初2318号", "cause": "旅店服务合同纠纷",
        "parties": ["逯思远", "黄山听泉山居酒店管理有限公司"],
        "participants": ["蒯立新", "笪玉琴", "冀文博"],
        "sentences": [
            "原告逯思远诉称，二零二四年五月一日，他带着妻子和女儿入住被告黄山听泉山居酒店管理有限公司经营的酒店，订了两晚，房费一千七百六十元。",
            "五月二日上午，他们一家去景区游玩，傍晚回到房间时发现行李箱被人翻过，一台单反相机、两个镜头和六千元现金都不见了。",
            "原告请求判令酒店赔偿相机和镜头的损失三万八千四百元、丢失的现金六千元，退还全部房费，并承担本案的诉讼费用。",
            "被告的代理人蒯立新辩称，房间的桌子上放着提示卡，写明贵重物品请寄存前台，原告没有寄存，自己也要承担一部分责任。",
            "证人笪玉琴那天在前台值班，她说下午一点多有个男子自称是这个房间的客人，房卡丢了，她没有核对身份证就给他补办了一张。",
            "审判员冀文博询问被告，酒店的走廊里装了几个摄像头，并要求被告提交当天补办房卡的登记记录和下午的监控录像。",
        ],
    },
    {
        "id": "Z112", "split": "test",
        "case_number": "（2025）蒙0204民初4061号", "cause": "合伙合同纠纷",
        "parties": ["亓红梅", "栾志强"],
        "participants": ["昝明亮", "蔺小军", "甄丽萍"],
        "sentences": [
            "原告亓红梅诉称，二零二二年三月，她和被告栾志强在包头市青山区合伙开了一家洗车店，她出资十五万元，约定她分百分之五十五的利润。",
            "洗车店买了两台自动洗车机和一套打蜡设备，办了会员卡的老客户有四百多个，生意最好的月份收入超过七万三千元。",
            "二零二四年八月起，被告把店里的收款码换成了他自己的，原告请求解除合伙关系，返还出资，并分给她利润十万零五百元。",
            "被告的代理人昝明亮辩称，冬天生意很差，店里还要付房租、水电费和两名洗车工的工资，一直在亏本，根本没有利润可分。",
            "证人蔺小军在店里洗了两年车，他说去年八月以后，栾志强让他把墙上的二维码换成一张新的，客人扫码的钱都进了栾志强的账户。",
            "审判员甄丽萍询问双方，合伙协议里有没有关于退伙的约定，并要求被告提交二零二四年八月到十二月的全部收款记录。",
        ],
    },
    {
        "id": "Z113", "split": "test",
        "case_number": "（2025）川1502民初3527号", "cause": "悬赏广告纠纷",
        "parties": ["鞠海川", "郦晓雯"],
        "participants": ["敖建平", "冼国栋", "禹春燕"],
        "sentences": [
            "原告鞠海川诉称，他在宜宾开出租车，二零二四年十一月十九日晚上，被告郦晓雯坐他的车去火车站，下车时把一个黑色公文包落在了后座上。",
            "第二天，被告在朋友圈和本地论坛上发了寻物启事，说包里有护照和两份购房合同的原件，凡是送回来的，酬谢两万元。",
            "原告看到寻物启事后，当天就按上面的电话把公文包送了回去，被告只给了他二千元，原告起诉要求被告把剩下的一万八千元付清。",
            "被告的代理人敖建平辩称，拾到别人的东西本来就应当归还，而且包里原来有三千五百元现金，送回来的时候只剩一千二百元。",
            "证人冼国栋是出租车公司的调度员，他说原告第二天一早就到公司登记了失物，打开公文包只是为了找失主的联系方式。",
            "审判员禹春燕询问被告，那条寻物启事是不是她本人发布的，并要求被告提供朋友圈的截图和她与原告的聊天记录。",
        ],
    },
    {
        "id": "Z114", "split": "test",
        "case_number": "（2025）鲁1302刑初641号", "cause": "假冒注册商标罪",
        "parties": ["滕国华", "粟明辉"],
        "participants": ["弓晓琳", "漆永刚", "檀建新"],
        "sentences": [
            "公诉人弓晓琳指控，二零二三年七月到二零二四年三月，被告人滕国华在临沂市兰山区租了一间仓库，买来散装机油和一台灌装机。",
            "他把散装机油灌进四升装的塑料桶，贴上从网上买来的某知名品牌的商标标签，以每桶一百四十五元的价格卖给周边的汽修店。",
            "公安机关在仓库里查获成品机油二千三百六十桶、空桶九百个，经审计，非法经营数额为一百二十七万四千八百元。",
            "被告人滕国华当庭辩解，他只是觉得正品太贵，自己灌的机油质量也不差，而且家属已经退赔了违法所得二十三万元。",
            "被告人粟明辉的辩护人漆永刚提出，粟明辉是被雇来贴标签和送货的，一个月拿五千八百元的工资，并不知道这些机油是假冒的。",
            "审判长檀建新询问被告人粟明辉，送货时有没有发现售价只有正品的一半左右，随后宣布休庭十分钟。",
        ],
    },
    {
        "id": "Z115", "split": "test",
        "case_number": "（2025）苏0211行初96号", "cause": "行政确认纠纷",
        "parties": ["蒲俊杰", "无锡市公安局滨湖分局"],
        "participants": ["宦立群", "桑永福", "荆慧芳"],
        "sentences": [
            "原告蒲俊杰诉称，二零二四年八月十四日傍晚，他在太湖边送外卖，看见一个十岁左右的男孩掉进了湖里，就跳下去把孩子救上了岸。",
            "他的右脚被湖底的碎玻璃割伤，缝合了九针，住院十一天，花去医疗费二万七千零四十点五元，送的餐也赔了一百八十六元。",
            "原告向被告申请确认见义勇为，被告在二零二四年十二月三日作出不予确认的决定，原告请求撤销这个决定，并判令被告重新处理。",
            "被告的代理人宦立群辩称，男孩的父亲当时也跳进了湖里，他说孩子是自己救上来的，现场的监控又拍不清楚，所以无法认定。",
            "证人桑永福是在湖边钓鱼的退休工人，他说原告把电动车往路边一扔就跳了下去，游了二十多米才抓住孩子，孩子的父亲是后来才下水的。",
            "审判长荆慧芳询问被告，调查时有没有找这位证人核实情况，并要求被告在一周内补交全部调查笔录和现场的监控视频。",
        ],
    },
]

NOTE = ("written for issue 16 round 24 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout28", CASES, NOTE))
