"""The sealed stream format and field sealing of closed sessions (signing.seal), on
real files written by the real recording writer: a file cut by a crash decrypts up to
its last whole record, a tampered, reordered, dropped or transplanted record fails, the
wrong key or file id fails, and a sealed recording reads back as the very WebM the
plain writer makes."""

from __future__ import annotations

import io
import os
import struct
import uuid
from pathlib import Path

import av
import pytest

from courtroom.media.matroska import MatroskaWriter, TrackFormat
from courtroom.media.probe import probe_recording
from signing import seal as atrest
from signing.seal import RECORD_HEADER, RecordingEncryptor, SealedError, SealedReader, SealedWriter, open_text, seal_text, unwrap_key, wrap_key
from tests.fixtures.media import opus_tone


def opus_packets(seconds: float = 4.0) -> list[bytes]:
    return opus_tone(seconds, 330)


def write_webm(path: Path, packets: list[bytes], encryptor=None, close: bool = True) -> MatroskaWriter:
    w = MatroskaWriter(path, TrackFormat.opus(1), encryptor=encryptor, date_utc=1_700_000_000)
    for i, p in enumerate(packets):
        w.write(i * 20, p, True)
    if close:
        w.close()
    return w


def records_of(path: Path) -> list[tuple[int, int]]:
    """(file offset, total length) of each record of a sealed file."""
    data = path.read_bytes()
    (id_len,) = struct.unpack(">H", data[24:26])
    pos, out = 26 + id_len, []
    while pos + RECORD_HEADER.size <= len(data):
        clen, _, _ = RECORD_HEADER.unpack_from(data, pos)
        out.append((pos, RECORD_HEADER.size + clen))
        pos += RECORD_HEADER.size + clen
    return out


@pytest.fixture(scope="module")
def packets() -> list[bytes]:
    return opus_packets()


def test_sealed_recording_is_the_plain_recording(tmp_path, packets):
    key = atrest.new_data_key()
    enc = RecordingEncryptor(key, atrest.recording_scope(uuid.uuid4()))
    plain, sealed = tmp_path / "p.audio.0000.webm", tmp_path / "s.audio.0000.webm.enc"
    write_webm(plain, packets)
    write_webm(sealed, packets, enc)
    raw = sealed.read_bytes()
    body = raw[records_of(sealed)[0][0]:]  # after the header, which names the file (its name is on disk anyway)
    assert b"\x1a\x45\xdf\xa3" not in raw  # no EBML header
    assert b"OpusHead" not in body and b"webm" not in body and b"A_OPUS" not in body
    assert not any(p in raw for p in packets if len(p) >= 16)
    with SealedReader(sealed, key, enc.file_id(sealed)) as reader:
        assert reader.complete and reader.truncated_bytes == 0
        got = reader.pread(0, reader.size)
    want = plain.read_bytes()
    assert len(got) == len(want)
    # Only the random TrackUID differs.
    assert sum(a != b for a, b in zip(got, want)) <= 7
    probe = probe_recording(sealed, key=key, file_id=enc.file_id(sealed), decode=True)
    assert probe.ok and probe.finalized and probe.damaged_reason is None
    assert probe.packets == len(packets) and abs(probe.duration_s - len(packets) * 0.02) < 0.05
    # Without the key nothing reads; with another key or under another name neither.
    assert not probe_recording(sealed).ok
    assert "unreadable" in probe_recording(sealed, key=atrest.new_data_key(), file_id=enc.file_id(sealed)).damaged_reason
    with pytest.raises(SealedError, match="file id"):
        SealedReader(sealed, key, enc.file_id(tmp_path / "other.audio.0000.webm.enc"))


def test_a_crash_cut_file_reads_to_its_last_whole_record(tmp_path, packets):
    key = atrest.new_data_key()
    enc = RecordingEncryptor(key, "recording:crash")
    path = tmp_path / "c.audio.0000.webm.enc"
    writer = write_webm(path, packets, enc, close=False)  # killed: never closed
    plain_len = writer.bytes_written
    recs = records_of(path)
    full = path.read_bytes()
    for cut in (len(full), recs[-1][0] + 5, recs[len(recs) // 2][0] + 3):
        with SealedReader(io.BytesIO(full[:cut]), key, enc.file_id(path)) as reader:
            assert not reader.complete
            assert reader.truncated_bytes == (0 if cut == len(full) else cut - max(o for o, _ in recs if o < cut))
            whole = [o + n for o, n in recs if o + n <= cut]
            assert reader.size <= plain_len
            data = reader.pread(0, reader.size)
        assert data[:4] == b"\x1a\x45\xdf\xa3"
        container = av.open(io.BytesIO(data))
        frames = sum(1 for p in container.demux(container.streams[0]) if p.size)
        assert frames >= (len(packets) - 1 if cut == len(full) else 1)
        assert whole  # something survived
    # The probe tells a crashed sealed file from a cleanly closed one, and keeps what plays.
    probe = probe_recording(path, key=key, file_id=enc.file_id(path))
    assert probe.ok and not probe.finalized and "not finalized" in probe.damaged_reason
    assert probe.packets == len(packets)


def test_tampering_fails(tmp_path, packets):
    key = atrest.new_data_key()
    enc = RecordingEncryptor(key, "recording:tamper")
    path = tmp_path / "t.audio.0000.webm.enc"
    write_webm(path, packets, enc)
    fid = enc.file_id(path)
    full = bytearray(path.read_bytes())
    recs = records_of(path)

    def read_all(data: bytes) -> bytes:
        with SealedReader(io.BytesIO(bytes(data)), key, fid) as r:
            r.verify()
            return r.pread(0, r.size)

    read_all(full)  # intact
    flipped = bytearray(full)
    flipped[recs[10][0] + RECORD_HEADER.size + 3] ^= 0x01
    with pytest.raises(SealedError, match="record 10"):
        read_all(flipped)
    # Two records of the same length swapped: headers still line up, the counters do not.
    same = [(a, b) for a, b in zip(recs[20:], recs[21:]) if a[1] == b[1]]
    (o1, n1), (o2, n2) = same[0]
    swapped = bytearray(full)
    swapped[o1:o1 + n1], swapped[o2:o2 + n2] = full[o2:o2 + n2], full[o1:o1 + n1]
    with pytest.raises(SealedError):
        read_all(swapped)
    # A record dropped from the middle.
    o, n = recs[30]
    with pytest.raises(SealedError):
        read_all(full[:o] + full[o + n:])
    # The END record dropped: reads, but says it was not closed cleanly.
    o, n = recs[-1]
    with SealedReader(io.BytesIO(bytes(full[:o])), key, fid) as r:
        assert not r.complete
    # A record moved in from another file sealed under the same key fails.
    other = tmp_path / "u.audio.0000.webm.enc"
    write_webm(other, packets, enc)
    foreign = other.read_bytes()
    fo, fn = records_of(other)[40]
    o, n = recs[40]
    assert n == fn
    with pytest.raises(SealedError):
        read_all(full[:o] + foreign[fo:fo + fn] + full[o + n:])
    # The header's file id rewritten to the expected one: the per-file key differs.
    renamed = bytearray(other.read_bytes())
    renamed_id = enc.file_id(other).encode()
    fixed = renamed.replace(renamed_id, fid.encode())
    with pytest.raises(SealedError):
        read_all(fixed)


def test_blobs_fields_and_key_wrapping():
    key = atrest.new_data_key()
    data = os.urandom(3 * 1024 * 1024 + 17)
    sealed = atrest.seal_bytes(data, key, "blob:case/abc", chunk=1 << 20)
    assert atrest.open_sealed_bytes(sealed, key, "blob:case/abc") == data
    with pytest.raises(SealedError):
        atrest.open_sealed_bytes(sealed[:-40], key, "blob:case/abc")  # cut: no END record
    token = seal_text(key, "人民陪审员认为证据不足", "deliberation_opinions/x/v1")
    assert "证据" not in token and open_text(key, token, "deliberation_opinions/x/v1") == "人民陪审员认为证据不足"
    with pytest.raises(SealedError):
        open_text(key, token, "deliberation_opinions/y/v1")  # moved to another row
    master = os.urandom(32)
    case_a, case_b = uuid.uuid4(), uuid.uuid4()
    wrapped = wrap_key(master, case_a, key)
    assert unwrap_key(master, case_a, wrapped) == key
    with pytest.raises(SealedError):
        unwrap_key(master, case_b, wrapped)  # copied to another case's row
    with pytest.raises(SealedError):
        unwrap_key(os.urandom(32), case_a, wrapped)  # another server's master key


def test_patches_and_sealed_writer_rules(tmp_path):
    key = atrest.new_data_key()
    path = tmp_path / "w.bin"
    w = SealedWriter(path, key, "f")
    w.append(b"hello world")
    w.patch(0, b"HELLO")
    w.append(b"!")
    w.patch(6, b"W")
    with pytest.raises(ValueError):
        w.patch(10, b"xyz")  # beyond what was written
    w.close()
    with SealedReader(path, key, "f") as r:
        assert r.pread(0, 100) == b"HELLO World!" and r.pread(4, 3) == b"O W" and r.complete
    with pytest.raises(FileExistsError):
        SealedWriter(path, key, "f")  # never overwrites
