"""Who is asking: court staff (password log-in, bearer session) and participants (join token).

Deny by default: every route names the action it needs (models.permissions) and the caller's
standing towards the hearing decides. A caller who cannot see a resource gets the same 404
`not_found` as for one that does not exist; one who can see it but may not act gets 403; each
refusal is written to the audit log."""

from __future__ import annotations

import uuid
from typing import Any

from starlette.requests import Request

from courtroom.context import ServerContext
from models import audit, cases, hearings, staff, tokens
from models.credentials import TokenError
from models.domain import CASE_MANAGER_POSITIONS, Position
from models.permissions import Action, Standing
from web.http import SESSION_COOKIE, ApiError, clean_text

NOT_FOUND_MESSAGE = "未找到 (not found)"


def context(request: Request) -> ServerContext:
    return request.app.state.court


def _bearer(request: Request, scheme: str) -> str | None:
    header = request.headers.get("authorization", "")
    if header.lower().startswith(scheme.lower() + " "):
        return header[len(scheme) + 1:].strip()
    return None


def client_address(request: Request) -> str | None:
    return request.client.host if request.client else None


def actor_of(account: dict[str, Any]) -> audit.Actor:
    """The audit actor for a staff member acting through their own session."""
    return audit.Actor(account["display_name"], account["position"])


async def deny(ctx: ServerContext, request: Request, status: int, code: str, message: str, *,
               who: str = "anonymous", hearing_id: uuid.UUID | None = None, member: bool = False) -> ApiError:
    """Count a refusal in the audit log and return the error to raise. It goes to the
    hearing's chain only for a `member` of that hearing; an outsider's goes to the court's.
    The path is cleaned first: a refusal for a path holding NUL must still be logged."""
    from courtroom.records.auditing import record_refusal

    await record_refusal(ctx, who=clean_text(who, 80), source=client_address(request), code=code,
                         path=clean_text(request.url.path), method=request.method, hearing_id=hearing_id,
                         member=member)
    return ApiError(status, code, message)


async def current_staff(request: Request) -> dict[str, Any] | None:
    """The account behind the request's session (Authorization: Bearer, else the cookie), with its
    `session_id`; None without a live session."""
    secret = _bearer(request, "Bearer") or request.cookies.get(SESSION_COOKIE)
    if not secret:
        return None
    return await staff.resolve_session(context(request).db.pool, secret)


async def require_staff(request: Request, *, password_change_ok: bool = False) -> dict[str, Any]:
    """A logged-in staff member. An account whose password must be changed (the first
    administrator) may do nothing else until it is."""
    account = await current_staff(request)
    if account is None:
        raise await deny(context(request), request, 401, "login_required", "请先登录 (log-in required)")
    if account["must_change_password"] and not password_change_ok:
        raise await deny(context(request), request, 403, "password_change_required",
                         "请先修改初始密码 (change your initial password first)", who=account["username"])
    return account


async def require_position(request: Request, allowed: frozenset[Position]) -> dict[str, Any]:
    account = await require_staff(request)
    if Position(account["position"]) not in allowed:
        raise await deny(context(request), request, 403, "forbidden", "无此权限 (not permitted)",
                         who=account["username"])
    return account


async def require_case_manager(request: Request) -> dict[str, Any]:
    return await require_position(request, CASE_MANAGER_POSITIONS)


async def require_case_member(request: Request, account: dict[str, Any], case_id: uuid.UUID) -> cases.Case:
    ctx = context(request)
    if not await cases.is_member(ctx.db.pool, case_id, account["id"]):
        raise await deny(ctx, request, 404, "not_found", NOT_FOUND_MESSAGE, who=account["username"])
    return await cases.get_case(ctx.db.pool, case_id)


async def require_action(request: Request, account: dict[str, Any], hearing_id: uuid.UUID,
                         action: Action) -> tuple[hearings.Hearing, Standing]:
    """The hearing and the caller's standing, if the permission table lets them do `action`.

    Not allowed to see it: 404 `not_found`, word for word what a hearing that does not exist
    gets. Allowed to see it but not to do this: 403 naming the action."""
    ctx = context(request)
    try:
        h = await hearings.get(ctx.db.pool, hearing_id)
    except LookupError:
        raise await deny(ctx, request, 404, "not_found", NOT_FOUND_MESSAGE, who=account["username"]) from None
    standing = await hearings.standing(ctx.db.pool, h, account["id"])
    if not standing.sees:
        # An outsider's refusal goes to the court's chain, naming the hearing it aimed at.
        raise await deny(ctx, request, 404, "not_found", NOT_FOUND_MESSAGE, who=account["username"],
                         hearing_id=h.id, member=False)
    if not standing.allows(action):
        raise await deny(ctx, request, 403, "forbidden",
                         f"无权{action.label} (not permitted: {action.value})", who=account["username"],
                         hearing_id=h.id, member=True)
    return h, standing


async def require_hearing_access(request: Request, account: dict[str, Any], hearing_id: uuid.UUID,
                                 *, manage: bool = False) -> hearings.Hearing:
    """The hearing, if the caller may see it (or, with `manage`, seat participants in it)."""
    h, _ = await require_action(request, account, hearing_id, Action.SEAT if manage else Action.VIEW)
    return h


async def require_chair(request: Request, account: dict[str, Any], hearing_id: uuid.UUID) -> hearings.Participant:
    """The presiding member's seat: only they open, pause, resume and close."""
    ctx = context(request)
    try:
        h, standing = await require_action(request, account, hearing_id, Action.CONTROL)
    except ApiError as exc:
        if exc.status == 403:
            raise ApiError(403, "chair_only", "仅审判长（主持人）可以操作 (presiding member only)") from None
        raise
    seat = await hearings.participant_for_staff(ctx.db.pool, h.id, account["id"])
    assert seat is not None  # the CONTROL grant is a chair's seat
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
