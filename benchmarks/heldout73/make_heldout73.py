"""Synthesize the seventy-third held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 47 BEFORE any of that round's changes was run on it: the fresh check
that they hold on speech they were not made from. Never tuned on: all five cases are split 'test'.
Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout73/make_heldout73.py          # needs sox on PATH

Each case also carries the clerk's register entries, written from the case's facts (the complaint
and the defence) before its sentences: "key_terms" (the things, goods, places of work, acts and
documents the dispute is about) and "sexes" (every natural person among parties and participants).

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
        "id": "Z336", "split": "test",
        "case_number": "（2025）宁0121民初1847号", "cause": "买卖合同纠纷",
        "parties": ["永宁县紫岚酒庄有限公司", "蓬莱橡森制桶有限公司"],
        "participants": ["练思远", "伏广田", "苑晓菲", "贡立新"],
        "key_terms": ["橡木桶", "赤霞珠", "酒窖", "桶板", "渗酒", "注水试漏"],
        "sexes": {"练思远": "female", "伏广田": "male", "苑晓菲": "female", "贡立新": "male"},
        "sentences": [
            "原告的代理人练思远陈述，二零二四年八月十二日，原告永宁县紫岚酒庄有限公司向被告蓬莱橡森制桶有限公司订购了一百二十只橡木桶，每只七千八百元。",
            "橡木桶九月底到货，原告装进去当年的赤霞珠新酒，不到一个月，就有三十七只桶的桶缝和桶底开始渗酒，酒窖的地面上全是酒渍。",
            "原告要求对方退还这三十七只桶的货款二十八万八千六百元，另外赔偿渗漏和氧化造成的葡萄酒损失十四万零五百元。",
            "被告的代理人伏广田辩称，橡木桶出厂前都做过注水试漏，渗酒是因为原告的酒窖湿度只有百分之四十五左右，桶板收缩以后才出现了缝隙。",
            "证人苑晓菲是原告的酿酒师，她说新桶进窖前用热水泡过两天，酒窖装了加湿器，湿度一直保持在百分之七十以上，同一批的其他桶都没有问题。",
            "审判员贡立新询问被告，这批桶用的橡木板晾晒了多久，烘烤程度是怎么定的，还让双方在十五日内交来酒窖的温湿度记录。",
        ],
    },
    {
        "id": "Z337", "split": "test",
        "case_number": "（2025）粤0784民初2396号", "cause": "定作合同纠纷",
        "parties": ["谷淑贞", "鹤山市蔓纱服饰有限公司"],
        "participants": ["况志坚", "植丽霞", "麦家琪"],
        "key_terms": ["旗袍", "香云纱", "盘扣", "面料", "腰身", "量体"],
        "sexes": {"谷淑贞": "female", "况志坚": "male", "植丽霞": "female", "麦家琪": "male"},
        "sentences": [
            "原告谷淑贞诉称，二零二五年三月二十二日，她在被告鹤山市蔓纱服饰有限公司定做了三件香云纱旗袍，准备在女儿的婚礼上穿，总价一万零八百元，当场付了一半。",
            "双方约定五月十日以前交货，中间试穿两次，可是被告直到婚礼前三天才通知取衣，原告一试，腰身小了将近两寸，领口紧到喘不过气。",
            "原告还发现，其中两件的面料摸起来发硬，不像样布那样有光泽，盘扣也是机器压的，她请求退还已付的五千四百元，并赔偿临时买礼服花的三千六百八十八点五元。",
            "被告的代理人况志坚辩称，旗袍是按照原告第二次试穿时的尺寸改的，原告自己说过婚礼前要减肥，腰身偏小是她后来又胖了，怪不到被告头上。",
            "证人植丽霞是被告店里做了二十多年的裁缝师傅，她说三件旗袍的面料是从同一匹布上裁下来的，发硬是因为香云纱刚做好时本来就偏硬。",
            "审判员麦家琪询问被告，当初收了原告多少钱的面料费，有没有留下布料的进货单据，并准许原告对面料的成分申请检测。",
        ],
    },
    {
        "id": "Z338", "split": "test",
        "case_number": "（2025）鲁1726民初1582号", "cause": "加工合同纠纷",
        "parties": ["鄄城县丝韵工艺品有限公司", "巩翠萍"],
        "participants": ["臧凤英", "郜振宇"],
        "key_terms": ["假发", "真人发", "网帽", "蕾丝头套", "钩织", "漂染"],
        "sexes": {"巩翠萍": "female", "臧凤英": "female", "郜振宇": "male"},
        "sentences": [
            "二零二四年十一月，原告鄄城县丝韵工艺品有限公司把一百二十公斤头发原料和二千四百个网帽交给被告巩翠萍，由她组织村里的妇女手工钩织蕾丝头套。",
            "被告到二零二五年二月底只交回了一千九百个头套，原告的外国客户验货时发现，其中六百四十个一梳就大把脱落，整批货都被退了回来。",
            "原告主张被告返还不合格和没交回的头套的加工费十八万二千四百元，并赔偿短少的十一点五公斤头发，按每公斤三千八百元计算，共四万三千七百元。",
            "被告巩翠萍辩称，交货时原告的质检员逐个检查过，还在验收单上签过名，脱落是因为原料被原告漂白成浅金色，变脆了，而且梳理时本来就有百分之八的损耗。",
            "证人臧凤英是参加钩织的村民，她说被告要求每个孔只勾两三根头发，原告的技术员来培训时也是这么教的，做一个头套要两天多。",
            "审判员郜振宇询问原告，浅金色的头发是哪家工厂漂染的，漂染以后有没有做过拉力测试，并让原告补交外国客户的退货函和翻译件。",
        ],
    },
    {
        "id": "Z339", "split": "test",
        "case_number": "（2025）陕0824刑初163号", "cause": "破坏易燃易爆设备罪",
        "parties": ["党永福", "艾海龙", "靖边县塞北原油集输有限公司"],
        "participants": ["雒欣怡", "惠卓然", "米淑芳"],
        "key_terms": ["输油管道", "原油", "打孔", "阀门", "罐车", "胶管", "炼油厂"],
        "sexes": {"党永福": "male", "艾海龙": "male", "雒欣怡": "female", "惠卓然": "male", "米淑芳": "female"},
        "sentences": [
            "公诉人雒欣怡指控，二零二四年九月中旬，被告人党永福在靖边县的一片玉米地里挖开地面，在埋在地下的输油管道上打孔，焊上阀门，私自接出一根胶管。",
            "此后两个多月，他趁夜里开着一辆改装过的罐车，先后盗出原油十一次，共计四十三点六吨，以每吨二千九百元卖给邻县的一个小炼油厂。",
            "被害单位靖边县塞北原油集输有限公司发现管道压力异常后报警，管道修复和停输的损失共计三十一万零七百元，打孔点一旦泄漏遇到明火就可能爆炸。",
            "被告人艾海龙的辩护人惠卓然提出，艾海龙是电焊工，只去现场焊过一次阀门，只拿到八百元工钱，他以为那是一根废弃的管子，属于从犯。",
            "被告人党永福当庭认了罪，他说卖油得的十二万多元大部分用来偿还了赌债，愿意让家属退赔集输公司的损失。",
            "审判长米淑芳询问被告人艾海龙，焊接的时候闻没闻到油味，地面上有没有管道的警示桩，接着请公诉人出示公安机关调取的罐车行驶轨迹。",
        ],
    },
    {
        "id": "Z340", "split": "test",
        "case_number": "（2025）苏0682行初97号", "cause": "行政征收纠纷",
        "parties": ["如皋市汇宸置业有限公司", "如皋市人民防空办公室"],
        "participants": ["冒锦程", "储雅琴", "卞俊杰", "吉书宁"],
        "key_terms": ["防空地下室", "地下车库", "易地建设费", "防护密闭门", "滤毒通风", "监理日志"],
        "sexes": {"冒锦程": "male", "储雅琴": "female", "卞俊杰": "male", "吉书宁": "female"},
        "sentences": [
            "原告如皋市汇宸置业有限公司起诉说，它开发的一个住宅小区在二零二一年办理施工许可时，人防部门同意把地下车库的一部分建成防空地下室，面积二千一百五十平方米。",
            "被告如皋市人民防空办公室却在二零二四年十二月九日作出征收决定，认定这部分地下室没有达到人防工程的标准，要求原告缴纳易地建设费三百四十四万元。",
            "原告的代理人冒锦程说，防护密闭门和滤毒通风设备都已经装好了，只是还没有组织专项验收，被告不能按没有修建来收费，更不能加收每日万分之五的滞纳金。",
            "被告的代理人储雅琴辩称，去年九月人防部门现场检查时，地下室有四道防护密闭门还没有安装，墙体厚度也不够，原告一直没有按整改通知书整改。",
            "证人卞俊杰负责监理这个项目，他说防护门是今年一月才装上的，墙体厚度在浇筑混凝土前已经做过检测，监理日志里都有记录。",
            "审判长吉书宁询问被告，下发征收决定前是否给过原告陈述意见的机会，并让原告补交施工图审查意见和防护门的安装记录。",
        ],
    },
]

NOTE = ("written for issue 16 round 47 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'. Each case's key_terms and sexes were written from its facts, as a clerk "
        "enters them from the complaint and the defence, before its sentences.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout73", CASES, NOTE))
