"""Bad input on the live socket gets a clear error and disturbs nobody else: malformed SDP,
an oversized message, binary frames, unknown types, a flood, and a dropped connection."""

import asyncio
import json

import pytest
import websockets

from courtroom.sim.simclient import SimulatedParticipant, VideoSpec
from tests.fixtures.media import wait_until


@pytest.fixture(scope="module")
async def seated(court):
    await court.add_staff("judge_b1", "钱审判长", "judge")
    await court.add_staff("clerk_b1", "孙书记员", "clerk")
    clerk = await court.login("clerk_b1")
    judge = await court.login("judge_b1")
    staff = {s["username"]: s for s in (await clerk.get("/api/staff")).json()["staff"]}
    case = (await clerk.post("/api/cases", json={"case_number": "（2026）吉01民初777号", "cause": "民间借贷纠纷"})).json()["case"]
    h = (await clerk.post(f"/api/cases/{case['id']}/hearings", json={"mode": "courtroom"})).json()["hearing"]
    tokens = {}
    for body in ({"role": "presiding_judge", "staff_id": staff["judge_b1"]["id"]},
                 {"role": "clerk", "staff_id": staff["clerk_b1"]["id"]},
                 {"role": "plaintiff", "name": "王五"}):
        p = (await clerk.post(f"/api/hearings/{h['id']}/participants", json=body)).json()["participant"]
        if body.get("staff_id"):
            continue
        tokens[p["role"]] = (await clerk.post(f"/api/hearings/{h['id']}/participants/{p['id']}/tokens",
                                              json={})).json()["token"]
    tokens["presiding_judge"] = (await judge.post(f"/api/hearings/{h['id']}/my-token")).json()["token"]
    tokens["clerk"] = (await clerk.post(f"/api/hearings/{h['id']}/my-token")).json()["token"]
    yield tokens
    await clerk.aclose()
    await judge.aclose()


async def test_bad_input_disturbs_nobody(court, seated, speech_48k):
    judge = SimulatedParticipant(court.ws_url, name="judge", join_token=seated["presiding_judge"],
                                 audio=speech_48k[: 30 * 48000], video=VideoSpec(320, 180, 15), receive="tap")
    plaintiff = SimulatedParticipant(court.ws_url, name="plaintiff", join_token=seated["plaintiff"],
                                     audio=speech_48k[: 30 * 48000], video=VideoSpec(320, 180, 15), receive="tap")
    await judge.start()
    await plaintiff.start()
    assert await wait_until(lambda: plaintiff.frames_received().get("video", 0) > 10, 15)

    # The clerk's terminal misbehaves in every way we can think of.
    async with websockets.connect(court.ws_url, max_size=2**22) as bad:
        await bad.send(json.dumps({"type": "join", "token": seated["clerk"]}))

        async def error_for(payload) -> dict:
            await bad.send(payload)
            while True:
                m = json.loads(await asyncio.wait_for(bad.recv(), 10))
                if m["type"] == "error":
                    return m

        assert (await error_for(json.dumps({"type": "publish", "sdp": "v=0\r\nthis is not sdp\r\n"})))["code"] == "bad_sdp"
        truncated = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\n"
        assert (await error_for(json.dumps({"type": "publish", "sdp": truncated})))["code"] == "bad_sdp"
        assert (await error_for("x" * (100 * 1024)))["code"] == "too_large"
        assert (await error_for("{not json"))["code"] == "bad_json"
        assert (await error_for(b"\x00\x01binary"))["code"] == "bad_message"
        assert (await error_for(json.dumps({"type": "teleport"})))["code"] == "unknown_type"
        assert (await error_for(json.dumps({"type": "subscribe", "publisher": "nobody", "sdp": "v=0"})))["code"] in (
            "bad_sdp", "unknown_publisher")
        # A flood: told to slow down, then disconnected.
        codes = []
        with pytest.raises(websockets.ConnectionClosed) as closed:
            for _ in range(400):
                await bad.send(json.dumps({"type": "ping"}))
            while True:
                m = json.loads(await asyncio.wait_for(bad.recv(), 10))
                if m["type"] == "error":
                    codes.append(m["code"])
        assert "rate_limited" in codes and closed.value.rcvd.code == 1008

    # Meanwhile the others kept going.
    before = plaintiff.frames_received().get("video", 0)
    assert await wait_until(lambda: plaintiff.frames_received().get("video", 0) > before + 20, 10)
    # A connection that drops without a goodbye (network loss): the server notices, ends that
    # participant's publications for the others and shows them offline.
    judge_id = judge.participant_id
    judge._ws.transport.abort()
    assert await wait_until(lambda: any(e.get("type") == "publication-ended" and e.get("participant") == judge_id
                                        for e in plaintiff.events), 15)
    assert await wait_until(lambda: any(e.get("type") == "roster" and any(
        p["id"] == judge_id and not p["online"] for p in e["roster"]) for e in plaintiff.events), 15)
    await judge.stop()
    await plaintiff.stop()
