"""Internet hearings over real links: what a remote party behind a weak link sees and hears.

Three publishers (640x360 VP8 at about 1 Mbps, 30 fps, plus Opus speech; p0 is the
speaker) and the media server run in one network namespace; a remote party runs in
another, behind an emulated link (courtroom/sim/linkemu.py: a userspace bridge, since
this kernel has no netem). The remote party is an aiortc client (courtroom/simclient.py)
that publishes its own camera (live VP8 encoding that follows the server's estimate, so
the uplink condition shows what reaches the recording) and subscribes to everyone. It
counts the frames that arrive whole and decodable (tapped after its jitter buffer, which
holds frames back from a loss until the next keyframe, as a browser's decoder must).

Conditions (the remote party's link; the delay applies both ways, rate and loss on the
downlink unless named):
    unshaped | 2 Mbit/s 40 ms | 1 Mbit/s 60 ms 1% loss | 3% loss | 500 kbit/s uplink |
    a 36 s outage of UDP (media and ICE; the signaling WebSocket's TCP survives it, as in
    the probe of issue 12)

Per condition it prints the remote party's: audio received (share of the frames sent)
and longest gap between audio frames; frames per second of the speaker's video and of
the others'; freezes (video gaps over 0.5 s) and the longest; time from the subscribe
offer to the speaker's first frame; time from the link's return to media (outage only);
packets on the link per media packet (downlink frames offered to the bottleneck, over
the RTP packets the publishers sent); publishers' keyframes per minute; for the uplink
condition, the share of the remote party's frames the server received (and recorded).

    python benchmarks/network.py                      # every condition, 45 s each
    python benchmarks/network.py --seconds 20 --conditions 2mbit,outage
    python benchmarks/network.py --json               # one JSON object per condition too
    python benchmarks/network.py --compare            # before (adaptation off) and after, in one run

Needs root, iproute2 and ethtool; it creates its three namespaces and removes them.
Targets (issue 12): 2 Mbit/s 40 ms: audio >= 99%, longest gap <= 200 ms, speaker >= 15
fps with no freeze over 1 s; 1 Mbit/s 60 ms 1%: audio >= 98%, speaker >= 5 fps; 3% loss:
audio >= 99%, speaker >= 25 fps; outage: media back within 5 s of the link's return.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import inspect
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Optional

REPO = Path(__file__).resolve().parents[1]
# benchmarks/asr.py would shadow the asr package: the repository first, this folder out.
sys.path[:] = [str(REPO)] + [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

NEAR_ADDRESS = "10.77.0.1"
FAR_ADDRESS = "10.77.0.2"
PUBLISHERS = 3
SPEAKER = "p0"
AUDIO_FPS = 50
FREEZE_S = 0.5


@dataclasses.dataclass(frozen=True)
class Condition:
    name: str
    label: str
    down: dict[str, Any]
    up: dict[str, Any]
    outage_s: float = 0.0


CONDITIONS = [
    Condition("unshaped", "unshaped", {}, {}),
    Condition("2mbit", "2 Mbit/s, 40 ms", {"rate_bps": 2_000_000, "delay_ms": 40}, {"delay_ms": 40}),
    Condition("1mbit", "1 Mbit/s, 60 ms, 1% loss", {"rate_bps": 1_000_000, "delay_ms": 60, "loss": 0.01}, {"delay_ms": 60}),
    Condition("loss3", "3% random loss", {"loss": 0.03}, {}),
    Condition("uplink500k", "500 kbit/s uplink", {}, {"rate_bps": 500_000, "delay_ms": 20}),
    Condition("outage", "36 s UDP outage", {}, {}, outage_s=36.0),
]


# --- the server (near namespace) ------------------------------------------------------------


async def run_server(args: argparse.Namespace) -> None:
    """The media room behind the production signaling, on every address of the namespace;
    answers "stats" lines on stdin with what it received from each publication."""
    import uvicorn
    from starlette.applications import Starlette
    from starlette.routing import WebSocketRoute
    from starlette.websockets import WebSocket

    from courtroom.media import ice
    from courtroom.media.clock import HearingClock
    from courtroom.media.mediaroom import MediaRoom
    from courtroom.media.signaling import SignalingSession

    rtc_config = ice.rtc_configuration((), ["127.0.0.1", NEAR_ADDRESS])
    room = MediaRoom("network-bench", Path(args.recordings), HearingClock.open(), rtc_config=rtc_config, speech_feed=False,
                     adaptive=not args.baseline)
    if hasattr(room, "set_priority"):
        room.set_priority(SPEAKER, True)  # the hearing layer does this for the speaker and the presiding judge

    async def ws(websocket: WebSocket) -> None:
        await websocket.accept()
        session = SignalingSession(room, websocket.path_params["participant"], websocket.send_json)
        try:
            while True:
                message = await websocket.receive()
                if message["type"] == "websocket.disconnect":
                    break
                await session.handle_text(message.get("text") or message.get("bytes") or "")
        finally:
            await session.close()

    class Quiet(uvicorn.Server):
        @contextlib.contextmanager
        def capture_signals(self):  # type: ignore[override]
            yield

    from starlette.responses import HTMLResponse
    from starlette.routing import Mount, Route
    from starlette.staticfiles import StaticFiles

    routes = [WebSocketRoute("/ws/{participant}", ws), Route("/remote.html", lambda request: HTMLResponse(REMOTE_PAGE)),
              Mount("/static", StaticFiles(directory=REPO / "web/static"), name="static")]
    server = Quiet(uvicorn.Config(Starlette(routes=routes), host="0.0.0.0", port=0,
                                  log_level="warning", lifespan="off", ws_max_size=1 << 20))
    serve = asyncio.ensure_future(server.serve())
    while not server.started:
        await asyncio.sleep(0.02)
    _emit({"event": "ready", "port": server.servers[0].sockets[0].getsockname()[1]})
    reader = await _stdin_reader()
    while line := (await reader.readline()).decode().strip():
        if line == "stats":
            pubs = {f"{p.participant_id}/{p.kind}": {"frames": p.stats.frames, "keyframes": p.stats.keyframes,
                                                     "keyframe_requests": p.stats.keyframe_requests}
                    for p in room.publications()}
            links = {}
            for pid, part in list(room._participants.items()):  # noqa: SLF001 - a benchmark looks inside
                link = getattr(part, "link", None)
                if link is not None:
                    links[pid] = {**link.stats, "estimate_bps": round(link.estimate.bps), "history": link.history, "events": link.events,
                                  "levels": {k: int(v) for k, v in link.allocator.levels.items()}}
            _emit({"event": "stats", "publications": pubs, "segments": len(room.segments()), "links": links})
    await room.close()
    server.should_exit = True
    with contextlib.suppress(Exception):
        await asyncio.wait_for(serve, 10)


# The browser remote party's page: web/static/rtc.js publishing the fake camera and
# microphone and subscribing to everyone, as the hearing page does.
REMOTE_PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>远程当事人</title></head>
<body><div id="quality"></div><div id="remotes"></div>
<script src="/static/rtc.js"></script>
<script>
const params = new URLSearchParams(location.search);
const rtc = new CourtroomRTC({ iceServers: [] });
window.rtc = rtc;
rtc.onQuality = (q) => { document.getElementById("quality").textContent = CourtroomRTC.QUALITY_TEXT[q.state] || ""; };
rtc.onRemoteStream = (pid, stream) => {
  let v = document.getElementById("v-" + pid);
  if (!v) { v = document.createElement("video"); v.id = "v-" + pid; v.autoplay = true; v.muted = true;
            document.getElementById("remotes").appendChild(v); }
  rtc.attach(pid, v);
};
(async () => {
  await rtc.connect("ws://" + location.host + "/ws/" + params.get("participant"));
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 640, height: 360 } });
  await rtc.publish(stream);
  window.ready = true;
})().catch((e) => { window.startError = String(e); });
</script></body></html>
"""


# --- the publishers (near namespace, their own process) --------------------------------------


async def run_publishers(args: argparse.Namespace) -> None:
    from courtroom.media import ice
    from courtroom.sim.simclient import SimulatedParticipant, VideoSpec
    from courtroom.sim.testsource import ReplayFrame, encode_speech, encode_test_pattern, load_speech, synthetic_speech

    ice.configure_host_addresses(["127.0.0.1"])
    speech_path = REPO / "tests/data/speech/zh_court_60s.flac"
    samples = load_speech(speech_path) if speech_path.exists() else synthetic_speech(60.0)
    loud = encode_speech(samples)
    quiet = encode_speech((samples * 0.03).astype(samples.dtype))  # the others: room tone, not silence
    # L1T3 as web/static/rtc.js asks browsers for, unless --no-layers (or the code before layers)
    layers = {"temporal_layers": True} if args.layers and "temporal_layers" in inspect.signature(encode_test_pattern).parameters else {}
    cache = Path(args.recordings) / f"video{'-l1t3' if layers else ''}.json"
    if cache.exists():  # encoded once per run: each condition starts fresh publishers
        video = [ReplayFrame(bytes.fromhex(d), k, t) for d, k, t in json.loads(cache.read_text())]
    else:
        video = encode_test_pattern(640, 360, 30, seconds=10.0, bitrate=1_000_000, **layers)
        cache.write_text(json.dumps([(f.data.hex(), f.keyframe, f.tid) for f in video]))
    people = []
    for i in range(PUBLISHERS):
        audio = loud if i == 0 else quiet
        people.append(SimulatedParticipant(args.url.format(participant=f"p{i}"), name=f"p{i}", audio=audio * 20,
                                           video=VideoSpec(640, 360, 30, replay=video), subscribe=False))
    for p in people:
        await p.start()
    _emit({"event": "published"})
    reader = await _stdin_reader()
    while line := (await reader.readline()).decode().strip():
        if line == "stats":
            packets = 0
            for p in people:
                report = await p.publish_pc.getStats()
                packets += sum(getattr(s, "packetsSent", 0) for s in report.values() if s.type == "outbound-rtp")
            keyframes = sum(p.video_track.keyframes_sent for p in people)
            _emit({"event": "stats", "packets_sent": packets, "keyframes_sent": keyframes,
                   "pc_states": [p.publish_pc.connectionState for p in people]})
    for p in people:
        await p.stop()


# --- the remote party (far namespace) --------------------------------------------------------


async def run_remote(args: argparse.Namespace) -> None:
    from courtroom.media import ice
    from courtroom.sim.simclient import SimulatedParticipant, VideoSpec
    from courtroom.sim.testsource import TestPattern, load_speech, synthetic_speech

    ice.configure_host_addresses([FAR_ADDRESS])
    speech_path = REPO / "tests/data/speech/zh_court_60s.flac"
    samples = load_speech(speech_path) if speech_path.exists() else synthetic_speech(60.0)

    class Remote(SimulatedParticipant):
        def _make_tracks(self) -> None:
            super()._make_tracks()
            # camera-like noise, so the encoder spends what a real camera costs
            self.video_track.pattern = TestPattern(640, 360, noise=12)

    remote = Remote(args.url, name=args.name, audio=samples, video=VideoSpec(640, 360, 15), receive="tap",
                    keep_arrivals=True)
    started = time.monotonic()
    _emit({"event": "started", "t": started})
    await remote.start()
    await asyncio.sleep(max(0.0, started + args.seconds - time.monotonic()))
    tracks: dict[str, dict[str, Any]] = {}
    for sub in [*remote.ended_subscriptions, *remote.subscriptions.values()]:
        for kind, t in sub.tracks.items():
            entry = tracks.setdefault(f"{sub.publisher}/{kind}", {"arrivals": [], "offered_at": sub.offered_at, "receiver": {}})
            entry["arrivals"].extend(t.arrivals or [])
            # what the remote party's receiver went through (its losses, keyframe waits, PLIs)
            counts = dataclasses.asdict(t.publication.stats) if getattr(t, "publication", None) is not None else {}
            counts["late_frames"] = getattr(t, "late_frames", 0)
            for key, value in counts.items():
                entry["receiver"][key] = entry["receiver"].get(key, 0) + value
            entry["offered_at"] = min(entry["offered_at"], sub.offered_at)
    _emit({"event": "report", "t": time.monotonic(), "tracks": tracks, "sent": remote.frames_sent(),
           "pc_states": [s.pc.connectionState for s in remote.subscriptions.values()]})
    reader = await _stdin_reader()
    await reader.readline()  # "stop"
    await remote.stop()


async def run_browser_remote(args: argparse.Namespace) -> None:
    """Headless Chromium as the remote party: its own congestion control, NACKs, PLIs and
    REMB are what the server adapts to. Counts come from its getStats(), once a second."""
    from playwright.async_api import async_playwright

    flags = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
             "--autoplay-policy=no-user-gesture-required"]
    base = args.url.replace("ws://", "http://").split("/ws/")[0]
    # the server is not localhost: let the page use the (fake) camera, and show real
    # host candidates (aiortc cannot resolve Chromium's mDNS names)
    flags += [f"--unsafely-treat-insecure-origin-as-secure={base}", "--disable-features=WebRtcHideLocalIpsWithMdns"]
    started = time.monotonic()
    _emit({"event": "started", "t": started})
    samples: list[tuple[float, dict]] = []
    async with async_playwright() as pw:
        with tempfile.TemporaryDirectory(prefix="courtroom-chromium-") as profile:
            context = await pw.chromium.launch_persistent_context(profile, executable_path="/usr/bin/chromium", args=flags)
            page = await context.new_page()
            await page.goto(f"{base}/remote.html?participant={args.name}")
            while time.monotonic() < started + args.seconds:
                await asyncio.sleep(1.0)
                try:
                    samples.append((time.monotonic(), await page.evaluate("window.rtc.stats()")))
                except Exception:
                    pass
            quality = await page.evaluate("window.rtc ? window.rtc.quality : null")
            if os.environ.get("NETBENCH_DEBUG"):
                print(json.dumps({"event": "debug", "error": await page.evaluate("String(window.startError)"),
                                  "last": samples[-1][1] if samples else None}), file=sys.stderr)
            await context.close()
    _emit({"event": "report", "t": time.monotonic(), "samples": samples, "quality": quality, "browser": True})
    reader = await _stdin_reader()
    await reader.readline()


def summarise_browser(cond: Condition, report: dict, window: tuple[float, float], link: tuple[dict, dict],
                      pubs: tuple[dict, dict]) -> dict:
    """The same figures from Chromium's own counters (getStats): audio samples received,
    frames decoded per second, freezes as Chromium counts them (freezeCount)."""
    start, end = window
    inside = [(t, s) for t, s in report["samples"] if start <= t <= end]
    if len(inside) < 2:
        return {"condition": cond.label + " (Chromium)", "audio_received": 0.0, "audio_longest_gap_ms": None,
                "speaker_video_fps": 0.0, "other_video_fps": 0.0, "freezes": None, "first_frame_s": None, "recovery_s": None}
    (t0, first), (t1, last) = inside[0], inside[-1]
    seconds = t1 - t0

    def get(sample: dict, pid: str, kind: str, key: str) -> float:
        return float(((sample.get("remote") or {}).get(pid) or {}).get(kind, {}).get(key) or 0)

    def heard(sample: dict, pid: str) -> float:  # samples that came from packets, not concealment
        return get(sample, pid, "audio", "totalSamplesReceived") - get(sample, pid, "audio", "concealedSamples")

    audio = sum(heard(last, f"p{i}") - heard(first, f"p{i}") for i in range(PUBLISHERS))
    fps = {f"p{i}": (get(last, f"p{i}", "video", "framesDecoded") - get(first, f"p{i}", "video", "framesDecoded")) / seconds
           for i in range(PUBLISHERS)}
    freezes = sum(int(get(last, f"p{i}", "video", "freezeCount") - get(first, f"p{i}", "video", "freezeCount"))
                  for i in range(PUBLISHERS))
    first_frame = next((t - report["started"] for t, s in report["samples"] if get(s, SPEAKER, "video", "framesDecoded") > 0), None)
    media_packets = pubs[1]["packets_sent"] - pubs[0]["packets_sent"]
    link_packets = link[1]["down"]["offered"] - link[0]["down"]["offered"]
    return {
        "condition": cond.label + " (Chromium)",
        "audio_received": round(min(1.0, audio / (48000 * seconds * PUBLISHERS)), 3),
        "audio_longest_gap_ms": None,  # Chromium conceals gaps; getStats has no per-gap figure
        "speaker_video_fps": round(fps[SPEAKER], 1),
        "other_video_fps": round(sum(v for k, v in fps.items() if k != SPEAKER) / (PUBLISHERS - 1), 1),
        "freezes": freezes,
        "first_frame_s": round(first_frame, 1) if first_frame is not None else None,  # 1 s resolution
        "recovery_s": None,
        "link_packets_per_media_packet": round(link_packets / media_packets, 2) if media_packets else None,
        "quality_notice": report.get("quality"),
        "window_s": round(seconds, 1),
    }


# --- the conductor (root namespace) ----------------------------------------------------------


class Child:
    """A process in a namespace, speaking JSON lines."""

    def __init__(self, proc: asyncio.subprocess.Process, name: str) -> None:
        self.proc, self.name = proc, name

    @classmethod
    async def start(cls, argv: list[str], name: str) -> "Child":
        env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
        proc = await asyncio.create_subprocess_exec(*argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=REPO,
                                                    env=env, limit=64 * 1024 * 1024)
        return cls(proc, name)

    async def event(self, name: str, timeout: float) -> dict:
        while True:
            line = await asyncio.wait_for(self.proc.stdout.readline(), timeout)
            if not line:
                raise RuntimeError(f"{self.name} ended before '{name}'")
            with contextlib.suppress(ValueError):
                event = json.loads(line)
                if event.get("event") == name:
                    return event

    async def ask(self, line: str, reply: str, timeout: float = 30) -> dict:
        self.proc.stdin.write(line.encode() + b"\n")
        await self.proc.stdin.drain()
        return await self.event(reply, timeout)

    async def stop(self, timeout: float = 20) -> None:
        if self.proc.returncode is None:
            with contextlib.suppress(Exception):
                self.proc.stdin.write(b"\n")
                self.proc.stdin.close()
            try:
                await asyncio.wait_for(self.proc.wait(), timeout)
            except asyncio.TimeoutError:
                self.proc.kill()
                await self.proc.wait()


def _gaps(times: list[float], start: float, end: float) -> list[float]:
    """Gaps between consecutive arrivals within [start, end], the window's edges included."""
    inside = [t for t in times if start <= t <= end]
    points = [start, *inside, end]
    return [b - a for a, b in zip(points, points[1:])]


def summarise(cond: Condition, report: dict, window: tuple[float, float], restored_at: Optional[float],
              link: tuple[dict, dict], pubs: tuple[dict, dict], server: dict, remote_name: str) -> dict:
    start, end = window
    seconds = end - start
    tracks = report["tracks"]
    audio_frames = 0
    audio_gap = 0.0
    fps: dict[str, float] = {}
    freezes, longest_freeze = 0, 0.0
    speaker_freezes, speaker_longest = 0, 0.0
    for i in range(PUBLISHERS):
        pid = f"p{i}"
        audio = tracks.get(f"{pid}/audio", {"arrivals": []})["arrivals"]
        audio_frames += sum(1 for t in audio if start <= t <= end)
        audio_gap = max(audio_gap, max(_gaps(audio, start, end)))
        video = tracks.get(f"{pid}/video", {"arrivals": []})["arrivals"]
        fps[pid] = sum(1 for t in video if start <= t <= end) / seconds
        gaps = _gaps(video, start, end)
        freezes += sum(1 for g in gaps if g > FREEZE_S)
        longest_freeze = max(longest_freeze, max(gaps))
        if pid == SPEAKER:
            speaker_freezes = sum(1 for g in gaps if g > FREEZE_S)
            speaker_longest = max(gaps)
    speaker = tracks.get(f"{SPEAKER}/video")
    first_frame = None
    if speaker and speaker["arrivals"]:
        first_frame = speaker["arrivals"][0] - speaker["offered_at"]
    recovery = None
    if restored_at is not None:
        firsts = []
        for key in (f"{SPEAKER}/audio", f"{SPEAKER}/video"):
            after = [t for t in tracks.get(key, {"arrivals": []})["arrivals"] if t >= restored_at]
            firsts.append(after[0] - restored_at if after else None)
        recovery = None if None in firsts else max(firsts)
    media_packets = pubs[1]["packets_sent"] - pubs[0]["packets_sent"]
    link_packets = link[1]["down"]["offered"] - link[0]["down"]["offered"]
    duration_min = (report["t"] - report["started"]) / 60
    up_audio = server["publications"].get(f"{remote_name}/audio", {}).get("frames", 0)
    up_video = server["publications"].get(f"{remote_name}/video", {}).get("frames", 0)
    sent = report["sent"]
    return {
        "condition": cond.label,
        "audio_received": round(min(1.0, audio_frames / (AUDIO_FPS * seconds * PUBLISHERS)), 3),
        "audio_longest_gap_ms": round(audio_gap * 1000),
        "speaker_video_fps": round(fps[SPEAKER], 1),
        "other_video_fps": round(sum(v for k, v in fps.items() if k != SPEAKER) / (PUBLISHERS - 1), 1),
        "freezes": freezes,
        "longest_freeze_s": round(longest_freeze, 1),
        "speaker_freezes": speaker_freezes,
        "speaker_longest_freeze_s": round(speaker_longest, 1),
        "first_frame_s": round(first_frame, 2) if first_frame is not None else None,
        "recovery_s": round(recovery, 2) if recovery is not None else None,
        "link_packets_per_media_packet": round(link_packets / media_packets, 2) if media_packets else None,
        "link_dropped": {k: link[1]["down"][k] - link[0]["down"][k] for k in ("dropped_queue", "dropped_loss", "dropped_outage")},
        "publisher_keyframes_per_min": round((pubs[1]["keyframes_sent"] - pubs[0]["keyframes_sent"]) / PUBLISHERS / duration_min, 1),
        "uplink_audio_received": round(up_audio / sent["audio"], 3) if sent.get("audio") else None,
        "uplink_video_received": round(up_video / sent["video"], 3) if sent.get("video") else None,
        "bridge_max_lateness_ms": round(max(link[1][d]["max_lateness_ms"] for d in ("down", "up")), 1),
        "window_s": round(seconds, 1),
        "publishers_connected": pubs[1]["pc_states"].count("connected"),
        "server_link": server.get("links", {}).get(remote_name),
        "receiver": {key: {k: v for k, v in t.get("receiver", {}).items()
                           if k in ("keyframes", "upstream_losses", "dropped_waiting_keyframe", "plis_sent", "late_frames") and v}
                     for key, t in tracks.items()},
    }


async def run_condition(index: int, cond: Condition, link: Any, port: int, server: Child, pubs: Child,
                        args: argparse.Namespace) -> dict:
    link.shape("down", **cond.down)
    link.shape("up", **cond.up)
    name = f"remote{index}"
    pre_outage = args.before_outage
    total = args.settle + args.seconds if not cond.outage_s else pre_outage + cond.outage_s + args.after_outage
    link0, pubs0 = link.stats(), await pubs.ask("stats", "stats")
    role = "browser" if args.remote == "chromium" else "remote"
    remote = await Child.start(link.netns_exec("far", [sys.executable, str(Path(__file__).resolve()), "--role", role,
                                                      "--url", f"ws://{NEAR_ADDRESS}:{port}/ws/{name}", "--name", name,
                                                      "--seconds", str(total)]), name)
    try:
        started = (await remote.event("started", 60))["t"]
        restored_at = None
        if cond.outage_s:
            await asyncio.sleep(max(0.0, started + pre_outage - time.monotonic()))
            link.outage(True, udp_only=True)
            await asyncio.sleep(cond.outage_s)
            link.outage(False)
            restored_at = time.monotonic()
        report = await remote.event("report", total + 120)
        report["started"] = started
        server_stats = await server.ask("stats", "stats")
        link1, pubs1 = link.stats(), await pubs.ask("stats", "stats")
        if any(state != "connected" for state in pubs1["pc_states"]):
            print(f"warning: publishers' connections at the end: {pubs1['pc_states']}", file=sys.stderr, flush=True)
    finally:
        with contextlib.suppress(Exception):
            remote.proc.stdin.write(b"stop\n")
        await remote.stop(30)
        link.outage(False)
    window = (restored_at, report["t"]) if restored_at is not None else (started + args.settle, report["t"])
    if report.get("browser"):
        return summarise_browser(cond, report, window, (link0, link1), (pubs0, pubs1))
    return summarise(cond, report, window, restored_at, (link0, link1), (pubs0, pubs1), server_stats, name)


async def conduct(args: argparse.Namespace) -> list[dict]:
    from courtroom.sim.linkemu import EmulatedLink

    wanted = [c for c in CONDITIONS if not args.conditions or c.name in args.conditions.split(",")]
    wanted = [dataclasses.replace(c, outage_s=args.outage, label=f"{args.outage:.0f} s UDP outage") if c.outage_s else c
              for c in wanted]
    results: list[dict] = []
    me = str(Path(__file__).resolve())
    with tempfile.TemporaryDirectory(prefix="courtroom-netbench-") as tmp, EmulatedLink() as link:
        for i, cond in enumerate(wanted):
            # A fresh server and publishers for each condition: what one condition breaks
            # (the "before" code lost its publishers under the 1 Mbit/s link) stays there.
            children: list[Child] = []
            recordings = Path(tmp) / cond.name
            recordings.mkdir()
            try:
                link.unshape()
                server = await Child.start(link.netns_exec("near", [sys.executable, me, "--role", "server",
                                                                    *(["--baseline"] if args.baseline else []),
                                                                    "--recordings", str(recordings)]), "server")
                children.append(server)
                port = (await server.event("ready", 120))["port"]
                pubs = await Child.start(link.netns_exec("near", [sys.executable, me, "--role", "publishers",
                                                                  *([] if args.layers else ["--no-layers"]),
                                                                  "--recordings", tmp,  # the encoded video's cache
                                                                  "--url", f"ws://127.0.0.1:{port}/ws/{{participant}}"]), "publishers")
                children.append(pubs)
                await pubs.event("published", 300)
                print(f"running {cond.label} ...", file=sys.stderr, flush=True)
                results.append(await run_condition(i, cond, link, port, server, pubs, args))
                print(json.dumps(results[-1]), file=sys.stderr, flush=True)
            finally:
                for child in reversed(children):
                    await child.stop()
    return results


def print_table(results: list[dict], label: str) -> None:
    header = ["condition", "audio", "gap ms", "speaker fps", "others fps", "freezes (longest s)", "speaker's", "first frame s",
              "recovery s", "link pkts/media pkt", "keyframes/min", "uplink a/v"]
    rows = []
    for r in results:
        up = f"{r.get('uplink_audio_received')}/{r.get('uplink_video_received')}"
        rows.append([r["condition"], f"{r['audio_received']:.1%}", r["audio_longest_gap_ms"], r["speaker_video_fps"],
                     r["other_video_fps"], f"{r['freezes']} ({r.get('longest_freeze_s')})",
                     f"{r.get('speaker_freezes')} ({r.get('speaker_longest_freeze_s')})", r["first_frame_s"], r["recovery_s"],
                     r.get("link_packets_per_media_packet"), r.get("publisher_keyframes_per_min"), up])
    print(f"\n{label}: {PUBLISHERS} publishers 640x360 VP8 ~1 Mbps 30 fps + Opus; remote party behind the emulated link")
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    for row in [header, ["-" * w for w in widths], *rows]:
        print("  ".join(str(x).ljust(w) for x, w in zip(row, widths)))


def _emit(event: dict) -> None:
    print(json.dumps(event), flush=True)


async def _stdin_reader() -> asyncio.StreamReader:
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader(limit=1 << 20)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    return reader


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=45.0, help="measured window per condition")
    parser.add_argument("--settle", type=float, default=3.0, help="seconds after the remote party starts before the window")
    parser.add_argument("--after-outage", type=float, default=24.0, help="seconds watched after the outage")
    parser.add_argument("--before-outage", type=float, default=15.0, help="seconds of media before the outage")
    parser.add_argument("--outage", type=float, default=36.0, help="length of the UDP outage (s)")
    parser.add_argument("--conditions", default="", help="comma-separated subset: " + ",".join(c.name for c in CONDITIONS))
    parser.add_argument("--no-layers", dest="layers", action="store_false",
                        help="publishers send VP8 without temporal layers (as a browser that cannot)")
    parser.add_argument("--label", default="current code", help="what is measured (e.g. before / after)")
    parser.add_argument("--json", action="store_true", help="print one JSON object per condition too")
    parser.add_argument("--compare", action="store_true",
                        help="before and after in one run: each condition first with per-subscriber adaptation off "
                             "(the forwarding before issue 12), then with the current code")
    parser.add_argument("--baseline", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--remote", choices=["aiortc", "chromium"], default="aiortc",
                        help="the remote party: the simulated aiortc client, or headless Chromium with rtc.js")
    parser.add_argument("--role", choices=["conductor", "server", "publishers", "remote", "browser"], default="conductor",
                        help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--name", help=argparse.SUPPRESS)
    parser.add_argument("--recordings", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    import logging

    logging.basicConfig(level=logging.ERROR)
    if args.role == "server":
        asyncio.run(run_server(args))
    elif args.role == "publishers":
        asyncio.run(run_publishers(args))
    elif args.role == "remote":
        asyncio.run(run_remote(args))
    elif args.role == "browser":
        asyncio.run(run_browser_remote(args))
    else:
        if os.geteuid() != 0:
            print("benchmarks/network.py needs root (network namespaces)", file=sys.stderr)
            return 2
        if args.compare:
            # Before and after in one run: the same conditions with per-subscriber adaptation
            # off (every subscriber gets every stream, resends unbudgeted, no pacer, no
            # allocation: the forwarding before issue 12), then as the server runs now.
            runs = []
            for baseline, label in ((True, "before (per-subscriber adaptation off)"), (False, "after (current code)")):
                args.baseline = baseline
                runs.append((label, asyncio.run(conduct(args))))
            for label, results in runs:
                print_table(results, label)
            if args.json:
                for label, results in runs:
                    for r in results:
                        print(json.dumps({**r, "code": label.split(" ")[0]}))
            return 0
        results = asyncio.run(conduct(args))
        print_table(results, args.label)
        if args.json:
            for r in results:
                print(json.dumps(r))
    return 0


if __name__ == "__main__":
    sys.exit(main())
