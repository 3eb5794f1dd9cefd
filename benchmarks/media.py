"""Media server benchmark: N simulated participants at 1280x720 VP8 + Opus.

Compares, in one run,
  (a) forward: this project's path - encoded frames tapped before aiortc's decoder,
      forwarded as packets (no transcoding), every track recorded as it arrives (WebM
      passthrough), Opus decoded to 16 kHz for speech recognition;
  (b) relay:   aiortc's stock path - every track decoded, fanned out with MediaRelay
      (one encoder per subscriber), recorded with MediaRecorder (decode + libx264/AAC).

The server (uvicorn + the media room, same signaling as production) runs in this
process; the simulated participants run in separate processes (`python -m
courtroom.sim.simclient`), so their CPU is not counted as the server's. They replay a test
pattern encoded ONCE at the start (libvpx realtime, a keyframe every 2 s, luma noise so
the stream costs about the bitrate of a real camera) and pre-encoded speech; a keyframe
request makes the replay jump to the next keyframe. Subscribers count frames from the
clear-text RTP headers of the SRTP packets and drop them (receive="headers" in
courtroom/simclient.py): processing 56 streams of 720p in Python, let alone decoding
them, would take more CPU than the machine has. The tests decode what they receive.

Prints, per mode: server CPU seconds per media second (total, and per track), frames
the server forwarded vs received (its own count: did it keep up), frames received vs
sent at the subscribers (over the measured window; lags in the client processes move
frames across the window's edges, so read it as +-10%), join time (subscribe offer to
first video frame), event-loop lag, and recording totals. Process CPU time does not
include the kernel's softirq work for loopback delivery.

    python benchmarks/media.py                       # 8 participants, 30 s, both modes
    python benchmarks/media.py --participants 3 --seconds 8   # a quick run
    python benchmarks/media.py --modes forward --json
Target: an 8-party 720p hearing, all tracks forwarded and recorded, under one core
(server CPU-s per media second < 1.0) on a 2-core machine.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Optional

import uvicorn
from aiortc.contrib.media import MediaRecorder, MediaRelay
from starlette.applications import Starlette
from starlette.routing import WebSocketRoute
from starlette.websockets import WebSocket

from courtroom.media import ice
from courtroom.media.clock import HearingClock
from courtroom.media.forwarding import Publication
from courtroom.media.mediaroom import MediaRoom
from courtroom.media.probe import probe_recording
from courtroom.media.signaling import SignalingSession

REPO = Path(__file__).resolve().parents[1]


class StockRelayRoom(MediaRoom):
    """aiortc's stock path behind the same signaling: decode, MediaRelay, MediaRecorder."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, recording=False, speech_feed=False, **kwargs)
        # buffered=False: a slow subscriber gets the latest frame instead of an unbounded queue
        self.relay = MediaRelay()
        self.remote: dict[Publication, object] = {}
        self.recorders: list[MediaRecorder] = []

    def _bind_source(self, publication, transceiver) -> None:
        publication.bind(None)  # announced, but fed by aiortc's decoder instead of the tap
        track = transceiver.receiver.track
        self.remote[publication] = track
        self.recordings_dir.mkdir(parents=True, exist_ok=True)
        recorder = MediaRecorder(str(self.recordings_dir / f"{publication.participant_id}.{publication.kind}.mkv"))
        recorder.addTrack(self.relay.subscribe(track, buffered=False))
        self.recorders.append(recorder)
        self._spawn(recorder.start())

    def _subscriber_track(self, publication):
        return self.relay.subscribe(self.remote[publication], buffered=False)

    async def close(self) -> None:
        await super().close()
        for recorder in self.recorders:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(recorder.stop(), 10)


def build_app(room: MediaRoom) -> Starlette:
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

    return Starlette(routes=[WebSocketRoute("/ws/{participant}", ws)])


class _QuietServer(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self):
        yield


async def run_mode(mode: str, args: argparse.Namespace, workdir: Path) -> dict:
    recordings = workdir / mode
    room_cls = MediaRoom if mode == "forward" else StockRelayRoom
    room = room_cls(f"bench-{mode}", recordings, HearingClock.open())
    server = _QuietServer(uvicorn.Config(build_app(room), host="127.0.0.1", port=0, log_level="warning", lifespan="off"))
    serve = asyncio.ensure_future(server.serve())
    while not server.started:
        await asyncio.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]

    # clients: split over processes so one Python process is not their bottleneck
    procs = []
    per = [args.participants // args.client_procs + (i < args.participants % args.client_procs) for i in range(args.client_procs)]
    offset = 0
    for n in per:
        if n == 0:
            continue
        cmd = [
            sys.executable, "-m", "courtroom.sim.simclient", "--url", f"ws://127.0.0.1:{port}/ws/{{participant}}",
            "--participants", str(n), "--offset", str(offset), "--seconds", str(args.seconds), "--settle", str(args.settle),
            "--width", str(args.width), "--height", str(args.height), "--fps", str(args.fps), "--bitrate", str(args.bitrate), "--replay",
            "--expect", str(args.participants),
        ]
        if args.client_cpus:
            cmd = ["taskset", "-c", args.client_cpus, *cmd]
        procs.append(await asyncio.create_subprocess_exec(*cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=REPO))
        offset += n

    async def read_event(proc, name: str, timeout: float) -> dict:
        while True:
            line = await asyncio.wait_for(proc.stdout.readline(), timeout)
            if not line:
                raise RuntimeError(f"client process ended before '{name}'")
            event = json.loads(line)
            if event.get("event") == name:
                return event

    def tell(line: str) -> None:
        for p in procs:
            p.stdin.write(line.encode() + b"\n")

    # every swarm published -> "go"; then each waits until its participants receive everyone
    await asyncio.gather(*(read_event(p, "published", 240) for p in procs))
    tell("go")
    joins = await asyncio.gather(*(read_event(p, "joined", 120) for p in procs))
    await asyncio.sleep(args.settle)
    served0 = _server_counts(room)
    cpu0, t0 = time.process_time(), time.monotonic()
    lag = _LoopLag()
    lag_task = asyncio.ensure_future(lag.run())
    await asyncio.sleep(args.seconds)
    cpu = time.process_time() - cpu0
    window = time.monotonic() - t0
    lag_task.cancel()
    served1 = _server_counts(room)
    states = _connection_states(room)
    stats = room.stats()
    reports = await asyncio.gather(*(read_event(p, "report", 120 + args.seconds) for p in procs))
    tell("stop")
    for p in procs:
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(p.wait(), 30)
        if p.returncode is None:
            p.kill()
    await room.close()
    server.should_exit = True
    with contextlib.suppress(Exception):
        await asyncio.wait_for(serve, 10)

    # subscribers' counts over the measured window
    sent = {"audio": 0, "video": 0}
    received = {"audio": 0, "video": 0}
    client_cpu = 0.0
    join_times = []
    for r in reports:
        first, second = r["counts"]
        for kind in sent:
            sent[kind] += second["sent"][kind] - first["sent"][kind]
            received[kind] += second["received"][kind] - first["received"][kind]
        client_cpu += r["client_cpu_s"]
        for p in r["participants"]:
            join_times += [s["join_time_s"] for s in p["received"].values() if s["join_time_s"] is not None]
    n = args.participants
    expected = {k: v * (n - 1) for k, v in sent.items()}  # every frame sent should reach n-1 subscribers
    in_window = served1["received"] - served0["received"]
    out_window = served1["forwarded"] - served0["forwarded"]
    tracks = 2 * n

    recorded = None
    if mode == "forward":
        probes = [probe_recording(f) for f in sorted(recordings.glob("*.webm"))]
        recorded = {
            "files": len(probes),
            "media_s": round(sum(p.duration_s for p in probes), 1),
            "longest_s": round(max((p.duration_s for p in probes), default=0), 1),
            "damaged": sum(1 for p in probes if p.damaged_reason),
        }
    return {
        "mode": mode,
        "participants": n,
        "window_s": round(window, 2),
        "server_cpu_per_media_s": round(cpu / window, 3),
        "server_cpu_per_track_per_media_s": round(cpu / window / tracks, 4),
        "client_cpu_per_media_s": round(client_cpu / window, 3),
        "server_forwarded_vs_received": round(out_window / (in_window * (n - 1)), 3) if mode == "forward" and in_window else None,
        "connections": states,
        "video_received_vs_sent": round(received["video"] / expected["video"], 3) if expected["video"] else None,
        "audio_received_vs_sent": round(received["audio"] / expected["audio"], 3) if expected["audio"] else None,
        "video_fps_per_subscription": round(received["video"] / window / max(1, n * (n - 1)), 1),
        "join_time_s": {
            "median": round(statistics.median(join_times), 3) if join_times else None,
            "max": round(max(join_times), 3) if join_times else None,
            "subscriptions": len(join_times),
        },
        "joined_after_s": round(max(j["after_s"] for j in joins), 1),
        "loop_lag_ms_max": round(lag.max_ms, 1),
        "recorded": recorded,
        "forwarded_keyframes": sum(v.get("keyframes", 0) for v in stats["publications"].values()),
    }


def _server_counts(room: MediaRoom) -> dict:
    """Frames the server received (all publications) and forwarded (all subscriber tracks)."""
    received = sum(p.stats.frames for p in room.publications())
    forwarded = sum(
        getattr(t, "frames_forwarded", 0)
        for part in room._participants.values()
        for sub in part.subscriptions.values()
        for t in sub.tracks
    )
    return {"received": received, "forwarded": forwarded}


def _connection_states(room: MediaRoom) -> dict:
    states: dict[str, int] = {}
    for part in room._participants.values():
        pcs = [part.publish_pc] + [s.pc for s in part.subscriptions.values()]
        for pc in pcs:
            if pc is not None:
                states[pc.connectionState] = states.get(pc.connectionState, 0) + 1
    return states


class _LoopLag:
    """How late a 50 ms timer fires: the event loop's responsiveness under load."""

    def __init__(self) -> None:
        self.max_ms = 0.0

    async def run(self) -> None:
        while True:
            t = time.monotonic()
            await asyncio.sleep(0.05)
            self.max_ms = max(self.max_ms, (time.monotonic() - t - 0.05) * 1000)


def print_table(results: list[dict], args: argparse.Namespace) -> None:
    pinned = f"; server pinned to CPU {args.server_cpu}, clients on {args.client_cpus}" if args.server_cpu is not None else ""
    print(f"\n{args.participants} participants, {args.width}x{args.height}@{args.fps} VP8 ~{args.bitrate/1e6:.1f} Mbps + Opus, "
          f"{args.seconds:.0f} s window (clients in {args.client_procs} separate processes{pinned}; {os.cpu_count()} CPUs)")
    header = ["mode", "server CPU-s/s", "per track", "fwd/in (server)", "video recv/sent", "audio recv/sent", "fps/sub", "join median/max s", "loop lag ms", "recorded"]
    rows = []
    for r in results:
        rec = r["recorded"]
        rows.append([
            r["mode"], f"{r['server_cpu_per_media_s']:.3f}", f"{r['server_cpu_per_track_per_media_s']:.4f}", f"{r['server_forwarded_vs_received']}",
            f"{r['video_received_vs_sent']}", f"{r['audio_received_vs_sent']}", f"{r['video_fps_per_subscription']}",
            f"{r['join_time_s']['median']}/{r['join_time_s']['max']}", f"{r['loop_lag_ms_max']}",
            f"{rec['files']} files, {rec['media_s']} s, {rec['damaged']} damaged" if rec else "MediaRecorder (mkv)",
        ])
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    for row in [header, ["-" * w for w in widths], *rows]:
        print("  ".join(str(x).ljust(w) for x, w in zip(row, widths)))
    print()
    for r in results:
        # The server kept up if it forwarded every frame it received to every subscriber
        # (forward mode counts this itself); otherwise judge by what the subscribers got.
        ratio = r["server_forwarded_vs_received"]
        if ratio is None:
            ratio = min(r["video_received_vs_sent"] or 0, r["audio_received_vs_sent"] or 0)
        kept_up = ratio >= 0.95
        verdict = "meets" if r["server_cpu_per_media_s"] < 1.0 and kept_up else "MISSES"
        why = "" if kept_up else f" (only {ratio:.0%} of the frames got through)"
        print(f"target ({r['participants']}-party {args.width}x{args.height}, all tracks forwarded and recorded, under one core): "
              f"{r['mode']} {verdict} it at {r['server_cpu_per_media_s']:.2f} CPU-s per media second{why}")


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30.0, help="measured window per mode")
    parser.add_argument("--settle", type=float, default=3.0, help="seconds after everyone joined before measuring")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=720)
    parser.add_argument("--fps", type=int, default=30)
    parser.add_argument("--bitrate", type=int, default=1_500_000)
    parser.add_argument("--modes", default="forward,relay", help="comma-separated: forward, relay")
    parser.add_argument("--client-procs", type=int, default=2, help="processes for the simulated participants")
    parser.add_argument("--server-cpu", type=int, default=None, help="pin the server to this CPU (a clean one-core measurement)")
    parser.add_argument("--client-cpus", default=None, help="taskset CPU list for the clients, e.g. 1-7")
    parser.add_argument("--json", action="store_true", help="print the results as JSON too")
    args = parser.parse_args(argv)
    if args.server_cpu is not None:
        os.sched_setaffinity(0, {args.server_cpu})
    ice.configure_host_addresses(["127.0.0.1"])
    results = []
    with tempfile.TemporaryDirectory(prefix="courtroom-bench-") as tmp:
        for mode in args.modes.split(","):
            print(f"running {mode} ...", file=sys.stderr, flush=True)
            results.append(asyncio.run(run_mode(mode.strip(), args, Path(tmp))))
    print_table(results, args)
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
