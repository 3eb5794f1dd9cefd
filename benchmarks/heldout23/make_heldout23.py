"""Synthesize the twenty-third held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 22 BEFORE any of that round's changes was run on it: the fresh
check that they hold on speech they were not made from. Never tuned on: all five cases are
split 'test'. Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout23/make_heldout23.py          # needs sox on PATH

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
        "id": "Z86", "split": "test",
        "case_number": "（2025）辽0204民初3472号", "cause": "庆典服务合同纠纷",
        "parties": ["鞠文涛", "大连鸿禧婚庆礼仪有限公司"],
        "participants": ["殷嘉伟", "骆佳怡", "鲍丽君"],
        "sentences": [
            "原告鞠文涛诉称，二零二四年三月二十七日，原告与被告大连鸿禧婚庆礼仪有限公司签订婚礼服务合同，由被告负责同年十月二日婚礼的场地布置、主持和全程摄像。",
            "合同总价二万八千八百元，原告签约时支付定金五千元，婚礼前一周又支付了一万九千元，剩余四千八百元约定在婚礼结束后结清。",
            "婚礼当天，主持人迟到了四十分钟，摄像师中途离场，仪式后半段没有录像，原告要求被告返还一万二千元，并赔偿补拍费用三千四百六十元。",
            "被告的代理人殷嘉伟辩称，主持人迟到是因为沿海路段临时交通管制，鲜花拱门改用仿真花也征得了原告母亲的同意，被告愿意免除余款四千八百元。",
            "证人骆佳怡是当天的伴娘，她作证说，新娘的母亲在化妆间里明确拒绝过使用仿真花，当时在场的还有被告的两名工作人员。",
            "审判员鲍丽君责令被告七日内补交当天的花艺采购单和摄像师的排班记录，并询问原告是否同意调解。",
        ],
    },
    {
        "id": "Z87", "split": "test",
        "case_number": "（2025）苏0613民初2817号", "cause": "养老服务合同纠纷",
        "parties": ["卞桂芳", "南通松鹤养老服务有限公司"],
        "participants": ["詹志远", "禹丽萍", "柯建明"],
        "sentences": [
            "原告卞桂芳诉称，原告今年八十二岁，二零二三年八月入住被告南通松鹤养老服务有限公司开办的养老院，双方约定的护理等级是二级护理。",
            "原告每月缴纳床位费一千六百元、护理费一千二百元和伙食费九百元，入住时还交了押金五千元。",
            "二零二四年十一月二十三日夜里，原告独自起床去卫生间时摔倒，直到第二天早上六点才被护理员发现，医院诊断是右侧股骨颈骨折。",
            "原告在医院住了二十六天，花去医疗费四万一千七百三十五元，现主张被告赔偿医疗费、陪护费、营养费和交通费，合计六万七千零八十元。",
            "被告的代理人詹志远辩称，原告入住时的评估表显示能够自主如厕，当晚起床没有按床头的呼叫器，被告已经履行了护理义务。",
            "审判员柯建明询问当晚值班的护理员禹丽萍，夜里每隔几个小时巡查一次，一层楼有几名护理员值班，并要求被告提交走廊的监控录像。",
        ],
    },
    {
        "id": "Z88", "split": "test",
        "case_number": "（2025）鲁1702民初3095号", "cause": "农机作业服务合同纠纷",
        "parties": ["菏泽丰泽农机服务有限公司", "邬德顺"],
        "participants": ["房志刚", "芮国梁", "蒯淑华"],
        "sentences": [
            "原告菏泽丰泽农机服务有限公司诉称，二零二四年六月，原告用三台联合收割机为被告邬德顺收割了承包的四百六十亩小麦，约定每亩收费六十五元。",
            "收割完成后，被告只支付了一万元，剩余的一万九千九百元经多次催要至今没有支付。",
            "被告邬德顺辩称，原告比约定的时间晚到了三天，其间下了一场大雨，有一百多亩小麦倒伏，收割时掉粒严重。",
            "被告主张有一百二十亩小麦每亩减产八十公斤，按照每公斤二点四元计算，损失二万三千零四十元，应当从作业费中扣除。",
            "原告的代理人房志刚称，晚到是因为被告地块附近正在修路，收割机只能绕行，而且小麦倒伏是大风造成的，与收割时间无关。",
            "审判员蒯淑华询问证人芮国梁，当年同一片地里其他农户的小麦亩产是多少，证人回答每亩大约一千一百斤。",
        ],
    },
    {
        "id": "Z89", "split": "test",
        "case_number": "（2025）闽0703刑初176号", "cause": "滥伐林木罪",
        "parties": ["巫永贵"],
        "participants": ["阙晓东", "聂文斌", "竺丽华"],
        "sentences": [
            "公诉人阙晓东指控，二零二三年十月至二零二四年三月，被告人巫永贵在没有办理林木采伐许可证的情况下，雇人砍伐了自家承包山场上的杉木。",
            "经林业部门鉴定，被砍伐的杉木共有一千三百二十株，立木蓄积八十六点四立方米。",
            "被告人巫永贵当庭陈述，木材以每立方米七百八十元的价格卖给了镇上的木材加工厂，共得款六万七千三百九十二元。",
            "辩护人聂文斌提出，山场是被告人自己承包的，被告人以为砍自家的树不需要审批，主观恶性较小，并且已经在原地补种了杉木苗三千株。",
            "辩护人还提交了林业站出具的补种验收意见，证明已经补植四十二亩，成活率达到百分之九十以上。",
            "审判长竺丽华询问被告人是否自愿认罪认罚，被告人表示愿意接受有期徒刑一年、缓刑一年六个月，并处罚金一万元的量刑建议。",
        ],
    },
    {
        "id": "Z90", "split": "test",
        "case_number": "（2025）川1402行初74号", "cause": "行政补偿纠纷",
        "parties": ["敖志强", "眉山市东坡区人民政府"],
        "participants": ["蒲晓燕", "鄢文博", "邰静怡"],
        "sentences": [
            "原告敖志强诉称，原告在东坡区经营一家生猪养殖场，二零二三年七月十四日，被告眉山市东坡区人民政府将该区域划入禁养区，责令原告限期关闭。",
            "原告按期关闭了养殖场，提前出栏生猪四百头，拆除了一千八百平方米的猪棚和两个沼气池。",
            "被告只给付了补偿款二十一万四千元，原告认为这个数额远远低于实际损失，请求被告再补偿三十八万元。",
            "被告的代理人蒲晓燕辩称，补偿标准是按照区政府二零二二年发布的文件确定的，猪棚每平方米八十元，沼气池每个一万元，生猪每头一百二十五元。",
            "证人鄢文博是眉山信诚资产评估有限公司的估价师，他说受原告委托做过一次评估，猪棚、沼气池和设备的重建费用合计五十九万四千元。",
            "审判长邰静怡要求被告在十五日内说明补偿标准的依据，并提交关闭养殖场之前现场勘验的照片和笔录。",
        ],
    },
]

NOTE = ("written for issue 16 round 22 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout23", CASES, NOTE))
