"""Recording each published track, crash-safe, as a run of WebM segments.

A recording of one track is cut into segments: a pause closes the segment, a resume
opens the next, and so does a publisher reconnecting; each segment records where it
starts on the hearing clock, so gaps show in the segment timeline. Each segment is
written by courtroom.media.matroska.MatroskaWriter, every frame reaching the kernel as
it arrives; `sync_to_disk` makes it durable once a second.

Closed sessions (deliberation, committee) record the same bytes through an encryptor
(signing.seal.RecordingEncryptor): each write becomes one sealed record the moment it
is made, and each in-place patch a sealed patch record, into
`<participant>.<kind>.<index>.webm.enc`. Decrypted, such a file is byte for byte what
the writer would have left in a plain file, crash included.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Optional, Protocol

if TYPE_CHECKING:
    from signing.seal import RecordingEncryptor

from courtroom.media.matroska import MatroskaWriter, TrackFormat, opus_channels, vp8_keyframe_size

logger = logging.getLogger(__name__)


# --- segments ------------------------------------------------------------------------------


@dataclasses.dataclass
class RecordingSegment:
    """One continuous recording of one participant's one track."""

    participant_id: str
    kind: str  # "audio" | "video"
    index: int  # per (participant, kind), counting up across pauses, reconnects and restarts
    path: Path
    codec: str = ""  # "VP8" | "opus"
    hearing_start: Optional[float] = None  # hearing time of the first frame
    wall_start: Optional[float] = None  # epoch seconds of the first frame
    duration_s: Optional[float] = None  # set when closed
    bytes: int = 0
    frames: int = 0
    width: int = 0
    height: int = 0
    closed: bool = False
    damaged: bool = False
    damaged_reason: Optional[str] = None


class RecordedFrame(Protocol):
    """What a recorder needs of an encoded frame (courtroom.media.frames.EncodedFrame)."""

    data: bytes
    timestamp: int  # RTP clock units, monotonic within one source
    keyframe: bool
    hearing_time: float


def safe_name(participant_id: str) -> str:
    """A file-name-safe, collision-free form of a participant id."""
    cleaned = re.sub(r"[^A-Za-z0-9_.-]", "_", participant_id)[:64] or "_"
    if cleaned != participant_id:
        cleaned += "-" + hashlib.sha256(participant_id.encode()).hexdigest()[:8]
    return cleaned


def segment_path(directory: Path, participant_id: str, kind: str, index: int, suffix: str = "") -> Path:
    """`suffix`: appended after .webm (".enc" for a sealed segment of a closed session)."""
    return Path(directory) / f"{safe_name(participant_id)}.{kind}.{index:04d}.webm{suffix}"


def next_segment_index(directory: Path, participant_id: str, kind: str) -> int:
    """First unused index: segments from before a restart are never overwritten (sealed
    or not: both kinds of file count)."""
    prefix = f"{safe_name(participant_id)}.{kind}."
    used = [-1]
    if Path(directory).is_dir():
        for p in Path(directory).iterdir():
            name = p.name[: -len(".enc")] if p.name.endswith(".webm.enc") else p.name
            if name.startswith(prefix) and name.endswith(".webm"):
                try:
                    used.append(int(name[len(prefix) : -len(".webm")]))
                except ValueError:
                    pass
    return max(used) + 1


class SegmentRecorder:
    """A frame sink that writes one segment; the file is created on the first usable frame
    (any Opus frame, or a VP8 keyframe: a segment never starts with an undecodable frame)."""

    def __init__(
        self,
        segment: RecordingSegment,
        clock_rate: int,
        to_wall: Callable[[float], float],
        on_started: Callable[[RecordingSegment], None],
        request_keyframe: Callable[[], None],
        encryptor: Optional["RecordingEncryptor"] = None,
        on_failed: Optional[Callable[[RecordingSegment, str], None]] = None,
    ) -> None:
        self.segment = segment
        self._encryptor = encryptor
        self._clock_rate = clock_rate
        self._to_wall = to_wall
        self._on_started = on_started
        self._request_keyframe = request_keyframe
        self._writer: Optional[MatroskaWriter] = None
        self._first_ts = 0
        self._failed = False
        self._on_failed = on_failed
        if segment.kind == "video":
            request_keyframe()

    respects_mute = False  # the record keeps everything, muted or not

    def deliver(self, frame: RecordedFrame) -> None:
        if self.segment.closed or self._failed:
            return
        try:
            if self._writer is None and not self._open(frame):
                return
            writer = self._writer
            if writer is None:
                return
            time_ms = (frame.timestamp - self._first_ts) * 1000 // self._clock_rate
            writer.write(time_ms, frame.data, frame.keyframe)
        except OSError as exc:
            # Disk full or similar: stop this segment, flag it, keep what is on disk, and
            # say so at once (the hearing layer pauses the hearing and tells the bench).
            logger.error("recording %s failed: %s", self.segment.path, exc)
            self._failed = True
            self.segment.damaged = True
            self.segment.damaged_reason = f"write failed: {exc}"
            if self._on_failed is not None:
                self._on_failed(self.segment, self.segment.damaged_reason)

    def _open(self, frame: RecordedFrame) -> bool:
        seg = self.segment
        if seg.kind == "video":
            size = vp8_keyframe_size(frame.data)
            if size is None:
                return False  # wait for a keyframe (requested in __init__)
            seg.width, seg.height = size
            fmt = TrackFormat.vp8(*size)
        else:
            fmt = TrackFormat.opus(opus_channels(frame.data))
        seg.hearing_start = frame.hearing_time
        seg.wall_start = self._to_wall(frame.hearing_time)
        seg.path.parent.mkdir(parents=True, exist_ok=True)
        title = f"{seg.participant_id} {seg.kind} {seg.index}"
        self._writer = MatroskaWriter(seg.path, fmt, title=title, date_utc=seg.wall_start, encryptor=self._encryptor)
        self._first_ts = frame.timestamp
        self._on_started(seg)
        return True

    @property
    def started(self) -> bool:
        return self._writer is not None

    def close(self) -> Optional[RecordingSegment]:
        """Finish the file; returns the segment, or None when no frame ever arrived."""
        seg = self.segment
        if seg.closed:
            return seg if self._writer else None
        seg.closed = True
        if self._writer is None:
            return None
        if self._failed:
            # Keep the true reason; finishing the file would only fail again. What reached
            # the disk stays as it is (the probe reads it up to the failure).
            self._writer.abort()
        else:
            try:
                self._writer.close()
            except OSError as exc:
                seg.damaged = True
                seg.damaged_reason = f"close failed: {exc}"
        seg.duration_s = self._writer.duration_ms / 1000.0
        seg.bytes = self._writer.bytes_written
        seg.frames = self._writer.frames
        return seg

    def dup_fd(self) -> Optional[int]:
        """See MatroskaWriter.dup_fd; None before the first frame or after close."""
        if self._writer is None or self.segment.closed or self._failed:
            return None
        return self._writer.dup_fd()

    def progress(self) -> tuple[float, int, int]:
        """(duration_s, frames, bytes) so far."""
        if self._writer is None:
            return 0.0, 0, 0
        return self._writer.duration_ms / 1000.0, self._writer.frames, self._writer.bytes_written


def free_bytes(directory: Path) -> int:
    """Free space for an unprivileged writer where `directory` is (or would be created)."""
    path = Path(directory)
    while not path.exists() and path != path.parent:
        path = path.parent
    return shutil.disk_usage(path).free


def sync_to_disk(fds: list[int]) -> int:
    """fdatasync each descriptor and close it (blocking: run it in a thread). Returns how
    many synced; a failure is logged, and the recording goes on."""
    synced = 0
    for fd in fds:
        try:
            os.fdatasync(fd)
            synced += 1
        except OSError as exc:
            logger.warning("syncing a recording to disk failed: %s", exc)
        finally:
            os.close(fd)
    return synced
