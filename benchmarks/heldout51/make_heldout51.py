"""Synthesize the fifty-first held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 35 BEFORE any of that round's changes was run on it: the fresh
check that they hold on speech they were not made from. Never tuned on: all five cases are
split 'test'. Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout51/make_heldout51.py          # needs sox on PATH

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
        "id": "Z226", "split": "test",
        "case_number": "（2025）晋0828民初3619号", "cause": "合伙协议纠纷",
        "parties": ["蔺宏伟", "卓文涛"],
        "participants": ["甘丽萍", "芦建华", "龚晓雯"],
        "sentences": [
            "原告蔺宏伟诉称，二零二二年三月十六日，他和被告卓文涛签订合伙协议，在运城市夏县合伙开了一家汽车美容店，约定双方各占百分之五十的份额。",
            "原告出资二十八万元，被告出资十五万元并提供一台洗车设备，店面由被告经营，可是从二零二四年五月起，被告就不让原告看账了。",
            "原告要求解除合伙协议，对合伙财产进行清算，并要求被告支付二零二三年度的分红六万零四百三十点五元。",
            "被告的代理人甘丽萍辩称，汽车美容店一直亏损，去年光房租就交了九万六千元，卓文涛自己还垫付了三万多，根本没有利润可以分配。",
            "证人芦建华是店里的洗车工，他说店里平常每天能洗四十多辆车，办了会员卡的客户有三百多个，生意一直不错。",
            "审判员龚晓雯询问被告，店里的收款码绑定的是谁的银行账户，并责令被告十五天之内交出二零二二年开业以来的全部账册和银行流水。",
        ],
    },
    {
        "id": "Z227", "split": "test",
        "case_number": "（2025）闽0526民初5274号", "cause": "网络购物合同纠纷",
        "parties": ["姬雨桐", "德化木森家居有限公司"],
        "participants": ["鞠国华", "蒲海燕", "韦振宇"],
        "sentences": [
            "原告姬雨桐诉称，二零二四年十一月二十九日晚上八点多，她在被告德化木森家居有限公司的网店里买了一张标明是黄花梨实木的茶台。",
            "茶台的价格是一万零七百四十点五元，商品页面写着假一赔三，收货以后姬雨桐发现只有桌面贴了一层木皮，里面全是密度板。",
            "原告请求解除买卖合同，由被告退还货款，并依据消费者权益保护法的规定，支付价款三倍的赔偿金三万二千二百二十一点五元。",
            "被告的代理人鞠国华辩称，商品详情页已经注明台面是实木贴皮，原告收货七天以后才提出异议，而且茶台已经使用过，不能退货。",
            "证人蒲海燕是原告的同事，她说收货的第三天她去原告家喝茶，茶台的边角已经开裂，能看到里面一层一层的板材。",
            "审判员韦振宇要求被告提交下单时的商品页面快照和聊天记录，并询问原告，是否同意对茶台的材质进行司法鉴定。",
        ],
    },
    {
        "id": "Z228", "split": "test",
        "case_number": "（2025）黔0323民初2948号", "cause": "同居关系析产纠纷",
        "parties": ["聂婉清", "洪志远"],
        "participants": ["邬振平", "戚秀梅", "喻红梅"],
        "sentences": [
            "原告聂婉清诉称，她和被告洪志远从二零一七年开始同居，两人始终没领结婚证，二零二四年八月分了手。",
            "同居期间两人在遵义市绥阳县买了一套八十九点六平方米的住房，总价六十七万元，首付二十万元，房子登记在被告名下。",
            "原告请求分割这套房产，由被告给付折价款二十三万五千元，并返还原告替被告垫付的车辆保险费二千零八十五元。",
            "被告的代理人邬振平辩称，首付款里有十五万元是被告的父母给的，每月三千四百元的房贷也一直由被告偿还，原告只能分到很少一部分。",
            "证人戚秀梅是原告的表姐，她说二零一九年买房的时候，聂婉清把自己攒的五万元转给了洪志远，她当时就在旁边。",
            "审判员喻红梅询问双方，是否同意找评估机构对房子的市场价进行评估，随后宣布休庭，下周三下午两点继续开庭。",
        ],
    },
    {
        "id": "Z229", "split": "test",
        "case_number": "（2025）鲁1323刑初517号", "cause": "职务侵占罪",
        "parties": ["栾永康", "沂水恒运达物流有限公司"],
        "participants": ["冼丽娟", "敖建国", "邝正明"],
        "sentences": [
            "公诉人冼丽娟指控，被告人栾永康在沂水恒运达物流有限公司担任仓库主管期间，利用职务上的便利，多次把客户存放的货物偷偷运出去卖掉。",
            "从二零二三年九月到二零二四年四月，栾永康先后十一次把三百二十箱电动车电池运出仓库，卖给沂水县城的一家废品收购站。",
            "经价格认定，这批电池价值二十四万零五百元，被害单位已经向客户全额赔偿，案发后被告人的家属只退赔了百分之三十。",
            "被告人栾永康辩解，其中有一百多箱是客户不要的报废电池，公司领导口头同意由他处理，卖电池的钱有一部分发了装卸工的加班费。",
            "证人敖建国是收购站的老板，他说栾永康每次都是晚上十点以后开着货车来送货，每箱按五百八十五元结算，一共付了十八万七千二百元现金。",
            "审判长邝正明询问被告人，所说的领导口头同意，有没有证人或者书面材料，并告知被告人，如实供述和积极退赔可以从轻处罚。",
        ],
    },
    {
        "id": "Z230", "split": "test",
        "case_number": "（2025）蒙0123行初86号", "cause": "社会保险行政纠纷",
        "parties": ["符桂芝", "和林格尔县社会保险事业管理局"],
        "participants": ["闫海军", "包金花", "晁国栋"],
        "sentences": [
            "原告符桂芝诉称，她在二零一五年六月办理了退休手续，此后每月领取基本养老金，二零二四年十月已经涨到三千一百二十六点八元。",
            "二零二五年二月十三日，被告和林格尔县社会保险事业管理局认定原告提前五年退休，停发了养老金，要求她退回十七万零三百零四元。",
            "符桂芝认为档案里的出生日期是当年招工时单位填写的，和她本人没有关系，要求撤销这份决定，恢复发放养老金。",
            "被告的代理人闫海军辩称，原告的户籍底册和最早的招工登记表都写着一九七零年出生，她退休的时候才四十五周岁，不符合退休条件。",
            "证人包金花是原告原来单位的人事干部，她说一九八八年原告进厂的时候，表格是她帮着填的，出生年份是照着户口本抄的。",
            "审判长晁国栋责令被告十日之内补交作出决定的全部证据和依据，并询问原告，退休以后一共领了多少养老金，随后宣布休庭。",
        ],
    },
]

NOTE = ("written for issue 16 round 35 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout51", CASES, NOTE))
