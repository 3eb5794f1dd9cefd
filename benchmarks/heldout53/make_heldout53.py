"""Synthesize the fifty-third held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 36 BEFORE any of that round's changes was run on it, with
heldout52: the fresh check that they hold on speech they were not made from. Never tuned on:
all five cases are split 'test'. Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout53/make_heldout53.py          # needs sox on PATH

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
        "id": "Z236", "split": "test",
        "case_number": "（2025）湘0723民初2683号", "cause": "相邻采光日照纠纷",
        "parties": ["虞淑琴", "钮大勇"],
        "participants": ["禹春生", "詹玉兰", "晏立军"],
        "sentences": [
            "原告虞淑琴诉称，她和被告钮大勇是澧县城头山镇的前后邻居，去年四月，钮大勇在两层楼房上面又加盖了第三层。",
            "加盖以后，被告的房子比原来高出去四米多，原告家一楼的堂屋从十一月到第二年二月，每天只有中午一个多小时能见到太阳。",
            "虞淑琴要求钮大勇拆掉第三层，或者一次性赔偿采光损失三万零八百元，以及多花的照明和烘干衣物的电费一千三百二十六点四元。",
            "被告的代理人禹春生辩称，加盖的房子在二零二三年十一月办了乡村建设规划许可证，两家之间的距离也是原告当年自己留出来的。",
            "证人詹玉兰当过十几年村会计，她记得二零零八年两家划宅基地的时候，原告主动往后退了一米五，钮大勇当时答应不盖高楼。",
            "审判员晏立军问双方，能不能一起请专业机构测量原告堂屋的日照时间，并告知测量费用大约八千五百元，先由申请人垫付。",
        ],
    },
    {
        "id": "Z237", "split": "test",
        "case_number": "（2025）川1381民初3542号", "cause": "承揽合同纠纷",
        "parties": ["厉佳琪", "南充巧织服装有限公司"],
        "participants": ["展宏亮", "简小燕", "尚文博"],
        "sentences": [
            "原告厉佳琪诉称，她在阆中开了一家舞蹈培训班，二零二四年九月十三日向被告南充巧织服装有限公司订做了一百二十套演出服。",
            "双方约定每套单价三百八十六元，总价四万六千三百二十元，原告签合同那天付了定金一万元，被告最晚十月二十日交货。",
            "被告晚交了十二天，孩子们错过了市里的少儿舞蹈比赛，而且有三十七套演出服的亮片掉落，裙摆的长度也不对。",
            "被告的代理人展宏亮辩称，原告在九月底把裙摆改短了五厘米，又追加了头饰，交货时间应当顺延，剩下的三万六千三百二十元原告至今没有付。",
            "证人简小燕是被告车间的裁剪工，她说改尺寸的消息是原告在微信群里发的，车间因此返工了整整一个星期。",
            "审判员尚文博要求原告当庭出示那三十七套有问题的演出服，还问被告愿不愿意对有问题的部分减价百分之三十。",
        ],
    },
    {
        "id": "Z238", "split": "test",
        "case_number": "（2025）豫1725民初1652号", "cause": "养殖回收合同纠纷",
        "parties": ["鲍金山", "驻马店顺康禽业有限公司"],
        "participants": ["饶志坚", "訾德胜", "揭红霞"],
        "sentences": [
            "原告鲍金山是确山县的养殖户，二零二三年八月，他和被告驻马店顺康禽业有限公司签了肉鸭养殖回收合同，鸭苗、饲料、兽药都由被告提供。",
            "合同约定肉鸭养到四十二天左右出栏，按每斤五点二元的保护价回收，二零二四年三月，第三批六千八百只肉鸭到了出栏的日子。",
            "被告拖了九天才来抓鸭，这期间死了四百一十六只，原告要被告付清回收款八万三千零六十元，并赔偿多喂的饲料钱一万一千四百元。",
            "被告的代理人饶志坚辩称，死鸭是因为鸭棚通风不好，是原告管理不善造成的，公司的技术员在这批鸭苗进棚的第二周就提醒过他。",
            "证人訾德胜是被告的抓鸭队队长，他说公司让他们三月二十四号再去抓鸭，是因为冷库已经满了，跟鸭子的价格没有关系。",
            "审判长揭红霞询问被告，第三批肉鸭过磅总共是多少斤，扣了多少鸭苗和饲料款，并让被告在下次开庭时带来过磅单和结算单。",
        ],
    },
    {
        "id": "Z239", "split": "test",
        "case_number": "（2025）辽0804刑初437号", "cause": "抢夺罪",
        "parties": ["牛鹏飞", "容素芬"],
        "participants": ["景若兰", "官永祥", "邰雅楠"],
        "sentences": [
            "公诉人景若兰指控，被告人牛鹏飞在二零二四年十二月二十八日晚上七点五十分左右骑电动车在营口市鲅鱼圈区的一条小巷里尾随被害人容素芬。",
            "牛鹏飞从背后抢走了她挎在肩上的手提包，容素芬被拖着摔在地上，左手手腕骨折，经鉴定构成轻伤二级。",
            "包里有一部手机、现金二千六百元和一条金项链，经价格认定，手机和项链共值一万二千一百五十元。",
            "被告人牛鹏飞当庭认罪，他说第二天就把金项链卖给了一家金店，换了八千九百元，都拿去偿还了网络贷款。",
            "证人官永祥是那家金店的店员，他说牛鹏飞卖项链时称是他母亲留下的，项链重二十七点三克，当时按每克三百二十六元收购。",
            "审判长邰雅楠询问被告人，家属能否在判决前退赔被害人的全部损失，并告诉他，认罪认罚、退赔损失的，法庭会依法考虑从宽。",
        ],
    },
    {
        "id": "Z240", "split": "test",
        "case_number": "（2025）冀1102行初94号", "cause": "住房公积金行政纠纷",
        "parties": ["郜玉凤", "衡水市住房公积金管理中心"],
        "participants": ["褚立伟", "阮桂枝", "戈振东"],
        "sentences": [
            "原告郜玉凤诉称，二零一六年十一月起她就在衡水一家纺织厂做挡车工，工厂一直没有给她缴过住房公积金。",
            "二零二四年五月，她向被告衡水市住房公积金管理中心投诉，要求责令工厂按每月二千一百五十元的基数和百分之十二的比例补缴八年的公积金。",
            "被告立案以后过了七个多月才作出答复，认为原告是计件工，劳动关系不明确，决定不予处理，原告请求把这份答复撤销。",
            "被告的代理人褚立伟辩称，原告提供的只有工作证和十一个月的工资条，工厂说她是临时工，中心没有权力认定劳动关系。",
            "证人阮桂枝和原告是同一个车间的工友，她说车间里四十多个挡车工都是常年上班，每天两班倒，每班十二个小时。",
            "审判长戈振东询问被告，从受理投诉到作出答复为什么超过了六十天，还要求被告把调查时的询问笔录和现场检查记录交上来。",
        ],
    },
]

NOTE = ("written for issue 16 round 36 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout53", CASES, NOTE))
