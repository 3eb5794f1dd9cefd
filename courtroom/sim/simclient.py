"""A simulated participant: an aiortc client speaking the courtroom signaling protocol
(courtroom/signaling.py) over a real WebSocket.

It publishes a speech file as audio and a test pattern as video, and optionally
subscribes to everyone else, counting what it receives. Used by the tests,
`courtroom demo` and benchmarks/media.py.

    participant = SimulatedParticipant("ws://127.0.0.1:8000/ws/...", audio=samples, video=VideoSpec())
    await participant.start()        # connect, publish, subscribe to others as they appear
    ...
    await participant.stop()
    participant.report()             # frames sent / received, join times

Run a swarm from the command line (the benchmark starts it in a separate process):

    python -m courtroom.sim.simclient --url 'ws://127.0.0.1:8000/ws/room/{participant}' \\
        --participants 8 --seconds 30 --width 1280 --height 720 --replay
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import dataclasses
import json
import logging
import os
import random
import sys
import time
import weakref
from pathlib import Path
from typing import Any, Optional

import numpy as np
import websockets
from aiortc import RTCConfiguration, RTCPeerConnection, RTCSessionDescription
from aiortc.mediastreams import MediaStreamError

from courtroom.media.aiortc_hooks import route_keyframe_requests
from courtroom.media.clock import HearingClock
from courtroom.media.forwarding import Publication, codec_preferences
from courtroom.media.frames import EncodedFrame
from courtroom.media.vp8 import packetize as vp8_packetize
from courtroom.sim.testsource import (
    PacketReplayTrack,
    ReplayFrame,
    SpeechTrack,
    TestPatternTrack,
    encode_speech,
    encode_test_pattern,
    load_speech,
    synthetic_speech,
)

logger = logging.getLogger(__name__)


@dataclasses.dataclass
class VideoSpec:
    width: int = 320
    height: int = 180
    fps: int = 15
    # Pre-encoded frames to replay instead of encoding live (see testsource.py).
    replay: Optional[list[ReplayFrame]] = None


@dataclasses.dataclass
class ReceivedTrack:
    """What arrived from one remote publisher's track."""

    kind: str
    frames: int = 0
    keyframes: int = 0
    bytes: int = 0
    first_keyframe_ok: Optional[bool] = None  # video: did reception start on a keyframe?
    first_frame_at: Optional[float] = None  # monotonic
    width: int = 0
    height: int = 0
    # monotonic arrival time of every frame, when the participant keeps them (keep_arrivals)
    arrivals: Optional[list[float]] = None
    late_frames: int = 0  # audio: out of order, but in time for a jitter buffer
    publication: Optional[Publication] = None  # receive="tap": what counted the frames


@dataclasses.dataclass
class Subscription:
    publisher: str
    kinds: tuple[str, ...]
    pc: RTCPeerConnection
    offered_at: float  # monotonic, when the subscribe offer was sent
    tracks: dict[str, ReceivedTrack] = dataclasses.field(default_factory=dict)
    tasks: list[asyncio.Task] = dataclasses.field(default_factory=list)

    @property
    def join_time_s(self) -> Optional[float]:
        """Offer to first video frame (first audio frame when audio only)."""
        track = self.tracks.get("video") or self.tracks.get("audio")
        if track is None or track.first_frame_at is None:
            return None
        return track.first_frame_at - self.offered_at


class _CountingSink:
    """Counts encoded frames tapped before aiortc's decoder (receive="tap")."""

    respects_mute = False

    def __init__(self, stats: ReceivedTrack) -> None:
        self.stats = stats

    def deliver(self, frame: EncodedFrame) -> None:
        s = self.stats
        now = time.monotonic()
        if s.first_frame_at is None:
            s.first_frame_at = now
            s.first_keyframe_ok = frame.keyframe
        if s.arrivals is not None:
            s.arrivals.append(now)
        s.frames += 1
        s.keyframes += frame.keyframe
        s.bytes += len(frame.data)


# Audio that arrives out of order still plays if it is no later than this after its turn:
# a browser's jitter buffer (NetEq) holds at least about this much on a lossy link.
AUDIO_PLAYOUT_DELAY_S = 0.08


def _count_late_audio(source: Any, stats: ReceivedTrack) -> None:
    """The tap's publication drops audio older than the newest (a recording needs order);
    a receiver's jitter buffer plays it if it came within AUDIO_PLAYOUT_DELAY_S of its
    turn (a resent or duplicated packet): count those too, once."""
    forward = source.on_frame
    state: dict[str, Any] = {"newest": None, "at": 0.0, "late": collections.deque(maxlen=64)}

    def on_frame(raw_timestamp: int, data: bytes) -> None:
        now = time.monotonic()
        newest = state["newest"]
        behind = None if newest is None else ((newest - raw_timestamp) & 0xFFFFFFFF)
        if behind is None or behind == 0 or behind >= 1 << 31:
            state["newest"], state["at"] = raw_timestamp, now  # in order (or the first)
            forward(raw_timestamp, data)
            return
        due = state["at"] - behind / 48000
        if now - due <= AUDIO_PLAYOUT_DELAY_S and raw_timestamp not in state["late"]:
            state["late"].append(raw_timestamp)
            stats.frames += 1
            stats.late_frames += 1
            if stats.arrivals is not None:
                stats.arrivals.append(now)

    source.on_frame = on_frame


RECEIVE_MODES = ("decode", "tap", "headers")


async def _count_rtp_headers(pc: RTCPeerConnection, sub: "Subscription") -> None:
    """Count received frames from RTP headers (clear text in SRTP) and drop the packets
    before aiortc's receive path: a subscriber costs a few microseconds per packet."""
    kinds = {}
    for t in pc.getTransceivers():
        for codec in t._codecs:  # noqa: SLF001 - negotiated payload types
            if codec.name.lower() != "rtx":
                kinds[codec.payloadType] = t.kind
    transceivers = pc.getTransceivers()
    if not transceivers:
        return
    connection = transceivers[0].receiver.transport.transport._connection  # aioice Connection
    while connection._nominated.get(1) is None:  # the pair that will carry DTLS and SRTP
        if pc.connectionState in ("failed", "closed"):
            return
        await asyncio.sleep(0.01)
    protocol = connection._nominated[1].protocol
    original = protocol.datagram_received

    def datagram_received(data: bytes, addr: Any) -> None:
        if 127 < data[0] < 192 and not 191 < data[1] < 224:  # SRTP, not SRTCP
            kind = kinds.get(data[1] & 0x7F)
            if kind is not None:
                track = sub.tracks[kind]
                if track.first_frame_at is None:
                    track.first_frame_at = time.monotonic()
                if kind == "audio" or data[1] & 0x80:  # video: the marker bit ends a frame
                    track.frames += 1
                track.bytes += len(data)
            return
        original(data, addr)

    protocol.datagram_received = datagram_received  # type: ignore[method-assign,assignment]  # counting tap on this one protocol


class LayeredVp8Packer:
    """Stands in for aiortc's VP8 encoder on a sender of pre-encoded frames with temporal
    layers: packetises like `Vp8Encoder.pack`, with TL0PICIDX and TID in the descriptor."""

    def __init__(self, track: PacketReplayTrack) -> None:
        self.track = track
        self.picture_id = random.randint(0, (1 << 15) - 1)
        self.tl0_pic_idx = 0

    def pack(self, packet: Any) -> tuple[list[bytes], int]:
        tid = self.track.last_tid
        if tid == 0:
            self.tl0_pic_idx = (self.tl0_pic_idx + 1) & 0xFF
        payloads = vp8_packetize(bytes(packet), self.picture_id, tid=tid, tl0_pic_idx=self.tl0_pic_idx,
                                 layer_sync=tid == 1)
        self.picture_id = (self.picture_id + 1) & 0x7FFF
        timestamp = int(packet.pts * packet.time_base * 90000)
        return payloads, timestamp


# A connection "disconnected" this long is given up and replaced (the server does the same).
RECONNECT_AFTER_DISCONNECTED_S = 5.0
RECONNECT_CONNECT_TIMEOUT_S = 8.0

# What a court server answers when it will not let a participant in at all.
JOIN_REFUSALS = frozenset({"token_expired", "token_invalid", "token_malformed", "token_revoked", "token_unknown",
                           "token_wrong_hearing", "join_required", "hearing_closed", "participant_removed"})


class SimulatedParticipant:
    # Those connected and not yet stopped: a test that fails half-way leaves its parties
    # sending and reconnecting, and the test harness stops them (`still_running`).
    _running: weakref.WeakSet[SimulatedParticipant] = weakref.WeakSet()

    @classmethod
    def still_running(cls) -> list[SimulatedParticipant]:
        return list(cls._running)

    def __init__(
        self,
        ws_url: str,
        *,
        name: str = "",
        audio: Optional[np.ndarray | list[ReplayFrame]] = None,
        video: Optional[VideoSpec] = None,
        subscribe: bool = True,
        receive: str = "decode",
        rtc_config: Optional[RTCConfiguration] = None,
        join_token: Optional[str] = None,
        admit_timeout: float = 60.0,
        keep_arrivals: bool = False,
        recover: bool = True,
        loop_audio: bool = False,
    ) -> None:
        """`join_token`: join a court server's hearing socket with this token first (and
        wait in the lobby until admitted); without it, speak the bare media protocol.
        `audio`: 48 kHz mono int16 samples (encoded live) or pre-encoded Opus frames.
        `receive`: what to do with received media:
          "decode"  decode it with aiortc (checks it decodes; costs CPU),
          "tap"     count encoded frames tapped before the decoder (checks keyframes),
          "headers" count frames from the clear-text RTP headers of the SRTP packets and
                    drop them unprocessed: nearly free, for benchmarks with many streams.
        `recover`: make new connections by itself when one fails, as the page does (off:
        a test that wants to watch a connection stay down).
        `loop_audio`: replay pre-encoded audio from the start when it ends, as a browser's
        microphone never stops (a load test); off, it plays once and the track ends (a test
        that counts what was said)."""
        if receive not in RECEIVE_MODES:
            raise ValueError(f"receive must be one of {RECEIVE_MODES}")
        self.ws_url = ws_url
        self.recover = recover
        self.loop_audio = loop_audio
        self.name = name or ws_url.rsplit("/", 1)[-1]
        self.audio = audio
        self.video = video
        self.auto_subscribe = subscribe
        self.receive = receive
        self.keep_arrivals = keep_arrivals
        self.rtc_config = rtc_config or RTCConfiguration(iceServers=[])
        self.participant_id: Optional[str] = None
        self.publish_pc: Optional[RTCPeerConnection] = None
        self.audio_track: Optional[SpeechTrack | PacketReplayTrack] = None
        self.video_track: Optional[PacketReplayTrack | TestPatternTrack] = None
        self.subscriptions: dict[str, Subscription] = {}
        self._subscribing: dict[str, tuple[str, ...]] = {}  # publisher -> kinds being subscribed
        self.ended_subscriptions: list[Subscription] = []  # publisher left or replaced: kept for counts
        self.publications: dict[str, tuple[str, ...]] = {}
        self.errors: list[dict] = []
        self.events: list[dict] = []
        self.publish_offered_at: Optional[float] = None
        self._retired_sent: dict[str, int] = {}
        self._ws: Any = None
        self._reader: Optional[asyncio.Task] = None
        self._pending: dict[str, asyncio.Future] = {}
        self._next_id = 0
        self._clock = HearingClock.open()
        self._closing = False
        self._ended = False  # the server said bye (hearing closed, removed): nothing to recover
        self.join_token = join_token
        self.admit_timeout = admit_timeout
        self.hearing_welcome: Optional[dict] = None
        self._admitted: Optional[asyncio.Future] = None
        self.quality: Optional[dict] = None  # the server's last word on what our link carries
        self.recoveries: list[tuple[str, float]] = []  # (target, monotonic) of each new connection made
        self._recovering: set[str] = set()

    # --- lifecycle -------------------------------------------------------------------------

    async def connect(self) -> None:
        SimulatedParticipant._running.add(self)
        self._ws = await websockets.connect(self.ws_url, max_size=2**20)
        self._reader = asyncio.ensure_future(self._read_loop())
        if self.join_token is not None:
            self._admitted = asyncio.get_running_loop().create_future()
            await self.send({"type": "join", "token": self.join_token})
            await asyncio.wait_for(self._admitted, self.admit_timeout)
        welcome = await self.request({"type": "hello"})
        self.participant_id = welcome["participant"]
        for pub in welcome["publications"]:
            self.publications[pub["participant"]] = tuple(pub["kinds"])

    async def start(self) -> None:
        """Connect, publish (if there is anything to publish), subscribe to those present."""
        await self.connect()
        if self.audio is not None or self.video is not None:
            await self.publish()
        if self.auto_subscribe:
            for pid, kinds in list(self.publications.items()):
                if pid not in self.subscriptions:
                    self._spawn_subscribe(pid, kinds)

    async def stop(self) -> None:
        """Leave: goodbye on the hearing socket first, then the connections. The page does
        both in one step; here closing each aiortc connection takes a while on a busy machine,
        and a server that saw media stop long before the goodbye would rightly call it a
        lost link."""
        self._closing = True
        SimulatedParticipant._running.discard(self)
        if self._ws is not None:
            await self._ws.close()
        for sub in list(self.subscriptions.values()):
            await self._close_subscription(sub)
        if self.publish_pc is not None:
            await self.publish_pc.close()
        if self._reader is not None:
            self._reader.cancel()
            await asyncio.gather(self._reader, return_exceptions=True)
        for track in (self.audio_track, self.video_track):
            if track is not None:
                track.stop()

    # --- signaling -------------------------------------------------------------------------

    async def send(self, message: dict) -> None:
        await self._ws.send(json.dumps(message))

    async def request(self, message: dict, timeout: float = 20.0) -> dict:
        """Send a message with an id and wait for the reply (or error) carrying it."""
        self._next_id += 1
        rid = f"{self.name}-{self._next_id}"
        future: asyncio.Future = asyncio.get_running_loop().create_future()
        self._pending[rid] = future
        await self.send({**message, "id": rid})
        try:
            reply = await asyncio.wait_for(future, timeout)
        finally:
            self._pending.pop(rid, None)
        if reply.get("type") == "error":
            raise RuntimeError(f"{reply.get('code')}: {reply.get('message')}")
        return reply

    async def _read_loop(self) -> None:
        try:
            async for raw in self._ws:
                message = json.loads(raw)
                future = self._pending.get(message.get("id")) if message.get("id") is not None else None
                if future is not None and not future.done():
                    future.set_result(message)
                    continue
                self.events.append(message)
                kind = message.get("type")
                admitted = self._admitted
                if admitted is not None and not admitted.done():
                    if kind == "welcome":
                        self.hearing_welcome = message
                    elif kind == "admitted":
                        admitted.set_result(message)
                    elif kind == "error" and str(message.get("code")) in JOIN_REFUSALS:
                        admitted.set_exception(RuntimeError(f"{message.get('code')}: {message.get('message')}"))
                if kind == "error":
                    self.errors.append(message)
                elif kind == "publication":
                    pid, kinds = message["participant"], tuple(message["kinds"])
                    current = self.subscriptions.get(pid)
                    self.publications[pid] = kinds
                    if self.auto_subscribe and (current is None or current.kinds != kinds):
                        self._spawn_subscribe(pid, kinds)
                elif kind == "state" and message.get("state") == "failed":
                    self._recover(str(message.get("target")))
                elif kind == "bye":
                    self._ended = True
                elif kind == "quality":
                    self.quality = message
                elif kind == "publication-ended":
                    pid = message["participant"]
                    self.publications.pop(pid, None)
                    sub = self.subscriptions.pop(pid, None)
                    if sub is not None:
                        self.ended_subscriptions.append(sub)
                        asyncio.ensure_future(self._close_subscription(sub))
        except (websockets.ConnectionClosed, asyncio.CancelledError):
            pass

    # --- recovery ---------------------------------------------------------------------------

    def _watch(self, pc: RTCPeerConnection, target: str, is_current: Any) -> None:
        """Like the page (web/static/rtc.js): a connection that fails, closes by itself
        (ICE consent expired) or stays disconnected is replaced by a new one."""
        grace: dict[str, Any] = {"timer": None}

        @pc.on("connectionstatechange")
        def changed() -> None:
            state = pc.connectionState
            if grace["timer"] is not None and state != "disconnected":
                grace["timer"].cancel()
                grace["timer"] = None
            if self._closing or not is_current():
                return
            if state in ("failed", "closed"):
                self._recover(target)
            elif state == "disconnected":
                grace["timer"] = asyncio.get_running_loop().call_later(RECONNECT_AFTER_DISCONNECTED_S, self._recover, target)

    def _recover(self, target: str) -> None:
        """Make a new connection for `target` ("publish" or a publisher), retrying until it
        connects, while the signaling socket is up."""
        if not self.recover or self._closing or self._ended or target in self._recovering:
            return
        if target != "publish" and target not in self.subscriptions:
            return
        self._recovering.add(target)

        async def run() -> None:
            delay = 0.5
            try:
                while not self._closing and self._ws is not None:
                    try:
                        if target == "publish":
                            await self.publish()
                            pc = self.publish_pc
                        else:
                            kinds = self.publications.get(target)
                            if kinds is None:
                                return
                            pc = (await self.subscribe(target, kinds)).pc
                        self.recoveries.append((target, time.monotonic()))
                        if pc is None:
                            raise ConnectionError("no peer connection after reconnecting")
                        deadline = time.monotonic() + RECONNECT_CONNECT_TIMEOUT_S
                        while pc.connectionState not in ("connected", "failed", "closed") and time.monotonic() < deadline:
                            await asyncio.sleep(0.05)
                        if pc.connectionState == "connected":
                            return
                    except Exception as exc:
                        logger.info("%s: reconnecting %s: %s", self.name, target, exc)
                    await asyncio.sleep(delay)
                    delay = min(2.0, delay * 2)
            finally:
                self._recovering.discard(target)

        asyncio.ensure_future(run())

    # --- publishing ------------------------------------------------------------------------

    def _make_tracks(self) -> None:
        """Fresh tracks for each publish connection: aiortc stops a connection's tracks
        when it closes it, so a reconnect cannot reuse the old ones."""
        for track in (self.audio_track, self.video_track):
            if track is not None:
                self._retired_sent[track.kind] = self._retired_sent.get(track.kind, 0) + track.frames_sent
        if self.audio is not None:
            if isinstance(self.audio, np.ndarray):
                self.audio_track = SpeechTrack(self.audio)
            else:
                self.audio_track = PacketReplayTrack("audio", self.audio, fps=50, loop=self.loop_audio)
        if self.video is not None:
            spec = self.video
            if spec.replay is not None:
                self.video_track = PacketReplayTrack("video", spec.replay, fps=spec.fps)
            else:
                self.video_track = TestPatternTrack(spec.width, spec.height, spec.fps)

    async def publish(self) -> None:
        """Offer sendonly audio/video; a second call replaces the connection (a reconnect)."""
        self._make_tracks()
        pc = RTCPeerConnection(self.rtc_config)
        for track in (self.audio_track, self.video_track):
            if track is None:
                continue
            t = pc.addTransceiver(track, direction="sendonly")
            t.setCodecPreferences(codec_preferences(track.kind))
            if isinstance(track, PacketReplayTrack) and track.kind == "video":
                # Pre-encoded video cannot be told to make a keyframe: jump to the next one.
                route_keyframe_requests(t.sender, track.request_keyframe)
                if any(f.tid is not None for f in track.frames[:4]):
                    # what a browser publishing L1T3 sends: the layer in each payload descriptor
                    t.sender._RTCRtpSender__encoder = LayeredVp8Packer(track)  # type: ignore[attr-defined]  # noqa: SLF001
        await pc.setLocalDescription(await pc.createOffer())
        self.publish_offered_at = time.monotonic()
        reply = await self.request({"type": "publish", "sdp": pc.localDescription.sdp})
        await pc.setRemoteDescription(RTCSessionDescription(sdp=reply["sdp"], type="answer"))
        old, self.publish_pc = self.publish_pc, pc
        self._watch(pc, "publish", lambda: self.publish_pc is pc)
        if old is not None:
            await old.close()

    # --- subscribing -----------------------------------------------------------------------

    def _spawn_subscribe(self, publisher: str, kinds: tuple[str, ...]) -> None:
        """Subscribe in the background, once per publisher and set of kinds."""
        if self._subscribing.get(publisher) == kinds:
            return
        self._subscribing[publisher] = kinds

        async def run() -> None:
            try:
                await self.subscribe(publisher, kinds)
            except Exception as exc:
                if not self._closing and self._subscribing.get(publisher) == kinds:
                    logger.warning("%s: subscribe to %s failed: %s", self.name, publisher, exc)
                    self.errors.append({"type": "error", "code": "client", "message": str(exc)})
            finally:
                if self._subscribing.get(publisher) == kinds:
                    del self._subscribing[publisher]

        asyncio.ensure_future(run())

    async def subscribe(self, publisher: str, kinds: tuple[str, ...] = ("audio", "video")) -> Subscription:
        pc = RTCPeerConnection(self.rtc_config)
        sub = Subscription(publisher, kinds, pc, offered_at=time.monotonic())
        for kind in kinds:
            t = pc.addTransceiver(kind, direction="recvonly")
            t.setCodecPreferences(codec_preferences(kind))
            stats = sub.tracks[kind] = ReceivedTrack(kind, arrivals=[] if self.keep_arrivals else None)
            if self.receive == "tap":
                pub = Publication(publisher, kind, self._clock)
                source = pub.bind(t.receiver)  # tap: count encoded frames, never decode
                pub.attach(_CountingSink(stats))
                stats.publication = pub
                if kind == "audio":
                    _count_late_audio(source, stats)
            elif self.receive == "decode":
                sub.tasks.append(asyncio.ensure_future(self._consume(t.receiver, stats)))
        await pc.setLocalDescription(await pc.createOffer())
        sub.offered_at = time.monotonic()
        old = self.subscriptions.get(publisher)
        self.subscriptions[publisher] = sub
        if old is not None:
            self.ended_subscriptions.append(old)
            await self._close_subscription(old)
        reply = await self.request({"type": "subscribe", "publisher": publisher, "sdp": pc.localDescription.sdp})
        await pc.setRemoteDescription(RTCSessionDescription(sdp=reply["sdp"], type="answer"))
        self._watch(pc, publisher, lambda: self.subscriptions.get(publisher) is sub)
        if self.receive == "headers":
            sub.tasks.append(asyncio.ensure_future(_count_rtp_headers(pc, sub)))
        return sub

    async def _consume(self, receiver: Any, stats: ReceivedTrack) -> None:
        while receiver.track is None:
            await asyncio.sleep(0.01)
        track = receiver.track
        try:
            while True:
                frame = await track.recv()
                if stats.first_frame_at is None:
                    stats.first_frame_at = time.monotonic()
                stats.frames += 1
                if stats.kind == "video":
                    stats.width, stats.height = frame.width, frame.height
        except MediaStreamError:
            pass

    async def _close_subscription(self, sub: Subscription) -> None:
        for task in sub.tasks:
            task.cancel()
        await sub.pc.close()

    # --- results ---------------------------------------------------------------------------

    def frames_sent(self) -> dict[str, int]:
        """Frames sent on every publish connection so far."""
        return {
            t.kind: t.frames_sent + self._retired_sent.get(t.kind, 0) for t in (self.audio_track, self.video_track) if t is not None
        }

    def frames_received(self) -> dict[str, int]:
        """Frames received from everyone, including subscriptions that have ended."""
        out = {"audio": 0, "video": 0}
        for sub in [*self.subscriptions.values(), *self.ended_subscriptions]:
            for kind, t in sub.tracks.items():
                out[kind] += t.frames
        return out

    def report(self) -> dict:
        received = {}
        for sub in [*self.ended_subscriptions, *self.subscriptions.values()]:
            received[sub.publisher] = {
                "join_time_s": sub.join_time_s,
                **{kind: dataclasses.asdict(t) for kind, t in sub.tracks.items()},
            }
        return {"participant": self.participant_id, "sent": self.frames_sent(), "received": received, "errors": self.errors}


# --- command line: a swarm for benchmarks/media.py -----------------------------------------


def _counts(people: list[SimulatedParticipant]) -> dict:
    """Frames sent and received so far, summed over the swarm."""
    sent = {"audio": 0, "video": 0}
    received = {"audio": 0, "video": 0}
    for p in people:
        for kind, n in p.frames_sent().items():
            sent[kind] += n
        for kind, n in p.frames_received().items():
            received[kind] += n
    return {"sent": sent, "received": received}


async def _stdin_line() -> str:
    return await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)


async def run_swarm(args: argparse.Namespace) -> dict:
    """Join, settle, count, run, count again; the two counts bracket the measured window."""
    from courtroom.media import ice

    ice.configure_host_addresses(["127.0.0.1"])
    samples = load_speech(args.speech) if Path(args.speech).exists() else synthetic_speech(60.0)
    audio = encode_speech(samples)  # 60 s of speech, replayed
    video_frames = None
    if args.replay:
        video_frames = encode_test_pattern(args.width, args.height, args.fps, seconds=10.0, bitrate=args.bitrate)
    people = []
    for i in range(args.offset, args.offset + args.participants):
        spec = VideoSpec(args.width, args.height, args.fps, replay=video_frames)
        url = args.url.format(participant=f"p{i}")
        people.append(SimulatedParticipant(url, name=f"p{i}", audio=audio, video=spec, receive=args.receive))
    started = time.monotonic()
    for p in people:
        await p.start()
    print(json.dumps({"event": "published", "after_s": time.monotonic() - started}), flush=True)
    if args.expect:
        # with --expect, wait for "go" (every swarm has published), then until each of ours
        # receives video from everyone else
        await _stdin_line()

        def complete() -> bool:
            return all(
                sum(1 for s in p.subscriptions.values() if s.tracks.get("video") and s.tracks["video"].frames) >= args.expect - 1
                for p in people
            )

        deadline = time.monotonic() + 60
        while not complete() and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
    print(json.dumps({"event": "joined", "after_s": time.monotonic() - started}), flush=True)
    await asyncio.sleep(args.settle)
    first = _counts(people)
    cpu0, t0 = time.process_time(), time.monotonic()
    await asyncio.sleep(args.seconds)
    second = _counts(people)
    cpu = time.process_time() - cpu0
    window = time.monotonic() - t0
    reports = [p.report() for p in people]
    result = {"participants": reports, "window_s": window, "client_cpu_s": cpu, "counts": [first, second]}
    print(json.dumps({"event": "report", **result}), flush=True)
    if args.expect:
        await _stdin_line()  # "stop": leave together, so nobody's counts end early
    for p in people:
        await p.stop()
    return result


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="simulated courtroom participants (a swarm)")
    parser.add_argument("--url", required=True, help="WebSocket URL with {participant} in it")
    parser.add_argument("--participants", type=int, default=2)
    parser.add_argument("--offset", type=int, default=0, help="first participant number (p<offset>...)")
    parser.add_argument("--seconds", type=float, default=10.0, help="measured window")
    parser.add_argument("--settle", type=float, default=3.0, help="seconds after joining before the window")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=720)
    parser.add_argument("--fps", type=int, default=30)
    parser.add_argument("--bitrate", type=int, default=1_500_000)
    parser.add_argument("--replay", action="store_true", help="replay pre-encoded video (cheap) instead of encoding live")
    parser.add_argument("--receive", choices=RECEIVE_MODES, default="headers", help="what subscribers do with media (see SimulatedParticipant)")
    parser.add_argument("--expect", type=int, default=0, help="total participants across swarms: coordinate over stdin (go/stop)")
    parser.add_argument(
        "--speech",
        default=str(Path(os.environ.get("COURTROOM_SPEECH_DIR", Path(__file__).resolve().parents[2] / "tests/data/speech")) / "zh_court_60s.flac"),
        help="speech file to send (synthetic speech-like sound when it does not exist)",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(run_swarm(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
