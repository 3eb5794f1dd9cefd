"""Synthesize the forty-fifth held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 32 BEFORE any of that round's changes was run on it: a fresh
check that they hold on speech they were not made from. Never tuned on: all five cases are
split 'test'. Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout45/make_heldout45.py          # needs sox on PATH

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
        "id": "Z196", "split": "test",
        "case_number": "（2025）蒙0202民初3486号", "cause": "劳务合同纠纷",
        "parties": ["蔺永强", "包头鼎垣装饰工程有限公司"],
        "participants": ["翁振东", "尚学军", "褚晓燕"],
        "sentences": [
            "原告蔺永强诉称，二零二四年四月，被告包头鼎垣装饰工程有限公司找他带六名工人，给东河区一个小区的二十八套住房做吊顶。",
            "双方口头约定按面积结算，每平方米九十五元，总面积三千一百二十平方米，二零二四年九月十七日全部完工并交给了被告。",
            "被告先后支付了十五万元，还欠劳务费十四万六千四百元，蔺永强请求判令被告付清，并按照年息百分之三点四五计算逾期利息。",
            "被告的代理人翁振东辩称，有四套房子的吊顶出现了裂缝，被告找人返工花了八千零四十五点五元，这笔钱应当从劳务费里扣除。",
            "证人尚学军是跟着原告干活的工人，他说裂缝是楼上卫生间漏水泡坏的，业主已经在验收单上签了字，被告的项目经理也在场。",
            "审判员褚晓燕询问被告，返工的时候有没有通知原告到场，并要求被告十天之内补交返工的票据和验收单的原件，随后宣布休庭。",
        ],
    },
    {
        "id": "Z197", "split": "test",
        "case_number": "（2025）黔0381民初5127号", "cause": "机动车交通事故责任纠纷",
        "parties": ["骆秀芬", "韦德昌"],
        "participants": ["戚远航", "杭玉梅", "龚建新"],
        "sentences": [
            "原告骆秀芬诉称，二零二四年十二月七日晚上七点二十分左右，她骑着电动自行车路过赤水市区的一个路口，被一辆右转的越野车撞倒。",
            "越野车的司机是被告韦德昌，交警认定被告负主要责任，原告负次要责任，原告左腿胫骨骨折，住院三十一天，构成十级伤残。",
            "原告主张的损失包括医疗费五万三千零八十七点二元、残疾赔偿金八万四千六百元，以及误工费、护理费等，共计十六万二千元。",
            "被告的代理人戚远航辩称，那辆越野车买了交强险，还有保额一百万元的商业险，损失应该先找保险公司理赔，被告最多承担百分之七十。",
            "证人杭玉梅是路口旁边一家超市的收银员，她说那天下着小雨，越野车转弯的时候没有减速，骆秀芬也没有戴头盔，摔出去好几米远。",
            "审判员龚建新询问原告，事故发生以后被告垫付了多少钱，并让双方下周三以前把路口的监控录像和原告的收入证明交到法庭。",
        ],
    },
    {
        "id": "Z198", "split": "test",
        "case_number": "（2025）晋0882民初1963号", "cause": "抚养纠纷",
        "parties": ["景翠萍", "卫俊峰"],
        "participants": ["裴志宏", "狄雅琴", "柴红英"],
        "sentences": [
            "原告景翠萍诉称，她和被告卫俊峰在二零一五年五月登记结婚，二零一六年八月生下儿子，二零二二年协议离婚时约定儿子由被告抚养。",
            "离婚以后被告一直在外地打工，把孩子留给河津老家七十多岁的奶奶照顾，孩子今年上三年级，上个学期有三门功课不及格，还经常迟到。",
            "景翠萍在运城市盐湖区开了一家面馆，每月收入八千元左右，她要求变更抚养关系，由她抚养儿子，被告每个月给一千五百元抚养费。",
            "被告的代理人裴志宏辩称，被告在深圳一家电子厂上班，每个月都往家里寄三千元，孩子跟着奶奶生活了三年，突然换环境对孩子不利。",
            "证人狄雅琴是孩子的班主任，她说这个学期孩子请了十一天假，开家长会的时候一直是奶奶来，她给被告打过两次电话都没有人接。",
            "审判员柴红英询问被告一年回家几次，并告知双方，法庭将在二零二五年三月十四日上午九点半单独听取孩子的意见，随后宣布休庭。",
        ],
    },
    {
        "id": "Z199", "split": "test",
        "case_number": "（2025）闽0504刑初436号", "cause": "盗窃罪",
        "parties": ["穆小龙", "冉海波"],
        "participants": ["鲍佳琪", "詹德胜", "苗立新"],
        "sentences": [
            "公诉人鲍佳琪指控，二零二四年八月至十月，被告人穆小龙和冉海波多次在深夜进入泉州市洛江区的五个小区，撬开电动车的电池盒偷电池。",
            "两名被告人一共作案二十三次，盗走锂电池三十一块，经价格认定总价值五万六千零二十元，大部分以每块三百元卖给了废品收购站。",
            "二零二四年十月二十六日凌晨一点多，两人再次作案时被保安当场抓住，民警在他们租住的房间里搜出了撬棍和十四块电池。",
            "被告人冉海波辩解，他只负责骑车望风，每次分到的钱不到三分之一，而且他已经退赔了一万二千五百元，希望法庭能够从轻发落。",
            "证人詹德胜是小区的保安队长，他说那天晚上他在监控里看到两个人蹲在车棚里，就带着两名保安从两边围过去，把他们按住了。",
            "审判长苗立新询问被告人穆小龙，卖电池得来的钱都花在了什么地方，接着宣布法庭调查到此结束，由公诉人发表公诉意见。",
        ],
    },
    {
        "id": "Z200", "split": "test",
        "case_number": "（2025）湘0281行初69号", "cause": "房屋登记行政纠纷",
        "parties": ["晏德福", "醴陵市自然资源局"],
        "participants": ["谭卫红", "易婷婷", "向明辉"],
        "sentences": [
            "原告晏德福诉称，他在醴陵市城区有一套一百二十六点四平方米的住房，二零二三年九月，被告醴陵市自然资源局把房子登记到了别人名下。",
            "办理转移登记时用的委托书是伪造的，晏德福当时在浙江打工，根本没有委托过任何人，房子却以八十六万元的价格卖给了第三人。",
            "原告请求法院撤销这次转移登记，并判令被告赔偿他为调取档案、做笔迹鉴定和往返路费支出的二万零三百六十元。",
            "被告的代理人谭卫红辩称，登记机构只负责审查申请材料是否齐全，那份委托书还经过了公证，被告已经尽到了合理的审慎义务。",
            "证人易婷婷是当时受理这份申请的窗口工作人员，她说那天来办手续的是两个人，核对原件用了大约二十分钟，她没有发现什么问题。",
            "审判长向明辉询问被告，第三人现在有没有把房子抵押给银行，并让被告在一周之内把全部登记档案交上来，随后宣布休庭。",
        ],
    },
]

NOTE = ("written for issue 16 round 32 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout45", CASES, NOTE))
