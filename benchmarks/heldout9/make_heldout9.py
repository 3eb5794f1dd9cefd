"""Synthesize the ninth held-out set: hearings of five new made-up cases (four civil, one
criminal), dense in amounts (with 零 inside, with 万 and 千, small and large) and dates (full
dates, years with and without a repeated digit, ranges), with parties' names and legal terms.

Written for issue 16 round 8 BEFORE any change of that round to asr/ (the offline path's
one-utterance-per-call decoding and any decoder setting chosen on the earlier sets), to judge
on speech nothing was made from. Never tuned on: all five cases are split 'test'. Same voice
and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout9/make_heldout9.py          # needs sox on PATH

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
        "id": "Z16", "split": "test",
        "case_number": "（2025）皖0104民初4471号", "cause": "装饰装修合同纠纷",
        "parties": ["裘明轩", "合肥市佳木装饰工程有限公司"],
        "participants": ["祁文静", "段海涛"],
        "sentences": [
            "原告裘明轩于二零二三年四月十五日与被告签订装修合同，约定工程款十一万八千元。",
            "原告已支付工程款九万零六百元，尚欠二万七千四百元。",
            "被告合肥市佳木装饰工程有限公司称，工程已于二零二三年九月完工。",
            "原告的代理人段海涛认为，墙面开裂属于施工质量问题。",
            "审判员祁文静询问原告是否申请对修复费用进行鉴定。",
            "原告请求被告赔偿修复费用一万三千五百元。",
        ],
    },
    {
        "id": "Z17", "split": "test",
        "case_number": "（2025）黑0102民初2038号", "cause": "劳务合同纠纷",
        "parties": ["桂永强", "谭秀英"],
        "participants": ["俞冬梅", "聂振宇"],
        "sentences": [
            "原告桂永强自二零二一年三月至二零二二年十二月为被告提供劳务。",
            "双方口头约定每日劳务费三百五十元。",
            "被告谭秀英辩称，已经结清了全部劳务费四万一千元。",
            "原告主张被告仍欠劳务费一万零五百元，并提交了考勤记录。",
            "审判长俞冬梅要求被告对考勤记录的真实性发表质证意见。",
            "被告的委托诉讼代理人聂振宇对证据的关联性有异议。",
        ],
    },
    {
        "id": "Z18", "split": "test",
        "case_number": "（2025）冀0602刑初913号", "cause": "诈骗罪",
        "parties": ["保定市竞秀区人民检察院", "雷海龙"],
        "participants": ["鲍志刚", "兰思雨"],
        "sentences": [
            "公诉人鲍志刚指控，被告人雷海龙于二零二四年一月至五月以投资为名骗取他人财物。",
            "被害人共十二人，被骗金额合计六十三万四千元。",
            "其中被害人单笔最高损失为十五万元。",
            "辩护人兰思雨提出，被告人系初犯，且已退赔二十万零八千元。",
            "被告人雷海龙对起诉书指控的事实没有异议。",
            "公诉人建议判处有期徒刑四年，并处罚金三万元。",
        ],
    },
    {
        "id": "Z19", "split": "test",
        "case_number": "（2025）粤0104民初7752号", "cause": "物业服务合同纠纷",
        "parties": ["广州市安居物业管理有限公司", "柯美玲"],
        "participants": ["阎立群", "詹晓光"],
        "sentences": [
            "原告广州市安居物业管理有限公司诉称，被告柯美玲自二零一八年七月起未交物业费。",
            "截至二零二四年六月三十日，被告欠缴物业费一万六千二百元。",
            "被告柯美玲辩称，小区电梯长期故障，物业服务不符合约定。",
            "审判员阎立群询问原告是否发出过书面催缴通知。",
            "原告的代理人詹晓光提交了二零二三年十一月的催缴函。",
            "被告同意支付物业费八千元，双方可以调解。",
        ],
    },
    {
        "id": "Z20", "split": "test",
        "case_number": "（2025）鲁0102民初6119号", "cause": "保证合同纠纷",
        "parties": ["济南泉信小额贷款有限公司", "奚国栋"],
        "participants": ["向丽华", "车文博"],
        "sentences": [
            "原告于二零二零年十月二十日向借款人发放贷款五十万元，被告奚国栋提供连带责任保证。",
            "借款到期后，借款人仅归还本金十二万元。",
            "原告请求被告奚国栋对剩余本金三十八万元及利息承担保证责任。",
            "被告的代理人车文博辩称，保证期间已经届满，被告不应承担保证责任。",
            "审判长向丽华要求原告提交在保证期间内催收的证据。",
            "原告称已于二零二一年四月八日向被告邮寄了催收通知书。",
        ],
    },
]

NOTE = ("written for issue 16 round 8 before any change of that round to asr/; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout9", CASES, NOTE))
