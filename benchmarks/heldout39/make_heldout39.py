"""Synthesize the thirty-ninth held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 29 BEFORE any of that round's changes was run on it: the fresh
check that they hold on speech they were not made from. Never tuned on: all five cases are
split 'test'. Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout39/make_heldout39.py          # needs sox on PATH

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
        "id": "Z166", "split": "test",
        "case_number": "（2025）闽0211民初5183号", "cause": "航空旅客运输合同纠纷",
        "parties": ["蔺佳琪", "厦门云帆航空有限公司"],
        "participants": ["戚志远", "栾晓婷", "阎振邦"],
        "sentences": [
            "原告蔺佳琪诉称，二零二四年十二月二十七日，她在被告厦门云帆航空有限公司的官网上买了两张厦门飞往乌鲁木齐的机票，一共四千三百六十元。",
            "航班原定晚上七点四十起飞，原告在机场等了六个多小时，凌晨两点被告才通知航班取消，原告只好自己花钱在机场附近住了一晚。",
            "原告托运的行李也丢了一件，里面有一台笔记本电脑和给客户的样品，原告要求航空公司赔偿损失二万零五百八十点五元，并退还全部票款。",
            "被告的代理人戚志远辩称，航班取消是因为乌鲁木齐机场突降大雪，属于不可抗力，被告已经按照运输总条件退还了百分之八十的票款。",
            "证人栾晓婷是同一航班的旅客，她说那天晚上厦门天气很好，别的航空公司飞乌鲁木齐的航班都正常起飞了，柜台的工作人员也说是飞机出了故障。",
            "审判员阎振邦责令被告十五日以内补交那天的航班动态记录和机场的气象资料，并询问原告，行李丢失以后有没有当场填写事故记录。",
        ],
    },
    {
        "id": "Z167", "split": "test",
        "case_number": "（2025）苏0506民初3961号", "cause": "典当纠纷",
        "parties": ["苏州裕丰典当有限公司", "滕立新"],
        "participants": ["芮建华", "鄢秋菊", "管文杰"],
        "sentences": [
            "原告苏州裕丰典当有限公司诉称，二零二三年九月，被告滕立新把一辆宝马轿车质押给原告，典当金是三十八万元，典当期限六个月。",
            "双方约定月综合费率为百分之二点七，另外按月息百分之零点五计算利息，期限届满后五日内既不赎回也不续期的，原告可以变卖这辆车。",
            "滕立新只交了前三个月的费用，后来一直联系不上，原告要求被告偿还典当金三十八万元，以及综合费和利息七万零四百五十元。",
            "被告的代理人芮建华辩称，综合费率加上利息明显过高，超出的部分应当抵扣本金，而且典当期限在二零二四年三月就已经届满了。",
            "证人鄢秋菊是原告的业务经理，她说每个月十号前后都会给被告打电话催缴，被告说生意周转不开，请原告再宽限两个星期。",
            "审判员管文杰询问原告，这辆车现在的评估价值是多少，并要求原告提交当票、质押登记和历次缴费的银行流水，下周三继续开庭。",
        ],
    },
    {
        "id": "Z168", "split": "test",
        "case_number": "（2025）豫0104民初8427号", "cause": "被继承人债务清偿纠纷",
        "parties": ["鞠永成", "蒯丽娜"],
        "participants": ["欧阳振宇", "娄桂芬", "冉晓光"],
        "sentences": [
            "原告鞠永成诉称，被告蒯丽娜的父亲生前在郑州开了一家建材店，二零二二年五月向原告借款二十五万元，约定年利率百分之六。",
            "二零二四年三月十七日，被告的父亲因病去世，借款一直没有还，他在金水区留下了一套一百零三平方米的住房和一辆货车。",
            "蒯丽娜作为唯一的继承人已经继承了这些遗产，原告请求她在继承遗产的范围内偿还借款本金二十五万元和利息二万九千零八十五元。",
            "被告的代理人欧阳振宇辩称，被告从来不知道这笔借款，借条上的签名也不像她父亲写的，而且那套房子还有四十多万元的贷款没有还完。",
            "证人娄桂芬是建材店的会计，她说那年五月店里进了一批瓷砖，钱不够，老板让她去找原告，原告当天就从银行转过来了。",
            "审判员冉晓光告知被告，可以申请对借条上的签名进行笔迹鉴定，并限被告十日以内补充提交遗产清单和房屋贷款的还款明细。",
        ],
    },
    {
        "id": "Z169", "split": "test",
        "case_number": "（2025）黔0321刑初417号", "cause": "贪污罪",
        "parties": ["敖德明", "钮春燕"],
        "participants": ["蓝海波", "聂红梅", "卓志强"],
        "sentences": [
            "公诉人蓝海波指控，被告人敖德明在担任遵义市红花岗区一个镇的财政所所长期间，利用管理征地补偿款的便利，虚报了十一户村民的补偿面积。",
            "二零二一年四月到二零二三年二月，敖德明先后九次把多出来的补偿款转到他人账户，共计侵吞公款一百二十六万四千元。",
            "被告人钮春燕是财政所的出纳，她明知补偿名单是虚报的，仍然帮助敖德明办理转账，从中分到了十八万元。",
            "被告人敖德明辩解，其中有三十万元是他借给镇上垫付修路工程款的，并不是自己花掉的，案发前他已经主动退还了五万元。",
            "证人聂红梅是村里的会计，她说二零二二年八月敖德明拿来一份补偿名单，让她在上面签字，名单上有好几户人家早就搬走了。",
            "审判长卓志强询问被告人钮春燕，分到的十八万元现在在哪里，有没有退赃，随后宣布休庭十五分钟，下午两点半继续审理。",
        ],
    },
    {
        "id": "Z170", "split": "test",
        "case_number": "（2025）陕7102行初96号", "cause": "卫生行政处罚纠纷",
        "parties": ["郜文静", "西安市雁塔区卫生健康局"],
        "participants": ["殷俊峰", "邬小雨", "温丽君"],
        "sentences": [
            "原告郜文静诉称，她在西安市雁塔区开了一家口腔诊所，被告西安市雁塔区卫生健康局说她使用非卫生技术人员从事诊疗活动，对她作出了处罚。",
            "处罚决定书是二零二四年九月十二日送达的，决定没收违法所得八千零四十六点五元，罚款五万元，并吊销诊所的执业许可证。",
            "原告认为，那名护士已经考取了护士执业资格证，只是还没有办完注册手续，处罚明显过重，请求法院把这份处罚决定撤销。",
            "被告的代理人殷俊峰辩称，执法人员检查时发现这名护士独自替患者拔牙，诊所的病历显示，她三个月里做了四十二次拔牙和补牙。",
            "证人邬小雨是诊所的前台，她说检查那天上午十点左右，医生临时出去了二十分钟，护士只是在帮患者清洗牙齿，并没有拔牙。",
            "审判长温丽君问被告，作处罚以前有没有书面通知原告享有听证权，并责令被告把当天拍摄的执法视频和现场笔录一并交给法庭。",
        ],
    },
]

NOTE = ("written for issue 16 round 29 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout39", CASES, NOTE))
