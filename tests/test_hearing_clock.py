"""One hearing clock from the first frame (issue 14, finding 1): media that started before
开庭 is placed on the hearing clock from the moment of opening, at once, not slewed back.

The live test is the issue's measure: the presiding judge publishes speech for WAIT_S
before opening; the recording's start is compared with the truth, which is the wall time
the simulated microphone sent the recording's first sample (SpeechTrack.started_at plus the
offset found by cross-correlating the recording with the source) minus the stored opening
time. Before the fix the error was about WAIT_S (see the closing note of issue 14)."""

import asyncio
import time
import uuid
from pathlib import Path

import pytest

from courtroom.media.clock import HearingClock
from courtroom.media.forwarding import Publication
from courtroom.sim.simclient import SimulatedParticipant, VideoSpec
from models import hearings, recordings
from tests.fixtures.media import decode_audio, envelope_correlation, wait_until

WAIT_S = 30.0
RECORD_S = 12.0
MAX_ERROR_S = 0.3


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
async def clock_hearing(court):
    await court.add_staff("judge_c", "秦审判长", "judge")
    await court.add_staff("clerk_c", "韩书记员", "clerk")
    judge, clerk = await court.login("judge_c"), await court.login("clerk_c")
    staff = {s["username"]: s for s in (await clerk.get("/api/staff")).json()["staff"]}
    case = (await clerk.post("/api/cases", json={"case_number": "（2026）吉01民初990号", "cause": "合同纠纷"})).json()["case"]
    await clerk.post(f"/api/cases/{case['id']}/members", json={"staff_id": staff["judge_c"]["id"], "duty": "承办法官"})
    h = (await clerk.post(f"/api/cases/{case['id']}/hearings", json={"title": "开庭"})).json()["hearing"]
    await clerk.post(f"/api/hearings/{h['id']}/participants", json={"role": "presiding_judge", "staff_id": staff["judge_c"]["id"]})
    token = (await judge.post(f"/api/hearings/{h['id']}/my-token")).json()["token"]
    # Approved: the broadcast starts by itself at 开庭, with the media that joined before.
    r = await judge.post(f"/api/hearings/{h['id']}/broadcast-approval", json={"approved": True})
    assert r.status_code == 200, r.text
    yield {"id": h["id"], "token": token, "judge": judge}
    await judge.aclose()
    await clerk.aclose()


async def test_media_before_opening_is_on_the_hearing_clock(court, clock_hearing, speech_48k, speech_file):
    h = clock_hearing
    judge = SimulatedParticipant(court.ws_url, name="judge", join_token=h["token"], audio=speech_48k,
                                 video=VideoSpec(320, 180, 15), receive="tap")
    await judge.start()
    assert await wait_until(lambda: judge.audio_track is not None and judge.audio_track.started_at is not None, 20)
    await asyncio.sleep(WAIT_S)  # the judge's terminal sits in the courtroom before 开庭: the scenario itself
    await judge.send({"type": "control", "action": "open"})
    assert await wait_until(lambda: any(e.get("type") == "hearing" and e["hearing"]["state"] == "open"
                                        for e in judge.events), 10)
    # The broadcast shows the judge's picture within 5 s of its start (before the fix: no
    # picture at all, the frames being stamped WAIT_S ahead of the programme).
    async def first_picture() -> dict:
        r = await h["judge"].get(f"/api/hearings/{h['id']}/broadcast")
        b = r.json().get("broadcast") or {}
        return (b.get("programme") or {}).get("first_picture_s") or {}
    for _ in range(300):
        shown = await first_picture()
        if shown:
            break
        await asyncio.sleep(0.1)
    print(f"\nbroadcast: judge's picture first shown {shown} s after the programme's start")
    assert shown and all(v <= 5.0 for v in shown.values()), shown
    await asyncio.sleep(RECORD_S)
    # A recess splits the recording: the record page's ▶ must play across the split.
    await judge.send({"type": "control", "action": "pause", "reason": "recess"})
    assert await wait_until(lambda: any(e.get("type") == "hearing" and e["hearing"]["state"] == "paused"
                                        for e in judge.events), 10)
    await asyncio.sleep(2)
    await judge.send({"type": "control", "action": "resume"})
    await asyncio.sleep(RECORD_S / 2)
    await judge.send({"type": "control", "action": "close"})
    assert await wait_until(lambda: any(e.get("type") == "bye" for e in judge.events), 15)
    started_at = judge.audio_track.started_at
    await judge.stop()

    pool = court.ctx.db.pool
    hid = uuid.UUID(h["id"])
    for _ in range(100):
        if not await pool.fetchval("select count(*) from recordings where hearing_id = $1 and state = 'recording'", hid):
            break
        await asyncio.sleep(0.1)
    opened_at = (await hearings.get(pool, hid)).opened_at.timestamp()
    rows = sorted((r for r in await recordings.for_hearing(pool, hid) if r["kind"] == "audio"),
                  key=lambda r: r["segment_index"])
    assert len(rows) == 2, rows
    rec = rows[0]
    recorded = decode_audio(rec["path"])
    source = decode_audio(speech_file)
    corr, offset = envelope_correlation(recorded, source, max_lag_s=60.0)
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


@pytest.mark.browser
async def test_record_page_plays_the_segment_span_across_a_recess(court, clock_hearing):
    """▶ plays exactly [start, end] of a sentence: within one recording, and across the two
    recordings a recess split (skipping the recess), stopping at the end."""
    from playwright.async_api import async_playwright

    from tests.fixtures.browser import CHROMIUM, chromium_args, require_chromium
    from tests.fixtures.server import PASSWORD

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
            await page.goto(court.base_url + "/")
            await page.fill("input[name=username]", "judge_c")
            await page.fill("input[name=password]", PASSWORD)
            await page.click("#login-form button[type=submit]")
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
