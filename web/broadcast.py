"""Broadcast routes: control by the presiding judge, status for court staff, and the public
HLS stream with its viewer page.

    POST /api/hearings/{id}/broadcast/start                    presiding judge
    POST /api/hearings/{id}/broadcast/stop    {reason?}        presiding judge
    POST /api/hearings/{id}/broadcast/cut     {reason}         presiding judge: at once, then logged
    POST /api/hearings/{id}/broadcast/resume                   presiding judge
    POST /api/hearings/{id}/broadcast/mask    {participant_id, video, audio}   presiding judge
    GET  /api/hearings/{id}/broadcast                          staff with access to the hearing
    GET  /live/{id}                 the public viewer page
    GET  /live/{id}/status.json     public: live / starting / ended
    GET  /live/{id}/index.m3u8      public: the HLS playlist (published segments only)
    GET  /live/{id}/{seq}.ts        public: one published segment

Deliberations and committee sessions are refused at every one of these, whatever the
caller (and a refused attempt is logged); the public routes answer 404 for anything that
is not an approved hearing in session with a broadcast (a broadcast the judge ended
serves its final playlist, with ENDLIST, until the hearing closes).
"""

from __future__ import annotations

import time
import uuid
from typing import Any

from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from courtroom.broadcast.service import BroadcastRefused, BroadcastService, refusal
from models import audit, cases, hearings
from models.domain import HearingKind, HearingState
from web.auth import context, require_chair, require_hearing_access, require_staff
from web.http import ApiError, Json, chinese_only, field, path_uuid, read_json
from web.pages import PAGES_DIR
from web.services import broadcast_service

PUBLIC_HEADERS = {"access-control-allow-origin": "*"}
# The public routes re-read the hearing (approval, state) at most this often.
PUBLIC_RECHECK_S = 1.0


def _service(request: Request) -> BroadcastService:
    service = broadcast_service(context(request))
    if service is None:
        raise ApiError(503, "broadcast_unavailable", "直播服务未启用 (broadcast service not running)")
    return service


def _refused(exc: BroadcastRefused) -> ApiError:
    return ApiError(exc.status, exc.code, exc.message)


async def _broadcastable(request: Request, account: dict[str, Any]) -> hearings.Hearing:
    """The hearing, if the account may see it and it is a hearing (not a closed session)."""
    h = await require_hearing_access(request, account, path_uuid(request, "hearing_id"))
    if h.kind != HearingKind.HEARING:
        async with context(request).db.pool.acquire() as conn:
            await audit.append(conn, "broadcast.refused", audit.Actor(account["display_name"], account["position"]),
                               hearing_id=h.id, detail={"code": "not_broadcastable", "kind": h.kind.value,
                                                        "path": request.url.path[:200]})
        raise ApiError(403, "not_broadcastable", "合议、审委会讨论不得直播 (deliberations are never broadcast)")
    return h


async def _chair(request: Request) -> tuple[hearings.Hearing, hearings.Participant]:
    account = await require_staff(request)
    h = await _broadcastable(request, account)
    return h, await require_chair(request, account, h.id)


# --- control -------------------------------------------------------------------------------

async def start(request: Request) -> Json:
    h, seat = await _chair(request)
    try:
        broadcast = await _service(request).start_broadcast(h.id, seat.actor)
    except BroadcastRefused as exc:
        raise _refused(exc) from None
    return Json({"broadcast": broadcast.status()}, status_code=201)


async def stop(request: Request) -> Json:
    h, seat = await _chair(request)
    data = await read_json(request)
    try:
        broadcast = await _service(request).stop_broadcast(h.id, seat.actor,
                                                           field(data, "reason", required=False, max_len=500))
    except BroadcastRefused as exc:
        raise _refused(exc) from None
    return Json({"broadcast": broadcast.status()})


async def cut(request: Request) -> Json:
    h, seat = await _chair(request)
    data = await read_json(request)
    reason = field(data, "reason", max_len=500)
    service = _service(request)
    try:
        entry = await service.cut(h.id, seat.actor, reason)
    except BroadcastRefused as exc:
        raise _refused(exc) from None
    return Json({"cut": entry, "broadcast": _status(service, h.id)})


async def resume(request: Request) -> Json:
    h, seat = await _chair(request)
    service = _service(request)
    try:
        entry = await service.resume(h.id, seat.actor)
    except BroadcastRefused as exc:
        raise _refused(exc) from None
    return Json({"resume": entry, "broadcast": _status(service, h.id)})


def _status(service: BroadcastService, hearing_id: uuid.UUID) -> dict[str, Any] | None:
    broadcast = service.get(hearing_id)
    return broadcast.status() if broadcast is not None else None


async def mask(request: Request) -> Json:
    h, seat = await _chair(request)
    data = await read_json(request)
    participant_id = field(data, "participant_id", uuid.UUID)
    video = field(data, "video", bool, required=False, default=False)
    audio = field(data, "audio", bool, required=False, default=False)
    try:
        masks = await _service(request).set_mask(h.id, seat.actor, participant_id, video, audio)
    except LookupError:
        raise ApiError(404, "bad_participant", "无此参与人 (no such participant)") from None
    except BroadcastRefused as exc:
        raise _refused(exc) from None
    return Json({"masks": {pid: {"video": v, "audio": a} for pid, (v, a) in masks.items()}})


async def status(request: Request) -> Json:
    account = await require_staff(request)
    h = await _broadcastable(request, account)
    service = _service(request)
    broadcast = service.get(h.id)
    case = await cases.get_case(context(request).db.pool, h.case_id)
    refused = refusal(h, case)
    seat = await hearings.participant_for_staff(context(request).db.pool, h.id, account["id"])
    return Json({
        "approved": h.broadcast_approved,
        "may_start": refused is None,
        "refusal": None if refused is None else {"code": refused.code, "message": chinese_only(refused.message)},
        "is_chair": bool(seat and seat.role.value == "presiding_judge"),
        "viewer_url": f"/live/{h.id}",
        "broadcast": broadcast.status() if broadcast is not None else None,
    })


# --- public --------------------------------------------------------------------------------

_public_checks: dict[uuid.UUID, tuple[float, bool]] = {}


async def _public(request: Request):
    """The broadcast of an approved hearing in session, or 404 (nothing revealed)."""
    try:
        hearing_id = uuid.UUID(request.path_params["hearing_id"])
    except (KeyError, ValueError):
        raise ApiError(404, "not_found", "未找到 (not found)") from None
    service = broadcast_service(context(request))
    # A broadcast the judge ended stays readable (its playlist says ENDLIST) while the
    # hearing is in session; closing the hearing or withdrawing approval ends all access.
    broadcast = service.get(hearing_id) if service is not None else None
    if broadcast is None or broadcast.hearing.state not in (HearingState.OPEN, HearingState.PAUSED):
        raise ApiError(404, "not_found", "该庭审当前没有直播 (no live broadcast)")
    now = time.monotonic()
    checked = _public_checks.get(hearing_id)
    if checked is None or now - checked[0] > PUBLIC_RECHECK_S:
        pool = context(request).db.pool
        h = await hearings.get(pool, hearing_id)
        ok = refusal(h, await cases.get_case(pool, h.case_id)) is None
        if len(_public_checks) > 1000:
            _public_checks.clear()
        checked = _public_checks[hearing_id] = (now, ok)
    if not checked[1]:
        raise ApiError(404, "not_found", "该庭审当前没有直播 (no live broadcast)")
    return broadcast


async def public_info(request: Request) -> Json:
    """What the viewer page shows before a broadcast starts and after it ends: the hearing's
    title, case number, time and state. Only for an approved, broadcastable hearing (404 else)."""
    from web.admin import court_time_zone

    try:
        hearing_id = uuid.UUID(request.path_params["hearing_id"])
    except (KeyError, ValueError):
        raise ApiError(404, "not_found", "未找到") from None
    ctx = context(request)
    try:
        h = await hearings.get(ctx.db.pool, hearing_id)
    except LookupError:
        raise ApiError(404, "not_found", "未找到") from None
    why = refusal(h, await cases.get_case(ctx.db.pool, h.case_id))
    if why is not None and why.code != "bad_state":
        raise ApiError(404, "not_found", "未找到")
    case = await cases.get_case(ctx.db.pool, h.case_id)
    service = broadcast_service(ctx)
    return Json({"title": h.title, "case_number": case.case_number, "court": ctx.settings.court_name,
                 "scheduled_at": h.scheduled_at, "opened_at": h.opened_at, "closed_at": h.closed_at,
                 "state": h.state.value, "time_zone": await court_time_zone(ctx),
                 "broadcasting": bool(service is not None and service.get(hearing_id) is not None)},
                headers={**PUBLIC_HEADERS, "cache-control": "no-cache"})


async def viewer_page(request: Request) -> Response:
    return FileResponse(PAGES_DIR / "live.html", media_type="text/html; charset=utf-8",
                        headers={"cache-control": "no-store"})


async def public_status(request: Request) -> Json:
    broadcast = await _public(request)
    return Json(broadcast.public_status(), headers={**PUBLIC_HEADERS, "cache-control": "no-cache"})


async def playlist(request: Request) -> Response:
    broadcast = await _public(request)
    return Response(broadcast.playlist(), media_type="application/vnd.apple.mpegurl",
                    headers={**PUBLIC_HEADERS, "cache-control": "no-cache"})


async def segment(request: Request) -> Response:
    broadcast = await _public(request)
    data = broadcast.segment(request.path_params["seq"])
    if data is None:
        raise ApiError(404, "not_found", "分段不存在 (no such segment)")
    return Response(data, media_type="video/mp2t", headers={**PUBLIC_HEADERS, "cache-control": "public, max-age=60"})


routes = [
    Route("/api/hearings/{hearing_id}/broadcast", status),
    Route("/api/hearings/{hearing_id}/broadcast/start", start, methods=["POST"]),
    Route("/api/hearings/{hearing_id}/broadcast/stop", stop, methods=["POST"]),
    Route("/api/hearings/{hearing_id}/broadcast/cut", cut, methods=["POST"]),
    Route("/api/hearings/{hearing_id}/broadcast/resume", resume, methods=["POST"]),
    Route("/api/hearings/{hearing_id}/broadcast/mask", mask, methods=["POST"]),
    Route("/live/{hearing_id}", viewer_page),
    Route("/live/{hearing_id}/status.json", public_status),
    Route("/live/{hearing_id}/info.json", public_info),
    Route("/live/{hearing_id}/index.m3u8", playlist),
    Route("/live/{hearing_id}/{seq:int}.ts", segment),
]
