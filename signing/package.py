"""The dossier package: a directory (or its zip export) that a court can archive and anyone can verify offline.

    record.pdf                  the signed record
    recordings/<name>           every recording of the hearing
    transcript/transcript.json  transcript export (JSON)
    transcript/transcript.vtt   transcript export (WebVTT)
    ca.pem                      the court CA certificate
    manifest.json               case, hearing, volume, category, files (sha256, size),
                                signers, audit-chain head, dossier-chain entries
    chain.json                  the dossier hash chain (signing.chain), ending with
                                one entry per filed file and one for manifest.json
    manifest.json.p7s           optional CMS seal over manifest.json by a CA-issued key
    audit-anchor.json           the signed audit anchor (signing/anchor.py) that names the
                                hearing's audit-chain head the manifest states: the proof,
                                kept outside the database, that the trail was not rewritten

`verify_package` checks every file against the manifest, every PDF signature against
the court CA, the chain links, that the chain entries match the files and the
manifest, and the seal.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import posixpath
import zipfile
from pathlib import Path
from typing import IO, Any, Mapping, Sequence

from asn1crypto import cms as a_cms
from asn1crypto import keys as a_keys
from asn1crypto import x509 as a_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from pyhanko.sign import signers
from pyhanko.sign.validation import async_validate_detached_cms
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

from signing.asyncrun import run_blocking
from signing.ca import load_certificate
from signing.chain import append_entry, verify_chain
from signing.problems import Problem
from signing.transcript_export import export_transcript_json, export_webvtt
from signing.verify import SignatureReport, list_pdf_signers, verify_audit_anchor, verify_pdf

FORMAT = "courtroom-dossier-package/1"
MANIFEST = "manifest.json"
CHAIN = "chain.json"
SEAL = "manifest.json.p7s"
CA_FILE = "ca.pem"
TSA_CA_FILE = "tsa-ca.pem"
AUDIT_ANCHOR_FILE = "audit-anchor.json"
_CERT_KINDS = {"ca_certificate", "tsa_certificate"}
RECORD_PDF = "record.pdf"
TRANSCRIPT_JSON = "transcript/transcript.json"
TRANSCRIPT_VTT = "transcript/transcript.vtt"
_CONTROL_FILES = {MANIFEST, CHAIN, SEAL}
_MEDIA_TYPES = {
    ".pdf": "application/pdf",
    ".webm": "video/webm",
    ".mkv": "video/x-matroska",
    ".mka": "audio/x-matroska",
    ".mp4": "video/mp4",
    ".wav": "audio/wav",
    ".ogg": "audio/ogg",
    ".json": "application/json",
    ".vtt": "text/vtt",
    ".pem": "application/x-pem-file",
}
_CHUNK = 1 << 20


@dataclasses.dataclass(frozen=True)
class Recording:
    path: Path
    name: str | None = None  # file name inside recordings/ (default: the file's own name)
    category: str = "庭审录音录像"


@dataclasses.dataclass(frozen=True)
class BuiltPackage:
    directory: Path
    manifest: dict[str, Any]
    chain: list[dict[str, Any]]

    @property
    def chain_head(self) -> str:
        return self.chain[-1]["hash"]


@dataclasses.dataclass(frozen=True)
class VerifyReport:
    source: str
    problems: tuple[Problem, ...]
    warnings: tuple[Problem, ...]
    case_number: str | None
    files_checked: int
    signatures: tuple[SignatureReport, ...]
    chain_length: int
    chain_head: str | None
    sealed: bool

    @property
    def ok(self) -> bool:
        return not self.problems


# -- building -------------------------------------------------------------------------


def _copy_hashing(src: Path, dest: Path) -> tuple[str, int]:
    h = hashlib.sha256()
    size = 0
    dest.parent.mkdir(parents=True, exist_ok=True)
    with open(src, "rb") as fin, open(dest, "wb") as fout:
        while chunk := fin.read(_CHUNK):
            h.update(chunk)
            fout.write(chunk)
            size += len(chunk)
    return h.hexdigest(), size


def _safe_name(name: str) -> str:
    clean = posixpath.normpath(name.replace("\\", "/"))
    if clean.startswith(("/", "../")) or clean in ("..", ".") or "/" in clean:
        raise ValueError(f"unsafe recording name {name!r}")
    return clean


def _media_type(path: str) -> str:
    return _MEDIA_TYPES.get(posixpath.splitext(path)[1].lower(), "application/octet-stream")


def _seal(data: bytes, key: ec.EllipticCurvePrivateKey, cert: x509.Certificate, ca_cert: x509.Certificate) -> bytes:
    signer = signers.SimpleSigner(
        signing_cert=a_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
        signing_key=a_keys.PrivateKeyInfo.load(
            key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        ),
        cert_registry=SimpleCertificateStore.from_certs([a_x509.Certificate.load(ca_cert.public_bytes(serialization.Encoding.DER))]),
    )
    content_info = run_blocking(signer.async_sign_general_data(data, "sha256", detached=True))
    return content_info.dump()


def build_package(
    dest_dir: Path,
    *,
    case_number: str,
    hearing_id: str,
    signed_pdf: bytes,
    recordings: Sequence[Path | Recording],
    segments: Sequence[Mapping[str, Any]],
    audit_chain_head: str,
    ca_cert: x509.Certificate,
    volume: str = "main",
    category: str = "庭审笔录",
    dossier_chain: Sequence[Mapping[str, Any]] = (),
    seal: tuple[ec.EllipticCurvePrivateKey, x509.Certificate] | None = None,
    created_at: dt.datetime | None = None,
    tsa_ca_cert: x509.Certificate | None = None,
    audit_anchor: bytes | None = None,
    audit_chain_seq: int | None = None,
) -> BuiltPackage:
    """Write a dossier package into `dest_dir` (created; must not hold files yet).

    `dossier_chain`: the case's dossier chain so far (entries as signing.chain makes
    them); the package's chain.json continues it. The manifest's signer list is read
    from the PDF's signatures (field, name, role, signer_id, time, refusal). `seal`: a
    CA-issued key and certificate that signs manifest.json (CMS, detached).
    `tsa_ca_cert`: the root of the TSA that time-stamped the signatures, shipped beside
    the court CA so the package can be checked offline. `audit_anchor`: the anchor (its
    JSON line) that names `audit_chain_head` (at `audit_chain_seq`) of this hearing.
    """
    if volume not in ("main", "secondary"):
        raise ValueError("volume must be 'main' (正卷) or 'secondary' (副卷)")
    dest = Path(dest_dir)
    if dest.exists() and any(dest.iterdir()):
        raise FileExistsError(f"{dest} is not empty")
    dest.mkdir(parents=True, exist_ok=True)
    created = (created_at or dt.datetime.now(dt.timezone.utc)).isoformat(timespec="seconds")

    files: list[dict[str, Any]] = []

    def add_bytes(rel: str, data: bytes, kind: str, file_category: str) -> None:
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        files.append(
            {"path": rel, "kind": kind, "category": file_category, "media_type": _media_type(rel),
             "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
        )

    add_bytes(RECORD_PDF, signed_pdf, "record_pdf", category)
    seen: set[str] = set()
    for item in recordings:
        rec = item if isinstance(item, Recording) else Recording(Path(item))
        name = _safe_name(rec.name or Path(rec.path).name)
        if name in seen:
            raise ValueError(f"two recordings named {name}")
        seen.add(name)
        rel = f"recordings/{name}"
        digest, size = _copy_hashing(Path(rec.path), dest / rel)
        files.append({"path": rel, "kind": "recording", "category": rec.category, "media_type": _media_type(rel),
                      "sha256": digest, "size": size})
    add_bytes(TRANSCRIPT_JSON, export_transcript_json(segments).encode("utf-8"), "transcript_json", category)
    add_bytes(TRANSCRIPT_VTT, export_webvtt(segments).encode("utf-8"), "transcript_vtt", category)
    add_bytes(CA_FILE, ca_cert.public_bytes(serialization.Encoding.PEM), "ca_certificate", "证书")
    if tsa_ca_cert is not None:
        add_bytes(TSA_CA_FILE, tsa_ca_cert.public_bytes(serialization.Encoding.PEM), "tsa_certificate", "证书")
    if audit_anchor is not None:
        add_bytes(AUDIT_ANCHOR_FILE, audit_anchor, "audit_anchor", "审计锚点")

    chain: list[dict[str, Any]] = [dict(e) for e in dossier_chain]
    new_ids: list[str] = []
    for f in files:
        if f["kind"] in _CERT_KINDS:
            continue
        entry = append_entry(
            chain,
            {"entry_id": f"{hearing_id}:{f['path']}", "kind": f["kind"], "path": f["path"], "sha256": f["sha256"],
             "case_number": case_number, "volume": volume, "category": f["category"]},
        )
        new_ids.append(entry["entry_id"])

    manifest = {
        "format": FORMAT,
        "case_number": case_number,
        "hearing_id": hearing_id,
        "volume": volume,
        "category": category,
        "created_at": created,
        "files": files,
        "signers": list_pdf_signers(signed_pdf),
        "audit_chain_head": audit_chain_head,
        "audit_chain_seq": audit_chain_seq,
        "dossier_chain": {"entries": new_ids, "head": chain[-1]["hash"]},
        "ca_certificate": CA_FILE,
    }
    if tsa_ca_cert is not None:
        manifest["tsa_certificate"] = TSA_CA_FILE
    if audit_anchor is not None:
        manifest["audit_anchor"] = AUDIT_ANCHOR_FILE
    manifest_bytes = (json.dumps(manifest, ensure_ascii=False, indent=1, default=str) + "\n").encode("utf-8")
    (dest / MANIFEST).write_bytes(manifest_bytes)
    append_entry(
        chain,
        {"entry_id": f"{hearing_id}:{MANIFEST}", "kind": "manifest", "path": MANIFEST,
         "sha256": hashlib.sha256(manifest_bytes).hexdigest(), "case_number": case_number, "volume": volume,
         "category": category},
    )
    first = chain[0]
    chain_doc = {"start_seq": first["seq"], "start_hash": first["prev_hash"], "entries": chain}
    (dest / CHAIN).write_text(json.dumps(chain_doc, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8")
    if seal is not None:
        (dest / SEAL).write_bytes(_seal(manifest_bytes, seal[0], seal[1], ca_cert))
    return BuiltPackage(directory=dest, manifest=manifest, chain=chain)


def export_zip(package_dir: Path, zip_path: Path) -> Path:
    """A reproducible zip of a package directory (sorted names, fixed dates; media stored, text deflated)."""
    package_dir = Path(package_dir)
    zip_path = Path(zip_path)
    tmp = zip_path.with_name(zip_path.name + ".tmp")
    with zipfile.ZipFile(tmp, "w") as zf:
        for path in sorted(p for p in package_dir.rglob("*") if p.is_file()):
            rel = path.relative_to(package_dir).as_posix()
            info = zipfile.ZipInfo(rel, date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_STORED if rel.startswith("recordings/") else zipfile.ZIP_DEFLATED
            with open(path, "rb") as fin, zf.open(info, "w") as fout:
                while chunk := fin.read(_CHUNK):
                    fout.write(chunk)
    os.replace(tmp, zip_path)
    return zip_path


# -- reading ----------------------------------------------------------------------------


class _Source:
    """A package as a directory or a zip, read-only."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._zip: zipfile.ZipFile | None = None
        if path.is_file():
            self._zip = zipfile.ZipFile(path)
            names = [n for n in self._zip.namelist() if not n.endswith("/")]
            # A zip exported from a directory may carry that directory as a common prefix.
            top = {n.split("/", 1)[0] for n in names}
            self._prefix = ""
            if MANIFEST not in names and len(top) == 1 and f"{next(iter(top))}/{MANIFEST}" in names:
                self._prefix = next(iter(top)) + "/"
            self._names = {n[len(self._prefix):] for n in names if n.startswith(self._prefix)}
        elif path.is_dir():
            self._names = {p.relative_to(path).as_posix() for p in path.rglob("*") if p.is_file()}
        else:
            raise FileNotFoundError(f"{path}: no such package (directory or zip)")

    def names(self) -> set[str]:
        return set(self._names)

    def open(self, name: str) -> IO[bytes]:
        if name not in self._names:
            raise FileNotFoundError(name)
        if self._zip is not None:
            return self._zip.open(self._prefix + name)
        return open(self.path / name, "rb")

    def read(self, name: str) -> bytes:
        with self.open(name) as fh:
            return fh.read()

    def sha256(self, name: str) -> tuple[str, int]:
        h = hashlib.sha256()
        size = 0
        with self.open(name) as fh:
            while chunk := fh.read(_CHUNK):
                h.update(chunk)
                size += len(chunk)
        return h.hexdigest(), size

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()


def _verify_seal(data: bytes, seal_der: bytes, ca_cert: x509.Certificate, at: dt.datetime | None) -> str | None:
    """None when the seal verifies and chains to the CA; otherwise the reason."""
    try:
        content = a_cms.ContentInfo.load(seal_der)
        signed_data = content["content"]
        context = ValidationContext(
            trust_roots=[a_x509.Certificate.load(ca_cert.public_bytes(serialization.Encoding.DER))],
            allow_fetching=False,
            revocation_mode="soft-fail",
            moment=at,
        )
        status = run_blocking(async_validate_detached_cms(data, signed_data, signer_validation_context=context))
    except Exception as exc:
        return f"unreadable seal ({exc})"
    if not status.intact or not status.valid:
        return "the seal does not match manifest.json"
    if not status.trusted:
        return "the seal's certificate does not chain to the court CA"
    return None


def verify_package(
    path_dir_or_zip: Path | str, ca_cert: x509.Certificate | None = None, tsa_ca_cert: x509.Certificate | None = None
) -> VerifyReport:
    """Check a package offline; `ca_cert` is the trust anchor (default: the package's own ca.pem, with a warning),
    `tsa_ca_cert` the root trusted for time-stamps (default: the package's tsa-ca.pem, if any, with a warning)."""
    path = Path(path_dir_or_zip)
    problems: list[Problem] = []
    warnings: list[Problem] = []
    signatures: list[SignatureReport] = []

    def report(**kw) -> VerifyReport:
        return VerifyReport(source=str(path), problems=tuple(problems), warnings=tuple(warnings), signatures=tuple(signatures), **kw)

    try:
        src = _Source(path)
    except (FileNotFoundError, zipfile.BadZipFile) as exc:
        problems.append(Problem("package_unreadable", "无法打开卷宗包", f"cannot open the package ({exc})", str(path)))
        return report(case_number=None, files_checked=0, chain_length=0, chain_head=None, sealed=False)
    try:
        return _verify_source(src, ca_cert, tsa_ca_cert, problems, warnings, signatures, report)
    finally:
        src.close()


def _shipped_certificate(src: _Source, name: str, problems, warnings, warning: Problem, missing: Problem):
    """A trust anchor read from the package itself: usable, but only with a warning that says so."""
    try:
        cert = load_certificate(src.read(name))
    except Exception as exc:
        problems.append(dataclasses.replace(missing, en=f"{missing.en} ({exc})", where=name))
        return None
    warnings.append(dataclasses.replace(warning, where=name))
    return cert


def _check_audit_anchor(src: _Source, manifest: Mapping[str, Any], ca_cert: x509.Certificate,
                        tsa_ca_cert: x509.Certificate | None, problems: list[Problem], warnings: list[Problem]) -> None:
    name = manifest.get("audit_anchor")
    if not name:
        warnings.append(Problem("audit_anchor_missing", "卷宗包未附审计锚点，审计链头无法在数据库之外核对",
                                "no audit anchor: the audit-chain head cannot be checked outside the database"))
        return
    try:
        data = src.read(str(name))
    except FileNotFoundError:
        return  # named in the manifest and missing: reported as file_missing
    found, warned = verify_audit_anchor(data, ca_cert, scope=str(manifest.get("hearing_id")),
                                        head_hash=manifest.get("audit_chain_head"),
                                        head_seq=manifest.get("audit_chain_seq"), tsa_root=tsa_ca_cert, where=str(name))
    problems.extend(found)
    warnings.extend(warned)


def _verify_source(src: _Source, ca_cert, tsa_ca_cert, problems, warnings, signatures, report) -> VerifyReport:
    names = src.names()
    # -- manifest
    try:
        manifest_bytes = src.read(MANIFEST)
        manifest = json.loads(manifest_bytes)
        files = manifest["files"]
        assert isinstance(files, list)
    except Exception as exc:
        problems.append(Problem("manifest_unreadable", "manifest.json 缺失或无法解析", f"manifest.json missing or malformed ({exc})", MANIFEST))
        return report(case_number=None, files_checked=0, chain_length=0, chain_head=None, sealed=False)
    case_number = manifest.get("case_number")
    if manifest.get("format") != FORMAT:
        warnings.append(Problem("unknown_format", "未知的卷宗包格式", f"unknown package format {manifest.get('format')!r}"))

    # -- trust anchors
    if ca_cert is None:
        ca_cert = _shipped_certificate(
            src, manifest.get("ca_certificate", CA_FILE), problems, warnings,
            Problem("ca_from_package", "使用卷宗包内附的 CA 证书作为信任根；请用 --ca 指定法院 CA 证书以独立核验",
                    "trusting the CA certificate shipped inside the package; pass --ca for an independent trust anchor"),
            Problem("ca_missing", "缺少法院 CA 证书", "no usable court CA certificate"))
    if tsa_ca_cert is None and manifest.get("tsa_certificate"):
        tsa_ca_cert = _shipped_certificate(
            src, manifest["tsa_certificate"], problems, warnings,
            Problem("tsa_ca_from_package", "使用卷宗包内附的时间戳服务根证书；请用 --tsa-ca 指定以独立核验",
                    "trusting the TSA root shipped inside the package; pass --tsa-ca for an independent one"),
            Problem("tsa_ca_missing", "缺少时间戳服务根证书", "no usable TSA root certificate"))

    # -- files against the manifest
    listed: dict[str, dict] = {}
    for f in files:
        rel = str(f.get("path", ""))
        if rel in listed:
            problems.append(Problem("manifest_mismatch", "清单重复列出同一文件", "the manifest lists a file twice", rel))
        listed[rel] = f
        if rel not in names:
            problems.append(Problem("file_missing", "清单所列文件缺失", "a file listed in the manifest is missing", rel))
            continue
        digest, size = src.sha256(rel)
        if size != f.get("size"):
            problems.append(Problem("file_size_mismatch", "文件大小与清单不符", f"size {size} differs from the manifest's {f.get('size')}", rel))
        if digest != f.get("sha256"):
            problems.append(Problem("file_hash_mismatch", "文件哈希与清单不符（文件被替换或改动）",
                                    "sha256 differs from the manifest (file replaced or altered)", rel))
    for extra in sorted(names - set(listed) - _CONTROL_FILES):
        problems.append(Problem("unlisted_file", "卷宗包中有清单未列出的文件", "the package holds a file the manifest does not list", extra))

    # -- chain
    chain: list[dict] = []
    try:
        chain_doc = json.loads(src.read(CHAIN))
        chain = list(chain_doc["entries"])
        start_seq = int(chain_doc.get("start_seq", 1))
        start_hash = str(chain_doc.get("start_hash", "0" * 64))
    except Exception as exc:
        problems.append(Problem("chain_unreadable", "chain.json 缺失或无法解析", f"chain.json missing or malformed ({exc})", CHAIN))
        start_seq, start_hash = 1, "0" * 64
    if chain:
        for message in verify_chain(chain, start_hash=start_hash, start_seq=start_seq):
            problems.append(Problem("chain_broken", "卷宗哈希链断裂（条目被删除、重排或改动）", message, CHAIN))
        by_path = {}
        for e in chain:
            if e.get("path") and str(e.get("entry_id", "")).startswith(f"{manifest.get('hearing_id')}:"):
                by_path[e["path"]] = e
        dossier = manifest.get("dossier_chain", {})
        ids = [e.get("entry_id") for e in chain]
        for entry_id in dossier.get("entries", []):
            if entry_id not in ids:
                problems.append(Problem("chain_entry_missing", "清单所列卷宗条目不在哈希链中",
                                        "a dossier entry named in the manifest is not in the chain", entry_id))
        for rel, f in listed.items():
            if f.get("kind") in _CERT_KINDS:
                continue
            chained = by_path.get(rel)
            if chained is None:
                problems.append(Problem("chain_entry_missing", "文件没有对应的哈希链条目", "no chain entry for this file", rel))
            elif chained.get("sha256") != f.get("sha256"):
                problems.append(Problem("chain_file_mismatch", "哈希链记录的文件哈希与清单不符", "the chain records another sha256 for this file", rel))
        m_entry = by_path.get(MANIFEST)
        if m_entry is None:
            problems.append(Problem("chain_entry_missing", "哈希链中没有清单条目", "no chain entry for manifest.json", MANIFEST))
        else:
            if m_entry.get("sha256") != hashlib.sha256(manifest_bytes).hexdigest():
                problems.append(Problem("manifest_mismatch", "manifest.json 已被改动（与哈希链记录不符）",
                                        "manifest.json was edited: its sha256 differs from the chain", MANIFEST))
            if dossier.get("head") != m_entry.get("prev_hash"):
                problems.append(Problem("manifest_mismatch", "清单记录的链头与哈希链不符", "the manifest's chain head differs from the chain", MANIFEST))
    elif not any(p.code == "chain_unreadable" for p in problems):
        problems.append(Problem("chain_broken", "哈希链为空", "the chain is empty", CHAIN))

    # -- signatures
    created = None
    try:
        created = dt.datetime.fromisoformat(manifest.get("created_at"))
    except Exception:
        pass
    if ca_cert is not None:
        for rel, f in listed.items():
            if f.get("media_type") != "application/pdf" or rel not in names:
                continue
            pdf_report = verify_pdf(src.read(rel), ca_cert, tsa_roots=[tsa_ca_cert] if tsa_ca_cert is not None else [])
            signatures.extend(pdf_report.signatures)
            for p in pdf_report.problems:
                problems.append(dataclasses.replace(p, where=f"{rel} {p.where}".strip()))
            if f.get("kind") == "record_pdf":
                want = [(s.get("field"), s.get("name")) for s in manifest.get("signers", [])]
                have = [(s.field_name, s.signer_name) for s in pdf_report.signatures]
                if want != have:
                    problems.append(Problem("signer_mismatch", "清单的签名人列表与 PDF 中的签名不符",
                                            "the manifest's signer list differs from the PDF's signatures", rel))
        sealed = SEAL in names
        if sealed:
            reason = _verify_seal(manifest_bytes, src.read(SEAL), ca_cert, created)
            if reason:
                problems.append(Problem("seal_invalid", "清单的电子印章无效", reason, SEAL))
        else:
            warnings.append(Problem("unsealed", "清单未加盖电子印章", "manifest.json carries no seal", MANIFEST))
        _check_audit_anchor(src, manifest, ca_cert, tsa_ca_cert, problems, warnings)
    else:
        sealed = SEAL in names
    return report(
        case_number=case_number,
        files_checked=len(listed),
        chain_length=len(chain),
        chain_head=chain[-1].get("hash") if chain else None,
        sealed=sealed,
    )
