"""Issue 16, a LIVE hearing through the real server (aiortc participant, Opus over WebRTC,
the batching worker, Whisper base): a name seated during the hearing is used by the very
next segment of a speaker whose stream was already open.

The plaintiff says 原告代理人郑永明申请笔迹鉴定 (held-out case A, 'tune' half) before the
agent 郑永明 is known to the case: base writes it by ear (证有名, 证有民 measured). The clerk
then seats the agent through the API and the same speaker, on the same connection and
stream, says it again: the name is now in the hearing's hotwords and correction lexicon
(courtroom.hearing.transcription -> asr.context.HearingContext.add_names)."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

import numpy as np
import pytest

from courtroom.sim.simclient import SimulatedParticipant
from courtroom.sim.testsource import load_speech
from models import transcripts
from tests.fixtures.media import wait_until
from tests.fixtures.server import start_court, stop_court

RATE = 48000
FRAME = 960  # 20 ms at 48 kHz, as SpeechTrack sends them
SENTENCE = Path(__file__).resolve().parents[1] / "benchmarks" / "heldout" / "heldout_03.flac"
NAME = "郑永明"


@pytest.fixture(scope="module")
async def asr_court(db, whisper_model_dir):
    running, server, data_dir = await start_court(db, asr_enabled=True, whisper_model=whisper_model_dir)
    yield running
    await stop_court(running, server, data_dir)


async def final_segments(pool, hearing_id: uuid.UUID, count: int, timeout: float) -> list[dict]:
    """Wait for `count` stored (final) segments of the hearing, in hearing order."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        segments = await transcripts.list_for_hearing(pool, hearing_id)
        if len(segments) >= count or loop.time() > deadline:
            return segments
        await asyncio.sleep(0.2)


def say(participant: SimulatedParticipant, pcm: np.ndarray, lead_s: float = 0.5) -> None:
    """Put `pcm` into the participant's live microphone track, `lead_s` after what it is sending now."""
    track = participant.audio_track
    at = (track.frames_sent + int(lead_s * RATE / FRAME)) * FRAME
    track.samples[at: at + len(pcm)] = pcm


async def test_a_name_seated_mid_hearing_is_used_by_the_next_segment(asr_court):
    court = asr_court
    await court.add_staff("judge_n", "何审判长", "judge")
    await court.add_staff("clerk_n", "唐书记员", "clerk")
    clerk, judge_api = await court.login("clerk_n"), await court.login("judge_n")
    staff = {s["username"]: s for s in (await clerk.get("/api/staff")).json()["staff"]}
    case = (await clerk.post("/api/cases", json={"case_number": "（2025）沪0115民初8821号",
                                                 "cause": "民间借贷纠纷"})).json()["case"]
    for role, name in (("plaintiff", "周志强"), ("defendant", "孙丽华")):
        r = await clerk.post(f"/api/cases/{case['id']}/parties", json={"role": role, "name": name})
        assert r.status_code == 201, r.text
    hid = (await clerk.post(f"/api/cases/{case['id']}/hearings", json={"mode": "courtroom"})).json()["hearing"]["id"]
    seats = {}
    for body in ({"role": "presiding_judge", "staff_id": staff["judge_n"]["id"]},
                 {"role": "clerk", "staff_id": staff["clerk_n"]["id"]}, {"role": "plaintiff", "name": "周志强"}):
        r = await clerk.post(f"/api/hearings/{hid}/participants", json=body)
        assert r.status_code == 201, r.text
        seats[body["role"]] = r.json()["participant"]
    judge_token = (await judge_api.post(f"/api/hearings/{hid}/my-token")).json()["token"]
    plaintiff_token = (await clerk.post(f"/api/hearings/{hid}/participants/{seats['plaintiff']['id']}/tokens",
                                        json={})).json()["token"]

    judge = SimulatedParticipant(court.ws_url, name="judge", join_token=judge_token, audio=None, video=None,
                                 subscribe=False)
    await judge.start()
    await judge.send({"type": "control", "action": "open"})
    assert await wait_until(lambda: any(e.get("type") == "hearing" and e["hearing"]["state"] == "open"
                                        for e in judge.events), 20)
    # The plaintiff's microphone: silence, into which each sentence is put when it is due.
    sentence = load_speech(SENTENCE)
    plaintiff = SimulatedParticipant(court.ws_url, name="plaintiff", join_token=plaintiff_token,
                                     audio=np.zeros(240 * RATE, np.int16), video=None, subscribe=False)
    pool, hearing_id = court.ctx.db.pool, uuid.UUID(hid)
    try:
        await plaintiff.start()
        asr = court.ctx.services.transcription
        # The server feeds the plaintiff's audio to recognition (its stream opens on the first audio).
        assert await wait_until(lambda: asr.stats()["streams_open"] >= 1, 30), asr.stats()

        say(plaintiff, sentence)
        first = await final_segments(pool, hearing_id, 1, 90)
        assert len(first) == 1, (first, asr.stats())
        assert NAME not in first[0]["text"], first[0]  # not known yet: written by ear

        r = await clerk.post(f"/api/hearings/{hid}/participants", json={"role": "agent", "name": NAME})
        assert r.status_code == 201, r.text
        say(plaintiff, sentence)
        both = await final_segments(pool, hearing_id, 2, 90)
        assert len(both) == 2, (both, asr.stats())
        second = both[1]
        assert NAME in second["text"], (first[0]["text"], second["text"])
        # The same speaker on the same stream: only the case's names changed in between.
        assert second["participant_id"] == first[0]["participant_id"] == seats["plaintiff"]["id"]
        # Whatever the recogniser corrected or doubted is stored as places in the text.
        for seg in both:
            for c in seg["corrections"]:
                assert seg["text"][c["start"]:c["end"]] == c["corrected"], seg
            for d in seg["doubtful"]:
                assert seg["text"][d["start"]:d["end"]] == d["word"], seg

    finally:
        await judge.send({"type": "control", "action": "close"})
        await plaintiff.stop()
        await judge.stop()
        await clerk.aclose()
        await judge_api.aclose()


async def test_key_words_and_sexes_saved_during_a_hearing_reach_its_live_transcription(asr_court):
    court = asr_court
    await court.add_staff("judge_k", "黎审判长", "judge")
    await court.add_staff("clerk_k", "甘书记员", "clerk")
    clerk, judge_api = await court.login("clerk_k"), await court.login("judge_k")
    staff = {s["username"]: s for s in (await clerk.get("/api/staff")).json()["staff"]}
    case = (await clerk.post("/api/cases", json={"case_number": "（2025）皖1102民初9014号",
                                                 "cause": "买卖合同纠纷"})).json()["case"]
    hid = (await clerk.post(f"/api/cases/{case['id']}/hearings", json={"mode": "courtroom"})).json()["hearing"]["id"]
    r = await clerk.post(f"/api/hearings/{hid}/participants", json={"role": "presiding_judge", "staff_id": staff["judge_k"]["id"]})
    assert r.status_code == 201, r.text
    judge_token = (await judge_api.post(f"/api/hearings/{hid}/my-token")).json()["token"]
    judge = SimulatedParticipant(court.ws_url, name="judge", join_token=judge_token, audio=None, video=None, subscribe=False)
    await judge.start()
    try:
        await judge.send({"type": "control", "action": "open"})
        asr = court.ctx.services.transcription
        # Opened, the hearing has its live context (asr.context.HearingContext), which every speaker stream shares.
        assert await wait_until(lambda: uuid.UUID(hid) in asr._contexts, 20)
        context = asr._contexts[uuid.UUID(hid)][1]
        assert context.key_terms == [] and "鸭苗" not in (context.prompting().hotwords or "")

        r = await clerk.put(f"/api/cases/{case['id']}/key-terms", json={"key_terms": "鸭苗、孵化场"})
        assert r.status_code == 200, r.text
        r = await clerk.post(f"/api/cases/{case['id']}/parties", json={"role": "plaintiff", "name": "蔺海燕", "sex": "female"})
        assert r.status_code == 201, r.text
        # Saved, they are the hearing's at once: the next segment's hotwords and correction use them.
        assert context.key_terms == ["鸭苗", "孵化场"] and context.sexes == {"蔺海燕": "female"}
        assert context.prompting().hotwords.endswith("鸭苗、孵化场")
        assert context.corrector().correct("原告蔺海燕诉称，他买的压苗死了。") == "原告蔺海燕诉称，她买的鸭苗死了。"
    finally:
        await judge.send({"type": "control", "action": "close"})
        await judge.stop()
        await clerk.aclose()
        await judge_api.aclose()
