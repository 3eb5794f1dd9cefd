"""Encryption at rest for closed sessions (合议, 审委会): recordings, blobs and fields.

Every closed session's case has its own 256-bit data key (models.casekeys keeps it
wrapped under the server master key). This module is the cryptography only: no
database, no files other than the ones it is handed.

Sealed stream (recordings as they are written, and blobs of the secondary volume)
----------------------------------------------------------------------------------
A sealed file is a journal of the writes that made the plaintext, each write sealed
on its own as soon as it is made:

    header   MAGIC "CRTSEAL\\x01" | salt (16 random bytes) | u16 id length | file id (UTF-8)
    record   u32 ciphertext length | u8 kind | u64 plaintext offset | AES-256-GCM ciphertext+tag
             kind 1 APPEND  the bytes at the end of the plaintext (offset = its length so far)
             kind 2 PATCH   bytes that overwrite earlier plaintext (a Matroska size
                            patched when its element ends)
             kind 3 END     empty; offset = the final plaintext length (a clean close)

Per file, the key is HKDF-SHA256(case key, salt, "courtroom/atrest/stream/v1|" + file id):
a fresh random salt per file gives a key used by that file alone, so the nonce can be
the record counter (0, 1, 2 ...) and never repeats under one key. Each record's
associated data is the file id, its counter, kind, offset and length.

Why it survives a crash: every record reaches the kernel in one write() the moment the
plaintext writer makes its write, and a record depends on nothing after it. A file cut
anywhere (SIGKILL, power loss mid-write) reads as the records before the cut, i.e.
exactly the plaintext the writer had written at that point; a partial last record is
ignored and reported (`SealedReader.truncated_bytes`), a missing END record reported as
not finalized. Nothing decrypts to the wrong bytes: a flipped bit fails the record's
tag, a reordered or dropped record fails (its counter is its nonce), a record moved to
another file or a file presented under another id fails (file id in the key and the
associated data), and a cut at a record boundary is told apart from a clean close by
the END record.

Reading needs no pass over the ciphertext: the record headers give an index of where
each plaintext byte lives, so a byte range (a player seeking, an HTTP Range request)
decrypts only the records it covers.

Fields (transcript text, opinions, votes) are sealed one by one: "sealed:v1:" +
base64url(nonce | ciphertext+tag), AES-256-GCM under the case key, with a random
96-bit nonce, and a context string (table/row/column) as associated data so a sealed
value cannot be moved to another row or column.
"""

from __future__ import annotations

import base64
import bisect
import hashlib
import io
import json
import os
import secrets
import struct
import uuid
from collections import OrderedDict
from pathlib import Path
from typing import Any, BinaryIO, Iterator

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MAGIC = b"CRTSEAL\x01"
SALT_BYTES = 16
KEY_BYTES = 32
TAG_BYTES = 16
RECORD_HEADER = struct.Struct(">IBQ")  # ciphertext length, kind, plaintext offset
APPEND, PATCH, END = 1, 2, 3
MAX_RECORD = 16 << 20  # bigger records are refused: a damaged length must not make us allocate GBs
SEALED_SUFFIX = ".enc"  # a sealed recording: <participant>.<kind>.<index>.webm.enc
FIELD_PREFIX = "sealed:v1:"
BLOB_CHUNK = 1 << 20

_STREAM_INFO = b"courtroom/atrest/stream/v1|"
_WRAP_INFO = b"courtroom/atrest/case-key-wrap/v1"


class SealedError(ValueError):
    """A sealed file or field that does not decrypt: wrong key, tampered, or not sealed."""


# --- keys -----------------------------------------------------------------------------------

def new_data_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def _check_key(key: bytes) -> bytes:
    if not isinstance(key, (bytes, bytearray)) or len(key) != KEY_BYTES:
        raise ValueError("a data key is 32 bytes (AES-256)")
    return bytes(key)


def _wrapping_key(master_key: bytes) -> bytes:
    if not isinstance(master_key, (bytes, bytearray)) or len(master_key) < 32:
        raise ValueError("the master key must hold at least 32 bytes")
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=_WRAP_INFO).derive(bytes(master_key))


def wrap_key(master_key: bytes, case_id: uuid.UUID, data_key: bytes) -> bytes:
    """nonce | AES-256-GCM(KEK, data key), the case id as associated data (a wrapped key
    copied to another case's row does not unwrap)."""
    nonce = secrets.token_bytes(12)
    return nonce + AESGCM(_wrapping_key(master_key)).encrypt(nonce, _check_key(data_key), b"case/" + case_id.bytes)


def unwrap_key(master_key: bytes, case_id: uuid.UUID, wrapped: bytes) -> bytes:
    try:
        key = AESGCM(_wrapping_key(master_key)).decrypt(wrapped[:12], wrapped[12:], b"case/" + case_id.bytes)
    except (InvalidTag, ValueError):
        raise SealedError("案件密钥无法解开：主密钥不符或密钥记录被篡改 (case key does not unwrap)") from None
    return _check_key(key)


def _file_key(key: bytes, salt: bytes, file_id: bytes) -> AESGCM:
    derived = HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=_STREAM_INFO + file_id).derive(
        _check_key(key))
    return AESGCM(derived)


def _nonce(counter: int) -> bytes:
    return b"\x00\x00\x00\x00" + counter.to_bytes(8, "big")


def _aad(file_id: bytes, counter: int, kind: int, offset: int, length: int) -> bytes:
    return file_id + b"\x00" + struct.pack(">QBQI", counter, kind, offset, length)


def _header(salt: bytes, file_id: bytes) -> bytes:
    if len(file_id) > 0xFFFF:
        raise ValueError("file id too long")
    return MAGIC + salt + struct.pack(">H", len(file_id)) + file_id


def is_sealed_file(path: Path | str) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


# --- writing --------------------------------------------------------------------------------

class SealedWriter:
    """Writes a sealed file: one record per `append` / `patch`, each in one write().

    The plaintext it stands for is exactly what a plain writer making the same calls
    (write at the end / pwrite) would have on disk."""

    def __init__(self, path: Path | str, key: bytes, file_id: str, *, exclusive: bool = True) -> None:
        self.path = Path(path)
        self.file_id = file_id
        self._id = file_id.encode("utf-8")
        salt = secrets.token_bytes(SALT_BYTES)
        self._aead = _file_key(key, salt, self._id)
        flags = os.O_WRONLY | os.O_CREAT | (os.O_EXCL if exclusive else os.O_TRUNC)
        self._fd: int | None = os.open(self.path, flags, 0o640)
        self._counter = 0
        self.length = 0  # plaintext bytes so far
        self.stored = 0  # file bytes so far
        self._write_all(_header(salt, self._id))

    def _write_all(self, data: bytes) -> None:
        if self._fd is None:
            raise ValueError("sealed writer is closed")
        view = memoryview(data)
        while view:
            n = os.write(self._fd, view)
            view = view[n:]
            self.stored += n

    def _record(self, kind: int, offset: int, data: bytes) -> None:
        length = len(data) + TAG_BYTES
        if length > MAX_RECORD:
            raise ValueError("record too large; split the write")
        sealed = self._aead.encrypt(_nonce(self._counter), data, _aad(self._id, self._counter, kind, offset, length))
        self._write_all(RECORD_HEADER.pack(length, kind, offset) + sealed)
        self._counter += 1

    def append(self, data: bytes) -> None:
        for start in range(0, len(data), MAX_RECORD - TAG_BYTES):
            chunk = bytes(data[start:start + MAX_RECORD - TAG_BYTES])
            self._record(APPEND, self.length, chunk)
            self.length += len(chunk)

    def patch(self, offset: int, data: bytes) -> None:
        if offset < 0 or offset + len(data) > self.length:
            raise ValueError("a patch must overwrite bytes already written")
        self._record(PATCH, offset, bytes(data))

    def sync(self) -> None:
        if self._fd is not None:
            os.fsync(self._fd)

    def dup_fd(self) -> int | None:
        """A second descriptor of the file, for syncing it from another thread while writes go on."""
        return os.dup(self._fd) if self._fd is not None else None

    def close(self, *, finalize: bool = True) -> None:
        """`finalize` writes the END record (a clean close) and syncs the file."""
        if self._fd is None:
            return
        try:
            if finalize:
                self._record(END, self.length, b"")
                os.fsync(self._fd)
        finally:
            os.close(self._fd)
            self._fd = None


class RecordingEncryptor:
    """What a media room needs to seal its recording segments: one sealed writer per file,
    its file id the session's scope plus the file's name (so a segment file cannot be
    passed off as another)."""

    suffix = SEALED_SUFFIX

    def __init__(self, key: bytes, scope: str) -> None:
        self._key = _check_key(key)
        self.scope = scope

    def file_id(self, path: Path | str) -> str:
        return recording_file_id(self.scope, path)

    def open(self, path: Path | str) -> SealedWriter:
        return SealedWriter(path, self._key, self.file_id(path))


def recording_scope(hearing_id: uuid.UUID | str) -> str:
    return f"recording:{hearing_id}"


def recording_file_id(scope: str, path: Path | str) -> str:
    return f"{scope}/{Path(path).name}"


def blob_file_id(case_id: uuid.UUID | str, plain_sha256: str) -> str:
    return f"blob:{case_id}/{plain_sha256}"


def seal_file(src: Path | str, dest: Path | str, key: bytes, file_id: str, *, chunk: int = BLOB_CHUNK) -> tuple[str, int]:
    """Seal a whole file (a blob); returns (sha256, size) of the plaintext read."""
    digest = hashlib.sha256()
    size = 0
    writer = SealedWriter(dest, key, file_id, exclusive=False)
    try:
        with open(src, "rb") as fh:
            while block := fh.read(chunk):
                digest.update(block)
                size += len(block)
                writer.append(block)
        writer.close()
    except BaseException:
        writer.close(finalize=False)
        raise
    return digest.hexdigest(), size


def seal_bytes(data: bytes, key: bytes, file_id: str, *, chunk: int = BLOB_CHUNK) -> bytes:
    """A sealed file's bytes for `data`, built in memory (small blobs: PDFs, manifests)."""
    out = io.BytesIO()
    salt = secrets.token_bytes(SALT_BYTES)
    fid = file_id.encode("utf-8")
    aead = _file_key(key, salt, fid)
    out.write(_header(salt, fid))
    counter = 0

    def record(kind: int, offset: int, block: bytes) -> None:
        nonlocal counter
        length = len(block) + TAG_BYTES
        out.write(RECORD_HEADER.pack(length, kind, offset))
        out.write(aead.encrypt(_nonce(counter), block, _aad(fid, counter, kind, offset, length)))
        counter += 1

    for start in range(0, len(data), chunk):
        record(APPEND, start, data[start:start + chunk])
    record(END, len(data), b"")
    return out.getvalue()


# --- reading --------------------------------------------------------------------------------

class _Rec:
    __slots__ = ("counter", "kind", "offset", "length", "at")

    def __init__(self, counter: int, kind: int, offset: int, length: int, at: int) -> None:
        self.counter, self.kind, self.offset, self.length, self.at = counter, kind, offset, length, at

    @property
    def plain_len(self) -> int:
        return self.length - TAG_BYTES


class SealedReader(io.RawIOBase):
    """The plaintext of a sealed file, readable and seekable (PyAV can open it).

    Opening reads only the header and the record headers; reads decrypt the records they
    touch. `complete` is False for a file that was never closed cleanly (no END record);
    `truncated_bytes` counts a partial last record, which is ignored. Any record that
    fails to decrypt raises SealedError: nothing wrong is ever returned."""

    def __init__(self, source: Path | str | BinaryIO, key: bytes, file_id: str | None) -> None:
        super().__init__()
        if isinstance(source, (str, Path)):
            self._fh: BinaryIO = open(source, "rb")
            self._own = True
        else:
            self._fh, self._own = source, False
        self._pos = 0
        self._cache: OrderedDict[int, bytes] = OrderedDict()
        try:
            self._index(key, file_id)
        except BaseException:
            self.close()
            raise

    def _read_at(self, at: int, n: int) -> bytes:
        self._fh.seek(at)
        return self._fh.read(n)

    def _index(self, key: bytes, expected_id: str | None) -> None:
        self._fh.seek(0, os.SEEK_END)
        total = self._fh.tell()
        head = self._read_at(0, len(MAGIC) + SALT_BYTES + 2)
        if len(head) < len(MAGIC) + SALT_BYTES + 2 or head[:len(MAGIC)] != MAGIC:
            raise SealedError("不是加密存储的文件 (not a sealed file)")
        salt = head[len(MAGIC):len(MAGIC) + SALT_BYTES]
        (id_len,) = struct.unpack(">H", head[-2:])
        fid = self._read_at(len(head), id_len)
        if len(fid) < id_len:
            raise SealedError("加密文件头不完整 (sealed header truncated)")
        self.file_id = fid.decode("utf-8", "replace")
        if expected_id is not None and self.file_id != expected_id:
            raise SealedError(f"文件标识不符：{self.file_id} 不是 {expected_id} (file id mismatch)")
        self._id = fid
        self._aead = _file_key(key, salt, fid)
        pos = len(head) + id_len
        self._appends: list[_Rec] = []
        self._starts: list[int] = []
        self._patches: list[_Rec] = []
        self._patch_offsets: list[int] = []
        self._max_patch = 0
        length, counter = 0, 0
        self.complete = False
        self.truncated_bytes = 0
        patches = []
        while pos < total:
            raw = self._read_at(pos, RECORD_HEADER.size)
            if len(raw) < RECORD_HEADER.size:
                self.truncated_bytes = total - pos
                break
            clen, kind, offset = RECORD_HEADER.unpack(raw)
            if clen < TAG_BYTES or clen > MAX_RECORD or kind not in (APPEND, PATCH, END):
                raise SealedError(f"第 {counter} 条记录头损坏 (record {counter}: bad header)")
            if pos + RECORD_HEADER.size + clen > total:
                self.truncated_bytes = total - pos  # cut by a crash mid-record: ignored
                break
            rec = _Rec(counter, kind, offset, clen, pos + RECORD_HEADER.size)
            if self.complete:
                raise SealedError("结束记录之后仍有数据 (data after the END record)")
            if kind == APPEND:
                if offset != length:
                    raise SealedError(f"第 {counter} 条记录位置不符 (record {counter} out of place)")
                if rec.plain_len:
                    self._appends.append(rec)
                    self._starts.append(offset)
                length += rec.plain_len
            elif kind == PATCH:
                if offset + rec.plain_len > length:
                    raise SealedError(f"第 {counter} 条记录超出已写内容 (record {counter} patches unwritten bytes)")
                patches.append(rec)
            else:
                if offset != length or rec.plain_len:
                    raise SealedError("结束记录与内容长度不符 (END record does not match)")
                self._decrypt(rec)  # authenticate the clean close itself
                self.complete = True
            pos += RECORD_HEADER.size + clen
            counter += 1
        patches.sort(key=lambda r: r.offset)
        self._patches = patches
        self._patch_offsets = [r.offset for r in patches]
        self._max_patch = max((r.plain_len for r in patches), default=0)
        self.size = length
        self.records = counter
        self.stored_size = total

    def _decrypt(self, rec: _Rec) -> bytes:
        cached = self._cache.get(rec.counter)
        if cached is not None:
            self._cache.move_to_end(rec.counter)
            return cached
        data = self._read_at(rec.at, rec.length)
        try:
            plain = self._aead.decrypt(_nonce(rec.counter), data,
                                       _aad(self._id, rec.counter, rec.kind, rec.offset, rec.length))
        except InvalidTag:
            raise SealedError(f"第 {rec.counter} 条记录无法解密：密钥不符、被篡改或顺序被打乱 "
                              f"(record {rec.counter} does not authenticate)") from None
        self._cache[rec.counter] = plain
        if len(self._cache) > 256:
            self._cache.popitem(last=False)
        return plain

    def pread(self, start: int, n: int) -> bytes:
        """Plaintext bytes [start, start + n) (fewer at the end)."""
        end = min(self.size, start + max(0, n))
        if start >= end:
            return b""
        out = bytearray(end - start)
        i = max(0, bisect.bisect_right(self._starts, start) - 1)
        while i < len(self._appends) and self._appends[i].offset < end:
            rec = self._appends[i]
            lo, hi = max(start, rec.offset), min(end, rec.offset + rec.plain_len)
            if lo < hi:
                plain = self._decrypt(rec)
                out[lo - start:hi - start] = plain[lo - rec.offset:hi - rec.offset]
            i += 1
        if self._patches:
            j = bisect.bisect_left(self._patch_offsets, start - self._max_patch)
            hits = []
            while j < len(self._patches) and self._patches[j].offset < end:
                rec = self._patches[j]
                if rec.offset + rec.plain_len > start:
                    hits.append(rec)
                j += 1
            for rec in sorted(hits, key=lambda r: r.counter):  # later writes win
                plain = self._decrypt(rec)
                lo, hi = max(start, rec.offset), min(end, rec.offset + rec.plain_len)
                out[lo - start:hi - start] = plain[lo - rec.offset:hi - rec.offset]
        return bytes(out)

    def record_spans(self) -> list[tuple[int, int]]:
        """(file offset, length) of each whole record's ciphertext, in file order."""
        return sorted((r.at, r.length) for r in self._appends + self._patches)

    def verify(self) -> None:
        """Authenticate every record (raises SealedError on the first that fails)."""
        for rec in self._appends + self._patches:
            self._decrypt(rec)

    def iter_plaintext(self, start: int = 0, end: int | None = None, chunk: int = 1 << 16) -> Iterator[bytes]:
        end = self.size if end is None else min(end, self.size)
        pos = start
        while pos < end:
            block = self.pread(pos, min(chunk, end - pos))
            if not block:
                return
            yield block
            pos += len(block)

    # io.RawIOBase
    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.pread(self._pos, len(buffer))
        buffer[:len(data)] = data
        self._pos += len(data)
        return len(data)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: self.size}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def tell(self) -> int:
        return self._pos

    def close(self) -> None:
        if getattr(self, "_own", False) and not self._fh.closed:
            self._fh.close()
        super().close()


def open_sealed_bytes(data: bytes, key: bytes, file_id: str | None, *, require_complete: bool = True) -> bytes:
    """The plaintext of a sealed file held in memory."""
    with SealedReader(io.BytesIO(data), key, file_id) as reader:
        if require_complete and not reader.complete:
            raise SealedError("加密文件不完整 (sealed file has no END record)")
        return reader.pread(0, reader.size)


# --- fields ---------------------------------------------------------------------------------

def is_sealed_value(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FIELD_PREFIX)


def seal_text(key: bytes, text: str, context: str) -> str:
    nonce = secrets.token_bytes(12)
    sealed = AESGCM(_check_key(key)).encrypt(nonce, text.encode("utf-8"), context.encode("utf-8"))
    return FIELD_PREFIX + base64.urlsafe_b64encode(nonce + sealed).decode("ascii")


def open_text(key: bytes, token: str, context: str) -> str:
    if not is_sealed_value(token):
        raise SealedError("字段未加密 (field is not sealed)")
    try:
        raw = base64.urlsafe_b64decode(token[len(FIELD_PREFIX):].encode("ascii"))
        return AESGCM(_check_key(key)).decrypt(raw[:12], raw[12:], context.encode("utf-8")).decode("utf-8")
    except (InvalidTag, ValueError):
        raise SealedError(f"加密字段无法解密 (sealed field {context} does not open)") from None


def seal_json(key: bytes, value: Any, context: str) -> str:
    return seal_text(key, json.dumps(value, ensure_ascii=False, separators=(",", ":")), context)


def open_json(key: bytes, token: str, context: str) -> Any:
    return json.loads(open_text(key, token, context))
