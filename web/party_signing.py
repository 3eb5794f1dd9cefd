"""The party's side of signing, by signing token: read the record, its recordings and the
filed main-volume entries, then certify a browser-held key and sign, or refuse. Never a
deliberation, never another hearing."""

from __future__ import annotations

import base64
import binascii
import uuid
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from courtroom.records import document, party_signing, signatures
from models import cases, dossier, hearings, recordings, records, transcripts
from web.auth import context
from web.http import ApiError, Json, field, no_store, path_uuid, read_json
from web.record_access import (
    invitation_of,
    my_signer,
    package_response,
    party_actor,
    pdf_response,
    record_error,
)


def _b64_field(data: dict[str, Any], name: str, *, max_len: int = 4096) -> bytes:
    value = data.get(name)
    if not isinstance(value, str) or len(value) > max_len:
        raise ApiError(400, "bad_field", f"字段 {name} 须为 base64 文本 ({name} must be base64)")
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise ApiError(400, "bad_field", f"字段 {name} 不是有效的 base64 ({name} is not base64)") from None


async def signing_session(request: Request) -> Json:
    invitation = await invitation_of(request)
    ctx = context(request)
    pool = ctx.db.pool
    h = await hearings.get(pool, invitation.hearing_id)
    case = await cases.get_case(pool, h.case_id)
    record = await records.get(pool, invitation.record_id)
    signers = await records.signers(pool, record.id)
    me = next(s for s in signers if s.field_name == invitation.field_name)
    return no_store(Json({
        "court": ctx.settings.court_name,
        "case": {"case_number": case.case_number, "cause": case.cause},
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
    invitation = await invitation_of(request)
    ctx = context(request)
    record = await records.get(ctx.db.pool, invitation.record_id)
    data = await document.read_blob(ctx, record.hearing_id, record.current_sha256)
    return pdf_response(data, "record.pdf")


async def signing_transcript(request: Request) -> Json:
    """The locked transcript as text, for reading beside the PDF."""
    invitation = await invitation_of(request)
    pool = context(request).db.pool
    segments = await transcripts.list_for_hearing(pool, invitation.hearing_id)
    return no_store(Json({"segments": [{"speaker_label": s["speaker_label"], "start": s["start"], "end": s["end"],
                                         "text": s["text"], "participant_id": s["participant_id"]}
                                        for s in segments],
                           "recordings": [recordings.to_json(r) | {"path": None}
                                          for r in await recordings.for_hearing(pool, invitation.hearing_id)]}))


async def signing_nonce(request: Request) -> Json:
    invitation = await invitation_of(request)
    nonce = await party_signing.new_nonce(context(request), invitation)
    return Json({"nonce": base64.b64encode(nonce).decode("ascii")})


async def signing_certify(request: Request) -> Json:
    invitation = await invitation_of(request)
    ctx = context(request)
    data = await read_json(request, limit=16 * 1024)
    me = await my_signer(ctx, invitation)
    try:
        cert = await party_signing.certify(ctx, invitation, spki=_b64_field(data, "spki"), nonce=_b64_field(data, "nonce"),
                                    signature=_b64_field(data, "signature"), actor=party_actor(me))
    except records.RecordError as exc:
        raise record_error(exc) from None
    from cryptography.hazmat.primitives.serialization import Encoding

    return Json({"certificate_pem": cert.public_bytes(Encoding.PEM).decode("ascii"),
                 "subject": cert.subject.rfc4514_string()}, status_code=201)


async def signing_prepare(request: Request) -> Json:
    invitation = await invitation_of(request)
    try:
        pending_id, prepared = await party_signing.prepare_party(context(request), invitation)
    except records.RecordError as exc:
        raise record_error(exc) from None
    return no_store(Json({
        "prepared_id": str(pending_id), "field_name": prepared.field_name,
        "to_be_signed": base64.b64encode(prepared.to_be_signed).decode("ascii"),
        "byte_range": list(prepared.byte_range),
        "document_digest": prepared.document_digest.hex(),
        "pdf_url": f"/api/signing/prepared/{pending_id}",
        "expires_in_s": records.PENDING_TTL_S,
    }))


async def signing_prepared_pdf(request: Request) -> Response:
    invitation = await invitation_of(request)
    try:
        prepared = await party_signing.load_prepared(context(request), invitation, path_uuid(request, "pending_id"))
    except records.RecordError as exc:
        raise record_error(exc) from None
    return pdf_response(prepared.prepared_pdf, "record-to-sign.pdf")


async def signing_finish(request: Request) -> Json:
    invitation = await invitation_of(request)
    data = await read_json(request, limit=16 * 1024)
    ctx = context(request)
    try:
        record = await party_signing.finish_party(ctx, invitation, field(data, "prepared_id", uuid.UUID),
                                           _b64_field(data, "signature", max_len=200))
    except records.RecordError as exc:
        raise record_error(exc) from None
    signers = await records.signers(ctx.db.pool, record.id)
    return Json({"record_state": record.state, "state_label": records.STATE_LABELS[record.state],
                 "signatures": sum(1 for s in signers if s.state == "signed")})


async def signing_refuse(request: Request) -> Json:
    invitation = await invitation_of(request)
    data = await read_json(request)
    ctx = context(request)
    me = await my_signer(ctx, invitation)
    try:
        record = await signatures.refuse(ctx, invitation.record_id, invitation.field_name,
                                     field(data, "reason", max_len=500), party_actor(me))
    except records.RecordError as exc:
        raise record_error(exc) from None
    return Json({"record_state": record.state, "state_label": records.STATE_LABELS[record.state]})


async def signing_dossier(request: Request) -> Json:
    """What was filed of the party's own hearing: main-volume entries only."""
    invitation = await invitation_of(request)
    pool = context(request).db.pool
    h = await hearings.get(pool, invitation.hearing_id)
    entries = await dossier.entries(pool, h.case_id, volume="main", hearing_ids=[h.id])
    return no_store(Json({"entries": entries}))


async def signing_package(request: Request) -> Response:
    invitation = await invitation_of(request)
    ctx = context(request)
    return await package_response(request, await records.get(ctx.db.pool, invitation.record_id))


routes = [
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
