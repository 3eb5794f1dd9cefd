"""Issue 16, a number cut by a pause (asr.worker holds a final ending in a bare number and
reads it again with the next utterance): on the judge's terminal in headless Chromium, the
two interim lines the halves showed become the one final line that replaces them, and the
record holds that one segment."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from asr.segment import Segment, Speaker
from courtroom.hearing.transcription import deliver_segment
from models import transcripts
from tests.fixtures.browser import CHROMIUM, login, require_chromium
from tests.fixtures.media import wait_until

pytestmark = pytest.mark.browser

SCREENSHOT = Path(__file__).resolve().parents[1] / "docs" / "screens" / "terminal-number-joined.png"


async def test_the_terminal_shows_one_line_for_a_number_read_whole(court):
    require_chromium()
    from playwright.async_api import async_playwright

    await court.add_staff("judge_j", "魏审判长", "judge")
    await court.add_staff("clerk_j", "葛书记员", "clerk")
    clerk, judge_api = await court.login("clerk_j"), await court.login("judge_j")
    staff = {s["username"]: s for s in (await clerk.get("/api/staff")).json()["staff"]}
    case = (await clerk.post("/api/cases", json={"case_number": "（2026）吉01民初2727号", "cause": "买卖合同纠纷"})).json()["case"]
    hid = (await clerk.post(f"/api/cases/{case['id']}/hearings", json={"title": "第一次开庭"})).json()["hearing"]["id"]
    await clerk.post(f"/api/hearings/{hid}/participants", json={"role": "presiding_judge", "staff_id": staff["judge_j"]["id"]})
    plaintiff = (await clerk.post(f"/api/hearings/{hid}/participants", json={"role": "plaintiff", "name": "周原"})).json()["participant"]
    assert (await judge_api.post(f"/api/hearings/{hid}/open", json={})).status_code == 200
    speaker = Speaker(plaintiff["id"], "plaintiff", plaintiff["name"])
    first, second = str(uuid.uuid4()), str(uuid.uuid4())

    def segment(sid: str, text: str, start: float, end: float, final: bool, replaces: list[str] | None = None) -> Segment:
        return Segment(segment_id=sid, stream_id="s", hearing_id=hid, speaker=speaker, start=start, end=end, text=text,
                       confidence=0.8, model="whisper:test", final=final, replaces=replaces or [])

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                           args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        # bypass_csp: Playwright polls a wait_for_function predicate with eval(), which the
        # terminal's CSP forbids; the first poll often passes without it, a later one fails.
        page = await (await browser.new_context(viewport={"width": 1366, "height": 900}, bypass_csp=True)).new_page()
        await login(page, court.base_url, "judge_j")
        await page.wait_for_selector("#desk:not([hidden])")
        await page.goto(f"{court.base_url}/terminal/{hid}")
        await page.wait_for_selector("#state .badge", timeout=30000)
        assert await wait_until(lambda: court.ctx.rooms.get(uuid.UUID(hid)) is not None, 10)  # the terminal is in the room
        lines = page.locator("#transcript .seg")

        # The first half, held (shown as interim), then the second half's interim line.
        await deliver_segment(court.ctx, segment(first, "原告的各项损失共计二十七", 1.0, 3.2, False))
        await deliver_segment(court.ctx, segment(second, "万五千元", 3.9, 4.8, False))
        await page.wait_for_function("() => document.querySelectorAll('#transcript .seg.interim').length === 2")
        # Read whole: one final under the first's id, replacing the second's line.
        whole = segment(first, "原告的各项损失共计275000元", 1.0, 4.8, True, [second])
        assert await deliver_segment(court.ctx, whole)
        await page.wait_for_function("() => document.querySelectorAll('#transcript .seg').length === 1"
                                     " && !document.querySelector('#transcript .seg.interim')")
        assert "原告的各项损失共计275000元" in await lines.first.inner_text()
        assert await lines.first.get_attribute("data-id") == first
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=str(SCREENSHOT))
        await browser.close()
    stored = await transcripts.list_for_hearing(court.ctx.db.pool, uuid.UUID(hid))
    assert [(s["id"], s["text"]) for s in stored] == [(first, "原告的各项损失共计275000元")]
    await clerk.aclose()
    await judge_api.aclose()
