"""Being a worker, and noticing dead ones: the loops around models/workers.py.

`WorkerMembership` registers a worker process and heartbeats every HEARTBEAT_S with its
load. `Reaper` runs in every front (any number of them: the database gives each death
to one) and declares dead the workers whose heartbeats stopped.

A database outage stops heartbeats and reaping alike; so that its end does not look
like every worker dying at once, a reaper declares deaths only after it has itself
reached the database for DEAD_AFTER_S without a break, time for live workers to beat.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from models import workers

log = logging.getLogger(__name__)


async def _call(fn: Callable[..., Any] | None, *args: Any) -> None:
    if fn is None:
        return
    result = fn(*args)
    if inspect.isawaitable(result):
        await result


class WorkerMembership:
    """Register, heartbeat, deregister. `load()` is sampled at each heartbeat; `on_gone`
    is called once if the database says this worker was declared dead meanwhile."""

    def __init__(self, pool: Any, *, kind: str, name: str, address: str, capacity: float,
                 load: Callable[[], float] = lambda: 0.0, detail: Callable[[], dict[str, Any]] | None = None,
                 on_gone: Callable[[], Awaitable[None] | None] | None = None,
                 interval_s: float = workers.HEARTBEAT_S) -> None:
        self.pool = pool
        self.kind, self.name, self.address, self.capacity = kind, name, address, capacity
        self._load = load
        self._detail = detail
        self._on_gone = on_gone
        self.interval_s = interval_s
        self.worker_id: uuid.UUID | None = None
        self.state = "new"
        self.beats = 0
        self._task: asyncio.Task | None = None

    async def start(self) -> uuid.UUID:
        self.worker_id = await workers.register(self.pool, kind=self.kind, name=self.name, address=self.address,
                                                capacity=self.capacity, detail=self._detail() if self._detail else None)
        self.state = "live"
        self._task = asyncio.get_running_loop().create_task(self._beat(), name=f"heartbeat-{self.name}")
        log.info("registered %s worker %s (%s) at %s, capacity %g", self.kind, self.worker_id, self.name, self.address,
                 self.capacity)
        return self.worker_id

    async def stop(self, *, deregister: bool = True) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
            self._task = None
        if deregister and self.worker_id is not None and self.state in ("live", "draining"):
            await workers.deregister(self.pool, self.worker_id)
            self.state = "stopped"

    async def _beat(self) -> None:
        assert self.worker_id is not None
        while True:
            started = time.monotonic()
            try:
                self.state = await workers.heartbeat(self.pool, self.worker_id, load=float(self._load()),
                                                     detail=self._detail() if self._detail else None)
                self.beats += 1
            except workers.WorkerGone:
                self.state = "dead"
                log.error("worker %s was declared dead (heartbeats missed): it must stop serving its hearings",
                          self.worker_id)
                await _call(self._on_gone)
                return
            except Exception as exc:  # the database restarting: keep trying, the pool reconnects
                log.warning("heartbeat failed: %r", exc)
            await asyncio.sleep(max(0.0, self.interval_s - (time.monotonic() - started)))


class Reaper:
    """Declares dead the workers whose heartbeats stopped, every REAP_EVERY_S."""

    def __init__(self, pool: Any, *, on_dead: Callable[[dict[str, Any]], Awaitable[None] | None] | None = None,
                 every_s: float = workers.REAP_EVERY_S, dead_after_s: float = workers.DEAD_AFTER_S) -> None:
        self.pool = pool
        self._on_dead = on_dead
        self.every_s = every_s
        self.dead_after_s = dead_after_s
        self.deaths: list[dict[str, Any]] = []
        self._task: asyncio.Task | None = None
        self._connected_since: float | None = None

    async def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run(), name="worker-reaper")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
            self._task = None

    async def reap_once(self) -> list[dict[str, Any]]:
        async with self.pool.acquire() as conn:
            dead = await workers.reap_dead(conn, dead_after_s=self.dead_after_s)
        for d in dead:
            log.warning("%s worker %s (%s) declared dead after %.1f s without a heartbeat; its hearings: %s",
                        d["kind"], d["worker"], d["name"], d["silent_s"], [str(h) for h in d["hearings"]])
            self.deaths.append(d)
            try:
                await _call(self._on_dead, d)
            except Exception:
                log.exception("on_dead failed for worker %s", d["worker"])
        return dead

    async def _run(self) -> None:
        while True:
            try:
                async with self.pool.acquire() as conn:
                    await workers.now(conn)  # the database answers
                if self._connected_since is None:
                    self._connected_since = time.monotonic()
                if time.monotonic() - self._connected_since >= self.dead_after_s:
                    await self.reap_once()
            except Exception as exc:
                self._connected_since = None
                log.warning("reaper cannot reach the database: %r", exc)
            await asyncio.sleep(self.every_s)
