"""The VP8 RTP payload descriptor (RFC 7741 section 4.2), read and written without decoding.

The server reduces a subscriber's video by dropping what the stream allows, never by
transcoding. With temporal layers (a publisher asked for L1T2 / L1T3), the descriptor
of each frame's first packet names its layer (TID): frames of the upper layers can be
dropped and the rest still decodes, at a half or a quarter of the frame rate.

     0 1 2 3 4 5 6 7
    +-+-+-+-+-+-+-+-+
    |X|R|N|S|R| PID |  required
    +-+-+-+-+-+-+-+-+
    |I|L|T|K| RSV   |  X: extended control bits
    +-+-+-+-+-+-+-+-+
    |M| PictureID   |  I: 7 or 15 bits (M)
    +-+-+-+-+-+-+-+-+
    |   TL0PICIDX   |  L
    +-+-+-+-+-+-+-+-+
    |TID|Y| KEYIDX  |  T or K
    +-+-+-+-+-+-+-+-+
"""

from __future__ import annotations

import dataclasses
from typing import Optional

MAX_PAYLOAD = 1300 - 6  # what aiortc's packetiser puts in one packet, less our longer descriptor


@dataclasses.dataclass(frozen=True, slots=True)
class Vp8Descriptor:
    start: bool  # S: first packet of a partition
    partition: int  # PID
    picture_id: Optional[int] = None
    tl0_pic_idx: Optional[int] = None
    tid: Optional[int] = None  # temporal layer, 0 = base
    layer_sync: bool = False  # Y: decodable from the base layer alone
    size: int = 1  # bytes the descriptor takes


def parse_descriptor(payload: bytes) -> Optional[Vp8Descriptor]:
    """The descriptor at the start of an RTP payload, or None if it is truncated."""
    if not payload:
        return None
    b0 = payload[0]
    start, partition = bool(b0 & 0x10), b0 & 0x07
    if not b0 & 0x80:
        return Vp8Descriptor(start, partition)
    if len(payload) < 2:
        return None
    x = payload[1]
    pos = 2
    picture_id = tl0 = tid = None
    sync = False
    if x & 0x80:  # I
        if len(payload) < pos + 1:
            return None
        if payload[pos] & 0x80:
            if len(payload) < pos + 2:
                return None
            picture_id = ((payload[pos] & 0x7F) << 8) | payload[pos + 1]
            pos += 2
        else:
            picture_id = payload[pos] & 0x7F
            pos += 1
    if x & 0x40:  # L
        if len(payload) < pos + 1:
            return None
        tl0 = payload[pos]
        pos += 1
    if x & 0x30:  # T or K share one byte
        if len(payload) < pos + 1:
            return None
        if x & 0x20:
            tid = payload[pos] >> 6
            sync = bool(payload[pos] & 0x20)
        pos += 1
    return Vp8Descriptor(start, partition, picture_id, tl0, tid, sync, pos)


def packetize(frame: bytes, picture_id: int, tid: Optional[int] = None, tl0_pic_idx: int = 0,
              layer_sync: bool = False, max_payload: int = MAX_PAYLOAD) -> list[bytes]:
    """RTP payloads for one VP8 frame with a 15-bit picture id and, when `tid` is given,
    the temporal layer fields (what a browser publishing L1T3 sends)."""
    x = 0x80 | (0x60 if tid is not None else 0)
    ext = bytes([x, 0x80 | ((picture_id >> 8) & 0x7F), picture_id & 0xFF])
    if tid is not None:
        ext += bytes([tl0_pic_idx & 0xFF, ((tid & 0x03) << 6) | (0x20 if layer_sync else 0)])
    out = []
    for i in range(0, max(1, len(frame)), max_payload):
        first = 0x90 if i == 0 else 0x80  # X, S on the first packet only
        out.append(bytes([first]) + ext + frame[i : i + max_payload])
    return out


def rewrite_picture_id(payload: bytes, picture_id: int) -> bytes:
    """The payload with its 15-bit picture id replaced (a subscriber that skips frames
    must see consecutive ids, or its decoder waits for a keyframe); unchanged when the
    descriptor carries no 15-bit id."""
    if len(payload) < 4 or not payload[0] & 0x80 or not payload[1] & 0x80 or not payload[2] & 0x80:
        return payload
    return payload[:2] + bytes([0x80 | ((picture_id >> 8) & 0x7F), picture_id & 0xFF]) + payload[4:]
