"""Issue 13 findings 4, 5, 8, 9 and 12 against a real server: bounded bodies, CSRF, bad input
that used to be a 500, the live socket's rate limit on invalid messages, and the headers."""

import asyncio
import collections
import json
import uuid

import httpx
import pytest
import websockets
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from web.http import CONTENT_SECURITY_POLICY, RequestGuard

ATTACKS: list[str] = []


@pytest.fixture(scope="module")
async def world(court):
    await court.add_staff("rq_judge", "柏审判长", "judge")
    await court.add_staff("rq_clerk", "水书记员", "clerk")
    clerk, judge = await court.login("rq_clerk"), await court.login("rq_judge")
    staff = {s["username"]: s for s in (await clerk.get("/api/staff")).json()["staff"]}
    case = (await clerk.post("/api/cases", json={"case_number": "（2026）吉01民初1313号", "cause": "合同纠纷"})).json()["case"]
    hid = (await clerk.post(f"/api/cases/{case['id']}/hearings", json={})).json()["hearing"]["id"]
    for body in ({"role": "presiding_judge", "staff_id": staff["rq_judge"]["id"]},
                 {"role": "clerk", "staff_id": staff["rq_clerk"]["id"]}):
        assert (await clerk.post(f"/api/hearings/{hid}/participants", json=body)).status_code == 201
    party = (await clerk.post(f"/api/hearings/{hid}/participants", json={"role": "plaintiff", "name": "甲"})).json()
    yield {"clerk": clerk, "judge": judge, "staff": staff, "case": case, "hid": hid,
           "party": party["participant"], "clerk_secret": clerk.headers["authorization"].split(" ", 1)[1]}
    await clerk.aclose()
    await judge.aclose()


async def refusal_codes(court, path: str) -> "collections.Counter[str]":
    """How many refusals of each code the audit log holds for `path`, written at once or counted."""
    await court.ctx.services.audit.refusals.flush(everything=True)
    codes: collections.Counter[str] = collections.Counter()
    for r in await court.ctx.db.fetch("select detail from audit_events where action = 'access.denied'"):
        d = r["detail"]
        if d.get("path") == path:
            codes[d["code"]] += 1
        elif d.get("repeated") and path in d.get("paths", []):
            # A counted window: its codes are for all its paths; good enough when one path is probed at a time.
            codes.update(d["codes"])
    return codes


def rss_bytes() -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS")


async def raw_request(court, head: str, body_chunks=None) -> tuple[int, int]:
    """Send a request by hand; return (status, bytes of body the server let us send before answering)."""
    port = int(court.base_url.rsplit(":", 1)[1])
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(head.encode())
    await writer.drain()
    sent = 0
    status_line = asyncio.ensure_future(reader.readline())
    try:
        for chunk in body_chunks or ():
            if status_line.done():
                break
            writer.write(chunk)
            try:
                await asyncio.wait_for(writer.drain(), 5)
            except (ConnectionError, asyncio.TimeoutError):
                break
            sent += len(chunk)
        line = await asyncio.wait_for(status_line, 30)
        return int(line.split()[1]), sent
    finally:
        writer.close()


async def test_oversized_bodies_are_refused_before_they_are_read(court, world):
    """Finding 4: a 300 MB POST to /api/login (limit 4 KiB) grew the server by 500 MB."""
    before = rss_bytes()
    ATTACKS.append("300 MB body declared in Content-Length")
    status, _ = await raw_request(court, "POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                         "Content-Length: 300000000\r\n\r\n")
    assert status == 413
    ATTACKS.append("300 MB chunked body without Content-Length")
    chunk = b"%x\r\n%s\r\n" % (65536, b"a" * 65536)
    status, sent = await raw_request(court, "POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                            "Transfer-Encoding: chunked\r\n\r\n", (chunk for _ in range(300 * 16)))
    assert status == 413
    grew = rss_bytes() - before
    print(f"\n300 MB bodies: server let {sent / 1e6:.1f} MB through, process grew {grew / 1e6:.1f} MB")
    assert sent < 50e6 and grew < 50e6, (sent, grew)
    # Legitimate log-ins still work.
    async with court.client() as c:
        assert (await c.post("/api/login", json={"username": "rq_judge", "password": "correct-horse-1"})).status_code == 200


async def test_cross_site_requests_are_refused(court, world):
    """Finding 5: a page on another port of the same host created a party with the judge's cookie."""
    cid, secret = world["case"]["id"], world["clerk_secret"]
    path = f"/api/cases/{cid}/parties"
    cookie = {"cookie": f"courtroom_session={secret}"}
    body = json.dumps({"role": "plaintiff", "name": "伪造当事人"})
    evil = "http://127.0.0.1:1"
    attempts = [
        ("form-encoded body", {**cookie, "content-type": "application/x-www-form-urlencoded", "origin": evil},
         "role=plaintiff&name=x", 415, "json_only"),
        ("text/plain body", {**cookie, "content-type": "text/plain", "origin": evil}, body, 415, "json_only"),
        ("JSON from another port", {**cookie, "content-type": "application/json", "origin": evil}, body, 403,
         "cross_origin"),
        ("JSON, same-site fetch", {**cookie, "content-type": "application/json", "sec-fetch-site": "same-site"}, body,
         403, "cross_origin"),
        ("JSON with a null Origin", {**cookie, "content-type": "application/json", "origin": "null"}, body, 403,
         "cross_origin"),
        ("cookie without Origin or Sec-Fetch-Site", {**cookie, "content-type": "application/json"}, body, 403,
         "origin_required"),
    ]
    async with httpx.AsyncClient(base_url=court.base_url) as c:
        for what, headers, content, status, code in attempts:
            ATTACKS.append(f"CSRF: {what}")
            r = await c.post(path, headers=headers, content=content)
            assert (r.status_code, r.json()["error"]["code"]) == (status, code), (what, r.text)
        # Nothing was created, and each refusal is in the audit log.
        parties = (await world["clerk"].get(f"/api/cases/{cid}")).json()["parties"]
        assert not any(p["name"] == "伪造当事人" for p in parties)
        codes = await refusal_codes(court, path)
        assert codes["json_only"] >= 2 and codes["cross_origin"] >= 3 and codes["origin_required"] >= 1, codes
        # Our own page: same-origin JSON with the cookie works.
        r = await c.post(path, headers={**cookie, "content-type": "application/json", "origin": court.base_url,
                                        "sec-fetch-site": "same-origin"}, content=body)
        assert r.status_code == 201, r.text


async def test_bad_input_gets_400_or_404_never_500(court, world):
    """Finding 8: deep JSON, NUL or lone surrogates in names, unknown ids; a NUL path's refusal not logged."""
    clerk, hid, cid = world["clerk"], world["hid"], world["case"]["id"]
    nobody = str(uuid.uuid4())
    raw = {"content-type": "application/json"}
    cases = [
        ("deeply nested JSON", f"/api/cases/{cid}/parties", "[" * 50000 + "]" * 50000, 400, "too_deep"),
        ("NUL in a name", f"/api/cases/{cid}/parties", '{"role": "plaintiff", "name": "a\\u0000b"}', 400, "bad_text"),
        ("lone surrogate in a name", f"/api/hearings/{hid}/participants", '{"role": "witness", "name": "\\ud800"}',
         400, "bad_text"),
        ("NUL in a key", f"/api/cases/{cid}/parties", '{"ro\\u0000le": "plaintiff", "name": "x"}', 400, "bad_text"),
        ("unknown staff_id when seating", f"/api/hearings/{hid}/participants",
         json.dumps({"role": "judge", "staff_id": nobody}), 404, "not_found"),
        ("unknown party_id when seating", f"/api/hearings/{hid}/participants",
         json.dumps({"role": "plaintiff", "name": "x", "party_id": nobody}), 404, "not_found"),
        ("unknown represents", f"/api/cases/{cid}/parties",
         json.dumps({"role": "agent", "name": "代理人", "represents": nobody}), 404, "not_found"),
        ("unknown case member", f"/api/cases/{cid}/members", json.dumps({"staff_id": nobody, "duty": "x"}), 404,
         "not_found"),
        ("unknown participant for a token", f"/api/hearings/{hid}/participants/{nobody}/tokens", "{}", 404, "not_found"),
        ("unknown token to revoke", f"/api/hearings/{hid}/tokens/{nobody}/revoke", "{}", 404, "not_found"),
    ]
    for what, path, content, status, code in cases:
        ATTACKS.append(f"bad input: {what}")
        r = await clerk.post(path, content=content, headers=raw)
        assert (r.status_code, r.json()["error"]["code"]) == (status, code), (what, r.text)
    ATTACKS.append("bad input: NUL in the path, anonymous")
    async with court.client() as anon:
        r = await anon.get("/api/cases/%00")
        assert r.status_code == 401
    assert (await refusal_codes(court, "/api/cases/\ufffd"))["login_required"] == 1


async def test_the_live_socket_limits_invalid_messages_too(court, world):
    """Finding 9: 1500 bad-JSON messages got 1500 replies and no disconnect."""
    r = await world["clerk"].post(f"/api/hearings/{world['hid']}/participants/{world['party']['id']}/tokens", json={})
    token = r.json()["token"]
    ATTACKS.append("1500 invalid messages on the live socket")
    replies = 0
    async with websockets.connect(court.ws_url) as ws:
        await ws.send(json.dumps({"type": "join", "token": token}))
        assert json.loads(await ws.recv())["type"] == "welcome"
        with pytest.raises(websockets.ConnectionClosed) as closed:
            for _ in range(1500):
                await ws.send("{not json")
            while True:
                await asyncio.wait_for(ws.recv(), 10)
                replies += 1
    print(f"\n1500 bad frames: {replies} replies before the disconnect")
    assert closed.value.rcvd.code == 1008 and replies < 200
    # Deep or NUL-bearing messages are refused by the same rules as HTTP bodies.
    async with websockets.connect(court.ws_url) as ws:
        await ws.send(json.dumps({"type": "join", "token": token}))
        assert json.loads(await ws.recv())["type"] == "welcome"
        for payload, code in (("[" * 10000 + "]" * 10000, "too_deep"), ('{"type": "ping\\u0000"}', "bad_text")):
            ATTACKS.append(f"live socket: {code}")
            await ws.send(payload)
            while (m := json.loads(await asyncio.wait_for(ws.recv(), 10)))["type"] != "error":
                pass
            assert m["code"] == code


async def test_security_headers(court, world):
    """Finding 12: no Content-Security-Policy; no HSTS on https."""
    async with court.client() as c:
        for path in ("/", "/static/common.js", "/api/me"):
            r = await c.get(path)
            assert r.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
            assert "unsafe-inline" not in CONTENT_SECURITY_POLICY and "script-src 'self'" in CONTENT_SECURITY_POLICY
            assert "strict-transport-security" not in r.headers  # plain http: HSTS means nothing here
    app = RequestGuard(Starlette(routes=[Route("/", lambda request: PlainTextResponse("ok"))]))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="https://court.example") as c:
        r = await c.get("/")
        assert r.headers["strict-transport-security"].startswith("max-age=")


def test_attack_count():
    print(f"\nfindings 4/5/8/9/12: {len(ATTACKS)} attacks tried, all refused")
    assert len(ATTACKS) >= 20
