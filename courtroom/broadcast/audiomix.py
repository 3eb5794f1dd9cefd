"""The broadcast's sound: each participant's decoded audio placed on the hearing clock,
and the mix of everyone not masked.

Positions are sample indices at 48 kHz of hearing time (position = hearing_time x 48000).
A participant's packets carry the capture-time estimate of their publication (never
earlier than the real capture, see forwarding.py); consecutive packets whose estimates
agree within `SNAP_SAMPLES` are laid end to end, so the small corrections of that
estimate do not open gaps or overlaps (clicks), while a real jump (loss, mute, a
reconnect) starts a new run at its own position. Audio that arrives after its place was
mixed is dropped."""

from __future__ import annotations

import collections
from collections.abc import Iterable

import numpy as np

RATE = 48000
# 20 ms: a jump larger than this between consecutive packets is a real gap.
SNAP_SAMPLES = 960


class AudioTimeline:
    """One participant's audio on the hearing clock, as runs of samples at 48 kHz."""

    def __init__(self, horizon_s: float = 10.0) -> None:
        self._chunks: collections.deque[tuple[int, np.ndarray]] = collections.deque()
        self._next: int | None = None
        self._horizon = int(horizon_s * RATE)
        self.read_from = 0  # everything before this was mixed already
        self.dropped_late = 0

    def write(self, pcm: np.ndarray, position: int) -> None:
        """Place float32 mono samples whose first sample was captured at `position`."""
        if self._next is not None and abs(position - self._next) <= SNAP_SAMPLES:
            position = self._next
        self._next = position + len(pcm)
        if position < self.read_from:  # late: its start was mixed already
            cut = min(len(pcm), self.read_from - position)
            self.dropped_late += cut
            pcm, position = pcm[cut:], position + cut
            if not len(pcm):
                return
        self._chunks.append((position, pcm))
        # Never hold more than the horizon (a stalled mixer must not grow memory).
        while self._chunks and self._chunks[0][0] + len(self._chunks[0][1]) < self._next - self._horizon:
            self._chunks.popleft()

    def read(self, start: int, count: int, out: np.ndarray) -> bool:
        """Add samples [start, start+count) into `out` (zeros where nothing was captured);
        forget what lies before start+count. True if anything was added."""
        end = start + count
        added = False
        keep: list[tuple[int, np.ndarray]] = []
        while self._chunks:
            pos, pcm = self._chunks[0]
            if pos >= end:
                break
            self._chunks.popleft()
            lo, hi = max(pos, start), min(pos + len(pcm), end)
            if hi > lo:
                out[lo - start: hi - start] += pcm[lo - pos: hi - pos]
                added = True
            if pos + len(pcm) > end:  # the rest belongs to later blocks
                keep.append((end, pcm[end - pos:]))
        self._chunks.extendleft(reversed(keep))
        self.read_from = max(self.read_from, end)
        return added

    def discard_until(self, position: int) -> None:
        """Forget everything before `position` unmixed (masked, off the air)."""
        while self._chunks and self._chunks[0][0] < position:
            pos, pcm = self._chunks.popleft()
            if pos + len(pcm) > position:
                self._chunks.appendleft((position, pcm[position - pos:]))
                break
        self.read_from = max(self.read_from, position)


def mix(timelines: Iterable[AudioTimeline], start: int, count: int) -> np.ndarray:
    """The sum of the timelines over [start, start+count), limited to [-1, 1]."""
    out = np.zeros(count, np.float32)
    for timeline in timelines:
        timeline.read(start, count, out)
    np.clip(out, -1.0, 1.0, out=out)
    return out
