"""Synthesize the seventh held-out set: hearings of five new made-up cases (four civil, one
criminal), dense in dates (years with a repeated digit: 二零二二, 二零二零, 二零二四) and amounts,
names and legal terms.

Written for issue 16 round 6 BEFORE any change of that round to asr/ (round 5 left years
written 二〇二年 for 2022 and a few wrong term corrections), to judge on speech they were not
made from the changes found on the earlier sets. Never tuned on: all five cases are split
'test'. Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout7/make_heldout7.py          # needs sox on PATH

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
        "id": "Z6", "split": "test",
        "case_number": "（2025）苏0282民初3391号", "cause": "承揽合同纠纷",
        "parties": ["宜兴市华茂机械加工厂", "滕子豪"],
        "participants": ["聂云飞", "车晓燕", "宫明远"],
        "sentences": [
            "审判员聂云飞独任审理本案，书记员车晓燕担任记录。",
            "二零二二年六月十五日，原告宜兴市华茂机械加工厂与被告滕子豪签订加工承揽合同。",
            "合同约定加工费总额为三十二万四千元，被告应于验收后十日内付清。",
            "原告于二零二二年九月交付全部零件，被告仅支付了十二万元。",
            "原告的代理人宫明远请求被告支付剩余加工费二十万零四千元及逾期付款利息。",
            "被告滕子豪辩称，部分零件尺寸不合格，造成其损失一万六千八百元。",
        ],
    },
    {
        "id": "Z7", "split": "test",
        "case_number": "（2025）浙0106民初7704号", "cause": "保证合同纠纷",
        "parties": ["储红梅", "阎国栋"],
        "participants": ["柴俊杰", "巩丽萍", "鞠晓东"],
        "sentences": [
            "审判长柴俊杰宣布开庭，并告知当事人有申请回避的权利。",
            "原告储红梅诉称，二零二零年十二月二日，案外人向其借款五十万元，被告阎国栋提供连带责任保证。",
            "借款到期后，借款人只归还了十三万五千元。",
            "原告请求被告在保证范围内承担还款责任，并支付律师费八千元。",
            "被告的代理人巩丽萍认为，保证期间已于二零二一年十二月届满。",
            "证人鞠晓东出庭作证，称其于二零二一年十一月见到原告向被告催款。",
        ],
    },
    {
        "id": "Z8", "split": "test",
        "case_number": "（2025）浙0106刑初1187号", "cause": "帮助信息网络犯罪活动罪",
        "parties": ["杭州市西湖区人民检察院", "郝春来"],
        "participants": ["麦秀英", "栾志刚"],
        "sentences": [
            "公诉人麦秀英宣读起诉书，指控被告人郝春来犯帮助信息网络犯罪活动罪。",
            "二零二四年三月至五月，被告人将其名下的四张银行卡出租给他人使用。",
            "上述银行卡共接收被害人转账一百零八万元，被告人获利九千五百元。",
            "被告人郝春来对起诉书指控的事实没有异议，自愿认罪认罚。",
            "辩护人栾志刚提出，被告人已退缴全部违法所得，请求从轻处罚。",
            "公诉人建议判处被告人有期徒刑十个月，并处罚金一万元。",
        ],
    },
    {
        "id": "Z9", "split": "test",
        "case_number": "（2025）桂0203民初2516号", "cause": "医疗损害责任纠纷",
        "parties": ["符美玲", "柳州市康华医院"],
        "participants": ["晏文博", "甄慧"],
        "sentences": [
            "原告符美玲于二零一九年十月八日在被告柳州市康华医院接受手术。",
            "术后原告出现感染，先后住院治疗四十七天。",
            "鉴定意见认为，被告的诊疗行为存在过错，过错参与度为百分之四十。",
            "原告主张医疗费、护理费和误工费共计二十六万三千元。",
            "被告的代理人甄慧对误工费的计算标准有异议。",
            "审判员晏文博询问双方是否同意在鉴定意见的基础上调解。",
        ],
    },
    {
        "id": "Z10", "split": "test",
        "case_number": "（2025）苏0411民初5068号", "cause": "工伤保险待遇纠纷",
        "parties": ["尹永强", "常州市恒通物流有限公司"],
        "participants": ["隋家宝", "谭小凤"],
        "sentences": [
            "原告尹永强于二零二三年七月二十日在工作中受伤，被认定为工伤。",
            "二零二四年四月，原告的伤情被鉴定为九级伤残。",
            "原告请求被告支付一次性伤残补助金六万九千元。",
            "被告常州市恒通物流有限公司辩称，公司已为原告缴纳工伤保险。",
            "被告的代理人谭小凤称，停工留薪期的工资三万零六百元已经发放。",
            "审判员隋家宝宣布休庭，定于二零二五年一月十六日宣判。",
        ],
    },
]

NOTE = ("written for issue 16 round 6 before any change of that round to asr/; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout7", CASES, NOTE))
