"""The JSON API for court staff: log-in, cases, hearings, participants, join tokens, control."""

from __future__ import annotations

import datetime as dt
import uuid
import zoneinfo
from typing import Any

from starlette.requests import Request
from starlette.routing import Route

from courtroom.media.ice import browser_ice_servers
from courtroom.records import keys
from courtroom.records.sealing import key_for_hearing
from models import audit, cases, hearings, recordings, staff, tokens, transcripts
from models.domain import HearingKind, HearingState, Position, Role
from models.permissions import Action, SeatRuleError
from web.admin import court_time_zone
from web.auth import actor_of as _actor
from web.auth import (
    client_address,
    context,
    deny,
    require_action,
    require_case_manager,
    require_case_member,
    require_chair,
    require_hearing_access,
    require_position,
    require_staff,
)
from web.http import SESSION_COOKIE, ApiError, Json, field, path_uuid, read_json
from web.services import hearing_rooms

INITIAL_ADMIN_PASSWORD_FILE = "initial-admin-password.txt"


def _staff_json(account: dict[str, Any]) -> dict[str, Any]:
    return {"id": account["id"], "username": account["username"], "display_name": account["display_name"],
            "position": account["position"], "must_change_password": bool(account.get("must_change_password"))}


# --- sessions ------------------------------------------------------------------------------

async def login(request: Request) -> Json:
    data = await read_json(request, limit=4096)
    username = field(data, "username", max_len=64)
    password = field(data, "password", max_len=256)
    ctx = context(request)
    try:
        async with ctx.db.pool.acquire() as conn:
            result = await staff.login(conn, username, password, source=client_address(request))
    except staff.LoginThrottled as exc:
        response = Json({"error": {"code": "too_many_attempts",
                                   "message": f"登录失败次数过多，请 {exc.retry_after} 秒后再试 "
                                              f"(too many failed log-ins: retry in {exc.retry_after} s)"}},
                        status_code=429)
        response.headers["retry-after"] = str(exc.retry_after)
        return response
    if result is None:
        raise ApiError(401, "bad_credentials", "用户名或密码错误 (wrong username or password)")
    secret, account = result
    response = Json({"token": secret, "staff": _staff_json(account)})
    response.set_cookie(SESSION_COOKIE, secret, httponly=True, samesite="strict",
                        secure=request.url.scheme == "https", max_age=int(staff.SESSION_LIFETIME.total_seconds()))
    return response


async def logout(request: Request) -> Json:
    """End the session that made this request, and the cookie's session too when it is the same
    person's: whatever else the request carries (an extra Authorization header), the session ends."""
    account = await require_staff(request, password_change_ok=True)
    ctx = context(request)
    async with ctx.db.pool.acquire() as conn:
        await staff.end_session(conn, account["session_id"])
        cookie = request.cookies.get(SESSION_COOKIE)
        if cookie:
            other = await staff.resolve_session(conn, cookie)
            if other is not None and other["id"] == account["id"]:
                await staff.end_session(conn, other["session_id"])
    response = Json({"ok": True})
    response.delete_cookie(SESSION_COOKIE)
    return response


async def logout_everywhere(request: Request) -> Json:
    account = await require_staff(request, password_change_ok=True)
    async with context(request).db.pool.acquire() as conn:
        ended = await staff.logout_everywhere(conn, account["id"], _actor(account))
    response = Json({"ok": True, "sessions_ended": ended})
    response.delete_cookie(SESSION_COOKIE)
    return response


async def change_password(request: Request) -> Json:
    """The caller's own password. Every other session ends; the first administrator's generated
    password file is removed once it is replaced."""
    account = await require_staff(request, password_change_ok=True)
    data = await read_json(request, limit=4096)
    old, new = field(data, "old_password", max_len=256), field(data, "new_password", max_len=256)
    ctx = context(request)
    try:
        async with ctx.db.pool.acquire() as conn:
            # The signing keys wrapped with the old password are re-wrapped with the new one
            # before the new hash is stored (issue 13, finding 13).
            changed = await staff.change_password(
                conn, account["id"], old, new, _actor(account), keep_session=account["session_id"],
                before_commit=lambda: keys.rewrap_staff_keys(ctx, account["id"], old, new))
    except ValueError as exc:
        raise ApiError(400, "bad_field", str(exc)) from None
    if not changed:
        raise await deny(ctx, request, 403, "bad_credentials", "原密码错误 (wrong current password)",
                         who=account["username"])
    if Position(account["position"]) == Position.ADMIN:
        (ctx.settings.data_dir / INITIAL_ADMIN_PASSWORD_FILE).unlink(missing_ok=True)
    return Json({"ok": True})


async def me(request: Request) -> Json:
    return Json({"staff": _staff_json(await require_staff(request, password_change_ok=True))})


async def create_staff_account(request: Request) -> Json:
    account = await require_position(request, frozenset({Position.ADMIN}))
    data = await read_json(request)
    ctx = context(request)
    try:
        async with ctx.db.pool.acquire() as conn:
            created = await staff.create_staff(
                conn, court_id=ctx.court_id, username=field(data, "username", max_len=64),
                display_name=field(data, "display_name", max_len=64), position=field(data, "position"),
                password=field(data, "password", max_len=256), actor=_actor(account))
    except ValueError as exc:
        raise ApiError(400, "bad_field", str(exc)) from None
    except Exception as exc:  # unique violation
        if "unique" in str(exc).lower():
            raise ApiError(409, "exists", "用户名已存在 (username exists)") from None
        raise
    return Json({"staff": _staff_json(created)}, status_code=201)


async def list_staff(request: Request) -> Json:
    await require_case_manager(request)
    return Json({"staff": await staff.list_active(context(request).db.pool)})


# --- cases ---------------------------------------------------------------------------------

async def create_case(request: Request) -> Json:
    account = await require_case_manager(request)
    data = await read_json(request)
    ctx = context(request)
    try:
        async with ctx.db.pool.acquire() as conn:
            case = await cases.create_case(
                conn, court_id=ctx.court_id, case_number=field(data, "case_number", max_len=100),
                cause=field(data, "cause", max_len=200), creator=account,
                is_secret=field(data, "is_secret", bool, required=False, default=False),
                involves_privacy=field(data, "involves_privacy", bool, required=False, default=False),
                involves_minor=field(data, "involves_minor", bool, required=False, default=False))
    except Exception as exc:
        if "unique" in str(exc).lower():
            raise ApiError(409, "exists", "案号已存在 (case number exists)") from None
        raise
    return Json({"case": case}, status_code=201)


async def list_cases(request: Request) -> Json:
    account = await require_staff(request)
    return Json({"cases": await cases.list_for_staff(context(request).db.pool, account["id"])})


async def get_case(request: Request) -> Json:
    account = await require_staff(request)
    case = await require_case_member(request, account, path_uuid(request, "case_id"))
    pool = context(request).db.pool
    visible = []
    for h in await hearings.list_for_case(pool, case.id):
        # Closed sessions are listed to their members only.
        if h.kind == HearingKind.HEARING or await hearings.participant_for_staff(pool, h.id, account["id"]):
            visible.append(h)
    return Json({"case": case, "parties": await cases.parties(pool, case.id), "hearings": visible,
                 "members": await cases.members(pool, case.id)})


async def add_case_member(request: Request) -> Json:
    account = await require_case_manager(request)
    case = await require_case_member(request, account, path_uuid(request, "case_id"))
    data = await read_json(request)
    try:
        async with context(request).db.pool.acquire() as conn:
            await cases.add_member(conn, case.id, field(data, "staff_id", uuid.UUID),
                                   field(data, "duty", max_len=50), _actor(account))
    except LookupError:
        raise ApiError(404, "not_found", "无此工作人员 (no such staff member)") from None
    await _register_changed(request, case.id)
    return Json({"ok": True}, status_code=201)


async def _register_changed(request: Request, case_id: uuid.UUID) -> None:
    """The live transcript of the case's hearings uses a new name or key word from its next segment."""
    transcription = context(request).services.transcription
    if transcription is not None:
        await transcription.register_changed(case_id)


async def set_key_terms(request: Request) -> Json:
    """The case's key words from its filings (起诉状, 答辩状), for the live transcript: the whole
    list as the clerk now wants it, as one text ("鸭苗、饲料款") or a list."""
    account = await require_case_manager(request)
    case = await require_case_member(request, account, path_uuid(request, "case_id"))
    data = await read_json(request)
    raw = data.get("key_terms")
    if not isinstance(raw, (str, list)):
        raise ApiError(400, "bad_field", "关键词须为文本或文本列表")
    try:
        terms = cases.clean_key_terms(raw)
    except ValueError as exc:
        raise ApiError(400, "bad_field", str(exc)) from None
    async with context(request).db.pool.acquire() as conn:
        await cases.set_key_terms(conn, case.id, terms, _actor(account))
    await _register_changed(request, case.id)
    return Json({"key_terms": terms})


async def add_party(request: Request) -> Json:
    account = await require_case_manager(request)
    case = await require_case_member(request, account, path_uuid(request, "case_id"))
    data = await read_json(request)
    represents = field(data, "represents", uuid.UUID, required=False)
    try:
        async with context(request).db.pool.acquire() as conn:
            party = await cases.add_party(conn, case.id, role=field(data, "role"), name=field(data, "name", max_len=100),
                                          id_number=field(data, "id_number", required=False, max_len=40),
                                          represents=represents,
                                          sex=field(data, "sex", required=False, max_len=10),
                                          actor=_actor(account))
    except ValueError as exc:
        raise ApiError(400, "bad_field", str(exc)) from None
    except LookupError:
        # Unknown, or another case's: one answer.
        raise ApiError(404, "not_found", "被代理人不是本案当事人 (represented party is not of this case)") from None
    await _register_changed(request, case.id)
    return Json({"party": party}, status_code=201)


# --- hearings ------------------------------------------------------------------------------

async def schedule_hearing(request: Request) -> Json:
    account = await require_case_manager(request)
    case = await require_case_member(request, account, path_uuid(request, "case_id"))
    data = await read_json(request)
    kind = field(data, "kind", required=False, default="hearing")
    if kind not in {k.value for k in HearingKind}:
        raise ApiError(400, "bad_field", "kind 须为 hearing、deliberation 或 committee")
    mode = field(data, "mode", required=False, default="courtroom")
    when = field(data, "scheduled_at", required=False)
    try:
        scheduled_at = dt.datetime.fromisoformat(when) if when else dt.datetime.now(dt.timezone.utc)
    except ValueError:
        raise ApiError(400, "bad_field", "scheduled_at 须为 ISO 时间 (ISO 8601 time)") from None
    if scheduled_at.tzinfo is None:
        # A time without an offset (a datetime-local field) is the court's local time,
        # whatever the browser's time zone.
        scheduled_at = scheduled_at.replace(tzinfo=zoneinfo.ZoneInfo(await court_time_zone(context(request))))
    try:
        async with context(request).db.pool.acquire() as conn:
            h = await hearings.schedule(conn, case_id=case.id, kind=kind, mode=mode,
                                        title=field(data, "title", required=False, default=HearingKind(kind).label),
                                        scheduled_at=scheduled_at, place=field(data, "place", required=False),
                                        actor=_actor(account), created_by=account["id"])
    except ValueError as exc:
        raise ApiError(400, "bad_field", str(exc)) from None
    return Json({"hearing": h}, status_code=201)


async def my_hearings(request: Request) -> Json:
    account = await require_staff(request)
    pool = context(request).db.pool
    found = await hearings.list_for_staff(pool, account["id"])
    numbers = await cases.case_numbers(pool, {h.case_id for h in found})
    return Json({"hearings": [{**h.to_json(), "case_number": numbers.get(h.case_id)} for h in found]})


async def get_hearing(request: Request) -> Json:
    account = await require_staff(request)
    h = await require_hearing_access(request, account, path_uuid(request, "hearing_id"))
    pool = context(request).db.pool
    case = await cases.get_case(pool, h.case_id)
    seat = await hearings.participant_for_staff(pool, h.id, account["id"])
    room = context(request).rooms.get(h.id)
    return Json({
        "hearing": h, "case": {"id": case.id, "case_number": case.case_number, "cause": case.cause},
        "participants": [{**p.to_json(), "online": bool(room and room.is_online(p.id))}
                         for p in await hearings.participants(pool, h.id)],
        "recordings": [recordings.to_json(r) for r in await recordings.for_hearing(pool, h.id)],
        "my_seat": seat,
        # Closed sessions: their members only got past require_hearing_access; decrypt for them.
        "transcript": await transcripts.list_for_hearing(pool, h.id,
                                                         seal_key=await key_for_hearing(context(request), h.id)),
        "ice_servers": browser_ice_servers(context(request).settings.ice_servers),
    })


async def add_participant(request: Request) -> Json:
    """Seat someone: the presiding judge or the case's responsible judge/clerk (closed sessions:
    their convener, chair or secretary). Seats follow positions: only a judge sits as 审判长."""
    account = await require_staff(request)
    h, _ = await require_action(request, account, path_uuid(request, "hearing_id"), Action.SEAT)
    data = await read_json(request)
    staff_id = field(data, "staff_id", uuid.UUID, required=False)
    party_id = field(data, "party_id", uuid.UUID, required=False)
    ctx = context(request)
    pool = ctx.db.pool
    id_number = field(data, "id_number", required=False, max_len=40)
    role = field(data, "role", required=party_id is None)
    name = field(data, "name", required=False, max_len=100)
    if party_id is not None:
        # Seat a party of the case as recorded there: no retyping of name or ID number.
        party = next((p for p in await cases.parties(pool, h.case_id) if p["id"] == party_id), None)
        if party is None:  # unknown, or another case's: the same answer
            raise ApiError(404, "not_found", "该当事人不属于本案 (no such party in this case)")
        name, role = name or party["name"], role or party["role"]
        id_number = id_number or party["id_number_masked"]
    elif name is None and staff_id is None:
        raise ApiError(400, "missing_field", "缺少字段 name (missing field name)")
    if staff_id is not None:
        other = await staff.find_active(pool, staff_id)
        if other is None:
            raise ApiError(404, "not_found", "无此工作人员 (no such staff member)")
        name = name or other["display_name"]
    try:
        async with pool.acquire() as conn:
            p = await hearings.add_participant(
                conn, h.id, role=role, name=name, actor=_actor(account),
                id_number=id_number, staff_id=staff_id, party_id=party_id,
                remote=field(data, "remote", bool, required=False, default=False))
    except SeatRuleError as exc:
        raise await deny(ctx, request, 403, "seat_not_allowed", str(exc), who=account["username"],
                         hearing_id=h.id, member=True) from None
    except LookupError:
        raise ApiError(404, "not_found", "无此工作人员或当事人 (no such staff member or party)") from None
    except (ValueError, hearings.StateError) as exc:
        raise ApiError(400, "bad_field", str(exc)) from None
    except Exception as exc:
        if "unique" in str(exc).lower():
            raise ApiError(409, "exists", "该工作人员已在本庭 (staff member already seated)") from None
        raise
    await hearing_rooms(ctx).notify_roster(h.id)
    await _register_changed(request, h.case_id)
    return Json({"participant": p}, status_code=201)


async def _participant_of(request: Request, h: hearings.Hearing) -> hearings.Participant:
    try:
        p = await hearings.get_participant(context(request).db.pool, path_uuid(request, "participant_id"))
    except LookupError:
        p = None
    if p is None or p.hearing_id != h.id:
        raise ApiError(404, "not_found", "未找到 (not found)")
    return p


async def issue_token(request: Request) -> Json:
    """A join link for a party's seat. Staff seats get none: staff enter with their own log-in."""
    account = await require_staff(request)
    h, _ = await require_action(request, account, path_uuid(request, "hearing_id"), Action.ISSUE_PARTY_TOKEN)
    ctx = context(request)
    p = await _participant_of(request, h)
    if p.staff_id is not None or p.role.is_court_staff:
        raise await deny(ctx, request, 403, "staff_seat",
                         "工作人员须以本人登录进入席位，不能为其发放令牌 (staff seats are entered with their own log-in)",
                         who=account["username"], hearing_id=h.id, member=True)
    data = await read_json(request)
    lifetime = field(data, "lifetime_s", int, required=False, default=ctx.settings.token_lifetime_s)
    if not 60 <= lifetime <= 14 * 24 * 3600:
        raise ApiError(400, "bad_field", "有效期须在 1 分钟到 14 天之间 (lifetime 60 s .. 14 days)")
    async with ctx.db.pool.acquire() as conn:
        token, claims = await tokens.issue(conn, ctx.keys.join_token_key, p, lifetime_s=lifetime,
                                           actor=_actor(account), issued_by=account["id"])
    return Json({"token": token, "jti": claims.jti, "expires_at": int(claims.expires_at),
                 "join_url": f"{request.base_url}join#{token}"}, status_code=201)


async def list_tokens(request: Request) -> Json:
    """The join links issued for this hearing's participants (not staff's own), with their state,
    so the clerk can copy any of them again."""
    account = await require_staff(request)
    h = await require_hearing_access(request, account, path_uuid(request, "hearing_id"), manage=True)
    ctx = context(request)
    links = []
    for t in await tokens.issued_for_hearing(ctx.db.pool, h.id):
        if t["staff_id"] is not None:
            continue
        entry = {"jti": t["id"], "participant_id": t["participant_id"], "name": t["name"],
                 "role_label": Role(t["role"]).label, "issued_at": t["issued_at"], "expires_at": t["expires_at"],
                 "revoked": t["revoked_at"] is not None,
                 "expired": t["expires_at"] <= dt.datetime.now(dt.timezone.utc)}
        if not entry["revoked"] and not entry["expired"]:
            entry["join_url"] = f"{request.base_url}join#{tokens.token_for(ctx.keys.join_token_key, t)}"
        links.append(entry)
    return Json({"links": links})


async def my_join_token(request: Request) -> Json:
    """A staff member's own token for their own seat, tied to the session that asked for it:
    it ends with that session. (Pages join with the session itself: see web.live.)"""
    account = await require_staff(request)
    h, standing = await require_action(request, account, path_uuid(request, "hearing_id"), Action.JOIN_OWN_SEAT)
    ctx = context(request)
    seat = await hearings.participant_for_staff(ctx.db.pool, h.id, account["id"])
    assert seat is not None  # JOIN_OWN_SEAT is granted by the caller's own seat
    async with ctx.db.pool.acquire() as conn:
        token, claims = await tokens.issue(conn, ctx.keys.join_token_key, seat, lifetime_s=12 * 3600,
                                           actor=_actor(account), issued_by=account["id"],
                                           session_id=account["session_id"])
    return Json({"token": token, "participant": seat, "expires_at": int(claims.expires_at)}, status_code=201)


async def revoke_token(request: Request) -> Json:
    account = await require_staff(request)
    h, _ = await require_action(request, account, path_uuid(request, "hearing_id"), Action.REVOKE_TOKEN)
    jti = path_uuid(request, "jti")
    ctx = context(request)
    if await tokens.token_participant(ctx.db.pool, jti, h.id) is None:
        raise ApiError(404, "not_found", "未找到 (not found)")
    async with ctx.db.pool.acquire() as conn:
        await tokens.revoke(conn, jti, _actor(account), revoked_by=account["id"])
    await hearing_rooms(ctx).disconnect_token(h.id, jti, "令牌已被撤销")
    return Json({"ok": True})


_CONTROL = {"open": HearingState.OPEN, "resume": HearingState.OPEN, "pause": HearingState.PAUSED,
            "close": HearingState.CLOSED}


async def control_hearing(request: Request) -> Json:
    """open / pause / resume / close, by the presiding member. The live room follows."""
    account = await require_staff(request)
    hearing_id = path_uuid(request, "hearing_id")
    seat = await require_chair(request, account, hearing_id)
    action = request.path_params["action"]
    if action not in _CONTROL:
        raise ApiError(404, "not_found", "未找到 (not found)")
    data = await read_json(request)
    ctx = context(request)
    try:
        h = await hearing_rooms(ctx).change_state(hearing_id, _CONTROL[action], seat.actor,
                                         reason=field(data, "reason", required=False, max_len=50),
                                         note=field(data, "note", required=False))
    except hearings.StateError as exc:
        raise ApiError(409, "bad_state", str(exc)) from None
    return Json({"hearing": h})


async def approve_broadcast(request: Request) -> Json:
    account = await require_staff(request)
    hearing_id = path_uuid(request, "hearing_id")
    h, _ = await require_action(request, account, hearing_id, Action.APPROVE_BROADCAST)
    seat = await hearings.participant_for_staff(context(request).db.pool, h.id, account["id"])
    assert seat is not None  # the approval grant is the presiding judge's seat
    data = await read_json(request)
    try:
        async with context(request).db.pool.acquire() as conn:
            h = await hearings.set_broadcast_approval(conn, hearing_id, field(data, "approved", bool),
                                                      account["id"], seat.actor)
    except hearings.StateError as exc:
        raise ApiError(403, "not_broadcastable", str(exc)) from None
    return Json({"hearing": h})


async def hearing_audit(request: Request) -> Json:
    account = await require_staff(request)
    h = await require_hearing_access(request, account, path_uuid(request, "hearing_id"))
    pool = context(request).db.pool
    return Json({"entries": await audit.entries(pool, str(h.id)), "problems": await audit.verify(pool, str(h.id))})


routes = [
    Route("/api/login", login, methods=["POST"]),
    Route("/api/logout", logout, methods=["POST"]),
    Route("/api/logout-everywhere", logout_everywhere, methods=["POST"]),
    Route("/api/password", change_password, methods=["POST"]),
    Route("/api/me", me),
    Route("/api/staff", list_staff),
    Route("/api/staff", create_staff_account, methods=["POST"]),
    Route("/api/cases", list_cases),
    Route("/api/cases", create_case, methods=["POST"]),
    Route("/api/cases/{case_id}", get_case),
    Route("/api/cases/{case_id}/members", add_case_member, methods=["POST"]),
    Route("/api/cases/{case_id}/parties", add_party, methods=["POST"]),
    Route("/api/cases/{case_id}/key-terms", set_key_terms, methods=["PUT"]),
    Route("/api/cases/{case_id}/hearings", schedule_hearing, methods=["POST"]),
    Route("/api/hearings", my_hearings),
    Route("/api/hearings/{hearing_id}", get_hearing),
    Route("/api/hearings/{hearing_id}/participants", add_participant, methods=["POST"]),
    Route("/api/hearings/{hearing_id}/participants/{participant_id}/tokens", issue_token, methods=["POST"]),
    Route("/api/hearings/{hearing_id}/my-token", my_join_token, methods=["POST"]),
    Route("/api/hearings/{hearing_id}/tokens", list_tokens),
    Route("/api/hearings/{hearing_id}/tokens/{jti}/revoke", revoke_token, methods=["POST"]),
    Route("/api/hearings/{hearing_id}/broadcast-approval", approve_broadcast, methods=["POST"]),
    Route("/api/hearings/{hearing_id}/audit", hearing_audit),
    Route("/api/hearings/{hearing_id}/{action}", control_hearing, methods=["POST"]),
]
