"""Transcript corrections over HTTP (the live socket's twin: courtroom.records.transcript_edits),
with revisions and their diffs."""

from __future__ import annotations

import datetime as dt
import difflib
import uuid
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from courtroom.records import sealing
from courtroom.records.transcript_edits import EditRefused, apply_edit, may_edit, publish
from models import hearings, recordings, transcripts
from web.auth import context, deny
from web.http import ApiError, Json, no_store, read_json
from web.record_access import (
    staff_hearing,
)


def _text_diff(before: str | None, after: str | None) -> list[dict[str, str]]:
    a, b = before or "", after or ""
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append({"op": "equal", "text": a[i1:i2]})
        else:
            if i2 > i1:
                out.append({"op": "delete", "text": a[i1:i2]})
            if j2 > j1:
                out.append({"op": "insert", "text": b[j1:j2]})
    return out


async def get_transcript(request: Request) -> Json:
    account, h, seat = await staff_hearing(request)
    pool = context(request).db.pool
    key = await sealing.key_for_hearing(context(request), h.id)  # closed session: its members only got here
    since_text = request.query_params.get("since")
    if since_text:
        try:
            since = dt.datetime.fromisoformat(since_text)
        except ValueError:
            raise ApiError(400, "bad_field", "since 须为 ISO 时间 (ISO 8601 time)") from None
        if since.tzinfo is None:
            since = since.replace(tzinfo=dt.timezone.utc)
        now, segments = await transcripts.changed_since(pool, h.id, since, seal_key=key)
    else:
        now = await transcripts.database_now(pool)
        segments = await transcripts.list_for_hearing(pool, h.id, include_deleted=True, seal_key=key)
    for s in segments:
        s.pop("words", None)  # word times stay in the database; the page needs none
    people = await hearings.participants(pool, h.id)
    return no_store(Json({
        "hearing": h, "segments": segments, "since": since_text, "now": now.isoformat(),
        "locked": await transcripts.is_locked(pool, h.id),
        "participants": [p.to_json() for p in people if p.state != "removed"],
        "recordings": [recordings.to_json(r) for r in await recordings.for_hearing(pool, h.id)],
        "can_edit": may_edit(seat),
    }))


async def get_revisions(request: Request) -> Json:
    account, h, seat = await staff_hearing(request)
    segment_id = request.query_params.get("segment_id")
    try:
        sid = uuid.UUID(segment_id) if segment_id else None
    except ValueError:
        raise ApiError(400, "bad_field", "segment_id 无效 (bad segment_id)") from None
    key = await sealing.key_for_hearing(context(request), h.id)
    revs = await transcripts.revisions(context(request).db.pool, h.id, sid, seal_key=key)
    for r in revs:
        r["diff"] = _text_diff((r["before"] or {}).get("text"), (r["after"] or {}).get("text"))
    return no_store(Json({"revisions": revs}))


async def edit_transcript(request: Request) -> Response:
    account, h, seat = await staff_hearing(request)
    if seat is None or not may_edit(seat):
        raise await deny(context(request), request, 403, "forbidden",
                         "仅书记员和审判长可以修改笔录 (clerk and presiding judge only)",
                         who=account["username"], hearing_id=h.id)
    data = await read_json(request)
    ctx = context(request)
    try:
        result = await apply_edit(ctx, h.id, request.path_params["op"], data, seat)
    except EditRefused as exc:
        body: dict[str, Any] = {"error": {"code": exc.code, "message": str(exc)}}
        if exc.current is not None:
            body["current"] = exc.current
        return Json(body, status_code=exc.status)
    await publish(ctx, h.id, result)
    return Json(result)


routes = [
    Route("/api/hearings/{hearing_id}/transcript", get_transcript),
    Route("/api/hearings/{hearing_id}/transcript/revisions", get_revisions),
    Route("/api/hearings/{hearing_id}/transcript/{op}", edit_transcript, methods=["POST"]),
]
