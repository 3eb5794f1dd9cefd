"""A live hearing whose speech is transcribed by a separate `courtroom asr-worker` process:
the server (a media worker's role) cuts utterances with VAD, sends them through NATS
JetStream, and stores and pushes the segments that come back on the hearing's subject.
Real aiortc participants, real nats-server, real Whisper in its own process."""

import asyncio
import json
import uuid

import numpy as np
import pytest
import websockets

from asr.segment import Speaker
from asr.text import character_error_rate
from courtroom.hearing.queued_transcription import QueuedTranscription
from courtroom.sim.simclient import SimulatedParticipant, VideoSpec
from courtroom.sim.testsource import AUDIO_FRAME, load_speech
from models import transcripts
from tests.fixtures.media import wait_until
from tests.fixtures.nats import start_asr_worker
from tests.fixtures.server import start_court, stop_court
from tests.fixtures.waiting import wait_for

RATE = 48000
SCRIPT = [("judge", "zh_court_00.flac"), ("plaintiff", "zh_court_07.flac"), ("judge", "zh_court_02.flac")]
# The in-process path measured 0.076 on five sentences (tests/test_live_transcript.py); the
# queue carries the same utterances as 16-bit PCM, so the same bound holds.
MAX_LIVE_CER = 0.15


def tracks(speech_dir, lead_s=2.0, gap_s=1.5):
    t, placed = lead_s, []
    for who, name in SCRIPT:
        pcm = load_speech(speech_dir / name)
        placed.append((who, int(t * RATE), pcm))
        t += len(pcm) / RATE + gap_s
    out = {k: np.zeros(int((t + 1) * RATE), np.int16) for k in ("judge", "plaintiff")}
    for who, at, pcm in placed:
        out[who][at: at + len(pcm)] = pcm
    return out, t


@pytest.mark.slow
async def test_hearing_transcribed_through_jetstream_by_an_asr_worker_process(
        db, nats_server, whisper_model_dir, speech_dir, speech_manifest, tmp_path):
    worker = await start_asr_worker(nats_server.url, whisper_model_dir, tmp_path / "asr-worker.log")
    court, server, data_dir = await start_court(db, asr_enabled=True, nats_url=nats_server.url)
    try:
        asr = court.ctx.services.transcription
        assert isinstance(asr, QueuedTranscription)  # no Whisper in this process
        await court.add_staff("judge_q", "何审判长", "judge")
        await court.add_staff("clerk_q", "林书记员", "clerk")
        clerk = await court.login("clerk_q")
        judge_api = await court.login("judge_q")
        staff = {s["username"]: s for s in (await clerk.get("/api/staff")).json()["staff"]}
        case = (await clerk.post("/api/cases", json={"case_number": "（2026）吉01民初655号", "cause": "买卖合同纠纷"})).json()["case"]
        h = (await clerk.post(f"/api/cases/{case['id']}/hearings", json={"mode": "courtroom"})).json()["hearing"]
        ids = {}
        for body in ({"role": "presiding_judge", "staff_id": staff["judge_q"]["id"]},
                     {"role": "clerk", "staff_id": staff["clerk_q"]["id"]}, {"role": "plaintiff", "name": "李四"}):
            p = (await clerk.post(f"/api/hearings/{h['id']}/participants", json=body)).json()["participant"]
            ids[p["role"]] = p["id"]
        tok = {"judge": (await judge_api.post(f"/api/hearings/{h['id']}/my-token")).json()["token"],
               "clerk": (await clerk.post(f"/api/hearings/{h['id']}/my-token")).json()["token"],
               "plaintiff": (await clerk.post(f"/api/hearings/{h['id']}/participants/{ids['plaintiff']}/tokens",
                                              json={})).json()["token"]}
        pushed: list[dict] = []
        clerk_ws = await websockets.connect(court.ws_url, max_size=2**22)
        await clerk_ws.send(json.dumps({"type": "join", "token": tok["clerk"]}))

        async def listen():
            async for raw in clerk_ws:
                m = json.loads(raw)
                if m["type"] == "transcript":
                    pushed.append(m["segment"])

        listener = asyncio.create_task(listen())
        audio, length = tracks(speech_dir)
        judge = SimulatedParticipant(court.ws_url, name="judge", join_token=tok["judge"], audio=None, video=None,
                                     subscribe=False)
        await judge.start()
        await judge.send({"type": "control", "action": "open"})
        assert await wait_until(lambda: any(e.get("type") == "hearing" and e["hearing"]["state"] == "open"
                                            for e in judge.events), 10)
        await judge.stop()
        people = {who: SimulatedParticipant(court.ws_url, name=who, join_token=tok[who], audio=audio[who],
                                            video=VideoSpec(160, 120, 10), subscribe=False)
                  for who in ("judge", "plaintiff")}
        await asyncio.gather(*(p.start() for p in people.values()))

        def said(p: SimulatedParticipant) -> bool:
            return p.audio_track is not None and p.audio_track.frames_sent * AUDIO_FRAME >= len(audio[p.name])

        # The script is said in real time (about length s): both tracks have sent all of it, and
        # every scripted sentence is cut here and queued for the ASR worker.
        await wait_for(lambda: all(said(p) for p in people.values()) and asr.stats()["published"] >= len(SCRIPT),
                       length + 60, "both parties' scripts sent and every sentence queued for ASR",
                       interval=0.2, describe=lambda: (asr.stats(), {p.name: p.audio_track and p.audio_track.frames_sent
                                                                     for p in people.values()}))
        def settled() -> bool:
            # Every utterance answered, and every answer with text in the record (a result is
            # counted when it arrives, before its segment is stored).
            stats = asr.stats()
            return stats["utterances_pending"] == 0 and stats["results"] - stats["rejected"] == stats["stored"]

        # Every utterance cut while the hearing is open comes back (text or a reason) while it is
        # still open, so each stored segment is pushed live to the clerk's terminal. (One that
        # comes back after the hearing closed is stored but has no room to be pushed to.)
        assert await wait_until(settled, 300), asr.stats()
        live = {s["id"] for s in await transcripts.list_for_hearing(court.ctx.db.pool, uuid.UUID(h["id"]))}
        await wait_for(lambda: live <= {s["id"] for s in pushed}, 30, "every stored segment pushed to the clerk",
                       describe=lambda: (live - {s["id"] for s in pushed}, asr.stats()))
        await people["judge"].send({"type": "control", "action": "close"})
        assert await wait_until(lambda: any(e.get("type") == "bye" for e in people["judge"].events), 15)
        for p in people.values():
            await p.stop()
        # Anything cut at the close came back too, and was stored once.
        assert await wait_until(settled, 300), asr.stats()
        listener.cancel()
        await clerk_ws.close()
        await clerk.aclose()
        await judge_api.aclose()

        stats = asr.stats()
        segments = await transcripts.list_for_hearing(court.ctx.db.pool, uuid.UUID(h["id"]))
        assert stats["stored"] == len(segments) == stats["results"] - stats["rejected"]
        texts = {f["file"]: f["text"] for f in speech_manifest["files"]}
        role = {"judge": "presiding_judge", "plaintiff": "plaintiff"}
        cer_sum, ref_len, matched = 0.0, 0, []
        for who, name in SCRIPT:
            best = min(segments, key=lambda s: character_error_rate(s["text"], texts[name]))
            assert best["speaker_role"] == role[who], (texts[name], best)
            matched.append(best)
            cer_sum += character_error_rate(best["text"], texts[name]) * len(texts[name])
            ref_len += len(texts[name])
        assert [s["start"] for s in matched] == sorted(s["start"] for s in matched)
        assert cer_sum / ref_len <= MAX_LIVE_CER, [s["text"] for s in matched]
        assert all(0 <= s["start"] < s["end"] <= length + 3 for s in segments)
        assert {s["id"] for s in matched} <= live  # every scripted sentence was in the record while live
        # Each speaker's last two lines are what that speaker's next utterance would carry to an
        # ASR worker (whom a 他/她 opening it means), in the order they were said.
        judge_id = next(s["participant_id"] for s in matched if s["speaker_role"] == "presiding_judge")
        for pid, who in ((judge_id, "presiding_judge"), (ids["plaintiff"], "plaintiff")):
            lines = [s["text"] for s in segments if s["participant_id"] == pid]
            assert lines and asr.said_before(uuid.UUID(h["id"]), Speaker(pid, who, "")) == tuple(lines[-2:]), who
        assert len(asr.said_before(uuid.UUID(h["id"]), Speaker(judge_id, "presiding_judge", ""))) == 2
        assert stats["commit_delay_p95_s"] is not None
    finally:
        await stop_court(court, server, data_dir)
        await worker.stop()
        await worker.stats_connection.close()
