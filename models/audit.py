"""The audit log (全程留痕): every state change appended with actor and time, each row
linked to the previous row of its scope by sha256 so that a gap or an edit is detectable.

Scopes: one chain per hearing (its id), so a hearing's trail can be exported and checked
on its own, and 'court' for everything else (log-ins, cases, accounts)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from typing import Any

import asyncpg

from signing.chain import GENESIS, link_hash, verify_chain

COURT_SCOPE = "court"


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
    chain = await entries(conn, scope)
    problems = verify_chain(chain)
    head_seq, head_hash = await head(conn, scope)
    last = chain[-1] if chain else None
    if (last["seq"] if last else 0) != head_seq or (last["hash"] if last else GENESIS) != head_hash:
        problems.append(f"chain ends at seq {last['seq'] if last else 0} but the head says {head_seq}: entries removed")
    return problems


async def latest(conn: asyncpg.Connection | asyncpg.Pool, scope: str, actions: tuple[str, ...]) -> dict[str, Any] | None:
    """The newest event of one of `actions` in a chain: its action and detail."""
    row = await conn.fetchrow("select action, detail from audit_events where scope = $1 and action = any($2::text[])"
                              " order by seq desc limit 1", scope, list(actions))
    return dict(row) if row is not None else None
