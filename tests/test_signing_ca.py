"""Court CA and the staff keystore: certificates carry the right usages, keys stay encrypted at rest."""

import os
import stat

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from signing.ca import DOCUMENT_SIGNING, CertificateRequestError, CourtCA, subject_fields
from signing.keystore import Keystore, KeystoreError
from signing.keywrap import KeyUnlockError

MASTER = bytes(range(32))


def test_ca_round_trip_encrypted(tmp_path):
    ca = CourtCA.load_or_create(tmp_path, MASTER, "示范市中级人民法院")
    pem = (tmp_path / "court-ca.key.pem").read_bytes()
    assert b"ENCRYPTED PRIVATE KEY" in pem
    assert stat.S_IMODE(os.stat(tmp_path / "court-ca.key.pem").st_mode) == 0o600
    again = CourtCA.load_or_create(tmp_path, MASTER, "ignored")
    assert again.cert == ca.cert
    assert again.court_name == "示范市中级人民法院"
    with pytest.raises(KeyUnlockError):
        CourtCA.load(tmp_path, bytes(32))
    with pytest.raises(ValueError):
        CourtCA.load(tmp_path, b"short")


def test_ca_certificate_is_a_p256_root(court_ca):
    cert = court_ca.cert
    assert isinstance(cert.public_key().curve, ec.SECP256R1)
    bc = cert.extensions.get_extension_for_class(x509.BasicConstraints)
    assert bc.critical and bc.value.ca
    ku = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert ku.key_cert_sign and ku.crl_sign


def test_signer_certificate(court_ca):
    key, cert = court_ca.issue_server_held_key("王书记", "clerk", signer_id="staff-7")
    cert.verify_directly_issued_by(court_ca.cert)
    assert subject_fields(cert) == {"name": "王书记", "court": "示范市中级人民法院", "role": "书记员", "signer_id": "staff-7"}
    assert cert.subject.get_attributes_for_oid(NameOID.TITLE)[0].value == "书记员"
    ku = cert.extensions.get_extension_for_class(x509.KeyUsage)
    assert ku.critical and ku.value.digital_signature and ku.value.content_commitment
    assert not ku.value.key_cert_sign
    eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert DOCUMENT_SIGNING in eku and ExtendedKeyUsageOID.EMAIL_PROTECTION in eku
    assert not cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    other_key, other = court_ca.issue_server_held_key("王书记", "clerk")
    assert other.serial_number != cert.serial_number


def test_only_p256_keys_are_certified(court_ca):
    with pytest.raises(CertificateRequestError):
        court_ca.issue_certificate(ed25519.Ed25519PrivateKey.generate().public_key(), name="x", role="plaintiff")
    with pytest.raises(CertificateRequestError):
        court_ca.issue_certificate(ec.generate_private_key(ec.SECP384R1()).public_key(), name="x", role="plaintiff")
    with pytest.raises(CertificateRequestError):
        court_ca.issue_certificate(ec.generate_private_key(ec.SECP256R1()).public_key(), name=" ", role="plaintiff")


def test_keystore(tmp_path, court_ca):
    store = Keystore(tmp_path / "keys", MASTER)
    key, cert = store.create(court_ca, "judge-1", "钱审判", "presiding_judge")
    assert store.has("judge-1") and store.signer_ids() == ["judge-1"]
    assert b"ENCRYPTED PRIVATE KEY" in (tmp_path / "keys" / "judge-1.key.pem").read_bytes()
    loaded_key, loaded_cert = store.load("judge-1")
    assert loaded_cert == cert
    assert loaded_key.private_numbers() == key.private_numbers()
    with pytest.raises(KeystoreError):
        store.create(court_ca, "judge-1", "钱审判", "presiding_judge")
    with pytest.raises(KeystoreError):
        store.load("nobody")
    with pytest.raises(KeystoreError):
        store.load("../etc/passwd")
    # Another master key cannot unlock it, and keys are bound to their signer id.
    with pytest.raises(KeyUnlockError):
        Keystore(tmp_path / "keys", bytes(32)).load("judge-1")
    (tmp_path / "keys" / "judge-2.key.pem").write_bytes((tmp_path / "keys" / "judge-1.key.pem").read_bytes())
    (tmp_path / "keys" / "judge-2.cert.pem").write_bytes((tmp_path / "keys" / "judge-1.cert.pem").read_bytes())
    with pytest.raises(KeyUnlockError):
        store.load("judge-2")
