"""Synthesize the eleventh held-out set: hearings of five new made-up cases (three civil,
one criminal, one labour), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 10 BEFORE that round's change (a final ending in a bare number is
read again with the same speaker's next utterance, asr.worker) was run on it: the fresh check
that the change holds on speech it was not made from. Never tuned on: all five cases are split
'test'. Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout11/make_heldout11.py          # needs sox on PATH

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
        "id": "Z26", "split": "test",
        "case_number": "（2025）鄂0102民初7730号", "cause": "股权转让纠纷",
        "parties": ["闵德胜", "骆俊峰"],
        "participants": ["车婉清", "邰永康"],
        "sentences": [
            "原告闵德胜与被告骆俊峰于二零二一年六月二十八日签订股权转让协议。",
            "被告将其持有的公司百分之三十的股权以九十六万元转让给原告。",
            "原告已于二零二一年七月五日支付首期转让款四十万元。",
            "被告辩称，原告未按约定在二零二一年底前支付剩余的五十六万元。",
            "审判长车婉清询问双方是否已经办理股权变更登记。",
            "原告的代理人邰永康提交了工商变更登记的申请材料。",
        ],
    },
    {
        "id": "Z27", "split": "test",
        "case_number": "（2025）黑0103民初2148号", "cause": "医疗损害责任纠纷",
        "parties": ["栾秀英", "哈尔滨市仁和医院"],
        "participants": ["鞠鸿远", "冼文静"],
        "sentences": [
            "原告栾秀英于二零二三年九月十二日在被告处接受膝关节置换手术。",
            "术后原告出现感染，先后住院治疗共计四十七天。",
            "经鉴定，被告的诊疗行为存在过错，与损害后果之间存在因果关系。",
            "原告请求被告赔偿医疗费、误工费等各项损失共计十八万三千六百元。",
            "被告哈尔滨市仁和医院的代理人冼文静对鉴定意见的参与度有异议。",
            "审判员鞠鸿远宣布，本案将择期宣判。",
        ],
    },
    {
        "id": "Z28", "split": "test",
        "case_number": "（2025）晋0105刑初391号", "cause": "盗窃罪",
        "parties": ["柴国斌"],
        "participants": ["应晓燕", "尚立新", "谈梦瑶"],
        "sentences": [
            "公诉人应晓燕指控，被告人柴国斌于二零二四年三月至四月间多次入户盗窃。",
            "被告人共窃取现金及财物价值合计六万二千四百元。",
            "被告人柴国斌对起诉书指控的事实和罪名没有异议。",
            "辩护人尚立新提出，被告人有坦白情节，且赃款已全部退还。",
            "被害人谈梦瑶表示已经收到退赔款，并出具了谅解书。",
            "审判长宣布休庭，合议庭将进行评议。",
        ],
    },
    {
        "id": "Z29", "split": "test",
        "case_number": "（2025）桂0102民初6052号", "cause": "合伙协议纠纷",
        "parties": ["莫志勇", "韦丽华"],
        "participants": ["蒙少杰", "黎彩云"],
        "sentences": [
            "原告莫志勇与被告韦丽华于二零二零年四月合伙经营一家餐馆。",
            "双方约定各出资十五万元，利润按照出资比例分配。",
            "二零二三年八月餐馆停业，账户内尚有余款七万零八百元。",
            "原告请求分割合伙财产，并由被告返还多领取的分红二万六千元。",
            "被告的代理人黎彩云辩称，原告长期未参与经营，不应平均分配。",
            "审判员蒙少杰要求双方在七日内提交合伙期间的账目。",
        ],
    },
    {
        "id": "Z30", "split": "test",
        "case_number": "（2025）甘0102民初1875号", "cause": "劳动争议",
        "parties": ["景玉兰", "兰州恒信物流有限公司"],
        "participants": ["祁振东", "牛雅婷"],
        "sentences": [
            "原告景玉兰自二零一七年三月一日起在被告处担任仓库管理员。",
            "二零二四年五月二十日，被告以经营困难为由解除了劳动合同。",
            "原告月平均工资为五千八百元，请求被告支付经济补偿金四万零六百元。",
            "被告兰州恒信物流有限公司辩称，解除劳动合同前已经提前三十日通知原告。",
            "原告的代理人牛雅婷提交了工资流水和社会保险缴费记录。",
            "审判员祁振东询问双方是否同意调解。",
        ],
    },
]

NOTE = ("written for issue 16 round 10 before that round's change was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout11", CASES, NOTE))
