"""Synthesize the twenty-second held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 21 BEFORE any of that round's changes was run on it: the fresh
check that they hold on speech they were not made from. Never tuned on: all five cases are
split 'test'. Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout22/make_heldout22.py          # needs sox on PATH

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
        "id": "Z81", "split": "test",
        "case_number": "（2025）青0103民初2386号", "cause": "供用热力合同纠纷",
        "parties": ["西宁瑞暖热力有限公司", "栾淑芬"],
        "participants": ["闫立勋", "宫晓丽"],
        "sentences": [
            "原告西宁瑞暖热力有限公司诉称，被告栾淑芬是城中区一处住宅的业主，房屋建筑面积一百二十六平方米，双方签订了供热合同。",
            "被告自二零二一年起连续三个采暖期没有缴纳取暖费，按每个采暖期每平方米二十五元计算，共计欠费九千四百五十元。",
            "被告栾淑芬辩称，自二零二三年十二月以来，室内温度长期只有十五度左右，达不到合同约定的十八摄氏度，原告应当减收取暖费。",
            "被告提交了二零二四年一月九日社区工作人员上门测温的记录，以及向供热服务热线投诉的十一次通话记录。",
            "原告的代理人闫立勋称，被告家的暖气片被私自改动过，阀门也没有完全打开，室温偏低不是供热管网的原因。",
            "审判员宫晓丽要求原告在十日内提交该楼栋的供热参数记录，并释明双方可以就减收的比例进行调解。",
        ],
    },
    {
        "id": "Z82", "split": "test",
        "case_number": "（2025）琼0108民初2743号", "cause": "健身服务合同纠纷",
        "parties": ["庞宇轩", "海口蓝岸健身服务有限公司"],
        "participants": ["冉婷婷", "屈振华"],
        "sentences": [
            "原告庞宇轩诉称，二零二四年四月二十日，原告在被告海口蓝岸健身服务有限公司办理了两年期的会员卡，并购买了六十节私教课。",
            "原告支付会员费九千六百元，私教课费一万八千元，合计二万七千六百元。",
            "同年十月，被告称场馆需要装修，随即停业，此后再也没有恢复营业，也没有通知会员办理退费。",
            "原告已经上了二十二节私教课，请求被告退还剩余课时和未使用期间的费用，共计一万八千六百元。",
            "被告的代理人冉婷婷辩称，停业是因为房东提前收回场地，属于被告无法预见的情况，并非被告故意违约。",
            "审判员屈振华询问被告，停业后是否向会员发布过退费公告，预收的会员费现在存放在哪个账户。",
        ],
    },
    {
        "id": "Z83", "split": "test",
        "case_number": "（2025）黔0302民初4167号", "cause": "快递服务合同纠纷",
        "parties": ["尤春燕", "遵义黔通速递有限公司"],
        "participants": ["甘立伟", "晏红梅"],
        "sentences": [
            "原告尤春燕诉称，二零二四年九月六日，原告通过被告遵义黔通速递有限公司寄出一个包裹，内装二十套手工蜡染服饰，收件地址在杭州。",
            "原告寄件时选择了保价服务，声明价值一万五千元，并支付运费和保价费共计一百八十六元。",
            "包裹在运输途中丢失，被告只同意按照运费的三倍进行赔偿，原告不能接受。",
            "被告的代理人甘立伟辩称，原告的保价声明没有附上货物清单，无法证明包裹内物品的实际价值。",
            "原告提交了蜡染服饰的进货单据和销售记录，证明每套服饰的成本是五百八十元，售价是七百五十元。",
            "审判员晏红梅指出，被告收件时已经验视了包裹，对保价金额没有提出异议，并要求被告说明丢件的具体经过。",
        ],
    },
    {
        "id": "Z84", "split": "test",
        "case_number": "（2025）湘0611刑初214号", "cause": "非法捕捞水产品罪",
        "parties": ["幸德旺"],
        "participants": ["滕慧敏", "佟建军", "靳立群"],
        "sentences": [
            "公诉人滕慧敏指控，二零二四年五月十二日凌晨，被告人幸德旺在洞庭湖君山段的禁捕水域内，使用电瓶和升压器等工具电鱼。",
            "渔政执法人员当场查获渔获物九十三公斤，经鉴定价值三千零五十元。",
            "被告人幸德旺对指控的事实和罪名没有异议，称自己是第一次电鱼，捕到的鱼本来打算拿到镇上的集市去卖。",
            "辩护人佟建军提出，被告人已经缴纳了二万元的生态修复费用，并参加了两次增殖放流活动，请求法庭从轻处罚。",
            "公诉人建议对被告人判处拘役四个月，缓刑六个月，并没收电鱼工具。",
            "审判长靳立群询问被告人对量刑建议有无意见，被告人表示同意。",
        ],
    },
    {
        "id": "Z85", "split": "test",
        "case_number": "（2025）陕0103行初158号", "cause": "行政允诺纠纷",
        "parties": ["蔺志国", "西安市碑林区市场监督管理局"],
        "participants": ["苗雪琴", "郜雅楠"],
        "sentences": [
            "原告蔺志国诉称，二零二三年三月，被告西安市碑林区市场监督管理局发布公告，对举报食品安全违法行为经查证属实的，按罚没款的一定比例给予奖励。",
            "二零二四年六月二十八日，原告实名举报一家食品加工厂使用过期原料生产糕点，并提供了照片和视频。",
            "被告根据原告的举报查处了该厂，没收违法所得并处罚款，罚没款合计十万零五千元。",
            "原告认为，按照公告规定的百分之十计算，被告只发放了二千元奖金，还应当补发八千五百元。",
            "被告的代理人苗雪琴辩称，原告举报的线索只有一部分查证属实，奖励数额由评审小组按照贡献程度确定，并无不妥。",
            "审判长郜雅楠要求被告在庭后五个工作日内提交奖励评审会议的记录和评分标准。",
        ],
    },
]

NOTE = ("written for issue 16 round 21 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout22", CASES, NOTE))
