"""The real pages in headless Debian Chromium: the presiding judge logs in at the desk and
opens the courtroom terminal; a remote party opens the join link, checks camera and
microphone, waits in the lobby, is admitted; both see each other; the judge opens and
closes the hearing with the terminal's buttons; the party's microphone (a speech file)
is what the server recorded."""

import asyncio
import os
import tempfile
import uuid
from pathlib import Path

import numpy as np
import pytest

from models import recordings
from tests.fixtures.browser import CHROMIUM, chromium_args, login, require_chromium
from tests.fixtures.media import decode_audio, envelope_correlation
from tests.fixtures.server import wait_recordings_closed

pytestmark = pytest.mark.browser

# Same measure and threshold as tests/test_media_browser.py (measured 0.975-0.986).
MIN_SPEECH_CORRELATION = 0.9


@pytest.fixture(scope="module")
async def internet_hearing(court):
    await court.add_staff("judge_p", "冯审判长", "judge")
    await court.add_staff("clerk_p", "陈书记员", "clerk")
    clerk = await court.login("clerk_p")
    staff = {s["username"]: s for s in (await clerk.get("/api/staff")).json()["staff"]}
    case = (await clerk.post("/api/cases", json={"case_number": "（2026）吉01民初321号", "cause": "劳动争议"})).json()["case"]
    await clerk.post(f"/api/cases/{case['id']}/members", json={"staff_id": staff["judge_p"]["id"], "duty": "承办法官"})
    h = (await clerk.post(f"/api/cases/{case['id']}/hearings", json={"mode": "internet", "title": "网上开庭"})).json()["hearing"]
    await clerk.post(f"/api/hearings/{h['id']}/participants", json={"role": "presiding_judge", "staff_id": staff["judge_p"]["id"]})
    p = (await clerk.post(f"/api/hearings/{h['id']}/participants",
                          json={"role": "plaintiff", "name": "赵六", "remote": True})).json()["participant"]
    link = (await clerk.post(f"/api/hearings/{h['id']}/participants/{p['id']}/tokens", json={})).json()["join_url"]
    await clerk.aclose()
    return {"id": h["id"], "plaintiff_id": p["id"], "join_url": link}


async def video_progress(page, selector: str) -> tuple[int, float]:
    return tuple(await page.eval_on_selector(selector, "v => [v.videoWidth, v.currentTime]"))


async def test_desk_terminal_and_join_page(court, internet_hearing, speech_wav, speech_file):
    require_chromium()
    from playwright.async_api import async_playwright

    h = internet_hearing
    profile = Path(tempfile.mkdtemp(prefix="courtroom-chromium-"))
    async with async_playwright() as p:
        browser = await p.chromium.launch_persistent_context(str(profile), executable_path=CHROMIUM, headless=True,
                                                             args=chromium_args(speech_wav))
        try:
            console: list[str] = []
            judge = browser.pages[0] if browser.pages else await browser.new_page()
            judge.on("console", lambda m: console.append(f"judge: {m.text}"))
            judge.on("dialog", lambda d: asyncio.ensure_future(d.accept()))
            await login(judge, court.base_url, "judge_p")
            await judge.click(f"a[href='/terminal/{h['id']}']")
            await judge.wait_for_selector("#state .badge", timeout=20000)
            # 设备与服务自检 before opening: the fake camera and microphone, the connection and
            # the server's readiness checks, each named.
            await judge.wait_for_selector("#selfcheck[data-result]", timeout=20000)
            checks = await judge.eval_on_selector_all("#selfcheck-list li", "ls => ls.map(l => [l.className, l.textContent])")
            labels = " ".join(text for _, text in checks)
            for label in ("摄像头", "麦克风", "与服务器的连接", "数据库", "磁盘空间", "媒体服务"):
                assert label in labels, checks
            assert await judge.get_attribute("#selfcheck", "data-result") == "passed", checks
            shots = Path(os.environ.get("COURTROOM_SCREENSHOTS", tempfile.gettempdir()))
            await judge.locator("#selfcheck").screenshot(path=str(shots / "terminal-selfcheck.png"))

            party = await browser.new_page()
            party.on("console", lambda m: console.append(f"party: {m.text}"))
            await party.goto(h["join_url"])
            await party.wait_for_selector("#enter:not([disabled])", timeout=20000)
            await party.click("#enter")
            await party.wait_for_selector("#lobby:not([hidden])", timeout=20000)

            # The judge admits the waiting party from the roster, then opens the hearing.
            await judge.click("#roster button:has-text('准许进入')", timeout=20000)
            await party.wait_for_selector("#room:not([hidden])", timeout=20000)
            await judge.click("#state button:has-text('开庭')", timeout=20000)
            await party.wait_for_selector("#state .badge.open", timeout=20000)

            # Each sees the other's camera, forwarded by the server.
            party_tile = f"#grid .tile[data-participant='{h['plaintiff_id']}'] video"
            await judge.wait_for_selector(party_tile, timeout=20000)
            judge_tile = "#grid .tile.presiding video"
            await party.wait_for_selector(judge_tile, timeout=20000)
            await asyncio.sleep(8)  # the party speaks 8 s into the record (its length is asserted below)
            for page, tile in ((judge, party_tile), (party, judge_tile)):
                width, t0 = await video_progress(page, tile)
                await asyncio.sleep(1.0)  # a 1 s window in which the video must play on
                _, t1 = await video_progress(page, tile)
                assert width > 0 and t1 > t0, (tile, width, t0, t1, console[-20:])

            await judge.click("#state button:has-text('闭庭')")
            await party.wait_for_selector("#ended .notice", timeout=20000)
        finally:
            await browser.close()

    pool = court.ctx.db.pool
    await wait_recordings_closed(pool, h["id"])
    rows = await recordings.for_hearing(pool, uuid.UUID(h["id"]))
    audio = [r for r in rows if r["participant_id"] == uuid.UUID(h["plaintiff_id"]) and r["kind"] == "audio"]
    assert len(audio) == 1 and audio[0]["duration_s"] > 8
    recorded = decode_audio(audio[0]["path"])
    # Chromium loops the fake microphone file: align against two periods of it.
    source = decode_audio(speech_wav)
    corr, _ = envelope_correlation(recorded, np.concatenate([source, source]), max_lag_s=60.0)
    assert corr > MIN_SPEECH_CORRELATION, corr

