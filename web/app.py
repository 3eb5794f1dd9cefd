"""The Starlette application: API, live WebSocket, pages and static files, one process."""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path
from typing import AsyncIterator, Awaitable, Callable

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from courtroom.config import Settings
from courtroom.context import ServerContext
from models import audit, staff
from models.db import Database
from signing.keyring import Keyring
from web import admin, api, broadcast, corrections, deliberation, dossier, health, live, pages, party_signing, recordings, records, transcript
from web.http import ApiError, RequestGuard, api_error_handler
from web.services import hearing_rooms

log = logging.getLogger(__name__)
STATIC_DIR = Path(__file__).parent / "static"


async def _audit_refusal(scope, status: int, code: str) -> None:
    """RequestGuard's refusals (oversized body, cross-site request) are counted like any other."""
    from courtroom.records.auditing import record_refusal
    from web.http import clean_text

    ctx = getattr(scope["app"].state, "court", None)
    if ctx is None:
        return
    client = scope.get("client")
    await record_refusal(ctx, who="anonymous", source=client[0] if client else None, code=code,
                         path=clean_text(scope.get("path", "")), method=scope.get("method"))


async def start_context(settings: Settings, db: Database | None = None) -> ServerContext:
    """Open the database (embedded by default, unless one is given), load keys, and recover
    what a crash left behind."""
    from courtroom.hearing.registry import HearingRooms

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    own_db = db is None
    if db is None:
        db = await Database.connect(settings.database_url, pgdata=settings.pg_dir,
                                    owner_url=settings.database_owner_url)
    try:
        keys = Keyring.load(settings.keys_dir)
        async with db.pool.acquire() as conn:
            court_id = await staff.ensure_court(conn, settings.court_name)
            await audit.append(conn, "server.started", audit.Actor.system(),
                               detail={"embedded_db": db.embedded is not None,
                                       # Empty when the app's role cannot rewrite the trail itself.
                                       "database_role_problems": db.role_problems})
        ctx = ServerContext(settings=settings, db=db, keys=keys, court_id=court_id)
        # The court's name and run-time settings as the administrator last set them.
        await admin.apply_court_settings(ctx)
        rooms = HearingRooms(ctx)
        ctx.rooms = rooms
        if settings.role == "single":
            # With workers, a segment left open belongs to a hearing some worker may be
            # recording now: the worker that takes the hearing recovers it (HearingRooms.room).
            await rooms.recover_after_restart()
        await _start_services(ctx)
    except BaseException:
        if own_db:
            await db.close()
        raise
    ctx.owns_db = own_db
    return ctx


async def _start_services(ctx: ServerContext) -> None:
    """Optional services: each is absent when disabled or not installed in this build."""
    from courtroom.records.auditing import start_audit_service
    from courtroom.records.outbox import start_filing_service

    # Audit first (stopped last): anchors the chains outside the database, counts refusals.
    ctx.services.audit = await start_audit_service(ctx)
    # Filing next: it retries interrupted filings and delivers the dossier outbox.
    ctx.services.filing = await start_filing_service(ctx)
    if ctx.settings.role == "front":
        pass  # hearings (and their speech) live on the media workers
    elif ctx.settings.asr_enabled and ctx.settings.nats_url:
        # Whisper in `courtroom asr-worker` processes, fed through JetStream (issue 11).
        from courtroom.hearing.queued_transcription import QueuedTranscription

        queued = QueuedTranscription(ctx, ctx.settings.nats_url)
        await queued.start()
        ctx.services.transcription = queued
    elif ctx.settings.asr_enabled:
        from courtroom.hearing.transcription import start_transcription

        ctx.services.transcription = await start_transcription(ctx)
    from courtroom.broadcast.service import start_broadcast_service

    ctx.services.broadcast = await start_broadcast_service(ctx)
    if ctx.settings.role in ("front", "media") and ctx.settings.nats_url:
        from courtroom.cluster.hearing_events import HearingEvents

        events = HearingEvents(ctx.settings.nats_url, f"{ctx.settings.role} hearing events")
        rooms = hearing_rooms(ctx)
        if ctx.settings.role == "media":
            await events.start(on_event=rooms.apply_remote)  # follow what fronts change
        else:
            await events.start()
            rooms.events = events  # tell the workers what this front changes
        ctx.services.hearing_events = events
    if ctx.settings.role in ("front", "media") and ctx.settings.nats_url and ctx.settings.asr_enabled:
        from courtroom.cluster.watch import ClusterWatch  # readiness and metrics: ASR workers, the queue

        watch = ClusterWatch(ctx.settings.nats_url, f"{ctx.settings.role} cluster watch")
        await watch.start()
        ctx.services.cluster_watch = watch
    if ctx.settings.role == "front":
        # Every front watches the media workers; the database gives each death to one of them.
        from courtroom.cluster.membership import Reaper

        reaper = Reaper(ctx.db.pool)
        await reaper.start()
        ctx.services.reaper = reaper


async def stop_context(ctx: ServerContext) -> None:
    if ctx.stopped:
        return
    ctx.stopped = True
    await hearing_rooms(ctx).shutdown()
    for service in reversed(ctx.services.started()):
        try:
            await service.stop()
        except Exception:
            log.exception("stopping %s failed", type(service).__name__)
    async with ctx.db.pool.acquire() as conn:
        await audit.append(conn, "server.stopped", audit.Actor.system())
    if ctx.owns_db:
        await ctx.db.close()


def create_app(settings: Settings, *, context: ServerContext | None = None,
               stop_context_on_shutdown: bool = False,
               before_stop: Callable[[], Awaitable[None]] | None = None,
               after_stop: Callable[[], Awaitable[None]] | None = None) -> Starlette:
    """The ASGI app. With `context`, the caller made it (tests, demo, `serve`) and owns its
    shut-down unless `stop_context_on_shutdown`: uvicorn re-raises SIGTERM after its own
    shut-down, so clean-up that must run on SIGTERM belongs in the lifespan."""

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if context is not None:
            app.state.court = context
            try:
                yield
            finally:
                if before_stop is not None:  # e.g. a media worker deregistering
                    await before_stop()
                if stop_context_on_shutdown:
                    await stop_context(context)
                if after_stop is not None:  # e.g. `serve --media-workers`: children, NATS, PostgreSQL
                    await after_stop()
            return
        ctx = await start_context(settings)
        app.state.court = ctx
        try:
            yield
        finally:
            await stop_context(ctx)

    async def not_found(request: Request, exc: Exception) -> Response:
        if request.url.path.startswith("/api/"):
            return await api_error_handler(request, ApiError(404, "not_found", "未找到"))
        return pages.not_found_page()

    return Starlette(
        routes=[*health.routes, *api.routes, *admin.routes, *live.routes, *pages.routes, *records.routes, *transcript.routes, *recordings.routes,
                *dossier.routes, *party_signing.routes, *corrections.routes, *deliberation.routes, *broadcast.routes,
                Mount("/static", StaticFiles(directory=STATIC_DIR), name="static")],
        lifespan=lifespan,
        middleware=[Middleware(RequestGuard, on_refusal=_audit_refusal)],
        exception_handlers={ApiError: api_error_handler, 404: not_found},
    )
