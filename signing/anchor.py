"""Audit anchors: the heads of the audit chains, signed by the court and written outside
the database, so that a database superuser who rewrites, deletes or truncates audit rows
(and re-hashes what follows) is caught by comparing the database with the anchors.

An anchor is one line of JSON in an append-only log file:

    {"format": "courtroom-audit-anchor/1", "index": 7, "at": "2026-...Z", "reason": "periodic",
     "court": "...", "ca_sha256": "<hex of the CA certificate (DER)>",
     "heads": {"court": {"seq": 677, "hash": "<hex>"}, "<hearing id>": {...}},
     "prev": "<digest of anchor 6, or 64 zeros>",
     "signature": "<base64 DER ECDSA-SHA256 by the court CA key>",
     "timestamp": "<base64 DER RFC 3161 TimeStampToken>" (optional),
     "timestamp_error": "..." (optional: the TSA was configured but did not answer)}

The signed bytes are DOMAIN + canonical JSON of the body (everything but signature,
timestamp and timestamp_error). The ASCII prefix keeps an anchor signature from ever
being read as a certificate or CRL signature by the same key (those sign DER). The
time-stamp's imprint is sha256(signed bytes + signature). `prev` links each anchor to
the one before, so a line removed from or edited in the log shows too.

This module is cryptography and files only: no database (models/anchoring.py runs the
job; models/audit_check.py compares the database with the log).
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import errno
import fcntl
import hashlib
import json
import os
import struct
from pathlib import Path
from typing import Any, Iterator, Mapping

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from signing.chain import GENESIS, canonical_json

FORMAT = "courtroom-audit-anchor/1"
DOMAIN = b"courtroom/audit-anchor/v1\n"
UNTRUSTED_TIMESTAMP = "the time-stamp is not from a trusted TSA"

# linux/fs.h: FS_IOC_SETFLAGS / FS_IOC_GETFLAGS and FS_APPEND_FL ("chattr +a").
_FS_IOC_GETFLAGS = 0x80086601
_FS_IOC_SETFLAGS = 0x40086602
_FS_APPEND_FL = 0x00000020


class AnchorError(ValueError):
    """An anchor that cannot be read, or a log that cannot be written."""


class AnchorLogMoved(AnchorError):
    """Another writer appended first: build the anchor again on the new last one."""


@dataclasses.dataclass(frozen=True)
class Head:
    seq: int
    hash: str


@dataclasses.dataclass(frozen=True)
class Anchor:
    """One signed anchor, as read from or written to the log."""

    index: int
    at: str
    reason: str
    court: str
    ca_sha256: str
    heads: dict[str, Head]
    prev: str
    signature: str
    timestamp: str | None = None
    timestamp_error: str | None = None

    def body(self) -> dict[str, Any]:
        return {
            "format": FORMAT, "index": self.index, "at": self.at, "reason": self.reason, "court": self.court,
            "ca_sha256": self.ca_sha256, "prev": self.prev,
            "heads": {scope: {"seq": h.seq, "hash": h.hash} for scope, h in sorted(self.heads.items())},
        }

    def signed_bytes(self) -> bytes:
        return DOMAIN + canonical_json(self.body())

    def digest(self) -> str:
        """What the next anchor's `prev` names: sha256 of the signed bytes and the signature."""
        return hashlib.sha256(self.signed_bytes() + base64.b64decode(self.signature)).hexdigest()

    def timestamp_imprint(self) -> bytes:
        return hashlib.sha256(self.signed_bytes() + base64.b64decode(self.signature)).digest()

    @property
    def at_time(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.at)

    def to_json(self) -> bytes:
        doc = self.body()
        doc["signature"] = self.signature
        if self.timestamp:
            doc["timestamp"] = self.timestamp
        if self.timestamp_error:
            doc["timestamp_error"] = self.timestamp_error
        return canonical_json(doc)

    @classmethod
    def from_json(cls, data: bytes | str | Mapping[str, Any]) -> "Anchor":
        try:
            doc = json.loads(data) if isinstance(data, (bytes, str)) else dict(data)
            if doc.get("format") != FORMAT:
                raise AnchorError(f"not an audit anchor (format {doc.get('format')!r})")
            heads = {str(scope): Head(int(h["seq"]), str(h["hash"])) for scope, h in doc["heads"].items()}
            return cls(index=int(doc["index"]), at=str(doc["at"]), reason=str(doc["reason"]), court=str(doc["court"]),
                       ca_sha256=str(doc["ca_sha256"]), heads=heads, prev=str(doc["prev"]),
                       signature=str(doc["signature"]), timestamp=doc.get("timestamp"),
                       timestamp_error=doc.get("timestamp_error"))
        except AnchorError:
            raise
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise AnchorError(f"unreadable audit anchor ({exc})") from None


def same_public_key(cert: x509.Certificate, key: ec.EllipticCurvePrivateKey) -> bool:
    spki = (serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return cert.public_key().public_bytes(*spki) == key.public_key().public_bytes(*spki)


def certificate_sha256(cert: x509.Certificate) -> str:
    return hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()


def sign_anchor(key: ec.EllipticCurvePrivateKey, cert: x509.Certificate, *, index: int, prev: str, reason: str,
                heads: Mapping[str, Head], court: str, at: dt.datetime | None = None) -> Anchor:
    """A new anchor over `heads`, signed with the court CA's key (`cert` is its certificate)."""
    if not same_public_key(cert, key):
        raise AnchorError("the signing key does not belong to the certificate")
    when = (at or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc).isoformat(timespec="microseconds")
    unsigned = Anchor(index=index, at=when, reason=reason, court=court, ca_sha256=certificate_sha256(cert),
                      heads=dict(heads), prev=prev, signature="")
    signature = key.sign(unsigned.signed_bytes(), ec.ECDSA(hashes.SHA256()))
    return dataclasses.replace(unsigned, signature=base64.b64encode(signature).decode("ascii"))


def check_signature(anchor: Anchor, ca_cert: x509.Certificate) -> str | None:
    """None when the court CA signed this anchor as it stands; otherwise why not."""
    if anchor.ca_sha256 != certificate_sha256(ca_cert):
        return "signed under another CA certificate than the one trusted"
    public_key = ca_cert.public_key()
    if not isinstance(public_key, ec.EllipticCurvePublicKey):
        return "the CA key is not an EC key"
    try:
        public_key.verify(base64.b64decode(anchor.signature), anchor.signed_bytes(), ec.ECDSA(hashes.SHA256()))
    except (InvalidSignature, ValueError):
        return "the signature does not match the anchor (edited or forged)"
    return None


# -- RFC 3161 -----------------------------------------------------------------------------


async def request_timestamp(anchor: Anchor, tsa_url: str, *, timeout_s: float = 10.0) -> Anchor:
    """The anchor with an RFC 3161 time-stamp token from `tsa_url` (raises on failure)."""
    from pyhanko.sign.timestamps import HTTPTimeStamper

    token = await HTTPTimeStamper(tsa_url, timeout=int(max(1, timeout_s))).async_timestamp(
        anchor.timestamp_imprint(), "sha256")
    return dataclasses.replace(anchor, timestamp=base64.b64encode(token.dump()).decode("ascii"), timestamp_error=None)


async def check_timestamp(anchor: Anchor, tsa_root: x509.Certificate | None) -> tuple[dt.datetime | None, str | None]:
    """(time the TSA vouches for, problem or None). Without a root the token is checked
    for integrity and imprint but not for trust (the problem says so)."""
    if not anchor.timestamp:
        return None, None
    from asn1crypto import cms as a_cms
    from asn1crypto import x509 as a_x509
    from pyhanko.sign.validation.generic_cms import validate_tst_signed_data
    from pyhanko.sign.validation.status import TimestampSignatureStatus
    from pyhanko_certvalidator import ValidationContext

    try:
        content = a_cms.ContentInfo.load(base64.b64decode(anchor.timestamp))
        signed_data = content["content"]
        roots = [a_x509.Certificate.load(tsa_root.public_bytes(serialization.Encoding.DER))] if tsa_root else []
        context = ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")
        status = TimestampSignatureStatus(
            **await validate_tst_signed_data(signed_data, context, lambda _alg: anchor.timestamp_imprint()))
    except Exception as exc:
        return None, f"unreadable time-stamp ({type(exc).__name__}: {exc})"
    when = status.timestamp
    if not status.intact or not status.valid:
        return when, "the time-stamp does not cover this anchor"
    if not status.trusted:
        return when, UNTRUSTED_TIMESTAMP + ("" if tsa_root else " (no TSA root given)")
    return when, None


# -- the log ------------------------------------------------------------------------------


def _try_append_only(fd: int) -> bool:
    """Set the file's append-only attribute (chattr +a) where the filesystem and our
    privileges allow: then not even root can rewrite it without first clearing the flag
    (CAP_LINUX_IMMUTABLE). Best effort: the signatures and links catch edits anyway."""
    try:
        buf = bytearray(struct.pack("l", 0))
        fcntl.ioctl(fd, _FS_IOC_GETFLAGS, buf)
        flags = struct.unpack("l", bytes(buf))[0]
        if flags & _FS_APPEND_FL:
            return True
        fcntl.ioctl(fd, _FS_IOC_SETFLAGS, struct.pack("l", flags | _FS_APPEND_FL))
        return True
    except OSError:
        return False


class AnchorLog:
    """A write-once file of anchors: opened O_APPEND only, one line per anchor, fsync'd
    (the file and, when it is created, its directory) before `append` returns. An flock
    serialises writers (several server processes sharing one data directory)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.append_only_flag: bool | None = None  # whether chattr +a took, once a line was written

    def _open_for_append(self) -> int:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        created = not self.path.exists()
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
        if created:
            dir_fd = os.open(self.path.parent, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
        return fd

    def append(self, anchor: Anchor) -> Anchor:
        """Append `anchor`, which must continue the last one in the log (checked under the
        writers' lock: `AnchorLogMoved` when another writer got there first), and make it
        durable before returning."""
        fd = self._open_for_append()
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            last = self.last()
            expected = (last.index + 1, last.digest()) if last else (1, GENESIS)
            if (anchor.index, anchor.prev) != expected:
                raise AnchorLogMoved(f"anchor {anchor.index} does not continue the log (expected {expected[0]})")
            line = anchor.to_json() + b"\n"
            view = memoryview(line)
            while view:
                try:
                    n = os.write(fd, view)
                except OSError as exc:
                    raise AnchorError(f"cannot write the anchor log {self.path}: "
                                      f"{os.strerror(exc.errno or errno.EIO)}") from exc
                view = view[n:]
            os.fsync(fd)
            self.append_only_flag = _try_append_only(fd)
            return anchor
        finally:
            os.close(fd)  # closing releases the flock

    def next_position(self) -> tuple[int, str]:
        """(index, prev) for the next anchor, from the last one in the log."""
        last = self.last()
        return (last.index + 1, last.digest()) if last else (1, GENESIS)

    def lines(self) -> Iterator[tuple[int, bytes]]:
        """(line number, bytes) of every line, the last one even without its newline."""
        try:
            with open(self.path, "rb") as fh:
                for number, line in enumerate(fh, start=1):
                    yield number, line.rstrip(b"\n")
        except FileNotFoundError:
            return

    def read(self) -> tuple[list[Anchor], list[str]]:
        """Every readable anchor, and a problem for each line that is not one."""
        anchors: list[Anchor] = []
        problems: list[str] = []
        for number, line in self.lines():
            if not line.strip():
                problems.append(f"line {number}: empty line in the anchor log")
                continue
            try:
                anchors.append(Anchor.from_json(line))
            except AnchorError as exc:
                problems.append(f"line {number}: {exc}")
        return anchors, problems

    def last(self) -> Anchor | None:
        """The last readable anchor (reads the tail only)."""
        try:
            with open(self.path, "rb") as fh:
                fh.seek(0, os.SEEK_END)
                size = fh.tell()
                block = 1 << 16
                pos, tail = size, b""
                while pos > 0:
                    step = min(block, pos)
                    pos -= step
                    fh.seek(pos)
                    tail = fh.read(step) + tail
                    lines = [ln for ln in tail.split(b"\n") if ln.strip()]
                    if len(lines) >= 2 or pos == 0:
                        break
        except FileNotFoundError:
            return None
        for line in reversed([ln for ln in tail.split(b"\n") if ln.strip()]):
            try:
                return Anchor.from_json(line)
            except AnchorError:
                continue
        return None


def verify_log(anchors: list[Anchor], ca_cert: x509.Certificate) -> list[str]:
    """Problems with the log itself: a bad signature, a broken or reordered link."""
    problems: list[str] = []
    prev, expected = GENESIS, 1
    for anchor in anchors:
        why = check_signature(anchor, ca_cert)
        if why:
            problems.append(f"anchor {anchor.index}: {why}")
        if anchor.index != expected:
            problems.append(f"anchor {anchor.index}: expected anchor {expected} here (anchors removed or reordered)")
        if anchor.prev != prev:
            problems.append(f"anchor {anchor.index}: does not link to the anchor before it (log edited)")
        prev, expected = anchor.digest(), anchor.index + 1
    return problems
