"""A day in court through the pages only (issue 14), in headless Debian Chromium, one browser
context per person: the administrator creates the staff on the admin page; the clerk (whose
browser runs in UTC) sets up a case, its team, a party and her agent, schedules a hearing at
17:00 court time and seats people from the case's parties, and copies the join links; the
judge approves the broadcast and runs the terminal. A party's lobby holds nothing of the
courtroom; self-mute works; a removed agent and, at close, the party have their camera and
microphone released. No API call is made outside the pages' own. Every page is saved to
docs/screens/."""

import asyncio
from pathlib import Path

import pytest

from tests.fixtures.browser import CHROMIUM, chromium_args, login, require_chromium
from tests.fixtures.server import PASSWORD
from tests.fixtures.waiting import wait_for

pytestmark = pytest.mark.browser

SCREENS = Path(__file__).resolve().parent.parent / "docs" / "screens"
T = 30000  # ms: a 2-core machine shared by several test runs
# Observation window in the lobby: a roster or media event sent there would arrive within
# it; none may.
LOBBY_WINDOW_S = 1.0
PLAYING_JS = """() => { const vs = [...document.querySelectorAll('#grid .tile video')];
  return vs.length > 0 && vs.every(v => v.readyState >= 2 && v.currentTime > 0); }"""


async def shot(page, name: str) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(SCREENS / f"{name}.png"), full_page=True)


def tracks_ended_js() -> str:
    return "() => { const s = window.courtroomLive && window.courtroomLive.localStream;" \
           " return !!s && s.getTracks().length > 0 && s.getTracks().every((t) => t.readyState === 'ended'); }"


async def test_a_day_in_court_through_the_pages(court, speech_wav):
    require_chromium()
    from playwright.async_api import async_playwright

    await court.add_staff("admin_f", "郑管理员", "admin")
    base = court.base_url
    console: list[str] = []
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=chromium_args(speech_wav))
        try:
            async def person(name: str, **options):
                ctx = await browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN", **options)
                page = await ctx.new_page()
                page.on("console", lambda m: console.append(f"{name}: {m.text}"))
                page.on("dialog", lambda d: asyncio.ensure_future(d.accept("扰乱法庭秩序")))
                return page

            # --- the administrator creates the staff ------------------------------------------
            admin = await person("admin")
            await login(admin, base, "admin_f")
            await admin.wait_for_selector("#admin-desk:not([hidden])", timeout=T)
            await shot(admin, "desk-admin")
            await admin.click("#admin-link")
            await admin.wait_for_selector("#admin:not([hidden])", timeout=T)
            for username, name, position in (("judge_f", "冯法官", "judge"), ("clerk_f", "陈书记员", "clerk")):
                await admin.fill("#new-staff-form input[name=display_name]", name)
                await admin.fill("#new-staff-form input[name=username]", username)
                await admin.select_option("#new-staff-form select[name=position]", position)
                await admin.fill("#new-staff-form input[name=password]", PASSWORD)
                await admin.click("#new-staff-form button[type=submit]")
                await admin.wait_for_selector(f"tr[data-username={username}]", timeout=T)
            await admin.fill("#room-form input[name=name]", "第一数字法庭")
            await admin.click("#room-form button[type=submit]")
            await admin.wait_for_selector("#room-rows td:has-text('第一数字法庭')", timeout=T)
            await shot(admin, "admin")

            # --- the clerk (browser in UTC) sets up the case and the hearing ------------------
            clerk = await person("clerk", timezone_id="UTC")
            await login(clerk, base, "clerk_f")
            await clerk.wait_for_selector("#desk:not([hidden])", timeout=T)
            await clerk.click("#new-case-box summary")
            await clerk.fill("#new-case-form input[name=case_number]", "（2026）吉01民初777号")
            await clerk.fill("#new-case-form input[name=cause]", "民间借贷纠纷")
            await clerk.click("#new-case-form button[type=submit]")
            await clerk.wait_for_selector("#member-form", timeout=T)
            await clerk.select_option("#member-form select[name=staff_id]", label="冯法官（法官）")
            await clerk.click("#member-form button[type=submit]")
            await clerk.wait_for_selector("#members td:has-text('冯法官')", timeout=T)
            await clerk.select_option("#party-form select[name=role]", "plaintiff")
            await clerk.fill("#party-form input[name=name]", "赵六")
            await clerk.select_option("#party-form select[name=sex]", label="女")
            await clerk.fill("#party-form input[name=id_number]", "220102199001011234")
            await clerk.click("#party-form button[type=submit]")
            await clerk.wait_for_selector("#parties td:has-text('赵六')", timeout=T)
            # The register the live transcript is told: her sex (for 她), and the case's key words.
            assert "女" in await clerk.inner_text("#parties tr:has-text('赵六')")
            await clerk.fill("#key-terms-form textarea[name=key_terms]", "借条、微信转账记录，还款计划")
            await clerk.click("#key-terms-form button[type=submit]")
            await clerk.wait_for_selector("#key-terms .badge:has-text('还款计划')", timeout=T)
            assert await clerk.locator("#key-terms .badge").all_inner_texts() == ["借条", "微信转账记录", "还款计划"]
            await shot(clerk, "case-register")
            await clerk.select_option("#party-form select[name=role]", "agent")
            await clerk.select_option("#party-form select[name=represents]", label="原告 赵六")
            await clerk.fill("#party-form input[name=name]", "钱律师")
            await clerk.click("#party-form button[type=submit]")
            await clerk.wait_for_selector("#parties td:has-text('原告赵六的代理人')", timeout=T)
            await clerk.select_option("#hearing-form select[name=mode]", "internet")
            await clerk.fill("#hearing-form input[name=title]", "第一次开庭")
            await clerk.fill("#hearing-form input[name=scheduled_at]", "2026-12-10T17:00")
            await clerk.click("#hearing-form button[type=submit]")
            await clerk.click("button:has-text('参与人与链接')", timeout=T)
            await clerk.wait_for_selector("#seat-staff-form", timeout=T)
            # 17:00 court time, shown as 17:00 although this browser runs in UTC.
            assert "17:00" in await clerk.inner_text("#hearing-detail h3")
            await clerk.select_option("#seat-staff-form select[name=role]", "presiding_judge")
            await clerk.select_option("#seat-staff-form select[name=staff_id]", label="冯法官")
            await clerk.click("#seat-staff-form button[type=submit]")
            await clerk.wait_for_selector("#participants td:has-text('冯法官')", timeout=T)
            for party in ("原告 赵六", "诉讼代理人 钱律师（原告赵六的代理人）"):
                await clerk.select_option("#seat-party-form select[name=party_id]", label=party)
                await clerk.click("#seat-party-form button[type=submit]")
                await clerk.wait_for_selector(f"#participants td:has-text('{party.split(' ')[1][:3]}')", timeout=T)
            for name in ("赵六", "钱律师"):
                await clerk.click(f"#participants tr:has(td:text-is('{name}')) button:has-text('生成入庭链接')")
                await clerk.wait_for_selector(f"#links p:has-text('{name}') .copy-field input", timeout=T)
            links = {name: await clerk.input_value(f"#links p:has-text('{name}') .copy-field input") for name in ("赵六", "钱律师")}
            assert all("/join#" in url for url in links.values()), links
            await shot(clerk, "desk-clerk-case")

            # --- the judge approves the broadcast and opens the terminal -----------------------
            judge = await person("judge")
            await login(judge, base, "judge_f")
            await judge.wait_for_selector("#hearing-rows td:has-text('（2026）吉01民初777号')", timeout=T)
            await shot(judge, "desk-judge")
            await judge.click("#case-rows button:has-text('查看')")
            await judge.click("button:has-text('参与人与链接')", timeout=T)
            await judge.click("#broadcast-approval button:has-text('批准直播')", timeout=T)
            await judge.wait_for_selector("#broadcast-approval .badge:has-text('已批准')", timeout=T)
            hearing_id = (await judge.get_attribute("#hearing-detail a[href^='/terminal/']", "href")).split("/")[-1]

            public = await person("public")
            await public.goto(f"{base}/live/{hearing_id}")
            await public.wait_for_selector("#state:has-text('尚未开庭')", timeout=T)
            assert "第一次开庭" in await public.inner_text("#title")
            assert await public.is_hidden("#player")
            await shot(public, "live-before")

            await judge.click(f"a[href='/terminal/{hearing_id}']")
            await judge.wait_for_selector("#state .badge", timeout=T)

            # --- the parties: device check, then a lobby with nothing of the courtroom ---------
            plaintiff = await person("plaintiff")
            await plaintiff.goto(links["赵六"])
            await plaintiff.wait_for_selector("#enter:not([disabled])", timeout=T)
            assert await plaintiff.eval_on_selector("#camera", "s => s.options.length") >= 1
            assert await plaintiff.eval_on_selector("#microphone", "s => s.options.length") >= 1
            await shot(plaintiff, "join-check")
            await plaintiff.click("#enter")
            await plaintiff.wait_for_selector("#lobby:not([hidden])", timeout=T)
            agent = await person("agent")
            await agent.goto(links["钱律师"])
            await agent.click("#enter", timeout=T)
            await agent.wait_for_selector("#lobby:not([hidden])", timeout=T)
            await asyncio.sleep(LOBBY_WINDOW_S)  # observation window: nothing of the courtroom may reach the lobby
            for page in (plaintiff, agent):
                assert await page.query_selector("#roster") is None
                assert await page.query_selector("#grid") is None
                assert await page.query_selector(".tile") is None
                assert await page.eval_on_selector_all("video", "vs => vs.filter(v => v.id !== 'preview').length") == 0
            lobby = await plaintiff.inner_text("#lobby")
            assert "（2026）吉01民初777号" in lobby and "17:00" in lobby and "互联网庭审" in await plaintiff.inner_text("#title")
            await shot(plaintiff, "join-lobby")

            # --- admitted, opened; self-mute; the agent removed; then closed --------------------
            for name in ("赵六", "钱律师"):
                await judge.click(f"#roster li:has-text('{name}') button:has-text('准许进入')", timeout=T)
            await plaintiff.wait_for_selector("#room", timeout=T)
            await agent.wait_for_selector("#room", timeout=T)
            await judge.click("#state button:has-text('开庭')", timeout=T)
            await plaintiff.wait_for_selector("#state .badge.open", timeout=T)
            await judge.wait_for_selector("#grid .tile video", timeout=T)
            await plaintiff.click("#self-mute")
            assert not await plaintiff.evaluate("() => window.courtroomLive.localStream.getAudioTracks()[0].enabled")
            assert "取消静音" in await plaintiff.inner_text("#self-mute")
            await plaintiff.click("#self-mute")
            for page in (plaintiff, judge):  # the screenshots show moving pictures, not black tiles
                await wait_for(lambda page=page: page.evaluate(PLAYING_JS), T / 1000, "every camera tile playing")
            await shot(plaintiff, "join-room")
            await shot(judge, "terminal")

            await judge.click("#roster li:has-text('钱律师') button:has-text('移出')")
            await agent.wait_for_selector("#ended:has-text('您已被移出')", timeout=T)
            assert await agent.evaluate(tracks_ended_js())
            assert await agent.query_selector("#roster") is None
            await shot(agent, "join-removed")

            await judge.click("#state button:has-text('闭庭')")
            await plaintiff.wait_for_selector("#ended:has-text('庭审已结束')", timeout=T)
            assert await plaintiff.evaluate(tracks_ended_js())
            assert await plaintiff.query_selector("#grid") is None
            await shot(plaintiff, "join-ended")

            await public.reload()
            await public.wait_for_selector("#state:has-text('庭审已结束')", timeout=T)
            assert await public.is_hidden("#player")
            await shot(public, "live-after")
        except Exception:
            print("\n".join(console[-40:]))
            for r in await court.ctx.db.fetch("select at, actor, action, detail from audit_events"
                                              " where action like 'participant.%' order by id"):
                print(r["at"].time(), r["actor"], r["action"], r["detail"])
            raise
        finally:
            await browser.close()
