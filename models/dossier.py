"""The electronic dossier (电子卷宗) of a case: append-only entries, each a file in the blob
store, linked into one hash chain per case and volume (正卷 main, 副卷 secondary).

A volume has its own chain so that the main volume, which parties may read, can be
exported and verified without revealing anything of the secondary volume (deliberation
and committee minutes), which parties never see. Entries are exactly the chain entries
that `signing.chain` defines and a filed package's chain.json holds: one definition of
hashing for the database, the package and the offline verifier.

Also here: the outbox of packages pushed to an external dossier system."""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any, Mapping, Sequence

import asyncpg

from models import audit
from signing.chain import GENESIS, append_entry, verify_chain

VOLUMES = ("main", "secondary")
VOLUME_LABELS = {"main": "正卷", "secondary": "副卷"}

# Category of the record itself, and of the recordings, by hearing kind.
RECORD_CATEGORY = {"hearing": "庭审笔录", "deliberation": "合议笔录", "committee": "审判委员会会议记录"}
RECORDING_CATEGORY = {"hearing": "庭审录音录像", "deliberation": "合议录音录像", "committee": "审判委员会会议录音录像"}


def volume_for(hearing_kind: str) -> str:
    """Hearings go into the main volume; deliberations and committee sessions into the secondary."""
    return "main" if hearing_kind == "hearing" else "secondary"


class ChainMoved(RuntimeError):
    """New entries were built on a chain head that is no longer the head."""


@dataclasses.dataclass(frozen=True)
class FileInfo:
    """What the database keeps beside a chain entry: where its bytes are and what to call it."""

    title: str
    blob_sha256: str
    size: int
    media_type: str


def _entry_json(r: asyncpg.Record) -> dict[str, Any]:
    return {
        "id": str(r["id"]), "case_id": str(r["case_id"]), "volume": r["volume"],
        "volume_label": VOLUME_LABELS[r["volume"]], "seq": r["seq"], "entry_id": r["entry_id"], "kind": r["kind"], "path": r["body"].get("path"),
        "category": r["category"], "title": r["title"], "sha256": r["blob_sha256"], "size": r["size"],
        "media_type": r["media_type"], "hearing_id": str(r["hearing_id"]) if r["hearing_id"] else None,
        "record_id": str(r["record_id"]) if r["record_id"] else None, "created_by": r["created_by"],
        "created_at": r["created_at"].isoformat(), "hash": r["hash"], "prev_hash": r["prev_hash"],
    }


async def lock_head(conn: asyncpg.Connection, case_id: uuid.UUID, volume: str) -> tuple[int, str]:
    """Lock the volume's head row until the transaction ends (serialises appenders); (seq, hash)."""
    if volume not in VOLUMES:
        raise ValueError(f"volume must be one of {VOLUMES}")
    await conn.execute("insert into dossier_heads(case_id, volume, seq, hash) values ($1, $2, 0, $3)"
                       " on conflict do nothing", case_id, volume, GENESIS)
    row = await conn.fetchrow("select seq, hash from dossier_heads where case_id = $1 and volume = $2 for update",
                              case_id, volume)
    return row["seq"], row["hash"]


async def chain(conn: asyncpg.Connection | asyncpg.Pool, case_id: uuid.UUID, volume: str) -> list[dict[str, Any]]:
    """The volume's chain as signing.chain entries (body + seq, prev_hash, hash), oldest first."""
    rows = await conn.fetch("select body, seq, prev_hash, hash from dossier_entries"
                            " where case_id = $1 and volume = $2 order by seq", case_id, volume)
    return [{**r["body"], "seq": r["seq"], "prev_hash": r["prev_hash"], "hash": r["hash"]} for r in rows]


async def append_built(conn: asyncpg.Connection, case_id: uuid.UUID, volume: str,
                       new_entries: Sequence[Mapping[str, Any]], files: Mapping[str, FileInfo], *,
                       hearing_id: uuid.UUID | None, record_id: uuid.UUID | None, actor: audit.Actor) -> list[dict]:
    """Store entries already linked onto this volume's head (e.g. by signing.package.build_package).

    Call inside a transaction that took `lock_head` before the entries were built.
    `files` maps each entry's path to its blob. Refuses entries that do not continue the
    head (ChainMoved) or do not verify as a chain."""
    if not new_entries:
        return []
    head_seq, head_hash = await conn.fetchrow(
        "select seq, hash from dossier_heads where case_id = $1 and volume = $2", case_id, volume) or (0, GENESIS)
    problems = verify_chain(new_entries, start_hash=head_hash, start_seq=head_seq + 1)
    if problems:
        raise ChainMoved("; ".join(problems))
    stored = []
    for e in new_entries:
        body = {k: v for k, v in e.items() if k not in ("seq", "prev_hash", "hash")}
        if body.get("volume") not in (None, volume):
            raise ValueError(f"entry {body.get('entry_id')} belongs to volume {body.get('volume')}")
        info = files[e["path"]]
        row = await conn.fetchrow(
            "insert into dossier_entries(id, case_id, volume, seq, entry_id, kind, category, title, blob_sha256, size,"
            " media_type, hearing_id, record_id, created_by, body, prev_hash, hash)"
            " values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17) returning *",
            uuid.uuid4(), case_id, volume, e["seq"], str(body.get("entry_id", "")), str(body.get("kind", "")),
            str(body.get("category", "")), info.title, info.blob_sha256, info.size, info.media_type, hearing_id,
            record_id, actor.name, body, e["prev_hash"], e["hash"])
        stored.append(_entry_json(row))
    last = new_entries[-1]
    await conn.execute("update dossier_heads set seq = $3, hash = $4 where case_id = $1 and volume = $2",
                       case_id, volume, last["seq"], last["hash"])
    await audit.append(conn, "dossier.appended", actor, hearing_id=hearing_id, case_id=case_id,
                       detail={"volume": volume, "from_seq": new_entries[0]["seq"], "to_seq": last["seq"],
                               "head": last["hash"]})
    return stored


async def append(conn: asyncpg.Connection, case_id: uuid.UUID, volume: str, *, entry_id: str, kind: str,
                 category: str, path: str, file: FileInfo, case_number: str, actor: audit.Actor,
                 hearing_id: uuid.UUID | None = None, record_id: uuid.UUID | None = None) -> dict[str, Any]:
    """Append one file (a document filed outside a hearing, for instance) to a volume."""
    async with conn.transaction():
        await lock_head(conn, case_id, volume)
        current = await chain(conn, case_id, volume)
        tail = current[-1:]  # append_entry links onto the last entry
        entry = append_entry(tail, {"entry_id": entry_id, "kind": kind, "path": path, "sha256": file.blob_sha256,
                                    "case_number": case_number, "volume": volume, "category": category})
        stored = await append_built(conn, case_id, volume, [entry], {path: file}, hearing_id=hearing_id,
                                    record_id=record_id, actor=actor)
    return stored[0]


async def entries(conn: asyncpg.Connection | asyncpg.Pool, case_id: uuid.UUID, *, volume: str | None = None,
                  hearing_ids: Sequence[uuid.UUID] | None = None) -> list[dict[str, Any]]:
    """Entries of a case, optionally of one volume and/or of some hearings only."""
    rows = await conn.fetch(
        "select * from dossier_entries where case_id = $1 and ($2::text is null or volume = $2)"
        " and ($3::uuid[] is null or hearing_id = any($3)) order by volume, seq",
        case_id, volume, list(hearing_ids) if hearing_ids is not None else None)
    return [_entry_json(r) for r in rows]


async def get_entry(conn: asyncpg.Connection | asyncpg.Pool, entry_uuid: uuid.UUID) -> dict[str, Any]:
    row = await conn.fetchrow("select * from dossier_entries where id = $1", entry_uuid)
    if row is None:
        raise LookupError("dossier entry not found")
    return _entry_json(row)


async def verify(conn: asyncpg.Connection | asyncpg.Pool, case_id: uuid.UUID, volume: str) -> list[str]:
    """Problems in one volume's chain; empty when intact and ending at the recorded head."""
    if isinstance(conn, asyncpg.Pool):
        async with conn.acquire() as one:
            return await verify(one, case_id, volume)
    # Chain and head from one snapshot, as models.audit.verify: an entry filed between the
    # two reads would otherwise look like one removed.
    async with conn.transaction(isolation=None if conn.is_in_transaction() else "repeatable_read"):
        links = await chain(conn, case_id, volume)
        head = await conn.fetchrow("select seq, hash from dossier_heads where case_id = $1 and volume = $2",
                                   case_id, volume)
    problems = verify_chain(links)
    head_seq, head_hash = (head["seq"], head["hash"]) if head else (0, GENESIS)
    last_seq, last_hash = (links[-1]["seq"], links[-1]["hash"]) if links else (0, GENESIS)
    if (last_seq, last_hash) != (head_seq, head_hash):
        problems.append(f"chain ends at seq {last_seq} but the head says {head_seq}: entries removed")
    return problems


# --- outbox to the external dossier system ---------------------------------------------

# Back-off between attempts: 5 s, 10 s, 20 s ... capped at one hour; never given up.
RETRY_BASE_S = 5.0
RETRY_CAP_S = 3600.0


def retry_delay(attempts: int) -> float:
    return min(RETRY_CAP_S, RETRY_BASE_S * 2 ** max(0, attempts - 1))


async def enqueue_push(conn: asyncpg.Connection, *, record_id: uuid.UUID, url: str, package_sha256: str,
                       idempotency_key: str) -> uuid.UUID:
    """Queue a package for delivery; the same key twice is one delivery."""
    row = await conn.fetchrow(
        "insert into dossier_outbox(id, record_id, url, idempotency_key, package_sha256) values ($1,$2,$3,$4,$5)"
        " on conflict (idempotency_key) do update set idempotency_key = excluded.idempotency_key returning id",
        uuid.uuid4(), record_id, url, idempotency_key, package_sha256)
    return row["id"]


async def claim_due(conn: asyncpg.Connection, *, limit: int = 5, lease_s: float = 120.0) -> list[dict[str, Any]]:
    """Pending deliveries whose time has come, leased to this worker (their next attempt is
    pushed back by `lease_s`, so another server's worker does not send them at the same time)."""
    rows = await conn.fetch(
        "update dossier_outbox set next_attempt_at = now() + make_interval(secs => $2)"
        " where id in (select id from dossier_outbox where state = 'pending' and next_attempt_at <= now()"
        " order by next_attempt_at limit $1 for update skip locked) returning *", limit, lease_s)
    return [dict(r) for r in rows]


async def record_attempt(conn: asyncpg.Connection, outbox_id: uuid.UUID, *, delivered: bool, rejected: bool = False,
                         status: int | None, error: str | None) -> dict[str, Any]:
    row = await conn.fetchrow("select attempts from dossier_outbox where id = $1", outbox_id)
    attempts = row["attempts"] + 1
    state = "delivered" if delivered else ("rejected" if rejected else "pending")
    updated = await conn.fetchrow(
        "update dossier_outbox set attempts = $2, state = $3, last_status = $4, last_error = $5,"
        " next_attempt_at = now() + make_interval(secs => $6),"
        " delivered_at = case when $3 = 'delivered' then now() else delivered_at end where id = $1 returning *",
        outbox_id, attempts, state, status, (error or "")[:500] or None, retry_delay(attempts))
    return dict(updated)


async def outbox_for_record(conn: asyncpg.Connection | asyncpg.Pool, record_id: uuid.UUID) -> list[dict[str, Any]]:
    rows = await conn.fetch("select * from dossier_outbox where record_id = $1 order by created_at", record_id)
    return [{"id": str(r["id"]), "url": r["url"], "state": r["state"], "attempts": r["attempts"],
             "idempotency_key": r["idempotency_key"], "last_status": r["last_status"], "last_error": r["last_error"],
             "next_attempt_at": r["next_attempt_at"].isoformat(),
             "delivered_at": r["delivered_at"].isoformat() if r["delivered_at"] else None} for r in rows]
