"""Encoded media frames as the forwarder, the recorder, the speech feed and the broadcast
share them: one object per frame, packetised once for every subscriber."""

from __future__ import annotations

import dataclasses
import fractions
from typing import Optional, Protocol

import av
from aiortc.codecs.vpx import Vp8Encoder

VIDEO_CLOCK_RATE = 90000
AUDIO_CLOCK_RATE = 48000


def is_vp8_keyframe(frame: bytes) -> bool:
    """VP8 key frame: P bit clear in the frame tag and the start code 9d 01 2a (RFC 6386 9.1).

    The first byte alone is not enough: a damaged or partial frame can have the bit clear."""
    return len(frame) >= 10 and not frame[0] & 0x01 and frame[3:6] == b"\x9d\x01\x2a"


@dataclasses.dataclass(slots=True)
class EncodedFrame:
    """One encoded frame on its publication's timeline."""

    data: bytes
    timestamp: int  # publication output timeline, in clock_rate units (continuous across sources)
    keyframe: bool
    hearing_time: float  # hearing-clock time at which the frame was captured (estimated)
    clock_rate: int
    time_base: fractions.Fraction
    picture_id: int = 0  # VP8: the publication's frame counter (15 bits), the same for every subscriber
    tid: Optional[int] = None  # VP8 temporal layer (0 = base), when the publisher sends layers
    _packet: Optional[av.Packet] = None
    _payloads: Optional[list[bytes]] = None

    def rtp_payloads(self) -> list[bytes]:
        """RTP payloads (VP8: packetised once, shared by every subscriber)."""
        if self._payloads is None:
            if self.clock_rate == VIDEO_CLOCK_RATE:
                self._payloads = Vp8Encoder._packetize(self.data, self.picture_id)
            else:
                self._payloads = [self.data]
        return self._payloads

    def packet(self) -> av.Packet:
        """The frame as an av.Packet (made once and shared: RTCRtpSender.pack only reads it)."""
        if self._packet is None:
            packet = av.Packet(self.data)
            packet.pts = self.timestamp
            packet.time_base = self.time_base
            self._packet = packet
        return self._packet


class FrameSink(Protocol):
    """Something a publication delivers frames to (called on the event loop; must not block)."""

    respects_mute: bool  # True: gets nothing while the publication is muted

    def deliver(self, frame: EncodedFrame) -> None: ...
