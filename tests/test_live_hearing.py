"""A hearing held through the real server: join tokens on the live socket, the lobby,
control by the presiding judge, media between aiortc participants, recording segments on
the hearing clock with pause and resume, and bad input that disturbs nobody else."""

import asyncio
import json
import uuid

import pytest
import websockets

from courtroom.media.probe import probe_recording
from courtroom.sim.simclient import SimulatedParticipant, VideoSpec
from models import audit, recordings
from tests.fixtures.media import decode_audio, envelope_correlation, wait_until
from tests.fixtures.server import wait_recordings_closed
from tests.fixtures.waiting import wait_for

# Recorded speech against its source (envelope correlation); the media tests measured
# 0.986 for this voice and 0.30-0.73 for other sentences of it.
MIN_SPEECH_CORRELATION = 0.9
SPEAK_S = 4  # each recorded stretch of the hearing (before and after the recess)


@pytest.fixture(scope="module")
async def hearing(court):
    """An internet hearing: presiding judge and clerk (staff), a remote plaintiff and defendant."""
    judge, clerk, staff = await court.judge_and_clerk("l", "周审判长", "吴书记员")
    case = (await clerk.post("/api/cases", json={"case_number": "（2026）吉01民初501号", "cause": "买卖合同纠纷"})).json()["case"]
    await clerk.post(f"/api/cases/{case['id']}/members", json={"staff_id": staff["judge_l"]["id"], "duty": "承办法官"})
    h = (await clerk.post(f"/api/cases/{case['id']}/hearings", json={"mode": "internet", "title": "开庭"})).json()["hearing"]
    ids = {}
    for body in ({"role": "presiding_judge", "staff_id": staff["judge_l"]["id"]},
                 {"role": "clerk", "staff_id": staff["clerk_l"]["id"]},
                 {"role": "plaintiff", "name": "李四", "remote": True},
                 {"role": "defendant", "name": "某某贸易有限公司", "remote": True}):
        p = (await clerk.post(f"/api/hearings/{h['id']}/participants", json=body)).json()["participant"]
        ids[p["role"]] = p["id"]
    tokens = {"presiding_judge": (await judge.post(f"/api/hearings/{h['id']}/my-token")).json()["token"],
              "clerk": (await clerk.post(f"/api/hearings/{h['id']}/my-token")).json()["token"]}
    for role in ("plaintiff", "defendant"):
        r = await clerk.post(f"/api/hearings/{h['id']}/participants/{ids[role]}/tokens", json={"lifetime_s": 3600})
        tokens[role] = r.json()["token"]
    yield {"id": h["id"], "ids": ids, "tokens": tokens, "judge": judge, "clerk": clerk}
    await judge.aclose()
    await clerk.aclose()


async def raw_socket(court, token: str | None):
    ws = await websockets.connect(court.ws_url, max_size=2**20)
    if token is not None:
        await ws.send(json.dumps({"type": "join", "token": token}))
    return ws


async def next_of(ws, kind: str, timeout: float = 10.0) -> dict:
    async def loop():
        while True:
            m = json.loads(await ws.recv())
            if m["type"] == kind:
                return m
    return await asyncio.wait_for(loop(), timeout)


async def test_lobby_media_recording_and_pause(court, hearing, speech_48k, speech_file):
    h, tokens = hearing, hearing["tokens"]
    judge = SimulatedParticipant(court.ws_url, name="judge", join_token=tokens["presiding_judge"],
                                 audio=speech_48k[: 30 * 48000], video=VideoSpec(320, 180, 15), receive="tap")
    await judge.start()
    # The remote plaintiff waits in the lobby until the presiding judge admits them.
    plaintiff = SimulatedParticipant(court.ws_url, name="plaintiff", join_token=tokens["plaintiff"],
                                     audio=speech_48k[5 * 48000: 35 * 48000], video=VideoSpec(320, 180, 15),
                                     receive="tap", admit_timeout=20)
    start = asyncio.create_task(plaintiff.start())
    assert await wait_until(lambda: any(e.get("type") == "lobby" for e in plaintiff.events), 10)
    assert not start.done()
    # Only the chair may open; the plaintiff's attempt is refused (and logged).
    await plaintiff.send({"type": "control", "action": "open"})
    await judge.send({"type": "control", "action": "admit", "participant_id": h["ids"]["plaintiff"]})
    await asyncio.wait_for(start, 20)
    assert any(e.get("code") == "forbidden" for e in plaintiff.errors)

    await judge.send({"type": "control", "action": "open"})
    assert await wait_until(lambda: any(e.get("type") == "hearing" and e["hearing"]["state"] == "open"
                                        for e in plaintiff.events), 10)
    # Each receives the other's media, forwarded.
    assert await wait_until(lambda: plaintiff.frames_received().get("video", 0) > 30
                            and judge.frames_received().get("video", 0) > 30, 20)
    await asyncio.sleep(SPEAK_S)  # the first recorded stretch
    await judge.send({"type": "control", "action": "pause", "reason": "coffee"})
    await wait_for(lambda: any(e.get("code") == "bad_state" for e in judge.errors), 10,
                   "a bad_state error for a pause without 'recess'")
    await judge.send({"type": "control", "action": "pause", "reason": "recess"})
    assert await wait_until(lambda: any(e.get("type") == "hearing" and e["hearing"]["state"] == "paused"
                                        for e in plaintiff.events), 10)
    await asyncio.sleep(2)  # the recess: a gap of at least 1.5 s between the segments, asserted below
    await judge.send({"type": "control", "action": "resume"})
    await asyncio.sleep(SPEAK_S)  # the second recorded stretch
    await judge.send({"type": "control", "action": "close"})
    assert await wait_until(lambda: any(e.get("type") == "bye" for e in plaintiff.events), 15)
    await judge.stop()
    await plaintiff.stop()

    pool = court.ctx.db.pool
    await wait_recordings_closed(pool, h["id"])
    rows = await recordings.for_hearing(pool, uuid.UUID(h["id"]))
    plaintiff_audio = sorted((r for r in rows if r["participant_name"] == "李四" and r["kind"] == "audio"),
                             key=lambda r: r["segment_index"])
    # Pause closed the first segment; resume opened a second one later on the hearing clock.
    assert len(plaintiff_audio) == 2 and all(r["state"] == "closed" for r in plaintiff_audio)
    first, second = plaintiff_audio
    assert second["hearing_start_s"] >= first["hearing_start_s"] + first["duration_s"] + 1.5
    for r in rows:
        probe = probe_recording(r["path"])
        assert probe.ok, (r["path"], probe.damaged_reason)
        assert abs(probe.duration_s - r["duration_s"]) < 0.5 and r["sha256"] and r["bytes"] > 0
    # The recorded audio is the plaintiff's speech.
    recorded = decode_audio(first["path"])
    source = decode_audio(speech_file)[5 * 16000: 35 * 16000]
    corr, _ = envelope_correlation(recorded, source)
    assert corr > MIN_SPEECH_CORRELATION

    trail = await audit.entries(pool, h["id"])
    actions = [e["action"] for e in trail]
    for expected in ("participant.waiting", "participant.admitted", "hearing.opened", "recording.started",
                     "hearing.paused", "hearing.resumed", "hearing.closed", "access.denied"):
        assert expected in actions, expected
    assert await audit.verify(pool, h["id"]) == []


async def test_bad_tokens_are_refused(court, hearing):
    from models.credentials import JoinClaims, read_join_token, sign_join_token

    async def refused(token) -> str:
        ws = await raw_socket(court, token)
        try:
            m = await next_of(ws, "error")
            with pytest.raises(websockets.ConnectionClosed):
                await asyncio.wait_for(ws.recv(), 5)
            return m["code"]
        finally:
            await ws.close()

    key = court.ctx.keys.join_token_key
    good = hearing["tokens"]["defendant"]
    claims = read_join_token(key, good)
    expired = sign_join_token(key, JoinClaims(claims.jti, claims.hearing_id, claims.participant_id, claims.role, 1))
    assert await refused(expired) == "token_expired"
    assert await refused(good[:-3] + "AAA") == "token_invalid"
    assert await refused("not-a-token") == "token_malformed"
    # A token for another court (another key) is as good as a forged one.
    foreign = sign_join_token(b"other-court-key-0123456789abcdef", claims)
    assert await refused(foreign) == "token_invalid"
    # Revoked by the clerk.
    r = await hearing["clerk"].post(f"/api/hearings/{hearing['id']}/tokens/{claims.jti}/revoke")
    assert r.status_code == 200
    assert await refused(good) == "token_revoked"
    # No join at all.
    ws = await raw_socket(court, None)
    await ws.send(json.dumps({"type": "publish", "sdp": "v=0"}))
    assert (await next_of(ws, "error"))["code"] == "join_required"
    await ws.close()
