"""Issue 16: on the same audio the live path writes what the offline path writes.

A live speaker stream (fed in real time, interim passes and the early final-quality pass
at pauses on) and asr.file (everything at once, neither) cut the same utterances with the
same VAD and read them with the same context; the early pass reads the very samples the
final will have (UtteranceSegmenter.pause_snapshot), so whether a final was committed
from it or decoded at the end, its text is the offline text. Real Whisper base."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import numpy as np

from asr.context import HearingContext
from asr.file import atranscribe_file, read_audio
from asr.segment import Segment, Speaker
from asr.worker import TranscriptionService

SR = 16_000
HELDOUT = Path(__file__).resolve().parents[1] / "benchmarks" / "heldout"
# Held-out case A ('tune' half): three sentences, 1.2 s of low noise between them.
FILES = ("heldout_01.flac", "heldout_02.flac", "heldout_03.flac")


def context() -> HearingContext:
    return HearingContext("（2025）沪0115民初8821号", "民间借贷纠纷", ["周志强", "孙丽华", "郑永明"])


async def test_live_and_offline_write_the_same_text_on_the_same_audio(whisper_model, speech_dir):
    noise = read_audio(speech_dir / "noise_low_20s.flac")
    parts = [noise[: SR // 2]]
    for name in FILES:
        parts += [read_audio(HELDOUT / name), noise[: int(1.2 * SR)]]
    audio = np.concatenate(parts).astype(np.float32)

    offline = await atranscribe_file(audio, model=whisper_model, model_name="whisper-base", context=context())

    got: list[Segment] = []
    service = TranscriptionService(whisper_model, model_name="whisper-base", on_segment=got.append)
    await service.start()
    stream = service.open_stream("live", hearing_id="h", speaker=Speaker("p", "plaintiff", "周志强"), context=context())
    start = time.monotonic()
    for i in range(0, len(audio), 320):
        delay = start + i / SR - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)  # the pace of live audio, 20 ms a frame: the live path under test
        stream.feed(audio[i : i + 320], i / SR)
    stream.close()
    await service.stop()
    live = [s for s in got if s.final]

    assert len(offline) == len(FILES)
    assert [(s.start, s.end) for s in live] == [(s.start, s.end) for s in offline]
    assert [s.text for s in live] == [s.text for s in offline]
    assert [s.corrections for s in live] == [s.corrections for s in offline]
