"""Synthesize the forty-fourth held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 32 BEFORE any of that round's changes was run on it: the fresh
check that they hold on speech they were not made from. Never tuned on: all five cases are
split 'test'. Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout44/make_heldout44.py          # needs sox on PATH

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
        "id": "Z191", "split": "test",
        "case_number": "（2025）黑0604民初3318号", "cause": "民间借贷纠纷",
        "parties": ["栾德胜", "蒯志红"],
        "participants": ["唐海波", "隋玉兰", "靳学军"],
        "sentences": [
            "原告栾德胜诉称，二零二三年九月，被告蒯志红说饭店需要周转资金，向他借款二十八万元，约定月利率百分之一，一年内还清。",
            "原告当天用手机银行给被告转了二十五万元，另外三万元是现金交付的，被告当场写了借条，借款期限为十二个月。",
            "借款到期后，被告只归还了本金六万元和利息一万零三百四十点八元，原告要求被告归还剩下的本金二十二万元和相应的利息。",
            "被告的代理人唐海波辩称，被告实际只收到二十五万元，那三万元现金根本没有交付，而且被告通过微信陆续归还过四万三千零六十七元。",
            "证人隋玉兰是被告饭店的收银员，她说二零二三年九月十二日下午，她亲眼看到原告把一个装着现金的牛皮纸袋交给了蒯志红。",
            "审判员靳学军询问原告，那三万元现金是怎么来的，并要求原告在七日内提交取款凭证和双方的微信聊天记录。",
        ],
    },
    {
        "id": "Z192", "split": "test",
        "case_number": "（2025）冀1003民初2147号", "cause": "物业服务合同纠纷",
        "parties": ["廊坊悦澜物业服务有限公司", "甄桂芳"],
        "participants": ["蔺文博", "孔淑华", "鄢明辉"],
        "sentences": [
            "原告廊坊悦澜物业服务有限公司诉称，被告甄桂芳是锦华苑小区七号楼的业主，她的房子建筑面积是一百一十八点六平方米。",
            "按照前期物业服务合同，物业费每平方米每月二点三元，被告从二零二二年一月起一直没有交，到现在已经欠了整整三十个月。",
            "原告要求被告付清拖欠的物业费八千一百八十三点四元和地下车位管理费二千零四十元，并按每天万分之五计算违约金。",
            "被告的代理人蔺文博辩称，甄桂芳家楼上的管道从二零二一年底开始反复漏水，物业接到报修十一次都没有修好，客厅的木地板全泡坏了。",
            "证人孔淑华是七号楼的另一位业主，她说小区的电梯经常停运，有一次连续停了九天，楼道里的垃圾也经常两三天没人清理。",
            "审判长鄢明辉询问原告，每次接到报修以后是怎么处理的，并要求原告提交二零二二年以来的维修工单和电梯维保记录。",
        ],
    },
    {
        "id": "Z193", "split": "test",
        "case_number": "（2025）皖1204民初1562号", "cause": "分家析产纠纷",
        "parties": ["鞠树林", "鞠树森"],
        "participants": ["潘国栋", "禹德旺", "郜玉梅"],
        "sentences": [
            "原告鞠树林诉称，他和被告鞠树森是亲兄弟，二零零八年全家共同出资，在阜阳市颍泉区老家的宅基地上盖了一栋三层楼房。",
            "这栋楼房建筑面积四百二十平方米，当时一共花了三十一万六千元，其中原告出了十二万元，被告出了九万元，其余是父母的积蓄。",
            "父母去世以后，鞠树森一家一直住在楼里，还把一楼的两间门面房出租，每年租金二万四千元，原告请求分割楼房，并平分这几年的租金。",
            "被告的代理人潘国栋辩称，原告出的十二万元里有五万元是向父母借的，父母生病住院的三年里，全靠被告照顾，医药费也都是被告一个人出的。",
            "证人禹德旺是村里的老会计，他说当年盖房子的账是他帮忙记的，原告确实交过十二万元，那本账本他现在还保存着。",
            "审判员郜玉梅询问被告，父母的医药费一共花了多少，有没有票据，还提醒双方可以申请对楼房的价值进行评估。",
        ],
    },
    {
        "id": "Z194", "split": "test",
        "case_number": "（2025）云0402刑初417号", "cause": "抢劫罪",
        "parties": ["扈小龙", "逯海军"],
        "participants": ["晏雪莲", "钟丽娟", "亓伟东"],
        "sentences": [
            "公诉人晏雪莲指控，二零二四年十一月十七日晚上十一点左右，被告人扈小龙和逯海军在玉溪市红塔区一条小巷里拦住了一名下夜班的女工。",
            "被告人扈小龙拿着一把水果刀威胁被害人，逯海军搜走了她的手机和钱包，钱包里有现金一千六百五十元和两张银行卡。",
            "两名被告人逼被害人说出银行卡密码，随后在附近的自动取款机上分三次取走了八千九百元，那部手机经鉴定价值四千二百元。",
            "被告人逯海军辩解，他事先并不知道扈小龙带着刀，取钱的时候只是在旁边望风，只分到二千元，案发后已经全部退赔。",
            "证人钟丽娟是附近便利店的店员，她说那天晚上两个年轻人在取款机前站了将近二十分钟，其中一个还戴着黑色口罩。",
            "审判长亓伟东询问被告人扈小龙，那把水果刀是从哪里来的，作案后扔在了什么地方，随后宣布休庭，十五分钟后继续开庭。",
        ],
    },
    {
        "id": "Z195", "split": "test",
        "case_number": "（2025）闽0702行初58号", "cause": "市场监督管理行政处罚纠纷",
        "parties": ["南平鑫禾食品贸易有限公司", "南平市延平区市场监督管理局"],
        "participants": ["昝建华", "骆永康", "眭文静"],
        "sentences": [
            "原告南平鑫禾食品贸易有限公司诉称，二零二四年八月，被告南平市延平区市场监督管理局检查了原告的仓库，发现一批过期的进口饼干。",
            "被告认定原告经营超过保质期的食品，没收了三百六十箱饼干，没收违法所得一万零四百二十元，并处罚款十五万元。",
            "原告认为这批饼干放在仓库最里面的隔间，外面贴着待销毁的标签，并没有上架销售，请求法院撤销被告作出的行政处罚决定书。",
            "被告的代理人昝建华辩称，执法人员检查时看到其中四十二箱饼干放在发货区，旁边还有一张当天的送货单，足以认定原告在经营这批食品。",
            "证人骆永康是原告公司的仓库管理员，他说那四十二箱是供应商准备拉回去换货的，送货单上写的是退货，不是发货。",
            "审判长眭文静询问被告，在作出处罚以前有没有告诉原告可以申请听证，并让被告把现场检查笔录和执法记录仪拍的视频交给法庭。",
        ],
    },
]

NOTE = ("written for issue 16 round 32 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout44", CASES, NOTE))
