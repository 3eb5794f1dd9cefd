"""The server's own secrets, kept in the data directory (owner-only files) unless
configured: the key that signs join tokens and the master key that wraps at-rest keys
(signing keys of court staff, per-case keys of closed sessions).

Several servers behind one database must share both: set COURTROOM_TOKEN_KEY and
COURTROOM_MASTER_KEY (base64, 32 bytes) on each."""

from __future__ import annotations

import base64
import dataclasses
import os
import secrets
from pathlib import Path


def _load_or_create(path: Path, env: str) -> bytes:
    if os.environ.get(env):
        key = base64.b64decode(os.environ[env])
        if len(key) < 32:
            raise ValueError(f"{env} must hold at least 32 bytes (base64)")
        return key
    if path.exists():
        return base64.b64decode(path.read_bytes())
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(32)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(base64.b64encode(key))
    os.replace(tmp, path)
    return key


@dataclasses.dataclass(frozen=True)
class Keyring:
    join_token_key: bytes
    master_key: bytes

    @classmethod
    def load(cls, keys_dir: Path) -> "Keyring":
        return cls(
            join_token_key=_load_or_create(keys_dir / "join-token.key", "COURTROOM_TOKEN_KEY"),
            master_key=_load_or_create(keys_dir / "master.key", "COURTROOM_MASTER_KEY"),
        )
