"""Synthesize the twenty-sixth held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 24 BEFORE any of that round's changes was run on it: the fresh
check that they hold on speech they were not made from. Never tuned on: all five cases are
split 'test'. Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout26/make_heldout26.py          # needs sox on PATH

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
        "id": "Z101", "split": "test",
        "case_number": "（2025）川0704民初3826号", "cause": "物件脱落、坠落损害责任纠纷",
        "parties": ["鞠婉清", "绵阳蜀味轩餐饮有限公司", "绵阳嘉瑞物业有限公司"],
        "participants": ["蒯振林", "詹秋菊", "卞文涛"],
        "sentences": [
            "原告鞠婉清诉称，二零二四年八月十七日傍晚，原告路过游仙区一家火锅店门口，外墙上的广告招牌被大风刮落，正好砸在她的左肩上。",
            "原告当晚被送到医院，检查发现左锁骨骨折，住院十二天，花去医疗费三万一千零八十六点四元，后来经鉴定构成十级伤残。",
            "原告请求被告绵阳蜀味轩餐饮有限公司和绵阳嘉瑞物业有限公司共同赔偿各项损失，合计十六万四千三百元。",
            "被告的代理人蒯振林辩称，招牌是二零二二年三月由物业统一安装的，事发当天气象台发布了大风橙色预警，属于不可抗力。",
            "证人詹秋菊是火锅店对面水果店的老板，她说那块招牌的一个角半个月前就松动了，一刮风就摇晃，她还提醒过店里的服务员。",
            "审判员卞文涛要求物业公司提交招牌安装的验收记录和最近一次巡查记录，并问双方愿不愿意庭后调解。",
        ],
    },
    {
        "id": "Z102", "split": "test",
        "case_number": "（2025）黔0402民初2517号", "cause": "储蓄存款合同纠纷",
        "parties": ["幸丽萍", "安顺黔中村镇银行有限责任公司"],
        "participants": ["宫立鹏", "禹海波", "仉淑芬"],
        "sentences": [
            "原告幸丽萍诉称，她在被告安顺黔中村镇银行有限责任公司开有储蓄账户，二零二三年十一月二十二日凌晨，钱被人分五次取走。",
            "被取走的钱一共八万六千五百元，另外还扣了异地取款手续费七十七点五元，而原告当晚一直在家，银行卡也在自己身上。",
            "公安机关调取的监控显示，取款人在外地用的是一张伪造的银行卡，原告要求被告兑付存款本金八万六千五百元及相应的利息。",
            "被告的代理人宫立鹏辩称，五次取款都输入了正确的密码，说明原告没有妥善保管密码，应当自行承担百分之五十的损失。",
            "证人禹海波是办理这起案件的民警，他说嫌疑人在一家超市的收银台上装了读卡器和针孔摄像头，同一批被盗刷的卡有二十三张。",
            "审判长仉淑芬询问原告，最近一次在那家超市刷卡是什么时候，并限被告七日内调出那台自动取款机的交易流水和录像。",
        ],
    },
    {
        "id": "Z103", "split": "test",
        "case_number": "（2025）湘0603刑初163号", "cause": "非法采矿罪",
        "parties": ["窦永福"],
        "participants": ["鄢春燕", "荆志远", "巫德胜", "谯明华"],
        "sentences": [
            "公诉人鄢春燕指控，二零二三年九月至二零二四年五月，被告人窦永福没有采砂许可证，雇用两条采砂船在新墙河禁采区内夜间采砂。",
            "经测量，被告人共非法开采河砂四万七千八百立方米，按每立方米六十二元计算，矿产品价值二百九十六万三千六百元。",
            "被告人窦永福当庭辩解，采砂船是向别人租来的，自己只负责联系买家，每卖出一立方米只能拿到八元钱的好处费。",
            "辩护人荆志远提出，被告人归案后一直如实交代，已经主动退赃二十一万元，还自愿出资修复河床，请求对他从轻处罚。",
            "证人巫德胜是其中一条采砂船的船长，他作证说每天晚上十点开工，凌晨四点收工，来拉砂的货船都是被告人联系的。",
            "审判长谯明华询问被告人，出租采砂船的是什么人，河砂卖给了哪几家搅拌站，并宣布下次开庭时通知鉴定人出庭。",
        ],
    },
    {
        "id": "Z104", "split": "test",
        "case_number": "（2025）浙0702民初4409号", "cause": "拍卖合同纠纷",
        "parties": ["聂鸿宇", "金华婺韵拍卖有限公司"],
        "participants": ["邰文静", "扈国良", "沃丽华"],
        "sentences": [
            "原告聂鸿宇诉称，二零二三年五月二十日，原告在被告金华婺韵拍卖有限公司的春季拍卖会上，以六十八万元竞得一幅清代山水画。",
            "按照拍卖规则，原告另外支付了百分之十五的佣金十万零二千元，图录上写明这幅画附有原收藏人出具的来源证明。",
            "原告后来把画送到两家鉴定机构，结论都是近代的仿品，原告请求撤销拍卖成交确认书，由被告返还全部价款七十八万二千元。",
            "被告的代理人邰文静辩称，拍卖规则第十二条已经声明不保证拍品的真伪，原告在预展时看过原件，应当自行承担风险。",
            "证人扈国良是一名书画修复师，他说这幅画用的是机器生产的宣纸，印章的印泥颜色也很新，不可能是两百多年前的东西。",
            "审判员沃丽华询问被告，委托人是谁，来源证明是谁出具的，并要求被告提交与委托人签订的委托拍卖合同。",
        ],
    },
    {
        "id": "Z105", "split": "test",
        "case_number": "（2025）豫1003行初57号", "cause": "行政强制措施纠纷",
        "parties": ["许昌香辣源食品有限公司", "许昌市市场监督管理局"],
        "participants": ["昝海军", "籍春生", "綦丽君"],
        "sentences": [
            "原告许昌香辣源食品有限公司诉称，二零二四年十一月六日，被告许昌市市场监督管理局怀疑其添加剂超标，查封了它仓库里的辣条。",
            "查封的辣条共一千四百六十箱，货值十九万七千一百元，二零二四年十二月二十日检验合格后才解除查封，其中二百一十二箱已经过期。",
            "原告请求判决确认这次查封违法，并赔偿过期产品损失二万八千六百二十元和查封期间多付的仓库租金四千五百元。",
            "被告的代理人昝海军辩称，被告是接到消费者投诉后依法实施的查封，查封期限虽然超过了三十日，但延长期限经过了负责人批准。",
            "证人籍春生是原告的仓库保管员，他作证说查封那天执法人员只贴了封条，没有当场清点数量，也没有给原告留下查封清单。",
            "审判长綦丽君询问被告，延长查封的决定有没有书面送达原告，并限被告五日内补交抽样记录和检验委托书。",
        ],
    },
]

NOTE = ("written for issue 16 round 24 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout26", CASES, NOTE))
