"""Capacity of the cluster pieces (issue 11), printed against the targets.

    python benchmarks/capacity.py asr [--seconds 30] [--max-speakers 12] [--device cpu|cuda] [--json]
    python benchmarks/capacity.py media [--workers 1,2] [--height 720] [--fps 30] [--seconds 15] [--max-hearings 8]
                                        [--pin] [--worker-cpu FRACTION] [--settle 20] [--repeat N] [--json]

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
participants run in separate processes (this script's `_clients` mode, one per hearing:
with every hearing's parties in one event loop the RTCP answers came late, the server saw
round trips grow and backed its estimate off, so the test rig thinned the video), made as cheap as
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

To tell overload from adaptation, each step also prints the server's side, scraped from the
workers' /metrics: video frames it received from the publishers, the share of 4x those it
chose to forward (below 100 %: the per-subscriber allocation thinned them, or the pacer
dropped them), the share of those the clients got (below 100 %: lost on the way, a starved
sender or receiver), and each subscriber's last quality notice (ok / reduced / paused, with
the estimate it carried). Overload shows as a worker at its CPU with fewer frames in;
adaptation as frames forwarded < 100 % while the worker has CPU to spare.

--worker-cpu FRACTION: each media worker process runs in its own cgroup (v1 cpu controller
at /sys/fs/cgroup/cpu, root needed) with cpu.cfs_quota_us = FRACTION x cpu.cfs_period_us:
a machine where each worker has its own share of a core, the clients, the front and the
database outside it. Then 1 vs 2 workers measures the server's scaling over processes, not
whether this machine has a core left for the clients. The groups are removed at the end,
also on error; each row prints the share of quota periods each worker was throttled in.

--shield: every process of the rig (this one with the front, the embedded PostgreSQL, the
client processes) and each worker's group get cpu.shares 16384 (cgroup v1; the default task
counts 1024), so that other jobs on a shared machine cannot starve the measurement: they run
in what the rig leaves. The workers' quotas still cap each worker.

--repeat N: each worker count is measured N times, interleaved (1, 2, 1, 2, ...: a change
in the machine's other load hits both), with fresh workers each time; printed: the median
of the hearings held, each run's count, and the ratio of the medians with its spread (worst
pairing to best). Each row says where placement put the hearings (e.g. "placed 3+2"). Hearings
held is an integer: choose a quota whose one-worker capacity is not near an integer boundary
(a worker whose n-th hearing sits right at its quota counts n - 1 or n from run to run).
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


CGROUP_CPU = Path("/sys/fs/cgroup/cpu")  # cgroup v1 cpu controller


class CpuQuota:
    """One cgroup v1 CPU group per media worker, each with `fraction` of one core
    (cpu.cfs_quota_us = fraction x cpu.cfs_period_us): a machine where each worker has its
    own core share and the clients, front and database do not eat into it. The groups are
    removed by close() (any task still in one is moved back to the root first)."""

    def __init__(self, fraction: float, period_us: int = 100_000, shares: int | None = None) -> None:
        if not 0.01 <= fraction <= os.cpu_count():  # type: ignore[operator]
            raise ValueError(f"--worker-cpu {fraction}: a share of a core between 0.01 and the core count")
        if not (CGROUP_CPU / "cpu.cfs_quota_us").exists():
            raise RuntimeError(f"--worker-cpu needs the cgroup v1 cpu controller at {CGROUP_CPU}")
        self.fraction, self.period_us, self.shares = fraction, period_us, shares
        self.groups: dict[str, Path] = {}

    def place(self, name: str, pid: int) -> None:
        """Put process `pid` (every thread of it) into the group `name`, made if new."""
        group = self.groups.get(name)
        if group is None:
            group = CGROUP_CPU / f"capacity-{os.getpid()}-{name}"
            group.mkdir(exist_ok=True)
            self.groups[name] = group
            (group / "cpu.cfs_period_us").write_text(str(self.period_us))
            (group / "cpu.cfs_quota_us").write_text(str(int(self.fraction * self.period_us)))
            if self.shares:
                (group / "cpu.shares").write_text(str(self.shares))
        (group / "cgroup.procs").write_text(str(pid))  # v1: moves the whole thread group
        for tid in os.listdir(f"/proc/{pid}/task"):  # and, to be sure, each thread it has now
            try:
                (group / "tasks").write_text(tid)
            except OSError:  # the thread ended meanwhile
                pass

    def throttled(self) -> dict[str, tuple[int, int, float]]:
        """Per group: (periods, periods throttled, seconds throttled) so far, from cpu.stat."""
        out = {}
        for name, group in self.groups.items():
            stat = dict(line.split() for line in (group / "cpu.stat").read_text().splitlines())
            out[name] = (int(stat["nr_periods"]), int(stat["nr_throttled"]), int(stat["throttled_time"]) / 1e9)
        return out

    def close(self) -> None:
        for group in self.groups.values():
            try:
                for pid in (group / "cgroup.procs").read_text().split():
                    try:
                        (CGROUP_CPU / "cgroup.procs").write_text(pid)
                    except OSError:
                        pass
                group.rmdir()
            except OSError as e:
                print(f"could not remove {group}: {e}", file=sys.stderr)
        self.groups.clear()


SHIELD_SHARES = 16384  # 16x a default task's weight at the root of the hierarchy


class Shield:
    """One cgroup v1 CPU group, no quota, a high weight: the benchmark's rig (this process,
    the embedded PostgreSQL, the client processes) is not starved by other jobs on the
    machine. Children forked later (PostgreSQL backends) inherit the group."""

    def __init__(self) -> None:
        if not (CGROUP_CPU / "cpu.shares").exists():
            raise RuntimeError(f"--shield needs the cgroup v1 cpu controller at {CGROUP_CPU}")
        self.group = CGROUP_CPU / f"capacity-{os.getpid()}-rig"
        self.group.mkdir(exist_ok=True)
        (self.group / "cpu.shares").write_text(str(SHIELD_SHARES))

    def place(self, pid: int) -> None:
        try:
            (self.group / "cgroup.procs").write_text(str(pid))
        except OSError as e:  # gone meanwhile: nothing to shield
            print(f"could not shield pid {pid}: {e}", file=sys.stderr)

    def close(self) -> None:
        try:
            for pid in (self.group / "cgroup.procs").read_text().split():
                try:
                    (CGROUP_CPU / "cgroup.procs").write_text(pid)
                except OSError:
                    pass
            self.group.rmdir()
        except OSError as e:
            print(f"could not remove {self.group}: {e}", file=sys.stderr)


def _scrape_worker(address: str) -> dict[str, float]:
    """Video and audio frames a media worker received from publishers and forwarded to
    subscribers so far (its /metrics, which it serves to loopback)."""
    import urllib.request

    from prometheus_client.parser import text_string_to_metric_families

    with urllib.request.urlopen(f"{address}/metrics", timeout=30) as r:
        text = r.read().decode()
    out = {"in_video": 0.0, "in_audio": 0.0, "fwd_video": 0.0, "fwd_audio": 0.0, "fwd_keyframes": 0.0}
    for fam in text_string_to_metric_families(text):
        for s in fam.samples:
            kind = s.labels.get("kind")
            if s.name == "courtroom_track_received_frames_total" and kind in ("video", "audio"):
                out[f"in_{kind}"] += s.value
            elif s.name == "courtroom_track_forwarded_frames_total" and kind in ("video", "audio"):
                out[f"fwd_{kind}"] += s.value
            elif s.name == "courtroom_track_forwarded_keyframes_total" and kind == "video":
                out["fwd_keyframes"] += s.value
    return out


async def _scrape_workers(addresses: list[str]) -> dict[str, float]:
    total: dict[str, float] = {}
    for part in await asyncio.gather(*(asyncio.to_thread(_scrape_worker, a) for a in addresses)):
        for k, v in part.items():
            total[k] = total.get(k, 0.0) + v
    return total


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
    """One participants' process: JSON lines both ways over its stdin/stdout."""

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


class ClientPool:
    """The simulated participants, --hearings-per-client hearings to a process. One Python
    process for every party of every hearing (50+ peer connections in one event loop) answers
    RTCP late: the server sees its round trips grow and backs its estimate off, so the
    rig, not the server, thins the video. Spread over processes, the OS shares the cores."""

    def __init__(self, args: argparse.Namespace, shield: "Shield | None" = None) -> None:
        self.args = args
        self.shield = shield
        self.procs: list[Clients] = []
        self.of_hearing: dict[str, Clients] = {}
        self.cores: set[int] = set(os.sched_getaffinity(0))

    async def _spawn(self) -> Clients:
        a = self.args
        proc = await asyncio.create_subprocess_exec(
            sys.executable, str(Path(__file__).resolve()), "_clients", "--width", str(a.width), "--height", str(a.height),
            "--fps", str(a.fps), "--bitrate", str(a.bitrate), "--receive", a.receive, stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE, env=child_env({"PYTHONPATH": str(REPO)}))
        os.sched_setaffinity(proc.pid, self.cores)
        if self.shield is not None:
            self.shield.place(proc.pid)
        c = Clients(proc)
        await c.ask({"cmd": "ready"}, timeout=300)  # frames encoded once, before any measurement
        self.procs.append(c)
        return c

    def set_cores(self, cores: set[int]) -> None:
        self.cores = cores
        for c in self.procs:
            os.sched_setaffinity(c.proc.pid, cores)

    async def join(self, cmd: dict) -> dict:
        per = max(1, self.args.hearings_per_client)
        if not self.procs or len(self.of_hearing) >= per * len(self.procs):
            await self._spawn()
        target = self.procs[-1]
        self.of_hearing[cmd["id"]] = target
        return await target.ask(cmd)

    async def counts(self) -> dict:
        replies = await asyncio.gather(*(c.ask({"cmd": "counts"}) for c in self.procs))
        return {"cpu_s": sum(r["cpu_s"] for r in replies),
                "hearings": {h: v for r in replies for h, v in r["hearings"].items()}}

    async def close(self) -> None:
        """Every participant leaves and every process ends."""
        for c in self.procs:
            try:
                await c.ask({"cmd": "leave"}, timeout=60)
            except (RuntimeError, ConnectionError, asyncio.TimeoutError):
                pass  # a clients' process that already ended
            try:
                c.proc.kill()
                await c.proc.wait()
            except ProcessLookupError:
                pass
        self.procs.clear()
        self.of_hearing.clear()


async def _start_media_workers(n: int, url: str, data_dir: Path, db, pin: list[int],
                               quota: CpuQuota | None) -> tuple[list[Child], list[str]]:
    """W media workers, registered; with their addresses (for /metrics)."""
    from models import workers

    children = []
    for i in range(n):
        # into its CPU group at every (re)start, before it has loaded anything
        on_start = (lambda pid, name=f"media-{i}": quota.place(name, pid)) if quota is not None else None
        children.append(Child(f"media-{i}", python_argv("web.media_worker", "--data-dir", str(data_dir), "--database-url", url,
                                                        "--host-addresses", "127.0.0.1", "--capacity", "1", "--no-asr"),
                              env=child_env({"PYTHONPATH": str(REPO)}), log_path=data_dir / "logs" / f"media-{n}-{i}.log",
                              on_start=on_start))
    try:
        for c in children:
            await c.start()
            if pin and c.pid:
                os.sched_setaffinity(c.pid, {pin[children.index(c) % len(pin)]})
        deadline = time.monotonic() + 120
        pids = {c.pid for c in children}
        while True:
            live = [w for w in await workers.live_workers(db.pool) if w["detail"].get("pid") in pids]
            if {w["detail"].get("pid") for w in live} == pids:
                return children, [w["address"] for w in live]
            if time.monotonic() > deadline:
                raise TimeoutError("media workers did not register")
            await asyncio.sleep(0.2)
    except BaseException:
        for c in children:  # none left running (a failed cgroup write included)
            await c.stop()
        raise


async def media_capacity(args: argparse.Namespace) -> dict:
    import uvicorn

    from courtroom.config import Settings
    from models.db import Database, EmbeddedPostgres
    from models.postmaster import postmaster_pid
    from signing.keyring import Keyring
    from web.app import create_app, start_context, stop_context
    from web.server import WS_MAX_BYTES

    work = Path(tempfile.mkdtemp(prefix="capacity-media-", dir="/tmp"))
    Keyring.load(work / "keys")
    shield = Shield() if args.shield else None
    if shield is not None:
        shield.place(os.getpid())
    pg = EmbeddedPostgres(work / "pg")
    url = await asyncio.to_thread(pg.start)
    if shield is not None and (postmaster := postmaster_pid(work / "pg")) is not None:
        shield.place(postmaster)  # its backends, forked from now on, inherit the group
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
    clients = ClientPool(args, shield)
    results: dict = {"height": args.height, "width": args.width, "fps": args.fps, "bitrate": args.bitrate,
                     "window_s": args.seconds, "cores": os.cpu_count(), "worker_cpu": args.worker_cpu, "shield": args.shield,
                     "cpu_period_us": args.cpu_period_us, "settle_s": args.settle, "runs": {}}
    runs_limits: dict[str, list[str]] = {}  # why each run stopped
    try:
        n_hearing = 0
        for n_workers in [w for _ in range(args.repeat) for w in args.workers]:  # interleaved: drift hits both
            cores = sorted(os.sched_getaffinity(0))
            # --pin: worker i on core i, the clients on the cores left (if any are: else they share)
            pin = cores[:n_workers] if args.pin else []
            client_cores = set(cores[n_workers:]) if args.pin and len(cores) > n_workers else set(cores)
            clients.set_cores(client_cores)
            quota = (CpuQuota(args.worker_cpu, args.cpu_period_us, SHIELD_SHARES if args.shield else None)
                     if args.worker_cpu else None)
            rows: list[dict] = []
            repeat = len(results["runs"].get(str(n_workers), {}).get("held_each", [])) + 1
            held = 0
            children: list[Child] = []
            try:
                children, addresses = await _start_media_workers(n_workers, url, work, db, pin, quota)
                for k in range(1, args.max_hearings + 1):
                    n_hearing += 1
                    setup = await _set_up_hearing(ctx, n_hearing)
                    try:
                        joined = await clients.join({"cmd": "join", "id": setup["hearing_id"], "ws_url": ws_url,
                                                     "tokens": setup["tokens"]})
                    except (RuntimeError, ConnectionError, asyncio.TimeoutError) as exc:
                        # The hearing could not even be joined (e.g. an overloaded worker missed its
                        # heartbeats during the join's handshakes, was declared dead and restarted):
                        # this step failed; what the workers did is in their restarts.
                        restarts = sum(c.restarts for c in children)
                        print(f"workers {n_workers} run {repeat}/{args.repeat}  hearings {k}: the join failed "
                              f"({type(exc).__name__}: {exc}); worker restarts so far {restarts}  => STOP: join failed")
                        rows.append({"hearings": k, "ok": False, "limit": "join failed", "restarts": restarts,
                                     "repeat": repeat, "repeats": args.repeat})
                        runs_limits.setdefault(str(n_workers), []).append("join failed")
                        break
                    await asyncio.sleep(args.settle)
                    s0 = await _scrape_workers(addresses)
                    c0 = await clients.counts()
                    cpu0 = {c.name: _proc_cpu_s(c.pid) for c in children if c.pid}
                    th0 = quota.throttled() if quota else {}
                    m0, t0 = _machine_busy(), time.monotonic()
                    await asyncio.sleep(args.seconds)
                    c1 = await clients.counts()
                    cpu1 = {c.name: _proc_cpu_s(c.pid) for c in children if c.pid}
                    th1 = quota.throttled() if quota else {}
                    m1, window = _machine_busy(), time.monotonic() - t0
                    s1 = await _scrape_workers(addresses)
                    row = _step_row(k, n_workers, joined, c0, c1, cpu0, cpu1, m0, m1, window)
                    row.update(_server_view(s0, s1, c0, c1, th0, th1))
                    row["restarts"] = sum(c.restarts for c in children)
                    row["repeat"], row["repeats"] = repeat, args.repeat
                    # where placement put the hearings (worker order as in "per worker"): a pile-up shows here
                    placed = {r["pid"]: r["n"] for r in await db.fetch(
                        "select (w.detail->>'pid')::int as pid, count(*) as n from hearing_placements p"
                        " join workers w on w.id = p.worker_id where w.state = 'live' group by 1")}
                    row["placed"] = [placed.get(c.pid, 0) for c in children]
                    row["limit"] = _limit(row, args.worker_cpu) if not row["ok"] else None
                    rows.append(row)
                    _print_row(row, args.worker_cpu)
                    if not row["ok"]:
                        runs_limits.setdefault(str(n_workers), []).append(row["limit"])
                        break
                    held = k
            finally:
                try:
                    await clients.close()
                finally:
                    for c in children:
                        await c.stop()
                    if quota is not None:
                        quota.close()
            runs = results["runs"].setdefault(str(n_workers), {"held_each": [], "rows": []})
            runs["held_each"].append(held)
            runs["rows"].extend(rows)
    finally:
        # Each step on its own: a failure in one (a clients' process already gone) must not
        # leave the embedded PostgreSQL or the CPU groups behind (it once did).
        try:
            await clients.close()
        finally:
            try:
                server.should_exit = True
                await serving
                await stop_context(ctx)
                await db.close()
            finally:
                try:
                    await asyncio.to_thread(pg.stop)
                finally:
                    if shield is not None:
                        shield.close()
    for w, r in results["runs"].items():  # the median of the repeats, and their spread
        r["held"] = statistics.median(r["held_each"])
        r["stopped_by"] = runs_limits.get(w, [])
    held_by = {w: r["held"] for w, r in results["runs"].items()}
    results["held"] = held_by
    if "1" in held_by and "2" in held_by and held_by["1"]:
        results["ratio"] = held_by["2"] / held_by["1"]
        one, two = results["runs"]["1"]["held_each"], results["runs"]["2"]["held_each"]
        if min(one):
            results["ratio_range"] = (min(two) / max(one), max(two) / min(one))
    return results


def _limit(row: dict, worker_cpu: float) -> str:
    """What stopped a failing step: a worker at its CPU quota (the server's own limit, what the
    1-vs-2 ratio is about), or not the workers (each well under its quota or, unquoted, under a
    core): the clients or other programs starved on a busy machine."""
    cap = worker_cpu or 1.0
    busy = [v for v in row["cpu_per_worker"].values() if v >= 0.9 * cap]
    throttled = [v for v in row.get("throttled_periods", {}).values() if v >= 0.5]
    if busy or throttled:
        return "quota" if worker_cpu else "worker core"
    return "machine"


def _delivery(c0: dict, c1: dict, ids: list[str], kind: str) -> tuple[int, int]:
    sent = sum(c1[h]["sent"][kind] - c0.get(h, c1[h])["sent"][kind] for h in ids)
    got = sum(c1[h]["received"][kind] - c0.get(h, c1[h])["received"][kind] for h in ids)
    return got, 4 * sent


def _server_view(s0: dict, s1: dict, c0: dict, c1: dict, th0: dict, th1: dict) -> dict:
    """What the server did with the frames: received from publishers, chose to forward
    (the allocation's layer levels thin video here), and what the clients got of that."""
    d = {k: s1.get(k, 0.0) - s0.get(k, 0.0) for k in s1}
    got_v = sum(c1["hearings"][h]["received"]["video"] - c0["hearings"].get(h, c1["hearings"][h])["received"]["video"]
                for h in c1["hearings"])
    quality: dict[str, int] = {}
    estimates = []
    for h in c1["hearings"].values():
        for state, n in h.get("quality", {}).items():
            quality[state] = quality.get(state, 0) + n
        estimates += h.get("estimates_kbps", [])
    throttled = {}
    for name, (periods, n_thr, _secs) in th1.items():
        p0, n0, _ = th0.get(name, (0, 0, 0.0))
        throttled[name] = (n_thr - n0) / max(1, periods - p0)
    return {"server_in_video": d.get("in_video", 0.0), "server_fwd_video": d.get("fwd_video", 0.0),
            "server_in_audio": d.get("in_audio", 0.0), "server_fwd_audio": d.get("fwd_audio", 0.0),
            # forwarded / (4 x received): below 1 = the server thinned (levels, pacer, keyframe waits)
            "forward_share": d.get("fwd_video", 0.0) / (4 * d["in_video"]) if d.get("in_video") else 0.0,
            # received by the clients / forwarded: below 1 = lost on the way (a starved sender or receiver)
            "arrive_share": got_v / d["fwd_video"] if d.get("fwd_video") else 0.0,
            "quality": quality, "estimate_kbps_min": min(estimates) if estimates else None,
            "estimate_kbps_median": statistics.median(estimates) if estimates else None,
            "throttled_periods": throttled}


def _print_row(row: dict, worker_cpu: float) -> None:
    quota = f"/{worker_cpu:.2f}" if worker_cpu else ""
    thr = (" throttled " + ", ".join(f"{v:.0%}" for v in row["throttled_periods"].values()) + " of periods"
           if row["throttled_periods"] else "")
    levels = ", ".join(f"{n} {s}" for s, n in sorted(row["quality"].items())) or "none told"
    est = (f", estimate min {row['estimate_kbps_min']} median {row['estimate_kbps_median']:.0f} kbit/s"
           if row["estimate_kbps_min"] is not None else "")
    run = f" run {row['repeat']}/{row['repeats']}" if row.get("repeats", 1) > 1 else ""
    print(f"workers {row['workers']}{run}  hearings {row['hearings']} (placed {'+'.join(map(str, row['placed']))}): delivery video {row['video_delivery']:.1%} audio "
          f"{row['audio_delivery']:.1%} (worst hearing {row['worst_hearing']:.1%}) | server got "
          f"{row['server_in_video']:.0f} video frames, forwarded {row['forward_share']:.1%} of 4x, clients got "
          f"{row['arrive_share']:.1%} of those; subscribers' last notice: {levels}{est} | server "
          f"{row['server_cpu']:.2f} CPU-s/s = {row['cpu_per_hearing']:.2f} per hearing "
          f"({row['cpu_per_hearing_full']:.2f} at full delivery) (per worker "
          f"{', '.join(f'{v:.2f}{quota}' for v in row['cpu_per_worker'].values())}){thr}; clients "
          f"{row['client_cpu']:.2f}; machine {row['machine_busy']:.0%} busy, load {row['loadavg_1m']:.1f}"
          + (f"; worker restarts {row['restarts']}" if row["restarts"] else "")
          + {None: "", "quota": "  => STOP: a worker at its quota",
             "worker core": "  => STOP: a worker at a full core",
             "machine": "  => STOP, not by the workers (each under 90 % of its quota): the machine (clients, other jobs)"}
          [row.get("limit")], flush=True)


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


def _cheap_ntp_clock() -> None:
    """The clients only: aiortc stamps every RTP packet it sends with the NTP time (abs-send-
    time, and the sender report's reference) through datetime arithmetic, twice a packet;
    py-spy on a client process found it the largest single cost of its sending loop. The same
    value from time.time() costs about half as much. The workers keep aiortc's own."""
    from aiortc import clock

    ntp_offset = 2_208_988_800  # seconds from 1900-01-01 (NTP's epoch) to 1970-01-01

    def current_ntp_time() -> int:
        t = time.time() + ntp_offset
        whole = int(t)
        return (whole << 32) | int((t - whole) * 4_294_967_296)

    clock.current_ntp_time = current_ntp_time


async def clients_main(args: argparse.Namespace) -> int:
    """The `_clients` process: holds the simulated participants of every hearing."""
    import logging

    from courtroom.media import ice
    from courtroom.sim.simclient import SimulatedParticipant, VideoSpec, _counts
    from courtroom.sim.testsource import encode_speech, encode_test_pattern, load_speech

    logging.basicConfig(level=logging.ERROR)
    ice.configure_host_addresses(["127.0.0.1"])
    _cheap_ntp_clock()
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
                                           video=VideoSpec(args.width, args.height, args.fps, replay=video), receive=args.receive,
                                           # every party's microphone sends all the time, as a browser's does: the
                                           # 60 s clip once ended, and a hearing older than a minute then cost its
                                           # worker about half (0.26 -> 0.14 CPU-s/s): each step's load depended on
                                           # the hearings' ages
                                           loop_audio=True)
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
            hearings = {}
            for h, people in groups.items():
                # the server's last quality notice to each subscriber (sent on change): its levels
                states: dict[str, int] = {}
                for p in people:
                    state = (p.quality or {}).get("state", "ok")
                    states[state] = states.get(state, 0) + 1
                hearings[h] = {**_counts(people), "quality": states,
                               "estimates_kbps": [p.quality["estimate_kbps"] for p in people
                                                  if p.quality and "estimate_kbps" in p.quality]}
            reply({"event": "counts", "cpu_s": time.process_time(), "hearings": hearings})
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
    p.add_argument("--repeat", type=int, default=1,
                   help="media: measure each worker count this many times (fresh workers each time); the median "
                        "and the spread are printed")
    p.add_argument("--worker-cpu", type=float, default=0.0, metavar="FRACTION",
                   help="media: each worker in its own cgroup (v1 cpu) with this share of one core as its CPU quota, "
                        "the clients, front and database outside: a machine where each worker has its own core share")
    p.add_argument("--shield", action="store_true",
                   help="media: the rig and the workers get a high CPU weight (cgroup v1 cpu.shares), so other jobs "
                        "on a shared machine do not starve the measurement")
    p.add_argument("--cpu-period-us", type=int, default=100_000, help="media: the quota's period (cpu.cfs_period_us)")
    p.add_argument("--hearings-per-client", type=int, default=1,
                   help="media: hearings whose participants share one client process (1: a process per hearing)")
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
        runs = media["runs"]
        print(f"5-party hearings at {args.width}x{args.height} {args.fps} fps held (delivery >= {TARGET_DELIVERY:.0%}): "
              + ", ".join(f"{w} worker(s): {r['held']:g}"
                          + (f" (median of {r['held_each']})" if len(r["held_each"]) > 1 else "") for w, r in runs.items())
              + (f"; ratio {media['ratio']:.2f}" if "ratio" in media else "")
              + (f" (spread {media['ratio_range'][0]:.2f}-{media['ratio_range'][1]:.2f})"
                 if "ratio_range" in media and args.repeat > 1 else "")
              + ("; target >= 1.8" if "ratio" in media else ""))
        stops = {w: r["stopped_by"] for w, r in runs.items() if r["stopped_by"]}
        if stops:  # a ratio only says something about the server where the workers were the limit
            print("runs stopped by: " + "; ".join(f"{w} worker(s): {', '.join(v)}" for w, v in stops.items())
                  + ("" if all(v == "quota" for vs in stops.values() for v in vs) else
                     "  (a run stopped by the machine measures the machine, not the workers)"))
        return 0
    result = asyncio.run(asr_capacity(args))
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    print(f"one ASR worker ({args.device}, batch {args.max_batch}) keeps up with {result['speakers_kept_up']} "
          f"continuously talking speakers (commit p95 <= {TARGET_P95_S:g} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
