"""Decoded audio for speech recognition: Opus frames to 16 kHz mono float32.

A frame sink on an audio publication. Each Opus packet is decoded as it arrives
(FFmpeg's own Opus decoder: about 45 us a packet here, a third less than libopus, and
float output); the resampling to 16 kHz runs once per chunk of
CHUNK_S (one call instead of five), and the chunk goes to `on_audio`. A muted
publication feeds nothing; a gap in the RTP timestamps (loss, mute) ends a chunk early,
so every chunk's hearing time is exact."""

from __future__ import annotations

import logging
from collections.abc import Callable

import av
import numpy as np

from courtroom.media.frames import EncodedFrame

logger = logging.getLogger(__name__)

ASR_SAMPLE_RATE = 16000
OPUS_RATE = 48000
CHUNK_S = 0.1


class SpeechFeed:
    """Calls `on_audio(pcm, hearing_time)` with chunks of about CHUNK_S: float32 samples in
    [-1, 1], 16 kHz mono; hearing_time is the chunk's first sample on the hearing clock."""

    respects_mute = True

    def __init__(self, on_audio: Callable[[np.ndarray, float], None], chunk_s: float = CHUNK_S) -> None:
        self._on_audio = on_audio
        self._decoder = av.CodecContext.create("opus", "r")
        self._decoder.sample_rate = OPUS_RATE
        self._decoder.layout = "mono"
        self._resampler = av.AudioResampler(format="flt", layout="mono", rate=ASR_SAMPLE_RATE)
        self._chunk_samples = int(chunk_s * OPUS_RATE)
        self._pending: list[np.ndarray] = []  # 48 kHz float32 mono
        self._pending_samples = 0
        self._pending_start = 0.0  # hearing time of the first pending sample
        self._next_ts: int | None = None  # RTP timestamp the next contiguous packet would have
        self._format = "fltp"
        self.errors = 0
        self.samples = 0

    def deliver(self, frame: EncodedFrame) -> None:
        if self._next_ts is not None and frame.timestamp != self._next_ts:
            self.flush()  # not contiguous: start a new chunk at this frame's time
        try:
            decoded = self._decoder.decode(av.Packet(frame.data))
        except av.FFmpegError as exc:
            self.errors += 1
            logger.debug("opus decode failed: %s", exc)
            return
        for audio in decoded:
            self._format = audio.format.name
            pcm = audio.to_ndarray()[0]
            if not self._pending:
                self._pending_start = frame.hearing_time
            self._pending.append(pcm)
            self._pending_samples += len(pcm)
            self._next_ts = frame.timestamp + len(pcm)
        if self._pending_samples >= self._chunk_samples:
            self.flush()

    def flush(self) -> None:
        """Hand over what is pending (called at gaps; call it at the end of a stream)."""
        if not self._pending:
            return
        pcm48 = np.concatenate(self._pending) if len(self._pending) > 1 else self._pending[0]
        start = self._pending_start
        self._pending = []
        self._pending_samples = 0
        frame = av.AudioFrame.from_ndarray(pcm48.reshape(1, -1), format=self._format, layout="mono")
        frame.sample_rate = OPUS_RATE
        chunks = [out.to_ndarray().reshape(-1) for out in self._resampler.resample(frame)]
        if not chunks:
            return
        pcm = np.concatenate(chunks) if len(chunks) > 1 else chunks[0]
        self.samples += len(pcm)
        self._on_audio(pcm.astype(np.float32, copy=False), start)
