"""The live WebSocket of a hearing: authentication, then lobby, control and media signaling
(see courtroom.hearing.room and courtroom.media.signaling).

Protocol: the first message, within 10 s, is one of
- `{"type": "join", "token": "..."}`: a party, with the join token they were sent;
- `{"type": "join", "hearing_id": "...", "session": "..."}`: court staff, into their own seat,
  with their own log-in session (or, without "session", the session cookie of a same-origin
  page). Staff never use a bearer token someone else could hold (models.permissions).
Every frame counts against the rate limit before it is even parsed; every message is a JSON
object of at most 64 KiB, bounded in depth, without NUL or lone surrogates. A client sending
more than a burst of frames is told so and, if it keeps on, disconnected. One client's bad
input never disturbs anybody else's connection."""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from typing import Any
from urllib.parse import urlsplit

from starlette.routing import WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect, WebSocketState

from courtroom.hearing.room import Client, RoomError
from courtroom.operations.logging import set_log_context
from models import audit, hearings, staff, tokens
from models.credentials import TokenError, read_join_token
from models.hearings import StateError
from models.permissions import Action
from web.auth import participant_from_token
from web.http import SESSION_COOKIE, ApiError, chinese_only, clean_text, dumps, parse_json
from web.services import hearing_rooms

log = logging.getLogger(__name__)

MAX_MESSAGE_BYTES = 64 * 1024
JOIN_TIMEOUT_S = 10.0
# Token bucket: sustained rate and burst. A browser sends a handful per second at most.
RATE_PER_S, BURST = 20.0, 60
MAX_VIOLATIONS = 3
# A staff member's session is checked again this often while they are connected: log-out
# everywhere, a password change or a disabled account ends the connection within this time.
SESSION_RECHECK_S = 15.0


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


class Refused(Exception):
    """A join we refuse; `code` is machine-readable, str() is for people."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


def _error(code: str, message: str) -> dict:
    return {"type": "error", "code": code, "message": chinese_only(message)}


async def _send(ws: WebSocket, message: dict) -> None:
    if ws.application_state == WebSocketState.CONNECTED and ws.client_state == WebSocketState.CONNECTED:
        await ws.send_text(dumps(message))


async def _receive_frame(ws: WebSocket) -> str | bytes:
    frame = await ws.receive()
    if frame["type"] == "websocket.disconnect":
        raise WebSocketDisconnect(frame.get("code", 1000))
    text = frame.get("text")
    return text if text is not None else (frame.get("bytes") or b"")


async def _parse(ws: WebSocket, frame: str | bytes) -> dict | None:
    """The frame as a message dict, or None for a frame we answered with an error."""
    if not isinstance(frame, str):
        await _send(ws, _error("bad_message", "只接受文本消息 (text messages only)"))
        return None
    if len(frame) > MAX_MESSAGE_BYTES or len(frame.encode("utf-8", "surrogatepass")) > MAX_MESSAGE_BYTES:
        await _send(ws, _error("too_large", f"消息过大，上限 {MAX_MESSAGE_BYTES // 1024} KiB (message too large)"))
        return None
    try:
        message = parse_json(frame)
    except ApiError as exc:
        await _send(ws, _error(exc.code, exc.message))
        return None
    if not isinstance(message, dict) or not isinstance(message.get("type"), str):
        await _send(ws, _error("bad_message", "消息须为带 type 字段的 JSON 对象 (message needs a type)"))
        return None
    return message


def _same_origin(ws: WebSocket) -> bool:
    origin, host = ws.headers.get("origin"), ws.headers.get("host", "")
    try:
        return origin is not None and urlsplit(origin).netloc.lower() == host.lower()
    except ValueError:
        return False


async def join_with_session(ctx: Any, ws: WebSocket, first: dict) -> tuple[hearings.Participant, dict, str]:
    """Court staff into their own seat, by their own log-in session (Refused otherwise): the
    seat, the account and the session's secret."""
    secret = first.get("session")
    if secret is None:
        # The cookie rides along on any page's socket: only our own pages may use it.
        secret = ws.cookies.get(SESSION_COOKIE)
        if secret is not None and not _same_origin(ws):
            raise Refused("cross_origin", "拒绝跨站连接 (cross-origin connection refused)")
    if not isinstance(secret, str) or not secret:
        raise Refused("login_required", "请先登录 (log-in required)")
    account = await staff.resolve_session(ctx.db.pool, secret)
    if account is None:
        raise Refused("login_required", "登录已失效，请重新登录 (log-in required)")
    if account["must_change_password"]:
        raise Refused("password_change_required", "请先修改初始密码 (change your initial password first)")
    try:
        h = await hearings.get(ctx.db.pool, uuid.UUID(str(first.get("hearing_id"))))
        standing = await hearings.standing(ctx.db.pool, h, account["id"])
        if not standing.allows(Action.JOIN_OWN_SEAT):
            raise LookupError("not seated")  # not seated answers like no such hearing
    except (ValueError, LookupError):
        raise Refused("not_found", "未找到 (not found)") from None
    if h.state.value == "closed":
        raise Refused("hearing_closed", "庭审已结束 (hearing closed)")
    seat = await hearings.participant_for_staff(ctx.db.pool, h.id, account["id"])
    assert seat is not None  # JOIN_OWN_SEAT is granted by the caller's own seat
    return seat, account, secret


async def hearing_socket(ws: WebSocket) -> None:
    await ws.accept()
    ctx = ws.app.state.court
    limiter = RateLimiter()
    try:
        frame = await asyncio.wait_for(_receive_frame(ws), JOIN_TIMEOUT_S)
        limiter.allow()
        first = await _parse(ws, frame)
    except (asyncio.TimeoutError, WebSocketDisconnect):
        await _close(ws, 4001, "join timeout")
        return
    if not first or first.get("type") != "join" or not (
            isinstance(first.get("token"), str) or first.get("hearing_id") is not None):
        await _deny(ctx, ws, "join_required", "请先用令牌或本人登录加入 (send join with a token or your log-in)")
        return
    if ctx.draining:  # SIGTERM: the hearings here are ending; join after maintenance
        await _deny(ctx, ws, "server_draining", "服务器即将维护，暂不接受加入，请稍后重试 (server draining)")
        return
    if ctx.settings.role == "front":  # the hearing lives on a media worker
        try:
            if isinstance(first.get("token"), str):
                participant, join = await participant_from_token(ctx, first["token"]), first
            else:
                participant, _, secret = await join_with_session(ctx, ws, first)
                # The worker sees no cookie: it gets the session itself, and checks it again.
                join = {"type": "join", "hearing_id": str(participant.hearing_id), "session": secret}
        except TokenError as exc:
            await _deny(ctx, ws, exc.code, str(exc))
            return
        except Refused as exc:
            await _deny(ctx, ws, exc.code, str(exc))
            return
        from web.worker_proxy import relay_to_worker

        await relay_to_worker(ctx, ws, join, participant)
        return
    account: dict | None = None
    try:
        if isinstance(first.get("token"), str):
            participant = await participant_from_token(ctx, first["token"])
            jti = read_join_token(ctx.keys.join_token_key, first["token"]).jti
            joined: dict[str, Any] = {"via": "token", "jti": str(jti),
                                      "token_issued_by": await tokens.issuer(ctx.db.pool, jti)}
        else:
            participant, account, _ = await join_with_session(ctx, ws, first)
            jti = uuid.uuid4()  # no token: matches no revocation
            joined = {"via": "session", "staff_id": str(account["id"])}
        # Every log line of this connection (and of tasks it starts) names the hearing and participant.
        set_log_context(hearing_id=participant.hearing_id, participant_id=participant.id)
        room = await hearing_rooms(ctx).room(participant.hearing_id)
    except TokenError as exc:
        await _deny(ctx, ws, exc.code, str(exc))
        return
    except Refused as exc:
        await _deny(ctx, ws, exc.code, str(exc), who=account["username"] if account else "anonymous")
        return
    except (StateError, LookupError) as exc:
        await _deny(ctx, ws, "hearing_closed", str(exc))
        return
    # Who entered the seat, and on whose token: the trail names both.
    async with ctx.db.pool.acquire() as conn:
        await audit.append(conn, "participant.joined", participant.actor, hearing_id=participant.hearing_id,
                           detail={"participant_id": str(participant.id), **joined,
                                   "client": ws.client.host if ws.client else None})
    client = Client(participant=participant, jti=jti, send=lambda m: _send(ws, m),
                    close=lambda code, reason: _close(ws, code, reason))
    violations, reason = 0, "disconnected"
    # A staff seat lives only as long as the log-in behind it, whether or not the page talks.
    watcher = asyncio.create_task(_watch_session(ctx, ws, account["session_id"])) if account else None
    try:
        await room.connect(client)
        log.info("participant joined the live hearing", extra={"role": participant.role.value})
        while True:
            frame = await _receive_frame(ws)
            # Counted before anything else is done with it: a bad frame costs its sender the same.
            if not limiter.allow():
                violations += 1
                await _send(ws, _error("rate_limited", "消息过于频繁 (too many messages)"))
                if violations >= MAX_VIOLATIONS:
                    reason = "flooding"
                    await _close(ws, 1008, "flooding")
                    break
                continue
            message = await _parse(ws, frame)
            if message is None:
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
        if watcher is not None:
            watcher.cancel()
            if watcher.done() and not watcher.cancelled() and watcher.result():
                reason = "session_ended"
        await room.disconnect(client, reason)


async def _watch_session(ctx: Any, ws: WebSocket, session_id: str) -> bool:
    """Close the socket once the session ends (log-out everywhere, password change, disabled account)."""
    while True:
        await asyncio.sleep(SESSION_RECHECK_S)
        if not await staff.session_is_live(ctx.db.pool, session_id):
            await _send(ws, _error("session_ended", "登录已失效 (your log-in has ended)"))
            await _close(ws, 4003, "session ended")
            return True


async def _deny(ctx: Any, ws: WebSocket, code: str, message: str, *, who: str = "anonymous") -> None:
    from courtroom.records.auditing import record_refusal

    await record_refusal(ctx, who=clean_text(who, 80), source=ws.client.host if ws.client else None, code=code,
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
