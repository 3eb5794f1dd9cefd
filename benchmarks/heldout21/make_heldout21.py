"""Synthesize the twenty-first held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 20 BEFORE any of that round's changes was run on it: the fresh
check that they hold on speech they were not made from. Never tuned on: all five cases are
split 'test'. Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout21/make_heldout21.py          # needs sox on PATH

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
        "id": "Z76", "split": "test",
        "case_number": "（2025）新0104民初3582号", "cause": "教育培训合同纠纷",
        "parties": ["蒋丽娟", "乌鲁木齐启思文化培训有限公司"],
        "participants": ["祁永刚", "温佩玲"],
        "sentences": [
            "原告蒋丽娟诉称，二零二四年七月十八日，原告为女儿与被告乌鲁木齐启思文化培训有限公司签订培训协议，报名参加一年制的艺考辅导课程。",
            "原告当天一次性缴纳了培训费三万六千八百元，另支付教材费和住宿费四千五百元。",
            "开课两个月后，被告更换了主讲老师，并将每周的课时从二十节减少到十二节。",
            "原告要求退还剩余课时对应的费用，被告以协议约定缴费后概不退费为由予以拒绝。",
            "被告的代理人祁永刚辩称，该条款在协议中已经加粗提示，原告签字确认，应当认定有效。",
            "审判员温佩玲指出，提供格式条款一方排除对方主要权利的，该条款无效，并要求双方核对已经上过的课时。",
        ],
    },
    {
        "id": "Z77", "split": "test",
        "case_number": "（2025）甘0702民初2137号", "cause": "婚约财产纠纷",
        "parties": ["邹志鹏", "潘雨欣"],
        "participants": ["卢海燕", "薛鸿飞"],
        "sentences": [
            "原告邹志鹏诉称，二零二三年十二月二十六日，原告与被告潘雨欣按照当地习俗举行了订婚仪式，双方一直没有办理结婚登记。",
            "订婚时原告家向被告家给付彩礼十八万八千元，另购买金项链、金手镯等首饰，价值二万三千六百元。",
            "二零二五年三月，双方因家庭琐事发生矛盾，被告搬回娘家居住，婚约就此解除。",
            "被告潘雨欣辩称，彩礼中有五万元已经用于购置家具和家电，现在都放在原告家中，不应再返还。",
            "被告的代理人卢海燕提出，双方已经共同生活一年多，被告期间曾怀孕流产，应当酌情减少返还的比例。",
            "审判员薛鸿飞宣布，本院将综合彩礼数额、共同生活时间等因素，依法确定返还的具体数额。",
        ],
    },
    {
        "id": "Z78", "split": "test",
        "case_number": "（2025）藏0102民初1463号", "cause": "车辆租赁合同纠纷",
        "parties": ["拉萨雪域通达汽车租赁有限公司", "鲍志远"],
        "participants": ["谭丽华", "陆建新"],
        "sentences": [
            "原告拉萨雪域通达汽车租赁有限公司诉称，二零二四年八月三日，被告鲍志远从原告处租用一辆越野车，租期十二天，日租金六百五十元。",
            "被告在前往纳木错的途中操作不当，车辆发生侧翻，前保险杠和底盘严重受损。",
            "原告请求被告赔偿车辆维修费四万二千三百元和停运损失一万一千七百元，共计五万四千元。",
            "被告鲍志远辩称，被告租车时已经购买了全额保障服务，维修费用应当由保障服务承担。",
            "原告的代理人谭丽华称，全额保障服务不包括驾驶人违反操作规程造成的损失，而且被告在事故发生后没有及时报案。",
            "审判员陆建新询问被告，是否申请对车辆的损失另行委托鉴定。",
        ],
    },
    {
        "id": "Z79", "split": "test",
        "case_number": "（2025）吉0202刑初327号", "cause": "侵犯公民个人信息罪",
        "parties": ["饶俊杰"],
        "participants": ["秦雪梅", "范志明"],
        "sentences": [
            "公诉人秦雪梅指控，二零二三年五月至二零二四年一月，被告人饶俊杰利用在快递网点工作的便利，非法获取客户的姓名、电话和住址。",
            "被告人将上述信息通过网络出售给他人，共计四万七千余条，违法所得二万八千六百元。",
            "经查，被告人出售的信息中有一部分被他人用于实施电信网络诈骗。",
            "被告人饶俊杰对起诉书指控的事实没有异议，表示自愿认罪认罚。",
            "辩护人范志明提出，被告人系初犯，到案后如实供述，并已退缴全部违法所得，请求从轻处罚。",
            "公诉人建议判处被告人有期徒刑二年六个月，并处罚金三万元。",
        ],
    },
    {
        "id": "Z80", "split": "test",
        "case_number": "（2025）辽0302行初96号", "cause": "行政给付纠纷",
        "parties": ["褚秀兰", "鞍山市铁东区民政局"],
        "participants": ["金立新", "聂文涛"],
        "sentences": [
            "原告褚秀兰诉称，原告是残疾人，独自抚养未成年的孙子，自二零二一年起享受城市最低生活保障。",
            "二零二四年十一月十五日，被告鞍山市铁东区民政局以原告家庭收入超过标准为由，停发了原告的低保金。",
            "原告认为，被告将其儿子的收入计入家庭收入，但其儿子离家多年，从未支付过抚养费用。",
            "被告的代理人金立新辩称，经入户调查，原告的儿子每月收入四千二百元，原告家庭不符合低保条件。",
            "原告请求撤销被告的停保决定，并按每月九百八十元补发停发之日起的低保金。",
            "审判长聂文涛宣布，合议庭将在评议后择期宣判。",
        ],
    },
]

NOTE = ("written for issue 16 round 20 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout21", CASES, NOTE))
