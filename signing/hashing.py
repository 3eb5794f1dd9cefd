"""SHA-256 of a file, the one digest every record, recording and package is named by."""

from __future__ import annotations

import hashlib
from pathlib import Path

_CHUNK = 1 << 20


def sha256_file(path: Path | str) -> tuple[str, int]:
    """(hex digest, size in bytes), read in 1 MiB blocks. Raises OSError when unreadable."""
    h, size = hashlib.sha256(), 0
    with open(path, "rb") as fh:
        while block := fh.read(_CHUNK):
            h.update(block)
            size += len(block)
    return h.hexdigest(), size
