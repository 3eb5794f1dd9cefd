"""The live hearings of this server process, and recovery after a crash."""

from __future__ import annotations

import asyncio
import logging
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from courtroom.hearing.room import HearingRoom, recording_space_problem, sha256_file_or_none
from courtroom.media.probe import probe_recording
from courtroom.records.archive import archive_pending
from courtroom.records.sealing import key_for_hearing, recording_id
from models import audit, hearings, recordings, workers
from models.domain import HearingState
from models.hearings import Hearing

if TYPE_CHECKING:
    from courtroom.context import ServerContext

log = logging.getLogger(__name__)


class HearingRooms:
    def __init__(self, ctx: "ServerContext"):
        self.ctx = ctx
        self._rooms: dict[uuid.UUID, HearingRoom] = {}
        self._lock = asyncio.Lock()
        # On a front: tells the media worker hosting a hearing what changed (courtroom.cluster.hearing_events).
        self.events: Any = None
        # On a media worker: its id in the workers table (set once registered); its rooms'
        # recording writes are fenced by the placement they were opened under.
        self.worker_id: uuid.UUID | None = None

    def get(self, hearing_id: uuid.UUID) -> HearingRoom | None:
        return self._rooms.get(hearing_id)

    def live(self) -> list[HearingRoom]:
        return list(self._rooms.values())

    async def room(self, hearing_id: uuid.UUID) -> HearingRoom:
        async with self._lock:
            room = self._rooms.get(hearing_id)
            if room is None:
                hearing = await hearings.get(self.ctx.db.pool, hearing_id)
                if hearing.state == HearingState.CLOSED:
                    raise hearings.StateError("庭审已结束 (hearing closed)")
                fence = None
                if self.ctx.settings.role == "media" and self.worker_id is not None:
                    fence = await workers.fence_for(self.ctx.db.pool, hearing_id, self.worker_id)
                    if fence is None:  # moved away (this worker stalled and was declared dead)
                        raise hearings.StateError("庭审已由其他媒体工作进程承载 (hearing placed on another worker)")
                if self.ctx.settings.role == "media":
                    # Placement gives a hearing one live worker, so segments it left open
                    # were a dead worker's (or this one's before a restart): close them first.
                    await self.recover_segments(hearing_id)
                room = self._rooms[hearing_id] = HearingRoom(self.ctx, hearing, self)
                room.fence = fence
                transcription = self.ctx.services.transcription
                if transcription is not None:
                    await transcription.prepare(hearing_id)
            return room

    async def change_state(self, hearing_id: uuid.UUID, to: HearingState, actor: audit.Actor, *,
                           reason: str | None = None, note: str | None = None) -> Hearing:
        """Commit the change (with its audit event), then make the live room follow it.

        A hearing does not open or resume while its recordings cannot be written."""
        if to == HearingState.OPEN:
            problem = await asyncio.to_thread(recording_space_problem, self.ctx.settings)
            if problem:
                raise hearings.StateError(problem)
        async with self.ctx.db.pool.acquire() as conn:
            hearing = await hearings.transition(conn, hearing_id, to, actor, reason=reason, note=note)
        await self._follow_state(hearing)
        if self.events is not None:
            await self.events.publish(hearing_id, {"kind": "state"})
        return hearing

    async def _follow_state(self, hearing: Hearing) -> None:
        room = self._rooms.get(hearing.id)
        if room is not None:
            await room.apply_state(hearing)
            if hearing.state == HearingState.CLOSED:
                self._rooms.pop(hearing.id, None)
        if self.ctx.services.broadcast is not None:
            await self.ctx.services.broadcast.on_hearing_state(hearing)
        if self.ctx.services.audit is not None:  # after the room closed its recordings: the final head
            await self.ctx.services.audit.on_hearing_state(hearing)

    async def notify_roster(self, hearing_id: uuid.UUID) -> None:
        room = self._rooms.get(hearing_id)
        if room is not None:
            await room.notify_roster()
        if self.events is not None:
            await self.events.publish(hearing_id, {"kind": "roster"})

    async def disconnect_token(self, hearing_id: uuid.UUID, jti: uuid.UUID, message: str) -> None:
        room = self._rooms.get(hearing_id)
        if room is not None:
            await room.disconnect_token(jti, message)
        if self.events is not None:
            await self.events.publish(hearing_id, {"kind": "disconnect_token", "jti": str(jti), "message": message})

    async def apply_remote(self, hearing_id: uuid.UUID, event: dict[str, Any]) -> None:
        """(media worker) A front changed a hearing: follow it if the hearing is live here."""
        room = self._rooms.get(hearing_id)
        if room is None:
            return
        kind = event.get("kind")
        if kind == "state":
            await self._follow_state(await hearings.get(self.ctx.db.pool, hearing_id))
        elif kind == "roster":
            await room.notify_roster()
        elif kind == "disconnect_token":
            await room.disconnect_token(uuid.UUID(event["jti"]), str(event.get("message", "")))
        else:
            log.warning("unknown hearing event %r for %s", kind, hearing_id)

    async def shutdown(self) -> None:
        for room in list(self._rooms.values()):
            await room.shutdown()
        self._rooms.clear()

    async def recover_after_restart(self) -> None:
        """Segments a crash left open are probed: closed with their real length, or flagged
        damaged — never dropped. Hearings stay open; the next join resumes recording into
        new segments on the same hearing clock."""
        await self.recover_segments()
        pool = self.ctx.db.pool
        for hearing_id in await hearings.in_progress_ids(pool):
            async with pool.acquire() as conn:
                await audit.append(conn, "hearing.server_restarted", audit.Actor.system(), hearing_id=hearing_id,
                                   detail={"note": "server restarted while the hearing was in progress"})

    async def recover_segments(self, hearing_id: uuid.UUID | None = None) -> int:
        """Probe and finish the segments left 'recording' (of one hearing, or all). Returns how many."""
        pool = self.ctx.db.pool
        rows = [r for r in await recordings.unfinished(pool) if hearing_id is None or r["hearing_id"] == hearing_id]
        for row in rows:
            path = Path(row["path"])
            # A closed session's segment is sealed: probed with its case key, under its file id.
            key = await key_for_hearing(self.ctx, row["hearing_id"]) if path.name.endswith(".enc") else None
            probe = await asyncio.to_thread(probe_recording, path, key=key,
                                            file_id=recording_id(row) if key is not None else None)
            digest, size = await asyncio.to_thread(sha256_file_or_none, path)
            reason = None if probe.ok else (probe.damaged_reason or "unreadable")
            async with pool.acquire() as conn:
                await recordings.finish_segment(conn, row["id"], duration_s=probe.duration_s, bytes_=size,
                                                sha256=digest, damaged_reason=reason)
                await audit.append(conn, "recording.recovered", audit.Actor.system(), hearing_id=row["hearing_id"],
                                   detail={"recording_id": str(row["id"]), "path": row["path"],
                                           "duration_s": probe.duration_s, "ok": probe.ok,
                                           "note": "segment left open by an unclean stop"})
        if rows:
            await archive_pending(self.ctx, hearing_id)
        return len(rows)
