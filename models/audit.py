"""The audit log (全程留痕): every state change appended with actor and time, each row
linked to the previous row of its scope by sha256 so that a gap or an edit is detectable.

Scopes: one chain per hearing (its id), so a hearing's trail can be exported and checked
on its own, and 'court' for everything else (log-ins, cases, accounts).

Refusals are counted, not appended row by row (`RefusalLog`): the first refusal of a
source in a minute is written at once (so a lone probe is never delayed and survives a
crash), the rest of that minute become one entry with their count. A refusal goes to a
hearing's chain only when the caller belongs to that hearing; an outsider's refusal goes
to the court-wide chain, naming the hearing it aimed at, so that nobody outside a
hearing can write into its trail."""

from __future__ import annotations

import asyncio
import collections
import dataclasses
import datetime as dt
import logging
import time
import uuid
from typing import Any

import asyncpg

from signing.chain import GENESIS, link_hash, verify_chain

COURT_SCOPE = "court"
REFUSAL_WINDOW_S = 60
_MAX_OPEN_WINDOWS = 10_000  # sources counted at once before windows are written early
_MAX_PATHS = 10

log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class Actor:
    """Who did something: a staff member, a participant, or the system itself."""

    name: str
    role: str | None = None

    @classmethod
    def system(cls) -> "Actor":
        return cls("system", "system")


def _entry_body(scope: str, seq: int, at: dt.datetime, actor: str, actor_role: str | None, action: str,
                hearing_id: Any, case_id: Any, detail: dict) -> dict[str, Any]:
    return {
        "scope": scope,
        "seq": seq,
        "at": at.astimezone(dt.timezone.utc).isoformat(),
        "actor": actor,
        "actor_role": actor_role,
        "action": action,
        "hearing_id": str(hearing_id) if hearing_id else None,
        "case_id": str(case_id) if case_id else None,
        "detail": detail,
    }


async def append(conn: asyncpg.Connection, action: str, actor: Actor, *, hearing_id: uuid.UUID | None = None,
                 case_id: uuid.UUID | None = None, detail: dict[str, Any] | None = None) -> dict[str, Any]:
    """Append one event to the hearing's chain (or the court's). Call inside the
    transaction that makes the change, so the change and its trace commit together."""
    scope = str(hearing_id) if hearing_id else COURT_SCOPE
    detail = detail or {}
    async with conn.transaction():
        # The head row serialises appenders of one scope.
        head = await conn.fetchrow("select seq, hash from audit_heads where scope = $1 for update", scope)
        if head is None:
            await conn.execute("insert into audit_heads(scope, seq, hash) values ($1, 0, $2) on conflict do nothing",
                               scope, GENESIS)
            head = await conn.fetchrow("select seq, hash from audit_heads where scope = $1 for update", scope)
        seq = head["seq"] + 1
        prev = head["hash"]
        at = dt.datetime.now(dt.timezone.utc)
        body = _entry_body(scope, seq, at, actor.name, actor.role, action, hearing_id, case_id, detail)
        digest = link_hash(prev, body)
        await conn.execute(
            "insert into audit_events(scope, seq, at, actor, actor_role, action, hearing_id, case_id, detail, prev_hash, hash)"
            " values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)",
            scope, seq, at, actor.name, actor.role, action, hearing_id, case_id, detail, prev, digest,
        )
        await conn.execute("update audit_heads set seq = $2, hash = $3 where scope = $1", scope, seq, digest)
    return {**body, "prev_hash": prev, "hash": digest}


async def entries(conn: asyncpg.Connection | asyncpg.Pool, scope: str) -> list[dict[str, Any]]:
    rows = await conn.fetch("select * from audit_events where scope = $1 order by seq", scope)
    return [
        {
            **_entry_body(r["scope"], r["seq"], r["at"], r["actor"], r["actor_role"], r["action"],
                          r["hearing_id"], r["case_id"], r["detail"]),
            "prev_hash": r["prev_hash"],
            "hash": r["hash"],
        }
        for r in rows
    ]


async def head(conn: asyncpg.Connection | asyncpg.Pool, scope: str) -> tuple[int, str]:
    row = await conn.fetchrow("select seq, hash from audit_heads where scope = $1", scope)
    return (row["seq"], row["hash"]) if row else (0, GENESIS)


async def verify(conn: asyncpg.Connection | asyncpg.Pool, scope: str) -> list[str]:
    """Problems found in one scope's chain; empty when it is intact and ends at the recorded head."""
    if isinstance(conn, asyncpg.Pool):
        async with conn.acquire() as one:
            return await verify(one, scope)
    # Chain and head from one snapshot: an entry appended between the two reads would
    # otherwise look like one removed (seen in CI: "chain ends at seq 34 but the head says 35").
    if conn.is_in_transaction():
        chain = await entries(conn, scope)
        head_seq, head_hash = await head(conn, scope)
    else:
        async with conn.transaction(isolation="repeatable_read", readonly=True):
            chain = await entries(conn, scope)
            head_seq, head_hash = await head(conn, scope)
    problems = verify_chain(chain)
    last = chain[-1] if chain else None
    if (last["seq"] if last else 0) != head_seq or (last["hash"] if last else GENESIS) != head_hash:
        problems.append(f"chain ends at seq {last['seq'] if last else 0} but the head says {head_seq}: entries removed")
    return problems


# -- refusals ---------------------------------------------------------------------------------


@dataclasses.dataclass
class _Window:
    """The refusals of one source in one scope and minute, after the first (already written)."""

    scope_hearing: uuid.UUID | None
    source: str
    start: float
    count: int = 0
    first_at: float | None = None
    last_at: float | None = None
    who: collections.Counter = dataclasses.field(default_factory=collections.Counter)
    codes: collections.Counter = dataclasses.field(default_factory=collections.Counter)
    paths: list[str] = dataclasses.field(default_factory=list)
    target_hearings: set[str] = dataclasses.field(default_factory=set)


def _iso(t: float) -> str:
    return dt.datetime.fromtimestamp(t, dt.timezone.utc).isoformat(timespec="seconds")


class RefusalLog:
    """Access refusals, one entry per source and minute with a count (plus the first one
    of each minute, written at once). `run` writes each minute's counts when it ends;
    `flush` writes them now (shutdown, tests)."""

    def __init__(self, pool: asyncpg.Pool, *, window_s: float = REFUSAL_WINDOW_S,
                 clock: Any = time.time) -> None:
        self.pool = pool
        self.window_s = window_s
        self._clock = clock
        self._windows: dict[tuple[str, str, int], _Window] = {}
        self._flush_lock = asyncio.Lock()
        self._task: asyncio.Task | None = None

    async def refused(self, *, who: str, source: str | None, code: str, path: str, method: str | None = None,
                      hearing_id: uuid.UUID | None = None, member: bool = False,
                      detail: dict[str, Any] | None = None) -> None:
        """Count one refusal. `member`: the caller belongs to `hearing_id` (only then does
        the refusal go into that hearing's chain)."""
        now = self._clock()
        source = (source or "unknown")[:64]
        scope_hearing = hearing_id if (hearing_id is not None and member) else None
        target = str(hearing_id) if (hearing_id is not None and not member) else None
        scope = str(scope_hearing) if scope_hearing else COURT_SCOPE
        minute = int(now // self.window_s)
        key = (scope, source, minute)
        window = self._windows.get(key)
        if window is not None:
            window.count += 1
            window.first_at = window.first_at or now
            window.last_at = now
            window.who[who[:80]] += 1
            window.codes[code] += 1
            if path[:200] not in window.paths and len(window.paths) < _MAX_PATHS:
                window.paths.append(path[:200])
            if target:
                window.target_hearings.add(target)
            return
        # Claimed before the await: refusals arriving meanwhile are counted into it.
        self._windows[key] = _Window(scope_hearing=scope_hearing, source=source, start=minute * self.window_s)
        entry = {"path": path[:200], "method": method, "code": code, "client": source, "count": 1}
        if target:
            entry["target_hearing_id"] = target
        entry.update(detail or {})
        async with self.pool.acquire() as conn:
            await append(conn, "access.denied", Actor(who[:80], None), hearing_id=scope_hearing, detail=entry)
        if len(self._windows) > _MAX_OPEN_WINDOWS:
            await self.flush(everything=True)

    async def flush(self, *, everything: bool = False) -> int:
        """Write the counts of windows that ended (all of them with `everything`); returns
        how many entries were written."""
        async with self._flush_lock:
            current = int(self._clock() // self.window_s)
            due = [k for k in self._windows if everything or k[2] < current]
            written = 0
            for key in due:
                window = self._windows.pop(key)
                if window.count == 0:
                    continue
                actor = window.who.most_common(1)[0][0] if len(window.who) == 1 else "多个身份 (several)"
                entry: dict[str, Any] = {
                    "count": window.count, "repeated": True, "client": window.source,
                    "window_start": _iso(window.start), "first_at": _iso(window.first_at or window.start),
                    "last_at": _iso(window.last_at or window.start), "codes": dict(window.codes),
                    "paths": window.paths, "who": dict(window.who.most_common(10)),
                }
                if window.target_hearings:
                    entry["target_hearing_ids"] = sorted(window.target_hearings)[:_MAX_PATHS]
                async with self.pool.acquire() as conn:
                    await append(conn, "access.denied", Actor(actor[:80], None), hearing_id=window.scope_hearing,
                                 detail=entry)
                written += 1
            return written

    async def run(self) -> None:
        while True:
            now = self._clock()
            await asyncio.sleep(self.window_s - (now % self.window_s) + 0.05)
            try:
                await self.flush()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("writing refusal counts failed")

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self.run(), name="audit-refusals")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
            self._task = None
        await self.flush(everything=True)


async def refusal_count(conn: asyncpg.Connection | asyncpg.Pool, scope: str | None = None) -> int:
    """How many refusals the trail records (each entry counts for its `count`)."""
    sql = "select coalesce(sum(coalesce((detail->>'count')::bigint, 1)), 0) from audit_events where action = 'access.denied'"
    if scope is None:
        return int(await conn.fetchval(sql))
    return int(await conn.fetchval(sql + " and scope = $1", scope))


async def latest(conn: asyncpg.Connection | asyncpg.Pool, scope: str, actions: tuple[str, ...]) -> dict[str, Any] | None:
    """The newest event of one of `actions` in a chain: its action and detail."""
    row = await conn.fetchrow("select action, detail from audit_events where scope = $1 and action = any($2::text[])"
                              " order by seq desc limit 1", scope, list(actions))
    return dict(row) if row is not None else None
