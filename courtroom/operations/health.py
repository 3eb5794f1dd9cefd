"""Readiness: can this server hold a hearing now? Each check names itself and says why it failed.

GET /readyz (web/health.py) runs `readiness(ctx)` and answers 503 when any check fails;
the courtroom terminal shows the same list to the clerk before opening (设备与服务自检).

Checks, by the process's role (courtroom/config.py Settings.role):
  every role   database (answers within 2 s); disk (free space under the data and recordings
               directories above COURTROOM_DISK_FLOOR_MB); media_loop (this process's event
               loop is not stalled)
  single       asr: the in-process Whisper thread is alive (when transcription is on)
  front        media_workers: at least one media worker heartbeats in PostgreSQL
               (models/workers.py) and none is missing (silent past 3 s, or declared dead in
               the last 10 minutes and not replaced by a newer one)
  front, media asr_workers: an ASR worker reported on NATS in the last 6 s and none is missing
               (courtroom/cluster/watch.py); queue: JetStream answers with the utterance
               queue's backlog (when transcription is on)
"""

from __future__ import annotations

import asyncio
import dataclasses
import shutil
import time
from pathlib import Path
from typing import Any, Awaitable, Callable

# The server context (courtroom.context.ServerContext), typed loosely: operations sits below it.
ServerContext = Any

DB_TIMEOUT_S = 2.0
LOOP_LAG_LIMIT_S = 0.5


def disk_floor_bytes(ctx: ServerContext) -> int:
    """The one free-disk floor (Settings.recording_min_free_mb, COURTROOM_DISK_FLOOR_MB)."""
    return int(ctx.settings.disk_floor_bytes)


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
    floor = disk_floor_bytes(ctx) if floor is None else floor
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


def _names(workers: list[dict[str, Any]]) -> str:
    return ", ".join(f"{w['name']} ({w['address']})" for w in workers)


async def check_media_workers(ctx: ServerContext) -> str:
    from models import workers

    async with asyncio.timeout(DB_TIMEOUT_S):
        roster = await workers.roster(ctx.db.pool, "media")
    live, missing = roster["live"], roster["missing"]
    if missing:
        lost = "; ".join(f"{w['name']} ({w['address']}) 已 {w['silent_s']:.0f} 秒无心跳"
                         + ("，已判定失联" if w["state"] == "dead" else "") for w in missing)
        raise RuntimeError(f"媒体工作进程缺失 (media worker missing): {lost}; {len(live)} live")
    if not live:
        raise RuntimeError("没有可用的媒体工作进程 (no live media worker)")
    return f"{len(live)} live: {_names(live)}"


def _cluster_watch(ctx: ServerContext) -> Any:
    return getattr(ctx.services, "cluster_watch", None)


async def check_asr_workers(ctx: ServerContext) -> str:
    seen = _cluster_watch(ctx).asr_workers()
    live, missing = seen["live"], seen["missing"]
    if missing:
        now = time.monotonic()
        lost = "; ".join(f"{r.worker} 已 {now - r.last_seen:.0f} 秒未报告" for r in missing)
        raise RuntimeError(f"语音识别工作进程缺失 (ASR worker missing): {lost}; {len(live)} live")
    if not live:
        raise RuntimeError(f"没有语音识别工作进程报告 (no ASR worker has reported in {seen['waiting_s']:.0f} s)")
    lag = max(float(r.stats.get("oldest_held_s") or 0.0) for r in live)
    return f"{len(live)} live: {', '.join(r.worker for r in live)}; oldest held {lag:.1f} s"


async def check_queue(ctx: ServerContext) -> str:
    try:
        backlog = await _cluster_watch(ctx).queue()
    except TimeoutError:
        raise RuntimeError("识别队列无响应 (JetStream did not answer)") from None
    except Exception as exc:
        raise RuntimeError(f"识别队列不可用 (queue unavailable): {type(exc).__name__}: {exc}") from None
    return (f"waiting {backlog['waiting']}, in workers {backlog['in_workers']}, "
            f"given up {backlog['given_up']}")


async def check_asr(ctx: ServerContext) -> str:
    service = ctx.services.transcription
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
    role = ctx.settings.role
    if role == "front":
        checks.append(("media_workers", "媒体工作进程", lambda: check_media_workers(ctx)))
    if ctx.settings.asr_enabled and _cluster_watch(ctx) is not None:
        checks.append(("asr_workers", "语音识别工作进程", lambda: check_asr_workers(ctx)))
        checks.append(("queue", "识别队列", lambda: check_queue(ctx)))
    elif ctx.settings.asr_enabled and role == "single":
        checks.append(("asr", "语音识别", lambda: check_asr(ctx)))
    elif ctx.settings.asr_enabled:
        checks.append(("asr_workers", "语音识别工作进程",
                       _fails("没有 NATS 连接，无法查看语音识别工作进程 (no NATS_URL: ASR workers unseen)")))
    return list(await asyncio.gather(*(_timed(n, label, c) for n, label, c in checks)))


def _fails(reason: str) -> Callable[[], Awaitable[str]]:
    async def check() -> str:
        raise RuntimeError(reason)
    return check


def summary(results: list[CheckResult]) -> dict[str, Any]:
    failed = [r.name for r in results if not r.ok]
    return {"status": "ready" if not failed else "not_ready", "failed": failed,
            "checks": [r.to_json() for r in results]}
