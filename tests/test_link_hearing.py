"""A bad link at the hearing level (issue 12), through the real server and its HearingRoom.

A remote party (an aiortc client in its own process and network namespace, behind
courtroom.sim.linkemu's userspace bridge) attends a hearing with the presiding judge (court
staff, listening on the live socket) and two parties who publish about 1 Mbit/s of video each.
  - Its downlink is throttled below what everyone's video needs: the judge's terminal is told
    (link-quality, naming the party) and so is the party (its quality notice), while the
    party keeps hearing everyone.
  - Its UDP is cut for longer than ICE consent lasts (the signalling socket stays up): the
    hearing's audit log records media.interrupted then media.resumed with the gap, and the
    party's recording continues as a new segment; nobody does anything.

Needs root, iproute2 and ethtool (network namespaces); skipped otherwise."""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
import uuid
from pathlib import Path
from typing import Any, AsyncIterator, Awaitable, Callable, Iterator

import numpy as np
import pytest

from courtroom.sim.simclient import SimulatedParticipant, VideoSpec
from courtroom.sim.testsource import encode_test_pattern
from tests.fixtures.media import wait_until
from tests.fixtures.netns import HostSideLink, court_also_on, link_or_reason
from tests.fixtures.server import RunningCourt

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
# The server's side of the emulated link lives in this (the root) namespace; the party's in its own.
# Addresses and names apart from tests/test_link_health_browser.py's, so the two never collide.
NEAR, FAR = "10.79.12.1", "10.79.12.2"
# The remote party's downlink: well under the two publishers' ~2 Mbit/s of video.
THROTTLE_BPS = 800_000
THROTTLE_DELAY_MS = 40
# Audio must keep arriving at the throttled party: this share of the frames sent, over a
# window this long, from each publisher, with no hole longer than this.
AUDIO_WINDOW_S = 6.0
AUDIO_MIN_SHARE = 0.9
AUDIO_MAX_GAP_S = 1.0
# A UDP outage longer than ICE consent (30 s without an answer: aioice gives up).
OUTAGE_S = 40.0


@pytest.fixture(scope="module")
def net() -> Iterator[HostSideLink]:
    for link in link_or_reason("crlq", NEAR, FAR):
        if not isinstance(link, HostSideLink):
            pytest.skip(link)
        yield link


@pytest.fixture(scope="module")
async def court(db: Any, net: HostSideLink) -> AsyncIterator[RunningCourt]:
    """A real server, reachable (HTTP and ICE) on 127.0.0.1 and from the party's namespace."""
    async for running in court_also_on(db, net):
        yield running


async def _hearing(court: RunningCourt) -> dict[str, Any]:
    """A hearing with its presiding judge (staff), two parties in court and one remote party."""
    await court.add_staff("judge_q", "冯审判长", "judge")
    await court.add_staff("clerk_q", "邓书记员", "clerk")
    clerk, judge = await court.login("clerk_q"), await court.login("judge_q")
    try:
        ids = {s["username"]: s["id"] for s in (await clerk.get("/api/staff")).json()["staff"]}
        case = (await clerk.post("/api/cases", json={"case_number": "（2026）吉01民初1212号", "cause": "合同纠纷"})).json()["case"]
        await clerk.post(f"/api/cases/{case['id']}/members", json={"staff_id": ids["judge_q"], "duty": "承办法官"})
        h = (await clerk.post(f"/api/cases/{case['id']}/hearings", json={"title": "开庭"})).json()["hearing"]
        await clerk.post(f"/api/hearings/{h['id']}/participants", json={"role": "presiding_judge", "staff_id": ids["judge_q"]})
        out: dict[str, Any] = {"id": h["id"], "ids": {}, "tokens": {}}
        for role, name in (("plaintiff", "韩原告"), ("third_party", "曹第三人"), ("defendant", "魏被告")):
            r = await clerk.post(f"/api/hearings/{h['id']}/participants", json={"role": role, "name": name})
            pid = r.json()["participant"]["id"]
            out["ids"][role] = pid
            out["tokens"][role] = (await clerk.post(f"/api/hearings/{h['id']}/participants/{pid}/tokens", json={})).json()["token"]
        out["tokens"]["presiding_judge"] = (await judge.post(f"/api/hearings/{h['id']}/my-token")).json()["token"]
        return out
    finally:
        await clerk.aclose()
        await judge.aclose()


# --- the remote party, in its own namespace: it answers "mark" / "report" / "stop" on stdin ----------

PARTY = """
import asyncio, json, sys, time
from courtroom.media import ice
from courtroom.sim.simclient import SimulatedParticipant, VideoSpec
from courtroom.sim.testsource import load_speech

url, token, address, speech = sys.argv[1:5]
ice.configure_host_addresses([address])

def say(obj):
    print(json.dumps(obj), flush=True)

async def main():
    party = SimulatedParticipant(url, name="remote", join_token=token, audio=load_speech(speech, 60.0),
                                 video=VideoSpec(320, 180, 15), receive="tap", keep_arrivals=True)
    await party.start()
    say({"event": "started", "participant": party.participant_id})
    mark = time.monotonic()
    loop = asyncio.get_running_loop()
    while True:
        line = (await loop.run_in_executor(None, sys.stdin.readline)).strip()
        if line == "mark":
            mark = time.monotonic()
            say({"event": "marked"})
        elif line == "report":
            now = time.monotonic()
            audio, video = {}, {}
            for sub in [*party.ended_subscriptions, *party.subscriptions.values()]:
                for kind, t in sub.tracks.items():
                    (audio if kind == "audio" else video).setdefault(sub.publisher, []).extend(
                        a for a in (t.arrivals or []) if a >= mark)
            gaps = {p: max(b - a for a, b in zip([mark, *sorted(ts)], [*sorted(ts), now])) for p, ts in audio.items()}
            say({"event": "report", "window_s": now - mark, "audio_frames": {p: len(ts) for p, ts in audio.items()},
                 "audio_longest_gap_s": gaps, "video_frames": {p: len(ts) for p, ts in video.items()},
                 "quality": [e for e in party.events if e.get("type") == "quality"],
                 "recoveries": [target for target, _ in party.recoveries],
                 "publish_state": party.publish_pc.connectionState if party.publish_pc else None})
        else:
            break
    await party.stop()

asyncio.run(main())
"""


class _Party:
    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc

    @classmethod
    async def start(cls, net: HostSideLink, url: str, token: str, speech: Path) -> "_Party":
        proc = await asyncio.create_subprocess_exec(
            *net.link.netns_exec("far", [sys.executable, "-c", PARTY, url, token, FAR, str(speech)]),
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(REPO)})
        return cls(proc)

    async def read(self, event: str, timeout: float = 60.0) -> dict[str, Any]:
        assert self.proc.stdout is not None
        deadline = time.monotonic() + timeout
        while True:
            line = await asyncio.wait_for(self.proc.stdout.readline(), max(0.1, deadline - time.monotonic()))
            if not line:
                raise AssertionError(f"the remote party exited (rc {await self.proc.wait()})")
            if line.startswith(b"{"):
                message = json.loads(line)
                if message.get("event") == event:
                    return message

    async def ask(self, command: str, event: str) -> dict[str, Any]:
        assert self.proc.stdin is not None
        self.proc.stdin.write(command.encode() + b"\n")
        await self.proc.stdin.drain()
        return await self.read(event)

    async def stop(self) -> None:
        if self.proc.returncode is None:
            assert self.proc.stdin is not None
            try:
                self.proc.stdin.write(b"stop\n")
                await self.proc.stdin.drain()
                await asyncio.wait_for(self.proc.wait(), 20)
            except (asyncio.TimeoutError, ConnectionError):
                self.proc.kill()
                await self.proc.wait()


async def _until(check: Callable[[], Awaitable[Any]], timeout: float, interval: float = 0.25) -> Any:
    """Poll an async condition until it gives something truthy (returned) or the deadline passes (None)."""
    deadline = time.monotonic() + timeout
    while True:
        value = await check()
        if value or time.monotonic() >= deadline:
            return value or None
        await asyncio.sleep(interval)


async def _media_audit(court: RunningCourt, hearing_id: str, participant_id: str) -> list[dict[str, Any]]:
    rows = await court.ctx.db.fetch(  # type: ignore[attr-defined]
        "select action, (detail->>'hearing_time_s')::float8 as hearing_time_s, (detail->>'gap_s')::float8 as gap_s,"
        " (detail->>'detected_s')::float8 as detected_s"
        " from audit_events where hearing_id = $1::uuid and action like 'media.%'"
        " and detail->>'participant_id' = $2 order by id", hearing_id, participant_id)
    return [dict(r) for r in rows]


def _publish_connection_state(room: Any, participant_id: str) -> dict[str, Any]:
    """The server's side of a party's publishing connection, for a failure's message."""
    part = room.media._participants.get(participant_id)  # noqa: SLF001
    pc = part.publish_pc if part is not None else None
    if pc is None:
        return {"publish_pc": None}
    ice = pc.getTransceivers()[0].receiver.transport.transport
    consent = ice._connection._query_consent_task  # noqa: SLF001 - aioice's consent freshness task
    return {"connection": pc.connectionState, "ice": pc.iceConnectionState,
            "consent_task": None if consent is None else ("done" if consent.done() else "running"),
            "consent_error": repr(consent.exception()) if consent is not None and consent.done()
            and not consent.cancelled() else None}


def _link_quality(judge: SimulatedParticipant, participant_id: str) -> list[dict[str, Any]]:
    return [e for e in judge.events if e.get("type") == "link-quality" and e.get("participant") == participant_id]


async def test_a_bad_link_is_told_to_the_bench_and_an_outage_is_audited_and_recovered(
        court: RunningCourt, net: HostSideLink, speech_file: Path, speech_48k: np.ndarray) -> None:
    h = await _hearing(court)
    remote_id = h["ids"]["defendant"]
    judge = SimulatedParticipant(court.ws_url, name="judge", join_token=h["tokens"]["presiding_judge"], subscribe=False)
    # Pre-encoded ~1 Mbit/s video with temporal layers (L1T3, what rtc.js asks browsers for):
    # the senders only packetise, so two of them cost this busy machine little.
    video = encode_test_pattern(640, 360, 30, seconds=6.0, bitrate=1_000_000, temporal_layers=True)
    speaker = SimulatedParticipant(court.ws_url, name="plaintiff", join_token=h["tokens"]["plaintiff"],
                                   audio=speech_48k, video=VideoSpec(640, 360, 30, replay=video), subscribe=False)
    other = SimulatedParticipant(court.ws_url, name="third_party", join_token=h["tokens"]["third_party"],
                                 audio=(speech_48k * 0.03).astype(np.int16), video=VideoSpec(640, 360, 30, replay=video),
                                 subscribe=False)
    publishers = {h["ids"]["plaintiff"]: speaker, h["ids"]["third_party"]: other}
    party: _Party | None = None
    far_url = court.far_ws_url  # type: ignore[attr-defined]
    try:
        await judge.start()
        await judge.send({"type": "control", "action": "open"})  # on the record: recordings are written
        room = court.ctx.rooms.get(uuid.UUID(h["id"]))  # type: ignore[attr-defined]
        assert await wait_until(lambda: room.hearing.state.value == "open", 20)
        for p in publishers.values():
            await p.start()
        party = await _Party.start(net, far_url, h["tokens"]["defendant"], speech_file)
        started = await party.read("started", 90)
        assert started["participant"] == remote_id

        # The party receives everyone's video over the unshaped link, and publishes its own.
        async def receiving() -> dict[str, Any] | None:
            r = await party.ask("report", "report")  # type: ignore[union-attr]
            return r if all(r["video_frames"].get(p, 0) > 30 for p in publishers) else None

        assert await _until(receiving, 60), "the remote party never received both publishers' video"
        pub = lambda kind: room.media.publication(remote_id, kind)  # noqa: E731
        assert await wait_until(lambda: pub("audio") is not None and pub("audio").last_frame_at is not None, 30)
        # Its estimate starts low (1.5 Mbit/s) and climbs on the unshaped link until everyone's video fits.
        assert await wait_until(lambda: bool(_link_quality(judge, remote_id)) and _link_quality(judge, remote_id)[-1]["state"] == "ok", 45), \
            f"the unshaped link never carried everyone's video: {_link_quality(judge, remote_id)[-3:]}"
        before = len(_link_quality(judge, remote_id))
        party_before = len((await party.ask("report", "report"))["quality"])

        # --- 1. the downlink throttled: the bench and the party are told, audio keeps flowing ------------
        net.link.shape("down", rate_bps=THROTTLE_BPS, delay_ms=THROTTLE_DELAY_MS)
        throttled_at = time.monotonic()
        assert await wait_until(lambda: any(m["state"] in ("reduced", "paused") for m in _link_quality(judge, remote_id)[before:]), 60), \
            f"no link-quality for the throttled party on the judge's socket: {_link_quality(judge, remote_id)[before:]}"
        told = next(m for m in _link_quality(judge, remote_id)[before:] if m["state"] in ("reduced", "paused"))
        print(f"\nspeaker (plaintiff) {h['ids']['plaintiff']}, other {h['ids']['third_party']}, remote party {remote_id}")
        print(f"judge told {time.monotonic() - throttled_at:.1f} s after the throttle: {told}")
        cut = set(told["paused"]) | set(told["reduced"])
        assert cut and cut <= set(publishers), told  # what was cut is named: other people's video
        assert isinstance(told["estimate_kbps"], int) and told["estimate_kbps"] > 0, told

        async def party_told() -> dict[str, Any] | None:
            r = await party.ask("report", "report")  # type: ignore[union-attr]
            return r if any(q["state"] in ("reduced", "paused") for q in r["quality"][party_before:]) else None

        assert await _until(party_told, 20), "the throttled party was not sent its quality notice"

        # Audio from every publisher keeps arriving at the party meanwhile.
        await party.ask("mark", "marked")
        sent_before = {p: pp.frames_sent()["audio"] for p, pp in publishers.items()}
        window_start = time.monotonic()
        assert await wait_until(lambda: time.monotonic() - window_start >= AUDIO_WINDOW_S, AUDIO_WINDOW_S + 5)
        report = await party.ask("report", "report")
        sent = {p: pp.frames_sent()["audio"] - sent_before[p] for p, pp in publishers.items()}
        print(f"throttled to {THROTTLE_BPS // 1000} kbit/s: audio frames {report['audio_frames']} of {sent} sent,"
              f" longest gaps {report['audio_longest_gap_s']} s; video frames {report['video_frames']}")
        for p in publishers:
            assert report["audio_frames"].get(p, 0) >= AUDIO_MIN_SHARE * sent[p], (p, report, sent)
            assert report["audio_longest_gap_s"][p] <= AUDIO_MAX_GAP_S, (p, report)
        print(f"last word to the judge: {_link_quality(judge, remote_id)[-1]}")
        # The speaker (found by the room from their loud audio) is cut last: seen more than the other.
        speaker_id, other_id = h["ids"]["plaintiff"], h["ids"]["third_party"]
        assert report["video_frames"].get(speaker_id, 0) > report["video_frames"].get(other_id, 0), report
        # Congestion alone interrupted nothing.
        assert await _media_audit(court, h["id"], remote_id) == []

        # --- 2. UDP cut for longer than ICE consent: audited, and back by itself ------------------------
        net.link.unshape()
        net.link.outage(True, udp_only=True)
        cut_at = time.monotonic()
        try:
            async def interrupted() -> list[dict[str, Any]] | None:
                rows = await _media_audit(court, h["id"], remote_id)
                return rows if rows else None

            rows = await _until(interrupted, OUTAGE_S + 20)
            if not rows:
                party_report = await party.ask("report", "report")
                raise AssertionError(f"no media.interrupted in {time.monotonic() - cut_at:.0f} s of outage; server:"
                                     f" {_publish_connection_state(room, remote_id)}; party: publish"
                                     f" {party_report['publish_state']}, recoveries {party_report['recoveries']}")
            assert rows[0]["action"] == "media.interrupted", rows
            seen_interrupted = time.monotonic()
            print(f"media.interrupted audited {seen_interrupted - cut_at:.1f} s into the outage")
            # Hold the outage for its full length (longer than ICE consent), then lift it.
            assert await wait_until(lambda: time.monotonic() - cut_at >= OUTAGE_S, OUTAGE_S + 5)
        finally:
            net.link.outage(False)
        lifted_at = time.monotonic()

        async def resumed() -> list[dict[str, Any]] | None:
            rows = await _media_audit(court, h["id"], remote_id)
            return rows if any(r["action"] == "media.resumed" for r in rows) else None

        rows = await _until(resumed, 60)
        assert rows, f"no media.resumed within 60 s of the link's return: {await _media_audit(court, h['id'], remote_id)}"
        print(f"media.resumed audited {time.monotonic() - lifted_at:.1f} s after the link came back: {rows}")
        assert [r["action"] for r in rows] == ["media.interrupted", "media.resumed"], rows
        gone, back = rows
        assert back["gap_s"] > 0 and back["hearing_time_s"] > gone["hearing_time_s"], rows
        assert abs(back["gap_s"] - (back["hearing_time_s"] - gone["hearing_time_s"])) < 0.01, rows
        # The gap starts when media stopped (the cut), not when its loss was noticed (ICE consent,
        # 20-30 s later): it covers the whole outage.
        assert back["gap_s"] >= lifted_at - cut_at - 1.0, (rows, lifted_at - cut_at)
        assert gone["detected_s"] - gone["hearing_time_s"] >= 5.0, rows

        # Media flows again from the party, and it recovered by itself (a new connection).
        assert await wait_until(lambda: pub("audio") is not None and pub("audio").last_frame_at is not None
                                and pub("audio").last_frame_at > lifted_at, 30)
        report = await party.ask("report", "report")
        assert "publish" in report["recoveries"] and report["publish_state"] == "connected", report

        # The recording continues as a new segment after the gap.
        pool = court.ctx.db.pool  # type: ignore[attr-defined]

        async def new_segments() -> list[dict[str, Any]] | None:
            segs = await pool.fetch(
                "select kind, segment_index, hearing_start_s from recordings where hearing_id = $1::uuid"
                " and participant_id = $2::uuid and hearing_start_s >= $3 order by segment_index",
                h["id"], remote_id, gone["hearing_time_s"])
            return [dict(s) for s in segs] if {s["kind"] for s in segs} >= {"audio", "video"} else None

        after = await _until(new_segments, 30)
        assert after, "no new recording segment of the party after the gap"
        assert all(s["segment_index"] > 0 for s in after), after

        # A few seconds more on the record, then closing: the segments after the gap hold media.
        resumed_seen = time.monotonic()
        assert await wait_until(lambda: time.monotonic() - resumed_seen >= 4.0, 10)
        await judge.send({"type": "control", "action": "close"})
        assert await _until(lambda: pool.fetchval(
            "select count(*) = 0 from recordings where hearing_id = $1::uuid and state = 'recording'", h["id"]), 30)
        segments = await pool.fetch(
            "select kind, segment_index, hearing_start_s, duration_s, bytes from recordings where hearing_id = $1::uuid"
            " and participant_id = $2::uuid order by kind, segment_index", h["id"], remote_id)
        print(f"the party's segments (gap from {gone['hearing_time_s']:.1f} s): " + ", ".join(
            f"{r['kind']} #{r['segment_index']} at {r['hearing_start_s']:.1f} s for {r['duration_s'] or 0:.1f} s, {r['bytes']} B"
            for r in segments))
        closed = [r for r in segments if r["hearing_start_s"] >= gone["hearing_time_s"]]
        # What was recorded before the gap ends where the audit log says the gap began.
        before_gap = [r for r in segments if r["hearing_start_s"] < gone["hearing_time_s"]]
        assert before_gap and all(abs(r["hearing_start_s"] + r["duration_s"] - gone["hearing_time_s"]) < 1.5
                                  for r in before_gap), (before_gap, gone)
        assert closed and all((r["duration_s"] or 0) > 1.0 and (r["bytes"] or 0) > 0 for r in closed), closed
    finally:
        net.link.outage(False)
        if party is not None:
            await party.stop()
        for p in (*publishers.values(), judge):
            await p.stop()
