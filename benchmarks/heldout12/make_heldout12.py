"""Synthesize the twelfth held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 11 BEFORE any of that round's changes was run on it: the fresh
check that they hold on speech they were not made from. Never tuned on: all five cases are
split 'test'. Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout12/make_heldout12.py          # needs sox on PATH

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
        "id": "Z31", "split": "test",
        "case_number": "（2025）皖0104民初5296号", "cause": "房屋买卖合同纠纷",
        "parties": ["储建平", "符晓丽"],
        "participants": ["鲍文涛", "虞春燕"],
        "sentences": [
            "原告储建平与被告符晓丽于二零二二年十一月三日签订房屋买卖合同。",
            "合同约定房屋总价款为二百三十八万元，原告当日支付定金五万元。",
            "被告辩称，原告未能在约定期限内办理按揭贷款，构成违约。",
            "原告的代理人鲍文涛认为，贷款未获批准是银行的原因，原告没有过错。",
            "原告请求被告双倍返还定金十万元，并赔偿中介费用二万三千八百元。",
            "审判长虞春燕询问被告对上述证据的真实性是否有异议。",
        ],
    },
    {
        "id": "Z32", "split": "test",
        "case_number": "（2025）苏0106民初8813号", "cause": "物业服务合同纠纷",
        "parties": ["南京锦绣物业服务有限公司", "汤秀梅"],
        "participants": ["晏志宏", "窦雪琴"],
        "sentences": [
            "原告南京锦绣物业服务有限公司诉称，被告汤秀梅自二零二一年一月起未缴纳物业费。",
            "物业费标准为每月二百六十元，截至起诉之日共拖欠八千五百八十元。",
            "被告汤秀梅辩称，小区电梯长期故障，原告没有履行维修义务。",
            "原告的代理人晏志宏提交了电梯维保记录和业主大会决议。",
            "审判员窦雪琴指出，被告可以就服务质量问题另行主张权利。",
            "双方同意在十五日内自行协商，协商不成由法庭依法判决。",
        ],
    },
    {
        "id": "Z33", "split": "test",
        "case_number": "（2025）浙0102刑初467号", "cause": "诈骗罪",
        "parties": ["桂成龙"],
        "participants": ["阮静怡", "龚海鹰", "麦淑芬"],
        "sentences": [
            "公诉人阮静怡宣读起诉书，指控被告人桂成龙以投资为名骗取他人财物。",
            "二零二三年二月十四日至六月九日，被告人先后骗取被害人麦淑芬四十五万元。",
            "被告人桂成龙当庭表示认罪认罚，愿意退赔全部损失。",
            "辩护人龚海鹰提出，被告人系初犯，且案发后主动投案，具有自首情节。",
            "公诉人建议判处被告人有期徒刑三年六个月，并处罚金五万元。",
            "审判长宣布休庭，合议庭将对本案进行评议。",
        ],
    },
    {
        "id": "Z34", "split": "test",
        "case_number": "（2025）闽0203民初3370号", "cause": "装饰装修合同纠纷",
        "parties": ["钮丽君", "庞德龙"],
        "participants": ["柯雅琴", "巫建伟"],
        "sentences": [
            "原告钮丽君于二零二四年四月委托被告庞德龙装修其位于厦门市的住宅。",
            "双方约定工程款为十二万零五百元，工期为九十日。",
            "原告已支付工程款八万六千元，但被告逾期两个月仍未完工。",
            "经鉴定，已完工部分存在质量问题，修复费用为一万九千八百元。",
            "被告的代理人柯雅琴对鉴定结论的计算方法提出异议。",
            "审判员巫建伟要求双方在七日内提交补充证据。",
        ],
    },
    {
        "id": "Z35", "split": "test",
        "case_number": "（2025）川0104行初215号", "cause": "工伤认定行政纠纷",
        "parties": ["郜红霞", "成都市人力资源和社会保障局"],
        "participants": ["苗立航", "殷秀兰"],
        "sentences": [
            "原告郜红霞不服被告作出的不予认定工伤决定，提起行政诉讼。",
            "原告的丈夫于二零一九年五月二十六日在下班途中发生交通事故死亡。",
            "被告认为，事故发生时原告的丈夫并非在合理的下班路线上。",
            "原告的代理人苗立航提交了交通事故认定书和工作单位的考勤记录。",
            "原告请求撤销被告作出的决定，并责令被告在六十日内重新作出认定。",
            "审判长殷秀兰宣布，本案将择期宣判。",
        ],
    },
]

NOTE = ("written for issue 16 round 11 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout12", CASES, NOTE))
