"""Synthesize the fifty-fifth held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 37 BEFORE any of that round's changes was run on it, with
heldout54: the fresh check that they hold on speech they were not made from. Never tuned on:
all five cases are split 'test'. Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout55/make_heldout55.py          # needs sox on PATH

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
        "id": "Z246", "split": "test",
        "case_number": "（2025）川1111民初2173号", "cause": "隐私权纠纷",
        "parties": ["冉素芬", "邰建伟"],
        "participants": ["钮志鹏", "逯大海", "亓雅琴"],
        "sentences": [
            "原告冉素芬诉称，她和被告邰建伟住在沙湾区同一栋楼的同一层，去年九月，被告在自家门口装了一个可视门铃，镜头正对着她家的大门。",
            "这个门铃能录像，画面会传到被告的手机上，她每天几点出门、几点回家、谁来看过她，被告都清清楚楚，她为此失眠了两个多月。",
            "二零二五年三月十六日晚上十点多，被告把一段四十多秒的录像发到了三百多人的业主群里，说她家常有陌生男人进出。",
            "原告的代理人钮志鹏说，原告请被告把门铃拆下来，在业主群里公开道歉，另赔一万五千元精神损害抚慰金和一千零五十元公证费。",
            "被告邰建伟辩称，他装门铃是因为去年丢了三个快递，门铃花了三百九十九点九元，镜头只能拍到楼道，拍不到原告家的屋里。",
            "证人逯大海是小区的物业管家，他说镜头确实偏向原告家，审判员亓雅琴随后要求被告当庭打开手机，播放那段四十多秒的录像。",
        ],
    },
    {
        "id": "Z247", "split": "test",
        "case_number": "（2025）皖0403民初3068号", "cause": "教育培训合同纠纷",
        "parties": ["芮思琪", "淮南智远学府教育科技有限公司"],
        "participants": ["靳晓丽", "谯文博", "漆玉梅"],
        "sentences": [
            "原告芮思琪诉称，她去年三月跟被告淮南智远学府教育科技有限公司签了考研全程协议班，学费二万六千八百元，先付了一万元定金。",
            "合同约定初试总分低于国家线的，被告退还百分之八十的学费，她那年考了三百二十一分，比国家线低了十七分。",
            "二零二五年四月二十二日她去找被告退费，对方一拖再拖，原告请求被告按约定退还二万一千四百四十元，并支付从那天起算的利息。",
            "被告的代理人靳晓丽辩称，协议班一共一百三十八节课，她只来上了四十六节，缺课超过三分之一，按照合同第九条不能退费。",
            "证人谯文博和原告在同一个班，他说下半年很多课都是放录像，老师根本不来，机构宣传单上写的通过率是百分之八十七点五。",
            "审判员漆玉梅询问被告，线上听课算不算出勤，要求被告在十日以内交出原告的签到记录和课程表，并问原告有没有补交过剩余学费。",
        ],
    },
    {
        "id": "Z248", "split": "test",
        "case_number": "（2025）鄂0606民初4715号", "cause": "保管合同纠纷",
        "parties": ["屈梦洁", "尚宏亮"],
        "participants": ["粟建新", "荆小雨", "隋海鹰"],
        "sentences": [
            "原告屈梦洁诉称，今年春节前，她把养了四年的布偶猫送到被告尚宏亮在樊城区开的宠物店寄养，约定寄养十二天，每天六十元。",
            "大年初三下午，被告打电话说猫不吃东西，直到初五晚上才送到宠物医院，抢救了两天还是死了，抢救费二千三百零五点八元是她付的。",
            "屈梦洁要求被告按一万二千元的购买价赔猫，另要八千元精神损害抚慰金，再付抢救费和火化费六百元，退回七百二十元寄养费。",
            "被告的代理人粟建新辩称，猫送来的时候就有点拉肚子，宠物店每天都拍视频发给原告，原告当时没有提出要带它去看病。",
            "证人荆小雨在宠物店做美容师，春节那几天店里一共寄养了三十多个宠物，她说只有她一个人值班，每天上午和晚上各喂一次。",
            "审判员隋海鹰询问被告，猫不吃东西以后为什么拖了两天才送医，又让原告补交购买布偶猫的付款记录和宠物医院的病历。",
        ],
    },
    {
        "id": "Z249", "split": "test",
        "case_number": "（2025）湘0623刑初412号", "cause": "销售假冒注册商标的商品罪",
        "parties": ["濮俊杰", "尤巧玲"],
        "participants": ["井立新", "蒯晓峰", "褚红霞"],
        "sentences": [
            "公诉人井立新指控，被告人濮俊杰在华容县城开了一家烟酒店，自二零二三年八月起，他从外地一个货主手里低价购进假冒的名牌白酒。",
            "他把假酒和真酒混在一起卖，每瓶卖一千一百五十元，到去年十月案发，一共卖出三百四十六瓶，销售金额三十九万七千九百元。",
            "侦查人员在他店里和租的车库里查获尚未售出的假酒二百一十八瓶，还有一批酒瓶、瓶盖和防伪标签五千多套，货值二十五万零七百元。",
            "被告人尤巧玲和濮俊杰是夫妻，她帮着收钱和送货，她的辩护人提出她只是从犯，而且已经退出赃款六万元，请求对她适用缓刑。",
            "证人蒯晓峰是酒厂委托的打假人员，他说假酒瓶盖上的防伪码扫出来是空号，酒精度只有四十二点六度，和正品差了十度多。",
            "审判长褚红霞询问被告人濮俊杰，每瓶假酒进价多少，他说每瓶二百八十元，货款都是通过微信转给对方的。",
        ],
    },
    {
        "id": "Z250", "split": "test",
        "case_number": "（2025）辽1224行初58号", "cause": "安全生产行政处罚纠纷",
        "parties": ["战淑华", "昌图县应急管理局"],
        "participants": ["綦海军", "巩丽娜", "郜文杰"],
        "sentences": [
            "原告战淑华诉称，她在昌图县八面城镇开了一家小超市，被告昌图县应急管理局的两名执法人员二零二四年十二月三十日上午来超市检查。",
            "执法人员在超市后面的仓库里发现了一百三十二箱烟花爆竹，当场全部扣押，随后认定她无证储存烟花爆竹，对她罚款三万元。",
            "原告认为，这些烟花是她替亲戚代存的，准备过年时在村里燃放，并不是用来卖的，罚款数额过高，请法院撤销被告的罚款决定。",
            "被告的代理人綦海军辩称，超市门口贴着烟花促销的海报，执法人员还在收银台的抽屉里找到一本销售记录，上面记了一万零八百六十元的货款。",
            "证人巩丽娜住在超市隔壁，她说腊月里看到过有人从超市里抱着烟花出来，一箱大概一百八十五点五元，但不知道是不是原告卖给他们的。",
            "审判长郜文杰询问被告，扣押的烟花现在存放在哪里，有没有经过估价，罚款之前有没有给原告听证的机会。",
        ],
    },
]

NOTE = ("written for issue 16 round 37 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout55", CASES, NOTE))
