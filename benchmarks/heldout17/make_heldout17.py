"""Synthesize the seventeenth held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 16 BEFORE any of that round's changes was run on it: the fresh
check that they hold on speech they were not made from. Never tuned on: all five cases are
split 'test'. Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout17/make_heldout17.py          # needs sox on PATH

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
        "id": "Z56", "split": "test",
        "case_number": "（2025）苏0281民初6127号", "cause": "供用电合同纠纷",
        "parties": ["国网江阴市供电公司", "江阴市恒通纺织有限公司"],
        "participants": ["景雪梅", "戚振华"],
        "sentences": [
            "原告国网江阴市供电公司诉称，双方于二零二一年六月一日签订高压供用电合同。",
            "被告江阴市恒通纺织有限公司自二零二四年三月起未按期缴纳电费，累计欠费四十六万三千元。",
            "原告多次书面催缴，被告仅支付了十万元，剩余电费至今未付。",
            "被告辩称，原告的计量装置存在误差，多计了电量，请求对电能表进行校验。",
            "原告的代理人景雪梅指出，电能表已经法定计量检定机构检定合格。",
            "审判员戚振华要求双方在七日内就电费的计算方式提交书面意见。",
        ],
    },
    {
        "id": "Z57", "split": "test",
        "case_number": "（2025）鲁0602民初2245号", "cause": "饲养动物损害责任纠纷",
        "parties": ["乔美玲", "栾德刚"],
        "participants": ["仲海燕", "祁立军"],
        "sentences": [
            "原告乔美玲诉称，二零二四年十月五日傍晚，她在小区散步时被被告栾德刚饲养的犬只咬伤左腿。",
            "原告当晚到医院注射了狂犬疫苗，共花费医疗费七千二百元，误工十八天。",
            "被告栾德刚辩称，事发时犬只拴着狗绳，是原告主动靠近逗狗才被咬伤的。",
            "原告的代理人仲海燕提交了小区监控录像，证明被告遛狗时没有拴绳。",
            "原告请求被告赔偿医疗费、误工费、交通费共计一万二千六百元。",
            "审判员祁立军组织双方当庭观看了监控录像，并询问被告是否申请调解。",
        ],
    },
    {
        "id": "Z58", "split": "test",
        "case_number": "（2025）渝0112民初8830号", "cause": "商品房预售合同纠纷",
        "parties": ["褚晓峰", "重庆融江置业有限公司"],
        "participants": ["项丽君", "邰国华"],
        "sentences": [
            "原告褚晓峰于二零二二年五月二十日与被告签订商品房预售合同，购买期房一套，总价一百六十五万元。",
            "合同约定被告应于二零二三年十二月三十一日前交付房屋，逾期交房按日支付违约金。",
            "被告重庆融江置业有限公司实际于二零二四年九月才交付房屋，逾期二百七十多天。",
            "原告请求被告支付逾期交房违约金八万九千一百元。",
            "被告的代理人项丽君辩称，逾期交房是因为政府停工令，属于不可抗力。",
            "审判长邰国华要求被告提交停工令的原件及停工期间的施工日志。",
        ],
    },
    {
        "id": "Z59", "split": "test",
        "case_number": "（2025）粤1972刑初603号", "cause": "拒不支付劳动报酬罪",
        "parties": ["闵长青"],
        "participants": ["甄春燕", "卞永良"],
        "sentences": [
            "公诉人甄春燕指控，被告人闵长青系东莞一家五金厂的实际经营者。",
            "被告人拖欠三十二名工人二零二三年八月至十二月的工资共计五十七万四千元。",
            "人力资源和社会保障部门于二零二四年一月十五日责令其限期支付，被告人逃匿。",
            "辩护人卞永良提出，被告人归案后已通过亲属支付了全部拖欠的工资。",
            "辩护人认为，被告人在提起公诉前支付劳动报酬，依法可以减轻处罚。",
            "被告人闵长青当庭表示认罪认罚，对公诉机关的量刑建议没有异议。",
        ],
    },
    {
        "id": "Z60", "split": "test",
        "case_number": "（2025）桂0103行初211号", "cause": "行政许可纠纷",
        "parties": ["庞秀英", "南宁市青秀区市场监督管理局"],
        "participants": ["滕志远", "喻晓东"],
        "sentences": [
            "原告庞秀英于二零二四年七月八日向被告申请食品经营许可证。",
            "被告南宁市青秀区市场监督管理局于二零二四年八月二日作出不予许可决定。",
            "原告认为，被告未进行现场核查就作出决定，违反了法定程序。",
            "被告的代理人滕志远辩称，原告的经营场所与居民楼距离不足十米，不符合许可条件。",
            "原告请求撤销不予许可决定，并判令被告重新作出行政行为。",
            "审判长喻晓东宣布休庭，合议庭将对被诉行政行为的合法性进行评议。",
        ],
    },
]

NOTE = ("written for issue 16 round 16 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout17", CASES, NOTE))
