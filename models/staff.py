"""Courts, staff accounts and their log-in sessions."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import asyncpg

from models import audit
from models.credentials import bearer_id, hash_password, new_bearer_secret, verify_password
from models.domain import Position

SESSION_LIFETIME = dt.timedelta(hours=12)


async def ensure_court(conn: asyncpg.Connection, name: str) -> uuid.UUID:
    """The court started under `name` (its configured name: the administrator may rename it
    since, see models.administration, and the next start must still find it)."""
    row = await conn.fetchrow("select id from courts where configured_name = $1", name)
    if row:
        return row["id"]
    court_id = uuid.uuid4()
    await conn.execute("insert into courts(id, name, configured_name) values ($1, $2, $2)"
                       " on conflict (configured_name) do nothing", court_id, name)
    return await conn.fetchval("select id from courts where configured_name = $1", name)


async def create_staff(conn: asyncpg.Connection, *, court_id: uuid.UUID, username: str, display_name: str,
                       position: Position | str, password: str, actor: audit.Actor) -> dict[str, Any]:
    position = Position(position)
    if len(password) < 8:
        raise ValueError("密码至少 8 位 (password must have at least 8 characters)")
    staff_id = uuid.uuid4()
    async with conn.transaction():
        await conn.execute(
            "insert into staff(id, court_id, username, display_name, position, password_hash)"
            " values ($1,$2,$3,$4,$5,$6)",
            staff_id, court_id, username, display_name, position.value, hash_password(password),
        )
        await audit.append(conn, "staff.created", actor,
                           detail={"staff_id": str(staff_id), "username": username, "position": position.value})
    return await get_staff(conn, staff_id)


async def get_staff(conn: asyncpg.Connection | asyncpg.Pool, staff_id: uuid.UUID) -> dict[str, Any]:
    row = await conn.fetchrow(
        "select id, court_id, username, display_name, position, disabled from staff where id = $1", staff_id)
    if row is None:
        raise LookupError("staff not found")
    return dict(row)


async def login(conn: asyncpg.Connection, username: str, password: str) -> tuple[str, dict[str, Any]] | None:
    """A bearer secret and the account, or None. Failures are audited too."""
    row = await conn.fetchrow("select * from staff where username = $1", username)
    # Verify against a dummy hash when the user is unknown, so timing does not reveal accounts.
    stored = row["password_hash"] if row else hash_password("dummy-password")
    ok = verify_password(password, stored) and row is not None and not row["disabled"]
    if not ok:
        await audit.append(conn, "staff.login_failed", audit.Actor(username[:64], None), detail={"username": username[:64]})
        return None
    secret, sid = new_bearer_secret()
    async with conn.transaction():
        await conn.execute("insert into staff_sessions(id, staff_id, expires_at) values ($1, $2, $3)",
                           sid, row["id"], dt.datetime.now(dt.timezone.utc) + SESSION_LIFETIME)
        await audit.append(conn, "staff.login", audit.Actor(row["display_name"], row["position"]),
                           detail={"staff_id": str(row["id"])})
    return secret, await get_staff(conn, row["id"])


async def resolve_session(conn: asyncpg.Connection | asyncpg.Pool, secret: str) -> dict[str, Any] | None:
    row = await conn.fetchrow(
        "select s.id, s.court_id, s.username, s.display_name, s.position, s.disabled"
        " from staff_sessions x join staff s on s.id = x.staff_id"
        " where x.id = $1 and x.revoked_at is null and x.expires_at > now() and not s.disabled",
        bearer_id(secret))
    return dict(row) if row else None


async def logout(conn: asyncpg.Connection, secret: str) -> None:
    await conn.execute("update staff_sessions set revoked_at = now() where id = $1", bearer_id(secret))


async def password_hash(conn: asyncpg.Connection | asyncpg.Pool, staff_id: uuid.UUID) -> str | None:
    return await conn.fetchval("select password_hash from staff where id = $1", staff_id)


async def has_administrator(conn: asyncpg.Connection | asyncpg.Pool) -> bool:
    return bool(await conn.fetchval("select count(*) from staff where position = 'admin'"))
