"""Synthesize the twenty-fifth held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 23 BEFORE any of that round's changes was run on it, with
heldout24: the fresh check that they hold on speech they were not made from. Never tuned on:
all five cases are split 'test'. Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout25/make_heldout25.py          # needs sox on PATH

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
        "id": "Z96", "split": "test",
        "case_number": "（2025）云2901民初1742号", "cause": "演出合同纠纷",
        "parties": ["阮静姝", "大理云栖演艺有限公司"],
        "participants": ["钮丹阳", "亓振东", "廉佳慧"],
        "sentences": [
            "原告阮静姝诉称，二零二五年四月二日，原告与被告大理云栖演艺有限公司签订演出合同，约定她在五月一日的音乐节上演唱八首歌。",
            "演出费用是十二万元，被告应当在演出前十天支付百分之五十，演出结束后三日内付清余款。",
            "被告只支付了五万元，音乐节当天又说因为下雨，把原告的演出从四十分钟压缩到十八分钟，事后拒绝支付剩余的七万元。",
            "被告的代理人钮丹阳辩称，原告迟到了一个半小时，还临时要求增加两名伴舞，多出来的机票和住宿费四千三百二十八元应当由原告承担。",
            "证人亓振东是音乐节的音响师，他作证说原告是下午五点五十分到的后台，当时舞台上的雨棚正在漏水，音响设备也被淋湿了。",
            "审判员廉佳慧要求被告提交音乐节当天的节目单和门票销售记录，并问原告能否接受从剩余款项中扣除部分费用。",
        ],
    },
    {
        "id": "Z97", "split": "test",
        "case_number": "（2025）川0502民初4527号", "cause": "餐饮服务合同纠纷",
        "parties": ["裘月娥", "泸州福满堂餐饮有限公司"],
        "participants": ["伏建军", "揭晓燕", "冼志诚"],
        "sentences": [
            "原告裘月娥诉称，二零二三年十二月十六日，在被告泸州福满堂餐饮有限公司为母亲办八十大寿，订了十八桌，每桌一千八百八十八元。",
            "当晚有四十一位客人出现呕吐、腹泻，其中九人住院治疗，疾控中心在剩下的凉拌海螺里检出了副溶血性弧菌。",
            "原告要求被告退回餐费三万三千九百八十四元，并赔偿客人的医疗费和误工费，合计五万六千零七十二点六元。",
            "被告的代理人伏建军辩称，凉拌菜是按原告的要求加的，同一天在餐厅吃饭的其他客人都没有出现不适，被告同意退还一半餐费。",
            "证人揭晓燕是原告的侄女，她说自己吃了凉拌海螺，半夜开始拉肚子，第二天在医院输了三天液，花了八百四十五元。",
            "审判员冼志诚询问被告，当天的凉菜是几点做好的，在常温下放了几个小时，并要求被告提供当天的食品留样记录。",
        ],
    },
    {
        "id": "Z98", "split": "test",
        "case_number": "（2025）辽0602民初2389号", "cause": "遗赠扶养协议纠纷",
        "parties": ["邴海涛", "佘丽芬", "佘国庆"],
        "participants": ["佘德厚", "戚文军", "郜振山", "漆慧娟"],
        "sentences": [
            "原告邴海涛诉称，二零二二年五月，原告与邻居佘德厚老人签订遗赠扶养协议，约定原告负责老人的生养死葬，老人去世后房屋归原告。",
            "此后两年多，原告每天给老人送三顿饭，老人住院四次都是原告陪护，原告垫付医药费共计三万七千六百一十九元。",
            "二零二四年十月九日老人去世，原告操办丧事花了一万四千元，但是被告佘丽芬、佘国庆至今占着房屋，不肯办理过户。",
            "被告的代理人戚文军辩称，签协议时老人已经八十九岁，患有轻度认知障碍，协议上只有手印，没有老人的签名，应当认定无效。",
            "证人郜振山是村委会的调解主任，他作证说签协议时他在场，老人当时神志清楚，还亲口把协议的内容念了一遍。",
            "审判员漆慧娟询问被告，老人住院期间子女有没有去探望过，并告知被告，如果对老人签协议时的行为能力有异议，可以申请鉴定。",
        ],
    },
    {
        "id": "Z99", "split": "test",
        "case_number": "（2025）皖1202刑初347号", "cause": "虚开增值税专用发票罪",
        "parties": ["寇振华"],
        "participants": ["瞿立群", "芦海鹏", "闵秋萍"],
        "sentences": [
            "公诉人瞿立群指控，二零二二年九月至二零二三年六月，被告人寇振华让他人给阜阳聚丰源商贸有限公司虚开专用发票，并无真实交易。",
            "被告人共取得虚开的增值税专用发票六十三份，价税合计七百二十四万六千元，已经全部申报抵扣了进项税额。",
            "被告人按照票面金额的百分之六向开票方支付开票费，共计四十三万四千七百六十元。",
            "被告人寇振华当庭承认，公司当时资金紧张，是听了朋友的建议才这样做的，案发后已经补缴了税款八十三万三千六百一十四点一六元。",
            "辩护人芦海鹏提出，被告人是在税务机关约谈后主动投案的，具有自首情节，公司还缴纳了滞纳金九万零二百三十元，请求从轻处罚。",
            "审判长闵秋萍询问被告人，开票方的联系人是怎么认识的，开票费是从谁的账户转出去的，被告人回答是公司出纳的个人银行卡。",
        ],
    },
    {
        "id": "Z100", "split": "test",
        "case_number": "（2025）冀0502行初89号", "cause": "不履行法定职责纠纷",
        "parties": ["亢玉珍", "邢台市生态环境局"],
        "participants": ["晁宏亮", "屠建业", "帅丽娜"],
        "sentences": [
            "原告亢玉珍诉称，原告住在邢台市区，楼下一家石材加工厂从二零二四年五月中旬开始每天夜里切割石板，一直持续到凌晨两点。",
            "从二零二四年七月六日到九月二十日，原告先后九次通过电话和网上平台向被告邢台市生态环境局投诉，被告一直没有处理。",
            "原告自行委托检测机构在卧室窗外测量，夜间噪声最高六十七点八分贝，超过标准限值二十二点八分贝。",
            "原告请求法院确认被告不履行法定职责违法，并判令被告在三十日内对石材加工厂的噪声污染依法查处。",
            "被告的代理人屠建业辩称，被告接到投诉后两次派人到现场检查，工厂白天都没有生产，夜间执法人员不足，已经把线索移交街道办事处。",
            "审判长帅丽娜询问第三人晁宏亮，工厂是什么时候停止夜间生产的，他回答是二零二四年十月二十七日，厂子已经搬到了郊区。",
        ],
    },
]

NOTE = ("written for issue 16 round 23 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout25", CASES, NOTE))
