"""Synthesize the forty-seventh held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 33 BEFORE any of that round's changes was run on it: a fresh
check that they hold on speech they were not made from. Never tuned on: all five cases are
split 'test'. Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout47/make_heldout47.py          # needs sox on PATH

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
        "id": "Z206", "split": "test",
        "case_number": "（2025）黔0328民初3816号", "cause": "金融借款合同纠纷",
        "parties": ["遵义丰源农村商业银行股份有限公司", "蔺德发"],
        "participants": ["芮秋萍", "詹国良", "鞠少华"],
        "sentences": [
            "原告遵义丰源农村商业银行股份有限公司诉称，二零二二年五月十六日，被告蔺德发向原告借款八十万元，期限两年，年利率百分之五点八五。",
            "二零二三年九月以后，被告就再也没有付过利息，截至今年三月二十日，尚欠本金八十万元，利息和罚息六万三千零四十七点二元。",
            "原告的代理人芮秋萍说，原告要求解除借款合同，由被告偿还全部本息，并承担原告为实现债权支付的律师费一万八千元。",
            "被告蔺德发辩称，这笔借款是用来收购春茶的，去年茶叶价格下跌，他的加工厂停产了四个月，他愿意先偿还二十万元，剩下的分三年还清。",
            "证人詹国良是原告的客户经理，他说放款之前，他两次到湄潭的茶叶加工厂实地调查，被告当时承诺用厂房的租金收入按月付息。",
            "审判员鞠少华询问原告，借款合同里有没有约定律师费由借款人承担，并让原告十天之内提交放款凭证和蔺德发每个月的付息记录。",
        ],
    },
    {
        "id": "Z207", "split": "test",
        "case_number": "（2025）苏0413民初5093号", "cause": "劳动争议",
        "parties": ["庞雪梅", "常州锦弘精密机械有限公司"],
        "participants": ["邬志刚", "阙丽华", "滕亚军"],
        "sentences": [
            "原告庞雪梅诉称，她从二零一九年三月开始在被告常州锦弘精密机械有限公司的数控车间当操作工，每个月能拿六千三百元左右。",
            "二零二四年十二月十一日，被告认为原告连续旷工三天，在微信上通知解除劳动合同，没有支付任何经济补偿。",
            "原告不服劳动仲裁的裁决，要求被告按违法解除的标准给付赔偿金八万一千九百元，以及二零二四年的加班费二万零四百一十五元。",
            "被告的代理人邬志刚辩称，原告十二月四日到六日既没有请假也没有打卡，公司的规章制度规定连续旷工满三天就可以辞退。",
            "证人阙丽华是原告那个车间的班组长，她说庞雪梅那几天在医院陪护做手术的母亲，还在班组的微信群里发过请假的消息。",
            "审判员滕亚军询问被告，这份规章制度是不是经过了职工代表大会的讨论，并要求被告下周一以前提交原告这半年的考勤记录和工资表。",
        ],
    },
    {
        "id": "Z208", "split": "test",
        "case_number": "（2025）湘0121民初2671号", "cause": "房屋买卖合同纠纷",
        "parties": ["鄢立新", "龚美玲"],
        "participants": ["佘卫平", "甘小波", "钟慧琳"],
        "sentences": [
            "原告鄢立新诉称，二零二四年四月二十三日，他通过中介和被告龚美玲签订合同，购买被告在长沙县星沙街道的一套住房，总价一百五十六万元。",
            "房子的面积是一百二十三点四平方米，合同约定六十天内办理过户，每逾期一天，被告要按总价的万分之五向原告支付违约金。",
            "签约当天原告交了定金二十万元，后来房价上涨，龚美玲一直拒绝过户，原告请求继续履行合同，并支付违约金六万八千六百四十元。",
            "被告的代理人佘卫平辩称，房子是龚美玲和丈夫的共同财产，她丈夫不同意卖，而且原告的贷款到现在也没有批下来，是原告先违约。",
            "证人甘小波是经办这笔交易的房产中介，他说签合同的时候被告的丈夫就在现场，还在补充协议上签了字，按了手印。",
            "审判员钟慧琳询问被告，这套房子现在有没有出租或者抵押，并要求原告提供银行的贷款审批材料，今天的庭审先到这里，休庭。",
        ],
    },
    {
        "id": "Z209", "split": "test",
        "case_number": "（2025）冀0102刑初417号", "cause": "诈骗罪",
        "parties": ["蒲海涛", "苗秀芳"],
        "participants": ["娄建华", "蒯玉梅", "储立军"],
        "sentences": [
            "公诉人娄建华指控，被告人蒲海涛为了非法占有他人财物，冒充石家庄一家三甲医院的后勤主任，谎称可以帮人安排进医院的正式编制。",
            "二零二三年八月到二零二四年二月，被害人苗秀芳为了给女儿找工作，先后七次向蒲海涛转账，一共三十二万六千元。",
            "蒲海涛收钱以后给苗秀芳看过一份伪造的录用通知，骗来的钱大多用于网络赌博，案发时他的账户里只剩九千零三十六点八元。",
            "被告人蒲海涛辩解，他确实认识医院的几个医生，收的钱有一部分送给了别人，而且他已经退给苗秀芳五万元。",
            "证人蒯玉梅是蒲海涛的前妻，她说蒲海涛从来没有在医院上过班，二零二三年年底他还向她借过两万元，说是欠了赌债。",
            "审判长储立军询问被告人，那五万元是哪一天退的，有没有转账记录，之后法庭休息二十分钟，下午两点半接着开庭。",
        ],
    },
    {
        "id": "Z210", "split": "test",
        "case_number": "（2025）陕0404行初58号", "cause": "工伤认定行政纠纷",
        "parties": ["靳永刚", "咸阳市渭城区人力资源和社会保障局"],
        "participants": ["戚婉清", "乔福生", "温雅琴"],
        "sentences": [
            "原告靳永刚诉称，二零二四年十月十四日晚上七点四十分，他从工地下班，骑电动自行车回家，在正阳街道的一个路口被一辆货车撞倒。",
            "交警认定那辆货车的司机负全部责任，原告右腿胫骨骨折，住院三十一天，花了医药费五万三千零六十七点四元。",
            "被告咸阳市渭城区人力资源和社会保障局认为原告的情况不属于工伤，原告要求法院撤销这份决定书，并让被告重新认定。",
            "被告的代理人戚婉清辩称，工地下午六点就下班了，靳永刚先绕到三公里外的菜市场，在那里停留了四十多分钟，不是合理的上下班路线。",
            "证人乔福生是原告的工友，他说那天他们两个一起加班到七点二十分，原告骑上车就往家的方向走，没有说要去别的地方。",
            "审判长温雅琴询问被告，认定原告绕路的依据是什么，并要求被告提交工伤认定的调查笔录和路口的监控录像，本案择期宣判。",
        ],
    },
]

NOTE = ("written for issue 16 round 33 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout47", CASES, NOTE))
