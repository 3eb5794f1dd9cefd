"""One hearing while it is live in this process: who is connected, the lobby, the media
room, recording on the hearing clock, and the live transcript feed.

The database stays the source of truth (state, roster, recordings, audit); this object
follows it and drives the media. Every change a person makes goes through the database
(with its audit event) first, then takes effect here."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import logging
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any, Awaitable, Callable, Protocol

from courtroom.hearing.linkwatch import LinkWatch
from courtroom.media.clock import HearingClock
from courtroom.media.ice import browser_ice_servers
from courtroom.media.recording import free_bytes
from courtroom.records.archive import archive_recording
from courtroom.records.transcript_edits import EditRefused, apply_edit, may_edit
from models import audit, cases, hearings, recordings, workers
from models.domain import CHAIR_ROLES, HearingKind, HearingState
from models.hearings import Hearing, Participant
from models.permissions import Action, standing_grants
from signing.hashing import sha256_file

if TYPE_CHECKING:
    from courtroom.config import Settings
    from courtroom.context import ServerContext

MB = 1 << 20
# How often free space is checked while a hearing is on the record.
SPACE_CHECK_INTERVAL_S = 1.0


def recording_space_problem(settings: "Settings") -> str | None:
    """Why the recordings cannot be written now (free space under the floor), or None."""
    free = free_bytes(settings.recordings_dir)
    floor = settings.recording_min_free_mb * MB
    if free < floor:
        return (f"录音录像存储空间不足：剩余 {free / MB:.0f} MB，低于下限 {settings.recording_min_free_mb:.0f} MB"
                f" (free space for recordings {free / MB:.0f} MB is below the floor)")
    return None


class StateChanger(Protocol):
    """Commits a state change and makes every live part follow it (the registry)."""

    async def change_state(self, hearing_id: uuid.UUID, to: HearingState, actor: audit.Actor, *,
                           reason: str | None = None, note: str | None = None) -> Hearing: ...

log = logging.getLogger(__name__)


class RoomError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


@dataclasses.dataclass(eq=False)
class Client:
    """One live connection of one participant (a WebSocket, or an in-process peer in tests)."""

    participant: Participant
    jti: uuid.UUID
    send: Callable[[dict], Awaitable[None]]
    close: Callable[[int, str], Awaitable[None]]
    media: Any = None  # courtroom.media.signaling.SignalingSession once admitted


SPEAKER_RMS = 0.02  # 16 kHz float audio: clearly speaking, not room tone
SPEAKER_HOLD_S = 2.0


class HearingRoom:
    def __init__(self, ctx: "ServerContext", hearing: Hearing, registry: StateChanger):
        self.ctx = ctx
        self.registry = registry
        self.hearing = hearing
        self.clients: dict[uuid.UUID, Client] = {}
        self.media: Any = None
        # Until the hearing opens, the clock runs from now (nothing is recorded or
        # transcribed then); opening re-anchors it at the stored opening time.
        self.clock = HearingClock(hearing.opened_at.timestamp()) if hearing.opened_at else HearingClock.open()
        self._lock = asyncio.Lock()
        # Recording rows are written in the order the media room reports them.
        self._db_queue: asyncio.Queue[Callable[[], Awaitable[None]] | None] = asyncio.Queue()
        self._db_task = asyncio.create_task(self._db_writer(), name=f"room-db-{hearing.id}")
        self._segment_rows: dict[Any, uuid.UUID] = {}
        self._asr_streams: dict[uuid.UUID, Any] = {}
        self._participants: dict[uuid.UUID, Participant] = {}
        # A recording failure raises one alarm and one pause; resuming re-arms it.
        self._recording_alarm = False
        self._space_warned = False
        self._space_task = asyncio.create_task(self._watch_space(), name=f"room-space-{hearing.id}")
        # Who has gone silent on the wire, for the terminals and the audit log.
        self.links = LinkWatch(self)
        self._archiving: set[asyncio.Task] = set()  # closed segments being copied to the store
        # On a media worker: the placement this room holds the hearing by; recording rows are
        # written only while it holds (a worker back from a stall finds its hearing moved).
        self.fence: workers.Fence | None = None
        # media interrupted (peer connection lost), by participant: hearing time it stopped
        self._media_gaps: dict[str, float] = {}
        # the current speaker, by loudness of the decoded audio: their video is cut last
        self._speaker: str | None = None
        self._speaker_heard_at = 0.0

    # --- connections --------------------------------------------------------------------

    def is_online(self, participant_id: uuid.UUID) -> bool:
        return participant_id in self.clients

    def needs_lobby(self, p: Participant) -> bool:
        """Remote parties of an internet hearing wait until the presiding judge admits them."""
        return not p.role.is_court_staff and (self.hearing.mode == "internet" or p.remote)

    async def connect(self, client: Client) -> None:
        p = client.participant
        async with self._lock:
            old = self.clients.get(p.id)
            if old is not None:
                await self._detach(old)
                await _quiet(old.close(4000, "您已在其他设备上进入 (joined from another connection)"))
            self.clients[p.id] = client
            self._participants[p.id] = p
            self.links.connected(p.id)
            self.links.start()
            if p.state != "admitted" and not self.needs_lobby(p):
                p = await self._set_state(p.id, "admitted", p.actor)
            elif p.state == "invited":
                p = await self._set_state(p.id, "waiting", p.actor)
            client.participant = p
            case = await cases.get_case(self.ctx.db.pool, self.hearing.case_id)
            # A party in the lobby learns the case and the time, nothing of who is in the room.
            await client.send({"type": "welcome", "participant": p.to_json(), "hearing": self.hearing.to_json(),
                               "case": {"case_number": case.case_number, "cause": case.cause},
                               "permissions": self._permissions(p),
                               "roster": await self.roster() if p.state == "admitted" else [],
                               "clock": self._clock_json(),
                               "ice_servers": browser_ice_servers(self.ctx.settings.ice_servers)})
            if p.state == "admitted":
                await self._attach(client)
            else:
                await client.send({"type": "lobby", "message": "请在候审室等候，审判长准许后进入庭审"})
        await self.notify_roster()

    async def disconnect(self, client: Client, reason: str = "disconnected") -> None:
        async with self._lock:
            if self.clients.get(client.participant.id) is not client:
                return
            del self.clients[client.participant.id]
            self.links.disconnected(client.participant.id, reason)
            await self._detach(client)
            async with self.ctx.db.pool.acquire() as conn:
                await audit.append(conn, "participant.disconnected", client.participant.actor,
                                   hearing_id=self.hearing.id, detail={"participant_id": str(client.participant.id),
                                                                       "reason": reason[:200]})
        await self.notify_roster()

    async def _attach(self, client: Client) -> None:
        """Give an admitted participant their media session."""
        from courtroom.media.signaling import SignalingSession

        media = await self._media_room()
        client.media = SignalingSession(media, str(client.participant.id), client.send)
        await client.send({"type": "admitted"})
        if client.participant.muted:
            media.set_muted(str(client.participant.id), True)
        if client.participant.role in CHAIR_ROLES[self.hearing.kind.value]:
            media.set_priority(str(client.participant.id), True)  # the presiding judge is always seen

    async def _detach(self, client: Client) -> None:
        if client.media is not None:
            # Closing the session removes the participant's media (and closes their segments).
            session, client.media = client.media, None
            await _quiet(session.close())
        stream = self._asr_streams.pop(client.participant.id, None)
        if stream is not None:
            stream.close()

    async def handle(self, client: Client, message: dict) -> None:
        kind = message.get("type")
        if kind == "control":
            await self._control(client, message)
        elif kind == "ping":
            await client.send({"type": "pong", "clock": self._clock_json()})
        elif isinstance(kind, str) and kind.startswith("transcript."):
            await self.handle_transcript_message(client, message)
        elif client.media is None:
            raise RoomError("not_admitted", "尚未准许进入庭审 (not admitted yet)")
        else:
            await client.media.handle(message)

    async def handle_transcript_message(self, client: Client, message: dict[str, Any]) -> None:
        """A `transcript.<op>` message on the live socket (protocol: courtself.records.transcript_edits)."""
        kind = str(message.get("type", ""))
        op = kind.split(".", 1)[1] if "." in kind else ""
        request_id = message.get("request_id")
        request_id = request_id if isinstance(request_id, (str, int)) and not isinstance(request_id, bool) else None
        p = client.participant
        if not may_edit(p):
            async with self.ctx.db.pool.acquire() as conn:
                await audit.append(conn, "access.denied", p.actor, hearing_id=self.hearing.id,
                                   detail={"message": kind[:40], "code": "not_editor"})
            await client.send({"type": "error", "code": "forbidden", "request_id": request_id,
                               "message": "仅书记员和审判长可以修改笔录 (clerk and presiding judge only)"})
            return
        try:
            result = await apply_edit(self.ctx, self.hearing.id, op, message, p)
        except EditRefused as exc:
            reply: dict[str, Any] = {"type": "error", "code": exc.code, "message": str(exc), "request_id": request_id}
            if exc.current is not None:
                reply["current"] = exc.current
            await client.send(reply)
            return
        await client.send({**result, "type": "transcript.ok", "request_id": request_id})
        await self.broadcast(result, admitted_only=True)

    # --- control ------------------------------------------------------------------------

    def _permissions(self, p: Participant) -> list[str]:
        """What this seat may do live, from the one permission table (models.permissions)."""
        standing = standing_grants(closed_session=self.hearing.kind != HearingKind.HEARING, seat_role=p.role,
                                   seat_removed=p.state == "removed", own_staff_seat=p.staff_id is not None,
                                   team_position=None, on_team=False, convener=False)
        perms = []
        if standing.allows(Action.CONTROL):
            perms += ["open", "pause", "resume", "close"]
        if standing.allows(Action.MANAGE_ROOM):
            perms += ["admit", "mute", "unmute", "remove"]
        return perms

    async def _control(self, client: Client, message: dict) -> None:
        action = message.get("action")
        p = client.participant
        if action not in self._permissions(p):
            async with self.ctx.db.pool.acquire() as conn:
                await audit.append(conn, "access.denied", p.actor, hearing_id=self.hearing.id,
                                   detail={"control": str(action)[:40]})
            raise RoomError("forbidden", "无此操作权限 (not permitted)")
        if action in ("open", "resume", "pause", "close"):
            to_state = {"open": HearingState.OPEN, "resume": HearingState.OPEN, "pause": HearingState.PAUSED,
                        "close": HearingState.CLOSED}[action]
            try:
                await self.registry.change_state(self.hearing.id, to_state, p.actor, reason=message.get("reason"),
                                                  note=message.get("note"))
            except hearings.StateError as exc:
                raise RoomError("bad_state", str(exc)) from None
            return
        try:
            target_id = uuid.UUID(str(message.get("participant_id")))
            target = await hearings.get_participant(self.ctx.db.pool, target_id)
        except (ValueError, LookupError):
            raise RoomError("bad_participant", "无此参与人 (no such participant)") from None
        if target.hearing_id != self.hearing.id:
            raise RoomError("bad_participant", "无此参与人 (no such participant)")
        if action == "admit":
            await self.admit(target.id, p.actor)
        elif action in ("mute", "unmute"):
            await self.set_muted(target.id, action == "mute", p.actor)
        elif action == "remove":
            await self.remove(target.id, p.actor, reason=str(message.get("reason") or "")[:200] or None)

    async def admit(self, participant_id: uuid.UUID, actor: audit.Actor) -> None:
        async with self._lock:
            p = await self._set_state(participant_id, "admitted", actor)
            client = self.clients.get(participant_id)
            if client is not None and client.media is None:
                client.participant = p
                await self._attach(client)
        await self.notify_roster()

    async def remove(self, participant_id: uuid.UUID, actor: audit.Actor, reason: str | None = None) -> None:
        async with self._lock:
            await self._set_state(participant_id, "removed", actor, reason=reason)
            self.links.removed(participant_id)
            client = self.clients.pop(participant_id, None)
            if client is not None:
                await self._detach(client)
                await _quiet(client.send({"type": "removed", "message": "您已被审判长移出庭审"}))
                await _quiet(client.close(4003, "removed"))
        await self.notify_roster()

    async def set_muted(self, participant_id: uuid.UUID, muted: bool, actor: audit.Actor) -> None:
        async with self.ctx.db.pool.acquire() as conn:
            p = await hearings.set_muted(conn, participant_id, muted, actor)
        self._participants[p.id] = p
        if self.media is not None:
            self.media.set_muted(str(participant_id), muted)
        client = self.clients.get(participant_id)
        if client is not None:
            client.participant = p
            await _quiet(client.send({"type": "muted", "muted": muted}))
        await self.notify_roster()

    async def disconnect_token(self, jti: uuid.UUID, message: str) -> None:
        for client in list(self.clients.values()):
            if client.jti == jti:
                await _quiet(client.send({"type": "error", "code": "token_revoked", "message": message}))
                await self.disconnect(client, "token revoked")
                await _quiet(client.close(4001, "token revoked"))

    async def _set_state(self, participant_id: uuid.UUID, state: str, actor: audit.Actor,
                         reason: str | None = None) -> Participant:
        async with self.ctx.db.pool.acquire() as conn:
            try:
                p = await hearings.set_participant_state(conn, participant_id, state, actor, reason=reason)
            except hearings.StateError as exc:
                raise RoomError("bad_state", str(exc)) from None
        self._participants[p.id] = p
        return p

    # --- hearing state ------------------------------------------------------------------

    async def apply_state(self, hearing: Hearing) -> None:
        """Follow a state change already committed to the database."""
        previous, self.hearing = self.hearing, hearing
        if hearing.state == HearingState.OPEN:
            self._recording_alarm = False
        if previous.opened_at is None and hearing.opened_at is not None:
            self.clock.reanchor(hearing.opened_at.timestamp())
        if self.media is not None:
            await self.media.set_recording(hearing.state == HearingState.OPEN)
        if hearing.state != HearingState.OPEN:
            # Off the record: flush what each speaker said up to the pause into the transcript.
            for stream in self._asr_streams.values():
                stream.close()
            self._asr_streams.clear()
        await self.broadcast({"type": "hearing", "hearing": hearing.to_json(), "clock": self._clock_json()})
        if hearing.state == HearingState.CLOSED:
            await self.shutdown("庭审已结束 (hearing closed)")
        log.info("hearing %s: %s -> %s", hearing.id, previous.state.value, hearing.state.value)

    async def shutdown(self, message: str = "服务器正在停止 (server stopping)") -> None:
        """Close every connection and every file cleanly (close, or server stop)."""
        self._space_task.cancel()
        await self.links.stop()
        async with self._lock:
            clients, self.clients = list(self.clients.values()), {}
            for client in clients:
                await self._detach(client)
                await _quiet(client.send({"type": "bye", "message": message}))
                await _quiet(client.close(1001, "closing"))
            for stream in self._asr_streams.values():
                stream.close()
            self._asr_streams.clear()
            if self.media is not None:
                media, self.media = self.media, None
                await _quiet(media.close())
        await self._db_queue.put(None)
        await self._db_task
        if self._archiving:
            await asyncio.gather(*self._archiving, return_exceptions=True)

    # --- roster and events ----------------------------------------------------------------

    async def roster(self) -> list[dict[str, Any]]:
        people = await hearings.participants(self.ctx.db.pool, self.hearing.id)
        return [{**p.to_json(), "online": p.id in self.clients, "link": self.links.state_of(p.id)}
                for p in people if p.state != "removed"]

    async def notify_roster(self) -> None:
        # Never to the lobby: who is in the room, or waiting, is not a waiting party's business.
        await self.broadcast({"type": "roster", "roster": await self.roster()}, admitted_only=True)

    async def broadcast(self, message: dict, *, admitted_only: bool = False) -> None:
        for client in list(self.clients.values()):
            if admitted_only and client.participant.state != "admitted":
                continue
            await _quiet(client.send(message))

    def _clock_json(self) -> dict[str, Any] | None:
        if self.hearing.opened_at is None:
            return None
        return {"opened_at": self.clock.opened_at, "now": self.clock.now()}

    # --- media room -----------------------------------------------------------------------

    async def _media_room(self):
        if self.media is None:
            from courtroom.media.ice import rtc_configuration_from_settings
            from courtroom.media.mediaroom import MediaRoom
            from courtroom.records.sealing import recording_encryptor

            directory = self.ctx.settings.recordings_dir / str(self.hearing.id)
            directory.mkdir(parents=True, exist_ok=True)
            # Closed sessions record sealed under their case key (None: a public hearing, plain WebM).
            encryptor = await recording_encryptor(self.ctx, self.hearing)
            self.media = MediaRoom(str(self.hearing.id), directory, self.clock, listener=self,
                                   rtc_config=rtc_configuration_from_settings(self.ctx.settings),
                                   recording=self.hearing.state == HearingState.OPEN, encryptor=encryptor)
        return self.media

    async def _db_writer(self) -> None:
        while True:
            job = await self._db_queue.get()
            if job is None:
                return
            try:
                await job()
            except Exception:
                log.exception("recording bookkeeping failed for hearing %s", self.hearing.id)

    # MediaRoom listener ------------------------------------------------------------------

    def on_recording_started(self, segment: Any) -> None:
        async def job() -> None:
            async with self.ctx.db.pool.acquire() as conn, conn.transaction():
                if not await self._holds_placement(conn, "recording.started", segment):
                    return
                row_id = await recordings.start_segment(
                    conn, hearing_id=self.hearing.id, participant_id=uuid.UUID(segment.participant_id),
                    kind=segment.kind, segment_index=segment.index, path=str(segment.path), codec=segment.codec,
                    hearing_start_s=segment.hearing_start, wall_start=dt.datetime.fromtimestamp(segment.wall_start,
                                                                                                dt.timezone.utc))
                self._segment_rows[segment.path] = row_id
                await audit.append(conn, "recording.started", audit.Actor.system(), hearing_id=self.hearing.id,
                                   detail={"participant_id": segment.participant_id, "kind": segment.kind,
                                           "segment": segment.index, "hearing_start_s": round(segment.hearing_start, 3)})

        self._db_queue.put_nowait(job)

    def on_recording_closed(self, segment: Any) -> None:
        async def job() -> None:
            row_id = self._segment_rows.pop(segment.path, None)
            if row_id is None:
                return
            digest, size = await asyncio.to_thread(sha256_file_or_none, Path(segment.path))
            async with self.ctx.db.pool.acquire() as conn, conn.transaction():
                if not await self._holds_placement(conn, "recording.closed", segment):
                    return
                await recordings.finish_segment(conn, row_id, duration_s=segment.duration_s, bytes_=size,
                                                sha256=digest, damaged_reason=segment.damaged_reason)
                row = await recordings.get(conn, row_id)
            if row is not None:
                # To the court's store, beside the room's ordered bookkeeping (a long copy must not hold it up).
                task = asyncio.get_running_loop().create_task(archive_recording(self.ctx, row))
                self._archiving.add(task)
                task.add_done_callback(self._archiving.discard)

        self._db_queue.put_nowait(job)

    async def _holds_placement(self, conn: Any, write: str, segment: Any) -> bool:
        """True where no placement applies (one process) or this worker still holds the hearing;
        a refused write is audited by workers.hold and logged here."""
        if self.fence is None or await workers.hold(conn, self.fence, write=write, detail={
                "participant_id": segment.participant_id, "kind": segment.kind, "segment": segment.index,
                "path": str(segment.path)}):
            return True
        log.error("hearing %s moved off this worker (generation %d): %s of %s refused", self.hearing.id,
                  self.fence.generation, write, segment.path)
        return False

    def on_recording_failed(self, segment: Any, reason: str) -> None:
        """A write failed (disk full, I/O error): tell the bench, audit, pause, at once."""
        if self._recording_alarm:
            return  # one incident: the pause closes every segment
        self._recording_alarm = True
        asyncio.get_running_loop().create_task(self._recording_failed(reason, {
            "participant_id": segment.participant_id, "kind": segment.kind, "segment": segment.index,
            "path": str(segment.path)}))

    async def _tell_bench(self, message: dict[str, Any]) -> None:
        """The judges' and the clerk's terminals (court staff seated in this hearing)."""
        for client in list(self.clients.values()):
            if client.participant.role.is_court_staff:
                await _quiet(client.send(message))

    async def _recording_failed(self, reason: str, where: dict[str, Any]) -> None:
        who = ""
        if where.get("participant_id"):
            p = self._participants.get(uuid.UUID(where["participant_id"]))
            who = f"{p.name}的" if p else ""
            who += "录像" if where.get("kind") == "video" else "录音"
        message = f"录音录像故障：{who}写入失败（{reason}）。庭审已自动暂停，故障排除后可恢复庭审。"
        await self._tell_bench({"type": "recording_alarm", "level": "error", "reason": reason, "message": message,
                                **where})
        try:
            async with self.ctx.db.pool.acquire() as conn:
                await audit.append(conn, "recording.failed", audit.Actor.system(), hearing_id=self.hearing.id,
                                   detail={"reason": reason[:300], **where})
        except Exception:
            log.exception("auditing the recording failure of hearing %s failed", self.hearing.id)
        if self.hearing.state == HearingState.OPEN:
            try:
                await self.registry.change_state(self.hearing.id, HearingState.PAUSED, audit.Actor.system(),
                                                 reason="recording_failure", note=reason[:200])
            except hearings.StateError:
                pass  # paused or closed meanwhile

    async def _watch_space(self) -> None:
        """While on the record: pause below the free-space floor, warn below the warning level."""
        while True:
            await asyncio.sleep(SPACE_CHECK_INTERVAL_S)
            if self.hearing.state != HearingState.OPEN or self.media is None:
                continue
            settings = self.ctx.settings
            try:
                free = free_bytes(settings.recordings_dir)
            except OSError:
                continue
            try:
                if free < settings.recording_min_free_mb * MB:
                    if not self._recording_alarm:
                        self._recording_alarm = True
                        await self._recording_failed(recording_space_problem(settings) or "free space below the floor",
                                                     {"free_mb": round(free / MB)})
                elif free < settings.recording_warn_free_mb * MB:
                    if not self._space_warned:
                        self._space_warned = True
                        message = (f"录音录像存储空间即将不足：剩余 {free / MB:.0f} MB，"
                                   f"低于 {settings.recording_min_free_mb:.0f} MB 时庭审将自动暂停。")
                        await self._tell_bench({"type": "recording_alarm", "level": "warning", "message": message,
                                                "free_mb": round(free / MB)})
                        async with self.ctx.db.pool.acquire() as conn:
                            await audit.append(conn, "recording.space_low", audit.Actor.system(),
                                               hearing_id=self.hearing.id, detail={"free_mb": round(free / MB)})
                else:
                    self._space_warned = False
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("free-space check of hearing %s failed", self.hearing.id)

    def on_audio(self, participant_id: str, pcm: Any, hearing_time: float) -> None:
        """Decoded 16 kHz mono audio of one participant, while the hearing is on the record."""
        self._follow_speaker(participant_id, pcm, hearing_time)
        asr = self.ctx.services.transcription
        if asr is None or self.hearing.state != HearingState.OPEN:
            return
        pid = uuid.UUID(participant_id)
        stream = self._asr_streams.get(pid)
        if stream is None:
            p = self._participants.get(pid)
            if p is None or p.muted:
                return
            stream = asr.open_stream(self, p)
            self._asr_streams[pid] = stream
        stream.feed(pcm, hearing_time)

    def on_publication(self, participant_id: str, kind: str) -> None:
        pass

    def on_publication_ended(self, participant_id: str, kind: str) -> None:
        pass

    def on_participant_left(self, participant_id: str, reason: str) -> None:
        asyncio.get_running_loop().create_task(self.notify_roster())

    def _follow_speaker(self, participant_id: str, pcm: Any, hearing_time: float) -> None:
        """Whoever speaks (audio above SPEAKER_RMS) becomes the speaker, after the last one
        has been quiet for SPEAKER_HOLD_S: a subscriber on a weak link keeps seeing them."""
        if self.media is None or len(pcm) == 0:
            return
        rms = float((pcm.astype("float64") ** 2).mean()) ** 0.5
        if rms < SPEAKER_RMS:
            return
        if participant_id == self._speaker:
            self._speaker_heard_at = hearing_time
            return
        if self._speaker is not None and hearing_time - self._speaker_heard_at < SPEAKER_HOLD_S:
            return
        chair = {str(p.id) for p in self._participants.values() if p.role in CHAIR_ROLES[self.hearing.kind.value]}
        if self._speaker is not None and self._speaker not in chair:
            self.media.set_priority(self._speaker, False)
        self._speaker, self._speaker_heard_at = participant_id, hearing_time
        self.media.set_priority(participant_id, True)

    def on_peer_state(self, participant_id: str, state: str) -> None:
        """A participant's media connection: a lost one and its return go into the audit log
        (the recording continues as a new segment; the gap is what is missing from it)."""
        log.info("hearing %s participant %s peer %s", self.hearing.id, participant_id, state)
        self.links.peer_state(uuid.UUID(participant_id), state)
        if state == "failed" and participant_id not in self._media_gaps:
            # The gap starts with the last media received, not when the loss is noticed: ICE
            # consent takes 30 s to expire, and the recording lacks all of that time.
            now = self.clock.now()
            self._media_gaps[participant_id] = at = min(now, self._last_media_at(participant_id) or now)
            self._audit_media("media.interrupted", {"participant_id": participant_id, "hearing_time_s": round(at, 3),
                                                    "detected_s": round(now, 3)})
        elif state == "connected" and participant_id in self._media_gaps:
            since = self._media_gaps.pop(participant_id)
            now = self.clock.now()
            self._audit_media("media.resumed", {"participant_id": participant_id, "hearing_time_s": round(now, 3),
                                                "gap_s": round(now - since, 3)})

    def _last_media_at(self, participant_id: str) -> float | None:
        """Hearing time of the last frame received from a participant (any kind), or None."""
        if self.media is None:
            return None
        last = [pub.last_frame_at for kind in ("audio", "video")
                if (pub := self.media.publication(participant_id, kind)) is not None and pub.last_frame_at is not None]
        return self.clock.at_monotonic(max(last)) if last else None

    def _audit_media(self, action: str, detail: dict[str, Any]) -> None:
        async def job() -> None:
            async with self.ctx.db.pool.acquire() as conn:
                await audit.append(conn, action, audit.Actor.system(), hearing_id=self.hearing.id, detail=detail)

        self._db_queue.put_nowait(job)

    def on_quality(self, participant_id: str, notice: dict) -> None:
        """A participant's link cannot carry everyone's video: the court staff's terminals
        (the presiding judge's) are told who, and what was cut."""
        message = {"type": "link-quality", "participant": participant_id, "state": notice.get("state"),
                   "paused": notice.get("paused", []), "reduced": notice.get("reduced", []),
                   "estimate_kbps": notice.get("estimate_kbps")}
        for client in list(self.clients.values()):
            if client.participant.role.is_court_staff:
                asyncio.get_running_loop().create_task(_quiet(client.send(message)))


def sha256_file_or_none(path: Path) -> tuple[str | None, int | None]:
    """A segment that cannot be read is still finished in the database (flagged by its probe)."""
    try:
        return sha256_file(path)
    except OSError:
        return None, None


async def _quiet(awaitable: Awaitable[Any] | None) -> None:
    """Best effort on a connection that may already be gone."""
    if awaitable is None:
        return
    try:
        await awaitable
    except Exception:
        pass
