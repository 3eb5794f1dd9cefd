"""Domain and persistence against a real (embedded) PostgreSQL."""

import datetime as dt
import time
import uuid

import asyncpg
import pytest

from models import audit, cases, hearings, recordings, staff, tokens
from models.credentials import JoinClaims, TokenError, sign_join_token
from models.db import _init_connection, migrate
from models.domain import HearingState, Role, mask_id_number

KEY = b"k" * 32


@pytest.fixture(scope="module")
async def world(db):
    async with db.transaction() as conn:
        court = await staff.ensure_court(conn, "测试法院")
        judge = await staff.create_staff(conn, court_id=court, username="judge1", display_name="张法官",
                                         position="judge", password="secret-pass-1", actor=audit.Actor.system())
        case = await cases.create_case(conn, court_id=court, case_number="(2026)吉01民初1号", cause="买卖合同纠纷",
                                       creator=judge)
        h = await hearings.schedule(conn, case_id=case.id, kind="hearing", mode="internet", title="第一次开庭",
                                    scheduled_at=dt.datetime.now(dt.timezone.utc), place="第一法庭",
                                    actor=audit.Actor("张法官", "judge"), created_by=judge["id"])
        pj = await hearings.add_participant(conn, h.id, role=Role.PRESIDING_JUDGE, name="张法官",
                                            actor=audit.Actor.system(), staff_id=judge["id"])
        plaintiff = await hearings.add_participant(conn, h.id, role="plaintiff", name="李四", remote=True,
                                                   id_number="220102199001011234", actor=audit.Actor.system())
    return {"court": court, "judge": judge, "case": case, "hearing": h, "pj": pj, "plaintiff": plaintiff}


async def test_migrations_are_idempotent(db):
    conn = await asyncpg.connect(db.owner_url)  # migrations run as the owner, not the app's role
    try:
        assert await migrate(conn) == []
        assert await conn.fetchval("select max(version) from schema_version") >= 1
    finally:
        await conn.close()


async def test_id_numbers_are_stored_masked(world):
    assert world["plaintiff"].id_number_masked == "2201**********1234"
    assert mask_id_number("12345") == "*****"


async def test_login_and_session(db, world):
    async with db.pool.acquire() as conn:
        assert await staff.login(conn, "judge1", "wrong") is None
        assert await staff.login(conn, "nobody", "secret-pass-1") is None
        secret, account = await staff.login(conn, "judge1", "secret-pass-1")
        assert account["username"] == "judge1"
        assert (await staff.resolve_session(conn, secret))["id"] == world["judge"]["id"]
        await staff.logout(conn, secret)
        assert await staff.resolve_session(conn, secret) is None
        actions = [e["action"] for e in await audit.entries(conn, audit.COURT_SCOPE)]
        assert actions.count("staff.login_failed") == 2 and "staff.login" in actions


async def test_state_machine_and_pause_reasons(db, world):
    h = world["hearing"]
    actor = world["pj"].actor
    async with db.pool.acquire() as conn:
        with pytest.raises(hearings.StateError):
            await hearings.transition(conn, h.id, HearingState.PAUSED, actor, reason="recess")
        opened = await hearings.transition(conn, h.id, HearingState.OPEN, actor)
        assert opened.opened_at is not None
        with pytest.raises(hearings.StateError):
            await hearings.transition(conn, h.id, HearingState.PAUSED, actor, reason="lunch")
        paused = await hearings.transition(conn, h.id, HearingState.PAUSED, actor, reason="mediation")
        assert paused.state == HearingState.PAUSED
        resumed = await hearings.transition(conn, h.id, HearingState.OPEN, actor)
        assert resumed.opened_at == opened.opened_at  # the hearing clock never restarts
        trail = await audit.entries(conn, str(h.id))
        pause = next(e for e in trail if e["action"] == "hearing.paused")
        assert pause["detail"]["reason"] == "mediation" and pause["actor"] == "张法官"
        assert await audit.verify(conn, str(h.id)) == []


async def test_audit_chain_detects_edit_and_gap(db, world):
    scope = str(world["hearing"].id)
    async with db.pool.acquire() as conn:
        assert await audit.verify(conn, scope) == []
        # The application's role may not change audit rows at all ...
        with pytest.raises(asyncpg.InsufficientPrivilegeError):
            await conn.execute("update audit_events set actor = 'x' where scope = $1 and seq = 2", scope)
    conn = await asyncpg.connect(db.owner_url)
    await _init_connection(conn)
    try:
        # ... the owner meets the trigger ...
        with pytest.raises(Exception, match="append-only"):
            await conn.execute("update audit_events set actor = 'x' where scope = $1 and seq = 2", scope)
        # ... and a superuser who goes around the trigger is caught by the chain (and, when
        # the chain is re-hashed too, by the anchors: tests/test_audit_trail.py).
        await conn.execute("alter table audit_events disable trigger audit_events_no_update")
        try:
            await conn.execute("update audit_events set detail = '{\"name\": \"王五\"}' where scope = $1 and seq = 2", scope)
            problems = await audit.verify(conn, scope)
            assert any("entry 2" in p and "edited" in p for p in problems)
            await conn.execute("delete from audit_events where scope = $1 and seq = 3", scope)
            problems = await audit.verify(conn, scope)
            assert any("gap" in p for p in problems)
        finally:
            await conn.execute("alter table audit_events enable trigger audit_events_no_update")
    finally:
        await conn.close()


async def test_join_tokens(db, world):
    p = world["plaintiff"]
    async with db.pool.acquire() as conn:
        token, claims = await tokens.issue(conn, KEY, p, lifetime_s=60, actor=audit.Actor.system(), issued_by=None)
        got_claims, got_p = await tokens.validate(conn, KEY, token, hearing_id=p.hearing_id)
        assert got_p.id == p.id and got_claims.role == "plaintiff"
        # A token for one hearing opens nothing else.
        with pytest.raises(TokenError) as e:
            await tokens.validate(conn, KEY, token, hearing_id=uuid.uuid4())
        assert e.value.code == "token_wrong_hearing"
        # Forged signature, foreign key, tampered payload.
        with pytest.raises(TokenError) as e:
            await tokens.validate(conn, b"x" * 32, token)
        assert e.value.code == "token_invalid"
        body, mac = token.split(".")
        with pytest.raises(TokenError):
            await tokens.validate(conn, KEY, body[:-2] + "AA." + mac)
        # Expired.
        expired = sign_join_token(KEY, JoinClaims(claims.jti, claims.hearing_id, claims.participant_id, "plaintiff",
                                                  time.time() - 1))
        with pytest.raises(TokenError) as e:
            await tokens.validate(conn, KEY, expired)
        assert e.value.code == "token_expired"
        # Correctly signed but never issued.
        unknown = sign_join_token(KEY, JoinClaims(uuid.uuid4(), claims.hearing_id, claims.participant_id,
                                                  "presiding_judge", time.time() + 60))
        with pytest.raises(TokenError) as e:
            await tokens.validate(conn, KEY, unknown)
        assert e.value.code == "token_unknown"
        # Revoked.
        assert await tokens.revoke(conn, claims.jti, audit.Actor.system())
        with pytest.raises(TokenError) as e:
            await tokens.validate(conn, KEY, token)
        assert e.value.code == "token_revoked"


async def test_closed_sessions_admit_staff_only(db, world):
    async with db.pool.acquire() as conn:
        d = await hearings.schedule(conn, case_id=world["case"].id, kind="deliberation", mode="internet",
                                    title="合议", scheduled_at=dt.datetime.now(dt.timezone.utc), place=None,
                                    actor=audit.Actor.system(), created_by=None)
        with pytest.raises(ValueError):
            await hearings.add_participant(conn, d.id, role="plaintiff", name="李四", actor=audit.Actor.system())
        with pytest.raises(ValueError):
            await hearings.add_participant(conn, d.id, role="judge", name="外人", actor=audit.Actor.system())
        with pytest.raises(hearings.StateError):
            await hearings.set_broadcast_approval(conn, d.id, True, world["judge"]["id"], audit.Actor.system())


async def test_recording_segments(db, world):
    h, p = world["hearing"], world["pj"]
    async with db.pool.acquire() as conn:
        idx = await recordings.next_segment_index(conn, h.id, p.id, "audio")
        rid = await recordings.start_segment(conn, hearing_id=h.id, participant_id=p.id, kind="audio",
                                             segment_index=idx, path="x.webm", codec="opus", hearing_start_s=1.5,
                                             wall_start=dt.datetime.now(dt.timezone.utc))
        assert [r["id"] for r in await recordings.unfinished(conn)] == [rid]
        await recordings.finish_segment(conn, rid, duration_s=3.0, bytes_=100, sha256="ab", damaged_reason="truncated")
        rows = await recordings.for_hearing(conn, h.id)
        assert rows[0]["state"] == "damaged" and rows[0]["damaged_reason"] == "truncated"
        assert await recordings.next_segment_index(conn, h.id, p.id, "audio") == idx + 1
        assert any(e["action"] == "recording.damaged" for e in await audit.entries(conn, str(h.id)))
