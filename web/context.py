"""Everything a request handler needs, built once at start-up (see web.app.lifespan)."""

from __future__ import annotations

import dataclasses
import uuid
from typing import TYPE_CHECKING, Any

from courtroom.config import Settings
from courtroom.keyring import Keyring
from models.db import Database

if TYPE_CHECKING:
    from courtroom.rooms import HearingRooms


@dataclasses.dataclass
class ServerContext:
    settings: Settings
    db: Database
    keys: Keyring
    court_id: uuid.UUID
    rooms: "HearingRooms"
    # Optional services, present when enabled: speech recognition, broadcast, signing...
    services: dict[str, Any] = dataclasses.field(default_factory=dict)
    # False when the caller (a test, the demo) opened the database and will close it.
    owns_db: bool = True
    stopped: bool = False
