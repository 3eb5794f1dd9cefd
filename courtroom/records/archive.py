"""Recordings beyond one machine's disk: each closed segment copied to the court's store.

A media worker writes segments to its local disk (crash-safe, courtroom/media/recording.py).
When one closes, its bytes are copied into the court's store (models/blobstore.py:
content-addressed by sha256, fsynced, read-only; COURTROOM_STORE_DIR, by default
<data dir>/blobs, an NFS or CephFS mount when workers are on several machines). The copy
is hashed on the way and must match the digest taken at close; then the row is marked
stored (with an audit event). Readers (playback, filing) find a recording by its path or
else by its digest in the store (courtroom.records.sealing.recording_file), so a worker's
disk may be lost once its segments are stored.

A copy that does not match is never taken for the recording: the row stays unstored, the
mismatch is audited, and the local file is kept.

Optionally (COURTROOM_S3_BUCKET) each stored segment is also copied to an S3-compatible
bucket with Object Lock, in compliance-mode retention (courtroom/cluster/bucket.py). Every
verified copy, store and bucket, is a row of recording_copies: the database knows where
each one is. A bucket copy that fails is logged and retried at the next archive_pending
(a worker's start-up, a hearing taken over); the segment is safe in the store meanwhile.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from courtroom.cluster.bucket import BucketError, LockedBucket
from models import audit, recordings
from models.blobstore import FileBlobStore

if TYPE_CHECKING:
    from courtroom.context import ServerContext

log = logging.getLogger(__name__)


async def archive_recording(ctx: "ServerContext", row: dict[str, Any]) -> bool:
    """Copy one finished segment into the store. Returns whether it is stored now."""
    if row.get("sha256") is None or row.get("stored_at") is not None:
        return False
    path = Path(row["path"])
    store = FileBlobStore(ctx.settings.blobs_dir)
    try:
        blob = await asyncio.to_thread(store.put_file, path)
    except OSError as exc:
        log.error("recording %s not copied to the store: %s", path, exc)
        return False
    if blob.sha256 != row["sha256"]:
        async with ctx.db.pool.acquire() as conn:
            await audit.append(conn, "recording.store_mismatch", audit.Actor.system(), hearing_id=row["hearing_id"],
                               detail={"recording_id": str(row["id"]), "path": str(path), "sha256_at_close": row["sha256"],
                                       "sha256_now": blob.sha256})
        log.error("recording %s changed after it was closed (%s != %s): kept, not stored", path, blob.sha256, row["sha256"])
        return False
    async with ctx.db.pool.acquire() as conn:
        stored = await recordings.mark_stored(conn, row["id"], sha256=blob.sha256, bytes_=blob.size)
        if stored:
            await recordings.add_copy(conn, row["id"], target="store", location=str(store.local_path(blob.sha256)),
                                      sha256=blob.sha256, bytes_=blob.size)
    if stored:
        await copy_to_bucket(ctx, row)
    return stored


async def copy_to_bucket(ctx: "ServerContext", row: dict[str, Any]) -> bool:
    """Copy one stored segment to the configured Object Lock bucket (if any). Returns
    whether a locked copy is recorded now."""
    try:
        bucket = LockedBucket.from_settings(ctx.settings)
        if bucket is None or row.get("sha256") is None:
            return False
        path = Path(row["path"])
        local = FileBlobStore(ctx.settings.blobs_dir).local_path(row["sha256"])
        copy = await asyncio.to_thread(bucket.put, local if local is not None else path, row["sha256"])
    except (BucketError, OSError) as exc:
        log.error("recording %s not copied to the S3 bucket (retried later): %s", row["path"], exc)
        return False
    async with ctx.db.pool.acquire() as conn:
        return await recordings.add_copy(conn, row["id"], target="s3", location=copy.location, sha256=copy.sha256,
                                         bytes_=copy.bytes, version_id=copy.version_id, lock_mode=copy.lock_mode,
                                         retain_until=copy.retain_until)


async def archive_pending(ctx: "ServerContext", hearing_id: uuid.UUID | None = None) -> int:
    """Store every finished segment not yet stored (of one hearing, or all). Returns how many."""
    done = 0
    for row in await recordings.unstored(ctx.db.pool, hearing_id):
        if await archive_recording(ctx, row):
            done += 1
    if ctx.settings.s3_bucket:  # stored earlier, bucket copy still missing (the bucket was down)
        for row in await recordings.without_copy(ctx.db.pool, "s3", hearing_id):
            await copy_to_bucket(ctx, row)
    return done
