"""Synthesize the fifty-fourth held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 37 BEFORE any of that round's changes was run on it, with
heldout55: the fresh check that they hold on speech they were not made from. Never tuned on:
all five cases are split 'test'. Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout54/make_heldout54.py          # needs sox on PATH

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
        "id": "Z241", "split": "test",
        "case_number": "（2025）川1423民初2187号", "cause": "地役权纠纷",
        "parties": ["佘春燕", "巫国强"],
        "participants": ["蓝建新", "荀德福", "柴雪梅"],
        "sentences": [
            "原告佘春燕诉称，二零一九年三月，被告巫国强和她签了地役权合同，付给被告三万六千元，从他家的竹林里埋一根水管通到她的民宿。",
            "合同约定期限二十年，结果二零二四年八月被告为了挖鱼塘，把水管挖断了，民宿停水十一天，原告退给客人房费八千四百五十元。",
            "原告请求被告把水管恢复原样，合同继续履行，并赔偿房费损失、请人送水的费用等共计二万零六百元。",
            "被告的代理人蓝建新辩称，水管常年漏水，被告的竹笋烂了一大片，损失两万元，而且实际埋的位置比约定的偏了十五米，穿过了竹林中间。",
            "证人荀德福是当年埋水管的水电工，他说水管直径五十毫米，埋了八十厘米深，路线是巫国强自己用石灰画的。",
            "审判员柴雪梅询问原告，地役权有没有办理登记，并告诉双方，下周二上午九点半法庭要去柳江镇现场勘查。",
        ],
    },
    {
        "id": "Z242", "split": "test",
        "case_number": "（2025）陕0111民初6342号", "cause": "出版合同纠纷",
        "parties": ["戈静怡", "西安墨香图书有限公司"],
        "participants": ["房立群", "辛宝山", "储凤兰"],
        "sentences": [
            "原告戈静怡诉称，她和被告西安墨香图书有限公司在二零二一年五月签订出版合同，出版她写的《关中面食一百种》。",
            "合同约定首印八千册，定价六十八点八元，版税按定价的百分之八计算，图书出版后三十日内一次付清。",
            "原告后来发现这本书已经印到第三次，总印数两万三千册，被告却只按八千册付了四万四千零三十二元，她要求补付八万二千五百六十元。",
            "被告的代理人房立群辩称，后面两次印刷的书大部分还在库房，实际只卖出去一万一千四百册，退货率超过百分之三十。",
            "证人辛宝山是印刷厂的经理，他说第二次是二零二二年二月印的，一共一万册，同年九月又印了五千册，印刷费都是被告结的。",
            "审判员储凤兰询问原告，预付的一万元稿酬有没有收到，并要求被告两周以内把这本书的发行记录和库存清单交给法庭。",
        ],
    },
    {
        "id": "Z243", "split": "test",
        "case_number": "（2025）豫1303民初4159号", "cause": "驾驶培训合同纠纷",
        "parties": ["谈雅琴", "南阳市顺途机动车驾驶员培训有限公司"],
        "participants": ["尚志刚", "井小波", "詹文博"],
        "sentences": [
            "原告谈雅琴诉称，她是二零二三年十一月到被告南阳市顺途机动车驾驶员培训有限公司报名学车的，交了学费四千九百八十元。",
            "被告的招生员承诺六十天以内拿到驾照，但是原告通过科目一以后，每次预约练车都要排队，一个月只能练两三次。",
            "原告学了九个月，科目二还没有考，她要求解除培训合同，退还学费三千二百元，并按合同赔偿违约金一千五百元。",
            "被告的代理人尚志刚辩称，合同第六条写明，学员通过科目一以后不退学费，而且原告有七次约了车没来，教练只能空等。",
            "证人井小波是和原告同一批报名的学员，他说那个教练带了四十多个学员，只有一辆教练车，周末去练车常常从早上七点等到中午。",
            "审判员詹文博询问被告，原告在计时培训系统里一共记了几个学时，同时让被告把这九个月的练车预约记录交上来。",
        ],
    },
    {
        "id": "Z244", "split": "test",
        "case_number": "（2025）吉0183刑初428号", "cause": "破坏电力设备罪",
        "parties": ["隋立军", "佟大鹏"],
        "participants": ["景淑华", "桑德林", "虞春霞"],
        "sentences": [
            "公诉人景淑华指控说，被告人隋立军、佟大鹏二零二四年十二月十六日凌晨两点多开着一辆面包车，来到德惠市郊外的一片玉米地。",
            "两人用断线钳剪断了给灌溉机井供电的三根电缆，一共四百六十米，重三百一十二点五公斤，当天就以三千零五十元卖给了一家废品站。",
            "这次破坏造成附近三个村子的二百一十户村民停电九个小时，供电公司抢修花去材料费和人工费二万七千八百零六点四元。",
            "被告人隋立军在庭上说，他当时以为那条线路已经废弃多年，剪之前还拿电笔试过，没有电。",
            "证人桑德林是供电所的巡线工，他说那条线路一直带电运行，冬天虽然不浇地，但是养牛场的水泵还在用电。",
            "审判长虞春霞询问被告人佟大鹏，卖电缆的钱两人是怎么分的，退赔了没有，之后请公诉人发表量刑建议。",
        ],
    },
    {
        "id": "Z245", "split": "test",
        "case_number": "（2025）滇0425行初19号", "cause": "林业行政处罚纠纷",
        "parties": ["晏国富", "易门县林业和草原局"],
        "participants": ["钮晓玲", "普永贵", "瞿明远"],
        "sentences": [
            "原告晏国富诉称，被告易门县林业和草原局以他在林地上搭建一千三百五十平方米养鸡棚为由，去年九月二十六日对他作出了处罚决定。",
            "这份处罚决定要求原告三个月内拆掉鸡棚、恢复植被，并处罚款四万零五百元，相当于每平方米三十元。",
            "原告主张，那块地是他二零零八年承包的旱地，村委会出过证明，而且被告没有告知他可以申请听证，他对这个处罚不服，才来法院起诉。",
            "被告的代理人钮晓玲辩称，按照林地保护利用规划，这块地属于林地，九月十九日已经向原告送达了告知书，他五天内没有申请听证。",
            "证人普永贵担任当地村委会主任多年，他说这块地从二零一零年起一直是玉米地，前年晏国富才在上面盖了鸡棚，已经出栏了三批肉鸡。",
            "审判员瞿明远询问原告，处罚决定书是哪天收到的，并让被告补充提交那块地的卫星图片和调查时的现场笔录。",
        ],
    },
]

NOTE = ("written for issue 16 round 37 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout54", CASES, NOTE))
