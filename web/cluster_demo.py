"""`courtroom demo --hearings N [--json]`: N simulated hearings at once on media workers.

The whole court on this machine as processes (the shape `serve --media-workers` runs):
embedded PostgreSQL and NATS, M media workers, one ASR worker, a front in this process.
Each hearing is the single demo's (web/demo.py): the judge and the clerk join as staff,
two remote parties wait in the lobby until admitted, all speak their turns and send a
test pattern; the judge opens and closes. Printed per hearing: the worker that hosted it,
its recordings with durations, its transcript segment count, and frames sent vs received
(every frame a participant sends should reach the other three; frames sent while the
others were still in the lobby count as sent, so received/expected is a lower bound)."""

from __future__ import annotations

import asyncio
import json
import os
import time
from pathlib import Path
from typing import Any

from web.demo import SEATS, _set_up, _until, script_tracks


async def run_cluster_demo(data_dir: Path, *, hearings: int, media_workers: int, asr: bool = True,
                           log=print) -> dict[str, Any]:
    import uvicorn

    from courtroom.cluster.natsd import EmbeddedNats
    from courtroom.cluster.supervisor import Child, child_env, python_argv
    from courtroom.config import Settings
    from courtroom.sim.simclient import SimulatedParticipant, VideoSpec, _counts
    from courtroom.sim.testsource import encode_test_pattern
    from models import recordings, transcripts, workers
    from models.db import Database, EmbeddedPostgres
    from signing.keyring import Keyring
    from web.app import create_app, start_context, stop_context
    from web.server import WS_MAX_BYTES

    data_dir.mkdir(parents=True, exist_ok=True)
    Keyring.load(data_dir / "keys")
    pg = EmbeddedPostgres(data_dir / "pg")
    children: list[Child] = []
    nats: EmbeddedNats | None = None
    log(f"启动：嵌入式 PostgreSQL、NATS、{media_workers} 个媒体工作进程{'、1 个语音识别进程' if asr else ''} …")
    url = await asyncio.to_thread(pg.start)
    db = await Database.connect(url)
    ctx = server = serving = None
    people: list[SimulatedParticipant] = []
    try:
        nats = EmbeddedNats(data_dir / "nats")
        nats_url = await nats.start()
        env = child_env({"DATABASE_URL": url, "NATS_URL": nats_url})
        if asr:
            children.append(Child("asr-worker", python_argv("courtroom.cluster.asr_worker", "--data-dir", str(data_dir)),
                                  env=env, log_path=data_dir / "logs" / "asr-worker.log"))
        for i in range(media_workers):
            argv = ["--data-dir", str(data_dir), "--host-addresses", "127.0.0.1", "--capacity", "1"]
            children.append(Child(f"media-{i}", python_argv("web.media_worker", *argv, *([] if asr else ["--no-asr"])),
                                  env=env, log_path=data_dir / "logs" / f"media-{i}.log"))
        for child in children:
            await child.start()
        settings = Settings(data_dir=data_dir, database_url=url, nats_url=nats_url, role="front",
                            host_addresses=("127.0.0.1",), ice_servers=(), asr_enabled=asr)
        ctx = await start_context(settings, db=db)
        server = uvicorn.Server(uvicorn.Config(create_app(settings, context=ctx), host="127.0.0.1", port=0,
                                               log_level="warning", ws_max_size=WS_MAX_BYTES))
        serving = asyncio.create_task(server.serve())
        while not server.started:
            await asyncio.sleep(0.05)
        ws_url = f"ws://127.0.0.1:{server.servers[0].sockets[0].getsockname()[1]}/ws/hearing"
        deadline = time.monotonic() + 120
        while len(await workers.live_workers(db.pool)) < media_workers:
            if time.monotonic() > deadline:
                raise TimeoutError("media workers did not register")
            await asyncio.sleep(0.2)
        if asr:  # the first utterances should not wait for the model to load
            from courtroom.cluster import utterances as uq

            nc = await uq.connect(nats_url, "demo")
            try:
                sub = await nc.subscribe(f"{uq.STATS_SUBJECT}.*")
                await sub.next_msg(timeout=300)  # it reports once its model is loaded
            finally:
                await nc.close()

        tracks, length = script_tracks()
        video = encode_test_pattern(320, 180, 10, seconds=4, bitrate=200_000)  # encoded once, replayed by all
        setups = [await _set_up(ctx) for _ in range(hearings)]
        log(f"{hearings} 个庭审同时进行，约 {length:.0f} 秒 …")

        async def hold(setup: dict[str, Any]) -> dict[str, Any]:
            group = {s.key: SimulatedParticipant(ws_url, name=s.key, join_token=setup["tokens"][s.key],
                                                 audio=tracks[s.key], video=VideoSpec(320, 180, 10, replay=video),
                                                 receive="headers") for s in SEATS}
            people.extend(group.values())
            judge = group["judge"]
            await judge.start()
            await group["clerk"].start()
            joining = [asyncio.create_task(group[k].start()) for k in ("plaintiff", "defendant")]
            for key in ("plaintiff", "defendant"):
                pid = str(setup["participants"][key].id)
                await _until(lambda pid=pid: any(p["id"] == pid and p["state"] == "waiting" for e in judge.events
                                                 if e.get("type") == "roster" for p in e["roster"]), 60)
                await judge.send({"type": "control", "action": "admit", "participant_id": pid})
            await asyncio.gather(*joining)
            await judge.send({"type": "control", "action": "open"})
            await asyncio.sleep(length + 1.0)
            counts = _counts(list(group.values()))
            await judge.send({"type": "control", "action": "close"})
            await _until(lambda: any(e.get("type") == "bye" for e in judge.events), 30)
            for p in group.values():
                await p.stop()
            return counts

        counts = await asyncio.gather(*(hold(s) for s in setups))
        if asr:  # the last utterances: until the work queue and every hearing's results are empty
            from courtroom.cluster import utterances as uq

            nc = await uq.connect(nats_url, "demo")
            js = nc.jetstream()
            try:
                deadline = time.monotonic() + 300
                while time.monotonic() < deadline:
                    queue = await uq.backlog(js)
                    results = (await js.stream_info(uq.RESULT_STREAM)).state.messages
                    if queue["waiting"] == 0 and queue["in_workers"] == 0 and results == 0:
                        break
                    await asyncio.sleep(1.0)
            finally:
                await nc.close()
        out = []
        for setup, count in zip(setups, counts):
            hid = setup["hearing"].id
            placement = await workers.placement(db.pool, hid)
            rows = await recordings.for_hearing(db.pool, hid)
            out.append({
                "hearing_id": str(hid), "case_number": setup["case"].case_number,
                "worker": {"id": str(placement["worker_id"]), "name": placement["worker_name"],
                           "address": placement["address"]} if placement else None,
                "recordings": [{"participant": r["participant_name"], "kind": r["kind"], "segment": r["segment_index"],
                                "duration_s": r["duration_s"], "state": r["state"], "stored": r["stored_at"] is not None}
                               for r in rows],
                "transcript_segments": len(await transcripts.list_for_hearing(db.pool, hid)),
                # every frame sent should reach the other three participants
                "frames": {kind: {"sent": count["sent"][kind], "expected": 3 * count["sent"][kind],
                                  "received": count["received"][kind]} for kind in ("audio", "video")},
            })
        return {"data_dir": str(data_dir), "media_workers": media_workers, "hearings": out}
    finally:
        for p in people:
            try:
                await p.stop()
            except Exception:
                pass
        if server is not None and serving is not None:
            server.should_exit = True
            await serving
        if ctx is not None:
            await stop_context(ctx)
        for child in reversed(children):
            await child.stop()
        if nats is not None:
            await nats.stop()
        await db.close()
        await asyncio.to_thread(pg.stop)


def cluster_demo_main(args) -> int:
    import logging
    import tempfile

    logging.basicConfig(level=logging.WARNING)
    data_dir = Path(args.data_dir) if args.data_dir else Path(tempfile.mkdtemp(prefix="courtroom-demo-", dir="/tmp"))
    media_workers = args.media_workers or max(1, min(args.hearings, os.cpu_count() or 1))
    summary = asyncio.run(run_cluster_demo(data_dir, hearings=args.hearings, media_workers=media_workers,
                                           asr=not args.no_asr, log=(lambda *_: None) if args.json else print))
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
        return 0
    for h in summary["hearings"]:
        f = h["frames"]
        print(f"\n庭审 {h['hearing_id']}（{h['case_number']}）媒体工作进程 {h['worker']['name'] if h['worker'] else '-'}")
        print(f"  笔录段数 {h['transcript_segments']}；视频帧 发送 {f['video']['sent']} 应收 {f['video']['expected']} "
              f"实收 {f['video']['received']}；音频帧 应收 {f['audio']['expected']} 实收 {f['audio']['received']}")
        for r in h["recordings"]:
            print(f"  {r['participant']:<12} {r['kind']} 段{r['segment']} 时长 {r['duration_s'] or 0:.1f} s "
                  f"{r['state']}{'，已入库' if r['stored'] else ''}")
    print(f"\n数据目录: {summary['data_dir']}")
    return 0
