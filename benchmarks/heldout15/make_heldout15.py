"""Synthesize the fifteenth held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 14 BEFORE any of that round's changes was run on it: the fresh
check that they hold on speech they were not made from. Never tuned on: all five cases are
split 'test'. Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout15/make_heldout15.py          # needs sox on PATH

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
        "id": "Z46", "split": "test",
        "case_number": "（2025）皖0104民初6621号", "cause": "名誉权纠纷",
        "parties": ["冉静怡", "聂宏斌"],
        "participants": ["茅思琪", "凌振东"],
        "sentences": [
            "原告冉静怡诉称，被告聂宏斌于二零二四年三月十五日在微信群内发布侮辱原告的言论。",
            "该群成员共计四百一十二人，相关言论被多次转发，给原告造成了严重的精神损害。",
            "被告聂宏斌辩称，其发布的内容属实，不构成对原告名誉权的侵害。",
            "原告的代理人茅思琪提交了聊天记录截图和公证书，证明被告的言论没有事实依据。",
            "原告请求判令被告赔礼道歉，并赔偿精神损害抚慰金三万元。",
            "审判员凌振东询问双方是否愿意调解，被告表示不同意调解。",
        ],
    },
    {
        "id": "Z47", "split": "test",
        "case_number": "（2025）津0116民初4408号", "cause": "融资租赁合同纠纷",
        "parties": ["天津渤远融资租赁有限公司", "唐山鑫磊建材有限公司"],
        "participants": ["甘立群", "邝雅文"],
        "sentences": [
            "原告天津渤远融资租赁有限公司与被告于二零二二年八月一日签订融资租赁合同。",
            "合同约定租赁期限为三十六个月，被告每月支付租金四万二千元。",
            "被告唐山鑫磊建材有限公司自第十九期起未按期支付租金，累计欠付七十五万六千元。",
            "原告的代理人甘立群主张，依照合同第十四条的约定，原告有权要求被告支付全部未付租金。",
            "被告辩称，租赁设备存在质量问题，导致停产，请求减少违约金。",
            "审判长邝雅文宣布休庭，合议庭将在评议后择期宣判。",
        ],
    },
    {
        "id": "Z48", "split": "test",
        "case_number": "（2025）鲁0202刑初719号", "cause": "掩饰、隐瞒犯罪所得罪",
        "parties": ["祁海涛"],
        "participants": ["颜丽萍", "裴文博"],
        "sentences": [
            "公诉人颜丽萍指控，被告人祁海涛明知是犯罪所得的手机，仍以低价收购后转卖。",
            "经查，被告人自二零二四年五月至九月共收购手机六十七部，获利二万四千五百元。",
            "被告人祁海涛当庭表示认罪认罚，并已退缴全部违法所得。",
            "辩护人裴文博认为，被告人具有坦白情节，犯罪情节较轻，建议适用缓刑。",
            "公诉人出示了扣押清单、转账记录和证人证言，辩护人对证据的真实性没有异议。",
            "审判长宣布，法庭辩论终结，现在由被告人作最后陈述。",
        ],
    },
    {
        "id": "Z49", "split": "test",
        "case_number": "（2025）川0107民初5930号", "cause": "相邻关系纠纷",
        "parties": ["郦春华", "闫国庆"],
        "participants": ["汪淑芬", "庞立伟"],
        "sentences": [
            "原告郦春华与被告闫国庆系上下楼邻居，原告居住在被告楼下。",
            "二零二四年六月二十日，被告家中水管破裂，导致原告房屋的天花板和墙面受损。",
            "原告委托评估机构进行了鉴定，维修费用为二万一千六百元，鉴定费为三千元。",
            "被告闫国庆辩称，水管破裂是因为小区供水压力过大，物业公司应当承担责任。",
            "原告的代理人汪淑芬认为，被告作为房屋所有人，对其管线负有维护义务。",
            "审判员庞立伟组织双方对鉴定意见进行了质证。",
        ],
    },
    {
        "id": "Z50", "split": "test",
        "case_number": "（2025）粤0303行初287号", "cause": "治安管理处罚纠纷",
        "parties": ["卢振宇", "深圳市公安局罗湖分局"],
        "participants": ["钟佩玲", "谷明远"],
        "sentences": [
            "被告深圳市公安局罗湖分局于二零二四年十一月八日对原告作出行政拘留十日的处罚决定。",
            "原告卢振宇认为，被告认定的事实不清，证据不足，处罚决定应当予以撤销。",
            "被告辩称，原告在公共场所殴打他人，有视频监控和两名证人的证言为证。",
            "原告的代理人钟佩玲提出，被告未告知原告享有陈述和申辩的权利，程序违法。",
            "原告请求撤销处罚决定，并赔偿因限制人身自由造成的损失二千八百元。",
            "审判长谷明远宣布，本案将于二零二五年三月二十六日上午九时宣判。",
        ],
    },
]

NOTE = ("written for issue 16 round 14 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout15", CASES, NOTE))
