"""The record as a document: built from the database, locked, rendered to PDF, reopened.

    lock_and_render   transcript locked, RecordDocument built from the database, PDF rendered
    reopen            only by the presiding judge, logged; the next lock renders anew

Closed sessions (deliberation, committee): the minutes are built from the decrypted
transcript plus the questions, votes, results and opinions (models.deliberation), and
every blob of theirs (each signed revision of the PDF) is sealed under the case key in
the blob store (courtroom.records.sealing).

Everything CPU-bound (rendering) runs in a thread, so the event loop that carries the
hearings' media never waits on it."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import logging
import uuid
from typing import TYPE_CHECKING, Any

from courtroom.records import sealing
from models import audit, cases, deliberation, hearings, records, transcripts
from models.blobstore import Blob
from models.domain import HearingState
from signing import fonts, pades
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
# Roles whose seat signs the record, by what they are in the room.
_SIGNING_ROLES = records.PARTY_ROLES | records.RECORDER_ROLES | records.PANEL_ROLES | records.CHAIR_ROLES
_BENCH = ("presiding_judge", "judge", "juror", "committee_chair", "committee_member")


class FilingError(records.RecordError):
    """Filing cannot proceed (a recording file missing, the blob store failing...)."""


@dataclasses.dataclass(frozen=True)
class RecordSource:
    """What the record is made of, read from the database at lock time."""

    hearing: hearings.Hearing
    case: cases.Case
    document: RecordDocument
    signers: list[records.SignerSpec]  # in the document's slot order
    segments: list[dict[str, Any]]  # for the transcript exports


def _local(t: dt.datetime) -> dt.datetime:
    return t.astimezone(CHINA_TZ)


async def load_source(ctx: "ServerContext", hearing_id: uuid.UUID) -> RecordSource:
    pool = ctx.db.pool
    h = await hearings.get(pool, hearing_id)
    case = await cases.get_case(pool, h.case_id)
    people = await hearings.record_people(pool, hearing_id)
    place = h.place
    if not place and h.mode == "internet":
        place = "互联网法庭（在线庭审）"
    if not place:
        room = await hearings.courtroom_name(pool, hearing_id)
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
        court_name=ctx.settings.court_name, kind=h.kind.value, case_number=case.case_number, cause=case.cause,
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
    specs = [dataclasses.replace(by_participant[str(slot.signer_id)], field_name=slot.field_name) for slot in rendered.slots]
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
            existing = await records.active_for_hearing(conn, hearing_id)  # a colleague's lock won the race
            if existing is None:
                raise
            return existing


async def reopen(ctx: "ServerContext", hearing_id: uuid.UUID, actor: audit.Actor, reason: str) -> records.Record | None:
    """The presiding judge reopens the transcript (checked by the caller): the record being
    signed is voided with its signatures and invitations; never once filed."""
    if not reason or not reason.strip():
        raise records.RecordError("reason_required", "重新开放笔录须说明理由 (a reason is required)")
    async with ctx.db.transaction() as conn:
        voided = await records.supersede(conn, hearing_id, reason=reason.strip(), actor=actor)
        await transcripts.reopen(conn, hearing_id, actor, reason)
    return voided


def stamp_info(signer: records.Signer) -> pades.StampInfo:
    return pades.StampInfo(signer.name, records.role_label(signer.role))


async def read_blob(ctx: "ServerContext", hearing_id: uuid.UUID, sha256: str) -> bytes:
    """A blob of this hearing's record (a PDF revision, a package) in the clear: the
    caller checked that whoever asks may read it."""
    return await sealing.read_bytes(ctx, await sealing.scope_for_hearing(ctx, hearing_id), sha256)


async def current_pdf(ctx: "ServerContext", record: records.Record) -> bytes:
    return await read_blob(ctx, record.hearing_id, record.current_sha256)


async def put_pdf(ctx: "ServerContext", record: records.Record, pdf: bytes) -> Blob:
    return await sealing.put_bytes(ctx, await sealing.scope_for_hearing(ctx, record.hearing_id), pdf)
