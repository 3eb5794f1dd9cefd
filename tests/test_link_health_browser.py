"""Link health on the judge's terminal (issue 14, finding 5): a party whose link dies is
shown at once - tile greyed, a message naming them and how long they have been gone - and
the audit log records it; when their media comes back, so does the tile.

Two ways the link dies:
  - a real network cut: the party (an aiortc client in its own process) sits in a network
    namespace behind courtroom.sim.linkemu's bridge, which drops every packet both ways for
    a while; nothing on either end is told, and the party recovers by itself when the
    packets flow again (needs root, iproute2 and ethtool; skipped otherwise);
  - the party's publishing peer connection is closed under it (its hearing socket stays
    up, as when only the media path breaks), then its media stops on a live connection."""

import asyncio
import os
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import pytest

from courtroom.sim.simclient import SimulatedParticipant, VideoSpec
from tests.fixtures.browser import CHROMIUM, chromium_args, login, require_chromium
from tests.fixtures.media import wait_until
from tests.fixtures.netns import HostSideLink, court_also_on, link_or_reason
from tests.fixtures.server import RunningCourt

pytestmark = pytest.mark.browser

SHOWN_WITHIN_S = 3.0
CUTS = 5  # network cuts in a row (the detection latency over several runs)
# One more cut while this process's event loop is blocked 1.3 s out of every 1.6 s (as in the
# full suite, where other tests' leftovers share the loop): before the fix it was never shown
# (30 s); now 2.9 s. Bounded at twice the target: on such a loop nothing moves faster.
HOGGED_WITHIN_S = 2 * SHOWN_WITHIN_S
# Deliberate durations: a cut is held this long after the terminal shows it, and the link
# stays up this long between cuts (the watch must see media flowing again, then stop).
CUT_HELD_S = 1.0
LINK_HELD_S = 1.0
SCREENS = Path(__file__).resolve().parent.parent / "docs" / "screens"
REPO = Path(__file__).resolve().parent.parent
# The server's side of the emulated link lives in this (the root) namespace; the party's in its own.
NEAR, FAR = "10.79.14.1", "10.79.14.2"


@pytest.fixture(scope="module")
def net():
    """The emulated link, or why there is none (the namespace test then skips)."""
    yield from link_or_reason("crlh", NEAR, FAR)


@pytest.fixture(scope="module")
async def court(db, net):
    """This module's server, also reachable from the party's namespace when there is one."""
    async for running in court_also_on(db, net):
        yield running


@pytest.fixture(scope="module")
async def staff(court):
    await court.add_staff("judge_k", "许审判长", "judge")
    await court.add_staff("clerk_k", "何书记员", "clerk")
    clerk = await court.login("clerk_k")
    by_name = {s["username"]: s for s in (await clerk.get("/api/staff")).json()["staff"]}
    yield {"clerk": clerk, "ids": by_name}
    await clerk.aclose()


async def _hearing(staff: dict, number: int, plaintiff: str) -> dict:
    clerk, ids = staff["clerk"], staff["ids"]
    case = (await clerk.post("/api/cases", json={"case_number": f"（2026）吉01民初{number}号", "cause": "合同纠纷"})).json()["case"]
    await clerk.post(f"/api/cases/{case['id']}/members", json={"staff_id": ids["judge_k"]["id"], "duty": "承办法官"})
    h = (await clerk.post(f"/api/cases/{case['id']}/hearings", json={"title": "开庭"})).json()["hearing"]
    await clerk.post(f"/api/hearings/{h['id']}/participants", json={"role": "presiding_judge", "staff_id": ids["judge_k"]["id"]})
    p = (await clerk.post(f"/api/hearings/{h['id']}/participants", json={"role": "plaintiff", "name": plaintiff})).json()["participant"]
    token = (await clerk.post(f"/api/hearings/{h['id']}/participants/{p['id']}/tokens", json={})).json()["token"]
    return {"id": h["id"], "plaintiff_id": p["id"], "token": token}


async def _terminal(browser, court: RunningCourt, hearing_id: str):
    judge = await (await browser.new_context(viewport={"width": 1366, "height": 900})).new_page()
    judge.on("dialog", lambda d: asyncio.ensure_future(d.accept()))
    await login(judge, court.base_url, "judge_k")
    await judge.wait_for_selector("#desk:not([hidden])")
    await judge.goto(f"{court.base_url}/terminal/{hearing_id}")
    await judge.wait_for_selector("#state .badge", timeout=30000)
    return judge


async def _link_actions(court: Any, hearing_id: str, participant_id: str) -> list[str]:
    return [r["action"] for r in await court.ctx.db.fetch(
        "select action from audit_events where hearing_id = $1::uuid and action like 'participant.link_%'"
        " and detail->>'participant_id' = $2 order by id", hearing_id, participant_id)]


async def _hog() -> None:
    while True:  # a busy shared event loop: blocked 1.3 s at a time, free 0.3 s
        time.sleep(1.3)
        await asyncio.sleep(0.3)


# --- a real network cut ------------------------------------------------------------------------

PARTY = """
import asyncio, sys
from courtroom.media import ice
from courtroom.sim.simclient import SimulatedParticipant, VideoSpec
from courtroom.sim.testsource import load_speech

url, token, address, speech = sys.argv[1:5]
ice.configure_host_addresses([address])

async def main():
    party = SimulatedParticipant(url, name="plaintiff", join_token=token, audio=load_speech(speech, 40.0),
                                 video=VideoSpec(320, 180, 15), receive="headers")
    await party.start()
    print("started", flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
    await party.stop()

asyncio.run(main())
"""


async def test_a_party_behind_a_cut_network_is_shown_on_the_terminal_and_comes_back(court, staff, net, speech_file):
    if not isinstance(net, HostSideLink):
        pytest.skip(net)
    require_chromium()
    from playwright.async_api import async_playwright

    h = await _hearing(staff, 996, "季原告")
    party = await asyncio.create_subprocess_exec(
        *net.link.netns_exec("far", [sys.executable, "-c", PARTY, court.far_ws_url, h["token"], FAR, str(speech_file)]),
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(REPO)})
    shown: list[float] = []
    back: list[float] = []
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=chromium_args())
        try:
            judge = await _terminal(browser, court, h["id"])
            assert party.stdout is not None
            line = await asyncio.wait_for(party.stdout.readline(), 90)
            assert line.strip() == b"started", line
            await judge.click("#state button:has-text('开庭')", timeout=30000)
            tile = f"#grid .tile[data-participant='{h['plaintiff_id']}']"
            await judge.wait_for_selector(tile, timeout=30000)
            room = court.ctx.rooms.get(uuid.UUID(h["id"]))
            server_pub = lambda: room.media.publication(h["plaintiff_id"], "audio")  # noqa: E731
            assert await wait_until(lambda: server_pub() is not None and server_pub().last_frame_at is not None, 30)
            assert await judge.query_selector("#link-alerts .link-alert") is None

            for n in range(CUTS + 1):
                hog = asyncio.ensure_future(_hog()) if n == CUTS else None
                # Every packet between the party and the court is dropped: nobody is told.
                net.link.outage(True)
                cut = time.monotonic()
                try:
                    await judge.wait_for_selector("#link-alerts .link-alert", timeout=30000)
                finally:
                    if hog is not None:
                        hog.cancel()
                shown.append(time.monotonic() - cut)
                alert = await judge.inner_text("#link-alerts")
                assert "原告 季原告" in alert and "连线中断" in alert, alert
                assert await judge.eval_on_selector(tile, "t => t.classList.contains('gone')")
                if n == 0:
                    # The tile counts the seconds gone: wait for it to say a few, for the screenshot.
                    await judge.wait_for_function(
                        """sel => { const m = (document.querySelector(sel)?.textContent || "").match(/(\\d+)\\s*秒/);
                                    return m && Number(m[1]) >= 2; }""", arg=f"{tile} .gone-note", timeout=15000)
                    SCREENS.mkdir(parents=True, exist_ok=True)
                    await judge.screenshot(path=str(SCREENS / "terminal-link-lost.png"), full_page=True)
                else:
                    await asyncio.sleep(CUT_HELD_S)  # the cut lasts a while after it is shown
                # The link returns: the party's media resumes by itself, and so does its tile.
                net.link.outage(False)
                restored = time.monotonic()
                await judge.wait_for_selector("#link-alerts .link-alert", state="detached", timeout=30000)
                back.append(time.monotonic() - restored)
                assert not await judge.eval_on_selector(tile, "t => t.classList.contains('gone')")
                await asyncio.sleep(LINK_HELD_S)  # media flows a while before the next cut
            print("\nnetwork cut shown on the judge's terminal after " + ", ".join(f"{s:.2f}" for s in shown[:CUTS])
                  + f" s ({shown[CUTS]:.2f} s on a hogged event loop); back after "
                  + ", ".join(f"{s:.2f}" for s in back) + " s")
            stats = net.link.stats()
            assert stats["up"]["dropped_outage"] > 0 and stats["down"]["dropped_outage"] > 0, stats
        finally:
            net.link.outage(False)
            if party.returncode is None:
                assert party.stdin is not None
                party.stdin.write(b"stop\n")
                try:
                    await asyncio.wait_for(party.wait(), 20)
                except asyncio.TimeoutError:
                    party.kill()
                    await party.wait()
            await browser.close()
    assert max(shown[:CUTS]) < SHOWN_WITHIN_S, shown
    assert shown[CUTS] < HOGGED_WITHIN_S, shown
    # Each cut once, each return once; and the party's leaving at the end is no lost link.
    actions = await _link_actions(court, h["id"], h["plaintiff_id"])
    assert actions == ["participant.link_lost", "participant.link_restored"] * (CUTS + 1), actions


# --- a closed peer connection, then media stopped on a live one ---------------------------------


async def test_a_dropped_party_is_shown_on_the_terminal_and_comes_back(court, staff, speech_48k):
    require_chromium()
    from playwright.async_api import async_playwright

    h = await _hearing(staff, 995, "孔原告")
    plaintiff = SimulatedParticipant(court.ws_url, name="plaintiff", join_token=h["token"], audio=speech_48k,
                                     video=VideoSpec(320, 180, 15), receive="headers", recover=False)
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=chromium_args())
        try:
            judge = await _terminal(browser, court, h["id"])
            await plaintiff.start()
            await judge.click("#state button:has-text('开庭')", timeout=30000)
            tile = f"#grid .tile[data-participant='{h['plaintiff_id']}']"
            await judge.wait_for_selector(tile, timeout=30000)
            server_pub = lambda: court.ctx.rooms.get(uuid.UUID(h["id"])).media.publication(h["plaintiff_id"], "audio")  # noqa: E731
            assert await wait_until(lambda: server_pub() is not None and server_pub().last_frame_at is not None, 20)
            assert await judge.query_selector("#link-alerts .link-alert") is None

            # The party's media connection dies under it.
            cut = time.monotonic()
            await plaintiff.publish_pc.close()
            await judge.wait_for_selector("#link-alerts .link-alert", timeout=10000)
            shown = time.monotonic() - cut
            alert = await judge.inner_text("#link-alerts")
            assert "原告 孔原告" in alert and "连线中断" in alert, alert
            assert await judge.eval_on_selector(tile, "t => t.classList.contains('gone')")
            print(f"\nclosed peer shown on the judge's terminal {shown:.2f} s after the close")
            assert shown < SHOWN_WITHIN_S, shown

            # It comes back: the party publishes again (what the page's reconnection does).
            await plaintiff.publish()
            await judge.wait_for_selector("#link-alerts .link-alert", state="detached", timeout=20000)
            assert not await judge.eval_on_selector(tile, "t => t.classList.contains('gone')")

            # Media stops while the connection stays up: shown too.
            cut = time.monotonic()
            plaintiff.audio_track.stop()
            plaintiff.video_track.stop()
            await judge.wait_for_selector("#link-alerts .link-alert", timeout=10000)
            stalled = time.monotonic() - cut
            print(f"media stall shown on the judge's terminal {stalled:.2f} s after the media stopped")
            assert stalled < SHOWN_WITHIN_S, stalled
        finally:
            await plaintiff.stop()
            await browser.close()

    actions = await _link_actions(court, h["id"], h["plaintiff_id"])
    assert actions[:3] == ["participant.link_lost", "participant.link_restored", "participant.link_lost"], actions
