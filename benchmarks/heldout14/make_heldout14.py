"""Synthesize the fourteenth held-out set: hearings of five new made-up cases (three civil,
one criminal, one administrative), with amounts and dates, parties' names and legal terms.

Written for issue 16 round 13 BEFORE any of that round's changes was run on it: the fresh
check that they hold on speech they were not made from. Never tuned on: all five cases are
split 'test'. Same voice and recipe as the other sets (../heldout_synth.py):

    /tmp/tts/bin/python benchmarks/heldout14/make_heldout14.py          # needs sox on PATH

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
        "id": "Z41", "split": "test",
        "case_number": "（2025）赣0102民初5316号", "cause": "不当得利纠纷",
        "parties": ["滕宇航", "宫雪梅"],
        "participants": ["练志军", "伍佩玲"],
        "sentences": [
            "原告滕宇航诉称，其于二零二三年十月九日通过手机银行向被告误转款八万六千五百元。",
            "原告发现转错账户后多次联系被告，被告拒不返还。",
            "被告宫雪梅辩称，该笔款项是原告偿还的借款，并非不当得利。",
            "原告的代理人练志军指出，双方之间不存在任何借贷关系，被告也未能提供借条。",
            "原告请求判令被告返还八万六千五百元，并支付自二零二三年十一月一日起的资金占用利息。",
            "审判员伍佩玲要求被告在七日内提交双方存在借贷关系的证据。",
        ],
    },
    {
        "id": "Z42", "split": "test",
        "case_number": "（2025）赣01民初2047号", "cause": "著作权侵权纠纷",
        "parties": ["南昌蓝图文化传播有限公司", "扬州若水网络科技有限公司"],
        "participants": ["简伟光", "晁文远"],
        "sentences": [
            "原告南昌蓝图文化传播有限公司诉称，其享有涉案美术作品的著作权，作品于二零二零年十月完成创作。",
            "被告扬州若水网络科技有限公司未经许可，在其经营的网站上使用了涉案作品共计二十三幅。",
            "原告的代理人简伟光当庭出示了作品登记证书和公证书，用以证明侵权事实。",
            "被告辩称，涉案作品来源于网络，被告已尽到合理注意义务，不应承担赔偿责任。",
            "原告请求判令被告停止侵权，赔偿经济损失十二万元及合理开支六千零八十元。",
            "审判长晁文远宣布，法庭调查结束，下面进行法庭辩论。",
        ],
    },
    {
        "id": "Z43", "split": "test",
        "case_number": "（2025）豫0105刑初1138号", "cause": "寻衅滋事罪",
        "parties": ["娄志鹏"],
        "participants": ["盛海燕", "霍思明", "穆建成"],
        "sentences": [
            "公诉人盛海燕指控，被告人娄志鹏于二零二四年七月三日凌晨在烧烤店内无故殴打他人。",
            "被害人霍思明经鉴定为轻伤二级，医疗费共计一万三千七百二十元。",
            "被告人娄志鹏对指控的犯罪事实供认不讳，并已赔偿被害人经济损失二万元。",
            "辩护人穆建成提出，被告人系初犯，取得了被害人的谅解，请求判处缓刑。",
            "公诉人建议判处被告人有期徒刑十个月至一年。",
            "审判长宣布，现在由被告人作最后陈述。",
        ],
    },
    {
        "id": "Z44", "split": "test",
        "case_number": "（2025）苏1002民初3372号", "cause": "抚养费纠纷",
        "parties": ["甄可欣", "左建华"],
        "participants": ["濮秀云", "季婉清"],
        "sentences": [
            "原告甄可欣系被告左建华与其前妻的婚生女，双方于二零一九年十二月协议离婚。",
            "离婚协议约定，被告每月支付抚养费一千五百元，直至原告年满十八周岁。",
            "被告自二零二三年十月起未再支付抚养费，累计拖欠一万八千元。",
            "被告左建华辩称，其已失业，收入减少，请求将抚养费降低为每月八百元。",
            "原告的法定代理人濮秀云认为，被告有劳动能力，应当按照协议履行抚养义务。",
            "审判员季婉清主持双方进行调解，调解未能达成一致。",
        ],
    },
    {
        "id": "Z45", "split": "test",
        "case_number": "（2025）浙0602行初205号", "cause": "房屋征收补偿决定纠纷",
        "parties": ["卞德林", "绍兴市越城区人民政府"],
        "participants": ["边晓琳", "岑国梁"],
        "sentences": [
            "被告绍兴市越城区人民政府于二零二四年十月二十八日作出房屋征收补偿决定。",
            "原告卞德林认为，补偿决定确定的补偿金额一百八十六万四千元明显低于市场价格。",
            "原告的代理人边晓琳提出，评估机构未经原告选定，评估程序违法。",
            "被告辩称，评估机构是通过抽签方式确定的，程序合法，补偿标准符合规定。",
            "原告请求撤销被告作出的房屋征收补偿决定，并判令被告重新作出决定。",
            "审判长岑国梁宣布，本案将于二零二五年一月十日继续开庭审理。",
        ],
    },
]

NOTE = ("written for issue 16 round 13 before any of that round's changes was run on it; never tuned on. "
        "Every case is split 'test'.")

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout14", CASES, NOTE))
