"""The audit service of a running server: anchors the audit chains outside the database
(every minute, at start, at every hearing's close) and counts access refusals.

It is one of the context's services (`ctx.services["audit"]`); request handlers record a
refusal through `record_refusal`, which falls back to a plain append when the service is
not running (a context built without services)."""

from __future__ import annotations

import asyncio
import logging
import uuid
from typing import TYPE_CHECKING, Any

from models import audit
from models.anchoring import Anchorer, anchor_log_path
from models.domain import HearingState
from signing.anchor import Anchor, Head

if TYPE_CHECKING:
    from courtroom.context import ServerContext
    from models.hearings import Hearing

log = logging.getLogger(__name__)


class AuditService:
    def __init__(self, anchorer: Anchorer, refusals: audit.RefusalLog) -> None:
        self.anchorer = anchorer
        self.refusals = refusals

    async def on_hearing_state(self, hearing: "Hearing") -> None:
        """Called by HearingRooms.change_state after the room followed the change: on
        close, the hearing's final head (recordings closed) and the court's are anchored."""
        if hearing.state != HearingState.CLOSED:
            return
        try:
            await self.anchorer.anchor("hearing_closed", scopes=[str(hearing.id), audit.COURT_SCOPE])
        except Exception as exc:  # the periodic job retries; closing must not fail for it
            log.error("anchoring hearing %s at its close failed: %s", hearing.id, exc)

    async def anchor_head(self, scope: str, seq: int, head_hash: str, *, reason: str) -> Anchor:
        """An anchor naming exactly this head (a dossier package carries it)."""
        anchor = await self.anchorer.anchor(reason, heads={scope: Head(seq, head_hash)})
        assert anchor is not None
        return anchor

    async def refused(self, *, who: str, source: str | None, code: str, path: str, method: str | None = None,
                      hearing_id: uuid.UUID | None = None, member: bool = False) -> None:
        await self.refusals.refused(who=who, source=source, code=code, path=path, method=method,
                                    hearing_id=hearing_id, member=member)

    async def stop(self) -> None:
        await self.refusals.stop()
        await self.anchorer.stop()


async def start_audit_service(ctx: "ServerContext", *, interval_s: float | None = None) -> AuditService:
    from courtroom.records.keys import court_ca

    ca = await asyncio.to_thread(court_ca, ctx)
    anchorer = Anchorer(ctx.db.pool, ca.key, ca.cert,
                        anchor_log_path(ctx.settings.data_dir, ctx.settings.audit_anchor_log), court=ctx.settings.court_name,
                        tsa_url=ctx.settings.tsa_url,
                        interval_s=interval_s or ctx.settings.audit_anchor_interval_s)
    await anchorer.anchor("started")
    anchorer.start()
    refusals = audit.RefusalLog(ctx.db.pool)
    refusals.start()
    return AuditService(anchorer, refusals)


async def record_refusal(ctx: "ServerContext", *, who: str, source: str | None, code: str, path: str,
                         method: str | None = None, hearing_id: uuid.UUID | None = None,
                         member: bool = False) -> None:
    """Count a refusal (see models.audit.RefusalLog): into the hearing's chain only when the
    caller is a `member` of it, else into the court's."""
    service = ctx.services.audit
    if service is not None:
        await service.refused(who=who, source=source, code=code, path=path, method=method,
                              hearing_id=hearing_id, member=member)
        return
    detail = {"path": path[:200], "method": method, "code": code, "client": source, "count": 1}
    if hearing_id is not None and not member:
        detail["target_hearing_id"] = str(hearing_id)
    async with ctx.db.pool.acquire() as conn:
        await audit.append(conn, "access.denied", audit.Actor(who[:80], None),
                           hearing_id=hearing_id if member else None, detail=detail)


def audit_verify_main(args: Any) -> int:
    """`courtroom audit verify`: 0 when the database matches the anchors, 1 when something
    was rewritten, deleted or truncated (each named), 2 when it cannot be checked."""
    import dataclasses
    import json
    import sys
    from pathlib import Path

    from courtroom.config import Settings
    from models.audit_check import format_report, verify_with_log
    from models.db import EmbeddedPostgres, connect_read_only
    from signing.ca import CA_CERT_FILE, load_certificate

    settings = Settings() if args.data_dir is None else Settings(data_dir=Path(args.data_dir))
    log_path = Path(args.log) if args.log else anchor_log_path(settings.data_dir, settings.audit_anchor_log)
    ca_path = Path(args.ca) if args.ca else settings.keys_dir / "ca" / CA_CERT_FILE
    try:
        ca_cert = load_certificate(ca_path)
        tsa_root = load_certificate(Path(args.tsa_ca)) if args.tsa_ca else None
    except (OSError, ValueError) as exc:
        print(f"courtroom audit verify: cannot read a certificate: {exc}", file=sys.stderr)
        return 2
    if not log_path.is_file():
        print(f"courtroom audit verify: no anchor log at {log_path}", file=sys.stderr)
        return 2
    # An embedded server that `serve` is using stays up; one started here is stopped again.
    was_running = settings.database_url is None and (settings.pg_dir / "postmaster.pid").exists()

    async def run() -> Any:
        # Read only: no migration, no grant; the embedded server is started if need be.
        embedded = None
        url = settings.database_url
        if not url:
            embedded = EmbeddedPostgres(settings.pg_dir)
            url = await asyncio.to_thread(embedded.start)
        try:
            conn = await connect_read_only(url)
            try:
                return await verify_with_log(conn, log_path, ca_cert, tsa_root=tsa_root)
            finally:
                await conn.close()
        finally:
            if embedded is not None and not was_running:
                await asyncio.to_thread(embedded.stop)

    report = asyncio.run(run())
    if args.json:
        print(json.dumps({"ok": report.ok, "findings": [dataclasses.asdict(f) for f in report.findings],
                          "warnings": list(report.warnings), "anchors": report.anchors, "entries": report.entries,
                          "unanchored": report.unanchored}, ensure_ascii=False, indent=1))
    else:
        print(format_report(report))
    return 0 if report.ok else 1
