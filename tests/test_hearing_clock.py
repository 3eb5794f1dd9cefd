"""One hearing clock from the first frame (issue 14, finding 1): media that started before
开庭 is placed on the hearing clock from the moment of opening, at once, not slewed back.

The live test is the issue's measure: the presiding judge publishes speech for WAIT_S
before opening; the recording's start is compared with the truth, which is the wall time
the simulated microphone sent the recording's first sample (SpeechTrack.started_at plus the
offset found by cross-correlating the recording with the source) minus the stored opening
time. Before the fix the error was about WAIT_S (see the closing note of issue 14).

The same hearing runs live transcription (the session's Whisper model): every transcript
segment's start and end is compared with the truth, the sentences' times in the speech
fixture's manifest placed on the hearing clock the same way. A plaintiff who shows only
their camera joins before 开庭 too: the broadcast must show both pictures."""

import asyncio
import time
import uuid
from pathlib import Path

import numpy as np
import pytest

from courtroom.media.clock import HearingClock
from courtroom.media.forwarding import Publication
from courtroom.sim.simclient import SimulatedParticipant, VideoSpec
from models import hearings, recordings, transcripts
from tests.fixtures.media import decode_audio, envelope, envelope_correlation, wait_until
from tests.fixtures.server import start_court, stop_court, wait_recordings_closed
from tests.fixtures.waiting import wait_for

WAIT_S = 30.0
RECORD_S = 12.0
MAX_ERROR_S = 0.3
SPEECH_DB = -35.0  # louder than this (20 ms RMS, dBFS) is speech in the fixture, not its silence


def test_a_publication_moves_with_the_reanchored_clock():
    # The room's clock before opening: started 30 s ago, when the judge's terminal connected.
    clock = HearingClock(time.time() - 30.0)
    pub = Publication("judge", "audio", clock)
    source = pub.bind(None)
    frames = []
    pub.attach(type("Sink", (), {"respects_mute": False, "deliver": lambda self, f: frames.append(f)})())
    t0 = time.monotonic()
    pub._on_frame(source, 1000, b"\x00" * 40)
    clock.reanchor(time.time())  # 开庭
    # The next frame, exactly as late in RTP time as it is in real time: never "early".
    elapsed = time.monotonic() - t0
    pub._on_frame(source, 1000 + max(1, int(elapsed * 48000)), b"\x00" * 40)
    assert len(frames) == 2
    assert abs(frames[-1].hearing_time - clock.now()) < 0.05, (frames[-1].hearing_time, clock.now())


@pytest.fixture(scope="module")
async def court(db, whisper_model_dir):
    """This module's server transcribes live, with the session's one Whisper model."""
    running, server, data_dir = await start_court(db, asr_enabled=True, whisper_model=whisper_model_dir)
    yield running
    await stop_court(running, server, data_dir)


@pytest.fixture(scope="module")
async def clock_hearing(court):
    judge, clerk, staff = await court.judge_and_clerk("c", "秦审判长", "韩书记员")
    case = (await clerk.post("/api/cases", json={"case_number": "（2026）吉01民初990号", "cause": "合同纠纷"})).json()["case"]
    await clerk.post(f"/api/cases/{case['id']}/members", json={"staff_id": staff["judge_c"]["id"], "duty": "承办法官"})
    h = (await clerk.post(f"/api/cases/{case['id']}/hearings", json={"title": "开庭"})).json()["hearing"]
    await clerk.post(f"/api/hearings/{h['id']}/participants", json={"role": "presiding_judge", "staff_id": staff["judge_c"]["id"]})
    token = (await judge.post(f"/api/hearings/{h['id']}/my-token")).json()["token"]
    p = (await clerk.post(f"/api/hearings/{h['id']}/participants", json={"role": "plaintiff", "name": "白原告"})).json()["participant"]
    plaintiff_token = (await clerk.post(f"/api/hearings/{h['id']}/participants/{p['id']}/tokens", json={})).json()["token"]
    # Approved: the broadcast starts by itself at 开庭, with the media that joined before.
    r = await judge.post(f"/api/hearings/{h['id']}/broadcast-approval", json={"approved": True})
    assert r.status_code == 200, r.text
    yield {"id": h["id"], "token": token, "judge": judge, "plaintiff_token": plaintiff_token}
    await judge.aclose()
    await clerk.aclose()


async def test_media_before_opening_is_on_the_hearing_clock(court, clock_hearing, speech_48k, speech_file,
                                                            speech_manifest):
    h = clock_hearing
    judge = SimulatedParticipant(court.ws_url, name="judge", join_token=h["token"], audio=speech_48k,
                                 video=VideoSpec(320, 180, 15), receive="tap")
    # Camera only: the transcript is the judge's words alone, whose times the manifest gives.
    plaintiff = SimulatedParticipant(court.ws_url, name="plaintiff", join_token=h["plaintiff_token"], audio=None,
                                     video=VideoSpec(320, 180, 15), subscribe=False)
    await judge.start()
    await plaintiff.start()
    assert await wait_until(lambda: judge.audio_track is not None and judge.audio_track.started_at is not None, 20)
    first_track = judge.audio_track
    assert first_track is not None
    await asyncio.sleep(WAIT_S)  # the judge's terminal sits in the courtroom before 开庭: the scenario itself
    await judge.send({"type": "control", "action": "open"})
    assert await wait_until(lambda: any(e.get("type") == "hearing" and e["hearing"]["state"] == "open"
                                        for e in judge.events), 10)
    # The broadcast shows every participant's picture within 5 s of its start (before the
    # fix: no picture at all, the frames being stamped WAIT_S ahead of the programme).
    async def first_picture() -> dict:
        r = await h["judge"].get(f"/api/hearings/{h['id']}/broadcast")
        b = r.json().get("broadcast") or {}
        return (b.get("programme") or {}).get("first_picture_s") or {}
    async def both_shown() -> dict:
        shown = await first_picture()
        return shown if len(shown) >= 2 else {}
    shown = await wait_for(both_shown, 60, "the broadcast showing both participants' pictures", interval=0.1)
    print(f"\nbroadcast: each participant's picture first shown {shown} s after the programme's start")
    seats = {p["role"]: p["id"] for p in (await h["judge"].get(f"/api/hearings/{h['id']}")).json()["participants"]}
    assert set(shown) == {seats["presiding_judge"], seats["plaintiff"]}, (shown, seats)
    assert all(v <= 5.0 for v in shown.values()), shown
    await asyncio.sleep(RECORD_S)  # the hearing records RECORD_S of the judge's speech
    # A recess splits the recording: the record page's ▶ must play across the split.
    await judge.send({"type": "control", "action": "pause", "reason": "recess"})
    assert await wait_until(lambda: any(e.get("type") == "hearing" and e["hearing"]["state"] == "paused"
                                        for e in judge.events), 10)
    await asyncio.sleep(2)  # the recess: nothing recorded or transcribed in it
    await judge.send({"type": "control", "action": "resume"})
    await asyncio.sleep(RECORD_S / 2)  # and the second recorded stretch
    await judge.send({"type": "control", "action": "close"})
    assert await wait_until(lambda: any(e.get("type") == "bye" for e in judge.events), 15)
    # The track that spoke during the hearing (at the close the client may already be
    # making a new connection when the server's bye arrives; its new track never spoke).
    started_at = first_track.started_at
    await judge.stop()
    await plaintiff.stop()

    pool = court.ctx.db.pool
    hid = uuid.UUID(h["id"])
    await wait_recordings_closed(pool, hid)
    opened_at = (await hearings.get(pool, hid)).opened_at.timestamp()
    rows = sorted((r for r in await recordings.for_hearing(pool, hid) if r["kind"] == "audio"),
                  key=lambda r: r["segment_index"])
    assert len(rows) == 2, rows
    rec = rows[0]
    recorded = decode_audio(rec["path"])
    source = decode_audio(speech_file)
    # Where the recording starts in the source: a little after WAIT_S (the opening). Search
    # WAIT_S-4 .. WAIT_S+8 s only: over the whole file the best match can be a spurious one
    # on a second's overlap at the ends (the recording put 43 s before the source's start).
    lead = WAIT_S + 2.0
    corr, offset = envelope_correlation(recorded, source[int(lead * 16000):], max_lag_s=6.0)
    offset += lead
    assert corr > 0.9, corr
    truth = started_at + offset - opened_at
    error = rec["hearing_start_s"] - truth
    print(f"\nclock error: recording starts at {rec['hearing_start_s']:.3f} s, truth {truth:.3f} s, "
          f"error {error:+.3f} s (waited {WAIT_S:g} s before opening)")
    assert abs(error) < MAX_ERROR_S, (rec["hearing_start_s"], truth)
    # Every video segment starts at the opening too, not WAIT_S later.
    video = [r for r in await recordings.for_hearing(pool, hid) if r["kind"] == "video"]
    assert video and min(r["hearing_start_s"] for r in video) < 1.0, video
    h["audio"] = rows

    # Every transcript segment, against the sentences' true times: where each sentence's
    # speech starts and ends in the speech file (the manifest's span of the sentence, narrowed
    # to its loud part: each synthesized sentence opens with 0.04-0.36 s of silence), placed on
    # the hearing clock as the recording was (started_at is when the file's first sample was
    # sent), and cut to what was heard (the recordings' spans: nothing before 开庭 or during
    # the recess is transcribed).
    asr = court.ctx.services.transcription
    assert await wait_until(lambda: asr.stats().get("utterances_pending", 0) == 0, 120)
    segments = await transcripts.list_for_hearing(pool, hid)
    sentences = next(f for f in speech_manifest["files"] if f["file"] == speech_file.name)["segments"]
    spans = [(r["hearing_start_s"], r["hearing_start_s"] + r["duration_s"]) for r in rows]
    loud = envelope(source) > SPEECH_DB  # per 20 ms of the source
    heard = []  # (start, end, text) of each sentence part heard, in hearing time
    for sentence in sentences:
        first, last = int(sentence["start"] / 0.02), int(sentence["end"] / 0.02)
        windows = np.flatnonzero(loud[first:last])
        onset, offset = (first + windows[0]) * 0.02, (first + windows[-1] + 1) * 0.02
        start, end = started_at + onset - opened_at, started_at + offset - opened_at
        for lo, hi in spans:
            if min(end, hi) - max(start, lo) > 0.3:  # a sliver at a cut is not a sentence heard
                heard.append((max(start, lo), min(end, hi), sentence["text"]))
    assert len(segments) >= 3, segments
    errors = []
    for seg in segments:
        mine = [s for s in heard if min(s[1], seg["end"]) > max(s[0], seg["start"])]
        assert mine, (seg, heard)
        truth = (mine[0][0], mine[-1][1])
        errors.append((seg["start"] - truth[0], seg["end"] - truth[1]))
        print(f"segment {seg['start']:7.3f}-{seg['end']:7.3f} s, truth {truth[0]:7.3f}-{truth[1]:7.3f} s "
              f"({seg['start'] - truth[0]:+.3f}/{seg['end'] - truth[1]:+.3f}): {seg['text']}")
    worst = max(abs(e) for pair in errors for e in pair)
    print(f"segment times vs truth: worst {worst:.3f} s over {len(segments)} segments")
    assert worst <= MAX_ERROR_S, errors


@pytest.mark.browser
async def test_record_page_plays_the_segment_span_across_a_recess(court, clock_hearing):
    """▶ plays exactly [start, end] of a sentence: within one recording, and across the two
    recordings a recess split (skipping the recess), stopping at the end."""
    from playwright.async_api import async_playwright

    from tests.fixtures.browser import CHROMIUM, chromium_args, login, require_chromium

    require_chromium()
    h = clock_hearing
    first, second = h["audio"]
    judge = await court.login("judge_c")
    me = (await judge.get(f"/api/hearings/{h['id']}")).json()["my_seat"]["id"]
    inside = (first["hearing_start_s"] + 1.0, first["hearing_start_s"] + 3.0)
    across = (first["hearing_start_s"] + first["duration_s"] - 2.0, second["hearing_start_s"] + 2.0)
    ids = []
    for start, end in (inside, across):
        r = await judge.post(f"/api/hearings/{h['id']}/transcript/add",
                             json={"participant_id": me, "start": start, "end": end, "text": "测试句子"})
        assert r.status_code == 200, r.text
        ids.append(r.json()["segments"][0]["id"])
    await judge.aclose()

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=chromium_args())
        try:
            # Playwright's wait_for_function evaluates with eval(), which the pages' CSP forbids
            # (tests/test_security_pages.py checks the pages under the real policy).
            page = await browser.new_page(bypass_csp=True)
            await login(page, court.base_url, "judge_c")
            await page.wait_for_selector("#desk:not([hidden])")
            await page.goto(f"{court.base_url}/records/{h['id']}")
            for sid, (start, end), pieces in ((ids[0], inside, [first]), (ids[1], across, [first, second])):
                await page.wait_for_selector(f"[data-id='{sid}'] .t")
                # Watch what the player plays: (recording, media time) every animation frame.
                await page.evaluate("""() => { window.__played = []; const p = document.getElementById('player');
                    const tick = () => { if (!p.paused) window.__played.push([p.dataset.recording, p.currentTime]);
                                         window.__raf = requestAnimationFrame(tick); }; tick(); }""")
                await page.click(f"[data-id='{sid}'] .t")
                await page.wait_for_function("() => window.__played.length > 0", timeout=20000)
                await page.wait_for_function("() => window.recordPlayback.playing === null", timeout=30000)
                played = await page.evaluate("() => { cancelAnimationFrame(window.__raf); return window.__played; }")
                covered = recorded = 0.0
                for rec in pieces:
                    times = [t for rid, t in played if rid == str(rec["id"])]
                    assert times, (rec["id"], played[:5])
                    lo = max(start, rec["hearing_start_s"]) - rec["hearing_start_s"]
                    hi = min(end, rec["hearing_start_s"] + rec["duration_s"]) - rec["hearing_start_s"]
                    # Starts where the sentence starts in this recording; stops at its end.
                    assert abs(min(times) - lo) < 0.15 and hi - 0.15 < max(times) < hi + 0.1, (lo, hi, min(times), max(times))
                    covered += max(times) - min(times)
                    recorded += hi - lo
                print(f"\n▶ {start:.2f}-{end:.2f} s: played {covered:.2f} s of the {recorded:.2f} s recorded in it "
                      f"({end - start:.2f} s span, a recess unrecorded) over {len(pieces)} recording(s)")
                assert covered >= 0.9 * recorded
            screens = Path(__file__).resolve().parent.parent / "docs" / "screens"
            screens.mkdir(parents=True, exist_ok=True)
            await page.screenshot(path=str(screens / "record.png"), full_page=True)
        finally:
            await browser.close()
