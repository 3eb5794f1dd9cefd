"""Synthesize the sixty-first held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 40 BEFORE any of the changes of rounds 39 and 40 was run on it:
a second fresh check that round 39's changes hold on speech they were not made from. Never
tuned on: all five cases are split 'test'. Each case carries, besides its sentences, the key
terms a clerk enters in the case register from the complaint and the defence ("key_terms",
written from the case's facts before the sentences) and the parties' and participants' sexes
("sexes"). Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout61/make_heldout61.py          # needs sox on PATH

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
        "id": "Z276", "split": "test",
        "case_number": "（2025）苏1322民初4816号", "cause": "违反安全保障义务责任纠纷",
        "parties": ["仲浩然", "沭阳跃动蹦床公园管理有限公司"],
        "participants": ["嵇丽华", "季宇航", "芮晓琳"],
        "key_terms": ["蹦床公园", "海绵池", "海绵块", "高台", "门票", "安全须知", "安全员"],
        "sexes": {"仲浩然": "male", "嵇丽华": "female", "季宇航": "male", "芮晓琳": "female"},
        "sentences": [
            "原告仲浩然诉称，二零二四年八月十日晚上，他和三个同事到被告沭阳跃动蹦床公园管理有限公司的场馆玩，每人买了一张九十八元的两小时门票。",
            "原告从高台上跳进海绵池的时候，池子里的海绵块太少，他的右脚直接踩到了池底的木板上，当场就站不起来了。",
            "原告右脚踝粉碎性骨折，前后做了两次手术，花去医疗费六万七千零三十二点四元，他起诉要求被告赔偿手术费、陪护费和误工损失，一共十四万五千元。",
            "被告的代理人嵇丽华辩称，原告入场前签了安全须知，上面写明禁止从高台上往下跳，场馆每天都有人检查海绵池，安全保障义务已经履行到位。",
            "证人季宇航和原告在同一个车间上班，他说那天晚上场馆里只有一个安全员，还一直低头看手机，海绵池边上也没有挂任何警示牌。",
            "审判员芮晓琳询问被告，海绵池有多深，多久补充一次海绵块，还让被告提供事发当天夜里的监控视频和安全员的排班表。",
        ],
    },
    {
        "id": "Z277", "split": "test",
        "case_number": "（2025）黑0502民初1629号", "cause": "承揽合同纠纷",
        "parties": ["佟雅茹", "双鸭山净彩洗衣服务有限公司"],
        "participants": ["宫德伟", "綦玉洁", "战立秋"],
        "key_terms": ["貂皮大衣", "干洗", "取衣单", "掉毛", "洗衣费", "门店"],
        "sexes": {"佟雅茹": "female", "宫德伟": "male", "綦玉洁": "female", "战立秋": "male"},
        "sentences": [
            "原告佟雅茹诉称，二零二四年十一月二日，她把一件貂皮大衣送到被告双鸭山净彩洗衣服务有限公司的门店干洗，付了洗衣费三百八十元。",
            "一个星期以后她去取衣服，发现大衣的毛变硬了，领口和袖口有好几块掉毛，颜色也发黄，店员当时答应拿回去重新处理。",
            "这件大衣是她二零二一年冬天在海宁花两万九千八百元买的，她要求被告按购买价格的百分之八十赔偿，也就是两万三千八百四十元。",
            "被告的代理人宫德伟辩称，取衣单背面印着，皮草类衣物洗坏了最多按洗衣费的十倍赔偿，而且这件大衣送来的时候就有虫咬的痕迹。",
            "证人綦玉洁是被告门店的收衣员，她说收衣服的时候只翻了翻口袋，没有在取衣单上写明大衣原来有什么毛病，也没让原告签字。",
            "审判员战立秋询问被告，这件貂皮大衣是在门店洗的还是送到外面的工厂洗的，另外让原告补交购买大衣的发票和取衣单原件。",
        ],
    },
    {
        "id": "Z278", "split": "test",
        "case_number": "（2025）豫1625民初3057号", "cause": "租赁合同纠纷",
        "parties": ["郜全喜", "郸城县晴川新能源科技有限公司"],
        "participants": ["谷雪梅", "娄保林", "申红蕾"],
        "key_terms": ["屋顶", "光伏板", "支架", "漏水", "小麦", "发电收益"],
        "sexes": {"郜全喜": "male", "谷雪梅": "female", "娄保林": "male", "申红蕾": "female"},
        "sentences": [
            "原告郜全喜诉称，二零二二年四月，他和被告郸城县晴川新能源科技有限公司订了一份协议，把自家三间平房的屋顶租给被告安装光伏板，租期二十年。",
            "双方约定，屋顶面积按一百五十七点五平方米计算，被告每年付给原告租金一千二百六十元，但是被告二零二四年的租金至今没给。",
            "被告安装支架时在屋面上打了二十多个孔，去年七月下了一场暴雨，屋里到处漏水，原告存放的两千多斤小麦被泡坏了，损失三千五百四十元。",
            "被告的代理人谷雪梅辩称，合同约定租金从发电收益里支付，被告在这个屋顶上投了四万六千元，去年的发电量只有预计的一半，而且漏水是房子本身太旧了。",
            "证人娄保林是给被告安装光伏板的工人，他说当时为了固定支架，确实在屋面上打了孔，只用玻璃胶简单地封了一下。",
            "审判员申红蕾询问被告，这套光伏设备去年一共发了多少度电，卖给电网的收入是多少，还问双方要不要申请对屋顶漏水的原因做鉴定。",
        ],
    },
    {
        "id": "Z279", "split": "test",
        "case_number": "（2025）冀1022刑初209号", "cause": "侵犯著作权罪",
        "parties": ["苑宝军", "河北文渊教育图书有限公司"],
        "participants": ["邢佳妮", "尹书航", "籍淑敏"],
        "key_terms": ["练习册", "教辅书", "厂房", "扫描排版", "网店", "仓库"],
        "sexes": {"苑宝军": "male", "邢佳妮": "female", "尹书航": "male", "籍淑敏": "female"},
        "sentences": [
            "公诉人邢佳妮指控，二零二四年三月到九月间，被告人苑宝军在固安县城租了一间厂房，未经著作权人许可，印刷了四种小学数学同步练习册。",
            "这些练习册的专有出版权属于河北文渊教育图书有限公司，被告人照着正版书扫描排版，连封面和条形码都跟正版书一样。",
            "被告人通过两家网店低价销售，一共卖出一万六千四百多册，非法经营数额二十三万七千八百元，公安机关还在他的仓库里查获了九千多册。",
            "被告人苑宝军当庭认罪，他说自己以前在印刷厂上班，以为印几本教辅书不算什么大事，已经赔偿被害单位十二万元，取得了对方的谅解。",
            "辩护人尹书航提出，被告人没有前科，自愿认罪认罚，仓库里的书还没有卖出去，不应当计入非法经营数额，建议对他适用缓刑。",
            "审判长籍淑敏询问被告人，扫描用的正版书是从哪里买的，两家网店的收款账户是谁开的，然后让公诉人就量刑发表意见。",
        ],
    },
    {
        "id": "Z280", "split": "test",
        "case_number": "（2025）云0326行初38号", "cause": "婚姻登记行政纠纷",
        "parties": ["普丽芬", "会泽县民政局"],
        "participants": ["钏德才", "尤永刚", "晏思远"],
        "key_terms": ["结婚证", "身份证", "登记档案", "签名", "手印", "合影"],
        "sexes": {"普丽芬": "female", "钏德才": "male", "尤永刚": "male", "晏思远": "female"},
        "sentences": [
            "原告普丽芬诉称，二零二五年二月，她和未婚夫去登记结婚，工作人员告诉她，系统里显示她早在二零一六年就已经结过婚了。",
            "原告查了档案才知道，被告会泽县民政局在二零一六年十月十七日为她和第三人钏德才办理过结婚登记，可她从来没有见过这个人。",
            "原告说，她二零一五年在曲靖打工的时候丢过一张身份证，结婚登记审查处理表上的签名和手印都不是她本人的。",
            "第三人钏德才当庭承认，当年是媒人带来一个女的跟他去登记，他给了媒人三万八千元彩礼，那个女的不到一个月就跑了。",
            "被告的代理人尤永刚辩称，登记时双方都出示了身份证和户口簿，登记表上贴的合影看上去和原告非常像，工作人员只能作形式审查，被告没有过错。",
            "审判员晏思远询问原告，要不要对登记表上那个签名做笔迹鉴定，并告知被告，应当在十五日内提交当年的全部登记档案。",
        ],
    },
]

NOTE = ("written for issue 16 round 40 before any of the changes of rounds 39 and 40 was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout61", CASES, NOTE))
