"""What a front or media worker sees of the speech-recognition side, for readiness and metrics.

ASR workers do not touch PostgreSQL: their heartbeat is the stats report each publishes
on courtroom.asr.stats.<worker> every STATS_INTERVAL_S (courtroom/cluster/asr_worker.py).
`ClusterWatch` listens to those reports and asks JetStream for the utterance queue's
backlog. A worker silent for SILENT_AFTER_S is missing until a worker that first reported
after its last report replaces it (a supervisor's restart comes back under a new id),
or for FORGET_AFTER_S at most.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import time
from typing import Any

from courtroom.cluster import utterances as uq

log = logging.getLogger(__name__)

SILENT_AFTER_S = 3 * uq.STATS_INTERVAL_S  # three missed reports
FORGET_AFTER_S = 600.0
QUEUE_TIMEOUT_S = 2.0


@dataclasses.dataclass
class AsrReport:
    worker: str
    first_seen: float  # monotonic
    last_seen: float
    stats: dict[str, Any]


class ClusterWatch:
    """A Service (start/stop). `asr_workers()` says who is live and who is missing;
    `queue()` is the JetStream backlog (raises when NATS or the stream does not answer)."""

    def __init__(self, nats_url: str, name: str = "cluster watch", *, silent_after_s: float = SILENT_AFTER_S,
                 forget_after_s: float = FORGET_AFTER_S) -> None:
        self.nats_url = nats_url
        self.name = name
        self.silent_after_s = silent_after_s
        self.forget_after_s = forget_after_s
        self.reports: dict[str, AsrReport] = {}
        self.started_at = time.monotonic()
        self._nc: Any = None
        self._js: Any = None

    async def start(self) -> None:
        self.started_at = time.monotonic()
        self._nc = await uq.connect(self.nats_url, self.name)
        self._js = self._nc.jetstream()
        await self._nc.subscribe(f"{uq.STATS_SUBJECT}.*", cb=self._on_stats)

    async def stop(self) -> None:
        if self._nc is not None:
            nc, self._nc, self._js = self._nc, None, None
            await nc.close()

    async def _on_stats(self, msg: Any) -> None:
        try:
            stats = json.loads(msg.data)
            worker = str(stats.get("worker") or msg.subject.rsplit(".", 1)[-1])
        except (ValueError, AttributeError):
            log.warning("unreadable ASR stats on %s", msg.subject)
            return
        now = time.monotonic()
        known = self.reports.get(worker)
        if known is None:
            self.reports[worker] = AsrReport(worker, now, now, stats)
        else:
            known.last_seen, known.stats = now, stats

    def asr_workers(self) -> dict[str, Any]:
        """{"live": [reports], "missing": [reports], "waiting_s": seconds since the watch started}."""
        now = time.monotonic()
        for worker in [w for w, r in self.reports.items() if now - r.last_seen > self.forget_after_s]:
            del self.reports[worker]
        live = [r for r in self.reports.values() if now - r.last_seen <= self.silent_after_s]
        spare = sorted(live, key=lambda r: r.first_seen)
        missing = []
        for r in sorted((r for r in self.reports.values() if r not in live), key=lambda r: r.last_seen):
            replacement = next((w for w in spare if w.first_seen > r.last_seen), None)
            if replacement is None:
                missing.append(r)
            else:
                spare.remove(replacement)
        return {"live": live, "missing": missing, "waiting_s": now - self.started_at}

    async def queue(self) -> dict[str, Any]:
        if self._js is None or not self._nc.is_connected:
            raise RuntimeError(f"未连接 NATS (not connected to {self.nats_url})")
        async with asyncio.timeout(QUEUE_TIMEOUT_S):
            return await uq.backlog(self._js)
