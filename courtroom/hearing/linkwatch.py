"""Link health of a hearing's participants (issue 14, finding 5): who has gone silent on the
wire, since when, and why, for the judge's and the clerk's terminals and the audit log.

A participant's link is *lost* when, while admitted:
  - their media stops: a live publication sent no frame for LOST_AFTER_S (browsers send
    audio packets continuously, silence included, so a quiet speaker is not a lost one);
  - their publishing connection goes `disconnected`, `failed` or `closed` (aioice closes it
    when ICE consent lapses);
  - their hearing socket drops without a goodbye (a page that leaves closes it with 1000).
It is *ok* again when frames flow (or they publish anew). Each change is written to the
audit log (participant.link_lost / participant.link_restored with how long) and shown in
the roster (`link`), so every terminal greys the tile and says how long the person has
been gone. Reconnection itself is the page's job (web/static/rtc.js)."""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from typing import Any, Protocol

from courtroom.context import ServerContext
from courtroom.media.mediaroom import MediaRoom
from models import audit
from models.hearings import Hearing, Participant


class WatchedRoom(Protocol):
    """What the watch reads of its hearing room (courtroom.hearing.room.HearingRoom)."""

    ctx: ServerContext
    hearing: Hearing
    media: MediaRoom | None
    clients: dict[uuid.UUID, Any]
    _participants: dict[uuid.UUID, Participant]

    async def notify_roster(self) -> None: ...

log = logging.getLogger(__name__)

# No media frame for this long is a lost link. Audio frames come every 20 ms: 1 s is 50 in a
# row, far beyond jitter, and leaves the judge's terminal showing it within the 3 s
# even when a busy event loop needs a second check to confirm it (see check()).
LOST_AFTER_S = 1.0
CHECK_EVERY_S = 0.25
# A check this late after the previous one follows a stall of the event loop.
STALL_AFTER_S = CHECK_EVERY_S + 0.5
# A publishing connection that closes is a lost link only if its hearing socket does not say
# goodbye within this: a party that leaves closes its connections first (not a lost link).
PEER_GRACE_S = 0.5
BAD_PEER_STATES = frozenset({"disconnected", "failed", "closed"})


class LinkWatch:
    def __init__(self, room: WatchedRoom) -> None:
        self.room = room
        self._lost: dict[uuid.UUID, tuple[float, str]] = {}  # participant -> (monotonic since, cause)
        self._left: set[uuid.UUID] = set()
        self._peer_bad: dict[uuid.UUID, tuple[str, float]] = {}  # participant -> (state, monotonic since)
        self._had_media: set[uuid.UUID] = set()
        self._task: asyncio.Task | None = None
        self._last_check: float | None = None
        # participant -> newest frame time a stalled check found stale (to confirm next time)
        self._stale_seen: dict[uuid.UUID, float] = {}

    # --- events from the room ------------------------------------------------------------

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._run(), name=f"linkwatch-{self.room.hearing.id}")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None

    def connected(self, participant_id: uuid.UUID) -> None:
        self._left.discard(participant_id)
        self._peer_bad.pop(participant_id, None)

    def disconnected(self, participant_id: uuid.UUID, reason: str) -> None:
        if reason == "left":
            self._left.add(participant_id)
            self._had_media.discard(participant_id)
            self._lost.pop(participant_id, None)
        elif participant_id in self._had_media:
            self._mark_lost(participant_id, "connection")

    def peer_state(self, participant_id: uuid.UUID, state: str) -> None:
        if state in BAD_PEER_STATES:
            # Shown by the next check after PEER_GRACE_S, unless the party has left by then.
            since = self._peer_bad.get(participant_id, (state, time.monotonic()))[1]
            self._peer_bad[participant_id] = (state, since)
        else:
            self._peer_bad.pop(participant_id, None)

    def removed(self, participant_id: uuid.UUID) -> None:
        self._lost.pop(participant_id, None)
        self._had_media.discard(participant_id)

    # --- what the roster shows --------------------------------------------------------------

    def state_of(self, participant_id: uuid.UUID) -> dict[str, Any] | None:
        if participant_id in self._left:
            return {"state": "left"}
        lost = self._lost.get(participant_id)
        if lost is None:
            return None
        return {"state": "lost", "gone_s": round(time.monotonic() - lost[0], 1), "cause": lost[1]}

    # --- the check --------------------------------------------------------------------------

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(CHECK_EVERY_S)
            try:
                self.check()
            except Exception:  # the watch must never take the room down
                log.exception("link check failed for hearing %s", self.room.hearing.id)

    def check(self, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        # After a stall of this event loop (a busy machine), frames may wait unread in the
        # sockets (asyncio reads one datagram per loop turn): a stale publication then says
        # nothing yet about the link. Such a check only notes what it found; the next check
        # confirms it if not one frame came in between, although the loop ran for a whole
        # check interval. Judging only after an on-time check (as before) never judged at all
        # on a loop that stays busy (the full test suite): every check was late.
        stalled = self._last_check is not None and now - self._last_check > STALL_AFTER_S
        self._last_check = now
        stale_seen, self._stale_seen = self._stale_seen, {}
        media = self.room.media
        for pid, client in list(self.room.clients.items()):
            if client.media is None or media is None:
                continue
            pubs = [p for kind in ("audio", "video") if (p := media.publication(str(pid), kind)) is not None]
            # Had media: any frame ever, live or not. A connection that fails unbinds its
            # publications at once; on a busy loop that can come before any check saw them live,
            # and the failure must still count (it did not, in the full suite).
            if any(p.last_frame_at is not None for p in pubs):
                self._had_media.add(pid)
            bad = self._peer_bad.get(pid)
            if (bad is not None and pid in self._had_media and pid not in self._lost and pid not in self._left
                    and now - bad[1] >= PEER_GRACE_S):
                self._mark_lost(pid, f"peer_{bad[0]}")
            frame_times = [p.last_frame_at for p in pubs if p.live and p.last_frame_at is not None]
            if not frame_times:
                continue
            newest = max(frame_times)
            if now - newest > LOST_AFTER_S:
                if pid in self._lost:
                    continue
                if not stalled or stale_seen.get(pid) == newest:
                    self._mark_lost(pid, "media_stopped", since=newest)
                else:
                    self._stale_seen[pid] = newest
            elif pid in self._lost and pid not in self._peer_bad:
                self._mark_restored(pid)

    def _mark_lost(self, pid: uuid.UUID, cause: str, since: float | None = None) -> None:
        if pid in self._lost:
            return
        self._lost[pid] = (time.monotonic() if since is None else since, cause)
        self._changed(pid, "participant.link_lost", {"cause": cause})

    def _mark_restored(self, pid: uuid.UUID) -> None:
        since, cause = self._lost.pop(pid)
        self._changed(pid, "participant.link_restored", {"cause": cause, "gone_s": round(time.monotonic() - since, 1)})

    def _changed(self, pid: uuid.UUID, action: str, detail: dict[str, Any]) -> None:
        room = self.room
        p = room._participants.get(pid)
        actor = p.actor if p is not None else audit.Actor.system()

        async def record() -> None:
            async with room.ctx.db.pool.acquire() as conn:
                await audit.append(conn, action, actor, hearing_id=room.hearing.id,
                                   detail={"participant_id": str(pid), **detail})
            await room.notify_roster()

        log.info("hearing %s: %s %s %s", room.hearing.id, action, pid, detail)
        asyncio.get_running_loop().create_task(record())
