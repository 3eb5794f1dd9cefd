"""Synthesize the sixty-eighth held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 45 BEFORE any of that round's changes was run on it: the fresh
check that they hold on speech they were not made from. Never tuned on: all five cases are
split 'test'. Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout68/make_heldout68.py          # needs sox on PATH

Each case also carries the key terms a clerk enters in the case register from the complaint
and the defence (written from the case's facts, before the sentences) and the sex the case
file records for each natural person. Numbers are written as spoken, like the other sets;
the scorer compares numbers by value.
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
        "id": "Z311", "split": "test",
        "case_number": "（2025）湘3123民初1846号", "cause": "服务合同纠纷",
        "parties": ["龙美兰", "湘西森盾虫害防治有限公司"],
        "participants": ["石海波", "粟勇", "易红英"],
        "key_terms": ["白蚁", "吊脚楼", "民宿", "房梁", "蚁巢", "杉木地板"],
        "sexes": {"龙美兰": "female", "石海波": "male", "粟勇": "male", "易红英": "female"},
        "sentences": [
            "原告龙美兰诉称，她在凤凰县沱江边开了一家吊脚楼民宿，二零二三年五月和被告湘西森盾虫害防治有限公司签了白蚁防治合同，费用一万八千四百元。",
            "合同约定被告对整栋木楼的梁柱和楼板做灭蚁处理，保修期五年，保修期内再发现白蚁，被告要免费复治并赔偿损失。",
            "二零二五年四月十九日夜里下过一场大雨，民宿的走廊里飞出成群的白蚁，原告请木匠撬开楼板一看，二楼的两根主梁已经被蛀空了一半。",
            "原告据此主张，被告应当赔偿换梁和修补楼板的费用六万四千五百元、停业四十二天的房费损失八万零三百元，并退还三分之二的防治费。",
            "被告的代理人石海波辩称，白蚁是从隔壁那栋没人住的老木屋爬过来的，而且原告去年自己新装了一层没做防蛀处理的杉木地板，责任不在被告。",
            "证人粟勇是给原告换梁的木匠，他说蚁巢就筑在主梁和柱子接头的地方，审判员易红英随后要求被告提交当年的施工记录。",
        ],
    },
    {
        "id": "Z312", "split": "test",
        "case_number": "（2025）云0323民初2217号", "cause": "产品责任纠纷",
        "parties": ["管春生", "师宗炬烽农机设备有限公司"],
        "participants": ["隋丽敏", "邵红军", "钱佳怡"],
        "key_terms": ["烟叶", "烤房", "生物质燃烧机", "温控仪", "说明书", "黑糟烟"],
        "sexes": {"管春生": "male", "隋丽敏": "female", "邵红军": "male", "钱佳怡": "female"},
        "sentences": [
            "原告管春生诉称，他是师宗县的烟农，今年栽了三十二亩烤烟，二零二五年六月从被告师宗炬烽农机设备有限公司买了两台生物质燃烧机，总价二万五千六百元。",
            "七月二十三日夜里，一号烤房正在定色，温控仪突然没了显示，燃烧机一直往里送火，等他半夜起来查看，烤房里的温度已经超过七十度。",
            "那一炉烟叶全部烤成了黑糟烟，原告按烟站的收购均价每公斤三十二点五元计算，要求被告赔偿烟叶损失二万五千三百五十元，并更换温控仪。",
            "被告的代理人隋丽敏辩称，温控仪出厂前都经过检测，说明书写明烤房要有专人值守，当晚原告在家睡觉，没有及时断电，他自己也有责任。",
            "证人邵红军是村里烟站的技术员，他说事发第二天他去看过那台温控仪，拆开以后主板上有一块芯片烧黑了，烤房的线路没有问题。",
            "审判员钱佳怡询问原告，那一炉烟一共装了多少竿，烘烤记录本还在不在，并提示双方，温控仪的质量问题可以申请鉴定。",
        ],
    },
    {
        "id": "Z313", "split": "test",
        "case_number": "（2025）苏1084民初3428号", "cause": "承揽合同纠纷",
        "parties": ["卞书阳", "高邮荷塘书画装裱有限公司"],
        "participants": ["奚美华", "芮建新", "顾雅琴"],
        "key_terms": ["山水立轴", "揭裱", "画心", "题款", "霉斑", "风险告知书"],
        "sexes": {"卞书阳": "male", "奚美华": "female", "芮建新": "male", "顾雅琴": "female"},
        "sentences": [
            "原告卞书阳诉称，二零二四年十一月，他把祖父留下的一幅清代山水立轴送到被告高邮荷塘书画装裱有限公司揭裱，讲好工钱六千五百元，两个月交活。",
            "今年三月原告去取画，发现画心中间多了一道十几厘米的裂口，山石的颜色被洗淡了，左边的题款也被裁掉了两个字。",
            "原告说这幅画二零二二年请拍卖公司估过价，当时估价十五万元，现在画面受损，至少贬值百分之六十，所以他主张被告赔偿九万元，并退还全部工钱。",
            "被告的代理人奚美华辩称，这幅画送来时纸已经糟朽，有三处虫洞和大片霉斑，揭裱前原告签过风险告知书，同意揭裱中可能出现破损。",
            "证人芮建新做了三十年书画修复，他看过这幅画，说那道裂口原来就是一条很深的折痕，但是洗画时水温太高，颜色才会掉成这样。",
            "审判员顾雅琴询问被告，裁掉题款之前有没有征得原告同意，随后让被告提交揭裱过程的记录和影像资料。",
        ],
    },
    {
        "id": "Z314", "split": "test",
        "case_number": "（2025）豫1628刑初412号", "cause": "重大责任事故罪",
        "parties": ["屈海涛", "付玉龙"],
        "participants": ["靳若楠", "尤志国", "宫丽君"],
        "key_terms": ["塔吊", "标准节", "高强螺栓", "顶升", "工地", "作业记录"],
        "sexes": {"屈海涛": "male", "付玉龙": "male", "靳若楠": "female", "尤志国": "male", "宫丽君": "female"},
        "sentences": [
            "公诉人靳若楠指控，二零二四年八月二十二日上午，鹿邑县一个住宅小区的工地上，被告人屈海涛带着四名工人给一台塔吊顶升加节。",
            "为了赶在中午前干完，屈海涛没有按规定把新加的标准节用八根高强螺栓全部固定，只装上了四根，就让司机开始起吊钢筋。",
            "塔吊的上半截随即倾覆，砸中了地面的信号工，信号工当场死亡，另外两名工人受伤，经济损失一共一百八十六万元。",
            "被告人付玉龙是项目部的安全员，公诉人指出，他在顶升作业记录上签了字，但是当天根本没有到塔吊下面检查。",
            "屈海涛的辩护人尤志国提出，屈海涛出事后自己到派出所投案，已经赔偿死者家属一百一十二万元，拿到了谅解书，请求法庭对他从轻量刑。",
            "审判长宫丽君询问被告人付玉龙，安全员每天巡查几次，顶升前有没有组织安全技术交底，付玉龙回答说他不清楚。",
        ],
    },
    {
        "id": "Z315", "split": "test",
        "case_number": "（2025）赣1130行初57号", "cause": "林业行政处罚纠纷",
        "parties": ["婺源翠岭园林绿化工程有限公司", "婺源县林业局"],
        "participants": ["汪德胜", "俞思齐", "戴秋月"],
        "key_terms": ["银杏树", "古树", "挂牌", "吊车", "楼盘", "普查登记表"],
        "sexes": {"汪德胜": "male", "俞思齐": "female", "戴秋月": "female"},
        "sentences": [
            "原告婺源翠岭园林绿化工程有限公司诉称，二零二四年十二月，原告从村民手里花六万八千元买下一棵银杏树，用吊车挖出来运到了上饶市区的一个楼盘。",
            "二零二五年三月四日，被告婺源县林业局认定这棵银杏是登记在册的二级古树，原告擅自移植，对原告罚了八万元，还责令原告三十日内把树移回原地。",
            "原告的代理人汪德胜说，这棵树长在村民的自留地边上，身上没有挂牌，原告买树前专门问过村委会，村干部说那就是一棵普通的老树。",
            "他还提出，树已经在楼盘里栽了四个多月，刚发出新芽，现在再挖出来移回去，这棵三百多年的银杏很可能就活不成了。",
            "被告的代理人俞思齐辩称，全县的古树二零一八年普查时都建了档案，这棵树的位置和胸径都有记录，挂牌是去年台风时被刮掉的，她当庭出示了普查登记表。",
            "审判长戴秋月询问被告，罚款八万元是按什么标准定的，责令移回原地之前有没有请专家论证，并要求原告说明这棵树的胸径和树龄。",
        ],
    },
]

NOTE = ("written for issue 16 round 45 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout68", CASES, NOTE))
