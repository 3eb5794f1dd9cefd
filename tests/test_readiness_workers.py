"""A front's /readyz watches each worker (issue 15): real PostgreSQL, real nats-server, a real
`courtroom media-worker` process (heartbeats in PostgreSQL) and a real `courtroom asr-worker`
(Whisper base; its heartbeat is its stats report on NATS).

- Before any worker runs: 503 naming media_workers, asr_workers and queue.
- Both running: 200, every check passes.
- The media worker killed with SIGKILL: 503 naming media_workers (and only it) within the
  3 s heartbeat limit plus margin, its name in the detail; a new worker replaces it: 200.
- The ASR worker killed: 503 naming asr_workers; a new one: 200."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from models import workers
from models.db import Database
from tests.fixtures.server import start_court, stop_court
from tests.fixtures.waiting import wait_for

REPO = str(Path(__file__).resolve().parents[1])


async def spawn(log: Path, *argv: str) -> asyncio.subprocess.Process:
    with open(log, "ab") as out:
        return await asyncio.create_subprocess_exec(
            sys.executable, "-m", *argv, stdin=asyncio.subprocess.DEVNULL, stdout=out, stderr=asyncio.subprocess.STDOUT,
            env={**os.environ, "PYTHONPATH": REPO}, cwd=REPO)


async def readyz(base_url: str) -> tuple[int, dict[str, Any]]:
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as c:
        r = await c.get("/readyz")
    return r.status_code, r.json()


def check(body: dict[str, Any], name: str) -> dict[str, Any]:
    return next(c for c in body["checks"] if c["name"] == name)


async def wait_readyz(base_url: str, until, timeout: float, what: str, procs=()) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        status, body = await readyz(base_url)
        if until(status, body):
            return body
        for p, log in procs:
            assert p.returncode is None, f"{log.name} exited {p.returncode}:\n{log.read_text()[-3000:]}"
        assert time.monotonic() < deadline, f"{what} not seen within {timeout:g} s: {status} {body}"
        await asyncio.sleep(0.3)


@pytest.mark.slow
async def test_readyz_names_a_killed_media_or_asr_worker(pg_url_factory, nats_server, whisper_model_dir):
    url = await pg_url_factory()
    db = await Database.connect(url)
    front, server, data_dir = await start_court(db, role="front", database_url=url, nats_url=nats_server.url,
                                                asr_enabled=True)
    procs: list[tuple[asyncio.subprocess.Process, Path]] = []

    async def media_worker(n: int) -> asyncio.subprocess.Process:
        log = data_dir / f"media-{n}.log"
        p = await spawn(log, "web.media_worker", "--data-dir", str(data_dir), "--database-url", url,
                        "--host-addresses", "127.0.0.1", "--no-asr")
        procs.append((p, log))
        return p

    async def asr_worker(n: int) -> asyncio.subprocess.Process:
        log = data_dir / f"asr-{n}.log"
        p = await spawn(log, "web.cli", "asr-worker", "--nats-url", nats_server.url, "--model", str(whisper_model_dir),
                        "--device", "cpu", "--max-batch", "1", "--worker-id", f"asr-{n}")
        procs.append((p, log))
        return p

    def failed(*names: str):
        return lambda status, body: status == 503 and set(names) <= set(body["failed"])

    def ready(status: int, body: dict[str, Any]) -> bool:
        return status == 200

    try:
        # Nothing behind the front yet: not ready, and it says which parts are missing.
        status, body = await readyz(front.base_url)
        assert status == 503 and {"media_workers", "asr_workers", "queue"} <= set(body["failed"]), body
        assert "no live media worker" in check(body, "media_workers")["detail"]
        assert check(body, "database")["ok"] and check(body, "disk")["ok"]

        media = await media_worker(1)
        asr = await asr_worker(1)
        body = await wait_readyz(front.base_url, ready, 300, "ready with both workers", procs)
        assert {"media_workers", "asr_workers", "queue"} <= {c["name"] for c in body["checks"] if c["ok"]}
        assert "1 live" in check(body, "media_workers")["detail"]
        assert "asr-1" in check(body, "asr_workers")["detail"]

        # A media worker killed outright: no deregistration, only silence.
        name = await db.fetchval("select name from workers where kind = 'media' and state = 'live'"
                                 " and (detail->>'pid')::int = $1", media.pid)
        assert name, "the media worker never registered with its pid"
        media.send_signal(signal.SIGKILL)
        await media.wait()
        killed_at = time.monotonic()
        body = await wait_readyz(front.base_url, failed("media_workers"), 20, "media_workers failing")
        noticed_s = time.monotonic() - killed_at
        assert body["failed"] == ["media_workers"], body  # the rest still passes
        detail = check(body, "media_workers")["detail"]
        assert "media worker missing" in detail and name in detail, detail
        # It stays missing (the reaper declaring it dead does not make it ready again)...
        await wait_for(lambda: db.fetchval("select state = 'dead' from workers where name = $1", name),
                       workers.DEAD_AFTER_S + workers.REAP_EVERY_S + 20, f"the reaper declaring {name} dead")
        status, body = await readyz(front.base_url)
        assert status == 503 and body["failed"] == ["media_workers"], body
        # ...until a new worker takes its place.
        await media_worker(2)
        await wait_readyz(front.base_url, ready, 120, "ready after a new media worker", procs[-1:])

        asr.send_signal(signal.SIGKILL)
        await asr.wait()
        killed_at = time.monotonic()
        body = await wait_readyz(front.base_url, failed("asr_workers"), 20, "asr_workers failing")
        asr_noticed_s = time.monotonic() - killed_at
        assert body["failed"] == ["asr_workers"], body  # the queue itself still answers
        assert "ASR worker missing" in check(body, "asr_workers")["detail"]
        assert "asr-1" in check(body, "asr_workers")["detail"]
        await asr_worker(2)
        body = await wait_readyz(front.base_url, ready, 300, "ready after a new ASR worker", procs[-1:])
        assert "asr-2" in check(body, "asr_workers")["detail"]
        print(f"media worker kill noticed in {noticed_s:.1f} s, ASR worker kill in {asr_noticed_s:.1f} s")
    finally:
        for p, _ in procs:
            if p.returncode is None:
                p.send_signal(signal.SIGTERM)
                try:
                    await asyncio.wait_for(p.wait(), 20)
                except asyncio.TimeoutError:
                    p.kill()
                    await p.wait()
        await stop_court(front, server, data_dir)
        await db.close()
