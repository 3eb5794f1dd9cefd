"""Server-held signing keys of court staff, each encrypted at rest under the master key.

Layout: DIR/<signer_id>.key.pem (encrypted PKCS#8, mode 0600) and DIR/<signer_id>.cert.pem.
Each key's passphrase is derived from the master key and the signer id, so a key file
copied elsewhere is useless without the master key.
"""

from __future__ import annotations

import re
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from signing.ca import CourtCA, load_certificate
from signing.keywrap import decrypt_private_key, encrypt_private_key, write_private

_SIGNER_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


class KeystoreError(LookupError):
    """No key stored for a signer, or an unusable signer id."""


class Keystore:
    def __init__(self, directory: Path, master_key: bytes) -> None:
        self.directory = Path(directory)
        self._master_key = bytes(master_key)

    def _paths(self, signer_id: str) -> tuple[Path, Path]:
        if not _SIGNER_ID.match(signer_id):
            raise KeystoreError(f"invalid signer id {signer_id!r} (letters, digits, _ . -; at most 64)")
        return self.directory / f"{signer_id}.key.pem", self.directory / f"{signer_id}.cert.pem"

    @staticmethod
    def _purpose(signer_id: str) -> str:
        return f"staff-key/{signer_id}"

    def has(self, signer_id: str) -> bool:
        key_path, cert_path = self._paths(signer_id)
        return key_path.is_file() and cert_path.is_file()

    def signer_ids(self) -> list[str]:
        return sorted(p.name[: -len(".key.pem")] for p in self.directory.glob("*.key.pem"))

    def store(self, signer_id: str, key: ec.EllipticCurvePrivateKey, cert: x509.Certificate) -> None:
        if cert.public_key().public_numbers() != key.public_key().public_numbers():
            raise ValueError("certificate does not match the key")
        key_path, cert_path = self._paths(signer_id)
        write_private(key_path, encrypt_private_key(key, self._master_key, self._purpose(signer_id)))
        write_private(cert_path, cert.public_bytes(serialization.Encoding.PEM))

    def create(
        self, ca: CourtCA, signer_id: str, name: str, role: str, *, valid_days: int = 3 * 365, replace: bool = False
    ) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
        """Generate, certify and store a staff key; refuses to overwrite unless `replace`."""
        if self.has(signer_id) and not replace:
            raise KeystoreError(f"signer {signer_id} already has a key")
        key, cert = ca.issue_server_held_key(name, role, signer_id=signer_id, valid_days=valid_days)
        self.store(signer_id, key, cert)
        return key, cert

    def load(self, signer_id: str) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
        """The signer's key (decrypted with the master key) and certificate."""
        key_path, cert_path = self._paths(signer_id)
        if not key_path.is_file() or not cert_path.is_file():
            raise KeystoreError(f"no server-held key for signer {signer_id}")
        key = decrypt_private_key(key_path.read_bytes(), self._master_key, self._purpose(signer_id))
        cert = load_certificate(cert_path.read_bytes())
        if cert.public_key().public_numbers() != key.public_key().public_numbers():
            raise KeystoreError(f"stored certificate of {signer_id} does not match its key")
        return key, cert
