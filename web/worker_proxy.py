"""The front's side of a hearing's live socket: placed on a media worker, then relayed.

Why the front proxies /ws/hearing instead of handing the browser the worker's URL (as
LiveKit's join API does): a court's firewall usually opens one public port, TLS
certificates are issued for the court's one name, and a page's origin must stay the
same for its session cookie and camera permission. So the browser speaks only to the
front, over the front's TLS; the front relays the few small JSON messages of signalling
(an offer or candidate now and then: no load worth a second hop's thought) to the
worker over the internal network. The media itself does not pass here: ICE/UDP goes
straight to the worker's own host addresses (COURTROOM_HOST_ADDRESSES per worker).

When the worker goes away mid-hearing the browser's socket is closed with 1012
(service restart); the page reconnects by itself, and the next placement puts the
hearing on a live worker (placement skips a worker whose heartbeat is 3 s old, even
before a reaper has declared it dead)."""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

import websockets
from starlette.websockets import WebSocket, WebSocketDisconnect, WebSocketState

from courtroom.context import ServerContext
from models import workers
from models.hearings import Participant

log = logging.getLogger(__name__)

# Close codes the page treats as "reconnect" (web/static/live.js reconnects on all but 4001, 4003, 1008).
WORKER_LOST = 1012  # service restart
NO_WORKER = 1013  # try again later
UPSTREAM_MAX_BYTES = 256 * 1024


async def relay_to_worker(ctx: ServerContext, ws: WebSocket, join: dict[str, Any], participant: Participant) -> None:
    """Place the participant's hearing, then relay both ways until either side closes."""
    try:
        async with ctx.db.pool.acquire() as conn:
            placement = await workers.place(conn, participant.hearing_id)
    except workers.NoLiveWorker as exc:
        await _close(ws, NO_WORKER, str(exc))
        return
    url = placement.address.replace("http", "ws", 1).rstrip("/") + "/ws/hearing"
    try:
        upstream = await websockets.connect(url, max_size=UPSTREAM_MAX_BYTES, open_timeout=5, ping_interval=5,
                                            ping_timeout=5)
    except (OSError, asyncio.TimeoutError, websockets.WebSocketException) as exc:
        log.warning("media worker %s for hearing %s unreachable: %r", url, participant.hearing_id, exc)
        await _close(ws, NO_WORKER, "媒体服务暂不可用，正在重试 (media worker unreachable)")
        return
    log.info("hearing %s participant %s relayed to %s (generation %d)", participant.hearing_id, participant.id,
             placement.address, placement.generation)
    await upstream.send(json.dumps(join))

    async def down() -> tuple[int, str]:
        """Worker -> browser. Returns how the worker ended the socket."""
        try:
            async for message in upstream:
                if isinstance(message, str) and ws.client_state == WebSocketState.CONNECTED:
                    await ws.send_text(message)
        except websockets.ConnectionClosed:
            pass
        code = upstream.close_code if upstream.close_code is not None else 1006
        return code, upstream.close_reason or ""

    async def up() -> None:
        """Browser -> worker (the worker applies its own size and rate limits)."""
        try:
            while True:
                frame = await ws.receive()
                if frame["type"] == "websocket.disconnect":
                    return
                text = frame.get("text")
                if text is not None:
                    await upstream.send(text)
        except (WebSocketDisconnect, websockets.ConnectionClosed):
            return

    down_task = asyncio.create_task(down())
    up_task = asyncio.create_task(up())
    done, _ = await asyncio.wait({down_task, up_task}, return_when=asyncio.FIRST_COMPLETED)
    if up_task in done:  # the browser left
        down_task.cancel()
        await upstream.close()
        return
    up_task.cancel()
    code, reason = down_task.result()
    if code in (1000, 1001, 1008) or 4000 <= code < 5000:
        await _close(ws, code, reason)  # the worker meant it (bye, removed, replaced, flooding)
    else:  # 1006/1011/1012: the worker died or is going away
        log.warning("media worker %s dropped hearing %s (close %s): the page reconnects", placement.address,
                    participant.hearing_id, code)
        await _close(ws, WORKER_LOST, "媒体服务已切换，正在重新连接 (media worker lost; reconnecting)")


async def _close(ws: WebSocket, code: int, reason: str) -> None:
    if ws.application_state != WebSocketState.DISCONNECTED:
        try:
            await ws.close(code, reason[:120])
        except Exception:
            pass
