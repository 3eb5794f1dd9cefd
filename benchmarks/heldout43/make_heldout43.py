"""Synthesize the forty-third held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 31 BEFORE any of that round's changes was run on it: the fresh
check that they hold on speech they were not made from. Never tuned on: all five cases are
split 'test'. Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout43/make_heldout43.py          # needs sox on PATH

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
        "id": "Z186", "split": "test",
        "case_number": "（2025）晋0703民初3418号", "cause": "租赁合同纠纷",
        "parties": ["晋中恒岳机械租赁有限公司", "滕广发"],
        "participants": ["鲍书航", "靳卫平", "蒲静怡"],
        "sentences": [
            "原告晋中恒岳机械租赁有限公司诉称，二零二三年九月，被告滕广发租了原告两台履带式起重机，用于太谷区一个物流园的厂房施工。",
            "合同约定每台每月租金四万六千元，租期八个月，但是滕广发只付到二零二四年三月，起重机直到二零二四年六月十七日才退回来。",
            "原告主张被告还欠租金十八万四千元，请求被告付清欠款，按每天百分之零点一支付违约金，并赔偿吊臂的修理费三万零四百二十点五元。",
            "被告的代理人鲍书航辩称，起重机是连同操作手一起出租的，吊臂变形是操作手违规超载起吊造成的，修理费应当由原告自己承担。",
            "证人靳卫平是物流园工地上的安全员，他说那天起吊的钢梁大约六点八吨，超过了额定起重量，他当场提醒过操作手，对方没有理会。",
            "审判员蒲静怡询问原告，操作手的工资由谁支付，并要求原告在下周三之前提交起重机的出租记录和吊臂的维修发票。",
        ],
    },
    {
        "id": "Z187", "split": "test",
        "case_number": "（2025）闽0581民初2967号", "cause": "继承纠纷",
        "parties": ["戚美玲", "戚志强"],
        "participants": ["晏永辉", "郜桂香", "骆文涛"],
        "sentences": [
            "原告戚美玲诉称，父亲戚德顺于二零二四年十一月二十四日因病去世，留下石狮市湖滨街道的一套房子和一笔存款，没有留下遗嘱。",
            "那套房子建筑面积一百零六平方米，现在是被告戚志强一家在住，父亲名下的存款一共有二十七万三千零八十五元，都被被告取走了。",
            "原告请求依法分割遗产，房子归被告所有，由被告支付原告一半的房屋折价款六十四万元，并返还属于原告的那一半存款。",
            "被告的代理人晏永辉辩称，父亲最后三年都是被告在照顾，住院费也是被告垫付的，被告应当多分，父亲生前也说过房子留给被告。",
            "证人郜桂香是老人的邻居，她说原告每个月会从厦门回来看父亲两三次，过年的时候还把老人接到自己家里住了半个多月。",
            "审判员骆文涛要求被告十五天内提交父亲住院期间的医疗费票据，并询问双方愿不愿意对那套房子的价值进行评估。",
        ],
    },
    {
        "id": "Z188", "split": "test",
        "case_number": "（2025）湘0112民初5236号", "cause": "服务合同纠纷",
        "parties": ["聂晓彤", "长沙安馨母婴护理服务有限公司"],
        "participants": ["栾建业", "龚春燕", "晁明远"],
        "sentences": [
            "原告聂晓彤诉称，二零二四年三月，她和被告长沙安馨母婴护理服务有限公司签了合同，约定产后入住月子中心二十八天，费用六万八千元。",
            "入住第九天，原告的孩子出现黄疸和发烧，在医院住了六天，医生说护理人员给孩子冲奶粉的水温和奶瓶的消毒都不合格。",
            "原告起诉要求解除和被告的合同，由被告退还剩下十九天的服务费四万六千一百四十二点八六元，并赔偿孩子住院的医疗费八千零三十五元。",
            "被告的代理人栾建业辩称，护理人员每天都按照操作规程消毒，孩子的黄疸是新生儿常见的情况，和护理服务没有因果关系，最多只能退还百分之五十。",
            "证人龚春燕是被告原来的护理员，她说那段时间中心只有四个护理员，却要照顾十一个孩子，晚上经常只有一个人值班。",
            "审判员晁明远询问被告，护理员是否持有母婴护理的职业资格证书，并要求被告提供那个月的排班表和奶瓶的消毒记录。",
        ],
    },
    {
        "id": "Z189", "split": "test",
        "case_number": "（2025）蒙0207刑初164号", "cause": "信用卡诈骗罪",
        "parties": ["栗海军", "柴淑珍"],
        "participants": ["祝丽萍", "卞小雨", "芮国栋"],
        "sentences": [
            "公诉人祝丽萍指控，二零二四年五月二十六日晚上，被告人栗海军在包头市九原区一家烧烤店捡到被害人柴淑珍遗失的钱包，里面有一张信用卡。",
            "此后三天里，栗海军用这张信用卡在四家商场和一个加油站刷卡消费十七次，又在取款机上取现两次，共计三万八千六百零四元。",
            "公诉机关认为，被告人冒用他人信用卡，数额较大，建议判处有期徒刑一年八个月，并处罚金二万元。",
            "被告人栗海军辩解，钱包里有一张写着密码的纸条，他没有想到这是犯罪，案发后已经退赔了一万五千元，剩下的钱愿意分期还清。",
            "证人卞小雨是那家烧烤店的收银员，她说那天晚上柴淑珍走后不到十分钟，就看见被告人从那张桌子底下捡起一个钱包，装进了自己的口袋。",
            "审判长芮国栋询问被告人，那张纸条现在在哪里，并要求公诉人当庭出示加油站和取款机的监控录像截图。",
        ],
    },
    {
        "id": "Z190", "split": "test",
        "case_number": "（2025）宁0105行初42号", "cause": "行政复议纠纷",
        "parties": ["蔺永康", "银川市西夏区人民政府"],
        "participants": ["佘建国", "隋红梅", "冉立群"],
        "sentences": [
            "原告蔺永康诉称，二零二四年八月，西夏区市场监督管理局认定他的火锅店使用过期食材，没收违法所得三千六百元，并罚款五万元。",
            "原告不服，向被告银川市西夏区人民政府申请行政复议，被告受理后过了七十多天，直到二零二五年一月二十二日才作出复议决定，维持了原来的处罚决定。",
            "原告认为，那批牛肉卷只过期了两天，货值只有一千二百零四点八元，罚款明显过重，请求撤销复议决定和原来的处罚决定。",
            "被告的代理人佘建国辩称，复议期间原告补充提交了材料，依法延长了三十日，复议程序合法，而且原告以前因为同样的问题被警告过一次。",
            "证人隋红梅是火锅店的后厨主管，她说过期的牛肉卷放在冷库最里面，已经贴了待处理的标签，并没有端给顾客。",
            "审判长冉立群询问被告，延长复议期限有没有书面告知原告，并要求被告七天之内提交复议案卷和延期通知书的送达回证。",
        ],
    },
]

NOTE = ("written for issue 16 round 31 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout43", CASES, NOTE))
