"""Prometheus metrics (prometheus-client), read from the live server at scrape time.

Served by web/health.py at GET /metrics. Gauges and counters that already live in the
server (rooms, media publications, the ASR worker's stats, the database pool, the disk)
are read by one collector when Prometheus scrapes, so nothing in the media path pays for
metrics between scrapes. Durations the server measures itself (signing, filing) are
histograms observed with `observe(SIGNING_SECONDS, kind="staff")`.

Metrics (all prefixed courtroom_):
  hearings_open, participants_connected                     live rooms of this process
  track_received_bytes_total{hearing,participant,kind}      bytes received per publication (rate() = bitrate)
  track_received_frames_total / track_keyframes_total       frames and keyframes received
  track_upstream_losses_total                               losses seen upstream (gaps in the publisher's stream)
  track_plis_sent_total / track_keyframe_requests_total     PLIs sent to the publisher, keyframe requests from subscribers
  track_nacks_sent_total                                    sequence numbers NACKed to the publisher
  track_forwarded_frames_total{hearing,participant,from,kind}  frames forwarded to each subscriber
  track_forwarded_keyframes_total{...}                      keyframes forwarded to each subscriber
  track_subscriber_plis_total{...} / track_subscriber_nacks_total{...}  PLI/FIRs and NACKed sequence numbers
                                                            from each subscriber, per track it receives
  subscriber_resends_total{hearing,participant}             packets resent to a subscriber (within its budget)
  subscriber_resends_refused_total{hearing,participant,reason=budget|age}  NACKs not answered
  subscriber_resent_bytes_total{hearing,participant}
  workers{kind=media|asr,state=live|missing}                workers seen by this front (readiness' view)
  recording_bytes{state} / recording_segments{state}        recorded bytes and segments (state=damaged: write errors)
  asr_queue_depth, asr_queued_audio_seconds, asr_lag_seconds, asr_worker_busy_ratio
  asr_commit_delay_seconds{quantile}                        commit delay p50/p95 over the worker's recent segments
  signing_duration_seconds{kind} / filing_duration_seconds  histograms
  db_pool_connections{state=in_use|idle|max}
  disk_free_bytes{path}, disk_floor_bytes
  ready{check}                                              1 when a readiness check passes (see health.py)
"""

from __future__ import annotations

import contextlib
import shutil
import time
from typing import Any, Iterator

from prometheus_client import CollectorRegistry, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector

from courtroom.operations import health

# The server context (courtroom.context.ServerContext), typed loosely: operations sits below it.
ServerContext = Any

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
_BUCKETS_S = (0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0)

# Process-wide: durations are observed where they happen, whichever context is serving.
DURATIONS = CollectorRegistry(auto_describe=True)
SIGNING_SECONDS = Histogram("courtroom_signing_duration_seconds", "One PAdES signature, prepare to embedded",
                            ["kind"], buckets=_BUCKETS_S, registry=DURATIONS)
FILING_SECONDS = Histogram("courtroom_filing_duration_seconds", "Building and filing one dossier package",
                           buckets=_BUCKETS_S, registry=DURATIONS)


@contextlib.contextmanager
def observe(histogram: Histogram, **labels: str) -> Iterator[None]:
    t = time.perf_counter()
    try:
        yield
    finally:
        (histogram.labels(**labels) if labels else histogram).observe(time.perf_counter() - t)


class ServerCollector(Collector):
    """Reads the live server when scraped. `readiness` holds the last readiness results
    (collect() is synchronous; web/health.py refreshes them before generating the page)."""

    def __init__(self, ctx: ServerContext):
        self.ctx = ctx
        self.readiness: list[health.CheckResult] = []
        self.recordings: dict[str, tuple[int, int]] = {}
        self.workers: dict[str, dict[str, list]] = {}
        self.queue: dict[str, Any] | None = None

    async def refresh(self) -> None:
        """The parts that need the database or the event loop: called before each scrape."""
        from models import recordings, workers

        self.readiness = await health.readiness(self.ctx)
        self.workers = {}
        if next((r.ok for r in self.readiness if r.name == "database"), False):
            self.recordings = await recordings.totals_by_state(self.ctx.db.pool)
            if self.ctx.settings.role == "front":
                self.workers["media"] = await workers.roster(self.ctx.db.pool, "media")
        watch = getattr(self.ctx.services, "cluster_watch", None)
        self.queue = None
        if watch is not None:
            self.workers["asr"] = watch.asr_workers()
            try:
                self.queue = await watch.queue()
            except Exception:  # the readiness check already says why
                self.queue = None

    def collect(self) -> Iterator[Any]:
        yield from self._rooms()
        yield from self._recordings()
        yield from self._asr()
        yield from self._pool()
        yield from self._disk()
        yield from self._workers()
        ready = GaugeMetricFamily("courtroom_ready", "1 when the readiness check passes", labels=["check"])
        for r in self.readiness:
            ready.add_metric([r.name], 1.0 if r.ok else 0.0)
        yield ready

    def _rooms(self) -> Iterator[Any]:
        rooms = dict(getattr(self.ctx.rooms, "_rooms", {}) or {})
        yield GaugeMetricFamily("courtroom_hearings_open", "Hearings live in this process", value=len(rooms))
        connected = sum(len(getattr(room, "clients", {})) for room in rooms.values())
        yield GaugeMetricFamily("courtroom_participants_connected", "Participants connected to live hearings",
                                value=connected)
        fams = {
            "bytes": CounterMetricFamily("courtroom_track_received_bytes", "Bytes received per track",
                                         labels=["hearing", "participant", "kind"]),
            "frames": CounterMetricFamily("courtroom_track_received_frames", "Frames received per track",
                                          labels=["hearing", "participant", "kind"]),
            "keyframes": CounterMetricFamily("courtroom_track_keyframes", "Keyframes received per track",
                                             labels=["hearing", "participant", "kind"]),
            "upstream_losses": CounterMetricFamily("courtroom_track_upstream_losses", "Upstream losses per track",
                                                   labels=["hearing", "participant", "kind"]),
            "plis_sent": CounterMetricFamily("courtroom_track_plis_sent", "PLIs sent to the publisher",
                                             labels=["hearing", "participant", "kind"]),
            "keyframe_requests": CounterMetricFamily("courtroom_track_keyframe_requests",
                                                     "Keyframe requests from subscribers",
                                                     labels=["hearing", "participant", "kind"]),
            "nacks_sent": CounterMetricFamily("courtroom_track_nacks_sent", "Sequence numbers NACKed to the publisher",
                                              labels=["hearing", "participant", "kind"]),
        }
        sub_labels = ["hearing", "participant", "from", "kind"]
        per_sub = {
            "frames_forwarded": CounterMetricFamily("courtroom_track_forwarded_frames",
                                                    "Frames forwarded to a subscriber", labels=sub_labels),
            "keyframes_forwarded": CounterMetricFamily("courtroom_track_forwarded_keyframes",
                                                       "Keyframes forwarded to a subscriber", labels=sub_labels),
            "keyframe_requests": CounterMetricFamily("courtroom_track_subscriber_plis",
                                                     "PLI/FIR keyframe requests from a subscriber", labels=sub_labels),
            "nacks_received": CounterMetricFamily("courtroom_track_subscriber_nacks",
                                                  "Sequence numbers a subscriber NACKed", labels=sub_labels),
        }
        link_labels = ["hearing", "participant"]
        resent = CounterMetricFamily("courtroom_subscriber_resends", "Packets resent to a subscriber", labels=link_labels)
        resent_bytes = CounterMetricFamily("courtroom_subscriber_resent_bytes", "Bytes resent to a subscriber",
                                           labels=link_labels)
        refused = CounterMetricFamily("courtroom_subscriber_resends_refused", "NACKed packets not resent",
                                      labels=[*link_labels, "reason"])
        for hearing_id, room in rooms.items():
            media = getattr(room, "media", None)
            if media is None:
                continue
            try:
                stats = media.stats()
            except Exception:  # a room closing under us: skip it this scrape
                continue
            for key, pub in stats.get("publications", {}).items():
                participant, _, kind = key.partition("/")
                for name, fam in fams.items():
                    fam.add_metric([str(hearing_id), participant, kind], float(pub.get(name, 0) or 0))
            for key, counts in stats.get("forwarded", {}).items():
                participant, _, rest = key.partition("<-")
                source, _, kind = rest.rpartition("/")
                for name, fam in per_sub.items():
                    fam.add_metric([str(hearing_id), participant, source, kind], float(counts.get(name, 0) or 0))
            for participant, link in stats.get("links", {}).items():
                labels = [str(hearing_id), participant]
                resent.add_metric(labels, float(link.get("resent", 0)))
                resent_bytes.add_metric(labels, float(link.get("resent_bytes", 0)))
                for reason in ("budget", "age"):
                    refused.add_metric([*labels, reason], float(link.get(f"resends_refused_{reason}", 0)))
        yield from fams.values()
        yield from per_sub.values()
        yield from (resent, resent_bytes, refused)

    def _recordings(self) -> Iterator[Any]:
        size = GaugeMetricFamily("courtroom_recording_bytes", "Bytes of recording segments by state",
                                 labels=["state"])
        count = GaugeMetricFamily("courtroom_recording_segments", "Recording segments by state (damaged: write "
                                  "error or crash)", labels=["state"])
        for state in ("recording", "closed", "damaged"):
            n, b = self.recordings.get(state, (0, 0))
            size.add_metric([state], float(b))
            count.add_metric([state], float(n))
        yield size
        yield count

    def _asr(self) -> Iterator[Any]:
        service = self.ctx.services.transcription
        stats = service.stats() if service is not None else {}
        if self.queue is not None:  # Whisper in ASR workers: the JetStream queue and their reports
            live = self.workers.get("asr", {}).get("live", [])
            stats = {**stats, "utterances_pending": self.queue["waiting"] + self.queue["in_workers"],
                     "lag_s": max([float(r.stats.get("oldest_held_s") or 0.0) for r in live]
                                  + [float(stats.get("oldest_pending_s") or 0.0)])}
        yield GaugeMetricFamily("courtroom_asr_queue_depth", "Utterances waiting for Whisper",
                                value=float(stats.get("utterances_pending", 0)))
        yield GaugeMetricFamily("courtroom_asr_queued_audio_seconds", "Audio waiting for Whisper",
                                value=float(stats.get("queued_audio_s", 0.0)))
        yield GaugeMetricFamily("courtroom_asr_lag_seconds", "How far recognition is behind real time",
                                value=float(stats.get("lag_s", 0.0)))
        yield GaugeMetricFamily("courtroom_asr_worker_busy_ratio", "Fraction of time the worker spends in Whisper",
                                value=float(stats.get("worker_busy", 0.0)))
        delay = GaugeMetricFamily("courtroom_asr_commit_delay_seconds",
                                  "Delay from end of speech to committed text, recent segments", labels=["quantile"])
        for q, key in (("0.5", "commit_delay_p50_s"), ("0.95", "commit_delay_p95_s")):
            if stats.get(key) is not None:
                delay.add_metric([q], float(stats[key]))
        yield delay

    def _pool(self) -> Iterator[Any]:
        pool = self.ctx.db.pool
        fam = GaugeMetricFamily("courtroom_db_pool_connections", "Database pool connections", labels=["state"])
        size, idle = pool.get_size(), pool.get_idle_size()
        fam.add_metric(["in_use"], float(size - idle))
        fam.add_metric(["idle"], float(idle))
        fam.add_metric(["max"], float(pool.get_max_size()))
        yield fam

    def _disk(self) -> Iterator[Any]:
        fam = GaugeMetricFamily("courtroom_disk_free_bytes", "Free bytes under the data directories", labels=["path"])
        for path in health._disk_paths(self.ctx):
            fam.add_metric([str(path)], float(shutil.disk_usage(path).free))
        yield fam
        yield GaugeMetricFamily("courtroom_disk_floor_bytes", "Free disk below which the server is not ready",
                                value=float(health.disk_floor_bytes(self.ctx)))

    def _workers(self) -> Iterator[Any]:
        fam = GaugeMetricFamily("courtroom_workers", "Worker processes seen by this process (live or missing)",
                                labels=["kind", "state"])
        for kind, roster in self.workers.items():
            for state in ("live", "missing"):
                fam.add_metric([kind, state], float(len(roster[state])))
        yield fam


class ServerMetrics:
    """The registry one server serves: its collector plus the process-wide durations."""

    def __init__(self, ctx: ServerContext):
        self.collector = ServerCollector(ctx)
        self.registry = CollectorRegistry(auto_describe=False)
        self.registry.register(self.collector)

    async def render(self) -> bytes:
        await self.collector.refresh()
        return generate_latest(self.registry) + generate_latest(DURATIONS)
