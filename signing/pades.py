"""PAdES signatures on the record: one incremental update per signer, each with a visible stamp.

Two ways to sign:
- server-held key (court staff): `sign_pdf` signs in one call;
- browser-held key (remote parties, key never leaves WebCrypto): `prepare_external`
  reserves the signature, computes the /ByteRange digest and the CMS signed attributes
  (`PreparedSignature.to_be_signed`), the browser signs those bytes with ECDSA P-256 /
  SHA-256, and `finish_external` checks the signature and embeds it.

A refusal to sign is itself signed: `sign_refusal` fills the refusing party's field
with the clerk's signature and a stamp that states the refusal and its reason, so the
refusal is covered by the clerk's and the judges' later signatures.

All functions here are synchronous and CPU-bound (about 0.1-0.2 s a signature): from
async code call them through `asyncio.to_thread`.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import hashlib
import io
import json
import time
from typing import Sequence, cast

from asn1crypto import cms as a_cms
from asn1crypto import keys as a_keys
from asn1crypto import x509 as a_x509
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.metadata.model import DocumentMetadata
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers, timestamps
from pyhanko.sign.signers import constants
from pyhanko.sign.signers.pdf_byterange import PreparedByteRangeDigest
from pyhanko.sign.signers.pdf_signer import PdfTBSDocument
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator.registry import SimpleCertificateStore

from signing.asyncrun import run_blocking
from signing.ca import require_p256
from signing.fonts import stamp_font_path

CHINA_TZ = dt.timezone(dt.timedelta(hours=8), "UTC+08:00")
SIGN_REASON = "确认笔录内容无误"
REFUSAL_REASON_PREFIX = "拒绝签名"
# An ECDSA P-256 signature is at most 72 bytes in DER.
_ECDSA_PLACEHOLDER = bytes(72)
_POP_PREFIX = b"COURTROOM-POP-V1\x00"


class SigningError(RuntimeError):
    """The PDF cannot be signed as asked (missing field, wrong order, wrong certificate...)."""


class ExternalSignatureError(SigningError):
    """A browser's signature was refused: it does not verify, or the document changed."""


class TimestampUnavailable(SigningError):
    """The configured TSA did not answer with a time-stamp: nothing was signed; try again."""


def _run(coro):
    """run_blocking, with a TSA failure told as such (the signer can simply retry)."""
    try:
        return run_blocking(coro)
    except timestamps.TimestampRequestError as exc:
        raise TimestampUnavailable(f"时间戳服务不可用，签名未完成，请稍后重试 (the time-stamp authority did not answer: {exc})") from None


@dataclasses.dataclass(frozen=True)
class StampInfo:
    """What the visible stamp says: who signed, in what capacity, when."""

    name: str
    role_label: str
    signed_at: dt.datetime | None = None  # default: now, shown in China time
    note: str = ""  # an extra line, e.g. "代为记录"

    def when(self) -> dt.datetime:
        return (self.signed_at or dt.datetime.now(CHINA_TZ)).astimezone(CHINA_TZ)

    def text(self) -> str:
        lines = [f"{self.role_label}：{self.name}", f"签名时间：{self.when():%Y-%m-%d %H:%M:%S} (UTC+8)"]
        if self.note:
            lines.append(self.note)
        return "\n".join(lines)


@dataclasses.dataclass(frozen=True)
class FieldPlacement:
    """Where to create a signature field that the PDF does not have yet."""

    page: int  # 0-based; -1 is the last page
    box: tuple[float, float, float, float]  # PDF points (x1, y1, x2, y2)


# -- helpers ---------------------------------------------------------------------------


def _a_cert(cert: x509.Certificate) -> a_x509.Certificate:
    return a_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _a_key(key: ec.EllipticCurvePrivateKey) -> a_keys.PrivateKeyInfo:
    return a_keys.PrivateKeyInfo.load(
        key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )


def _check_cert(cert: x509.Certificate, ca_cert: x509.Certificate) -> None:
    require_p256(cert.public_key())
    try:
        cert.verify_directly_issued_by(ca_cert)
    except (ValueError, TypeError, InvalidSignature):
        raise SigningError(f"certificate of {cert.subject.rfc4514_string()} was not issued by the court CA") from None
    now = dt.datetime.now(dt.timezone.utc)
    if not cert.not_valid_before_utc <= now <= cert.not_valid_after_utc:
        raise SigningError(f"certificate of {cert.subject.rfc4514_string()} is not valid now")


def _stamp_style(text: str) -> TextStampStyle:
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory

    font = GlyphAccumulatorFactory(str(stamp_font_path(text)), font_size=9)
    return TextStampStyle(
        stamp_text="%(stamp)s",
        text_box_style=TextBoxStyle(font=font, font_size=9, leading=12),
        background=None,
        border_width=1,
    )


def _signature_fields(reader: PdfFileReader) -> list[tuple[str, bool]]:
    return [(name, value is not None) for name, value, _ref in fields.enumerate_sig_fields(reader)]


def signature_fields(pdf: bytes) -> list[tuple[str, bool]]:
    """(field name, signed?) for every signature field, in the document's field order."""
    return _signature_fields(PdfFileReader(io.BytesIO(pdf)))


def _pdf_box(box: Sequence[float]) -> tuple[int, int, int, int]:
    """A field rectangle as pyHanko takes it: any PDF number works; its hint says int."""
    return cast("tuple[int, int, int, int]", tuple(box))


def _field_spec(
    reader: PdfFileReader, field_name: str, new_field: FieldPlacement | None, enforce_order: bool
) -> fields.SigFieldSpec | None:
    existing = _signature_fields(reader)
    names = [n for n, _ in existing]
    if field_name in names:
        index = names.index(field_name)
        if existing[index][1]:
            raise SigningError(f"signature field {field_name} is already signed")
        if enforce_order:
            waiting = [n for n, filled in existing[:index] if not filled]
            if waiting:
                raise SigningError(
                    f"{field_name} signs after {', '.join(waiting)} (court order: parties, clerk, judges); "
                    "签名顺序：当事人、书记员、审判人员"
                )
        return None
    if new_field is None:
        raise SigningError(f"no signature field {field_name} in the PDF (fields: {', '.join(names) or 'none'})")
    if enforce_order and any(not filled for _, filled in existing):
        raise SigningError(f"unsigned fields remain before new field {field_name}")
    page = new_field.page if new_field.page >= 0 else int(reader.root["/Pages"]["/Count"]) + new_field.page
    return fields.SigFieldSpec(field_name, on_page=page, box=_pdf_box(new_field.box), empty_field_appearance=True)


def _pdf_signer(
    signer: signers.Signer,
    field_name: str,
    stamp_text: str,
    reason: str,
    location: str | None,
    field_spec: fields.SigFieldSpec | None,
    timestamper: timestamps.TimeStamper | None,
) -> signers.PdfSigner:
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        location=location,
    )
    return _CourtPdfSigner(
        meta, signer, timestamper=timestamper, stamp_style=_stamp_style(stamp_text), new_field_spec=field_spec
    )


class _CourtPdfSigner(signers.PdfSigner):
    """PdfSigner that keeps the record a PDF 1.7 file.

    pyHanko registers the ISO 32002 extension, and so bumps the file to PDF 2.0, for
    any ECDSA key on a named curve. PAdES (ETSI.CAdES.detached, with the ESIC extension
    pyHanko still registers) already admits ECDSA P-256 in a PDF 1.7 file, and PDF/A-2
    is based on PDF 1.7; pdfsig and pyHanko validate either way.
    """

    def register_extensions(self, pdf_out, *, md_algorithm: str) -> None:
        if self.signature_meta.subfilter == fields.SigSeedSubFilter.PADES:
            pdf_out.ensure_output_version(version=(1, 7))
            if pdf_out.output_version < (2, 0):
                pdf_out.register_extension(constants.ESIC_EXTENSION_1)


def _timestamper(url: str | None, timestamper: timestamps.TimeStamper | None) -> timestamps.TimeStamper | None:
    if timestamper is not None:
        return timestamper
    return timestamps.HTTPTimeStamper(url) if url else None


def _registry(ca_cert: x509.Certificate) -> SimpleCertificateStore:
    return SimpleCertificateStore.from_certs([_a_cert(ca_cert)])


# -- fields ------------------------------------------------------------------------------


@dataclasses.dataclass
class _FixedClockMeta(DocumentMetadata):
    """Document metadata whose 'now' is a fixed time, so a field-adding update is reproducible."""

    fixed_time: dt.datetime | None = None

    def __setattr__(self, name, value):
        if name == "last_modified" and value == "now" and getattr(self, "fixed_time", None) is not None:
            value = self.fixed_time
        object.__setattr__(self, name, value)


def add_signature_fields(pdf: bytes, slots: Sequence, *, fixed_time: dt.datetime | None = None) -> bytes:
    """Append empty signature fields (objects with field_name, page, box) in one incremental update.

    With `fixed_time`, the update is byte-for-byte reproducible (dates and the second
    file ID come from the input, not the clock).
    """
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=True)
    if fixed_time is not None:
        writer._meta = _FixedClockMeta(fixed_time=fixed_time)
        id1 = writer._document_id[0]
        id2 = hashlib.sha256(pdf + fixed_time.isoformat().encode()).digest()[:16]
        writer._document_id = generic.ArrayObject([id1, generic.ByteStringObject(id2)])
    for slot in slots:
        fields.append_signature_field(
            writer,
            fields.SigFieldSpec(slot.field_name, on_page=slot.page, box=_pdf_box(slot.box), empty_field_appearance=False),
        )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# -- server-held keys ------------------------------------------------------------------


async def _async_sign(
    pdf: bytes,
    signer: signers.Signer,
    field_name: str,
    stamp_text: str,
    reason: str,
    location: str | None,
    new_field: FieldPlacement | None,
    enforce_order: bool,
    timestamper: timestamps.TimeStamper | None,
) -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=True)
    spec = _field_spec(writer.prev, field_name, new_field, enforce_order)
    pdf_signer = _pdf_signer(signer, field_name, stamp_text, reason, location, spec, timestamper)
    out = await pdf_signer.async_sign_pdf(writer, appearance_text_params={"stamp": stamp_text})
    return out.getvalue()


def sign_pdf(
    pdf: bytes,
    key: ec.EllipticCurvePrivateKey,
    cert: x509.Certificate,
    ca_cert: x509.Certificate,
    field_name: str,
    stamp: StampInfo,
    *,
    reason: str = SIGN_REASON,
    location: str | None = None,
    new_field: FieldPlacement | None = None,
    enforce_order: bool = True,
    timestamp_url: str | None = None,
    timestamper: timestamps.TimeStamper | None = None,
) -> bytes:
    """Sign `field_name` with a server-held key; returns the PDF with one more revision.

    `timestamp_url`: an RFC 3161 TSA to time-stamp the signature (off by default);
    `timestamper`: a pyHanko TimeStamper instead (tests use its DummyTimeStamper).
    """
    _check_cert(cert, ca_cert)
    if cert.public_key() != key.public_key():
        raise SigningError("key does not match certificate")
    signer = signers.SimpleSigner(signing_cert=_a_cert(cert), signing_key=_a_key(key), cert_registry=_registry(ca_cert))
    return _run(
        _async_sign(
            pdf, signer, field_name, stamp.text(), reason, location, new_field, enforce_order,
            _timestamper(timestamp_url, timestamper),
        )
    )


def refusal_stamp_text(refuser_role_label: str, refuser_name: str, reason: str, recorded_by: StampInfo) -> str:
    short = reason.strip().replace("\n", " ")
    if len(short) > 24:
        short = short[:23] + "…"
    return "\n".join(
        [
            f"{refuser_role_label}{refuser_name}拒绝签名",
            f"理由：{short}",
            f"记录：{recorded_by.role_label}{recorded_by.name} {recorded_by.when():%Y-%m-%d %H:%M}",
        ]
    )


def sign_refusal(
    pdf: bytes,
    key: ec.EllipticCurvePrivateKey,
    cert: x509.Certificate,
    ca_cert: x509.Certificate,
    field_name: str,
    *,
    refuser_name: str,
    refuser_role_label: str,
    reason: str,
    recorded_by: StampInfo,
    enforce_order: bool = True,
    timestamp_url: str | None = None,
    timestamper: timestamps.TimeStamper | None = None,
) -> bytes:
    """Record a refusal in the refusing party's field, signed by the recording clerk.

    The signature's /Reason carries the full text: "拒绝签名：<role><name>：<reason>".
    """
    if not reason.strip():
        raise SigningError("a refusal needs a reason")
    _check_cert(cert, ca_cert)
    signer = signers.SimpleSigner(signing_cert=_a_cert(cert), signing_key=_a_key(key), cert_registry=_registry(ca_cert))
    text = refusal_stamp_text(refuser_role_label, refuser_name, reason, recorded_by)
    full_reason = f"{REFUSAL_REASON_PREFIX}：{refuser_role_label}{refuser_name}：{reason.strip()}"
    return _run(
        _async_sign(
            pdf, signer, field_name, text, full_reason, None, None, enforce_order, _timestamper(timestamp_url, timestamper)
        )
    )


# -- browser-held keys -----------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class PreparedSignature:
    """Everything needed to finish an interrupted signature; plain data, so it can be stored.

    `to_be_signed` is what the browser signs (DER of the CMS signed attributes, whose
    messageDigest is `document_digest`, the SHA-256 over `byte_range` of `prepared_pdf`).
    """

    field_name: str
    input_sha256: str  # fingerprint of the PDF this was prepared from
    prepared_pdf: bytes  # the PDF with the signature placeholder
    byte_range: tuple[int, int, int, int]
    document_digest: bytes
    to_be_signed: bytes
    cert_der: bytes
    ca_cert_der: bytes
    created_at: float
    timestamp_url: str | None = None

    @property
    def cert(self) -> x509.Certificate:
        return x509.load_der_x509_certificate(self.cert_der)

    def to_json(self) -> str:
        d = dataclasses.asdict(self)
        for k in ("prepared_pdf", "document_digest", "to_be_signed", "cert_der", "ca_cert_der"):
            d[k] = base64.b64encode(d[k]).decode()
        return json.dumps(d)

    @classmethod
    def from_json(cls, text: str) -> "PreparedSignature":
        d = json.loads(text)
        for k in ("prepared_pdf", "document_digest", "to_be_signed", "cert_der", "ca_cert_der"):
            d[k] = base64.b64decode(d[k])
        d["byte_range"] = tuple(d["byte_range"])
        return cls(**d)


async def _async_prepare(
    pdf: bytes,
    cert: x509.Certificate,
    ca_cert: x509.Certificate,
    field_name: str,
    stamp_text: str,
    reason: str,
    new_field: FieldPlacement | None,
    enforce_order: bool,
    timestamp_url: str | None,
    timestamper: timestamps.TimeStamper | None,
) -> PreparedSignature:
    signer = signers.ExternalSigner(
        signing_cert=_a_cert(cert), cert_registry=_registry(ca_cert), signature_value=_ECDSA_PLACEHOLDER
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=True)
    spec = _field_spec(writer.prev, field_name, new_field, enforce_order)
    pdf_signer = _pdf_signer(signer, field_name, stamp_text, reason, None, spec, _timestamper(timestamp_url, timestamper))
    prep_digest, _tbs, output = await pdf_signer.async_digest_doc_for_signing(
        writer, appearance_text_params={"stamp": stamp_text}
    )
    signed_attrs = await signer.signed_attrs(prep_digest.document_digest, "sha256", use_pades=True)
    output.seek(0)
    prepared_pdf = output.read()
    start, end = prep_digest.reserved_region_start, prep_digest.reserved_region_end
    return PreparedSignature(
        field_name=field_name,
        input_sha256=hashlib.sha256(pdf).hexdigest(),
        prepared_pdf=prepared_pdf,
        byte_range=(0, start, end, len(prepared_pdf) - end),
        document_digest=prep_digest.document_digest,
        to_be_signed=signed_attrs.dump(),
        cert_der=cert.public_bytes(serialization.Encoding.DER),
        ca_cert_der=ca_cert.public_bytes(serialization.Encoding.DER),
        created_at=time.time(),
        timestamp_url=timestamp_url,
    )


def prepare_external(
    pdf: bytes,
    cert: x509.Certificate,
    ca_cert: x509.Certificate,
    field_name: str,
    stamp: StampInfo,
    *,
    reason: str = SIGN_REASON,
    new_field: FieldPlacement | None = None,
    enforce_order: bool = True,
    timestamp_url: str | None = None,
    timestamper: timestamps.TimeStamper | None = None,
) -> PreparedSignature:
    """First half of a browser signature: reserve the field, digest the document, build the signed attributes.

    With `timestamper` (instead of `timestamp_url`), pass the same one to finish_external.
    """
    _check_cert(cert, ca_cert)
    return _run(
        _async_prepare(
            pdf, cert, ca_cert, field_name, stamp.text(), reason, new_field, enforce_order, timestamp_url, timestamper
        )
    )


def byte_range_digest(pdf: bytes, byte_range: Sequence[int]) -> bytes:
    a, b, c, d = byte_range
    h = hashlib.sha256()
    h.update(pdf[a : a + b])
    h.update(pdf[c : c + d])
    return h.digest()


def raw_to_der_signature(raw_signature: bytes) -> bytes:
    """WebCrypto's ECDSA P-256 signature (r || s, 64 bytes) as the DER that CMS wants."""
    if len(raw_signature) != 64:
        raise ExternalSignatureError(f"expected a 64-byte r||s ECDSA P-256 signature, got {len(raw_signature)} bytes")
    r = int.from_bytes(raw_signature[:32], "big")
    s = int.from_bytes(raw_signature[32:], "big")
    return encode_dss_signature(r, s)


def _message_digest(signed_attrs: a_cms.CMSAttributes) -> bytes:
    for attr in signed_attrs:
        if attr["type"].native == "message_digest":
            return attr["values"][0].native
    raise ExternalSignatureError("signed attributes hold no messageDigest")


async def _async_finish(
    prepared: PreparedSignature, der_signature: bytes, timestamper: timestamps.TimeStamper | None
) -> bytes:
    cert = x509.load_der_x509_certificate(prepared.cert_der)
    ca_cert = x509.load_der_x509_certificate(prepared.ca_cert_der)
    signer = signers.ExternalSigner(
        signing_cert=_a_cert(cert), cert_registry=_registry(ca_cert), signature_value=der_signature
    )
    signed_attrs = a_cms.CMSAttributes.load(prepared.to_be_signed)
    cms_obj = await signer.async_sign_prescribed_attributes("sha256", signed_attrs, timestamper=timestamper)
    start, end = prepared.byte_range[1], prepared.byte_range[2]
    output = io.BytesIO(prepared.prepared_pdf)
    await PdfTBSDocument.async_finish_signing(
        output, PreparedByteRangeDigest(prepared.document_digest, start, end), cms_obj
    )
    return output.getvalue()


def finish_external(
    prepared: PreparedSignature,
    raw_signature_r_s: bytes,
    *,
    current_pdf: bytes | None = None,
    max_age_s: float | None = 15 * 60,
    timestamper: timestamps.TimeStamper | None = None,
) -> bytes:
    """Second half: check the browser's signature over `to_be_signed` and embed it.

    Refuses (ExternalSignatureError) a signature that does not verify against the
    certificate, a prepared state that no longer matches its own document, a state
    older than `max_age_s`, and, when `current_pdf` is given, a document that changed
    since `prepare_external` (someone else signed meanwhile: prepare again).
    """
    if max_age_s is not None and time.time() - prepared.created_at > max_age_s:
        raise ExternalSignatureError("the prepared signature expired; prepare again (签名请求已过期)")
    if current_pdf is not None and hashlib.sha256(current_pdf).hexdigest() != prepared.input_sha256:
        raise ExternalSignatureError("the document changed since the signature was prepared (文档已变更，请重新签名)")
    if byte_range_digest(prepared.prepared_pdf, prepared.byte_range) != prepared.document_digest:
        raise ExternalSignatureError("the prepared document does not match its digest")
    if _message_digest(a_cms.CMSAttributes.load(prepared.to_be_signed)) != prepared.document_digest:
        raise ExternalSignatureError("the signed attributes do not match the document digest")
    der = raw_to_der_signature(raw_signature_r_s)
    public_key = prepared.cert.public_key()
    if not isinstance(public_key, ec.EllipticCurvePublicKey):
        raise ExternalSignatureError("the signer's certificate does not hold an EC key")
    try:
        public_key.verify(der, prepared.to_be_signed, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        raise ExternalSignatureError(
            "the browser's signature does not verify against the signer's certificate (签名验证失败)"
        ) from None
    return _run(_async_finish(prepared, der, _timestamper(prepared.timestamp_url, timestamper)))


# -- proof of possession ---------------------------------------------------------------


def possession_message(spki_der: bytes, nonce: bytes) -> bytes:
    """What a browser signs to prove it holds the key: prefix || nonce || SPKI.

    The prefix keeps this message from ever parsing as CMS signed attributes (a DER SET).
    """
    return _POP_PREFIX + nonce + spki_der


def verify_possession(spki_der: bytes, nonce: bytes, signature: bytes) -> bool:
    """True when `signature` (WebCrypto r||s) over `possession_message` verifies with the SPKI's key.

    Raises ValueError for a key that is not ECDSA P-256 or a nonce shorter than 16 bytes.
    """
    if len(nonce) < 16:
        raise ValueError("nonce must be at least 16 bytes")
    try:
        public_key = serialization.load_der_public_key(spki_der)
    except ValueError as exc:
        raise ValueError(f"not a DER SubjectPublicKeyInfo: {exc}") from None
    require_p256(public_key)
    if not isinstance(public_key, ec.EllipticCurvePublicKey) or len(signature) != 64:
        return False
    der = encode_dss_signature(int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big"))
    try:
        public_key.verify(der, possession_message(spki_der, nonce), ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        return False
    return True
