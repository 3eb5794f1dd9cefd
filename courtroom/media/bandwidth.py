"""Per-subscriber bandwidth: an estimate from the subscriber's own feedback, and a video
allocation that fits in it, by priority, audio first.

Estimate (like libwebrtc's send-side controller, without transport-cc): the loss-based
rule of GCC on the subscriber's RTCP receiver reports (more than 8% lost: cut by half
the loss; under 4%: grow 15% a second), a back-off when the round trip grows by more
than QUEUE_DELAY_S (and doubles) over its minimum (RTCP round trips are
noisy: measured here, +-40 ms on an idle 80 ms path) (a bottleneck queue filling, before it drops), and
no growth past 1.5 times what was really sent plus 500 kbit/s (room for the next
allocation step) (an untested
estimate would be spent at once). The subscriber's REMB is recorded but not used (see
`bps`).

Allocation, in the order the courtroom needs (every word heard, the speaker seen):
audio is reserved first and never cut; then video is reduced step by step until it
fits: the others' frame rate, the others to keyframe-only thumbnails, the speaker's (and
presiding judge's) frame rate down to half, the others paused, then the speaker to a
quarter frame rate, keyframes only, and last paused (audio only). A stream without
temporal layers has no reduced frame rate: full, keyframe-only or paused. Upgrades wait
until the estimate has held for UPGRADE_HOLD_S with UPGRADE_MARGIN to spare (each one
costs a keyframe or a burst); downgrades happen at once.
"""

from __future__ import annotations

import dataclasses
import enum
import time
from collections.abc import Iterable
from typing import Optional

INITIAL_BPS = 1_500_000
MIN_BPS = 100_000
MAX_BPS = 20_000_000
GROWTH_PER_S = 0.15
LOSS_HIGH = 0.08  # lower than GCC's 10 %: the audio shares the loss, and every word must be heard
LOSS_LOW = 0.04  # above GCC's 2 %: a link with 3 % random loss (no congestion) must still grow
DECREASE_INTERVAL_S = 0.3  # one congestion event shows in several reports (one per connection)
QUEUE_DELAY_S = 0.12  # round trip this much above its minimum: a queue is building, back off
QUEUE_BACKOFF = 0.85
MEDIA_SHARE = 0.8  # of the estimate, for media; the rest for resends, RTCP and a margin that keeps the bottleneck's queue (and the audio in it) short
RESEND_SHARE = 0.15  # of the estimate, the retransmission budget
UPGRADE_MARGIN = 1.10
SENT_HEADROOM = 1.5  # the estimate grows to at most this times the sent rate...
PROBE_BPS = 500_000  # ...plus this: room for the next allocation step (a stream's next layer or two)
UPGRADE_HOLD_S = 1.5
# Capacity memory (GCC's "link capacity" region): the rate that was being sent when the
# link last pushed back (loss or a growing queue). Near it the estimate grows slowly, so it
# does not overshoot into the bottleneck's queue every few seconds (measured: 2.3-3.2 Mbit/s
# estimates on a 2 Mbit/s link, each one a full 300 ms queue and a gap in the audio).
CAPACITY_NEAR = 0.9
NEAR_CAPACITY_GROWTH_PER_S = 0.015
CAPACITY_MEMORY_S = 30.0  # forgotten after this long without a push back: links change
AUDIO_RESERVE_BPS = 60_000  # Opus at 32 kbps and 50 packets/s of headers (IP, UDP, SRTP, RTP)


class Level(enum.IntEnum):
    """What a subscriber gets of one video stream, from nothing to everything."""

    PAUSED = 0
    KEYFRAMES = 1  # thumbnails: keyframes only
    BASE = 2  # temporal layer 0 (a quarter of the frames with L1T3, half with L1T2)
    MIDDLE = 3  # layers 0 and 1 (half the frames with L1T3)
    FULL = 4

    def max_tid(self) -> Optional[int]:
        """The highest temporal layer forwarded (None: all, or none for KEYFRAMES/PAUSED)."""
        return {Level.BASE: 0, Level.MIDDLE: 1}.get(self)


@dataclasses.dataclass
class VideoStream:
    """One publisher's video as one subscriber could receive it."""

    publisher: str
    high_priority: bool  # the current speaker or the presiding judge
    layer_bps: list[float]  # measured bitrate of each temporal layer (one entry: no layers)
    keyframe_bps: float  # measured bitrate of its keyframes alone

    def cost(self, level: Level) -> float:
        if level == Level.PAUSED:
            return 0.0
        if level == Level.KEYFRAMES:
            return self.keyframe_bps
        layers = len(self.layer_bps)
        if level == Level.FULL or layers == 1:
            return sum(self.layer_bps)
        upto = 1 if level == Level.BASE else min(2, layers)
        return sum(self.layer_bps[:upto])

    def levels(self) -> list[Level]:
        if len(self.layer_bps) >= 3:
            return [Level.FULL, Level.MIDDLE, Level.BASE, Level.KEYFRAMES, Level.PAUSED]
        if len(self.layer_bps) == 2:
            return [Level.FULL, Level.BASE, Level.KEYFRAMES, Level.PAUSED]
        return [Level.FULL, Level.KEYFRAMES, Level.PAUSED]


def _reduction_order(streams: list[VideoStream]) -> list[tuple[str, Level]]:
    """(publisher, level) steps, applied in turn until the allocation fits."""
    steps: list[tuple[str, Level]] = []
    others = [s for s in streams if not s.high_priority]
    first = [s for s in streams if s.high_priority]

    def step_to(group: list[VideoStream], level: Level) -> None:
        for s in group:
            candidates = [lv for lv in s.levels() if lv <= level]
            if candidates:
                steps.append((s.publisher, max(candidates)))

    step_to(others, Level.MIDDLE)
    step_to(others, Level.BASE)
    # the others to thumbnails before the speaker loses a frame: the speaker is to be seen
    # (measured: cut to half its frame rate first, the speaker got 18 fps on a 3 % lossy link)
    step_to(others, Level.KEYFRAMES)
    step_to(first, Level.MIDDLE)
    step_to(others, Level.PAUSED)
    step_to(first, Level.BASE)
    step_to(first, Level.KEYFRAMES)
    step_to(first, Level.PAUSED)
    return steps


def allocate(budget_bps: float, streams: Iterable[VideoStream]) -> dict[str, Level]:
    """The best level of each stream whose total cost fits in `budget_bps` (video only)."""
    streams = list(streams)
    levels = {s.publisher: Level.FULL for s in streams}
    by_id = {s.publisher: s for s in streams}

    def total() -> float:
        return sum(by_id[p].cost(lv) for p, lv in levels.items())

    for publisher, level in _reduction_order(streams):
        if total() <= budget_bps:
            break
        if level < levels[publisher]:
            levels[publisher] = level
    return levels


class BandwidthEstimate:
    """One subscriber's estimate from its receiver reports and REMB."""

    def __init__(self, initial_bps: float = INITIAL_BPS, now: Optional[float] = None) -> None:
        self.loss_based_bps = float(initial_bps)
        self._remb: dict[object, float] = {}  # connection -> its latest REMB
        self._last_update = time.monotonic() if now is None else now
        self._last_decrease = -1e9
        self.last_loss = 0.0
        self.average_loss = 0.0  # over the last few reports (of all the subscriber's streams)
        self.rtt_s: Optional[float] = None
        self.min_rtt_s: Optional[float] = None
        self.sent_bps: Optional[float] = None
        self.capacity_bps: Optional[float] = None
        self._capacity_at = -1e9

    @property
    def bps(self) -> float:
        # REMB is kept for the record, not used: measured here, each connection's REMB
        # (aiortc's, like Chrome's receive-side estimate) describes only its own stream,
        # goes stale when the allocation pauses that stream, and summed it capped a
        # 2 Mbit/s link at 625 kbit/s. Loss and round-trip growth describe the link.
        return max(MIN_BPS, self.loss_based_bps)

    @property
    def remb_bps(self) -> Optional[float]:
        return sum(self._remb.values()) if self._remb else None

    @property
    def media_bps(self) -> float:
        return self.bps * MEDIA_SHARE

    @property
    def resend_bps(self) -> float:
        return self.bps * RESEND_SHARE

    def on_remb(self, connection: object, bps: float) -> None:
        # a REMB far above what we send says "no limit seen"; keep it, min() handles it
        self._remb[connection] = float(bps)

    def forget(self, connection: object) -> None:
        self._remb.pop(connection, None)

    def on_report(self, fraction_lost: float, now: Optional[float] = None) -> None:
        """A receiver report block: the share of packets lost since the previous one (0..1)."""
        now = time.monotonic() if now is None else now
        dt = min(2.0, max(0.0, now - self._last_update))
        self._last_update = now
        self.last_loss = fraction_lost
        self.average_loss = 0.8 * self.average_loss + 0.2 * fraction_lost
        if fraction_lost > LOSS_HIGH:
            if now - self._last_decrease >= DECREASE_INTERVAL_S:
                self._pushed_back(now)
                self.loss_based_bps *= 1 - 0.5 * fraction_lost
        elif min(fraction_lost, self.average_loss) < LOSS_LOW and now - self._last_decrease > 1.0:
            # one report counts some 50-100 packets: with 3 % random loss, a third of them
            # read over 4 %; the average says whether the link is really that lossy
            growth = GROWTH_PER_S
            if self.capacity_bps is not None:
                if now - self._capacity_at > CAPACITY_MEMORY_S:
                    self.capacity_bps = None
                elif self.loss_based_bps >= CAPACITY_NEAR * self.capacity_bps:
                    growth = NEAR_CAPACITY_GROWTH_PER_S
            grown = self.loss_based_bps * (1 + growth) ** dt
            # Like GCC: no growth past what the sending has shown the link carries (an
            # estimate far above the sent rate is untested, and the allocation would
            # spend it at once). Probing happens in the allocation's steps.
            ceiling = SENT_HEADROOM * self.sent_bps + PROBE_BPS if self.sent_bps is not None else grown
            self.loss_based_bps = max(self.loss_based_bps, min(grown, ceiling))
        self.loss_based_bps = min(MAX_BPS, max(MIN_BPS, self.loss_based_bps))

    def on_sent_rate(self, bps: float) -> None:
        """What was really sent to this subscriber lately (media, resends excluded)."""
        self.sent_bps = bps if self.sent_bps is None else 0.7 * self.sent_bps + 0.3 * bps

    def on_rtt(self, rtt_s: float, now: Optional[float] = None) -> None:
        now = time.monotonic() if now is None else now
        if not 0.002 < rtt_s < 10:
            return  # aiortc's RTT from a report that does not match its last SR can be <= 0
        self.rtt_s = rtt_s if self.rtt_s is None else 0.8 * self.rtt_s + 0.2 * rtt_s
        self.min_rtt_s = rtt_s if self.min_rtt_s is None else min(self.min_rtt_s, rtt_s)
        # one late report is noise (a busy receiver: measured up to +200 ms on this shared
        # machine, and backing off on each spiralled a 2 Mbit/s estimate down to 0.6);
        # a queue shows in the smoothed round trip too
        queue = rtt_s > self.min_rtt_s + QUEUE_DELAY_S and self.rtt_s > self.min_rtt_s + QUEUE_DELAY_S
        if queue and rtt_s > 2 * self.min_rtt_s and now - self._last_decrease >= DECREASE_INTERVAL_S:
            self._last_decrease = now
            self.loss_based_bps = max(MIN_BPS, self.loss_based_bps * QUEUE_BACKOFF)

    def _pushed_back(self, now: float) -> None:
        """The link dropped packets: remember what was being sent then (not on a round trip
        alone: too noisy here to set a ceiling by)."""
        self._last_decrease = now
        queue = self.rtt_s is not None and self.min_rtt_s is not None and self.rtt_s > self.min_rtt_s + QUEUE_DELAY_S / 2
        if self.sent_bps is None or not queue:
            return  # loss without a queue: random loss, it says nothing of the link's capacity
        # what was sent when the bottleneck's queue overflowed (the allocation often sends
        # well under the estimate: its steps are coarse)
        sample = min(self.loss_based_bps, self.sent_bps)
        if self.capacity_bps is None or now - self._capacity_at > CAPACITY_MEMORY_S:
            self.capacity_bps = sample
        else:
            self.capacity_bps = 0.6 * self.capacity_bps + 0.4 * sample
        self._capacity_at = now


class Allocator:
    """Keeps a subscriber's levels: down at once, up only after the estimate has held."""

    def __init__(self) -> None:
        self.levels: dict[str, Level] = {}
        self._upgrade_since: Optional[float] = None

    def update(self, budget_bps: float, streams: list[VideoStream], now: Optional[float] = None) -> dict[str, Level]:
        """The levels for this budget: lower at once where needed; one stream one step up
        (speaker first) once the budget has had room for it for UPGRADE_HOLD_S."""
        now = time.monotonic() if now is None else now
        wanted = allocate(budget_bps, streams)
        result: dict[str, Level] = {}
        candidates = []
        for s in streams:
            current = self.levels.get(s.publisher)
            if current is None or wanted[s.publisher] <= current:
                result[s.publisher] = wanted[s.publisher]
                continue
            result[s.publisher] = current
            above = [lv for lv in s.levels() if lv > current]
            if above:
                candidates.append((not s.high_priority, s.publisher, min(above)))
        stepped = False
        if candidates and self._upgrade_since is not None and now - self._upgrade_since >= UPGRADE_HOLD_S:
            for _, publisher, level in sorted(candidates):
                trial = {**result, publisher: level}
                by_id = {s.publisher: s for s in streams}
                if sum(by_id[p].cost(lv) for p, lv in trial.items()) * UPGRADE_MARGIN <= budget_bps:
                    result = trial
                    stepped = True
                    break
        if stepped or not candidates:
            self._upgrade_since = now if stepped else None
        elif self._upgrade_since is None:
            self._upgrade_since = now
        self.levels = result
        return result
