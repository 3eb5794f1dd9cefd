"""Segments of the encoded programme, the slate that replaces a cut one, MPEG-TS muxing and
the HLS playlist.

A segment is one slot of `segment_s` of hearing time (slot k covers [k*s, (k+1)*s)): one
GOP of video starting with an IDR, and the AAC frames whose first sample falls in the
slot. Packets stay in memory as encoded bytes with their timestamps until publication;
only then is a segment muxed (MPEG-TS for HLS, FLV for RTMP), so a cut can still swap
its content for the slate's, frame for frame with the same timestamps.
"""

from __future__ import annotations

import dataclasses
import io
import math
from typing import Optional

import av

from courtroom.broadcast.encoder import AUDIO_RATE, AUDIO_TIME_BASE, VIDEO_TIME_BASE, EncodedPacket

# AAC-LC, 48 kHz (sampling index 3), mono: the ADTS header fields MPEG-TS needs per frame.
_ADTS_PROFILE, _ADTS_RATE_INDEX, _ADTS_CHANNELS = 1, 3, 1


@dataclasses.dataclass
class Segment:
    index: int  # slot number
    start: float  # hearing time of its first frame
    end: float  # hearing time where the next segment starts
    video: list[EncodedPacket] = dataclasses.field(default_factory=list)
    audio: list[EncodedPacket] = dataclasses.field(default_factory=list)
    live: bool = False  # holds participants' picture or sound (not only slate)
    slated: bool = False  # a cut replaced it: publish the slate in its place

    @property
    def duration(self) -> float:
        return self.end - self.start


class SlateTemplate:
    """The "直播暂停" slate, encoded once by the programme's own encoders before the live
    stream starts (so its SPS/PPS and audio configuration are the live stream's): an IDR
    and the P-frames that follow it, and one silent AAC frame. `fill` gives a segment's
    timestamps to that content."""

    def __init__(self) -> None:
        self.video: list[bytes] = []
        self._audio: list[bytes] = []

    def add(self, packet: EncodedPacket) -> None:
        if packet.kind == "video":
            if self.video or packet.keyframe:
                self.video.append(packet.data)
        else:
            self._audio.append(packet.data)

    @property
    def ready(self) -> bool:
        return bool(self.video) and len(self._audio) >= 6

    @property
    def silence(self) -> bytes:
        # A frame from the middle of the silent run: the first is the encoder's priming
        # frame and the last one's window reaches into the live audio that follows.
        return self._audio[len(self._audio) // 2]

    def fill(self, segment: Segment) -> tuple[list[EncodedPacket], list[EncodedPacket]]:
        if not self.ready:
            raise RuntimeError("the slate is not encoded yet")
        if len(segment.video) > len(self.video):
            raise RuntimeError(f"slate has {len(self.video)} frames, segment needs {len(segment.video)}")
        video = [EncodedPacket("video", self.video[i], p.pts, i == 0) for i, p in enumerate(segment.video)]
        silence = self.silence
        audio = [EncodedPacket("audio", silence, p.pts, True) for p in segment.audio]
        return video, audio


class Segmenter:
    """Cuts the encoders' packets into segments: slot k is complete once both streams have
    gone past it. Packets from before `start` are the slate template's."""

    def __init__(self, segment_s: float, start: float, template: SlateTemplate) -> None:
        self.segment_s = segment_s
        self.start = start
        self.template = template
        self._open: dict[int, Segment] = {}
        self._video_slot = -1
        self._audio_slot = -1
        self.live_slots: set[int] = set()

    def slot(self, t: float) -> int:
        return math.floor(t / self.segment_s + 1e-9)

    def add(self, packet: EncodedPacket) -> list[Segment]:
        t = packet.time
        if t < self.start - 1e-6:
            self.template.add(packet)
            return []
        k = self.slot(t)
        segment = self._open.get(k)
        if segment is None:
            segment = self._open[k] = Segment(k, max(k * self.segment_s, self.start), (k + 1) * self.segment_s)
        if packet.kind == "video":
            segment.video.append(packet)
            self._video_slot = max(self._video_slot, k)
        else:
            segment.audio.append(packet)
            self._audio_slot = max(self._audio_slot, k)
        done = min(self._video_slot, self._audio_slot)
        return [self._close(i) for i in sorted(self._open) if i < done]

    def flush(self, end: Optional[float] = None) -> list[Segment]:
        out = [self._close(i) for i in sorted(self._open)]
        if out and end is not None:
            out[-1].end = min(out[-1].end, max(out[-1].start, end))
        return [s for s in out if s.video]

    def _close(self, k: int) -> Segment:
        segment = self._open.pop(k)
        segment.live = k in self.live_slots
        self.live_slots.discard(k)
        return segment


def _adts(payload: bytes) -> bytes:
    n = len(payload) + 7
    return bytes((0xFF, 0xF1, (_ADTS_PROFILE << 6) | (_ADTS_RATE_INDEX << 2) | (_ADTS_CHANNELS >> 2),
                  ((_ADTS_CHANNELS & 3) << 6) | (n >> 11), (n >> 3) & 0xFF, ((n & 7) << 5) | 0x1F, 0xFC)) + payload


def mux_ts(video: list[EncodedPacket], audio: list[EncodedPacket], width: int, height: int, fps: int) -> bytes:
    """One MPEG-TS segment (H.264 annex B as encoded, AAC in ADTS), timestamps kept."""
    buf = io.BytesIO()
    out = av.open(buf, "w", format="mpegts", options={"mpegts_copyts": "1"})
    try:
        vs = out.add_mux_stream("h264", rate=fps, width=width, height=height)
        aus = out.add_mux_stream("aac", rate=AUDIO_RATE)
        vs.time_base, aus.time_base = VIDEO_TIME_BASE, AUDIO_TIME_BASE
        packets: list[tuple[float, int, av.Packet]] = []
        for p in video:
            packet = av.Packet(p.data)
            packet.pts = packet.dts = p.pts
            packet.time_base = VIDEO_TIME_BASE
            packet.stream = vs
            packet.is_keyframe = p.keyframe
            packets.append((p.time, 0, packet))
        for p in audio:
            packet = av.Packet(_adts(p.data))
            packet.pts = packet.dts = p.pts
            packet.time_base = AUDIO_TIME_BASE
            packet.stream = aus
            packets.append((p.time, 1, packet))
        packets.sort(key=lambda x: (x[0], x[1]))
        for _, _, packet in packets:
            out.mux(packet)
    finally:
        out.close()
    return buf.getvalue()


@dataclasses.dataclass(frozen=True)
class PublishedSegment:
    """A segment as the public sees it: media sequence number, duration and TS bytes."""

    seq: int
    start: float
    duration: float
    data: bytes
    slated: bool
    live: bool


def render_playlist(segments: list[PublishedSegment], segment_s: float, ended: bool) -> str:
    """A live (sliding window) HLS media playlist; ENDLIST once the broadcast is over."""
    target = max([math.ceil(segment_s)] + [math.ceil(s.duration - 1e-6) for s in segments])
    lines = ["#EXTM3U", "#EXT-X-VERSION:3", f"#EXT-X-TARGETDURATION:{target}",
             f"#EXT-X-MEDIA-SEQUENCE:{segments[0].seq if segments else 0}"]
    for s in segments:
        lines += [f"#EXTINF:{s.duration:.3f},", f"{s.seq}.ts"]
    if ended:
        lines.append("#EXT-X-ENDLIST")
    return "\n".join(lines) + "\n"

