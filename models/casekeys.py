"""Per-case data keys for closed sessions, and the map of the blobs they seal.

A case's key is made the first time one of its closed sessions needs it, stored wrapped
under the server master key (signing.seal.wrap_key, the case id as associated
data), and unwrapped only in memory, by whoever holds the master key. Rotation is not
implemented: a key lives as long as its case.

Which hearings are sealed: deliberations and committee sessions (SEALED_KINDS)."""

from __future__ import annotations

import uuid
from typing import Any

import asyncpg

from signing.seal import new_data_key, unwrap_key, wrap_key

SEALED_KINDS = frozenset({"deliberation", "committee"})


async def case_key(conn: asyncpg.Connection | asyncpg.Pool, master_key: bytes, case_id: uuid.UUID, *,
                   create: bool = True) -> bytes | None:
    """The case's data key (created when missing and `create`); None when absent."""
    row = await conn.fetchrow("select wrapped from case_data_keys where case_id = $1", case_id)
    if row is None:
        if not create:
            return None
        # Concurrent first users: one insert wins, everyone reads the winner's key.
        await conn.execute(
            "insert into case_data_keys(case_id, key_id, wrapped) values ($1, $2, $3) on conflict (case_id) do nothing",
            case_id, uuid.uuid4().hex[:16], wrap_key(master_key, case_id, new_data_key()))
        row = await conn.fetchrow("select wrapped from case_data_keys where case_id = $1", case_id)
    return unwrap_key(master_key, case_id, bytes(row["wrapped"]))


async def hearing_seal(conn: asyncpg.Connection | asyncpg.Pool, hearing_id: uuid.UUID) -> tuple[bool, uuid.UUID]:
    """(sealed, case_id) of a hearing: closed sessions are sealed."""
    row = await conn.fetchrow("select kind, case_id from hearings where id = $1", hearing_id)
    if row is None:
        raise LookupError("hearing not found")
    return row["kind"] in SEALED_KINDS, row["case_id"]


async def key_for_hearing(conn: asyncpg.Connection | asyncpg.Pool, master_key: bytes,
                          hearing_id: uuid.UUID) -> bytes | None:
    """The key that seals this hearing's data: its case's key for a closed session, None
    for a public hearing (stored in the clear)."""
    sealed, case_id = await hearing_seal(conn, hearing_id)
    return await case_key(conn, master_key, case_id) if sealed else None


async def record_sealed_blob(conn: asyncpg.Connection | asyncpg.Pool, case_id: uuid.UUID, plain_sha256: str,
                             cipher_sha256: str, size: int) -> None:
    await conn.execute(
        "insert into sealed_blobs(case_id, plain_sha256, cipher_sha256, size) values ($1,$2,$3,$4)"
        " on conflict (case_id, plain_sha256) do nothing", case_id, plain_sha256, cipher_sha256, size)


async def sealed_blob(conn: asyncpg.Connection | asyncpg.Pool, case_id: uuid.UUID,
                      plain_sha256: str) -> dict[str, Any] | None:
    row = await conn.fetchrow("select * from sealed_blobs where case_id = $1 and plain_sha256 = $2",
                              case_id, plain_sha256)
    return dict(row) if row else None
