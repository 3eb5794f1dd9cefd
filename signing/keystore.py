"""Server-held signing keys: a staff member's, unlocked only with that person's password;
the court's own (the dossier seal), under the master key.

Electronic Signature Law art. 13: the signature creation data must be under the signer's
sole control when signing. A staff key is therefore wrapped with a key derived from the
person's password (scrypt) mixed with the master key (HKDF): the data directory and the
master key together open nothing without the person, and a stolen password opens nothing
without the server's files. Changing the password re-wraps the key (`rewrap`,
`rewrap_staff_key`); a forgotten password cannot be recovered by anyone: the old key is
retired and a new one certified at the next signature (`retire_staff_keys`).

Layout in DIR:
    <signer_id>.key.json   a person's key: {"format", "signer_id", "kdf": scrypt n/r/p/salt,
                           "key_pem": PKCS#8 encrypted under the derived passphrase}, 0600
    <signer_id>.key.pem    an organisation key (or a person's from before this change,
                           upgraded to .key.json at its first use with the password)
    <signer_id>.cert.pem   its certificate
    retired/               keys taken out of use, kept (nothing is deleted)

What an HSM or a per-user token would replace: the wrapped file and the moment the key
is in the server's memory. With a PKCS#11 token (a USB key in the judge's hand, or one
HSM slot per person whose PIN only that person knows) the private key never leaves the
device; pyHanko signs through `pyhanko.sign.pkcs11.PKCS11Signer`, and the password here
becomes the token's PIN, checked by the device, which also counts wrong PINs and locks.
The court's seal key would move to the HSM under the court's own PIN/quorum. Until then
the key exists in clear only in the signing process's memory for the one signature.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
import secrets
import uuid
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from signing.ca import CourtCA, load_certificate
from signing.keywrap import KeyUnlockError, decrypt_private_key, derive_passphrase, encrypt_private_key, write_private

_SIGNER_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
KEY_FORMAT = "courtroom-staff-key/2"
# scrypt cost: 32 MiB and ~0.1 s here per unlock (a signature), far more per guess offline.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1


class KeystoreError(LookupError):
    """No key stored for a signer, or an unusable signer id."""


class WrongPassword(KeystoreError):
    """The password does not unlock this person's key."""


def same_public_key(cert: x509.Certificate, key: ec.EllipticCurvePrivateKey) -> bool:
    """Whether `cert` certifies `key` (compared as SubjectPublicKeyInfo DER)."""
    spki = (serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return cert.public_key().public_bytes(*spki) == key.public_key().public_bytes(*spki)


def staff_prefix(staff_id: uuid.UUID | str) -> str:
    """Signer ids of one person's keys begin with this (one key per capacity: see filing)."""
    return f"staff-{uuid.UUID(str(staff_id)).hex}-"


class Keystore:
    def __init__(self, directory: Path, master_key: bytes) -> None:
        self.directory = Path(directory)
        self._master_key = bytes(master_key)

    def _check(self, signer_id: str) -> None:
        if not _SIGNER_ID.match(signer_id):
            raise KeystoreError(f"invalid signer id {signer_id!r} (letters, digits, _ . -; at most 64)")

    def _paths(self, signer_id: str) -> tuple[Path, Path, Path]:
        """(person's wrapped key, master-wrapped key, certificate)."""
        self._check(signer_id)
        d = self.directory
        return d / f"{signer_id}.key.json", d / f"{signer_id}.key.pem", d / f"{signer_id}.cert.pem"

    @staticmethod
    def _purpose(signer_id: str) -> str:
        return f"staff-key/{signer_id}"

    def _passphrase(self, signer_id: str, password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
        if not isinstance(password, str) or not password:
            raise WrongPassword("a password is needed to unlock this signing key")
        from_password = Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(password.encode("utf-8"))
        pepper = base64.b64decode(derive_passphrase(self._master_key, self._purpose(signer_id)))
        mixed = HKDF(algorithm=hashes.SHA256(), length=32, salt=pepper,
                     info=f"courtroom/staff-key/v2|{signer_id}".encode()).derive(from_password)
        return base64.b64encode(mixed)

    def has(self, signer_id: str) -> bool:
        person, org, cert = self._paths(signer_id)
        return (person.is_file() or org.is_file()) and cert.is_file()

    def needs_password(self, signer_id: str) -> bool:
        return self._paths(signer_id)[0].is_file()

    def signer_ids(self) -> list[str]:
        names = {p.name.split(".key.")[0] for p in self.directory.glob("*.key.*")}
        return sorted(n for n in names if _SIGNER_ID.match(n))

    def store(self, signer_id: str, key: ec.EllipticCurvePrivateKey, cert: x509.Certificate, *,
              password: str | None = None) -> None:
        """Store `key` wrapped with `password` (a person's key) or, without one, under the
        master key alone (an organisation key such as the dossier seal)."""
        if not same_public_key(cert, key):
            raise ValueError("certificate does not match the key")
        person, org, cert_path = self._paths(signer_id)
        if password is None:
            write_private(org, encrypt_private_key(key, self._master_key, self._purpose(signer_id)))
        else:
            salt = secrets.token_bytes(16)
            pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                    serialization.BestAvailableEncryption(
                                        self._passphrase(signer_id, password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)))
            doc = {"format": KEY_FORMAT, "signer_id": signer_id,
                   "kdf": {"name": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P,
                           "salt": base64.b64encode(salt).decode("ascii")},
                   "key_pem": pem.decode("ascii")}
            write_private(person, (json.dumps(doc, indent=1) + "\n").encode("utf-8"))
            if org.exists():
                org.unlink()  # no copy the master key alone could open
        write_private(cert_path, cert.public_bytes(serialization.Encoding.PEM))

    def create(
        self, ca: CourtCA, signer_id: str, name: str, role: str, *, valid_days: int = 3 * 365, replace: bool = False,
        password: str | None = None,
    ) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
        """Generate, certify and store a key; refuses to overwrite unless `replace` (the old
        one is then retired, not deleted)."""
        if self.has(signer_id):
            if not replace:
                raise KeystoreError(f"signer {signer_id} already has a key")
            self._retire(signer_id)
        key, cert = ca.issue_server_held_key(name, role, signer_id=signer_id, valid_days=valid_days)
        self.store(signer_id, key, cert, password=password)
        return key, cert

    def load(self, signer_id: str, *, password: str | None = None) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
        """The key and certificate. A person's key needs their `password` (WrongPassword
        otherwise); one still under the master key alone is upgraded when a password is given."""
        person, org, cert_path = self._paths(signer_id)
        if not cert_path.is_file() or not (person.is_file() or org.is_file()):
            raise KeystoreError(f"no server-held key for signer {signer_id}")
        if person.is_file():
            if password is None:
                raise WrongPassword(f"signer {signer_id}'s key is unlocked by the signer's password only")
            try:
                doc = json.loads(person.read_text("utf-8"))
                kdf = doc["kdf"]
                passphrase = self._passphrase(signer_id, password, base64.b64decode(kdf["salt"]),
                                              int(kdf["n"]), int(kdf["r"]), int(kdf["p"]))
                key = serialization.load_pem_private_key(doc["key_pem"].encode("ascii"), password=passphrase)
            except (ValueError, TypeError) as exc:
                raise WrongPassword(f"the password does not unlock signer {signer_id}'s key ({type(exc).__name__})") from None
            except KeyError as exc:
                raise KeystoreError(f"damaged key file for signer {signer_id} (missing {exc})") from None
        else:
            key = decrypt_private_key(org.read_bytes(), self._master_key, self._purpose(signer_id))
        if not isinstance(key, ec.EllipticCurvePrivateKey):
            raise KeyUnlockError(f"key of {signer_id} is not an EC key")
        cert = load_certificate(cert_path.read_bytes())
        if not same_public_key(cert, key):
            raise KeystoreError(f"stored certificate of {signer_id} does not match its key")
        if password is not None and not person.is_file():
            self.store(signer_id, key, cert, password=password)  # from now on the person is needed
        return key, cert

    def rewrap(self, signer_id: str, old_password: str, new_password: str) -> None:
        """Re-wrap a person's key under a new password (the old one must unlock it)."""
        key, cert = self.load(signer_id, password=old_password)
        self.store(signer_id, key, cert, password=new_password)

    def rewrap_staff_key(self, staff_id: uuid.UUID | str, old_password: str, new_password: str) -> int:
        """Re-wrap every key of one person (all capacities); returns how many. Call it when the
        person changes their password, with both passwords, before the new hash is committed."""
        prefix = staff_prefix(staff_id)
        ids = [s for s in self.signer_ids() if s.startswith(prefix)]
        for signer_id in ids:
            self.rewrap(signer_id, old_password, new_password)
        return len(ids)

    def _retire(self, signer_id: str) -> None:
        stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        retired = self.directory / "retired"
        retired.mkdir(parents=True, exist_ok=True)
        for path in self._paths(signer_id):
            if path.exists():
                path.rename(retired / f"{path.name}.{stamp}")

    def retire_staff_keys(self, staff_id: uuid.UUID | str) -> int:
        """Take a person's keys out of use (an administrator reset a forgotten password, or
        the account was disabled): the next signature gets a new key and certificate."""
        prefix = staff_prefix(staff_id)
        ids = [s for s in self.signer_ids() if s.startswith(prefix)]
        for signer_id in ids:
            self._retire(signer_id)
        return len(ids)


def rewrap_staff_key(directory: Path, master_key: bytes, staff_id: uuid.UUID | str, old_password: str,
                     new_password: str) -> int:
    """Module-level form of `Keystore.rewrap_staff_key` (blocking: scrypt per key)."""
    return Keystore(directory, master_key).rewrap_staff_key(staff_id, old_password, new_password)
