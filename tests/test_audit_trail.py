"""Issue 13, finding 2: a trail a database superuser cannot rewrite unseen.

The application's role is refused every way around the append-only guard; a superuser
who goes around it anyway (session_replication_role = replica) and rewrites a row,
deletes a stretch, or TRUNCATEs the table, re-hashing what follows so that the chain
itself looks whole, is named by `audit verify`, which compares the database with the
signed anchors written outside it."""

from __future__ import annotations

import json
import uuid

import asyncpg
import pytest

from models import audit
from models.anchoring import Anchorer
from models.audit import _entry_body
from models.audit_check import format_report, verify_with_log
from models.db import _init_connection
from signing.anchor import AnchorLog, check_timestamp
from signing.ca import CourtCA
from signing.chain import GENESIS, link_hash

ACTOR = audit.Actor("张法官", "judge")


@pytest.fixture
def log_path(tmp_path):
    return tmp_path / "audit" / "anchors.jsonl"


async def superuser(db) -> asyncpg.Connection:
    """The database superuser, as an attacker with the server's files would connect."""
    conn = await asyncpg.connect(db.owner_url)
    await _init_connection(conn)
    assert await conn.fetchval("select rolsuper from pg_roles where rolname = current_user")
    return conn


async def write_entries(db, scope_hearing: uuid.UUID | None, n: int, anchorer: Anchorer, *, every: int) -> None:
    """n entries, anchored after every `every` of them (as the minute job would)."""
    for i in range(n):
        async with db.pool.acquire() as conn:
            await audit.append(conn, "test.event", ACTOR, hearing_id=scope_hearing, detail={"i": i, "text": f"第{i}条"})
        if (i + 1) % every == 0:
            await anchorer.anchor("periodic")


async def rehash_from(conn: asyncpg.Connection, scope: str, from_seq: int) -> None:
    """What a careful attacker does after a change: recompute every hash from `from_seq`
    on and move the head, so that the chain in the database is consistent again."""
    prev = GENESIS if from_seq == 1 else await conn.fetchval(
        "select hash from audit_events where scope = $1 and seq = $2", scope, from_seq - 1)
    last = 0
    for r in await conn.fetch("select * from audit_events where scope = $1 and seq >= $2 order by seq", scope, from_seq):
        body = _entry_body(r["scope"], r["seq"], r["at"], r["actor"], r["actor_role"], r["action"], r["hearing_id"],
                           r["case_id"], r["detail"])
        digest = link_hash(prev, body)
        await conn.execute("update audit_events set prev_hash = $2, hash = $3 where id = $1", r["id"], prev, digest)
        prev, last = digest, r["seq"]
    await conn.execute("update audit_heads set seq = $2, hash = $3 where scope = $1", scope, last, prev)


async def verify(db, log_path, ca: CourtCA):
    report = await verify_with_log(db.pool, log_path, ca.cert)
    print(format_report(report))
    return report


async def test_the_app_role_cannot_go_around_the_guard(db):
    assert db.role_problems == []
    async with db.pool.acquire() as conn:
        assert await conn.fetchval("select current_user") == "courtroom_app"
        await audit.append(conn, "test.event", ACTOR, detail={"x": 1})
        for sql in ("truncate audit_events",
                    "alter table audit_events disable trigger audit_events_no_update",
                    "set session_replication_role = replica",
                    "update audit_events set actor = 'x'",
                    "delete from audit_events",
                    "update audit_heads set seq = 0"):
            with pytest.raises(asyncpg.PostgresError) as refused:
                await conn.execute(sql)
            assert isinstance(refused.value, (asyncpg.InsufficientPrivilegeError, asyncpg.RaiseError)), (sql, refused.value)
    # The owner (no replica mode) meets the TRUNCATE trigger, the second guard.
    owner = await superuser(db)
    try:
        with pytest.raises(asyncpg.RaiseError, match="append-only"):
            await owner.execute("truncate audit_events")
    finally:
        await owner.close()


async def truncate_then_restart(db, tables: str, log_path, ca: CourtCA):
    """A superuser truncates `tables` with the triggers bypassed; the app then writes an entry
    (as at its next start) and the trail is verified: the report."""
    su = await superuser(db)
    try:
        await su.execute("set session_replication_role = replica")
        await su.execute(f"truncate {tables}")
    finally:
        await su.close()
    async with db.pool.acquire() as conn:
        await audit.append(conn, "server.started", audit.Actor.system())
    return await verify(db, log_path, ca)


async def test_superuser_rewrite_delete_and_truncate_are_each_named(db, court_ca, log_path):
    anchorer = Anchorer(db.pool, court_ca.key, court_ca.cert, log_path, court=court_ca.court_name)
    rewritten, deleted, cut = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    for hearing in (rewritten, deleted, cut):
        await write_entries(db, hearing, 30, anchorer, every=5)
    await write_entries(db, None, 12, anchorer, every=4)
    intact = await verify(db, log_path, court_ca)
    assert intact.ok and intact.anchors >= 20, intact.findings

    su = await superuser(db)
    try:
        await su.execute("set session_replication_role = replica")  # the triggers no longer fire
        # 1. One row rewritten (entry 17 says something else), the chain re-hashed after it.
        await su.execute("update audit_events set detail = $3 where scope = $1 and seq = $2",
                         str(rewritten), 17, {"i": 16, "text": "被改写的内容"})
        await rehash_from(su, str(rewritten), 17)
        # 2. A stretch deleted (entries 8-12), the rest re-numbered and re-hashed.
        await su.execute("delete from audit_events where scope = $1 and seq between 8 and 12", str(deleted))
        await su.execute("update audit_events set seq = seq - 5 where scope = $1 and seq > 12", str(deleted))
        await rehash_from(su, str(deleted), 8)
        # ... and in another chain, deleted without care: a plain gap.
        await su.execute("delete from audit_events where scope = $1 and seq between 21 and 23", str(cut))
    finally:
        await su.close()

    report = await verify(db, log_path, court_ca)
    assert not report.ok
    [rw] = [f for f in report.findings if f.scope == str(rewritten)]
    # Anchors every 5 entries: the change lies after the last match (15) and by the first mismatch (20).
    assert (rw.kind, rw.first_seq, rw.last_seq) == ("rewritten", 16, 20)
    [dl] = [f for f in report.findings if f.scope == str(deleted)]
    # The first removed entry (8) lies in the stretch named; the count says how many went.
    assert dl.kind == "deleted" and dl.first_seq <= 8 <= dl.last_seq and "5 entries were removed" in dl.en
    [gap] = [f for f in report.findings if f.scope == str(cut)]
    assert (gap.kind, gap.first_seq, gap.last_seq) == ("deleted", 21, 23)
    assert not [f for f in report.findings if f.scope == audit.COURT_SCOPE]  # the untouched chain stays clean

    # 3. TRUNCATE (the trigger bypassed the same way): every chain is named as emptied,
    # and entries the app writes afterwards do not hide it.
    report = await truncate_then_restart(db, "audit_events", log_path, court_ca)
    truncated = {f.scope: f for f in report.findings if f.kind == "truncated"}
    assert set(truncated) == {str(rewritten), str(deleted), str(cut), audit.COURT_SCOPE}, report.findings
    assert truncated[audit.COURT_SCOPE].first_seq == 1 and truncated[audit.COURT_SCOPE].last_seq >= 12

    # The same after the heads go too: the app starts each chain again from 1.
    report = await truncate_then_restart(db, "audit_events, audit_heads", log_path, court_ca)
    truncated = {f.scope for f in report.findings if f.kind == "truncated"}
    assert truncated == {str(rewritten), str(deleted), str(cut), audit.COURT_SCOPE}, report.findings


async def test_an_edited_or_shortened_anchor_log_is_named(db, court_ca, tmp_path):
    log_path = tmp_path / "anchors.jsonl"
    anchorer = Anchorer(db.pool, court_ca.key, court_ca.cert, log_path, court=court_ca.court_name)
    await write_entries(db, uuid.uuid4(), 6, anchorer, every=2)
    lines = log_path.read_bytes().splitlines()
    assert len(lines) == 3 and (await verify_with_log(db.pool, log_path, court_ca.cert)).ok
    # Whoever rewrites the database and the log together cannot sign for the court.
    doc = json.loads(lines[1])
    next(iter(doc["heads"].values()))["hash"] = "ab" * 32
    edited = tmp_path / "edited.jsonl"
    edited.write_bytes(b"\n".join([lines[0], json.dumps(doc).encode(), lines[2]]) + b"\n")
    report = await verify_with_log(db.pool, edited, court_ca.cert)
    assert any(f.kind == "anchor_log" and "signature" in f.en for f in report.findings)
    # A line removed breaks the links.
    shortened = tmp_path / "shortened.jsonl"
    shortened.write_bytes(b"\n".join([lines[0], lines[2]]) + b"\n")
    report = await verify_with_log(db.pool, shortened, court_ca.cert)
    assert any(f.kind == "anchor_log" and "removed or reordered" in f.en for f in report.findings)
    # An anchor signed by another key is not the court's.
    other = CourtCA.create("别的法院")
    report = await verify_with_log(db.pool, log_path, other.cert)
    assert any(f.kind == "anchor_log" for f in report.findings)


async def test_anchor_log_is_append_only_and_durable(db, court_ca, tmp_path):
    log_path = tmp_path / "anchors.jsonl"
    anchorer = Anchorer(db.pool, court_ca.key, court_ca.cert, log_path, court=court_ca.court_name)
    await write_entries(db, None, 1, anchorer, every=1)
    assert await anchorer.anchor("periodic") is None  # nothing moved: nothing written
    first = log_path.read_bytes()
    await write_entries(db, None, 1, anchorer, every=1)
    assert log_path.read_bytes().startswith(first)  # earlier lines untouched
    anchors, problems = AnchorLog(log_path).read()
    assert [a.index for a in anchors] == [1, 2] and not problems
    assert oct(log_path.stat().st_mode & 0o777) == "0o640"
    print(f"append-only attribute (chattr +a) set: {anchorer.log.append_only_flag}")


async def test_anchors_are_time_stamped_and_survive_a_tsa_outage(db, court_ca, local_tsa, tmp_path):
    from signing.ca import load_certificate

    log_path = tmp_path / "anchors.jsonl"
    anchorer = Anchorer(db.pool, court_ca.key, court_ca.cert, log_path, court=court_ca.court_name,
                        tsa_url=local_tsa.url, tsa_timeout_s=5)
    await write_entries(db, None, 1, anchorer, every=1)
    stamped = anchorer.last_anchor
    assert stamped.timestamp and not stamped.timestamp_error
    when, problem = await check_timestamp(stamped, load_certificate(local_tsa.root_pem_path))
    assert problem is None and when is not None
    # Another TSA's root does not vouch for it.
    _, problem = await check_timestamp(stamped, CourtCA.create("别的时间戳根").cert)
    assert problem and "trusted" in problem

    local_tsa.down = True
    try:
        await write_entries(db, None, 1, anchorer, every=1)
    finally:
        local_tsa.down = False
    unstamped = anchorer.last_anchor
    assert unstamped.index == stamped.index + 1 and not unstamped.timestamp and unstamped.timestamp_error
    report = await verify_with_log(db.pool, log_path, court_ca.cert, tsa_root=load_certificate(local_tsa.root_pem_path))
    assert report.ok, report.findings
    assert any("not time-stamped" in w for w in report.warnings)
