"""Hearings (and closed deliberation/committee sessions), their participants and state changes.

Every change is made together with its audit event, in one transaction."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from typing import Any

import asyncpg

from models import audit
from models.domain import PAUSE_REASONS, ROLES_BY_KIND, TRANSITIONS, HearingKind, HearingState, Position, Role, mask_id_number
from models.permissions import Standing, check_seat, standing_grants


class StateError(Exception):
    """A state change that the hearing's current state does not allow."""


@dataclasses.dataclass(frozen=True)
class Hearing:
    id: uuid.UUID
    case_id: uuid.UUID
    kind: HearingKind
    mode: str
    title: str
    place: str | None
    scheduled_at: dt.datetime
    state: HearingState
    opened_at: dt.datetime | None
    closed_at: dt.datetime | None
    broadcast_approved: bool

    @classmethod
    def from_row(cls, r: asyncpg.Record) -> "Hearing":
        return cls(r["id"], r["case_id"], HearingKind(r["kind"]), r["mode"], r["title"], r["place"],
                   r["scheduled_at"], HearingState(r["state"]), r["opened_at"], r["closed_at"], r["broadcast_approved"])

    def to_json(self) -> dict[str, Any]:
        return {
            "id": str(self.id), "case_id": str(self.case_id), "kind": self.kind.value, "kind_label": self.kind.label,
            "mode": self.mode, "title": self.title, "place": self.place,
            "scheduled_at": self.scheduled_at.isoformat(), "state": self.state.value, "state_label": self.state.label,
            "opened_at": self.opened_at.isoformat() if self.opened_at else None,
            "closed_at": self.closed_at.isoformat() if self.closed_at else None,
            "broadcast_approved": self.broadcast_approved,
        }


@dataclasses.dataclass(frozen=True)
class Participant:
    id: uuid.UUID
    hearing_id: uuid.UUID
    role: Role
    name: str
    id_number_masked: str | None
    staff_id: uuid.UUID | None
    remote: bool
    state: str
    muted: bool
    # The case party this participant is (seated from the case's list), if any.
    party_id: uuid.UUID | None = None

    @classmethod
    def from_row(cls, r: asyncpg.Record) -> "Participant":
        return cls(r["id"], r["hearing_id"], Role(r["role"]), r["name"], r["id_number_masked"], r["staff_id"],
                   r["remote"], r["state"], r["muted"], r["party_id"])

    @property
    def label(self) -> str:
        return f"{self.role.label} {self.name}"

    @property
    def actor(self) -> audit.Actor:
        return audit.Actor(self.name, self.role.value)

    def to_json(self) -> dict[str, Any]:
        return {"id": str(self.id), "role": self.role.value, "role_label": self.role.label, "name": self.name,
                "id_number_masked": self.id_number_masked, "remote": self.remote, "state": self.state,
                "muted": self.muted, "staff": self.staff_id is not None,
                "party_id": str(self.party_id) if self.party_id else None}


async def schedule(conn: asyncpg.Connection, *, case_id: uuid.UUID, kind: HearingKind | str, mode: str, title: str,
                   scheduled_at: dt.datetime, place: str | None, actor: audit.Actor, created_by: uuid.UUID | None,
                   courtroom_id: uuid.UUID | None = None) -> Hearing:
    kind = HearingKind(kind)
    if mode not in ("courtroom", "internet"):
        raise ValueError("mode must be courtroom or internet")
    hearing_id = uuid.uuid4()
    async with conn.transaction():
        await conn.execute(
            "insert into hearings(id, case_id, kind, mode, courtroom_id, title, place, scheduled_at, created_by)"
            " values ($1,$2,$3,$4,$5,$6,$7,$8,$9)",
            hearing_id, case_id, kind.value, mode, courtroom_id, title, place, scheduled_at, created_by)
        await audit.append(conn, "hearing.scheduled", actor, hearing_id=hearing_id, case_id=case_id,
                           detail={"kind": kind.value, "mode": mode, "title": title,
                                   "scheduled_at": scheduled_at.isoformat()})
    return await get(conn, hearing_id)


async def get(conn: asyncpg.Connection | asyncpg.Pool, hearing_id: uuid.UUID) -> Hearing:
    row = await conn.fetchrow("select * from hearings where id = $1", hearing_id)
    if row is None:
        raise LookupError("hearing not found")
    return Hearing.from_row(row)


async def list_for_case(conn: asyncpg.Connection | asyncpg.Pool, case_id: uuid.UUID) -> list[Hearing]:
    rows = await conn.fetch("select * from hearings where case_id = $1 order by scheduled_at", case_id)
    return [Hearing.from_row(r) for r in rows]


async def list_for_staff(conn: asyncpg.Connection | asyncpg.Pool, staff_id: uuid.UUID) -> list[Hearing]:
    """Hearings the staff member sits in, or manages through the case team."""
    rows = await conn.fetch(
        "select distinct h.* from hearings h"
        " left join participants p on p.hearing_id = h.id and p.staff_id = $1"
        " left join case_members m on m.case_id = h.case_id and m.staff_id = $1"
        " where p.id is not null or (m.staff_id is not null and h.kind = 'hearing')"
        " order by h.scheduled_at", staff_id)
    return [Hearing.from_row(r) for r in rows]


async def transition(conn: asyncpg.Connection, hearing_id: uuid.UUID, to: HearingState, actor: audit.Actor,
                     *, reason: str | None = None, note: str | None = None) -> Hearing:
    """Move the hearing to `to`, logging who, when and why. Pausing needs a lawful reason."""
    async with conn.transaction():
        row = await conn.fetchrow("select * from hearings where id = $1 for update", hearing_id)
        if row is None:
            raise LookupError("hearing not found")
        current = HearingState(row["state"])
        if to not in TRANSITIONS[current]:
            raise StateError(f"不能从“{current.label}”转为“{to.label}” (cannot go from {current.value} to {to.value})")
        detail: dict[str, Any] = {"from": current.value, "to": to.value}
        if to == HearingState.PAUSED:
            if reason not in PAUSE_REASONS:
                raise StateError("暂停须说明理由：休庭、不公开质证或调解 (pause reason must be one of "
                                 + ", ".join(PAUSE_REASONS) + ")")
            detail["reason"] = reason
            detail["reason_label"] = PAUSE_REASONS[reason]
        if note:
            detail["note"] = note[:500]
        now = dt.datetime.now(dt.timezone.utc)
        if current == HearingState.SCHEDULED:
            await conn.execute("update hearings set state = $2, opened_at = $3 where id = $1", hearing_id, to.value, now)
            detail["opened_at"] = now.isoformat()
        elif to == HearingState.CLOSED:
            await conn.execute("update hearings set state = $2, closed_at = $3 where id = $1", hearing_id, to.value, now)
        else:
            await conn.execute("update hearings set state = $2 where id = $1", hearing_id, to.value)
        action = {HearingState.OPEN: "hearing.opened" if current == HearingState.SCHEDULED else "hearing.resumed",
                  HearingState.PAUSED: "hearing.paused", HearingState.CLOSED: "hearing.closed"}[to]
        await audit.append(conn, action, actor, hearing_id=hearing_id, case_id=row["case_id"], detail=detail)
    return await get(conn, hearing_id)


async def set_broadcast_approval(conn: asyncpg.Connection, hearing_id: uuid.UUID, approved: bool,
                                 approver_staff_id: uuid.UUID, actor: audit.Actor) -> Hearing:
    async with conn.transaction():
        h = await get(conn, hearing_id)
        if approved and h.kind != HearingKind.HEARING:
            raise StateError("合议、审委会讨论不得直播 (deliberations are never broadcast)")
        case = await conn.fetchrow("select * from cases where id = $1", h.case_id)
        if approved and (case["is_secret"] or case["involves_privacy"] or case["involves_minor"]):
            raise StateError("涉密、涉隐私或未成年人案件不得直播 (secret, privacy and juvenile cases are never broadcast)")
        await conn.execute("update hearings set broadcast_approved = $2, broadcast_approved_by = $3 where id = $1",
                           hearing_id, approved, approver_staff_id if approved else None)
        await audit.append(conn, "broadcast.approved" if approved else "broadcast.approval_withdrawn", actor,
                           hearing_id=hearing_id, case_id=h.case_id)
    return await get(conn, hearing_id)


# --- participants -----------------------------------------------------------------------

async def add_participant(conn: asyncpg.Connection, hearing_id: uuid.UUID, *, role: Role | str, name: str,
                          actor: audit.Actor, id_number: str | None = None, staff_id: uuid.UUID | None = None,
                          party_id: uuid.UUID | None = None, remote: bool = False) -> Participant:
    """Seat someone. Seats follow positions (models.permissions.check_seat: SeatRuleError); a staff
    account or case party that does not exist (or belongs to another case) is a LookupError."""
    role = Role(role)
    async with conn.transaction():
        h = await get(conn, hearing_id)
        if role not in ROLES_BY_KIND[h.kind.value]:
            raise ValueError(f"{role.label}不能参加{h.kind.label} (role {role.value} not allowed in a {h.kind.value})")
        if h.kind != HearingKind.HEARING and staff_id is None:
            raise ValueError("合议和审委会只允许本院工作人员参加 (closed sessions admit court staff only)")
        if h.state == HearingState.CLOSED:
            raise StateError("已闭庭，不能再添加参与人 (hearing is closed)")
        position = None
        if staff_id is not None:
            position = await conn.fetchval("select position from staff where id = $1 and not disabled", staff_id)
            if position is None:
                raise LookupError("staff not found")
            position = Position(position)
        check_seat(role, position)
        if party_id is not None and not await conn.fetchval(
                "select 1 from case_parties where id = $1 and case_id = $2", party_id, h.case_id):
            raise LookupError("party not found")
        pid = uuid.uuid4()
        # Court staff and parties in the courtroom are seated; remote parties wait in the lobby.
        state = "invited"
        await conn.execute(
            "insert into participants(id, hearing_id, role, name, id_number_masked, staff_id, party_id, remote, state)"
            " values ($1,$2,$3,$4,$5,$6,$7,$8,$9)",
            pid, hearing_id, role.value, name, mask_id_number(id_number), staff_id, party_id, remote, state)
        await audit.append(conn, "participant.added", actor, hearing_id=hearing_id, case_id=h.case_id,
                           detail={"participant_id": str(pid), "role": role.value, "name": name, "remote": remote,
                                   **({"staff_id": str(staff_id)} if staff_id else {})})
    return await get_participant(conn, pid)


async def standing(conn: asyncpg.Connection | asyncpg.Pool, hearing: Hearing, staff_id: uuid.UUID) -> Standing:
    """What this staff member is towards this hearing (models.permissions): seat, case team, convener."""
    row = await conn.fetchrow(
        "select p.role as seat_role, p.state as seat_state, s.position as position,"
        "       m.staff_id is not null as on_team, h.created_by = $2 as convener"
        " from hearings h join staff s on s.id = $2"
        " left join participants p on p.hearing_id = h.id and p.staff_id = $2"
        " left join case_members m on m.case_id = h.case_id and m.staff_id = $2"
        " where h.id = $1", hearing.id, staff_id)
    if row is None:
        return Standing(frozenset())
    return standing_grants(
        closed_session=hearing.kind != HearingKind.HEARING,
        seat_role=Role(row["seat_role"]) if row["seat_role"] else None,
        seat_removed=row["seat_state"] == "removed", own_staff_seat=row["seat_role"] is not None,
        team_position=Position(row["position"]), on_team=bool(row["on_team"]), convener=bool(row["convener"]))


async def get_participant(conn: asyncpg.Connection | asyncpg.Pool, participant_id: uuid.UUID) -> Participant:
    row = await conn.fetchrow("select * from participants where id = $1", participant_id)
    if row is None:
        raise LookupError("participant not found")
    return Participant.from_row(row)


async def participants(conn: asyncpg.Connection | asyncpg.Pool, hearing_id: uuid.UUID) -> list[Participant]:
    rows = await conn.fetch("select * from participants where hearing_id = $1 order by created_at", hearing_id)
    return [Participant.from_row(r) for r in rows]


async def participant_for_staff(conn: asyncpg.Connection | asyncpg.Pool, hearing_id: uuid.UUID,
                                staff_id: uuid.UUID) -> Participant | None:
    row = await conn.fetchrow("select * from participants where hearing_id = $1 and staff_id = $2", hearing_id, staff_id)
    return Participant.from_row(row) if row else None


_PARTICIPANT_ACTIONS = {"waiting": "participant.waiting", "admitted": "participant.admitted",
                        "removed": "participant.removed"}


async def set_participant_state(conn: asyncpg.Connection, participant_id: uuid.UUID, state: str,
                                actor: audit.Actor, *, reason: str | None = None) -> Participant:
    if state not in _PARTICIPANT_ACTIONS:
        raise ValueError(state)
    async with conn.transaction():
        p = await get_participant(conn, participant_id)
        if p.state == "removed":
            raise StateError("该参与人已被移出 (participant was removed)")
        if p.state == state:
            return p
        await conn.execute("update participants set state = $2 where id = $1", participant_id, state)
        await audit.append(conn, _PARTICIPANT_ACTIONS[state], actor, hearing_id=p.hearing_id,
                           detail={"participant_id": str(p.id), "name": p.name, "role": p.role.value,
                                   **({"reason": reason[:500]} if reason else {})})
        if state == "removed":
            # Removal also revokes every token the participant holds.
            await conn.execute("update join_tokens set revoked_at = now() where participant_id = $1"
                               " and revoked_at is null", participant_id)
    return await get_participant(conn, participant_id)


async def set_muted(conn: asyncpg.Connection, participant_id: uuid.UUID, muted: bool, actor: audit.Actor) -> Participant:
    async with conn.transaction():
        p = await get_participant(conn, participant_id)
        await conn.execute("update participants set muted = $2 where id = $1", participant_id, muted)
        await audit.append(conn, "participant.muted" if muted else "participant.unmuted", actor,
                           hearing_id=p.hearing_id, detail={"participant_id": str(p.id), "name": p.name})
    return await get_participant(conn, participant_id)


async def record_people(conn: asyncpg.Connection | asyncpg.Pool, hearing_id: uuid.UUID) -> list[asyncpg.Record]:
    """Everyone seated for the record, with the case party each agent represents."""
    return await conn.fetch(
        "select p.*, rp.name as represents_name, rp.role as represents_role from participants p"
        " left join case_parties cp on cp.id = p.party_id left join case_parties rp on rp.id = cp.represents"
        " where p.hearing_id = $1 and p.state <> 'removed' order by p.created_at", hearing_id)


async def courtroom_name(conn: asyncpg.Connection | asyncpg.Pool, hearing_id: uuid.UUID) -> str | None:
    return await conn.fetchval("select c.name from hearings h join courtrooms c on c.id = h.courtroom_id"
                               " where h.id = $1", hearing_id)


async def participant_names(conn: asyncpg.Connection | asyncpg.Pool, hearing_id: uuid.UUID) -> list[str]:
    return [r["name"] for r in await conn.fetch("select name from participants where hearing_id = $1", hearing_id)]


async def in_progress_ids(conn: asyncpg.Connection | asyncpg.Pool) -> list[uuid.UUID]:
    """Hearings open or paused (after a restart: each gets an audit note)."""
    return [r["id"] for r in await conn.fetch("select id from hearings where state in ('open', 'paused')")]


async def seated_hearing_ids(conn: asyncpg.Connection | asyncpg.Pool, case_id: uuid.UUID, staff_id: uuid.UUID, *,
                             closed_sessions_only: bool = False) -> set[uuid.UUID]:
    """The hearings of a case where this staff member holds a seat (not removed)."""
    kinds = " and h.kind in ('deliberation', 'committee')" if closed_sessions_only else ""
    return {r["hearing_id"] for r in await conn.fetch(
        "select p.hearing_id from participants p join hearings h on h.id = p.hearing_id"
        " where h.case_id = $1 and p.staff_id = $2 and p.state <> 'removed'" + kinds, case_id, staff_id)}
