"""Who can reach a closed session: its members, and nobody else.

Five callers who must never get in try every way in: a party of the case (their join
token, their signing token), a member whose token (and log-in) expired, a judge who sits
on another case's panel, a public viewer with no credentials, and an unauthenticated
caller with a forged credential. Each tries to join the live socket, read the live
transcript, read the minutes, download a recording and export the secondary volume,
through the deliberation routes and the record routes alike. Every attempt is refused,
and every refusal is on the audit log (one `access.denied` row each). The same URLs
work for a member, so the refusals are about who asks, not about broken URLs."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import dataclasses
import datetime as dt
import hashlib
import io
import json
import uuid
import zipfile
from typing import Any, AsyncIterator

import pytest
import websockets

from courtroom.media.matroska import MatroskaWriter, TrackFormat
from courtroom.records import sealing
from models import audit, dossier, hearings, recordings, records, tokens, transcripts
from models.blobstore import FileBlobStore
from models.credentials import bearer_id
from signing.seal import RecordingEncryptor, recording_scope
from tests.fixtures.media import opus_tone
from tests.fixtures.server import PASSWORD

SECRET_WORDS = "证据不足以证明"  # said in the session: must never show in a refusal


@dataclasses.dataclass
class World:
    case_id: str
    main_id: str
    delib_id: str  # filed
    live_id: str  # a second session of the case, open, for the live socket
    other_delib_id: str
    record_id: str
    recording_id: str
    secondary_entry_id: str
    minutes_sha256: str
    party_join: str
    party_signing: str
    expired_join: dict[str, str]  # by session: the juror's expired join token
    expired_session: str
    other_session: str
    other_join: str
    member_session: str
    member_join_live: str
    chair_session: str


def opus_packets(seconds: float = 2.0) -> list[bytes]:
    return opus_tone(seconds, 220)


async def ok(response, status: int = 200) -> dict:
    assert response.status_code == status, response.text
    return response.json() if response.headers.get("content-type", "").startswith("application/json") else {}


@pytest.fixture(scope="module")
async def world(court) -> World:
    ctx = court.ctx
    pool = ctx.db.pool
    for username, name, position in (("pj_a", "李审判长", "judge"), ("j_a", "周审判员", "judge"),
                                     ("ju_a", "吴陪审员", "juror"), ("clerk_a", "郑书记员", "clerk"),
                                     ("other_a", "王法官", "judge")):
        await court.add_staff(username, name, position)
    pj, jd, ju, clerk, other = [await court.login(u) for u in ("pj_a", "j_a", "ju_a", "clerk_a", "other_a")]
    staff = {s["username"]: s for s in (await clerk.get("/api/staff")).json()["staff"]}
    case = (await ok(await clerk.post("/api/cases", json={"case_number": "（2026）吉01民初707号",
                                                          "cause": "借款合同纠纷"}), 201))["case"]
    await ok(await clerk.post(f"/api/cases/{case['id']}/members",
                              json={"staff_id": staff["pj_a"]["id"], "duty": "审判长"}), 201)

    # The public hearing, with a remote plaintiff: their join token and, once the record
    # is rendered, their signing token.
    main = (await ok(await clerk.post(f"/api/cases/{case['id']}/hearings",
                                      json={"mode": "internet", "title": "开庭"}), 201))["hearing"]
    seat = {}
    for body in ({"role": "presiding_judge", "staff_id": staff["pj_a"]["id"]},
                 {"role": "clerk", "staff_id": staff["clerk_a"]["id"]},
                 {"role": "plaintiff", "name": "刘原告", "remote": True}):
        p = (await ok(await clerk.post(f"/api/hearings/{main['id']}/participants", json=body), 201))["participant"]
        seat[p["role"]] = p
    party_join = (await ok(await clerk.post(
        f"/api/hearings/{main['id']}/participants/{seat['plaintiff']['id']}/tokens", json={"lifetime_s": 3600}),
        201))["token"]
    await ok(await pj.post(f"/api/hearings/{main['id']}/open", json={}))
    await ok(await pj.post(f"/api/hearings/{main['id']}/close", json={}))
    await ok(await clerk.post(f"/api/hearings/{main['id']}/record/lock", json={}))
    main_record = (await clerk.get(f"/api/hearings/{main['id']}/record")).json()["record"]
    party_signing = (await ok(await clerk.post(
        f"/api/records/{main_record['id']}/invitations",
        json={"participant_id": seat["plaintiff"]["id"], "identity_confirmed": True,
              "identity_method": "身份证核验"}), 201))["token"]

    async def session(title: str) -> tuple[str, dict]:
        h = (await ok(await clerk.post(f"/api/cases/{case['id']}/hearings",
                                       json={"kind": "deliberation", "mode": "internet", "title": title}), 201))["hearing"]
        seats = {}
        for role, username in (("presiding_judge", "pj_a"), ("judge", "j_a"), ("juror", "ju_a")):
            p = (await ok(await clerk.post(f"/api/hearings/{h['id']}/participants",
                                           json={"role": role, "staff_id": staff[username]["id"]}), 201))["participant"]
            seats[role] = p
        await ok(await pj.post(f"/api/hearings/{h['id']}/open", json={}))
        return h["id"], seats

    # The deliberation that will be filed: transcript, a sealed recording, a question, votes.
    delib_id, dseats = await session("合议庭评议")
    hid = uuid.UUID(delib_id)
    key = await sealing.key_for_hearing(ctx, hid)
    async with pool.acquire() as conn:
        for i, (role, text) in enumerate((("presiding_judge", "现有证据足以认定借款事实。"),
                                          ("juror", f"我认为{SECRET_WORDS}借款已经交付。"))):
            await transcripts.add_recognized(
                conn, segment_id=uuid.uuid4(), hearing_id=hid, participant_id=uuid.UUID(dseats[role]["id"]),
                speaker_role=role, speaker_name=dseats[role]["name"], start_s=2.0 * i, end_s=2.0 * i + 1.5, text=text,
                words=[], confidence=0.9, model="whisper:test", seal_key=key)
    directory = court.settings.recordings_dir / delib_id
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{dseats['juror']['id']}.audio.0000.webm.enc"
    writer = MatroskaWriter(path, TrackFormat.opus(1), encryptor=RecordingEncryptor(key, recording_scope(hid)))
    for i, packet in enumerate(opus_packets()):
        writer.write(i * 20, packet, True)
    writer.close()
    async with pool.acquire() as conn:
        rec_id = await recordings.start_segment(
            conn, hearing_id=hid, participant_id=uuid.UUID(dseats["juror"]["id"]), kind="audio", segment_index=0,
            path=str(path), codec="opus", hearing_start_s=0.0, wall_start=dt.datetime.now(dt.timezone.utc))
        data = path.read_bytes()
        await recordings.finish_segment(conn, rec_id, duration_s=2.0, bytes_=len(data),
                                        sha256=hashlib.sha256(data).hexdigest())
    qid = (await ok(await pj.post(f"/api/deliberations/{delib_id}/questions",
                                  json={"text": "借款是否已实际交付？"}), 201))["question"]["id"]
    for client, choice in ((pj, "agree"), (jd, "agree"), (ju, "disagree")):
        await ok(await client.post(f"/api/deliberations/{delib_id}/questions/{qid}/vote", json={"choice": choice}))
    await ok(await ju.post(f"/api/deliberations/{delib_id}/opinions",
                           json={"text": f"{SECRET_WORDS}借款已经交付。", "question_id": qid}), 201)
    for text in ("总体意见：原告的请求部分成立。", "总体意见：原告的请求部分成立，利息过高部分不予支持。"):
        saved = (await ok(await jd.post(f"/api/deliberations/{delib_id}/opinions", json={"text": text}), 201))["opinion"]
    assert saved["version"] == 2 and saved["question_id"] is None  # restated: a new version, the first kept
    await ok(await pj.post(f"/api/deliberations/{delib_id}/questions/{qid}/close", json={}))
    await ok(await pj.post(f"/api/hearings/{delib_id}/close", json={}))
    await ok(await pj.post(f"/api/deliberations/{delib_id}/minutes/lock", json={}))
    for client in (ju, jd, pj):
        state = await ok(await client.post(f"/api/deliberations/{delib_id}/minutes/sign", json={"password": PASSWORD}))
    assert state["record"]["state"] == "filed"
    record = await records.active_for_hearing(pool, hid)
    entry = next(e for e in await dossier.entries(pool, uuid.UUID(case["id"]), volume="secondary")
                 if e["kind"] == "record_pdf" and e["hearing_id"] == delib_id)

    # A second session of the case, open: the live socket to attack.
    live_id, lseats = await session("第二次合议")
    member_join_live = (await ok(await ju.post(f"/api/hearings/{live_id}/my-token"), 201))["token"]
    expired = {}
    for sid, seats_of in ((delib_id, dseats), (live_id, lseats)):
        async with pool.acquire() as conn:
            p = await hearings.get_participant(conn, uuid.UUID(seats_of["juror"]["id"]))
            expired[sid], _ = await tokens.issue(conn, ctx.keys.join_token_key, p, lifetime_s=-60,
                                                 actor=audit.Actor.system(), issued_by=None)
    # The juror's log-in, expired (as if 12 hours had passed).
    expired_session = (await ok(await court.client().post("/api/login",
                                                          json={"username": "ju_a", "password": PASSWORD})))["token"]
    await pool.execute("update staff_sessions set expires_at = now() - interval '1 minute' where id = $1",
                       bearer_id(expired_session))

    # Another case, another panel: its presiding judge is a stranger here.
    other_case = (await ok(await other.post("/api/cases", json={"case_number": "（2026）吉01民初708号",
                                                                "cause": "租赁合同纠纷"}), 201))["case"]
    other_delib = (await ok(await other.post(f"/api/cases/{other_case['id']}/hearings",
                                             json={"kind": "deliberation", "title": "合议"}), 201))["hearing"]
    await ok(await other.post(f"/api/hearings/{other_delib['id']}/participants",
                              json={"role": "presiding_judge", "staff_id": staff["other_a"]["id"]}), 201)
    await ok(await other.post(f"/api/hearings/{other_delib['id']}/open", json={}))
    other_join = (await ok(await other.post(f"/api/hearings/{other_delib['id']}/my-token"), 201))["token"]

    world = World(case_id=case["id"], main_id=main["id"], delib_id=delib_id, live_id=live_id,
                  other_delib_id=other_delib["id"], record_id=str(record.id), recording_id=str(rec_id),
                  secondary_entry_id=entry["id"], minutes_sha256=record.current_sha256, party_join=party_join,
                  party_signing=party_signing, expired_join=expired, expired_session=expired_session,
                  other_session=other.headers["authorization"][7:], other_join=other_join,
                  member_session=ju.headers["authorization"][7:], member_join_live=member_join_live,
                  chair_session=pj.headers["authorization"][7:])
    yield world
    for c in (pj, jd, ju, clerk, other):
        await c.aclose()


# --- the attempts -----------------------------------------------------------------------------

ACTORS = ("party", "expired_member", "other_panel_member", "public_viewer", "unauthenticated")


def http_credentials(w: World, actor: str, family: str) -> dict[str, str]:
    """What each caller presents: `family` "deliberation" (accepts staff log-ins and the
    session's join tokens) or "record" (staff log-ins and parties' signing tokens)."""
    if actor == "party":
        return {"authorization": f"Join {w.party_join}" if family == "deliberation" else f"Signing {w.party_signing}"}
    if actor == "expired_member":
        if family == "deliberation":
            return {"authorization": f"Join {w.expired_join[w.delib_id]}"}
        return {"authorization": f"Bearer {w.expired_session}"}
    if actor == "other_panel_member":
        return {"authorization": f"Bearer {w.other_session}"}
    if actor == "unauthenticated":
        return {"authorization": "Bearer " + base64.urlsafe_b64encode(b"forged-session-0123456789abcdef").decode()}
    return {}


def http_attempts(w: World) -> list[tuple[str, str, str, str]]:
    """(action, family, method, url)."""
    d = f"/api/deliberations/{w.delib_id}"
    return [
        ("join", "deliberation", "POST", f"/api/hearings/{w.live_id}/my-token"),
        ("transcript", "deliberation", "GET", f"{d}/transcript"),
        ("transcript", "record", "GET", f"/api/hearings/{w.delib_id}/transcript"),
        ("minutes", "deliberation", "GET", f"{d}/minutes"),
        ("minutes", "deliberation", "GET", f"{d}/minutes.pdf"),
        ("minutes", "record", "GET", f"/api/records/{w.record_id}/pdf"),
        ("recording", "record", "GET", f"/api/recordings/{w.recording_id}/media"),
        ("export", "deliberation", "GET", f"/api/cases/{w.case_id}/secondary-volume.zip"),
        ("export", "record", "GET", f"/api/records/{w.record_id}/package.zip"),
        ("export", "record", "GET", f"/api/dossier/entries/{w.secondary_entry_id}/content"),
        ("export", "record", "GET", f"/api/cases/{w.case_id}/dossier"),
    ]


async def denied_count(court) -> int:
    """Refusals recorded (counted per source and minute: the minute's count written now)."""
    await court.ctx.services.audit.refusals.flush(everything=True)
    return await audit.refusal_count(court.ctx.db.pool)


async def last_denied(court) -> dict:
    row = await court.ctx.db.pool.fetchrow(
        "select * from audit_events where action = 'access.denied' order by id desc limit 1")
    return dict(row)


def tampered(token: str, hearing_id: str) -> str:
    """The token with its hearing rewritten (the signature kept): what a party would try."""
    body, mac = token.split(".")
    payload = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    payload["hid"] = hearing_id
    raw = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode() + "." + mac


def forged(hearing_id: str) -> str:
    """A well-formed token for the session, signed with a key that is not the court's."""
    raw = json.dumps({"exp": 4102444800, "hid": hearing_id, "jti": str(uuid.uuid4()), "pid": str(uuid.uuid4()),
                      "role": "presiding_judge"}, separators=(",", ":"), sort_keys=True).encode()
    b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()  # noqa: E731
    return b64(raw) + "." + b64(hashlib.sha256(b"guessed key" + raw).digest())


async def socket_attempt(court, message: dict | None) -> tuple[str, int | None]:
    """Send a join (or anything) on the live socket; (error code, close code)."""
    async with websockets.connect(court.ws_url, max_size=2**20) as ws:
        await ws.send(json.dumps(message if message is not None else {"type": "hello"}))
        code = None
        try:
            while True:
                m = json.loads(await asyncio.wait_for(ws.recv(), 10))
                assert m["type"] != "welcome", f"let in: {m}"
                if m["type"] == "error":
                    code = m["code"]
        except websockets.ConnectionClosed as exc:
            return code, exc.rcvd.code if exc.rcvd else None


REFUSALS: list[tuple[str, str, str, int]] = []  # (actor, action, how, status), for the count


async def test_outsiders_are_refused_and_every_refusal_is_logged(court, world):
    w, pool = world, court.ctx.db.pool
    attempts = http_attempts(w)
    async with court.client() as client:
        for actor in ACTORS:
            for action, family, method, url in attempts:
                before = await denied_count(court)
                r = await client.request(method, url, headers=http_credentials(w, actor, family))
                assert r.status_code in (401, 403, 404), (actor, url, r.status_code, r.text[:200])
                assert SECRET_WORDS not in r.text and b"%PDF" not in r.content[:8]
                assert await denied_count(court) == before + 1, (actor, url, "refusal not logged once")
                logged = await last_denied(court)
                assert logged["detail"]["path"] == url, logged
                REFUSALS.append((actor, action, f"{method} {url.split('/api/')[1].split('/')[0]}:{family}", r.status_code))

    # The live socket of an open session, with what each of them holds.
    socket_tries = {
        "party": {"type": "join", "token": tampered(w.party_join, w.live_id)},
        "expired_member": {"type": "join", "token": w.expired_join[w.live_id]},
        "other_panel_member": {"type": "join", "token": tampered(w.other_join, w.live_id)},
        "public_viewer": {"type": "join", "token": w.live_id},  # the session's id is no credential
        "unauthenticated": {"type": "join", "token": forged(w.live_id)},
    }
    expected = {"party": "token_invalid", "expired_member": "token_expired", "other_panel_member": "token_invalid",
                "public_viewer": "token_malformed", "unauthenticated": "token_invalid"}
    for actor, message in socket_tries.items():
        before = await denied_count(court)
        code, close = await socket_attempt(court, message)
        assert code == expected[actor] and close == 4003, (actor, code, close)
        assert await denied_count(court) == before + 1, (actor, "socket refusal not logged")
        assert (await last_denied(court))["detail"]["path"] == "/ws/hearing"
        REFUSALS.append((actor, "join", "ws /ws/hearing", 4003))

    # Nobody of them got a seat, a token or a byte: the sessions' rosters are unchanged.
    for sid in (w.delib_id, w.live_id):
        names = {p.name for p in await hearings.participants(pool, uuid.UUID(sid))}
        assert names == {"李审判长", "周审判员", "吴陪审员"}
    by_actor = {a: sum(1 for r in REFUSALS if r[0] == a) for a in ACTORS}
    actions = {a: sum(1 for r in REFUSALS if r[1] == a) for a in ("join", "transcript", "minutes", "recording", "export")}
    print(f"\nrefusals: {len(REFUSALS)} (every one logged once); by caller {by_actor}; by action {actions}")
    assert len(REFUSALS) == len(ACTORS) * (len(attempts) + 1) == 60


async def test_a_join_without_any_token_is_logged(court, world):
    before = await denied_count(court)
    code, _ = await socket_attempt(court, {"type": "join"})
    assert code == "join_required"
    assert await denied_count(court) == before + 1


async def test_members_get_what_outsiders_do_not(court, world):
    """The same URLs, asked by a member: every one answers (decrypted)."""
    w = world
    member = {"authorization": f"Bearer {w.member_session}"}
    async with court.client() as client:
        for action, _family, method, url in http_attempts(w):
            if action == "join":
                continue  # issuing a live token is covered below with the join token itself
            r = await client.request(method, url, headers=member)
            assert r.status_code == 200, (url, r.status_code, r.text[:300])
        r = await client.get(f"/api/deliberations/{w.delib_id}/transcript", headers=member)
        assert SECRET_WORDS in r.text
        r = await client.get(f"/api/deliberations/{w.delib_id}/minutes.pdf", headers=member)
        assert r.content[:5] == b"%PDF-"
        r = await client.get(f"/api/recordings/{w.recording_id}/media", headers={**member, "range": "bytes=0-3"})
        assert r.status_code == 206 and r.content == b"\x1a\x45\xdf\xa3"
        # The export holds the minutes as signed, and the whole secondary chain.
        r = await client.get(f"/api/cases/{w.case_id}/secondary-volume.zip", headers=member)
        with zipfile.ZipFile(io.BytesIO(r.content)) as zf:
            names = zf.namelist()
            index = json.loads(zf.read("export.json"))
            pdf_name = next(e["file"] for e in index["entries"] if e["kind"] == "record_pdf")
            assert hashlib.sha256(zf.read(pdf_name)).hexdigest() == w.minutes_sha256
            # Every file is the one the chain names (recordings as filed: sealed streams).
            assert {e["kind"] for e in index["entries"]} >= {"record_pdf", "recording", "manifest"}
            for e in index["entries"]:
                assert hashlib.sha256(zf.read(e["file"])).hexdigest() == e["sha256"], e["file"]
            assert "chain.json" in names and index["chain_problems"] == []
        # A member's own join token opens the open session's routes, and the live socket.
        joined = {"authorization": f"Join {w.member_join_live}"}
        r = await client.get(f"/api/deliberations/{w.live_id}/transcript", headers=joined)
        assert r.status_code == 200
        # ... but not another session, even of the same case and panel.
        r = await client.get(f"/api/deliberations/{w.delib_id}/transcript", headers=joined)
        assert r.status_code == 403 and r.json()["error"]["code"] == "token_wrong_hearing"
    async with websockets.connect(court.ws_url) as ws:
        await ws.send(json.dumps({"type": "join", "token": w.member_join_live}))
        welcome = json.loads(await asyncio.wait_for(ws.recv(), 10))
        assert welcome["type"] == "welcome" and welcome["participant"]["name"] == "吴陪审员"


async def test_parties_never_see_the_secondary_volume(court, world):
    w, pool = world, court.ctx.db.pool
    async with court.client() as client:
        r = await client.get("/api/signing/dossier", headers={"authorization": f"Signing {w.party_signing}"})
        assert r.status_code == 200
        listed = r.json()["entries"]
    assert all(e["volume"] == "main" for e in listed)
    assert not [e for e in listed if e["sha256"] == w.minutes_sha256 or e["hearing_id"] == w.delib_id]
    main = await dossier.entries(pool, uuid.UUID(w.case_id), volume="main")
    assert not [e for e in main if e["hearing_id"] == w.delib_id]
    # At rest: no revision of the minutes is stored in the clear (only sealed copies).
    store = FileBlobStore(court.settings.blobs_dir)
    for r in await pool.fetch("select rendered_sha256, current_sha256, package_sha256 from hearing_records"
                              " where hearing_id = $1", uuid.UUID(w.delib_id)):
        for sha in filter(None, r.values()):
            assert store.local_path(sha) is None
            assert await pool.fetchval("select count(*) from sealed_blobs where plain_sha256 = $1", sha) == 1


@contextlib.asynccontextmanager
async def signed_in_page(court, session: str, errors: list[str], *chromium_flags: str) -> AsyncIterator[Any]:
    """A page of headless Chromium signed in with `session` (its page errors go to `errors`)."""
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                           args=["--no-sandbox", "--disable-gpu", "--no-first-run", *chromium_flags])
        try:
            context = await browser.new_context(bypass_csp=True)
            await context.add_cookies([{"name": "courtroom_session", "value": session, "url": court.base_url}])
            page = await context.new_page()
            page.on("pageerror", lambda e: errors.append(str(e)))
            yield page
        finally:
            await browser.close()


async def test_the_members_page_shows_the_votes_and_the_minority(court, world):
    """The members' page in headless Chromium (the filed session: no camera needed): the
    question, each vote, the result with the minority by name, the signatures."""
    errors: list[str] = []
    async with signed_in_page(court, world.member_session, errors) as page:
        await page.goto(f"{court.base_url}/deliberations/{world.delib_id}")
        await page.wait_for_selector(".question .minority", timeout=15000)
        # Each section is fetched on its own: wait until the transcript, opinions and dossier are in too.
        await page.wait_for_function(
            "() => ['#transcript', '#opinions', '#dossier'].every(s => "
            "(document.querySelector(s)?.innerText || '').trim().length > 0)", timeout=15000)
        question = await page.inner_text(".question")
        minutes = await page.inner_text("#minutes")
        opinions = await page.inner_text("#opinions")
        transcript = await page.inner_text("#transcript")
        dossier_list = await page.inner_text("#dossier")
    assert not errors, errors
    assert "借款是否已实际交付" in question and "同意 2 票，不同意 1 票" in question
    assert "少数意见：人民陪审员吴陪审员（不同意）" in question
    assert "已归档" in minutes and minutes.count("已签") >= 3
    assert SECRET_WORDS in opinions and SECRET_WORDS in transcript
    assert "合议笔录" in dossier_list and "副卷" in dossier_list


async def test_the_presiding_judge_puts_a_question_and_votes_from_the_live_page(court, world):
    """The open session's page with a fake camera: video, the question form for the chair,
    a vote by click; the server holds what the page did."""
    errors: list[str] = []
    async with signed_in_page(court, world.chair_session, errors, "--disable-quic", "--use-fake-ui-for-media-stream",
                              "--use-fake-device-for-media-stream", "--autoplay-policy=no-user-gesture-required") as page:
        await page.goto(f"{court.base_url}/deliberations/{world.live_id}")
        await page.wait_for_selector("#grid .tile", timeout=20000)  # own video, once admitted
        await page.fill("#put-question textarea", "本案是否适用简易程序？")
        await page.click("#put-question button")
        await page.wait_for_selector(".question[data-question] .vote-bar", timeout=10000)
        await page.click(".question .vote-bar button[data-choice='agree']")
        await page.wait_for_function(
            "document.querySelector('.question .votes') && document.querySelector('.question .votes').innerText.includes('同意')",
            timeout=10000)
        roster = await page.inner_text("#roster")
    assert not errors, errors
    assert "审判长 李审判长" in roster
    async with court.client(world.chair_session) as client:
        q = (await client.get(f"/api/deliberations/{world.live_id}")).json()["questions"]
    assert [x["text"] for x in q] == ["本案是否适用简易程序？"]
    assert [(v["name"], v["choice"]) for v in q[0]["votes"]] == [("李审判长", "agree")]


async def test_a_committee_session_files_its_minutes_the_same_way(court, world):
    """审委会: the secretary convenes and records, the chair puts the question, members vote
    2 to 1, everyone signs (secretary, members, chair last); the minutes say 讨论 and
    carry the minority; filed into the secondary volume only."""
    import subprocess
    import tempfile

    for username, name, position in (("chair_c", "陈院长", "judge"), ("m1_c", "林委员", "committee_member"),
                                     ("m2_c", "黄委员", "committee_member"), ("sec_c", "何秘书", "committee_secretary")):
        await court.add_staff(username, name, position)
    chair, m1, m2, sec = [await court.login(u) for u in ("chair_c", "m1_c", "m2_c", "sec_c")]
    clerk = await court.login("clerk_a")
    staff = {s["username"]: s for s in (await clerk.get("/api/staff")).json()["staff"]}
    await ok(await clerk.post(f"/api/cases/{world.case_id}/members",
                              json={"staff_id": staff["sec_c"]["id"], "duty": "审委会秘书"}), 201)
    h = (await ok(await sec.post(f"/api/cases/{world.case_id}/hearings",
                                 json={"kind": "committee", "title": "审判委员会讨论"}), 201))["hearing"]
    for role, username in (("committee_chair", "chair_c"), ("committee_member", "m1_c"), ("committee_member", "m2_c"),
                           ("committee_secretary", "sec_c")):
        await ok(await sec.post(f"/api/hearings/{h['id']}/participants",
                                json={"role": role, "staff_id": staff[username]["id"]}), 201)
    base = f"/api/deliberations/{h['id']}"
    await ok(await chair.post(f"/api/hearings/{h['id']}/open", json={}))
    r = await sec.post(f"{base}/questions/00000000-0000-0000-0000-000000000000/vote", json={"choice": "agree"})
    assert r.status_code == 403 and r.json()["error"]["code"] == "not_a_voter"  # the secretary records, not votes
    qid = (await ok(await chair.post(f"{base}/questions", json={"text": "是否维持合议庭多数意见？"}), 201))["question"]["id"]
    for client, choice in ((chair, "agree"), (m1, "agree"), (m2, "disagree")):
        await ok(await client.post(f"{base}/questions/{qid}/vote", json={"choice": choice}))
    await ok(await m2.post(f"{base}/opinions", json={"text": "应当发回重新评议。", "question_id": qid}), 201)
    await ok(await chair.post(f"{base}/questions/{qid}/close", json={}))
    await ok(await chair.post(f"/api/hearings/{h['id']}/close", json={}))
    state = await ok(await sec.post(f"{base}/minutes/lock", json={}))
    assert [s["role"] for s in state["signers"]] == ["committee_secretary", "committee_member", "committee_member",
                                                     "committee_chair"]
    for client in (sec, m1, m2, chair):
        state = await ok(await client.post(f"{base}/minutes/sign", json={"password": PASSWORD}))
    assert state["record"]["state"] == "filed"
    pdf = (await chair.get(f"{base}/minutes.pdf")).content
    with tempfile.NamedTemporaryFile(suffix=".pdf") as fh:
        fh.write(pdf)
        fh.flush()
        text = "".join(subprocess.run(["pdftotext", fh.name, "-"], capture_output=True, text=True, check=True).stdout.split())
    assert "审判委员会会议记录" in text and "讨论事项及表决情况" in text
    assert "少数意见：审委会委员黄委员（不同意）：应当发回重新评议。" in text
    pool = court.ctx.db.pool
    entries = await dossier.entries(pool, uuid.UUID(world.case_id), hearing_ids=[uuid.UUID(h["id"])])
    assert entries and {e["volume"] for e in entries} == {"secondary"}
    assert {e["category"] for e in entries if e["kind"] == "record_pdf"} == {"审判委员会会议记录"}
    for c in (chair, m1, m2, sec, clerk):
        await c.aclose()
