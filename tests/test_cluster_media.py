"""Hearings on media worker processes behind a front (issue 11): real PostgreSQL, two
`courtroom media-worker` processes, a front relaying /ws/hearing, aiortc participants
with 640x360 video. Three hearings land on both workers and are recorded; a worker
killed with SIGKILL mid-hearing is noticed within 5 s and audited, the participants
come back through the front onto a live worker, recording resumes into new segments,
and nothing recorded before the kill is lost."""

from __future__ import annotations

import asyncio
import collections
import os
import signal
import time
import uuid
from pathlib import Path

import pytest

from courtroom.cluster.supervisor import Child, child_env, python_argv
from courtroom.sim.simclient import SimulatedParticipant, VideoSpec
from courtroom.sim.testsource import encode_speech, encode_test_pattern, load_speech
from models import audit, workers
from models.db import Database
from tests.fixtures.media import wait_until
from tests.fixtures.server import start_court, stop_court

REPO = str(Path(__file__).resolve().parents[1])


@pytest.fixture(scope="module")
async def shared_db(pg_url_factory):
    url = await pg_url_factory()
    database = await Database.connect(url)
    yield url, database
    await database.close()


async def start_media_worker(url: str, data_dir: Path, name: str, db: Database) -> Child:
    child: Child

    async def registered() -> None:
        deadline = time.monotonic() + 120
        while not await db.fetchval("select true from workers where state = 'live' and (detail->>'pid')::int = $1",
                                    child.pid):
            assert child.process.returncode is None, (data_dir / f"{name}.log").read_text()[-3000:]
            assert time.monotonic() < deadline, f"{name} never registered"
            await asyncio.sleep(0.2)

    child = Child(name, python_argv("web.media_worker", "--data-dir", str(data_dir), "--database-url", url,
                                    "--no-asr", "--host-addresses", "127.0.0.1", "--capacity", "2"),
                  env=child_env({"PYTHONPATH": REPO}), log_path=data_dir / f"{name}.log", ready=registered)
    await child.start()
    return child


@pytest.mark.slow
async def test_hearings_on_two_media_workers_and_one_killed_mid_hearing(shared_db, speech_dir, tmp_path):
    url, db = shared_db
    front, server, data_dir = await start_court(db, role="front", database_url=url)
    media = [await start_media_worker(url, data_dir, f"media-{i}", db) for i in range(2)]
    people: list[SimulatedParticipant] = []
    try:
        await front.add_staff("judge_m", "赵审判长", "judge")
        await front.add_staff("clerk_m", "钱书记员", "clerk")
        clerk = await front.login("clerk_m")
        judge_api = await front.login("judge_m")
        staff = {s["username"]: s for s in (await clerk.get("/api/staff")).json()["staff"]}
        case = (await clerk.post("/api/cases", json={"case_number": "（2026）吉01民初700号", "cause": "买卖合同纠纷"})).json()["case"]
        video = VideoSpec(640, 360, 10, replay=encode_test_pattern(640, 360, 10, seconds=4, bitrate=400_000))
        audio = encode_speech(load_speech(speech_dir / "zh_court_07.flac"))
        hs, tokens = [], {}
        for n in range(3):
            h = (await clerk.post(f"/api/cases/{case['id']}/hearings", json={"mode": "courtroom"})).json()["hearing"]
            hs.append(h["id"])
            pj = (await clerk.post(f"/api/hearings/{h['id']}/participants",
                                   json={"role": "presiding_judge", "staff_id": staff["judge_m"]["id"]})).json()["participant"]
            pl = (await clerk.post(f"/api/hearings/{h['id']}/participants",
                                   json={"role": "plaintiff", "name": f"原告{n}"})).json()["participant"]
            tokens[h["id"]] = {
                "judge": (await judge_api.post(f"/api/hearings/{h['id']}/my-token")).json()["token"],
                "plaintiff": (await clerk.post(f"/api/hearings/{h['id']}/participants/{pl['id']}/tokens",
                                               json={})).json()["token"]}
            assert pj

        def join(h: str, who: str) -> SimulatedParticipant:
            p = SimulatedParticipant(front.ws_url, name=f"{who}-{h[:4]}", join_token=tokens[h][who],
                                     audio=audio if who == "plaintiff" else None, video=video, subscribe=False)
            people.append(p)
            return p

        judges = {h: join(h, "judge") for h in hs}
        for h, j in judges.items():
            await j.start()
            await j.send({"type": "control", "action": "open"})
        for h, j in judges.items():
            assert await wait_until(lambda j=j: any(e.get("type") == "hearing" and e["hearing"]["state"] == "open"
                                                    for e in j.events), 20)
        plaintiffs = {h: join(h, "plaintiff") for h in hs}
        await asyncio.gather(*(p.start() for p in plaintiffs.values()))

        # Placement: one row per hearing, on both workers (least placed weight first).
        placed = {h: await workers.placement(db.pool, uuid.UUID(h)) for h in hs}
        per_worker = collections.Counter(p["worker_id"] for p in placed.values())
        assert sorted(per_worker.values()) == [1, 2], per_worker
        # Every hearing records on its worker: the judge's video, the plaintiff's audio and video.
        for h in hs:
            ok = False
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and not ok:
                ok = await db.fetchval("select count(distinct (participant_id, kind)) = 3 from recordings"
                                       " where hearing_id = $1", uuid.UUID(h))
                await asyncio.sleep(0.3)
            assert ok, f"hearing {h} is not recording both participants"
        await asyncio.sleep(4.0)  # media flowing, recorded on each worker

        # SIGKILL the worker that holds one hearing alone.
        lone_worker = next(w for w, n in per_worker.items() if n == 1)
        victim_h = next(h for h in hs if placed[h]["worker_id"] == lone_worker)
        victim_pid = await db.fetchval("select (detail->>'pid')::int from workers where id = $1", lone_worker)
        victim = next(c for c in media if c.pid == victim_pid)
        killed_at = time.monotonic()
        os.kill(victim.pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while await db.fetchval("select state from workers where id = $1", lone_worker) != "dead":
            assert time.monotonic() < deadline, "the killed worker was not declared dead"
            await asyncio.sleep(0.1)
        noticed_s = time.monotonic() - killed_at
        print(f"worker death noticed {noticed_s:.2f} s after SIGKILL")
        assert noticed_s < 5.0, noticed_s
        # The front closed the participants' sockets (1012): their pages reconnect, as these do.
        for who in ("judge", "plaintiff"):
            old = judges[victim_h] if who == "judge" else plaintiffs[victim_h]
            await old.stop()
        rejoined = [join(victim_h, "judge"), join(victim_h, "plaintiff")]
        await asyncio.gather(*(p.start() for p in rejoined))
        moved = await workers.placement(db.pool, uuid.UUID(victim_h))
        assert moved["worker_id"] != lone_worker and moved["generation"] == 2 and moved["worker_state"] == "live"
        await asyncio.sleep(3.0)

        for h in hs:  # close every hearing through a live judge
            j = rejoined[0] if h == victim_h else judges[h]
            await j.send({"type": "control", "action": "close"})
            assert await wait_until(lambda j=j: any(e.get("type") == "bye" for e in j.events), 20)
        vid = uuid.UUID(victim_h)
        rows = await db.fetch("select * from recordings where hearing_id = $1 order by participant_id, kind, segment_index", vid)
        assert all(r["state"] in ("closed", "damaged") for r in rows)
        before = [r for r in rows if r["segment_index"] == 0]
        after = [r for r in rows if r["segment_index"] >= 1]
        assert len(before) == 3 and len(after) >= 3  # resumed into new segments on the new worker
        # Recorded before the kill: playable up to about 2 s before it (crash-safe writer, probed at takeover).
        for r in before:
            assert r["duration_s"] is not None and r["duration_s"] > 2.0, dict(r)
        print("before the kill:", [(r["kind"], r["state"], round(r["duration_s"], 2)) for r in before])
        # Every segment, the recovered ones too, is in the court's store under its digest.
        from models.blobstore import FileBlobStore
        from signing.hashing import sha256_file

        store = FileBlobStore(front.settings.blobs_dir)
        deadline = time.monotonic() + 30
        while await db.fetchval("select count(*) from recordings where hearing_id = any($1::uuid[]) and stored_at is null",
                                [uuid.UUID(h) for h in hs]):
            assert time.monotonic() < deadline, "segments not copied to the store"
            await asyncio.sleep(0.3)
        for r in rows:
            stored = store.local_path(r["sha256"])
            assert stored is not None and sha256_file(stored)[0] == r["sha256"]
        actions = [e["action"] for e in await audit.entries(db.pool, victim_h)]
        assert "hearing.worker_lost" in actions and "hearing.moved" in actions and "recording.recovered" in actions
        assert "recording.stored" in actions
        assert await audit.verify(db.pool, victim_h) == []
        for h in hs:
            if h != victim_h:
                assert await db.fetchval("select count(*) from recordings where hearing_id = $1 and state = 'closed'"
                                         " and duration_s > 2", uuid.UUID(h)) >= 3
    finally:
        for p in people:
            try:
                await p.stop()
            except Exception:
                pass
        for c in media:
            await c.stop()
        await stop_court(front, server, data_dir)
