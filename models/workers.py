"""Worker processes and hearing placement, in PostgreSQL (issue 11).

- A worker registers (address, capacity) and heartbeats about every second with its
  load; its heartbeat answers with its state, so a worker declared dead after a long
  stall learns it and stops serving instead of fighting over its old hearings.
- A hearing is placed on the live media worker with the least placed weight per unit
  of capacity, in one transaction under one advisory lock: two fronts placing at once
  never put one hearing on two workers, nor pick from a stale view.
- A worker whose heartbeat is older than DEAD_AFTER_S is declared dead by whoever reaps
  first (an UPDATE ... RETURNING: exactly one reaper gets each death), with an audit
  event in each of its hearings' chains; the hearings are placed again at their next join.
All times are the database's now(): one clock for every machine.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from typing import Any

import asyncpg

from models import audit

HEARTBEAT_S = 1.0
# Three missed heartbeats. With a reaper every REAP_EVERY_S, a death is noticed within
# DEAD_AFTER_S + REAP_EVERY_S + one heartbeat's lateness: under the 5 s the design asks for.
DEAD_AFTER_S = 3.0
REAP_EVERY_S = 1.0
_PLACEMENT_LOCK_ID = 7_341_911  # serialises placements (rare: once per hearing opening or move)
_LIVE = ("live", "draining")


class NoLiveWorker(RuntimeError):
    """No media worker is alive to take a hearing."""


class WorkerGone(RuntimeError):
    """This worker was declared dead or stopped: its hearings belong to others now."""


@dataclasses.dataclass(frozen=True)
class Placement:
    hearing_id: uuid.UUID
    worker_id: uuid.UUID
    address: str
    generation: int
    moved_from: uuid.UUID | None  # the worker it left when this placement moved it
    placed_now: bool  # this call made the placement (first placement or a move)


def _row(r: asyncpg.Record) -> dict[str, Any]:
    return dict(r)


async def register(conn: asyncpg.Connection | asyncpg.Pool, *, kind: str, name: str, address: str, capacity: float,
                   detail: dict[str, Any] | None = None, worker_id: uuid.UUID | None = None) -> uuid.UUID:
    """A new worker process, live from now. Each process start registers anew."""
    if kind not in ("media", "asr"):
        raise ValueError(f"unknown worker kind {kind!r}")
    if not capacity > 0:
        raise ValueError(f"capacity must be positive, got {capacity!r}")
    wid = worker_id or uuid.uuid4()
    await conn.execute("insert into workers(id, kind, name, address, capacity, detail) values ($1,$2,$3,$4,$5,$6)",
                       wid, kind, name, address, capacity, detail or {})
    return wid


async def heartbeat(conn: asyncpg.Connection | asyncpg.Pool, worker_id: uuid.UUID, *, load: float,
                    detail: dict[str, Any] | None = None) -> str:
    """Record that the worker lives, with its load. Returns its state ('live' or
    'draining'); raises WorkerGone when it was declared dead or stopped meanwhile."""
    state = await conn.fetchval(
        "update workers set heartbeat_at = now(), load = $2, detail = coalesce($3, detail)"
        " where id = $1 and state in ('live', 'draining') returning state", worker_id, max(0.0, load), detail)
    if state is None:
        raise WorkerGone(f"worker {worker_id} is no longer live")
    return state


async def set_draining(conn: asyncpg.Connection | asyncpg.Pool, worker_id: uuid.UUID) -> None:
    """Take no new hearings (its own stay until they close or are moved)."""
    await conn.execute("update workers set state = 'draining' where id = $1 and state = 'live'", worker_id)


async def deregister(conn: asyncpg.Connection | asyncpg.Pool, worker_id: uuid.UUID) -> None:
    """A clean stop: the worker is gone; its hearings move at their next join."""
    await conn.execute("update workers set state = 'stopped', ended_at = now() where id = $1 and state in ('live', 'draining')",
                       worker_id)


async def live_workers(conn: asyncpg.Connection | asyncpg.Pool, kind: str = "media") -> list[dict[str, Any]]:
    """Live workers with their placed weight, least loaded first (what placement would pick)."""
    rows = await conn.fetch(
        "select w.*, coalesce(sum(p.weight), 0) as placed_weight, count(p.hearing_id) as hearings"
        " from workers w left join hearing_placements p on p.worker_id = w.id"
        " where w.kind = $1 and w.state in ('live', 'draining') and w.heartbeat_at > now() - make_interval(secs => $2)"
        " group by w.id order by coalesce(sum(p.weight), 0) / w.capacity, w.load / w.capacity, w.started_at",
        kind, DEAD_AFTER_S)
    return [_row(r) for r in rows]


async def place(conn: asyncpg.Connection, hearing_id: uuid.UUID, *, weight: float = 1.0) -> Placement:
    """The worker this hearing lives on: its current one while that is alive, else the
    live media worker with the least placed weight per capacity (ties: least measured
    load). One transaction; never two workers for one hearing."""
    async with conn.transaction():
        await conn.execute("select pg_advisory_xact_lock($1)", _PLACEMENT_LOCK_ID)
        current = await conn.fetchrow(
            "select p.worker_id, p.generation, w.address, w.state = 'live' or w.state = 'draining' as alive,"
            "  w.heartbeat_at > now() - make_interval(secs => $2) as fresh"
            " from hearing_placements p join workers w on w.id = p.worker_id where p.hearing_id = $1",
            hearing_id, DEAD_AFTER_S)
        if current is not None and current["alive"] and current["fresh"]:
            return Placement(hearing_id, current["worker_id"], current["address"], current["generation"], None, False)
        chosen = await conn.fetchrow(
            "select w.id, w.address from workers w left join hearing_placements p on p.worker_id = w.id"
            " where w.kind = 'media' and w.state = 'live' and w.heartbeat_at > now() - make_interval(secs => $1)"
            " group by w.id order by (coalesce(sum(p.weight), 0) + $2) / w.capacity, w.load / w.capacity, random()"
            " limit 1", DEAD_AFTER_S, weight)
        if chosen is None:
            raise NoLiveWorker("没有可用的媒体工作进程 / no live media worker to place the hearing on")
        if current is None:
            await conn.execute("insert into hearing_placements(hearing_id, worker_id, weight) values ($1,$2,$3)",
                               hearing_id, chosen["id"], weight)
            return Placement(hearing_id, chosen["id"], chosen["address"], 1, None, True)
        generation = current["generation"] + 1
        await conn.execute(
            "update hearing_placements set worker_id = $2, weight = $3, generation = $4, placed_at = now(),"
            " previous_worker_id = worker_id where hearing_id = $1", hearing_id, chosen["id"], weight, generation)
        await audit.append(conn, "hearing.moved", audit.Actor.system(), hearing_id=hearing_id,
                           detail={"from_worker": str(current["worker_id"]), "to_worker": str(chosen["id"]),
                                   "generation": generation})
        return Placement(hearing_id, chosen["id"], chosen["address"], generation, current["worker_id"], True)


async def placement(conn: asyncpg.Connection | asyncpg.Pool, hearing_id: uuid.UUID) -> dict[str, Any] | None:
    row = await conn.fetchrow(
        "select p.*, w.address, w.state as worker_state, w.name as worker_name from hearing_placements p"
        " join workers w on w.id = p.worker_id where p.hearing_id = $1", hearing_id)
    return _row(row) if row else None


async def hearings_on(conn: asyncpg.Connection | asyncpg.Pool, worker_id: uuid.UUID) -> list[uuid.UUID]:
    return [r["hearing_id"] for r in await conn.fetch(
        "select hearing_id from hearing_placements where worker_id = $1 order by placed_at", worker_id)]


async def still_placed(conn: asyncpg.Connection | asyncpg.Pool, hearing_id: uuid.UUID, worker_id: uuid.UUID,
                       generation: int) -> bool:
    """Whether this worker still holds the hearing at this generation (a fence for writes)."""
    return bool(await conn.fetchval(
        "select true from hearing_placements where hearing_id = $1 and worker_id = $2 and generation = $3",
        hearing_id, worker_id, generation))


@dataclasses.dataclass(frozen=True)
class Fence:
    """What a media worker holds a hearing by: its own id and the placement generation it
    took the hearing at. A move to another worker bumps the generation, so a worker that
    comes back from a stall holds a stale fence and its writes are refused."""

    hearing_id: uuid.UUID
    worker_id: uuid.UUID
    generation: int


class StaleWriteRefused(RuntimeError):
    """A write by a worker that no longer holds the hearing's placement was refused (and
    the refusal audited, committed): the caller must not retry it, nor ack what it came from
    as done; the hearing's present worker does the write."""

    def __init__(self, fence: Fence, write: str) -> None:
        super().__init__(f"{write} of hearing {fence.hearing_id} refused: worker {fence.worker_id} "
                         f"no longer holds it at generation {fence.generation}")
        self.fence = fence
        self.write = write


async def fence_for(conn: asyncpg.Connection | asyncpg.Pool, hearing_id: uuid.UUID, worker_id: uuid.UUID) -> Fence | None:
    """The fence this worker holds the hearing by now, or None when it is placed elsewhere."""
    generation = await conn.fetchval(
        "select generation from hearing_placements where hearing_id = $1 and worker_id = $2", hearing_id, worker_id)
    return Fence(hearing_id, worker_id, generation) if generation is not None else None


async def hold(conn: asyncpg.Connection, fence: Fence, *, write: str, detail: dict[str, Any] | None = None) -> bool:
    """Whether the fence still holds, checked inside the caller's transaction before its write.
    The placement row stays locked (FOR SHARE) until that transaction ends, so a move waits
    for a write in flight, and a write after a move is refused. A refusal is audited in the
    hearing's chain (hearing.stale_write_refused) in the same transaction; the caller then
    writes nothing and commits."""
    if not conn.is_in_transaction():
        raise RuntimeError("workers.hold must run inside the transaction of the write it fences")
    row = await conn.fetchrow("select worker_id, generation from hearing_placements where hearing_id = $1 for share",
                              fence.hearing_id)
    if row is not None and row["worker_id"] == fence.worker_id and row["generation"] == fence.generation:
        return True
    await audit.append(conn, "hearing.stale_write_refused", audit.Actor.system(), hearing_id=fence.hearing_id,
                       detail={"write": write, "worker": str(fence.worker_id), "generation": fence.generation,
                               "placed_on": str(row["worker_id"]) if row else None,
                               "placed_generation": row["generation"] if row else None, **(detail or {})})
    return False


async def release(conn: asyncpg.Connection | asyncpg.Pool, hearing_id: uuid.UUID, worker_id: uuid.UUID) -> None:
    """The hearing closed on this worker: it needs no placement any more."""
    await conn.execute("delete from hearing_placements where hearing_id = $1 and worker_id = $2", hearing_id, worker_id)


async def reap_dead(conn: asyncpg.Connection, *, dead_after_s: float = DEAD_AFTER_S) -> list[dict[str, Any]]:
    """Declare dead every live worker silent for dead_after_s, and audit it in each of its
    hearings' chains (in the same transaction). Safe from any number of reapers: each
    death is returned to exactly one. Returns [{worker, hearings, silent_s}]."""
    out = []
    async with conn.transaction():
        dead = await conn.fetch(
            "update workers set state = 'dead', ended_at = now()"
            " where state in ('live', 'draining') and heartbeat_at < now() - make_interval(secs => $1)"
            " returning id, kind, name, address, extract(epoch from now() - heartbeat_at)::float8 as silent_s",
            dead_after_s)
        for w in dead:
            hearings = await hearings_on(conn, w["id"])
            for hearing_id in hearings:
                await audit.append(conn, "hearing.worker_lost", audit.Actor.system(), hearing_id=hearing_id,
                                   detail={"worker": str(w["id"]), "worker_name": w["name"], "address": w["address"],
                                           "silent_s": round(w["silent_s"], 2)})
            out.append({"worker": w["id"], "kind": w["kind"], "name": w["name"], "hearings": hearings,
                        "silent_s": w["silent_s"]})
    return out


async def now(conn: asyncpg.Connection | asyncpg.Pool) -> dt.datetime:
    return await conn.fetchval("select now()")


# A worker that died unreplaced stays "missing" (readiness fails, the alert fires) this long.
MISSING_WINDOW_S = 600.0


async def roster(conn: asyncpg.Connection | asyncpg.Pool, kind: str = "media", *,
                 window_s: float = MISSING_WINDOW_S) -> dict[str, list[dict[str, Any]]]:
    """For readiness (courtroom/operations/health.py): the live workers of a kind, and the
    missing ones: silent past DEAD_AFTER_S (killed, not yet reaped) or declared dead in the
    last `window_s`, each unless a worker started after its last heartbeat replaced it
    (a supervisor's restart registers anew). A clean stop ('stopped') is never missing."""
    rows = [_row(r) for r in await conn.fetch(
        "select id, name, address, state, started_at, heartbeat_at, ended_at,"
        "  extract(epoch from now() - heartbeat_at)::float8 as silent_s"
        " from workers where kind = $1 and (state in ('live', 'draining')"
        "  or (state = 'dead' and ended_at > now() - make_interval(secs => $2)))"
        " order by heartbeat_at", kind, window_s)]
    live = [r for r in rows if r["state"] in _LIVE and r["silent_s"] <= DEAD_AFTER_S]
    lost = [r for r in rows if r not in live]
    spare = sorted(live, key=lambda r: r["started_at"])
    missing = []
    for r in lost:  # oldest silence first, each replacement used once
        replacement = next((w for w in spare if w["started_at"] > r["heartbeat_at"]), None)
        if replacement is None:
            missing.append(r)
        else:
            spare.remove(replacement)
    return {"live": live, "missing": missing}
