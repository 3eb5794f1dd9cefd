"""Synthesize the twentieth held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 19 BEFORE any of that round's changes was run on it: the fresh
check that they hold on speech they were not made from. Never tuned on: all five cases are
split 'test'. Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout20/make_heldout20.py          # needs sox on PATH

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
        "id": "Z71", "split": "test",
        "case_number": "（2025）吉0104民初4826号", "cause": "特许经营合同纠纷",
        "parties": ["孔淑珍", "长春禾味餐饮管理有限公司"],
        "participants": ["钟德胜", "霍丽萍"],
        "sentences": [
            "原告孔淑珍诉称，二零二三年九月十二日，原告与被告长春禾味餐饮管理有限公司签订特许经营合同，加盟其奶茶品牌。",
            "原告按约向被告支付了加盟费六万八千元和保证金二万元。",
            "被告承诺提供选址、培训和统一配送，但开业后供货价格远高于市场价格。",
            "被告长春禾味餐饮管理有限公司辩称，被告已经履行了合同义务，原告经营亏损是其自身管理不善造成的。",
            "原告的代理人钟德胜指出，被告在签约前没有披露直营店的数量，也没有提供备案信息。",
            "审判员霍丽萍要求被告在十日内提交商务主管部门出具的备案材料。",
        ],
    },
    {
        "id": "Z72", "split": "test",
        "case_number": "（2025）蒙0105民初2674号", "cause": "土地经营权出租合同纠纷",
        "parties": ["苗永福", "呼和浩特丰穗种植专业合作社"],
        "participants": ["韦建平", "柴红梅"],
        "sentences": [
            "原告苗永福诉称，二零二二年三月一日，原告将其承包的四十六亩耕地出租给被告呼和浩特丰穗种植专业合作社，租期五年。",
            "合同约定每亩每年租金七百元，被告应在每年三月底前一次性付清。",
            "被告自二零二四年起未再支付租金，两年共拖欠租金六万四千四百元。",
            "被告的负责人辩称，当年夏季遭遇冰雹，玉米几乎绝收，请求减免部分租金。",
            "原告的代理人韦建平认为，合同没有约定因自然灾害减免租金，被告应当按约支付。",
            "审判员柴红梅主持调解，被告同意先行支付一半租金，余款在年底前付清。",
        ],
    },
    {
        "id": "Z73", "split": "test",
        "case_number": "（2025）琼0106民初3519号", "cause": "保管合同纠纷",
        "parties": ["严秋菊", "海口椰城停车场管理有限公司"],
        "participants": ["廖国栋", "邢春燕"],
        "sentences": [
            "原告严秋菊诉称，二零二四年十月五日晚，原告将车辆停放在被告经营的收费停车场，并领取了停车卡。",
            "次日早上，原告发现车辆右侧车窗被砸，车内的笔记本电脑和现金三千二百元被盗。",
            "原告请求被告赔偿车窗维修费和财物损失共计一万九千七百元。",
            "被告海口椰城停车场管理有限公司辩称，被告只收取车位使用费，与原告之间不成立保管合同关系。",
            "原告的代理人廖国栋提交了报警回执、维修发票和停车场入口的监控录像。",
            "审判员邢春燕宣布休庭，本案将另行确定开庭日期。",
        ],
    },
    {
        "id": "Z74", "split": "test",
        "case_number": "（2025）宁0104刑初592号", "cause": "拒不执行判决、裁定罪",
        "parties": ["戴振华"],
        "participants": ["孟晓丽", "汪俊峰"],
        "sentences": [
            "公诉人孟晓丽指控，二零二三年六月二十日，法院判决被告人戴振华偿还他人借款二十万零四千元。",
            "判决生效后，被告人拒不履行，并将其名下的一辆轿车以九万五千元的价格转让给他人。",
            "法院向被告人发出执行通知书和报告财产令后，被告人仍未如实申报财产。",
            "被告人戴振华辩称，转让车辆是为了给母亲治病，不是故意逃避执行。",
            "辩护人汪俊峰提出，被告人案发后已经履行了全部执行款，并取得了申请执行人的谅解。",
            "公诉人建议判处被告人有期徒刑八个月，适用缓刑。",
        ],
    },
    {
        "id": "Z75", "split": "test",
        "case_number": "（2025）青0105行初163号", "cause": "行政协议纠纷",
        "parties": ["甘德明", "西宁市城北区大堡子镇人民政府"],
        "participants": ["姚文斌", "田立群"],
        "sentences": [
            "原告甘德明诉称，二零二一年四月二十二日，原告与被告签订招商引资协议，在该镇投资建设蔬菜大棚。",
            "协议约定，项目建成投产后，被告给予原告基础设施补贴四十五万元。",
            "原告已投资三百二十六万元，建成大棚四十六座，但被告至今只支付了补贴十二万元。",
            "被告西宁市城北区大堡子镇人民政府辩称，原告建成的大棚面积没有达到协议约定的标准。",
            "被告的代理人姚文斌表示，补贴资金需要经过区财政部门审核，被告不能单方决定。",
            "审判长田立群宣布，休庭十五分钟后由双方进行最后陈述。",
        ],
    },
]

NOTE = ("written for issue 16 round 19 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout20", CASES, NOTE))
