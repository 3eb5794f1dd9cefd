"""Public live broadcast of approved hearings: delayed, cuttable at once, HLS and RTMP.

One `Broadcast` per live hearing, run by the `BroadcastService` (ctx.services["broadcast"]).
The programme (courtroom/programme.py) turns the participants' media into 2 s segments
on the hearing clock; this module holds those segments back for `broadcast_delay_s` and
then publishes them: HLS (served by web/broadcast.py) and the RTMP push (rtmp.py) get
the very same published segments, in order.

Delay and cut, and why nothing leaks
  * A segment is published when the hearing clock passes its end plus the delay; until
    then it exists only in memory (`_pending`, or the programme's open segment).
  * A cut, at once and before it is logged: (1) the programme renders the slate from the
    next frame on; (2) every segment not yet published — pending, being encoded, and the
    next one (its first audio frame may have been encoded before the flag was seen) — is
    marked slated. A slated segment is published as the pre-encoded slate ("直播暂停",
    silence) with the original's timestamps, never with its own content. So nothing
    captured in the `delay` before the cut, nor after it, is ever published.
  * Resume: the programme goes live again for media captured from the resume on (the
    hearing time of the resume); segments before that are slate already.
  * The decision slate-or-content is taken on the event loop when a segment's time comes,
    the same loop that handles a cut: there is no moment at which a cut has been
    accepted and a marked segment can still go out with its content.
  * A pause of the hearing renders the slate ("庭审暂停") for media captured from the
    pause on (not retroactive: what was said before the pause was public); on close or a
    stop the broadcast ends and unpublished segments are dropped.
  * Masks (per participant: picture, sound) apply to what is composed from then on;
    the recording keeps everything (the broadcast only reads the publications).

Who may: only hearings of kind "hearing", approved for broadcast, of cases that are not
secret, private or juvenile, while open or paused (`refusal`). The service re-checks
every running broadcast every few seconds, so a withdrawn approval stops it.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import dataclasses
import logging
import time
import uuid
from typing import TYPE_CHECKING, Any, Optional

from courtroom.broadcast.encoder import EncoderSettings
from courtroom.broadcast.hls import PublishedSegment, Segment, mux_ts, render_playlist
from courtroom.broadcast.programme import Programme, ProgrammeSettings, Seat
from courtroom.broadcast.rtmp import RtmpPusher
from courtroom.config import MIN_BROADCAST_DELAY_S
from courtroom.media.clock import HearingClock
from courtroom.media.forwarding import Publication
from models import audit, cases, hearings
from models.domain import PAUSE_REASONS, HearingKind, HearingState, Role
from models.hearings import Hearing

if TYPE_CHECKING:
    from courtroom.config import Settings
    from courtroom.context import ServerContext

log = logging.getLogger(__name__)

# Display order of the tiles: the presiding judge first (the large tile), then the bench,
# the clerk, the parties (same order as the courtroom terminal's grid).
ROLE_ORDER = (Role.PRESIDING_JUDGE, Role.JUDGE, Role.JUROR, Role.CLERK, Role.JUDGE_ASSISTANT, Role.PLAINTIFF,
              Role.AGENT, Role.DEFENDANT, Role.THIRD_PARTY, Role.WITNESS)
# Published segments kept for the playlist window (6) and for clients a little behind.
PLAYLIST_SEGMENTS = 6
KEPT_SEGMENTS = 12
# A pause applies from a little before the moment it was ordered: capture-time estimates
# of audio may be laid up to 20 ms early (audiomix.SNAP_SAMPLES), an AAC frame's window
# reaches 43 ms ahead.
PAUSE_GUARD_S = 0.1
MIN_DELAY_S = MIN_BROADCAST_DELAY_S
RECHECK_S = 2.0
SYNC_S = 0.5


class BroadcastRefused(Exception):
    """A broadcast that may not happen; `status` is the HTTP status the API answers."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def refusal(hearing: Hearing, case: cases.Case) -> Optional[BroadcastRefused]:
    """Why this hearing may not be broadcast now, or None."""
    if hearing.kind != HearingKind.HEARING:
        return BroadcastRefused(403, "not_broadcastable", "合议、审委会讨论不得直播 (deliberations are never broadcast)")
    if case.is_secret or case.involves_privacy or case.involves_minor:
        return BroadcastRefused(403, "not_broadcastable",
                                "涉密、涉隐私或未成年人案件不得直播 (secret, privacy and juvenile cases are never broadcast)")
    if not hearing.broadcast_approved:
        return BroadcastRefused(403, "not_approved", "该庭审未经批准直播 (broadcast not approved for this hearing)")
    if hearing.state not in (HearingState.OPEN, HearingState.PAUSED):
        return BroadcastRefused(409, "bad_state", "庭审未在进行中 (the hearing is not in session)")
    return None


def programme_settings(settings: "Settings") -> ProgrammeSettings:
    return ProgrammeSettings(
        encoder=EncoderSettings(width=settings.broadcast_width, height=settings.broadcast_height,
                                fps=settings.broadcast_fps, video_bitrate=settings.broadcast_video_bitrate,
                                audio_bitrate=settings.broadcast_audio_bitrate, preset=settings.broadcast_x264_preset,
                                x264_params=settings.broadcast_x264_params),
        layout=settings.broadcast_layout, segment_s=settings.broadcast_segment_s)


class _RoomWatcher:
    """Told by the media room when publications change: attach to new ones at once."""

    def __init__(self, broadcast: "Broadcast") -> None:
        self._broadcast = broadcast

    def publications_changed(self, participant_id: str, kinds: tuple[str, ...], muted: bool) -> None:
        self._broadcast.sync_inputs()

    def connection_state(self, target: str, state: str) -> None:
        pass


class Broadcast:
    """One hearing's broadcast: programme, delay line, publication, RTMP."""

    def __init__(self, ctx: "ServerContext", hearing: Hearing, case: cases.Case, *, seq_from: int = 0) -> None:
        settings = ctx.settings
        if settings.broadcast_delay_s < MIN_DELAY_S:
            raise ValueError(f"broadcast_delay_s must be at least {MIN_DELAY_S} s")
        self.ctx = ctx
        self.hearing = hearing
        self.hearing_id = hearing.id
        self.case_number = case.case_number
        self.delay_s = float(settings.broadcast_delay_s)
        assert hearing.opened_at is not None
        # The hearing's own timeline (the same as the live room's clock: both anchored at the opening).
        self.clock = HearingClock(hearing.opened_at.timestamp())
        self.settings = programme_settings(settings)
        self.segment_s = self.settings.segment_s
        self.programme = Programme(self.clock, self.settings, f"{settings.court_name}  {self.case_number}",
                                   self._segment_done_threadsafe)
        self.started_at = time.time()
        self.state = "starting"  # starting | live | cut | ended | failed
        self.ended = False
        self.cut_reason: Optional[str] = None
        self.history: list[dict[str, Any]] = []
        self._loop = asyncio.get_running_loop()
        self._pending: collections.deque[Segment] = collections.deque()
        self._published: collections.deque[PublishedSegment] = collections.deque(maxlen=KEPT_SEGMENTS)
        # HLS media sequence: consecutive, and past any earlier broadcast of this hearing.
        self._seq = max(self.programme.current_slot, seq_from)
        self._slate_through = -1  # segments up to this slot are slated (a cut marked them)
        self._attached: dict[tuple[str, str], tuple[Publication, Any]] = {}  # (pid, kind) -> (publication, sink)
        self._media: Any = None
        self._unwatch: Any = None
        self._seats_known: set[str] = set()
        self._roster_task: Optional[asyncio.Task] = None
        self._tasks: list[asyncio.Task] = []
        self.published_count = 0
        self.slated_count = 0
        self.rtmp: Optional[RtmpPusher] = None
        if settings.rtmp_url:
            self.rtmp = RtmpPusher(settings.rtmp_url, self.settings.encoder, self._rtmp_changed)
        self.on_rtmp_change: Any = None  # set by the service (audit)
        if hearing.state == HearingState.PAUSED:
            self.programme.pause(self.clock.now() - PAUSE_GUARD_S)

    # --- life ----------------------------------------------------------------------------

    async def start(self) -> None:
        await self._refresh_roster()
        self.programme.start()
        # The encoders open and the slate is encoded in the worker: wait for it off the loop.
        await asyncio.to_thread(self.programme.ready.wait, 30)
        if self.programme.error:
            self.state = "failed"
            raise RuntimeError(f"broadcast programme failed: {self.programme.error}")
        self.state = "cut" if self.programme.cut_active else "live"
        self.sync_inputs()
        self._tasks = [self._loop.create_task(self._publisher(), name=f"broadcast-publish-{self.hearing_id}"),
                       self._loop.create_task(self._syncer(), name=f"broadcast-sync-{self.hearing_id}")]
        if self.rtmp is not None:
            self.rtmp.start()

    async def stop(self) -> None:
        """End the broadcast: nothing more is published (unpublished segments are dropped)."""
        if self.ended:
            return
        self.ended = True
        self.state = "ended"
        dropped = len(self._pending)
        self._pending.clear()
        self.history.append({"action": "ended", "hearing_time": self.clock.now(), "dropped_segments": dropped})
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        self._detach_all()
        try:
            await asyncio.to_thread(self.programme.stop)
        finally:  # the RTMP push ends even if the programme's encoder failed to
            if self.rtmp is not None:
                await self.rtmp.close()

    # --- control -------------------------------------------------------------------------

    def cut(self, reason: str) -> dict[str, Any]:
        """Take the broadcast off the air at once; see the module docstring."""
        self.programme.cut()  # first: frames composed from now on are the slate
        through = self.programme.current_slot + 1  # read after the flag (see the docstring)
        self._slate_through = max(self._slate_through, through)
        marked = 0
        for segment in self._pending:
            if not segment.slated:
                segment.slated = True
                marked += 1
        slated_from = self._pending[0].start if self._pending else self.clock.now() - self.settings.latency_s
        self.state = "cut"
        self.cut_reason = reason
        entry = {"action": "cut", "hearing_time": self.clock.now(), "reason": reason,
                 "slated_from": slated_from, "slated_pending_segments": marked, "slated_through_slot": through}
        self.history.append(entry)
        return entry

    def resume(self) -> dict[str, Any]:
        at = self.clock.now()
        self.programme.resume(at)
        self.state = "live"
        self.cut_reason = None
        entry = {"action": "resume", "hearing_time": at}
        self.history.append(entry)
        return entry

    def hearing_state(self, hearing: Hearing, pause_reason: Optional[str] = None) -> None:
        """Follow the hearing: a pause shows the slate from now on, a resume ends it."""
        self.hearing = hearing
        now = self.clock.now()
        if hearing.state == HearingState.PAUSED:
            self.programme.pause(now - PAUSE_GUARD_S, PAUSE_REASONS.get(pause_reason or "", ""))
            self.history.append({"action": "hearing_paused", "hearing_time": now})
        elif hearing.state == HearingState.OPEN:
            self.programme.unpause(now)
            self.history.append({"action": "hearing_resumed", "hearing_time": now})

    def set_mask(self, participant_id: str, video: bool, audio: bool) -> None:
        self.programme.set_mask(participant_id, video, audio)
        self.history.append({"action": "mask", "hearing_time": self.clock.now(), "participant_id": participant_id,
                             "video": video, "audio": audio})

    # --- segments: delay line and publication -------------------------------------------

    def _segment_done_threadsafe(self, segment: Segment) -> None:
        try:
            self._loop.call_soon_threadsafe(self._segment_done, segment)
        except RuntimeError:
            pass  # the loop is closed: the broadcast is over

    def _segment_done(self, segment: Segment) -> None:
        if self.ended:
            return
        if segment.index <= self._slate_through:
            segment.slated = True
        self._pending.append(segment)

    async def _publisher(self) -> None:
        while True:
            now = self.clock.now()
            while self._pending and self._pending[0].end + self.delay_s <= now:
                await self._publish(self._pending.popleft())
            wait = (self._pending[0].end + self.delay_s - now) if self._pending else 0.2
            await asyncio.sleep(min(0.2, max(0.01, wait)))

    async def _publish(self, segment: Segment) -> None:
        # The decision is taken here, on the loop, and is final.
        if segment.slated:
            if not self.programme.template.ready:
                log.error("broadcast %s: slate not ready, segment %d dropped", self.hearing_id, segment.index)
                return
            video, audio = self.programme.template.fill(segment)
        else:
            video, audio = segment.video, segment.audio
        e = self.settings.encoder
        data = await asyncio.to_thread(mux_ts, video, audio, e.width, e.height, e.fps)
        if self.ended:
            return
        self._seq += 1
        self._published.append(PublishedSegment(self._seq, segment.start, segment.duration, data, segment.slated,
                                                segment.live and not segment.slated))
        self.published_count += 1
        self.slated_count += segment.slated
        if self.rtmp is not None:
            self.rtmp.push(self._seq, video + audio)

    def playlist(self) -> str:
        window = list(self._published)[-PLAYLIST_SEGMENTS:]
        return render_playlist(window, self.segment_s, self.ended)

    def segment(self, seq: int) -> Optional[bytes]:
        for s in self._published:
            if s.seq == seq:
                return s.data
        return None

    @property
    def last_seq(self) -> int:
        return self._seq

    def published(self) -> list[PublishedSegment]:
        return list(self._published)

    # --- inputs ------------------------------------------------------------------------------

    def sync_inputs(self) -> None:
        """Attach to every live publication of the hearing's media room; drop ended ones."""
        if self.ended:
            return
        room = self.ctx.rooms.get(self.hearing_id)
        media = room.media if room is not None else None
        if media is not self._media:
            self._detach_all()
            self._media = media
            if media is not None:
                self._unwatch = media.watch(_RoomWatcher(self))
        if media is None:
            return
        wanted = {(p.participant_id, p.kind): p for p in media.publications()}
        for key, (publication, sink) in list(self._attached.items()):
            if wanted.get(key) is not publication or publication.ended:
                publication.detach(sink)
                self.programme.remove_input(*key)
                del self._attached[key]
        for key, publication in wanted.items():
            if key not in self._attached:
                sink = self.programme.add_input(publication, self._loop)
                publication.attach(sink)
                self._attached[key] = (publication, sink)
        if any(pid not in self._seats_known for pid, _ in wanted) and (
                self._roster_task is None or self._roster_task.done()):
            self._roster_task = self._loop.create_task(self._refresh_roster())

    def _detach_all(self) -> None:
        for key, (publication, sink) in self._attached.items():
            publication.detach(sink)
            self.programme.remove_input(*key)
        self._attached.clear()
        if self._unwatch is not None:
            self._unwatch()
            self._unwatch = None
        self._media = None

    async def _refresh_roster(self) -> None:
        people = await hearings.participants(self.ctx.db.pool, self.hearing_id)
        seats = {}
        for p in people:
            rank = ROLE_ORDER.index(p.role) if p.role in ROLE_ORDER else len(ROLE_ORDER)
            seats[str(p.id)] = Seat(rank, p.role.label)
        self._seats_known = set(seats)
        self.programme.set_seats(seats)

    async def _syncer(self) -> None:
        while True:
            await asyncio.sleep(SYNC_S)
            try:
                self.sync_inputs()
            except Exception:
                log.exception("broadcast %s: input sync failed", self.hearing_id)
            if self.programme.error and self.state != "failed":
                self.state = "failed"

    # --- status ------------------------------------------------------------------------------

    def _rtmp_changed(self, state: str, error: Optional[str]) -> None:
        if self.on_rtmp_change is not None:
            self.on_rtmp_change(self, state, error)

    def status(self) -> dict[str, Any]:
        p = self.programme
        return {
            "hearing_id": str(self.hearing_id),
            "state": self.state,
            "cut_reason": self.cut_reason,
            "delay_s": self.delay_s,
            "segment_s": self.segment_s,
            "hearing_time": self.clock.now(),
            "started_at": self.started_at,
            "settings": {**dataclasses.asdict(self.settings.encoder), "layout": self.settings.layout},
            "segments": {"pending": len(self._pending), "published": self.published_count,
                         "slated": self.slated_count,
                         "last_published": self._published[-1].seq if self._published else None},
            "programme": {"frames": p.frames, "frames_skipped": p.frames_skipped, "audio_blocks": p.audio_blocks,
                          "worker_cpu_s": round(p.worker_cpu_s, 2), "error": p.error,
                          "inputs": sorted(f"{pid}/{kind}" for pid, kind in p.inputs()),
                          "first_picture_s": {pid: round(t - p.start_time, 2) for pid, t in dict(p.first_picture).items()}},
            "masks": {pid: {"video": v, "audio": a} for pid, (v, a) in p.masks().items()},
            "rtmp": self.rtmp.status() if self.rtmp is not None else None,
            "history": self.history[-50:],
        }

    def public_status(self) -> dict[str, Any]:
        """What the public viewer page may know."""
        return {"state": "ended" if self.ended else ("live" if self._published else "starting"),
                "title": self.hearing.title, "case_number": self.case_number, "delay_s": self.delay_s,
                "segments": len(self._published)}


class BroadcastService:
    """The broadcasts of this server; `on_hearing_state` follows every hearing's state."""

    def __init__(self, ctx: "ServerContext") -> None:
        self.ctx = ctx
        self._live: dict[uuid.UUID, Broadcast] = {}
        self._ended: dict[uuid.UUID, Broadcast] = {}
        self._lock = asyncio.Lock()
        self._monitor: Optional[asyncio.Task] = None
        self._audit_tasks: set[asyncio.Task] = set()

    async def start_service(self) -> None:
        self._monitor = asyncio.get_running_loop().create_task(self._recheck(), name="broadcast-recheck")

    async def stop(self) -> None:
        """Server stopping: end every broadcast."""
        if self._monitor is not None:
            self._monitor.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._monitor
        for hearing_id in list(self._live):
            with contextlib.suppress(Exception):
                await self.stop_broadcast(hearing_id, audit.Actor.system(), "服务器停止 (server stopping)")
        if self._audit_tasks:
            await asyncio.gather(*self._audit_tasks, return_exceptions=True)

    def get(self, hearing_id: uuid.UUID) -> Optional[Broadcast]:
        return self._live.get(hearing_id) or self._ended.get(hearing_id)

    def live(self, hearing_id: uuid.UUID) -> Optional[Broadcast]:
        return self._live.get(hearing_id)

    async def _audit(self, action: str, actor: audit.Actor, hearing_id: uuid.UUID, detail: dict[str, Any]) -> None:
        async with self.ctx.db.pool.acquire() as conn:
            await audit.append(conn, action, actor, hearing_id=hearing_id, detail=detail)

    async def _check(self, hearing_id: uuid.UUID) -> tuple[Hearing, cases.Case]:
        hearing = await hearings.get(self.ctx.db.pool, hearing_id)
        case = await cases.get_case(self.ctx.db.pool, hearing.case_id)
        return hearing, case

    # --- control (each logged on the hearing's audit chain) ---------------------------------

    async def start_broadcast(self, hearing_id: uuid.UUID, actor: audit.Actor, *, auto: bool = False) -> Broadcast:
        async with self._lock:
            existing = self._live.get(hearing_id)
            if existing is not None:
                return existing
            hearing, case = await self._check(hearing_id)
            refused = refusal(hearing, case)
            if refused is not None:
                await self._audit("broadcast.refused", actor, hearing_id,
                                  {"code": refused.code, "reason": refused.message, "kind": hearing.kind.value})
                raise refused
            previous = self._ended.get(hearing_id)
            broadcast = Broadcast(self.ctx, hearing, case, seq_from=previous.last_seq if previous else 0)
            broadcast.on_rtmp_change = self._rtmp_changed
            try:
                await broadcast.start()
            except Exception as exc:
                await broadcast.stop()
                await self._audit("broadcast.failed", actor, hearing_id, {"error": str(exc)[:300]})
                raise
            self._live[hearing_id] = broadcast
            self._ended.pop(hearing_id, None)
            await self._audit("broadcast.started", actor, hearing_id,
                              {"delay_s": broadcast.delay_s, "auto": auto, "rtmp": broadcast.rtmp is not None,
                               "hearing_time": round(broadcast.clock.now(), 3)})
            return broadcast

    async def stop_broadcast(self, hearing_id: uuid.UUID, actor: audit.Actor, reason: Optional[str] = None) -> Broadcast:
        broadcast = self._live.pop(hearing_id, None)
        if broadcast is None:
            raise BroadcastRefused(409, "not_live", "该庭审当前没有直播 (no broadcast running)")
        self._ended[hearing_id] = broadcast  # status stays readable while it winds down
        detail: dict[str, Any] = {"reason": (reason or "")[:500]}
        try:
            await broadcast.stop()
        except Exception as exc:
            # Nothing is published any more (ended is set first); a part that failed to wind
            # down must not cost the trail its entry.
            log.exception("hearing %s: stopping the broadcast failed", hearing_id)
            detail["error"] = f"{type(exc).__name__}: {exc}"[:500]
        detail.update(published_segments=broadcast.published_count, hearing_time=round(broadcast.clock.now(), 3))
        await self._audit("broadcast.stopped", actor, hearing_id, detail)
        return broadcast

    async def cut(self, hearing_id: uuid.UUID, actor: audit.Actor, reason: str) -> dict[str, Any]:
        broadcast = self._require_live(hearing_id)
        entry = broadcast.cut(reason)  # takes effect before anything else (the log may be slow)
        await self._audit("broadcast.cut", actor, hearing_id,
                          {"reason": reason[:500], "hearing_time": round(entry["hearing_time"], 3),
                           "slated_from": round(entry["slated_from"], 3),
                           "slated_pending_segments": entry["slated_pending_segments"]})
        return entry

    async def resume(self, hearing_id: uuid.UUID, actor: audit.Actor) -> dict[str, Any]:
        broadcast = self._require_live(hearing_id)
        if broadcast.state != "cut":
            raise BroadcastRefused(409, "not_cut", "直播未被切断 (the broadcast is not cut)")
        # Logged first: going back on the air must leave its trace before it happens.
        await self._audit("broadcast.resumed", actor, hearing_id, {"hearing_time": round(broadcast.clock.now(), 3),
                                                                   "after_cut_reason": broadcast.cut_reason})
        return broadcast.resume()

    async def set_mask(self, hearing_id: uuid.UUID, actor: audit.Actor, participant_id: uuid.UUID,
                       video: bool, audio: bool) -> dict[str, Any]:
        broadcast = self._require_live(hearing_id)
        participant = await hearings.get_participant(self.ctx.db.pool, participant_id)
        if participant.hearing_id != hearing_id:
            raise BroadcastRefused(404, "bad_participant", "无此参与人 (no such participant)")
        if video or audio:
            broadcast.set_mask(str(participant_id), video, audio)  # masking takes effect first
            await self._audit("broadcast.masked", actor, hearing_id,
                              {"participant_id": str(participant_id), "name": participant.name,
                               "video": video, "audio": audio})
        else:
            await self._audit("broadcast.unmasked", actor, hearing_id,
                              {"participant_id": str(participant_id), "name": participant.name})
            broadcast.set_mask(str(participant_id), False, False)
        return broadcast.programme.masks()

    def _require_live(self, hearing_id: uuid.UUID) -> Broadcast:
        broadcast = self._live.get(hearing_id)
        if broadcast is None:
            raise BroadcastRefused(409, "not_live", "该庭审当前没有直播 (no broadcast running)")
        return broadcast

    # --- following the hearings ----------------------------------------------------------------

    async def on_hearing_state(self, hearing: Hearing) -> None:
        """Called after every state change (courtroom.hearing.registry.HearingRooms.change_state)."""
        broadcast = self._live.get(hearing.id)
        ended = self._ended.get(hearing.id)
        if ended is not None:
            ended.hearing = hearing  # the public routes read the state from here
        if hearing.state == HearingState.CLOSED:
            if broadcast is not None:
                broadcast.hearing = hearing
                await self.stop_broadcast(hearing.id, audit.Actor.system(), "闭庭 (hearing closed)")
            return
        if broadcast is not None:
            broadcast.hearing_state(hearing, await self._pause_reason(hearing))
            return
        if (hearing.state == HearingState.OPEN and hearing.kind == HearingKind.HEARING and hearing.broadcast_approved
                and await self._just_opened(hearing)):
            try:
                await self.start_broadcast(hearing.id, audit.Actor.system(), auto=True)
            except BroadcastRefused:
                pass  # logged by start_broadcast
            except Exception:
                log.exception("broadcast of hearing %s could not start", hearing.id)

    async def _just_opened(self, hearing: Hearing) -> bool:
        """Opening starts an approved hearing's broadcast; resuming after a pause does not
        restart one the judge ended."""
        last = await audit.latest(self.ctx.db.pool, str(hearing.id), ("hearing.opened", "hearing.resumed"))
        return last is not None and last["action"] == "hearing.opened"

    async def _pause_reason(self, hearing: Hearing) -> Optional[str]:
        if hearing.state != HearingState.PAUSED:
            return None
        last = await audit.latest(self.ctx.db.pool, str(hearing.id), ("hearing.paused",))
        detail = last["detail"] if last else None
        return detail.get("reason") if isinstance(detail, dict) else None

    async def _recheck(self) -> None:
        """A withdrawn approval (or a case newly marked secret) ends the broadcast."""
        while True:
            await asyncio.sleep(RECHECK_S)
            for hearing_id in list(self._live):
                try:
                    hearing, case = await self._check(hearing_id)
                    refused = refusal(hearing, case)
                    if refused is not None and hearing_id in self._live:
                        await self.stop_broadcast(hearing_id, audit.Actor.system(), refused.message)
                except Exception:
                    log.exception("broadcast recheck of %s failed", hearing_id)

    def _rtmp_changed(self, broadcast: Broadcast, state: str, error: Optional[str]) -> None:
        if state not in ("live", "retrying"):
            return
        action = "broadcast.rtmp_connected" if state == "live" else "broadcast.rtmp_lost"
        detail = {"url": broadcast.rtmp.status()["url"] if broadcast.rtmp else None, "error": error}
        task = asyncio.get_running_loop().create_task(
            self._audit(action, audit.Actor.system(), broadcast.hearing_id, detail))
        self._audit_tasks.add(task)
        task.add_done_callback(self._audit_tasks.discard)


def check_settings(settings: "Settings") -> None:
    """Fail at start-up, not at the first broadcast, on a bad broadcast configuration."""
    from courtroom.broadcast.composer import LAYOUTS

    if settings.broadcast_layout not in LAYOUTS:
        raise ValueError(f"broadcast_layout must be one of {', '.join(LAYOUTS)}")
    if settings.broadcast_delay_s < MIN_DELAY_S:
        raise ValueError(f"broadcast_delay_s must be at least {MIN_DELAY_S} s")
    if settings.rtmp_url and not settings.rtmp_url.startswith(("rtmp://", "rtmps://")):
        raise ValueError("rtmp_url must be an rtmp:// or rtmps:// URL")
    programme_settings(settings)  # sizes, fps, segment length


async def start_broadcast_service(ctx: "ServerContext") -> BroadcastService:
    check_settings(ctx.settings)
    service = BroadcastService(ctx)
    await service.start_service()
    return service
