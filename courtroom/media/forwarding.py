"""Forwarding encoded media without transcoding.

The server never decodes video. Each participant's received track is tapped before
aiortc's decoder: whole encoded frames (VP8) or packets (Opus) go to a `Publication`,
which fans them out to sinks: a `ForwardedTrack` per subscriber (whose `recv()` returns
`av.Packet`s, so the subscriber's `RTCRtpSender` only packetises them), the recorder,
and the speech feed.

Keyframes: a subscriber that joins late, or a track after upstream loss, cannot decode
delta frames, so it waits for the next keyframe and the publication asks the publisher
for one (RTCP PLI). Requests from every subscriber are merged and paced: one PLI at most
every MIN_PLI_INTERVAL_S, deferred (never dropped) when asked too soon, and repeated
every PLI_RETRY_S until a keyframe arrives. Subscribers' own PLI/FIR (routed here from
their RTCRtpSender) take the same path. Subscribers' NACKs are answered by aiortc's
sender from its own packet history.

Timestamps: each publisher source's RTP timestamps are unwrapped with signed 32-bit
differences (aiortc's TimestampMapper takes any backwards step for a wrap, which once
produced a 47,734 s "duration"); reordered or repeated frames are dropped; a jump that
does not match the arrival times starts a new timeline section. The publication's output
timeline stays continuous across publisher reconnects, so subscribers see one stream.

aiortc hooks (aiortc is pinned to 1.16.0 in pyproject.toml for these; both are here):
1. `tap_receiver`: replaces the receiver's private jitter buffer
   (`RTCRtpReceiver._RTCRtpReceiver__jitter_buffer`) with a subclass that passes every
   assembled frame to the publication and returns nothing, so aiortc's decoder queue
   stays empty and its decoder thread idles. Audio packets skip the jitter buffer
   (one Opus packet is one frame) to save its prefetch latency; video frames completed
   together are all released at once (aiortc releases one per packet added, which
   leaves a lasting delay after a gap). The same hook paces the receiver's REMB
   feedback (`_pace_remb`).
2. `route_keyframe_requests`: `RTCRtpSender._send_keyframe` only sets a flag that
   `pack()` ignores; we override it per sender to ask the publisher instead.
3. `use_forwarding_send_loop`: replaces a subscriber sender's RTP loop
   (`RTCRtpSender._run_rtp`). Instead of a task per subscriber pulling packets from a
   queue, the publication's fan-out sends each frame to each subscriber at once: the
   RTP header is built once per frame and patched per packet, and the SRTP packets of
   a frame leave in one UDP GSO `sendmsg` call (Linux) instead of one `sendto` and four
   awaited coroutines each. Sending is the server's main cost (benchmarks/media.py).
   It keeps aiortc's packet history (NACKs are answered by aiortc's `_retransmit`) and
   the counters aiortc's RTCP sender reports. TURN-relayed pairs use aioice's send.
"""

from __future__ import annotations

import asyncio
import dataclasses
import fractions
import functools
import logging
import socket
import struct
import sys
import time
import weakref
from collections.abc import Callable
from typing import Any, Optional, Protocol

import aioice.ice
import av
from aiortc import RTCRtpReceiver, RTCRtpSender, clock
from aiortc.codecs.vpx import Vp8Encoder
from aiortc.jitterbuffer import JitterBuffer, JitterFrame
from aiortc.mediastreams import MediaStreamError, MediaStreamTrack
from aiortc.rtcdtlstransport import State as DtlsState
from aiortc.rtcrtpparameters import RTCRtpCodecCapability, RTCRtpCodecParameters
from aiortc.rtcrtpsender import random_sequence_number
from aiortc.rtp import RTCP_PSFB_APP, RTP_HISTORY_SIZE, RtcpPsfbPacket, RtpPacket, unpack_remb_fci
from aiortc.utils import random32

from courtroom.media.clock import HearingClock

logger = logging.getLogger(__name__)

VIDEO_CLOCK_RATE = 90000
AUDIO_CLOCK_RATE = 48000
MIN_PLI_INTERVAL_S = 0.5
PLI_RETRY_S = 1.0
# A timestamp jump this much larger than the arrival gap is a new timeline, not media.
DISCONTINUITY_S = 3.0
REMB_INTERVAL_S = 0.25
# Largest correction of the capture-time estimate per frame (s).
MAX_SLEW_S = 0.001
# Frames queued for one subscriber before it is considered stuck (video: ~2 s at 30 fps).
MAX_QUEUED = {"video": 60, "audio": 100}


def is_vp8_keyframe(frame: bytes) -> bool:
    """VP8 key frame: P bit clear in the frame tag and the start code 9d 01 2a (RFC 6386 9.1).

    The first byte alone is not enough: a damaged or partial frame can have the bit clear."""
    return len(frame) >= 10 and not frame[0] & 0x01 and frame[3:6] == b"\x9d\x01\x2a"


def codec_preferences(kind: str) -> list[RTCRtpCodecCapability]:
    """VP8 (with RTX for retransmissions) or Opus: the only codecs forwarded as-is."""
    wanted = ("video/vp8", "video/rtx") if kind == "video" else ("audio/opus",)
    codecs = RTCRtpSender.getCapabilities(kind).codecs
    return [c for name in wanted for c in codecs if c.mimeType.lower() == name]


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


@dataclasses.dataclass
class PublicationStats:
    frames: int = 0
    keyframes: int = 0
    bytes: int = 0
    dropped_reordered: int = 0
    dropped_waiting_keyframe: int = 0
    upstream_losses: int = 0
    discontinuities: int = 0
    plis_sent: int = 0
    keyframe_requests: int = 0
    sources: int = 0


class _Source:
    """One publisher peer connection's track feeding a publication."""

    def __init__(self, publication: "Publication", receiver: Optional[RTCRtpReceiver]) -> None:
        self.publication = publication
        self.receiver = receiver
        self.ssrc: Optional[int] = None
        self.active = True
        self._last_raw: Optional[int] = None
        self.last_unwrapped = 0
        self.last_ts: Optional[int] = None  # unwrapped
        self.last_arrival = 0.0

    def unwrap(self, raw: int) -> int:
        if self._last_raw is None:
            unwrapped = raw
        else:
            delta = (raw - self._last_raw) & 0xFFFFFFFF
            if delta >= 1 << 31:
                delta -= 1 << 32  # backwards step, not a wrap
            unwrapped = self.last_unwrapped + delta
        self._last_raw = raw
        self.last_unwrapped = unwrapped
        return unwrapped

    def on_frame(self, raw_timestamp: int, data: bytes) -> None:
        if self.active:
            self.publication._on_frame(self, raw_timestamp, data)

    def on_loss(self) -> None:
        if self.active:
            self.publication._on_upstream_loss(self)

    def send_pli(self) -> bool:
        if not (self.active and self.receiver is not None and self.ssrc is not None):
            return False
        asyncio.ensure_future(self.receiver._send_rtcp_pli(self.ssrc))
        return True


class _TapJitterBuffer(JitterBuffer):
    """aiortc hook 1 (see the module docstring): frames go to the publication, never to
    aiortc's decoder. The receiver's own PLI (pli_flag) is replaced by the publication's
    paced request."""

    def __init__(self, original: JitterBuffer, source: _Source) -> None:
        super().__init__(capacity=original._capacity, prefetch=original._prefetch, is_video=original._is_video)
        self._source = source

    def add(self, packet: RtpPacket) -> tuple[bool, Optional[JitterFrame]]:
        source = self._source
        source.ssrc = packet.ssrc
        if not self._is_video:
            # One Opus packet is one frame: deliver at once (late ones are dropped downstream).
            if packet._data:  # type: ignore[attr-defined]
                source.on_frame(packet.timestamp, packet._data)  # type: ignore[attr-defined]
            return False, None
        pli_flag, frame = super().add(packet)
        if pli_flag:
            source.on_loss()
        # aiortc releases at most one frame per packet added, so frames completed together
        # (after a retransmission filled a gap, or an overflow) would wait for later packets
        # and the delay would never shrink for one-packet frames: release all complete ones.
        while frame is not None:
            source.on_frame(frame.timestamp, frame.data)
            frame = self._remove_frame(packet.sequence_number)
        return False, None


def tap_receiver(receiver: RTCRtpReceiver, source: _Source) -> None:
    attribute = "_RTCRtpReceiver__jitter_buffer"
    original = getattr(receiver, attribute, None)
    if not isinstance(original, JitterBuffer):
        raise RuntimeError("aiortc internals changed: RTCRtpReceiver has no jitter buffer to tap (pin aiortc==1.16.0)")
    setattr(receiver, attribute, _TapJitterBuffer(original, source))
    _pace_remb(receiver)


def _pace_remb(receiver: RTCRtpReceiver) -> None:
    """Part of hook 1: aiortc sends a REMB (receiver bandwidth estimate) with every packet
    while its detector reads "overuse" (measured: one per three video packets under load).
    Like libwebrtc, send one at most every REMB_INTERVAL_S, or at once when the estimate
    drops by more than 3%."""
    original = receiver._send_rtcp
    last = {"at": -1e9, "bitrate": 0}

    async def send_rtcp(packet: Any) -> None:
        if isinstance(packet, RtcpPsfbPacket) and packet.fmt == RTCP_PSFB_APP:
            try:
                bitrate = unpack_remb_fci(packet.fci)[0]
            except ValueError:
                return
            now = time.monotonic()
            if now - last["at"] < REMB_INTERVAL_S and bitrate >= 0.97 * last["bitrate"]:
                return
            last["at"], last["bitrate"] = now, bitrate
        await original(packet)

    receiver._send_rtcp = send_rtcp  # type: ignore[method-assign]


def route_keyframe_requests(sender: RTCRtpSender, request: Callable[[], None]) -> None:
    """aiortc hook 2 (see the module docstring): a subscriber's PLI/FIR reaches the publisher."""
    if not callable(getattr(sender, "_send_keyframe", None)):
        raise RuntimeError("aiortc internals changed: RTCRtpSender._send_keyframe is gone (pin aiortc==1.16.0)")
    sender._send_keyframe = request  # type: ignore[method-assign]


_UDP_SEGMENT = 103  # linux/udp.h: send several equal-size datagrams in one call
_GSO_MAX_SEGMENTS = 64
_GSO_MAX_BYTES = 65000
_gso_enabled = sys.platform.startswith("linux")
_protectors: "weakref.WeakKeyDictionary[Any, Callable[[bytes], bytes]]" = weakref.WeakKeyDictionary()


def use_forwarding_send_loop(sender: RTCRtpSender) -> None:
    """aiortc hook 3 (see the module docstring), for senders whose track is a ForwardedTrack."""
    for name in ("rtp_started", "rtp_exited", "rtp_history", "rtp_header_extensions_map", "mid", "track"):
        if not hasattr(sender, "_RTCRtpSender__" + name):
            raise RuntimeError(f"aiortc internals changed: RTCRtpSender has no __{name} (pin aiortc==1.16.0)")
    sender._run_rtp = functools.partial(_forwarding_run_rtp, sender)  # type: ignore[method-assign]


async def _forwarding_run_rtp(sender: RTCRtpSender, codec: RTCRtpCodecParameters) -> None:
    """Replaces RTCRtpSender._run_rtp: instead of pulling packets from its track in a loop,
    the sender registers with its ForwardedTrack, which then sends each frame at once
    (synchronously, from the publication's fan-out) until the track ends."""
    private = "_RTCRtpSender__"
    getattr(sender, private + "rtp_started").set()
    track = getattr(sender, private + "track")
    try:
        if isinstance(track, ForwardedTrack):
            await track._serve(_FrameSender(sender, codec))
    except (asyncio.CancelledError, ConnectionError, MediaStreamError):
        pass
    except Exception:
        # like aiortc: log, and fall through so that RTCRtpSender.stop() does not hang
        logger.exception("forwarding RTP sender failed")
    track = getattr(sender, private + "track")
    if track is not None:
        track.stop()
        setattr(sender, private + "track", None)
    getattr(sender, private + "rtp_exited").set()


class _FrameSender:
    """Sends one subscriber's frames as RTP, the way aiortc 1.16.0's RTCRtpSender does
    (same header and extensions, NACKs answered by aiortc's `_retransmit`, counters for
    its RTCP sender reports), with less work per packet: the header is a template
    patched in place, packets are kept as bytes and parsed back only when NACKed, and
    the VP8 payloads of a frame are made once for all subscribers."""

    _private = "_RTCRtpSender__"

    def __init__(self, sender: RTCRtpSender, codec: RTCRtpCodecParameters) -> None:
        self.sender = sender
        self.payload_type = codec.payloadType
        self.extensions_map = getattr(sender, self._private + "rtp_header_extensions_map")
        self.mid = getattr(sender, self._private + "mid")
        self.sequence_number = random_sequence_number()
        self.timestamp_origin = random32()
        self.packets = 0
        self.octets = 0
        # header template: a serialized packet with empty payload; where abs-send-time sits
        probe = RtpPacket(payload_type=self.payload_type, sequence_number=0, timestamp=0, ssrc=sender._ssrc)
        probe.extensions.mid = self.mid
        probe.extensions.abs_send_time = 0
        self.header = bytearray(probe.serialize(self.extensions_map))
        probe.extensions.abs_send_time = 0xFFFFFF
        changed = [i for i, (a, b) in enumerate(zip(self.header, probe.serialize(self.extensions_map))) if a != b]
        self.abs_send_time_at = changed[0] if len(changed) == 3 and changed[2] - changed[0] == 2 else None
        # packet history as bytes; aiortc's history gets a parsed packet when one is NACKed
        self.raw_history: list[Optional[bytes]] = [None] * RTP_HISTORY_SIZE
        aiortc_history: dict[int, RtpPacket] = getattr(sender, self._private + "rtp_history")
        aiortc_retransmit = sender._retransmit

        async def retransmit(sequence_number: int) -> None:
            raw = self.raw_history[sequence_number % RTP_HISTORY_SIZE]
            if raw is not None:
                aiortc_history[sequence_number % RTP_HISTORY_SIZE] = RtpPacket.parse(raw, self.extensions_map)
            await aiortc_retransmit(sequence_number)

        sender._retransmit = retransmit  # type: ignore[method-assign]

    def send(self, frame: "EncodedFrame") -> None:
        sender = self.sender
        if not sender._enabled:
            return
        payloads = frame.rtp_payloads()
        timestamp = (self.timestamp_origin + frame.timestamp) & 0xFFFFFFFF
        header = self.header
        struct.pack_into("!I", header, 4, timestamp)
        if self.abs_send_time_at is not None:
            at = self.abs_send_time_at
            header[at : at + 3] = ((clock.current_ntp_time() >> 14) & 0x00FFFFFF).to_bytes(3, "big")
        last = len(payloads) - 1
        datagrams = []
        octets = 0
        seq = self.sequence_number
        history = self.raw_history
        pt = self.payload_type
        for i, payload in enumerate(payloads):
            struct.pack_into("!BH", header, 1, pt | 0x80 if i == last else pt, seq)
            raw = bytes(header) + payload
            history[seq % RTP_HISTORY_SIZE] = raw
            datagrams.append(raw)
            octets += len(payload)
            seq = (seq + 1) & 0xFFFF
        self.sequence_number = seq
        _send_rtp_datagrams(sender.transport, datagrams)
        # what aiortc's RTCP sender reports (sender reports: A/V sync, RTT)
        p = self._private
        self.packets += len(datagrams)
        self.octets += octets
        setattr(sender, p + "ntp_timestamp", clock.current_ntp_time())
        setattr(sender, p + "rtp_timestamp", timestamp)
        setattr(sender, p + "octet_count", self.octets)
        setattr(sender, p + "packet_count", self.packets)


def _srtp_protector(session: Any) -> Callable[[bytes], bytes]:
    """pylibsrtp's Session.protect without its per-call allocation (a few us a packet);
    falls back to Session.protect if pylibsrtp's internals differ."""
    try:
        from pylibsrtp._binding import ffi, lib

        srtp, cdata, buffer = session._srtp, session._cdata, session._buffer
        length = ffi.new("int *")
        capacity = len(cdata) - 144  # pylibsrtp's SRTP_MAX_TRAILER_LEN
        protect = lib.srtp_protect
    except (ImportError, AttributeError, TypeError):
        return session.protect

    def fast_protect(packet: bytes) -> bytes:
        n = len(packet)
        if n > capacity:
            raise ValueError("packet is too long")
        buffer[0:n] = packet
        length[0] = n
        if protect(srtp[0], cdata, length) != 0:
            return session.protect(packet)  # let pylibsrtp raise its own error
        return buffer[0 : length[0]]

    return fast_protect


def _send_rtp_datagrams(dtls: Any, datagrams: list[bytes]) -> None:
    """SRTP-protect and send one frame's RTP packets, in one GSO call where possible."""
    global _gso_enabled
    if dtls._state != DtlsState.CONNECTED:
        raise ConnectionError("Cannot send encrypted RTP, not connected")
    session = dtls._tx_srtp
    protect = _protectors.get(session)
    if protect is None:
        protect = _protectors[session] = _srtp_protector(session)
    protected = [protect(d) for d in datagrams]
    connection = dtls.transport._connection  # aioice.Connection
    pair = connection._nominated.get(1)
    if pair is None:
        raise ConnectionError("Cannot send data, not connected")
    protocol = pair.protocol
    if type(protocol) is not aioice.ice.StunProtocol:  # e.g. TURN: aioice wraps the data
        for d in protected:  # tasks start in creation order: the packets stay in order
            asyncio.ensure_future(connection.sendto(d, 1))
        return
    transport = protocol.transport
    addr = pair.remote_addr
    sock = getattr(transport, "_sock", None)
    sent = 0
    if sock is not None and transport.get_write_buffer_size() == 0:
        # Straight to the socket (asyncio's sendto adds checks and a call per packet);
        # whatever the socket cannot take now goes to asyncio, which buffers it.
        size = len(protected[0])
        gso = (
            _gso_enabled
            and len(protected) > 1
            and all(len(d) == size for d in protected[:-1])
            and len(protected[-1]) <= size
        )
        step = max(1, min(_GSO_MAX_SEGMENTS, _GSO_MAX_BYTES // size)) if gso else 1
        try:
            while sent < len(protected):
                chunk = protected[sent : sent + step]
                if len(chunk) == 1:
                    sock.sendto(chunk[0], addr)
                else:
                    try:
                        sock.sendmsg([b"".join(chunk)], [(socket.SOL_UDP, _UDP_SEGMENT, struct.pack("=H", size))], 0, addr)
                    except BlockingIOError:
                        raise
                    except OSError as exc:
                        # the kernel or the route does not do UDP segmentation: never try again
                        logger.info("UDP GSO unavailable (%s): sending packet by packet", exc)
                        _gso_enabled = False
                        break
                sent += len(chunk)
        except OSError:
            pass  # EAGAIN and the like: asyncio takes the rest below
    for d in protected[sent:]:
        transport.sendto(d, addr)
    private = "_RTCDtlsTransport__"
    setattr(dtls, private + "tx_packets", getattr(dtls, private + "tx_packets") + len(protected))
    setattr(dtls, private + "tx_bytes", getattr(dtls, private + "tx_bytes") + sum(map(len, protected)))


class Publication:
    """One participant's one track (audio or video), fanned out to sinks as encoded frames.

    It outlives the publisher's peer connection: a reconnect binds a new source and the
    subscribers keep their tracks."""

    def __init__(self, participant_id: str, kind: str, hearing_clock: HearingClock) -> None:
        if kind not in ("audio", "video"):
            raise ValueError(f"unknown media kind {kind!r}")
        self.participant_id = participant_id
        self.kind = kind
        self.codec = "VP8" if kind == "video" else "opus"
        self.clock_rate = VIDEO_CLOCK_RATE if kind == "video" else AUDIO_CLOCK_RATE
        self.time_base = fractions.Fraction(1, self.clock_rate)
        self.clock = hearing_clock
        self.muted = False
        self.ended = False
        self.stats = PublicationStats()
        # Ask for a keyframe when none came for this long (recordings need seek points).
        self.keyframe_interval_s: Optional[float] = None
        self._sinks: list[FrameSink] = []
        self._source: Optional[_Source] = None
        self._source_listeners: list[Callable[["Publication", bool], None]] = []
        # output timeline
        self._offset: Optional[int] = None
        self._last_out: Optional[int] = None
        self._last_out_arrival = 0.0
        # capture-time estimate: hearing time = anchor_hearing + (ts - anchor_ts) / rate
        self._anchor_ts = 0
        self._anchor_hearing = 0.0
        # keyframes
        self._need_keyframe = kind == "video"
        self._keyframe_wanted_at: Optional[float] = None
        self._last_pli_at = -1e9
        self._last_keyframe_at: Optional[float] = None
        self._pli_timer: Optional[asyncio.TimerHandle] = None
        self._pli_due = 0.0
        self._picture_id = random32() & 0x7FFF

    def __repr__(self) -> str:
        return f"Publication({self.participant_id!r}, {self.kind!r}, sinks={len(self._sinks)})"

    # --- sinks -----------------------------------------------------------------------------

    def attach(self, sink: FrameSink) -> None:
        if sink not in self._sinks:
            self._sinks.append(sink)

    def detach(self, sink: FrameSink) -> None:
        if sink in self._sinks:
            self._sinks.remove(sink)

    @property
    def sinks(self) -> tuple[FrameSink, ...]:
        return tuple(self._sinks)

    def on_source(self, callback: Callable[["Publication", bool], None]) -> None:
        """callback(publication, bound) when a publisher source is bound (True) or unbound (False)."""
        self._source_listeners.append(callback)

    # --- sources ---------------------------------------------------------------------------

    @property
    def live(self) -> bool:
        return self._source is not None

    def bind(self, receiver: Optional[RTCRtpReceiver]) -> _Source:
        """Feed this publication from a (new) receiver; the previous source is dropped."""
        self.unbind()
        source = _Source(self, receiver)
        if receiver is not None:
            tap_receiver(receiver, source)
        self._source = source
        self.stats.sources += 1
        for callback in list(self._source_listeners):
            callback(self, True)
        if self.kind == "video":
            # A new source normally starts with a keyframe; ask anyway, in case it does not.
            self._need_keyframe = True
            self.request_keyframe()
        return source

    def unbind(self) -> None:
        if self._source is None:
            return
        self._source.active = False
        self._source = None
        for callback in list(self._source_listeners):
            callback(self, False)

    def end(self) -> None:
        """The publisher is gone for good: sinks are told, no more frames."""
        self.unbind()
        self.ended = True
        if self._pli_timer:
            self._pli_timer.cancel()
            self._pli_timer = None
        for sink in list(self._sinks):
            stop = getattr(sink, "publication_ended", None)
            if stop:
                stop()
        self._sinks.clear()

    # --- frames ----------------------------------------------------------------------------

    def hearing_time_of(self, timestamp: int) -> float:
        return self._anchor_hearing + (timestamp - self._anchor_ts) / self.clock_rate

    def _on_frame(self, source: _Source, raw_timestamp: int, data: bytes) -> None:
        if source is not self._source or self.ended:
            return
        arrival = time.monotonic()
        ts = source.unwrap(raw_timestamp)
        rate = self.clock_rate
        new_section = False
        if source.last_ts is None:
            new_section = True
        else:
            step = ts - source.last_ts
            if step <= 0:
                if step < -rate:  # more than a second backwards: the sender restarted its clock
                    new_section = True
                else:
                    self.stats.dropped_reordered += 1
                    return
            elif step / rate - (arrival - source.last_arrival) > DISCONTINUITY_S:
                new_section = True
        if new_section:
            if source.last_ts is not None:
                self.stats.discontinuities += 1
                if self.kind == "video":
                    self._need_keyframe = True
            if self._last_out is None:
                out = 0
            else:
                gap = max(1, round((arrival - self._last_out_arrival) * rate))
                out = self._last_out + gap
            self._offset = out - ts
            self._anchor_ts = out
            self._anchor_hearing = self.clock.at_monotonic(arrival)
        source.last_ts = ts
        source.last_arrival = arrival
        out = ts + self._offset
        self._last_out = out
        self._last_out_arrival = arrival

        # Capture-time estimate: a frame cannot be captured after it arrived, so when one
        # arrives "early" the first frame's delay was overestimated (or the clocks drift);
        # slew towards it a little per frame, keeping consecutive times ts-consistent.
        hearing = self.hearing_time_of(out)
        early = hearing - self.clock.at_monotonic(arrival)
        if early > 0:
            slew = min(early, MAX_SLEW_S)
            self._anchor_hearing -= slew
            hearing -= slew

        keyframe = True
        if self.kind == "video":
            keyframe = is_vp8_keyframe(data)
            if keyframe:
                self.stats.keyframes += 1
                self._need_keyframe = False
                self._last_keyframe_at = arrival
                self._keyframe_wanted_at = None
                if self._pli_timer:
                    self._pli_timer.cancel()
                    self._pli_timer = None
            elif self._need_keyframe:
                self.stats.dropped_waiting_keyframe += 1
                self.request_keyframe()
                return
            elif (
                self.keyframe_interval_s
                and self._last_keyframe_at is not None
                and arrival - self._last_keyframe_at > self.keyframe_interval_s
            ):
                self.request_keyframe()

        self.stats.frames += 1
        self.stats.bytes += len(data)
        self._picture_id = (self._picture_id + 1) & 0x7FFF
        frame = EncodedFrame(
            data=data, timestamp=out, keyframe=keyframe, hearing_time=hearing, clock_rate=rate,
            time_base=self.time_base, picture_id=self._picture_id,
        )
        muted = self.muted
        for sink in self._sinks:
            if muted and sink.respects_mute:
                continue
            try:
                sink.deliver(frame)
            except Exception:  # one broken sink must not stop the others
                logger.exception("frame sink %r failed", sink)

    def _on_upstream_loss(self, source: _Source) -> None:
        if source is not self._source or self.kind != "video":
            return
        # Frames were lost before the jitter buffer could assemble them: what follows
        # references missing data, so everyone waits for the next keyframe.
        self.stats.upstream_losses += 1
        self._need_keyframe = True
        self.request_keyframe()

    # --- keyframe requests -----------------------------------------------------------------

    def request_keyframe(self) -> None:
        """Ask the publisher for a keyframe: merged with pending requests, paced, retried."""
        if self.kind != "video" or self.ended:
            return
        self.stats.keyframe_requests += 1
        now = time.monotonic()
        if self._keyframe_wanted_at is None:
            self._keyframe_wanted_at = now
        due = max(now, self._last_pli_at + MIN_PLI_INTERVAL_S)
        if self._pli_timer is not None:
            if self._pli_due <= due:
                return  # merged with the pending request
            self._pli_timer.cancel()  # a retry was pending later than the pacing allows
        self._pli_due = due
        self._pli_timer = asyncio.get_running_loop().call_later(due - now, self._send_pli)

    def _send_pli(self) -> None:
        self._pli_timer = None
        if self._keyframe_wanted_at is None or self.ended or self._source is None:
            return  # satisfied, or nobody to ask (a new source starts with a keyframe)
        if self._source.send_pli():
            self.stats.plis_sent += 1
            self._last_pli_at = time.monotonic()
        self._pli_due = time.monotonic() + PLI_RETRY_S
        self._pli_timer = asyncio.get_running_loop().call_later(PLI_RETRY_S, self._send_pli)


class ForwardedTrack(MediaStreamTrack):
    """A subscriber's copy of a publication.

    With aiortc hook 3 installed on its sender (what MediaRoom does), each frame is sent
    as RTP straight from the publication's fan-out. Without it, `recv()` returns encoded
    `av.Packet`s for aiortc's own send loop (which then only packetises them). Either
    way it joins the fan-out once its sender starts (the subscriber's connection is up)
    and starts with a keyframe."""

    respects_mute = True

    def __init__(self, publication: Publication) -> None:
        super().__init__()
        self.kind = publication.kind
        self.publication = publication
        self._queue: asyncio.Queue[Optional[av.Packet]] = asyncio.Queue()
        self._attached = False
        self._need_keyframe = publication.kind == "video"
        self._max_queued = MAX_QUEUED[publication.kind]
        self._direct: Optional[_FrameSender] = None
        self._ended: Optional[asyncio.Future] = None
        self.frames_forwarded = 0
        self.overflows = 0
        self.send_errors = 0

    def deliver(self, frame: EncodedFrame) -> None:
        if self._need_keyframe:
            if not frame.keyframe:
                return
            self._need_keyframe = False
        if self._direct is not None:
            try:
                self._direct.send(frame)
            except ConnectionError:
                self.send_errors += 1  # not (or no longer) connected: nothing to send to
                return
            self.frames_forwarded += 1
            return
        if self._queue.qsize() >= self._max_queued:
            # The subscriber's sender is stuck: drop the backlog rather than grow it.
            self.overflows += 1
            while not self._queue.empty():
                self._queue.get_nowait()
            if self.kind == "video" and not frame.keyframe:
                self._need_keyframe = True
                self.publication.request_keyframe()
                return
        self._queue.put_nowait(frame.packet())
        self.frames_forwarded += 1

    def publication_ended(self) -> None:
        self._queue.put_nowait(None)
        if self._ended is not None and not self._ended.done():
            self._ended.set_result(None)

    def request_keyframe(self) -> None:
        self.publication.request_keyframe()

    def _join(self) -> None:
        if not self._attached:
            self._attached = True
            if self.publication.ended:
                self.stop()
                raise MediaStreamError
            self.publication.attach(self)
            if self.kind == "video":
                self.publication.request_keyframe()

    async def _serve(self, frame_sender: _FrameSender) -> None:
        """Send every frame through `frame_sender` until the track or publication ends."""
        if self.readyState != "live":
            raise MediaStreamError
        self._ended = asyncio.get_running_loop().create_future()
        self._direct = frame_sender
        self._join()
        try:
            await self._ended
        finally:
            self._direct = None

    async def recv(self) -> av.Packet:  # type: ignore[override]
        if self.readyState != "live":
            raise MediaStreamError
        self._join()
        packet = await self._queue.get()
        if packet is None:
            self.stop()
            raise MediaStreamError
        return packet

    def stop(self) -> None:
        if self.readyState == "live":
            self.publication.detach(self)
            self._queue.put_nowait(None)
            if self._ended is not None and not self._ended.done():
                self._ended.set_result(None)
        super().stop()
