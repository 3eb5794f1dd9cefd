"""The pages under the real Content-Security-Policy (scripts and styles from this origin only):
every page loads, runs its scripts and reports no violation. Other browser tests bypass the
policy only because Playwright's wait_for_function evaluates its predicate with eval()."""

import asyncio

import pytest

from tests.fixtures.browser import CHROMIUM, chromium_args, require_chromium
from tests.fixtures.waiting import wait_for

# Collect every violation the page reports, from before its first script runs.
WATCH_CSP = """
window.__csp = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__csp.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""
# Observation window after a page has loaded: a violation from a late script or style
# (run from a timer or an event) is reported within it; none may be.
CSP_WINDOW_S = 0.5


@pytest.fixture(scope="module")
async def world(court):
    await court.add_staff("csp_judge", "韩审判长", "judge")
    await court.add_staff("csp_clerk", "杨书记员", "clerk")
    clerk = await court.login("csp_clerk")
    staff = {s["username"]: s for s in (await clerk.get("/api/staff")).json()["staff"]}
    case = (await clerk.post("/api/cases", json={"case_number": "（2026）吉01民初1314号", "cause": "合同纠纷"})).json()["case"]
    await clerk.post(f"/api/cases/{case['id']}/members", json={"staff_id": staff["csp_judge"]["id"], "duty": "承办法官"})
    hid = (await clerk.post(f"/api/cases/{case['id']}/hearings", json={})).json()["hearing"]["id"]
    for body in ({"role": "presiding_judge", "staff_id": staff["csp_judge"]["id"]},
                 {"role": "clerk", "staff_id": staff["csp_clerk"]["id"]}):
        assert (await clerk.post(f"/api/hearings/{hid}/participants", json=body)).status_code == 201
    judge = await court.login("csp_judge")
    did = (await judge.post(f"/api/cases/{case['id']}/hearings", json={"kind": "deliberation"})).json()["hearing"]["id"]
    assert (await judge.post(f"/api/hearings/{did}/participants",
                             json={"role": "presiding_judge", "staff_id": staff["csp_judge"]["id"]})).status_code == 201
    yield {"hid": hid, "did": did, "judge_session": judge.headers["authorization"].split(" ", 1)[1]}
    await clerk.aclose()
    await judge.aclose()


async def test_every_page_runs_under_the_policy(court, world):
    require_chromium()
    from playwright.async_api import async_playwright

    hid, did = world["hid"], world["did"]
    # Each page, and something its scripts put there (so they ran).
    pages = [("/", "#login-form, #desk, main"), (f"/terminal/{hid}", "#state .badge"),
             (f"/records/{hid}", "#record-state, main"), (f"/deliberations/{did}", "#state .badge, main"),
             (f"/live/{hid}", "video, main"), ("/join", "main"), ("/sign", "main"), ("/admin", "main")]
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, headless=True, args=chromium_args())
        try:
            context = await browser.new_context()  # no bypass_csp: the real policy
            await context.add_cookies([{"name": "courtroom_session", "value": world["judge_session"],
                                        "url": court.base_url}])
            await context.add_init_script(WATCH_CSP)
            for path, selector in pages:
                page = await context.new_page()
                errors: list[str] = []
                page.on("console", lambda m, errors=errors: errors.append(m.text) if m.type == "error" else None)
                await page.goto(court.base_url + path)
                await page.wait_for_selector(selector, state="attached", timeout=20000)
                await page.wait_for_load_state("load")  # every script, style and image fetched (or blocked)
                await asyncio.sleep(CSP_WINDOW_S)  # observation window: a late script's violation would show in it
                violations = await page.evaluate("window.__csp")
                assert violations == [], (path, violations)
                assert not [e for e in errors if "Content Security Policy" in e], (path, errors)
                await page.close()
            # The terminal's scripts ran far enough to join the live room with the session cookie.
            page = await context.new_page()
            await page.goto(f"{court.base_url}/terminal/{hid}")
            await page.wait_for_selector("#state .badge", timeout=20000)
            await wait_for(lambda: page.evaluate("!!(window.courtroomLive && window.courtroomLive.me)"), 20,
                           "the terminal joining the live room")
            assert await page.evaluate("window.courtroomLive.me.role") == "presiding_judge"
            assert await page.evaluate("window.__csp") == []
        finally:
            await browser.close()
