"""Synthesize the tenth held-out set: hearings of five new made-up cases (four civil, one
administrative), dense in amounts and dates, with parties' names and legal terms.

Written for issue 16 round 9 AFTER that round's two number rules (a 万 marked by a full stop,
a three-digit year given its dropped digit back; both drawn from misses on the earlier test
sets) and BEFORE either was run on this set: the fresh check that they hold on speech they
were not made from. Never tuned on: all five cases are split 'test'. Same voice and recipe as
the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout10/make_heldout10.py          # needs sox on PATH

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
        "id": "Z21", "split": "test",
        "case_number": "（2025）湘0103民初3306号", "cause": "房屋买卖合同纠纷",
        "parties": ["屈建国", "欧阳慧"],
        "participants": ["甘振华", "宁雪松"],
        "sentences": [
            "原告屈建国与被告欧阳慧于二零二二年八月六日签订房屋买卖合同。",
            "约定房屋总价款为一百八十六万元，原告已支付定金五万元。",
            "被告未按约定在二零二二年十二月三十一日前办理过户手续。",
            "原告请求解除合同，并要求被告双倍返还定金十万元。",
            "被告的代理人宁雪松辩称，迟延过户是因为银行未能及时解押。",
            "审判员甘振华要求双方在十日内提交补充证据。",
        ],
    },
    {
        "id": "Z22", "split": "test",
        "case_number": "（2025）浙0106民初8821号", "cause": "网络购物合同纠纷",
        "parties": ["毛思远", "杭州云尚电子商务有限公司"],
        "participants": ["卓丽萍", "封志成"],
        "sentences": [
            "原告毛思远于二零二四年三月十八日在被告经营的网店购买笔记本电脑一台。",
            "原告支付货款九千六百九十九元，收货后发现该电脑为翻新机。",
            "原告主张被告构成欺诈，请求退还货款并赔偿二万九千零九十七元。",
            "被告杭州云尚电子商务有限公司称，商品页面已经注明为官方翻新产品。",
            "审判员卓丽萍组织双方对商品页面截图进行质证。",
            "被告的代理人封志成对截图的真实性没有异议。",
        ],
    },
    {
        "id": "Z23", "split": "test",
        "case_number": "（2025）川0105行初417号", "cause": "工伤认定行政纠纷",
        "parties": ["符春林", "成都市青羊区人力资源和社会保障局"],
        "participants": ["戚明哲", "颜晓婷"],
        "sentences": [
            "原告符春林于二零二三年五月九日下班途中发生交通事故。",
            "被告于二零二三年十月十六日作出不予认定工伤的决定。",
            "原告不服，于二零二四年一月向本院提起行政诉讼。",
            "审判长戚明哲询问被告作出决定的事实根据和法律依据。",
            "被告的代理人颜晓婷称，原告未能证明事故发生在合理的下班路线上。",
            "原告提交了交通事故认定书和单位出具的考勤证明。",
        ],
    },
    {
        "id": "Z24", "split": "test",
        "case_number": "（2025）苏0508民初2659号", "cause": "承揽合同纠纷",
        "parties": ["苏州精越模具有限公司", "常州宏达机械制造有限公司"],
        "participants": ["汤雅琴", "包国梁"],
        "sentences": [
            "原告苏州精越模具有限公司诉称，双方于二零二一年十一月签订模具加工合同。",
            "合同约定加工费为三十四万五千元，被告已支付二十万元。",
            "被告常州宏达机械制造有限公司辩称，模具尺寸不符合图纸要求。",
            "被告的代理人包国梁申请对模具质量进行司法鉴定。",
            "审判员汤雅琴告知被告应当在举证期限内预交鉴定费用。",
            "原告请求被告支付剩余加工费十四万五千元及违约金一万二千元。",
        ],
    },
    {
        "id": "Z25", "split": "test",
        "case_number": "（2025）渝0103民初5184号", "cause": "赡养纠纷",
        "parties": ["龙桂芳", "龙振兴"],
        "participants": ["舒立伟", "晏文豪"],
        "sentences": [
            "原告龙桂芳今年七十六岁，自二零一九年起独自居住。",
            "原告请求被告龙振兴每月支付赡养费一千五百元。",
            "被告称其每月收入仅有四千二百元，无力承担过高的赡养费。",
            "原告的代理人晏文豪提交了原告二零二四年的住院费用票据，共计二万三千八百元。",
            "审判员舒立伟询问被告是否愿意分担原告的医疗费用。",
            "被告表示愿意承担医疗费用的一半，即一万一千九百元。",
        ],
    },
]

NOTE = ("written for issue 16 round 9 after that round's two number rules and before either was run "
        "on it; never tuned on. Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout10", CASES, NOTE))
