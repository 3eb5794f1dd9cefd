"""Filing a signed record into the electronic dossier.

    file_record   package (signed PDF, every recording, transcript JSON + WebVTT, manifest,
                  audit-chain head), blobs, dossier entries, push outbox

Closed sessions' filed entries go to the secondary volume; their recordings stay sealed
inside the package (`*.webm.enc`): nothing of a closed session is written out in the
clear but the package's small text files in the scratch directory while it is assembled."""

from __future__ import annotations

import asyncio
import logging
import shutil
import tempfile
import time
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping

from courtroom.operations.metrics import FILING_SECONDS
from courtroom.records import sealing
from courtroom.records.document import FilingError, load_source
from courtroom.records.keys import court_ca, server_key, tsa_root
from models import audit, cases, dossier, hearings, recordings, records
from models.anchoring import Anchorer, anchor_log_path
from signing.anchor import Anchor, Head
from signing.package import Recording, build_package, export_zip

if TYPE_CHECKING:
    from courtroom.context import ServerContext

log = logging.getLogger(__name__)

SEAL_SIGNER_ID = "court-dossier-seal"
SEAL_NAME = "电子卷宗系统"


def _recording_name(r: Mapping[str, Any], taken: set[str]) -> str:
    path = Path(r["path"])
    suffix = ".webm.enc" if path.name.endswith(".webm.enc") else (path.suffix or ".webm")
    name = f"{r['participant_role']}-{r['participant_id'].hex[:8]}-{r['kind']}-{r['segment_index']:03d}{suffix}"
    if name in taken:
        name = f"{r['id'].hex[:8]}-{name}"
    taken.add(name)
    return name


async def _package_anchor(ctx: "ServerContext", scope: str, seq: int, head_hash: str) -> Anchor:
    """An anchor naming exactly the head a package states: through the running audit
    service, or (a context without services) appended to the same log directly."""
    if ctx.services.audit is not None:
        return await ctx.services.audit.anchor_head(scope, seq, head_hash, reason="filing")
    ca = await asyncio.to_thread(court_ca, ctx)
    anchorer = Anchorer(ctx.db.pool, ca.key, ca.cert, anchor_log_path(ctx.settings.data_dir, ctx.settings.audit_anchor_log),
                        court=ctx.settings.court_name, tsa_url=ctx.settings.tsa_url)
    anchor = await anchorer.anchor("filing", heads={scope: Head(seq, head_hash)})
    assert anchor is not None
    return anchor


def _file_title(f: Mapping[str, Any], hearing: hearings.Hearing, recording_titles: Mapping[str, str]) -> str:
    kind = f["kind"]
    if kind == "record_pdf":
        return f"{hearing.title} {dossier.RECORD_CATEGORY[hearing.kind.value]}（电子签名版）"
    if kind == "recording":
        return recording_titles.get(f["path"], f["path"])
    if kind == "transcript_json":
        return f"{hearing.title} 笔录文本（JSON）"
    if kind == "transcript_vtt":
        return f"{hearing.title} 笔录字幕（WebVTT）"
    if kind == "manifest":
        return f"{hearing.title} 卷宗包清单"
    if kind == "audit_anchor":
        return f"{hearing.title} 审计锚点（经本院签名、存于数据库之外的审计链头）"
    return f["path"]


async def file_record(ctx: "ServerContext", record_id: uuid.UUID, actor: audit.Actor) -> records.Record:
    """Build the dossier package of a fully signed record and file it: every file into the
    blob store, one dossier entry per file on the volume's chain (the same entries as the
    package's chain.json), the package zip kept too, and queued for the external system."""
    pool = ctx.db.pool
    record = await records.get(pool, record_id)
    if record.state == "filed":
        return record
    if record.state != "signed":
        raise records.RecordError("not_signed", "笔录尚未签齐，不能归档 (not every signer is done)")
    h = await hearings.get(pool, record.hearing_id)
    case = await cases.get_case(pool, h.case_id)
    volume = dossier.volume_for(h.kind.value)
    scope = await sealing.scope_for_hearing(ctx, h.id)
    ca = await asyncio.to_thread(court_ca, ctx)
    seal = await asyncio.to_thread(server_key, ctx, SEAL_SIGNER_ID, SEAL_NAME, SEAL_NAME)
    tsa_ca = await asyncio.to_thread(tsa_root, ctx)
    signed_pdf = await sealing.read_bytes(ctx, scope, record.current_sha256)
    segments = (await load_source(ctx, h.id)).segments

    taken: set[str] = set()
    package_recordings, recording_titles = [], {}
    for r in await recordings.for_hearing(pool, h.id):
        # Where it was written, else its copy in the court's store (a worker's disk may be gone).
        path = sealing.recording_file(ctx, r)
        if path is None:
            # A recording is never dropped silently: filing waits until it is found.
            raise FilingError("recording_missing", f"录音录像文件缺失，无法归档：{r['path']} (recording file missing)")
        name = _recording_name(r, taken)
        kind_label = "录音" if r["kind"] == "audio" else "录像"
        damaged = "（受损，原样保存）" if r["state"] == "damaged" else ""
        sealed = "（加密存储）" if name.endswith(".enc") else ""
        recording_titles[f"recordings/{name}"] = (
            f"{records.role_label(r['participant_role'])} {r['participant_name']} {kind_label}"
            f" 第{r['segment_index'] + 1}段{damaged}{sealed}")
        package_recordings.append(Recording(path, name, dossier.RECORDING_CATEGORY[h.kind.value]))

    work = Path(tempfile.mkdtemp(prefix="filing-", dir=_tmp_dir(ctx)))
    try:
        async with ctx.db.transaction() as conn:
            record = await records.get(conn, record_id, for_update=True)
            if record.state == "filed":
                return record
            await dossier.lock_head(conn, case.id, volume)
            prior = await dossier.chain(conn, case.id, volume)
            audit_seq, audit_head = await audit.head(conn, str(h.id))
            # The package carries the anchor (outside the database) that names this head.
            anchor = await _package_anchor(ctx, str(h.id), audit_seq, audit_head)
            t_build = time.perf_counter()
            built = await asyncio.to_thread(
                build_package, work / "package", case_number=case.case_number, hearing_id=str(h.id),
                signed_pdf=signed_pdf, recordings=package_recordings, segments=segments,
                audit_chain_head=audit_head, audit_chain_seq=audit_seq, audit_anchor=anchor.to_json() + b"\n",
                ca_cert=ca.cert, volume=volume,
                category=dossier.RECORD_CATEGORY[h.kind.value], dossier_chain=prior, seal=seal, tsa_ca_cert=tsa_ca)
            zip_path = await asyncio.to_thread(export_zip, built.directory, work / "package.zip")
            FILING_SECONDS.observe(time.perf_counter() - t_build)
            files: dict[str, dossier.FileInfo] = {}
            listed = {f["path"]: f for f in built.manifest["files"]}
            listed["manifest.json"] = {"path": "manifest.json", "kind": "manifest", "media_type": "application/json"}
            for path, f in listed.items():
                blob = await sealing.put_file(ctx, scope, built.directory / path, move=True)
                if "sha256" in f and blob.sha256 != f["sha256"]:
                    raise FilingError("blob_mismatch", f"{path}: stored bytes differ from the manifest")
                files[path] = dossier.FileInfo(_file_title(f, h, recording_titles), blob.sha256, blob.size,
                                               f["media_type"])
            package_blob = await sealing.put_file(ctx, scope, zip_path, move=True)
            await dossier.append_built(conn, case.id, volume, built.chain[len(prior):], files, hearing_id=h.id,
                                       record_id=record.id, actor=actor)
            record = await records.mark_filed(conn, record, package_sha256=package_blob.sha256, actor=actor)
            if ctx.settings.dossier_push_url:
                await dossier.enqueue_push(conn, record_id=record.id, url=ctx.settings.dossier_push_url,
                                           package_sha256=package_blob.sha256,
                                           idempotency_key=f"courtroom:{h.id}:{record.attempt}:{package_blob.sha256}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    service = ctx.services.filing
    if service is not None:
        service.kick()
    return record


def _tmp_dir(ctx: "ServerContext") -> Path:
    path = ctx.settings.data_dir / "tmp"
    path.mkdir(parents=True, exist_ok=True)
    return path
