"""Issue 4 end to end, over real HTTP against the real server and PostgreSQL: the clerk
corrects the transcript (a second clerk's stale edit is refused), plays any sentence from
the recording by byte range, locks; a reopen is logged; the record is rendered; two
parties sign in headless Chromium with browser-held keys and one refuses with a reason;
the clerk and the judges sign with server-held keys; the package is filed and pdfsig,
`pyhanko sign validate` and `courtroom verify` accept it; tampering fails with the right
reason; a party's signing token opens nothing beyond its own hearing's record.

The court here time-stamps every signature at a local RFC 3161 TSA (tests/fixtures/tsa.py,
OpenSSL's responder, with its own root): while the TSA is down a signature is refused with
503 and nothing changes; once it answers, the signer retries."""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import datetime as dt
import hashlib
import io
import json
import shutil
import subprocess
import sys
import uuid
import zipfile
from collections import defaultdict
from pathlib import Path

import av
import httpx
import numpy as np
import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from courtroom.hearing.room import Client
from courtroom.records import outbox
from models import audit, dossier, hearings, recordings, records, tokens, transcripts
from models.credentials import TokenError
from signing.ca import load_certificate
from signing.cli import verify_main
from signing.package import verify_package
from signing.verify import list_pdf_signers, run_pdfsig
from tests.fixtures.server import PASSWORD, start_court, stop_court
from tests.fixtures.waiting import serve_uvicorn
from web.demo import sign_and_file_for_demo
from web.services import hearing_rooms

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]

SCRIPT = [
    ("presiding_judge", "现在开庭。请当事人陈述诉讼请求。"),
    ("plaintiff", "请求判令被告支付货款十万元及逾期付款利息。"),
    ("defendant", "对货款数额有异议，部分货物存在质量问题。"),
    ("third_party", "我方对本案货物的运输过程没有过错。"),
    ("presiding_judge", "双方对送货单的真实性有无异议？"),
    ("plaintiff", "没有异议，送货单由被告签收。"),
]


def make_webm(path: Path, seconds: float = 3.0, freq: float = 440.0) -> Path:
    """A small real WebM (Opus) recording: a tone."""
    path.parent.mkdir(parents=True, exist_ok=True)
    out = av.open(str(path), "w", format="webm")
    stream = out.add_stream("libopus", rate=48000)
    stream.layout = "mono"
    pts = 0
    for i in range(0, int(seconds * 48000), 960):
        t = np.arange(i, i + 960) / 48000.0
        frame = av.AudioFrame.from_ndarray((0.3 * np.sin(2 * np.pi * freq * t)).astype(np.float32).reshape(1, -1),
                                           format="flt", layout="mono")
        frame.sample_rate, frame.pts = 48000, pts
        pts += 960
        for packet in stream.encode(frame):
            out.mux(packet)
    for packet in stream.encode(None):
        out.mux(packet)
    out.close()
    return path


async def register_recording(ctx, hearing_id, participant_id, path: Path, start_s: float) -> uuid.UUID:
    data = path.read_bytes()
    async with ctx.db.pool.acquire() as conn:
        rec_id = await recordings.start_segment(
            conn, hearing_id=hearing_id, participant_id=participant_id, kind="audio", segment_index=0, path=str(path),
            codec="opus", hearing_start_s=start_s, wall_start=dt.datetime.now(dt.timezone.utc))
        await recordings.finish_segment(conn, rec_id, duration_s=3.0, bytes_=len(data),
                                        sha256=hashlib.sha256(data).hexdigest())
    return rec_id


async def add_segments(ctx, hearing_id, seats: dict, script) -> list[dict]:
    from courtroom.records.sealing import key_for_hearing

    key = await key_for_hearing(ctx, hearing_id)  # closed sessions store their transcript sealed
    out = []
    async with ctx.db.pool.acquire() as conn:
        for i, (role, text) in enumerate(script):
            p = seats[role]
            out.append(await transcripts.add_recognized(
                conn, segment_id=uuid.uuid4(), hearing_id=hearing_id, participant_id=uuid.UUID(p["id"]),
                speaker_role=role, speaker_name=p["name"], start_s=0.4 * i, end_s=0.4 * i + 0.35, text=text,
                words=[], confidence=0.9, model="whisper:test", seal_key=key))
    return out


@pytest.fixture(scope="module")
async def court(db, local_tsa):
    """This module's court time-stamps signatures at the local TSA."""
    running, server, data_dir = await start_court(db, tsa_url=local_tsa.url, tsa_ca=local_tsa.root_pem_path)
    yield running
    await stop_court(running, server, data_dir)


@dataclasses.dataclass
class World:
    clients: dict[str, httpx.AsyncClient]
    staff: dict[str, dict]
    case: dict
    hid: str
    seats: dict[str, dict]
    segments: list[dict]
    recordings: dict[str, uuid.UUID]
    other_hid: str
    other_recording: uuid.UUID
    deliberation_id: str
    demo: dict
    tokens: dict[str, str] = dataclasses.field(default_factory=dict)


async def seat(client, hid, **body) -> dict:
    r = await client.post(f"/api/hearings/{hid}/participants", json=body)
    assert r.status_code == 201, r.text
    return r.json()["participant"]


@pytest.fixture(scope="module")
async def world(court) -> World:
    for username, name in (("rec_clerk", "王书记员"), ("rec_clerk2", "赵书记员")):
        await court.add_staff(username, name, "clerk")
    for username, name in (("rec_judge", "钱审判长"), ("rec_judge2", "孙法官"), ("rec_outsider", "周法官")):
        await court.add_staff(username, name, "judge")
    clients = {u: await court.login(u) for u in ("rec_clerk", "rec_clerk2", "rec_judge", "rec_judge2", "rec_outsider")}
    clerk, judge = clients["rec_clerk"], clients["rec_judge"]
    staff = {s["username"]: s for s in (await clerk.get("/api/staff")).json()["staff"]}
    case = (await clerk.post("/api/cases", json={"case_number": "（2026）吉01民初501号", "cause": "买卖合同纠纷"})).json()["case"]
    for u in ("rec_clerk2", "rec_judge", "rec_judge2"):
        r = await clerk.post(f"/api/cases/{case['id']}/members", json={"staff_id": staff[u]["id"], "duty": "合议庭"})
        assert r.status_code == 201

    hid = (await clerk.post(f"/api/cases/{case['id']}/hearings",
                            json={"title": "第一次开庭", "place": "第三数字法庭"})).json()["hearing"]["id"]
    seats = {
        "presiding_judge": await seat(clerk, hid, role="presiding_judge", staff_id=staff["rec_judge"]["id"]),
        "judge": await seat(clerk, hid, role="judge", staff_id=staff["rec_judge2"]["id"]),
        "clerk": await seat(clerk, hid, role="clerk", staff_id=staff["rec_clerk"]["id"]),
        "clerk2": await seat(clerk, hid, role="clerk", staff_id=staff["rec_clerk2"]["id"]),
        "plaintiff": await seat(clerk, hid, role="plaintiff", name="张三", remote=True),
        "defendant": await seat(clerk, hid, role="defendant", name="示范贸易有限公司", remote=True),
        "third_party": await seat(clerk, hid, role="third_party", name="李四", remote=True),
    }
    assert (await judge.post(f"/api/hearings/{hid}/open", json={})).status_code == 200
    segments = await add_segments(court.ctx, uuid.UUID(hid), seats, SCRIPT)
    rec_dir = court.settings.recordings_dir / hid
    recs = {}
    for i, role in enumerate(("presiding_judge", "plaintiff")):
        path = make_webm(rec_dir / f"{seats[role]['id']}-audio-000.webm", freq=330.0 + 110 * i)
        recs[role] = await register_recording(court.ctx, uuid.UUID(hid), uuid.UUID(seats[role]["id"]), path, 0.0)

    # A second hearing of the case, with a recording a party of the first must never reach.
    other = (await clerk.post(f"/api/cases/{case['id']}/hearings", json={"title": "第二次开庭"})).json()["hearing"]["id"]
    other_judge = await seat(clerk, other, role="presiding_judge", staff_id=staff["rec_judge"]["id"])
    other_rec = await register_recording(court.ctx, uuid.UUID(other), uuid.UUID(other_judge["id"]),
                                         make_webm(court.settings.recordings_dir / other / "j.webm"), 0.0)

    # The panel's deliberation, filed into the secondary volume through the demo path.
    did = (await clerk.post(f"/api/cases/{case['id']}/hearings", json={"kind": "deliberation"})).json()["hearing"]["id"]
    # A closed session's roster is set by its chair; the first seat is made in the model.
    async with court.ctx.db.pool.acquire() as conn:
        chair = await hearings.add_participant(conn, uuid.UUID(did), role="presiding_judge", name="钱审判长",
                                               staff_id=uuid.UUID(staff["rec_judge"]["id"]), actor=audit.Actor.system())
    dseats = {"presiding_judge": {"id": str(chair.id), "name": chair.name},
              "judge": await seat(judge, did, role="judge", staff_id=staff["rec_judge2"]["id"]),
              "clerk": await seat(judge, did, role="clerk", staff_id=staff["rec_clerk"]["id"])}
    assert (await judge.post(f"/api/hearings/{did}/open", json={})).status_code == 200
    await add_segments(court.ctx, uuid.UUID(did), dseats,
                       [("presiding_judge", "合议庭评议：原告的诉讼请求部分成立。"), ("judge", "同意审判长意见。")])
    assert (await judge.post(f"/api/hearings/{did}/close", json={})).status_code == 200
    demo = await sign_and_file_for_demo(court.ctx, uuid.UUID(did), party_keys={},
                                        staff_passwords=defaultdict(lambda: PASSWORD))
    return World(clients, staff, case, hid, seats, segments, recs, other, other_rec, did, demo)


async def trail(world: World, hid: str) -> list[dict]:
    r = await world.clients["rec_judge"].get(f"/api/hearings/{hid}/audit")
    assert r.json()["problems"] == []
    return r.json()["entries"]


# --- editing -------------------------------------------------------------------------------------

async def test_clerk_edits_and_a_stale_edit_is_refused(court, world):
    clerk, clerk2 = world.clients["rec_clerk"], world.clients["rec_clerk2"]
    base = f"/api/hearings/{world.hid}/transcript"
    seg = world.segments[1]
    r = await clerk.post(f"{base}/edit", json={"segment_id": seg["id"], "expected_version": 1,
                                               "text": "请求判令被告支付货款人民币十万元及逾期付款利息。"})
    assert r.status_code == 200, r.text
    assert r.json()["segments"][0]["version"] == 2 and r.json()["type"] == "transcript-edit"
    # The second clerk saved on what they loaded (version 1): refused, with the segment as it is now.
    r = await clerk2.post(f"{base}/edit", json={"segment_id": seg["id"], "expected_version": 1, "text": "别的改法。"})
    assert r.status_code == 409 and r.json()["error"]["code"] == "edit_conflict"
    assert r.json()["current"]["text"] == "请求判令被告支付货款人民币十万元及逾期付款利息。"
    assert r.json()["current"]["version"] == 2

    # Split, merge, re-attribute, delete, add; each a revision with a diff.
    long = world.segments[4]
    r = await clerk2.post(f"{base}/split", json={"segment_id": long["id"], "expected_version": 1, "at_char": 6})
    assert r.status_code == 200, r.text
    first, second = r.json()["segments"]
    assert first["text"] == "双方对送货单" and second["text"] == "的真实性有无异议？" and first["end"] == second["start"]
    r = await clerk.post(f"{base}/merge", json={"first_id": first["id"], "second_id": second["id"],
                                                "expected_versions": [first["version"], second["version"]]})
    assert r.status_code == 200 and r.json()["segments"][0]["text"] == "双方对送货单的真实性有无异议？"
    assert r.json()["segments"][1]["deleted"] is True
    r = await clerk.post(f"{base}/reattribute", json={"segment_id": world.segments[3]["id"], "expected_version": 1,
                                                      "participant_id": world.seats["defendant"]["id"]})
    assert r.json()["segments"][0]["speaker_label"] == "被告 示范贸易有限公司"
    r = await clerk.post(f"{base}/reattribute", json={"segment_id": world.segments[3]["id"], "expected_version": 2,
                                                      "participant_id": world.seats["third_party"]["id"]})
    assert r.status_code == 200
    r = await clerk.post(f"{base}/add", json={"participant_id": world.seats["presiding_judge"]["id"], "start": 2.5,
                                              "end": 2.9, "text": "现在进行法庭辩论。"})
    assert r.status_code == 200 and r.json()["segments"][0]["source"] == "clerk"
    added = r.json()["segments"][0]
    r = await clerk.post(f"{base}/delete", json={"segment_id": added["id"], "expected_version": 1})
    assert r.json()["segments"][0]["deleted"] is True
    r = await clerk.post(f"{base}/delete", json={"segment_id": added["id"], "expected_version": 2, "restore": True})
    assert r.json()["segments"][0]["deleted"] is False

    revs = (await clerk.get(f"{base}/revisions?segment_id={seg['id']}")).json()["revisions"]
    assert [r["action"] for r in revs] == ["create", "edit"] and revs[1]["editor"] == "王书记员"
    assert {"op": "insert", "text": "人民币"} in revs[1]["diff"]
    listed = (await clerk.get(base)).json()
    assert listed["can_edit"] and not listed["locked"]
    assert [s["text"] for s in listed["segments"] if s["id"] == seg["id"]] == ["请求判令被告支付货款人民币十万元及逾期付款利息。"]

    # Only the clerk and the presiding judge edit; a judge of the panel reads; an outsider sees nothing.
    r = await world.clients["rec_judge2"].post(f"{base}/edit", json={"segment_id": seg["id"], "expected_version": 2,
                                                                      "text": "x"})
    assert r.status_code == 403
    assert (await world.clients["rec_judge2"].get(base)).status_code == 200
    assert (await world.clients["rec_outsider"].get(base)).status_code == 404
    # A segment of another hearing cannot be edited through this one.
    r = await clerk.post(f"/api/hearings/{world.other_hid}/transcript/edit",
                         json={"segment_id": seg["id"], "expected_version": 2, "text": "x"})
    assert r.status_code in (403, 404)
    assert "transcript.edited" in [e["action"] for e in await trail(world, world.hid)]


async def test_edits_over_the_live_socket(court, world):
    """The live room's protocol (courtroom.records.transcript_edits): the clerk edits, the room hears
    of it, a party may not edit, a stale version gets the current segment back."""
    hid = uuid.UUID(world.hid)
    room = await hearing_rooms(court.ctx).room(hid)
    inbox: dict[str, list] = {"clerk": [], "plaintiff": []}

    seated = {r: await hearings.get_participant(court.ctx.db.pool, uuid.UUID(world.seats[r]["id"]))
              for r in ("clerk", "plaintiff")}

    def client(role: str) -> Client:
        async def send(m):
            inbox[role].append(m)

        async def close(code, reason):
            pass

        return Client(participant=dataclasses.replace(seated[role], state="admitted"), jti=uuid.uuid4(), send=send,
                      close=close)

    clerk_c, plaintiff_c = client("clerk"), client("plaintiff")
    # In-process peers stand in for the two sockets (no media needed for the transcript).
    room.clients[clerk_c.participant.id] = clerk_c
    room.clients[plaintiff_c.participant.id] = plaintiff_c
    try:
        seg = world.segments[0]
        await room.handle_transcript_message(clerk_c, {"type": "transcript.edit", "request_id": "r1",
                                                        "segment_id": seg["id"], "expected_version": 1,
                                                        "text": "现在开庭。请原告陈述诉讼请求。"})
        ok = next(m for m in inbox["clerk"] if m.get("request_id") == "r1")
        assert ok["type"] == "transcript.ok" and ok["segments"][0]["version"] == 2
        heard = [m for m in inbox["plaintiff"] if m["type"] == "transcript-edit"]
        assert heard and heard[-1]["segments"][0]["text"] == "现在开庭。请原告陈述诉讼请求。"
        assert heard[-1]["by"] == "书记员 王书记员"

        await room.handle_transcript_message(clerk_c, {"type": "transcript.edit", "request_id": "r2",
                                                        "segment_id": seg["id"], "expected_version": 1, "text": "旧"})
        conflict = next(m for m in inbox["clerk"] if m.get("request_id") == "r2")
        assert conflict["code"] == "edit_conflict" and conflict["current"]["version"] == 2

        await room.handle_transcript_message(plaintiff_c, {"type": "transcript.delete", "request_id": "r3",
                                                            "segment_id": seg["id"], "expected_version": 2})
        refused = next(m for m in inbox["plaintiff"] if m.get("request_id") == "r3")
        assert refused["type"] == "error" and refused["code"] == "forbidden"

        # An edit made over HTTP reaches the live room too.
        r = await world.clients["rec_clerk"].post(f"/api/hearings/{world.hid}/transcript/edit", json={
            "segment_id": seg["id"], "expected_version": 2, "text": "现在开庭。请原告陈述诉讼请求和理由。"})
        assert r.status_code == 200
        assert inbox["plaintiff"][-1]["type"] == "transcript-edit" and inbox["plaintiff"][-1]["segments"][0]["version"] == 3
    finally:
        room.clients.pop(clerk_c.participant.id, None)
        room.clients.pop(plaintiff_c.participant.id, None)


# --- playback by byte range -----------------------------------------------------------------------

async def test_recordings_by_byte_range(court, world):
    clerk = world.clients["rec_clerk"]
    rec_id = world.recordings["plaintiff"]
    url = f"/api/recordings/{rec_id}/media"
    row = await court.ctx.db.fetchrow("select path, bytes from recordings where id = $1", rec_id)
    data = Path(row["path"]).read_bytes()
    r = await clerk.get(url, headers={"range": "bytes=100-1123"})
    assert r.status_code == 206 and r.content == data[100:1124]
    assert r.headers["content-range"] == f"bytes 100-1123/{len(data)}" and r.headers["accept-ranges"] == "bytes"
    assert r.headers["content-type"].startswith("audio/webm")
    r = await clerk.get(url, headers={"range": "bytes=-500"})
    assert r.status_code == 206 and r.content == data[-500:]
    r = await clerk.get(url)
    assert r.status_code == 200 and r.content == data and hashlib.sha256(r.content).hexdigest() == \
        (await court.ctx.db.fetchval("select sha256 from recordings where id = $1", rec_id))
    r = await clerk.get(url, headers={"range": f"bytes={len(data) + 10}-"})
    assert r.status_code == 416
    assert (await world.clients["rec_outsider"].get(url)).status_code == 404
    async with court.client() as anon:
        assert (await anon.get(url)).status_code == 401


# --- lock, reopen, render -------------------------------------------------------------------------

async def test_lock_refuses_edits_until_a_logged_reopen(court, world):
    clerk, judge = world.clients["rec_clerk"], world.clients["rec_judge"]
    hid = world.hid
    r = await clerk.post(f"/api/hearings/{hid}/record/lock", json={})
    assert r.status_code == 409 and r.json()["error"]["code"] == "hearing_not_closed"
    assert (await judge.post(f"/api/hearings/{hid}/close", json={})).status_code == 200
    assert (await judge.post(f"/api/hearings/{hid}/record/lock", json={})).status_code == 403  # the clerk locks
    r = await clerk.post(f"/api/hearings/{hid}/record/lock", json={})
    assert r.status_code == 200, r.text
    status = r.json()
    assert status["state"] == "rendered" and status["locked"] and status["record"]["page_count"] >= 1
    assert [s["role"] for s in status["signers"]] == ["plaintiff", "defendant", "third_party", "clerk", "clerk",
                                                       "judge", "presiding_judge"]
    seg = world.segments[2]
    r = await clerk.post(f"/api/hearings/{hid}/transcript/edit", json={"segment_id": seg["id"], "expected_version": 1,
                                                                       "text": "改"})
    assert r.status_code == 409 and r.json()["error"]["code"] == "transcript_locked"

    # Only the presiding judge reopens, and only with a reason; the rendered record is void.
    assert (await clerk.post(f"/api/hearings/{hid}/record/reopen", json={"reason": "补正"})).status_code == 403
    assert (await judge.post(f"/api/hearings/{hid}/record/reopen", json={})).status_code == 400
    r = await judge.post(f"/api/hearings/{hid}/record/reopen", json={"reason": "被告申请补正第三段发言"})
    assert r.status_code == 200 and r.json()["state"] == "draft" and r.json()["superseded"] == 1
    entries = await trail(world, hid)
    reopened = [e for e in entries if e["action"] == "transcript.reopened"]
    assert reopened and reopened[-1]["actor"] == "钱审判长" and reopened[-1]["detail"]["reason"] == "被告申请补正第三段发言"
    assert any(e["action"] == "record.superseded" for e in entries)
    r = await clerk.post(f"/api/hearings/{hid}/transcript/edit", json={
        "segment_id": seg["id"], "expected_version": 1, "text": "对货款数额有异议，部分货物存在质量问题，已书面通知原告。"})
    assert r.status_code == 200

    # The second clerk leaves the roster of signers by not sitting in: remove and lock again.
    pool = court.ctx.db.pool
    async with pool.acquire() as conn:
        await hearings.set_participant_state(conn, uuid.UUID(world.seats["clerk2"]["id"]), "removed",
                                             audit.Actor("钱审判长", "presiding_judge"))
    r = await clerk.post(f"/api/hearings/{hid}/record/lock", json={})
    assert r.status_code == 200
    status = r.json()
    assert status["record"]["attempt"] == 2
    assert [(s["role"], s["name"]) for s in status["signers"]] == [
        ("plaintiff", "张三"), ("defendant", "示范贸易有限公司"), ("third_party", "李四"), ("clerk", "王书记员"),
        ("judge", "孙法官"), ("presiding_judge", "钱审判长")]
    pdf = (await clerk.get(status["pdf_url"])).content
    assert pdf.startswith(b"%PDF") and hashlib.sha256(pdf).hexdigest() == status["record"]["rendered_sha256"]


# --- signing -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
async def browser():
    from playwright.async_api import async_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} missing (Debian package chromium)")
    async with async_playwright() as pw:
        b = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        await b.close()


async def wait_status(page, text: str) -> str:
    await page.wait_for_function(
        "t => document.getElementById('status').textContent.includes(t)"
        " || document.getElementById('status').className === 'error'", arg=text, timeout=30_000)
    return await page.text_content("#status")


async def test_parties_sign_in_chromium_one_refuses_staff_sign_and_it_is_filed(court, world, browser, local_tsa):
    clerk, judge, judge2 = world.clients["rec_clerk"], world.clients["rec_judge"], world.clients["rec_judge2"]
    status = (await clerk.get(f"/api/hearings/{world.hid}/record")).json()
    rid = status["record"]["id"]
    by_role = {s["role"]: s for s in status["signers"]}

    # The court confirms identity before it invites; the invitation is the confirmation.
    r = await clerk.post(f"/api/records/{rid}/invitations", json={"participant_id": by_role["plaintiff"]["participant_id"],
                                                                  "identity_method": "当庭核对居民身份证"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "identity_unconfirmed"
    assert (await judge.post(f"/api/records/{rid}/invitations", json={
        "participant_id": by_role["plaintiff"]["participant_id"], "identity_confirmed": True,
        "identity_method": "x"})).status_code == 403
    links = {}
    for role, method in (("plaintiff", "当庭核对居民身份证"), ("defendant", "核对律师执业证与授权委托书"),
                         ("third_party", "远程人脸识别核验")):
        r = await clerk.post(f"/api/records/{rid}/invitations", json={
            "participant_id": by_role[role]["participant_id"], "identity_confirmed": True, "identity_method": method})
        assert r.status_code == 201, r.text
        links[role] = r.json()["sign_url"]
        world.tokens[role] = r.json()["token"]
    assert links["plaintiff"].startswith(court.base_url + "/sign#")

    # Court order: parties before the clerk.
    r = await clerk.post(f"/api/records/{rid}/sign", json={"password": "correct-horse-1"})
    assert r.status_code == 409 and r.json()["error"]["code"] == "not_your_turn"

    pages, console = {}, []
    for role in ("plaintiff", "defendant", "third_party"):
        context = await browser.new_context(bypass_csp=True)
        page = await context.new_page()
        page.on("dialog", lambda d: asyncio.ensure_future(d.accept()))
        page.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
        page.on("pageerror", lambda e: console.append(f"pageerror: {e}"))
        page.on("requestfinished", lambda q, role=role: console.append(f"{role} done {q.method} {q.url[-40:]}"))
        page.on("requestfailed", lambda q, role=role: console.append(f"{role} FAILED {q.method} {q.url[-40:]}"))
        page.on("crash", lambda p, role=role: console.append(f"{role} CRASH"))
        await page.goto(links[role])
        try:
            await page.wait_for_function("document.getElementById('signer').textContent.length > 0", timeout=30_000)
        except Exception:
            raise AssertionError(f"sign page did not load: {console}") from None
        assert "#" not in page.url  # the token left the address bar
        pages[role] = page
    for role in ("plaintiff", "defendant"):
        page = pages[role]
        await page.click("#enroll")
        assert await wait_status(page, "证书已签发") == "证书已签发"
        await page.click("#sign")
        await page.wait_for_selector("#review", state="visible", timeout=30_000)
        assert len(await page.text_content("#digest")) == 64
        assert (await page.text_content("#field")).endswith(role)
        await page.click("#confirm")
        done = await wait_status(page, "签名完成")
        assert done.startswith("签名完成"), done
    page = pages["third_party"]
    await page.fill("#refuse-reason", "第四段发言记录不完整，申请补正未获准许")
    await page.click("#refuse")
    refused = await wait_status(page, "已记录拒绝签名")
    assert refused.startswith("已记录拒绝签名"), refused
    for page in pages.values():
        await page.context.close()

    # The judge waits for the clerk; a wrong password signs nothing.
    r = await judge2.post(f"/api/records/{rid}/sign", json={"password": "correct-horse-1"})
    assert r.status_code == 409 and r.json()["error"]["code"] == "not_your_turn"
    r = await clerk.post(f"/api/records/{rid}/sign", json={"password": "wrong-password"})
    assert r.status_code == 403 and r.json()["error"]["code"] == "bad_password"
    # The TSA is down: the clerk's signature (and the refusal stamp it carries) is refused
    # as retryable, and the record is exactly as before.
    before = (await clerk.get(f"/api/hearings/{world.hid}/record")).json()
    local_tsa.down = True
    try:
        r = await clerk.post(f"/api/records/{rid}/sign", json={"password": "correct-horse-1"})
    finally:
        local_tsa.down = False
    assert r.status_code == 503 and r.json()["error"]["code"] == "tsa_unavailable", r.text
    assert "时间戳服务不可用" in r.json()["error"]["message"]
    after = (await clerk.get(f"/api/hearings/{world.hid}/record")).json()
    assert after["record"] == before["record"] and after["signers"] == before["signers"]
    for who in (clerk, judge2, judge):
        r = await who.post(f"/api/records/{rid}/sign", json={"password": "correct-horse-1"})
        assert r.status_code == 200, r.text
    status = r.json()
    assert status["state"] == "filed", status
    third = next(s for s in status["signers"] if s["role"] == "third_party")
    assert third["state"] == "refused" and third["refusal_reason"] == "第四段发言记录不完整，申请补正未获准许"
    kinds = [(e["kind"], e["category"], e["volume"]) for e in status["entries"]]
    assert kinds == [("record_pdf", "庭审笔录", "main"), ("recording", "庭审录音录像", "main"),
                     ("recording", "庭审录音录像", "main"), ("transcript_json", "庭审笔录", "main"),
                     ("transcript_vtt", "庭审笔录", "main"), ("audit_anchor", "审计锚点", "main"),
                     ("manifest", "庭审笔录", "main")]
    actions = [e["action"] for e in await trail(world, world.hid)]
    for expected in ("record.rendered", "record.invitation_issued", "record.key_certified", "record.signed",
                     "record.refused", "record.refusal_stamped", "record.filed", "dossier.appended"):
        assert expected in actions, expected

    # The refusal is on the record: the refusing party's field, signed by the clerk, says why.
    pdf = (await clerk.get(status["pdf_url"])).content
    signers = list_pdf_signers(pdf)
    assert [(s["field"].split("_", 1)[1], s["name"], s["refusal"]) for s in signers] == [
        ("plaintiff", "张三", False), ("defendant", "示范贸易有限公司", False), ("third_party", "王书记员", True),
        ("clerk", "王书记员", False), ("judge", "孙法官", False), ("presiding_judge", "钱审判长", False)]
    assert "第四段发言记录不完整" in signers[2]["reason"]


async def package_zip(world: World, tmp_path: Path) -> Path:
    status = (await world.clients["rec_clerk"].get(f"/api/hearings/{world.hid}/record")).json()
    r = await world.clients["rec_clerk"].get(status["package_url"])
    assert r.status_code == 200 and r.headers["content-type"] == "application/zip"
    path = tmp_path / "dossier.zip"
    path.write_bytes(r.content)
    return path


async def test_record_page_plays_a_sentence_and_shows_the_filing(court, world, browser):
    """The clerk's record desk in Chromium: the transcript with speaker labels and times, a
    click on a time plays that sentence from the recording, the filed entries, a verify."""
    context = await browser.new_context(bypass_csp=True)
    token = world.clients["rec_clerk"].headers["authorization"].split(" ", 1)[1]
    await context.add_cookies([{"name": "courtroom_session", "value": token, "url": court.base_url}])
    page = await context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        await page.goto(f"{court.base_url}/records/{world.hid}")
        await page.wait_for_selector(".seg", timeout=30_000)
        await page.wait_for_function("document.getElementById('record-state').textContent.startsWith('已归档')",
                                     timeout=30_000)
        labels = await page.locator(".seg .who").all_text_contents()
        assert any(label.startswith("原告 张三") for label in labels), labels
        assert await page.locator("#dossier li").count() == 7
        # The plaintiff's second sentence starts 2.0 s into the hearing, inside her recording.
        row = page.locator(".seg", has_text="没有异议，送货单由被告签收。")
        await row.locator(".t").click()
        await page.wait_for_function("document.getElementById('player').readyState >= 1", timeout=30_000)
        src = await page.get_attribute("#player", "src")
        assert src.startswith(f"/api/recordings/{world.recordings['plaintiff']}/media")
        assert abs(await page.evaluate("document.getElementById('player').currentTime") - 2.0) < 0.5
        await page.click("#dossier button")
        await page.wait_for_selector("#verify-out .notice", timeout=60_000)
        assert (await page.text_content("#verify-out")).startswith("验证通过")
        assert errors == []
    finally:
        await context.close()


def court_ca_pem(court) -> Path:
    return court.settings.keys_dir / "ca" / "court-ca.cert.pem"


async def test_independent_verifiers_accept_the_filed_record(court, world, tmp_path, local_tsa):
    zip_path = await package_zip(world, tmp_path)
    with zipfile.ZipFile(zip_path) as zf:
        pdf = zf.read("record.pdf")
        names = zf.namelist()
        tsa_pem = zf.read("tsa-ca.pem")
    assert sum(n.startswith("recordings/") for n in names) == 2 and "manifest.json.p7s" in names
    assert load_certificate(tsa_pem) == local_tsa.root_cert
    (tmp_path / "record.pdf").write_bytes(pdf)
    report = await asyncio.to_thread(run_pdfsig, pdf, trust=court_ca_pem(court))
    assert report.ok and len(report.signed) == 6, report.text
    assert_pdfsig_trusts_every_signer(report)
    assert report.text.count("Signature is Valid.") == 6
    proc = await asyncio.to_thread(subprocess.run, [
        shutil.which("pyhanko") or "pyhanko", "sign", "validate", "--trust", str(court_ca_pem(court)),
        "--trust", str(local_tsa.root_pem_path), "--trust-replace",
        "--executive-summary", str(tmp_path / "record.pdf")], capture_output=True, text=True, timeout=120)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("sig")]
    assert len(lines) == 6 and all(line.endswith(":VALID") for line in lines), proc.stdout + proc.stderr
    cli = [sys.executable, "-m", "web.cli", "verify", str(zip_path), "--ca", str(court_ca_pem(court))]
    proc = await asyncio.to_thread(subprocess.run, [*cli, "--tsa-ca", str(local_tsa.root_pem_path)],
                                   capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and "验证通过 / VERIFIED" in proc.stdout, proc.stdout + proc.stderr
    assert proc.stdout.count("(时间戳 TSA ") == 6
    # Time-stamps from a TSA the verifier does not trust are named as such.
    stranger = tmp_path / "other-tsa.pem"
    stranger.write_bytes(Path(court_ca_pem(court)).read_bytes())  # a real root, but not this TSA's
    proc = await asyncio.to_thread(subprocess.run, [*cli, "--tsa-ca", str(stranger)],
                                   capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1 and proc.stdout.count("timestamp_untrusted") == 6, proc.stdout
    # The server's own check agrees, and the volume's chain in the database holds.
    status = (await world.clients["rec_clerk"].get(f"/api/hearings/{world.hid}/record")).json()
    r = (await world.clients["rec_judge2"].get(f"/api/records/{status['record']['id']}/verify")).json()
    assert r["ok"] and r["dossier_chain_problems"] == [] and len(r["signatures"]) == 6
    assert all(s["timestamped_at"] for s in r["signatures"]), r["signatures"]
    # The package's chain is the database's chain for the main volume.
    with zipfile.ZipFile(zip_path) as zf:
        chain = json.loads(zf.read("chain.json"))["entries"]
    assert chain == await dossier.chain(court.ctx.db.pool, uuid.UUID(world.case["id"]), "main")


def assert_pdfsig_trusts_every_signer(report) -> None:
    """pdfsig, trusting only the court CA, chains every signer to it.

    A quirk of poppler 22.12 with NSS: when signatures carry RFC 3161 time-stamps, a signer
    certificate that pdfsig already judged in the same file is reported every second time
    as "Unknown issue with Certificate or corrupted data" (reproduced with one key signing
    four fields: trusted, unknown, trusted, unknown; without time-stamps all four are
    trusted, and pyHanko and `courtroom verify` trust all of them). Here the clerk signs
    twice (the refusal stamp and the clerk's own field), so each signer's first signature
    must be trusted, and a repeat may show only that quirk."""
    seen = set()
    for s in report.signed:
        if s.signer not in seen:
            assert s.trusted, (s, report.text)
            seen.add(s.signer)
        else:
            assert s.trusted or s.certificate == "Unknown issue with Certificate or corrupted data.", (s, report.text)


def rewrite_zip(src: Path, dest: Path, name: str, change) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info, change(data) if info.filename == name else data)
    return dest


def run_verify(path: Path, ca: Path) -> tuple[int, str]:
    out = io.StringIO()
    rc = verify_main(argparse.Namespace(package=str(path), ca=str(ca)), out=out)
    return rc, out.getvalue()


def flip(data: bytes) -> bytes:
    at = data.index(b"stream\n", data.index(b"/Length")) + 200  # inside the first page's content
    return data[:at] + bytes([data[at] ^ 1]) + data[at + 1:]


def append_revision(data: bytes) -> bytes:
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    page = writer.find_page_for_modification(0)[0].get_object()
    page["/Contents"] = writer.add_object(generic.StreamObject(stream_data=b"BT /F1 24 Tf 100 700 Td (FORGED) Tj ET"))
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


async def test_tampering_fails_with_the_right_reason(court, world, tmp_path):
    zip_path = await package_zip(world, tmp_path)
    ca = court_ca_pem(court)
    with zipfile.ZipFile(zip_path) as zf:
        recording = next(n for n in zf.namelist() if n.startswith("recordings/"))
        recording_size = zf.getinfo(recording).file_size
    other = make_webm(tmp_path / "other.webm", freq=880.0).read_bytes()

    def drop_entry(data: bytes) -> bytes:
        doc = json.loads(data)
        doc["entries"].pop(1)
        return json.dumps(doc, ensure_ascii=False).encode()

    cases = {
        "flipped byte": ("record.pdf", flip, {"file_hash_mismatch", "signature_broken"}),
        "appended revision": ("record.pdf", append_revision, {"file_hash_mismatch", "file_size_mismatch",
                                                              "unsigned_revision", "modified_after_signing"}),
        "swapped recording": (recording, lambda _: other, {"file_hash_mismatch"} | (
            {"file_size_mismatch"} if len(other) != recording_size else set())),
        "removed chain entry": ("chain.json", drop_entry, {"chain_broken", "chain_entry_missing"}),
    }
    for label, (name, change, expected) in cases.items():
        bad = rewrite_zip(zip_path, tmp_path / f"{label.replace(' ', '-')}.zip", name, change)
        report = await asyncio.to_thread(verify_package, bad, load_certificate(ca))
        codes = {p.code for p in report.problems}
        assert codes == expected, (label, [str(p) for p in report.problems])
        rc, out = await asyncio.to_thread(run_verify, bad, ca)
        assert rc == 1 and "验证失败" in out, (label, out)
    rc, _ = await asyncio.to_thread(run_verify, zip_path, ca)
    assert rc == 0


# --- access through a signing token -----------------------------------------------------------------

async def test_a_signing_token_opens_only_its_own_hearing(court, world):
    token = world.tokens["plaintiff"]
    party = court.client()
    party.headers["authorization"] = f"Signing {token}"
    async with party:
        session = (await party.get("/api/signing/session")).json()
        assert session["me"]["name"] == "张三" and session["me"]["state"] == "signed"
        assert session["package_url"] == "/api/signing/package.zip"
        # Its own hearing: the record, the recordings (by range), the filed main-volume entries.
        assert (await party.get("/api/signing/record.pdf")).content.startswith(b"%PDF")
        r = await party.get(f"/api/recordings/{world.recordings['presiding_judge']}/media", headers={"range": "bytes=0-9"})
        assert r.status_code == 206 and len(r.content) == 10
        own = (await party.get("/api/signing/dossier")).json()["entries"]
        assert own and {e["volume"] for e in own} == {"main"} and {e["hearing_id"] for e in own} == {world.hid}
        assert (await party.get(f"/api/dossier/entries/{own[0]['id']}/content")).status_code == 200
        # Never another hearing's recording, never the deliberation's minutes.
        assert (await party.get(f"/api/recordings/{world.other_recording}/media")).status_code == 404
        secondary = await dossier.entries(court.ctx.db.pool, uuid.UUID(world.case["id"]), volume="secondary")
        assert secondary and all(e["hearing_id"] == world.deliberation_id for e in secondary)
        for e in secondary:
            assert (await party.get(f"/api/dossier/entries/{e['id']}/content")).status_code == 404
        # Staff routes do not take a signing token.
        assert (await party.get(f"/api/hearings/{world.hid}/transcript")).status_code == 401
        assert (await party.get(f"/api/cases/{world.case['id']}/dossier")).status_code == 401
        # A signing token is not a join token, nor the other way round.
        with pytest.raises(TokenError):
            await tokens.validate(court.ctx.db.pool, court.ctx.keys.join_token_key, token)
        # Signing again is refused; a revoked invitation opens nothing.
        assert (await party.post("/api/signing/prepare", json={})).status_code == 409
    status = (await world.clients["rec_clerk"].get(f"/api/hearings/{world.hid}/record")).json()
    jti = next(i["jti"] for i in status["invitations"] if i["field_name"].endswith("defendant"))
    r = await world.clients["rec_clerk"].post(f"/api/records/{status['record']['id']}/invitations/{jti}/revoke")
    assert r.status_code == 200
    async with court.client() as anon:
        r = await anon.get("/api/signing/session", headers={"authorization": f"Signing {world.tokens['defendant']}"})
        assert r.status_code == 401 and r.json()["error"]["code"] == "token_revoked"
        r = await anon.get("/api/signing/session", headers={"authorization": "Signing forged.token"})
        assert r.status_code == 401


async def test_secondary_volume_is_for_the_closed_sessions_members(court, world):
    """The deliberation (filed by the demo path) is in the secondary volume: its panel sees
    it; the case team's second clerk, who did not sit in it, does not."""
    demo = world.demo
    assert Path(demo["signed_pdf"]).is_file() and Path(demo["dossier_package"]).is_file()
    ca = load_certificate(court_ca_pem(court))
    report = await asyncio.to_thread(verify_package, Path(demo["dossier_package"]), ca)
    assert report.ok, [str(p) for p in report.problems]
    with zipfile.ZipFile(demo["dossier_package"]) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    assert manifest["volume"] == "secondary" and manifest["category"] == "合议笔录"
    assert [s["role"] for s in manifest["signers"]] == ["书记员", "审判员", "审判长"]
    panel = (await world.clients["rec_judge2"].get(f"/api/cases/{world.case['id']}/dossier")).json()
    assert {e["volume"] for e in panel["entries"]} == {"main", "secondary"}
    assert panel["chain_problems"] == {"main": [], "secondary": []}
    team = (await world.clients["rec_clerk2"].get(f"/api/cases/{world.case['id']}/dossier")).json()
    assert {e["volume"] for e in team["entries"]} == {"main"}
    secondary = [e for e in panel["entries"] if e["volume"] == "secondary"]
    assert (await world.clients["rec_clerk2"].get(f"/api/dossier/entries/{secondary[0]['id']}/content")).status_code == 404
    assert (await world.clients["rec_judge2"].get(f"/api/dossier/entries/{secondary[0]['id']}/content")).status_code == 200
    assert (await world.clients["rec_outsider"].get(f"/api/cases/{world.case['id']}/dossier")).status_code == 404


# --- push to an external dossier system ---------------------------------------------------------------

async def test_push_is_retried_with_one_idempotency_key_until_delivered(court, world):
    seen: list[tuple[str, str]] = []

    async def receive(request: Request) -> JSONResponse:
        body = await request.body()
        seen.append((request.headers["idempotency-key"], hashlib.sha256(body).hexdigest()))
        if len(seen) < 3:
            return JSONResponse({"error": "maintenance"}, status_code=503)
        return JSONResponse({"ok": True}, status_code=201)

    server = uvicorn.Server(uvicorn.Config(Starlette(routes=[Route("/dossier", receive, methods=["POST"])]),
                                           host="127.0.0.1", port=0, log_level="warning", lifespan="off"))
    task, port = await serve_uvicorn(server)
    ctx = court.ctx
    # This test drives the outbox by hand: pause the background service, if the server runs one.
    service = ctx.services.filing
    if service is not None:
        await service.stop()
    try:
        record = await records.active_for_hearing(ctx.db.pool, uuid.UUID(world.hid))
        async with ctx.db.pool.acquire() as conn:
            # The system is down (nothing listens), then in maintenance, then takes it.
            down = await dossier.enqueue_push(conn, record_id=record.id, url="http://127.0.0.1:9/dossier",
                                              package_sha256=record.package_sha256, idempotency_key="down-1")
            up = await dossier.enqueue_push(conn, record_id=record.id, url=f"http://127.0.0.1:{port}/dossier",
                                            package_sha256=record.package_sha256, idempotency_key="k-1")
        for _ in range(3):
            await ctx.db.execute("update dossier_outbox set next_attempt_at = now() where state = 'pending'")
            await outbox.deliver_due(ctx, timeout_s=5)
        rows = {r["idempotency_key"]: r for r in await dossier.outbox_for_record(ctx.db.pool, record.id)}
        assert rows["k-1"]["state"] == "delivered" and rows["k-1"]["attempts"] == 3 and rows["k-1"]["last_status"] == 201
        assert seen == [("k-1", record.package_sha256)] * 3
        assert rows["down-1"]["state"] == "pending" and rows["down-1"]["attempts"] == 3 and rows["down-1"]["last_error"]
        assert dossier.retry_delay(3) == 20.0 and dossier.retry_delay(50) == dossier.RETRY_CAP_S
        assert up != down
    finally:
        server.should_exit = True
        await task
        if service is not None:
            await service.start()
