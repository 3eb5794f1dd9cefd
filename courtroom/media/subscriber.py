"""One subscriber's side of the forwarder: its bandwidth estimate, its pacer (audio first),
its retransmission budget and the video levels it gets of each publisher.

A subscriber receives each publisher over its own peer connection, but all of them
share the subscriber's one link: the estimate, the pacer and the budget are per
subscriber (a `SubscriberLink`), fed by the feedback of all its connections.

- Pacer: audio is sent at once; video leaves at the pacing rate (PACING_FACTOR times
  the estimate), so the bottleneck's queue stays short and the audio behind it on time.
  Video that waited longer than MAX_VIDEO_QUEUE_S is dropped and its track waits for
  the next keyframe: a stale picture is worth less than the audio behind it.
- Resends: NACKed packets are resent from a token bucket filled at RESEND_SHARE of the
  estimate, never for packets older than a few round trips (the picture they belong to
  is late anyway).
- Allocation: every ALLOCATE_INTERVAL_S the video levels are set by priority
  (courtroom/media/bandwidth.py); the subscriber is told when its video is reduced.
"""

from __future__ import annotations

import asyncio
import collections
import logging
import time
from collections.abc import Callable
from typing import Any, Optional, Protocol

from courtroom.media.bandwidth import AUDIO_RESERVE_BPS, Allocator, BandwidthEstimate, Level, VideoStream

logger = logging.getLogger(__name__)

PACING_FACTOR = 1.25  # video leaves at about the estimate: a keyframe queues here, not in the bottleneck (where the audio waits behind it)
MAX_VIDEO_QUEUE_S = 1.0
ALLOCATE_INTERVAL_S = 0.5
RESEND_BURST_S = 0.25
MIN_RESEND_AGE_S = 0.5  # resend anything younger than this (or than 4 RTTs, if longer)
MAX_RESEND_AGE_S = 1.0
# Audio to a subscriber whose link loses packets is sent twice, AUDIO_COPY_DELAY_S apart
# (neither aiortc nor Chrome NACKs Opus): from a smoothed loss over AUDIO_COPY_LOSS, and
# for AUDIO_COPY_HOLD_S after the last time it was (the copies hide the audio's own loss).
AUDIO_COPY_DELAY_S = 0.03
AUDIO_COPY_LOSS = 0.01
AUDIO_COPY_HOLD_S = 10.0
AUDIO_COPY_SHARE = 0.12
LOSS_SAMPLE_PACKETS = 100


class AdaptiveTrack(Protocol):
    """A subscriber's video track as the allocation sees it (ForwardedTrack)."""

    @property
    def publisher_id(self) -> str: ...

    def set_level(self, level: Level) -> None: ...

    def video_stream(self, high_priority: bool) -> VideoStream: ...


class SubscriberLink:
    def __init__(self, subscriber_id: str, priority: Callable[[str], bool],
                 notify: Optional[Callable[[dict[str, Any]], None]] = None) -> None:
        self.subscriber_id = subscriber_id
        self.estimate = BandwidthEstimate()
        self.allocator = Allocator()
        self._priority = priority
        self._notify = notify
        self._tracks: list[AdaptiveTrack] = []
        self._audio_tracks = 0
        self._audio_publishers: collections.Counter[str] = collections.Counter()
        # pacer
        self._video_queue: collections.deque[list[Any]] = collections.deque()  # [queued at, packets left, send, dropped, priority, publisher, started]
        self._tokens = 0.0  # bytes the pacer may send now
        self._tokens_at = time.monotonic()
        self._drain_handle: Optional[asyncio.TimerHandle] = None
        # resends
        self._resend_tokens = 0.0
        self._resend_at = time.monotonic()
        self._task: Optional[asyncio.Task] = None
        self._last_notice: Optional[str] = None
        self.history: list[tuple] = []
        self.events: list[tuple] = []  # lossy or slow receiver reports (time, kind, loss, rtt)
        self._sent_bytes = 0
        self._sent_at = time.monotonic()
        self._allowance_at = time.monotonic()
        self.loss = 0.0  # smoothed share of packets lost, over the receiver reports of all its streams
        self._copy_audio_until = -1e9
        self._loss_sample = [0, 0]  # packets expected and lost, over reports not yet judged
        self.stats = {"resent": 0, "resends_refused_budget": 0, "resends_refused_age": 0, "resent_bytes": 0,
                      "video_dropped_queue": 0, "reallocations": 0, "audio_copies": 0,
                      # what the budget allowed since the start: the integral of its rate, plus one burst
                      "resend_allowance_bytes": 0.0}

    # --- tracks ----------------------------------------------------------------------------

    def add_track(self, track: AdaptiveTrack) -> None:
        self._tracks.append(track)
        if self._task is None:
            self._task = asyncio.ensure_future(self._allocate_loop())
        self.reallocate()

    def remove_track(self, track: AdaptiveTrack) -> None:
        if track in self._tracks:
            self._tracks.remove(track)
        if not self._tracks and self._task is not None:
            self._task.cancel()
            self._task = None

    def is_priority(self, publisher_id: str) -> bool:
        """The current speaker or the presiding judge: the last to be cut, the first repaired."""
        return self._priority(publisher_id)

    def add_audio(self, delta: int, publisher_id: Optional[str] = None) -> None:
        self._audio_tracks = max(0, self._audio_tracks + delta)
        if publisher_id is not None:
            self._audio_publishers[publisher_id] = max(0, self._audio_publishers[publisher_id] + delta)
            if not self._audio_publishers[publisher_id]:
                del self._audio_publishers[publisher_id]

    def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None
        if self._drain_handle is not None:
            self._drain_handle.cancel()
            self._drain_handle = None
        self._video_queue.clear()

    # --- feedback --------------------------------------------------------------------------

    def on_remb(self, connection: object, bps: float) -> None:
        self._account_allowance()
        before = self.estimate.bps
        self.estimate.on_remb(connection, bps)
        if self.estimate.bps < 0.85 * before:
            self.reallocate()

    def on_report(self, fraction_lost: float, rtt_s: Optional[float], kind: str = "",
                  packets: Optional[tuple[int, int]] = None) -> None:
        """A receiver report of one of its streams: the share lost since the previous one,
        the round trip, and (expected, lost) packets since the previous one when known.
        With counts, loss is judged over LOSS_SAMPLE_PACKETS of all its streams together: a
        thumbnail's report covers a few packets, where one loss reads as 10 %+ (measured:
        such reports held a 1 Mbit/s estimate at 0.6-0.7 Mbit/s)."""
        before = self.estimate.bps
        if fraction_lost > 0.02 or (rtt_s and rtt_s > 0.3):
            self.events.append((round(time.monotonic(), 1), kind, round(fraction_lost, 3), round(rtt_s or 0, 3)))
            del self.events[:-40]
        self._account_allowance()  # at the rate that held until now
        sample: Optional[float] = fraction_lost
        if packets is not None:
            self._loss_sample[0] += max(0, packets[0])
            self._loss_sample[1] += max(0, packets[1])
            expected, lost = self._loss_sample
            sample = None
            if expected >= LOSS_SAMPLE_PACKETS:
                sample = min(1.0, lost / expected)
                self._loss_sample = [0, 0]
        if sample is not None:
            self.loss = 0.9 * self.loss + 0.1 * sample
            if self.loss > AUDIO_COPY_LOSS:
                self._copy_audio_until = time.monotonic() + AUDIO_COPY_HOLD_S
            self.estimate.on_report(sample)
        if rtt_s:
            self.estimate.on_rtt(rtt_s)
        if self.estimate.bps < 0.85 * before:
            self.reallocate()

    def forget(self, connection: object) -> None:
        self.estimate.forget(connection)

    # --- allocation ------------------------------------------------------------------------

    def video_budget_bps(self) -> float:
        return max(0.0, self.estimate.media_bps - AUDIO_RESERVE_BPS * (self._audio_tracks + self._audio_copied()))

    @property
    def copying_audio(self) -> bool:
        return time.monotonic() < self._copy_audio_until

    def _copy_all_audio(self) -> bool:
        """Everyone's audio twice, when that costs at most AUDIO_COPY_SHARE of the estimate;
        else only the speaker's and the presiding judge's (on 1 Mbit/s, copies of three
        streams took a third of the link from the speaker's video)."""
        return AUDIO_RESERVE_BPS * self._audio_tracks <= AUDIO_COPY_SHARE * self.estimate.bps

    def _audio_copied(self) -> int:
        """How many audio streams are being sent twice."""
        if not self.copying_audio:
            return 0
        if self._copy_all_audio():
            return self._audio_tracks
        return sum(n for p, n in self._audio_publishers.items() if self._priority(p))

    def audio_copy_delay(self, publisher_id: Optional[str] = None) -> Optional[float]:
        """Seconds after which an audio packet of `publisher_id` is sent again, or None: not now."""
        if not self.copying_audio:
            return None
        if not self._copy_all_audio() and (publisher_id is None or not self._priority(publisher_id)):
            return None
        self.stats["audio_copies"] += 1
        return AUDIO_COPY_DELAY_S

    def reallocate(self) -> None:
        tracks = list(self._tracks)
        if not tracks:
            return
        streams = [t.video_stream(self._priority(t.publisher_id)) for t in tracks]
        levels = self.allocator.update(self.video_budget_bps(), streams)
        for t in tracks:
            t.set_level(levels.get(t.publisher_id, Level.FULL))
        self.stats["reallocations"] += 1
        est = self.estimate
        if self.stats["reallocations"] % 4 == 1:  # a coarse history, for benchmarks/network.py
            self.history.append((round(time.monotonic(), 1), round(est.bps), round(est.loss_based_bps),
                                 round(sum(est._remb.values())) if est._remb else None,  # noqa: SLF001
                                 round(est.rtt_s or 0, 3), round(est.last_loss, 3)))
            del self.history[:-60]
        self._tell(levels)

    def _tell(self, levels: dict[str, Level]) -> None:
        if self._notify is None:
            return
        paused = sorted(p for p, lv in levels.items() if lv <= Level.KEYFRAMES)
        reduced = sorted(p for p, lv in levels.items() if Level.KEYFRAMES < lv < Level.FULL)
        notice = "paused" if paused else "reduced" if reduced else "ok"
        key = f"{notice}:{','.join(paused)}:{','.join(reduced)}"
        if key == self._last_notice:
            return
        self._last_notice = key
        try:
            self._notify({"type": "quality", "state": notice, "paused": paused, "reduced": reduced,
                          "estimate_kbps": round(self.estimate.bps / 1000)})
        except Exception:
            logger.exception("quality notice failed")

    def _account_allowance(self) -> None:
        now = time.monotonic()
        rate = self.estimate.resend_bps / 8
        if not self.stats["resend_allowance_bytes"]:
            self.stats["resend_allowance_bytes"] = rate * RESEND_BURST_S
        self.stats["resend_allowance_bytes"] += (now - self._allowance_at) * rate
        self._allowance_at = now

    async def _allocate_loop(self) -> None:
        while True:
            await asyncio.sleep(ALLOCATE_INTERVAL_S)
            try:
                self._account_allowance()
                self.reallocate()
            except Exception:
                logger.exception("allocation failed")

    # --- pacer -----------------------------------------------------------------------------

    def _refill(self, now: float) -> None:
        rate = self.estimate.bps * PACING_FACTOR / 8
        self._tokens = min(rate * 0.02 + 1500, self._tokens + (now - self._tokens_at) * rate)
        self._tokens_at = now

    def _count_sent(self, size: int, now: float) -> None:
        self._sent_bytes += size
        if now - self._sent_at >= 0.5:
            self.estimate.on_sent_rate(self._sent_bytes * 8 / (now - self._sent_at))
            self._sent_bytes, self._sent_at = 0, now

    def send_audio(self, size: int, send: Callable[[], None]) -> None:
        self._count_sent(size, time.monotonic())
        send()  # audio never waits for video

    def send_video(self, datagrams: list[bytes], send: Callable[[list[bytes]], object], dropped: Callable[[], None],
                   publisher_id: Optional[str] = None) -> None:
        """Send one frame's packets as the pacer allows: at once when it has room, else
        queued (packet by packet), so that a keyframe does not hit the bottleneck as one
        burst. The speaker's and presiding judge's frames go ahead of the others' frames
        that have not started (never ahead of their own publisher's earlier frames): their
        keyframe after a loss does not wait behind everyone's video."""
        now = time.monotonic()
        priority = publisher_id is not None and self._priority(publisher_id)
        entry = [now, list(datagrams), send, dropped, priority, publisher_id, False]
        queue = self._video_queue
        if priority and queue:
            at = len(queue)
            while at > 0 and not (queue[at - 1][4] or queue[at - 1][5] == publisher_id or queue[at - 1][6]):
                at -= 1
            queue.insert(at, entry)
        else:
            queue.append(entry)
        self._drain()

    def _schedule_drain(self) -> None:
        if self._drain_handle is not None or not self._video_queue:
            return
        rate = self.estimate.bps * PACING_FACTOR / 8
        wait = max(0.002, -self._tokens / rate) if self._tokens < 0 else 0.002
        self._drain_handle = asyncio.get_running_loop().call_later(wait, self._drain)

    def _drain(self) -> None:
        if self._drain_handle is not None:
            self._drain_handle.cancel()
            self._drain_handle = None
        now = time.monotonic()
        self._refill(now)
        while self._video_queue and self._tokens >= 0:
            entry = self._video_queue[0]
            queued_at, packets, send, dropped = entry[:4]
            if now - queued_at > MAX_VIDEO_QUEUE_S and not entry[6]:  # (a frame half sent is finished)
                self._video_queue.popleft()
                self.stats["video_dropped_queue"] += 1
                dropped()
                continue
            entry[6] = True  # started
            chunk = []
            while packets and self._tokens >= 0:
                packet = packets.pop(0)
                self._tokens -= len(packet)
                chunk.append(packet)
            if not packets:
                self._video_queue.popleft()
            size = sum(map(len, chunk))
            self._count_sent(size, now)
            try:
                send(chunk)
            except Exception:
                logger.debug("paced send failed", exc_info=True)
        self._schedule_drain()

    # --- resends ---------------------------------------------------------------------------

    def allow_resend(self, size: int, age_s: float) -> bool:
        """May a NACKed packet of `size` bytes, sent `age_s` ago, be sent again?"""
        rtt = self.estimate.rtt_s or 0.1
        if age_s > min(MAX_RESEND_AGE_S, max(MIN_RESEND_AGE_S, 4 * rtt)):
            self.stats["resends_refused_age"] += 1
            return False
        self._account_allowance()
        now = time.monotonic()
        rate = self.estimate.resend_bps / 8
        self._resend_tokens = min(rate * RESEND_BURST_S, self._resend_tokens + (now - self._resend_at) * rate)
        self._resend_at = now
        if self._resend_tokens < size:
            self.stats["resends_refused_budget"] += 1
            return False
        self._resend_tokens -= size
        self.stats["resent"] += 1
        self.stats["resent_bytes"] += size
        return True

