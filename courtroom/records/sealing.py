"""Closed sessions at rest, wired to the server: the case key of a hearing, the encryptor
its media room records through, its recordings opened for members, and its blobs
(minutes PDFs as they are signed, dossier files, packages) sealed in the blob store.

The cryptography is signing.seal's; the keys are models.casekeys'. Callers check
who is asking before they get a key or a plaintext from here.

Blobs: a sealed blob is stored under the sha256 of its ciphertext and found through
`sealed_blobs` by the sha256 of its plaintext, which is what records, dossier entries
and chains keep naming. Its file id (associated data) is the case and that plaintext
sha256, so a ciphertext moved to another name or case does not open."""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import os
import tempfile
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping

from models import casekeys
from models.blobstore import Blob, FileBlobStore, read_all
from signing.hashing import sha256_file
from signing.seal import (
    RecordingEncryptor,
    SealedError,
    SealedReader,
    blob_file_id,
    is_sealed_file,
    open_sealed_bytes,
    recording_file_id,
    recording_scope,
    seal_bytes,
    seal_file,
)

if TYPE_CHECKING:
    from courtroom.context import ServerContext
    from models.hearings import Hearing


@dataclasses.dataclass(frozen=True)
class BlobScope:
    """Where a hearing's blobs go: in the clear (key None) or sealed under its case key."""

    case_id: uuid.UUID | None
    key: bytes | None

    @property
    def sealed(self) -> bool:
        return self.key is not None

    def sealed_case(self) -> uuid.UUID:
        if self.case_id is None:
            raise ValueError("a plain blob scope has no case")
        return self.case_id

    def sealing_key(self) -> bytes:
        if self.key is None:
            raise ValueError("a plain blob scope has no key")
        return self.key


PLAIN = BlobScope(None, None)


def _store(ctx: "ServerContext") -> FileBlobStore:
    return FileBlobStore(ctx.settings.blobs_dir)


async def key_for_hearing(ctx: "ServerContext", hearing_id: uuid.UUID) -> bytes | None:
    """The case key of a closed session (made on first use), None for a public hearing."""
    return await casekeys.key_for_hearing(ctx.db.pool, ctx.keys.master_key, hearing_id)


async def case_key(ctx: "ServerContext", case_id: uuid.UUID) -> bytes:
    key = await casekeys.case_key(ctx.db.pool, ctx.keys.master_key, case_id)  # created when missing
    if key is None:
        raise RuntimeError(f"case {case_id} has no data key")
    return key


async def scope_for_hearing(ctx: "ServerContext", hearing_id: uuid.UUID) -> BlobScope:
    sealed, case_id = await casekeys.hearing_seal(ctx.db.pool, hearing_id)
    if not sealed:
        return PLAIN
    return BlobScope(case_id, await case_key(ctx, case_id))


# --- recordings ------------------------------------------------------------------------------

async def recording_encryptor(ctx: "ServerContext", hearing: "Hearing") -> RecordingEncryptor | None:
    """What courtroom.media.mediaroom.MediaRoom(encryptor=...) takes for this hearing: None for a
    public hearing (plain WebM, unchanged), a sealing encryptor for a closed session."""
    if hearing.kind.value not in casekeys.SEALED_KINDS:
        return None
    return RecordingEncryptor(await case_key(ctx, hearing.case_id), recording_scope(hearing.id))


def recording_id(row: Mapping[str, Any]) -> str:
    """The file id a recording row's sealed file must carry."""
    return recording_file_id(recording_scope(row["hearing_id"]), row["path"])


def recording_file(ctx: "ServerContext", row: Mapping[str, Any]) -> Path | None:
    """The recording's file on this machine: its verified copy in the court's store when it
    has one (the bytes whose digest was taken at close, whatever a worker did to its own
    file since, e.g. one that stalled, lost the hearing and then finished the file), else
    where it was written."""
    if row.get("sha256") and row.get("stored_at") is not None:
        stored = _store(ctx).local_path(row["sha256"])
        if stored is not None:
            return stored
    path = Path(row["path"])
    if not path.is_file() and row.get("sha256"):
        path = _store(ctx).local_path(row["sha256"]) or path
    return path if path.is_file() else None


def open_recording(path: Path, key: bytes, row: Mapping[str, Any]) -> SealedReader:
    """A sealed recording's plaintext (WebM), for a member. Raises SealedError."""
    return SealedReader(path, key, recording_id(row))


# --- blobs -----------------------------------------------------------------------------------

async def put_bytes(ctx: "ServerContext", scope: BlobScope, data: bytes) -> Blob:
    """Store bytes; sealed in a sealed scope. Returns the plaintext's name and size."""
    store = _store(ctx)
    if not scope.sealed:
        return await asyncio.to_thread(store.put_bytes, data)
    plain_sha = hashlib.sha256(data).hexdigest()
    if await casekeys.sealed_blob(ctx.db.pool, scope.sealed_case(), plain_sha) is None:
        cipher = await asyncio.to_thread(seal_bytes, data, scope.sealing_key(), blob_file_id(scope.sealed_case(), plain_sha))
        stored = await asyncio.to_thread(store.put_bytes, cipher)
        await casekeys.record_sealed_blob(ctx.db.pool, scope.sealed_case(), plain_sha, stored.sha256, len(data))
    return Blob(plain_sha, len(data))


async def put_file(ctx: "ServerContext", scope: BlobScope, path: Path, *, move: bool = False) -> Blob:
    """Store a file; sealed in a sealed scope (the plaintext file is removed when `move`)."""
    store = _store(ctx)
    if not scope.sealed or is_sealed_file(path):
        # A file that is a sealed stream already (a closed session's recording, sealed as it
        # was recorded) is stored as it is: sealing it again would only double the work.
        return await asyncio.to_thread(store.put_file, path, move=move)
    plain_sha, size = await asyncio.to_thread(sha256_file, path)
    if await casekeys.sealed_blob(ctx.db.pool, scope.sealed_case(), plain_sha) is None:
        fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=".sealing-")
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            sealed_sha, _ = await asyncio.to_thread(seal_file, path, tmp, scope.sealing_key(), blob_file_id(scope.sealed_case(), plain_sha))
            if sealed_sha != plain_sha:
                raise IOError(f"{path} changed while it was being sealed")
            stored = await asyncio.to_thread(store.put_file, tmp, move=True)
        finally:
            tmp.unlink(missing_ok=True)
        await casekeys.record_sealed_blob(ctx.db.pool, scope.sealed_case(), plain_sha, stored.sha256, size)
    if move:
        path.unlink(missing_ok=True)
    return Blob(plain_sha, size)


async def read_bytes(ctx: "ServerContext", scope: BlobScope, sha256: str) -> bytes:
    """A blob's plaintext by its name, checked against it."""
    store = _store(ctx)
    if scope.sealed:
        found = await casekeys.sealed_blob(ctx.db.pool, scope.sealed_case(), sha256)
        if found is not None:
            cipher = await asyncio.to_thread(read_all, store, found["cipher_sha256"])
            plain = await asyncio.to_thread(open_sealed_bytes, cipher, scope.sealing_key(), blob_file_id(scope.sealed_case(), sha256))
            if hashlib.sha256(plain).hexdigest() != sha256:
                raise SealedError(f"sealed blob {sha256} opened to other bytes")
            return plain
    return await asyncio.to_thread(read_all, store, sha256)


async def open_blob(ctx: "ServerContext", scope: BlobScope, sha256: str, *,
                    open_streams: bool = True) -> tuple[Path, SealedReader | None]:
    """(local path, reader): the reader gives the plaintext of a sealed blob, or of a blob
    that is itself a sealed stream (a recording filed as it was recorded); None: the path
    is the plaintext itself (`open_streams=False`: a sealed-stream blob is returned as the
    bytes its name hashes). Raises LookupError when the blob is not on this machine."""
    store = _store(ctx)
    if scope.sealed:
        found = await casekeys.sealed_blob(ctx.db.pool, scope.sealed_case(), sha256)
        if found is not None:
            path = store.local_path(found["cipher_sha256"])
            if path is None:
                raise LookupError(sha256)
            reader = await asyncio.to_thread(SealedReader, path, scope.sealing_key(), blob_file_id(scope.sealed_case(), sha256))
            if not reader.complete:
                reader.close()
                raise SealedError(f"sealed blob {sha256} is incomplete")
            return path, reader
    path = store.local_path(sha256)
    if path is None:
        raise LookupError(sha256)
    if open_streams and scope.sealed and is_sealed_file(path):
        # Its name pins the exact ciphertext (content addressing, dossier chain), and only
        # the case key opens it; the file id in its header is taken as written.
        return path, await asyncio.to_thread(SealedReader, path, scope.sealing_key(), None)
    return path, None


__all__ = ["BlobScope", "PLAIN", "key_for_hearing", "case_key", "scope_for_hearing", "recording_encryptor",
           "recording_id", "recording_file", "open_recording", "put_bytes", "put_file", "read_bytes", "open_blob",
           "is_sealed_file"]
