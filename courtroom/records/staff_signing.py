"""Court signers' signatures with server-held keys (signing.keystore, created on first use by
the court CA); the first court signer also stamps the parties' refusals into their fields."""

from __future__ import annotations

import asyncio
import logging
import uuid
from typing import TYPE_CHECKING

from courtroom.operations.metrics import SIGNING_SECONDS, observe
from courtroom.records.document import current_pdf, put_pdf, stamp_info
from courtroom.records.keys import court_ca, server_key, staff_signer_id
from courtroom.records.signatures import after_signature, tsa_failure_is_retryable
from models import audit, records
from signing import pades
from signing.keystore import WrongPassword

if TYPE_CHECKING:
    from courtroom.context import ServerContext

log = logging.getLogger(__name__)


async def sign_as_staff(ctx: "ServerContext", record_id: uuid.UUID, participant_id: uuid.UUID,
                        actor: audit.Actor, *, password: str, file_when_complete: bool = True) -> records.Record:
    """Sign a court signer's field with their server-held key, which only their `password`
    unlocks (the caller checked who is asking). The first court signer first stamps every
    party's refusal."""
    ca = await asyncio.to_thread(court_ca, ctx)
    async with ctx.db.transaction() as conn:
        record = await records.get(conn, record_id, for_update=True)
        signers = await records.signers(conn, record_id)
        me = next((s for s in signers if s.participant_id == participant_id and s.key_holder == "server"), None)
        if me is None:
            raise records.RecordError("not_a_signer", "您不在本笔录的签名人之列 (not a signer of this record)")
        if record.state not in ("rendered", "signing"):
            raise records.RecordError("not_signing", f"笔录当前为“{records.STATE_LABELS[record.state]}”，不能签名")
        records.check_turn(signers, me.field_name)
        try:
            key, cert = await asyncio.to_thread(server_key, ctx, staff_signer_id(me), me.name, me.role,
                                                password=password)
        except WrongPassword:
            raise records.RecordError("bad_password", "密码不能解锁您的签名密钥，未签名 (the password does not unlock "
                                                      "your signing key; nothing signed)") from None
        pdf = await current_pdf(ctx, record)
        with tsa_failure_is_retryable():
            record = await _sign_staff_field(ctx, conn, record, signers, me, key, cert, ca, pdf, actor)
    return await after_signature(ctx, record, file_when_complete)


async def _sign_staff_field(ctx, conn, record, signers, me, key, cert, ca, pdf, actor) -> records.Record:
    """Stamp every party's pending refusal (the first court signer does), then sign `me`'s field."""
    for s in signers:
        if s.state == "refused" and not s.refusal_stamped:
            pdf = await asyncio.to_thread(
                pades.sign_refusal, pdf, key, cert, ca.cert, s.field_name, refuser_name=s.name,
                refuser_role_label=records.role_label(s.role), reason=s.refusal_reason or "", recorded_by=stamp_info(me),
                enforce_order=False, timestamp_url=ctx.settings.tsa_url)
            blob = await put_pdf(ctx, record, pdf)
            record = await records.mark_refusal_stamped(conn, record, s.field_name, new_sha256=blob.sha256,
                                                        previous_sha256=record.current_sha256, actor=actor)
    with observe(SIGNING_SECONDS, kind="staff"):
        pdf = await asyncio.to_thread(pades.sign_pdf, pdf, key, cert, ca.cert, me.field_name, stamp_info(me),
                                      enforce_order=False, timestamp_url=ctx.settings.tsa_url)
    blob = await put_pdf(ctx, record, pdf)
    return await records.mark_signed(conn, record, me.field_name, new_sha256=blob.sha256,
                                     previous_sha256=record.current_sha256, actor=actor,
                                     detail={"key_holder": "server", "signer": me.name, "role": me.role})
