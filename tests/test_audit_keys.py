"""Issue 13, finding 13: a staff member's signing key opens only with that person's
password; the server's files and master key alone open nothing; a password change
re-wraps the key (same key, same certificate); a forgotten password retires it."""

from __future__ import annotations

import json
import time
import uuid

import pytest
from cryptography.hazmat.primitives import serialization

from signing.keystore import Keystore, KeystoreError, WrongPassword, rewrap_staff_key
from signing.keywrap import KeyUnlockError, decrypt_private_key

MASTER = b"m" * 32
STAFF = uuid.uuid4()
SIGNER = f"staff-{STAFF.hex}-presiding_judge"


def public(key) -> bytes:
    return key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


def test_a_staff_key_needs_its_person(tmp_path, court_ca):
    store = Keystore(tmp_path / "signers", MASTER)
    key, cert = store.create(court_ca, SIGNER, "钱审判长", "presiding_judge", password="correct-horse-1")
    assert store.needs_password(SIGNER) and not (tmp_path / "signers" / f"{SIGNER}.key.pem").exists()
    # Whoever holds the data directory and the master key cannot sign as the judge.
    with pytest.raises(WrongPassword):
        store.load(SIGNER)
    with pytest.raises(WrongPassword):
        store.load(SIGNER, password="guess-1")
    pem = json.loads((tmp_path / "signers" / f"{SIGNER}.key.json").read_text())["key_pem"]
    assert pem.startswith("-----BEGIN ENCRYPTED PRIVATE KEY-----")
    with pytest.raises(KeyUnlockError, match="wrong master key"):  # the master-only scheme opens nothing here
        decrypt_private_key(pem.encode(), MASTER, f"staff-key/{SIGNER}")
    # Nor does the password with another server's master key.
    with pytest.raises(WrongPassword):
        Keystore(tmp_path / "signers", b"x" * 32).load(SIGNER, password="correct-horse-1")
    t = time.perf_counter()
    loaded, loaded_cert = store.load(SIGNER, password="correct-horse-1")
    print(f"\nunlocking a staff key (scrypt n=2^15 + PKCS#8): {time.perf_counter() - t:.3f} s")
    assert public(loaded) == public(key) and loaded_cert == cert


def test_a_password_change_rewraps_the_same_key(tmp_path, court_ca):
    store = Keystore(tmp_path / "signers", MASTER)
    key, cert = store.create(court_ca, SIGNER, "钱审判长", "presiding_judge", password="old-password-1")
    other = f"staff-{STAFF.hex}-judge"
    store.create(court_ca, other, "钱审判长", "judge", password="old-password-1")
    with pytest.raises(WrongPassword):  # only with the old password
        rewrap_staff_key(tmp_path / "signers", MASTER, STAFF, "not-it", "new-password-2")
    assert rewrap_staff_key(tmp_path / "signers", MASTER, STAFF, "old-password-1", "new-password-2") == 2
    with pytest.raises(WrongPassword):
        store.load(SIGNER, password="old-password-1")
    loaded, loaded_cert = store.load(SIGNER, password="new-password-2")
    assert public(loaded) == public(key) and loaded_cert == cert  # the same key, the same certificate
    store.load(other, password="new-password-2")


def test_a_key_from_before_is_upgraded_at_its_first_use(tmp_path, court_ca):
    store = Keystore(tmp_path / "signers", MASTER)
    key, cert = store.create(court_ca, SIGNER, "钱审判长", "presiding_judge")  # the old, master-only way
    assert not store.needs_password(SIGNER)
    store.load(SIGNER, password="correct-horse-1")
    assert store.needs_password(SIGNER) and not (tmp_path / "signers" / f"{SIGNER}.key.pem").exists()
    with pytest.raises(WrongPassword):
        store.load(SIGNER)


def test_a_forgotten_password_retires_the_key(tmp_path, court_ca):
    store = Keystore(tmp_path / "signers", MASTER)
    store.create(court_ca, SIGNER, "钱审判长", "presiding_judge", password="lost-password")
    assert store.retire_staff_keys(STAFF) == 1 and not store.has(SIGNER)
    assert len(list((tmp_path / "signers" / "retired").iterdir())) == 2  # kept, not deleted
    key, _ = store.create(court_ca, SIGNER, "钱审判长", "presiding_judge", password="new-password")
    assert public(store.load(SIGNER, password="new-password")[0]) == public(key)
    with pytest.raises(KeystoreError):
        store.create(court_ca, SIGNER, "钱审判长", "presiding_judge", password="x")  # no silent overwrite
