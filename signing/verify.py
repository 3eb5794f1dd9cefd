"""Verify a signed record: every signature intact, trusted to the court CA, nothing changed after.

`verify_pdf` uses pyHanko's validator with the court CA as the only trust root and
its difference analysis of later revisions (which catches an appended revision that
rewrites a page; pdfsig does not). `run_pdfsig` runs poppler's pdfsig as a second,
independent opinion and parses its text, because pdfsig exits 0 even on
"Digest Mismatch".

Each signature is validated at the time it claims (/M), or at its RFC 3161 timestamp
when it has one, so a record stays verifiable after the signers' certificates expire.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Sequence

from asn1crypto import x509 as a_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.fields import enumerate_sig_fields
from pyhanko.sign.validation import async_validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from signing.asyncrun import run_blocking
from signing.ca import subject_fields
from signing.pades import REFUSAL_REASON_PREFIX
from signing.problems import Problem

# Later revisions may add signatures and fill fields; anything more (rewritten pages,
# new annotations over the text) invalidates the record.
_ALLOWED_LEVELS = (ModificationLevel.NONE, ModificationLevel.LTA_UPDATES, ModificationLevel.FORM_FILLING)


@dataclasses.dataclass(frozen=True)
class SignatureReport:
    field_name: str
    signer_name: str | None
    signer_role: str | None
    signer_id: str | None
    signing_time: dt.datetime | None
    timestamp_time: dt.datetime | None  # from an RFC 3161 signature time-stamp, if any
    reason: str | None
    refusal: bool  # a refusal recorded by the clerk, not a signature of the named party
    revision: int  # 0-based revision that the signature closes
    intact: bool  # the /ByteRange digest matches
    valid: bool  # the CMS signature verifies
    trusted: bool  # the signer's certificate chains to the court CA
    coverage: str
    modification_level: str | None
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclasses.dataclass(frozen=True)
class PdfReport:
    signatures: tuple[SignatureReport, ...]
    unsigned_fields: tuple[str, ...]
    revisions: int
    problems: tuple[Problem, ...]  # every problem, the signatures' included

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def signers(self) -> list[str]:
        return [s.signer_name or "?" for s in self.signatures]


def _a_cert(cert: x509.Certificate) -> a_x509.Certificate:
    return a_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _signature_time(embedded) -> dt.datetime | None:
    t = embedded.self_reported_timestamp
    if t is not None and t.tzinfo is None:
        t = t.replace(tzinfo=dt.timezone.utc)
    return t


async def _verify(pdf: bytes, ca_cert: x509.Certificate, require_all_signed: bool, at: dt.datetime | None,
                  tsa_roots: Sequence[x509.Certificate]) -> PdfReport:
    problems: list[Problem] = []
    # Time-stamps come from the court's TSA, whose certificate chains to its own root (a
    # national time service's, say), not to the court CA: trust those roots for them only.
    ts_context = ValidationContext(
        trust_roots=[_a_cert(c) for c in (ca_cert, *tsa_roots)], allow_fetching=False, revocation_mode="soft-fail"
    )
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        embedded_sigs = sorted(reader.embedded_regular_signatures, key=lambda e: e.signed_revision)
        all_fields = [(name, value is not None) for name, value, _ in enumerate_sig_fields(reader)]
        revisions = reader.xrefs.total_revisions
    except Exception as exc:  # a damaged file can fail anywhere in the parser
        p = Problem("pdf_unreadable", "PDF 文件无法解析", f"the PDF cannot be parsed ({exc})")
        return PdfReport((), (), 0, (p,))

    unsigned = tuple(name for name, filled in all_fields if not filled)
    if not embedded_sigs:
        problems.append(Problem("no_signatures", "PDF 中没有签名", "the PDF holds no signature"))
    if require_all_signed and unsigned:
        problems.append(
            Problem("missing_signatures", "尚有签名栏未签名", "signature fields remain unsigned", ", ".join(unsigned))
        )

    reports: list[SignatureReport] = []
    now = dt.datetime.now(dt.timezone.utc)
    # pyHanko's difference analysis reviews every revision after a signature, pair by
    # pair, so the earliest signature's review covers all later ones. When it finds
    # only signing and form filling, later signatures skip the (costly) repeat; when it
    # finds more, every signature is reviewed so that each problem is attributed.
    later_revisions_clean = False
    for emb in embedded_sigs:
        name = emb.field_name
        sig_problems: list[Problem] = []
        claimed = _signature_time(emb)
        moment = at or claimed or now
        if claimed is not None and claimed > now + dt.timedelta(minutes=10):
            sig_problems.append(Problem("signing_time_in_future", "签名时间晚于当前时间", "claimed signing time is in the future", name))
            moment = now
        context = ValidationContext(
            trust_roots=[_a_cert(ca_cert)], allow_fetching=False, revocation_mode="soft-fail", moment=moment
        )
        reason = emb.sig_object.get("/Reason")
        reason = str(reason) if reason is not None else None
        fields_of: dict[str, str] = {}
        try:
            fields_of = subject_fields(x509.load_der_x509_certificate(emb.signer_cert.dump()))
        except Exception:
            pass
        try:
            status = await async_validate_pdf_signature(
                emb, signer_validation_context=context, ts_validation_context=ts_context, skip_diff=later_revisions_clean
            )
        except Exception as exc:
            sig_problems.append(
                Problem("signature_unreadable", "签名数据无法解析", f"the signature cannot be evaluated ({exc})", name)
            )
            reports.append(
                SignatureReport(
                    name, fields_of.get("name"), fields_of.get("role"), fields_of.get("signer_id"), claimed, None, reason,
                    bool(reason and reason.startswith(REFUSAL_REASON_PREFIX)), emb.signed_revision,
                    False, False, False, "unknown", None, tuple(sig_problems),
                )
            )
            continue
        if not status.intact:
            sig_problems.append(
                Problem("signature_broken", "签名覆盖的内容已被篡改（摘要不符）", "digest mismatch: the signed bytes were changed", name)
            )
        elif not status.valid:
            sig_problems.append(Problem("signature_invalid", "签名值验证失败", "the signature value does not verify", name))
        if status.intact and status.valid and not status.trusted:
            sig_problems.append(
                Problem("untrusted_signer", "签名证书不是本院 CA 签发或已失效", "the signer's certificate does not chain to the court CA", name)
            )
        if status.coverage not in (SignatureCoverageLevel.ENTIRE_REVISION, SignatureCoverageLevel.ENTIRE_FILE):
            sig_problems.append(
                Problem("incomplete_coverage", "签名未覆盖其所在修订版本的全部内容", "the signature does not cover its whole revision", name)
            )
        tst = status.timestamp_validity
        if tst is not None and not (tst.intact and tst.valid):
            sig_problems.append(
                Problem("timestamp_invalid", "签名时间戳已损坏或签名无效", "the signature's RFC 3161 time-stamp does not verify", name)
            )
        elif tst is not None and not tst.trusted:
            sig_problems.append(
                Problem("timestamp_untrusted", "签名时间戳不是受信任的时间戳服务签发（请指定时间戳服务根证书）",
                        "the signature's RFC 3161 time-stamp does not chain to a trusted TSA root (pass --tsa-ca)", name)
            )
        level = status.modification_level
        if later_revisions_clean and level is None:
            level = ModificationLevel.FORM_FILLING  # implied by the earliest signature's review
        elif status.coverage != SignatureCoverageLevel.ENTIRE_FILE and level in _ALLOWED_LEVELS and status.docmdp_ok:
            later_revisions_clean = True
        if status.coverage != SignatureCoverageLevel.ENTIRE_FILE and (
            level is None or level not in _ALLOWED_LEVELS or not (status.docmdp_ok or later_revisions_clean)
        ):
            detail = ""
            if status.diff_result is not None and not hasattr(status.diff_result, "modification_level"):
                detail = str(status.diff_result).splitlines()[0][:200]
            sig_problems.append(
                Problem(
                    "modified_after_signing",
                    "签名后文件被修改（不只是追加签名）",
                    f"the document was modified after this signature beyond adding signatures{': ' + detail if detail else ''}",
                    name,
                )
            )
        reports.append(
            SignatureReport(
                field_name=name,
                signer_name=fields_of.get("name"),
                signer_role=fields_of.get("role"),
                signer_id=fields_of.get("signer_id"),
                signing_time=claimed,
                timestamp_time=tst.timestamp if tst is not None else None,
                reason=reason,
                refusal=bool(reason and reason.startswith(REFUSAL_REASON_PREFIX)),
                revision=emb.signed_revision,
                intact=bool(status.intact),
                valid=bool(status.valid),
                trusted=bool(status.trusted),
                coverage=status.coverage.name.lower() if status.coverage else "unknown",
                modification_level=level.name.lower() if level is not None else None,
                problems=tuple(sig_problems),
            )
        )
        problems.extend(sig_problems)

    if reports and max(r.revision for r in reports) != revisions - 1:
        problems.append(
            Problem(
                "unsigned_revision",
                "最后一次签名之后文件又被追加修改",
                "a revision was appended after the last signature",
                f"revision {revisions - 1}",
            )
        )
    return PdfReport(tuple(reports), unsigned, revisions, tuple(problems))


def verify_pdf(
    pdf_bytes: bytes,
    ca_cert: x509.Certificate,
    *,
    require_all_signed: bool = True,
    at: dt.datetime | None = None,
    tsa_roots: Sequence[x509.Certificate] = (),
) -> PdfReport:
    """Validate every signature of a record against the court CA (pyHanko).

    `require_all_signed`: an empty signature field is a problem (a filed record must be
    complete). `at`: validate every signature at this time instead of its claimed time.
    `tsa_roots`: roots trusted for RFC 3161 time-stamps (besides the court CA).
    """
    return run_blocking(_verify(pdf_bytes, ca_cert, require_all_signed, at, tuple(tsa_roots)))


def list_pdf_signers(pdf_bytes: bytes) -> list[dict]:
    """Who signed, read from the signatures without validating them: field, name, role, signer_id, signed_at, refusal."""
    reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
    out = []
    for emb in reader.embedded_regular_signatures:
        fields_of = subject_fields(x509.load_der_x509_certificate(emb.signer_cert.dump()))
        reason = emb.sig_object.get("/Reason")
        reason = str(reason) if reason is not None else None
        t = _signature_time(emb)
        out.append(
            {
                "field": emb.field_name,
                "name": fields_of.get("name"),
                "role": fields_of.get("role"),
                "signer_id": fields_of.get("signer_id"),
                "signed_at": t.isoformat() if t else None,
                "refusal": bool(reason and reason.startswith(REFUSAL_REASON_PREFIX)),
                "reason": reason,
            }
        )
    return out


# -- pdfsig -----------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class PdfsigSignature:
    number: int
    field_name: str | None
    signer: str | None
    validation: str  # "Signature is Valid." / "Digest Mismatch." / ...
    certificate: str | None
    ranges: str | None
    total_document_signed: bool
    signed: bool = True  # pdfsig also lists empty signature fields

    @property
    def valid(self) -> bool:
        return self.validation.strip() == "Signature is Valid."

    @property
    def trusted(self) -> bool:
        """pdfsig built the chain to a root in its NSS database (only meaningful with `trust=`)."""
        return (self.certificate or "").strip() == "Certificate is Trusted."


@dataclasses.dataclass(frozen=True)
class PdfsigReport:
    signatures: tuple[PdfsigSignature, ...]
    text: str
    returncode: int

    @property
    def signed(self) -> tuple[PdfsigSignature, ...]:
        return tuple(s for s in self.signatures if s.signed)

    @property
    def ok(self) -> bool:
        """Every signature's digest and value check out (trust is not pdfsig's to judge here).

        Empty signature fields are listed in `signatures` with signed=False and do not count."""
        return bool(self.signed) and all(s.valid for s in self.signed)

    @property
    def trusted(self) -> bool:
        """Every signature valid and every signer certificate chained to the trusted CA."""
        return self.ok and all(s.trusted for s in self.signed)


_SIG_HEADER = re.compile(r"^Signature #(\d+):")
_ITEM = re.compile(r"^\s*- ([^:]+): ?(.*)$")


def parse_pdfsig(text: str, returncode: int = 0) -> PdfsigReport:
    sigs: list[PdfsigSignature] = []
    current: dict | None = None

    def close():
        if current is not None:
            sigs.append(
                PdfsigSignature(
                    number=current["n"],
                    field_name=current.get("Signature Field Name"),
                    signer=current.get("Signer Certificate Common Name"),
                    validation=current.get("Signature Validation", "(none)"),
                    certificate=current.get("Certificate Validation"),
                    ranges=current.get("Signed Ranges"),
                    total_document_signed=current.get("total", False),
                    signed=not current.get("unsigned", False),
                )
            )

    for line in text.splitlines():
        m = _SIG_HEADER.match(line)
        if m:
            close()
            current = {"n": int(m.group(1))}
            continue
        if current is None:
            continue
        stripped = line.strip()
        if stripped == "- Total document signed":
            current["total"] = True
            continue
        if stripped == "The signature form field is not signed.":
            current["unsigned"] = True
            continue
        m = _ITEM.match(line)
        if m:
            current[m.group(1).strip()] = m.group(2).strip()
    close()
    return PdfsigReport(tuple(sigs), text, returncode)


def run_pdfsig(pdf: bytes | str | Path, *, trust=None, timeout: float = 60.0) -> PdfsigReport:
    """Run poppler's pdfsig and parse its report.

    Without `trust`, pdfsig checks digests and signature values only (-nocert). With `trust`
    (the court CA: an x509.Certificate, PEM/DER bytes or a path), a throw-away NSS database
    trusting only that CA is made with certutil (libnss3-tools) and pdfsig also judges each
    signer's chain. OCSP stays on there: poppler 22.12 with -no-ocsp reports every chain as
    "Unknown issue", and our certificates name no OCSP responder, so nothing is fetched.
    """
    exe = shutil.which("pdfsig")
    if exe is None:
        raise FileNotFoundError("pdfsig not found: install poppler-utils")
    with tempfile.TemporaryDirectory() as tmp:
        if isinstance(pdf, bytes):
            path = Path(tmp) / "record.pdf"
            path.write_bytes(pdf)
        else:
            path = Path(pdf)
        if trust is None:
            args = ["-nocert", "-no-ocsp"]
        else:
            args = ["-nssdir", _nss_db_trusting(trust, Path(tmp) / "nssdb", timeout)]
        proc = subprocess.run([exe, *args, str(path)], capture_output=True, text=True, timeout=timeout, cwd=tmp)
    return parse_pdfsig(proc.stdout + proc.stderr, proc.returncode)


def _nss_db_trusting(ca, where: Path, timeout: float) -> str:
    """An NSS database in `where` whose only trusted root is `ca`; returns pdfsig's -nssdir argument."""
    certutil = shutil.which("certutil")
    if certutil is None:
        raise FileNotFoundError("certutil not found: install libnss3-tools")
    if isinstance(ca, (str, Path)):
        ca = Path(ca).read_bytes()
    if isinstance(ca, bytes):
        ca = x509.load_pem_x509_certificate(ca) if ca.lstrip().startswith(b"-----") else x509.load_der_x509_certificate(ca)
    where.mkdir()
    db = f"sql:{where}"
    (where / "ca.der").write_bytes(ca.public_bytes(serialization.Encoding.DER))
    for cmd in (["-N", "--empty-password"], ["-A", "-n", "court-ca", "-t", "C,C,C", "-i", str(where / "ca.der")]):
        subprocess.run([certutil, *cmd, "-d", db], capture_output=True, text=True, timeout=timeout, check=True)
    return db


def verify_audit_anchor(anchor_json: bytes, ca_cert: x509.Certificate, *, scope: str, head_hash: str | None,
                        head_seq: int | None = None, tsa_root: x509.Certificate | None = None,
                        where: str = "") -> tuple[list[Problem], list[Problem]]:
    """(problems, warnings) for the audit anchor a dossier package carries: signed by the
    court CA, naming the hearing's audit-chain head that the manifest states, and (when
    time-stamped) a time-stamp that covers it."""
    from signing.anchor import UNTRUSTED_TIMESTAMP, Anchor, AnchorError, check_signature, check_timestamp

    problems: list[Problem] = []
    warnings: list[Problem] = []
    try:
        anchor = Anchor.from_json(anchor_json)
    except AnchorError as exc:
        return [Problem("audit_anchor_invalid", "审计锚点无法读取", str(exc), where)], []
    why = check_signature(anchor, ca_cert)
    if why:
        problems.append(Problem("audit_anchor_invalid", "审计锚点的签名无效（不是本院 CA 签发或已被改动）", why, where))
    head = anchor.heads.get(scope)
    if head is None or head.hash != head_hash or (head_seq is not None and head.seq != head_seq):
        problems.append(Problem("audit_anchor_mismatch", "审计锚点与清单记录的审计链头不符",
                                f"the anchor does not name the manifest's audit-chain head of {scope}", where))
    _, ts_problem = run_blocking(check_timestamp(anchor, tsa_root))
    if ts_problem and tsa_root is None and ts_problem.startswith(UNTRUSTED_TIMESTAMP):
        warnings.append(Problem("audit_anchor_timestamp_unchecked", "审计锚点的时间戳未能核验信任（缺少时间戳服务根证书）",
                                ts_problem, where))
    elif ts_problem:
        problems.append(Problem("audit_anchor_timestamp_invalid", "审计锚点的时间戳无效", ts_problem, where))
    elif anchor.timestamp_error:  # a TSA was configured and did not answer (none configured: nothing to say)
        warnings.append(Problem("audit_anchor_not_timestamped", "时间戳服务未响应，审计锚点没有可信时间戳",
                                anchor.timestamp_error, where))
    return problems, warnings
