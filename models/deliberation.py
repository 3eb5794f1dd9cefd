"""What a closed session decides: questions, votes, results, and each member's opinion.

    put_question   the presiding member (审判长 / 主持人) puts a question to the members
    cast_vote      a member votes agree / disagree / abstain, with a reason; one vote per
                   member and question, changeable until the question closes; every vote
                   as cast is kept (history) and every change is on the audit chain
    close_question the presiding member closes it once every voting member has voted;
                   the result is fixed then: the majority (more than half of the voting
                   members) and the minority, named one by one (少数意见如实记入笔录)
    record_opinion a member states their own opinion, on one question or on the case,
                   optionally pointing at the transcript segments where they said it
                   (only their own segments)
    minutes        everything above, decrypted, in the order the minutes print it

Texts, choices and reasons are sealed under the case key (signing.seal fields):
every function that reads or writes them takes the key. Nothing changes once the
minutes are locked for signing (the transcript lock of the session)."""

from __future__ import annotations

import dataclasses
import hashlib
import uuid
from typing import Any, Sequence

import asyncpg

from models import audit, transcripts
from models.casekeys import SEALED_KINDS
from models.domain import CHAIR_ROLES, ROLE_LABELS, Role
from models.hearings import Hearing, Participant
from models.hearings import get as get_hearing
from models.hearings import participants as hearing_participants
from signing.seal import open_json, open_text, seal_json, seal_text

CHOICES: dict[str, str] = {"agree": "同意", "disagree": "不同意", "abstain": "弃权"}
VOTER_ROLES: dict[str, frozenset[Role]] = {
    "deliberation": frozenset({Role.PRESIDING_JUDGE, Role.JUDGE, Role.JUROR}),
    "committee": frozenset({Role.COMMITTEE_CHAIR, Role.COMMITTEE_MEMBER}),
}
# The order members appear in the minutes: the presiding member first, then by office.
_ROLE_ORDER = ["presiding_judge", "committee_chair", "judge", "committee_member", "juror", "clerk",
               "committee_secretary"]
MAX_TEXT = 5000


class DeliberationError(Exception):
    """A request the session's rules refuse; `code` for programs, str() for people."""

    def __init__(self, code: str, message: str, status: int = 409):
        super().__init__(message)
        self.code = code
        self.status = status


def _sha(token: str) -> str:
    # A commitment to the stored ciphertext, for the audit chain: never a hash of the
    # plaintext (three possible choices would be guessed from their hashes at once).
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def is_voter(hearing: Hearing, p: Participant) -> bool:
    return p.state != "removed" and p.role in VOTER_ROLES.get(hearing.kind.value, frozenset())


def is_chair(hearing: Hearing, p: Participant) -> bool:
    return p.state != "removed" and p.role in CHAIR_ROLES[hearing.kind.value]


def member_order(people: Sequence[Participant]) -> list[Participant]:
    return sorted(people, key=lambda p: _ROLE_ORDER.index(p.role.value) if p.role.value in _ROLE_ORDER else 99)


def _person(p: Participant) -> dict[str, Any]:
    return {"participant_id": str(p.id), "name": p.name, "role": p.role.value, "role_label": p.role.label}


async def _session(conn: asyncpg.Connection, hearing_id: uuid.UUID, *, for_update: bool = False) -> Hearing:
    row = await conn.fetchrow("select * from hearings where id = $1" + (" for update" if for_update else ""),
                              hearing_id)
    if row is None:
        raise LookupError("hearing not found")
    h = Hearing.from_row(row)
    if h.kind.value not in SEALED_KINDS:
        raise DeliberationError("not_a_closed_session", "仅合议和审委会讨论有评议事项 (not a closed session)", 404)
    if row["transcript_locked_at"] is not None:
        raise DeliberationError("minutes_locked", "笔录已锁定待签，评议内容不能再改 (the minutes are locked for signing)")
    return h


# --- questions --------------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Question:
    id: uuid.UUID
    hearing_id: uuid.UUID
    number: int
    text: str
    state: str
    put_by: uuid.UUID
    put_at: Any
    closed_at: Any
    result: dict[str, Any] | None


def _question(r: asyncpg.Record, key: bytes) -> Question:
    qid = r["id"]
    result = open_json(key, r["result_sealed"], f"deliberation_questions/{qid}/result") if r["result_sealed"] else None
    return Question(qid, r["hearing_id"], r["number"], open_text(key, r["text_sealed"], f"deliberation_questions/{qid}/text"),
                    r["state"], r["put_by"], r["put_at"], r["closed_at"], result)


async def put_question(conn: asyncpg.Connection, key: bytes, hearing_id: uuid.UUID, chair: Participant,
                       text: str) -> Question:
    text = (text or "").strip()
    if not text or len(text) > MAX_TEXT:
        raise DeliberationError("bad_field", f"评议事项须为 1 至 {MAX_TEXT} 字 (question text 1..{MAX_TEXT})", 400)
    async with conn.transaction():
        h = await _session(conn, hearing_id, for_update=True)
        if not is_chair(h, chair) or chair.hearing_id != h.id:
            raise DeliberationError("chair_only", "仅审判长（主持人）可以提出评议事项 (presiding member only)", 403)
        if h.state.value not in ("open", "paused"):
            raise DeliberationError("not_in_session", "评议事项须在会议进行中提出 (put questions during the session)")
        number = await conn.fetchval(
            "select coalesce(max(number), 0) + 1 from deliberation_questions where hearing_id = $1", h.id)
        qid = uuid.uuid4()
        sealed = seal_text(key, text, f"deliberation_questions/{qid}/text")
        row = await conn.fetchrow(
            "insert into deliberation_questions(id, hearing_id, number, text_sealed, put_by) values ($1,$2,$3,$4,$5)"
            " returning *", qid, h.id, number, sealed, chair.id)
        await audit.append(conn, "deliberation.question_put", chair.actor, hearing_id=h.id, case_id=h.case_id,
                           detail={"question_id": str(qid), "number": number, "sealed_sha256": _sha(sealed)})
    return _question(row, key)


async def _voters(conn: asyncpg.Connection | asyncpg.Pool, h: Hearing) -> list[Participant]:
    return member_order([p for p in await hearing_participants(conn, h.id) if is_voter(h, p)])


async def _open_question(conn: asyncpg.Connection, question_id: uuid.UUID, hearing_id: uuid.UUID) -> asyncpg.Record:
    row = await conn.fetchrow("select * from deliberation_questions where id = $1 for update", question_id)
    if row is None or row["hearing_id"] != hearing_id:
        raise DeliberationError("not_found", "无此评议事项 (no such question)", 404)
    if row["state"] != "open":
        raise DeliberationError("question_closed", "该评议事项已结束表决 (the question is closed)")
    return row


async def cast_vote(conn: asyncpg.Connection, key: bytes, hearing_id: uuid.UUID, question_id: uuid.UUID,
                    voter: Participant, choice: str, reason: str = "") -> dict[str, Any]:
    """The member's own vote; a second call changes it (a new version, audited)."""
    if choice not in CHOICES:
        raise DeliberationError("bad_field", "表决意见须为 同意、不同意 或 弃权 (agree, disagree or abstain)", 400)
    reason = (reason or "").strip()
    if len(reason) > MAX_TEXT:
        raise DeliberationError("bad_field", "理由过长 (reason too long)", 400)
    async with conn.transaction():
        h = await _session(conn, hearing_id)
        if voter.hearing_id != h.id or not is_voter(h, voter):
            raise DeliberationError("not_a_voter", "您不是本次评议的表决成员 (you do not vote in this session)", 403)
        if h.state.value == "scheduled":
            raise DeliberationError("not_in_session", "会议尚未开始 (the session has not started)")
        await _open_question(conn, question_id, h.id)
        current = await conn.fetchval(
            "select version from deliberation_votes where question_id = $1 and participant_id = $2 for update",
            question_id, voter.id)
        version = (current or 0) + 1
        sealed = seal_json(key, {"choice": choice, "reason": reason},
                           f"deliberation_votes/{question_id}/{voter.id}/v{version}")
        await conn.execute(
            "insert into deliberation_votes(question_id, participant_id, version, choice_sealed) values ($1,$2,$3,$4)"
            " on conflict (question_id, participant_id) do update set version = excluded.version,"
            " choice_sealed = excluded.choice_sealed, updated_at = now()", question_id, voter.id, version, sealed)
        await conn.execute(
            "insert into deliberation_vote_history(question_id, participant_id, version, choice_sealed)"
            " values ($1,$2,$3,$4)", question_id, voter.id, version, sealed)
        await audit.append(conn, "deliberation.vote_cast" if version == 1 else "deliberation.vote_changed",
                           voter.actor, hearing_id=h.id, case_id=h.case_id,
                           detail={"question_id": str(question_id), "participant_id": str(voter.id),
                                   "version": version, "sealed_sha256": _sha(sealed)})
    return {"question_id": str(question_id), **_person(voter), "choice": choice, "choice_label": CHOICES[choice],
            "reason": reason, "version": version}


async def _votes(conn: asyncpg.Connection | asyncpg.Pool, key: bytes, question_id: uuid.UUID) -> dict[uuid.UUID, dict]:
    out = {}
    for r in await conn.fetch("select * from deliberation_votes where question_id = $1", question_id):
        v = open_json(key, r["choice_sealed"], f"deliberation_votes/{question_id}/{r['participant_id']}/v{r['version']}")
        out[r["participant_id"]] = {**v, "version": r["version"], "updated_at": r["updated_at"].isoformat()}
    return out


def tally(voters: Sequence[Participant], votes: dict[uuid.UUID, dict]) -> dict[str, Any]:
    """Counts, the majority (more than half of the voting members) and the minority."""
    counts = {c: 0 for c in CHOICES}
    for p in voters:
        if p.id in votes:
            counts[votes[p.id]["choice"]] += 1
    needed = len(voters) // 2 + 1
    majority = next((c for c in ("agree", "disagree") if counts[c] >= needed), None)
    minority = [{**_person(p), "choice": votes[p.id]["choice"], "choice_label": CHOICES[votes[p.id]["choice"]],
                 "reason": votes[p.id].get("reason", "")}
                for p in voters if majority and p.id in votes and votes[p.id]["choice"] != majority]
    missing = [_person(p) for p in voters if p.id not in votes]
    outcome = {"agree": "adopted", "disagree": "rejected", None: "undecided"}[majority]
    label = {"adopted": "通过", "rejected": "未通过", "undecided": "未形成多数意见"}[outcome]
    return {"voters": len(voters), "needed": needed, "counts": counts, "majority": majority,
            "majority_label": CHOICES[majority] if majority else None, "outcome": outcome, "outcome_label": label,
            "minority": minority, "missing": missing}


async def close_question(conn: asyncpg.Connection, key: bytes, hearing_id: uuid.UUID, question_id: uuid.UUID,
                         chair: Participant) -> Question:
    async with conn.transaction():
        h = await _session(conn, hearing_id)
        if chair.hearing_id != h.id or not is_chair(h, chair):
            raise DeliberationError("chair_only", "仅审判长（主持人）可以结束表决 (presiding member only)", 403)
        await _open_question(conn, question_id, h.id)
        voters = await _voters(conn, h)
        result = tally(voters, await _votes(conn, key, question_id))
        if result["missing"]:
            names = "、".join(f"{m['role_label']}{m['name']}" for m in result["missing"])
            raise DeliberationError("votes_missing", f"尚有成员未表决：{names} (every member must vote first)")
        sealed = seal_json(key, result, f"deliberation_questions/{question_id}/result")
        row = await conn.fetchrow(
            "update deliberation_questions set state = 'closed', closed_by = $2, closed_at = now(), result_sealed = $3"
            " where id = $1 returning *", question_id, chair.id, sealed)
        await audit.append(conn, "deliberation.question_closed", chair.actor, hearing_id=h.id, case_id=h.case_id,
                           detail={"question_id": str(question_id), "number": row["number"],
                                   "sealed_sha256": _sha(sealed)})
    return _question(row, key)


# --- opinions ---------------------------------------------------------------------------------

async def record_opinion(conn: asyncpg.Connection, key: bytes, hearing_id: uuid.UUID, member: Participant, text: str,
                         *, question_id: uuid.UUID | None = None,
                         segment_ids: Sequence[uuid.UUID] = ()) -> dict[str, Any]:
    """A member's own opinion (a new version when they restate it). Linked segments must
    be the member's own words in this session's transcript."""
    text = (text or "").strip()
    if not text or len(text) > MAX_TEXT:
        raise DeliberationError("bad_field", f"意见须为 1 至 {MAX_TEXT} 字 (opinion text 1..{MAX_TEXT})", 400)
    segment_ids = list(dict.fromkeys(segment_ids))
    async with conn.transaction():
        h = await _session(conn, hearing_id)
        if member.hearing_id != h.id or not is_voter(h, member):
            raise DeliberationError("not_a_voter", "仅评议成员可以发表意见 (members only)", 403)
        if h.state.value == "scheduled":
            raise DeliberationError("not_in_session", "会议尚未开始 (the session has not started)")
        if question_id is not None:
            await _open_question(conn, question_id, h.id)
        if segment_ids:
            owned = await conn.fetch(
                "select id from transcript_segments where id = any($1::uuid[]) and hearing_id = $2"
                " and participant_id = $3 and not deleted", segment_ids, h.id, member.id)
            if len(owned) != len(segment_ids):
                raise DeliberationError("bad_segments", "只能标记本人在本次会议中的发言 (mark your own segments only)", 400)
        existing = await conn.fetchrow(
            "select * from deliberation_opinions where hearing_id = $1 and participant_id = $2"
            " and question_id is not distinct from $3 for update", h.id, member.id, question_id)
        opinion_id = existing["id"] if existing else uuid.uuid4()
        version = existing["version"] + 1 if existing else 1
        sealed = seal_text(key, text, f"deliberation_opinions/{opinion_id}/v{version}")
        if existing:
            await conn.execute("update deliberation_opinions set version = $2, text_sealed = $3, segment_ids = $4,"
                               " updated_at = now() where id = $1", opinion_id, version, sealed, segment_ids)
        else:
            await conn.execute(
                "insert into deliberation_opinions(id, hearing_id, participant_id, question_id, version, text_sealed,"
                " segment_ids) values ($1,$2,$3,$4,$5,$6,$7)", opinion_id, h.id, member.id, question_id, version,
                sealed, segment_ids)
        await conn.execute("insert into deliberation_opinion_history(opinion_id, version, text_sealed, segment_ids)"
                           " values ($1,$2,$3,$4)", opinion_id, version, sealed, segment_ids)
        await audit.append(conn, "deliberation.opinion_recorded" if version == 1 else "deliberation.opinion_revised",
                           member.actor, hearing_id=h.id, case_id=h.case_id,
                           detail={"opinion_id": str(opinion_id), "question_id": str(question_id) if question_id else None,
                                   "version": version, "segments": [str(s) for s in segment_ids],
                                   "sealed_sha256": _sha(sealed)})
    return {"id": str(opinion_id), **_person(member), "question_id": str(question_id) if question_id else None,
            "text": text, "segment_ids": [str(s) for s in segment_ids], "version": version}


# --- reading ----------------------------------------------------------------------------------

async def overview(conn: asyncpg.Connection | asyncpg.Pool, key: bytes, hearing_id: uuid.UUID) -> dict[str, Any]:
    """Members, questions with every vote and the tally (or the fixed result), opinions
    with the transcript segments they point at: all decrypted with `key`."""
    h = await get_hearing(conn, hearing_id)
    if h.kind.value not in SEALED_KINDS:
        raise DeliberationError("not_a_closed_session", "仅合议和审委会讨论有评议事项 (not a closed session)", 404)
    everyone = member_order(await hearing_participants(conn, h.id))
    by_id = {p.id: p for p in everyone}  # a member removed later keeps their name on what they said
    people = [p for p in everyone if p.state != "removed"]
    voters = [p for p in people if is_voter(h, p)]
    segs = {s["id"]: s for s in await transcripts.list_for_hearing(conn, h.id, seal_key=key)}

    out_questions = []
    numbers: dict[uuid.UUID, int] = {}
    for r in await conn.fetch("select * from deliberation_questions where hearing_id = $1 order by number", h.id):
        q = _question(r, key)
        numbers[q.id] = q.number
        votes = await _votes(conn, key, q.id)
        # Every vote cast stays on the record; one of a member removed since (e.g. recused)
        # is shown as such and not counted.
        vote_list = [{**_person(p), "choice": votes[p.id]["choice"], "choice_label": CHOICES[votes[p.id]["choice"]],
                      "reason": votes[p.id].get("reason", ""), "version": votes[p.id]["version"],
                      "counted": p in voters} for p in everyone if p.id in votes]
        put_by = by_id.get(q.put_by)
        out_questions.append({
            "id": str(q.id), "number": q.number, "text": q.text, "state": q.state,
            "state_label": "表决中" if q.state == "open" else "已结束",
            "put_by": _person(put_by) if put_by else None, "put_at": q.put_at.isoformat(),
            "closed_at": q.closed_at.isoformat() if q.closed_at else None,
            "votes": vote_list, "tally": q.result if q.result is not None else tally(voters, votes),
            "final": q.result is not None,
        })

    out_opinions = []
    for r in await conn.fetch("select * from deliberation_opinions where hearing_id = $1 order by created_at", h.id):
        p = by_id.get(r["participant_id"])
        text = open_text(key, r["text_sealed"], f"deliberation_opinions/{r['id']}/v{r['version']}")
        quoted = [segs[str(s)] for s in r["segment_ids"] if str(s) in segs]
        out_opinions.append({
            "id": str(r["id"]), **(_person(p) if p else {"participant_id": str(r["participant_id"])}),
            "question_id": str(r["question_id"]) if r["question_id"] else None,
            "question_number": numbers.get(r["question_id"]) if r["question_id"] else None,
            "text": text, "version": r["version"], "updated_at": r["updated_at"].isoformat(),
            "segment_ids": [str(s) for s in r["segment_ids"]],
            "segments": [{"id": s["id"], "start": s["start"], "end": s["end"], "text": s["text"]} for s in quoted],
        })
    order = {str(p.id): i for i, p in enumerate(people)}
    out_opinions.sort(key=lambda o: (o["question_number"] or 10**6, order.get(o["participant_id"], 99)))
    return {
        "hearing": h.to_json(),
        "members": [{**_person(p), "voter": is_voter(h, p), "chair": is_chair(h, p)} for p in people],
        "questions": out_questions,
        "opinions": out_opinions,
        "choices": CHOICES,
    }


async def open_questions(conn: asyncpg.Connection | asyncpg.Pool, hearing_id: uuid.UUID) -> int:
    return await conn.fetchval("select count(*) from deliberation_questions where hearing_id = $1 and state = 'open'",
                               hearing_id)


def role_label(role: str) -> str:
    try:
        return ROLE_LABELS[Role(role)]
    except ValueError:
        return role
