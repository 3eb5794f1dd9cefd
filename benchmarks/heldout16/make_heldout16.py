"""Synthesize the sixteenth held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 15 BEFORE any of that round's changes was run on it: the fresh
check that they hold on speech they were not made from. Never tuned on: all five cases are
split 'test'. Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout16/make_heldout16.py          # needs sox on PATH

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
        "id": "Z51", "split": "test",
        "case_number": "（2025）闽0203民初7714号", "cause": "中介合同纠纷",
        "parties": ["厦门安家房产经纪有限公司", "尤明杰"],
        "participants": ["芮晓燕", "佟建国"],
        "sentences": [
            "原告厦门安家房产经纪有限公司诉称，其于二零二三年九月十二日带被告尤明杰实地看房三次。",
            "被告在看房后绕开原告，直接与房主签订了房屋买卖合同，成交价为二百八十万元。",
            "原告请求被告按照居间服务协议支付中介费五万六千元。",
            "被告尤明杰辩称，其是通过其他中介公司购买的房屋，不存在跳单行为。",
            "原告的代理人芮晓燕当庭提交了看房确认书，上面有被告的签名。",
            "审判员佟建国要求被告在十日内提交其他中介公司的服务合同。",
        ],
    },
    {
        "id": "Z52", "split": "test",
        "case_number": "（2025）冀0104民初3859号", "cause": "生命权、身体权、健康权纠纷",
        "parties": ["桑玉珍", "石家庄佳乐健身服务有限公司"],
        "participants": ["冀文涛", "虞海波"],
        "sentences": [
            "原告桑玉珍于二零二四年四月在被告经营的健身房内摔倒受伤，被诊断为右腿骨折。",
            "原告住院治疗二十三天，花费医疗费三万五千元，护理费六千五百元。",
            "经鉴定，原告的伤情构成十级伤残，原告主张残疾赔偿金九万六千元。",
            "被告石家庄佳乐健身服务有限公司辩称，原告未按教练指导使用器械，应自行承担部分责任。",
            "原告的代理人冀文涛认为，被告未尽到安全保障义务，地面湿滑且无警示标志。",
            "审判员虞海波询问双方对误工费四千三百二十元的计算方式是否有异议。",
        ],
    },
    {
        "id": "Z53", "split": "test",
        "case_number": "（2025）浙01民初1956号", "cause": "侵害商标权纠纷",
        "parties": ["宁波雅韵服饰有限公司", "巫志强"],
        "participants": ["湛丽娟", "段启明"],
        "sentences": [
            "原告宁波雅韵服饰有限公司是雅韵注册商标的权利人，该商标核定使用在服装商品上。",
            "被告巫志强在其网店销售带有雅韵标识的女装，销售数量达一千二百件。",
            "原告的代理人湛丽娟出示了公证购买的被诉侵权商品和购物发票。",
            "被告辩称，其销售的商品有合法来源，是从批发市场进货的，不知道是侵权商品。",
            "原告请求判令被告立即停止销售侵权商品，并赔偿经济损失二十八万元。",
            "审判长段启明宣布，本案于二零二五年二月十八日下午继续审理。",
        ],
    },
    {
        "id": "Z54", "split": "test",
        "case_number": "（2025）黑0103刑初452号", "cause": "妨害公务罪",
        "parties": ["苗春雷"],
        "participants": ["鄢佩华", "糜志刚"],
        "sentences": [
            "公诉人鄢佩华指控，被告人苗春雷于二零二四年八月二十九日在交通检查站拒不接受检查。",
            "被告人苗春雷驾车冲撞执勤民警，致一名民警轻微伤，警车受损维修费用一万二千八百元。",
            "被告人到案后如实供述了自己的罪行，并赔偿了全部损失。",
            "辩护人糜志刚提出，被告人系初犯、偶犯，认罪态度较好，建议对其从轻处罚。",
            "公诉人建议判处被告人有期徒刑八个月，可以适用缓刑。",
            "审判长询问被告人是否听清楚了公诉人的量刑建议，被告人表示听清楚了。",
        ],
    },
    {
        "id": "Z55", "split": "test",
        "case_number": "（2025）湘0111行初368号", "cause": "行政强制拆除纠纷",
        "parties": ["蓝德顺", "长沙市雨花区城市管理和综合执法局"],
        "participants": ["班淑贞", "劳建新"],
        "sentences": [
            "被告长沙市雨花区城市管理和综合执法局于二零二二年十二月三十日强制拆除了原告的厂房。",
            "原告蓝德顺认为，被告在拆除前没有作出书面的强制拆除决定，也没有进行催告。",
            "被告辩称，原告的厂房属于违法建设，被告已于拆除前张贴了限期拆除公告。",
            "原告的代理人班淑贞指出，公告张贴后仅过了五天就实施拆除，剥夺了原告申请复议的权利。",
            "原告请求确认被告的强制拆除行为违法，并赔偿厂房及设备损失八十二万四千元。",
            "审判长劳建新宣布，合议庭将对本案进行评议，择期宣判。",
        ],
    },
]

NOTE = ("written for issue 16 round 15 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout16", CASES, NOTE))
