"""Issue 13, finding 7: refusals are counted per source and minute, not appended row by
row; an outsider's refusal goes to the court-wide chain, never into a hearing's. And the
running server anchors its chains at start and at a hearing's close."""

from __future__ import annotations

import asyncio
import time
import uuid

import asyncpg
import pytest

from models import audit
from models.anchoring import anchor_log_path
from models.audit_check import verify_with_log
from signing.anchor import AnchorLog
from signing.ca import load_certificate
from tests.fixtures.server import start_court, stop_court


class Clock:
    def __init__(self, t: float) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t


async def rows(pool, scope: str | None = None) -> int:
    sql = "select count(*) from audit_events where action = 'access.denied'"
    return await (pool.fetchval(sql + " and scope = $1", scope) if scope else pool.fetchval(sql))


async def test_a_flood_from_one_source_is_one_entry_per_minute(db):
    clock = Clock(1_800_000_000.0)  # on a minute boundary
    refusals = audit.RefusalLog(db.pool, clock=clock)
    before_rows, before_count = await rows(db.pool), await audit.refusal_count(db.pool)
    for i in range(650):
        clock.t += 0.05  # 650 in 32.5 s: one minute
        await refusals.refused(who="anonymous", source="10.0.0.7", code="login_required", path=f"/api/x{i % 3}",
                               method="GET")
    await refusals.refused(who="anonymous", source="10.0.0.8", code="login_required", path="/api/cases")
    assert await rows(db.pool) == before_rows + 2  # the first of each source, at once
    assert await refusals.flush() == 0  # the minute has not ended
    clock.t += 60
    assert await refusals.flush() == 1  # 10.0.0.8 had only its first
    assert await rows(db.pool) == before_rows + 3
    assert await audit.refusal_count(db.pool) == before_count + 651
    summary = (await audit.entries(db.pool, audit.COURT_SCOPE))[-1]
    assert summary["detail"]["count"] == 649 and summary["detail"]["client"] == "10.0.0.7"
    assert sorted(summary["detail"]["paths"]) == ["/api/x0", "/api/x1", "/api/x2"]
    assert summary["detail"]["codes"] == {"login_required": 649}
    assert await audit.verify(db.pool, audit.COURT_SCOPE) == []


async def test_a_flood_across_a_minute_is_each_minutes_first_plus_the_ended_minutes_count(db):
    clock = Clock(1_800_000_000.0 + 59.0)  # one second before a minute ends
    refusals = audit.RefusalLog(db.pool, clock=clock)
    before_rows, before_count = await rows(db.pool), await audit.refusal_count(db.pool)
    for _ in range(40):
        clock.t += 0.05  # 2 s: 20 refusals in each minute
        await refusals.refused(who="anonymous", source="10.0.1.7", code="login_required", path="/api/cases")
    assert await rows(db.pool) == before_rows + 2  # the first of each minute
    assert await refusals.flush() == 1  # what the minute task writes: the ended minute's count
    assert await rows(db.pool) == before_rows + 3
    await refusals.flush(everything=True)
    assert await audit.refusal_count(db.pool) == before_count + 40


async def test_an_outsiders_refusal_stays_out_of_the_hearings_chain(db):
    refusals = audit.RefusalLog(db.pool)
    hearing = uuid.uuid4()
    async with db.pool.acquire() as conn:
        await audit.append(conn, "hearing.scheduled", audit.Actor("书记员", "clerk"), hearing_id=hearing)
    await refusals.refused(who="other_judge", source="10.0.0.9", code="not_found", path=f"/api/hearings/{hearing}",
                           hearing_id=hearing, member=False)
    assert [e["action"] for e in await audit.entries(db.pool, str(hearing))] == ["hearing.scheduled"]
    court = (await audit.entries(db.pool, audit.COURT_SCOPE))[-1]
    assert court["action"] == "access.denied" and court["detail"]["target_hearing_id"] == str(hearing)
    # A member's refusal (a juror trying the judge's control) is part of the hearing's trail.
    await refusals.refused(who="juror", source="10.0.0.9", code="chair_only", path=f"/api/hearings/{hearing}/open",
                           hearing_id=hearing, member=True)
    assert [e["action"] for e in await audit.entries(db.pool, str(hearing))] == ["hearing.scheduled", "access.denied"]
    await refusals.stop()


@pytest.fixture(scope="module")
async def court(db):
    running, server, data_dir = await start_court(db)
    yield running
    await stop_court(running, server, data_dir)


async def login(court, username: str, display: str, position: str):
    await court.add_staff(username, display, position)
    return await court.login(username)


async def test_anonymous_flood_against_the_server(court):
    pool = court.ctx.db.pool
    before_rows, before_count = await rows(pool), await audit.refusal_count(pool)
    n = 300
    window_s = court.ctx.services.audit.refusals.window_s
    first_minute = int(time.time() // window_s)
    started = time.perf_counter()
    async with court.client() as anon:
        for _ in range(n // 50):
            answers = await asyncio.gather(*(anon.get("/api/cases") for _i in range(50)))
            assert {r.status_code for r in answers} == {401}
    elapsed = time.perf_counter() - started
    last_minute = int(time.time() // window_s)
    added_rows = await rows(pool) - before_rows
    await court.ctx.services.audit.refusals.flush(everything=True)
    assert await audit.refusal_count(pool) - before_count == n
    # One entry at once per source and minute. A flood that straddles a minute adds, for
    # each minute it ends, that minute's count (written by the server's minute task) and
    # the new minute's first refusal: at most 1 + 2 per boundary crossed.
    crossed = last_minute - first_minute
    if crossed == 0:
        assert added_rows == 1, added_rows
    else:
        assert 1 <= added_rows <= 1 + 2 * crossed, (added_rows, crossed)
    print(f"\n{n} anonymous refusals in {elapsed:.2f} s ({n / elapsed:.0f}/s): {added_rows} audit rows during the "
          f"flood, {await rows(pool) - before_rows} after the minute's count was written")


async def test_server_anchors_at_start_and_at_close_and_verifies(court, monkeypatch, capsys):
    log_path = anchor_log_path(court.settings.data_dir, court.settings.audit_anchor_log)
    anchors, problems = AnchorLog(log_path).read()
    assert not problems and anchors[0].reason == "started" and audit.COURT_SCOPE in anchors[0].heads

    clerk = await login(court, "clerk_x", "赵书记员", "clerk")
    judge = await login(court, "judge_x", "钱审判长", "judge")
    outsider = await login(court, "judge_y", "孙法官", "judge")
    staff = {s["username"]: s for s in (await clerk.get("/api/staff")).json()["staff"]}
    r = await clerk.post("/api/cases", json={"case_number": "（2026）吉01民初913号", "cause": "买卖合同纠纷"})
    assert r.status_code == 201, r.text
    r = await clerk.post(f"/api/cases/{r.json()['case']['id']}/hearings", json={"mode": "internet", "title": "开庭"})
    hid = r.json()["hearing"]["id"]
    r = await clerk.post(f"/api/hearings/{hid}/participants",
                         json={"role": "presiding_judge", "staff_id": staff["judge_x"]["id"]})
    assert r.status_code == 201, r.text

    # An outsider probing the hearing writes nothing into its chain.
    before = len(await audit.entries(court.ctx.db.pool, hid))
    assert (await outsider.get(f"/api/hearings/{hid}")).status_code == 404
    assert (await outsider.post(f"/api/hearings/{hid}/open", json={})).status_code == 404
    assert len(await audit.entries(court.ctx.db.pool, hid)) == before

    assert (await judge.post(f"/api/hearings/{hid}/open", json={})).status_code == 200
    assert (await judge.post(f"/api/hearings/{hid}/close", json={})).status_code == 200
    anchors, _ = AnchorLog(log_path).read()
    closing = [a for a in anchors if a.reason == "hearing_closed" and hid in a.heads]
    assert closing, [a.reason for a in anchors]
    seq, head = await audit.head(court.ctx.db.pool, hid)
    assert (closing[-1].heads[hid].seq, closing[-1].heads[hid].hash) == (seq, head)

    ca_cert = load_certificate(court.settings.keys_dir / "ca" / "court-ca.cert.pem")
    report = await verify_with_log(court.ctx.db.pool, log_path, ca_cert)
    assert report.ok, report.findings
    for client in (clerk, judge, outsider):
        await client.aclose()

    # `courtroom audit verify` on the same data directory and database: intact, then a
    # superuser edits the hearing's trail in place (the trigger bypassed): named, exit 1.
    rc, out = await cli_audit_verify(court, monkeypatch, capsys)
    assert rc == 0 and "intact" in out, out
    su = await asyncpg.connect(court.ctx.db.owner_url)
    try:
        await su.execute("set session_replication_role = replica")
        await su.execute("update audit_events set actor = '别人' where scope = $1 and seq = 2", hid)
    finally:
        await su.close()
    rc, out = await cli_audit_verify(court, monkeypatch, capsys)
    assert rc == 1 and "rewritten seq 2" in out, out


async def cli_audit_verify(court, monkeypatch, capsys) -> tuple[int, str]:
    from web.cli import main

    monkeypatch.setenv("DATABASE_URL", court.ctx.db.owner_url)
    capsys.readouterr()
    rc = await asyncio.to_thread(main, ["audit", "verify", "--data-dir", str(court.settings.data_dir)])
    return rc, capsys.readouterr().out
