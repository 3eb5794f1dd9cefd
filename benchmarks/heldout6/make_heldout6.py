"""Synthesize the sixth held-out set: hearings of five new made-up cases (three civil, two
criminal), dense in amounts with 万零, 十万, 千 and 百, dates, names and legal terms.

Written for issue 16 round 5 (words16e) BEFORE any change of that branch to asr/ (the numeral
examples in the prompt, the thousands separator, 元 heard as 人, doubled characters, case-kind
terms), to judge on speech they were not made from the changes found on the earlier test
sets. Never tuned on: all five cases are split 'test'. Same voice and recipe as the other
sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout6/make_heldout6.py          # needs sox on PATH

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
        "id": "Z1", "split": "test",
        "case_number": "（2025）苏0102民初6127号", "cause": "股权转让纠纷",
        "parties": ["蒋德胜", "萧雨桐"],
        "participants": ["薛振东", "祁晓雯", "欧阳敏"],
        "sentences": [
            "审判员薛振东独任审理本案，书记员祁晓雯担任法庭记录。",
            "二零二二年十月二十六日，原告蒋德胜与被告萧雨桐签订股权转让协议。",
            "协议约定转让价款为一百二十万元，分两期付清。",
            "被告于二零二三年一月支付首期款四十万零九千元，其余款项至今未付。",
            "原告的代理人欧阳敏请求被告支付剩余转让款七十九万一千元及逾期付款违约金。",
            "被告萧雨桐辩称，原告隐瞒了公司三万六千五百元的对外债务。",
        ],
    },
    {
        "id": "Z2", "split": "test",
        "case_number": "（2025）苏0106刑初733号", "cause": "挪用资金罪",
        "parties": ["南京市鼓楼区人民检察院", "雷振邦"],
        "participants": ["丁慧敏", "贝建峰"],
        "sentences": [
            "公诉人丁慧敏指控，被告人雷振邦利用担任公司出纳的职务便利挪用本单位资金。",
            "二零二三年八月至二零二四年二月，被告人先后九次挪用资金共计二十六万零七百元。",
            "被告人将其中十五万元用于网络赌博，其余用于归还个人欠款。",
            "案发前，被告人主动归还了三万二千四百元。",
            "辩护人贝建峰认为，被告人系初犯，且家属已代为退赔全部剩余款项。",
            "公诉人建议判处被告人有期徒刑二年，可以适用缓刑。",
        ],
    },
    {
        "id": "Z3", "split": "test",
        "case_number": "（2025）云0102民初4418号", "cause": "装饰装修合同纠纷",
        "parties": ["昆明锦绣装饰工程有限公司", "邢玉洁"],
        "participants": ["俞海生", "左思琪", "包国荣"],
        "sentences": [
            "审判长俞海生核对了原告昆明锦绣装饰工程有限公司和被告邢玉洁的身份。",
            "双方于二零二三年四月二日约定，由原告装修被告的住房，工程总价十八万五千元。",
            "被告已付款十万零八千元，尚欠七万七千元未付。",
            "被告邢玉洁称，卫生间渗水造成楼下住户损失九千六百元，应由原告承担。",
            "原告的代理人左思琪同意对防水工程申请鉴定，鉴定费三千元由原告预交。",
            "被告的代理人包国荣提出，原告逾期交房三十五天，应按每日二百元支付违约金。",
        ],
    },
    {
        "id": "Z4", "split": "test",
        "case_number": "（2025）甘0102刑初296号", "cause": "交通肇事罪",
        "parties": ["兰州市城关区人民检察院", "石宏伟"],
        "participants": ["邬丽娟", "施永杰", "殷桂兰"],
        "sentences": [
            "二零二四年十二月五日凌晨，被告人石宏伟驾驶小型客车撞倒一名行人。",
            "被害人经抢救无效死亡，交警认定被告人负事故全部责任。",
            "被告人于二零二五年一月八日到公安机关投案，如实供述了犯罪事实。",
            "被告人的家属向被害人家属赔偿八十五万元，被害人之女殷桂兰出具了谅解书。",
            "辩护人施永杰提出，被告人已另行垫付丧葬费五万四千三百元，请求从轻处罚。",
            "公诉人邬丽娟建议判处被告人有期徒刑三年六个月。",
        ],
    },
    {
        "id": "Z5", "split": "test",
        "case_number": "（2025）渝0105民初8802号", "cause": "合伙协议纠纷",
        "parties": ["卫东升", "江美华"],
        "participants": ["夏建明", "倪晓红"],
        "sentences": [
            "原告卫东升与被告江美华于二零二一年五月开始合伙经营一家火锅店。",
            "原告出资二十万元，被告出资十二万元，盈亏按出资比例分担。",
            "二零二四年九月三十日，双方解除合伙关系，但至今未进行清算。",
            "原告主张被告私自收取营业款五万零二百元，应当予以返还。",
            "被告的代理人倪晓红辩称，其中一万八千元已用于支付店铺租金。",
            "审判员夏建明组织双方对合伙期间的账目进行质证。",
        ],
    },
]

NOTE = ("written for issue 16 round 5 (words16e) before any change of that branch to asr/; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout6", CASES, NOTE))
