"""What every signature path shares: a refusal recorded in the refusing party's field, and what
follows each signature (the record is filed once the last one is in)."""

from __future__ import annotations

import contextlib
import logging
import uuid
from typing import TYPE_CHECKING

from courtroom.records.filing import file_record
from models import audit, records
from signing import pades

if TYPE_CHECKING:
    from courtroom.context import ServerContext

log = logging.getLogger(__name__)


async def refuse(ctx: "ServerContext", record_id: uuid.UUID, field_name: str, reason: str,
                 recorded_by: audit.Actor) -> records.Record:
    async with ctx.db.transaction() as conn:
        record = await records.get(conn, record_id, for_update=True)
        return await records.mark_refused(conn, record, field_name, reason=reason, recorded_by=recorded_by)


async def after_signature(ctx: "ServerContext", record: records.Record, file_when_complete: bool) -> records.Record:
    """The last signature files the record at once; a failure leaves it signed for the
    service to retry (and the error in the log), never half-filed."""
    if record.state == "signed" and file_when_complete:
        try:
            return await file_record(ctx, record.id, audit.Actor.system())
        except Exception:
            log.exception("filing record %s failed; the filing service will retry", record.id)
    return record


@contextlib.contextmanager
def tsa_failure_is_retryable():
    """A TSA outage aborts the signature (the transaction rolls back) and says so: retry later."""
    try:
        yield
    except pades.TimestampUnavailable as exc:
        raise records.RecordError("tsa_unavailable", str(exc)) from None
