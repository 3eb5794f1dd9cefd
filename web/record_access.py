"""Who is asking, for the record's routes: court staff through their seat in the hearing
(web.auth.require_hearing_access: deny by default, closed sessions to their members only),
or a party holding a signing invitation (`Authorization: Signing <token>`), which opens one
record of one hearing for one participant; and the responses they share (blobs decrypted
for those let in, PDFs, packages)."""

from __future__ import annotations

import uuid
from typing import Any

from starlette.requests import Request
from starlette.responses import FileResponse, Response

from courtroom.records import sealing
from models import audit, hearings, records
from models.credentials import TokenError
from models.domain import HearingKind
from signing.seal import SealedError
from web.auth import context, deny, require_hearing_access, require_staff
from web.http import ApiError, no_store, path_uuid
from web.ranged import ranged_response

# HTTP status by RecordError code; anything else is a conflict with the record's state (409).
_STATUS = {"reason_required": 400, "identity_unconfirmed": 400, "bad_nonce": 400, "bad_key": 400, "bad_proof": 400,
           "bad_signature": 400, "not_a_party_field": 400, "not_a_signer": 403, "staff_cannot_refuse": 403,
           "no_pending_signature": 404, "pending_expired": 410, "tsa_unavailable": 503}


def record_error(exc: records.RecordError) -> ApiError:
    return ApiError(_STATUS.get(exc.code, exc.status), exc.code, str(exc))


# --- who is asking --------------------------------------------------------------------------

async def staff_hearing(request: Request) -> tuple[dict[str, Any], hearings.Hearing, hearings.Participant | None]:
    account = await require_staff(request)
    h = await require_hearing_access(request, account, path_uuid(request, "hearing_id"))
    seat = await hearings.participant_for_staff(context(request).db.pool, h.id, account["id"])
    return account, h, seat


async def staff_record(request: Request) -> tuple[dict[str, Any], records.Record, hearings.Hearing,
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


async def require_seat(request: Request, account: dict[str, Any], h: hearings.Hearing,
                        seat: hearings.Participant | None, allowed: frozenset[str], what: str) -> hearings.Participant:
    if seat is None or seat.state == "removed" or seat.role.value not in allowed:
        raise await deny(context(request), request, 403, "forbidden", f"仅{what}可以操作 (not permitted)",
                         who=account["username"], hearing_id=h.id)
    return seat


def signing_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("signing "):
        return header[8:].strip()
    return None


async def invitation_of(request: Request) -> records.Invitation:
    ctx = context(request)
    token = signing_token(request)
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


def party_actor(signer: records.Signer) -> audit.Actor:
    return audit.Actor(signer.name, signer.role)


async def my_signer(ctx, invitation: records.Invitation) -> records.Signer:
    return next(s for s in await records.signers(ctx.db.pool, invitation.record_id)
                if s.field_name == invitation.field_name)


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


def pdf_response(data: bytes, name: str) -> Response:
    return no_store(Response(data, media_type="application/pdf",
                              headers={"content-disposition": f"inline; filename=\"{name}\""}))


async def package_response(request: Request, record: records.Record) -> Response:
    if record.state != "filed" or not record.package_sha256:
        raise ApiError(409, "not_filed", "笔录尚未归档 (not filed yet)")
    return await blob_response(request, record.hearing_id, None, record.package_sha256, "application/zip",
                               f"dossier-{record.hearing_id}-{record.attempt}.zip")
