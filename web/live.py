"""The live WebSocket of a hearing: authentication by join token, then lobby, control and
media signaling (see courtroom.hearing.room and courtroom.media.signaling).

Protocol: the first message must be `{"type": "join", "token": "..."}` within 10 s.
Every message is a JSON object of at most 64 KiB; a client sending more than a burst
of messages is told so and, if it keeps on, disconnected. One client's bad input never
disturbs anybody else's connection."""

from __future__ import annotations

import asyncio
import json
import logging
import time

from starlette.routing import WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect, WebSocketState

from courtroom.hearing.room import Client, RoomError
from courtroom.operations.logging import set_log_context
from models.credentials import TokenError
from models.hearings import StateError
from web.auth import participant_from_token
from web.http import chinese_only, dumps
from web.services import hearing_rooms

log = logging.getLogger(__name__)

MAX_MESSAGE_BYTES = 64 * 1024
JOIN_TIMEOUT_S = 10.0
# Token bucket: sustained rate and burst. A browser sends a handful per second at most.
RATE_PER_S, BURST = 20.0, 60
MAX_VIOLATIONS = 3


class RateLimiter:
    def __init__(self, rate: float = RATE_PER_S, burst: int = BURST):
        self.rate, self.burst = rate, burst
        self.tokens, self.last = float(burst), time.monotonic()

    def allow(self) -> bool:
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.last) * self.rate)
        self.last = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False


def _error(code: str, message: str) -> dict:
    return {"type": "error", "code": code, "message": chinese_only(message)}


async def _send(ws: WebSocket, message: dict) -> None:
    if ws.application_state == WebSocketState.CONNECTED and ws.client_state == WebSocketState.CONNECTED:
        await ws.send_text(dumps(message))


async def _receive_json(ws: WebSocket) -> dict | None:
    """The next message as a dict, None for a message we answered with an error."""
    frame = await ws.receive()
    if frame["type"] == "websocket.disconnect":
        raise WebSocketDisconnect(frame.get("code", 1000))
    text = frame.get("text")
    if text is None:
        await _send(ws, _error("bad_message", "只接受文本消息 (text messages only)"))
        return None
    if len(text.encode("utf-8")) > MAX_MESSAGE_BYTES:
        await _send(ws, _error("too_large", f"消息过大，上限 {MAX_MESSAGE_BYTES // 1024} KiB (message too large)"))
        return None
    try:
        message = json.loads(text)
    except ValueError:
        await _send(ws, _error("bad_json", "消息不是有效的 JSON (message is not valid JSON)"))
        return None
    if not isinstance(message, dict) or not isinstance(message.get("type"), str):
        await _send(ws, _error("bad_message", "消息须为带 type 字段的 JSON 对象 (message needs a type)"))
        return None
    return message


async def hearing_socket(ws: WebSocket) -> None:
    await ws.accept()
    ctx = ws.app.state.court
    try:
        first = await asyncio.wait_for(_receive_json(ws), JOIN_TIMEOUT_S)
    except (asyncio.TimeoutError, WebSocketDisconnect):
        await _close(ws, 4001, "join timeout")
        return
    if not first or first.get("type") != "join" or not isinstance(first.get("token"), str):
        await _deny(ctx, ws, "join_required", "请先用令牌加入 (send join with a token first)")
        return
    if ctx.draining:  # SIGTERM: the hearings here are ending; join after maintenance
        await _deny(ctx, ws, "server_draining", "服务器即将维护，暂不接受加入，请稍后重试 (server draining)")
        return
    if ctx.settings.role == "front":  # the hearing lives on a media worker
        try:
            participant = await participant_from_token(ctx, first["token"])
        except TokenError as exc:
            await _deny(ctx, ws, exc.code, str(exc))
            return
        from web.worker_proxy import relay_to_worker

        await relay_to_worker(ctx, ws, first, participant)
        return
    try:
        participant = await participant_from_token(ctx, first["token"])
        # Every log line of this connection (and of tasks it starts) names the hearing and participant.
        set_log_context(hearing_id=participant.hearing_id, participant_id=participant.id)
        room = await hearing_rooms(ctx).room(participant.hearing_id)
    except TokenError as exc:
        await _deny(ctx, ws, exc.code, str(exc))
        return
    except (StateError, LookupError) as exc:
        await _deny(ctx, ws, "hearing_closed", str(exc))
        return
    from models.credentials import read_join_token

    jti = read_join_token(ctx.keys.join_token_key, first["token"]).jti
    client = Client(participant=participant, jti=jti, send=lambda m: _send(ws, m),
                    close=lambda code, reason: _close(ws, code, reason))
    limiter, violations, reason = RateLimiter(), 0, "disconnected"
    try:
        await room.connect(client)
        log.info("participant joined the live hearing", extra={"role": participant.role.value})
        while True:
            message = await _receive_json(ws)
            if message is None:
                continue
            if not limiter.allow():
                violations += 1
                await _send(ws, _error("rate_limited", "消息过于频繁 (too many messages)"))
                if violations >= MAX_VIOLATIONS:
                    reason = "flooding"
                    await _close(ws, 1008, "flooding")
                    break
                continue
            try:
                await room.handle(client, message)
            except RoomError as exc:
                await _send(ws, _error(exc.code, str(exc)))
            except Exception as exc:  # a bug in one handler must not take the connection down
                log.exception("live message failed")
                await _send(ws, _error("internal", f"服务器内部错误 (internal error: {type(exc).__name__})"))
    except WebSocketDisconnect as exc:
        # 1000 is the page's own goodbye (离开); anything else is a dropped link.
        if exc.code == 1000:
            reason = "left"
    finally:
        await room.disconnect(client, reason)


async def _deny(ctx, ws: WebSocket, code: str, message: str) -> None:
    from courtroom.records.auditing import record_refusal

    await record_refusal(ctx, who="anonymous", source=ws.client.host if ws.client else None, code=code,
                         path="/ws/hearing")
    await _send(ws, _error(code, message))
    await _close(ws, 4003, code)


async def _close(ws: WebSocket, code: int, reason: str) -> None:
    if ws.application_state != WebSocketState.DISCONNECTED:
        try:
            await ws.close(code, reason[:120])
        except Exception:
            pass


routes = [WebSocketRoute("/ws/hearing", hearing_socket)]
