"""The record desk's routes: status, lock and reopen, the PDF, staff signatures with
server-held keys, invitations for parties, refusals, filing, the package and its
verification; and the two pages (record desk, party signing page).

A closed session's transcript, PDFs and filed files are sealed at rest
(courtroom.records.sealing): once web.auth has let a member in, these routes decrypt them
for that member; nobody else ever gets past the access check."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from courtroom.records import document, filing, keys, party_signing, sealing, signatures, staff_signing
from courtroom.records.transcript_edits import may_edit, publish
from models import dossier, hearings, records, staff, transcripts
from models.domain import CHAIR_ROLES
from web.auth import client_address, context, deny
from web.http import ApiError, Json, field, no_store, path_uuid, read_json
from web.record_access import (
    package_response,
    pdf_response,
    record_error,
    require_seat,
    staff_hearing,
    staff_record,
)

PAGES_DIR = Path(__file__).parent / "pages"
INVITATION_LIFETIME_S = 3 * 24 * 3600


async def _status(ctx, h: hearings.Hearing, seat: hearings.Participant | None, *, staff: bool) -> dict[str, Any]:
    pool = ctx.db.pool
    locked = await transcripts.is_locked(pool, h.id)
    record = await records.active_for_hearing(pool, h.id)
    out: dict[str, Any] = {"hearing": h, "locked": locked, "record": record, "signers": [], "invitations": [],
                           "entries": [], "push": []}
    out["state"] = record.state if record else ("locked" if locked else "draft")
    out["state_label"] = records.STATE_LABELS[out["state"]]
    attempts = await records.attempt_count(pool, h.id)
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
    account, h, seat = await staff_hearing(request)
    return no_store(Json(await _status(context(request), h, seat, staff=True)))


async def lock_record(request: Request) -> Json:
    account, h, seat = await staff_hearing(request)
    seat = await require_seat(request, account, h, seat, records.RECORDER_ROLES, "书记员")
    ctx = context(request)
    try:
        await document.lock_and_render(ctx, h.id, seat.actor)
    except records.RecordError as exc:
        raise record_error(exc) from None
    await publish(ctx, h.id, {"type": "transcript-locked", "hearing_id": str(h.id)})
    return Json(await _status(ctx, h, seat, staff=True))


async def reopen_record(request: Request) -> Json:
    account, h, seat = await staff_hearing(request)
    seat = await require_seat(request, account, h, seat, frozenset(r.value for r in CHAIR_ROLES[h.kind.value]),
                               "审判长")
    data = await read_json(request)
    ctx = context(request)
    try:
        await document.reopen(ctx, h.id, seat.actor, field(data, "reason", max_len=500))
    except records.RecordError as exc:
        raise record_error(exc) from None
    await publish(ctx, h.id, {"type": "transcript-reopened", "hearing_id": str(h.id)})
    return Json(await _status(ctx, h, seat, staff=True))


async def record_pdf(request: Request) -> Response:
    account, record, h, seat = await staff_record(request)
    which = record.rendered_sha256 if request.query_params.get("version") == "rendered" else record.current_sha256
    data = await document.read_blob(context(request), h.id, which)
    return pdf_response(data, f"record-{record.id}.pdf")


async def staff_sign(request: Request) -> Json:
    account, record, h, seat = await staff_record(request)
    ctx = context(request)
    if seat is None:
        raise ApiError(403, "not_a_signer", "您不在本笔录的签名人之列 (not a signer of this record)")
    data = await read_json(request, limit=4096)
    password = field(data, "password", max_len=256)
    try:  # throttled like log-in: a taken-over session cannot guess the password here
        async with ctx.db.pool.acquire() as conn:
            confirmed = await staff.confirm_password(conn, account, password, source=client_address(request))
    except staff.LoginThrottled as exc:
        raise ApiError(429, "too_many_attempts",
                       f"密码错误次数过多，请 {exc.retry_after} 秒后再试 (too many wrong passwords)") from None
    if not confirmed:
        raise await deny(ctx, request, 403, "bad_password", "密码错误，未签名 (wrong password; nothing signed)",
                         who=account["username"], hearing_id=h.id, member=True)
    try:
        record = await staff_signing.sign_as_staff(ctx, record.id, seat.id, seat.actor, password=password)
    except records.RecordError as exc:
        raise record_error(exc) from None
    return Json(await _status(ctx, h, seat, staff=True))


async def create_invitation(request: Request) -> Json:
    account, record, h, seat = await staff_record(request)
    seat = await require_seat(request, account, h, seat, records.RECORDER_ROLES, "书记员")
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
        raise record_error(exc) from None
    return Json({"token": token, "invitation": invitation.to_json(),
                 "sign_url": f"{request.base_url}sign#{token}"}, status_code=201)


async def revoke_invitation(request: Request) -> Json:
    account, record, h, seat = await staff_record(request)
    seat = await require_seat(request, account, h, seat, records.RECORDER_ROLES, "书记员")
    async with context(request).db.pool.acquire() as conn:
        done = await records.revoke_invitation(conn, record, path_uuid(request, "jti"), seat.actor)
    if not done:
        raise ApiError(404, "not_found", "未找到 (not found)")
    return Json({"ok": True})


async def record_refusal(request: Request) -> Json:
    """The clerk records a party's refusal made in the courtroom (the party need not be online)."""
    account, record, h, seat = await staff_record(request)
    seat = await require_seat(request, account, h, seat, records.RECORDER_ROLES, "书记员")
    data = await read_json(request)
    pid = field(data, "participant_id", uuid.UUID)
    ctx = context(request)
    signer = next((s for s in await records.signers(ctx.db.pool, record.id) if s.participant_id == pid), None)
    if signer is None:
        raise ApiError(400, "not_a_signer", "该参与人不在本笔录的签名人之列 (not a signer of this record)")
    try:
        await signatures.refuse(ctx, record.id, signer.field_name, field(data, "reason", max_len=500), seat.actor)
    except records.RecordError as exc:
        raise record_error(exc) from None
    return Json(await _status(ctx, h, seat, staff=True))


async def retry_filing(request: Request) -> Json:
    account, record, h, seat = await staff_record(request)
    seat = await require_seat(request, account, h, seat, records.RECORDER_ROLES, "书记员")
    ctx = context(request)
    try:
        await filing.file_record(ctx, record.id, seat.actor)
    except records.RecordError as exc:
        raise record_error(exc) from None
    return Json(await _status(ctx, h, seat, staff=True))


async def package_zip(request: Request) -> Response:
    account, record, h, seat = await staff_record(request)
    return await package_response(request, record)


async def verify_record(request: Request) -> Json:
    """Check the filed package as `courtroom verify` would, and the volume's chain in the database."""
    from signing.package import verify_package

    account, record, h, seat = await staff_record(request)
    ctx = context(request)
    if record.state != "filed":
        raise ApiError(409, "not_filed", "笔录尚未归档 (not filed yet)")
    ca = await asyncio.to_thread(keys.court_ca, ctx)
    tsa_ca = await asyncio.to_thread(keys.tsa_root, ctx)
    scope = await sealing.scope_for_hearing(ctx, h.id)
    if record.package_sha256 is None:
        raise ApiError(409, "not_filed", "笔录尚未归档 (the record is not filed yet)")
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


def _page(name: str):
    async def handler(request: Request) -> Response:
        return FileResponse(PAGES_DIR / name, media_type="text/html; charset=utf-8",
                            headers={"cache-control": "no-store"})

    return handler


routes = [
    Route("/records/{hearing_id}", _page("record.html")),
    Route("/sign", _page("sign.html")),
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
]
