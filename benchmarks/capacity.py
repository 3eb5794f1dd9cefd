"""Capacity of the cluster pieces (issue 11), printed against the targets.

    python benchmarks/capacity.py asr [--seconds 30] [--max-speakers 12] [--device cpu|cuda] [--json]

asr: how many continuously talking speakers one `courtroom asr-worker` process keeps up
with. A real nats-server (embedded) and one ASR worker process with the packaged Whisper
base (or COURTROOM_WHISPER_MODEL); k simulated speakers each say the fixture sentences
back to back in real time, and each utterance is published to the JetStream work queue
the moment it ends (as a media worker's VAD would). k grows by one until the commit
delay p95 (end of speech -> result back on the hearing's subject) passes 2 s or the
queue grows without bound. A speaker here talks all the time: a hearing has about one
speaker talking at a time, so speakers ~ hearings.

media (hearings held with 1 media worker and with 2, their ratio): not written yet; see
the README's capacity plan for what is measured and what is estimated.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from asr.audio import read_audio  # noqa: E402
from asr.segment import Speaker  # noqa: E402
from asr.streaming import SAMPLE_RATE  # noqa: E402
from courtroom.cluster import utterances as uq  # noqa: E402
from courtroom.cluster.natsd import EmbeddedNats  # noqa: E402
from courtroom.cluster.supervisor import Child, child_env, python_argv  # noqa: E402

SPEECH = REPO / "tests" / "data" / "speech"
TARGET_P95_S = 2.0


async def asr_capacity(args: argparse.Namespace) -> dict:
    from asr.model import BASE_MODEL_NAME, assemble_model

    work = Path(tempfile.mkdtemp(prefix="capacity-asr-", dir="/tmp"))
    model = Path(os.environ["COURTROOM_WHISPER_MODEL"]) if os.environ.get("COURTROOM_WHISPER_MODEL") else \
        assemble_model(work / BASE_MODEL_NAME, progress=False)
    sentences = [read_audio(SPEECH / f"zh_court_{i:02d}.flac") for i in range(14)]
    nats = EmbeddedNats(work / "nats")
    await nats.start()
    nc = await uq.connect(nats.url, "capacity")
    js = nc.jetstream()
    await uq.ensure_streams(js)
    stats: dict = {}

    async def on_stats(msg) -> None:
        stats.update(json.loads(msg.data))

    await nc.subscribe(f"{uq.STATS_SUBJECT}.bench", cb=on_stats)
    worker = Child("asr-worker", python_argv("courtroom.cluster.asr_worker", "--nats-url", nats.url, "--model", str(model),
                                             "--device", args.device, "--max-batch", str(args.max_batch), "--worker-id", "bench"),
                   env=child_env({"PYTHONPATH": str(REPO)}), log_path=work / "asr-worker.log")
    await worker.start()
    while not stats:  # loaded and pulling
        await asyncio.sleep(0.2)
    rows = []
    try:
        for k in range(1, args.max_speakers + 1):
            row = await _run_speakers(js, k, sentences, args.seconds)
            row["worker_busy"] = stats.get("service", {}).get("worker_busy")
            rows.append(row)
            print(f"speakers {k:2d}: utterances {row['utterances']:3d}  commit p50 {row['p50_s']:.2f} s  p95 {row['p95_s']:.2f} s"
                  f"  max {row['max_s']:.2f} s  left waiting {row['unanswered']}", flush=True)
            if row["p95_s"] > TARGET_P95_S or row["unanswered"]:
                break
    finally:
        await worker.stop()
        await nc.close()
        await nats.stop()
    kept = [r["speakers"] for r in rows if r["p95_s"] <= TARGET_P95_S and not r["unanswered"]]
    return {"device": args.device, "max_batch": args.max_batch, "seconds": args.seconds, "rows": rows,
            "speakers_kept_up": max(kept) if kept else 0, "target_p95_s": TARGET_P95_S}


async def _run_speakers(js, k: int, sentences, seconds: float) -> dict:
    hearing = str(uuid.uuid4())
    sent: dict[str, float] = {}  # utterance id -> wall time its speech ended
    delays: list[float] = []

    async def store(result: uq.AsrResult) -> None:
        ended = sent.get(result.utterance_id)
        if ended is not None:
            delays.append(time.time() - ended)

    feed = uq.ResultFeed(js, hearing, store)
    await feed.start()

    async def speaker(n: int) -> None:
        rng = random.Random(n)
        sp = Speaker(participant_id=str(uuid.uuid4()), role="plaintiff", name=f"发言人{n}")
        clock = rng.uniform(0, 1.0)  # speakers do not start in step
        await asyncio.sleep(clock)
        t_end = time.monotonic() + seconds
        while time.monotonic() < t_end:
            audio = sentences[rng.randrange(len(sentences))]
            await asyncio.sleep(len(audio) / SAMPLE_RATE + 0.5)  # said, then the pause that ends it
            job = uq.UtteranceJob(utterance_id=str(uuid.uuid4()), hearing_id=hearing, stream_id=f"{hearing}:{n}",
                                  speaker=sp, audio=audio, start=clock, voiced_start=clock,
                                  voiced_end=clock + len(audio) / SAMPLE_RATE)
            sent[job.utterance_id] = time.time() - 0.5  # the speech ended before the pause
            await uq.publish_utterance(js, job)
            clock += len(audio) / SAMPLE_RATE + 0.5

    await asyncio.gather(*(speaker(n) for n in range(k)))
    deadline = time.monotonic() + 30  # drain: what is still queued shows in the delays (or as unanswered)
    while len(delays) < len(sent) and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
    await feed.stop(delete=True)
    d = sorted(delays)
    return {"speakers": k, "utterances": len(sent), "unanswered": len(sent) - len(delays),
            "p50_s": statistics.median(d) if d else float("inf"),
            "p95_s": d[min(len(d) - 1, int(0.95 * len(d)))] if d else float("inf"), "max_s": d[-1] if d else float("inf")}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("part", choices=["asr"])
    p.add_argument("--seconds", type=float, default=30.0, help="talking time per step")
    p.add_argument("--max-speakers", type=int, default=12)
    p.add_argument("--max-batch", type=int, default=4)
    p.add_argument("--device", default="cpu")
    p.add_argument("--json", action="store_true")
    args = p.parse_args()
    result = asyncio.run(asr_capacity(args))
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    print(f"one ASR worker ({args.device}, batch {args.max_batch}) keeps up with {result['speakers_kept_up']} "
          f"continuously talking speakers (commit p95 <= {TARGET_P95_S:g} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
