"""Fencing by placement generation (issue 11): a media worker that stalled long enough to
be declared dead, and whose hearing moved to another worker meanwhile, must not write
that hearing's recordings when it comes back.

Real parts: PostgreSQL, a front relaying /ws/hearing, two `courtroom media-worker`
processes, an aiortc judge publishing 640x360 video. The worker hosting the hearing is
stopped with SIGSTOP until it is declared dead and the judge has rejoined on the other
worker (generation 2, which closed the stopped worker's open segment by probing it);
then SIGCONT: the stale worker closes its segment and tries to write that, and the
database refuses it, audited as hearing.stale_write_refused. The row the live worker
wrote stays as it was, and the hearing's audit chain verifies.

Transcript segments are fenced the same way (checked against real PostgreSQL, through the
media worker's own delivery path): a result the stale worker tries to store is refused and
audited, the segment rows are unchanged, and the worker that holds the hearing now stores it
once."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import signal
import time
import uuid
from pathlib import Path
from types import SimpleNamespace

import pytest

from asr.segment import Segment, Speaker, Word
from courtroom.cluster.supervisor import Child, child_env, python_argv
from courtroom.hearing.transcription import deliver_segment
from courtroom.media.probe import probe_recording
from courtroom.sim.simclient import SimulatedParticipant, VideoSpec
from courtroom.sim.testsource import encode_test_pattern
from models import audit, cases, hearings, staff, transcripts, workers
from models.db import Database
from tests.fixtures.media import wait_until
from tests.fixtures.server import start_court, stop_court
from tests.fixtures.waiting import wait_for

REPO = str(Path(__file__).resolve().parents[1])


async def start_media_worker(url: str, data_dir: Path, name: str, db: Database) -> Child:
    child: Child

    async def registered() -> None:
        deadline = time.monotonic() + 120
        while not await db.fetchval("select true from workers where state = 'live' and (detail->>'pid')::int = $1",
                                    child.pid):
            assert child.process is not None and child.process.returncode is None, \
                (data_dir / f"{name}.log").read_text()[-3000:]
            assert time.monotonic() < deadline, f"{name} never registered"
            await asyncio.sleep(0.2)

    child = Child(name, python_argv("web.media_worker", "--data-dir", str(data_dir), "--database-url", url,
                                    "--host-addresses", "127.0.0.1", "--no-asr"),
                  env=child_env({"PYTHONPATH": REPO}), log_path=data_dir / f"{name}.log", ready=registered)
    await child.start()
    return child


async def until(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not await condition():
        assert time.monotonic() < deadline, what
        await asyncio.sleep(0.2)


@pytest.mark.slow
async def test_a_worker_back_from_a_stall_cannot_write_the_hearing_it_lost(pg_url_factory):
    url = await pg_url_factory()
    db = await Database.connect(url)
    front, server, data_dir = await start_court(db, role="front", database_url=url)
    media = [await start_media_worker(url, data_dir, f"media-{i}", db) for i in range(2)]
    people: list[SimulatedParticipant] = []
    stopped_pid: int | None = None
    try:
        await front.add_staff("judge_f", "冯审判长", "judge")
        await front.add_staff("clerk_f", "褚书记员", "clerk")
        clerk = await front.login("clerk_f")
        judge_api = await front.login("judge_f")
        staff = {s["username"]: s for s in (await clerk.get("/api/staff")).json()["staff"]}
        case = (await clerk.post("/api/cases", json={"case_number": "（2026）吉01民初711号", "cause": "租赁合同纠纷"})).json()["case"]
        h = (await clerk.post(f"/api/cases/{case['id']}/hearings", json={"mode": "courtroom"})).json()["hearing"]
        hid = uuid.UUID(h["id"])
        await clerk.post(f"/api/hearings/{h['id']}/participants",
                         json={"role": "presiding_judge", "staff_id": staff["judge_f"]["id"]})
        video = VideoSpec(640, 360, 10, replay=encode_test_pattern(640, 360, 10, seconds=2, bitrate=300_000))

        async def judge() -> SimulatedParticipant:
            token = (await judge_api.post(f"/api/hearings/{h['id']}/my-token")).json()["token"]
            p = SimulatedParticipant(front.ws_url, name="judge-f", join_token=token, video=video, subscribe=False)
            people.append(p)
            await p.start()
            return p

        first = await judge()
        await first.send({"type": "control", "action": "open"})
        await until(lambda: db.fetchval("select count(*) = 1 from recordings where hearing_id = $1 and kind = 'video'"
                                        " and state = 'recording'", hid), 30, "the judge's video is not recording")
        # Some of it on disk: the open segment already plays a while (read as a probe at takeover would).
        recording = await db.fetchval("select path from recordings where hearing_id = $1 and kind = 'video'"
                                      " and state = 'recording'", hid)
        await wait_for(lambda: asyncio.to_thread(lambda: probe_recording(recording).duration_s >= 1.0), 30,
                       "the judge's open video segment playing 1 s on disk",
                       describe=lambda: probe_recording(recording))
        placed = await workers.placement(db.pool, hid)
        assert placed is not None and placed["generation"] == 1
        stale = placed["worker_id"]
        stopped_pid = await db.fetchval("select (detail->>'pid')::int from workers where id = $1", stale)
        victim = next(c for c in media if c.pid == stopped_pid)
        os.kill(stopped_pid, signal.SIGSTOP)  # a stall: alive, silent

        await until(lambda: db.fetchval("select state = 'dead' from workers where id = $1", stale), 15,
                    "the stalled worker was not declared dead")
        await first.stop()  # the page reconnects (the front closed its socket), here by hand
        second = await judge()
        moved = await workers.placement(db.pool, hid)
        assert moved["worker_id"] != stale and moved["generation"] == 2, moved
        # The live worker took over: closed the stalled one's open segment (probed) and records anew.
        await until(lambda: db.fetchval("select count(*) = 1 from recordings where hearing_id = $1 and kind = 'video'"
                                        " and segment_index >= 1 and state = 'recording'", hid), 30,
                    "no new segment on the live worker")
        taken_over = await db.fetchrow("select * from recordings where hearing_id = $1 and kind = 'video'"
                                       " and segment_index = 0", hid)
        assert taken_over["state"] in ("closed", "damaged"), dict(taken_over)

        os.kill(stopped_pid, signal.SIGCONT)
        stopped_pid = None

        async def refused() -> list[dict]:
            return [e for e in await audit.entries(db.pool, h["id"]) if e["action"] == "hearing.stale_write_refused"]

        await until(lambda: _nonempty(refused()), 60, "the stale worker's write was not refused (or never tried)")
        events = await refused()
        for e in events:
            d = e["detail"]
            assert d["worker"] == str(stale) and d["generation"] == 1, d
            assert d["placed_on"] == str(moved["worker_id"]) and d["placed_generation"] == 2, d
        assert {e["detail"]["write"] for e in events} <= {"recording.started", "recording.closed"}
        print("refused:", [(e["detail"]["write"], e["detail"]["kind"], e["detail"]["segment"]) for e in events])
        # Nothing the stale worker wanted to write reached the rows: the takeover's values stand.
        await until(lambda: db.fetchval("select stored_at is not null from recordings where id = $1", taken_over["id"]),
                    30, "the taken-over segment was not copied to the store")
        now = await db.fetchrow("select * from recordings where id = $1", taken_over["id"])
        assert {k: v for k, v in dict(now).items() if k != "stored_at"} == \
            {k: v for k, v in dict(taken_over).items() if k != "stored_at"}
        # The stale worker did finish its own file on its disk; readers get the bytes the
        # takeover hashed: the verified copy in the court's store.
        from courtroom.records.sealing import recording_file
        from signing.hashing import sha256_file

        print("the stale worker's file now:", sha256_file(Path(now["path"]))[0] == now["sha256"])
        assert sha256_file(recording_file(front.ctx, dict(now)))[0] == now["sha256"]
        assert await db.fetchval("select count(*) from recordings where hearing_id = $1 and segment_index = 0", hid) == 1
        # The stale worker learnt it was declared dead and stopped (3); its supervisor starts a fresh one.
        await until(lambda: _true(bool(victim.exits)), 30, "the stale worker did not stop")
        assert victim.exits[0] == 3, victim.exits
        await second.send({"type": "control", "action": "close"})
        assert await wait_until(lambda: any(e.get("type") == "bye" for e in second.events), 20)
        assert await audit.verify(db.pool, h["id"]) == []
    finally:
        if stopped_pid is not None:
            os.kill(stopped_pid, signal.SIGCONT)
        for p in people:
            try:
                await p.stop()
            except Exception:
                pass
        for c in media:
            await c.stop()
        await stop_court(front, server, data_dir)
        await db.close()


async def _nonempty(rows) -> bool:
    return bool(await rows)


async def _true(value: bool) -> bool:
    return value


async def test_a_worker_that_lost_its_hearing_cannot_store_its_transcript(pg_url_factory):
    db = await Database.connect(await pg_url_factory())
    try:
        async with db.transaction() as conn:
            court = await staff.ensure_court(conn, "测试法院")
            clerk = await staff.create_staff(conn, court_id=court, username="clerk_x", display_name="褚书记员",
                                             position="clerk", password="secret-pass-1", actor=audit.Actor.system())
            case = await cases.create_case(conn, court_id=court, case_number="（2026）吉01民初712号",
                                           cause="租赁合同纠纷", creator=clerk)
            h = await hearings.schedule(conn, case_id=case.id, kind="hearing", mode="courtroom", title="开庭",
                                        scheduled_at=dt.datetime.now(dt.timezone.utc), place=None,
                                        actor=audit.Actor.system(), created_by=None)
            plaintiff = await hearings.add_participant(conn, h.id, role="plaintiff", name="李四",
                                                       actor=audit.Actor.system())
            first = await workers.register(conn, kind="media", name="media-a", address="http://127.0.0.1:1", capacity=2)
            assert (await workers.place(conn, h.id)).worker_id == first
        stale = await workers.fence_for(db.pool, h.id, first)
        assert stale is not None and stale.generation == 1
        # A media worker's context, as far as storing a result goes: no live room here.
        ctx = SimpleNamespace(db=db, rooms=SimpleNamespace(get=lambda hearing_id: None),
                              keys=SimpleNamespace(master_key=b"\0" * 32))

        def result(text: str, start: float) -> Segment:
            return Segment(segment_id=str(uuid.uuid4()), stream_id="s", hearing_id=str(h.id),
                           speaker=Speaker(str(plaintiff.id), plaintiff.role.value, plaintiff.name),
                           start=start, end=start + 1.0, text=text, model="whisper:test", confidence=0.9,
                           words=[Word(start=start, end=start + 1.0, word=text, probability=0.9)])

        assert await deliver_segment(ctx, result("原告陈述。", 1.0), fence=stale)  # it holds the hearing: stored

        # The worker stalls, is declared dead, and the hearing moves to another worker.
        async with db.transaction() as conn:
            second = await workers.register(conn, kind="media", name="media-b", address="http://127.0.0.1:2", capacity=2)
            await conn.execute("update workers set state = 'dead', ended_at = now() where id = $1", first)
            moved = await workers.place(conn, h.id)
        assert moved.worker_id == second and moved.generation == 2
        rows_before = await db.fetch("select * from transcript_segments where hearing_id = $1 order by start_s", h.id)
        revisions_before = await db.fetchval("select count(*) from segment_revisions where hearing_id = $1", h.id)

        late = result("被告答辩。", 3.0)
        with pytest.raises(workers.StaleWriteRefused):
            await deliver_segment(ctx, late, fence=stale)
        rows_after = await db.fetch("select * from transcript_segments where hearing_id = $1 order by start_s", h.id)
        assert [dict(r) for r in rows_after] == [dict(r) for r in rows_before]
        assert await db.fetchval("select count(*) from segment_revisions where hearing_id = $1", h.id) == revisions_before
        refused = [e for e in await audit.entries(db.pool, str(h.id)) if e["action"] == "hearing.stale_write_refused"]
        assert len(refused) == 1, refused
        d = refused[0]["detail"]
        assert d["write"] == "transcript.segment" and d["segment_id"] == late.segment_id, d
        assert d["participant_id"] == str(plaintiff.id) and d["start_s"] == 3.0 and d["end_s"] == 4.0, d
        assert d["worker"] == str(first) and d["generation"] == 1, d
        assert d["placed_on"] == str(second) and d["placed_generation"] == 2, d
        assert "被告" not in str(refused[0]), "a refusal names what was refused, never its words"

        # The result is redelivered to the worker that holds the hearing now: stored once.
        fresh = await workers.fence_for(db.pool, h.id, second)
        assert fresh is not None and fresh.generation == 2
        assert await deliver_segment(ctx, late, fence=fresh)
        assert not await deliver_segment(ctx, late, fence=fresh)  # delivered again: not doubled
        texts = [s["text"] for s in await transcripts.list_for_hearing(db.pool, h.id)]
        assert texts == ["原告陈述。", "被告答辩。"], texts
        assert await audit.verify(db.pool, str(h.id)) == []
    finally:
        await db.close()
