"""GET /healthz (alive), /readyz (ready to hold a hearing: 503 naming the failed checks), /metrics.

/metrics is on the main listener, not a separate port: one TLS listener to firewall and
to put behind the court's proxy. It is not for browsers: it answers requests from the
machine itself (127.0.0.1 / ::1, where a local Prometheus or node agent scrapes) and
requests carrying `Authorization: Bearer $COURTROOM_METRICS_TOKEN` (a remote Prometheus,
`authorization: credentials_file:` in its scrape config). Anyone else gets 404, as for
anything that is not theirs. Staff sessions are not accepted: Prometheus has none, and
per-track figures name hearings.
"""

from __future__ import annotations

import hmac

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from courtroom.operations import health
from courtroom.operations.metrics import CONTENT_TYPE, ServerMetrics
from web.auth import context

_LOOPBACK = {"127.0.0.1", "::1", "localhost"}


async def healthz(request: Request) -> Response:
    return JSONResponse({"status": "alive"}, headers={"cache-control": "no-store"})


async def readyz(request: Request) -> Response:
    ctx = context(request)
    results = await health.readiness(ctx)
    body = health.summary(results)
    if getattr(ctx, "draining", False):  # SIGTERM: a load balancer should send no new hearing here
        body["status"], body["failed"] = "not_ready", [*body["failed"], "draining"]
    return JSONResponse(body, status_code=200 if body["status"] == "ready" else 503,
                        headers={"cache-control": "no-store"})


def _may_scrape(request: Request) -> bool:
    token = context(request).settings.metrics_token
    given = request.headers.get("authorization", "")
    if token and hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        return True
    client = request.client.host if request.client else ""
    forwarded = request.headers.get("x-forwarded-for")  # through a proxy: not the machine itself
    return client in _LOOPBACK and not forwarded


async def metrics(request: Request) -> Response:
    if not _may_scrape(request):
        return PlainTextResponse("not found", status_code=404)
    state = request.app.state
    server_metrics = getattr(state, "metrics", None)
    if server_metrics is None or server_metrics.collector.ctx is not context(request):
        server_metrics = state.metrics = ServerMetrics(context(request))
    return Response(await server_metrics.render(), media_type=CONTENT_TYPE, headers={"cache-control": "no-store"})


routes = [
    Route("/healthz", healthz, methods=["GET"]),
    Route("/readyz", readyz, methods=["GET"]),
    Route("/metrics", metrics, methods=["GET"]),
]
