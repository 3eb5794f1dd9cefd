"""A signer's request for a correction of the record (申请补正), and the clerk's answer.

The request does not change the record: the clerk corrects the transcript (a revision with
its own trace) or answers why not, and the request keeps who asked, what, and the answer."""

from __future__ import annotations

import uuid
from typing import Any

import asyncpg

from models import audit

MAX_TEXT = 2000


async def request(conn: asyncpg.Connection, *, record_id: uuid.UUID, hearing_id: uuid.UUID,
                  participant_id: uuid.UUID | None, text: str, actor: audit.Actor) -> dict[str, Any]:
    text = text.strip()
    if not text:
        raise ValueError("请写明需要补正的内容")
    if len(text) > MAX_TEXT:
        raise ValueError(f"补正内容不超过 {MAX_TEXT} 字")
    request_id = uuid.uuid4()
    async with conn.transaction():
        await conn.execute(
            "insert into correction_requests(id, record_id, hearing_id, participant_id, requester, requester_role, text)"
            " values ($1,$2,$3,$4,$5,$6,$7)",
            request_id, record_id, hearing_id, participant_id, actor.name, actor.role or "", text)
        await audit.append(conn, "record.correction_requested", actor, hearing_id=hearing_id,
                           detail={"request_id": str(request_id), "record_id": str(record_id), "text": text[:500]})
    return await get(conn, request_id)


async def get(conn: asyncpg.Connection | asyncpg.Pool, request_id: uuid.UUID) -> dict[str, Any]:
    row = await conn.fetchrow("select * from correction_requests where id = $1", request_id)
    if row is None:
        raise LookupError("correction request not found")
    return dict(row)


async def for_hearing(conn: asyncpg.Connection | asyncpg.Pool, hearing_id: uuid.UUID) -> list[dict[str, Any]]:
    return [dict(r) for r in await conn.fetch(
        "select * from correction_requests where hearing_id = $1 order by created_at", hearing_id)]


async def for_participant(conn: asyncpg.Connection | asyncpg.Pool, record_id: uuid.UUID,
                          participant_id: uuid.UUID) -> list[dict[str, Any]]:
    return [dict(r) for r in await conn.fetch(
        "select * from correction_requests where record_id = $1 and participant_id = $2 order by created_at",
        record_id, participant_id)]


async def resolve(conn: asyncpg.Connection, request_id: uuid.UUID, hearing_id: uuid.UUID, *, resolution: str,
                  staff_id: uuid.UUID, actor: audit.Actor) -> dict[str, Any]:
    resolution = resolution.strip()
    if not resolution:
        raise ValueError("请写明处理结果")
    async with conn.transaction():
        row = await conn.fetchrow(
            "update correction_requests set resolved_at = now(), resolved_by = $3, resolution = $4"
            " where id = $1 and hearing_id = $2 and resolved_at is null returning id",
            request_id, hearing_id, staff_id, resolution[:MAX_TEXT])
        if row is None:
            raise LookupError("correction request not found or already answered")
        await audit.append(conn, "record.correction_answered", actor, hearing_id=hearing_id,
                           detail={"request_id": str(request_id), "resolution": resolution[:500]})
    return await get(conn, request_id)
