"""Requests for a correction of the record (申请补正): a signer asks from the signing page,
the clerk sees and answers them on the record page.

    POST /api/signing/corrections                         signing token: {text}
    GET  /api/signing/corrections                         signing token: my requests and their answers
    GET  /api/hearings/{id}/corrections                   staff with access to the hearing
    POST /api/hearings/{id}/corrections/{request_id}/answer   clerk: {resolution}
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.routing import Route

from courtroom.records.transcript_edits import publish
from models import corrections, records
from web.auth import context
from web.http import ApiError, Json, field, path_uuid, read_json
from web.record_access import invitation_of, my_signer, party_actor, require_seat, staff_hearing


def _json(row: dict[str, Any]) -> dict[str, Any]:
    return {"id": row["id"], "requester": row["requester"], "requester_role": row["requester_role"],
            "text": row["text"], "created_at": row["created_at"], "resolved_at": row["resolved_at"],
            "resolution": row["resolution"]}


async def request_correction(request: Request) -> Json:
    invitation = await invitation_of(request)
    data = await read_json(request, limit=16 * 1024)
    ctx = context(request)
    me = await my_signer(ctx, invitation)
    try:
        async with ctx.db.pool.acquire() as conn:
            row = await corrections.request(conn, record_id=invitation.record_id, hearing_id=invitation.hearing_id,
                                            participant_id=me.participant_id,
                                            text=field(data, "text", max_len=corrections.MAX_TEXT),
                                            actor=party_actor(me))
    except ValueError as exc:
        raise ApiError(400, "bad_field", str(exc)) from None
    # The clerk's open record page hears of it at once.
    await publish(ctx, invitation.hearing_id, {"type": "correction-requested", "hearing_id": str(invitation.hearing_id)})
    return Json({"request": _json(row)}, status_code=201)


async def my_corrections(request: Request) -> Json:
    invitation = await invitation_of(request)
    ctx = context(request)
    me = await my_signer(ctx, invitation)
    rows = await corrections.for_participant(ctx.db.pool, invitation.record_id, me.participant_id)
    return Json({"requests": [_json(r) for r in rows]})


async def hearing_corrections(request: Request) -> Json:
    _, h, _ = await staff_hearing(request)
    return Json({"requests": [_json(r) for r in await corrections.for_hearing(context(request).db.pool, h.id)]})


async def answer_correction(request: Request) -> Json:
    account, h, seat = await staff_hearing(request)
    seat = await require_seat(request, account, h, seat, records.RECORDER_ROLES, "书记员")
    data = await read_json(request, limit=16 * 1024)
    try:
        async with context(request).db.pool.acquire() as conn:
            row = await corrections.resolve(conn, path_uuid(request, "request_id"), h.id,
                                            resolution=field(data, "resolution", max_len=corrections.MAX_TEXT),
                                            staff_id=account["id"], actor=seat.actor)
    except ValueError as exc:
        raise ApiError(400, "bad_field", str(exc)) from None
    except LookupError:
        raise ApiError(404, "not_found", "未找到该补正申请，或已答复") from None
    return Json({"request": _json(row)})


routes = [
    Route("/api/signing/corrections", request_correction, methods=["POST"]),
    Route("/api/signing/corrections", my_corrections),
    Route("/api/hearings/{hearing_id}/corrections", hearing_corrections),
    Route("/api/hearings/{hearing_id}/corrections/{request_id}/answer", answer_correction, methods=["POST"]),
]
