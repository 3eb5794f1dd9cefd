"""From the closed hearing to the dossier: lock the transcript, render the record, collect
every signature (or refusal), file the package, push it to the external dossier system.

    lock_and_render   transcript locked, RecordDocument built from the database, PDF rendered
    sign_as_staff     a court signer's server-held key (signing.keystore, created on first
                      use by the court CA); the first court signer also stamps the parties'
                      refusals into their fields
    issue_invitation / new_nonce / certify / prepare_party / finish_party / refuse
                      a party's browser-held key: the clerk confirms identity and invites,
                      the browser proves possession, the CA certifies, then the two-step
                      external signature
    file_record       package (signed PDF, every recording, transcript JSON + WebVTT,
                      manifest, audit-chain head), blobs, dossier entries, push outbox
    FilingService     the background part: delivers the outbox with retries, files records
                      a crash left signed but unfiled, drops expired browser signatures

Everything CPU-bound (rendering, signing, packaging) runs in a thread, so the event loop
that carries the hearings' media never waits on it.

Closed sessions (deliberation, committee): the minutes are built from the decrypted
transcript plus the questions, votes, results and opinions (models.deliberation), and
every blob of theirs (each signed revision of the PDF, every filed file, the package)
is sealed under the case key in the blob store (courtroom.records.sealing); the filed entries
go to the secondary volume. Their recordings stay sealed inside the package
(`*.webm.enc`): nothing of a closed session is written out in the clear but the
package's small text files in the scratch directory while it is assembled."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime as dt
import hashlib
import logging
import os
import shutil
import tempfile
import threading
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any, AsyncIterator, Mapping

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

from courtroom.records import sealing
from models import audit, cases, deliberation, dossier, hearings, recordings, records, transcripts
from models.anchoring import Anchorer, anchor_log_path
from models.blobstore import Blob, FileBlobStore
from models.domain import HearingState
from signing import fonts, pades
from signing.anchor import Anchor, Head
from signing.ca import CertificateRequestError, CourtCA, load_certificate, subject_fields
from signing.keystore import Keystore, WrongPassword
from signing.package import Recording, build_package, export_zip
from signing.record_pdf import (
    MinutesContent,
    Opinion,
    Person,
    QuestionMinutes,
    RecordDocument,
    RecordLine,
    RecordSigner,
    Vote,
    render_record_pdf,
    speaker_label,
)
from signing.roles import signing_order

if TYPE_CHECKING:
    from courtroom.context import ServerContext

log = logging.getLogger(__name__)

CHINA_TZ = dt.timezone(dt.timedelta(hours=8), "UTC+08:00")
PARTY_CERT_DAYS = 30
SEAL_SIGNER_ID = "court-dossier-seal"
SEAL_NAME = "电子卷宗系统"
# Roles whose seat signs the record, by what they are in the room.
_SIGNING_ROLES = records.PARTY_ROLES | records.RECORDER_ROLES | records.PANEL_ROLES | records.CHAIR_ROLES
_BENCH = ("presiding_judge", "judge", "juror", "committee_chair", "committee_member")


class FilingError(records.RecordError):
    """Filing cannot proceed (a recording file missing, the blob store failing...)."""


# --- keys --------------------------------------------------------------------------------

_key_lock = threading.Lock()
_ca_cache: dict[tuple[str, bytes], CourtCA] = {}


def blob_store(ctx: "ServerContext") -> FileBlobStore:
    return FileBlobStore(ctx.settings.blobs_dir)


def court_ca(ctx: "ServerContext") -> CourtCA:
    """The court CA, created in the data directory on first use (blocking)."""
    directory = ctx.settings.keys_dir / "ca"
    cache_key = (str(directory), ctx.keys.master_key)
    with _key_lock:
        ca = _ca_cache.get(cache_key)
        if ca is None:
            ca = CourtCA.load_or_create(directory, ctx.keys.master_key, ctx.settings.court_name)
            _ca_cache[cache_key] = ca
        return ca


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


def tsa_root(ctx: "ServerContext") -> x509.Certificate | None:
    """The configured TSA's root certificate (blocking): packages ship it, verification trusts it."""
    return load_certificate(ctx.settings.tsa_ca) if ctx.settings.tsa_ca is not None else None


def _usable(cert: x509.Certificate, ca: CourtCA, name: str) -> bool:
    now = dt.datetime.now(dt.timezone.utc)
    return (cert.issuer == ca.cert.subject and subject_fields(cert).get("name") == name
            and cert.not_valid_after_utc - now > dt.timedelta(days=1))


def _keystore(ctx: "ServerContext") -> Keystore:
    return Keystore(ctx.settings.keys_dir / "signers", ctx.keys.master_key)


def server_key(ctx: "ServerContext", signer_id: str, name: str, role: str, *, password: str | None = None
               ) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    """A server-held key for `signer_id`; created (and re-issued when the name changed or it
    nears expiry) by the court CA. A person's key is unlocked by their `password` only
    (signing.keystore); without one, an organisation key under the master key. Blocking."""
    ca = court_ca(ctx)
    store = _keystore(ctx)
    with _key_lock:
        if store.has(signer_id):
            key, cert = store.load(signer_id, password=password)
            if _usable(cert, ca, name):
                return key, cert
            return store.create(ca, signer_id, name, role, replace=True, password=password)
        return store.create(ca, signer_id, name, role, password=password)


async def rewrap_staff_keys(ctx: "ServerContext", staff_id: uuid.UUID, old_password: str, new_password: str) -> int:
    """Re-wrap a person's signing keys when their password changes (the web layer's
    password change calls it with both passwords, before committing the new hash)."""
    def run() -> int:
        with _key_lock:
            return _keystore(ctx).rewrap_staff_key(staff_id, old_password, new_password)
    return await asyncio.to_thread(run)


async def retire_staff_keys(ctx: "ServerContext", staff_id: uuid.UUID) -> int:
    """An administrator reset a forgotten password (nobody can unwrap the old key): the
    person's keys are retired and new ones certified at their next signature."""
    def run() -> int:
        with _key_lock:
            return _keystore(ctx).retire_staff_keys(staff_id)
    return await asyncio.to_thread(run)


def staff_signer_id(signer: records.Signer) -> str:
    """One key per person and capacity: a judge presiding today and sitting tomorrow holds two certificates."""
    if signer.staff_id is not None:
        return f"staff-{signer.staff_id.hex}-{signer.role}"
    return f"participant-{signer.participant_id.hex}"


# --- the record from the database --------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class RecordSource:
    """What the record is made of, read from the database at lock time."""

    hearing: hearings.Hearing
    case: dict[str, Any]
    document: RecordDocument
    signers: list[records.SignerSpec]  # in the document's slot order
    segments: list[dict[str, Any]]  # for the transcript exports


def _local(t: dt.datetime) -> dt.datetime:
    return t.astimezone(CHINA_TZ)


async def load_source(ctx: "ServerContext", hearing_id: uuid.UUID) -> RecordSource:
    pool = ctx.db.pool
    h = await hearings.get(pool, hearing_id)
    case = await cases.get_case(pool, h.case_id)
    people = await pool.fetch(
        "select p.*, rp.name as represents_name, rp.role as represents_role from participants p"
        " left join case_parties cp on cp.id = p.party_id left join case_parties rp on rp.id = cp.represents"
        " where p.hearing_id = $1 and p.state <> 'removed' order by p.created_at", hearing_id)
    place = h.place
    if not place and h.mode == "internet":
        place = "互联网法庭（在线庭审）"
    if not place:
        room = await pool.fetchval("select c.name from hearings h join courtrooms c on c.id = h.courtroom_id"
                                   " where h.id = $1", hearing_id)
        place = room or ctx.settings.court_name

    panel = [Person(r["role"], r["name"]) for role in _BENCH for r in people if r["role"] == role]
    recorder = next((r for r in people if r["role"] in records.RECORDER_ROLES), None)
    party_rows = signing_order([r for r in people if r["role"] in records.PARTY_ROLES], role_of=lambda r: r["role"])
    parties = []
    for r in party_rows:
        detail = ""
        if r["role"] == "agent" and r["represents_name"]:
            detail = f"{records.role_label(r['represents_role'])}{r['represents_name']}的委托诉讼代理人"
        parties.append(Person(r["role"], r["name"], detail))

    # Who signs, in the court's order: parties, the clerk, the panel, the presiding member last.
    signing_rows = [r for r in people if r["role"] in _SIGNING_ROLES]
    signing_rows = sorted(signing_order(signing_rows, role_of=lambda r: r["role"]),
                          key=lambda r: records.signing_group(r["role"]))

    key = await sealing.key_for_hearing(ctx, hearing_id)
    segs = await transcripts.list_for_hearing(pool, hearing_id, seal_key=key)
    lines, exports = [], []
    for s in segs:
        label = speaker_label(s["speaker_role"], s["speaker_name"]) if s["speaker_role"] else (
            s["speaker_name"] or "未识别发言人")
        lines.append(RecordLine(label, s["text"], start_s=s["start"]))
        exports.append({"id": s["id"], "speaker_label": label, "start": s["start"], "end": s["end"],
                        "text": s["text"], "participant_id": s["participant_id"], "speaker_role": s["speaker_role"],
                        "speaker_name": s["speaker_name"], "version": s["version"], "source": s["source"]})

    started = h.opened_at or h.scheduled_at
    ended = h.closed_at or dt.datetime.now(dt.timezone.utc)
    doc = RecordDocument(
        court_name=ctx.settings.court_name, kind=h.kind.value, case_number=case["case_number"], cause=case["cause"],
        place=place, started_at=_local(started), ended_at=_local(max(ended, started)), panel=panel,
        clerk=Person(recorder["role"], recorder["name"]) if recorder else None, parties=parties, lines=lines,
        signers=[RecordSigner(r["role"], r["name"], str(r["id"])) for r in signing_rows],
        minutes=await _minutes(pool, key, hearing_id) if key is not None else None,
    )
    specs = [records.SignerSpec("", r["id"], r["role"], r["name"], r["staff_id"]) for r in signing_rows]
    return RecordSource(h, case, doc, specs, exports)


async def _minutes(pool, key: bytes, hearing_id: uuid.UUID) -> MinutesContent:
    """Questions, votes, results and opinions of a closed session, as the minutes print them."""
    data = await deliberation.overview(pool, key, hearing_id)
    questions = []
    for q in data["questions"]:
        t = q["tally"]
        counts = "，".join(f"{deliberation.CHOICES[c]} {t['counts'][c]} 票" for c in deliberation.CHOICES)
        questions.append(QuestionMinutes(
            number=q["number"], text=q["text"],
            votes=[Vote(v["role"], v["name"], v["choice_label"] + ("" if v["counted"] else "（已退出，不计票）"),
                        v.get("reason", "")) for v in q["votes"]],
            counts=counts, outcome_label=t["outcome_label"], majority_label=t["majority_label"],
            minority=[Vote(m["role"], m["name"], m["choice_label"], m.get("reason", "")) for m in t["minority"]]))
    opinions = [Opinion(o["role"], o["name"], o["text"], o["question_number"],
                        tuple(s["start"] for s in o["segments"])) for o in data["opinions"] if o.get("role")]
    return MinutesContent(questions=questions, opinions=opinions)


async def lock_and_render(ctx: "ServerContext", hearing_id: uuid.UUID, actor: audit.Actor) -> records.Record:
    """Lock the transcript and render the record for signing. Idempotent: a record
    already rendered (and not superseded) is returned as it is."""
    pool = ctx.db.pool
    h = await hearings.get(pool, hearing_id)
    if h.state != HearingState.CLOSED:
        raise records.RecordError("hearing_not_closed", "闭庭后才能锁定笔录并生成签名版本 (close the hearing first)")
    existing = await records.active_for_hearing(pool, hearing_id)
    if existing is not None:
        return existing
    if h.kind.value != "hearing" and await deliberation.open_questions(pool, hearing_id):
        raise records.RecordError("questions_open", "尚有评议事项未结束表决，不能锁定笔录 (close every question first)")
    async with pool.acquire() as conn:
        await transcripts.lock(conn, hearing_id, actor)
    source = await load_source(ctx, hearing_id)
    rendered = await asyncio.to_thread(render_record_pdf, source.document)
    blob = await sealing.put_bytes(ctx, await sealing.scope_for_hearing(ctx, hearing_id), rendered.pdf)
    by_participant = {str(spec.participant_id): spec for spec in source.signers}
    specs = [dataclasses.replace(by_participant[slot.signer_id], field_name=slot.field_name) for slot in rendered.slots]
    # The stamp face for this record's signers, made once instead of per signature.
    await asyncio.to_thread(fonts.warm_stamp_font, [s.name for s in specs])
    async with pool.acquire() as conn:
        try:
            return await records.create(
                conn, hearing_id=hearing_id, rendered_sha256=blob.sha256, page_count=rendered.page_count,
                segments=len(source.segments), characters=sum(len(s["text"]) for s in source.segments),
                signers=specs, actor=actor)
        except records.RecordError as exc:
            if exc.code != "record_exists":
                raise
            return await records.active_for_hearing(conn, hearing_id)  # a colleague's lock won the race


async def reopen(ctx: "ServerContext", hearing_id: uuid.UUID, actor: audit.Actor, reason: str) -> records.Record | None:
    """The presiding judge reopens the transcript (checked by the caller): the record being
    signed is voided with its signatures and invitations; never once filed."""
    if not reason or not reason.strip():
        raise records.RecordError("reason_required", "重新开放笔录须说明理由 (a reason is required)")
    async with ctx.db.transaction() as conn:
        voided = await records.supersede(conn, hearing_id, reason=reason.strip(), actor=actor)
        await transcripts.reopen(conn, hearing_id, actor, reason)
    return voided


# --- signing -----------------------------------------------------------------------------

def _stamp(signer: records.Signer) -> pades.StampInfo:
    return pades.StampInfo(signer.name, records.role_label(signer.role))


async def read_blob(ctx: "ServerContext", hearing_id: uuid.UUID, sha256: str) -> bytes:
    """A blob of this hearing's record (a PDF revision, a package) in the clear: the
    caller checked that whoever asks may read it."""
    return await sealing.read_bytes(ctx, await sealing.scope_for_hearing(ctx, hearing_id), sha256)


async def _current_pdf(ctx: "ServerContext", record: records.Record) -> bytes:
    return await read_blob(ctx, record.hearing_id, record.current_sha256)


async def _put(ctx: "ServerContext", record: records.Record, pdf: bytes) -> Blob:
    return await sealing.put_bytes(ctx, await sealing.scope_for_hearing(ctx, record.hearing_id), pdf)


async def sign_as_staff(ctx: "ServerContext", record_id: uuid.UUID, participant_id: uuid.UUID,
                        actor: audit.Actor, *, password: str, file_when_complete: bool = True) -> records.Record:
    """Sign a court signer's field with their server-held key, which only their `password`
    unlocks (the caller checked who is asking). The first court signer first stamps every
    party's refusal."""
    ca = await asyncio.to_thread(court_ca, ctx)
    async with ctx.db.transaction() as conn:
        record = await records.get(conn, record_id, for_update=True)
        signers = await records.signers(conn, record_id)
        me = next((s for s in signers if s.participant_id == participant_id and s.key_holder == "server"), None)
        if me is None:
            raise records.RecordError("not_a_signer", "您不在本笔录的签名人之列 (not a signer of this record)")
        if record.state not in ("rendered", "signing"):
            raise records.RecordError("not_signing", f"笔录当前为“{records.STATE_LABELS[record.state]}”，不能签名")
        records.check_turn(signers, me.field_name)
        try:
            key, cert = await asyncio.to_thread(server_key, ctx, staff_signer_id(me), me.name, me.role,
                                                password=password)
        except WrongPassword:
            raise records.RecordError("bad_password", "密码不能解锁您的签名密钥，未签名 (the password does not unlock "
                                                      "your signing key; nothing signed)") from None
        pdf = await _current_pdf(ctx, record)
        with _tsa_failure_is_retryable():
            record = await _sign_staff_field(ctx, conn, record, signers, me, key, cert, ca, pdf, actor)
    return await _after_signature(ctx, record, file_when_complete)


async def _sign_staff_field(ctx, conn, record, signers, me, key, cert, ca, pdf, actor) -> records.Record:
    """Stamp every party's pending refusal (the first court signer does), then sign `me`'s field."""
    for s in signers:
        if s.state == "refused" and not s.refusal_stamped:
            pdf = await asyncio.to_thread(
                pades.sign_refusal, pdf, key, cert, ca.cert, s.field_name, refuser_name=s.name,
                refuser_role_label=records.role_label(s.role), reason=s.refusal_reason or "", recorded_by=_stamp(me),
                enforce_order=False, timestamp_url=ctx.settings.tsa_url)
            blob = await _put(ctx, record, pdf)
            record = await records.mark_refusal_stamped(conn, record, s.field_name, new_sha256=blob.sha256,
                                                        previous_sha256=record.current_sha256, actor=actor)
    pdf = await asyncio.to_thread(pades.sign_pdf, pdf, key, cert, ca.cert, me.field_name, _stamp(me),
                                  enforce_order=False, timestamp_url=ctx.settings.tsa_url)
    blob = await _put(ctx, record, pdf)
    return await records.mark_signed(conn, record, me.field_name, new_sha256=blob.sha256,
                                     previous_sha256=record.current_sha256, actor=actor,
                                     detail={"key_holder": "server", "signer": me.name, "role": me.role})


@contextlib.contextmanager
def _tsa_failure_is_retryable():
    """A TSA outage aborts the signature (the transaction rolls back) and says so: retry later."""
    try:
        yield
    except pades.TimestampUnavailable as exc:
        raise records.RecordError("tsa_unavailable", str(exc)) from None


async def refuse(ctx: "ServerContext", record_id: uuid.UUID, field_name: str, reason: str,
                 recorded_by: audit.Actor) -> records.Record:
    async with ctx.db.transaction() as conn:
        record = await records.get(conn, record_id, for_update=True)
        return await records.mark_refused(conn, record, field_name, reason=reason, recorded_by=recorded_by)


async def _after_signature(ctx: "ServerContext", record: records.Record, file_when_complete: bool) -> records.Record:
    """The last signature files the record at once; a failure leaves it signed for the
    service to retry (and the error in the log), never half-filed."""
    if record.state == "signed" and file_when_complete:
        try:
            return await file_record(ctx, record.id, audit.Actor.system())
        except Exception:
            log.exception("filing record %s failed; the filing service will retry", record.id)
    return record


async def issue_invitation(ctx: "ServerContext", record_id: uuid.UUID, participant_id: uuid.UUID, *,
                           identity_method: str, lifetime_s: int, issued_by: uuid.UUID | None,
                           actor: audit.Actor) -> tuple[str, records.Invitation]:
    async with ctx.db.transaction() as conn:
        record = await records.get(conn, record_id, for_update=True)
        me = next((s for s in await records.signers(conn, record_id) if s.participant_id == participant_id), None)
        if me is None:
            raise records.RecordError("not_a_signer", "该参与人不在本笔录的签名人之列 (not a signer of this record)")
        return await records.issue_invitation(conn, ctx.keys.join_token_key, record, me.field_name,
                                              identity_method=identity_method, lifetime_s=lifetime_s,
                                              issued_by=issued_by, actor=actor)


async def new_nonce(ctx: "ServerContext", invitation: records.Invitation) -> bytes:
    nonce = os.urandom(32)
    async with ctx.db.pool.acquire() as conn:
        await records.set_nonce(conn, invitation, nonce)
    return nonce


async def certify(ctx: "ServerContext", invitation: records.Invitation, *, spki: bytes, nonce: bytes,
                  signature: bytes, actor: audit.Actor) -> x509.Certificate:
    """Certify a browser key: the nonce is the one we issued (once), the browser proved it
    holds the key, and the invitation is the court's identity confirmation; the
    certificate names the participant."""
    async with ctx.db.transaction() as conn:
        expected = await records.take_nonce(conn, invitation)
        if expected is None or expected != nonce:
            raise records.RecordError("bad_nonce", "随机数无效或已过期，请重试 (nonce unknown, used or expired)")
        try:
            ok = pades.verify_possession(spki, nonce, signature)
        except (ValueError, CertificateRequestError) as exc:
            raise records.RecordError("bad_key", f"公钥不可用：{exc} (unusable public key)") from None
        if not ok:
            raise records.RecordError("bad_proof", "持有证明无效 (proof of possession does not verify)")
        signer = next(s for s in await records.signers(conn, invitation.record_id)
                      if s.field_name == invitation.field_name)
        ca = await asyncio.to_thread(court_ca, ctx)
        public_key = serialization.load_der_public_key(spki)
        cert = ca.issue_certificate(public_key, name=signer.name, role=signer.role,
                                    signer_id=f"participant-{signer.participant_id.hex}", valid_days=PARTY_CERT_DAYS)
        pem = cert.public_bytes(serialization.Encoding.PEM).decode("ascii")
        await records.set_certificate(conn, invitation, pem, actor, detail={
            "serial": format(cert.serial_number, "x"), "identity_method": invitation.identity_method,
            "spki_sha256": hashlib.sha256(spki).hexdigest()})
    return cert


async def prepare_party(ctx: "ServerContext", invitation: records.Invitation
                        ) -> tuple[uuid.UUID, pades.PreparedSignature]:
    """First half of a browser signature: the prepared PDF and the bytes to sign, kept until finish."""
    if invitation.certificate_pem is None:
        raise records.RecordError("not_certified", "请先生成签名密钥并取得证书 (certify a key first)")
    ca = await asyncio.to_thread(court_ca, ctx)
    pool = ctx.db.pool
    record = await records.get(pool, invitation.record_id)
    if record.state not in ("rendered", "signing"):
        raise records.RecordError("not_signing", f"笔录当前为“{records.STATE_LABELS[record.state]}”，不能签名")
    signers = await records.signers(pool, record.id)
    me = records.check_turn(signers, invitation.field_name)
    cert = x509.load_pem_x509_certificate(invitation.certificate_pem.encode("ascii"))
    pdf = await _current_pdf(ctx, record)
    try:
        with _tsa_failure_is_retryable():
            prepared = await asyncio.to_thread(pades.prepare_external, pdf, cert, ca.cert, me.field_name, _stamp(me),
                                               enforce_order=False, timestamp_url=ctx.settings.tsa_url)
    except pades.SigningError as exc:
        raise records.RecordError("cannot_prepare", str(exc)) from None
    async with pool.acquire() as conn:
        pending_id = await records.save_pending(conn, invitation, input_sha256=prepared.input_sha256,
                                                prepared_json=prepared.to_json())
    return pending_id, prepared


async def load_prepared(ctx: "ServerContext", invitation: records.Invitation,
                        pending_id: uuid.UUID) -> pades.PreparedSignature:
    return pades.PreparedSignature.from_json(await records.load_pending(ctx.db.pool, invitation, pending_id))


async def finish_party(ctx: "ServerContext", invitation: records.Invitation, pending_id: uuid.UUID,
                       raw_signature: bytes, *, file_when_complete: bool = True) -> records.Record:
    """Second half: embed the browser's r||s signature, unless the document moved on meanwhile."""
    async with ctx.db.transaction() as conn:
        prepared = pades.PreparedSignature.from_json(await records.load_pending(conn, invitation, pending_id))
        record = await records.get(conn, invitation.record_id, for_update=True)
        if record.current_sha256 != prepared.input_sha256:
            raise records.DocumentChanged("document_changed",
                                          "文档已变更（他人刚刚签名），请重新签名 (document changed; sign again)")
        pdf = await _current_pdf(ctx, record)
        try:
            with _tsa_failure_is_retryable():
                signed = await asyncio.to_thread(pades.finish_external, prepared, raw_signature, current_pdf=pdf,
                                                 max_age_s=records.PENDING_TTL_S)
        except pades.ExternalSignatureError as exc:
            raise records.RecordError("bad_signature", str(exc)) from None
        blob = await _put(ctx, record, signed)
        me = next(s for s in await records.signers(conn, record.id) if s.field_name == invitation.field_name)
        signer_actor = audit.Actor(me.name, me.role)
        record = await records.mark_signed(conn, record, invitation.field_name, new_sha256=blob.sha256,
                                           previous_sha256=record.current_sha256, actor=signer_actor,
                                           detail={"key_holder": "browser", "jti": str(invitation.id)})
        await records.drop_pending(conn, pending_id)
    return await _after_signature(ctx, record, file_when_complete)


# --- filing ------------------------------------------------------------------------------

def _recording_name(r: Mapping[str, Any], taken: set[str]) -> str:
    path = Path(r["path"])
    suffix = ".webm.enc" if path.name.endswith(".webm.enc") else (path.suffix or ".webm")
    name = f"{r['participant_role']}-{r['participant_id'].hex[:8]}-{r['kind']}-{r['segment_index']:03d}{suffix}"
    if name in taken:
        name = f"{r['id'].hex[:8]}-{name}"
    taken.add(name)
    return name


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
        path = Path(r["path"])
        if not path.is_file():
            # A recording is never dropped silently: filing waits until it is found.
            raise FilingError("recording_missing", f"录音录像文件缺失，无法归档：{path} (recording file missing)")
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
            await dossier.lock_head(conn, case["id"], volume)
            prior = await dossier.chain(conn, case["id"], volume)
            audit_seq, audit_head = await audit.head(conn, str(h.id))
            # The package carries the anchor (outside the database) that names this head.
            anchor = await _package_anchor(ctx, str(h.id), audit_seq, audit_head)
            built = await asyncio.to_thread(
                build_package, work / "package", case_number=case["case_number"], hearing_id=str(h.id),
                signed_pdf=signed_pdf, recordings=package_recordings, segments=segments,
                audit_chain_head=audit_head, audit_chain_seq=audit_seq, audit_anchor=anchor.to_json() + b"\n",
                ca_cert=ca.cert, volume=volume,
                category=dossier.RECORD_CATEGORY[h.kind.value], dossier_chain=prior, seal=seal, tsa_ca_cert=tsa_ca)
            zip_path = await asyncio.to_thread(export_zip, built.directory, work / "package.zip")
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
            await dossier.append_built(conn, case["id"], volume, built.chain[len(prior):], files, hearing_id=h.id,
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


# --- push to the external dossier system ------------------------------------------------------

async def _chunks(ctx: "ServerContext", hearing_id: uuid.UUID, sha256: str) -> AsyncIterator[bytes]:
    """A package's bytes in the clear (a sealed one decrypted as it is read)."""
    path, reader = await sealing.open_blob(ctx, await sealing.scope_for_hearing(ctx, hearing_id), sha256)
    fh = reader if reader is not None else await asyncio.to_thread(open, path, "rb")
    try:
        while chunk := await asyncio.to_thread(fh.read, 1 << 20):
            yield chunk
    finally:
        fh.close()


async def deliver_due(ctx: "ServerContext", *, timeout_s: float = 60.0) -> list[dict[str, Any]]:
    """One round of the outbox: POST each due package (the zip) with its idempotency key.
    2xx: delivered. 4xx (but 408/425/429): rejected, kept for a person to look at.
    Anything else (5xx, no connection): tried again later, with back-off, forever."""
    import httpx

    async with ctx.db.pool.acquire() as conn:
        due = await dossier.claim_due(conn)
    results = []
    for item in due:
        record = await records.get(ctx.db.pool, item["record_id"])
        status, error = None, None
        try:
            async with httpx.AsyncClient(timeout=timeout_s) as client:
                response = await client.post(
                    item["url"], content=_chunks(ctx, record.hearing_id, item["package_sha256"]),
                    headers={"content-type": "application/zip", "idempotency-key": item["idempotency_key"],
                             "x-courtroom-package-sha256": item["package_sha256"],
                             "x-courtroom-hearing-id": str(record.hearing_id),
                             "x-courtroom-record-id": str(record.id)})
            status = response.status_code
            if not 200 <= status < 300:
                error = response.text[:300]
        except Exception as exc:  # connection refused, timeout, blob missing...
            error = f"{type(exc).__name__}: {exc}"
        delivered = status is not None and 200 <= status < 300
        rejected = status is not None and 400 <= status < 500 and status not in (408, 425, 429)
        async with ctx.db.transaction() as conn:
            row = await dossier.record_attempt(conn, item["id"], delivered=delivered, rejected=rejected,
                                               status=status, error=error)
            if delivered or rejected:
                await audit.append(conn, "dossier.push_delivered" if delivered else "dossier.push_rejected",
                                   audit.Actor.system(), hearing_id=record.hearing_id,
                                   detail={"record_id": str(record.id), "url": item["url"], "status": status,
                                           "attempts": row["attempts"], "idempotency_key": item["idempotency_key"]})
        results.append(row)
    return results


class FilingService:
    """Background work of filing, one task per server (several servers share the outbox
    safely: claim_due leases rows with SKIP LOCKED)."""

    def __init__(self, ctx: "ServerContext", *, interval_s: float = 5.0):
        self.ctx = ctx
        self.interval_s = interval_s
        self._wake = asyncio.Event()
        self._task: asyncio.Task | None = None

    async def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="filing-service")

    def kick(self) -> None:
        self._wake.set()

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass

    async def run_once(self) -> None:
        pool = self.ctx.db.pool
        await records.expire_pending(pool)
        for row in await pool.fetch("select id from hearing_records where state = 'signed'"):
            try:
                await file_record(self.ctx, row["id"], audit.Actor.system())
            except Exception:
                log.exception("filing record %s failed; will retry", row["id"])
        await deliver_due(self.ctx)

    async def _run(self) -> None:
        while True:
            try:
                await self.run_once()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("filing service round failed")
            try:
                await asyncio.wait_for(self._wake.wait(), self.interval_s)
            except asyncio.TimeoutError:
                pass
            self._wake.clear()


async def start_filing_service(ctx: "ServerContext") -> FilingService:
    service = FilingService(ctx)
    await service.start()
    return service


# --- the demo ----------------------------------------------------------------------------------

def webcrypto_style_signature(key: ec.EllipticCurvePrivateKey, data: bytes) -> bytes:
    """What a browser's WebCrypto ECDSA P-256/SHA-256 returns: r || s."""
    r, s = decode_dss_signature(key.sign(data, ec.ECDSA(hashes.SHA256())))
    return r.to_bytes(32, "big") + s.to_bytes(32, "big")


async def sign_and_file_for_demo(ctx: "ServerContext", hearing_id: uuid.UUID, *,
                                 party_keys: Mapping[Any, ec.EllipticCurvePrivateKey],
                                 staff_passwords: Mapping[Any, str]) -> dict[str, Any]:
    """Lock, render, have every simulated participant sign, file; for `courtroom demo`.

    Parties sign through the same invitation, proof-of-possession, certification and
    two-step external signature as a browser, with in-process keys from `party_keys`
    (by participant id, as UUID or str; a party without one gets a fresh key). Court
    staff sign with their server-held keys, unlocked with `staff_passwords` (by staff id,
    as UUID or str). The hearing must be closed. Returns the
    paths of copies of the signed PDF and the dossier package (zip), plus ids."""
    pool = ctx.db.pool
    people = await hearings.participants(pool, hearing_id)
    recorder = next((p for p in people if p.role.value in records.RECORDER_ROLES), None)
    clerk_actor = recorder.actor if recorder else audit.Actor.system()
    record = await lock_and_render(ctx, hearing_id, clerk_actor)
    for signer in await records.signers(pool, record.id):
        if signer.key_holder != "browser" or signer.done:
            continue
        key = party_keys.get(signer.participant_id) or party_keys.get(str(signer.participant_id)) or \
            ec.generate_private_key(ec.SECP256R1())
        token, _ = await issue_invitation(ctx, record.id, signer.participant_id,
                                          identity_method="演示：模拟当事人（程序内密钥）", lifetime_s=3600,
                                          issued_by=None, actor=clerk_actor)
        invitation = await records.read_invitation(pool, ctx.keys.join_token_key, token)
        nonce = await new_nonce(ctx, invitation)
        spki = key.public_key().public_bytes(serialization.Encoding.DER,
                                             serialization.PublicFormat.SubjectPublicKeyInfo)
        await certify(ctx, invitation, spki=spki, nonce=nonce,
                      signature=webcrypto_style_signature(key, pades.possession_message(spki, nonce)),
                      actor=audit.Actor(signer.name, signer.role))
        invitation = await records.read_invitation(pool, ctx.keys.join_token_key, token)
        pending_id, prepared = await prepare_party(ctx, invitation)
        await finish_party(ctx, invitation, pending_id, webcrypto_style_signature(key, prepared.to_be_signed),
                           file_when_complete=False)
    for signer in await records.signers(pool, record.id):
        if signer.key_holder == "server" and not signer.done:
            password = next((staff_passwords[k] for k in (signer.staff_id, str(signer.staff_id))
                             if k in staff_passwords or hasattr(staff_passwords, "default_factory")), "")
            await sign_as_staff(ctx, record.id, signer.participant_id, audit.Actor(signer.name, signer.role),
                                password=password, file_when_complete=False)
    record = await file_record(ctx, record.id, clerk_actor)
    out = ctx.settings.data_dir / "exports" / str(hearing_id)
    out.mkdir(parents=True, exist_ok=True)
    pdf_path, zip_path = out / "record-signed.pdf", out / "dossier-package.zip"
    # The demo shows its results in the clear, a closed session's too (decrypted copies).
    await asyncio.to_thread(pdf_path.write_bytes, await read_blob(ctx, hearing_id, record.current_sha256))
    await asyncio.to_thread(zip_path.write_bytes, await read_blob(ctx, hearing_id, record.package_sha256))
    return {"signed_pdf": str(pdf_path), "dossier_package": str(zip_path), "record_id": str(record.id),
            "record_sha256": record.current_sha256, "package_sha256": record.package_sha256}
