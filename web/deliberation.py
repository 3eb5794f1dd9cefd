"""HTTP routes of closed sessions (合议, 审委会讨论) for their members, and the members' page.

Who may ask: a member of that session only, as court staff (session cookie or
`Authorization: Bearer`, seated in the session: web.auth.require_hearing_access) or with
their own join token for it (`Authorization: Join <token>`, bound to that session).
Everyone else is refused and the refusal is written to the audit log (web.auth.deny):
parties, members of other panels, the public, expired or foreign tokens. A refusal
never says whether the session exists (404) unless the caller can already see it.

    GET  /deliberations/{hearing_id}                          the members' page
    GET  /api/deliberations/{hearing_id}                      members, questions, votes, tallies, opinions, record
    GET  /api/deliberations/{hearing_id}/members              who sits, who votes, who chairs
    GET  /api/deliberations/{hearing_id}/transcript           the live minutes (decrypted)
    POST /api/deliberations/{hearing_id}/questions            presiding member: {text}
    GET  /api/deliberations/{hearing_id}/questions/{qid}      one question with its votes and tally
    POST /api/deliberations/{hearing_id}/questions/{qid}/close    presiding member
    POST /api/deliberations/{hearing_id}/questions/{qid}/vote     member, own: {choice, reason?}
    POST /api/deliberations/{hearing_id}/opinions             member, own: {text, question_id?, segment_ids?}
    GET  /api/deliberations/{hearing_id}/minutes              the minutes' content and signing state
    POST /api/deliberations/{hearing_id}/minutes/lock         presiding member or recorder, after the close
    GET  /api/deliberations/{hearing_id}/minutes.pdf          the minutes PDF with every signature so far
    POST /api/deliberations/{hearing_id}/minutes/sign         member (staff, password): sign with the server-held key
    GET  /api/deliberations/{hearing_id}/recordings           the session's recordings (play: /api/recordings/{id}/media)
    GET  /api/deliberations/{hearing_id}/dossier              the case's main volume + this session's secondary entries
    GET  /api/deliberations/{hearing_id}/dossier/{entry_id}   one of those files (decrypted when sealed)
    GET  /api/cases/{case_id}/secondary-volume.zip            export: the secondary volume's chain and the files
                                                              of the sessions the caller sat in
"""

from __future__ import annotations

import asyncio
import json
import queue
import threading
import uuid
import zipfile
from pathlib import Path
from typing import IO, Any, cast

from starlette.requests import Request
from starlette.responses import FileResponse, Response, StreamingResponse
from starlette.routing import Route

from courtroom.records import document, sealing, staff_signing
from models import audit, cases, deliberation, dossier, hearings, recordings, records, staff, transcripts
from models.casekeys import SEALED_KINDS
from models.credentials import TokenError
from models.hearings import Hearing, Participant
from web.auth import client_address, context, deny, participant_from_token, require_hearing_access, require_staff
from web.http import ApiError, Json, field, no_store, path_uuid, read_json

PAGES_DIR = Path(__file__).parent / "pages"
_TOKEN_REFUSALS_401 = frozenset({"token_expired", "token_invalid", "token_malformed", "token_unknown", "token_revoked"})


def _credential(request: Request, scheme: str) -> str | None:
    header = request.headers.get("authorization", "")
    if header.lower().startswith(scheme.lower() + " "):
        return header[len(scheme) + 1:].strip()
    return None


# --- who is asking ---------------------------------------------------------------------------

class Member:
    """A member of the session, as they asked: their seat, and their staff account if logged in."""

    def __init__(self, hearing: Hearing, seat: Participant, account: dict[str, Any] | None):
        self.hearing = hearing
        self.seat = seat
        self.account = account

    @property
    def voter(self) -> bool:
        return deliberation.is_voter(self.hearing, self.seat)

    @property
    def chair(self) -> bool:
        return deliberation.is_chair(self.hearing, self.seat)

    @property
    def recorder(self) -> bool:
        return self.seat.role.value in records.RECORDER_ROLES


async def _member(request: Request) -> Member:
    """The caller's seat in this closed session, or a logged refusal."""
    ctx = context(request)
    hearing_id = path_uuid(request, "hearing_id")
    join = _credential(request, "Join")
    if join is not None:
        try:
            seat = await participant_from_token(ctx, join, hearing_id)
        except TokenError as exc:
            status = 401 if exc.code in _TOKEN_REFUSALS_401 else 403
            raise await deny(ctx, request, status, exc.code, str(exc)) from None
        h = await hearings.get(ctx.db.pool, hearing_id)
        if h.kind.value not in SEALED_KINDS:
            raise await deny(ctx, request, 404, "not_found", "未找到 (not found)", who=seat.name, hearing_id=h.id,
                             member=True)
        return Member(h, seat, None)
    if _credential(request, "Signing") is not None:
        # A party's signing token opens its own hearing's record, never a closed session.
        raise await deny(ctx, request, 401, "login_required", "请以本院工作人员身份登录 (court staff only)")
    account = await require_staff(request)
    h = await require_hearing_access(request, account, hearing_id)
    if h.kind.value not in SEALED_KINDS:
        raise await deny(ctx, request, 404, "not_found", "未找到 (not found)", who=account["username"], hearing_id=h.id)
    staff_seat = await hearings.participant_for_staff(ctx.db.pool, h.id, account["id"])
    if staff_seat is None or staff_seat.state == "removed":  # require_hearing_access refuses these already
        raise await deny(ctx, request, 403, "forbidden", "您不是本次会议成员 (not a member)",
                         who=account["username"], hearing_id=h.id)
    return Member(h, staff_seat, account)


async def _refuse(request: Request, m: Member, status: int, code: str, message: str) -> ApiError:
    return await deny(context(request), request, status, code, message, who=m.seat.name, hearing_id=m.hearing.id,
                      member=True)


async def _key(request: Request, m: Member) -> bytes:
    key = await sealing.key_for_hearing(context(request), m.hearing.id)
    assert key is not None  # closed sessions always have one
    return key


def _error(exc: deliberation.DeliberationError) -> ApiError:
    return ApiError(exc.status, exc.code, str(exc))


def _me(m: Member) -> dict[str, Any]:
    return {**m.seat.to_json(), "voter": m.voter, "chair": m.chair, "recorder": m.recorder,
            "staff_session": m.account is not None}


async def _record_state(request: Request, m: Member) -> dict[str, Any]:
    pool = context(request).db.pool
    record = await records.active_for_hearing(pool, m.hearing.id)
    out: dict[str, Any] = {"locked": await transcripts.is_locked(pool, m.hearing.id), "record": record, "signers": []}
    out["state"] = record.state if record else ("locked" if out["locked"] else "draft")
    out["state_label"] = records.STATE_LABELS[out["state"]]
    if record is not None:
        signers = await records.signers(pool, record.id)
        out["signers"] = [{**s.to_json(), "may_act": records.may_act(signers, s.field_name)} for s in signers]
        mine = next((s for s in signers if s.participant_id == m.seat.id), None)
        out["my_field"] = mine.field_name if mine else None
        out["may_sign"] = bool(mine and records.may_act(signers, mine.field_name) and m.account is not None)
        out["pdf_url"] = f"/api/deliberations/{m.hearing.id}/minutes.pdf"
        if record.state == "filed":
            out["entries"] = [e for e in await dossier.entries(pool, m.hearing.case_id, volume="secondary",
                                                               hearing_ids=[m.hearing.id])
                              if e["record_id"] == str(record.id)]
    out["may_lock"] = (m.chair or m.recorder) and m.hearing.state.value == "closed" and record is None
    return out


# --- the session -----------------------------------------------------------------------------

async def overview(request: Request) -> Json:
    m = await _member(request)
    ctx = context(request)
    data = await deliberation.overview(ctx.db.pool, await _key(request, m), m.hearing.id)
    case = await cases.get_case(ctx.db.pool, m.hearing.case_id)
    room = ctx.rooms.get(m.hearing.id)
    for member in data["members"]:
        member["online"] = bool(room and room.is_online(uuid.UUID(member["participant_id"])))
    return no_store(Json({**data, "me": _me(m), "court": ctx.settings.court_name,
                           "case": {"id": case.id, "case_number": case.case_number, "cause": case.cause},
                           "minutes": await _record_state(request, m)}))


async def members(request: Request) -> Json:
    m = await _member(request)
    people = deliberation.member_order(
        [p for p in await hearings.participants(context(request).db.pool, m.hearing.id) if p.state != "removed"])
    return no_store(Json({"members": [{**p.to_json(), "voter": deliberation.is_voter(m.hearing, p),
                                        "chair": deliberation.is_chair(m.hearing, p)} for p in people]}))


async def live_transcript(request: Request) -> Json:
    m = await _member(request)
    pool = context(request).db.pool
    segments = await transcripts.list_for_hearing(pool, m.hearing.id, seal_key=await _key(request, m))
    for s in segments:
        s.pop("words", None)
    return no_store(Json({"hearing": m.hearing, "segments": segments,
                           "locked": await transcripts.is_locked(pool, m.hearing.id)}))


async def _publish(request: Request, m: Member, event: str, **payload: Any) -> None:
    """Tell the live room (members only) that the questions or opinions changed."""
    room = context(request).rooms.get(m.hearing.id)
    if room is not None:
        await room.broadcast({"type": "deliberation", "event": event, **payload}, admitted_only=True)


async def put_question(request: Request) -> Json:
    m = await _member(request)
    if not m.chair:
        raise await _refuse(request, m, 403, "chair_only", "仅审判长（主持人）可以提出评议事项 (presiding member only)")
    data = await read_json(request)
    try:
        async with context(request).db.pool.acquire() as conn:
            q = await deliberation.put_question(conn, await _key(request, m), m.hearing.id, m.seat,
                                                field(data, "text", max_len=deliberation.MAX_TEXT))
    except deliberation.DeliberationError as exc:
        raise _error(exc) from None
    await _publish(request, m, "question_put", question_id=str(q.id))
    return Json({"question": {"id": str(q.id), "number": q.number, "text": q.text, "state": q.state}},
                status_code=201)


async def _question_json(request: Request, m: Member, question_id: uuid.UUID) -> dict[str, Any]:
    data = await deliberation.overview(context(request).db.pool, await _key(request, m), m.hearing.id)
    q = next((q for q in data["questions"] if q["id"] == str(question_id)), None)
    if q is None:
        raise ApiError(404, "not_found", "无此评议事项 (no such question)")
    return q


async def get_question(request: Request) -> Json:
    m = await _member(request)
    return no_store(Json({"question": await _question_json(request, m, path_uuid(request, "question_id"))}))


async def close_question(request: Request) -> Json:
    m = await _member(request)
    if not m.chair:
        raise await _refuse(request, m, 403, "chair_only", "仅审判长（主持人）可以结束表决 (presiding member only)")
    qid = path_uuid(request, "question_id")
    try:
        async with context(request).db.pool.acquire() as conn:
            await deliberation.close_question(conn, await _key(request, m), m.hearing.id, qid, m.seat)
    except deliberation.DeliberationError as exc:
        raise _error(exc) from None
    await _publish(request, m, "question_closed", question_id=str(qid))
    return Json({"question": await _question_json(request, m, qid)})


async def vote(request: Request) -> Json:
    m = await _member(request)
    if not m.voter:
        raise await _refuse(request, m, 403, "not_a_voter", "您不是本次评议的表决成员 (you do not vote here)")
    qid = path_uuid(request, "question_id")
    data = await read_json(request)
    reason = data.get("reason") or ""
    if not isinstance(reason, str):
        raise ApiError(400, "bad_field", "理由须为文本 (reason must be text)")
    try:
        async with context(request).db.pool.acquire() as conn:
            cast = await deliberation.cast_vote(conn, await _key(request, m), m.hearing.id, qid, m.seat,
                                                field(data, "choice", max_len=20), reason)
    except deliberation.DeliberationError as exc:
        raise _error(exc) from None
    await _publish(request, m, "vote", question_id=str(qid))
    return Json({"vote": cast, "question": await _question_json(request, m, qid)})


async def opinion(request: Request) -> Json:
    m = await _member(request)
    if not m.voter:
        raise await _refuse(request, m, 403, "not_a_voter", "仅评议成员可以发表意见 (members only)")
    data = await read_json(request, limit=64 * 1024)
    raw_segments = data.get("segment_ids") or []
    if not isinstance(raw_segments, list) or len(raw_segments) > 100:
        raise ApiError(400, "bad_field", "segment_ids 须为发言段标识列表 (a list of segment ids)")
    try:
        segment_ids = [uuid.UUID(str(s)) for s in raw_segments]
    except ValueError:
        raise ApiError(400, "bad_field", "segment_ids 含无效标识 (bad segment id)") from None
    try:
        async with context(request).db.pool.acquire() as conn:
            saved = await deliberation.record_opinion(
                conn, await _key(request, m), m.hearing.id, m.seat, field(data, "text", max_len=deliberation.MAX_TEXT),
                question_id=field(data, "question_id", uuid.UUID, required=False), segment_ids=segment_ids)
    except deliberation.DeliberationError as exc:
        raise _error(exc) from None
    await _publish(request, m, "opinion", opinion_id=saved["id"])
    return Json({"opinion": saved}, status_code=201)


# --- minutes ---------------------------------------------------------------------------------

async def minutes(request: Request) -> Json:
    m = await _member(request)
    ctx = context(request)
    key = await _key(request, m)
    data = await deliberation.overview(ctx.db.pool, key, m.hearing.id)
    segments = await transcripts.list_for_hearing(ctx.db.pool, m.hearing.id, seal_key=key)
    return no_store(Json({"questions": data["questions"], "opinions": data["opinions"], "members": data["members"],
                           "transcript": [{k: s[k] for k in ("id", "speaker_label", "participant_id", "start", "end",
                                                             "text")} for s in segments],
                           "state": await _record_state(request, m)}))


async def lock_minutes(request: Request) -> Json:
    m = await _member(request)
    if not (m.chair or m.recorder):
        raise await _refuse(request, m, 403, "forbidden", "仅审判长（主持人）或书记员可以锁定笔录 (presiding member or clerk)")
    try:
        await document.lock_and_render(context(request), m.hearing.id, m.seat.actor)
    except records.RecordError as exc:
        raise ApiError(409, exc.code, str(exc)) from None
    await _publish(request, m, "minutes_locked")
    return Json(await _record_state(request, m))


async def minutes_pdf(request: Request) -> Response:
    m = await _member(request)
    ctx = context(request)
    record = await records.active_for_hearing(ctx.db.pool, m.hearing.id)
    if record is None:
        raise ApiError(404, "no_minutes", "笔录尚未生成 (the minutes are not rendered yet)")
    which = record.rendered_sha256 if request.query_params.get("version") == "rendered" else record.current_sha256
    data = await document.read_blob(ctx, m.hearing.id, which)
    return no_store(Response(data, media_type="application/pdf",
                              headers={"content-disposition": f"inline; filename=\"minutes-{record.id}.pdf\""}))


async def sign_minutes(request: Request) -> Json:
    m = await _member(request)
    ctx = context(request)
    if m.account is None:
        raise await _refuse(request, m, 401, "login_required", "签名须以本人账号登录并输入密码 (log in to sign)")
    data = await read_json(request, limit=4096)
    password = field(data, "password", max_len=256)
    try:  # throttled like log-in: a taken-over session cannot guess the password here
        async with ctx.db.pool.acquire() as conn:
            confirmed = await staff.confirm_password(conn, m.account, password, source=client_address(request))
    except staff.LoginThrottled as exc:
        raise ApiError(429, "too_many_attempts",
                       f"密码错误次数过多，请 {exc.retry_after} 秒后再试 (too many wrong passwords)") from None
    if not confirmed:
        raise await _refuse(request, m, 403, "bad_password", "密码错误，未签名 (wrong password; nothing signed)")
    record = await records.active_for_hearing(ctx.db.pool, m.hearing.id)
    if record is None:
        raise ApiError(409, "no_minutes", "笔录尚未锁定生成 (lock the minutes first)")
    try:
        await staff_signing.sign_as_staff(ctx, record.id, m.seat.id, m.seat.actor, password=password)
    except records.RecordError as exc:
        status = {"not_a_signer": 403, "tsa_unavailable": 503}.get(exc.code, 409)
        raise ApiError(status, exc.code, str(exc)) from None
    await _publish(request, m, "minutes_signed")
    return Json(await _record_state(request, m))


async def session_recordings(request: Request) -> Json:
    m = await _member(request)
    rows = await recordings.for_hearing(context(request).db.pool, m.hearing.id)
    return no_store(Json({"recordings": [{**recordings.to_json(r), "path": None, "sealed": r["path"].endswith(".enc"),
                                           "url": f"/api/recordings/{r['id']}/media"} for r in rows]}))


# --- the dossier beside the minutes ------------------------------------------------------------

async def _shared_entries(request: Request, m: Member) -> list[dict[str, Any]]:
    """The case's main volume (the signed hearing record, evidence) and this session's own
    secondary entries: what a member may read during the deliberation."""
    out = []
    for e in await dossier.entries(context(request).db.pool, m.hearing.case_id):
        if e["volume"] == "main" or e["hearing_id"] == str(m.hearing.id):
            out.append({**e, "url": f"/api/deliberations/{m.hearing.id}/dossier/{e['id']}"})
    return out


async def shared_dossier(request: Request) -> Json:
    m = await _member(request)
    return no_store(Json({"entries": await _shared_entries(request, m)}))


async def shared_entry(request: Request) -> Response:
    from web.record_access import blob_response

    m = await _member(request)
    entry_id = path_uuid(request, "entry_id")
    entry = next((e for e in await _shared_entries(request, m) if e["id"] == str(entry_id)), None)
    if entry is None:
        raise await _refuse(request, m, 404, "not_found", "未找到 (not found)")
    case_id = m.hearing.case_id if entry["volume"] == "secondary" else None
    return await blob_response(request, None, case_id, entry["sha256"], entry["media_type"],
                               Path(entry["path"] or entry["entry_id"]).name)


# --- export of the secondary volume ------------------------------------------------------------

class _QueueWriter:
    """A write-only file for zipfile (unseekable: it writes data descriptors) whose bytes
    go to an async response through a bounded queue."""

    def __init__(self, q: "queue.Queue[bytes | None]", cancelled: threading.Event):
        self.q = q
        self.cancelled = cancelled

    def write(self, data: bytes) -> int:
        while data:
            try:
                self.q.put(bytes(data), timeout=0.5)
                break
            except queue.Full:
                if self.cancelled.is_set():  # the client went away: stop building
                    raise OSError("export cancelled") from None
        return len(data)

    def flush(self) -> None:
        pass


async def export_secondary(request: Request) -> Response:
    """The secondary volume's chain (all of it: hashes and names only) and the files of the
    sessions the caller sat in, decrypted: for the court's archive. Staff members only."""
    ctx = context(request)
    case_id = path_uuid(request, "case_id")
    if _credential(request, "Join") is not None or _credential(request, "Signing") is not None:
        raise await deny(ctx, request, 401, "login_required", "副卷导出须以本院工作人员身份登录 (court staff only)")
    account = await require_staff(request)
    pool = ctx.db.pool
    seated = await hearings.seated_hearing_ids(pool, case_id, account["id"], closed_sessions_only=True)
    if not seated:
        raise await deny(ctx, request, 404, "not_found", "未找到 (not found)", who=account["username"])
    case = await cases.get_case(pool, case_id)
    entries = [e for e in await dossier.entries(pool, case_id, volume="secondary")
               if e["hearing_id"] and uuid.UUID(e["hearing_id"]) in seated]
    chain = await dossier.chain(pool, case_id, "secondary")
    problems = await dossier.verify(pool, case_id, "secondary")
    scope = sealing.BlobScope(case_id, await sealing.case_key(ctx, case_id))
    opened = []
    for e in entries:
        try:
            # Each file as the chain names it: sealed blobs decrypted to the bytes their sha256
            # names; recordings, filed as sealed streams, as they are (open them with the case key).
            opened.append((e, *await sealing.open_blob(ctx, scope, e["sha256"], open_streams=False)))
        except LookupError:
            raise ApiError(404, "not_found", f"副卷文件不在本地存储：{e['path']} (file not in local storage)") from None
    async with pool.acquire() as conn:
        await audit.append(conn, "dossier.secondary_exported", audit.Actor(account["display_name"], account["position"]),
                           case_id=case_id, detail={"entries": len(entries), "chain_problems": len(problems),
                                                    "sessions": sorted(str(h) for h in seated)})
    index = {"format": "courtroom-secondary-volume-export/1", "case_number": case.case_number, "volume": "secondary",
             "exported_by": account["display_name"], "chain_problems": problems,
             "entries": [{k: e[k] for k in ("seq", "entry_id", "kind", "category", "title", "sha256", "size",
                                           "media_type", "hearing_id", "hash")} | {"file": _export_name(e)}
                         for e in entries]}
    q: "queue.Queue[bytes | None]" = queue.Queue(maxsize=16)
    cancelled = threading.Event()

    def build() -> None:
        try:
            with zipfile.ZipFile(cast(IO[bytes], _QueueWriter(q, cancelled)), "w", compression=zipfile.ZIP_STORED) as zf:
                zf.writestr("export.json", json.dumps(index, ensure_ascii=False, indent=1, default=str))
                zf.writestr("chain.json", json.dumps({"entries": chain}, ensure_ascii=False, indent=1, default=str))
                for e, path, reader in opened:
                    with zf.open(zipfile.ZipInfo(_export_name(e), date_time=(1980, 1, 1, 0, 0, 0)), "w",
                                 force_zip64=True) as out:
                        if reader is None:
                            with open(path, "rb") as fh:
                                while block := fh.read(1 << 20):
                                    out.write(block)
                        else:
                            with reader:
                                for block in reader.iter_plaintext(chunk=1 << 20):
                                    out.write(block)
        except OSError:
            pass
        finally:
            for _, _, reader in opened:
                if reader is not None:
                    reader.close()
            try:
                q.put(None, timeout=5)
            except queue.Full:
                pass

    threading.Thread(target=build, name="secondary-export", daemon=True).start()

    async def body():
        try:
            while (block := await asyncio.to_thread(q.get)) is not None:
                yield block
        finally:
            cancelled.set()

    name = f"secondary-volume-{case_id}.zip"
    return StreamingResponse(body(), media_type="application/zip",
                             headers={"cache-control": "private, no-store",
                                      "content-disposition": f"attachment; filename=\"{name}\""})


def _export_name(e: dict[str, Any]) -> str:
    return f"{e['hearing_id']}/{e['seq']:05d}-{Path(e['path'] or e['entry_id']).name}"


# --- page ------------------------------------------------------------------------------------

async def page(request: Request) -> Response:
    return FileResponse(PAGES_DIR / "deliberation.html", media_type="text/html; charset=utf-8",
                        headers={"cache-control": "no-store"})


routes = [
    Route("/deliberations/{hearing_id}", page),
    Route("/api/deliberations/{hearing_id}", overview),
    Route("/api/deliberations/{hearing_id}/members", members),
    Route("/api/deliberations/{hearing_id}/transcript", live_transcript),
    Route("/api/deliberations/{hearing_id}/questions", put_question, methods=["POST"]),
    Route("/api/deliberations/{hearing_id}/questions/{question_id}", get_question),
    Route("/api/deliberations/{hearing_id}/questions/{question_id}/close", close_question, methods=["POST"]),
    Route("/api/deliberations/{hearing_id}/questions/{question_id}/vote", vote, methods=["POST"]),
    Route("/api/deliberations/{hearing_id}/opinions", opinion, methods=["POST"]),
    Route("/api/deliberations/{hearing_id}/minutes", minutes),
    Route("/api/deliberations/{hearing_id}/minutes/lock", lock_minutes, methods=["POST"]),
    Route("/api/deliberations/{hearing_id}/minutes.pdf", minutes_pdf),
    Route("/api/deliberations/{hearing_id}/minutes/sign", sign_minutes, methods=["POST"]),
    Route("/api/deliberations/{hearing_id}/recordings", session_recordings),
    Route("/api/deliberations/{hearing_id}/dossier", shared_dossier),
    Route("/api/deliberations/{hearing_id}/dossier/{entry_id}", shared_entry, methods=["GET", "HEAD"]),
    Route("/api/cases/{case_id}/secondary-volume.zip", export_secondary),
]
