"""WebRTC signaling for one participant: JSON messages in, JSON messages out.

Transport-agnostic: the web layer authenticates the WebSocket (join token ->
participant id and role), handles lobby/admit/mute/pause/close itself, and passes media
messages here (`handle(dict)`, or `handle_text(str)` which also checks size and JSON).
Replies and events go out through the `send` coroutine given at construction.

Every request may carry an "id"; the reply (answer or error) echoes it.

Client -> server
  {"type": "hello"}
        -> {"type": "welcome", "participant": ME, "publications": [PUB, ...],
            "codecs": {"audio": ["opus"], "video": ["VP8"]}}
  {"type": "publish", "sdp": OFFER}
        offer with sendonly audio and/or video (at most one of each). A new publish
        replaces the previous publish connection (reconnect, ICE restart).
        -> {"type": "answer", "target": "publish", "sdp": ANSWER}
  {"type": "unpublish"}                        -> {"type": "unpublished"}
  {"type": "subscribe", "publisher": P, "sdp": OFFER}
        offer with recvonly sections for the kinds P publishes. A new subscribe to the
        same P replaces the previous connection.
        -> {"type": "answer", "target": P, "sdp": ANSWER}
  {"type": "unsubscribe", "publisher": P}      -> {"type": "unsubscribed", "publisher": P}
  {"type": "candidate", "target": "publish" | P, "candidate": "candidate:..." | null,
   "sdpMid": "0", "sdpMLineIndex": 0}
        a trickled ICE candidate for that connection (null: end of candidates). The
        server puts all its own candidates in its answers; it never trickles.

Server -> client (events)
  {"type": "publication", "participant": P, "kinds": ["audio", "video"], "muted": false}
        P publishes (or changed what it publishes, or was muted/unmuted).
        Subscribe (again) to get the kinds listed.
  {"type": "publication-ended", "participant": P}
  {"type": "state", "target": "publish" | P, "state": "connecting" | "connected" | "failed" | ...}
        the server's view of that connection; on "failed", offer again (a new connection).
  {"type": "quality", "state": "ok" | "reduced" | "paused", "paused": [P...], "reduced": [P...], "estimate_kbps": N}
        (server to a subscriber: what its link carries of the others' video; the page shows it)
  {"type": "error", "code": CODE, "message": TEXT, "ref": REQUEST_TYPE}
        CODE: bad_json, too_large, bad_request, unknown_type, bad_sdp, no_common_codec,
        unknown_publisher, unknown_publication, unknown_target, bad_candidate, forbidden,
        rate_limited, closed, gone, internal. An error concerns only this participant.

PUB = {"participant": P, "kinds": [...], "muted": bool}
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any, Optional

from courtroom.media.mediaroom import MediaError, MediaRoom

logger = logging.getLogger(__name__)

MAX_MESSAGE_BYTES = 64 * 1024  # a browser offer with two sections is about 6-10 KB
MAX_SDP_BYTES = 48 * 1024
MAX_ID_LENGTH = 128
# Token bucket: sustained messages per second and burst (trickled candidates come in bursts).
RATE_PER_S = 20.0
RATE_BURST = 60.0


class SignalingSession:
    """One participant's signaling over any message transport."""

    def __init__(
        self,
        room: MediaRoom,
        participant_id: str,
        send: Callable[[dict], Awaitable[None]],
        *,
        may_publish: bool = True,
        may_subscribe: Optional[Callable[[str], bool]] = None,
    ) -> None:
        """`may_publish` / `may_subscribe(publisher_id)`: what this participant's role allows
        (e.g. a viewer only watches); refused requests get a "forbidden" error."""
        self.room = room
        self.participant_id = participant_id
        self._send = send
        self._may_publish = may_publish
        self._may_subscribe = may_subscribe
        self._outbox: asyncio.Queue[Optional[dict]] = asyncio.Queue()
        self._pump: Optional[asyncio.Task] = None
        self._tokens = RATE_BURST
        self._tokens_at = time.monotonic()
        self._last_rate_error = 0.0
        self.closed = False
        self._unwatch = room.watch(self)

    # --- transport side --------------------------------------------------------------------

    async def handle_text(self, raw: str | bytes) -> None:
        """One raw message from the transport: size and JSON checks, then `handle`."""
        if len(raw) > MAX_MESSAGE_BYTES:
            await self._error("too_large", f"message of {len(raw)} bytes exceeds {MAX_MESSAGE_BYTES}", None)
            return
        try:
            message = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            await self._error("bad_json", "message is not valid JSON", None)
            return
        await self.handle(message)

    async def handle(self, message: Any) -> None:
        """One parsed message. Never raises: problems are answered with an error message."""
        if self.closed:
            return
        if not isinstance(message, dict):
            await self._error("bad_request", "message must be a JSON object", None)
            return
        kind = message.get("type")
        request_id = message.get("id")
        if request_id is not None and not (isinstance(request_id, (str, int)) and len(str(request_id)) <= MAX_ID_LENGTH):
            request_id = None
        if not self._take_token():
            now = time.monotonic()
            if now - self._last_rate_error > 1.0:  # do not answer a flood with a flood
                self._last_rate_error = now
                await self._error("rate_limited", "too many messages; slow down", kind, request_id)
            return
        handler = self._handlers.get(kind) if isinstance(kind, str) else None
        if handler is None:
            await self._error("unknown_type", f"unknown message type {str(kind)[:40]!r}", kind, request_id)
            return
        try:
            reply = await handler(self, message)
        except MediaError as exc:
            await self._error(exc.code, exc.message, kind, request_id)
            return
        except Exception:
            logger.exception("signaling %s from %s failed", kind, self.participant_id)
            await self._error("internal", "the server could not handle this message", kind, request_id)
            return
        if reply is not None:
            if request_id is not None:
                reply["id"] = request_id
            self._post(reply)

    async def close(self, reason: str = "disconnected") -> None:
        """The transport closed: remove the participant's media from the room."""
        if self.closed:
            return
        self.closed = True
        self._unwatch()
        await self.room.remove_participant(self.participant_id, reason)
        if self._pump is not None:
            self._outbox.put_nowait(None)
            try:
                await asyncio.wait_for(self._pump, 2.0)
            except (asyncio.TimeoutError, Exception):
                self._pump.cancel()

    # --- room events (RoomWatcher) ---------------------------------------------------------

    def publications_changed(self, participant_id: str, kinds: tuple[str, ...], muted: bool) -> None:
        if participant_id == self.participant_id:
            return
        if kinds:
            self._post({"type": "publication", "participant": participant_id, "kinds": list(kinds), "muted": muted})
        else:
            self._post({"type": "publication-ended", "participant": participant_id})

    def connection_state(self, target: str, state: str) -> None:
        self._post({"type": "state", "target": target, "state": state})

    def quality_changed(self, notice: dict) -> None:
        """What this participant's link carries of the others' video (courtroom/media/subscriber.py):
        {"type": "quality", "state": "ok" | "reduced" | "paused", "paused": [...], "reduced": [...]}."""
        self._post(notice)

    # --- handlers --------------------------------------------------------------------------

    async def _hello(self, message: dict) -> dict:
        pubs = []
        for pid in self.room.participants():
            kinds = self.room.published_kinds(pid)
            if pid != self.participant_id and kinds:
                pubs.append({"participant": pid, "kinds": list(kinds), "muted": self.room.is_muted(pid)})
        return {
            "type": "welcome",
            "participant": self.participant_id,
            "publications": pubs,
            "codecs": {"audio": ["opus"], "video": ["VP8"]},
        }

    async def _publish(self, message: dict) -> dict:
        if not self._may_publish:
            raise MediaError("forbidden", "this participant may not publish media")
        sdp = _sdp(message)
        answer = await self.room.publish(self.participant_id, sdp)
        return {"type": "answer", "target": "publish", "sdp": answer}

    async def _unpublish(self, message: dict) -> dict:
        await self.room.unpublish(self.participant_id)
        return {"type": "unpublished"}

    async def _subscribe(self, message: dict) -> dict:
        publisher = _participant_field(message, "publisher")
        if self._may_subscribe is not None and not self._may_subscribe(publisher):
            raise MediaError("forbidden", f"this participant may not receive {publisher!r}")
        sdp = _sdp(message)
        answer = await self.room.subscribe(self.participant_id, publisher, sdp)
        return {"type": "answer", "target": publisher, "sdp": answer}

    async def _unsubscribe(self, message: dict) -> dict:
        publisher = _participant_field(message, "publisher")
        await self.room.unsubscribe(self.participant_id, publisher)
        return {"type": "unsubscribed", "publisher": publisher}

    async def _candidate(self, message: dict) -> None:
        target = _participant_field(message, "target")
        candidate = message.get("candidate")
        if isinstance(candidate, dict):  # RTCIceCandidate.toJSON() passed whole
            message = {**message, **candidate}
            candidate = candidate.get("candidate")
        if candidate is not None and not (isinstance(candidate, str) and len(candidate) < 1024):
            raise MediaError("bad_candidate", "candidate must be a string (or null for end of candidates)")
        mid = message.get("sdpMid")
        index = message.get("sdpMLineIndex")
        if mid is not None and not isinstance(mid, str):
            raise MediaError("bad_candidate", "sdpMid must be a string")
        if index is not None and not isinstance(index, int):
            raise MediaError("bad_candidate", "sdpMLineIndex must be an integer")
        await self.room.add_ice_candidate(self.participant_id, target, candidate, mid, index)
        return None

    _handlers: dict[str, Callable[["SignalingSession", dict], Awaitable[Optional[dict]]]] = {
        "hello": _hello,
        "publish": _publish,
        "unpublish": _unpublish,
        "subscribe": _subscribe,
        "unsubscribe": _unsubscribe,
        "candidate": _candidate,
    }

    # --- plumbing --------------------------------------------------------------------------

    def _take_token(self) -> bool:
        now = time.monotonic()
        self._tokens = min(RATE_BURST, self._tokens + (now - self._tokens_at) * RATE_PER_S)
        self._tokens_at = now
        if self._tokens < 1.0:
            return False
        self._tokens -= 1.0
        return True

    async def _error(self, code: str, text: str, ref: Any, request_id: Any = None) -> None:
        message: dict[str, Any] = {"type": "error", "code": code, "message": text}
        if isinstance(ref, str):
            message["ref"] = ref[:40]
        if request_id is not None:
            message["id"] = request_id
        self._post(message)

    def _post(self, message: dict) -> None:
        """Queue a message; one pump task sends them in order (events come from sync callbacks)."""
        if self.closed and message.get("type") != "error":
            return
        if self._pump is None:
            self._pump = asyncio.ensure_future(self._run_pump())
        self._outbox.put_nowait(message)

    async def _run_pump(self) -> None:
        while True:
            message = await self._outbox.get()
            if message is None:
                return
            try:
                await self._send(message)
            except Exception as exc:  # the transport went away; the web layer will close us
                logger.debug("signaling send to %s failed: %s", self.participant_id, exc)

    async def flush(self) -> None:
        """Wait until every queued message has been handed to `send` (for tests and shutdown)."""
        while not self._outbox.empty():
            await asyncio.sleep(0.005)
        await asyncio.sleep(0)


# The message types a SignalingSession handles: the web layer routes these to it and
# keeps its own (lobby, admit, mute, pause, close) for itself.
MEDIA_MESSAGE_TYPES = frozenset(SignalingSession._handlers)


def _sdp(message: dict) -> str:
    sdp = message.get("sdp")
    if not isinstance(sdp, str) or not sdp:
        raise MediaError("bad_request", "field 'sdp' (the SDP offer as a string) is required")
    if len(sdp) > MAX_SDP_BYTES:
        raise MediaError("too_large", f"SDP of {len(sdp)} bytes exceeds {MAX_SDP_BYTES}")
    return sdp


def _participant_field(message: dict, field: str) -> str:
    value = message.get(field)
    if not isinstance(value, str) or not value or len(value) > MAX_ID_LENGTH:
        raise MediaError("bad_request", f"field {field!r} (a participant id) is required")
    return value
