"""Pushing filed packages to the external dossier system, and the background filing service:
it delivers the outbox with retries (one idempotency key per package), files records a
crash left signed but unfiled, and drops expired browser signatures."""

from __future__ import annotations

import asyncio
import logging
import uuid
from typing import TYPE_CHECKING, Any, AsyncIterator

from courtroom.records import sealing
from courtroom.records.filing import file_record
from models import audit, dossier, records

if TYPE_CHECKING:
    from courtroom.context import ServerContext

log = logging.getLogger(__name__)


async def _chunks(ctx: "ServerContext", hearing_id: uuid.UUID, sha256: str) -> AsyncIterator[bytes]:
    """A package's bytes in the clear (a sealed one decrypted as it is read)."""
    path, reader = await sealing.open_blob(ctx, await sealing.scope_for_hearing(ctx, hearing_id), sha256)
    fh = reader if reader is not None else await asyncio.to_thread(open, path, "rb")
    try:
        while chunk := await asyncio.to_thread(fh.read, 1 << 20):
            yield chunk
    finally:
        fh.close()


async def deliver_due(ctx: "ServerContext", *, timeout_s: float = 60.0) -> list[dict[str, Any]]:
    """One round of the outbox: POST each due package (the zip) with its idempotency key.
    2xx: delivered. 4xx (but 408/425/429): rejected, kept for a person to look at.
    Anything else (5xx, no connection): tried again later, with back-off, forever."""
    import httpx

    async with ctx.db.pool.acquire() as conn:
        due = await dossier.claim_due(conn)
    results = []
    for item in due:
        record = await records.get(ctx.db.pool, item["record_id"])
        status, error = None, None
        try:
            async with httpx.AsyncClient(timeout=timeout_s) as client:
                response = await client.post(
                    item["url"], content=_chunks(ctx, record.hearing_id, item["package_sha256"]),
                    headers={"content-type": "application/zip", "idempotency-key": item["idempotency_key"],
                             "x-courtroom-package-sha256": item["package_sha256"],
                             "x-courtroom-hearing-id": str(record.hearing_id),
                             "x-courtroom-record-id": str(record.id)})
            status = response.status_code
            if not 200 <= status < 300:
                error = response.text[:300]
        except Exception as exc:  # connection refused, timeout, blob missing...
            error = f"{type(exc).__name__}: {exc}"
        delivered = status is not None and 200 <= status < 300
        rejected = status is not None and 400 <= status < 500 and status not in (408, 425, 429)
        async with ctx.db.transaction() as conn:
            row = await dossier.record_attempt(conn, item["id"], delivered=delivered, rejected=rejected,
                                               status=status, error=error)
            if delivered or rejected:
                await audit.append(conn, "dossier.push_delivered" if delivered else "dossier.push_rejected",
                                   audit.Actor.system(), hearing_id=record.hearing_id,
                                   detail={"record_id": str(record.id), "url": item["url"], "status": status,
                                           "attempts": row["attempts"], "idempotency_key": item["idempotency_key"]})
        results.append(row)
    return results


class FilingService:
    """Background work of filing, one task per server (several servers share the outbox
    safely: claim_due leases rows with SKIP LOCKED)."""

    def __init__(self, ctx: "ServerContext", *, interval_s: float = 5.0):
        self.ctx = ctx
        self.interval_s = interval_s
        self._wake = asyncio.Event()
        self._task: asyncio.Task | None = None

    async def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="filing-service")

    def kick(self) -> None:
        self._wake.set()

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass

    async def run_once(self) -> None:
        pool = self.ctx.db.pool
        await records.expire_pending(pool)
        for record_id in await records.signed_unfiled_ids(pool):
            try:
                await file_record(self.ctx, record_id, audit.Actor.system())
            except Exception:
                log.exception("filing record %s failed; will retry", record_id)
        await deliver_due(self.ctx)

    async def _run(self) -> None:
        while True:
            try:
                await self.run_once()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("filing service round failed")
            try:
                await asyncio.wait_for(self._wake.wait(), self.interval_s)
            except asyncio.TimeoutError:
                pass
            self._wake.clear()


async def start_filing_service(ctx: "ServerContext") -> FilingService:
    service = FilingService(ctx)
    await service.start()
    return service
