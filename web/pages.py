"""HTML pages (Simplified Chinese). Static documents; their scripts talk to the JSON API and
the live WebSocket, so no templating and no build step is needed."""

from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.routing import Route

PAGES_DIR = Path(__file__).parent / "pages"


def _page(name: str):
    async def handler(request: Request) -> Response:
        # Pages hold no data themselves; never cache them so a deploy takes effect at once.
        return FileResponse(PAGES_DIR / name, media_type="text/html; charset=utf-8",
                            headers={"cache-control": "no-store"})

    return handler


def not_found_page() -> Response:
    return HTMLResponse("<!doctype html><meta charset=utf-8><title>未找到</title><p>页面不存在。<a href='/'>返回首页</a>",
                        status_code=404)


routes = [
    Route("/", _page("index.html")),
    Route("/terminal/{hearing_id}", _page("terminal.html")),
    Route("/join", _page("join.html")),
]
