"""A hearing's record (笔录) from the locked transcript to the dossier:

    draft ─lock→ locked ─render→ rendered ─first signature→ signing ─last→ signed ─file→ filed
                   ↑                                                                     │
                   └──────────── reopen (presiding judge, reason): superseded ←──────────┘ (not after filing)

`draft` and `locked` are the transcript's states (models.transcripts); this module keeps
the rendered record and what follows: who must sign in the court's order (parties, then
the clerk, then the panel, the presiding member last), each signature or refusal with
its reason, the signing invitations of remote parties (the court's identity
confirmation plus an HMAC-signed token bound to one record and one participant), and a
browser signature between its two requests, with an expiry.

Only database state lives here; PDFs and keys are courtroom.records.filing's business."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import hmac
import time
import uuid
from typing import Any, Sequence

import asyncpg

from models import audit
from models.credentials import JoinClaims, TokenError, read_join_token, sign_join_token
from models.domain import ROLE_LABELS, Role

PARTY_ROLES = frozenset({"plaintiff", "defendant", "third_party", "agent", "witness"})
PANEL_ROLES = frozenset({"judge", "juror", "committee_member"})
CHAIR_ROLES = frozenset({"presiding_judge", "committee_chair"})
RECORDER_ROLES = frozenset({"clerk", "committee_secretary"})

PENDING_TTL_S = 10 * 60
NONCE_TTL_S = 5 * 60
TOKEN_PREFIX = "sign:"


class RecordError(Exception):
    """A record operation that cannot be done now; `code` for programs, str() for people."""

    status = 409

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


class NotYourTurn(RecordError):
    pass


class DocumentChanged(RecordError):
    pass


def signing_group(role: str) -> int:
    """Parties sign first (in any order among themselves), then the clerk, then the panel,
    the presiding member last: each signature covers everything confirmed before it."""
    if role in PARTY_ROLES:
        return 0
    if role in RECORDER_ROLES or role == "judge_assistant":
        return 1
    if role in CHAIR_ROLES:
        return 3
    return 2


def role_label(role: str) -> str:
    try:
        return ROLE_LABELS[Role(role)]
    except ValueError:
        return role


@dataclasses.dataclass(frozen=True)
class Record:
    id: uuid.UUID
    hearing_id: uuid.UUID
    attempt: int
    state: str
    rendered_sha256: str
    current_sha256: str
    page_count: int
    segments: int
    characters: int
    created_by: str
    created_at: dt.datetime
    signed_at: dt.datetime | None
    filed_at: dt.datetime | None
    package_sha256: str | None

    @classmethod
    def from_row(cls, r: asyncpg.Record) -> "Record":
        return cls(r["id"], r["hearing_id"], r["attempt"], r["state"], r["rendered_sha256"], r["current_sha256"],
                   r["page_count"], r["segments"], r["characters"], r["created_by"], r["created_at"], r["signed_at"],
                   r["filed_at"], r["package_sha256"])

    def to_json(self) -> dict[str, Any]:
        return {"id": str(self.id), "hearing_id": str(self.hearing_id), "attempt": self.attempt, "state": self.state,
                "state_label": STATE_LABELS[self.state], "rendered_sha256": self.rendered_sha256,
                "current_sha256": self.current_sha256, "page_count": self.page_count, "segments": self.segments,
                "characters": self.characters, "created_by": self.created_by,
                "created_at": self.created_at.isoformat(),
                "signed_at": self.signed_at.isoformat() if self.signed_at else None,
                "filed_at": self.filed_at.isoformat() if self.filed_at else None,
                "package_sha256": self.package_sha256}


STATE_LABELS = {"draft": "编辑中", "locked": "已锁定", "rendered": "待签名", "signing": "签名中", "signed": "已签齐",
                "filed": "已归档", "superseded": "已作废"}


@dataclasses.dataclass(frozen=True)
class SignerSpec:
    """Who must sign one field, as the renderer placed it."""

    field_name: str
    participant_id: uuid.UUID
    role: str
    name: str
    staff_id: uuid.UUID | None

    @property
    def key_holder(self) -> str:
        # Parties hold their keys in their own browser; court staff keys live on the server.
        return "browser" if self.role in PARTY_ROLES else "server"


@dataclasses.dataclass(frozen=True)
class Signer:
    record_id: uuid.UUID
    position: int
    field_name: str
    participant_id: uuid.UUID
    role: str
    name: str
    staff_id: uuid.UUID | None
    key_holder: str
    state: str
    signed_at: dt.datetime | None
    refusal_reason: str | None
    refusal_recorded_by: str | None
    refusal_stamped: bool

    @classmethod
    def from_row(cls, r: asyncpg.Record) -> "Signer":
        return cls(r["record_id"], r["position"], r["field_name"], r["participant_id"], r["role"], r["name"],
                   r["staff_id"], r["key_holder"], r["state"], r["signed_at"], r["refusal_reason"],
                   r["refusal_recorded_by"], r["refusal_stamped"])

    @property
    def done(self) -> bool:
        return self.state != "pending"

    def to_json(self) -> dict[str, Any]:
        return {"field_name": self.field_name, "position": self.position, "participant_id": str(self.participant_id),
                "role": self.role, "role_label": role_label(self.role), "name": self.name,
                "staff": self.staff_id is not None, "key_holder": self.key_holder, "state": self.state,
                "state_label": {"pending": "待签", "signed": "已签", "refused": "拒签"}[self.state],
                "signed_at": self.signed_at.isoformat() if self.signed_at else None,
                "refusal_reason": self.refusal_reason, "refusal_recorded_by": self.refusal_recorded_by}


def may_act(signers: Sequence[Signer], field_name: str) -> bool:
    """True when everyone of an earlier signing group has signed or refused."""
    me = next((s for s in signers if s.field_name == field_name), None)
    if me is None or me.done:
        return False
    group = signing_group(me.role)
    return all(s.done for s in signers if signing_group(s.role) < group)


def check_turn(signers: Sequence[Signer], field_name: str) -> Signer:
    me = next((s for s in signers if s.field_name == field_name), None)
    if me is None:
        raise RecordError("not_a_signer", "您不在本笔录的签名人之列 (not a signer of this record)")
    if me.done:
        raise RecordError("already_done", "已签名或已拒签 (already signed or refused)")
    if not may_act(signers, field_name):
        waiting = [f"{role_label(s.role)}{s.name}" for s in signers
                   if not s.done and signing_group(s.role) < signing_group(me.role)]
        raise NotYourTurn("not_your_turn", "签名顺序：当事人、书记员、审判人员；请等待 " + "、".join(waiting)
                          + " (court order: parties, clerk, judges)")
    return me


# --- records ----------------------------------------------------------------------------

async def create(conn: asyncpg.Connection, *, hearing_id: uuid.UUID, rendered_sha256: str, page_count: int,
                 segments: int, characters: int, signers: Sequence[SignerSpec], actor: audit.Actor) -> Record:
    """A freshly rendered record: every signer pending. One active record per hearing."""
    async with conn.transaction():
        await conn.execute("select id from hearings where id = $1 for update", hearing_id)
        if await active_for_hearing(conn, hearing_id) is not None:
            raise RecordError("record_exists", "本次庭审已有待签笔录 (the hearing already has an active record)")
        attempt = await conn.fetchval(
            "select coalesce(max(attempt), 0) + 1 from hearing_records where hearing_id = $1", hearing_id)
        record_id = uuid.uuid4()
        await conn.execute(
            "insert into hearing_records(id, hearing_id, attempt, state, rendered_sha256, current_sha256, page_count,"
            " segments, characters, created_by) values ($1,$2,$3,'rendered',$4,$4,$5,$6,$7,$8)",
            record_id, hearing_id, attempt, rendered_sha256, page_count, segments, characters, actor.name)
        for position, s in enumerate(signers, start=1):
            await conn.execute(
                "insert into record_signers(record_id, position, field_name, participant_id, role, name, staff_id,"
                " key_holder) values ($1,$2,$3,$4,$5,$6,$7,$8)",
                record_id, position, s.field_name, s.participant_id, s.role, s.name, s.staff_id, s.key_holder)
        await audit.append(conn, "record.rendered", actor, hearing_id=hearing_id,
                           detail={"record_id": str(record_id), "attempt": attempt, "sha256": rendered_sha256,
                                   "pages": page_count, "segments": segments,
                                   "signers": [f"{s.field_name}:{s.role}:{s.name}" for s in signers]})
    return await get(conn, record_id)


async def get(conn: asyncpg.Connection | asyncpg.Pool, record_id: uuid.UUID, *, for_update: bool = False) -> Record:
    row = await conn.fetchrow("select * from hearing_records where id = $1" + (" for update" if for_update else ""),
                              record_id)
    if row is None:
        raise LookupError("record not found")
    return Record.from_row(row)


async def active_for_hearing(conn: asyncpg.Connection | asyncpg.Pool, hearing_id: uuid.UUID) -> Record | None:
    row = await conn.fetchrow("select * from hearing_records where hearing_id = $1 and state <> 'superseded'",
                              hearing_id)
    return Record.from_row(row) if row else None


async def signers(conn: asyncpg.Connection | asyncpg.Pool, record_id: uuid.UUID) -> list[Signer]:
    rows = await conn.fetch("select * from record_signers where record_id = $1 order by position", record_id)
    return [Signer.from_row(r) for r in rows]


async def _after_change(conn: asyncpg.Connection, record: Record) -> Record:
    """signing once anything is in; signed once everyone is."""
    left = await conn.fetchval("select count(*) from record_signers where record_id = $1 and state = 'pending'",
                               record.id)
    stamps = await conn.fetchval("select count(*) from record_signers where record_id = $1 and state = 'refused'"
                                 " and not refusal_stamped", record.id)
    state = "signed" if left == 0 and stamps == 0 else "signing"
    await conn.execute("update hearing_records set state = $2, signed_at = case when $2 = 'signed' then now()"
                       " else signed_at end where id = $1", record.id, state)
    return await get(conn, record.id)


def _require_open(record: Record) -> None:
    if record.state not in ("rendered", "signing"):
        raise RecordError("not_signing", f"笔录当前为“{STATE_LABELS[record.state]}”，不能签名 (record is {record.state})")


async def mark_signed(conn: asyncpg.Connection, record: Record, field_name: str, *, new_sha256: str,
                      previous_sha256: str, actor: audit.Actor, detail: dict[str, Any] | None = None) -> Record:
    """Record a signature that was embedded in `previous_sha256`'s PDF, giving `new_sha256`.

    Call in a transaction holding `get(..., for_update=True)`; refuses if the document
    moved on meanwhile."""
    _require_open(record)
    if record.current_sha256 != previous_sha256:
        raise DocumentChanged("document_changed", "文档已变更（他人刚刚签名），请重新签名 (document changed; sign again)")
    check_turn(await signers(conn, record.id), field_name)
    await conn.execute("update record_signers set state = 'signed', signed_at = now()"
                       " where record_id = $1 and field_name = $2", record.id, field_name)
    await conn.execute("update hearing_records set current_sha256 = $2 where id = $1", record.id, new_sha256)
    await audit.append(conn, "record.signed", actor, hearing_id=record.hearing_id,
                       detail={"record_id": str(record.id), "field": field_name, "sha256": new_sha256, **(detail or {})})
    return await _after_change(conn, await get(conn, record.id))


async def mark_refused(conn: asyncpg.Connection, record: Record, field_name: str, *, reason: str,
                       recorded_by: audit.Actor) -> Record:
    """A party refuses to sign. The refusal is stamped into the PDF (by the clerk's key) when
    the first court signer signs; until then it is recorded here and on the audit trail."""
    reason = (reason or "").strip()
    if not reason:
        raise RecordError("reason_required", "拒绝签名须说明理由 (a refusal needs a reason)")
    _require_open(record)
    me = check_turn(await signers(conn, record.id), field_name)
    if me.role not in PARTY_ROLES:
        raise RecordError("staff_cannot_refuse", "法院工作人员不能拒签笔录 (court staff sign; dissent goes in the minutes)")
    await conn.execute("update record_signers set state = 'refused', refusal_reason = $3, refusal_recorded_by = $4,"
                       " signed_at = now() where record_id = $1 and field_name = $2",
                       record.id, field_name, reason[:500], recorded_by.name)
    await audit.append(conn, "record.refused", recorded_by, hearing_id=record.hearing_id,
                       detail={"record_id": str(record.id), "field": field_name, "participant": me.name,
                               "role": me.role, "reason": reason[:500]})
    return await _after_change(conn, await get(conn, record.id))


async def mark_refusal_stamped(conn: asyncpg.Connection, record: Record, field_name: str, *, new_sha256: str,
                               previous_sha256: str, actor: audit.Actor) -> Record:
    if record.current_sha256 != previous_sha256:
        raise DocumentChanged("document_changed", "文档已变更，请重试 (document changed; try again)")
    await conn.execute("update record_signers set refusal_stamped = true where record_id = $1 and field_name = $2",
                       record.id, field_name)
    await conn.execute("update hearing_records set current_sha256 = $2 where id = $1", record.id, new_sha256)
    await audit.append(conn, "record.refusal_stamped", actor, hearing_id=record.hearing_id,
                       detail={"record_id": str(record.id), "field": field_name, "sha256": new_sha256})
    return await _after_change(conn, await get(conn, record.id))


async def supersede(conn: asyncpg.Connection, hearing_id: uuid.UUID, *, reason: str, actor: audit.Actor) -> Record | None:
    """A reopened transcript voids the active record (its signatures with it). Not once filed."""
    async with conn.transaction():
        row = await conn.fetchrow("select * from hearing_records where hearing_id = $1 and state <> 'superseded'"
                                  " for update", hearing_id)
        if row is None:
            return None
        record = Record.from_row(row)
        if record.state == "filed":
            raise RecordError("already_filed", "笔录已归档，不能重新开放 (the record is filed)")
        await conn.execute("update hearing_records set state = 'superseded', superseded_reason = $2 where id = $1",
                           record.id, reason[:500])
        await conn.execute("update signing_invitations set revoked_at = now() where record_id = $1"
                           " and revoked_at is null", record.id)
        await conn.execute("delete from pending_signatures where record_id = $1", record.id)
        await audit.append(conn, "record.superseded", actor, hearing_id=hearing_id,
                           detail={"record_id": str(record.id), "attempt": record.attempt, "reason": reason[:500]})
    return record


async def mark_filed(conn: asyncpg.Connection, record: Record, *, package_sha256: str, actor: audit.Actor) -> Record:
    if record.state != "signed":
        raise RecordError("not_signed", "笔录尚未签齐 (not every signer is done)")
    await conn.execute("update hearing_records set state = 'filed', filed_at = now(), package_sha256 = $2"
                       " where id = $1", record.id, package_sha256)
    await audit.append(conn, "record.filed", actor, hearing_id=record.hearing_id,
                       detail={"record_id": str(record.id), "package_sha256": package_sha256})
    return await get(conn, record.id)


# --- signing invitations ----------------------------------------------------------------

def signing_token_key(join_token_key: bytes) -> bytes:
    """A key of its own for signing tokens, so a signing token can never pass as a join token."""
    return hmac.new(join_token_key, b"courtroom/signing-token/v1", hashlib.sha256).digest()


@dataclasses.dataclass(frozen=True)
class Invitation:
    id: uuid.UUID
    record_id: uuid.UUID
    hearing_id: uuid.UUID
    field_name: str
    participant_id: uuid.UUID
    identity_method: str
    issued_by_name: str
    issued_at: dt.datetime
    expires_at: dt.datetime
    revoked_at: dt.datetime | None
    certificate_pem: str | None

    def to_json(self) -> dict[str, Any]:
        return {"jti": str(self.id), "record_id": str(self.record_id), "field_name": self.field_name,
                "participant_id": str(self.participant_id), "identity_method": self.identity_method,
                "issued_by": self.issued_by_name, "issued_at": self.issued_at.isoformat(),
                "expires_at": self.expires_at.isoformat(),
                "revoked_at": self.revoked_at.isoformat() if self.revoked_at else None,
                "certified": self.certificate_pem is not None}


def _invitation(r: asyncpg.Record, hearing_id: uuid.UUID) -> Invitation:
    return Invitation(r["id"], r["record_id"], hearing_id, r["field_name"], r["participant_id"], r["identity_method"],
                      r["issued_by_name"], r["issued_at"], r["expires_at"], r["revoked_at"], r["certificate_pem"])


async def issue_invitation(conn: asyncpg.Connection, join_token_key: bytes, record: Record, field_name: str, *,
                           identity_method: str, lifetime_s: int, issued_by: uuid.UUID | None,
                           actor: audit.Actor) -> tuple[str, Invitation]:
    """The court confirms a party's identity (`identity_method`: how it was checked) and
    invites them to sign their field. Earlier invitations of that field are revoked."""
    identity_method = (identity_method or "").strip()
    if not identity_method:
        raise RecordError("identity_unconfirmed", "须先核验签名人身份并写明核验方式 (confirm the signer's identity first)")
    _require_open(record)
    me = next((s for s in await signers(conn, record.id) if s.field_name == field_name), None)
    if me is None or me.key_holder != "browser":
        raise RecordError("not_a_party_field", "该签名栏不由当事人在浏览器中签署 (not a party's field)")
    if me.done:
        raise RecordError("already_done", "该签名人已签名或拒签 (already signed or refused)")
    jti = uuid.uuid4()
    expires = time.time() + lifetime_s
    async with conn.transaction():
        await conn.execute("update signing_invitations set revoked_at = now() where record_id = $1 and field_name = $2"
                           " and revoked_at is null", record.id, field_name)
        row = await conn.fetchrow(
            "insert into signing_invitations(id, record_id, field_name, participant_id, identity_method, issued_by,"
            " issued_by_name, expires_at) values ($1,$2,$3,$4,$5,$6,$7,$8) returning *",
            jti, record.id, field_name, me.participant_id, identity_method[:200], issued_by, actor.name,
            dt.datetime.fromtimestamp(expires, dt.timezone.utc))
        await audit.append(conn, "record.invitation_issued", actor, hearing_id=record.hearing_id,
                           detail={"record_id": str(record.id), "jti": str(jti), "field": field_name,
                                   "participant": me.name, "identity_method": identity_method[:200],
                                   "expires_at": int(expires)})
    claims = JoinClaims(jti, record.hearing_id, me.participant_id, TOKEN_PREFIX + me.role, expires)
    return sign_join_token(signing_token_key(join_token_key), claims), _invitation(row, record.hearing_id)


async def read_invitation(conn: asyncpg.Connection | asyncpg.Pool, join_token_key: bytes, token: str) -> Invitation:
    """The invitation behind a signing token, or TokenError saying why not."""
    claims = read_join_token(signing_token_key(join_token_key), token)
    if not claims.role.startswith(TOKEN_PREFIX):
        raise TokenError("token_invalid", "不是签名令牌 (not a signing token)")
    row = await conn.fetchrow("select * from signing_invitations where id = $1", claims.jti)
    if row is None or row["participant_id"] != claims.participant_id:
        raise TokenError("token_unknown", "签名令牌未登记 (signing token not issued by this court)")
    record = await get(conn, row["record_id"])
    if record.hearing_id != claims.hearing_id:
        raise TokenError("token_unknown", "签名令牌未登记 (signing token not issued by this court)")
    if row["revoked_at"] is not None:
        raise TokenError("token_revoked", "签名邀请已撤销或笔录已重新开放 (invitation revoked)")
    return _invitation(row, record.hearing_id)


async def invitations(conn: asyncpg.Connection | asyncpg.Pool, record_id: uuid.UUID) -> list[Invitation]:
    record = await get(conn, record_id)
    rows = await conn.fetch("select * from signing_invitations where record_id = $1 order by issued_at", record_id)
    return [_invitation(r, record.hearing_id) for r in rows]


async def revoke_invitation(conn: asyncpg.Connection, record: Record, jti: uuid.UUID, actor: audit.Actor) -> bool:
    async with conn.transaction():
        done = await conn.fetchval("update signing_invitations set revoked_at = now() where id = $1 and record_id = $2"
                                   " and revoked_at is null returning id", jti, record.id)
        if done:
            await conn.execute("delete from pending_signatures where invitation_id = $1", jti)
            await audit.append(conn, "record.invitation_revoked", actor, hearing_id=record.hearing_id,
                               detail={"record_id": str(record.id), "jti": str(jti)})
    return bool(done)


async def set_nonce(conn: asyncpg.Connection, invitation: Invitation, nonce: bytes) -> None:
    await conn.execute("update signing_invitations set nonce = $2, nonce_expires_at = now()"
                       " + make_interval(secs => $3) where id = $1", invitation.id, nonce, NONCE_TTL_S)


async def take_nonce(conn: asyncpg.Connection, invitation: Invitation) -> bytes | None:
    """The outstanding nonce, once: a proof of possession cannot be replayed."""
    row = await conn.fetchrow(
        "update signing_invitations i set nonce = null, nonce_expires_at = null"
        " from (select id, nonce, nonce_expires_at from signing_invitations where id = $1 for update) old"
        " where i.id = old.id returning old.nonce, old.nonce_expires_at > now() as fresh", invitation.id)
    if row is None or row["nonce"] is None or not row["fresh"]:
        return None
    return bytes(row["nonce"])


async def set_certificate(conn: asyncpg.Connection, invitation: Invitation, certificate_pem: str,
                          actor: audit.Actor, *, detail: dict[str, Any]) -> None:
    """One certificate per invitation: a second key needs a new identity check."""
    async with conn.transaction():
        done = await conn.fetchval("update signing_invitations set certificate_pem = $2, certified_at = now()"
                                   " where id = $1 and certificate_pem is null returning id",
                                   invitation.id, certificate_pem)
        if not done:
            raise RecordError("already_certified", "该邀请已签发过证书；换用新设备须重新核验身份 (already certified)")
        await audit.append(conn, "record.key_certified", actor, hearing_id=invitation.hearing_id,
                           detail={"record_id": str(invitation.record_id), "jti": str(invitation.id),
                                   "field": invitation.field_name, **detail})


# --- browser signatures between prepare and finish ----------------------------------------

async def save_pending(conn: asyncpg.Connection, invitation: Invitation, *, input_sha256: str,
                       prepared_json: str) -> uuid.UUID:
    pending_id = uuid.uuid4()
    await conn.execute("delete from pending_signatures where expires_at < now()")
    await conn.execute("delete from pending_signatures where invitation_id = $1", invitation.id)
    await conn.execute(
        "insert into pending_signatures(id, record_id, field_name, invitation_id, input_sha256, prepared, expires_at)"
        " values ($1,$2,$3,$4,$5,$6, now() + make_interval(secs => $7))",
        pending_id, invitation.record_id, invitation.field_name, invitation.id, input_sha256, prepared_json,
        PENDING_TTL_S)
    return pending_id


async def load_pending(conn: asyncpg.Connection | asyncpg.Pool, invitation: Invitation,
                       pending_id: uuid.UUID) -> str:
    """The prepared state (JSON) of this invitation's signature in progress."""
    row = await conn.fetchrow("select prepared, expires_at > now() as fresh from pending_signatures"
                              " where id = $1 and invitation_id = $2", pending_id, invitation.id)
    if row is None:
        raise RecordError("no_pending_signature", "签名请求不存在，请重新签名 (no such signature in progress)")
    if not row["fresh"]:
        raise RecordError("pending_expired", "签名请求已过期，请重新签名 (the prepared signature expired)")
    return row["prepared"]


async def drop_pending(conn: asyncpg.Connection, pending_id: uuid.UUID) -> None:
    await conn.execute("delete from pending_signatures where id = $1", pending_id)


async def expire_pending(conn: asyncpg.Connection | asyncpg.Pool) -> int:
    status = await conn.execute("delete from pending_signatures where expires_at < now()")
    return int(status.split()[-1])


async def attempt_count(conn: asyncpg.Connection | asyncpg.Pool, hearing_id: uuid.UUID) -> int:
    return await conn.fetchval("select count(*) from hearing_records where hearing_id = $1", hearing_id)


async def signed_unfiled_ids(conn: asyncpg.Connection | asyncpg.Pool) -> list[uuid.UUID]:
    """Records with every signature but not yet filed (a crash or a failed filing)."""
    return [r["id"] for r in await conn.fetch("select id from hearing_records where state = 'signed'")]
