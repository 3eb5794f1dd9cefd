"""Media sources for simulated participants: a speech file and a moving test pattern.

Two ways to send each:
- live tracks (`SpeechTrack`, `TestPatternTrack`) return raw frames that aiortc's
  sender encodes (Opus, VP8): realistic, keyframes on request, costs client CPU;
- pre-encoded packets (`encode_speech`, `encode_test_pattern`) replayed by a
  `PacketReplayTrack` in real time: nearly free, so a benchmark's clients do not compete
  with the server for CPU. A keyframe request jumps to the next keyframe of the
  sequence (the pattern skips ahead by up to one keyframe interval).

Generated frames carry pict_type NONE: a frame marked I would force every encoded frame
to be a keyframe.
"""

from __future__ import annotations

import asyncio
import dataclasses
import fractions
import time
from pathlib import Path
from typing import Optional

import av
import numpy as np
from aiortc.mediastreams import MediaStreamError, MediaStreamTrack

AUDIO_RATE = 48000
AUDIO_FRAME = 960  # 20 ms
VIDEO_CLOCK = 90000

# 3x5 bitmap digits for the frame counter
_DIGITS = [
    "111101101101111", "010110010010111", "111001111100111", "111001111001111", "101101111001001",
    "111100111001111", "111100111101111", "111001001001001", "111101111101111", "111101111001111",
]
# standard colour bars as (Y, U, V)
_BARS = [(235, 128, 128), (210, 16, 146), (170, 166, 16), (145, 54, 34), (106, 202, 222), (81, 90, 240), (41, 240, 110), (16, 128, 128)]


def load_speech(path: Path | str, seconds: Optional[float] = None) -> np.ndarray:
    """A speech file as 48 kHz mono int16 samples."""
    from asr.audio import read_audio

    pcm = np.clip(np.round(read_audio(path, AUDIO_RATE) * 32768.0), -32768, 32767).astype(np.int16)
    if seconds is not None:
        pcm = pcm[: int(seconds * AUDIO_RATE)]
    return pcm


def synthetic_speech(seconds: float, seed: int = 1) -> np.ndarray:
    """Speech-like 48 kHz mono int16 (noise shaped at syllable rate, with pauses) for when
    no recording is at hand: it costs an Opus encoder and decoder what speech costs."""
    rng = np.random.default_rng(seed)
    n = int(seconds * AUDIO_RATE)
    t = np.arange(n) / AUDIO_RATE
    syllables = 0.5 * (1 + np.sin(2 * np.pi * 4.0 * t)) * (np.sin(2 * np.pi * 0.25 * t) > -0.3)
    voice = np.sin(2 * np.pi * 180 * t) + 0.5 * np.sin(2 * np.pi * 360 * t) + 0.3 * rng.standard_normal(n)
    return (voice * syllables * 6000).astype(np.int16)


class TestPattern:
    """Moving colour bars with a frame counter, drawn straight into yuv420p planes."""

    def __init__(self, width: int, height: int, noise: int = 0) -> None:
        """`noise`: amplitude of per-frame luma noise, to make the encoder spend bits like
        on a camera picture (a clean pattern compresses to a fraction of a real stream)."""
        if width % 4 or height % 4:
            raise ValueError("width and height must be multiples of 4")
        self.width, self.height = width, height
        bar_w = max(1, width // len(_BARS))
        row = lambda c, w: np.repeat(np.array([b[c] for b in _BARS], np.uint8), w)  # noqa: E731
        self._y = np.tile(row(0, bar_w), 2)
        self._u = np.tile(row(1, bar_w // 2 or 1), 2)
        self._v = np.tile(row(2, bar_w // 2 or 1), 2)
        self._period = len(self._y) // 2
        self._scale = max(1, height // 40)
        self._noise = noise
        self._rng = np.random.default_rng(1)

    def frame(self, n: int) -> av.VideoFrame:
        w, h = self.width, self.height
        shift = (n * 4) % self._period
        buf = np.empty((h * 3 // 2, w), np.uint8)
        y = buf[:h]
        y[:] = np.resize(self._y[shift : shift + w], w)
        cshift = shift // 2
        u = np.resize(self._u[cshift : cshift + w // 2], w // 2)
        v = np.resize(self._v[cshift : cshift + w // 2], w // 2)
        buf[h : h + h // 4] = np.tile(u, 2)
        buf[h + h // 4 :] = np.tile(v, 2)
        if self._noise:
            y += self._rng.integers(0, self._noise, size=y.shape, dtype=np.uint8)
        # frame counter: black box, white digits
        s = self._scale
        text = str(n)
        box_h, box_w = 7 * s, (4 * len(text) + 1) * s
        y[s : s + box_h, s : s + box_w] = 16
        for plane in (buf[h : h + h // 4], buf[h + h // 4 :]):  # neutral chroma under the box
            rows = plane.reshape(h // 2, w // 2)
            rows[s // 2 : (s + box_h) // 2 + 1, s // 2 : (s + box_w) // 2 + 1] = 128
        for i, ch in enumerate(text):
            glyph = np.array([int(b) for b in _DIGITS[int(ch)]], np.uint8).reshape(5, 3) * 219 + 16
            big = np.kron(glyph, np.ones((s, s), np.uint8))
            x0 = s + (1 + 4 * i) * s
            y[2 * s : 7 * s, x0 : x0 + 3 * s] = big
        frame = av.VideoFrame.from_ndarray(buf, format="yuv420p")
        frame.pict_type = av.video.frame.PictureType.NONE  # never force keyframes (DESIGN.md pitfall)
        return frame


class _Paced:
    """Real-time pacing: item n is due at start + n * interval."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self.start: Optional[float] = None
        self.n = 0

    async def wait(self) -> int:
        now = time.monotonic()
        if self.start is None:
            self.start = now
        due = self.start + self.n * self.interval
        if due > now:
            await asyncio.sleep(due - now)
        elif now - due > 1.0:
            # fell far behind (overloaded): skip ahead rather than burst
            self.n = int((now - self.start) / self.interval)
        n = self.n
        self.n += 1
        return n


class TestPatternTrack(MediaStreamTrack):
    """Live test-pattern video (encoded by the RTCRtpSender)."""

    kind = "video"

    def __init__(self, width: int = 320, height: int = 180, fps: int = 15) -> None:
        super().__init__()
        self.pattern = TestPattern(width, height)
        self.fps = fps
        self._pace = _Paced(1.0 / fps)
        self.frames_sent = 0

    async def recv(self) -> av.VideoFrame:
        if self.readyState != "live":
            raise MediaStreamError
        n = await self._pace.wait()
        frame = self.pattern.frame(n)
        frame.pts = n * (VIDEO_CLOCK // self.fps)
        frame.time_base = fractions.Fraction(1, VIDEO_CLOCK)
        self.frames_sent += 1
        return frame


class SpeechTrack(MediaStreamTrack):
    """Live audio from samples (48 kHz mono int16), 20 ms frames in real time, silence after the end."""

    kind = "audio"

    def __init__(self, samples: np.ndarray, loop: bool = False) -> None:
        super().__init__()
        self.samples = samples
        self.loop = loop
        self._pace = _Paced(AUDIO_FRAME / AUDIO_RATE)
        self.frames_sent = 0
        self.started_at: Optional[float] = None

    async def recv(self) -> av.AudioFrame:
        if self.readyState != "live":
            raise MediaStreamError
        n = await self._pace.wait()
        if self.started_at is None:
            self.started_at = time.time()
        start = n * AUDIO_FRAME
        if self.loop and len(self.samples):
            start %= len(self.samples)
        chunk = self.samples[start : start + AUDIO_FRAME]
        if len(chunk) < AUDIO_FRAME:
            chunk = np.concatenate([chunk, np.zeros(AUDIO_FRAME - len(chunk), np.int16)])
        frame = av.AudioFrame.from_ndarray(chunk.reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate = AUDIO_RATE
        frame.pts = n * AUDIO_FRAME
        frame.time_base = fractions.Fraction(1, AUDIO_RATE)
        self.frames_sent += 1
        return frame


@dataclasses.dataclass(frozen=True)
class ReplayFrame:
    data: bytes
    keyframe: bool
    tid: Optional[int] = None  # VP8 temporal layer, when encoded with layers


# libvpx temporal layering as a browser's L1T3 (FFmpeg's ts_layering_mode 3): layers
# 0, 2, 1, 2 repeating; frames of layer 0 alone decode at a quarter of the frame rate.
L1T3_PATTERN = (0, 2, 1, 2)


def encode_test_pattern(
    width: int = 1280,
    height: int = 720,
    fps: int = 30,
    seconds: float = 10.0,
    bitrate: int = 1_500_000,
    keyframe_interval_s: float = 2.0,
    noise: int = 12,
    temporal_layers: bool = False,
) -> list[ReplayFrame]:
    """Encode the test pattern once with libvpx (realtime settings like a browser's);
    `temporal_layers`: as L1T3 (what web/static/rtc.js asks a browser for), each frame
    marked with its layer."""
    codec = av.CodecContext.create("libvpx", "w")
    codec.width, codec.height = width, height
    codec.pix_fmt = "yuv420p"
    codec.time_base = fractions.Fraction(1, fps)
    codec.bit_rate = bitrate
    codec.gop_size = 100000  # keyframes only where forced below
    codec.options = {
        "deadline": "realtime", "cpu-used": "8", "lag-in-frames": "0", "error-resilient": "1",
        "minrate": str(bitrate), "maxrate": str(bitrate), "bufsize": str(bitrate), "undershoot-pct": "95",
    }
    if temporal_layers:
        kbps = bitrate // 1000
        codec.options = {**codec.options, "ts-parameters": (
            f"ts_number_layers=3:ts_target_bitrate={kbps * 2 // 5},{kbps * 3 // 5},{kbps}:ts_rate_decimator=4,2,1:"
            "ts_periodicity=4:ts_layer_id=0,2,1,2:ts_layering_mode=3")}
    pattern = TestPattern(width, height, noise=noise)
    gop = max(1, int(round(keyframe_interval_s * fps)))
    out: list[ReplayFrame] = []
    for n in range(int(seconds * fps)):
        frame = pattern.frame(n)
        frame.pts = n
        if n % gop == 0:
            frame.pict_type = av.video.frame.PictureType.I
        for packet in codec.encode(frame):
            tid = L1T3_PATTERN[len(out) % len(L1T3_PATTERN)] if temporal_layers else None
            out.append(ReplayFrame(bytes(packet), bool(packet.is_keyframe), tid))
    for packet in codec.encode(None):
        tid = L1T3_PATTERN[len(out) % len(L1T3_PATTERN)] if temporal_layers else None
        out.append(ReplayFrame(bytes(packet), bool(packet.is_keyframe), tid))
    if temporal_layers and gop % len(L1T3_PATTERN):
        raise ValueError("with temporal layers the keyframe interval must be a multiple of 4 frames")
    return out


def encode_speech(samples: np.ndarray, bitrate: int = 32000) -> list[ReplayFrame]:
    """Encode 48 kHz mono int16 samples to 20 ms Opus packets."""
    codec = av.CodecContext.create("libopus", "w")
    codec.sample_rate = AUDIO_RATE
    codec.layout = "mono"
    codec.format = "s16"
    codec.bit_rate = bitrate
    codec.time_base = fractions.Fraction(1, AUDIO_RATE)
    codec.options = {"application": "voip", "frame_duration": "20"}
    out: list[ReplayFrame] = []
    n_frames = len(samples) // AUDIO_FRAME
    for n in range(n_frames):
        chunk = samples[n * AUDIO_FRAME : (n + 1) * AUDIO_FRAME].reshape(1, -1)
        frame = av.AudioFrame.from_ndarray(np.ascontiguousarray(chunk), format="s16", layout="mono")
        frame.sample_rate = AUDIO_RATE
        frame.pts = n * AUDIO_FRAME
        for packet in codec.encode(frame):
            out.append(ReplayFrame(bytes(packet), True))
    for packet in codec.encode(None):
        out.append(ReplayFrame(bytes(packet), True))
    return out


class PacketReplayTrack(MediaStreamTrack):
    """Replays pre-encoded frames as av.Packets in real time (the sender only packetises)."""

    def __init__(self, kind: str, frames: list[ReplayFrame], fps: float, loop: bool = True) -> None:
        super().__init__()
        if not frames:
            raise ValueError("nothing to replay")
        self.kind = kind
        self.frames = frames
        self.loop = loop
        self.clock_rate = VIDEO_CLOCK if kind == "video" else AUDIO_RATE
        self.ticks = int(round(self.clock_rate / fps))
        self._time_base = fractions.Fraction(1, self.clock_rate)
        self._pace = _Paced(1.0 / fps)
        self._index = 0
        self._keyframe_wanted = False
        self.frames_sent = 0
        self.keyframes_sent = 0
        self.keyframe_requests = 0
        self.last_tid: Optional[int] = None  # the temporal layer of the frame recv() returned last

    def request_keyframe(self) -> None:
        self.keyframe_requests += 1
        self._keyframe_wanted = True

    async def recv(self) -> av.Packet:
        if self.readyState != "live":
            raise MediaStreamError
        n = await self._pace.wait()
        if self._index >= len(self.frames):
            if not self.loop:
                self.stop()
                raise MediaStreamError
            self._index = 0
        if self._keyframe_wanted and self.frames_sent:
            self._keyframe_wanted = False
            if not self.frames[self._index].keyframe:
                nxt = next((i for i in range(self._index, len(self.frames)) if self.frames[i].keyframe), 0)
                self._index = nxt
        item = self.frames[self._index]
        self._index += 1
        self.last_tid = item.tid
        packet = av.Packet(item.data)
        packet.pts = n * self.ticks
        packet.time_base = self._time_base
        self.frames_sent += 1
        self.keyframes_sent += item.keyframe
        return packet
