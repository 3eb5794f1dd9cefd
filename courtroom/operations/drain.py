"""Graceful drain on SIGTERM: no new joins, every terminal told 服务器即将维护, open hearings
given a configurable time to close, then every recording closed cleanly.

web/server.py calls `drain(ctx, grace_s)` on the first SIGTERM, then lets uvicorn stop (a
second SIGTERM or SIGINT stops at once). While draining, /readyz answers 503 naming
`draining` so a load balancer sends no new hearing here, and the live socket refuses new
joins with `server_draining`; the hearings already connected carry on until they close
or the grace period ends. There is one server process per hearing today, so there is no
other worker to hand a hearing over to: a hearing still open at the end of the grace
period is stopped as on any server stop (recordings closed, not damaged) and resumes on
the same hearing clock when its participants join the upgraded server.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import time
from typing import Any

from models.domain import HearingState

# The server context (courtroom.context.ServerContext), typed loosely: operations sits below it.
ServerContext = Any

log = logging.getLogger(__name__)
MAINTENANCE_MESSAGE = "服务器即将维护，请尽快结束本次庭审；维护后可重新进入 (server maintenance soon)"
DEFAULT_GRACE_S = 600.0
_LIVE = (HearingState.OPEN, HearingState.PAUSED)


def grace_seconds(ctx: ServerContext) -> float:
    """Settings.drain_grace_s (COURTROOM_DRAIN_GRACE_S, default 600): how long SIGTERM waits for open hearings."""
    return float(getattr(ctx.settings, "drain_grace_s", DEFAULT_GRACE_S))


@dataclasses.dataclass(frozen=True)
class DrainReport:
    rooms_told: int
    still_open_at_deadline: int
    waited_s: float


def _rooms(ctx: ServerContext) -> dict:
    return dict(getattr(ctx.rooms, "_rooms", {}) or {})


def _open(ctx: ServerContext) -> list:
    return [r for r in _rooms(ctx).values() if r.hearing.state in _LIVE]


async def drain(ctx: ServerContext, grace_s: float | None = None, *, poll_s: float = 0.2) -> DrainReport:
    """Stop taking joins, tell every terminal, wait up to `grace_s` for open hearings to
    close, then close every room (recordings finished cleanly)."""
    grace_s = grace_seconds(ctx) if grace_s is None else grace_s
    ctx.draining = True
    t0 = time.monotonic()
    told = 0
    for room in _rooms(ctx).values():
        try:
            await room.broadcast({"type": "maintenance", "message": MAINTENANCE_MESSAGE, "grace_s": grace_s})
            told += 1
        except Exception:
            log.exception("telling hearing %s about maintenance failed", room.hearing.id)
    log.info("draining: %d live hearing(s) told, waiting up to %.0f s for them to close", told, grace_s)
    while _open(ctx) and time.monotonic() - t0 < grace_s:
        await asyncio.sleep(poll_s)
    left = len(_open(ctx))
    if left:
        log.warning("draining: %d hearing(s) still open after %.0f s; closing their connections and recordings",
                    left, grace_s)
    shutdown = getattr(ctx.rooms, "shutdown", None)
    if shutdown is not None:
        await shutdown()
    return DrainReport(told, left, round(time.monotonic() - t0, 2))
