"""Capacity of the cluster pieces (issue 11), printed against the targets.

    python benchmarks/capacity.py asr [--seconds 30] [--max-speakers 12] [--device cpu|cuda] [--json]
    python benchmarks/capacity.py media [--workers 1,2] [--height 720] [--fps 30] [--seconds 15] [--max-hearings 8] [--json]

asr: how many continuously talking speakers one `courtroom asr-worker` process keeps up
with. A real nats-server (embedded) and one ASR worker process with the packaged Whisper
base (or COURTROOM_WHISPER_MODEL); k simulated speakers each say the fixture sentences
back to back in real time, and each utterance is published to the JetStream work queue
the moment it ends (as a media worker's VAD would). k grows by one until the commit
delay p95 (end of speech -> result back on the hearing's subject) passes 2 s or the
queue grows without bound. A speaker here talks all the time: a hearing has about one
speaker talking at a time, so speakers ~ hearings.

media: how many 5-party hearings (720p by default; --height 360) media worker processes
hold. An embedded PostgreSQL, a front (this process: API and the /ws/hearing relay, light)
and W `courtroom media-worker` processes (--no-asr: ASR is the other half); the simulated
participants run in ONE separate process (this script's `_clients` mode), made as cheap as
aiortc allows: they publish pre-encoded VP8 (L1T3 temporal layers, as the page asks of a
browser) and Opus (encoded once at start, then replayed packet by packet) and their subscribers count frames from the clear-text RTP headers
without decoding. Hearings are added one at a time, each opened (so everything is also
recorded, as in a real hearing); after each one (and --settle s, time for the server's
per-subscriber bandwidth estimate to grow from its initial 1.5 Mbit/s, as it must for a
browser) every hearing's frames are counted over a window: delivery = frames received /
(4 x frames sent), audio and video. Video below 100 % is the server thinning frame rates
(temporal layers, then keyframes only) when its estimate says a subscriber's link is
congested: on a starved machine round trips grow and it backs off, so delivery measures
the whole machine, not the worker alone; the worker CPU it cost and "at full delivery"
(CPU / video delivery, a linear estimate) are printed beside it. It stops when
delivery falls below 95 % (or a hearing cannot even join). Printed: hearings held with 1
worker and with 2, their ratio, and each step's server CPU (CPU-s per second of the
worker processes, from /proc/<pid>/stat) per hearing, the client process's CPU and the
machine's busy fraction: on a small machine the clients compete with the workers for the
same cores, and the table says so.
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


# --- media half ----------------------------------------------------------------------------

TARGET_DELIVERY = 0.95
SEATS = [("judge", "presiding_judge", True), ("clerk", "clerk", True), ("plaintiff", "plaintiff", False),
         ("defendant", "defendant", False), ("third", "third_party", False)]  # five parties


def _proc_cpu_s(pid: int) -> float:
    """utime + stime of a process (all its threads), in seconds."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _machine_busy() -> tuple[float, float]:
    """(busy, total) jiffies of the whole machine."""
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    idle = v[3] + v[4]
    return sum(v) - idle, sum(v)


async def _set_up_hearing(ctx, n: int) -> dict:
    """A case, a courtroom hearing (no lobby) and five seats with join tokens, straight in the database."""
    import datetime as dt

    from models import audit, cases, hearings, staff, tokens

    actor = audit.Actor("容量测试", "system")
    stamp = uuid.uuid4().hex[:6]
    async with ctx.db.pool.acquire() as conn:
        accounts = {}
        for key, role, is_staff in SEATS:
            if is_staff:
                accounts[key] = await staff.create_staff(conn, court_id=ctx.court_id, username=f"cap-{key}-{stamp}",
                                                         display_name=f"{key}{n}", password=uuid.uuid4().hex, actor=actor,
                                                         position="judge" if role == "presiding_judge" else role)
        case = await cases.create_case(conn, court_id=ctx.court_id, case_number=f"（2026）容量{n}号-{stamp}",
                                       cause="买卖合同纠纷", creator=accounts["clerk"])
        hearing = await hearings.schedule(conn, case_id=case.id, kind="hearing", mode="courtroom", title="容量测试",
                                          scheduled_at=dt.datetime.now(dt.timezone.utc), place="第一法庭", actor=actor,
                                          created_by=accounts["clerk"]["id"])
        join = []
        for key, role, is_staff in SEATS:
            party = None if is_staff else await cases.add_party(conn, case.id, role=role, name=f"{key}{n}", id_number=None,
                                                                  actor=actor)
            p = await hearings.add_participant(conn, hearing.id, role=role, name=f"{key}{n}", actor=actor, remote=False,
                                               staff_id=accounts[key]["id"] if is_staff else None,
                                               party_id=party["id"] if party else None)
            token, _ = await tokens.issue(conn, ctx.keys.join_token_key, p, lifetime_s=3600, actor=actor,
                                          issued_by=accounts[key if is_staff else "clerk"]["id"])
            join.append(token)
    return {"hearing_id": str(hearing.id), "tokens": join}


class Clients:
    """The participants' process: JSON lines both ways over its stdin/stdout."""

    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc

    async def ask(self, cmd: dict, timeout: float = 180) -> dict:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write((json.dumps(cmd) + "\n").encode())
        await self.proc.stdin.drain()
        while True:
            line = await asyncio.wait_for(self.proc.stdout.readline(), timeout)
            if not line:
                raise RuntimeError("the clients' process ended")
            if line.startswith(b"{"):
                return json.loads(line)


async def _start_media_workers(n: int, url: str, data_dir: Path, db, pin: list[int]) -> list[Child]:
    from models import workers

    children = []
    for i in range(n):
        children.append(Child(f"media-{i}", python_argv("web.media_worker", "--data-dir", str(data_dir), "--database-url", url,
                                                        "--host-addresses", "127.0.0.1", "--capacity", "1", "--no-asr"),
                              env=child_env({"PYTHONPATH": str(REPO)}), log_path=data_dir / "logs" / f"media-{n}-{i}.log"))
    for c in children:
        await c.start()
        if pin and c.pid:
            os.sched_setaffinity(c.pid, {pin[children.index(c) % len(pin)]})
    deadline = time.monotonic() + 120
    pids = {c.pid for c in children}
    while {w["detail"].get("pid") for w in await workers.live_workers(db.pool)} & pids != pids:
        if time.monotonic() > deadline:
            raise TimeoutError("media workers did not register")
        await asyncio.sleep(0.2)
    return children


async def media_capacity(args: argparse.Namespace) -> dict:
    import uvicorn

    from courtroom.config import Settings
    from models.db import Database, EmbeddedPostgres
    from signing.keyring import Keyring
    from web.app import create_app, start_context, stop_context
    from web.server import WS_MAX_BYTES

    work = Path(tempfile.mkdtemp(prefix="capacity-media-", dir="/tmp"))
    Keyring.load(work / "keys")
    pg = EmbeddedPostgres(work / "pg")
    url = await asyncio.to_thread(pg.start)
    db = await Database.connect(url)
    settings = Settings(data_dir=work, database_url=url, role="front", host_addresses=("127.0.0.1",), ice_servers=(),
                        asr_enabled=False)
    ctx = await start_context(settings, db=db)
    server = uvicorn.Server(uvicorn.Config(create_app(settings, context=ctx), host="127.0.0.1", port=0, log_level="warning",
                                           ws_max_size=WS_MAX_BYTES))
    serving = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.05)
    ws_url = f"ws://127.0.0.1:{server.servers[0].sockets[0].getsockname()[1]}/ws/hearing"
    proc = await asyncio.create_subprocess_exec(
        sys.executable, str(Path(__file__).resolve()), "_clients", "--width", str(args.width), "--height", str(args.height),
        "--fps", str(args.fps), "--bitrate", str(args.bitrate), "--receive", args.receive, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        env=child_env({"PYTHONPATH": str(REPO)}))
    clients = Clients(proc)
    results: dict = {"height": args.height, "width": args.width, "fps": args.fps, "bitrate": args.bitrate,
                     "window_s": args.seconds, "cores": os.cpu_count(), "runs": {}}
    try:
        await clients.ask({"cmd": "ready"}, timeout=300)  # frames encoded once, before any measurement
        n_hearing = 0
        for n_workers in args.workers:
            cores = sorted(os.sched_getaffinity(0))
            # --pin: worker i on core i, the clients on the cores left (if any are: else they share)
            pin = cores[:n_workers] if args.pin else []
            client_cores = set(cores[n_workers:]) if args.pin and len(cores) > n_workers else set(cores)
            os.sched_setaffinity(proc.pid, client_cores)
            children = await _start_media_workers(n_workers, url, work, db, pin)
            rows: list[dict] = []
            held = 0
            try:
                for k in range(1, args.max_hearings + 1):
                    n_hearing += 1
                    setup = await _set_up_hearing(ctx, n_hearing)
                    joined = await clients.ask({"cmd": "join", "id": setup["hearing_id"], "ws_url": ws_url,
                                                "tokens": setup["tokens"]})
                    await asyncio.sleep(args.settle)
                    c0 = await clients.ask({"cmd": "counts"})
                    cpu0 = {c.name: _proc_cpu_s(c.pid) for c in children if c.pid}
                    m0, t0 = _machine_busy(), time.monotonic()
                    await asyncio.sleep(args.seconds)
                    c1 = await clients.ask({"cmd": "counts"})
                    cpu1 = {c.name: _proc_cpu_s(c.pid) for c in children if c.pid}
                    m1, window = _machine_busy(), time.monotonic() - t0
                    row = _step_row(k, n_workers, joined, c0, c1, cpu0, cpu1, m0, m1, window)
                    rows.append(row)
                    print(f"workers {n_workers}  hearings {k}: delivery video {row['video_delivery']:.1%} audio "
                          f"{row['audio_delivery']:.1%} (worst hearing {row['worst_hearing']:.1%}); server "
                          f"{row['server_cpu']:.2f} CPU-s/s = {row['cpu_per_hearing']:.2f} per hearing "
                          f"({row['cpu_per_hearing_full']:.2f} at full delivery) "
                          f"(per worker {', '.join(f'{v:.2f}' for v in row['cpu_per_worker'].values())}); clients "
                          f"{row['client_cpu']:.2f}; machine {row['machine_busy']:.0%} busy, load {row['loadavg_1m']:.1f}", flush=True)
                    if not row["ok"]:
                        break
                    held = k
            finally:
                await clients.ask({"cmd": "leave"})
                for c in children:
                    await c.stop()
            results["runs"][str(n_workers)] = {"held": held, "rows": rows}
    finally:
        try:
            proc.kill()
            await proc.wait()
        except ProcessLookupError:
            pass
        server.should_exit = True
        await serving
        await stop_context(ctx)
        await db.close()
        await asyncio.to_thread(pg.stop)
    held = {w: r["held"] for w, r in results["runs"].items()}
    results["held"] = held
    if "1" in held and "2" in held and held["1"]:
        results["ratio"] = held["2"] / held["1"]
    return results


def _delivery(c0: dict, c1: dict, ids: list[str], kind: str) -> tuple[int, int]:
    sent = sum(c1[h]["sent"][kind] - c0.get(h, c1[h])["sent"][kind] for h in ids)
    got = sum(c1[h]["received"][kind] - c0.get(h, c1[h])["received"][kind] for h in ids)
    return got, 4 * sent


def _step_row(k, n_workers, joined, c0, c1, cpu0, cpu1, m0, m1, window) -> dict:
    ids = list(c1["hearings"])
    per = {}
    for h in ids:
        got, expected = _delivery(c0["hearings"], c1["hearings"], [h], "video")
        per[h] = got / expected if expected else 0.0
    vg, ve = _delivery(c0["hearings"], c1["hearings"], ids, "video")
    ag, ae = _delivery(c0["hearings"], c1["hearings"], ids, "audio")
    cpu_per_worker = {n: (cpu1[n] - cpu0[n]) / window for n in cpu0 if n in cpu1}
    server = sum(cpu_per_worker.values())
    video, audio = (vg / ve if ve else 0.0), (ag / ae if ae else 0.0)
    return {"hearings": k, "workers": n_workers, "joined_complete": joined.get("complete"), "join_s": joined.get("after_s"),
            "video_delivery": video, "audio_delivery": audio, "worst_hearing": min(per.values()) if per else 0.0,
            "server_cpu": server, "cpu_per_hearing": server / k, "cpu_per_worker": cpu_per_worker,
            "client_cpu": (c1["cpu_s"] - c0["cpu_s"]) / window,
            # what a hearing would cost delivered in full (the server did this share of the work)
            "cpu_per_hearing_full": server / k / max(0.01, min(video, 1.0)),
            "machine_busy": (m1[0] - m0[0]) / max(1, m1[1] - m0[1]), "window_s": window,
            "loadavg_1m": os.getloadavg()[0],  # other programs on the machine show here
            "ok": bool(joined.get("complete")) and min(video, audio) >= TARGET_DELIVERY}


async def clients_main(args: argparse.Namespace) -> int:
    """The `_clients` process: holds the simulated participants of every hearing."""
    import logging

    from courtroom.media import ice
    from courtroom.sim.simclient import SimulatedParticipant, VideoSpec, _counts
    from courtroom.sim.testsource import encode_speech, encode_test_pattern, load_speech

    logging.basicConfig(level=logging.ERROR)
    ice.configure_host_addresses(["127.0.0.1"])
    # L1T3, as web/static/rtc.js asks of a browser: the server can thin a subscriber's frame
    # rate by layers instead of falling back to keyframes only.
    video = encode_test_pattern(args.width, args.height, args.fps, seconds=10.0, bitrate=args.bitrate,
                                temporal_layers=args.fps % 2 == 0)
    audio = encode_speech(load_speech(SPEECH / "zh_court_60s.flac"))
    groups: dict[str, list] = {}
    loop = asyncio.get_running_loop()

    def reply(obj: dict) -> None:
        sys.stdout.write(json.dumps(obj) + "\n")
        sys.stdout.flush()

    while True:
        line = await loop.run_in_executor(None, sys.stdin.readline)
        if not line:
            break
        cmd = json.loads(line)
        if cmd["cmd"] == "ready":
            reply({"event": "ready", "video_frames": len(video)})
        elif cmd["cmd"] == "join":
            started = time.monotonic()
            people = [SimulatedParticipant(cmd["ws_url"], name=f"{cmd['id'][:6]}-{i}", join_token=t, audio=audio,
                                           video=VideoSpec(args.width, args.height, args.fps, replay=video), receive=args.receive)
                      for i, t in enumerate(cmd["tokens"])]
            groups[cmd["id"]] = people
            await asyncio.gather(*(p.start() for p in people))
            await people[0].send({"type": "control", "action": "open"})  # recorded, as a hearing is

            def complete(people: list = people) -> bool:
                return all(sum(1 for s in p.subscriptions.values() if s.tracks.get("video") and s.tracks["video"].frames)
                           >= len(people) - 1 for p in people)

            deadline = time.monotonic() + 60
            while not complete() and time.monotonic() < deadline:
                await asyncio.sleep(0.2)
            reply({"event": "joined", "complete": complete(), "after_s": round(time.monotonic() - started, 2)})
        elif cmd["cmd"] == "counts":
            reply({"event": "counts", "cpu_s": time.process_time(),
                   "hearings": {h: _counts(people) for h, people in groups.items()}})
        elif cmd["cmd"] == "leave":
            for people in groups.values():
                await asyncio.gather(*(p.stop() for p in people), return_exceptions=True)
            groups.clear()
            reply({"event": "left"})
    return 0


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("part", choices=["asr", "media", "_clients"])
    p.add_argument("--seconds", type=float, default=30.0, help="talking time per step")
    p.add_argument("--max-speakers", type=int, default=12)
    p.add_argument("--max-batch", type=int, default=4)
    p.add_argument("--device", default="cpu")
    p.add_argument("--json", action="store_true")
    p.add_argument("--workers", default="1,2", help="media: the worker counts to measure, comma-separated")
    p.add_argument("--height", type=int, default=720, help="media: video height (width 16:9)")
    p.add_argument("--width", type=int, default=0, help="media: video width (default: 16:9 of the height)")
    p.add_argument("--fps", type=int, default=30)
    p.add_argument("--bitrate", type=int, default=0, help="media: video bits/s (default 1.5 M at 720p, scaled by area)")
    p.add_argument("--max-hearings", type=int, default=8)
    p.add_argument("--pin", action="store_true", help="media: worker i on core i, the clients on the remaining cores")
    p.add_argument("--receive", choices=["tap", "headers"], default="tap",
                   help="media: subscribers take frames before the decoder (tap: aiortc's receive path, so its RTCP "
                        "reports let the server's bandwidth estimate grow, as a browser's do) or only count RTP "
                        "headers (cheapest, but no receiver reports: the server then holds each subscriber at its "
                        "initial 1.5 Mbit/s estimate and halves frame rates)")
    p.add_argument("--settle", type=float, default=20.0,
                   help="media: seconds after a hearing joins before counting (the server's per-subscriber bandwidth "
                        "estimate starts at 1.5 Mbit/s and grows ~15 %%/s on clean reports, as with a browser)")
    args = p.parse_args()
    if args.part in ("media", "_clients"):
        args.width = args.width or (args.height * 16 // 9) // 2 * 2
        args.bitrate = args.bitrate or int(1_500_000 * (args.height / 720) ** 2)
        args.workers = [int(w) for w in str(args.workers).split(",")]
        if args.part == "_clients":
            return asyncio.run(clients_main(args))
        if args.part == "media" and args.seconds == 30.0 and "--seconds" not in sys.argv:
            args.seconds = 15.0
        media = asyncio.run(media_capacity(args))
        if args.json:
            print(json.dumps(media, ensure_ascii=False))
        held = media["held"]
        print(f"5-party hearings at {args.width}x{args.height} {args.fps} fps held (delivery >= {TARGET_DELIVERY:.0%}): "
              + ", ".join(f"{w} worker(s): {h}" for w, h in held.items())
              + (f"; ratio {media['ratio']:.2f} (target >= 1.8)" if "ratio" in media else ""))
        return 0
    result = asyncio.run(asr_capacity(args))
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    print(f"one ASR worker ({args.device}, batch {args.max_batch}) keeps up with {result['speakers_kept_up']} "
          f"continuously talking speakers (commit p95 <= {TARGET_P95_S:g} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
