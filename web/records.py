"""HTTP routes of the record: transcript corrections, lock and reopen, recordings by byte
range, signing (court staff with server-held keys, parties with browser-held keys), the
dossier and its verification; and the two pages (record desk, party signing page).

Two kinds of caller:
- court staff (session cookie or `Authorization: Bearer`), seen through their seat in
  the hearing (web.auth.require_hearing_access: deny by default, closed sessions to
  their members only);
- a party holding a signing invitation (`Authorization: Signing <token>`): the token
  opens one record of one hearing for one participant, to read it, its recordings and
  its filed main-volume entries, and to sign or refuse; never a deliberation, never
  another hearing.

A closed session's transcript, recordings, PDFs and filed files are sealed at rest
(courtroom.records.sealing): once web.auth has let a member in, these routes decrypt them for
that member, byte ranges included; nobody else ever gets past the access check."""

from __future__ import annotations

import asyncio
import base64
import binascii
import datetime as dt
import difflib
import uuid
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from courtroom.records import document, filing, keys, party_signing, sealing, signatures, staff_signing
from courtroom.records.transcript_edits import EditRefused, apply_edit, may_edit, publish
from models import audit, cases, dossier, hearings, recordings, records, transcripts
from models.credentials import TokenError, verify_password
from models.domain import CHAIR_ROLES, HearingKind
from signing.seal import SealedError
from web.auth import context, deny, require_hearing_access, require_staff
from web.http import ApiError, Json, field, path_uuid, read_json
from web.ranged import ranged_response

PAGES_DIR = Path(__file__).parent / "pages"
INVITATION_LIFETIME_S = 3 * 24 * 3600


# HTTP status by RecordError code; anything else is a conflict with the record's state (409).
_STATUS = {"reason_required": 400, "identity_unconfirmed": 400, "bad_nonce": 400, "bad_key": 400, "bad_proof": 400,
           "bad_signature": 400, "not_a_party_field": 400, "not_a_signer": 403, "staff_cannot_refuse": 403,
           "no_pending_signature": 404, "pending_expired": 410, "tsa_unavailable": 503}


def _record_error(exc: records.RecordError) -> ApiError:
    return ApiError(_STATUS.get(exc.code, exc.status), exc.code, str(exc))


def _no_store(response: Response) -> Response:
    response.headers["cache-control"] = "private, no-store"
    return response


# --- who is asking --------------------------------------------------------------------------

async def _staff_hearing(request: Request) -> tuple[dict[str, Any], hearings.Hearing, hearings.Participant | None]:
    account = await require_staff(request)
    h = await require_hearing_access(request, account, path_uuid(request, "hearing_id"))
    seat = await hearings.participant_for_staff(context(request).db.pool, h.id, account["id"])
    return account, h, seat


async def _staff_record(request: Request) -> tuple[dict[str, Any], records.Record, hearings.Hearing,
                                                   hearings.Participant | None]:
    account = await require_staff(request)
    ctx = context(request)
    try:
        record = await records.get(ctx.db.pool, path_uuid(request, "record_id"))
    except LookupError:
        raise ApiError(404, "not_found", "未找到 (not found)") from None
    h = await require_hearing_access(request, account, record.hearing_id)
    seat = await hearings.participant_for_staff(ctx.db.pool, h.id, account["id"])
    return account, record, h, seat


async def _require_seat(request: Request, account: dict[str, Any], h: hearings.Hearing,
                        seat: hearings.Participant | None, allowed: frozenset[str], what: str) -> hearings.Participant:
    if seat is None or seat.state == "removed" or seat.role.value not in allowed:
        raise await deny(context(request), request, 403, "forbidden", f"仅{what}可以操作 (not permitted)",
                         who=account["username"], hearing_id=h.id)
    return seat


def _signing_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("signing "):
        return header[8:].strip()
    return None


async def _invitation(request: Request) -> records.Invitation:
    ctx = context(request)
    token = _signing_token(request)
    if not token:
        raise await deny(ctx, request, 401, "signing_token_required", "缺少签名令牌 (signing token required)")
    try:
        invitation = await records.read_invitation(ctx.db.pool, ctx.keys.join_token_key, token)
    except (TokenError, LookupError) as exc:
        code = exc.code if isinstance(exc, TokenError) else "token_unknown"
        raise await deny(ctx, request, 401, code, str(exc) if isinstance(exc, TokenError) else "签名令牌无效") from None
    h = await hearings.get(ctx.db.pool, invitation.hearing_id)
    if h.kind != HearingKind.HEARING:  # parties never reach a closed session's record
        raise await deny(ctx, request, 403, "forbidden", "无权访问 (not permitted)", hearing_id=h.id)
    return invitation


def _party_actor(signer: records.Signer) -> audit.Actor:
    return audit.Actor(signer.name, signer.role)


async def _my_signer(ctx, invitation: records.Invitation) -> records.Signer:
    return next(s for s in await records.signers(ctx.db.pool, invitation.record_id)
                if s.field_name == invitation.field_name)


# --- transcript -----------------------------------------------------------------------------

def _text_diff(before: str | None, after: str | None) -> list[dict[str, str]]:
    a, b = before or "", after or ""
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append({"op": "equal", "text": a[i1:i2]})
        else:
            if i2 > i1:
                out.append({"op": "delete", "text": a[i1:i2]})
            if j2 > j1:
                out.append({"op": "insert", "text": b[j1:j2]})
    return out


async def get_transcript(request: Request) -> Json:
    account, h, seat = await _staff_hearing(request)
    pool = context(request).db.pool
    key = await sealing.key_for_hearing(context(request), h.id)  # closed session: its members only got here
    since_text = request.query_params.get("since")
    now = await pool.fetchval("select now()")
    if since_text:
        try:
            since = dt.datetime.fromisoformat(since_text)
        except ValueError:
            raise ApiError(400, "bad_field", "since 须为 ISO 时间 (ISO 8601 time)") from None
        if since.tzinfo is None:
            since = since.replace(tzinfo=dt.timezone.utc)
        rows = await pool.fetch("select * from transcript_segments where hearing_id = $1 and updated_at > $2"
                                " order by start_s, created_at", h.id, since)
        segments = [transcripts.segment_json(r, key) for r in rows]
    else:
        segments = await transcripts.list_for_hearing(pool, h.id, include_deleted=True, seal_key=key)
    for s in segments:
        s.pop("words", None)  # word times stay in the database; the page needs none
    people = await hearings.participants(pool, h.id)
    return _no_store(Json({
        "hearing": h, "segments": segments, "since": since_text, "now": now.isoformat(),
        "locked": await transcripts.is_locked(pool, h.id),
        "participants": [p.to_json() for p in people if p.state != "removed"],
        "recordings": [recordings.to_json(r) for r in await recordings.for_hearing(pool, h.id)],
        "can_edit": may_edit(seat),
    }))


async def get_revisions(request: Request) -> Json:
    account, h, seat = await _staff_hearing(request)
    segment_id = request.query_params.get("segment_id")
    try:
        sid = uuid.UUID(segment_id) if segment_id else None
    except ValueError:
        raise ApiError(400, "bad_field", "segment_id 无效 (bad segment_id)") from None
    key = await sealing.key_for_hearing(context(request), h.id)
    revs = await transcripts.revisions(context(request).db.pool, h.id, sid, seal_key=key)
    for r in revs:
        r["diff"] = _text_diff((r["before"] or {}).get("text"), (r["after"] or {}).get("text"))
    return _no_store(Json({"revisions": revs}))


async def edit_transcript(request: Request) -> Response:
    account, h, seat = await _staff_hearing(request)
    if not may_edit(seat):
        raise await deny(context(request), request, 403, "forbidden",
                         "仅书记员和审判长可以修改笔录 (clerk and presiding judge only)",
                         who=account["username"], hearing_id=h.id)
    data = await read_json(request)
    ctx = context(request)
    try:
        result = await apply_edit(ctx, h.id, request.path_params["op"], data, seat)
    except EditRefused as exc:
        body: dict[str, Any] = {"error": {"code": exc.code, "message": str(exc)}}
        if exc.current is not None:
            body["current"] = exc.current
        return Json(body, status_code=exc.status)
    await publish(ctx, h.id, result)
    return Json(result)


# --- lock, reopen, status -------------------------------------------------------------------

async def _status(ctx, h: hearings.Hearing, seat: hearings.Participant | None, *, staff: bool) -> dict[str, Any]:
    pool = ctx.db.pool
    locked = await transcripts.is_locked(pool, h.id)
    record = await records.active_for_hearing(pool, h.id)
    out: dict[str, Any] = {"hearing": h, "locked": locked, "record": record, "signers": [], "invitations": [],
                           "entries": [], "push": []}
    out["state"] = record.state if record else ("locked" if locked else "draft")
    out["state_label"] = records.STATE_LABELS[out["state"]]
    attempts = await pool.fetchval("select count(*) from hearing_records where hearing_id = $1", h.id)
    out["superseded"] = max(0, attempts - (1 if record else 0))
    if record is not None:
        signers = await records.signers(pool, record.id)
        out["signers"] = [{**s.to_json(), "may_act": records.may_act(signers, s.field_name)} for s in signers]
        out["pdf_url"] = f"/api/records/{record.id}/pdf"
        if staff:
            latest: dict[str, records.Invitation] = {}
            for inv in await records.invitations(pool, record.id):
                latest[inv.field_name] = inv
            out["invitations"] = [inv.to_json() for inv in latest.values()]
            out["push"] = await dossier.outbox_for_record(pool, record.id)
        if record.state == "filed":
            out["package_url"] = f"/api/records/{record.id}/package.zip"
            out["entries"] = [e for e in await dossier.entries(pool, h.case_id, hearing_ids=[h.id])
                              if e["record_id"] == str(record.id)]
    if seat is not None:
        mine = next((s for s in out["signers"] if s["participant_id"] == str(seat.id)), None)
        out["me"] = {"participant_id": str(seat.id), "role": seat.role.value, "can_edit": may_edit(seat),
                     "can_lock": seat.role.value in records.RECORDER_ROLES,
                     "can_reopen": seat.role in CHAIR_ROLES[h.kind.value],
                     "field_name": mine["field_name"] if mine else None,
                     "may_sign": bool(mine and mine["may_act"] and mine["key_holder"] == "server")}
    return out


async def record_status(request: Request) -> Json:
    account, h, seat = await _staff_hearing(request)
    return _no_store(Json(await _status(context(request), h, seat, staff=True)))


async def lock_record(request: Request) -> Json:
    account, h, seat = await _staff_hearing(request)
    seat = await _require_seat(request, account, h, seat, records.RECORDER_ROLES, "书记员")
    ctx = context(request)
    try:
        await document.lock_and_render(ctx, h.id, seat.actor)
    except records.RecordError as exc:
        raise _record_error(exc) from None
    await publish(ctx, h.id, {"type": "transcript-locked", "hearing_id": str(h.id)})
    return Json(await _status(ctx, h, seat, staff=True))


async def reopen_record(request: Request) -> Json:
    account, h, seat = await _staff_hearing(request)
    seat = await _require_seat(request, account, h, seat, frozenset(r.value for r in CHAIR_ROLES[h.kind.value]),
                               "审判长")
    data = await read_json(request)
    ctx = context(request)
    try:
        await document.reopen(ctx, h.id, seat.actor, field(data, "reason", max_len=500))
    except records.RecordError as exc:
        raise _record_error(exc) from None
    await publish(ctx, h.id, {"type": "transcript-reopened", "hearing_id": str(h.id)})
    return Json(await _status(ctx, h, seat, staff=True))


# --- signing by court staff --------------------------------------------------------------------

def _pdf_response(data: bytes, name: str) -> Response:
    return _no_store(Response(data, media_type="application/pdf",
                              headers={"content-disposition": f"inline; filename=\"{name}\""}))


async def record_pdf(request: Request) -> Response:
    account, record, h, seat = await _staff_record(request)
    which = record.rendered_sha256 if request.query_params.get("version") == "rendered" else record.current_sha256
    data = await document.read_blob(context(request), h.id, which)
    return _pdf_response(data, f"record-{record.id}.pdf")


async def staff_sign(request: Request) -> Json:
    account, record, h, seat = await _staff_record(request)
    ctx = context(request)
    if seat is None:
        raise ApiError(403, "not_a_signer", "您不在本笔录的签名人之列 (not a signer of this record)")
    data = await read_json(request, limit=4096)
    password = field(data, "password", max_len=256)
    stored = await ctx.db.fetchval("select password_hash from staff where id = $1", account["id"])
    if not await asyncio.to_thread(verify_password, password, stored or ""):
        raise await deny(ctx, request, 403, "bad_password", "密码错误，未签名 (wrong password; nothing signed)",
                         who=account["username"], hearing_id=h.id)
    try:
        record = await staff_signing.sign_as_staff(ctx, record.id, seat.id, seat.actor)
    except records.RecordError as exc:
        raise _record_error(exc) from None
    return Json(await _status(ctx, h, seat, staff=True))


async def create_invitation(request: Request) -> Json:
    account, record, h, seat = await _staff_record(request)
    seat = await _require_seat(request, account, h, seat, records.RECORDER_ROLES, "书记员")
    data = await read_json(request)
    if data.get("identity_confirmed") is not True:
        raise ApiError(400, "identity_unconfirmed",
                       "请先核验签名人身份（证件或人脸核验），再生成签名邀请 (confirm the signer's identity first)")
    lifetime = field(data, "lifetime_s", int, required=False, default=INVITATION_LIFETIME_S)
    if not 300 <= lifetime <= 14 * 24 * 3600:
        raise ApiError(400, "bad_field", "有效期须在 5 分钟到 14 天之间 (lifetime 300 s .. 14 days)")
    ctx = context(request)
    try:
        token, invitation = await party_signing.issue_invitation(
            ctx, record.id, field(data, "participant_id", uuid.UUID),
            identity_method=field(data, "identity_method", max_len=200), lifetime_s=lifetime,
            issued_by=account["id"], actor=seat.actor)
    except records.RecordError as exc:
        raise _record_error(exc) from None
    return Json({"token": token, "invitation": invitation.to_json(),
                 "sign_url": f"{request.base_url}sign#{token}"}, status_code=201)


async def revoke_invitation(request: Request) -> Json:
    account, record, h, seat = await _staff_record(request)
    seat = await _require_seat(request, account, h, seat, records.RECORDER_ROLES, "书记员")
    async with context(request).db.pool.acquire() as conn:
        done = await records.revoke_invitation(conn, record, path_uuid(request, "jti"), seat.actor)
    if not done:
        raise ApiError(404, "not_found", "未找到 (not found)")
    return Json({"ok": True})


async def record_refusal(request: Request) -> Json:
    """The clerk records a party's refusal made in the courtroom (the party need not be online)."""
    account, record, h, seat = await _staff_record(request)
    seat = await _require_seat(request, account, h, seat, records.RECORDER_ROLES, "书记员")
    data = await read_json(request)
    pid = field(data, "participant_id", uuid.UUID)
    ctx = context(request)
    signer = next((s for s in await records.signers(ctx.db.pool, record.id) if s.participant_id == pid), None)
    if signer is None:
        raise ApiError(400, "not_a_signer", "该参与人不在本笔录的签名人之列 (not a signer of this record)")
    try:
        await signatures.refuse(ctx, record.id, signer.field_name, field(data, "reason", max_len=500), seat.actor)
    except records.RecordError as exc:
        raise _record_error(exc) from None
    return Json(await _status(ctx, h, seat, staff=True))


async def retry_filing(request: Request) -> Json:
    account, record, h, seat = await _staff_record(request)
    seat = await _require_seat(request, account, h, seat, records.RECORDER_ROLES, "书记员")
    ctx = context(request)
    try:
        await filing.file_record(ctx, record.id, seat.actor)
    except records.RecordError as exc:
        raise _record_error(exc) from None
    return Json(await _status(ctx, h, seat, staff=True))


async def blob_response(request: Request, hearing_id: uuid.UUID | None, case_id: uuid.UUID | None, sha256: str,
                        media_type: str | None, filename: str) -> Response:
    """A blob as a download with byte ranges: a plain file as it is, a sealed one (a
    closed session's) decrypted as it is sent. The caller checked who is asking."""
    ctx = context(request)
    if hearing_id is not None:
        scope = await sealing.scope_for_hearing(ctx, hearing_id)
    elif case_id is not None:
        scope = sealing.BlobScope(case_id, await sealing.case_key(ctx, case_id))
    else:
        scope = sealing.PLAIN
    try:
        path, reader = await sealing.open_blob(ctx, scope, sha256)
    except LookupError:
        raise ApiError(404, "not_found", "文件不在本地存储 (file not in local storage)") from None
    except SealedError as exc:
        raise ApiError(500, "sealed_blob_damaged", f"加密存储的文件无法解密：{exc}") from None
    if reader is None:
        return FileResponse(path, media_type=media_type, filename=filename,
                            headers={"cache-control": "private, max-age=0"})
    if filename.endswith(".webm.enc"):  # a closed session's recording, filed sealed: served as the WebM it is
        filename, media_type = filename.removesuffix(".enc"), "video/webm"
    return ranged_response(request, reader, media_type, filename=filename)


async def _package_response(request: Request, record: records.Record) -> Response:
    if record.state != "filed" or not record.package_sha256:
        raise ApiError(409, "not_filed", "笔录尚未归档 (not filed yet)")
    return await blob_response(request, record.hearing_id, None, record.package_sha256, "application/zip",
                               f"dossier-{record.hearing_id}-{record.attempt}.zip")


async def package_zip(request: Request) -> Response:
    account, record, h, seat = await _staff_record(request)
    return await _package_response(request, record)


async def verify_record(request: Request) -> Json:
    """Check the filed package as `courtroom verify` would, and the volume's chain in the database."""
    from signing.package import verify_package

    account, record, h, seat = await _staff_record(request)
    ctx = context(request)
    if record.state != "filed":
        raise ApiError(409, "not_filed", "笔录尚未归档 (not filed yet)")
    ca = await asyncio.to_thread(keys.court_ca, ctx)
    tsa_ca = await asyncio.to_thread(keys.tsa_root, ctx)
    scope = await sealing.scope_for_hearing(ctx, h.id)
    try:
        path, reader = await sealing.open_blob(ctx, scope, record.package_sha256)
    except LookupError:
        raise ApiError(404, "not_found", "卷宗包不在本地存储 (package not in local storage)") from None
    if reader is None:
        report = await asyncio.to_thread(verify_package, path, ca.cert, tsa_ca)
    else:
        # The verifier reads a zip file: a sealed package is opened into a private scratch
        # file for the check and removed at once (its recordings stay sealed inside).
        report = await asyncio.to_thread(_verify_sealed_package, reader, ctx.settings.data_dir / "tmp", ca.cert, tsa_ca)
    volume = dossier.volume_for(h.kind.value)
    chain_problems = await dossier.verify(ctx.db.pool, h.case_id, volume)
    return Json({
        "ok": report.ok and not chain_problems, "package_ok": report.ok,
        "problems": [str(p) for p in report.problems], "warnings": [str(w) for w in report.warnings],
        "signatures": [{"field": s.field_name, "name": s.signer_name, "role": s.signer_role, "ok": s.ok,
                        "refusal": s.refusal, "reason": s.reason,
                        "signed_at": s.signing_time.isoformat() if s.signing_time else None,
                        "timestamped_at": s.timestamp_time.isoformat() if s.timestamp_time else None}
                       for s in report.signatures],
        "files_checked": report.files_checked, "sealed": report.sealed, "package_chain_head": report.chain_head,
        "volume": volume, "dossier_chain_problems": chain_problems,
    })


def _verify_sealed_package(reader, scratch: Path, ca_cert, tsa_ca_cert):
    import tempfile

    from signing.package import verify_package

    scratch.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=scratch, prefix="verify-") as tmp:
        target = Path(tmp) / "package.zip"
        with reader, open(target, "wb") as out:
            for block in reader.iter_plaintext(chunk=1 << 20):
                out.write(block)
        return verify_package(target, ca_cert, tsa_ca_cert)


# --- recordings by byte range ------------------------------------------------------------------

async def recording_media(request: Request) -> Response:
    """A recording segment, with HTTP byte ranges (seek in the player; resume a download)."""
    ctx = context(request)
    rec_id = path_uuid(request, "recording_id")
    row = await ctx.db.fetchrow("select * from recordings where id = $1", rec_id)
    if _signing_token(request):
        invitation = await _invitation(request)
        if row is None or row["hearing_id"] != invitation.hearing_id:
            raise await deny(ctx, request, 404, "not_found", "未找到 (not found)", hearing_id=invitation.hearing_id)
    else:
        account = await require_staff(request)
        if row is None:
            raise ApiError(404, "not_found", "未找到 (not found)")
        await require_hearing_access(request, account, row["hearing_id"])
    path = sealing.recording_file(ctx, row)
    if path is None:
        raise ApiError(404, "recording_missing", "录音录像文件不在本机 (recording file not found)")
    webm = "audio/webm" if row["kind"] == "audio" else "video/webm"
    if sealing.is_sealed_file(path):
        # A closed session's recording: decrypted for the member who passed the check above,
        # byte ranges over the plaintext WebM.
        key = await sealing.key_for_hearing(ctx, row["hearing_id"])
        if key is None:
            raise ApiError(500, "sealed_without_key", "录音录像已加密，但该庭审没有案件密钥 (no case key)")
        try:
            reader = await asyncio.to_thread(sealing.open_recording, path, key, row)
        except SealedError as exc:
            raise ApiError(500, "recording_damaged", f"加密录音录像无法解密：{exc}") from None
        return ranged_response(request, reader, webm, filename=Path(row["path"]).name.removesuffix(".enc"))
    media_type = webm if path.suffix in (".webm", "") else None
    return FileResponse(path, media_type=media_type, headers={"cache-control": "private, max-age=0"})


# --- the dossier -------------------------------------------------------------------------------

async def _visible_entries(request: Request, account: dict[str, Any], case_id: uuid.UUID) -> list[dict[str, Any]]:
    """Main volume: the case team and those seated in the entry's hearing. Secondary volume:
    only members of that closed session. Everyone else: not found."""
    ctx = context(request)
    pool = ctx.db.pool
    member = await cases.is_member(pool, case_id, account["id"])
    seated = {r["hearing_id"] for r in await pool.fetch(
        "select p.hearing_id from participants p join hearings h on h.id = p.hearing_id"
        " where h.case_id = $1 and p.staff_id = $2 and p.state <> 'removed'", case_id, account["id"])}
    if not member and not seated:
        raise await deny(ctx, request, 404, "not_found", "未找到 (not found)", who=account["username"])
    out = []
    for e in await dossier.entries(pool, case_id):
        hid = uuid.UUID(e["hearing_id"]) if e["hearing_id"] else None
        if e["volume"] == "main" and (member or hid in seated):
            out.append(e)
        elif e["volume"] == "secondary" and hid is not None and hid in seated:
            out.append(e)
    return out


async def case_dossier(request: Request) -> Json:
    account = await require_staff(request)
    case_id = path_uuid(request, "case_id")
    visible = await _visible_entries(request, account, case_id)
    pool = context(request).db.pool
    case = await cases.get_case(pool, case_id)
    volumes = sorted({e["volume"] for e in visible})
    return _no_store(Json({
        "case": {"id": case["id"], "case_number": case["case_number"], "cause": case["cause"]},
        "entries": visible, "chain_problems": {v: await dossier.verify(pool, case_id, v) for v in volumes},
    }))


async def entry_content(request: Request) -> Response:
    ctx = context(request)
    entry_uuid = path_uuid(request, "entry_id")
    try:
        entry = await dossier.get_entry(ctx.db.pool, entry_uuid)
    except LookupError:
        raise ApiError(404, "not_found", "未找到 (not found)") from None
    if _signing_token(request):
        invitation = await _invitation(request)
        if entry["volume"] != "main" or entry["hearing_id"] != str(invitation.hearing_id):
            raise await deny(ctx, request, 404, "not_found", "未找到 (not found)", hearing_id=invitation.hearing_id)
    else:
        account = await require_staff(request)
        if entry["id"] not in {e["id"] for e in await _visible_entries(request, account, uuid.UUID(entry["case_id"]))}:
            raise await deny(ctx, request, 404, "not_found", "未找到 (not found)", who=account["username"])
    name = Path(entry["path"] or entry["entry_id"]).name
    case_id = uuid.UUID(entry["case_id"]) if entry["volume"] == "secondary" else None
    return await blob_response(request, None, case_id, entry["sha256"], entry["media_type"], name)


# --- the party's side (signing token) ----------------------------------------------------------

def _b64_field(data: dict[str, Any], name: str, *, max_len: int = 4096) -> bytes:
    value = data.get(name)
    if not isinstance(value, str) or len(value) > max_len:
        raise ApiError(400, "bad_field", f"字段 {name} 须为 base64 文本 ({name} must be base64)")
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise ApiError(400, "bad_field", f"字段 {name} 不是有效的 base64 ({name} is not base64)") from None


async def signing_session(request: Request) -> Json:
    invitation = await _invitation(request)
    ctx = context(request)
    pool = ctx.db.pool
    h = await hearings.get(pool, invitation.hearing_id)
    case = await cases.get_case(pool, h.case_id)
    record = await records.get(pool, invitation.record_id)
    signers = await records.signers(pool, record.id)
    me = next(s for s in signers if s.field_name == invitation.field_name)
    return _no_store(Json({
        "court": ctx.settings.court_name,
        "case": {"case_number": case["case_number"], "cause": case["cause"]},
        "hearing": {"title": h.title, "kind_label": h.kind.label, "place": h.place,
                    "opened_at": h.opened_at.isoformat() if h.opened_at else None,
                    "closed_at": h.closed_at.isoformat() if h.closed_at else None},
        "record": {"id": str(record.id), "state": record.state, "state_label": records.STATE_LABELS[record.state],
                   "page_count": record.page_count, "sha256": record.current_sha256},
        "me": {**me.to_json(), "may_act": records.may_act(signers, me.field_name),
               "certified": invitation.certificate_pem is not None, "identity_method": invitation.identity_method,
               "key_id": f"courtroom-{record.id}-{me.participant_id}"},
        "signers": [{"role_label": s.to_json()["role_label"], "name": s.name, "state": s.state,
                     "state_label": s.to_json()["state_label"]} for s in signers],
        "expires_at": invitation.expires_at.isoformat(),
        "pdf_url": "/api/signing/record.pdf",
        "package_url": "/api/signing/package.zip" if record.state == "filed" else None,
    }))


async def signing_pdf(request: Request) -> Response:
    invitation = await _invitation(request)
    ctx = context(request)
    record = await records.get(ctx.db.pool, invitation.record_id)
    data = await document.read_blob(ctx, record.hearing_id, record.current_sha256)
    return _pdf_response(data, "record.pdf")


async def signing_transcript(request: Request) -> Json:
    """The locked transcript as text, for reading beside the PDF."""
    invitation = await _invitation(request)
    pool = context(request).db.pool
    segments = await transcripts.list_for_hearing(pool, invitation.hearing_id)
    return _no_store(Json({"segments": [{"speaker_label": s["speaker_label"], "start": s["start"], "end": s["end"],
                                         "text": s["text"], "participant_id": s["participant_id"]}
                                        for s in segments],
                           "recordings": [recordings.to_json(r) | {"path": None}
                                          for r in await recordings.for_hearing(pool, invitation.hearing_id)]}))


async def signing_nonce(request: Request) -> Json:
    invitation = await _invitation(request)
    nonce = await party_signing.new_nonce(context(request), invitation)
    return Json({"nonce": base64.b64encode(nonce).decode("ascii")})


async def signing_certify(request: Request) -> Json:
    invitation = await _invitation(request)
    ctx = context(request)
    data = await read_json(request, limit=16 * 1024)
    me = await _my_signer(ctx, invitation)
    try:
        cert = await party_signing.certify(ctx, invitation, spki=_b64_field(data, "spki"), nonce=_b64_field(data, "nonce"),
                                    signature=_b64_field(data, "signature"), actor=_party_actor(me))
    except records.RecordError as exc:
        raise _record_error(exc) from None
    from cryptography.hazmat.primitives.serialization import Encoding

    return Json({"certificate_pem": cert.public_bytes(Encoding.PEM).decode("ascii"),
                 "subject": cert.subject.rfc4514_string()}, status_code=201)


async def signing_prepare(request: Request) -> Json:
    invitation = await _invitation(request)
    try:
        pending_id, prepared = await party_signing.prepare_party(context(request), invitation)
    except records.RecordError as exc:
        raise _record_error(exc) from None
    return _no_store(Json({
        "prepared_id": str(pending_id), "field_name": prepared.field_name,
        "to_be_signed": base64.b64encode(prepared.to_be_signed).decode("ascii"),
        "byte_range": list(prepared.byte_range),
        "document_digest": prepared.document_digest.hex(),
        "pdf_url": f"/api/signing/prepared/{pending_id}",
        "expires_in_s": records.PENDING_TTL_S,
    }))


async def signing_prepared_pdf(request: Request) -> Response:
    invitation = await _invitation(request)
    try:
        prepared = await party_signing.load_prepared(context(request), invitation, path_uuid(request, "pending_id"))
    except records.RecordError as exc:
        raise _record_error(exc) from None
    return _pdf_response(prepared.prepared_pdf, "record-to-sign.pdf")


async def signing_finish(request: Request) -> Json:
    invitation = await _invitation(request)
    data = await read_json(request, limit=16 * 1024)
    ctx = context(request)
    try:
        record = await party_signing.finish_party(ctx, invitation, field(data, "prepared_id", uuid.UUID),
                                           _b64_field(data, "signature", max_len=200))
    except records.RecordError as exc:
        raise _record_error(exc) from None
    signers = await records.signers(ctx.db.pool, record.id)
    return Json({"record_state": record.state, "state_label": records.STATE_LABELS[record.state],
                 "signatures": sum(1 for s in signers if s.state == "signed")})


async def signing_refuse(request: Request) -> Json:
    invitation = await _invitation(request)
    data = await read_json(request)
    ctx = context(request)
    me = await _my_signer(ctx, invitation)
    try:
        record = await signatures.refuse(ctx, invitation.record_id, invitation.field_name,
                                     field(data, "reason", max_len=500), _party_actor(me))
    except records.RecordError as exc:
        raise _record_error(exc) from None
    return Json({"record_state": record.state, "state_label": records.STATE_LABELS[record.state]})


async def signing_dossier(request: Request) -> Json:
    """What was filed of the party's own hearing: main-volume entries only."""
    invitation = await _invitation(request)
    pool = context(request).db.pool
    h = await hearings.get(pool, invitation.hearing_id)
    entries = await dossier.entries(pool, h.case_id, volume="main", hearing_ids=[h.id])
    return _no_store(Json({"entries": entries}))


async def signing_package(request: Request) -> Response:
    invitation = await _invitation(request)
    ctx = context(request)
    return await _package_response(request, await records.get(ctx.db.pool, invitation.record_id))


# --- pages ---------------------------------------------------------------------------------------

def _page(name: str):
    async def handler(request: Request) -> Response:
        return FileResponse(PAGES_DIR / name, media_type="text/html; charset=utf-8",
                            headers={"cache-control": "no-store"})

    return handler


routes = [
    Route("/records/{hearing_id}", _page("record.html")),
    Route("/sign", _page("sign.html")),
    Route("/api/hearings/{hearing_id}/transcript", get_transcript),
    Route("/api/hearings/{hearing_id}/transcript/revisions", get_revisions),
    Route("/api/hearings/{hearing_id}/transcript/{op}", edit_transcript, methods=["POST"]),
    Route("/api/hearings/{hearing_id}/record", record_status),
    Route("/api/hearings/{hearing_id}/record/lock", lock_record, methods=["POST"]),
    Route("/api/hearings/{hearing_id}/record/reopen", reopen_record, methods=["POST"]),
    Route("/api/records/{record_id}/pdf", record_pdf),
    Route("/api/records/{record_id}/sign", staff_sign, methods=["POST"]),
    Route("/api/records/{record_id}/invitations", create_invitation, methods=["POST"]),
    Route("/api/records/{record_id}/invitations/{jti}/revoke", revoke_invitation, methods=["POST"]),
    Route("/api/records/{record_id}/refusals", record_refusal, methods=["POST"]),
    Route("/api/records/{record_id}/file", retry_filing, methods=["POST"]),
    Route("/api/records/{record_id}/package.zip", package_zip),
    Route("/api/records/{record_id}/verify", verify_record),
    Route("/api/recordings/{recording_id}/media", recording_media, methods=["GET", "HEAD"]),
    Route("/api/cases/{case_id}/dossier", case_dossier),
    Route("/api/dossier/entries/{entry_id}/content", entry_content, methods=["GET", "HEAD"]),
    Route("/api/signing/session", signing_session),
    Route("/api/signing/record.pdf", signing_pdf),
    Route("/api/signing/transcript", signing_transcript),
    Route("/api/signing/nonce", signing_nonce, methods=["POST"]),
    Route("/api/signing/certify", signing_certify, methods=["POST"]),
    Route("/api/signing/prepare", signing_prepare, methods=["POST"]),
    Route("/api/signing/prepared/{pending_id}", signing_prepared_pdf),
    Route("/api/signing/finish", signing_finish, methods=["POST"]),
    Route("/api/signing/refuse", signing_refuse, methods=["POST"]),
    Route("/api/signing/dossier", signing_dossier),
    Route("/api/signing/package.zip", signing_package),
]
