"""Content-addressed blob store: signed PDFs, dossier packages, filed copies of recordings.

A blob is named by the sha256 of its bytes, so storing the same bytes twice is a no-op,
a name can never point at other content, and a reader can check what it got. The
default store is a directory (`settings.blobs_dir`, files at ab/cd/<sha256>, written to
a temporary file, fsynced, then renamed into place, so a crash never leaves a partial
blob under a real name). `BlobStore` is the whole interface, small enough for an
S3-compatible store to implement (put = PUT with x-amz-checksum-sha256, open = ranged
GET); `local_path` may then return None and callers stream through `open` instead.

Methods are blocking (file or network I/O): call them through asyncio.to_thread from
async code."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import tempfile
from pathlib import Path
from typing import BinaryIO, Protocol

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_CHUNK = 1 << 20


class BlobNotFound(LookupError):
    pass


class BlobCorrupt(IOError):
    """A stored blob whose bytes no longer hash to its name."""


@dataclasses.dataclass(frozen=True)
class Blob:
    sha256: str
    size: int


def check_name(sha256: str) -> str:
    if not isinstance(sha256, str) or not _SHA256.match(sha256):
        raise ValueError(f"not a sha256 hex digest: {sha256!r}")
    return sha256


class BlobStore(Protocol):
    def put_bytes(self, data: bytes) -> Blob: ...

    def put_file(self, path: Path, *, move: bool = False) -> Blob: ...

    def open(self, sha256: str) -> BinaryIO: ...

    def size(self, sha256: str) -> int: ...

    def exists(self, sha256: str) -> bool: ...

    def local_path(self, sha256: str) -> Path | None: ...


class FileBlobStore:
    """Blobs as read-only files under one directory."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def _path(self, sha256: str) -> Path:
        check_name(sha256)
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def _commit(self, tmp: Path, sha256: str) -> Path:
        dest = self._path(sha256)
        if dest.exists():
            tmp.unlink()
            return dest
        dest.parent.mkdir(parents=True, exist_ok=True)
        os.chmod(tmp, 0o444)
        os.replace(tmp, dest)
        return dest

    def _tmp(self) -> tuple[int, Path]:
        (self.root / "tmp").mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=self.root / "tmp", prefix="blob-")
        return fd, Path(name)

    def put_bytes(self, data: bytes) -> Blob:
        sha = hashlib.sha256(data).hexdigest()
        if self.exists(sha):
            return Blob(sha, len(data))
        fd, tmp = self._tmp()
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        self._commit(tmp, sha)
        return Blob(sha, len(data))

    def put_file(self, path: Path, *, move: bool = False) -> Blob:
        """Copy a file in, hashing on the way (one read of the source). With `move`, a file
        the caller no longer needs (a package built in a scratch directory) is renamed into
        place instead of copied, when it lives on the same file system."""
        if move:
            moved = self._move_in(Path(path))
            if moved is not None:
                return moved
        h = hashlib.sha256()
        size = 0
        fd, tmp = self._tmp()
        try:
            with open(path, "rb") as src, os.fdopen(fd, "wb") as dst:
                while chunk := src.read(_CHUNK):
                    h.update(chunk)
                    dst.write(chunk)
                    size += len(chunk)
                dst.flush()
                os.fsync(dst.fileno())
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        self._commit(tmp, h.hexdigest())
        return Blob(h.hexdigest(), size)

    def _move_in(self, path: Path) -> Blob | None:
        h = hashlib.sha256()
        size = 0
        with open(path, "rb+") as fh:
            while chunk := fh.read(_CHUNK):
                h.update(chunk)
                size += len(chunk)
            os.fsync(fh.fileno())
        sha = h.hexdigest()
        dest = self._path(sha)
        if dest.exists():
            path.unlink()
            return Blob(sha, size)
        dest.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.chmod(path, 0o444)
            os.replace(path, dest)
        except OSError:  # another file system: copy instead
            return None
        return Blob(sha, size)

    def open(self, sha256: str) -> BinaryIO:
        try:
            return open(self._path(sha256), "rb")
        except FileNotFoundError:
            raise BlobNotFound(sha256) from None

    def size(self, sha256: str) -> int:
        try:
            return self._path(sha256).stat().st_size
        except FileNotFoundError:
            raise BlobNotFound(sha256) from None

    def exists(self, sha256: str) -> bool:
        return self._path(sha256).is_file()

    def local_path(self, sha256: str) -> Path | None:
        path = self._path(sha256)
        return path if path.is_file() else None


def read_all(store: BlobStore, sha256: str) -> bytes:
    """Any store's blob as bytes, checked against its name."""
    with store.open(sha256) as fh:
        data = fh.read()
    if hashlib.sha256(data).hexdigest() != sha256:
        raise BlobCorrupt(f"blob {sha256} is damaged")
    return data
