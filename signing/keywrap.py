"""Private keys encrypted at rest under a passphrase derived from the court's master key.

Each stored key gets its own passphrase, HKDF-SHA256(master_key, info=purpose), so one
leaked passphrase opens one key, and nothing opens without the master key.
"""

from __future__ import annotations

import base64
import os
from pathlib import Path

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MIN_MASTER_KEY_BYTES = 16


class KeyUnlockError(ValueError):
    """A stored key could not be decrypted: wrong master key or damaged file."""


def derive_passphrase(master_key: bytes, purpose: str) -> bytes:
    if not isinstance(master_key, (bytes, bytearray)):
        raise TypeError("master_key must be bytes")
    if len(master_key) < MIN_MASTER_KEY_BYTES:
        raise ValueError(f"master_key must hold at least {MIN_MASTER_KEY_BYTES} bytes")
    raw = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=f"courtroom/{purpose}".encode()).derive(
        bytes(master_key)
    )
    return base64.b64encode(raw)


def encrypt_private_key(key: ec.EllipticCurvePrivateKey, master_key: bytes, purpose: str) -> bytes:
    """PKCS#8 PEM, encrypted with the best scheme `cryptography` offers."""
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(derive_passphrase(master_key, purpose)),
    )


def decrypt_private_key(pem: bytes, master_key: bytes, purpose: str) -> ec.EllipticCurvePrivateKey:
    try:
        key = serialization.load_pem_private_key(pem, password=derive_passphrase(master_key, purpose))
    except (ValueError, TypeError) as exc:
        raise KeyUnlockError(f"cannot unlock key '{purpose}': wrong master key or damaged file ({exc})") from None
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise KeyUnlockError(f"key '{purpose}' is not an EC key")
    return key


def write_private(path: Path, data: bytes) -> None:
    """Write a file readable by its owner only, atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)
