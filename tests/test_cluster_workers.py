"""Worker registry and hearing placement on a real PostgreSQL (models/workers.py, migration 007)."""

from __future__ import annotations

import asyncio
import collections
import concurrent.futures
import datetime as dt
import time
import uuid

import pytest

from courtroom.cluster.membership import Reaper, WorkerMembership
from models import audit, cases, hearings, staff, workers


@pytest.fixture(scope="module")
async def case(db):
    async with db.transaction() as conn:
        court = await staff.ensure_court(conn, "测试法院")
        judge = await staff.create_staff(conn, court_id=court, username="judge-w", display_name="王法官",
                                         position="judge", password="secret-pass-1", actor=audit.Actor.system())
        c = await cases.create_case(conn, court_id=court, case_number="(2026)吉01民初9号", cause="买卖合同纠纷",
                                    creator=judge)
        return {"id": c.id, "judge_id": judge["id"]}


@pytest.fixture
async def new_hearing(db, case):
    async def make() -> uuid.UUID:
        async with db.transaction() as conn:
            h = await hearings.schedule(conn, case_id=case["id"], kind="hearing", mode="internet", title="开庭",
                                        scheduled_at=dt.datetime.now(dt.timezone.utc), place="第一法庭",
                                        actor=audit.Actor.system(), created_by=case["judge_id"])
        return h.id
    return make


@pytest.fixture(autouse=True)
async def no_workers_left(db):
    """Each test starts with no live worker (earlier tests' workers are stopped)."""
    await db.execute("update workers set state = 'stopped' where state in ('live', 'draining')")
    yield


async def test_hearings_spread_over_workers_by_capacity_and_stay_put(db, new_hearing):
    a = await workers.register(db.pool, kind="media", name="a", address="http://10.0.0.1:8101", capacity=4)
    b = await workers.register(db.pool, kind="media", name="b", address="http://10.0.0.2:8101", capacity=1)
    placed = []
    for _ in range(4):
        async with db.pool.acquire() as conn:
            placed.append(await workers.place(conn, await new_hearing()))
    counts = collections.Counter(p.worker_id for p in placed)
    # (placed + 1) / capacity: a takes the first three; the fourth is a tie (1.0 each).
    assert counts[a] >= 3 and counts[a] + counts[b] == 4
    assert all(p.placed_now and p.generation == 1 for p in placed)
    assert placed[0].address == "http://10.0.0.1:8101"
    async with db.pool.acquire() as conn:
        again = await workers.place(conn, placed[0].hearing_id)
    assert (again.worker_id, again.placed_now) == (placed[0].worker_id, False)
    listed = await workers.live_workers(db.pool)
    # Least placed weight per capacity first; at a tie, least measured load, then the oldest.
    assert listed[0]["id"] == (b if counts[b] == 0 else a)
    with pytest.raises(ValueError):
        await workers.register(db.pool, kind="media", name="c", address="x", capacity=0)


async def test_concurrent_placements_are_atomic_and_balanced(db, new_hearing):
    ws = [await workers.register(db.pool, kind="media", name=f"w{i}", address=f"http://w{i}", capacity=2)
          for i in range(2)]
    one = await new_hearing()
    many = [await new_hearing() for _ in range(10)]

    async def place(h: uuid.UUID) -> workers.Placement:
        async with db.pool.acquire() as conn:
            return await workers.place(conn, h)

    same = await asyncio.gather(*(place(one) for _ in range(8)))  # eight fronts, one hearing
    assert len({p.worker_id for p in same}) == 1 and sum(p.placed_now for p in same) == 1
    assert await db.fetchval("select count(*) from hearing_placements where hearing_id = $1", one) == 1
    spread = await asyncio.gather(*(place(h) for h in many))
    counts = collections.Counter(p.worker_id for p in spread + same[:1])
    assert sorted(counts.values()) == [5, 6] and set(counts) == set(ws)  # never two picks from a stale view


async def test_no_live_worker_is_a_clear_error(db, new_hearing):
    async with db.pool.acquire() as conn:
        with pytest.raises(workers.NoLiveWorker, match="no live media worker"):
            await workers.place(conn, await new_hearing())
    asr = await workers.register(db.pool, kind="asr", name="asr", address="-", capacity=1)
    async with db.pool.acquire() as conn:
        with pytest.raises(workers.NoLiveWorker):  # an ASR worker never hosts hearings
            await workers.place(conn, await new_hearing())
    await workers.deregister(db.pool, asr)


async def test_a_silent_worker_is_declared_dead_within_5_s_audited_and_its_hearing_moves(db, new_hearing):
    members = [WorkerMembership(db.pool, kind="media", name=f"m{i}", address=f"http://m{i}:8101", capacity=1,
                                load=lambda: 0.25) for i in range(2)]
    for m in members:
        await m.start()
    deaths: list[dict] = []
    reapers = [Reaper(db.pool, on_dead=deaths.append) for _ in range(2)]  # two fronts reaping
    for r in reapers:
        await r.start()
    try:
        hs = [await new_hearing() for _ in range(2)]
        async with db.pool.acquire() as conn:
            placed = [await workers.place(conn, h) for h in hs]
        assert {p.worker_id for p in placed} == {m.worker_id for m in members}
        victim = next(m for m in members if m.worker_id == placed[0].worker_id)
        survivor = next(m for m in members if m is not victim)
        assert await db.fetchval("select load from workers where id = $1", victim.worker_id) == pytest.approx(0.25)

        # Its heartbeats stop (as when the process is killed): no deregistration.
        await victim.stop(deregister=False)
        last_beat = await db.fetchval("select heartbeat_at from workers where id = $1", victim.worker_id)
        deadline = time.monotonic() + 15
        while not deaths:
            assert time.monotonic() < deadline, "the dead worker was never noticed"
            await asyncio.sleep(0.1)
        row = await db.fetchrow("select state, ended_at from workers where id = $1", victim.worker_id)
        assert row["state"] == "dead"
        assert (row["ended_at"] - last_beat).total_seconds() < 5.0
        assert len(deaths) == 1 and deaths[0]["hearings"] == [hs[0]]  # one reaper got it, once
        assert await db.fetchval("select state from workers where id = $1", survivor.worker_id) == "live"

        # Audited in the hearing's chain, which still verifies.
        events = await audit.entries(db.pool, str(hs[0]))
        lost = [e for e in events if e["action"] == "hearing.worker_lost"]
        assert len(lost) == 1 and lost[0]["detail"]["worker"] == str(victim.worker_id)
        assert await audit.verify(db.pool, str(hs[0])) == []

        # The next join places it on the live worker, a new generation, audited too.
        async with db.pool.acquire() as conn:
            moved = await workers.place(conn, hs[0])
        assert (moved.worker_id, moved.generation, moved.moved_from) == (survivor.worker_id, 2, victim.worker_id)
        assert not await workers.still_placed(db.pool, hs[0], victim.worker_id, 1)
        assert [e["action"] for e in await audit.entries(db.pool, str(hs[0]))][-1] == "hearing.moved"
        assert await audit.verify(db.pool, str(hs[0])) == []

        # Back from a long stall, the old worker learns it is gone rather than serving on.
        with pytest.raises(workers.WorkerGone):
            await workers.heartbeat(db.pool, victim.worker_id, load=0.0)
    finally:
        for r in reapers:
            await r.stop()
        await survivor.stop()


async def test_a_database_outage_is_not_taken_for_deaths(db):
    """After the reaper regains the database it waits DEAD_AFTER_S before declaring anyone dead."""
    m = WorkerMembership(db.pool, kind="media", name="steady", address="http://s", capacity=1)
    await m.start()
    # Heartbeats stalled for 10 s (as during an outage), now flowing again:
    await db.execute("update workers set heartbeat_at = now() - interval '10 s' where id = $1", m.worker_id)
    r = Reaper(db.pool)
    await r.start()
    try:
        deadline = time.monotonic() + workers.DEAD_AFTER_S + 3
        while time.monotonic() < deadline:  # the window under test: DEAD_AFTER_S and more, nobody declared dead
            await asyncio.sleep(0.2)
        assert r.deaths == [] and m.state == "live"
    finally:
        await r.stop()
        await m.stop()
    assert await db.fetchval("select state from workers where id = $1", m.worker_id) == "stopped"


def _reap_from_another_front(url: str) -> list[dict]:
    """What a front elsewhere declares dead now: its own loop and connection (this test's
    loop is the blocked one)."""
    from models.db import small_pool

    async def go() -> list[dict]:
        pool = await small_pool(url, min_size=1, max_size=1)
        try:
            async with pool.acquire() as conn:
                return await workers.reap_dead(conn, dead_after_s=workers.DEAD_AFTER_S)
        finally:
            await pool.close()

    with concurrent.futures.ThreadPoolExecutor(1) as elsewhere:  # waited for here: this loop stays blocked
        return elsewhere.submit(asyncio.run, go()).result()


async def test_a_busy_loop_is_not_a_dead_worker_but_a_stalled_one_is(db, new_hearing):
    """Beats from a thread of its own (as a media worker's): a loop blocked past DEAD_AFTER_S
    (a worker at its CPU quota during a join) keeps the worker live; a loop stalled past
    loop_stall_s lets it be declared dead, and once the loop turns the worker learns it."""
    from tests.fixtures.waiting import wait_for

    assert db.url
    gone = asyncio.Event()
    m = WorkerMembership(db.pool, kind="media", name="busy", address="http://busy", capacity=1, load=lambda: 0.5,
                         url=db.url, loop_stall_s=workers.DEAD_AFTER_S + 5, on_gone=gone.set)
    await m.start()
    hearing = await new_hearing()
    try:
        await wait_for(lambda: m.beats >= 1, 10, "the heartbeat thread's first beat")
        async with db.pool.acquire() as conn:
            assert (await workers.place(conn, hearing)).worker_id == m.worker_id
        beats = m.beats
        time.sleep(workers.DEAD_AFTER_S + 1.5)  # the blocked loop under test: nothing on it runs
        assert m.beats >= beats + 3, "the thread kept beating while the loop was blocked"
        assert _reap_from_another_front(db.url) == []
        assert await db.fetchval("select state from workers where id = $1", m.worker_id) == "live"

        m.loop_stall_s = 0.5  # now a stall (a hung loop): its beats are withheld
        time.sleep(0.5 + workers.DEAD_AFTER_S + 1.5)  # the stalled loop under test
        assert m.withheld >= 1
        dead = _reap_from_another_front(db.url)
        assert [d["worker"] for d in dead] == [m.worker_id] and dead[0]["hearings"] == [hearing]
        await wait_for(gone.is_set, 10, "the worker told it was declared dead")
        assert m.state == "dead"
    finally:
        await m.stop()
    assert await db.fetchval("select state from workers where id = $1", m.worker_id) == "dead"
