"""Synthesize the thirteenth held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 12 BEFORE any of that round's changes was run on it: the fresh
check that they hold on speech they were not made from. Never tuned on: all five cases are
split 'test'. Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout13/make_heldout13.py          # needs sox on PATH

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
        "id": "Z36", "split": "test",
        "case_number": "（2025）皖0802民初6127号", "cause": "金融借款合同纠纷",
        "parties": ["安庆农村商业银行股份有限公司", "詹国栋"],
        "participants": ["邝美华", "蔺志刚"],
        "sentences": [
            "原告安庆农村商业银行股份有限公司诉称，被告詹国栋于二零二一年八月十六日向原告借款三十五万元。",
            "借款期限为三年，约定按月等额还款，逾期按合同利率加收百分之五十的罚息。",
            "被告自二零二三年三月起停止还款，尚欠本金二十一万四千六百元。",
            "原告的代理人邝美华当庭出示了借款合同、借款借据和银行流水。",
            "被告詹国栋辩称，因经营困难暂时无力还款，请求法院准许分期履行。",
            "审判员蔺志刚询问双方是否愿意在法庭主持下进行调解。",
        ],
    },
    {
        "id": "Z37", "split": "test",
        "case_number": "（2025）浙0402民初2958号", "cause": "运输合同纠纷",
        "parties": ["嘉兴恒运物流有限公司", "柏文斌"],
        "participants": ["闵晓红", "谭建勋"],
        "sentences": [
            "原告嘉兴恒运物流有限公司与被告柏文斌于二零二四年六月签订货物运输合同。",
            "合同约定运费为每车三千二百元，共运输四十六车，运费合计十四万七千二百元。",
            "被告已支付运费九万元，余款五万七千二百元至今未付。",
            "被告柏文斌辩称，原告在运输途中造成货物损毁，损失约一万二千元，应当从运费中扣除。",
            "原告的代理人闵晓红认为，货物损毁系被告包装不当所致，原告不承担责任。",
            "审判长谭建勋要求被告在十日内提交货物损毁的证据。",
        ],
    },
    {
        "id": "Z38", "split": "test",
        "case_number": "（2025）粤0606刑初781号", "cause": "危险驾驶罪",
        "parties": ["卓永强"],
        "participants": ["冼丽萍", "应国华"],
        "sentences": [
            "公诉人冼丽萍指控，被告人卓永强于二零二四年一月二十日晚饮酒后驾驶小型轿车。",
            "经鉴定，被告人血液中乙醇含量为每一百毫升一百五十二毫克，属于醉酒驾驶。",
            "被告人卓永强对指控的事实和罪名没有异议，自愿认罪认罚。",
            "辩护人应国华提出，被告人未造成人员伤亡，归案后如实供述，请求从轻处罚。",
            "公诉人建议判处被告人拘役两个月，并处罚金六千元。",
            "审判长宣布，本案事实清楚，证据确实充分，现在进行法庭辩论。",
        ],
    },
    {
        "id": "Z39", "split": "test",
        "case_number": "（2025）粤0604民初4410号", "cause": "产品责任纠纷",
        "parties": ["俞佩兰", "佛山美途电器有限公司"],
        "participants": ["邬海峰", "车婉婷"],
        "sentences": [
            "原告俞佩兰于二零二三年十月五日购买了被告生产的电暖器一台，价款一千三百九十九元。",
            "二零二三年十二月十八日，该电暖器在使用中起火，烧毁原告家中部分财物。",
            "原告主张财产损失三万八千五百元，并要求被告承担医疗费四千零六十元。",
            "被告佛山美途电器有限公司辩称，起火原因是原告使用不当，产品不存在缺陷。",
            "原告的代理人邬海峰申请对起火原因进行司法鉴定。",
            "审判员车婉婷宣布，鉴定期间本案中止审理。",
        ],
    },
    {
        "id": "Z40", "split": "test",
        "case_number": "（2025）皖0202行初93号", "cause": "政府信息公开纠纷",
        "parties": ["包立新", "芜湖市自然资源和规划局"],
        "participants": ["笪文静", "匡德明"],
        "sentences": [
            "原告包立新于二零二四年三月十二日向被告申请公开其房屋所在地块的征收批准文件。",
            "被告在法定期限内未予答复，原告遂于二零二四年五月提起行政诉讼。",
            "被告芜湖市自然资源和规划局辩称，原告申请的信息属于过程性信息，依法不予公开。",
            "原告的代理人笪文静认为，征收批准文件是已经形成的正式文件，应当公开。",
            "原告请求确认被告不予答复的行为违法，并判令被告在十五个工作日内予以公开。",
            "审判长匡德明宣布，合议庭将在休庭后评议，择期宣判。",
        ],
    },
]

NOTE = ("written for issue 16 round 12 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout13", CASES, NOTE))
