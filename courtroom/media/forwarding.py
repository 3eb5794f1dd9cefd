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

aiortc hooks (aiortc is pinned to 1.16.0 in pyproject.toml for these; they live in
courtroom.media.aiortc_hooks):
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
import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Optional

import av
from aiortc import RTCRtpReceiver, RTCRtpSender
from aiortc.mediastreams import MediaStreamError, MediaStreamTrack
from aiortc.rtcrtpparameters import RTCRtpCodecCapability
from aiortc.utils import random32

from courtroom.media.aiortc_hooks import FrameSender, tap_receiver
from courtroom.media.bandwidth import Level, VideoStream
from courtroom.media.clock import HearingClock
from courtroom.media.frames import AUDIO_CLOCK_RATE, VIDEO_CLOCK_RATE, EncodedFrame, FrameSink, is_vp8_keyframe

if TYPE_CHECKING:
    from courtroom.media.subscriber import SubscriberLink

logger = logging.getLogger(__name__)

MIN_PLI_INTERVAL_S = 0.5
PLI_RETRY_S = 1.0
# A subscriber's own keyframe request (its losses) reaches the publisher at most this
# often, whoever asks: one weak receiver must not make every publisher send keyframes to
# everyone. Joins and upstream loss keep MIN_PLI_INTERVAL_S.
SUBSCRIBER_PLI_INTERVAL_S = 1.0
LAYER_RATE_WINDOW_S = 1.0
# A timestamp jump this much larger than the arrival gap is a new timeline, not media.
DISCONTINUITY_S = 3.0
# Largest correction of the capture-time estimate per frame (s).
MAX_SLEW_S = 0.001
# Frames queued for one subscriber before it is considered stuck (video: ~2 s at 30 fps).
MAX_QUEUED = {"video": 60, "audio": 100}


def codec_preferences(kind: str) -> list[RTCRtpCodecCapability]:
    """VP8 (with RTX for retransmissions) or Opus: the only codecs forwarded as-is."""
    wanted = ("video/vp8", "video/rtx") if kind == "video" else ("audio/opus",)
    codecs = RTCRtpSender.getCapabilities(kind).codecs
    return [c for name in wanted for c in codecs if c.mimeType.lower() == name]


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
    nacks_sent: int = 0  # sequence numbers NACKed to the publisher (within aiortc_hooks' budget)
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
        self.tids: dict[int, int] = {}  # RTP timestamp -> VP8 temporal layer (filled by the tap)

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

    def on_nacks(self, count: int) -> None:
        self.publication.stats.nacks_sent += count

    def on_stall(self) -> None:
        """Frames have been held back by a missing packet for a while: ask for a keyframe
        (without dropping what may still complete)."""
        if self.active and self.publication.kind == "video":
            self.publication.request_keyframe()

    def send_pli(self) -> bool:
        if not (self.active and self.receiver is not None and self.ssrc is not None):
            return False
        asyncio.ensure_future(self.receiver._send_rtcp_pli(self.ssrc))
        return True


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
        # Capture-time estimate, kept on the monotonic clock, not as a hearing time: the
        # hearing clock is re-anchored at 开庭, and a publication that started before it must
        # move with it at once (issue 14: a hearing time cached here stayed on the lobby's
        # timeline, N s late, and only slewed back at 1 ms a frame).
        #   hearing time = clock.at_monotonic(anchor_mono) + (ts - anchor_ts) / rate
        self._anchor_ts = 0
        self._anchor_mono = 0.0
        # keyframes
        self._need_keyframe = kind == "video"
        self._keyframe_wanted_at: Optional[float] = None
        self._last_pli_at = -1e9
        self._last_keyframe_at: Optional[float] = None
        self._pli_timer: Optional[asyncio.TimerHandle] = None
        self._pli_due = 0.0
        self._picture_id = random32() & 0x7FFF
        # measured bitrate of each temporal layer and of keyframes (for the allocation)
        self._layer_bytes = [0, 0, 0]
        self._keyframe_bytes = 0
        self._layers_seen = 1
        self._rates_at = time.monotonic()
        self.layer_bps = [0.0, 0.0, 0.0]
        self.keyframe_bps = 0.0

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

    @property
    def last_frame_at(self) -> Optional[float]:
        """time.monotonic() of the last frame received, None before the first (link health)."""
        return self._last_out_arrival if self._last_out is not None else None

    def hearing_time_of(self, timestamp: int) -> float:
        return self.clock.at_monotonic(self._anchor_mono) + (timestamp - self._anchor_ts) / self.clock_rate

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
            self._anchor_mono = arrival
        source.last_ts = ts
        source.last_arrival = arrival
        out = ts + (self._offset or 0)  # set by the first frame's new section
        self._last_out = out
        self._last_out_arrival = arrival

        # Capture-time estimate: a frame cannot be captured after it arrived, so when one
        # arrives "early" the first frame's delay was overestimated (or the clocks drift);
        # slew towards it a little per frame, keeping consecutive times ts-consistent.
        hearing = self.hearing_time_of(out)
        early = hearing - self.clock.at_monotonic(arrival)
        if early > 0:
            slew = min(early, MAX_SLEW_S)
            self._anchor_mono -= slew
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
        tid = source.tids.pop(raw_timestamp, None) if self.kind == "video" else None
        if self.kind == "video":
            self._count_layers(tid, keyframe, len(data), arrival)
        frame = EncodedFrame(
            data=data, timestamp=out, keyframe=keyframe, hearing_time=hearing, clock_rate=rate,
            time_base=self.time_base, picture_id=self._picture_id, tid=tid,
        )
        muted = self.muted
        for sink in self._sinks:
            if muted and sink.respects_mute:
                continue
            try:
                sink.deliver(frame)
            except Exception:  # one broken sink must not stop the others
                logger.exception("frame sink %r failed", sink)

    def _count_layers(self, tid: Optional[int], keyframe: bool, size: int, now: float) -> None:
        layer = min(2, tid or 0)
        self._layer_bytes[layer] += size + 40 * (1 + size // 1200)  # and the packets' headers
        if keyframe:
            self._keyframe_bytes += size
        if tid is not None:
            self._layers_seen = max(self._layers_seen, layer + 1)
        elapsed = now - self._rates_at
        if elapsed >= LAYER_RATE_WINDOW_S:
            for i in range(3):
                self.layer_bps[i] = 0.5 * self.layer_bps[i] + 0.5 * self._layer_bytes[i] * 8 / elapsed
                self._layer_bytes[i] = 0
            self.keyframe_bps = 0.7 * self.keyframe_bps + 0.3 * self._keyframe_bytes * 8 / elapsed
            self._keyframe_bytes = 0
            self._rates_at = now

    def video_stream(self, high_priority: bool) -> VideoStream:
        """What this video costs a subscriber at each level (measured)."""
        layers = [max(1.0, r) for r in self.layer_bps[: self._layers_seen]]
        if not any(self.layer_bps):
            layers = [1_000_000.0 / self._layers_seen] * self._layers_seen  # nothing measured yet
        return VideoStream(self.participant_id, high_priority, layers, max(20_000.0, self.keyframe_bps))

    def _on_upstream_loss(self, source: _Source) -> None:
        if source is not self._source or self.kind != "video":
            return
        # Frames were lost before the jitter buffer could assemble them: what follows
        # references missing data, so everyone waits for the next keyframe.
        self.stats.upstream_losses += 1
        self._need_keyframe = True
        self.request_keyframe()

    # --- keyframe requests -----------------------------------------------------------------

    def request_keyframe(self, urgent: bool = True) -> None:
        """Ask the publisher for a keyframe: merged with pending requests, paced, retried.

        Not `urgent` (a subscriber's losses): at most one every SUBSCRIBER_PLI_INTERVAL_S
        after the last keyframe, so the publisher is not made to send keyframes to everyone
        (issue 12: one weak receiver's PLIs every 0.56 s made every publisher send 80
        keyframes in 45 s instead of 23)."""
        if self.kind != "video" or self.ended:
            return
        self.stats.keyframe_requests += 1
        now = time.monotonic()
        if self._keyframe_wanted_at is None:
            self._keyframe_wanted_at = now
        due = max(now, self._last_pli_at + MIN_PLI_INTERVAL_S)
        if not urgent and self._last_keyframe_at is not None:
            due = max(due, self._last_keyframe_at + SUBSCRIBER_PLI_INTERVAL_S)
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
        self._direct: Optional[FrameSender] = None
        self._ended: Optional[asyncio.Future] = None
        self.frames_forwarded = 0
        self.frames_skipped = 0  # not sent: the allocation's level, or waiting for a keyframe
        self.overflows = 0
        self.send_errors = 0
        self.keyframes_forwarded = 0
        self.keyframe_requests = 0  # PLI/FIR from this subscriber
        self.nacks_received = 0  # sequence numbers this subscriber NACKed (resends: its link's stats)
        # per-subscriber adaptation (MediaRoom sets the link; without one: everything, unpaced)
        self.link: Optional["SubscriberLink"] = None
        self.level = Level.FULL

    @property
    def publisher_id(self) -> str:
        return self.publication.participant_id

    def video_stream(self, high_priority: bool) -> VideoStream:
        return self.publication.video_stream(high_priority)

    def set_level(self, level: Level) -> None:
        """What of this video the subscriber gets (from its SubscriberLink's allocation)."""
        if level == self.level:
            return
        if self.level <= Level.KEYFRAMES < level:
            # back to moving pictures: from the next keyframe, asked for without haste
            self._need_keyframe = True
            self.publication.request_keyframe(urgent=False)
        self.level = level

    def _skip(self, frame: EncodedFrame) -> bool:
        """Whether this subscriber's level leaves `frame` out (video)."""
        level = self.level
        if level == Level.PAUSED:
            self._need_keyframe = True
            return True
        if self._need_keyframe:
            if not frame.keyframe:
                return True
            self._need_keyframe = False
            return False
        if level == Level.KEYFRAMES:
            return not frame.keyframe
        max_tid = level.max_tid()
        return max_tid is not None and frame.tid is not None and frame.tid > max_tid

    def _resend_refused(self) -> None:
        """A packet this subscriber NACKed will not be resent (budget, age): it cannot decode
        what follows, so it gets no more deltas (they would only load its link) and a
        keyframe comes soon: paced per publisher, every MIN_PLI_INTERVAL_S for the speaker
        and the presiding judge (their picture must not stay frozen for a second), at most
        one a SUBSCRIBER_PLI_INTERVAL_S after the last keyframe for the others."""
        if self._need_keyframe or not self.frames_forwarded:
            return  # already waiting for one
        self._need_keyframe = True
        link = self.link
        self.publication.request_keyframe(urgent=link is not None and link.is_priority(self.publisher_id))

    def _paced_out(self) -> None:
        """The pacer gave up on a frame: what follows cannot decode without a keyframe."""
        self._need_keyframe = True
        self.publication.request_keyframe(urgent=False)

    def deliver(self, frame: EncodedFrame) -> None:
        if self.kind == "video":
            if self._skip(frame):
                self.frames_skipped += 1
                return
        elif self._need_keyframe:
            self._need_keyframe = False
        if self._direct is not None:
            try:
                self._direct.send(frame, self._paced_out)
            except ConnectionError:
                self.send_errors += 1  # not (or no longer) connected: nothing to send to
                return
            self.frames_forwarded += 1
            self.keyframes_forwarded += frame.keyframe
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
        self.keyframes_forwarded += frame.keyframe

    def publication_ended(self) -> None:
        self._queue.put_nowait(None)
        if self._ended is not None and not self._ended.done():
            self._ended.set_result(None)

    def request_keyframe(self) -> None:
        """The subscriber asked (PLI/FIR): it cannot decode what follows, so it gets nothing
        more until the next keyframe, which the publisher is asked for without haste."""
        self.keyframe_requests += 1
        if self.kind == "video" and self.level == Level.PAUSED:
            # nothing is sent to it: its decoder's requests (every second, measured: 45 in
            # 45 s per paused stream) must not make the publisher send keyframes to everyone;
            # set_level asks for one when the stream is unpaused
            self._need_keyframe = True
            return
        if self.kind == "video" and self._attached and self.frames_forwarded:
            self._need_keyframe = True
            self.publication.request_keyframe(urgent=False)
        else:
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

    async def serve_frames(self, frame_sender: FrameSender) -> None:
        """Send every frame through `frame_sender` until the track or publication ends."""
        if self.readyState != "live":
            raise MediaStreamError
        self._ended = asyncio.get_running_loop().create_future()
        self._direct = frame_sender
        link = self.link
        frame_sender.publisher_id = self.publisher_id
        if self.kind == "video":
            frame_sender.on_unrecoverable = self._resend_refused
        if link is not None:
            frame_sender.link = link
            if self.kind == "video":
                link.add_track(self)
            else:
                link.add_audio(1, self.publisher_id)
        self._join()
        try:
            await self._ended
        finally:
            self._direct = None
            if link is not None:
                if self.kind == "video":
                    link.remove_track(self)
                else:
                    link.add_audio(-1, self.publisher_id)

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
