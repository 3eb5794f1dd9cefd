"""The link watch's judgement on a busy event loop (issue 14, finding 5). In the full test
suite the shared event loop was so busy that every check came late; the watch judged
staleness only after an on-time check, so a party whose link was cut was never shown.
These drive LinkWatch.check() with explicit times over publications whose frames stop."""

import time
import types
import uuid
from typing import Any

from courtroom.hearing.linkwatch import CHECK_EVERY_S, LOST_AFTER_S, PEER_GRACE_S, LinkWatch


class _Pub:
    def __init__(self) -> None:
        self.live = True
        self.last_frame_at: float | None = None


class _Media:
    def __init__(self, pubs: dict[tuple[str, str], _Pub]) -> None:
        self.pubs = pubs

    def publication(self, participant_id: str, kind: str) -> _Pub | None:
        return self.pubs.get((participant_id, kind))


class _RecordingWatch(LinkWatch):
    """Records what the watch decided instead of writing the audit log (no database here)."""

    def __init__(self, room: Any) -> None:
        super().__init__(room)
        self.events: list[tuple[str, float]] = []
        self.now = 0.0

    def _changed(self, pid: uuid.UUID, action: str, detail: dict[str, Any]) -> None:
        self.events.append((action, self.now))


def _watch() -> tuple[_RecordingWatch, _Pub]:
    watch, audio, _ = _watch_of()
    return watch, audio


def _watch_of() -> tuple[_RecordingWatch, _Pub, uuid.UUID]:
    pid = uuid.uuid4()
    audio = _Pub()
    room = types.SimpleNamespace(media=_Media({(str(pid), "audio"): audio}),
                                 clients={pid: types.SimpleNamespace(media=object())})
    return _RecordingWatch(room), audio, pid


def _run(watch: _RecordingWatch, audio: _Pub, *, every: float, frames_until: float, end: float) -> None:
    t = 0.0
    while t <= end:
        if t <= frames_until:
            audio.last_frame_at = t  # frames flow up to the cut (read at each turn of the loop)
        watch.now = t
        watch.check(now=t)
        t += every


def test_a_cut_is_shown_although_every_check_comes_late():
    watch, audio = _watch()
    # A loop so busy that each 0.25 s sleep takes 1.3 s: every check follows a "stall".
    _run(watch, audio, every=1.3, frames_until=5.2, end=12.0)
    assert watch.events, "never shown"
    action, at = watch.events[0]
    assert action == "participant.link_lost"
    assert at - 5.2 <= 2 * 1.3 + 0.01, at  # at the second late check after the frames stopped


def test_an_on_time_watch_shows_a_cut_within_a_second_and_a_bit():
    watch, audio = _watch()
    _run(watch, audio, every=CHECK_EVERY_S, frames_until=3.0, end=8.0)
    assert [a for a, _ in watch.events] == ["participant.link_lost"]
    assert watch.events[0][1] - 3.0 <= LOST_AFTER_S + CHECK_EVERY_S + 1e-6, watch.events


def test_frames_waiting_behind_one_stall_are_not_a_cut():
    watch, audio = _watch()
    for t in (0.0, 0.25, 0.5):
        audio.last_frame_at = t
        watch.check(now=t)
    # The loop stalls 3 s; the first check after it runs before the waiting frames are read...
    watch.check(now=3.5)
    assert watch.events == []
    # ...which are read before the next check: the link was fine all along.
    audio.last_frame_at = 3.6
    watch.check(now=3.75)
    assert watch.events == []


def test_it_comes_back_when_frames_flow_again():
    watch, audio = _watch()
    _run(watch, audio, every=CHECK_EVERY_S, frames_until=1.0, end=4.0)
    audio.last_frame_at = 4.1
    watch.now = 4.25
    watch.check(now=4.25)
    assert [a for a, _ in watch.events] == ["participant.link_lost", "participant.link_restored"]


def test_a_closed_connection_is_a_lost_link_unless_the_party_says_goodbye():
    for leaves in (False, True):
        watch, audio, pid = _watch_of()
        now = time.monotonic()
        audio.last_frame_at = now
        watch.check(now=now)
        watch.peer_state(pid, "closed")  # the party closes its connection (it leaves, or it broke)
        audio.live = False  # the server stops the connection's sources
        if leaves:
            watch.disconnected(pid, "left")  # its hearing socket says goodbye right after
        watch.check(now=now + PEER_GRACE_S / 2)
        watch.check(now=now + PEER_GRACE_S + 0.01)
        assert [a for a, _ in watch.events] == ([] if leaves else ["participant.link_lost"]), (leaves, watch.events)


def test_a_connection_that_fails_before_any_check_saw_its_media_is_still_a_lost_link():
    # The full suite's case: frames arrived, then the publishing connection failed and the
    # media layer unbound the publication (live False) before the busy loop ran one check.
    watch, audio, pid = _watch_of()
    audio.last_frame_at = 1.0
    audio.live = False
    t0 = time.monotonic()
    watch.peer_state(pid, "failed")
    watch.now = t0 + PEER_GRACE_S + 0.01
    watch.check(now=watch.now)
    assert [a for a, _ in watch.events] == ["participant.link_lost"], watch.events
