"""Synthesize the fiftieth held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 35 BEFORE any of that round's changes was run on it: the fresh
check that they hold on speech they were not made from. Never tuned on: all five cases are
split 'test'. Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout50/make_heldout50.py          # needs sox on PATH

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
        "id": "Z221", "split": "test",
        "case_number": "（2025）晋0781民初1583号", "cause": "保险合同纠纷",
        "parties": ["邝雅琴", "晋中鼎诚财产保险有限公司"],
        "participants": ["蔺海彬", "牛春燕", "蒲志刚"],
        "sentences": [
            "原告邝雅琴诉称，二零二三年九月，她给自己的越野车在被告晋中鼎诚财产保险有限公司投保了车损险，保险金额十五万元，保费四千三百二十六点八元。",
            "二零二四年七月十一日晚上九点多，邝雅琴开车经过介休市区的一个下穿隧道，遇到暴雨积水，车辆熄火被淹，水面一度漫过了车窗。",
            "车辆拖到修理厂后定损十二万六千零四十元，原告要求被告在保险金额内全部赔付，另外承担施救费一千零六十五元。",
            "被告的代理人蔺海彬辩称，原告在积水里二次打火，导致发动机进水损坏，按照保险条款属于免责范围，被告最多只能赔付百分之三十。",
            "证人牛春燕是当晚赶到现场的拖车司机，她说车辆熄火以后原告没有再打火，是她用绞盘把车从水里拖出来的。",
            "审判员蒲志刚询问被告，签合同的时候有没有就免责条款向原告作出提示和说明，并让被告十日内补交投保单的原件。",
        ],
    },
    {
        "id": "Z222", "split": "test",
        "case_number": "（2025）闽0521民初3276号", "cause": "承揽合同纠纷",
        "parties": ["柯德胜", "晋江鑫步鞋业有限公司"],
        "participants": ["骆建峰", "阮秋菊", "卓明辉"],
        "sentences": [
            "原告柯德胜诉称，他在惠安县黄塘镇开了一家鞋面加工厂，从二零二三年十一月起，一直为被告晋江鑫步鞋业有限公司加工运动鞋鞋面。",
            "双方约定每双鞋面的加工费是六点五元，由被告提供面料和鞋样，每月二十五日对账，对账以后三十天内付款。",
            "到二零二四年八月底，被告累计拖欠加工费三十八万七千六百元，柯德胜要求被告结清全部欠款，并以百分之三点八五的年利率支付逾期付款的利息。",
            "被告的代理人骆建峰辩称，原告交付的最后两批鞋面有开胶和走线歪斜的问题，一共一万零三百四十双，被告已经全部退货，这部分加工费不应支付。",
            "证人阮秋菊是被告的品检员，她说那两批货抽检的不合格率超过百分之十五，她当时在验货单上签了字。",
            "审判员卓明辉询问原告，退回来的鞋面现在放在什么地方，并要求双方下周三前补交全部对账单和验货单。",
        ],
    },
    {
        "id": "Z223", "split": "test",
        "case_number": "（2025）黔0382民初1947号", "cause": "相邻关系纠纷",
        "parties": ["冉光荣", "龚世平"],
        "participants": ["幸红梅", "敖大勇", "晏玉萍"],
        "sentences": [
            "原告冉光荣诉称，他和被告龚世平是仁怀市盐津街道同一条巷子里的邻居，两家的房子中间只隔着一条一米二宽的排水沟。",
            "二零二四年四月，龚世平在自家三层楼房上又加盖了第四层，还把楼顶的雨水管直接接到了原告家的院坝里。",
            "从那以后原告家的一楼常年见不到阳光，墙体也因为积水渗漏发霉，原告要求被告拆掉那根雨水管，并赔偿房屋维修费二万零九百一十六元。",
            "被告的代理人幸红梅辩称，加盖的第四层已经办理了规划许可，原告家采光不好是因为房屋朝向的问题，和加盖没有关系。",
            "证人敖大勇是住在两家对面的退休教师，他说每次下大雨，被告楼顶的水都顺着管子冲进原告的院坝，积水最深的时候有十几厘米。",
            "审判员晏玉萍询问原告和被告，愿不愿意委托鉴定机构测量原告房屋的日照时间，随后宣布休庭，下午两点半再接着审理。",
        ],
    },
    {
        "id": "Z224", "split": "test",
        "case_number": "（2025）蒙0802刑初418号", "cause": "寻衅滋事罪",
        "parties": ["郝永强", "戈小军"],
        "participants": ["阎淑芬", "佟桂芝", "栾振国"],
        "sentences": [
            "公诉人阎淑芬指控，二零二四年十二月二十三日晚上十一点多，被告人郝永强和戈小军在巴彦淖尔市临河区的一家烧烤店吃夜宵。",
            "两人因为邻桌的客人多看了他们几眼，就上前辱骂，随后用啤酒瓶砸伤了一名客人的头部，又踢翻了店里的四张桌子。",
            "经鉴定，被害人的伤情构成轻微伤，烧烤店的财物损失价值六千四百七十元，第二天上午，两名被告人到派出所投案。",
            "被告人郝永强辩解，是对方先骂人，自己只是推了一把，啤酒瓶是戈小军扔的，他已经赔偿被害人三万五千元，取得了谅解。",
            "证人佟桂芝是烧烤店的老板娘，她说那天晚上是两名被告人先骂人动手，店里的监控拍下了整个过程，前后大约八分钟。",
            "审判长栾振国询问被告人戈小军，对公诉机关指控的事实有没有异议，并当庭播放了烧烤店监控录像的片段。",
        ],
    },
    {
        "id": "Z225", "split": "test",
        "case_number": "（2025）吉0203行初96号", "cause": "行政强制拆除纠纷",
        "parties": ["储永康", "吉林市丰满区城市管理行政执法局"],
        "participants": ["檀国庆", "邰春生", "井雪莹"],
        "sentences": [
            "原告储永康诉称，二零二四年五月二十日，被告吉林市丰满区城市管理行政执法局强制拆除了他在松花江边开农家乐的两间彩钢房。",
            "被告只在拆除前一天在门上贴了一份限期拆除通知，没有送达拆除决定书，也没有告知他申请复议和提起诉讼的权利。",
            "储永康请求法院确认拆除行为违法，并赔偿房屋损失十一万六千元，以及冰柜、桌椅等室内财物损失一万零四百二十八点五元。",
            "被告的代理人檀国庆辩称，那两间彩钢房占用河道管理范围内的土地约一百六十平方米，属于违法建设，三个月前已经口头通知过原告。",
            "证人邰春生是农家乐的厨师，他说拆除当天早上七点多来了二十几个人和两台铲车，不到一个小时就把房子推平了。",
            "审判长井雪莹要求被告提交作出强制拆除决定的全部案卷材料，并询问原告，室内财物的损失有没有购物发票或者其他证据。",
        ],
    },
]

NOTE = ("written for issue 16 round 35 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout50", CASES, NOTE))
