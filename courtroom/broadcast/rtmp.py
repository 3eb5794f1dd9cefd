"""RTMP push of the published broadcast to an ingest server (FLV over RTMP), with
automatic reconnection and a visible status.

Only published segments are pushed, in order, so the ingest gets exactly what the HLS
viewers get: the delay and every cut apply. The push runs in a child process
(`python -m courtroom.broadcast.rtmp`) that remuxes the segments' packets into FLV with PyAV's
built-in rtmp protocol and paces them in real time. A child because a write to an
ingest that stops answering (without closing the connection) blocks inside FFmpeg, and
PyAV 18 neither passes rw_timeout to an output's protocol nor interrupts output I/O: a
stuck child can be killed, a stuck thread cannot. Opening an rtmp output succeeds even
when nobody listens; the error shows at the first packet, which is where the child
reports "connected" or fails.

Parent -> child (stdin): records `>BBqI` (kind 0 video / 1 audio / 2 segment end,
keyframe, pts, length) followed by `length` bytes. Child -> parent (stdout): one JSON
object a line: {"event": "connected"}, {"event": "sent", "seq": n}, {"event": "error",
"message": ...}. The child exits on the first error; the parent starts a new one after
a back-off, beginning with the oldest segment it still holds (each starts with an IDR).
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import fractions
import json
import logging
import struct
import sys
import time
from collections.abc import Callable
from typing import Any, Optional
from urllib.parse import urlsplit

from courtroom.broadcast.encoder import AUDIO_RATE, AUDIO_TIME_BASE, VIDEO_CLOCK, VIDEO_TIME_BASE, EncodedPacket, EncoderSettings

logger = logging.getLogger(__name__)

RECORD = struct.Struct(">BBqI")
KIND_VIDEO, KIND_AUDIO, KIND_SEGMENT_END = 0, 1, 2
# Segments kept while the ingest is away (about 12 s): a reconnect resumes with these.
BACKLOG_SEGMENTS = 6
BACKOFF_S = (1.0, 2.0, 4.0, 8.0, 10.0)
# A child with segments in hand that reports nothing for this long is stuck: killed.
STALL_S = 15.0


def redact(url: str) -> str:
    """The URL without its stream key (the last path component) or credentials."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "rtmp://?"
    path = parts.path.rsplit("/", 1)[0] + "/***" if parts.path.count("/") >= 2 else parts.path
    return f"{parts.scheme}://{parts.hostname or ''}{':' + str(parts.port) if parts.port else ''}{path}"


class RtmpPusher:
    """Pushes segments (lists of encoded packets) to `url`; see the module docstring."""

    def __init__(self, url: str, encoder: EncoderSettings,
                 on_change: Optional[Callable[[str, Optional[str]], None]] = None) -> None:
        if not url.startswith(("rtmp://", "rtmps://")):
            raise ValueError("the ingest URL must be rtmp:// or rtmps://")
        self.url = url
        self.encoder = encoder
        self._on_change = on_change
        self._backlog: collections.deque[tuple[int, list[EncodedPacket]]] = collections.deque(maxlen=BACKLOG_SEGMENTS)
        self._wakeup = asyncio.Event()
        self._task: Optional[asyncio.Task] = None
        self._closing = False
        self._child: Optional[asyncio.subprocess.Process] = None
        self.state = "idle"  # idle | connecting | live | retrying | stopped
        self.last_error: Optional[str] = None
        self.connections = 0
        self.failures = 0
        self.segments_sent = 0
        self.connected_since: Optional[float] = None
        self.last_sent_seq: Optional[int] = None

    # --- public ------------------------------------------------------------------------

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run(), name="rtmp-push")

    def push(self, seq: int, packets: list[EncodedPacket]) -> None:
        """A published segment's packets (video and audio, any order)."""
        self._backlog.append((seq, packets))
        self._wakeup.set()

    async def close(self) -> None:
        self._closing = True
        self._wakeup.set()
        await self._kill()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task
        self._set_state("stopped")

    def status(self) -> dict[str, Any]:
        return {"url": redact(self.url), "state": self.state, "last_error": self.last_error,
                "connections": self.connections, "reconnects": max(0, self.connections - 1),
                "failures": self.failures, "segments_sent": self.segments_sent,
                "connected_since": self.connected_since, "backlog": len(self._backlog)}

    # --- the child's life ----------------------------------------------------------------

    def _set_state(self, state: str, error: Optional[str] = None) -> None:
        changed = state != self.state
        self.state = state
        if error:
            self.last_error = error[:300]
        if changed and self._on_change is not None:
            try:
                self._on_change(state, error)
            except Exception:
                logger.exception("rtmp status listener failed")

    async def _run(self) -> None:
        attempt = 0
        while not self._closing:
            while not self._backlog and not self._closing:
                self._wakeup.clear()
                await self._wakeup.wait()
            if self._closing:
                return
            self._set_state("connecting")
            started = time.monotonic()
            error = await self._one_connection()
            if self._closing:
                return
            self.failures += 1
            if time.monotonic() - started > 30:
                attempt = 0  # it was up for a while: retry soon
            delay = BACKOFF_S[min(attempt, len(BACKOFF_S) - 1)]
            attempt += 1
            self.connected_since = None
            self._set_state("retrying", error)
            await asyncio.sleep(delay)

    async def _one_connection(self) -> str:
        s = self.encoder
        self._child = child = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "courtroom.broadcast.rtmp", "--url", self.url, "--width", str(s.width),
            "--height", str(s.height), "--fps", str(s.fps), "--audio-bitrate", str(s.audio_bitrate),
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL)
        state: dict[str, Any] = {"error": None, "progress": time.monotonic(), "unacked": 0}
        stdin = child.stdin
        assert stdin is not None  # started with stdin=PIPE
        reader = asyncio.get_running_loop().create_task(self._read_events(child, state))
        try:
            while child.returncode is None and not self._closing:
                if not self._backlog:
                    self._wakeup.clear()
                    try:
                        await asyncio.wait_for(self._wakeup.wait(), 1.0)
                    except asyncio.TimeoutError:
                        pass
                    if state["unacked"] and time.monotonic() - state["progress"] > STALL_S:
                        state["error"] = "ingest stalled (no progress)"
                        break
                    continue
                seq, packets = self._backlog[0]
                try:
                    stdin.write(_encode_segment(seq, packets))
                    await asyncio.wait_for(stdin.drain(), STALL_S)
                except (ConnectionError, asyncio.TimeoutError) as exc:
                    state["error"] = state["error"] or ("ingest stalled" if isinstance(exc, asyncio.TimeoutError)
                                                        else "push process ended")
                    break
                # Written to the child: it is the child's now (it sends in order).
                if self._backlog and self._backlog[0][0] == seq:
                    self._backlog.popleft()
                state["unacked"] += 1
                state["progress"] = time.monotonic()
        finally:
            await self._kill()
            reader.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await reader
        return state["error"] or "push process ended"

    async def _read_events(self, child: asyncio.subprocess.Process, state: dict) -> None:
        assert child.stdout is not None
        while True:
            line = await child.stdout.readline()
            if not line:
                return
            try:
                event = json.loads(line)
            except ValueError:
                continue
            state["progress"] = time.monotonic()
            kind = event.get("event")
            if kind == "connected":
                self.connections += 1
                self.connected_since = time.time()
                self._set_state("live")
            elif kind == "sent":
                self.segments_sent += 1
                self.last_sent_seq = event.get("seq")
                state["unacked"] = max(0, state["unacked"] - 1)
            elif kind == "error":
                state["error"] = str(event.get("message"))[:300]

    async def _kill(self) -> None:
        child, self._child = self._child, None
        if child is None:
            return
        if child.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                child.kill()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(child.wait(), 5)


def _encode_segment(seq: int, packets: list[EncodedPacket]) -> bytes:
    ordered = sorted(packets, key=lambda p: (p.time, p.kind != "video"))
    chunks = []
    for p in ordered:
        chunks.append(RECORD.pack(KIND_VIDEO if p.kind == "video" else KIND_AUDIO, p.keyframe, p.pts, len(p.data)))
        chunks.append(p.data)
    chunks.append(RECORD.pack(KIND_SEGMENT_END, 0, seq, 0))
    return b"".join(chunks)


# --- the child process -------------------------------------------------------------------

def _emit(event: dict) -> None:
    sys.stdout.write(json.dumps(event) + "\n")
    sys.stdout.flush()


def _push(args: argparse.Namespace) -> None:
    import av

    stdin = sys.stdin.buffer
    out = av.open(args.url, "w", format="flv", options={"flvflags": "no_duration_filesize"})
    video = out.add_mux_stream("h264", rate=args.fps, width=args.width, height=args.height)
    # An encoder context gives the AAC stream its AudioSpecificConfig (FLV needs it in the header).
    audio = out.add_stream("aac", rate=AUDIO_RATE)
    audio.codec_context.layout = "mono"
    audio.codec_context.bit_rate = args.audio_bitrate
    video.time_base = audio.time_base = fractions.Fraction(1, 1000)
    origin: Optional[float] = None  # media time of the first packet: this connection starts at 0
    wall0 = 0.0
    connected = False
    while True:
        header = stdin.read(RECORD.size)
        if len(header) < RECORD.size:
            break
        kind, keyframe, pts, length = RECORD.unpack(header)
        data = stdin.read(length) if length else b""
        if kind == KIND_SEGMENT_END:
            _emit({"event": "sent", "seq": pts})
            continue
        t = pts / (VIDEO_CLOCK if kind == KIND_VIDEO else AUDIO_RATE)
        if origin is None:
            origin, wall0 = t, time.monotonic()
        # Real-time pacing: the ingest expects a live stream, not 2 s bursts.
        delay = wall0 + (t - origin) - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        packet = av.Packet(data)
        rebased = pts - round(origin * (VIDEO_CLOCK if kind == KIND_VIDEO else AUDIO_RATE))
        packet.pts = packet.dts = max(0, rebased)
        if kind == KIND_VIDEO:
            packet.time_base, packet.stream, packet.is_keyframe = VIDEO_TIME_BASE, video, bool(keyframe)
        else:
            packet.time_base, packet.stream = AUDIO_TIME_BASE, audio
        out.mux(packet)
        if not connected and kind == KIND_VIDEO:
            connected = True
            _emit({"event": "connected"})
    out.close()


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="push broadcast segments read from stdin to an RTMP ingest")
    parser.add_argument("--url", required=True)
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=720)
    parser.add_argument("--fps", type=int, default=25)
    parser.add_argument("--audio-bitrate", type=int, default=64000)
    args = parser.parse_args(argv)
    try:
        _push(args)
    except Exception as exc:
        _emit({"event": "error", "message": f"{exc.__class__.__name__}: {exc}"})
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
