"""Work around asn1crypto mistaking a definite length that ends in 0x80 for an indefinite one.

Why signatures with a time-stamp sometimes took 10-70 s (CPU in asn1crypto under pyHanko):

1. asn1crypto 1.5.1's `dump()` methods decide that a value was BER-encoded with an
   indefinite length when the last byte of its cached header is 0x80
   (`self._header[-1:] == b'\\x80'`). A definite long-form length whose low byte is 0x80
   (128, 384, ..., 1664 = `82 06 80` bytes) matches too, and the value is then re-encoded
   with `force=True`, which parses every nested value down to the leaves
   (asn1crypto issue #249, open; the PR that fixes it, #302, was not merged).
2. Parsing a SEQUENCE that omits a DEFAULT field creates the default value as a freshly
   constructed, hence "mutated", object. In an RFC 3161 token the ESSCertIDv2 in the
   TSA's signingCertificateV2 attribute omits its default hash algorithm (SHA-256).
   Once that happens, every enclosing value reports `_is_mutated()` for good, and each
   `dump()` re-encodes its contents on every access to `.contents` (two or three per
   level): the cost doubles or triples with each of the ~15 levels between the CMS
   SignedData pyHanko builds and that default field.

So whenever the SignerInfo (or another value above the token) that pyHanko assembles
happens to be 128 + 256·k bytes long, which depends on the signer's name and on the
lengths of the two ECDSA signatures, one signature costs 2^15-odd re-encodings. Earlier
signatures are not involved; signers whose certificate makes the length land there are
slow every time, the others never.

The fix: a definite length is not re-encoded as if it were indefinite. Each affected
`dump()` is wrapped; when the cached header only *ends* in 0x80 but its length octets
are definite, the header is dropped before the original method runs, so asn1crypto
recomputes the same DER header instead of forcing a deep re-encoding. A genuinely
indefinite length is left to asn1crypto as before. The wrappers are installed only
while asn1crypto still has the faulty test (checked in its source), so a fixed release
makes this module a no-op.
"""

from __future__ import annotations

import functools
import inspect
import threading
from typing import Callable

from asn1crypto import core

# The classes whose own dump() carries the faulty test (asn1crypto 1.5.1, core.py).
_CLASSES = (core.Asn1Value, core.Choice, core.Primitive, core.Sequence, core.SequenceOf)
_FAULTY_TEST = "self._header[-1:] == b'\\x80'"
_originals: dict[type, Callable] = {}
_lock = threading.Lock()


def last_length_is_indefinite(header: bytes) -> bool:
    """True when the innermost length in an asn1crypto header is BER's indefinite form (0x80).

    A header is one or more (identifier, length) pairs: explicit tagging puts the outer
    pairs first. Unreadable input answers True, which keeps asn1crypto's own behaviour.
    """
    i, n, indefinite = 0, len(header), True
    while i < n:
        if header[i] & 0x1F == 0x1F:  # high tag number: continuation octets until bit 8 is clear
            i += 1
            while i < n and header[i] & 0x80:
                i += 1
        i += 1
        if i >= n:
            return True
        length = header[i]
        i += 1
        indefinite = length == 0x80
        if length > 0x80:
            i += length & 0x7F
    return indefinite if i == n else True


def _wrap(original: Callable) -> Callable:
    @functools.wraps(original)
    def dump(self, force: bool = False) -> bytes:
        header = self._header
        if header is not None and header[-1:] == b"\x80" and not last_length_is_indefinite(header):
            # A definite length that merely ends in 0x80: let asn1crypto recompute the
            # (identical) DER header rather than take it for BER and re-encode the subtree.
            self._header = None
        return original(self, force)

    dump.__asn1_lengths_original__ = original  # type: ignore[attr-defined]
    return dump


def _faulty(cls: type) -> bool:
    try:
        return _FAULTY_TEST in inspect.getsource(cls.__dict__["dump"])
    except (KeyError, OSError, TypeError):
        return False


def install() -> bool:
    """Wrap asn1crypto's dump() methods (idempotent). False when asn1crypto needs no fix."""
    with _lock:
        if _originals:
            return True
        targets = [cls for cls in _CLASSES if _faulty(cls)]
        for cls in targets:
            _originals[cls] = cls.__dict__["dump"]
            cls.dump = _wrap(_originals[cls])
        return bool(targets)


def uninstall() -> None:
    """Restore asn1crypto's own dump() methods (benchmarks use it to time the old path)."""
    with _lock:
        for cls, original in _originals.items():
            setattr(cls, "dump", original)  # noqa: B010 - a class attribute restored by name
        _originals.clear()


def installed() -> bool:
    return bool(_originals)
