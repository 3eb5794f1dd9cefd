"""Synthesize the twenty-fourth held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 23 BEFORE any of that round's changes was run on it: the fresh
check that they hold on speech they were not made from. Never tuned on: all five cases are
split 'test'. Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout24/make_heldout24.py          # needs sox on PATH

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
        "id": "Z91", "split": "test",
        "case_number": "（2025）浙0502民初4183号", "cause": "家政服务合同纠纷",
        "parties": ["栾雅婷", "湖州馨禾家政服务有限公司"],
        "participants": ["晏俊辉", "甄秀梅", "卓立新"],
        "sentences": [
            "原告栾雅婷诉称，二零二四年九月五日，原告通过被告湖州馨禾家政服务有限公司雇了一名月嫂，服务期二十六天，从出院当天算起。",
            "双方约定服务费一万三千八百元，另付中介服务费一千五百元，原告在签约当天一次性付清。",
            "服务到第九天，原告发现月嫂夜里把新生儿独自留在婴儿床上，自己在客厅看手机，孩子呛奶后被送到医院观察了三天。",
            "原告要求解除合同，退还没有服务的十七天费用九千零二十三元，并赔偿孩子的医疗费二千六百四十点五元。",
            "被告的代理人晏俊辉辩称，月嫂持有育婴师证书，上岗前做过体检和培训，新生儿呛奶很常见，被告只同意退还剩余费用的百分之八十。",
            "证人甄秀梅就是这名月嫂，她说当晚只离开了五分钟去冲奶粉，审判员卓立新要求被告提交她的培训记录和健康证。",
        ],
    },
    {
        "id": "Z92", "split": "test",
        "case_number": "（2025）鲁0702民初2964号", "cause": "竞业限制纠纷",
        "parties": ["潍坊恒钧阀门有限公司", "隋振宇"],
        "participants": ["逄海燕", "蔺晓光", "全慧敏"],
        "sentences": [
            "原告潍坊恒钧阀门有限公司诉称，被告隋振宇原来是原告销售部的经理，双方在二零二二年四月签订了竞业限制协议，期限是离职后两年。",
            "被告在二零二三年十一月三十日离职，原告按月向被告支付竞业限制补偿金，每月四千二百元，已经支付了十一个月。",
            "原告发现被告离职不到两个月，就到本市另一家阀门公司做销售，请求被告返还补偿金四万六千二百元，并支付违约金三十万元。",
            "被告隋振宇辩称，新单位主要生产消防水泵，和原告的产品不存在竞争关系，而且原告从二零二四年五月起就没有按时支付补偿金。",
            "证人蔺晓光是被告新单位的人事专员，他作证说被告的岗位是售后服务，月工资六千五百元，另外按回款额提成百分之三。",
            "原告的代理人逄海燕提交了被告离职前经手的客户名单，审判员全慧敏询问原告，违约金三十万元是怎么计算出来的。",
        ],
    },
    {
        "id": "Z93", "split": "test",
        "case_number": "（2025）湘0702民初3651号", "cause": "环境污染责任纠纷",
        "parties": ["冉德福", "常德锦源电镀有限公司"],
        "participants": ["滕文杰", "郦国栋", "靳雅琴"],
        "sentences": [
            "原告冉德福诉称，原告在村里承包了三口鱼塘，养殖面积一共二十八亩，二零二四年七月十九日凌晨，塘里的鱼大批死亡。",
            "原告发现上游被告常德锦源电镀有限公司的排污口有黄绿色的废水流进灌溉渠，当天就向生态环境部门作了报告。",
            "经过监测，鱼塘水体中的六价铬超标十四点六倍，死鱼共计一万一千三百五十公斤，原告主张由被告赔偿损失二十七万零四百元。",
            "被告的代理人滕文杰辩称，被告的废水经过处理后达标排放，当月的排污许可检查也合格，死鱼可能是高温缺氧造成的。",
            "证人郦国栋是邻村的养殖户，他说同一天他家的鱼塘也死了不少鱼，水面上漂着一层白色泡沫，气味很刺鼻。",
            "审判长靳雅琴决定委托司法鉴定机构对鱼的死亡原因和损失数额进行鉴定，鉴定费三万二千元由原告先行垫付。",
        ],
    },
    {
        "id": "Z94", "split": "test",
        "case_number": "（2025）云0302刑初208号", "cause": "失火罪",
        "parties": ["苟建平"],
        "participants": ["弓雪莉", "邝明哲", "桑晓红"],
        "sentences": [
            "公诉人弓雪莉指控，二零二五年二月十一日下午，被告人苟建平在自家承包地里焚烧玉米秸秆，离开时没有把余火扑灭。",
            "当天风力较大，余火引燃了相邻的山林，过火面积一百零七点三亩，烧毁云南松和华山松共计四千六百余株。",
            "经评估，林木直接经济损失四十三万八千五百元，扑救中还支出了人工和车辆费用二万零六百七十元。",
            "被告人苟建平当庭表示认罪，他说起火以后，自己拿树枝扑打了半个多小时，看火势控制不住才打了报警电话。",
            "辩护人邝明哲提出，被告人报警后一直在现场等候，属于自首，案发后已经赔偿林权人损失十五万元，取得了谅解。",
            "审判长桑晓红询问被告人对赔偿数额有没有异议，随后宣布休庭二十分钟，合议庭评议后当庭宣判。",
        ],
    },
    {
        "id": "Z95", "split": "test",
        "case_number": "（2025）陕0302行初61号", "cause": "行政裁决纠纷",
        "parties": ["臧宏伟", "宝鸡市渭滨区人民政府"],
        "participants": ["储桂英", "虞晓峰", "嵇雅丽"],
        "sentences": [
            "原告臧宏伟诉称，原告家老宅东侧有一块七十一点四平方米的空地，原告家在上面种菜、堆放柴草已经三十多年。",
            "二零二二年十月，第三人储桂英在这块地上砌墙准备建车库，双方发生争执，第三人向被告宝鸡市渭滨区人民政府申请确权。",
            "二零二四年三月八日，被告作出土地权属争议处理决定，确认这块空地属于第三人的宅基地使用范围。",
            "原告认为被告认定事实错误，作为依据的宅基地登记表上没有标明四至界线，请求撤销该处理决定。",
            "被告的代理人虞晓峰辩称，被告在作出决定前进行了实地勘测，走访了五户邻居，其中四户证实这块地原来是第三人家的菜园。",
            "审判长嵇雅丽询问第三人储桂英，原来的宅基地证是什么时候丢失的，并限被告在十日内补交勘测图和邻居的询问笔录。",
        ],
    },
]

NOTE = ("written for issue 16 round 23 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout24", CASES, NOTE))
