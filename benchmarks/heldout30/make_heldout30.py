"""Synthesize the thirtieth held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 25 BEFORE any of that round's changes was run on it, with
heldout31: the fresh check that they hold on speech they were not made from. Never tuned on:
all five cases are split 'test'. Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout30/make_heldout30.py          # needs sox on PATH

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
        "id": "Z121", "split": "test",
        "case_number": "（2025）苏0213民初4127号", "cause": "医疗服务合同纠纷",
        "parties": ["蔺若溪", "无锡悦颜医疗美容诊所有限公司"],
        "participants": ["逯志强", "亓春燕", "郜文博"],
        "sentences": [
            "原告蔺若溪诉称，她在二零二四年五月十八日到被告无锡悦颜医疗美容诊所有限公司做了鼻部玻尿酸注射，花了一万六千九百八十元。",
            "注射后第二天，她的鼻尖开始发白发紫，随后出现皮肤坏死，先后在两家三甲医院治疗了三十一天，鼻尖上留下了一块疤痕。",
            "原告要求被告退还注射费用，赔偿医疗费三万九千四百零六点五元、误工费二万一千元，精神损害抚慰金另算三万元。",
            "被告的代理人逯志强辩称，原告术前签了知情同意书，上面写着血管栓塞的风险，诊所发现异常后马上给她注射了透明质酸酶。",
            "证人亓春燕是诊所当时的护士，她说给原告打针的医生那天刚来上班，还没有拿到医疗美容主诊医师的资格证书。",
            "审判员郜文博询问被告，所用的玻尿酸是从哪里进的货，有没有批号，并提示原告可以申请医疗损害鉴定，鉴定费由申请人预交。",
        ],
    },
    {
        "id": "Z122", "split": "test",
        "case_number": "（2025）粤0605民初8362号", "cause": "业主共有权纠纷",
        "parties": ["佛山市南海区翠湖雅苑业主委员会", "佛山嘉禾物业发展有限公司"],
        "participants": ["钮佳慧", "晏丽萍", "檀卫国"],
        "sentences": [
            "原告佛山市南海区翠湖雅苑业主委员会诉称，小区的电梯广告位、楼顶的通信基站和地面停车位，都属于全体业主共同所有。",
            "从二零一九年一月到二零二四年六月底，被告佛山嘉禾物业发展有限公司把这些地方租了出去，一共收取了一百三十六万二千零四十元。",
            "原告请求法院判令被告公布这些收益的账目，把扣除合理成本以后的八十九万元交给业主委员会，存入小区的维修资金账户。",
            "被告的代理人钮佳慧辩称，这几年物业费一直没有涨，每平方米每月只收一点八元，公共收益大部分已经用来更换监控和修补路面。",
            "证人晏丽萍曾经在被告公司做出纳，她说每年的公共收益都是单独记账的，但是从来没有在小区的公告栏里公示过。",
            "审判员檀卫国要求被告在庭后二十日内提交二零一九年以来的公共收益明细和支出凭证，并询问原告，业主大会是怎样授权起诉的。",
        ],
    },
    {
        "id": "Z123", "split": "test",
        "case_number": "（2025）闽0206民初5719号", "cause": "网络服务合同纠纷",
        "parties": ["蒯春生", "厦门星播文化传媒有限公司"],
        "participants": ["郗明轩", "芮小雨", "巫建平"],
        "sentences": [
            "原告蒯春生诉称，他跟被告厦门星播文化传媒有限公司于二零二三年十一月初签了直播代运营合同，由被告每周为他的茶叶网店直播五场。",
            "合同约定服务费每月三万八千元，被告保证每月的销售额不低于六十万元，达不到的话，按差额的百分之二十退还服务费。",
            "合同履行了四个月，原告付了服务费十五万二千元，网店的销售额只有七十一万三千五百元，其中三十万零七千二百元后来又退了货。",
            "被告的代理人郗明轩辩称，销售额上不去主要是因为原告的茶叶定价偏高，而且原告多次临时更换直播的商品，被告该做的都做到了。",
            "证人芮小雨是那个直播间的主播，她说有好几场直播的观看人数是公司花钱买来的，很多下单的账号第二天就申请了退款。",
            "审判员巫建平询问被告，每场直播的在线人数和成交数据是怎么统计的，并要求被告向直播平台调取这四个月的原始记录。",
        ],
    },
    {
        "id": "Z124", "split": "test",
        "case_number": "（2025）湘0621刑初219号", "cause": "非法狩猎罪",
        "parties": ["邝永福", "桑德旺"],
        "participants": ["冉秋月", "敖正宇", "濮国栋"],
        "sentences": [
            "公诉人冉秋月指控，从二零二四年十二月到二零二五年一月，被告人邝永福在东洞庭湖的禁猎区里，使用鸟网和电子诱鸟器捕鸟。",
            "民警在邝永福家的冰柜里查获冻着的野鸭、白鹭等野鸟十一袋，共重一百零六点四公斤，其中有小天鹅四具，属于国家二级保护野生动物。",
            "被告人桑德旺帮邝永福架设鸟网十一张，每天天不亮就和他一起去湖滩收鸟，公诉机关认定他分到卖鸟的钱六千四百元。",
            "被告人桑德旺辩解，他是按天拿工钱帮忙的，每天二百元，并不知道那片湖滩是禁猎区，也不认识哪些鸟是保护动物。",
            "证人敖正宇是保护区的巡护员，他说二零二五年一月十四日凌晨，他在湖滩上发现了一排鸟网，网上挂着十几只还活着的野鸭。",
            "审判长濮国栋询问被告人邝永福，那几只小天鹅卖给了谁，卖了多少钱，然后宣布暂时休庭，由合议庭进行评议。",
        ],
    },
    {
        "id": "Z125", "split": "test",
        "case_number": "（2025）晋0802行初46号", "cause": "环境保护行政处罚纠纷",
        "parties": ["运城丰瑞养殖有限公司", "运城市生态环境局"],
        "participants": ["笪海涛", "虞桂芬", "闵庆华"],
        "sentences": [
            "原告运城丰瑞养殖有限公司诉称，它在二零二四年八月二十三日收到被告运城市生态环境局的处罚决定，说公司偷排养猪废水，罚款四十二万元。",
            "被告认定，猪场的沼液通过一根埋在地下的暗管排进了村外的水渠，水样的化学需氧量每升一千六百五十毫克，超标十多倍。",
            "原告的代理人笪海涛说，那根暗管是以前浇地用的，早就不用了，请求撤销那份处罚决定，退还已经缴纳的罚款和加处罚款四十五万三千六百元。",
            "被告辩称，执法人员在夜里连续蹲守了三天，才拍到暗管排污的视频，采样的过程全程录像，处罚的程序是合法的。",
            "证人虞桂芬是附近的村民，她说每到下大雨的夜里，水渠里的水就发黑发臭，村里有两户人家的鱼塘死了好几百斤鱼。",
            "审判长闵庆华询问被告，作出处罚决定之前有没有告知原告申请听证的权利，并责令被告补交现场检查笔录和采样记录。",
        ],
    },
]

NOTE = ("written for issue 16 round 25 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout30", CASES, NOTE))
