"""The hearing clock: one timeline shared by every recording and transcript segment.

Hearing time is seconds since the hearing was opened. It is measured with the
monotonic clock (so a wall-clock step, e.g. an NTP correction, does not fold the
timeline) and anchored to the wall time of the opening, which the database stores;
after a restart the clock is rebuilt from that stored opening time."""

from __future__ import annotations

import time


class HearingClock:
    """Seconds on the hearing timeline.

    `HearingClock.open()` starts a new timeline now; `HearingClock(opened_at)` restores
    one from the stored wall time (epoch seconds) of the opening."""

    def __init__(self, opened_at: float) -> None:
        self._anchor(opened_at)

    def _anchor(self, opened_at: float) -> None:
        self.opened_at = float(opened_at)
        # Anchor the monotonic clock once: later readings do not follow wall-clock steps.
        wall, mono = time.time(), time.monotonic()
        self._mono_at_open = mono - (wall - self.opened_at)

    def reanchor(self, opened_at: float) -> None:
        """Restart this timeline at `opened_at` (the hearing was opened after the room was
        set up): every consumer holding this clock sees hearing time from the opening."""
        self._anchor(opened_at)

    @classmethod
    def open(cls) -> "HearingClock":
        return cls(time.time())

    def now(self) -> float:
        """Hearing time now, in seconds."""
        return time.monotonic() - self._mono_at_open

    def at_monotonic(self, mono: float) -> float:
        """Hearing time of a `time.monotonic()` reading (e.g. a packet's arrival)."""
        return mono - self._mono_at_open

    def to_wall(self, hearing_time: float) -> float:
        """Wall time (epoch seconds) of a hearing time."""
        return self.opened_at + hearing_time

    def __repr__(self) -> str:
        return f"HearingClock(opened_at={self.opened_at:.3f}, now={self.now():.3f})"
