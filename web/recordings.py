"""Recordings by byte range, for the record page's player (sealed ones decrypted for
members only, byte ranges included)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from courtroom.records import sealing
from models import recordings
from signing.seal import SealedError
from web.auth import context, deny, require_hearing_access, require_staff
from web.http import ApiError, path_uuid
from web.ranged import ranged_response
from web.record_access import (
    invitation_of,
    signing_token,
)


async def recording_media(request: Request) -> Response:
    """A recording segment, with HTTP byte ranges (seek in the player; resume a download)."""
    ctx = context(request)
    rec_id = path_uuid(request, "recording_id")
    row = await recordings.get(ctx.db.pool, rec_id)
    if signing_token(request):
        invitation = await invitation_of(request)
        if row is None or row["hearing_id"] != invitation.hearing_id:
            raise await deny(ctx, request, 404, "not_found", "未找到 (not found)", hearing_id=invitation.hearing_id,
                             member=True)
    else:
        account = await require_staff(request)
        if row is None:
            raise ApiError(404, "not_found", "未找到 (not found)")
        await require_hearing_access(request, account, row["hearing_id"])
    path = sealing.recording_file(ctx, row)
    if path is None:
        raise ApiError(404, "recording_missing", "录音录像文件不在本机 (recording file not found)")
    webm = "audio/webm" if row["kind"] == "audio" else "video/webm"
    if sealing.is_sealed_file(path):
        # A closed session's recording: decrypted for the member who passed the check above,
        # byte ranges over the plaintext WebM.
        key = await sealing.key_for_hearing(ctx, row["hearing_id"])
        if key is None:
            raise ApiError(500, "sealed_without_key", "录音录像已加密，但该庭审没有案件密钥 (no case key)")
        try:
            reader = await asyncio.to_thread(sealing.open_recording, path, key, row)
        except SealedError as exc:
            raise ApiError(500, "recording_damaged", f"加密录音录像无法解密：{exc}") from None
        return ranged_response(request, reader, webm, filename=Path(row["path"]).name.removesuffix(".enc"))
    media_type = webm if path.suffix in (".webm", "") else None
    return FileResponse(path, media_type=media_type, headers={"cache-control": "private, max-age=0"})


routes = [
    Route("/api/recordings/{recording_id}/media", recording_media, methods=["GET", "HEAD"]),
]
