"""Synthesize the fifty-second held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 36 BEFORE any of that round's changes was run on it, with
heldout53: the fresh check that they hold on speech they were not made from. Never tuned on:
all five cases are split 'test'. Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout52/make_heldout52.py          # needs sox on PATH

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
        "id": "Z231", "split": "test",
        "case_number": "（2025）川1903民初2417号", "cause": "赡养费纠纷",
        "parties": ["饶春兰", "阮国庆"],
        "participants": ["詹若琳", "甄德胜", "巫丽君"],
        "sentences": [
            "原告饶春兰诉称，她今年七十六岁，老伴二零一九年去世以后，她一个人住在恩阳区乡下的老房子里，每月只有一百八十五元养老金。",
            "原告生了两个儿子，小儿子阮国平每月给她八百元，大儿子也就是被告阮国庆在成都开火锅店，自打二零二三年七月份起一分钱生活费都没出过。",
            "原告要求阮国庆以后每个月出一千五百元赡养费，并承担她去年十月住院花的一万零六百三十七点四元医疗费的一半。",
            "被告的代理人詹若琳辩称，被告的火锅店去年亏了十多万，他每个季度都用微信转给母亲两千元，只是换手机后聊天记录没有保留下来。",
            "证人甄德胜是村委会的文书，他说原告有冠心病，腿脚也不方便，今年四月二十号晚上十点多在院子里摔了一跤，是邻居把她送到镇卫生院的。",
            "审判员巫丽君询问被告，母亲住院的二十一天里他回来过几次，并告诉被告，赡养老人是子女的法定义务，不能因为生意亏损就不履行。",
        ],
    },
    {
        "id": "Z232", "split": "test",
        "case_number": "（2025）浙0424民初3186号", "cause": "定作合同纠纷",
        "parties": ["房振宇", "海盐明澈门窗有限公司"],
        "participants": ["池文静", "柯大鹏", "沙晓红"],
        "sentences": [
            "原告房振宇诉称，他是二零二四年四月十八日和被告海盐明澈门窗有限公司签的定作合同，由被告在他家露台上定做一间阳光房。",
            "阳光房面积二十六点五平方米，每平方米一千三百八十元，总价三万六千五百七十元，七月初装好以后，一下大雨顶棚就漏水。",
            "楼下客厅的吊顶被泡坏了，原告花了四千零八十元重新吊顶，他要求解除合同，被告退回已付的两万六千元并拆除阳光房。",
            "被告的代理人池文静辩称，顶棚漏水是原告私自在上面加装了一台空调外机，压坏了密封胶条造成的，被告两次上门维修，原告都不让进门。",
            "证人柯大鹏是被告派去安装的工人，他说原告要求把顶棚坡度从百分之五改成百分之二，他提醒过原告这样容易积水。",
            "审判员沙晓红询问原告，空调外机是什么时候装上去的，并准许双方申请对漏水原因进行鉴定，三千五百元鉴定费先由原告预交。",
        ],
    },
    {
        "id": "Z233", "split": "test",
        "case_number": "（2025）湘0524民初1752号", "cause": "相邻通行纠纷",
        "parties": ["佟春生", "辛玉梅"],
        "participants": ["庞俊杰", "米春燕", "寇建新"],
        "sentences": [
            "原告佟春生诉称，他家在隆回县一个山村的半坡上，四十多年来，全家人进出都要走被告辛玉梅家门前的一条土路。",
            "二零二四年九月中旬，被告翻修房子时在路口砌了一道一米五高的砖墙，只留了六十公分宽的口子，原告的三轮车开不进去。",
            "原告要求被告拆除砖墙，恢复原来三米宽的通道，并赔偿他家这半年绕路运化肥多花的运费一千四百六十元。",
            "被告的代理人庞俊杰辩称，那条路在辛玉梅家的宅基地范围内，她愿意让出一米二宽的路面，但原告应当一次性补偿八千元。",
            "证人米春燕是同村的村民，她说去年冬天原告八十二岁的母亲突发脑梗，救护车开不到门口，是几个邻居用竹椅把她抬下坡的。",
            "审判员寇建新询问被告，砌墙之前有没有和原告商量过，并决定在下周四上午九点到现场勘验，请双方到场。",
        ],
    },
    {
        "id": "Z234", "split": "test",
        "case_number": "（2025）赣0926刑初138号", "cause": "盗伐林木罪",
        "parties": ["晏小军", "黎旺生"],
        "participants": ["蓝静怡", "揭春华", "欧阳明辉"],
        "sentences": [
            "公诉人蓝静怡指控，被告人晏小军二零二四年十一月至十二月间没有办理采伐许可证，就雇人到铜鼓县一个村的集体山林里砍树。",
            "被告人黎旺生受雇用油锯砍伐杉木，一天工钱三百八十元，两人一共砍了四百一十三棵，拉到木材加工厂卖了五万二千多元。",
            "林业部门出具的鉴定意见显示，被盗伐的杉木蓄积是三十八点七立方米，每立方米按六百二十元算，价值二万三千九百九十四元。",
            "被告人晏小军当庭辩解，他以为那片山林是他承包的，村里的地界没有标清楚，他不是故意去别人的山上砍树。",
            "证人揭春华是镇林业站的护林员，他说二零二四年十二月二十九日早上六点多，他在山上看到有人用拖拉机往外运木头，就报了警。",
            "审判长欧阳明辉询问被告人黎旺生，砍树的时候晏小军有没有给他看过林权证，并当庭宣读了两人补种树苗一千二百株的承诺书。",
        ],
    },
    {
        "id": "Z235", "split": "test",
        "case_number": "（2025）豫1623行初64号", "cause": "交通运输行政处罚纠纷",
        "parties": ["佘立新", "商水县交通运输局"],
        "participants": ["冉冬梅", "褚志鹏", "荆红霞"],
        "sentences": [
            "原告佘立新诉称，他二零二五年三月七日下午五点左右开着自己的小轿车，在商水县汽车站附近拉了四名乘客去周口市区。",
            "半路上被告商水县交通运输局的执法人员把车拦下，说他非法营运，当场扣了车，两周后作出了罚款三万元的行政处罚决定。",
            "原告认为这几名乘客是他在顺风车平台上接的单，每人只分摊了二十七点五元油费，请法院撤销这份罚款决定，并赔偿扣车期间的停运损失。",
            "被告的代理人冉冬梅辩称，原告这辆车当月在同一条线路上跑了二十六趟，平台订单里有十七单不顺路，已经具有营运性质。",
            "证人褚志鹏是当天的乘客，他说他是在汽车站门口被原告招呼上车的，没有在平台上下单，付给原告的是现金三十元。",
            "审判员荆红霞询问被告，扣车那天有没有让原告陈述、申辩，并让被告把执法人员随身拍摄的视频在下次开庭前交给法庭。",
        ],
    },
]

NOTE = ("written for issue 16 round 36 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout52", CASES, NOTE))
