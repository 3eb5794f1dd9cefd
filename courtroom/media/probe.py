"""Probing a recording: how long it plays, and whether (and why) it is damaged.

A file the writer never closed reads to its last complete frame and is reported as
damaged ("not finalized") while still counting what plays. Damaged files are kept,
never deleted or rewritten.
"""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path
from typing import Any, Optional

import av

from courtroom.media.matroska import structure, structure_of

# --- probing -------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class RecordingProbe:
    duration_s: float
    packets: int
    ok: bool  # playable: a readable header and at least one frame
    damaged_reason: Optional[str]  # None when the file is complete and reads to the end
    finalized: bool = False  # closed cleanly by the writer
    decode_errors: int = 0
    kind: str = ""
    codec: str = ""


def probe_recording(path: Path | str, decode: bool = False, *, key: Optional[bytes] = None,
                    file_id: Optional[str] = None) -> RecordingProbe:
    """Check a recording: how much of it plays, and whether it was closed cleanly.

    Used at restart on segments that were open when the server stopped: they are kept
    and flagged, never dropped. `decode=True` also decodes every frame (slower) and
    counts decoder errors. A sealed recording (closed session) needs the case `key`
    (and its `file_id`, signing.seal.recording_file_id, to check it is that file)."""
    from signing.seal import SealedError, SealedReader, is_sealed_file

    path = Path(path)
    if not path.exists():
        return RecordingProbe(0.0, 0, False, "file missing")
    if path.stat().st_size == 0:
        return RecordingProbe(0.0, 0, False, "empty file")
    if is_sealed_file(path):
        if key is None:
            return RecordingProbe(0.0, 0, False, "sealed recording: the case key is needed to read it")
        try:
            reader = SealedReader(path, key, file_id)
        except SealedError as exc:
            return RecordingProbe(0.0, 0, False, f"unreadable: {exc}")
        with reader:
            finalized, problem = structure_of(reader.pread(0, 4096), reader.size)
            if finalized and not reader.complete:
                finalized, problem = False, "not finalized: the sealed file has no END record"
            if reader.truncated_bytes and problem is None:
                problem = f"a partial last record ({reader.truncated_bytes} bytes) was ignored"
            return _probe_container(io.BufferedReader(reader, 1 << 16), decode, finalized, problem)
    finalized, problem = structure(path)
    return _probe_container(str(path), decode, finalized, problem)


def _probe_container(source: Any, decode: bool, finalized: bool, problem: Optional[str]) -> RecordingProbe:
    packets = 0
    decode_errors = 0
    first: float | None = None
    last_end: float | None = None
    kind = codec = ""
    read_error = None
    try:
        with av.open(source) as container:
            stream = container.streams[0]
            kind, codec = stream.type, stream.codec_context.name
            tb = float(stream.time_base)
            decoder = av.CodecContext.create(stream.codec_context.name, "r") if decode else None
            try:
                for packet in container.demux(stream):
                    if packet.size == 0 or packet.pts is None:
                        continue
                    packets += 1
                    start = packet.pts * tb
                    end = start + (packet.duration or 0) * tb
                    first = start if first is None else min(first, start)
                    last_end = end if last_end is None else max(last_end, end)
                    if decoder is not None:
                        try:
                            decoder.decode(packet)
                        except av.FFmpegError:
                            decode_errors += 1
            except (av.FFmpegError, OSError, ValueError) as exc:  # SealedError is a ValueError
                read_error = f"read error after {packets} frames: {exc}"
    except (av.FFmpegError, OSError, ValueError, IndexError) as exc:
        return RecordingProbe(0.0, 0, False, f"unreadable: {exc}", finalized=finalized)
    duration = (last_end - first) if packets and first is not None and last_end is not None else 0.0
    reason = problem or read_error
    if reason is None and not finalized:
        reason = "not finalized: the writer stopped before closing the file (crash or kill)"
    if reason is None and decode_errors:
        reason = f"{decode_errors} frames failed to decode"
    if packets == 0 and reason is None:
        reason = "no frames"
    return RecordingProbe(
        duration_s=duration,
        packets=packets,
        ok=packets > 0,
        damaged_reason=reason,
        finalized=finalized,
        decode_errors=decode_errors,
        kind=kind,
        codec=codec,
    )
