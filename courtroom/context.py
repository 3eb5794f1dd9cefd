"""Everything the server's parts share, built once at start-up (see web.app.start_context).

The context sits below the code that uses it: it names the live hearings and the optional
services only through the protocols here, which the hearing layer (courtroom.hearing) and
the services implement. So records, broadcast and transcription can reach a live room
without importing the layer above them."""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any, Protocol

from courtroom.config import Settings
from courtroom.media.mediaroom import MediaRoom
from models.db import Database
from models.hearings import Hearing, Participant
from models.workers import Fence
from signing.anchor import Anchor
from signing.keyring import Keyring


class LiveRoom(Protocol):
    """A hearing live in this process (courtroom.hearing.room.HearingRoom)."""

    hearing: Hearing
    media: MediaRoom | None
    fence: Fence | None  # on a media worker: the placement its writes are fenced by

    async def broadcast(self, message: dict[str, Any], *, admitted_only: bool = False) -> None: ...

    def is_online(self, participant_id: uuid.UUID) -> bool: ...


class LiveRooms(Protocol):
    """The live hearings of this process (courtroom.hearing.registry.HearingRooms)."""

    def get(self, hearing_id: uuid.UUID) -> LiveRoom | None: ...


class Service(Protocol):
    async def stop(self) -> None: ...


class HearingStateListener(Service, Protocol):
    """Told of every hearing state change after it is committed."""

    async def on_hearing_state(self, hearing: Hearing) -> None: ...


class SpeechStream(Protocol):
    def feed(self, pcm: Any, hearing_time: float) -> None: ...

    def close(self) -> None: ...


class Transcription(Service, Protocol):
    """Live speech recognition (courtroom.hearing.transcription.LiveTranscription)."""

    async def prepare(self, hearing_id: uuid.UUID) -> None: ...

    def open_stream(self, room: LiveRoom, participant: Participant) -> SpeechStream: ...

    async def register_changed(self, case_id: uuid.UUID) -> None:
        """A name was added to the case or seated in one of its hearings, or its key words were
        changed: its live hearings use them from their next segment (hotwords and correction)."""

    def stats(self) -> dict[str, Any]: ...


class Audit(HearingStateListener, Protocol):
    """Anchoring and refusal counting (courtroom.records.auditing.AuditService)."""

    async def refused(self, *, who: str, source: str | None, code: str, path: str, method: str | None = None,
                      hearing_id: uuid.UUID | None = None, member: bool = False) -> None: ...

    async def anchor_head(self, scope: str, seq: int, head_hash: str, *, reason: str) -> Anchor: ...


class Filing(Service, Protocol):
    """The filing worker (courtroom.records.outbox.FilingService): `kick` wakes it."""

    def kick(self) -> None: ...


@dataclasses.dataclass
class Services:
    """Optional services, each None when disabled or not started."""

    audit: Audit | None = None
    filing: Filing | None = None
    transcription: Transcription | None = None
    broadcast: HearingStateListener | None = None
    # A front's watch over the media workers (courtroom.cluster.membership.Reaper).
    reaper: Service | None = None
    # Hearing changes between fronts and media workers (courtroom.cluster.hearing_events).
    hearing_events: Service | None = None
    # ASR workers' reports and the JetStream queue, for readiness and metrics (courtroom.cluster.watch).
    cluster_watch: Service | None = None

    def started(self) -> list[Service]:
        """In start order (stop them in reverse)."""
        return [s for s in (self.audit, self.filing, self.transcription, self.broadcast, self.reaper,
                                 self.hearing_events, self.cluster_watch) if s is not None]


class _NoRooms:
    """Before the hearing layer is attached (start-up, tools that host no hearing)."""

    def get(self, hearing_id: uuid.UUID) -> LiveRoom | None:
        return None


@dataclasses.dataclass
class ServerContext:
    settings: Settings
    db: Database
    keys: Keyring
    court_id: uuid.UUID
    rooms: LiveRooms = dataclasses.field(default_factory=_NoRooms)
    services: Services = dataclasses.field(default_factory=Services)
    # False when the caller (a test, the demo) opened the database and will close it.
    owns_db: bool = True
    stopped: bool = False
    # SIGTERM received: no new joins, terminals told, waiting for open hearings (operations/drain.py).
    draining: bool = False
