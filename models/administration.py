"""What the court's administrator keeps: staff accounts (list, disable, reset password,
change position), the court's name, time zone and courtrooms, and the run-time settings
stored with the court. Every change is audited."""

from __future__ import annotations

import uuid
import zoneinfo
from typing import Any

import asyncpg

from models import audit
from models.credentials import hash_password_async
from models.domain import Position


class AdminError(ValueError):
    """A request the administrator must correct; the message is in Chinese."""


async def list_staff(conn: asyncpg.Connection | asyncpg.Pool, court_id: uuid.UUID) -> list[dict[str, Any]]:
    rows = await conn.fetch(
        "select id, username, display_name, position, disabled, created_at from staff where court_id = $1"
        " order by disabled, display_name", court_id)
    return [dict(r) for r in rows]


async def _staff_row(conn: asyncpg.Connection, court_id: uuid.UUID, staff_id: uuid.UUID) -> asyncpg.Record:
    row = await conn.fetchrow("select * from staff where id = $1 and court_id = $2 for update", staff_id, court_id)
    if row is None:
        raise LookupError("staff not found")
    return row


async def _active_admins(conn: asyncpg.Connection, court_id: uuid.UUID) -> int:
    return await conn.fetchval(
        "select count(*) from staff where court_id = $1 and position = 'admin' and not disabled", court_id)


async def set_disabled(conn: asyncpg.Connection, court_id: uuid.UUID, staff_id: uuid.UUID, disabled: bool,
                       actor: audit.Actor) -> dict[str, Any]:
    """Disable (sessions end at once) or re-enable an account; the last administrator stays."""
    async with conn.transaction():
        row = await _staff_row(conn, court_id, staff_id)
        if disabled and row["position"] == "admin" and not row["disabled"] and await _active_admins(conn, court_id) <= 1:
            raise AdminError("不能停用最后一名系统管理员")
        await conn.execute("update staff set disabled = $2, updated_at = now() where id = $1", staff_id, disabled)
        if disabled:
            await conn.execute("update staff_sessions set revoked_at = now() where staff_id = $1 and revoked_at is null",
                               staff_id)
        await audit.append(conn, "staff.disabled" if disabled else "staff.enabled", actor,
                           detail={"staff_id": str(staff_id), "username": row["username"]})
    return await _get(conn, staff_id)


async def reset_password(conn: asyncpg.Connection, court_id: uuid.UUID, staff_id: uuid.UUID, password: str,
                         actor: audit.Actor) -> None:
    """A new password set by the administrator; the account's sessions end."""
    if len(password) < 8:
        raise AdminError("密码至少 8 位")
    password_hash = await hash_password_async(password)  # scrypt off the event loop
    async with conn.transaction():
        row = await _staff_row(conn, court_id, staff_id)
        # A password someone else chose is handed over: its owner must replace it at first log-in.
        await conn.execute("update staff set password_hash = $2, must_change_password = true, updated_at = now()"
                           " where id = $1", staff_id, password_hash)
        await conn.execute("update staff_sessions set revoked_at = now() where staff_id = $1 and revoked_at is null",
                           staff_id)
        await audit.append(conn, "staff.password_reset", actor,
                           detail={"staff_id": str(staff_id), "username": row["username"]})


async def set_position(conn: asyncpg.Connection, court_id: uuid.UUID, staff_id: uuid.UUID, position: str,
                       actor: audit.Actor) -> dict[str, Any]:
    try:
        new = Position(position)
    except ValueError:
        raise AdminError("无此职务") from None
    async with conn.transaction():
        row = await _staff_row(conn, court_id, staff_id)
        if row["position"] == "admin" and new != Position.ADMIN and await _active_admins(conn, court_id) <= 1:
            raise AdminError("不能撤销最后一名系统管理员的职务")
        await conn.execute("update staff set position = $2, updated_at = now() where id = $1", staff_id, new.value)
        await audit.append(conn, "staff.position_changed", actor,
                           detail={"staff_id": str(staff_id), "from": row["position"], "to": new.value})
    return await _get(conn, staff_id)


async def _get(conn: asyncpg.Connection, staff_id: uuid.UUID) -> dict[str, Any]:
    row = await conn.fetchrow(
        "select id, username, display_name, position, disabled, created_at from staff where id = $1", staff_id)
    return dict(row)


# --- the court ---------------------------------------------------------------------------------

async def court(conn: asyncpg.Connection | asyncpg.Pool, court_id: uuid.UUID) -> dict[str, Any]:
    row = await conn.fetchrow("select id, name, configured_name, time_zone, runtime_settings from courts where id = $1",
                              court_id)
    if row is None:
        raise LookupError("court not found")
    return dict(row)


async def rename_court(conn: asyncpg.Connection, court_id: uuid.UUID, name: str, actor: audit.Actor) -> None:
    name = name.strip()
    if not name or len(name) > 100:
        raise AdminError("法院名称须为 1 至 100 个字")
    async with conn.transaction():
        before = await conn.fetchval("select name from courts where id = $1 for update", court_id)
        if await conn.fetchval("select 1 from courts where name = $1 and id <> $2", name, court_id):
            raise AdminError("已有同名法院")
        await conn.execute("update courts set name = $2 where id = $1", court_id, name)
        await audit.append(conn, "court.renamed", actor, detail={"from": before, "to": name})


def check_time_zone(name: str) -> str:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise AdminError(f"无此时区：{name}") from None
    return name


async def set_time_zone(conn: asyncpg.Connection, court_id: uuid.UUID, time_zone: str, actor: audit.Actor) -> None:
    check_time_zone(time_zone)
    async with conn.transaction():
        before = await conn.fetchval("select time_zone from courts where id = $1 for update", court_id)
        await conn.execute("update courts set time_zone = $2 where id = $1", court_id, time_zone)
        await audit.append(conn, "court.time_zone_changed", actor, detail={"from": before, "to": time_zone})


async def set_runtime_settings(conn: asyncpg.Connection, court_id: uuid.UUID, changes: dict[str, Any],
                               actor: audit.Actor) -> dict[str, Any]:
    """Merge `changes` (already validated by the caller) into the stored run-time settings."""
    async with conn.transaction():
        before = await conn.fetchval("select runtime_settings from courts where id = $1 for update", court_id) or {}
        after = {**before, **changes}
        await conn.execute("update courts set runtime_settings = $2 where id = $1", court_id, after)
        await audit.append(conn, "court.settings_changed", actor,
                           detail={"changes": changes, "before": {k: before.get(k) for k in changes}})
    return after


async def courtrooms(conn: asyncpg.Connection | asyncpg.Pool, court_id: uuid.UUID) -> list[dict[str, Any]]:
    return [dict(r) for r in await conn.fetch(
        "select id, name, kind from courtrooms where court_id = $1 order by name", court_id)]


async def add_courtroom(conn: asyncpg.Connection, court_id: uuid.UUID, name: str, kind: str,
                        actor: audit.Actor) -> dict[str, Any]:
    name = name.strip()
    if kind not in ("digital", "internet"):
        raise AdminError("法庭类型须为数字法庭或互联网法庭")
    if not name or len(name) > 100:
        raise AdminError("法庭名称须为 1 至 100 个字")
    room_id = uuid.uuid4()
    async with conn.transaction():
        if await conn.fetchval("select 1 from courtrooms where court_id = $1 and name = $2", court_id, name):
            raise AdminError("已有同名法庭")
        await conn.execute("insert into courtrooms(id, court_id, name, kind) values ($1,$2,$3,$4)",
                           room_id, court_id, name, kind)
        await audit.append(conn, "court.courtroom_added", actor, detail={"courtroom_id": str(room_id), "name": name,
                                                                         "kind": kind})
    return {"id": room_id, "name": name, "kind": kind}


async def rename_courtroom(conn: asyncpg.Connection, court_id: uuid.UUID, room_id: uuid.UUID, name: str,
                           actor: audit.Actor) -> dict[str, Any]:
    name = name.strip()
    if not name or len(name) > 100:
        raise AdminError("法庭名称须为 1 至 100 个字")
    async with conn.transaction():
        row = await conn.fetchrow("select * from courtrooms where id = $1 and court_id = $2 for update", room_id, court_id)
        if row is None:
            raise LookupError("courtroom not found")
        if await conn.fetchval("select 1 from courtrooms where court_id = $1 and name = $2 and id <> $3",
                               court_id, name, room_id):
            raise AdminError("已有同名法庭")
        await conn.execute("update courtrooms set name = $2 where id = $1", room_id, name)
        await audit.append(conn, "court.courtroom_renamed", actor,
                           detail={"courtroom_id": str(room_id), "from": row["name"], "to": name})
    return {"id": room_id, "name": name, "kind": row["kind"]}
