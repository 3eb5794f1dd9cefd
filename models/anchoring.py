"""The anchoring job: every minute (and when a hearing closes, and for each dossier
package), the heads of the audit chains that moved are signed by the court CA and
appended to the anchor log outside PostgreSQL (signing/anchor.py), time-stamped by the
court's TSA when one is configured.

A TSA that does not answer does not stop anchoring: the anchor is written with the
reason in `timestamp_error` (the signature and the log still hold)."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from pathlib import Path
from typing import Mapping

import asyncpg
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec

from signing.anchor import Anchor, AnchorLog, AnchorLogMoved, Head, request_timestamp, sign_anchor

log = logging.getLogger(__name__)

ANCHOR_INTERVAL_S = 60.0


def anchor_log_path(data_dir: Path, configured: Path | str | None = None) -> Path:
    """Where the anchor log lives: `configured` when set (another disk, a WORM mount, a
    remote file system), else <data dir>/audit/anchors.jsonl."""
    return Path(configured) if configured else Path(data_dir) / "audit" / "anchors.jsonl"


async def current_heads(conn: asyncpg.Connection | asyncpg.Pool, scopes: list[str] | None = None) -> dict[str, Head]:
    """The recorded head of every chain (or of `scopes`), empty chains left out."""
    if scopes is None:
        rows = await conn.fetch("select scope, seq, hash from audit_heads where seq > 0")
    else:
        rows = await conn.fetch("select scope, seq, hash from audit_heads where seq > 0 and scope = any($1::text[])",
                                list(scopes))
    return {r["scope"]: Head(int(r["seq"]), r["hash"]) for r in rows}


def anchored_heads(anchors: list[Anchor]) -> dict[str, Head]:
    """The latest anchored head of each scope."""
    latest: dict[str, Head] = {}
    for anchor in anchors:
        for scope, head in anchor.heads.items():
            if scope not in latest or head.seq >= latest[scope].seq:
                latest[scope] = head
    return latest


class Anchorer:
    """Signs and writes anchors; `run` does it every `interval_s` for the heads that moved."""

    def __init__(self, pool: asyncpg.Pool, ca_key: ec.EllipticCurvePrivateKey, ca_cert: x509.Certificate,
                 log_path: Path, *, court: str, tsa_url: str | None = None,
                 interval_s: float = ANCHOR_INTERVAL_S, tsa_timeout_s: float = 10.0) -> None:
        self.pool = pool
        self.log = AnchorLog(log_path)
        self.court = court
        self.tsa_url = tsa_url
        self.interval_s = interval_s
        self.tsa_timeout_s = tsa_timeout_s
        self.last_error: str | None = None
        self.last_anchor: Anchor | None = None
        self._key = ca_key
        self._cert = ca_cert
        self._anchored: dict[str, Head] | None = None
        self._lock = asyncio.Lock()
        self._task: asyncio.Task | None = None
        self._wake = asyncio.Event()

    async def _load(self) -> dict[str, Head]:
        if self._anchored is None:
            anchors, problems = await asyncio.to_thread(self.log.read)
            for problem in problems:
                log.error("anchor log %s: %s", self.log.path, problem)
            self._anchored = anchored_heads(anchors)
        return self._anchored

    async def anchor(self, reason: str, *, scopes: list[str] | None = None,
                     heads: Mapping[str, Head] | None = None) -> Anchor | None:
        """Anchor now. `heads`: exactly these (a package names the head it carries);
        `scopes`: these scopes' current heads, anchored even if unchanged; neither: every
        head that moved since the last anchor (None when none did)."""
        async with self._lock:
            anchored = await self._load()
            if heads is not None:
                chosen = dict(heads)
            elif scopes is not None:
                chosen = await current_heads(self.pool, scopes)
            else:
                chosen = {s: h for s, h in (await current_heads(self.pool)).items() if anchored.get(s) != h}
            if not chosen:
                return None
            anchor = await self._write(reason, chosen)
            for scope, head in chosen.items():
                if scope not in anchored or head.seq >= anchored[scope].seq:
                    anchored[scope] = head
            self.last_anchor = anchor
            self.last_error = None
            return anchor

    async def _write(self, reason: str, heads: dict[str, Head]) -> Anchor:
        for _ in range(5):
            index, prev = await asyncio.to_thread(self.log.next_position)
            anchor = sign_anchor(self._key, self._cert, index=index, prev=prev, reason=reason, heads=heads,
                                 court=self.court)
            if self.tsa_url:
                try:
                    anchor = await asyncio.wait_for(request_timestamp(anchor, self.tsa_url, timeout_s=self.tsa_timeout_s),
                                                    self.tsa_timeout_s + 5)
                except Exception as exc:  # an outage must not stop anchoring
                    log.warning("time-stamping anchor %d failed: %s", index, exc)
                    anchor = dataclasses.replace(anchor, timestamp_error=f"{type(exc).__name__}: {exc}"[:300])
            try:
                return await asyncio.to_thread(self.log.append, anchor)
            except AnchorLogMoved:
                continue  # another process appended first: sign again on its anchor
        raise RuntimeError("the anchor log kept moving under us")

    def kick(self) -> None:
        """Anchor soon (a hearing closed) without waiting for the minute."""
        self._wake.set()

    async def run(self) -> None:
        while True:
            try:
                await asyncio.wait_for(self._wake.wait(), self.interval_s)
            except asyncio.TimeoutError:
                pass
            self._wake.clear()
            try:
                await self.anchor("periodic")
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                self.last_error = f"{type(exc).__name__}: {exc}"
                log.error("anchoring the audit chains failed: %s", self.last_error)

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self.run(), name="audit-anchoring")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
            self._task = None
        try:
            await self.anchor("shutdown")
        except Exception as exc:
            log.error("final anchor failed: %s", exc)
