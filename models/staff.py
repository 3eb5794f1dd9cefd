"""Courts, staff accounts, their log-in sessions, and the throttle in front of log-in.

Log-in is throttled per account and per source address: a few failures are free, then every
further failure doubles the wait (1 s, 2 s, 4 s ... at most 15 min), during which even the right
password is refused (LoginThrottled, HTTP 429 with Retry-After). An unknown user name costs the
same single scrypt and the same database writes as a wrong password, so neither the answer nor
its timing tells whether an account exists."""

from __future__ import annotations

import datetime as dt
import math
import uuid
from typing import Any, Awaitable, Callable

import asyncpg

from models import audit
from models.credentials import bearer_id, hash_password_async, new_bearer_secret, verify_password_async
from models.domain import Position

SESSION_LIFETIME = dt.timedelta(hours=12)
MIN_PASSWORD_LEN = 8

# Failures allowed before the back-off starts, per kind of throttle key.
FREE_FAILURES = {"user": 5, "addr": 20}
BACKOFF_BASE_S = 1.0
BACKOFF_MAX_S = 15 * 60.0
# A key with no failure for this long starts again from zero.
FORGET_AFTER = dt.timedelta(hours=1)

_ACCOUNT_COLUMNS = "s.id, s.court_id, s.username, s.display_name, s.position, s.disabled, s.must_change_password"


class LoginThrottled(Exception):
    """Too many failed log-ins for this account or this source: try again in `retry_after` seconds."""

    def __init__(self, retry_after: float):
        super().__init__(f"retry after {retry_after:.0f} s")
        self.retry_after = max(1, math.ceil(retry_after))


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD_LEN:
        raise ValueError(f"密码至少 {MIN_PASSWORD_LEN} 位 (password must have at least {MIN_PASSWORD_LEN} characters)")


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
                       position: Position | str, password: str, actor: audit.Actor,
                       must_change_password: bool = False) -> dict[str, Any]:
    """A new account. `must_change_password`: the password was generated or handed over, so the
    account can do nothing but change it at its first log-in."""
    position = Position(position)
    check_password_rules(password)
    staff_id = uuid.uuid4()
    password_hash = await hash_password_async(password)
    async with conn.transaction():
        await conn.execute(
            "insert into staff(id, court_id, username, display_name, position, password_hash, must_change_password)"
            " values ($1,$2,$3,$4,$5,$6,$7)",
            staff_id, court_id, username, display_name, position.value, password_hash, must_change_password,
        )
        await audit.append(conn, "staff.created", actor,
                           detail={"staff_id": str(staff_id), "username": username, "position": position.value})
    return await get_staff(conn, staff_id)


async def get_staff(conn: asyncpg.Connection | asyncpg.Pool, staff_id: uuid.UUID) -> dict[str, Any]:
    row = await conn.fetchrow(f"select {_ACCOUNT_COLUMNS} from staff s where s.id = $1", staff_id)
    if row is None:
        raise LookupError("staff not found")
    return dict(row)


async def find_active(conn: asyncpg.Connection | asyncpg.Pool, staff_id: uuid.UUID) -> dict[str, Any] | None:
    """An account that exists and is not disabled, or None."""
    row = await conn.fetchrow(f"select {_ACCOUNT_COLUMNS} from staff s where s.id = $1 and not s.disabled", staff_id)
    return dict(row) if row else None


async def list_active(conn: asyncpg.Connection | asyncpg.Pool) -> list[dict[str, Any]]:
    rows = await conn.fetch("select id, username, display_name, position from staff where not disabled"
                            " order by display_name")
    return [dict(r) for r in rows]


# --- the log-in throttle -----------------------------------------------------------------

def throttle_keys(username: str, source: str | None) -> list[str]:
    keys = [f"user:{username.strip().lower()[:64]}"]
    if source:
        keys.append(f"addr:{source[:64]}")
    return keys


async def throttle_wait(conn: asyncpg.Connection | asyncpg.Pool, keys: list[str]) -> float:
    """Seconds until every key may try again (0: now)."""
    wait = await conn.fetchval(
        "select greatest(0, max(extract(epoch from blocked_until - now()))) from login_throttle"
        " where key = any($1::text[]) and blocked_until > now()", keys)
    return float(wait or 0.0)


async def _record_failure(conn: asyncpg.Connection, key: str) -> tuple[int, float]:
    """Count one failure for `key`; return (failures, seconds blocked from now)."""
    failures = await conn.fetchval(
        "insert into login_throttle(key, failures, last_failure_at) values ($1, 1, now())"
        " on conflict (key) do update set last_failure_at = now(), failures = case"
        "   when login_throttle.last_failure_at < now() - $2::interval then 1 else login_throttle.failures + 1 end"
        " returning failures", key, FORGET_AFTER)
    over = failures - FREE_FAILURES[key.split(":", 1)[0]]
    if over <= 0:
        return failures, 0.0
    block = min(BACKOFF_MAX_S, BACKOFF_BASE_S * 2 ** min(over - 1, 30))
    await conn.execute("update login_throttle set blocked_until = now() + $2::interval where key = $1",
                       key, dt.timedelta(seconds=block))
    return failures, block


async def _clear_failures(conn: asyncpg.Connection, key: str) -> None:
    await conn.execute("delete from login_throttle where key = $1", key)


# --- log-in, sessions, passwords --------------------------------------------------------------

async def login(conn: asyncpg.Connection, username: str, password: str, *,
                source: str | None = None) -> tuple[str, dict[str, Any]] | None:
    """A new session's bearer secret and the account (with its `session_id`), or None for a wrong name or password (audited). Raises LoginThrottled,
    before any password work, while the account or the source is blocked."""
    keys = throttle_keys(username, source)
    wait = await throttle_wait(conn, keys)
    if wait > 0:
        raise LoginThrottled(wait)
    row = await conn.fetchrow("select * from staff where username = $1", username)
    # One scrypt whatever happens: against the dummy hash for an unknown name.
    ok = await verify_password_async(password, row["password_hash"] if row else None)
    ok = ok and row is not None and not row["disabled"]
    if not ok:
        async with conn.transaction():
            blocked = {}
            for key in keys:
                failures, block = await _record_failure(conn, key)
                if block:
                    blocked[key.split(":", 1)[0]] = {"failures": failures, "blocked_s": block}
            await audit.append(conn, "staff.login_failed", audit.Actor(username[:64], None),
                               detail={"username": username[:64], "source": source,
                                       **({"blocked": blocked} if blocked else {})})
        return None
    secret, sid = new_bearer_secret()
    async with conn.transaction():
        await _clear_failures(conn, keys[0])
        await conn.execute("insert into staff_sessions(id, staff_id, expires_at) values ($1, $2, $3)",
                           sid, row["id"], dt.datetime.now(dt.timezone.utc) + SESSION_LIFETIME)
        await audit.append(conn, "staff.login", audit.Actor(row["display_name"], row["position"]),
                           detail={"staff_id": str(row["id"]), "source": source})
    return secret, {**await get_staff(conn, row["id"]), "session_id": sid}


async def confirm_password(conn: asyncpg.Connection, account: dict[str, Any], password: str, *,
                           source: str | None = None) -> bool:
    """Check a logged-in person's password again (before signing). Throttled like log-in
    (LoginThrottled), so a taken-over session cannot be used to guess the password."""
    keys = throttle_keys(account["username"], source)
    wait = await throttle_wait(conn, keys)
    if wait > 0:
        raise LoginThrottled(wait)
    stored = await conn.fetchval("select password_hash from staff where id = $1 and not disabled", account["id"])
    if await verify_password_async(password, stored):
        return True
    async with conn.transaction():
        for key in keys:
            await _record_failure(conn, key)
    return False


async def resolve_session(conn: asyncpg.Connection | asyncpg.Pool, secret: str) -> dict[str, Any] | None:
    """The account behind a live session (with `session_id`), or None."""
    row = await conn.fetchrow(
        f"select {_ACCOUNT_COLUMNS}, x.id as session_id"
        " from staff_sessions x join staff s on s.id = x.staff_id"
        " where x.id = $1 and x.revoked_at is null and x.expires_at > now() and not s.disabled",
        bearer_id(secret))
    return dict(row) if row else None


async def logout(conn: asyncpg.Connection, secret: str) -> None:
    await end_session(conn, bearer_id(secret))


async def end_session(conn: asyncpg.Connection, session_id: str) -> None:
    await conn.execute("update staff_sessions set revoked_at = now() where id = $1 and revoked_at is null",
                       session_id)


async def session_is_live(conn: asyncpg.Connection | asyncpg.Pool, session_id: str) -> bool:
    return bool(await conn.fetchval(
        "select 1 from staff_sessions x join staff s on s.id = x.staff_id"
        " where x.id = $1 and x.revoked_at is null and x.expires_at > now() and not s.disabled", session_id))


async def logout_everywhere(conn: asyncpg.Connection, staff_id: uuid.UUID, actor: audit.Actor, *,
                            keep_session: str | None = None, reason: str = "logout_everywhere") -> int:
    """End every session of the account (but `keep_session`); their own join tokens die with them."""
    async with conn.transaction():
        ended = await conn.fetchval(
            "with ended as (update staff_sessions set revoked_at = now() where staff_id = $1 and revoked_at is null"
            " and id is distinct from $2 returning 1) select count(*) from ended", staff_id, keep_session)
        await audit.append(conn, "staff.sessions_ended", actor,
                           detail={"staff_id": str(staff_id), "sessions": ended, "reason": reason})
    return int(ended)


async def change_password(conn: asyncpg.Connection, staff_id: uuid.UUID, old_password: str, new_password: str,
                          actor: audit.Actor, *, keep_session: str | None,
                          before_commit: Callable[[], Awaitable[object]] | None = None) -> bool:
    """Replace the password if `old_password` is right (False otherwise). Every other session ends.
    `before_commit` runs once the old password is confirmed and before the new hash is stored
    (the signing keys are re-wrapped there: if that fails, the password stays as it was)."""
    check_password_rules(new_password)
    stored = await conn.fetchval("select password_hash from staff where id = $1 and not disabled", staff_id)
    if not await verify_password_async(old_password, stored):
        await audit.append(conn, "staff.password_change_failed", actor, detail={"staff_id": str(staff_id)})
        return False
    if old_password == new_password:
        raise ValueError("新密码不能与旧密码相同 (the new password must differ from the old one)")
    new_hash = await hash_password_async(new_password)
    if before_commit is not None:
        await before_commit()
    async with conn.transaction():
        await conn.execute("update staff set password_hash = $2, must_change_password = false,"
                           " password_changed_at = now() where id = $1", staff_id, new_hash)
        await audit.append(conn, "staff.password_changed", actor, detail={"staff_id": str(staff_id)})
        await logout_everywhere(conn, staff_id, actor, keep_session=keep_session, reason="password_changed")
    return True


async def password_hash(conn: asyncpg.Connection | asyncpg.Pool, staff_id: uuid.UUID) -> str | None:
    return await conn.fetchval("select password_hash from staff where id = $1", staff_id)


async def has_administrator(conn: asyncpg.Connection | asyncpg.Pool) -> bool:
    return bool(await conn.fetchval("select count(*) from staff where position = 'admin'"))


