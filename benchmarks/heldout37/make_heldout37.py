"""Synthesize the thirty-seventh held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 28 BEFORE any of that round's changes was run on it: the fresh
check that they hold on speech they were not made from. Never tuned on: all five cases are
split 'test'. Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout37/make_heldout37.py          # needs sox on PATH

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
        "id": "Z156", "split": "test",
        "case_number": "（2025）鲁0783民初3196号", "cause": "无因管理纠纷",
        "parties": ["蔺广才", "隋海涛"],
        "participants": ["鄢秋华", "宫福林", "蓝雪芬"],
        "sentences": [
            "原告蔺广才诉称，他和被告隋海涛是寿光市稻田镇的邻居，二零二四年十二月，被告全家去南方打工，两个蔬菜大棚没人照看。",
            "二零二五年二月七日夜里下了一场大雪，被告大棚的钢架被积雪压弯了，蔺广才打了五次电话都没打通，就雇了六个工人连夜扫雪。",
            "原告还用二十根钢管加固棚架，生了两个炉子保温，保住了百分之九十的西红柿，请求被告支付各项费用一万零三百零八点五元。",
            "被告的代理人鄢秋华辩称，被告出门前已经托付表哥照看大棚，原告没有征得被告同意就施工，而且那些钢管现在还占着棚里的地方。",
            "证人宫福林是那天晚上扫雪的工人之一，他说大家一直干到凌晨四点，每人拿了八百元工钱，是原告用微信当场转的账。",
            "审判员蓝雪芬询问原告，当时有没有给被告的表哥打过电话，并要求原告十日内提交购买钢管和煤炭的发票和转账记录。",
        ],
    },
    {
        "id": "Z157", "split": "test",
        "case_number": "（2025）苏0583民初5027号", "cause": "劳务派遣合同纠纷",
        "parties": ["昆山聚才人力资源有限公司", "昆山鑫泰精密电子有限公司"],
        "participants": ["巫丽娟", "戚明亮", "栾晓峰"],
        "sentences": [
            "原告昆山聚才人力资源有限公司诉称，二零二三年九月，原告和被告昆山鑫泰精密电子有限公司签订协议，向被告派遣一百二十名操作工。",
            "协议约定，派遣员工的工资和社保由原告先行发放和缴纳，被告每月十日前结算，另外按每人每月三百五十元支付管理费。",
            "被告从二零二四年八月开始就没有再结算，原告要求被告付清拖欠的费用一百三十七万四千六百二十八点四元，并按每日万分之五支付违约金。",
            "被告的代理人巫丽娟辩称，原告派来的员工很多没有经过岗前培训，产品的次品率一度达到百分之八，被告的损失应当从费用里扣除。",
            "证人戚明亮是原告派驻在被告厂里的专员，他说每个月的考勤表都由被告的车间主任签字确认，被告从来没有对人数提出过异议。",
            "审判员栾晓峰询问被告，百分之八的次品率是怎么统计出来的，并要求双方在下周三之前，对二零二四年八月以后的费用逐月对账。",
        ],
    },
    {
        "id": "Z158", "split": "test",
        "case_number": "（2025）皖1524民初1862号", "cause": "宅基地使用权纠纷",
        "parties": ["芮德胜", "桑国庆"],
        "participants": ["蒯建华", "伏玉珍", "步海燕"],
        "sentences": [
            "原告芮德胜诉称，他家的宅基地在金寨县双河镇，一九九八年取得集体土地使用证，面积一百四十二平方米，东边就是被告桑国庆家。",
            "二零二四年四月，被告翻建房屋时把院墙往原告这边移了一点二米，长度有十五米多，还堵死了原告家的排水沟，一下雨院子里全是积水。",
            "原告请求法院判决被告拆掉越界的院墙，恢复排水沟，并赔偿被水泡坏的粮食和家具损失八千六百四十元，本案诉讼费由被告承担。",
            "被告的代理人蒯建华辩称，二零零六年原告的父亲同意把这块地换给被告，被告当时给了二千零五十元，只是双方没有签书面协议。",
            "证人伏玉珍是村委会的老会计，她说二零零六年村里重新丈量土地的时候，两家的界线就是老院墙，从来没有听说过换地的事情。",
            "审判员步海燕询问双方，两家之间有没有埋过界桩，并决定下个月十四日到现场勘验，委托测绘机构出具测量报告。",
        ],
    },
    {
        "id": "Z159", "split": "test",
        "case_number": "（2025）闽0582刑初417号", "cause": "骗取贷款罪",
        "parties": ["钮振邦", "湛丽萍"],
        "participants": ["厉志刚", "饶晓军", "杭文涛"],
        "sentences": [
            "公诉人厉志刚指控，被告人钮振邦是晋江市一家鞋业公司的法定代表人，二零二二年三月，公司资金周转困难，他决定向银行申请贷款。",
            "钮振邦指使公司会计湛丽萍伪造了六份购销合同和一套虚假的财务报表，把公司上一年的销售收入从九百多万元虚增到三千二百万元。",
            "晋江一家农村商业银行据此发放流动资金贷款四百五十万元，贷款到期后公司只归还了一部分，至今仍有本金二百八十六万三千元无法收回。",
            "被告人钮振邦辩解，贷款全部用在了公司的生产经营上，没有挥霍，公司的厂房和设备价值三百多万元，足够偿还银行的贷款。",
            "证人饶晓军是银行的信贷员，他说贷前调查时只核对了合同的复印件，去公司实地看过一次，当时车间里只有二十几个工人在干活。",
            "审判长杭文涛询问被告人湛丽萍，伪造报表有没有拿到好处，湛丽萍回答说每个月多拿了一千五百元奖金，随后审判长宣布休庭十分钟。",
        ],
    },
    {
        "id": "Z160", "split": "test",
        "case_number": "（2025）蒙0402行初58号", "cause": "消防行政处罚纠纷",
        "parties": ["郜美玲", "赤峰市红山区消防救援大队"],
        "participants": ["邝志勇", "敖小红", "阮春华"],
        "sentences": [
            "原告郜美玲诉称，她在红山区经营一家有四十二间客房的宾馆，二零二四年十一月十七日晚上八点左右，被告的消防监督员上门检查。",
            "检查发现二楼的安全出口上了锁，走廊里堆着布草车，有五具灭火器已经过期，原告当天就花了六千零七十六元整改到位。",
            "十二月九日，被告赤峰市红山区消防救援大队作出行政处罚决定，对原告罚款三万元，原告觉得这个罚款太重，请求法院予以撤销。",
            "被告的代理人邝志勇辩称，宾馆属于人员密集场所，锁闭安全出口是严重的消防违法行为，被告在作出处罚前已经告知原告有权申请听证。",
            "证人敖小红是宾馆的前台，她说那道门是因为前一天晚上有客人逃单，才临时锁上的，钥匙就挂在门边，检查后十分钟就打开了。",
            "审判长阮春华询问被告，罚款三万元的依据是什么，同类案件一般怎么处罚，并让被告在庭后补交检查当晚的执法视频。",
        ],
    },
]

NOTE = ("written for issue 16 round 28 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout37", CASES, NOTE))
