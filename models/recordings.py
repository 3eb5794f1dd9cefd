"""Recording segments: one row per track between open/resume and pause/close (or a crash).

A segment left 'recording' by a crash is probed at restart and either closed with its
real duration or flagged 'damaged' — never dropped."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import asyncpg

from models import audit


async def start_segment(conn: asyncpg.Connection, *, hearing_id: uuid.UUID, participant_id: uuid.UUID, kind: str,
                        segment_index: int, path: str, codec: str, hearing_start_s: float,
                        wall_start: dt.datetime) -> uuid.UUID:
    rec_id = uuid.uuid4()
    await conn.execute(
        "insert into recordings(id, hearing_id, participant_id, kind, segment_index, path, codec, hearing_start_s,"
        " wall_start) values ($1,$2,$3,$4,$5,$6,$7,$8,$9)",
        rec_id, hearing_id, participant_id, kind, segment_index, path, codec, hearing_start_s, wall_start)
    return rec_id


async def next_segment_index(conn: asyncpg.Connection | asyncpg.Pool, hearing_id: uuid.UUID,
                             participant_id: uuid.UUID, kind: str) -> int:
    return await conn.fetchval(
        "select coalesce(max(segment_index) + 1, 0) from recordings"
        " where hearing_id = $1 and participant_id = $2 and kind = $3", hearing_id, participant_id, kind)


async def finish_segment(conn: asyncpg.Connection, rec_id: uuid.UUID, *, duration_s: float | None, bytes_: int | None,
                         sha256: str | None, damaged_reason: str | None = None,
                         actor: audit.Actor | None = None) -> None:
    state = "damaged" if damaged_reason else "closed"
    async with conn.transaction():
        row = await conn.fetchrow(
            "update recordings set state = $2, duration_s = $3, bytes = $4, sha256 = $5, damaged_reason = $6,"
            " closed_at = now() where id = $1 returning hearing_id, participant_id, kind, segment_index, path",
            rec_id, state, duration_s, bytes_, sha256, damaged_reason)
        if row is not None and damaged_reason:
            await audit.append(conn, "recording.damaged", actor or audit.Actor.system(), hearing_id=row["hearing_id"],
                               detail={"recording_id": str(rec_id), "path": row["path"], "reason": damaged_reason})


async def mark_stored(conn: asyncpg.Connection, rec_id: uuid.UUID, *, sha256: str, bytes_: int) -> bool:
    """The segment's copy is in the court's store, and its digest is the one taken at close."""
    async with conn.transaction():
        row = await conn.fetchrow(
            "update recordings set stored_at = now() where id = $1 and sha256 = $2 and stored_at is null"
            " returning hearing_id", rec_id, sha256)
        if row is not None:
            await audit.append(conn, "recording.stored", audit.Actor.system(), hearing_id=row["hearing_id"],
                               detail={"recording_id": str(rec_id), "sha256": sha256, "bytes": bytes_})
    return row is not None


async def unstored(conn: asyncpg.Connection | asyncpg.Pool, hearing_id: uuid.UUID | None = None) -> list[dict[str, Any]]:
    """Finished segments with a digest and no verified copy in the store yet."""
    rows = await conn.fetch(
        "select * from recordings where state <> 'recording' and sha256 is not null and stored_at is null"
        " and ($1::uuid is null or hearing_id = $1) order by closed_at", hearing_id)
    return [dict(r) for r in rows]


async def for_hearing(conn: asyncpg.Connection | asyncpg.Pool, hearing_id: uuid.UUID) -> list[dict[str, Any]]:
    rows = await conn.fetch(
        "select r.*, p.name as participant_name, p.role as participant_role from recordings r"
        " join participants p on p.id = r.participant_id where r.hearing_id = $1"
        " order by r.hearing_start_s, p.created_at, r.kind", hearing_id)
    return [dict(r) for r in rows]


async def unfinished(conn: asyncpg.Connection | asyncpg.Pool) -> list[dict[str, Any]]:
    """Segments still marked 'recording': after a crash these have no clean end."""
    return [dict(r) for r in await conn.fetch("select * from recordings where state = 'recording'")]


def to_json(r: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": str(r["id"]), "participant_id": str(r["participant_id"]),
        "participant": r.get("participant_name"), "role": r.get("participant_role"),
        "kind": r["kind"], "segment_index": r["segment_index"], "codec": r["codec"], "path": r["path"],
        "hearing_start_s": r["hearing_start_s"], "duration_s": r["duration_s"], "bytes": r["bytes"],
        "sha256": r["sha256"], "state": r["state"], "damaged_reason": r["damaged_reason"],
    }


async def get(conn: asyncpg.Connection | asyncpg.Pool, rec_id: uuid.UUID) -> dict[str, Any] | None:
    row = await conn.fetchrow("select * from recordings where id = $1", rec_id)
    return dict(row) if row is not None else None


async def still_recording(conn: asyncpg.Connection | asyncpg.Pool, hearing_id: uuid.UUID) -> int:
    return await conn.fetchval("select count(*) from recordings where hearing_id = $1 and state = 'recording'", hearing_id)


async def totals_by_state(conn: asyncpg.Connection | asyncpg.Pool) -> dict[str, tuple[int, int]]:
    """{state: (count, bytes)} over every recording segment (metrics: recording bytes, damaged ones)."""
    rows = await conn.fetch("select state, count(*) as n, coalesce(sum(bytes), 0)::bigint as b"
                            " from recordings group by state")
    return {r["state"]: (r["n"], r["b"]) for r in rows}


async def relocate(conn: asyncpg.Connection, old_prefix: str, new_prefix: str) -> int:
    """Point recordings stored under `old_prefix` at `new_prefix` (a restore into another data
    directory); returns how many moved."""
    old = old_prefix.rstrip("/") + "/"
    status = await conn.execute(
        "update recordings set path = $2 || substr(path, length($1) + 1) where left(path, length($1)) = $1",
        old, new_prefix.rstrip("/") + "/")
    # the court's store copies, when the store was in the data directory (the default)
    await conn.execute(
        "update recording_copies set location = $2 || substr(location, length($1) + 1)"
        " where target = 'store' and left(location, length($1)) = $1", old, new_prefix.rstrip("/") + "/")
    return int(status.split()[-1])


async def add_copy(conn: asyncpg.Connection, rec_id: uuid.UUID, *, target: str, location: str, sha256: str, bytes_: int,
                   version_id: str | None = None, lock_mode: str | None = None,
                   retain_until: dt.datetime | None = None) -> bool:
    """Record where a verified copy of the segment is (models/migrations/014). Audited in the
    hearing's chain; False when that copy was recorded already."""
    async with conn.transaction():
        row = await conn.fetchrow(
            "insert into recording_copies(recording_id, target, location, version_id, sha256, bytes, lock_mode, retain_until)"
            " select $1, $2, $3, $4, $5, $6, $7, $8 from recordings where id = $1 and sha256 = $5"
            " on conflict (recording_id, target) do nothing returning (select hearing_id from recordings where id = $1)",
            rec_id, target, location, version_id, sha256, bytes_, lock_mode, retain_until)
        if row is not None and target != "store":  # the store copy has its own event (recording.stored)
            await audit.append(conn, f"recording.copied_{target}", audit.Actor.system(), hearing_id=row[0],
                               detail={"recording_id": str(rec_id), "location": location, "version_id": version_id,
                                       "sha256": sha256, "bytes": bytes_, "lock_mode": lock_mode,
                                       "retain_until": retain_until.isoformat() if retain_until else None})
    return row is not None


async def copies(conn: asyncpg.Connection | asyncpg.Pool, rec_id: uuid.UUID) -> list[dict[str, Any]]:
    return [dict(r) for r in await conn.fetch(
        "select * from recording_copies where recording_id = $1 order by target", rec_id)]


async def without_copy(conn: asyncpg.Connection | asyncpg.Pool, target: str,
                       hearing_id: uuid.UUID | None = None) -> list[dict[str, Any]]:
    """Segments in the court's store with no verified copy at `target` yet (retried later)."""
    rows = await conn.fetch(
        "select r.* from recordings r where r.stored_at is not null and r.sha256 is not null"
        " and not exists (select 1 from recording_copies c where c.recording_id = r.id and c.target = $1)"
        " and ($2::uuid is null or r.hearing_id = $2) order by r.closed_at", target, hearing_id)
    return [dict(r) for r in rows]
