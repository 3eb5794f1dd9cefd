"""aiortc's private internals, hooked in one place (aiortc is pinned to 1.16.0 for these).

1. `tap_receiver`: replaces the receiver's private jitter buffer
   (`RTCRtpReceiver._RTCRtpReceiver__jitter_buffer`) with a subclass that passes every
   assembled frame to a `FrameTap` and returns nothing, so aiortc's decoder queue stays
   empty and its decoder thread idles. Audio packets skip the jitter buffer (one Opus
   packet is one frame) to save its prefetch latency; video frames completed together
   are all released at once, each as soon as its last packet is in. A lost packet does not
   hold everything back until 128 packets later (aiortc's rule): a whole keyframe after the
   gap is released at once, and a gap held GAP_GIVE_UP_S asks for a keyframe. The same hook
   paces the receiver's REMB feedback and limits its NACKs.
2. `route_keyframe_requests`: `RTCRtpSender._send_keyframe` only sets a flag that
   `pack()` ignores; we override it per sender to ask the publisher instead.
3. `use_forwarding_send_loop`: replaces a subscriber sender's RTP loop
   (`RTCRtpSender._run_rtp`): the track's fan-out sends each frame at once through a
   `FrameSender` (header built once per frame, SRTP packets of a frame in one UDP GSO
   `sendmsg`), keeping aiortc's packet history (NACKs answered by `_retransmit`) and the
   counters its RTCP sender reports. TURN-relayed pairs use aioice's send.

The fan-out itself (courtroom.media.forwarding) calls these and nothing private."""

from __future__ import annotations

import asyncio
import functools
import logging
import socket
import struct
import sys
import time
import weakref
from collections.abc import Callable
from typing import Any, Optional, Protocol, runtime_checkable

import aioice.ice
from aiortc import RTCRtpReceiver, RTCRtpSender, clock
from aiortc.jitterbuffer import JitterBuffer, JitterFrame
from aiortc.mediastreams import MediaStreamError
from aiortc.rtcdtlstransport import State as DtlsState
from aiortc.rtcrtpparameters import RTCRtpCodecParameters
from aiortc.rtcrtpsender import random_sequence_number
from aiortc.rtp import (
    RTCP_PSFB_APP,
    RTCP_RTPFB_NACK,
    RTP_HISTORY_SIZE,
    RtcpPsfbPacket,
    RtcpRrPacket,
    RtcpRtpfbPacket,
    RtcpSrPacket,
    RtpPacket,
    unpack_remb_fci,
)
from aiortc.utils import random32, uint16_add

from courtroom.media.frames import EncodedFrame, is_vp8_keyframe
from courtroom.media.vp8 import parse_descriptor, rewrite_picture_id

logger = logging.getLogger(__name__)

REMB_INTERVAL_S = 0.25
# A missing video packet holding frames back this long is given up and a keyframe asked
# for (the frames are held meanwhile, so a late resend still fills the gap): its NACKs
# (NACK_MAX_TRIES, NACK_REPEAT_S apart) have had their chance on a path of up to ~0.4 s RTT,
# and a paced keyframe on a 1 Mbit/s link (~0.3 s) is not taken for a gap.
GAP_GIVE_UP_S = 0.7


class FrameTap(Protocol):
    """Where a tapped receiver's frames go (a publication's source)."""

    ssrc: Optional[int]

    def on_frame(self, raw_timestamp: int, data: bytes) -> None: ...

    def on_loss(self) -> None: ...


@runtime_checkable
class FrameServedTrack(Protocol):
    """A track that pushes its frames to a `FrameSender` instead of being pulled."""

    async def serve_frames(self, frame_sender: FrameSender) -> None: ...

    def stop(self) -> None: ...


class _TapJitterBuffer(JitterBuffer):
    """aiortc hook 1 (see the module docstring): frames go to the publication, never to
    aiortc's decoder. The receiver's own PLI (pli_flag) is replaced by the publication's
    paced request."""

    def __init__(self, original: JitterBuffer, source: FrameTap) -> None:
        super().__init__(capacity=original._capacity, prefetch=original._prefetch, is_video=original._is_video)
        self._source = source
        self._blocked_since: Optional[float] = None  # since when frames are held back (none released)
        self._newest: Optional[int] = None  # highest sequence number seen
        self._gave_up = False

    def add(self, packet: RtpPacket) -> tuple[bool, Optional[JitterFrame]]:
        source = self._source
        source.ssrc = packet.ssrc
        if not self._is_video:
            # One Opus packet is one frame: deliver at once (late ones are dropped downstream).
            if packet._data:  # type: ignore[attr-defined]
                source.on_frame(packet.timestamp, packet._data)  # type: ignore[attr-defined]
            return False, None
        payload = packet.payload
        if payload and payload[0] & 0x10 and not payload[0] & 0x07:  # S and partition 0: a frame starts
            descriptor = parse_descriptor(payload)
            tids = getattr(source, "tids", None)
            if descriptor is not None and descriptor.tid is not None and tids is not None:
                tids[packet.timestamp] = descriptor.tid
                if len(tids) > 64:
                    del tids[next(iter(tids))]
        pli_flag, frame = super().add(packet)
        if pli_flag:
            source.on_loss()
        # aiortc releases at most one frame per packet added, so frames completed together
        # (after a retransmission filled a gap, or an overflow) would wait for later packets
        # and the delay would never shrink for one-packet frames: release all complete ones.
        while frame is not None:
            source.on_frame(frame.timestamp, frame.data)
            frame = self._remove_frame(packet.sequence_number)
        self._after_gap(packet)
        return False, None

    def _after_gap(self, packet: RtpPacket) -> None:
        """A packet that will not come (lost, its resend refused) blocks aiortc's strictly
        sequential buffer until 128 packets later: 1-2 s at full rate, 5-10 s for a stream
        cut to a low layer (measured: the speaker frozen 16.8 s, the others 40 s on a 2 Mbit/s
        link). Do what a browser's packet buffer does instead: a complete keyframe after the
        gap is released at once (what came before it is not needed), and a gap older than
        GAP_GIVE_UP_S is given up: a keyframe is asked for (once per gap)."""
        released = False
        while (whole := self._whole_frame_at_origin()) is not None:
            # its last packet (marker) is in: release it now, not when the next frame's
            # first packet comes (aiortc's rule), which may be the lost one
            self.remove(len(whole))
            self._source.on_frame(whole[0].timestamp, b"".join(p._data for p in whole))  # type: ignore[attr-defined]
            released = True
        origin = self._origin
        newest = self._newest is None or uint16_add(packet.sequence_number, -self._newest) < 0x8000
        if newest:
            self._newest = packet.sequence_number
        if origin is None or released or self._packets[packet.sequence_number % self._capacity] is not packet:
            self._blocked_since = None  # frames flow (or this packet was not kept)
            return
        # held back: behind a missing packet, or its frame is not whole yet
        now = time.monotonic()
        if self._blocked_since is None:
            self._blocked_since, self._gave_up = now, False
        # a keyframe is whole when its last packet (marker) or a missing one (a resend) comes
        keyframe = self._complete_keyframe(packet.timestamp) if packet.marker or not newest else None
        if keyframe is not None:
            self.remove(uint16_add(keyframe[0].sequence_number, -origin) + len(keyframe))
            self._blocked_since = None
            self._source.on_frame(packet.timestamp, b"".join(p._data for p in keyframe))  # type: ignore[attr-defined]
            frame = self._remove_frame(packet.sequence_number)
            while frame is not None:
                self._source.on_frame(frame.timestamp, frame.data)
                frame = self._remove_frame(packet.sequence_number)
            return
        if not self._gave_up and now - self._blocked_since > GAP_GIVE_UP_S:
            # a keyframe is asked for, but what is held stays: if the resend still comes, the
            # frames go on (measured: treating this as a loss cost 4% of a 500 kbit/s uplink's frames)
            self._gave_up = True
            stalled = getattr(self._source, "on_stall", None)
            (stalled or self._source.on_loss)()

    def _whole_frame_at_origin(self) -> Optional[list[RtpPacket]]:
        origin = self._origin
        if origin is None:
            return None
        members: list[RtpPacket] = []
        for count in range(self._capacity):
            packet = self._packets[(origin + count) % self._capacity]
            if packet is None or (members and packet.timestamp != members[0].timestamp):
                return None
            members.append(packet)
            if packet.marker:
                return members
        return None

    def _complete_keyframe(self, timestamp: int) -> Optional[list[RtpPacket]]:
        """The packets of the frame at `timestamp`, if it is a whole VP8 keyframe."""
        origin = self._origin or 0
        members = sorted((p for p in self._packets if p is not None and p.timestamp == timestamp),
                         key=lambda p: uint16_add(p.sequence_number, -origin))
        if not members or not members[-1].marker:
            return None
        first = members[0]
        if not (first.payload and first.payload[0] & 0x10 and not first.payload[0] & 0x07):
            return None  # its first packet is missing
        if any(uint16_add(a.sequence_number, 1) != b.sequence_number for a, b in zip(members, members[1:])):
            return None
        return members if is_vp8_keyframe(first._data) else None  # type: ignore[attr-defined]


def tap_receiver(receiver: RTCRtpReceiver, source: FrameTap) -> None:
    attribute = "_RTCRtpReceiver__jitter_buffer"
    original = getattr(receiver, attribute, None)
    if not isinstance(original, JitterBuffer):
        raise RuntimeError("aiortc internals changed: RTCRtpReceiver has no jitter buffer to tap (pin aiortc==1.16.0)")
    setattr(receiver, attribute, _TapJitterBuffer(original, source))
    _pace_remb(receiver)
    _limit_nacks(receiver, getattr(source, "on_nacks", None))


NACK_MAX_AGE_S = 1.0  # a packet missing longer than this is not asked for any more
NACK_REPEAT_S = 0.1  # the same packet asked for again at most this often...
NACK_MAX_TRIES = 3  # ...and this many times
NACK_MAX_PER_S = 200  # sequence numbers asked for per second, per publisher track


def _limit_nacks(receiver: RTCRtpReceiver, on_sent: Optional[Callable[[int], None]] = None) -> None:
    """Part of hook 1: aiortc NACKs every missing packet it still tracks (up to 128) each
    time a new one goes missing, without end; a congested publisher then gets more NACKs
    than media (86-88k in 45 s in issue 12). Ask for each packet a few times, while it is
    young, within a rate budget."""
    original = receiver._send_rtcp_nack
    asked: dict[int, list[float]] = {}  # seq -> [first seen, last asked, tries]
    budget = {"tokens": float(NACK_MAX_PER_S) / 4, "at": time.monotonic()}

    async def send_rtcp_nack(media_ssrc: int, lost: list[int]) -> None:
        now = time.monotonic()
        budget["tokens"] = min(NACK_MAX_PER_S / 4, budget["tokens"] + (now - budget["at"]) * NACK_MAX_PER_S)
        budget["at"] = now
        wanted = []
        for seq in lost:
            entry = asked.get(seq)
            if entry is None:
                entry = asked[seq] = [now, -1e9, 0]
            if now - entry[0] > NACK_MAX_AGE_S or entry[2] >= NACK_MAX_TRIES or now - entry[1] < NACK_REPEAT_S:
                continue
            if budget["tokens"] < 1:
                break
            budget["tokens"] -= 1
            entry[1], entry[2] = now, entry[2] + 1
            wanted.append(seq)
        current = set(lost)
        for seq in [q for q in asked if q not in current]:
            del asked[seq]
        if wanted:
            if on_sent is not None:
                on_sent(len(wanted))  # for /metrics
            await original(media_ssrc, wanted)

    receiver._send_rtcp_nack = send_rtcp_nack  # type: ignore[method-assign]


class SenderFeedback(Protocol):
    """Where a forwarding sender's RTCP feedback goes (a SubscriberLink)."""

    def on_remb(self, connection: object, bps: float) -> None: ...

    def on_report(self, fraction_lost: float, rtt_s: Optional[float], kind: str = "",
                  packets: Optional[tuple[int, int]] = None) -> None: ...

    def allow_resend(self, size: int, age_s: float) -> bool: ...

    def send_audio(self, size: int, send: Callable[[], None]) -> None: ...

    def audio_copy_delay(self, publisher_id: Optional[str] = None) -> Optional[float]: ...

    def send_video(self, datagrams: list[bytes], send: Callable[[list[bytes]], object], dropped: Callable[[], None],
                   publisher_id: Optional[str] = None) -> None: ...


def watch_sender_feedback(sender: RTCRtpSender, feedback: SenderFeedback, connection: object) -> None:
    """aiortc hook 4: a subscriber's receiver reports and REMB feed its bandwidth
    estimate, and its NACKs are answered only within its resend budget (aiortc answers
    every NACK, every time)."""
    original = sender._handle_rtcp_packet
    private = "_RTCRtpSender__"
    previous: dict[str, Optional[int]] = {"highest": None, "lost": None}

    async def handle_rtcp_packet(packet: Any) -> None:
        if isinstance(packet, RtcpRtpfbPacket) and packet.fmt == RTCP_RTPFB_NACK:
            frame_sender = getattr(sender, "_courtroom_frame_sender", None)
            if hasattr(sender.track, "nacks_received"):
                sender.track.nacks_received += len(packet.lost)  # for /metrics
            for seq in packet.lost:
                if frame_sender is None or frame_sender.may_resend(seq, feedback):
                    await sender._retransmit(seq)
            return
        if isinstance(packet, RtcpPsfbPacket) and packet.fmt == RTCP_PSFB_APP:
            try:
                bitrate, _ = unpack_remb_fci(packet.fci)
            except ValueError:
                return
            feedback.on_remb(connection, bitrate)
            return
        rtts: dict[int, float] = {}
        if isinstance(packet, (RtcpRrPacket, RtcpSrPacket)):
            # the raw round trip of this report (aiortc keeps only a slowly smoothed one,
            # which lags a draining queue by many seconds): only for a report that answers
            # the sender's last sender report
            lsr, lsr_time = getattr(sender, private + "lsr", None), getattr(sender, private + "lsr_time", None)
            for report in packet.reports:
                if (report.ssrc == sender._ssrc and lsr is not None and lsr_time is not None and lsr == report.lsr
                        and report.dlsr):
                    rtts[id(report)] = time.time() - lsr_time - report.dlsr / 65536
        await original(packet)
        if isinstance(packet, (RtcpRrPacket, RtcpSrPacket)):
            for report in packet.reports:
                if report.ssrc == sender._ssrc:
                    # packets expected and lost since this stream's previous report
                    counts = None
                    last_highest, last_lost = previous["highest"], previous["lost"]
                    if last_highest is not None and last_lost is not None:
                        counts = (report.highest_sequence - last_highest, report.packets_lost - last_lost)
                    previous["highest"], previous["lost"] = report.highest_sequence, report.packets_lost
                    feedback.on_report(report.fraction_lost / 256.0, rtts.get(id(report)), sender.kind, counts)

    sender._handle_rtcp_packet = handle_rtcp_packet  # type: ignore[method-assign]


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
        if isinstance(track, FrameServedTrack):
            await track.serve_frames(FrameSender(sender, codec))
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


class FrameSender:
    """Sends one subscriber's frames as RTP, the way aiortc 1.16.0's RTCRtpSender does
    (same header and extensions, NACKs answered by aiortc's `_retransmit`, counters for
    its RTCP sender reports), with less work per packet: the header is a template
    patched in place, packets are kept as bytes and parsed back only when NACKed, and
    the VP8 payloads of a frame are made once for all subscribers."""

    _private = "_RTCRtpSender__"

    def __init__(self, sender: RTCRtpSender, codec: RTCRtpCodecParameters) -> None:
        self.sender = sender
        if codec.payloadType is None:  # negotiated codecs always carry one
            raise ValueError(f"codec {codec.mimeType} has no payload type")
        self.payload_type: int = codec.payloadType
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
        self.sent_at: list[float] = [0.0] * RTP_HISTORY_SIZE
        self.is_video = codec.mimeType.lower() == "video/vp8"
        self.picture_id = random32() & 0x7FFF  # this subscriber's own: consecutive over skipped frames
        self.link: Optional[SenderFeedback] = None  # the subscriber's pacer, when it has one
        self.on_unrecoverable: Optional[Callable[[], None]] = None  # a NACKed packet will not be resent
        self.publisher_id: Optional[str] = None  # whose media this is (set by its track)
        sender._courtroom_frame_sender = self  # type: ignore[attr-defined]
        aiortc_history: dict[int, RtpPacket] = getattr(sender, self._private + "rtp_history")
        aiortc_retransmit = sender._retransmit

        async def retransmit(sequence_number: int) -> None:
            raw = self.raw_history[sequence_number % RTP_HISTORY_SIZE]
            if raw is not None:
                aiortc_history[sequence_number % RTP_HISTORY_SIZE] = RtpPacket.parse(raw, self.extensions_map)
            await aiortc_retransmit(sequence_number)

        sender._retransmit = retransmit  # type: ignore[method-assign]

    def may_resend(self, sequence_number: int, feedback: SenderFeedback) -> bool:
        raw = self.raw_history[sequence_number % RTP_HISTORY_SIZE]
        if raw is None or int.from_bytes(raw[2:4], "big") != sequence_number:
            return False  # not ours any more (or never sent: a frame the allocation dropped)
        if feedback.allow_resend(len(raw), time.monotonic() - self.sent_at[sequence_number % RTP_HISTORY_SIZE]):
            return True
        if self.on_unrecoverable is not None:
            # the subscriber will never get this packet: its picture is broken until a keyframe
            self.on_unrecoverable()
        return False

    def send(self, frame: EncodedFrame, dropped: Optional[Callable[[], None]] = None) -> None:
        """Packetise `frame` for this subscriber (sequence numbers now) and send it, through
        the subscriber's pacer when it has one (`dropped` is called if the pacer gives up)."""
        sender = self.sender
        if not sender._enabled:
            return
        if self.link is None:
            self._send_now(self._packetise(frame))
            return
        datagrams = self._packetise(frame)
        if self.is_video:
            self.link.send_video(datagrams, lambda chunk: self._send_now(chunk, restamp=True), dropped or (lambda: None),
                                 self.publisher_id)
            return
        copy_after = self.link.audio_copy_delay(self.publisher_id)
        size = sum(map(len, datagrams))

        def send_audio() -> None:
            protected = self._send_now(datagrams)
            if copy_after is not None and protected:
                asyncio.get_running_loop().call_later(copy_after, self._send_copy, protected)

        self.link.send_audio(size * 2 if copy_after is not None else size, send_audio)

    def _send_copy(self, protected: list[bytes]) -> None:
        """The same SRTP packets again (audio to a lossy subscriber): the receiver's SRTP
        replay check drops the copy when the first arrived, and the copy fills in when it
        did not; RED's effect without RED."""
        try:
            _send_protected(self.sender.transport, protected)
        except ConnectionError:
            pass

    def _packetise(self, frame: EncodedFrame) -> list[bytes]:
        sender = self.sender
        payloads = frame.rtp_payloads()
        if self.is_video:
            self.picture_id = (self.picture_id + 1) & 0x7FFF
            if self.picture_id != frame.picture_id:
                payloads = [rewrite_picture_id(p, self.picture_id) for p in payloads]
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
        pt = self.payload_type
        for i, payload in enumerate(payloads):
            struct.pack_into("!BH", header, 1, pt | 0x80 if i == last else pt, seq)
            raw = bytes(header) + payload
            datagrams.append(raw)  # into the history when it is really sent (_send_now)
            octets += len(payload)
            seq = (seq + 1) & 0xFFFF
        self.sequence_number = seq
        # what aiortc's RTCP sender reports (sender reports: A/V sync, RTT)
        p = self._private
        self.packets += len(datagrams)
        self.octets += octets
        setattr(sender, p + "ntp_timestamp", clock.current_ntp_time())
        setattr(sender, p + "rtp_timestamp", timestamp)
        setattr(sender, p + "octet_count", self.octets)
        setattr(sender, p + "packet_count", self.packets)
        return datagrams

    def _send_now(self, datagrams: list[bytes], restamp: bool = False) -> list[bytes]:
        now = time.monotonic()
        if restamp and self.abs_send_time_at is not None:
            # paced: the send time the receiver's delay estimate reads is the real one
            at = self.abs_send_time_at
            stamp = ((clock.current_ntp_time() >> 14) & 0x00FFFFFF).to_bytes(3, "big")
            datagrams = [d[:at] + stamp + d[at + 3 :] for d in datagrams]
        for d in datagrams:
            seq = int.from_bytes(d[2:4], "big") % RTP_HISTORY_SIZE
            self.raw_history[seq] = d
            self.sent_at[seq] = now
        try:
            return _send_rtp_datagrams(self.sender.transport, datagrams)
        except ConnectionError:
            if restamp:
                return []  # paced, later: the connection went away meanwhile
            raise


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


def _send_rtp_datagrams(dtls: Any, datagrams: list[bytes]) -> list[bytes]:
    """SRTP-protect and send one frame's RTP packets, in one GSO call where possible;
    returns the protected packets."""
    if dtls._state != DtlsState.CONNECTED:
        raise ConnectionError("Cannot send encrypted RTP, not connected")
    session = dtls._tx_srtp
    protect = _protectors.get(session)
    if protect is None:
        protect = _protectors[session] = _srtp_protector(session)
    protected = [protect(d) for d in datagrams]
    _send_protected(dtls, protected)
    return protected


def _send_protected(dtls: Any, protected: list[bytes]) -> None:
    """Send SRTP packets on the transport's nominated pair, in one GSO call where possible."""
    global _gso_enabled
    if dtls._state != DtlsState.CONNECTED:
        raise ConnectionError("Cannot send encrypted RTP, not connected")
    connection = dtls.transport._connection  # aioice.Connection
    pair = connection._nominated.get(1)
    if pair is None:
        raise ConnectionError("Cannot send data, not connected")
    protocol = pair.protocol
    if type(protocol) is not aioice.ice.StunProtocol:  # e.g. TURN: aioice wraps the data
        for d in protected:  # tasks start in creation order: the packets stay in order
            asyncio.ensure_future(connection.sendto(d, 1))
        return
    # asyncio's selector datagram transport also reports its write buffer, though the
    # DatagramTransport interface does not declare it
    transport: Any = protocol.transport
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
