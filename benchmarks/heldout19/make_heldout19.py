"""Synthesize the nineteenth held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 18 BEFORE any of that round's changes was run on it: the fresh
check that they hold on speech they were not made from. Never tuned on: all five cases are
split 'test'. Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout19/make_heldout19.py          # needs sox on PATH

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
        "id": "Z66", "split": "test",
        "case_number": "（2025）浙0110民初5583号", "cause": "技术服务合同纠纷",
        "parties": ["杭州云启网络科技有限公司", "温州尚德鞋业有限公司"],
        "participants": ["路志军", "温晓燕"],
        "sentences": [
            "原告杭州云启网络科技有限公司诉称，双方于二零二三年三月八日签订了软件开发技术服务合同。",
            "合同约定开发费用为三十六万元，被告已支付首付款十万八千元。",
            "原告按约交付了系统，但被告以系统存在缺陷为由拒绝验收，也不支付剩余款项。",
            "被告温州尚德鞋业有限公司辩称，系统多次出现数据丢失，无法正常使用。",
            "原告的代理人路志军申请对系统是否符合合同约定的功能进行司法鉴定。",
            "审判员温晓燕同意了原告的申请，并要求原告在七日内预交鉴定费用。",
        ],
    },
    {
        "id": "Z67", "split": "test",
        "case_number": "（2025）湘0102民初3147号", "cause": "财产损害赔偿纠纷",
        "parties": ["骆春华", "樊建民"],
        "participants": ["秦玉梅", "管志远"],
        "sentences": [
            "原告骆春华诉称，二零二四年七月二十六日，被告樊建民家的空调外机漏水，浸泡了原告的店铺。",
            "原告店内的货物和装修受损，经评估损失金额为六万四千八百元。",
            "被告樊建民辩称，漏水是因为物业公司维修管道不当，被告不应承担责任。",
            "原告的代理人秦玉梅提交了店铺受损的照片、评估报告和购货发票。",
            "审判员管志远询问被告是否申请追加物业公司作为第三人参加诉讼。",
            "被告表示申请追加，法庭决定本案延期审理。",
        ],
    },
    {
        "id": "Z68", "split": "test",
        "case_number": "（2025）川0104民初9062号", "cause": "提供劳务者受害责任纠纷",
        "parties": ["晏丽君", "祝永刚"],
        "participants": ["邵春燕", "鲍文杰"],
        "sentences": [
            "原告晏丽君受雇于被告祝永刚，在其承包的工地从事零工，每日工资二百八十元。",
            "二零二四年五月十三日，原告在搬运材料时从脚手架上摔下，造成腰椎骨折。",
            "原告请求被告赔偿医疗费、误工费、护理费等共计十四万七千元。",
            "被告祝永刚辩称，原告未按要求佩戴安全带，对损害的发生也有过错。",
            "原告的代理人邵春燕认为，被告没有提供必要的安全防护设施，应承担主要责任。",
            "审判员鲍文杰宣布，双方在庭后五日内提交书面代理意见。",
        ],
    },
    {
        "id": "Z69", "split": "test",
        "case_number": "（2025）黔0102刑初744号", "cause": "开设赌场罪",
        "parties": ["伍立新"],
        "participants": ["冯雅婷", "齐国强"],
        "sentences": [
            "公诉人冯雅婷指控，二零二四年二月至六月，被告人伍立新在其租用的民房内开设赌场。",
            "被告人组织他人以打麻将的方式赌博，从中抽头渔利共计三万一千元。",
            "公安机关于二零二四年六月十八日查获该赌场，当场收缴赌资八千六百元。",
            "被告人伍立新对指控的犯罪事实没有异议，自愿认罪认罚。",
            "辩护人齐国强提出，被告人系初犯，且已退缴全部违法所得，请求从轻处罚。",
            "公诉人建议判处被告人有期徒刑一年，并处罚金二万元。",
        ],
    },
    {
        "id": "Z70", "split": "test",
        "case_number": "（2025）豫0105行初238号", "cause": "行政赔偿纠纷",
        "parties": ["蔺晓东", "郑州市金水区人民政府"],
        "participants": ["毕秀兰", "裴海波"],
        "sentences": [
            "原告蔺晓东诉称，被告于二零二三年八月十五日组织人员拆除了原告经营的汽车修理厂。",
            "该拆除行为已被人民法院生效判决确认违法。",
            "原告请求被告赔偿厂房、设备及停产停业损失共计一百二十三万元。",
            "被告郑州市金水区人民政府辩称，原告主张的停产停业损失没有证据支持。",
            "被告的代理人毕秀兰表示，被告愿意按照评估价格赔偿厂房和设备损失。",
            "审判长裴海波宣布，合议庭将在评议后择期宣判。",
        ],
    },
]

NOTE = ("written for issue 16 round 18 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout19", CASES, NOTE))
