"""Synthesize the sixty-sixth held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 44 BEFORE any of that round's changes was run on it: the fresh
check that they hold on speech they were not made from. Never tuned on: all five cases are
split 'test'. Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout66/make_heldout66.py          # needs sox on PATH

Each case carries "key_terms" (the case's key words as a clerk enters them in the register from
the complaint and the defence, written from the facts before the sentences) and "sexes" (every
natural person among parties and participants, as the case file records it).

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
        "id": "Z301", "split": "test",
        "case_number": "（2025）桂0403民初3158号", "cause": "提供劳务者受害责任纠纷",
        "parties": ["伍浩轩", "梧州鸿威醒狮演艺有限公司"],
        "participants": ["岳志刚", "蒙世杰", "陶丽君"],
        "key_terms": ["舞狮", "高桩", "梅花桩", "狮头", "开业庆典", "跟骨骨折", "啤酒"],
        "sexes": {"伍浩轩": "male", "岳志刚": "male", "蒙世杰": "male", "陶丽君": "female"},
        "sentences": [
            "原告伍浩轩诉称，他是被告梧州鸿威醒狮演艺有限公司的舞狮队员，按场次拿报酬，每场三百五十元，双方没有签书面合同。",
            "二零二四年十二月十三日，被告派他到一家商场的开业庆典上表演高桩舞狮，他舞狮头，在第五根梅花桩上起跳时，桩子突然歪了，他从两米高处摔到地上。",
            "原告右脚跟骨粉碎性骨折，做了两次手术，花去医疗费五万七千零二十三点八元，他请被告承担手术费、误工费、护理费，一共十一万四千元。",
            "被告的代理人岳志刚辩称，梅花桩是商场找人搭的，被告只负责表演，而且原告那天中午喝了两瓶啤酒，原告自己的过错至少占百分之三十五。",
            "证人蒙世杰是和原告一起舞狮尾的队员，他说那几根桩子是头天晚上才立起来的，底座下面垫的是砖头，原告中午只喝了一小杯，说话走路都很正常。",
            "审判员陶丽君询问被告，表演前有没有检查过梅花桩，有没有给队员买意外险，并告知原告，搭桩的商场可以作为第三人追加进来。",
        ],
    },
    {
        "id": "Z302", "split": "test",
        "case_number": "（2025）粤0606民初18274号", "cause": "买卖合同纠纷",
        "parties": ["寇振东", "佛山市顺德区碧溪观赏鱼养殖场"],
        "participants": ["甄伟明", "麦兆辉", "温雅琪"],
        "key_terms": ["锦鲤", "鱼池", "烂鳃", "疱疹病毒", "死鱼", "检疫证明"],
        "sexes": {"寇振东": "male", "甄伟明": "male", "麦兆辉": "male", "温雅琪": "female"},
        "sentences": [
            "原告寇振东诉称，二零二四年十月十三日，他在被告佛山市顺德区碧溪观赏鱼养殖场挑了二十八条锦鲤，放进自家院子的鱼池，货款一共九万六千五百元。",
            "鱼放进池子的第六天开始烂鳃，两个星期里死了十九条，超过了三分之二，其中就有那条六十五厘米、单价三万八千元的红白锦鲤。",
            "水产技术推广站检测出锦鲤疱疹病毒阳性，原告让被告退回死鱼的货款七万四千三百元，并赔偿换水和消毒的费用四千零八十元。",
            "被告的代理人甄伟明辩称，这批鱼出场前都做过检疫，同一个池子的鱼卖给别人都好好的，原告没有把新鱼单独隔离，就直接和他原来养的旧鱼混在了一起。",
            "证人麦兆辉是水产技术推广站的检测员，他说送检的三条死鱼都有烂鳃和眼球凹陷的症状，这种病毒潜伏的时间比较久，从外表上看不出来。",
            "审判员温雅琪询问原告，原来的鱼池里还养着几条旧鱼，旧鱼有没有发病，并让被告交来这批锦鲤的动物检疫合格证明和出池记录。",
        ],
    },
    {
        "id": "Z303", "split": "test",
        "case_number": "（2025）湘0408民初2751号", "cause": "定作合同纠纷",
        "parties": ["阮桂香", "衡阳康步假肢矫形器有限公司"],
        "participants": ["祝海波", "井雅丽", "尚志勇"],
        "key_terms": ["假肢", "接受腔", "残肢", "取模", "碳纤维", "压疮", "脚板"],
        "sexes": {"阮桂香": "female", "祝海波": "male", "井雅丽": "female", "尚志勇": "male"},
        "sentences": [
            "原告阮桂香诉称，她二零二一年因为工伤截去了左小腿，二零二四年六月在被告衡阳康步假肢矫形器有限公司定做了一条碳纤维小腿假肢，价格四万六千元。",
            "取模以后试穿了三次，接受腔一直太紧，她每天走不到一千步，残肢就磨破了，后来伤口溃烂，在医院换了二十多天的药。",
            "原告要求退还假肢款四万六千元，赔偿医疗费三千二百一十八点四元和误工损失，被告做的那条假肢她已经放在家里半年没穿了。",
            "被告的代理人祝海波辩称，残肢的粗细会随着体重变化，接受腔本来就要反复调整，被告三次打电话让原告回来修改，她只来过一次。",
            "证人井雅丽是市人民医院康复科的医生，她说原告来看病时残肢前端有一块硬币大小的压疮，位置正好和接受腔的边缘吻合。",
            "审判员尚志勇询问被告，取模和试穿的时候有没有书面记录，碳纤维脚板是国产的还是进口的，并问双方是否同意把假肢送去做质量鉴定。",
        ],
    },
    {
        "id": "Z304", "split": "test",
        "case_number": "（2025）晋1023刑初94号", "cause": "盗掘古墓葬罪",
        "parties": ["邰永强", "鄢海林"],
        "participants": ["栗文清", "戈明远", "晏春来", "厉红军"],
        "key_terms": ["洛阳铲", "盗洞", "墓室", "砖雕", "铜镜", "瓷碗", "壁画"],
        "sexes": {"邰永强": "male", "鄢海林": "male", "栗文清": "female", "戈明远": "male", "晏春来": "male",
                  "厉红军": "male"},
        "sentences": [
            "公诉人栗文清指控，二零二四年十月下旬到十一月中旬，被告人邰永强、鄢海林在襄汾县一处金代砖雕墓的旁边，夜里用洛阳铲探了九个孔，又挖出一条七米多深的盗洞。",
            "两人进入墓室以后，撬下四块砖雕，拿走一面铜镜和三件瓷碗，其中一件瓷碗被鉴定是国家三级文物，墓室的壁画也被凿坏了一大片。",
            "被告人邰永强当庭认罪，他说东西都卖给了一个外地人，一共拿到四万零六百元，自己分了两万五，剩下的给了鄢海林。",
            "被告人鄢海林的辩护人戈明远提出，鄢海林只在地面上望风和拉绳子，没有下过墓室，案发后主动退回了分到的一万五千六百元，是从犯。",
            "证人晏春来是村里的文物看护员，他说十一月底巡查时发现墓边的草堆被人动过，掀开一看，下面盖着一块木板，木板底下就是盗洞。",
            "审判长厉红军询问被告人鄢海林，那条盗洞挖了几个晚上，绳子和洛阳铲是谁买的，并当庭出示了从邰永强家里搜出的两把洛阳铲和一盏矿灯。",
        ],
    },
    {
        "id": "Z305", "split": "test",
        "case_number": "（2025）赣0902行初58号", "cause": "水行政处罚纠纷",
        "parties": ["宜春月湾温泉度假村有限公司", "宜春市袁州区水利局"],
        "participants": ["冷学军", "易文辉", "詹秋月", "鲍红霞"],
        "key_terms": ["温泉", "地热井", "地下热水", "泡池", "水表", "铅封", "封井"],
        "sexes": {"冷学军": "male", "易文辉": "male", "詹秋月": "female", "鲍红霞": "female"},
        "sentences": [
            "原告宜春月湾温泉度假村有限公司诉称，二零二五年二月十七日，被告宜春市袁州区水利局认定原告未经许可抽取地下热水，罚款八万元，并责令封井。",
            "原告的总经理冷学军说，那口地热井是前一个老板二零一九年打下的，深一千一百米，原告接手以后一直在申请取水许可，材料已经交了两次。",
            "他说度假村只有六个泡池，每天抽的热水不到一百二十立方米，而且用过的水经过降温全部排进了污水管网，罚八万元太重了。",
            "被告的代理人易文辉辩称，井口水表的读数显示，原告去年日均抽水三百四十多立方米，被告两次书面责令停止抽水，原告照样营业。",
            "证人詹秋月是被告单位的抄表员，她说水表每个月抄一次，十一月那次她去的时候水表的铅封被人剪断了，表盘上还贴着一块胶布。",
            "审判长鲍红霞询问原告，铅封是谁剪断的，申请取水许可的材料有没有回执，并要求被告说明八万元的罚款是依据哪一条规定算出来的。",
        ],
    },
]

NOTE = ("written for issue 16 round 44 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout66", CASES, NOTE))
