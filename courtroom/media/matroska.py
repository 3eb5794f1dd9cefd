"""A crash-safe Matroska (WebM) writer, and the reading of its structure.

VP8 and Opus frames are written exactly as received (no transcoding) by this small EBML
writer rather than FFmpeg's muxer, because a court recording must survive the process
being killed: FFmpeg's Matroska muxer holds each cluster in memory until it closes it,
while this writer hands every frame to the kernel (one write() per frame) the moment it
arrives, so a SIGKILL loses nothing that was received. The layout makes a killed file
valid live-style Matroska:

    EBML header
    Segment (size "unknown" until close)
      Void           reserved for the SeekHead written at close
      Info           TimecodeScale 1 ms, DateUTC = wall time of the first frame,
                     Void reserved for Duration (written at close)
      Tracks         one track: V_VP8 (size from the first keyframe) or A_OPUS (OpusHead)
      Cluster ...    size "unknown" while open, patched when the next cluster starts
      Cues           written at close (keyframe clusters)

A file that was never closed has an unknown Segment size and an unknown-size last
cluster: players and FFmpeg read it to its last complete frame.
"""

from __future__ import annotations

import dataclasses
import os
import struct
import time
from pathlib import Path
from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:
    from signing.seal import RecordingEncryptor

# --- EBML element IDs (with their length-marker bits, as written) -------------------------
EBML = b"\x1a\x45\xdf\xa3"
EBML_VERSION = b"\x42\x86"
EBML_READ_VERSION = b"\x42\xf7"
EBML_MAX_ID_LENGTH = b"\x42\xf2"
EBML_MAX_SIZE_LENGTH = b"\x42\xf3"
DOC_TYPE = b"\x42\x82"
DOC_TYPE_VERSION = b"\x42\x87"
DOC_TYPE_READ_VERSION = b"\x42\x85"
SEGMENT = b"\x18\x53\x80\x67"
SEEK_HEAD = b"\x11\x4d\x9b\x74"
SEEK = b"\x4d\xbb"
SEEK_ID = b"\x53\xab"
SEEK_POSITION = b"\x53\xac"
INFO = b"\x15\x49\xa9\x66"
TIMECODE_SCALE = b"\x2a\xd7\xb1"
DURATION = b"\x44\x89"
DATE_UTC = b"\x44\x61"
TITLE = b"\x7b\xa9"
MUXING_APP = b"\x4d\x80"
WRITING_APP = b"\x57\x41"
TRACKS = b"\x16\x54\xae\x6b"
TRACK_ENTRY = b"\xae"
TRACK_NUMBER = b"\xd7"
TRACK_UID = b"\x73\xc5"
TRACK_TYPE = b"\x83"
FLAG_LACING = b"\x9c"
NAME = b"\x53\x6e"
CODEC_ID = b"\x86"
CODEC_PRIVATE = b"\x63\xa2"
CODEC_DELAY = b"\x56\xaa"
SEEK_PRE_ROLL = b"\x56\xbb"
VIDEO = b"\xe0"
PIXEL_WIDTH = b"\xb0"
PIXEL_HEIGHT = b"\xba"
AUDIO = b"\xe1"
SAMPLING_FREQUENCY = b"\xb5"
CHANNELS = b"\x9f"
CLUSTER = b"\x1f\x43\xb6\x75"
TIMECODE = b"\xe7"
SIMPLE_BLOCK = b"\xa3"
CUES = b"\x1c\x53\xbb\x6b"
CUE_POINT = b"\xbb"
CUE_TIME = b"\xb3"
CUE_TRACK_POSITIONS = b"\xb7"
CUE_TRACK = b"\xf7"
CUE_CLUSTER_POSITION = b"\xf1"
VOID = b"\xec"

UNKNOWN_SIZE_8 = b"\x01\xff\xff\xff\xff\xff\xff\xff"
SEEK_HEAD_RESERVED = 96  # bytes kept free after the Segment header for the SeekHead
DURATION_RESERVED = 11  # 2-byte ID + 1-byte size + 8-byte float
CLUSTER_MAX_MS = 1000  # a cluster per second: small, and far inside SimpleBlock's int16 range
MKV_EPOCH = 978307200  # 2001-01-01T00:00:00Z, the origin of DateUTC

APP_NAME = "courtroom-server recording.py"


def _size(n: int) -> bytes:
    """EBML variable-size integer for an element's data size (never the reserved all-ones)."""
    for length in range(1, 9):
        if n < (1 << (7 * length)) - 1:
            return ((1 << (7 * length)) | n).to_bytes(length, "big")
    raise ValueError("element too large")


def _size8(n: int) -> bytes:
    """An 8-byte size field, so a placeholder can be patched in place."""
    return ((1 << 56) | n).to_bytes(8, "big")


def _element(eid: bytes, payload: bytes) -> bytes:
    return eid + _size(len(payload)) + payload


def _uint(eid: bytes, value: int) -> bytes:
    return _element(eid, value.to_bytes(max(1, (value.bit_length() + 7) // 8), "big"))


def _float(eid: bytes, value: float) -> bytes:
    return _element(eid, struct.pack(">d", value))


def _string(eid: bytes, value: str) -> bytes:
    return _element(eid, value.encode("utf-8"))


def _void(total: int) -> bytes:
    """A Void element occupying exactly `total` bytes (total >= 2)."""
    if total < 2:
        raise ValueError("a Void element needs at least 2 bytes")
    if total - 2 < 127:
        return VOID + _size(total - 2) + bytes(total - 2)
    return VOID + _size8(total - 9) + bytes(total - 9)


def opus_head(channels: int, pre_skip: int = 0, input_rate: int = 48000) -> bytes:
    """OpusHead (RFC 7845 section 5.1), the CodecPrivate of an A_OPUS track."""
    return b"OpusHead" + struct.pack("<BBHIhB", 1, channels, pre_skip, input_rate, 0, 0)


def opus_channels(packet: bytes) -> int:
    """Channel count announced by an Opus packet's TOC byte (the 's' bit)."""
    return 2 if packet and packet[0] & 0x04 else 1


def vp8_keyframe_size(frame: bytes) -> Optional[tuple[int, int]]:
    """(width, height) of a VP8 keyframe (RFC 6386 section 9.1), None for other frames."""
    if len(frame) < 10 or frame[0] & 0x01 or frame[3:6] != b"\x9d\x01\x2a":
        return None
    width, height = struct.unpack_from("<HH", frame, 6)
    return width & 0x3FFF, height & 0x3FFF


@dataclasses.dataclass(frozen=True)
class TrackFormat:
    kind: str  # "audio" | "video"
    codec_id: str  # "A_OPUS" | "V_VP8"
    width: int = 0
    height: int = 0
    channels: int = 0
    sample_rate: int = 48000
    codec_private: bytes = b""

    @classmethod
    def vp8(cls, width: int, height: int) -> "TrackFormat":
        return cls(kind="video", codec_id="V_VP8", width=width, height=height)

    @classmethod
    def opus(cls, channels: int) -> "TrackFormat":
        return cls(kind="audio", codec_id="A_OPUS", channels=channels, codec_private=opus_head(channels))


class MatroskaWriter:
    """Writes one track to a WebM file, each frame reaching the kernel as it is written.

    Timestamps are integer milliseconds from the start of the file, non-decreasing."""

    def __init__(self, path: Path, track: TrackFormat, *, title: str = "", date_utc: Optional[float] = None,
                 encryptor: Optional["RecordingEncryptor"] = None) -> None:
        self.path = Path(path)
        self.track = track
        # Sealed (closed sessions): every write and patch goes to the sealed writer instead.
        self._sealed = encryptor.open(self.path) if encryptor is not None else None
        # O_EXCL: a recording is never overwritten, even by a bug in naming.
        self._fd: Optional[int] = (
            None if self._sealed is not None else os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640)
        )
        self._closed = False
        self._pos = 0
        self._cluster_size_at: Optional[int] = None  # file offset of the open cluster's size field
        self._cluster_start = 0  # file offset of the open cluster's ID
        self._cluster_time = 0
        self._cluster_blocks = 0
        self._last_time = 0
        self._last_delta = 20 if track.kind == "audio" else 33
        self._cues: list[tuple[int, int]] = []  # (time ms, cluster offset in segment)
        self.frames = 0

        header = _element(
            EBML,
            _uint(EBML_VERSION, 1)
            + _uint(EBML_READ_VERSION, 1)
            + _uint(EBML_MAX_ID_LENGTH, 4)
            + _uint(EBML_MAX_SIZE_LENGTH, 8)
            + _string(DOC_TYPE, "webm")
            + _uint(DOC_TYPE_VERSION, 4)
            + _uint(DOC_TYPE_READ_VERSION, 2),
        )
        self._write(header)
        self._segment_size_at = self._pos + len(SEGMENT)
        self._write(SEGMENT + UNKNOWN_SIZE_8)
        self._segment_start = self._pos  # offsets in SeekHead and Cues are relative to this
        self._write(_void(SEEK_HEAD_RESERVED))

        date = time.time() if date_utc is None else date_utc
        self._info_at = self._pos
        info_head = (
            _uint(TIMECODE_SCALE, 1_000_000)
            + _string(MUXING_APP, APP_NAME)
            + _string(WRITING_APP, APP_NAME)
            + _element(DATE_UTC, struct.pack(">q", int((date - MKV_EPOCH) * 1e9)))
            + (_string(TITLE, title) if title else b"")
        )
        info = INFO + _size(len(info_head) + DURATION_RESERVED) + info_head
        self._duration_at = self._pos + len(info)
        self._write(info + _void(DURATION_RESERVED))

        self._tracks_at = self._pos
        self._write(_element(TRACKS, self._track_entry(track, title)))

    @staticmethod
    def _track_entry(track: TrackFormat, name: str) -> bytes:
        # The top bit set: always seven bytes, so that two recordings of one format lay out
        # alike (a UID with a leading zero byte wrote one byte less and moved every offset).
        uid = int.from_bytes(os.urandom(7), "big") | (1 << 55) | 1
        body = (
            _uint(TRACK_NUMBER, 1)
            + _uint(TRACK_UID, uid)
            + _uint(TRACK_TYPE, 1 if track.kind == "video" else 2)
            + _uint(FLAG_LACING, 0)
            + (_string(NAME, name) if name else b"")
            + _string(CODEC_ID, track.codec_id)
        )
        if track.codec_private:
            body += _element(CODEC_PRIVATE, track.codec_private)
        if track.kind == "video":
            body += _element(VIDEO, _uint(PIXEL_WIDTH, track.width) + _uint(PIXEL_HEIGHT, track.height))
        else:
            if track.codec_id == "A_OPUS":
                body += _uint(CODEC_DELAY, 0) + _uint(SEEK_PRE_ROLL, 80_000_000)
            body += _element(AUDIO, _float(SAMPLING_FREQUENCY, float(track.sample_rate)) + _uint(CHANNELS, track.channels))
        return _element(TRACK_ENTRY, body)

    @property
    def bytes_written(self) -> int:
        return self._pos

    def dup_fd(self) -> Optional[int]:
        """A second descriptor of the file (the caller closes it): lets another thread
        fdatasync the file while frames go on being written, and survives close()."""
        if self._closed:
            return None
        return self._sealed.dup_fd() if self._sealed is not None else os.dup(self._plain_fd())

    @property
    def duration_ms(self) -> int:
        return self._last_time + self._last_delta if self.frames else 0

    def _plain_fd(self) -> int:
        """The plain file's descriptor (a sealed writer writes through its encryptor)."""
        if self._fd is None:
            raise ValueError("no plain file: the writer is closed or sealed")
        return self._fd

    def _write(self, data: bytes) -> None:
        assert not self._closed, "writer is closed"
        if self._sealed is not None:
            self._sealed.append(data)
            self._pos += len(data)
            return
        view = memoryview(data)
        while view:
            n = os.write(self._plain_fd(), view)
            view = view[n:]
            self._pos += n

    def _patch(self, data: bytes, offset: int) -> None:
        if self._sealed is not None:
            self._sealed.patch(offset, data)
        else:
            os.pwrite(self._plain_fd(), data, offset)

    def _close_cluster(self) -> None:
        if self._cluster_size_at is not None:
            size = self._pos - (self._cluster_size_at + 8)
            self._patch(_size8(size), self._cluster_size_at)
            self._cluster_size_at = None

    def write(self, time_ms: int, frame: bytes, keyframe: bool) -> None:
        if self._closed:
            raise ValueError("writer is closed")
        if time_ms < self._last_time:
            time_ms = self._last_time  # never backwards; callers drop reordered frames already
        if self.frames:
            delta = time_ms - self._last_time
            if delta > 0:
                self._last_delta = delta
        new_cluster = (
            self._cluster_size_at is None
            or time_ms - self._cluster_time >= CLUSTER_MAX_MS
            or (keyframe and self.track.kind == "video" and self._cluster_blocks)
        )
        if new_cluster:
            self._close_cluster()
            self._cluster_start = self._pos
            self._cluster_size_at = self._pos + len(CLUSTER)
            self._cluster_time = time_ms
            self._cluster_blocks = 0
            self._write(CLUSTER + UNKNOWN_SIZE_8 + _uint(TIMECODE, time_ms))
            if keyframe and (self.track.kind == "video" or not self._cues or time_ms - self._cues[-1][0] >= 5000):
                self._cues.append((time_ms, self._cluster_start - self._segment_start))
        flags = 0x80 if keyframe else 0x00
        body = b"\x81" + struct.pack(">hB", time_ms - self._cluster_time, flags)
        self._write(SIMPLE_BLOCK + _size(len(body) + len(frame)) + body + frame)
        self._cluster_blocks += 1
        self._last_time = time_ms
        self.frames += 1

    def abort(self) -> None:
        """Stop without finishing the file (after a failed write): sync what reached the
        disk, best effort, and release the descriptor."""
        if self._closed:
            return
        self._closed = True
        if self._sealed is not None:
            try:
                self._sealed.close(finalize=False)
            except OSError:
                pass
            return
        if self._fd is not None:
            try:
                os.fsync(self._fd)
            except OSError:
                pass
            finally:
                os.close(self._fd)
                self._fd = None

    def close(self) -> None:
        """Finish the file: last cluster size, Cues, SeekHead, Duration, Segment size."""
        if self._closed:
            return
        try:
            self._close_cluster()
            cues_at = self._pos
            if self._cues:
                points = b"".join(
                    _element(
                        CUE_POINT,
                        _uint(CUE_TIME, t) + _element(CUE_TRACK_POSITIONS, _uint(CUE_TRACK, 1) + _uint(CUE_CLUSTER_POSITION, pos)),
                    )
                    for t, pos in self._cues
                )
                self._write(_element(CUES, points))
            seeks = [(INFO, self._info_at), (TRACKS, self._tracks_at)]
            if self._cues:
                seeks.append((CUES, cues_at))
            seek_head = _element(
                SEEK_HEAD,
                b"".join(
                    _element(SEEK, _element(SEEK_ID, eid) + SEEK_POSITION + b"\x88" + (at - self._segment_start).to_bytes(8, "big"))
                    for eid, at in seeks
                ),
            )
            self._patch(seek_head + _void(SEEK_HEAD_RESERVED - len(seek_head)), self._segment_start)
            self._patch(_float(DURATION, float(self.duration_ms)), self._duration_at)
            self._patch(_size8(self._pos - self._segment_start), self._segment_size_at)
            if self._sealed is not None:
                self._sealed.close()  # END record, fsync
                return
            os.fsync(self._plain_fd())
        finally:
            self._closed = True
            if self._sealed is not None:
                self._sealed.close(finalize=False)  # no-op after a clean close
            elif self._fd is not None:
                os.close(self._fd)
                self._fd = None


def _read_vint(buf: bytes, pos: int) -> tuple[int, int, bool]:
    """(value, length, is_unknown) of the EBML vint at buf[pos]."""
    first = buf[pos]
    length = 1
    while length <= 8 and not first & (0x80 >> (length - 1)):
        length += 1
    if length > 8 or pos + length > len(buf):
        raise ValueError("bad EBML size")
    value = first & ((0x80 >> (length - 1)) - 1)
    for b in buf[pos + 1 : pos + length]:
        value = (value << 8) | b
    unknown = value == (1 << (7 * length)) - 1
    return value, length, unknown


def structure(path: Path) -> tuple[bool, Optional[str]]:
    """(finalized, problem): is the Segment's size known and does the file hold all of it?"""
    size = path.stat().st_size
    with open(path, "rb") as f:
        head = f.read(4096)
    return structure_of(head, size)


def structure_of(head: bytes, size: int) -> tuple[bool, Optional[str]]:
    if len(head) < 4 or head[:4] != EBML:
        return False, "not a Matroska/WebM file (no EBML header)"
    try:
        hsize, hlen, _ = _read_vint(head, 4)
        pos = 4 + hlen + hsize
        if head[pos : pos + 4] != SEGMENT:
            return False, "no Segment after the EBML header"
        ssize, slen, unknown = _read_vint(head, pos + 4)
    except (ValueError, IndexError):
        return False, "header truncated"
    if unknown:
        return False, None
    end = pos + 4 + slen + ssize
    if end > size:
        return False, f"truncated: file has {size} of {end} bytes"
    return True, None
