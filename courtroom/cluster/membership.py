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
import threading
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


# A worker whose event loop has not run for this long serves nobody (its media stopped long
# before): its heartbeat thread then stops beating, so that it is declared dead and its
# hearings move. Far above the few seconds a loop at its CPU quota lags during a join.
LOOP_STALL_S = 15.0


class WorkerMembership:
    """Register, heartbeat, deregister. `load()` and `detail()` are sampled on the event loop
    about every heartbeat; `on_gone` is called once, on the loop, if the database says this
    worker was declared dead meanwhile.

    `url`: beat from a thread of its own, with its own connection to this URL. A media worker
    at its CPU quota during a hearing's join (25 DTLS handshakes on its loop) once lagged over
    DEAD_AFTER_S and was declared dead, its hearings torn down, though it was merely busy. The
    thread beats while the process lives and its loop still turns: a killed process stops at
    once (noticed within the 5 s the design asks), a loop stalled over `loop_stall_s` stops it
    too. Without `url` the beats run on the loop (a process whose loop is never busy)."""

    def __init__(self, pool: Any, *, kind: str, name: str, address: str, capacity: float,
                 load: Callable[[], float] = lambda: 0.0, detail: Callable[[], dict[str, Any]] | None = None,
                 on_gone: Callable[[], Awaitable[None] | None] | None = None,
                 interval_s: float = workers.HEARTBEAT_S, url: str | None = None,
                 loop_stall_s: float = LOOP_STALL_S) -> None:
        self.pool = pool
        self.kind, self.name, self.address, self.capacity = kind, name, address, capacity
        self._load = load
        self._detail = detail
        self._on_gone = on_gone
        self.interval_s = interval_s
        self.url = url
        self.loop_stall_s = loop_stall_s
        self.worker_id: uuid.UUID | None = None
        self.state = "new"
        self.beats = 0
        self.withheld = 0  # beats the thread skipped because the loop had stalled
        self._task: asyncio.Task | None = None  # the beats (on the loop) or the sampler (threaded)
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        # What the loop saw last; the thread reads these (one reference each: safe to swap).
        self._seen = time.monotonic()
        self._load_now = 0.0
        self._detail_now: dict[str, Any] | None = None

    async def start(self) -> uuid.UUID:
        self.worker_id = await workers.register(self.pool, kind=self.kind, name=self.name, address=self.address,
                                                capacity=self.capacity, detail=self._detail() if self._detail else None)
        self.state = "live"
        self._loop = asyncio.get_running_loop()
        self._sample()
        if self.url:
            self._task = self._loop.create_task(self._sampler(), name=f"heartbeat-sampler-{self.name}")
            self._stopping.clear()
            self._thread = threading.Thread(target=self._thread_main, name=f"heartbeat-{self.name}", daemon=True)
            self._thread.start()
        else:
            self._task = self._loop.create_task(self._beat_on_loop(), name=f"heartbeat-{self.name}")
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
        if self._thread is not None:
            self._stopping.set()
            await asyncio.to_thread(self._thread.join, 10.0)
            self._thread = None
        if deregister and self.worker_id is not None and self.state in ("live", "draining"):
            await workers.deregister(self.pool, self.worker_id)
            self.state = "stopped"

    def _sample(self) -> None:
        self._load_now = float(self._load())
        self._detail_now = self._detail() if self._detail else None
        self._seen = time.monotonic()

    async def _beat_once(self, pool: Any) -> bool:
        """One heartbeat; False once this worker learns it was declared dead."""
        assert self.worker_id is not None
        try:
            self.state = await workers.heartbeat(pool, self.worker_id, load=self._load_now, detail=self._detail_now)
            self.beats += 1
        except workers.WorkerGone:
            self.state = "dead"
            log.error("worker %s was declared dead (heartbeats missed): it must stop serving its hearings",
                      self.worker_id)
            return False
        except Exception as exc:  # the database restarting: keep trying, the pool reconnects
            log.warning("heartbeat failed: %r", exc)
        return True

    async def _beat_on_loop(self) -> None:
        while True:
            started = time.monotonic()
            self._sample()
            if not await self._beat_once(self.pool):
                await _call(self._on_gone)
                return
            await asyncio.sleep(max(0.0, self.interval_s - (time.monotonic() - started)))

    async def _sampler(self) -> None:
        """On the loop: what the thread reports, and the proof that the loop turns."""
        while True:
            self._sample()
            await asyncio.sleep(self.interval_s / 2)

    def _thread_main(self) -> None:
        asyncio.run(self._beat_in_thread())

    async def _beat_in_thread(self) -> None:
        from models.db import small_pool

        pool = None
        while pool is None and not self._stopping.is_set():
            try:
                pool = await small_pool(self.url or "", min_size=1, max_size=1)
            except Exception as exc:  # the database not (yet) reachable: as a failed beat
                log.warning("heartbeat connection failed: %r", exc)
                await self._pause(self.interval_s)
        try:
            while pool is not None and not self._stopping.is_set():
                started = time.monotonic()
                stalled = started - self._seen
                if stalled > self.loop_stall_s:
                    if not self.withheld:
                        log.error("worker %s: event loop stalled for %.1f s, heartbeats withheld so that its hearings "
                                  "move", self.worker_id, stalled)
                    self.withheld += 1
                elif not await self._beat_once(pool):
                    self._tell_loop_gone()
                    return
                await self._pause(self.interval_s - (time.monotonic() - started))
        finally:
            if pool is not None:
                await pool.close()

    def _tell_loop_gone(self) -> None:
        """From the thread: run on_gone on the worker's loop."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(loop.create_task, _call(self._on_gone))

    async def _pause(self, seconds: float) -> None:
        """Sleep, but wake within 0.1 s of stop()."""
        end = time.monotonic() + max(0.0, seconds)
        while not self._stopping.is_set() and time.monotonic() < end:
            await asyncio.sleep(min(0.1, end - time.monotonic()))


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
