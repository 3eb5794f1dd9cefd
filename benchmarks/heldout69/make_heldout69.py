"""Synthesize the sixty-ninth held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 45 BEFORE any of that round's changes was run on it: the fresh
check that they hold on speech they were not made from. Never tuned on: all five cases are
split 'test'. Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout69/make_heldout69.py          # needs sox on PATH

Each case carries, besides its sentences, the case register's key terms (written from the
case's facts, as a clerk enters them from the complaint and the defence, before the sentences)
and the sexes of its natural persons as the case file records them.

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
        "id": "Z316", "split": "test",
        "case_number": "（2025）苏0581民初4286号", "cause": "承揽合同纠纷",
        "parties": ["冉若溪", "邰明远"],
        "participants": ["蒯文静", "庾立强"],
        "key_terms": ["古琴", "桐木", "大漆", "灰胎", "琴面", "地暖"],
        "sexes": {"冉若溪": "female", "邰明远": "male", "蒯文静": "female", "庾立强": "male"},
        "sentences": [
            "原告冉若溪诉称，她在常熟开办古琴教室，去年五月她找被告邰明远订做了两张古琴，每张二万八千元，先付了二万元定金。",
            "双方约定琴面用桐木，刷大漆，九月中旬交琴，可是琴送来不到三个月，一张琴的琴面就裂开了两道缝，另一张一拨弦就嗡嗡作响。",
            "交琴时原告已经付清了尾款，她要求解除合同，让被告退回全部琴款五万六千元，并赔偿她为学员借琴花去的三千零六十元。",
            "被告邰明远辩称，琴面开裂是因为原告把琴挂在装了地暖的教室里，冬天屋里的湿度常常不到百分之三十，桐木失水太快才裂的。",
            "证人蒯文静是原告班上的学员，她说教室里一直开着两台加湿器，墙上湿度计的读数每天都在百分之五十上下，老师还让大家轮流记录。",
            "审判员庾立强询问被告，做琴的桐木晾了几年，灰胎用的是什么材料，又请双方说说愿不愿意对琴面开裂的原因做鉴定。",
        ],
    },
    {
        "id": "Z317", "split": "test",
        "case_number": "（2025）青0123民初917号", "cause": "加工合同纠纷",
        "parties": ["喇永祥", "湟源县丰禾粮油加工厂"],
        "participants": ["冶秀兰", "才让卓玛", "窦丽华"],
        "key_terms": ["油菜籽", "菜籽油", "榨油坊", "出油率", "油饼", "过磅单"],
        "sexes": {"喇永祥": "male", "冶秀兰": "female", "才让卓玛": "female", "窦丽华": "female"},
        "sentences": [
            "原告喇永祥诉称，油菜收完以后，他于二零二四年十月二十九日把自家的一万二千斤油菜籽拉到被告湟源县丰禾粮油加工厂榨油，加工费每斤三角。",
            "双方当场说好，出油率不低于百分之三十五，榨出来的菜籽油和油饼都归原告，可是原告最后只拿到三千五百四十斤油。",
            "原告怀疑被告把他的好菜籽换掉了，要求被告按每斤十二点五元补足少给的六百六十斤油，折合八千二百五十元，并返还七千多斤油饼。",
            "被告的代理人冶秀兰辩称，原告的菜籽没有晒透，水分将近百分之十二，里面还混着不少泥土和秸秆，出油率达不到是原告自己的原因。",
            "证人才让卓玛和原告同一天到厂里榨油，她说原告的菜籽颗粒饱满，过磅的时候她就站在旁边，磅秤上显示的正好是一万二千斤。",
            "审判员窦丽华询问被告，那七千多斤油饼如今在谁手里，是否已经卖掉，并责令被告交出那天的过磅单和压榨机的运行记录。",
        ],
    },
    {
        "id": "Z318", "split": "test",
        "case_number": "（2025）蒙2921民初2607号", "cause": "租赁合同纠纷",
        "parties": ["巴图孟和", "阿拉善腾格里驼铃旅业有限公司"],
        "participants": ["幸秋菊", "额尔敦", "芮雪梅"],
        "key_terms": ["骆驼", "驼队", "沙漠景区", "骑骆驼项目", "草料", "驼工"],
        "sexes": {"巴图孟和": "male", "幸秋菊": "female", "额尔敦": "male", "芮雪梅": "female"},
        "sentences": [
            "原告巴图孟和诉称，他把二十峰骆驼租给被告阿拉善腾格里驼铃旅业有限公司，从二零二四年六月二十三日起在沙漠景区里供游客骑乘，租期两个月。",
            "合同约定每峰每天租金一百二十元，草料和饮水由被告负责，每峰骆驼一天最多驮游客八趟，中午最热的时候要停下来休息。",
            "八月中旬连续高温，被告为了多卖票，让骆驼一天跑十几趟，有两峰骆驼在沙地上趴下以后再也没起来，原告要求每峰按一万三千五百元赔偿，并付清拖欠的租金五万八千八百元。",
            "被告的代理人幸秋菊辩称，那两峰骆驼是吃了沙地里的有毒植物才死的，牵驼放驼的都是原告雇来的驼工，被告只管卖票和收钱。",
            "证人额尔敦是原告雇的驼工，他说景区旺季排队的人很多，被告的经理让他们中午也不要停，一峰骆驼一天最多驮了十六趟。",
            "审判员芮雪梅询问被告，骆驼死后有没有请兽医解剖，并让被告拿出八月份骑骆驼的售票记录和驼队的排班表。",
        ],
    },
    {
        "id": "Z319", "split": "test",
        "case_number": "（2025）冀0825刑初241号", "cause": "破坏交通设施罪",
        "parties": ["栗文军", "房永胜"],
        "participants": ["饶丽娜", "项建明", "温淑芬"],
        "key_terms": ["铁轨", "扣件", "螺栓", "扳手", "巡道工", "专用线"],
        "sexes": {"栗文军": "male", "房永胜": "male", "饶丽娜": "female", "项建明": "male", "温淑芬": "female"},
        "sentences": [
            "公诉人饶丽娜指控，从去年八月到十月，被告人栗文军和房永胜多次在夜里来到隆化县境内的一条运煤铁路专用线上，用扳手拆卸铁轨扣件。",
            "两人先后拆走扣件和螺栓一千三百多套，装进麻袋用摩托车运走，当作废铁卖了六千四百元，每人分了三千二百元。",
            "十月二十二日，巡道工发现有一段四百多米的线路连续缺少扣件，铁路部门紧急限速，三趟运煤列车因此晚点。",
            "被告人栗文军没有否认，他说以为那条线已经停用了，拆一些零件不会出事，案发后他的家人已经赔偿了铁路部门的损失。",
            "房永胜的辩护人项建明提出，房永胜只参加了两次，主要是在路边望风，起的是次要作用，而且他是主动到派出所投案的。",
            "审判长温淑芬询问被告人房永胜，他每次拆下的扣件大概有多少，拆的时候有没有火车经过，接着进入法庭辩论。",
        ],
    },
    {
        "id": "Z320", "split": "test",
        "case_number": "（2025）宁0323行初37号", "cause": "草原行政处罚纠纷",
        "parties": ["党银山", "盐池县林业和草原局"],
        "participants": ["纳丽娟", "郜鹏飞", "景雅文"],
        "key_terms": ["山羊", "禁牧区", "承包草场", "围栏", "偷牧", "羊圈"],
        "sexes": {"党银山": "male", "纳丽娟": "female", "郜鹏飞": "male", "景雅文": "female"},
        "sentences": [
            "原告党银山诉称，他是在二零二五年一月五日下午赶着二百三十头山羊从自家承包的草场经过，被盐池县林业和草原局的巡查人员拦了下来。",
            "被告盐池县林业和草原局认定原告在禁牧区内放牧，对他罚款一万一千五百元，党银山认为羊群只是路过去喝水，他不该受罚，这份决定应当撤销。",
            "原告的代理人纳丽娟说，那片草场原告已经承包了三十年，四周都拉了围栏，县里从来没有在那里立过禁牧的标志牌。",
            "被告的代理人郜鹏飞辩称，盐池县从二零零三年起就全域禁牧，巡查人员用无人机拍到羊群在草场里吃了两个多小时的草，不是路过。",
            "他还说，原告二零二三年就因为偷牧被警告过一次，这次按一只羊五十元罚款，已经是最低的标准了。",
            "审判长景雅文询问原告，他家的羊平时是不是关在羊圈里喂养，冬天一个月要买多少草料，并让被告把无人机拍摄的原始视频交给法庭。",
        ],
    },
]

NOTE = ("written for issue 16 round 45 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout69", CASES, NOTE))
