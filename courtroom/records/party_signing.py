"""A party's signature with a key held in their own browser (Electronic Signature Law art. 13).

The clerk confirms identity and invites, the browser proves possession of its key, the
court CA certifies it, then the two-step external signature: the server prepares the
PDF's signed attributes, the browser signs them, the server embeds the signature."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import uuid
from typing import TYPE_CHECKING

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from courtroom.operations.metrics import SIGNING_SECONDS, observe
from courtroom.records.document import current_pdf, put_pdf, stamp_info
from courtroom.records.keys import court_ca
from courtroom.records.signatures import after_signature, tsa_failure_is_retryable
from models import audit, records
from signing import pades
from signing.ca import CertificateRequestError

if TYPE_CHECKING:
    from courtroom.context import ServerContext

log = logging.getLogger(__name__)

PARTY_CERT_DAYS = 30


async def issue_invitation(ctx: "ServerContext", record_id: uuid.UUID, participant_id: uuid.UUID, *,
                           identity_method: str, lifetime_s: int, issued_by: uuid.UUID | None,
                           actor: audit.Actor) -> tuple[str, records.Invitation]:
    async with ctx.db.transaction() as conn:
        record = await records.get(conn, record_id, for_update=True)
        me = next((s for s in await records.signers(conn, record_id) if s.participant_id == participant_id), None)
        if me is None:
            raise records.RecordError("not_a_signer", "该参与人不在本笔录的签名人之列 (not a signer of this record)")
        return await records.issue_invitation(conn, ctx.keys.join_token_key, record, me.field_name,
                                              identity_method=identity_method, lifetime_s=lifetime_s,
                                              issued_by=issued_by, actor=actor)


async def new_nonce(ctx: "ServerContext", invitation: records.Invitation) -> bytes:
    nonce = os.urandom(32)
    async with ctx.db.pool.acquire() as conn:
        await records.set_nonce(conn, invitation, nonce)
    return nonce


async def certify(ctx: "ServerContext", invitation: records.Invitation, *, spki: bytes, nonce: bytes,
                  signature: bytes, actor: audit.Actor) -> x509.Certificate:
    """Certify a browser key: the nonce is the one we issued (once), the browser proved it
    holds the key, and the invitation is the court's identity confirmation; the
    certificate names the participant."""
    async with ctx.db.transaction() as conn:
        expected = await records.take_nonce(conn, invitation)
        if expected is None or expected != nonce:
            raise records.RecordError("bad_nonce", "随机数无效或已过期，请重试 (nonce unknown, used or expired)")
        try:
            ok = pades.verify_possession(spki, nonce, signature)
        except (ValueError, CertificateRequestError) as exc:
            raise records.RecordError("bad_key", f"公钥不可用：{exc} (unusable public key)") from None
        if not ok:
            raise records.RecordError("bad_proof", "持有证明无效 (proof of possession does not verify)")
        signer = next(s for s in await records.signers(conn, invitation.record_id)
                      if s.field_name == invitation.field_name)
        ca = await asyncio.to_thread(court_ca, ctx)
        public_key = serialization.load_der_public_key(spki)
        if not isinstance(public_key, ec.EllipticCurvePublicKey):  # verify_possession accepted it: P-256
            raise records.RecordError("bad_key", "公钥须为 P-256 椭圆曲线密钥 (a P-256 key is required)")
        cert = ca.issue_certificate(public_key, name=signer.name, role=signer.role,
                                    signer_id=f"participant-{signer.participant_id.hex}", valid_days=PARTY_CERT_DAYS)
        pem = cert.public_bytes(serialization.Encoding.PEM).decode("ascii")
        await records.set_certificate(conn, invitation, pem, actor, detail={
            "serial": format(cert.serial_number, "x"), "identity_method": invitation.identity_method,
            "spki_sha256": hashlib.sha256(spki).hexdigest()})
    return cert


async def prepare_party(ctx: "ServerContext", invitation: records.Invitation
                        ) -> tuple[uuid.UUID, pades.PreparedSignature]:
    """First half of a browser signature: the prepared PDF and the bytes to sign, kept until finish."""
    if invitation.certificate_pem is None:
        raise records.RecordError("not_certified", "请先生成签名密钥并取得证书 (certify a key first)")
    ca = await asyncio.to_thread(court_ca, ctx)
    pool = ctx.db.pool
    record = await records.get(pool, invitation.record_id)
    if record.state not in ("rendered", "signing"):
        raise records.RecordError("not_signing", f"笔录当前为“{records.STATE_LABELS[record.state]}”，不能签名")
    signers = await records.signers(pool, record.id)
    me = records.check_turn(signers, invitation.field_name)
    cert = x509.load_pem_x509_certificate(invitation.certificate_pem.encode("ascii"))
    pdf = await current_pdf(ctx, record)
    try:
        with tsa_failure_is_retryable():
            prepared = await asyncio.to_thread(pades.prepare_external, pdf, cert, ca.cert, me.field_name, stamp_info(me),
                                               enforce_order=False, timestamp_url=ctx.settings.tsa_url)
    except pades.SigningError as exc:
        raise records.RecordError("cannot_prepare", str(exc)) from None
    async with pool.acquire() as conn:
        pending_id = await records.save_pending(conn, invitation, input_sha256=prepared.input_sha256,
                                                prepared_json=prepared.to_json())
    return pending_id, prepared


async def load_prepared(ctx: "ServerContext", invitation: records.Invitation,
                        pending_id: uuid.UUID) -> pades.PreparedSignature:
    return pades.PreparedSignature.from_json(await records.load_pending(ctx.db.pool, invitation, pending_id))


async def finish_party(ctx: "ServerContext", invitation: records.Invitation, pending_id: uuid.UUID,
                       raw_signature: bytes, *, file_when_complete: bool = True) -> records.Record:
    """Second half: embed the browser's r||s signature, unless the document moved on meanwhile."""
    async with ctx.db.transaction() as conn:
        prepared = pades.PreparedSignature.from_json(await records.load_pending(conn, invitation, pending_id))
        record = await records.get(conn, invitation.record_id, for_update=True)
        if record.current_sha256 != prepared.input_sha256:
            raise records.DocumentChanged("document_changed",
                                          "文档已变更（他人刚刚签名），请重新签名 (document changed; sign again)")
        pdf = await current_pdf(ctx, record)
        try:
            with tsa_failure_is_retryable():
                with observe(SIGNING_SECONDS, kind="party"):  # the embedding; the browser's part is its own
                    signed = await asyncio.to_thread(pades.finish_external, prepared, raw_signature,
                                                     current_pdf=pdf, max_age_s=records.PENDING_TTL_S)
        except pades.ExternalSignatureError as exc:
            raise records.RecordError("bad_signature", str(exc)) from None
        blob = await put_pdf(ctx, record, signed)
        me = next(s for s in await records.signers(conn, record.id) if s.field_name == invitation.field_name)
        signer_actor = audit.Actor(me.name, me.role)
        record = await records.mark_signed(conn, record, invitation.field_name, new_sha256=blob.sha256,
                                           previous_sha256=record.current_sha256, actor=signer_actor,
                                           detail={"key_holder": "browser", "jti": str(invitation.id)})
        await records.drop_pending(conn, pending_id)
    return await after_signature(ctx, record, file_when_complete)
