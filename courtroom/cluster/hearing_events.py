"""What a front changes in a hearing, told to the media worker that hosts it.

The front commits a change to PostgreSQL (state with its audit event, the roster, a
revoked token) and publishes `{"kind": ...}` on courtroom.hearing.events.<hearing id>
(NATS core pub/sub); every media worker listens and applies it to the hearing if it
hosts it, reading the committed state back from the database (the source of truth).
Only the fact that something changed travels, never the change itself.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from courtroom.cluster import utterances as uq

log = logging.getLogger(__name__)

SUBJECT = "courtroom.hearing.events"  # .<hearing id>

OnEvent = Callable[[uuid.UUID, dict[str, Any]], Awaitable[None]]


class HearingEvents:
    def __init__(self, nats_url: str, name: str) -> None:
        self.nats_url = nats_url
        self.name = name
        self._nc: Any = None

    async def start(self, on_event: OnEvent | None = None) -> None:
        """Connect; with `on_event`, listen to every hearing's events (a media worker)."""
        self._nc = await uq.connect(self.nats_url, self.name)
        if on_event is not None:
            async def handle(msg: Any) -> None:
                try:
                    hearing_id = uuid.UUID(msg.subject.rsplit(".", 1)[-1])
                    event = json.loads(msg.data)
                    await on_event(hearing_id, event)
                except Exception:
                    log.exception("hearing event on %s failed", msg.subject)

            await self._nc.subscribe(f"{SUBJECT}.*", cb=handle)

    async def publish(self, hearing_id: uuid.UUID, event: dict[str, Any]) -> None:
        if self._nc is None:
            return
        try:
            await self._nc.publish(f"{SUBJECT}.{hearing_id}", json.dumps(event).encode())
            await self._nc.flush(timeout=2)
        except Exception as exc:  # the change is committed; the worker's room catches up on its next event or join
            log.warning("hearing event %s for %s not delivered: %r", event.get("kind"), hearing_id, exc)

    async def stop(self) -> None:
        if self._nc is not None:
            await self._nc.close()
            self._nc = None
