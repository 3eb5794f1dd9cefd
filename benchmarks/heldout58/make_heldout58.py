"""Synthesize the fifty-eighth held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 39 BEFORE any of that round's changes was run on it: the fresh check
that they hold on speech they were not made from. Never tuned on: all five cases are split
'test'. Each case carries the key words a clerk would enter from the complaint and the defence
("key_terms", written from the facts before the sentences) and the parties' and participants'
sexes as the case file records them ("sexes"). Same voice and recipe as the other sets
(../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout58/make_heldout58.py          # needs sox on PATH

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
        "id": "Z261", "split": "test",
        "case_number": "（2025）桂0321民初2958号", "cause": "经营场所、公共场所的经营者、管理者责任纠纷",
        "parties": ["佟雨涵", "阳朔云翼滑翔伞运动俱乐部有限公司"],
        "participants": ["芮正阳", "柯欣然", "詹卫红"],
        "key_terms": ["滑翔伞", "双人飞行", "起飞", "降落", "侧风", "脚踝骨折", "免责声明", "运动相机"],
        "sexes": {"佟雨涵": "female", "芮正阳": "male", "柯欣然": "female", "詹卫红": "female"},
        "sentences": [
            "原告佟雨涵诉称，国庆假期她和朋友到阳朔旅游，在被告阳朔云翼滑翔伞运动俱乐部有限公司花八百八十元买了一次双人飞行。",
            "二零二四年十月四日下午，教练带着她从山顶起飞，降落的时候突然起了一阵侧风，两个人一下子摔在稻田的田埂上，她的右脚踝当场骨折。",
            "原告做了两次手术，住院二十六天，看病、请护工再加上误工，她算下来各项损失一共十二万七千三百零八点六元，要求全部由被告承担。",
            "被告的代理人芮正阳辩称，原告起飞前签了免责声明，教练在降落前提醒过她抬起双腿，是她自己把脚伸了出去，而且保险公司已经赔了她两万元。",
            "证人柯欣然是和原告一起去的朋友，她说那天下午山顶的风很大，旁边另一家俱乐部已经停飞了，教练还是坚持带她们上去飞。",
            "审判员詹卫红询问被告，事发时山顶的风速是多少，这名教练有没有滑翔伞飞行的资格证书，又让被告交出教练头盔上那台运动相机录下的视频。",
        ],
    },
    {
        "id": "Z262", "split": "test",
        "case_number": "（2025）闽0623民初3371号", "cause": "凭样品买卖合同纠纷",
        "parties": ["游志坚", "漳浦县翠屿花木种植专业合作社"],
        "participants": ["庄美玲", "涂金水", "欧阳静"],
        "key_terms": ["罗汉松", "造型树", "苗圃", "编号牌", "土球", "保活期", "浇水"],
        "sexes": {"游志坚": "male", "庄美玲": "female", "涂金水": "male", "欧阳静": "female"},
        "sentences": [
            "原告游志坚诉称，去年三月九日他到被告漳浦县翠屿花木种植专业合作社的苗圃里挑中了一棵罗汉松造型树，当场拍照，还挂上了编号牌。",
            "双方签的合同写明树高三点二米，价款十八万八千元，由被告负责挖运和栽种，保活期一年，原告当天就付了十万元预付款。",
            "树运到原告在漳州市区的院子以后，原告发现土球比约定的小了一圈，树干上也没有编号牌，不到两个月针叶就全黄了，整棵树都枯死了。",
            "被告的负责人庄美玲辩称，送去的就是原告挑的那棵树，编号牌是吊装的时候被绳子磨掉的，树死是因为原告浇水太勤，把根泡烂了，原告还欠八万八千元没付。",
            "证人涂金水是那天开吊车的司机，他说装车前那棵树上确实挂着一块红色的牌子，到了原告家卸车的时候，牌子已经找不到了。",
            "审判员欧阳静询问原告，合同上写没写怎么养护，浇水归谁管，同时告知原告和被告，可以请林业专家到现场看一看，查清这棵树枯死的原因。",
        ],
    },
    {
        "id": "Z263", "split": "test",
        "case_number": "（2025）豫1627民初4416号", "cause": "演出合同纠纷",
        "parties": ["周口鸣凤豫剧团有限公司", "太康县柳湾村村民委员会"],
        "participants": ["房秋菊", "闵广才", "狄海波", "邵建新"],
        "key_terms": ["豫剧", "庙会", "戏台", "演出场次", "停演", "暴雨", "音响"],
        "sexes": {"房秋菊": "female", "闵广才": "male", "狄海波": "male", "邵建新": "male"},
        "sentences": [
            "原告周口鸣凤豫剧团有限公司诉称，今年二月，被告太康县柳湾村村民委员会请剧团到村里的庙会上连唱五天大戏。",
            "双方约定每天下午和晚上各演一台戏，一共十场，演出费八万五千元，被告先付定金两万元，剩下的在演出结束当天一次付清。",
            "原告的法定代表人房秋菊是剧团的团长，她说剧团唱了穆桂英挂帅和花木兰，第四天下了大雨，村里临时通知停演，剩下的六万五千元到现在也没给。",
            "被告的代理人闵广才辩称，第四天停演是暴雨造成的，是不可抗力，演出费只能按演了的六场折算，也就是百分之六十，村里最多再给三万一千元。",
            "证人狄海波是剧团请的音响师，他说音响只在第二天晚上断过一次电，十几分钟就修好了，停演以后演员和道具在村里又等了两天。",
            "审判员邵建新询问被告，停演是谁拍板决定的，当时是怎么通知剧团的，又问原告，剧团在村里多等的两天花了哪些钱。",
        ],
    },
    {
        "id": "Z264", "split": "test",
        "case_number": "（2025）赣0731刑初238号", "cause": "破坏交通设施罪",
        "parties": ["赖水生", "温细妹"],
        "participants": ["易晓彤", "邹明轩", "骆文华"],
        "key_terms": ["铸铁井盖", "雨水井", "电动三轮车", "废品收购站", "放风", "外卖骑手"],
        "sexes": {"赖水生": "male", "温细妹": "female", "易晓彤": "female", "邹明轩": "male", "骆文华": "male"},
        "sentences": [
            "公诉人易晓彤指控，被告人赖水生去年十一月多次趁着深夜骑着电动三轮车，在于都县城的几条马路上撬走铸铁井盖，拉到废品收购站卖掉。",
            "他的妻子温细妹每次都跟着去，负责在路口放风，两人一共偷了二十三个井盖，按每斤一块二的价格卖了四千四百一十六元。",
            "二零二四年十二月二日晚上，一名外卖骑手骑车经过长征路，连人带车掉进了没有井盖的雨水井，摔断了两根肋骨。",
            "价格认定的结论是，被盗的二十三个井盖价值二万零七百元，被告人赖水生对指控没有异议，他说以为井盖丢了马上会有人补上，没想到会出事。",
            "被告人温细妹的辩护人邹明轩提出，温细妹没有动手撬井盖，卖井盖的钱也都是她丈夫拿着，她只起辅助作用，而且家里还有两个上学的孩子。",
            "审判长骆文华询问被告人赖水生，每次撬完井盖有没有想过路上的行人和车辆，随后让公诉人出示路口监控的截图和废品收购站的收购记录。",
        ],
    },
    {
        "id": "Z265", "split": "test",
        "case_number": "（2025）蒙0602行初41号", "cause": "养犬管理行政处罚纠纷",
        "parties": ["那日苏", "鄂尔多斯市公安局东胜区分局"],
        "participants": ["郝俊峰", "仲秋月", "乌日娜"],
        "key_terms": ["藏獒", "烈性犬", "犬只名录", "狗绳", "狂犬疫苗", "混血", "电梯"],
        "sexes": {"那日苏": "male", "郝俊峰": "male", "仲秋月": "female", "乌日娜": "female"},
        "sentences": [
            "原告那日苏诉称，他在东胜区的家里养了一条藏獒，二零二五年二月二十日，被告鄂尔多斯市公安局东胜区分局认定他违规饲养烈性犬，没收了这条狗，还罚了他一千五百元。",
            "那日苏说，这条狗是他二零二一年花三万六千元从青海买来的，每年都打狂犬疫苗，它是藏獒和本地狗的混血，体重只有四十二点五公斤，不算烈性犬。",
            "原告要被告收回这份处罚决定，把狗还给他，狗要是已经不在了，就按当初的买价赔他三万六千元。",
            "被告的代理人郝俊峰辩称，藏獒列在本市禁止饲养的犬只名录里，不管是不是纯种都不能在城区养，民警去年两次上门劝他把狗送走，他都没有理会。",
            "证人仲秋月和原告住同一个单元，她说那天早上藏獒没拴狗绳，在电梯口突然扑向她六岁的孙子，孩子当场吓哭了，她这才打电话报了警。",
            "审判长乌日娜询问被告，这条狗现在关在什么地方，作出罚款决定以前是否告知过原告有权陈述申辩，另外让被告补交两次上门劝导的执法记录仪视频。",
        ],
    },
]

NOTE = ("written for issue 16 round 39 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'. key_terms: the case's key words as a clerk enters them from the "
        "complaint and the defence, written from the facts before the sentences; sexes: as the case file records them.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout58", CASES, NOTE))
