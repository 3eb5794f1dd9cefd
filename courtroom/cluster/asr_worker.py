"""`courtroom asr-worker`: the batching Whisper worker (asr/worker.py) fed from JetStream.

One process per GPU in production, one per machine on CPU. It pulls utterances from the
shared durable consumer, never holding more than `--max-in-flight` (that is its share of
the back-pressure: the rest wait in JetStream, where every worker and the operator can
see them), transcribes them in the service's batches, publishes each result to the
hearing's subject, and acks the utterance only once JetStream has stored the result.
Killed at any point, it loses nothing: unacked utterances come back to a live worker
after ACK_WAIT_S, and a result published twice is deduplicated by the utterance id.

Every STATS_INTERVAL_S it publishes its load on courtroom.asr.stats.<worker> and logs a
warning while the queue is behind by more than --lag-warning seconds. Given a database
(--database-url or DATABASE_URL) it also registers in PostgreSQL's workers table (kind
'asr') and heartbeats there, so that a front's readiness knows whether any ASR worker lives.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import signal
import socket
import sys
import time
from pathlib import Path
from typing import Any

from courtroom.cluster import utterances as uq

log = logging.getLogger("courtroom.asr_worker")


def build_parser(parser: argparse.ArgumentParser | None = None) -> argparse.ArgumentParser:
    p = parser or argparse.ArgumentParser(prog="courtroom asr-worker", description="语音识别工作进程 / ASR worker")
    p.add_argument("--nats-url", default=os.environ.get("NATS_URL"), help="NATS with JetStream (default: $NATS_URL)")
    p.add_argument("--model", default=os.environ.get("COURTROOM_WHISPER_MODEL"),
                   help="CTranslate2 Whisper model directory (default: the packaged base model in --data-dir)")
    p.add_argument("--data-dir", default=None, help="where the packaged model is assembled (default: the server's)")
    p.add_argument("--device", default=os.environ.get("COURTROOM_ASR_DEVICE", "auto"), help="auto, cpu or cuda")
    p.add_argument("--max-batch", type=int, default=4, help="utterances per Whisper call")
    p.add_argument("--beam", type=int, default=int(os.environ.get("COURTROOM_ASR_BEAM") or 5),
                   help="beam width of each pass (default 5, or COURTROOM_ASR_BEAM; 1 = greedy)")
    p.add_argument("--max-in-flight", type=int, default=0, help="utterances held at once (default: 2 x max-batch)")
    p.add_argument("--worker-id", default=None, help="name in stats and logs (default: host-pid)")
    p.add_argument("--lag-warning", type=float, default=10.0, help="warn while the oldest utterance waits longer (s)")
    p.add_argument("--database-url", default=os.environ.get("DATABASE_URL"),
                   help="register and heartbeat in the court's PostgreSQL (default: $DATABASE_URL; none: do not register)")
    return p


class AsrWorker:
    def __init__(self, service: Any, js: Any, *, worker_id: str, max_in_flight: int, lag_warning_s: float) -> None:
        self.service = service
        self.js = js
        self.worker_id = worker_id
        self.max_in_flight = max_in_flight
        self.lag_warning_s = lag_warning_s
        self._slots = asyncio.Semaphore(max_in_flight)
        self._held: dict[str, tuple[Any, float]] = {}  # utterance id -> (message, sent_at)
        self._tasks: set[asyncio.Task] = set()
        self._stopping = asyncio.Event()
        self.counts = {"results": 0, "duplicates": 0, "rejected": 0, "bad": 0, "redelivered": 0}

    async def run(self) -> None:
        import nats.errors
        from nats.js.api import AckPolicy, ConsumerConfig

        await uq.ensure_streams(self.js)
        config = ConsumerConfig(durable_name=uq.WORKER_CONSUMER, ack_policy=AckPolicy.EXPLICIT, ack_wait=uq.ACK_WAIT_S,
                                max_deliver=uq.MAX_DELIVER, max_ack_pending=-1, max_waiting=512)
        sub = await self.js.pull_subscribe(f"{uq.UTTERANCE_SUBJECT}.*", durable=uq.WORKER_CONSUMER,
                                           stream=uq.UTTERANCE_STREAM, config=config)
        loop = asyncio.get_running_loop()
        progress = loop.create_task(self._keep_in_progress())
        stats = loop.create_task(self._report())
        log.info("ASR worker %s pulling from %s (at most %d at once)", self.worker_id, uq.UTTERANCE_STREAM, self.max_in_flight)
        try:
            while not self._stopping.is_set():
                await self._slots.acquire()  # room for at least one more
                free = 1
                while free < self.max_in_flight and not self._slots.locked():
                    await self._slots.acquire()
                    free += 1
                try:
                    msgs = await sub.fetch(free, timeout=1.0)
                except (nats.errors.TimeoutError, asyncio.TimeoutError):
                    msgs = []
                except nats.errors.Error as exc:  # reconnecting, or JetStream restarting (no responders, 503)
                    log.info("fetch: %r; retrying", exc)
                    msgs = []
                    await asyncio.sleep(0.5)
                for _ in range(free - len(msgs)):
                    self._slots.release()
                for msg in msgs:
                    task = loop.create_task(self._handle(msg))
                    self._tasks.add(task)
                    task.add_done_callback(self._tasks.discard)
        finally:
            progress.cancel()
            stats.cancel()
            # Jobs under way finish (their results are published and acked); the rest
            # simply stay unacked and go to another worker.
            if self._tasks:
                await asyncio.gather(*self._tasks, return_exceptions=True)

    def stop(self) -> None:
        self._stopping.set()

    async def _handle(self, msg: Any) -> None:
        taken = time.monotonic()
        try:
            try:
                job = uq.UtteranceJob.decode(msg.data)
            except uq.BadMessage as exc:
                # Never silently: the reason is logged, and the hearing gets a result saying so when we know it.
                log.error("bad utterance message on %s: %s", msg.subject, exc)
                self.counts["bad"] += 1
                await msg.term()
                return
            if msg.metadata.num_delivered > 1:
                self.counts["redelivered"] += 1
            self._held[job.utterance_id] = (msg, job.sent_at)
            try:
                done = await self.service.transcribe(
                    job.to_utterance(), stream_id=job.stream_id, hearing_id=job.hearing_id, speaker=job.speaker,
                    prompt=job.prompt, hotwords=job.hotwords, language=job.language, case_terms=job.case_terms,
                    key_terms=job.key_terms, sexes=dict(job.sexes), roles=dict(job.roles),
                    previous=job.previous)
                result = uq.AsrResult(utterance_id=job.utterance_id, hearing_id=job.hearing_id, segment=done.segment,
                                      rejected=done.rejected, worker=self.worker_id, asr_s=time.monotonic() - taken,
                                      queued_s=max(0.0, time.time() - job.sent_at - (time.monotonic() - taken)))
                payload = result.encode()  # a bug here fails the job (redelivered), not the retry loop
                while True:  # ack only after the result is stored; through a NATS restart too
                    try:
                        fresh = await uq.publish_result(self.js, payload, hearing_id=job.hearing_id,
                                                        utterance_id=job.utterance_id)
                        break
                    except Exception as exc:  # NATS restarting, or JetStream not answering in time
                        log.warning("publishing the result of %s failed (%r); retrying", job.utterance_id, exc)
                        await asyncio.sleep(1.0)
                self.counts["results" if fresh else "duplicates"] += 1
                if done.segment is None:
                    self.counts["rejected"] += 1
                await msg.ack_sync(timeout=5.0)
            finally:
                self._held.pop(job.utterance_id, None)
        except Exception:
            log.exception("job on %s failed; it will be redelivered", msg.subject)
        finally:
            self._slots.release()

    async def _keep_in_progress(self) -> None:
        """Tell JetStream every held job is still being worked on (so only a dead worker's come back)."""
        while True:
            await asyncio.sleep(uq.ACK_PROGRESS_S)
            for msg, _ in list(self._held.values()):
                try:
                    await msg.in_progress()
                except Exception as exc:
                    log.debug("in_progress failed: %r", exc)

    def stats(self, queue: dict[str, Any] | None) -> dict[str, Any]:
        now = time.time()
        oldest = min((sent for _, sent in self._held.values()), default=None)
        return {"worker": self.worker_id, "pid": os.getpid(), "at": now, "held": len(self._held), "max_in_flight": self.max_in_flight,
                "oldest_held_s": round(now - oldest, 2) if oldest is not None else 0.0, **self.counts,
                "service": self.service.stats(), "queue": queue}

    async def _report(self) -> None:
        warned = False
        while True:
            await asyncio.sleep(uq.STATS_INTERVAL_S)
            try:
                queue = await uq.backlog(self.js)
            except Exception as exc:
                queue = None
                log.debug("backlog unavailable: %r", exc)
            stats = self.stats(queue)
            behind = stats["oldest_held_s"]
            if behind > self.lag_warning_s and not warned:
                log.warning("ASR is %.1f s behind: %d held here, %s waiting in JetStream", behind, stats["held"],
                            queue["waiting"] if queue else "?")
                warned = True
            elif behind < self.lag_warning_s / 2:
                warned = False
            try:
                await self.js._nc.publish(f"{uq.STATS_SUBJECT}.{self.worker_id}", json.dumps(stats).encode())
            except Exception as exc:
                log.debug("stats not published: %r", exc)


def _resolve_model(args: argparse.Namespace) -> Path:
    from asr.model import BASE_MODEL_NAME, assemble_model

    if args.model:
        return Path(args.model)
    from courtroom.config import default_data_dir

    data_dir = Path(args.data_dir) if args.data_dir else default_data_dir()
    return assemble_model(data_dir / "models" / BASE_MODEL_NAME, progress=False)


async def run_worker(args: argparse.Namespace) -> int:
    from asr.decoder import DecoderOptions
    from asr.model import load_model
    from asr.worker import ServiceOptions, TranscriptionService

    if not args.nats_url:
        print("需要 NATS 地址 / no NATS URL: pass --nats-url or set NATS_URL", file=sys.stderr)
        return 2
    worker_id = args.worker_id or f"{socket.gethostname()}-{os.getpid()}"
    path = await asyncio.to_thread(_resolve_model, args)
    model = await asyncio.to_thread(load_model, path, args.device)
    # Utterances arrive already cut: no interim or early passes here, only finals.
    options = ServiceOptions(max_batch=args.max_batch, interim=False, speculate_after_s=None,
                             decoder=DecoderOptions(beam_size=args.beam))
    service = TranscriptionService(model, model_name=f"whisper:{path.name}", on_segment=lambda s: None, options=options)
    await service.start()
    nc = await uq.connect(args.nats_url, f"asr-worker {worker_id}")
    worker = AsrWorker(service, nc.jetstream(), worker_id=worker_id,
                       max_in_flight=args.max_in_flight or 2 * args.max_batch, lag_warning_s=args.lag_warning)
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, worker.stop)
    membership = await _register(args.database_url, worker_id, worker) if args.database_url else None
    try:
        await worker.run()
    finally:
        log.info("ASR worker %s stopping: finishing %d held jobs", worker_id, len(worker._held))
        if membership is not None:
            await membership.stop()
            await membership.pool.close()
        await service.stop()
        # Everything taken was published and acked (or stays unacked for another worker):
        # close, not drain (draining a pull subscription waits out its timeout).
        await nc.close()
    log.info("ASR worker %s stopped: %s", worker_id, worker.counts)
    return 0


async def _register(database_url: str, worker_id: str, worker: AsrWorker) -> Any:
    """Membership in the workers table (kind 'asr'): the front's readiness counts live ones.
    Declared dead after a stall, it simply registers anew (it holds no hearings)."""
    from courtroom.cluster.membership import WorkerMembership
    from models.db import small_pool

    pool = await small_pool(database_url)
    membership: WorkerMembership

    async def again() -> None:
        await membership.start()

    membership = WorkerMembership(pool, kind="asr", name=worker_id, address=f"nats:asr/{worker_id}",
                                  capacity=float(worker.max_in_flight), load=lambda: float(len(worker._held)),
                                  detail=lambda: {"pid": os.getpid(), "held": len(worker._held)}, on_gone=again)
    await membership.start()
    return membership


def main(argv: list[str] | None = None) -> int:
    return run_main(build_parser().parse_args(argv))


def run_main(args: argparse.Namespace) -> int:
    logging.basicConfig(level=os.environ.get("COURTROOM_LOG_LEVEL", "INFO"),
                        format="%(asctime)s %(name)s %(levelname)s %(message)s")
    return asyncio.run(run_worker(args))


if __name__ == "__main__":
    sys.exit(main())
