"""H.264 + AAC encoding of the broadcast programme (libx264 and FFmpeg's AAC encoder).

Timestamps are hearing time plus PTS_OFFSET_S (so the encoders' lead-in never goes
negative): video in 1/90000 s, audio in samples at 48 kHz. A keyframe is forced on the
first frame of every segment slot (segment_s of hearing time, 2 s by default, as ingest
sites expect), and scene-cut keyframes are off, so every segment starts with an IDR and
holds exactly one GOP. No B-frames: dts equals pts, which lets a segment's packets be
swapped for a slate's with the same timestamps (see hls.SlateTemplate). SPS/PPS are
repeated before every IDR (annex B), so each segment decodes on its own."""

from __future__ import annotations

import dataclasses
import fractions
from typing import Optional

import av
import numpy as np

PTS_OFFSET_S = 10.0
VIDEO_CLOCK = 90000
VIDEO_TIME_BASE = fractions.Fraction(1, VIDEO_CLOCK)
AUDIO_RATE = 48000
AUDIO_TIME_BASE = fractions.Fraction(1, AUDIO_RATE)
AAC_FRAME = 1024  # samples per AAC-LC frame


@dataclasses.dataclass(frozen=True, slots=True)
class EncodedPacket:
    """One encoded video frame or AAC frame of the programme."""

    kind: str  # "video" | "audio"
    data: bytes
    pts: int  # video: 1/90000 s, audio: samples; both include PTS_OFFSET_S
    keyframe: bool

    @property
    def time(self) -> float:
        """Hearing time (s) of the packet's first sample / the frame."""
        rate = VIDEO_CLOCK if self.kind == "video" else AUDIO_RATE
        return self.pts / rate - PTS_OFFSET_S


@dataclasses.dataclass(frozen=True)
class EncoderSettings:
    width: int = 1280
    height: int = 720
    fps: int = 25
    video_bitrate: int = 2_000_000
    audio_bitrate: int = 64_000
    # ultrafast with CABAC and the deblocking filter back on: measured (benchmarks/broadcast.py)
    # at about half of superfast's CPU with no loss in PSNR on composed test pictures.
    preset: str = "ultrafast"
    x264_params: str = "cabac=1:deblock=0,0"
    tune: Optional[str] = None
    threads: int = 0  # 0: libx264 decides (about 1.5 per core)

    def __post_init__(self) -> None:
        if self.width % 4 or self.height % 4 or self.width < 64 or self.height < 64:
            raise ValueError("width and height must be multiples of 4, at least 64")
        if not 1 <= self.fps <= 60:
            raise ValueError("fps must be 1..60")


def video_pts(t: float) -> int:
    return round((t + PTS_OFFSET_S) * VIDEO_CLOCK)


def audio_pts(position: int) -> int:
    return position + round(PTS_OFFSET_S * AUDIO_RATE)


class ProgrammeEncoder:
    """The two encoders of one broadcast. Not thread-safe: one worker thread uses it."""

    def __init__(self, settings: EncoderSettings) -> None:
        self.settings = s = settings
        video = av.CodecContext.create("libx264", "w")
        video.width, video.height = s.width, s.height
        video.pix_fmt = "yuv420p"
        video.time_base = VIDEO_TIME_BASE
        video.framerate = fractions.Fraction(s.fps, 1)
        video.bit_rate = s.video_bitrate
        if s.threads:
            video.thread_count = s.threads
        params = [
            # Keyframes only where forced (segment starts); the long keyint is a safety net.
            f"keyint={10 * s.fps}", "min-keyint=1", "scenecut=0", "bframes=0", "repeat-headers=1",
            # Constrained bitrate for RTMP ingest.
            f"vbv-maxrate={s.video_bitrate // 1000}", f"vbv-bufsize={2 * s.video_bitrate // 1000}",
            # The pictures are BT.601 (camera VP8 and our own conversion): say so.
            "colorprim=smpte170m", "transfer=smpte170m", "colormatrix=smpte170m",
        ]
        if s.x264_params:
            params.append(s.x264_params)  # last: the operator's word wins
        options = {"preset": s.preset, "x264-params": ":".join(params), "forced-idr": "1"}
        if s.tune:
            options["tune"] = s.tune
        video.options = options
        video.open()
        audio = av.CodecContext.create("aac", "w")
        audio.sample_rate = AUDIO_RATE
        audio.layout = "mono"
        audio.format = "fltp"
        audio.bit_rate = s.audio_bitrate
        audio.time_base = AUDIO_TIME_BASE
        audio.open()
        self._video, self._audio = video, audio
        self.video_frames = 0
        self.audio_frames = 0

    def encode_video(self, frame: av.VideoFrame, t: float, keyframe: bool) -> list[EncodedPacket]:
        """Encode the picture of hearing time `t` (the frame may be reused by the caller)."""
        frame.pts = video_pts(t)
        frame.time_base = VIDEO_TIME_BASE
        frame.pict_type = av.video.frame.PictureType.I if keyframe else av.video.frame.PictureType.NONE
        self.video_frames += 1
        return [self._packet("video", p) for p in self._video.encode(frame)]

    def encode_audio(self, pcm: np.ndarray, position: int) -> list[EncodedPacket]:
        """Encode AAC_FRAME float32 mono samples whose first sample is at `position` (48 kHz)."""
        if len(pcm) != AAC_FRAME:
            raise ValueError(f"audio blocks are {AAC_FRAME} samples")
        frame = av.AudioFrame.from_ndarray(np.ascontiguousarray(pcm, np.float32).reshape(1, -1),
                                           format="fltp", layout="mono")
        frame.sample_rate = AUDIO_RATE
        frame.pts = audio_pts(position)
        frame.time_base = AUDIO_TIME_BASE
        self.audio_frames += 1
        return [self._packet("audio", p) for p in self._audio.encode(frame)]

    def flush(self) -> list[EncodedPacket]:
        out = [self._packet("video", p) for p in self._video.encode(None)]
        out += [self._packet("audio", p) for p in self._audio.encode(None)]
        return out

    @staticmethod
    def _packet(kind: str, packet: av.Packet) -> EncodedPacket:
        if packet.pts is None:  # an encoder stamps every packet it makes
            raise ValueError(f"{kind} encoder made a packet without pts")
        return EncodedPacket(kind, bytes(packet), int(packet.pts), bool(packet.is_keyframe))
