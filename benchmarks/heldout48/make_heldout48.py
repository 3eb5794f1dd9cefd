"""Synthesize the forty-eighth held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 34 BEFORE any of that round's changes was run on it: a fresh check
that they hold on speech they were not made from. Never tuned on: all five cases are split
'test'. Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout48/make_heldout48.py          # needs sox on PATH

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
        "id": "Z211", "split": "test",
        "case_number": "（2025）晋0108民初3862号", "cause": "民间借贷纠纷",
        "parties": ["栾振坤", "蔺晓峰"],
        "participants": ["甄国栋", "冉秀芳", "项文杰"],
        "sentences": [
            "原告栾振坤诉称，二零二三年四月二十六日，被告蔺晓峰说他在太原开的饭店资金周转困难，向原告借了二十八万元，约定的年息是百分之六。",
            "借款分两次从银行转给被告，第一笔二十万元，第二笔八万元，蔺晓峰当天写了借条，还在借条上按了手印。",
            "借款到期后，被告只在二零二五年一月二十四日归还了三万零六百五十元，原告要求蔺晓峰偿还剩下的本金，并按约定支付利息。",
            "被告的代理人甄国栋辩称，第二笔八万元是原告入股饭店的投资款，不是借款，被告每个月都按营业额的百分之五给原告分过红。",
            "证人冉秀芳是饭店的会计，她说原告从来没有参与过饭店的经营，账本上只记了这两笔借款，没有原告入股的记录。",
            "审判员项文杰询问被告，分红的钱是从哪个账户转出去的，并要求蔺晓峰十五日内补交饭店的账本和近两年的银行流水。",
        ],
    },
    {
        "id": "Z212", "split": "test",
        "case_number": "（2025）皖0803民初5217号", "cause": "装饰装修合同纠纷",
        "parties": ["滕若兰", "安庆筑澜装饰设计有限公司"],
        "participants": ["游振宇", "柴永福", "鲍淑珍"],
        "sentences": [
            "原告滕若兰诉称，二零二四年三月，她把安庆市大观区一套一百二十八平方米的房子交给被告安庆筑澜装饰设计有限公司全包装修。",
            "合同总价二十一万六千八百元，原告先后付了三期工程款，一共十七万三千四百四十元，可是滕若兰入住不到两个月，卫生间就开始渗水。",
            "楼下邻居的天花板被泡坏了，原告赔了邻居四千三百元，原告要求被告承担这笔钱，并赔偿重新做防水的费用一万零九百二十点五元。",
            "被告的代理人游振宇辩称，渗水是因为原告入住以后自己请人安装淋浴房，打穿了防水层，和被告的施工没有关系。",
            "证人柴永福是小区物业的维修工，他说渗水的位置在卫生间的地漏旁边，离淋浴房的固定螺丝有半米多远。",
            "审判员鲍淑珍问双方愿不愿意就渗水的原因申请司法鉴定，并告知鉴定费用大约需要八千元，由申请鉴定的一方预交。",
        ],
    },
    {
        "id": "Z213", "split": "test",
        "case_number": "（2025）豫1526民初2049号", "cause": "赡养纠纷",
        "parties": ["骆广顺", "骆建明"],
        "participants": ["窦海燕", "邝德才", "乔立新"],
        "sentences": [
            "原告骆广顺诉称，他今年七十九岁，老伴去世以后一直一个人住在潢川县的老家，患有高血压和糖尿病，每个月光买药就要花六百多元。",
            "原告有两个儿子，大儿子每个月给他八百元生活费，被告骆建明是小儿子，从二零二三年八月开始就再也没有给过一分钱。",
            "原告请求被告每个月付给原告赡养费一千二百元，并承担二零二四年住院医疗费九千零八十五点四元的一半，每个季度至少回家看望一次。",
            "被告的代理人窦海燕辩称，原告盖新房的时候把大部分积蓄都给了大儿子，被告自己在外地打工，每个月的收入只有三千多元。",
            "证人邝德才是村委会主任，他说村里先后三次上门调解，骆建明当时答应每个月给父亲送一次米面油，但是后来没有做到。",
            "审判员乔立新告诉被告，子女赡养父母的义务不因为分家多少而免除，并询问被告能不能接受每个月支付一千元的调解方案。",
        ],
    },
    {
        "id": "Z214", "split": "test",
        "case_number": "（2025）陕0112刑初418号", "cause": "交通肇事罪",
        "parties": ["聂宏伟", "邬桂芝"],
        "participants": ["芮志强", "郜春梅", "蓝海涛"],
        "sentences": [
            "公诉人芮志强指控，二零二四年九月二十二日晚上九点五十五分左右，被告人聂宏伟驾驶一辆越野车，沿西安市未央区凤城八路由东向西行驶。",
            "在一个没有信号灯的路口，被告人以每小时七十八公里的速度，撞倒了正在人行横道上过马路的被害人邬桂芝，造成她颅脑损伤。",
            "事故发生后聂宏伟驾车逃离现场，第二天上午十点才到公安机关投案，经检测，他的血液里每一百毫升含有酒精四十六毫克。",
            "被告人聂宏伟辩解，他当时以为撞到的是路边的隔离桩，没有意识到撞了人，家属已经垫付了医疗费十二万三千零八十元。",
            "证人郜春梅是路口一家便利店的店员，她说听到很响的刹车声就跑出门，看到那辆越野车停了大约五秒钟，然后加速开走了。",
            "审判长蓝海涛询问被告人，案发前在哪里喝的酒，喝了多少，并询问被害人邬桂芝的家属是否愿意接受被告人家属的赔偿。",
        ],
    },
    {
        "id": "Z215", "split": "test",
        "case_number": "（2025）湘04行初96号", "cause": "土地征收补偿行政纠纷",
        "parties": ["晏秋生", "衡阳县人民政府"],
        "participants": ["岳明辉", "蒲春华", "柯俊峰"],
        "sentences": [
            "原告晏秋生诉称，二零二三年五月，被告衡阳县人民政府为修建产业园，征收了西渡镇枫树村的集体土地，原告家承包的四点六亩水田都在范围内。",
            "被告按每亩四万二千元支付了土地补偿费，但是原告在田边栽的一百三十多棵脐橙树，没有列入地上附着物的补偿清单。",
            "原告认为这份补偿决定违法，要求被告按照评估报告，补偿脐橙树的损失二十六万四千五百元和三年的预期收益。",
            "被告的代理人岳明辉辩称，征收公告发布以后，原告为了多拿补偿在田边抢栽了果树，依法不予补偿，丈量时原告也在场签了字。",
            "证人蒲春华是参加丈量的村民小组长，她说那些脐橙树是晏秋生十年前就种下的，二零二二年秋天还挂满了果，不是抢栽的。",
            "审判长柯俊峰让被告在十天之内把征收前的航拍影像和入户调查表交给法庭，随后宣布休庭，下次开庭的时间另行通知。",
        ],
    },
]

NOTE = ("written for issue 16 round 34 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout48", CASES, NOTE))
