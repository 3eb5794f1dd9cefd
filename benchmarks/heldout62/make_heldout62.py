"""Synthesize the sixty-second held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 42 BEFORE any of the changes of rounds 41 and 42 was run on it:
the fresh check that they hold on speech they were not made from. Never tuned on: all five
cases are split 'test'. Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout62/make_heldout62.py          # needs sox on PATH

Numbers are written as spoken, like the other sets; the scorer compares numbers by value.
Each case carries the clerk's register entries, written from the case's facts before its
sentences: "key_terms" (the things, places, acts and documents the dispute is about) and
"sexes" (of every natural person among parties and participants, as the case file records it).
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
        "id": "Z281", "split": "test",
        "case_number": "（2025）皖1723民初1862号", "cause": "承揽合同纠纷",
        "parties": ["青阳县九华翠微文化旅游有限公司", "笪永福"],
        "participants": ["巫立群", "苗锦程", "宫晓筠"],
        "key_terms": ["铜钟", "钟体", "浇铸", "裂纹", "音色", "钟楼", "铭文"],
        "sexes": {"笪永福": "male", "巫立群": "female", "苗锦程": "male", "宫晓筠": "female"},
        "sentences": [
            "原告青阳县九华翠微文化旅游有限公司诉称，景区新建了一座钟楼，二零二四年四月原告就委托被告笪永福铸造一口三吨重的青铜钟，约定价款四十八万元。",
            "铜钟十一月运到景区，吊装上钟楼以后第一次试敲，钟体靠近钟口的地方就出现了一条二十多厘米的裂纹，声音也发闷发哑。",
            "原告的代理人巫立群提出，这口钟已经没法用了，原告要求把钟退回去，解除定作协议，被告退还已经付的三十二万二千元，另外赔偿钟楼加固和吊装的费用六万八千四百三十元。",
            "被告笪永福辩称，他铸钟三十多年，从来没出过这种事，裂纹是原告的工作人员用一根四百多斤的撞木连续敲了一百零八下造成的。",
            "证人苗锦程是当时负责吊装的师傅，他说钟运到的时候外面包着一层草帘，拆开以后他就看到钟口有一道细细的黑线，当场用手机拍了下来。",
            "审判员宫晓筠询问被告，浇铸时铜和锡的比例是多少，钟体上的铭文是不是和钟一起铸出来的，还让原告补交铜钟交接那天的验收单。",
        ],
    },
    {
        "id": "Z282", "split": "test",
        "case_number": "（2025）桂1203民初2417号", "cause": "买卖合同纠纷",
        "parties": ["莫秋菊", "宜州绿桑蚕种有限公司"],
        "participants": ["黎玉梅", "蓝振勋", "邰海鸥"],
        "key_terms": ["蚕种", "秋蚕", "孵化率", "微粒子病", "蚕房", "蚕茧", "桑园"],
        "sexes": {"莫秋菊": "female", "黎玉梅": "female", "蓝振勋": "male", "邰海鸥": "male"},
        "sentences": [
            "原告莫秋菊诉称，她在宜州区石别镇承包了十二亩桑园，二零二四年八月三十一日，她从被告宜州绿桑蚕种有限公司买了六张秋蚕种，每张一百四十五元。",
            "蚕种领回来以后，她按照被告的说明催青孵化，孵化率还不到五成，孵出来的小蚕大小不一，养到三龄就开始成批死亡。",
            "证人黎玉梅是镇上的蚕桑技术员，她说自己去原告的蚕房看过，死蚕身上有黑色的斑点，她怀疑蚕种带有微粒子病，建议原告把死蚕送去检验。",
            "原告要求退回蚕种款八百七十元，并按每斤蚕茧二十二点五元的收购价，赔偿这一季的蚕茧损失二万六千零八十元。",
            "被告的代理人蓝振勋辩称，同一批蚕种卖给了附近三十多户蚕农，别人家的蚕都没出问题，原告的蚕房消毒不彻底，温度也没控制好。",
            "审判员邰海鸥询问被告，这批蚕种出厂前有没有做过母蛾检验，还要求被告拿出蚕种的生产许可证、检疫证明和同一批次的销售记录。",
        ],
    },
    {
        "id": "Z283", "split": "test",
        "case_number": "（2025）粤0511民初6158号", "cause": "保管合同纠纷",
        "parties": ["柯以宁", "汕头松音提琴工坊有限公司"],
        "participants": ["骆家豪", "庄清扬", "颜雪婷"],
        "key_terms": ["大提琴", "琴房", "面板", "琴码", "寄存单", "除湿机", "琴盒"],
        "sexes": {"柯以宁": "male", "骆家豪": "male", "庄清扬": "male", "颜雪婷": "female"},
        "sentences": [
            "原告柯以宁诉称，他在二零二四年六月二十七日去德国进修之前，把一把十九世纪的意大利大提琴寄存在被告汕头松音提琴工坊有限公司，每月保管费三百八十元。",
            "被告开了寄存单，承诺琴放在恒温恒湿的琴房里，可是今年三月他回国取琴时发现，琴的面板上裂开了两道缝，琴码也断了。",
            "原告花了十一万七千元请人修复，经过评估，这把琴的价值比原来少了百分之二十五，修复费和贬值损失共计二十九万二千元，都应该由被告赔偿。",
            "被告的代理人骆家豪辩称，去年台风过境时整片老城区停电将近两天，琴房的除湿机没法运转，这属于不可抗力，工坊不应当承担责任。",
            "证人庄清扬原来是被告的学徒，他说停电那两天，老板把几把琴从琴房搬到了阁楼上，阁楼漏雨，原告的琴盒都被泡湿了。",
            "审判员颜雪婷询问被告，停电以后有没有通知原告，还让被告交出琴房的温湿度记录，以及寄存时给这把琴拍的视频。",
        ],
    },
    {
        "id": "Z284", "split": "test",
        "case_number": "（2025）鲁1581刑初392号", "cause": "假冒注册商标罪",
        "parties": ["栗宏亮", "峻岳精工轴承股份有限公司"],
        "participants": ["井秀芬", "郜海滨", "檀伟", "娄振邦"],
        "key_terms": ["轴承", "激光打标机", "商标标识", "包装盒", "合格证", "农机配件"],
        "sexes": {"栗宏亮": "male", "井秀芬": "female", "郜海滨": "male", "檀伟": "male", "娄振邦": "male"},
        "sentences": [
            "公诉人井秀芬指控，被告人栗宏亮从二零二三年八月开始，在临清市烟店镇租了一间厂房，从几家小作坊便宜收购不带标识的轴承。",
            "他用一台激光打标机在轴承外圈上打上峻岳精工轴承股份有限公司的注册商标，再装进印有同样商标图案的包装盒，冒充正品对外销售。",
            "公安机关在厂房里查获已经打好标记的轴承一万三千六百套、空白包装盒四千多个，经过审计，栗宏亮的非法经营数额是八十七万零六百元。",
            "证人郜海滨在县城开农机配件门市，他说栗宏亮卖给他的轴承价格只有正品的六成，装上收割机以后，不到一个月就有好几个发热卡死。",
            "被告人栗宏亮的辩护人檀伟提出，栗宏亮是初犯，归案以后一直老实交代，已经向权利人赔偿了十五万元并取得谅解，请求对他适用缓刑。",
            "审判长娄振邦询问被告人，这些包装盒和合格证是在哪里印的，打标机是什么时候买的，随后当庭出示了扣押的打标机和样品轴承。",
        ],
    },
    {
        "id": "Z285", "split": "test",
        "case_number": "（2025）鄂2802行初58号", "cause": "气象行政处罚纠纷",
        "parties": ["利川市鸿彩庆典礼仪有限公司", "利川市气象局"],
        "participants": ["向春燕", "冉茂林", "揭雅琴"],
        "key_terms": ["氢气球", "系留气球", "充气拱门", "开业庆典", "气瓶", "氦气"],
        "sexes": {"向春燕": "female", "冉茂林": "male", "揭雅琴": "female"},
        "sentences": [
            "原告利川市鸿彩庆典礼仪有限公司诉称，去年十二月十四日，原告在东城街道一家超市的开业庆典上布置了一个充气拱门和六个系留气球。",
            "当天中午，被告利川市气象局的执法人员到现场检查，认为原告没有施放气球的资质，还使用氢气充气，当场扣押了三个气瓶。",
            "被告在二零二五年一月下达了处罚决定书，罚款三万元，没收全部气瓶，原告觉得这个处罚太重，所以起诉到法院，请求撤销处罚。",
            "原告公司的负责人向春燕说，他们用的是从外地正规气体厂买来的氦气，氦气不会燃烧，气瓶的标签上明明白白写着氦气，执法人员根本没有检测。",
            "被告的代理人冉茂林辩称，现场有一个气球被风吹断了绳子，飘到了附近的高压线上，供电所停电抢修了四十分钟，后果比较严重。",
            "审判长揭雅琴询问被告，气瓶里装的到底是什么气体，有没有送去检验，还要求被告交出执法人员当天拍的视频和气体检测报告。",
        ],
    },
]

NOTE = ("written for issue 16 round 42 before any of the changes of rounds 41 and 42 was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout62", CASES, NOTE))
