"""Who is asking: court staff (password log-in, bearer session) and participants (join token).

Deny by default: every route names what it needs; a caller who cannot see a resource
gets 404 (its existence is not revealed), one who can see it but may not act gets 403,
and each refusal is written to the audit log."""

from __future__ import annotations

import uuid
from typing import Any

from starlette.requests import Request

from courtroom.context import ServerContext
from models import cases, hearings, tokens
from models.credentials import TokenError
from models.domain import CASE_MANAGER_POSITIONS, CHAIR_ROLES, Position
from web.http import ApiError

SESSION_COOKIE = "courtroom_session"


def context(request: Request) -> ServerContext:
    return request.app.state.court


def _bearer(request: Request, scheme: str) -> str | None:
    header = request.headers.get("authorization", "")
    if header.lower().startswith(scheme.lower() + " "):
        return header[len(scheme) + 1:].strip()
    return None


async def deny(ctx: ServerContext, request: Request, status: int, code: str, message: str, *,
               who: str = "anonymous", hearing_id: uuid.UUID | None = None, member: bool = False) -> ApiError:
    """Count a refusal in the audit log and return the error to raise. It goes to the
    hearing's chain only for a `member` of that hearing; an outsider's goes to the court's."""
    from courtroom.records.auditing import record_refusal

    await record_refusal(ctx, who=who, source=request.client.host if request.client else None, code=code,
                         path=request.url.path, method=request.method, hearing_id=hearing_id, member=member)
    return ApiError(status, code, message)


async def current_staff(request: Request) -> dict[str, Any] | None:
    from models import staff

    secret = _bearer(request, "Bearer") or request.cookies.get(SESSION_COOKIE)
    if not secret:
        return None
    return await staff.resolve_session(context(request).db.pool, secret)


async def require_staff(request: Request) -> dict[str, Any]:
    account = await current_staff(request)
    if account is None:
        raise await deny(context(request), request, 401, "login_required", "请先登录 (log-in required)")
    return account


async def require_position(request: Request, allowed: frozenset[Position]) -> dict[str, Any]:
    account = await require_staff(request)
    if Position(account["position"]) not in allowed:
        raise await deny(context(request), request, 403, "forbidden", "无此权限 (not permitted)",
                         who=account["username"])
    return account


async def require_case_manager(request: Request) -> dict[str, Any]:
    return await require_position(request, CASE_MANAGER_POSITIONS)


async def require_case_member(request: Request, account: dict[str, Any], case_id: uuid.UUID) -> dict[str, Any]:
    ctx = context(request)
    if not await cases.is_member(ctx.db.pool, case_id, account["id"]):
        raise await deny(ctx, request, 404, "not_found", "未找到 (not found)", who=account["username"])
    return await cases.get_case(ctx.db.pool, case_id)


async def require_hearing_access(request: Request, account: dict[str, Any], hearing_id: uuid.UUID,
                                 *, manage: bool = False) -> hearings.Hearing:
    """The hearing, if the account sits in it or (for public hearings) is on the case team.

    Closed sessions (deliberation, committee) are visible to their members only: being
    on the case team is not enough. `manage` asks for the right to change the roster."""
    ctx = context(request)
    try:
        h = await hearings.get(ctx.db.pool, hearing_id)
    except LookupError:
        raise ApiError(404, "not_found", "未找到 (not found)") from None
    seat = await hearings.participant_for_staff(ctx.db.pool, hearing_id, account["id"])
    member = await cases.is_member(ctx.db.pool, h.case_id, account["id"])
    if h.kind.value == "hearing":
        allowed = seat is not None or member
        if manage:
            allowed = member or (seat is not None and seat.role.is_court_staff)
    else:
        allowed = seat is not None and seat.state != "removed"
        if manage:
            # Membership is fixed by whoever convened the session, its chair, or (committee) the secretary.
            convened = await ctx.db.fetchval("select created_by = $2 from hearings where id = $1", h.id, account["id"])
            allowed = bool(convened) or (allowed and (seat.role in CHAIR_ROLES[h.kind.value] or (
                h.kind.value == "committee" and seat.role.value == "committee_secretary")))
    if not allowed:
        raise await deny(ctx, request, 404 if not (seat or member) else 403, "forbidden",
                         "无权访问该庭审 (no access to this hearing)", who=account["username"], hearing_id=h.id,
                         member=seat is not None)
    return h


async def require_chair(request: Request, account: dict[str, Any], hearing_id: uuid.UUID) -> hearings.Participant:
    """The presiding member's seat: only they open, pause, resume and close."""
    h = await require_hearing_access(request, account, hearing_id)
    seat = await hearings.participant_for_staff(context(request).db.pool, hearing_id, account["id"])
    if seat is None or seat.role not in CHAIR_ROLES[h.kind.value]:
        raise await deny(context(request), request, 403, "chair_only",
                         "仅审判长（主持人）可以操作 (presiding member only)", who=account["username"], hearing_id=h.id,
                         member=seat is not None)
    return seat


async def participant_from_token(ctx: ServerContext, token: str,
                                 hearing_id: uuid.UUID | None = None) -> hearings.Participant:
    try:
        _, participant = await tokens.validate(ctx.db.pool, ctx.keys.join_token_key, token, hearing_id=hearing_id)
    except TokenError:
        raise
    except LookupError:
        raise TokenError("token_unknown", "令牌未登记 (token not issued by this court)") from None
    return participant
