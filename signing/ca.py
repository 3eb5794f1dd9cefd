"""The court's certificate authority: one ECDSA P-256 root that certifies each signer.

The root key is kept encrypted at rest (see `atrest`). Signer certificates carry
digitalSignature + nonRepudiation (critical; pyHanko requires nonRepudiation) and the
document-signing and e-mail-protection key purposes (RFC 9336 documentSigning for
what the key is for; emailProtection because NSS, and so pdfsig, checks signer
certificates for the e-mail signer usage).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier

from signing.keywrap import decrypt_private_key, encrypt_private_key, write_private
from signing.roles import ROLE_LABELS

# RFC 9336 id-kp-documentSigning.
DOCUMENT_SIGNING = ObjectIdentifier("1.3.6.1.5.5.7.3.36")

CA_KEY_FILE = "court-ca.key.pem"
CA_CERT_FILE = "court-ca.cert.pem"
_CA_PURPOSE = "court-ca"


class CertificateRequestError(ValueError):
    """A public key or name that the court CA will not certify."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def require_p256(public_key: object) -> ec.EllipticCurvePublicKey:
    if not isinstance(public_key, ec.EllipticCurvePublicKey) or not isinstance(public_key.curve, ec.SECP256R1):
        raise CertificateRequestError("only ECDSA P-256 keys are certified (pdfsig rejects Ed25519; SM2 has no PDF route)")
    return public_key


def load_certificate(data: bytes | str | Path) -> x509.Certificate:
    """A certificate from PEM or DER bytes, or from a file path."""
    if isinstance(data, (str, Path)):
        data = Path(data).read_bytes()
    if data.lstrip().startswith(b"-----BEGIN"):
        return x509.load_pem_x509_certificate(data)
    return x509.load_der_x509_certificate(data)


@dataclasses.dataclass(frozen=True)
class CourtCA:
    """The court root: its key, its self-signed certificate and the court's name."""

    key: ec.EllipticCurvePrivateKey
    cert: x509.Certificate

    @property
    def court_name(self) -> str:
        return str(self.cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value)

    @property
    def cert_pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)

    @classmethod
    def create(cls, court_name: str, *, valid_days: int = 20 * 365, now: dt.datetime | None = None) -> "CourtCA":
        if not court_name.strip():
            raise CertificateRequestError("court_name is empty")
        key = ec.generate_private_key(ec.SECP256R1())
        start = now or _now()
        name = x509.Name(
            [
                x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, court_name),
                x509.NameAttribute(NameOID.COMMON_NAME, f"{court_name} 电子签名根证书"),
            ]
        )
        ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
        cert = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(start - dt.timedelta(minutes=5))
            .not_valid_after(start + dt.timedelta(days=valid_days))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=False,
                    content_commitment=False,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=True,
                    crl_sign=True,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(ski, critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski), critical=False)
            .sign(key, hashes.SHA256())
        )
        return cls(key=key, cert=cert)

    # -- at rest ---------------------------------------------------------------

    def save(self, directory: Path, master_key: bytes) -> None:
        directory = Path(directory)
        write_private(directory / CA_KEY_FILE, encrypt_private_key(self.key, master_key, _CA_PURPOSE))
        write_private(directory / CA_CERT_FILE, self.cert_pem)

    @classmethod
    def load(cls, directory: Path, master_key: bytes) -> "CourtCA":
        directory = Path(directory)
        key = decrypt_private_key((directory / CA_KEY_FILE).read_bytes(), master_key, _CA_PURPOSE)
        cert = load_certificate((directory / CA_CERT_FILE).read_bytes())
        if cert.public_key() != key.public_key():
            raise ValueError(f"{directory / CA_CERT_FILE} does not belong to the stored CA key")
        return cls(key=key, cert=cert)

    @classmethod
    def load_or_create(cls, directory: Path, master_key: bytes, court_name: str) -> "CourtCA":
        directory = Path(directory)
        if (directory / CA_KEY_FILE).exists():
            return cls.load(directory, master_key)
        ca = cls.create(court_name)
        ca.save(directory, master_key)
        return ca

    # -- issuing ----------------------------------------------------------------

    def issue_certificate(
        self,
        public_key: ec.EllipticCurvePublicKey,
        *,
        name: str,
        role: str,
        signer_id: str | None = None,
        valid_days: int = 3 * 365,
        now: dt.datetime | None = None,
    ) -> x509.Certificate:
        """Certify a signer's P-256 public key: CN=name, O=court, OU=title=role label.

        `role` is a role identifier ("clerk") or a Chinese label ("书记员")."""
        require_p256(public_key)
        role_label = ROLE_LABELS.get(role, role)
        if not name.strip() or not role_label.strip():
            raise CertificateRequestError("signer name and role are required")
        start = now or _now()
        if start + dt.timedelta(days=valid_days) > self.cert.not_valid_after_utc:
            valid_days = max(1, (self.cert.not_valid_after_utc - start).days)
        attrs = [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, self.court_name),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, role_label),
            x509.NameAttribute(NameOID.TITLE, role_label),
            x509.NameAttribute(NameOID.COMMON_NAME, name),
        ]
        if signer_id:
            attrs.append(x509.NameAttribute(NameOID.USER_ID, signer_id))
        ca_ski = self.cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
        return (
            x509.CertificateBuilder()
            .subject_name(x509.Name(attrs))
            .issuer_name(self.cert.subject)
            .public_key(public_key)
            .serial_number(x509.random_serial_number())
            .not_valid_before(start - dt.timedelta(minutes=5))
            .not_valid_after(start + dt.timedelta(days=valid_days))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=True,  # nonRepudiation
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=False,
                    crl_sign=False,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(x509.ExtendedKeyUsage([DOCUMENT_SIGNING, ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_ski), critical=False)
            .sign(self.key, hashes.SHA256())
        )

    def issue_server_held_key(
        self, name: str, role: str, *, signer_id: str | None = None, valid_days: int = 3 * 365
    ) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
        """A fresh P-256 key and its certificate, for staff whose keys live on the server."""
        key = ec.generate_private_key(ec.SECP256R1())
        cert = self.issue_certificate(
            key.public_key(), name=name, role=role, signer_id=signer_id, valid_days=valid_days
        )
        return key, cert


def subject_fields(cert: x509.Certificate) -> dict[str, str]:
    """CN / O / OU / UID of a signer certificate, for reports."""
    out: dict[str, str] = {}
    for key, oid in (
        ("name", NameOID.COMMON_NAME),
        ("court", NameOID.ORGANIZATION_NAME),
        ("role", NameOID.ORGANIZATIONAL_UNIT_NAME),
        ("signer_id", NameOID.USER_ID),
    ):
        values = cert.subject.get_attributes_for_oid(oid)
        if values:
            out[key] = str(values[0].value)
    return out
