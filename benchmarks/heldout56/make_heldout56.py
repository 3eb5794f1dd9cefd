"""Synthesize the fifty-sixth held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 38 BEFORE any of that round's changes was run on it: the fresh
check that they hold on speech they were not made from. Never tuned on: all five cases are
split 'test'. Each case also carries the key terms a clerk enters in the case register from
the complaint and the defence (written from the facts, before the sentences) and the sex the
case file records for every natural person. Same voice and recipe as the other sets
(../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout56/make_heldout56.py          # needs sox on PATH

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
        "id": "Z251", "split": "test",
        "case_number": "（2025）青2221民初612号", "cause": "财产损害赔偿纠纷",
        "parties": ["骆春生", "门源雪岭种植专业合作社"],
        "participants": ["钮国强", "饶桂英", "丛立群"],
        "key_terms": ["蜜蜂", "蜂箱", "放蜂点", "油菜花", "杀虫剂", "喷雾机", "蜂蜜"],
        "sexes": {"骆春生": "male", "钮国强": "male", "饶桂英": "female", "丛立群": "female"},
        "sentences": [
            "原告骆春生诉称，他是转地放蜂的蜂农，二零二四年七月初把一百二十箱蜜蜂运到门源，放在被告的油菜田旁边采蜜。",
            "七月十九日上午，被告门源雪岭种植专业合作社用两台喷雾机给正在开花的油菜打杀虫剂，当天下午蜂箱门口就落满了死蜂。",
            "原告说，三天之内死了八十七箱蜂，他要求被告赔偿蜂群损失十万四千四百元，以及按每斤二十八点五元计算的蜂蜜减产损失。",
            "被告的代理人钮国强辩称，打药前两天村委会已经用大喇叭通知过，要求蜂农关好蜂箱或者搬走，原告没有做任何防护，自己也有百分之四十的过错。",
            "证人饶桂英在村委会当文书，她说大喇叭里只说了要打药，没说是哪几块地，也没说用的是什么药，原告的放蜂点离那块地不到两百米。",
            "审判员丛立群询问被告，那种杀虫剂的标签上有没有对蜜蜂高毒的警示，还让被告把农药的购买凭证和当天的作业记录交上来。",
        ],
    },
    {
        "id": "Z252", "split": "test",
        "case_number": "（2025）湘0202民初3317号", "cause": "服务合同纠纷",
        "parties": ["舒雅琴", "株洲安迁搬家服务有限公司"],
        "participants": ["佟宝山", "满星辰", "关淑贤"],
        "key_terms": ["立式钢琴", "搬运工", "楼梯", "琴腿", "音板", "保价", "物品清单"],
        "sexes": {"舒雅琴": "female", "佟宝山": "male", "满星辰": "male", "关淑贤": "female"},
        "sentences": [
            "原告舒雅琴诉称，她二零二四年十一月十四日搬家，在网上预约了被告株洲安迁搬家服务有限公司，把一台立式钢琴从六楼搬到新房，运费八百元。",
            "两名搬运工没有用绑带固定，抬着钢琴下楼时在四楼的拐角脱了手，钢琴顺着楼梯滑了下去，侧板裂开，一条琴腿也断了。",
            "原告说这台钢琴是她二零一八年花三万二千八百元买的，女儿考级一直在用，她请求被告赔偿维修费一万零六百元和钢琴贬值的损失。",
            "被告的代理人佟宝山辩称，原告下单时填了物品清单，页面上写明贵重物品须另行保价，原告没有保价，被告最多只赔运费的五倍，也就是四千元。",
            "证人满星辰是原告请来的调音师，他说钢琴的音板上也有一道裂纹，就算修好了，音色也回不到原来的水平，价值至少降低三分之一。",
            "审判员关淑贤询问被告，那两名搬运工是不是被告的员工，并责令被告提交订单页面上关于保价的提示和搬运当天的通话记录。",
        ],
    },
    {
        "id": "Z253", "split": "test",
        "case_number": "（2025）赣0203民初1486号", "cause": "定作合同纠纷",
        "parties": ["湛江茗香茶业有限公司", "景德镇青岚陶瓷有限公司"],
        "participants": ["隋洪波", "初晓宁", "衣振海", "于秋实"],
        "key_terms": ["青花茶具", "釉面", "针孔", "样品", "窑炉", "礼盒"],
        "sexes": {"隋洪波": "male", "初晓宁": "female", "衣振海": "male", "于秋实": "male"},
        "sentences": [
            "原告湛江茗香茶业有限公司委托的代理人隋洪波诉称，二零二四年九月，原告向被告景德镇青岚陶瓷有限公司定制了三千套青花茶具，每套一百六十八点八元。",
            "合同约定茶具上印原告的商标，釉面光滑，不得有针孔和杂色，和封存的样品一致，同年十二月十日前交货，用于春节前的礼盒销售。",
            "货到以后，原告抽检了二百套，发现有六十一套的釉面有针孔，青花的颜色也比样品浅，原告要求解除定作合同，退还已付的货款二十五万三千二百元。",
            "被告法定代表人初晓宁辩称，手工烧制的瓷器本来就有色差，针孔的比例在行业允许的范围之内，原告是因为礼盒卖不出去才找理由退货。",
            "证人衣振海是被告厂里的烧窑师傅，他说那一窑烧的时候赶上连续下雨，窑炉的温度不太稳，出窑后挑出来的次品有四百多套。",
            "审判长于秋实询问双方，剩下的茶具眼下放在什么地方，还告诉双方，可以申请对抽检的茶具做质量鉴定，费用由申请人预交。",
        ],
    },
    {
        "id": "Z254", "split": "test",
        "case_number": "（2025）川1503刑初147号", "cause": "盗掘古文化遗址、古墓葬罪",
        "parties": ["詹守田"],
        "participants": ["阮清越", "鄢志成", "游慧娟"],
        "key_terms": ["崖墓", "封门石", "金属探测器", "陶俑", "铜钱", "摇钱树", "古玩市场"],
        "sexes": {"詹守田": "male", "阮清越": "female", "鄢志成": "male", "游慧娟": "female"},
        "sentences": [
            "公诉人阮清越指控，二零二四年八月至九月，被告人詹守田伙同他人，先后四次在夜里进入南溪区一处山坡上的汉代崖墓，用铁锹和撬棍挖开了封门石。",
            "被告人詹守田从墓室里盗走陶俑五件、铜钱两百多枚和一件摇钱树的残片，并在古玩市场以一万八千五百元的价格卖掉了其中三件陶俑。",
            "经文物部门鉴定，这处崖墓是县级文物保护单位，被盗走的摇钱树残片属于三级文物，墓室的顶部也因为挖掘出现了坍塌。",
            "被告人詹守田当庭辩称，他以为那只是一个普通的山洞，带着金属探测器是为了找废铁，并不知道里面是古墓，也没想到后果这么严重。",
            "辩护人鄢志成提出，被告人是初犯，被抓获后一直如实供述，还带着民警找回了两件陶俑，并且自愿缴纳文物修复费用三万元，希望法庭对他从轻处罚。",
            "审判长游慧娟询问被告人，卖掉的陶俑买家是谁，现在还能不能联系上，随后让公诉人当庭出示扣押的金属探测器和铁锹。",
        ],
    },
    {
        "id": "Z255", "split": "test",
        "case_number": "（2025）苏1202行初58号", "cause": "文化行政处罚纠纷",
        "parties": ["廖思涵", "泰州市海陵区文化广电和旅游局"],
        "participants": ["时俊杰", "储一帆"],
        "key_terms": ["剧本杀门店", "剧本", "恐怖题材", "身份证截图", "登记本", "整改通知书"],
        "sexes": {"廖思涵": "female", "时俊杰": "male", "储一帆": "male"},
        "sentences": [
            "原告廖思涵诉称，她在海陵区经营一家剧本杀门店，二零二五年一月十八日晚上，被告泰州市海陵区文化广电和旅游局的执法人员来店里检查。",
            "当时六名顾客正在玩一个恐怖题材的剧本，被告认定其中三名是未成年人，店里的十四个剧本有九个没有报备，罚了原告三万元，没收了这九个剧本。",
            "原告说，那三名顾客进店前都发来了身份证的截图，上面显示已经满十八周岁，店员也在登记本上一一登记了，她并没有故意接待未成年人。",
            "原告还说，剧本都是从正规发行商那里买来的，发行商答应负责报备，这笔罚款相当于门店两个半月的营业额，处罚明显过重。",
            "被告的代理人时俊杰辩称，检查当晚执法人员就联系了三名顾客的家长，其中两人只有十六岁，原告在整改通知书送达后二十天才补交了报备材料。",
            "审判长储一帆询问被告，那天晚上是怎么确认三名顾客年龄的，要被告补充提交对家长的询问笔录，以及整改通知书送到门店时的签收记录。",
        ],
    },
]

NOTE = ("written for issue 16 round 38 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout56", CASES, NOTE))
