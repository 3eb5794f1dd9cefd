"""Synthesize the thirty-eighth held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 29 BEFORE any of that round's changes was run on it, with heldout36,
heldout37 and heldout39: the fresh check that they hold on speech they were not made from. Never tuned
on: all five cases are split 'test'. Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout38/make_heldout38.py          # needs sox on PATH

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
        "id": "Z161", "split": "test",
        "case_number": "（2025）黑1202民初3068号", "cause": "借用合同纠纷",
        "parties": ["詹立勋", "步红梅"],
        "participants": ["柏云飞", "车玉珍", "戴立群"],
        "sentences": [
            "原告詹立勋诉称，二零二四年五月十九日，被告步红梅说要给她在绥化北林区承包的稻田打药，向原告借了一台植保无人机，约定十天后归还。",
            "借用期满以后，原告前后打了十几次电话催促归还，被告一直推托，直到二零二四年九月下旬才把无人机送回来，机身和两块电池都已经损坏了。",
            "原告要求被告支付无人机的维修费一万零四百五十八点五元，以及逾期归还这一百多天的租金损失八千四百元。",
            "被告的代理人柏云飞辩称，原告是主动把无人机借给被告的，没有收取任何费用，电池损坏是因为本身老化，不是被告使用不当造成的。",
            "证人车玉珍是被告的邻居，她说七月中旬看见被告的亲戚用这台无人机给别人家打药，每亩收费十二元，一共打了六百多亩。",
            "审判员戴立群询问被告，把无人机转借给亲戚有没有经过原告同意，并要求原告提交维修单据和当地同类无人机的租赁价格。",
        ],
    },
    {
        "id": "Z162", "split": "test",
        "case_number": "（2025）浙0281民初5179号", "cause": "侵害商业秘密纠纷",
        "parties": ["余姚恒锐精密模具有限公司", "滕志强"],
        "participants": ["蔺嘉欣", "甄海涛", "裘卫国"],
        "sentences": [
            "原告余姚恒锐精密模具有限公司在起诉状中称，被告滕志强原来是原告的技术部经理，二零二三年九月辞职以后，第二周就到了一家同行公司上班。",
            "原告发现，滕志强离职前一个月，把三百二十七份模具设计图纸和客户报价单拷贝到了自己的移动硬盘上。",
            "此后原告的两个老客户转到了那家公司，订单减少了百分之三十五，原告主张被告赔偿经济损失一百二十八万元和合理开支六万五千元。",
            "被告的代理人蔺嘉欣辩称，这些图纸里的结构在行业里早就公开了，网上都能找到，而且原告从来没有和滕志强签过保密协议。",
            "证人甄海涛是原告的网络管理员，他说服务器日志显示，二零二三年八月十四日晚上十点多，滕志强的账号一次下载了四千六百多个文件。",
            "审判长裘卫国询问原告，公司对这些图纸采取了哪些保密措施，并决定委托鉴定机构，对这些图纸是否不为公众所知悉进行鉴定。",
        ],
    },
    {
        "id": "Z163", "split": "test",
        "case_number": "（2025）晋0213民初2493号", "cause": "探望权纠纷",
        "parties": ["蒲志远", "蓝雅琴"],
        "participants": ["郜文涛", "隋桂芝", "阎丽华"],
        "sentences": [
            "原告蒲志远诉称，他和被告蓝雅琴在二零二二年三月协议离婚，六岁的儿子由被告抚养，原告每个月给付抚养费二千六百元。",
            "离婚协议约定，原告每个月可以探望孩子两次，每次不超过八个小时，可是从去年十月开始，被告就不让原告见孩子了。",
            "原告希望法院判决，原告每周六上午九点到下午五点接孩子出去，寒假和暑假再各有十五天，由原告带孩子一起生活。",
            "被告的代理人郜文涛辩称，原告每次接孩子都迟到，有一次还把孩子带进了网吧，而且原告已经拖欠了四个月共一万元的抚养费。",
            "证人隋桂芝是孩子在大同读小学的班主任，她说孩子在学校里经常提起爸爸，二零二四年十二月二十一日还画了一张全家福。",
            "审判员阎丽华询问原告，拖欠抚养费的原因是什么，并决定下次开庭时，在法院的家事调解室里单独听一听孩子的意见。",
        ],
    },
    {
        "id": "Z164", "split": "test",
        "case_number": "（2025）粤1203刑初469号", "cause": "污染环境罪",
        "parties": ["肇庆市汇澄五金电镀有限公司", "龚海斌"],
        "participants": ["邝文静", "萧玉梅", "阮振东"],
        "sentences": [
            "公诉人邝文静指控，从二零二三年五月起，被告单位肇庆市汇澄五金电镀有限公司通过暗管，把电镀废水直接排进鼎湖区的一条小河，持续了八个多月。",
            "二零二四年一月十七日，生态环境部门在排放口取样检测，废水里的总铬浓度是国家排放标准的二十三点六倍，镍也超标九倍多。",
            "被告人龚海斌是该公司的实际控制人，他安排工人在夜里十一点以后开闸排污，每个月能省下废水处理费用四万三千元左右。",
            "被告人龚海斌的辩护人提出，龚海斌到案后如实交代了罪行，已经缴纳生态环境修复费用三十二万零六百元，依法可以从轻处罚。",
            "证人萧玉梅是下游的养鱼户，她说那段时间鱼塘里的鱼成片死亡，一共死了两千多斤，河水有时候发黄发绿，还有刺鼻的味道。",
            "审判长阮振东询问被告人龚海斌，暗管是什么时候埋下去的，随即宣布暂时休庭，二十分钟以后继续开庭。",
        ],
    },
    {
        "id": "Z165", "split": "test",
        "case_number": "（2025）湘0525行初57号", "cause": "烟草专卖行政处罚纠纷",
        "parties": ["鄢翠萍", "洞口县烟草专卖局"],
        "participants": ["符建平", "谷晓峰", "柯明辉"],
        "sentences": [
            "原告鄢翠萍诉称，她在洞口县城开了一家便利店，二零二四年十一月十八日下午，被告洞口县烟草专卖局的执法人员到店里检查。",
            "执法人员在店里的储藏室查出了四十二条不是从当地烟草公司进货的卷烟，货值一万零三百二十元，当场就全部扣押了。",
            "被告随后下达了行政处罚决定书，没收这批卷烟，并按货值的百分之二十罚款二千零六十四元，原告认为这个处罚没有道理，起诉要求撤销。",
            "被告的代理人符建平辩称，原告的烟草专卖零售许可证写明只能从当地烟草公司进货，原告自己也承认这些烟是朋友从外省捎来的。",
            "证人谷晓峰是原告的邻居，他说那些烟是他春节前托人带回来准备办喜酒用的，暂时放在原告店里，从来没有上过货架。",
            "审判长柯明辉询问被告，在罚款之前，执法人员有没有向原告说明陈述申辩和申请听证的权利，并责令被告补交当天的检查笔录和扣押清单。",
        ],
    },
]

NOTE = ("written for issue 16 round 29 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout38", CASES, NOTE))
