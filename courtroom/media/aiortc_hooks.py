"""aiortc's private internals, hooked in one place (aiortc is pinned to 1.16.0 for these).

1. `tap_receiver`: replaces the receiver's private jitter buffer
   (`RTCRtpReceiver._RTCRtpReceiver__jitter_buffer`) with a subclass that passes every
   assembled frame to a `FrameTap` and returns nothing, so aiortc's decoder queue stays
   empty and its decoder thread idles. Audio packets skip the jitter buffer (one Opus
   packet is one frame) to save its prefetch latency; video frames completed together
   are all released at once. The same hook paces the receiver's REMB feedback.
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
from aiortc.rtp import RTCP_PSFB_APP, RTP_HISTORY_SIZE, RtcpPsfbPacket, RtpPacket, unpack_remb_fci
from aiortc.utils import random32

from courtroom.media.frames import EncodedFrame

logger = logging.getLogger(__name__)

REMB_INTERVAL_S = 0.25


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


def tap_receiver(receiver: RTCRtpReceiver, source: FrameTap) -> None:
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

    def send(self, frame: EncodedFrame) -> None:
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
