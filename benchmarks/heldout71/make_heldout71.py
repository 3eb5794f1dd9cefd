"""Synthesize the seventy-first held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 46 BEFORE any of that round's changes was run on it: the fresh
check that they hold on speech they were not made from. Never tuned on: all five cases are
split 'test'. Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout71/make_heldout71.py          # needs sox on PATH

Numbers are written as spoken, like the other sets; the scorer compares numbers by value.
Each case carries, besides the earlier keys, "key_terms" (the words a clerk enters in the case
register from the complaint and the defence, written from the case's facts before the
sentences) and "sexes" (every natural person among parties and participants, as the file
records it).
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
        "id": "Z326", "split": "test",
        "case_number": "（2025）蒙2502民初1847号", "cause": "保管合同纠纷",
        "parties": ["丛立峰", "锡林浩特市银鬃马业有限公司"],
        "participants": ["闵春雷", "图雅", "苏和"],
        "key_terms": ["马匹", "马场", "寄养", "温血马", "苜蓿草", "蹄铁", "疝痛"],
        "sexes": {"丛立峰": "male", "闵春雷": "male", "图雅": "female", "苏和": "male"},
        "sentences": [
            "原告丛立峰诉称，他是一名业余骑手，二零二四年五月六日把两匹马寄养在被告锡林浩特市银鬃马业有限公司的马场，每匹每月的寄养费是三千二百元。",
            "同年十一月二十日晚上，其中一匹叫追风的温血马突然疝痛，在地上打滚，兽医抢救到第二天早上，马还是死了。",
            "兽医解剖时在马的肠子里发现了大量发霉的苜蓿草，原告据此要被告赔偿追风的价值二十六万五千元，另加抢救花掉的四千零三十八元。",
            "被告的代理人闵春雷辩称，马场的草料都是当月进的新草，是原告前一天骑着追风跑了两个多小时，又让它喝了冰凉的河水，马才出的事。",
            "证人图雅是马场的饲养员，她说那一周新到的几捆苜蓿里有发白的霉斑，她当天就向场长报告过，场长让她挑出来接着喂。",
            "审判员苏和询问被告，合同约定每两个月换一次蹄铁，实际换过几次，那批苜蓿草是从哪里买的，并让原告提交兽医的解剖记录。",
        ],
    },
    {
        "id": "Z327", "split": "test",
        "case_number": "（2025）宁0521民初1274号", "cause": "承揽合同纠纷",
        "parties": ["海玉兰", "中宁县泉通凿井工程有限公司"],
        "participants": ["纳文彬", "拜学军", "沙丽娜"],
        "key_terms": ["水井", "井深", "出水量", "潜水泵", "套管", "枸杞地", "抽水试验"],
        "sexes": {"海玉兰": "female", "纳文彬": "male", "拜学军": "male", "沙丽娜": "female"},
        "sentences": [
            "原告海玉兰诉称，她在中宁承包了三十六亩枸杞地，二零二四年四月和被告中宁县泉通凿井工程有限公司约定，在地里打一口一百八十米深的水井，每米六百五十元。",
            "合同写明出水量每小时不少于四十立方米，可是井打好以后，抽水试验只抽出九立方米，六月十二日又开始出沙子，把潜水泵都磨坏了。",
            "原告说因为浇不上水，地里的枸杞有一多半旱死了，她要被告把已经收的九万元工程款退回来，还要赔偿枸杞减产损失六万零四百元。",
            "被告的代理人纳文彬辩称，出水量取决于地下的含水层，被告打到一百八十米时就建议原告再往下打七十米，是原告自己不愿意多出钱。",
            "证人拜学军是被告的钻机操作手，他说打到一百二十米左右碰到了一层很厚的砂岩，当时就跟原告说过，这口井的水量可能不够。",
            "审判员沙丽娜询问被告，成井以后有没有向原告交付成井报告，套管用的是什么规格的钢管，还让被告把抽水试验的原始记录交上来。",
        ],
    },
    {
        "id": "Z328", "split": "test",
        "case_number": "（2025）鄂0582民初2519号", "cause": "定作合同纠纷",
        "parties": ["翁家骏", "当阳市玉阳蜡像艺术馆有限公司"],
        "participants": ["苟建英", "敬雪梅", "税永红"],
        "key_terms": ["蜡像", "展馆", "展厅", "空调", "胡子", "裂缝", "温度计"],
        "sexes": {"翁家骏": "male", "苟建英": "female", "敬雪梅": "female", "税永红": "male"},
        "sentences": [
            "原告翁家骏诉称，他是做蜡像的雕塑师，二零二四年三月被告当阳市玉阳蜡像艺术馆有限公司向他定做了十二尊历史人物的蜡像，每尊三万八千元。",
            "同年七月蜡像全部运进展馆，被告只付了二十万元，余下的二十五万六千元拖了半年多都不给，原告要求对方付清尾款，再加上逾期利息。",
            "被告的代理人苟建英辩称，蜡像摆上去不到一个月，张飞的胡子就开始脱落，还有两尊的脸上出现了裂缝，手指也发软变了形。",
            "原告翁家骏说，蜡像在三十度以上就会变软，合同里写明展厅要常年开空调，是被告图省电，一到晚上就把空调全都关了。",
            "证人敬雪梅原来是展馆的讲解员，她说去年夏天闭馆以后空调确实关过一段时间，有一天早上开门，展厅里的温度计显示三十四点五度。",
            "审判员税永红询问被告，出现裂缝的两尊蜡像现在放在哪里，同时让原告说明，修补胡子和裂缝大概要花几天，费用是多少。",
        ],
    },
    {
        "id": "Z329", "split": "test",
        "case_number": "（2025）浙0225刑初198号", "cause": "危险作业罪",
        "parties": ["甄洪涛"],
        "participants": ["练秀华", "巫志勇", "辛雅琴", "骆振邦"],
        "key_terms": ["制冰厂", "液氨", "储氨罐", "氨气报警器", "电源线", "紧急切断阀", "整改指令书"],
        "sexes": {"甄洪涛": "male", "练秀华": "female", "巫志勇": "male", "辛雅琴": "female", "骆振邦": "male"},
        "sentences": [
            "公诉人练秀华指控，被告人甄洪涛是象山县石浦和丰制冰厂的实际经营者，厂里用液氨制冷，两个储氨罐一共存放了七点八吨液氨。",
            "二零二四年八月上旬，车间的氨气报警器经常误报，甄洪涛嫌它影响生产，让电工把报警器的电源线剪断，还关闭了储氨罐上的切断阀。",
            "二零二四年九月二十四日，县应急管理局检查时发现了这个问题，当场下达责令限期整改指令书，要求五日之内恢复报警装置。",
            "被告人甄洪涛当庭辩解，他早就花一万二千八百元订了新的报警器，只是厂家迟迟没来安装，那段时间正赶上开渔，每天要给渔船供应一百多吨冰块。",
            "证人巫志勇是厂里的电工，他说剪断电源线是被告人当面交代的，他提醒过这样不安全，被告人说要是出了什么事，由他自己负责。",
            "辩护人辛雅琴认为，被告人已经整改到位，又自愿认罪认罚，可以对他判处缓刑，审判长骆振邦听完后请公诉人回应量刑问题。",
        ],
    },
    {
        "id": "Z330", "split": "test",
        "case_number": "（2025）桂0312行初64号", "cause": "地名行政管理纠纷",
        "parties": ["桂林漓水置业有限公司", "桂林市临桂区民政局"],
        "participants": ["农美玲", "蓝志坚", "黎建业"],
        "key_terms": ["住宅小区", "小区名称", "外国地名", "宣传册", "售楼处", "广告牌", "人工河"],
        "sexes": {"农美玲": "female", "蓝志坚": "male", "黎建业": "male"},
        "sentences": [
            "原告桂林漓水置业有限公司主张，原告在临桂新建了一个住宅小区，二零二四年十一月向被告桂林市临桂区民政局申请，用威尼斯水城这个名字给小区命名。",
            "被告二零二四年十二月二十二日作出不予命名的决定，认为这个名称使用了外国地名，违反了地名管理条例的规定。",
            "原告的代理人农美玲说，原告在收到决定之前已经印了一万二千份宣传册，做了售楼处的广告牌，光这两项就花了三十七万零五百元。",
            "她还说，小区里有一条人工河，二十多座小桥，这个名字只是描述小区的景观，全国叫这个名字的小区也有好几个。",
            "被告的代理人蓝志坚辩称，原告在申请材料里写明小区名称还没有对外使用，宣传册是原告自己提前印的，这部分损失只能让原告自己负担。",
            "审判长黎建业询问被告，作不予命名决定前，是否把理由告诉过原告，给没给原告解释的机会，还让被告把临桂区近五年批准的小区名称清单交给法庭。",
        ],
    },
]

NOTE = ("written for issue 16 round 46 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout71", CASES, NOTE))
