"""HTTP byte ranges over a plaintext that is not a plain file: a sealed recording or blob
(signing.seal.SealedReader) decrypted as it is sent, so players can seek in a
closed session's recording exactly as in a public hearing's (web.recordings serves those
with Starlette's FileResponse)."""

from __future__ import annotations

import asyncio
import re
from typing import Protocol
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

CHUNK = 1 << 16
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


class PlainSource(Protocol):
    size: int

    def pread(self, start: int, n: int) -> bytes: ...

    def close(self) -> None: ...


def parse_range(header: str | None, size: int) -> tuple[int, int] | None:
    """(start, end inclusive) of a single-range header; None for the whole body.
    Raises ValueError when the range cannot be satisfied."""
    if not header:
        return None
    m = _RANGE.match(header.strip().replace(" ", ""))
    if not m or (not m.group(1) and not m.group(2)):
        return None  # multiple or malformed ranges: send it all (RFC 9110 allows ignoring Range)
    if m.group(1):
        start = int(m.group(1))
        end = min(int(m.group(2)), size - 1) if m.group(2) else size - 1
    else:  # suffix: the last N bytes
        n = int(m.group(2))
        start, end = max(0, size - n), size - 1
    if start >= size or start > end:
        raise ValueError("range not satisfiable")
    return start, end


def ranged_response(request: Request, source: PlainSource, media_type: str | None, *,
                    filename: str | None = None, cache_control: str = "private, no-store") -> Response:
    """200 or 206 (or 416) streaming `source`'s plaintext; closes `source` when done."""
    size = source.size
    headers = {"accept-ranges": "bytes", "cache-control": cache_control}
    if filename:
        headers["content-disposition"] = f"inline; filename*=utf-8''{quote(filename)}"
    try:
        wanted = parse_range(request.headers.get("range"), size)
    except ValueError:
        source.close()
        return Response(status_code=416, headers={**headers, "content-range": f"bytes */{size}"})
    start, end = wanted if wanted is not None else (0, size - 1)
    length = max(0, end - start + 1)
    status = 206 if wanted is not None else 200
    if wanted is not None:
        headers["content-range"] = f"bytes {start}-{end}/{size}"
    headers["content-length"] = str(length)
    if request.method == "HEAD":
        source.close()
        return Response(status_code=status, headers=headers, media_type=media_type)

    async def body():
        try:
            pos = start
            while pos <= end:
                block = await asyncio.to_thread(source.pread, pos, min(CHUNK, end - pos + 1))
                if not block:
                    return
                yield block
                pos += len(block)
        finally:
            source.close()

    return StreamingResponse(body(), status_code=status, headers=headers, media_type=media_type)
