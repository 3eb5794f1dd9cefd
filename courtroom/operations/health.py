"""Readiness: can this server hold a hearing now? Each check names itself and says why it failed.

GET /readyz (web/health.py) runs `readiness(ctx)` and answers 503 when any check fails;
the courtroom terminal shows the same list to the clerk before opening (设备与服务自检).

Checks: the database answers; free disk under the data directory and the recordings
directory stays above its floor; this process's event loop (which carries the hearings'
media) is not stalled; the speech-recognition worker is alive, when transcription is on.
There is no separate media worker process or queue yet: when there is, each registers
here as one more check.
"""

from __future__ import annotations

import asyncio
import dataclasses
import os
import shutil
import time
from pathlib import Path
from typing import Any, Awaitable, Callable

# The server context (courtroom.context.ServerContext), typed loosely: operations sits below it.
ServerContext = Any

DEFAULT_DISK_FLOOR_MB = 2048.0  # about 40 minutes of a 5-party 720p hearing's recordings
DB_TIMEOUT_S = 2.0
LOOP_LAG_LIMIT_S = 0.5


def disk_floor_bytes() -> int:
    """COURTROOM_DISK_FLOOR_MB (default 2048): below it no new hearing should start."""
    raw = os.environ.get("COURTROOM_DISK_FLOOR_MB")
    try:
        mb = float(raw) if raw not in (None, "") else DEFAULT_DISK_FLOOR_MB
    except ValueError:
        raise ValueError(f"COURTROOM_DISK_FLOOR_MB must be a number of megabytes, not {raw!r}") from None
    return int(mb * 1024 * 1024)


@dataclasses.dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    label: str  # what the clerk's panel shows
    detail: str
    ms: float

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


async def _timed(name: str, label: str, check: Callable[[], Awaitable[str]]) -> CheckResult:
    t = time.perf_counter()
    try:
        detail = await check()
        ok = True
    except Exception as exc:  # a failed check is reported, never raised
        detail, ok = (str(exc) or type(exc).__name__), False
    return CheckResult(name, ok, label, detail, round((time.perf_counter() - t) * 1000, 1))


async def check_database(ctx: ServerContext) -> str:
    try:
        async with asyncio.timeout(DB_TIMEOUT_S):
            value = await ctx.db.pool.fetchval("select 1")
    except TimeoutError:
        raise RuntimeError(f"数据库 {DB_TIMEOUT_S:g} 秒内无响应 (database did not answer)") from None
    except Exception as exc:
        raise RuntimeError(f"数据库不可用 (database unavailable): {type(exc).__name__}: {exc}") from None
    if value != 1:
        raise RuntimeError("数据库应答异常 (unexpected answer)")
    return "可用 (answers)"


def _disk_paths(ctx: ServerContext) -> list[Path]:
    paths, seen = [], set()
    for path in (ctx.settings.data_dir, ctx.settings.recordings_dir):
        probe = path if path.exists() else path.parent
        try:
            dev = probe.stat().st_dev
        except OSError:
            continue
        if dev not in seen:
            seen.add(dev)
            paths.append(probe)
    return paths


async def check_disk(ctx: ServerContext, floor: int | None = None) -> str:
    floor = disk_floor_bytes() if floor is None else floor
    parts, low = [], []
    for path in _disk_paths(ctx):
        free = shutil.disk_usage(path).free
        parts.append(f"{path}: {free / 2**20:.0f} MB")
        if free < floor:
            low.append(f"{path} 仅剩 {free / 2**20:.1f} MB，低于下限 {floor / 2**20:.0f} MB")
    if low:
        raise RuntimeError("磁盘空间不足 (free disk below floor): " + "; ".join(low))
    return "; ".join(parts) + f" (floor {floor / 2**20:.0f} MB)"


async def check_event_loop(ctx: ServerContext) -> str:
    loop = asyncio.get_running_loop()
    ran = loop.create_future()
    t = loop.time()

    def measure() -> None:
        if not ran.done():
            ran.set_result(loop.time() - t)

    loop.call_soon(measure)
    lag = await ran
    if lag > LOOP_LAG_LIMIT_S:
        raise RuntimeError(f"媒体事件循环阻塞 {lag:.2f} 秒 (event loop stalled)")
    rooms = getattr(ctx.rooms, "_rooms", None)
    return f"lag {lag * 1000:.1f} ms" + (f", {len(rooms)} live hearing(s)" if isinstance(rooms, dict) else "")


async def check_asr(ctx: ServerContext) -> str:
    if ctx.settings.role == "front":  # Whisper runs in `courtroom asr-worker` processes, registered in PostgreSQL
        from models import workers

        live = await workers.live_workers(ctx.db.pool, "asr")
        if not live:
            raise RuntimeError("没有在线的语音识别工作进程 (no live ASR worker)")
        return f"{len(live)} ASR worker(s) live"
    service = ctx.services.transcription
    if ctx.settings.nats_url and service is not None and getattr(service, "service", None) is None:
        stats = service.stats()  # a media worker: utterances go to the ASR workers through JetStream
        return f"queued to ASR workers; pending {stats.get('utterances_pending', 0)}, oldest {stats.get('oldest_pending_s', 0)} s"
    inner = getattr(service, "service", None)
    thread = getattr(inner, "_thread", None)  # asr.worker.TranscriptionService's one worker thread
    if thread is None or not thread.is_alive():
        raise RuntimeError("语音识别工作线程未运行 (ASR worker not running)")
    stats = service.stats() if service is not None else {}
    return f"running; queue {stats.get('utterances_pending', 0)}, lag {stats.get('lag_s', 0)} s"


async def readiness(ctx: ServerContext, *, disk_floor: int | None = None) -> list[CheckResult]:
    checks: list[tuple[str, str, Callable[[], Awaitable[str]]]] = [
        ("database", "数据库", lambda: check_database(ctx)),
        ("disk", "磁盘空间", lambda: check_disk(ctx, disk_floor)),
        ("media_loop", "媒体服务", lambda: check_event_loop(ctx)),
    ]
    if ctx.settings.asr_enabled:
        checks.append(("asr", "语音识别", lambda: check_asr(ctx)))
    return list(await asyncio.gather(*(_timed(n, label, c) for n, label, c in checks)))


def summary(results: list[CheckResult]) -> dict[str, Any]:
    failed = [r.name for r in results if not r.ok]
    return {"status": "ready" if not failed else "not_ready", "failed": failed,
            "checks": [r.to_json() for r in results]}
