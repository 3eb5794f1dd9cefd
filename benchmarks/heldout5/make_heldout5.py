"""Synthesize the fifth held-out set: hearings of five new made-up cases, dense in amounts,
dates and names, with amounts and dates at the start, the middle and the end of sentences
and several in one sentence.

Written for issue 16 round 4 (words16d) BEFORE any change of that branch to the live path or
the number handling, to judge on speech they were not made from whatever such a change was
found on the test sets. Never tuned on: all five cases are split 'test'. Same voice and
recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout5/make_heldout5.py          # needs sox on PATH

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
        "id": "U", "split": "test",
        "case_number": "（2025）浙0106民初4472号", "cause": "民间借贷纠纷",
        "parties": ["喻国华", "骆晓丽"],
        "participants": ["司马健", "尚文娟", "厉永康"],
        "sentences": [
            "审判员司马健独任审理本案，书记员尚文娟担任记录。",
            "原告喻国华于二零二一年六月九日向被告骆晓丽出借三万五千元。",
            "二零二二年一月，被告归还了一万元。",
            "原告请求被告偿还剩余借款二万五千元及利息。",
            "被告的代理人厉永康称，另有四千八百元已通过微信转账归还。",
            "审判员司马健要求被告在五日内提交转账记录。",
        ],
    },
    {
        "id": "V", "split": "test",
        "case_number": "（2025）湘0104民初2259号", "cause": "建设工程分包合同纠纷",
        "parties": ["长沙宏达劳务有限公司", "湖南建峰建设集团有限公司"],
        "participants": ["匡立伟", "姬红霞", "苗振宇"],
        "sentences": [
            "原告长沙宏达劳务有限公司的代理人姬红霞宣读起诉状。",
            "双方于二零二零年九月十五日签订劳务分包合同，合同价款为八十六万元。",
            "工程于二零二一年十二月完工，被告累计支付六十一万二千元。",
            "被告的代理人苗振宇辩称，原告延误工期四十天，应扣违约金四万元。",
            "原告主张尚欠工程款二十四万八千元，被告不予认可。",
            "审判长匡立伟宣布休庭十分钟。",
        ],
    },
    {
        "id": "W", "split": "test",
        "case_number": "（2025）粤0306刑初1187号", "cause": "诈骗罪",
        "parties": ["深圳市宝安区人民检察院", "龙家豪"],
        "participants": ["莫丽萍", "游建国", "庞晓东"],
        "sentences": [
            "公诉人莫丽萍指控，被告人龙家豪于二零二三年四月至九月间虚构投资项目。",
            "被告人先后骗取被害人庞晓东人民币五十二万三千元。",
            "案发后，公安机关冻结被告人账户资金十万零六千元。",
            "辩护人游建国认为，被告人已退赔八万元，具有悔罪表现。",
            "被害人庞晓东要求被告人退还全部被骗款项。",
            "公诉人莫丽萍建议判处被告人有期徒刑六年，并处罚金五万元。",
        ],
    },
    {
        "id": "X", "split": "test",
        "case_number": "（2025）晋0105民初3816号", "cause": "劳动争议",
        "parties": ["岳秀梅", "太原鑫源餐饮管理有限公司"],
        "participants": ["车志强", "桂丽华"],
        "sentences": [
            "原告岳秀梅于二零一九年三月十一日入职被告公司，担任厨师。",
            "原告每月工资六千八百元，被告自二零二四年二月起停发工资。",
            "二零二四年五月二十日，被告以经营困难为由解除劳动合同。",
            "原告请求被告支付拖欠工资二万零四百元和经济补偿金三万四千元。",
            "被告的代理人桂丽华称，原告的月工资中包含一千二百元的补贴。",
            "审判员车志强询问双方是否同意调解。",
        ],
    },
    {
        "id": "Y", "split": "test",
        "case_number": "（2025）陕0113民初5560号", "cause": "机动车交通事故责任纠纷",
        "parties": ["柴文静", "宁振华", "中国人寿财产保险股份有限公司西安市分公司"],
        "participants": ["聂海波", "阮佳琪"],
        "sentences": [
            "二零二四年七月三日晚，被告宁振华驾车与原告柴文静的电动车相撞。",
            "原告住院治疗十九天，花去医疗费四万三千六百元。",
            "经鉴定，原告的伤残等级为九级，误工期为一百二十日。",
            "原告的代理人阮佳琪主张残疾赔偿金十三万九千元。",
            "保险公司同意在交强险限额内赔付十八万元，其余部分由被告宁振华承担。",
            "审判员聂海波要求双方于二零二五年三月十日前提交补充证据。",
        ],
    },
]

NOTE = ("written for issue 16 round 4 (words16d) before any change of that branch to the live path or the number "
        "handling; never tuned on. Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout5", CASES, NOTE))
