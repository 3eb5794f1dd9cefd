"""Synthesize the forty-second held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 31 BEFORE any of that round's changes was run on it, with
heldout40, heldout41 and heldout43: the fresh check that they hold on speech they were not made
from. Never tuned on: all five cases are split 'test'. Same voice and recipe as the other sets
(../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout42/make_heldout42.py          # needs sox on PATH

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
        "id": "Z181", "split": "test",
        "case_number": "（2025）黑0183民初3462号", "cause": "买卖合同纠纷",
        "parties": ["五常金穗农机销售有限公司", "蔺广财"],
        "participants": ["鲍晓雯", "宫永健", "荆德明"],
        "sentences": [
            "原告五常金穗农机销售有限公司诉称，二零二四年九月，被告蔺广财在原告门店订购了两台水稻烘干机，合同总价款是四十八万六千元。",
            "被告当天支付了定金五万元，二零二四年九月二十七日，原告把烘干机送到被告的粮库，并派技术员完成了安装调试。",
            "剩下的货款被告一直拖着不付，原告要求他付清货款四十三万六千元，并且按照每天万分之五的标准支付逾期付款的违约金。",
            "被告的代理人鲍晓雯辩称，其中一台烘干机用了不到一个月就出现故障，烘干后的稻谷含水率仍然超过百分之十八。",
            "证人宫永健是原告的售后技术员，他说他到现场检修过两次，故障是被告的工人把温度设置过高造成的，更换传感器花了一千零六十五元。",
            "审判员荆德明询问被告，出现故障以后有没有书面通知过原告，并让原告十日内补交烘干机的安装验收单和维修记录。",
        ],
    },
    {
        "id": "Z182", "split": "test",
        "case_number": "（2025）闽0583民初5217号", "cause": "追索劳动报酬纠纷",
        "parties": ["钮桂香", "南安聚步鞋业有限公司"],
        "participants": ["滕建波", "戚卫民", "谭秋菊"],
        "sentences": [
            "原告钮桂香诉称，二零二二年三月，她进入被告南安聚步鞋业有限公司的成型车间上班，工资按计件计算，每月大约六千五百元。",
            "二零二四年十月以后，被告说订单减少了，连续四个月没有发放工资，原告于二零二五年二月二十六日向被告递交了辞职信。",
            "原告要求被告补发拖欠的工资二万六千三百四十元，以及加班费八千零七十二点五元，合计三万四千四百一十二点五元。",
            "被告的代理人滕建波辩称，原告的工资大部分都已经打进了她的银行卡，拖欠的只有两个月，而且旺季时她每天只加班一个半小时。",
            "证人戚卫民是原告所在车间的组长，他说车间从去年国庆节开始只发生活费，每人每月一千元，考勤记录都在车间的打卡机里。",
            "审判员谭秋菊询问被告，工资表和考勤记录由谁保管，并要求被告在下次开庭前提交这四个月的工资发放凭证。",
        ],
    },
    {
        "id": "Z183", "split": "test",
        "case_number": "（2025）云0111民初2908号", "cause": "生命权、身体权、健康权纠纷",
        "parties": ["卓秀娟", "蒯国栋"],
        "participants": ["鄢志勇", "农小燕", "沐晓峰"],
        "sentences": [
            "原告卓秀娟诉称，二零二四年八月十六日晚上九点多，她在昆明市官渡区一家烧烤店吃饭，和邻桌的被告蒯国栋因为挪椅子发生争吵。",
            "被告推了原告一把，原告往后退的时候摔倒在台阶上，右手腕骨折，住院十二天，医疗费一共花了三万一千零九点八元。",
            "原告向被告主张的各项损失一共是八万七千六百元，包括医疗费、护理费、误工费和营养费，其中护理费是一万零三百元。",
            "被告的代理人鄢志勇辩称，是原告先把一杯啤酒泼在被告身上，被告只是把她推开，原告没有站稳，她自己也有百分之五十的责任。",
            "证人农小燕是烧烤店的服务员，她说当时两个人都喝了酒，被告推她的时候很用力，店里的监控拍到了整个过程，但是只保存了三十天。",
            "审判员沐晓峰询问原告，事发后有没有报警，派出所有没有组织调解，并要求原告提交误工证明和工资流水。",
        ],
    },
    {
        "id": "Z184", "split": "test",
        "case_number": "（2025）陕0802刑初417号", "cause": "故意伤害罪",
        "parties": ["焦宏亮", "晏春生"],
        "participants": ["冷雪梅", "尚宝林", "芦振国"],
        "sentences": [
            "公诉人冷雪梅指控，二零二四年五月三日下午，被告人焦宏亮在榆林市榆阳区一个农贸市场门口，因为停车的事跟被害人晏春生吵了起来。",
            "争吵中，焦宏亮从三轮车上拿起一根木棍，朝晏春生的头部和左臂连打了四下，造成晏春生左臂尺骨骨折，经鉴定为轻伤一级。",
            "案发后第二天，焦宏亮到派出所投案，如实交代了自己的罪行，他的家属已经赔偿被害人十二万八千元，被害人也出具了谅解书。",
            "被告人焦宏亮辩解，是晏春生先把他的三轮车推倒，还用拳头打了他的脸，他只是一时冲动，并没有想把对方打成重伤。",
            "证人尚宝林是农贸市场的保安，他说他赶到的时候晏春生已经倒在地上，焦宏亮手里还拿着木棍，旁边有人用手机拍了视频。",
            "审判长芦振国询问被告人，那根木棍现在在哪里，然后宣布休庭二十五分钟，等合议庭评议完了再当庭宣判。",
        ],
    },
    {
        "id": "Z185", "split": "test",
        "case_number": "（2025）皖0207行初64号", "cause": "政府信息公开纠纷",
        "parties": ["蓝翠英", "芜湖市鸠江区自然资源和规划局"],
        "participants": ["印文涛", "章福根", "詹丽君"],
        "sentences": [
            "原告蓝翠英诉称，二零二四年十一月二十八日，她向被告芜湖市鸠江区自然资源和规划局提出申请，要求公开她们村的征地补偿安置方案。",
            "按照规定，被告应当在二十个工作日内答复，但是被告直到二零二五年一月二十一日才答复，说这是过程性信息，不予公开。",
            "原告的诉讼请求是确认被告逾期答复违法，撤销被告作出的答复，并判令被告十五个工作日内公开这份方案和补偿标准。",
            "被告的代理人印文涛辩称，这个方案还在报批，涉及一百零三户村民，共计二百一十七点六亩土地，公开以后可能影响社会稳定。",
            "证人章福根是这个村的村委会主任，他说安置方案二零二三年九月就在村委会的公告栏里贴过两个星期，每亩补偿五万八千元。",
            "审判长詹丽君询问被告，逾期答复的原因是什么，并让被告七日内补交征地批复文件和信息公开申请的登记表。",
        ],
    },
]

NOTE = ("written for issue 16 round 31 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout42", CASES, NOTE))
