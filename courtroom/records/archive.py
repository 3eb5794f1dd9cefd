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
mismatch is audited, and the local file is kept. An S3-compatible bucket with Object Lock
is not implemented yet (the store is a path).
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
        return await recordings.mark_stored(conn, row["id"], sha256=blob.sha256, bytes_=blob.size)


async def archive_pending(ctx: "ServerContext", hearing_id: uuid.UUID | None = None) -> int:
    """Store every finished segment not yet stored (of one hearing, or all). Returns how many."""
    done = 0
    for row in await recordings.unstored(ctx.db.pool, hearing_id):
        if await archive_recording(ctx, row):
            done += 1
    return done
