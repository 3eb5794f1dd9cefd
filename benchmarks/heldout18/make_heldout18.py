"""Synthesize the eighteenth held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 17 BEFORE any of that round's changes was run on it: the fresh
check that they hold on speech they were not made from. Never tuned on: all five cases are
split 'test'. Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout18/make_heldout18.py          # needs sox on PATH

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
        "id": "Z61", "split": "test",
        "case_number": "（2025）闽0102民初4418号", "cause": "确认合同无效纠纷",
        "parties": ["钟慧敏", "福州鑫达典当有限公司"],
        "participants": ["焦振宇", "雷志鹏"],
        "sentences": [
            "原告钟慧敏诉称，二零二三年二月十四日，她以自有房屋作抵押向被告借款六十万元。",
            "被告福州鑫达典当有限公司在借款时预先扣除了综合费用七万二千元。",
            "原告认为，双方签订的合同名为典当，实为高利放贷，应当确认无效。",
            "被告的代理人焦振宇辩称，被告具有典当经营许可证，收取的综合费用符合规定。",
            "原告当庭提交了银行流水，证明实际收到的款项只有五十二万八千元。",
            "审判员雷志鹏询问原告，是否已经偿还了部分借款本金。",
        ],
    },
    {
        "id": "Z62", "split": "test",
        "case_number": "（2025）豫0105民初7306号", "cause": "排除妨害纠纷",
        "parties": ["窦晓明", "殷春梅"],
        "participants": ["葛建军", "柴玉凤"],
        "sentences": [
            "原告窦晓明与被告殷春梅系同一单元的上下楼邻居。",
            "原告诉称，被告自二零二四年六月起在楼道内堆放杂物，并私自安装了铁门。",
            "原告多次与被告协商未果，物业公司也曾于二零二四年九月三日发出整改通知。",
            "被告殷春梅辩称，铁门安装在自家门前，没有影响其他住户通行。",
            "原告的代理人葛建军提交了现场照片和消防部门出具的隐患整改通知书。",
            "审判员柴玉凤组织双方于十五日后到现场进行勘验。",
        ],
    },
    {
        "id": "Z63", "split": "test",
        "case_number": "（2025）陕0113民初2951号", "cause": "追偿权纠纷",
        "parties": ["西安恒信融资担保有限公司", "左文斌"],
        "participants": ["宁海燕", "冉国庆"],
        "sentences": [
            "原告西安恒信融资担保有限公司诉称，其为被告左文斌向银行的借款提供了连带责任保证。",
            "借款到期后被告未能还款，原告于二零二四年四月二十二日代为偿还了本息三十一万六千元。",
            "原告请求被告偿还代偿款三十一万六千元，并支付担保费九千五百元。",
            "被告左文斌对代偿的事实没有异议，但认为担保费的计算标准过高。",
            "原告的代理人宁海燕出示了委托担保合同和银行出具的代偿证明。",
            "审判长冉国庆宣布，双方同意庭后调解，调解期限为二十日。",
        ],
    },
    {
        "id": "Z64", "split": "test",
        "case_number": "（2025）皖0104刑初388号", "cause": "故意毁坏财物罪",
        "parties": ["娄春生"],
        "participants": ["邬晓丽", "龚德华"],
        "sentences": [
            "公诉人邬晓丽指控，二零二四年十一月八日凌晨，被告人娄春生因琐事与邻居发生矛盾。",
            "被告人用铁锤砸坏了邻居停放在路边的两辆小型汽车。",
            "经价格认定，被损坏车辆的维修费用合计四万三千五百元。",
            "被告人娄春生到案后如实供述，并与被害人达成和解，取得了谅解。",
            "辩护人龚德华提出，被告人系初犯，主观恶性较小，建议判处缓刑。",
            "公诉人建议判处被告人拘役五个月，并处罚金三千元。",
        ],
    },
    {
        "id": "Z65", "split": "test",
        "case_number": "（2025）赣0102行初157号", "cause": "行政登记纠纷",
        "parties": ["丰雅琴", "南昌市不动产登记中心"],
        "participants": ["廉志勇", "汤永福"],
        "sentences": [
            "原告丰雅琴诉称，被告于二零二三年十月十九日将其名下的一套住房转移登记至第三人名下。",
            "原告认为，第三人提交的授权委托书上的签名不是原告本人所签。",
            "经鉴定，委托书上的签名与原告的笔迹不一致。",
            "被告南昌市不动产登记中心辩称，其已尽到合理审查义务，登记程序合法。",
            "被告的代理人廉志勇表示，被告对申请材料只负有形式审查的责任。",
            "审判长汤永福宣布，本案将于二零二五年三月十二日上午九时宣判。",
        ],
    },
]

NOTE = ("written for issue 16 round 17 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout18", CASES, NOTE))
