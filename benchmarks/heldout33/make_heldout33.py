"""Synthesize the thirty-third held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 26 BEFORE any of that round's changes was run on it, with the other
sets of that round: the fresh check that they hold on speech they were not made from. Never tuned
on: all five cases are split 'test'. Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout33/make_heldout33.py          # needs sox on PATH

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
        "id": "Z136", "split": "test",
        "case_number": "（2025）黑0109民初5832号", "cause": "宠物医疗服务合同纠纷",
        "parties": ["栾晓彤", "哈尔滨佳禾动物医院有限公司"],
        "participants": ["鞠文博", "冉雪莹", "郑立新"],
        "sentences": [
            "原告栾晓彤诉称，二零二四年十一月二十七日上午，她把养了六年的金毛犬送到被告哈尔滨佳禾动物医院有限公司做洗牙手术。",
            "被告在麻醉前没有给狗做心脏检查，手术进行了大约四十分钟，狗在苏醒的时候心跳骤停，抢救了一个多小时也没有救回来。",
            "原告要求退还手术费和检查费一千零九十六元，赔偿买狗的费用一万二千元、火化费八百元，并赔偿三万元的精神损害抚慰金。",
            "被告的代理人鞠文博辩称，术前已经告知原告麻醉有风险，栾晓彤在知情同意书上签了字，而且那条狗年龄偏大，本身就有心脏病。",
            "证人冉雪莹是被告医院原来的护士，她说那台心电监护仪已经坏了两天还没修好，医生是凭经验估计麻醉剂量的。",
            "审判员郑立新责令被告十日内提交病历、麻醉记录和手术室的监控录像，并问原告要不要申请对狗的死因做鉴定。",
        ],
    },
    {
        "id": "Z137", "split": "test",
        "case_number": "（2025）琼0105民初2617号", "cause": "网络侵权责任纠纷",
        "parties": ["符海燕", "敖宇航"],
        "participants": ["邝立伟", "甄晓雨", "林永生"],
        "sentences": [
            "原告符海燕诉称，她在海口市秀英区开了一家海鲜餐馆，被告敖宇航是一个有八十多万粉丝的美食博主。",
            "二零二五年一月十二日晚上，敖宇航发布了一条视频，说原告的餐馆用死虾冒充活虾，一锅椰子鸡收了八百八十八元。",
            "视频三天内被转发两万多次，餐馆的生意一下子少了百分之七十，原告请求被告删除视频、赔礼道歉，并赔偿经营损失十八万六千四百元。",
            "被告的代理人邝立伟辩称，被告是以普通顾客的身份去消费的，视频里说的都是亲身经历，属于正常的消费评价，不构成侵权。",
            "证人甄晓雨是那天和被告一起吃饭的朋友，她说端上来的虾确实是活的，八百八十八元是他们四个人总共点的菜。",
            "审判员林永生询问被告，发视频之前有没有向餐馆核实过，并让被告补交那顿饭的付款记录，下午两点半继续开庭。",
        ],
    },
    {
        "id": "Z138", "split": "test",
        "case_number": "（2025）晋0110民初3946号", "cause": "同居关系析产纠纷",
        "parties": ["柴秀凤", "郝建业"],
        "participants": ["晏国栋", "滕桂英", "孟庆华"],
        "sentences": [
            "原告柴秀凤诉称，她和被告郝建业从二零一六年三月开始同居，一直没去民政局领结婚证，二零二四年八月双方分手。",
            "同居期间，双方在太原市晋源区买了一套九十六平方米的住房，总价一百三十二万元，首付四十万元里有二十五万元是原告父母出的。",
            "房子登记在郝建业一个人名下，每个月的房贷六千三百二十一点七元都是从原告的工资卡里扣的，原告请求把房屋价值的一半分给她。",
            "被告的代理人晏国栋辩称，那二十五万元是原告父母借给双方的，不是赠与，而且被告自己还出了装修款十万零四千五百元。",
            "证人滕桂英是当年经手这套房子的中介，她说签合同那天是原告刷卡付的定金二万元，郝建业当时说房子以后两个人一起住。",
            "审判员孟庆华让原告七日内补交银行转账记录，并问双方同不同意委托评估机构对房屋现在的市场价值进行评估。",
        ],
    },
    {
        "id": "Z139", "split": "test",
        "case_number": "（2025）蒙0203刑初427号", "cause": "合同诈骗罪",
        "parties": ["逯春雷", "包头市北辰钢材贸易有限公司"],
        "participants": ["佘丽娟", "白振宇", "苏志远"],
        "sentences": [
            "公诉人佘丽娟指控，二零二三年九月，被告人逯春雷以一家空壳公司的名义，和被害单位包头市北辰钢材贸易有限公司签订了钢材购销合同。",
            "合同约定先付百分之三十的货款，余款在收货后三十天内付清，被告人先后提走螺纹钢四百二十六吨，货值一百八十七万三千元。",
            "逯春雷只支付了五十六万元，随后把钢材低价卖给别人，换来的钱用来偿还个人赌债，并更换了手机号码，逃到了外地。",
            "被告人逯春雷辩解，他本来是想做这笔生意的，后来是因为下游客户拖欠货款才没钱付的，没有非法占有的目的。",
            "证人白振宇是被害单位的销售经理，他说被告人签合同时出示的那份银行存款证明，后来查实是伪造的，上面写的金额是三百万元。",
            "审判长苏志远询问被告人，卖钢材的钱到底去了哪里，随后宣布休庭，明天上午九点继续开庭。",
        ],
    },
    {
        "id": "Z140", "split": "test",
        "case_number": "（2025）辽0214行初97号", "cause": "食品安全行政处罚纠纷",
        "parties": ["大连滨澜水产食品有限公司", "大连市金州区市场监督管理局"],
        "participants": ["戚红霞", "荀立军", "骆文静"],
        "sentences": [
            "原告大连滨澜水产食品有限公司诉称，二零二四年十二月六日，被告大连市金州区市场监督管理局到原告的冷库进行抽检。",
            "被告认定原告销售的一批即食海参菌落总数超标，没收违法所得三万二千零六十点五元，并处货值金额十五倍的罚款七十三万五千元。",
            "原告认为，被抽检的那批海参是还没出厂的库存，只有二百一十箱，而且检验报告送达时已经超过了复检期限，请求法院撤销这份处罚决定。",
            "被告的代理人戚红霞辩称，抽样是在原告的成品仓库里进行的，执法人员全程录像，原告的负责人当场在抽样单上签了字。",
            "证人荀立军是原告冷库的保管员，他说抽样那天冷库显示的温度是零下十八摄氏度，那批货贴着待检的标签，还没有发出去。",
            "审判长骆文静询问被告，检验结果告知书是哪一天送达的，并限被告十五日内补交抽样时的全程录像。",
        ],
    },
]

NOTE = ("written for issue 16 round 26 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout33", CASES, NOTE))
