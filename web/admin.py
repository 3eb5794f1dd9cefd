"""The administrator's routes (issue 14): staff accounts, the court's name, time zone and
courtrooms, and the server settings that are safe to change while it runs.

    GET  /admin                                   the page
    GET  /api/court                               anyone: the court's name and time zone (pages show times in it)
    GET  /api/admin/staff                         every account, disabled ones too
    POST /api/admin/staff                         {username, display_name, position, password}
    POST /api/admin/staff/{id}/disable|enable
    POST /api/admin/staff/{id}/password           {password}
    POST /api/admin/staff/{id}/position           {position}
    GET  /api/admin/court                         name, time zone, courtrooms, run-time settings
    POST /api/admin/court                         {name?, time_zone?}
    POST /api/admin/courtrooms                    {name, kind}
    POST /api/admin/courtrooms/{id}               {name}
    POST /api/admin/settings                      {token_lifetime_s?, broadcast_delay_s?, broadcast_layout?, broadcast_fps?}

Run-time settings are stored with the court and laid over the start-up Settings at every
start (apply_court_settings), so a change survives a restart; each takes effect for what
starts after it (the next join link, the next broadcast)."""

from __future__ import annotations

from typing import Any, Callable

from starlette.requests import Request
from starlette.routing import Route

from courtroom.config import MIN_BROADCAST_DELAY_S
from courtroom.context import ServerContext
from courtroom.records import keys
from models import administration, audit, staff
from models.domain import POSITION_LABELS, Position
from web.auth import context, require_position
from web.http import ApiError, Json, field, path_uuid, read_json
from web.pages import _page

ADMIN = frozenset({Position.ADMIN})
DEFAULT_TIME_ZONE = "Asia/Shanghai"


def _check_int(low: int, high: int, label: str) -> Callable[[Any], Any]:
    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
            raise ApiError(400, "bad_field", f"{label}须在 {low} 至 {high} 之间")
        return int(value)
    return check


def _check_delay(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not MIN_BROADCAST_DELAY_S <= value <= 600:
        raise ApiError(400, "bad_field", f"直播延时须在 {MIN_BROADCAST_DELAY_S:g} 至 600 秒之间")
    return float(value)


def _check_layout(value: Any) -> str:
    if value not in ("presiding", "grid"):
        raise ApiError(400, "bad_field", "直播画面布局须为“审判长居中”或“平铺”")
    return value


# Settings safe to change while the server runs: each is read afresh by what it governs.
RUNTIME_SETTINGS: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "token_lifetime_s": ("入庭链接默认有效期（秒）", _check_int(60, 14 * 24 * 3600, "入庭链接有效期")),
    "broadcast_delay_s": ("直播延时（秒）", _check_delay),
    "broadcast_layout": ("直播画面布局", _check_layout),
    "broadcast_fps": ("直播帧率", _check_int(1, 30, "直播帧率")),
}


def _actor(account: dict[str, Any]) -> audit.Actor:
    return audit.Actor(account["display_name"], account["position"])


async def apply_court_settings(ctx: ServerContext) -> None:
    """Lay the court's stored name and run-time settings over the start-up Settings."""
    info = await administration.court(ctx.db.pool, ctx.court_id)
    changes: dict[str, Any] = {"court_name": info["name"]}
    for key, value in (info["runtime_settings"] or {}).items():
        if key in RUNTIME_SETTINGS:
            try:
                changes[key] = RUNTIME_SETTINGS[key][1](value)
            except ApiError:
                continue  # a value a later version no longer accepts: keep the start-up one
    ctx.settings = ctx.settings.replace(**changes)


async def court_time_zone(ctx: ServerContext) -> str:
    return (await administration.court(ctx.db.pool, ctx.court_id))["time_zone"] or DEFAULT_TIME_ZONE


def _staff_json(row: dict[str, Any]) -> dict[str, Any]:
    return {"id": row["id"], "username": row["username"], "display_name": row["display_name"],
            "position": row["position"], "position_label": POSITION_LABELS[Position(row["position"])],
            "disabled": row.get("disabled", False), "created_at": row.get("created_at")}


async def _court_json(ctx: ServerContext) -> dict[str, Any]:
    info = await administration.court(ctx.db.pool, ctx.court_id)
    return {"name": info["name"], "configured_name": info["configured_name"], "time_zone": info["time_zone"],
            "courtrooms": await administration.courtrooms(ctx.db.pool, ctx.court_id),
            "settings": [{"key": k, "label": label, "value": getattr(ctx.settings, k)}
                         for k, (label, _) in RUNTIME_SETTINGS.items()],
            "positions": [{"value": p.value, "label": POSITION_LABELS[p]} for p in Position]}


# --- public --------------------------------------------------------------------------------

async def public_court(request: Request) -> Json:
    ctx = context(request)
    return Json({"name": ctx.settings.court_name, "time_zone": await court_time_zone(ctx)})


# --- staff accounts ----------------------------------------------------------------------------

async def list_accounts(request: Request) -> Json:
    await require_position(request, ADMIN)
    ctx = context(request)
    return Json({"staff": [_staff_json(r) for r in await administration.list_staff(ctx.db.pool, ctx.court_id)],
                 "positions": [{"value": p.value, "label": POSITION_LABELS[p]} for p in Position]})


async def create_account(request: Request) -> Json:
    account = await require_position(request, ADMIN)
    data = await read_json(request)
    ctx = context(request)
    position = field(data, "position")
    if position not in {p.value for p in Position}:
        raise ApiError(400, "bad_field", "无此职务")
    try:
        async with ctx.db.pool.acquire() as conn:
            created = await staff.create_staff(
                conn, court_id=ctx.court_id, username=field(data, "username", max_len=64),
                display_name=field(data, "display_name", max_len=64), position=position,
                password=field(data, "password", max_len=256), actor=_actor(account))
    except ValueError:
        raise ApiError(400, "bad_field", "密码至少 8 位") from None
    except Exception as exc:
        if "unique" in str(exc).lower():
            raise ApiError(409, "exists", "用户名已存在") from None
        raise
    return Json({"staff": _staff_json(created)}, status_code=201)


async def change_account(request: Request) -> Json:
    account = await require_position(request, ADMIN)
    ctx = context(request)
    staff_id = path_uuid(request, "staff_id")
    action = request.path_params["action"]
    data = await read_json(request)
    try:
        async with ctx.db.pool.acquire() as conn:
            if action in ("disable", "enable"):
                if action == "disable" and staff_id == account["id"]:
                    raise administration.AdminError("不能停用自己的账户")
                row = await administration.set_disabled(conn, ctx.court_id, staff_id, action == "disable",
                                                        _actor(account))
            elif action == "password":
                await administration.reset_password(conn, ctx.court_id, staff_id, field(data, "password", max_len=256),
                                                    _actor(account))
                row = await staff.get_staff(conn, staff_id)
                # Nobody can unwrap the old signing key without the old password: retire it, a new
                # one is certified at the person's next signature.
                await keys.retire_staff_keys(ctx, staff_id)
            elif action == "position":
                row = await administration.set_position(conn, ctx.court_id, staff_id, field(data, "position"),
                                                        _actor(account))
            else:
                raise ApiError(404, "not_found", "未找到")
    except administration.AdminError as exc:
        raise ApiError(400, "bad_field", str(exc)) from None
    except LookupError:
        raise ApiError(404, "not_found", "未找到该工作人员") from None
    return Json({"staff": _staff_json(row)})


# --- the court -------------------------------------------------------------------------------

async def get_court(request: Request) -> Json:
    await require_position(request, ADMIN)
    return Json(await _court_json(context(request)))


async def change_court(request: Request) -> Json:
    account = await require_position(request, ADMIN)
    data = await read_json(request)
    ctx = context(request)
    name = field(data, "name", required=False, max_len=100)
    time_zone = field(data, "time_zone", required=False, max_len=64)
    try:
        async with ctx.db.pool.acquire() as conn:
            if name is not None and name != ctx.settings.court_name:
                await administration.rename_court(conn, ctx.court_id, name, _actor(account))
                # Records, the broadcast and the signing page read the name from here from now on.
                ctx.settings = ctx.settings.replace(court_name=name)
            if time_zone is not None:
                await administration.set_time_zone(conn, ctx.court_id, time_zone, _actor(account))
    except administration.AdminError as exc:
        raise ApiError(400, "bad_field", str(exc)) from None
    return Json(await _court_json(ctx))


async def add_courtroom(request: Request) -> Json:
    account = await require_position(request, ADMIN)
    data = await read_json(request)
    ctx = context(request)
    try:
        async with ctx.db.pool.acquire() as conn:
            room = await administration.add_courtroom(conn, ctx.court_id, field(data, "name", max_len=100),
                                                      field(data, "kind", required=False, default="digital"),
                                                      _actor(account))
    except administration.AdminError as exc:
        raise ApiError(400, "bad_field", str(exc)) from None
    return Json({"courtroom": room}, status_code=201)


async def rename_courtroom(request: Request) -> Json:
    account = await require_position(request, ADMIN)
    data = await read_json(request)
    ctx = context(request)
    try:
        async with ctx.db.pool.acquire() as conn:
            room = await administration.rename_courtroom(conn, ctx.court_id, path_uuid(request, "courtroom_id"),
                                                         field(data, "name", max_len=100), _actor(account))
    except administration.AdminError as exc:
        raise ApiError(400, "bad_field", str(exc)) from None
    except LookupError:
        raise ApiError(404, "not_found", "未找到该法庭") from None
    return Json({"courtroom": room})


async def change_settings(request: Request) -> Json:
    account = await require_position(request, ADMIN)
    data = await read_json(request)
    unknown = sorted(set(data) - set(RUNTIME_SETTINGS))
    if unknown:
        raise ApiError(400, "bad_field", "以下设置不能在运行中修改：" + "、".join(unknown))
    if not data:
        raise ApiError(400, "missing_field", "没有要修改的设置")
    changes = {key: RUNTIME_SETTINGS[key][1](value) for key, value in data.items()}
    ctx = context(request)
    async with ctx.db.pool.acquire() as conn:
        await administration.set_runtime_settings(conn, ctx.court_id, changes, _actor(account))
    ctx.settings = ctx.settings.replace(**changes)
    return Json(await _court_json(ctx))


routes = [
    Route("/admin", _page("admin.html")),
    Route("/api/court", public_court),
    Route("/api/admin/staff", list_accounts),
    Route("/api/admin/staff", create_account, methods=["POST"]),
    Route("/api/admin/staff/{staff_id}/{action}", change_account, methods=["POST"]),
    Route("/api/admin/court", get_court),
    Route("/api/admin/court", change_court, methods=["POST"]),
    Route("/api/admin/courtrooms", add_courtroom, methods=["POST"]),
    Route("/api/admin/courtrooms/{courtroom_id}", rename_courtroom, methods=["POST"]),
    Route("/api/admin/settings", change_settings, methods=["POST"]),
]
