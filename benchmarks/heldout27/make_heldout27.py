"""Synthesize the twenty-seventh held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 24 BEFORE any of that round's changes was run on it, with
heldout26: the fresh check that they hold on speech they were not made from. Never tuned on:
all five cases are split 'test'. Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout27/make_heldout27.py          # needs sox on PATH

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
        "id": "Z106", "split": "test",
        "case_number": "（2025）桂0702民初1935号", "cause": "肖像权纠纷",
        "parties": ["祁梦瑶", "钦州倾城婚纱摄影有限公司"],
        "participants": ["匡海峰", "茅小娟", "雍振华"],
        "sentences": [
            "原告祁梦瑶诉称，二零二二年十月，原告和丈夫在被告钦州倾城婚纱摄影有限公司拍了一套婚纱照，套餐价格是九千九百九十九元。",
            "二零二四年春节前后，原告发现被告把她的婚纱照做成了门店的灯箱，还用在三个短视频平台的广告里，播放量超过四十万次。",
            "原告请求被告立即停止使用她的肖像，在这三个平台上公开道歉，并赔偿经济损失五万元和精神损害抚慰金一万元。",
            "被告的代理人匡海峰辩称，合同第八条约定摄影作品的著作权归被告所有，被告可以把样片用于宣传，原告签字时没有提出异议。",
            "证人茅小娟原来是被告门店的化妆师，她说店员曾经打电话问过原告，能不能拿她的婚纱照做宣传，原告当时就拒绝了。",
            "审判员雍振华询问被告，那些广告带来了多少订单，并要求被告提供短视频平台的后台数据和广告投放的费用明细。",
        ],
    },
    {
        "id": "Z107", "split": "test",
        "case_number": "（2025）鄂0503刑初286号", "cause": "串通投标罪",
        "parties": ["樊德利", "郁成刚"],
        "participants": ["汲秀云", "居志明", "邸卫东"],
        "sentences": [
            "公诉人汲秀云指控，二零二三年六月，宜昌市伍家岗区一所中学的食堂改扩建工程公开招标，最高投标限价三百一十二万元。",
            "被告人樊德利借用另外四家建筑公司的资质参加投标，由他统一制作标书，统一报价，并许诺给每家三万元的陪标费。",
            "开标后，樊德利控制的公司以二百九十八万六千元的报价排名第一，评标专家发现五份标书里的错别字一模一样。",
            "被告人樊德利当庭认罪，他说工程已经按期完工，并且通过了竣工验收，自己实际只赚了十一万元左右。",
            "被告人郁成刚的辩护人居志明提出，郁成刚只是其中一家公司的业务员，按照樊德利的安排在投标文件上盖章，没有拿到陪标费。",
            "审判长邸卫东询问被告人郁成刚，盖章之前有没有向公司负责人报告，随后宣布法庭调查结束，进入法庭辩论阶段。",
        ],
    },
    {
        "id": "Z108", "split": "test",
        "case_number": "（2025）浙72民初1148号", "cause": "船舶碰撞损害责任纠纷",
        "parties": ["岑海生", "舟山顺洋海运有限公司"],
        "participants": ["费振江", "庹大军", "凌慧玲"],
        "sentences": [
            "原告岑海生诉称，二零二四年三月二十六日凌晨，原告的渔船在舟山渔场拖网作业，和被告舟山顺洋海运有限公司的一艘散货船相撞。",
            "渔船的船尾被撞出一道一米多的裂口，三名船员落水后被救起，网具全部损毁，渔船被拖回港口修了四十七天。",
            "原告要求被告赔偿修船费用三十五万八千元、网具损失六万四千二百元，以及停航期间的捕捞收入损失二十一万元。",
            "被告的代理人费振江辩称，当时海上有雾，渔船没有按规定开启航行灯，也没有安排专人瞭望，应当承担百分之六十的责任。",
            "证人庹大军是渔船上的轮机长，他说事发时航行灯一直亮着，他们看到散货船以后用甚高频连续呼叫了三次，对方都没有回应。",
            "审判员凌慧玲询问被告，散货船当时的航速是多少，驾驶台上有几个人值班，并要求被告提交船载航行数据记录仪的数据。",
        ],
    },
    {
        "id": "Z109", "split": "test",
        "case_number": "（2025）甘0503民初2764号", "cause": "义务帮工人受害责任纠纷",
        "parties": ["仝建军", "麻永贵"],
        "participants": ["胥文斌", "权秀兰", "闻晓东"],
        "sentences": [
            "原告仝建军诉称，二零二四年十月八日，邻居被告麻永贵请原告到他家的果园帮忙摘苹果，双方没有约定报酬。",
            "当天下午三点左右，原告站在被告提供的木梯上摘果，梯子的一条腿突然断裂，原告从两米多高的地方摔下来，腰椎骨折。",
            "原告住院二十三天，花去医疗费四万二千零五十八点六元，经鉴定构成九级伤残，请求被告赔偿各项损失十九万三千七百元。",
            "被告的代理人胥文斌辩称，那把木梯原告以前也用过，是原告自己踩空摔下来的，而且原告干活时还在接电话，自己也有过错。",
            "证人权秀兰是和原告一起摘苹果的村民，她说那把梯子已经用了很多年，断掉的那条腿早就被虫蛀空了，被告也知道。",
            "审判员闻晓东询问双方，原告已经收到的一万二千元是不是被告垫付的医药费，并告知双方可以申请对误工期进行鉴定。",
        ],
    },
    {
        "id": "Z110", "split": "test",
        "case_number": "（2025）赣04行初73号", "cause": "行政征用纠纷",
        "parties": ["贝永平", "九江市濂溪区人民政府"],
        "participants": ["侍海洋", "索慧敏"],
        "sentences": [
            "原告贝永平诉称，二零二四年七月，长江水位超过警戒线，被告九江市濂溪区人民政府征用了他的三台挖掘机和一辆自卸车，用于抢险。",
            "抢险持续了十九天，双方没有签订书面协议，只是口头约定，按每台每天二千八百元的台班费给予补偿。",
            "抢险期间，一台挖掘机在堤坝上陷进泥里侧翻，液压系统和驾驶室都损坏了，维修花了十三万六千九百五十元。",
            "被告事后只支付了补偿款九万五千元，原告要求被告按约定标准付清剩下的补偿款，并赔偿挖掘机的维修费用。",
            "被告的代理人侍海洋辩称，口头约定的台班费是每台每天一千八百元，而且挖掘机是因为操作员违规倒车才侧翻的。",
            "审判长索慧敏询问被告，征用的时候有没有出具征用凭证，并要求被告提交防汛指挥部的值班记录和补偿款的计算依据。",
        ],
    },
]

NOTE = ("written for issue 16 round 24 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout27", CASES, NOTE))
