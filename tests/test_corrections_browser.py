"""The sign page in plain words, and a request for a correction (申请补正) that reaches the
clerk's record page and comes back answered (issue 14, finding 10), in headless Chromium."""

from pathlib import Path

import pytest

from tests.fixtures.browser import CHROMIUM, chromium_args, login, require_chromium

pytestmark = pytest.mark.browser
SCREENS = Path(__file__).resolve().parent.parent / "docs" / "screens"
T = 30000


@pytest.fixture(scope="module")
async def locked_record(court):
    await court.add_staff("judge_s", "林审判长", "judge")
    await court.add_staff("clerk_s", "杨书记员", "clerk")
    judge, clerk = await court.login("judge_s"), await court.login("clerk_s")
    staff = {s["username"]: s for s in (await clerk.get("/api/staff")).json()["staff"]}
    case = (await clerk.post("/api/cases", json={"case_number": "（2026）吉01民初996号", "cause": "借款合同纠纷"})).json()["case"]
    await clerk.post(f"/api/cases/{case['id']}/members", json={"staff_id": staff["judge_s"]["id"], "duty": "承办法官"})
    hid = (await clerk.post(f"/api/cases/{case['id']}/hearings", json={"title": "第一次开庭"})).json()["hearing"]["id"]
    seats = {}
    for body in ({"role": "presiding_judge", "staff_id": staff["judge_s"]["id"]},
                 {"role": "clerk", "staff_id": staff["clerk_s"]["id"]},
                 {"role": "plaintiff", "name": "吕原告", "remote": True}):
        p = (await clerk.post(f"/api/hearings/{hid}/participants", json=body)).json()["participant"]
        seats[p["role"]] = p
    assert (await judge.post(f"/api/hearings/{hid}/open", json={})).status_code == 200
    for start, who, text in ((1.0, "presiding_judge", "现在开庭。"), (4.0, "plaintiff", "被告借款五千元至今未还。")):
        r = await clerk.post(f"/api/hearings/{hid}/transcript/add",
                             json={"participant_id": seats[who]["id"], "start": start, "end": start + 2.5, "text": text})
        assert r.status_code == 200, r.text
    assert (await judge.post(f"/api/hearings/{hid}/close", json={})).status_code == 200
    r = await clerk.post(f"/api/hearings/{hid}/record/lock", json={})
    assert r.status_code == 200, r.text
    status = r.json()
    signer = next(s for s in status["signers"] if s["role"] == "plaintiff")
    r = await clerk.post(f"/api/records/{status['record']['id']}/invitations", json={
        "participant_id": signer["participant_id"], "identity_confirmed": True, "identity_method": "当庭核对居民身份证"})
    assert r.status_code == 201, r.text
    yield {"hid": hid, "sign_url": r.json()["sign_url"], "field": signer["field_name"]}
    await judge.aclose()
    await clerk.aclose()


async def test_sign_page_in_plain_words_and_a_correction_reaches_the_clerk(court, locked_record):
    require_chromium()
    from playwright.async_api import async_playwright

    rec = locked_record
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=chromium_args())
        try:
            party = await (await browser.new_context(viewport={"width": 1280, "height": 900})).new_page()
            await party.goto(rec["sign_url"])
            await party.wait_for_selector("#lines p:has-text('五千元')", timeout=T)
            # No field name or digest in sight: they sit under 详细信息.
            visible = await party.inner_text("main")
            assert rec["field"] not in visible and "SHA-256" not in visible, visible
            await party.fill("#correction-text", "00:00:04 我说的是“五万元”，不是“五千元”。")
            await party.click("#correction")
            await party.wait_for_selector("#corrections li:has-text('等待书记员答复')", timeout=T)
            SCREENS.mkdir(parents=True, exist_ok=True)
            await party.screenshot(path=str(SCREENS / "sign.png"), full_page=True)

            clerk = await (await browser.new_context(viewport={"width": 1366, "height": 900})).new_page()
            await login(clerk, court.base_url, "clerk_s")
            await clerk.wait_for_selector("#desk:not([hidden])", timeout=T)
            await clerk.goto(f"{court.base_url}/records/{rec['hid']}")
            item = "#corrections .correction:has-text('五万元')"
            await clerk.wait_for_selector(item, timeout=T)
            assert "吕原告" in await clerk.inner_text(item)
            await clerk.fill(f"{item} textarea", "经核对录音，已更正为五万元。")
            await clerk.click(f"{item} button:has-text('答复')")
            await clerk.wait_for_selector(f"{item} .notice:has-text('已答复')", timeout=T)
            await clerk.screenshot(path=str(SCREENS / "record-corrections.png"), full_page=True)

            await party.reload()
            await party.wait_for_selector("#corrections li:has-text('经核对录音，已更正为五万元')", timeout=T)
        finally:
            await browser.close()
    actions = [r["action"] for r in await court.ctx.db.fetch(
        "select action from audit_events where hearing_id = $1::uuid and action like 'record.correction_%' order by id",
        rec["hid"])]
    assert actions == ["record.correction_requested", "record.correction_answered"], actions
