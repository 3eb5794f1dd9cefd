"""Issue 13 findings 3 and 11 against a real server: log-in throttling per account and per
source, no timing oracle for user names, scrypt off the event loop, and the session life-cycle
(log-out with extra headers, log out everywhere, disabled accounts, password change, the first
administrator's generated password)."""

import asyncio
import statistics
import time

import pytest

from models.credentials import bearer_id
from tests.fixtures.server import PASSWORD
from tests.fixtures.waiting import wait_for

ATTACKS: list[str] = []


@pytest.fixture(autouse=True)
async def fresh_throttle(court):
    """Every test starts with no failures counted (they all come from 127.0.0.1)."""
    await court.ctx.db.execute("delete from login_throttle")
    yield


@pytest.fixture(scope="module")
async def accounts(court):
    for username, name, position in (("lg_judge", "秦法官", "judge"), ("lg_clerk", "尤书记员", "clerk"),
                                     ("lg_victim", "许法官", "judge"), ("lg_admin2", "何管理员", "admin")):
        await court.add_staff(username, name, position)
    return True


async def login(c, username: str, password: str = PASSWORD):
    # A script, not a browser: it sends no Origin, so it must not ride on a stored cookie (see test_security_requests).
    c.cookies.clear()
    return await c.post("/api/login", json={"username": username, "password": password})


async def session_alive(court, secret: str) -> bool:
    return bool(await court.ctx.db.fetchval(
        "select 1 from staff_sessions where id = $1 and revoked_at is null and expires_at > now()", bearer_id(secret)))


async def test_guessing_one_account_is_slowed_and_blocks_even_the_right_password(court, accounts):
    """Finding 3: 19 guesses/s, and the right password still worked after 100 failures."""
    async with court.client() as c:
        answers = []
        started = time.monotonic()
        for i in range(40):
            ATTACKS.append("password guess")
            answers.append(await login(c, "lg_victim", f"guess-{i}"))
        took = time.monotonic() - started
        checked = sum(r.status_code == 401 for r in answers)
        blocked = [r for r in answers if r.status_code == 429]
        # 5 free failures, then each wait doubles: in a few seconds only a handful more get checked.
        assert checked <= 5 + max(2, int(took).bit_length() + 1), (checked, took)
        assert blocked and all(int(r.headers["retry-after"]) >= 1 for r in blocked)
        assert blocked[-1].json()["error"]["code"] == "too_many_attempts"
        # While blocked, the right password is refused too...
        r = await login(c, "lg_victim")
        assert r.status_code == 429
        # ...and works once the wait is over: the limiter's own minimum delay, the thing under test.
        await asyncio.sleep(int(r.headers["retry-after"]) + 0.2)
        r = await login(c, "lg_victim")
        assert r.status_code == 200, r.text
    rows = await court.ctx.db.fetch("select detail from audit_events where action = 'staff.login_failed'"
                                    " and detail->>'username' = 'lg_victim'")
    assert any("blocked" in r["detail"] for r in rows)
    # Far fewer rows than attempts: blocked attempts cost no scrypt and write nothing.
    assert len(rows) < 20


async def test_one_source_guessing_many_accounts_is_slowed(court, accounts):
    async with court.client() as c:
        codes = []
        for i in range(26):
            ATTACKS.append("password spraying across names")
            codes.append((await login(c, f"nobody-{i}", "spray-password")).status_code)
        assert codes[:20] == [401] * 20 and 429 in codes[20:], codes
        # A new name from the same source waits too.
        r = await login(c, "lg_judge")
        assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1


async def test_unknown_and_known_names_take_the_same_time(court, accounts):
    """Finding 3: 47 ms for a real name, 88 ms for an unknown one."""
    known, unknown = [], []
    async with court.client() as c:
        for i in range(6):
            for bucket, name in ((known, "lg_judge"), (unknown, f"ghost-{i}")):
                ATTACKS.append("user-name timing probe")
                t0 = time.perf_counter()
                r = await login(c, name, "not-the-password")
                bucket.append(time.perf_counter() - t0)
                assert r.status_code == 401 and r.json()["error"]["code"] == "bad_credentials"
    k, u = statistics.median(known), statistics.median(unknown)
    print(f"\nlog-in failure median: known name {k * 1000:.0f} ms, unknown name {u * 1000:.0f} ms")
    assert max(k, u) / min(k, u) < 1.6, (known, unknown)


async def test_a_login_flood_does_not_stall_other_requests(court, accounts):
    """Finding 3: a 4-thread log-in flood raised static-file latency from 30 to 296 ms."""
    async with court.client() as c:
        async def static_latency(n: int) -> float:
            times = []
            for _ in range(n):
                t0 = time.perf_counter()
                assert (await c.get("/static/court.css")).status_code == 200
                times.append(time.perf_counter() - t0)
                await asyncio.sleep(0.02)  # samples spread over time, as a browser's requests are
            return statistics.median(times)

        idle = await static_latency(15)
        stop = asyncio.Event()
        logins = 0

        async def flood():
            nonlocal logins
            async with court.client() as f:
                while not stop.is_set():
                    assert (await login(f, "lg_clerk")).status_code == 200
                    logins += 1

        flooders = [asyncio.create_task(flood()) for _ in range(4)]
        await wait_for(lambda: logins >= 4, 30, "the log-in flood under way (4 log-ins)")
        flooding_from = logins
        busy = await static_latency(15)
        flooding_until = logins
        stop.set()
        await asyncio.gather(*flooders)
    print(f"\nstatic file median: idle {idle * 1000:.0f} ms, during a 4-client log-in flood {busy * 1000:.0f} ms"
          f" ({logins} log-ins)")
    assert logins >= 4
    assert flooding_until > flooding_from, "the flood went on during the measurement"
    assert busy < idle + 0.15, (idle, busy)


async def test_logout_with_an_extra_authorization_header_ends_the_session(court, accounts):
    """Finding 11: `Authorization: Signing x` made log-out clear the cookie but keep the session."""
    async with court.client() as c:
        secret = (await login(c, "lg_judge")).json()["token"]
    async with court.client() as browser:
        r = await browser.post("/api/logout", headers={"authorization": "Signing x", "origin": court.base_url,
                                                       "cookie": f"courtroom_session={secret}"})
        assert r.status_code == 200, r.text
    assert not await session_alive(court, secret)
    ATTACKS.append("reuse of a logged-out session")
    async with court.client(secret) as c:
        assert (await c.get("/api/me")).status_code == 401


async def test_log_out_everywhere_and_password_change(court, accounts):
    async with court.client() as c:
        one = (await login(c, "lg_clerk")).json()["token"]
        two = (await login(c, "lg_clerk")).json()["token"]
    async with court.client(one) as c:
        r = await c.post("/api/logout-everywhere")
        assert r.status_code == 200 and r.json()["sessions_ended"] >= 2
    assert not await session_alive(court, one) and not await session_alive(court, two)

    async with court.client() as c:
        a = (await login(c, "lg_judge")).json()["token"]
        b = (await login(c, "lg_judge")).json()["token"]
    async with court.client(a) as c:
        ATTACKS.append("password change with a wrong current password")
        r = await c.post("/api/password", json={"old_password": "wrong-one-1", "new_password": "new-secret-22"})
        assert r.status_code == 403
        r = await c.post("/api/password", json={"old_password": PASSWORD, "new_password": "short"})
        assert r.status_code == 400 and r.json()["error"]["code"] == "bad_field"
        r = await c.post("/api/password", json={"old_password": PASSWORD, "new_password": "new-secret-22"})
        assert r.status_code == 200, r.text
        assert (await c.get("/api/me")).status_code == 200  # this session stays
    assert not await session_alive(court, b)  # every other one ends
    async with court.client() as c:
        assert (await login(c, "lg_judge")).status_code == 401
        assert (await login(c, "lg_judge", "new-secret-22")).status_code == 200
    async with court.client(a) as c:  # put it back for the other tests
        assert (await c.post("/api/password", json={"old_password": "new-secret-22",
                                                    "new_password": PASSWORD})).status_code == 200


async def test_the_administrator_disables_an_account(court, accounts):
    admin = await court.login("lg_admin2")
    victim = await court.login("lg_victim")
    clerk = await court.login("lg_clerk")
    try:
        target = (await victim.get("/api/me")).json()["staff"]["id"]
        ATTACKS.append("a clerk disables a judge's account")
        r = await clerk.post(f"/api/admin/staff/{target}/disable", json={})
        assert r.status_code == 403
        r = await admin.post(f"/api/admin/staff/{target}/disable", json={})
        assert r.status_code == 200 and r.json()["staff"]["disabled"] is True
        ATTACKS.append("a disabled account's open session")
        assert (await victim.get("/api/me")).status_code == 401
        ATTACKS.append("a disabled account logs in")
        async with court.client() as c:
            assert (await login(c, "lg_victim")).status_code == 401
        r = await admin.post("/api/admin/staff/00000000-0000-0000-0000-000000000000/disable", json={})
        assert r.status_code == 404
        assert (await admin.post(f"/api/admin/staff/{target}/enable", json={})).status_code == 200
        async with court.client() as c:
            assert (await login(c, "lg_victim")).status_code == 200
        # A password the administrator sets is handed over: it must be replaced at first log-in.
        assert (await admin.post(f"/api/admin/staff/{target}/password", json={"password": "handed-over-1"})).status_code == 200
        async with court.client() as c:
            r = await login(c, "lg_victim", "handed-over-1")
            assert r.status_code == 200 and r.json()["staff"]["must_change_password"] is True
        async with court.client(r.json()["token"]) as c:
            ATTACKS.append("an account acts on a password the administrator handed over")
            assert (await c.get("/api/cases")).json()["error"]["code"] == "password_change_required"
            assert (await c.post("/api/password", json={"old_password": "handed-over-1",
                                                        "new_password": PASSWORD})).status_code == 200
            assert (await c.get("/api/cases")).status_code == 200
    finally:
        for c in (admin, victim, clerk):
            await c.aclose()


async def test_the_first_administrator_must_change_the_generated_password(court, accounts):
    from web.server import ensure_admin

    # The module's other administrator would make ensure_admin a no-op: take it out of the count.
    await court.ctx.db.execute("update staff set position = 'judge' where username = 'lg_admin2'")
    try:
        password = await ensure_admin(court.ctx)
    finally:
        await court.ctx.db.execute("update staff set position = 'admin' where username = 'lg_admin2'")
    assert password
    path = court.settings.data_dir / "initial-admin-password.txt"
    assert path.exists()
    async with court.client() as c:
        r = await login(c, "admin", password)
        assert r.status_code == 200 and r.json()["staff"]["must_change_password"] is True
        secret = r.json()["token"]
    async with court.client(secret) as c:
        ATTACKS.append("first administrator acts before changing the generated password")
        r = await c.post("/api/staff", json={"username": "x1", "display_name": "x", "position": "clerk",
                                             "password": "whatever-123"})
        assert r.status_code == 403 and r.json()["error"]["code"] == "password_change_required"
        assert (await c.get("/api/me")).json()["staff"]["must_change_password"] is True
        r = await c.post("/api/password", json={"old_password": password, "new_password": "a-better-admin-pass"})
        assert r.status_code == 200, r.text
        assert not path.exists()
        r = await c.post("/api/staff", json={"username": "lg_new", "display_name": "新书记员", "position": "clerk",
                                             "password": "whatever-123"})
        assert r.status_code == 201, r.text


async def test_a_live_seat_ends_with_its_session(court, accounts, monkeypatch):
    """Staff join the live room with their session; logging out everywhere (as a password change or
    a disabled account does) ends that connection too."""
    import json

    import websockets

    import web.live

    monkeypatch.setattr(web.live, "SESSION_RECHECK_S", 0.2)
    clerk = await court.login("lg_clerk")
    try:
        me = (await clerk.get("/api/me")).json()["staff"]
        case = (await clerk.post("/api/cases", json={"case_number": "（2026）吉01民初1312号", "cause": "x"})).json()["case"]
        hid = (await clerk.post(f"/api/cases/{case['id']}/hearings", json={})).json()["hearing"]["id"]
        assert (await clerk.post(f"/api/hearings/{hid}/participants",
                                 json={"role": "clerk", "staff_id": me["id"]})).status_code == 201
        secret = clerk.headers["authorization"].split(" ", 1)[1]
        async with websockets.connect(court.ws_url) as ws:
            await ws.send(json.dumps({"type": "join", "hearing_id": hid, "session": secret}))
            assert json.loads(await ws.recv())["type"] == "welcome"
            assert (await clerk.post("/api/logout-everywhere")).status_code == 200
            ATTACKS.append("a live connection outlives its log-in")
            # The page says nothing more: the server ends the seat on its own.
            with pytest.raises(websockets.ConnectionClosed) as closed:
                while True:
                    last = json.loads(await asyncio.wait_for(ws.recv(), 10))
            assert last.get("code") == "session_ended", last
            assert closed.value.rcvd.code == 4003 and closed.value.rcvd.reason == "session ended", closed.value
    finally:
        await clerk.aclose()


async def test_confirming_a_password_to_sign_is_throttled_too(court, accounts):
    from models import staff

    account = await staff.get_staff(court.ctx.db.pool, (await court.ctx.db.fetchval(
        "select id from staff where username = 'lg_judge'")))
    async with court.ctx.db.pool.acquire() as conn:
        results = []
        for i in range(8):
            ATTACKS.append("password guess through the signing confirmation")
            try:
                results.append(await staff.confirm_password(conn, account, f"guess-{i}", source="127.0.0.1"))
            except staff.LoginThrottled as exc:
                results.append(exc.retry_after)
        assert results[:5] == [False] * 5 and any(r is not False for r in results[5:]), results
        with pytest.raises(staff.LoginThrottled):
            await staff.confirm_password(conn, account, PASSWORD, source="127.0.0.1")


def test_attack_count():
    print(f"\nfindings 3/11: {len(ATTACKS)} attacks tried, all refused")
    assert len(ATTACKS) >= 60
