"""Synthesize the seventy-second held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 47 BEFORE any of that round's changes was run on it: the fresh check
that they hold on speech they were not made from. Never tuned on: all five cases are split 'test'.
Each case also carries the clerk's key words (key_terms, written from the case's facts before its
sentences) and the recorded sex of every natural person (sexes). Same voice and recipe as the other
sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout72/make_heldout72.py          # needs sox on PATH

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
        "id": "Z331", "split": "test",
        "case_number": "（2025）湘0822民初1865号", "cause": "买卖合同纠纷",
        "parties": ["谷春生", "桑植县溪源大鲵养殖有限公司"],
        "participants": ["田晓蕾", "彭宇航", "瞿静怡"],
        "key_terms": ["大鲵苗", "养殖池", "腐皮病", "塑料桶", "增氧泵", "验收单"],
        "sexes": {"谷春生": "male", "田晓蕾": "female", "彭宇航": "male", "瞿静怡": "female"},
        "sentences": [
            "原告谷春生诉称，他在二零二四年十月十一日从被告桑植县溪源大鲵养殖有限公司买了五百七十尾大鲵苗，每尾四十二元，共付了二万三千九百四十元。",
            "大鲵苗放进原告家用山泉水的养殖池以后，不到两个星期就开始烂皮、不吃食，到十一月底一共死了四百一十七尾。",
            "谷春生要求被告退还死苗的货款一万七千五百一十四元，还要赔偿他买药和饲料花掉的二千零六十三点五元。",
            "被告的代理人田晓蕾辩称，大鲵苗出池前全部做过检疫，原告收货时也在验收单上签过字，是原告用塑料桶装苗，路上三个多小时没开增氧泵，苗才受了伤。",
            "证人彭宇航在县水产站当技术员，他说死苗身上的症状是腐皮病，这种病多数是苗种本身带菌，运输时擦伤也会让病情加重。",
            "审判员瞿静怡询问被告，同一池出来的大鲵苗还卖给了哪些养殖户，这些养殖户有没有出现死苗，还让被告补交这批苗种的检疫证明。",
        ],
    },
    {
        "id": "Z332", "split": "test",
        "case_number": "（2025）新2323民初2907号", "cause": "承揽合同纠纷",
        "parties": ["冉秀珍", "呼图壁县丰茂农机服务专业合作社"],
        "participants": ["左明远", "尤佳慧", "毕晨阳"],
        "key_terms": ["采棉机", "棉田", "籽棉", "落地棉", "脱叶剂", "轧花厂", "过磅单"],
        "sexes": {"冉秀珍": "female", "左明远": "male", "尤佳慧": "female", "毕晨阳": "male"},
        "sentences": [
            "原告冉秀珍诉称，她在二零二四年九月和被告呼图壁县丰茂农机服务专业合作社口头约定，由被告派采棉机采收她的三百八十亩棉田，每亩一百八十元。",
            "按约定被告应当在九月底以前进场，可采棉机十月十八日才到，那时候已经下过一场雨夹雪，不少棉花掉在地上，剩下的也发了黄。",
            "原告送到轧花厂的籽棉含杂率达到百分之十五，每公斤被扣了零点八元，冉秀珍为此要求被告赔偿落地棉和降价的损失五万三千九百元。",
            "被告的代理人左明远辩称，推迟进场是因为连续下雨，而且原告喷脱叶剂太晚，棉株上还挂着很多叶子，含杂率高和采棉机无关。",
            "证人尤佳慧是轧花厂的检验员，她说原告那几车籽棉里混着不少碎叶子跟泥土，同一时期别的棉农交的籽棉，含杂率一般在百分之八左右。",
            "审判员毕晨阳询问被告，采棉机九月底在哪里作业，为什么没有提前告诉原告会晚到，并让原告把轧花厂出具的过磅单和结算单交上来。",
        ],
    },
    {
        "id": "Z333", "split": "test",
        "case_number": "（2025）浙0523民初2681号", "cause": "定作合同纠纷",
        "parties": ["蓝彩凤", "安吉禾丰进出口有限公司"],
        "participants": ["邵家豪", "竺国良", "俞佳琪"],
        "key_terms": ["竹编", "收纳篮", "篾片", "集装箱", "霉斑", "干燥剂", "验货报告"],
        "sexes": {"蓝彩凤": "female", "邵家豪": "male", "竺国良": "male", "俞佳琪": "female"},
        "sentences": [
            "原告蓝彩凤诉称，被告安吉禾丰进出口有限公司二零二四年四月向她的竹编作坊定做了一万二千只收纳篮，每只单价十六点五元，一共十九万八千元。",
            "原告按照样品做好了全部收纳篮，六月初分两批交了货，被告只付了六万元预付款，剩下的十三万八千元到现在也没有付。",
            "被告的代理人邵家豪辩称，这批货装进集装箱运到韩国以后，客户开箱发现将近三成的篮子出现了霉斑，被告已经赔给客户两万三千美元。",
            "邵家豪说，篮子发霉是因为原告的篾片没有烘干，含水率超标，被告要求原告退还预付款，并承担客户索赔的损失。",
            "证人竺国良是货代公司的业务员，他说这批货六月初就进了被告的仓库，七月二十日才装箱出运，装箱那天他没看到箱子里放干燥剂。",
            "审判员俞佳琪询问被告，验货时有没有抽检篾片的含水率，韩国客户的索赔有没有书面材料，还要被告把验货报告和海运提单交给法庭。",
        ],
    },
    {
        "id": "Z334", "split": "test",
        "case_number": "（2025）皖1221刑初436号", "cause": "扰乱无线电通讯管理秩序罪",
        "parties": ["储海龙"],
        "participants": ["奚梦琪", "汤静波", "庄志宏", "钮卫华"],
        "key_terms": ["黑广播", "发射机", "天线", "楼顶", "药酒", "民航频率"],
        "sexes": {"储海龙": "male", "奚梦琪": "female", "汤静波": "male", "庄志宏": "male", "钮卫华": "male"},
        "sentences": [
            "公诉人奚梦琪指控，被告人储海龙从二零二四年八月起在临泉县城租下一套顶楼的房子，在楼顶架设调频发射机和天线，非法设置黑广播。",
            "这个黑广播每天播放十六个小时的药酒和保健品广告，一直播到十一月，他每月从卖保健品的老板那里拿八千元，一共拿了三万二千元。",
            "证人汤静波是省无线电监测站的工程师，据他介绍，民航部门在十月二十九日报告飞机的地空通话受到干扰，他们顺着信号一路找到了那栋楼。",
            "执法人员在楼顶查获发射机一台、天线两副，经检测，发射功率达到三百瓦，信号已经串进了民航的专用频率。",
            "被告人储海龙当庭认罪，他的辩护人庄志宏提出，储海龙不懂无线电，根本不知道会影响飞机，那三万二千元他也已经如数退了。",
            "审判长钮卫华询问被告人，那个卖保健品的老板叫什么名字，广告词是谁写的，他以前有没有在别的地方架设过发射机。",
        ],
    },
    {
        "id": "Z335", "split": "test",
        "case_number": "（2025）闽0825行初58号", "cause": "文物行政处罚纠纷",
        "parties": ["项德福", "连城县文化体育和旅游局"],
        "participants": ["温秀琼", "童立峰"],
        "key_terms": ["祠堂", "青砖", "水泥砖", "琉璃瓦", "木雕窗花", "保护标志碑"],
        "sexes": {"项德福": "male", "温秀琼": "female", "童立峰": "male"},
        "sentences": [
            "原告项德福诉称，他是村里项氏宗祠理事会的会长，这座清代祠堂的屋顶常年漏雨，两根大梁也被白蚁蛀空了，随时可能倒塌。",
            "理事会在二零二四年九月向村民集资二十八万零六百元，请施工队把外墙的青砖换成水泥砖，屋顶的小青瓦换成了琉璃瓦。",
            "被告连城县文化体育和旅游局认定，这座祠堂是县里公布的文物保护单位，原告未经批准擅自修缮，对他作出罚款十五万元、责令恢复原状的决定。",
            "原告说祠堂门口从来没有立过保护标志，村里也没人通知过他们，修缮是为了保住祠堂，请法院撤销这个十五万元的罚款。",
            "被告的代理人温秀琼辩称，保护标志碑二零二一年就立在祠堂东侧，执法人员在二零二四年十月十六日送达了责令停止施工通知书，但施工一直没有停。",
            "审判长童立峰询问被告，十五万元的罚款是按照什么标准算出来的，又让原告说清楚拆下来的木雕窗花和旧瓦片现在放在哪里。",
        ],
    },
]

NOTE = ("written for issue 16 round 47 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout72", CASES, NOTE))
