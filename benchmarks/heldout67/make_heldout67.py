"""Synthesize the sixty-seventh held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 44 BEFORE any of that round's changes was run on it: the fresh
check that they hold on speech they were not made from. Never tuned on: all five cases are
split 'test'. Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout67/make_heldout67.py          # needs sox on PATH

Numbers are written as spoken, like the other sets; the scorer compares numbers by value.
Each case also carries `key_terms` (the words a clerk types into the case register from the
complaint and the defence, written from the case's facts before its sentences) and `sexes`
(as the case file records each natural person).
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
        "id": "Z306", "split": "test",
        "case_number": "（2025）粤1427民初1386号", "cause": "承揽合同纠纷",
        "parties": ["丘运祥", "梅州翰墨谱牒印务有限公司"],
        "participants": ["练志斌", "涂春燕", "温秀琳"],
        "key_terms": ["族谱", "世系表", "宣纸", "线装", "校对稿", "祠堂", "老谱"],
        "sexes": {"丘运祥": "male", "练志斌": "male", "涂春燕": "female", "温秀琳": "female"},
        "sentences": [
            "原告丘运祥诉称，二零二三年八月，他代表丘氏宗亲委托被告梅州翰墨谱牒印务有限公司编印族谱，一共六百套，每套四册，宣纸线装。",
            "双方约定总价款二十一万七千元，原告前后一共付了十五万元，被告最晚要在二零二四年清明节以前交货，结果拖到当年十二月才送到祠堂。",
            "族谱发下去以后，族人陆续发现世系表漏掉了三十七个人，有一房的第十八世被排成了第十九世，纸张也不是宣纸，而是普通的机制纸。",
            "被告的代理人练志斌辩称，每一册的校对稿原告都签了字，漏掉的人名在原告交来的老谱里本来就没有，原告还欠着六万七千元尾款。",
            "证人涂春燕原来是被告的排版员，她说原告用红笔把校对稿改了两百多处，可是公司赶工期，最后付印的还是修改之前的那一版。",
            "审判员温秀琳询问原告，是要求被告重新印制，还是要求退还部分价款，并让被告十天以内交出付印时用的电子文件。",
        ],
    },
    {
        "id": "Z307", "split": "test",
        "case_number": "（2025）川0521民初3157号", "cause": "租赁合同纠纷",
        "parties": ["泸县玉蟾古窖坊酒厂", "晏国强"],
        "participants": ["敬文超", "母德全", "冉晓蕾"],
        "key_terms": ["窖池", "窖泥", "酿酒车间", "漏雨", "出酒率", "酒糟", "基酒"],
        "sexes": {"晏国强": "male", "敬文超": "male", "母德全": "male", "冉晓蕾": "female"},
        "sentences": [
            "原告泸县玉蟾古窖坊酒厂诉称，二零二一年三月，被告晏国强租下了原告酿酒车间里的三十六口老窖池，租期五年，每年租金四十八万元。",
            "被告二零二四年一整年都没交租金，当年八月停止投粮，人也走了，窖池空了半年多，池壁上的窖泥大面积干裂、发白。",
            "原告主张解除租赁关系，由被告支付拖欠的一年租金四十八万元，并赔偿重新培养窖泥的费用十二万七千五百元。",
            "被告的代理人敬文超辩称，车间屋顶从二零二三年夏天就开始漏雨，雨水顺着墙流进窖池，出酒率从百分之三十八降到了不到百分之三十。",
            "证人母德全是被告请的酿酒师傅，他说有七八口窖池被雨水泡过，每一窖酒糟都比原来少出几十斤基酒，他曾经带原告的厂长看过漏雨的地方。",
            "审判员冉晓蕾询问原告，收到漏雨的通知以后为什么一直没有维修，并组织双方在十五天之内共同到车间查看窖池和窖泥的现状。",
        ],
    },
    {
        "id": "Z308", "split": "test",
        "case_number": "（2025）蒙0929民初1064号", "cause": "买卖合同纠纷",
        "parties": ["特木尔", "乌兰察布市北岭羊毛购销有限公司"],
        "participants": ["邰建新", "宝音", "贺兰芳"],
        "key_terms": ["细羊毛", "剪毛", "羊毛包", "净毛率", "沙土", "石块", "过磅"],
        "sexes": {"特木尔": "male", "邰建新": "male", "宝音": "female", "贺兰芳": "female"},
        "sentences": [
            "原告特木尔诉称，二零二四年六月剪完羊毛以后，他把八千四百公斤细羊毛卖给了被告乌兰察布市北岭羊毛购销有限公司。",
            "双方约定每公斤二十六点五元，总价二十二万二千六百元，被告拉货的时候只付了十万元，剩下的十二万二千六百元到现在也没有给。",
            "被告的代理人邰建新辩称，这批羊毛运到厂里开包以后，发现夹着大量沙土和草籽，有几个羊毛包里还塞了石块，净毛率才到百分之四十一。",
            "被告认为原告故意夹带杂物增加重量，只同意按每公斤十九元结算，扣掉已经付的十万元，最多再付五万九千六百元。",
            "证人宝音是帮原告过磅的邻居，她说羊毛是在原告家的羊圈旁边当着被告采购员的面过磅装车的，采购员还伸手翻看过好几包。",
            "审判员贺兰芳询问被告，开包那天叫没叫原告过去看，抽样检验是哪家机构做的，还让被告交出开包时的现场录像。",
        ],
    },
    {
        "id": "Z309", "split": "test",
        "case_number": "（2025）晋1181刑初264号", "cause": "破坏计算机信息系统罪",
        "parties": ["段志恒", "闵小军"],
        "participants": ["褚玉洁", "冀宏斌", "牛桂琴"],
        "key_terms": ["空气质量", "监测站", "采样头", "棉纱", "细颗粒物", "监测数据"],
        "sexes": {"段志恒": "male", "闵小军": "male", "褚玉洁": "female", "冀宏斌": "male", "牛桂琴": "female"},
        "sentences": [
            "公诉人褚玉洁指控，被告人段志恒原是孝义市环境监测站的副站长，二零二四年一月，为了让本市的空气质量排名靠前，他找来负责运维的被告人闵小军。",
            "此后两个多月里，闵小军先后十一次在深夜进入城区的两个空气质量自动监测站，用浸湿的棉纱把采样头包起来，第二天早上再取下来。",
            "这段时间两个站点上传的细颗粒物浓度明显偏低，其中三月八日的数值比周边站点低了将近一半，省里的核查人员随后发现了异常。",
            "被告人段志恒当庭辩称，他只是让闵小军把采样头附近的灰尘清理干净，从来没有让他用棉纱去堵，自己也没有从中得到任何好处。",
            "被告人闵小军的辩护人冀宏斌提出，闵小军是按照副站长的要求去做的，并不清楚后果有多严重，而且他被抓以后把经过全都说了。",
            "审判长牛桂琴询问被告人闵小军，每次去监测站以前是谁通知他的，随后当庭播放了监测站门口的监控录像，画面里的人正在往采样头上缠东西。",
        ],
    },
    {
        "id": "Z310", "split": "test",
        "case_number": "（2025）湘1026行初58号", "cause": "气象行政处罚纠纷",
        "parties": ["郴州顺嘉能源有限公司", "汝城县气象局"],
        "participants": ["欧阳立群", "易凤鸣", "檀立军", "阳春华"],
        "key_terms": ["加油站", "防雷装置", "接地电阻", "罩棚", "避雷针", "检测报告", "接地桩"],
        "sexes": {"欧阳立群": "male", "易凤鸣": "female", "檀立军": "male", "阳春华": "female"},
        "sentences": [
            "二零二四年七月十四日上午，被告汝城县气象局派人到原告郴州顺嘉能源有限公司经营的加油站检查防雷装置，第二天就下发了整改通知。",
            "同年九月三日，被告认定原告的防雷装置没有按期检测、罩棚接地电阻超标，对原告处以三万元罚款，原告认为这份处罚决定认定事实错误，要求撤销。",
            "原告的律师欧阳立群说，加油站每半年检测一次，二零二四年三月刚做过检测，只是检测报告放在总公司，检查当天没能拿出来。",
            "被告的出庭负责人副局长易凤鸣辩称，执法人员现场测得罩棚的接地电阻是十一点二欧姆，超过了十欧姆的标准，油罐区的避雷针也锈蚀了。",
            "证人檀立军是那次检测的技术员，他说三月份测出的数值只有四点六欧姆，七月份的读数偏高，很可能是被告测到了一根废弃的接地桩。",
            "审判长阳春华询问被告，作处罚前是否向原告送达了听证告知书，并让被告补交检查那天的笔录和测量仪器的校准证书。",
        ],
    },
]

NOTE = ("written for issue 16 round 44 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout67", CASES, NOTE))
