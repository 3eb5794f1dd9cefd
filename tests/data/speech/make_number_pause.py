"""Synthesize zh_number_pause.flac: an amount said with a pause inside it, which ends the
utterance there ("原告的各项损失共计二十七" | 0.3 s | "万五千元。"), for the test of reading a
number cut by a pause (tests/test_asr.py). Same voice as the other fixtures; run in the
throw-away TTS environment of benchmarks/heldout_synth.py:

    /tmp/tts/bin/python tests/data/speech/make_number_pause.py      # needs sox on PATH

The two halves are synthesised apart and joined with 0.3 s of silence: with the voice's own
pauses, about 0.65 s between the voiced parts (more than the 0.5 s that ends an utterance,
less than the 1 s a held number waits).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "benchmarks"))
from heldout_synth import TTS_RATE, synthesizer, to_flac  # noqa: E402

HALVES = ("原告的各项损失共计二十七", "万五千元。")
PAUSE_S = 0.3


def main() -> int:
    tts = synthesizer()
    quiet = [np.zeros(int(s * TTS_RATE), dtype=np.float32) for s in (0.5, PAUSE_S, 0.8)]
    audio = np.concatenate([quiet[0], tts.synthesis(HALVES[0]), quiet[1], tts.synthesis(HALVES[1]), quiet[2]])
    duration = to_flac(audio, Path(__file__).resolve().parent / "zh_number_pause.flac")
    print(f"zh_number_pause.flac {duration:.2f} s: {''.join(HALVES)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
