"""Audio in the form the transcriber takes: 16 kHz mono float32 PCM."""

from __future__ import annotations

from pathlib import Path

import numpy as np

SAMPLE_RATE = 16_000


class AudioDecodeError(ValueError):
    """The file could not be read as audio."""


def read_audio(path: str | Path) -> np.ndarray:
    """Decode any audio (or video) file PyAV reads to 16 kHz mono float32."""
    path = Path(path)
    if not path.is_file():
        raise AudioDecodeError(f"{path}: no such file")
    from faster_whisper.audio import decode_audio  # PyAV decode + resample

    try:
        audio = decode_audio(str(path), sampling_rate=SAMPLE_RATE)
    except Exception as exc:  # PyAV raises many kinds; no audio stream gives IndexError
        raise AudioDecodeError(f"{path}: not an audio file PyAV can read ({type(exc).__name__}: {exc})") from exc
    return np.asarray(audio, dtype=np.float32)


class FrameConverter:
    """av.AudioFrame (e.g. 48 kHz stereo s16 from aiortc) -> 16 kHz mono float32.

    One per participant track: the resampler keeps state between frames, so frames of
    one track must go through the same converter, in order.
    """

    def __init__(self) -> None:
        import av

        self._resampler = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)

    def __call__(self, frame) -> np.ndarray:
        out = [f.to_ndarray().reshape(-1) for f in self._resampler.resample(frame)]
        return np.concatenate(out).astype(np.float32, copy=False) if out else np.zeros(0, dtype=np.float32)
