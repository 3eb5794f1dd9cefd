"""Who may do what: one table of standing x action, used by the API, the live socket and the pages.

A caller's *standing* towards one hearing is a set of grants computed from facts in the
database (models.hearings.standing): the seat they hold in it, their place on the case
team, whether they convened a closed session. An action is allowed when the caller holds
one of the grants the table lists for it; anything the table does not list is refused
(deny by default).

Three rules shape the grants:
- closed sessions (deliberation, committee) give the case team no standing at all: only
  their seats and the person who convened them count;
- the case team's *responsible* members are its judges and clerks; other members (jurors,
  assistants) may look, not manage;
- a removed seat gives nothing.

Seats follow positions (SEAT_POSITIONS): only a judge can sit as 审判长 or 审判员, only a
clerk as 书记员; parties' seats are never given to a staff account."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from models.domain import Position, Role


class Action(str, enum.Enum):
    """What someone may ask to do with a hearing (or closed session)."""

    VIEW = "hearing.view"                    # see the hearing, its roster, transcript and audit trail
    SEAT = "hearing.seat"                    # seat participants
    ISSUE_PARTY_TOKEN = "token.issue"        # hand a party (not staff) a join link
    REVOKE_TOKEN = "token.revoke"
    JOIN_OWN_SEAT = "hearing.join"           # a staff member enters their own seat, with their own session
    CONTROL = "hearing.control"              # open, pause, resume, close
    APPROVE_BROADCAST = "broadcast.approve"
    MANAGE_ROOM = "room.manage"              # admit from the lobby, mute, remove (live)

    @property
    def label(self) -> str:
        return ACTION_LABELS[self]


ACTION_LABELS: dict[Action, str] = {
    Action.VIEW: "查看庭审、名单、笔录和审计记录",
    Action.SEAT: "安排参与人就座",
    Action.ISSUE_PARTY_TOKEN: "向当事人发放入庭令牌",
    Action.REVOKE_TOKEN: "撤销入庭令牌",
    Action.JOIN_OWN_SEAT: "以本人登录进入本人席位",
    Action.CONTROL: "开庭、暂停、继续、闭庭",
    Action.APPROVE_BROADCAST: "批准直播",
    Action.MANAGE_ROOM: "准许入庭、静音、移出",
}


def seat(role: Role) -> str:
    return f"seat:{role.value}"


ANY_SEAT = "seat:*"              # any seat, staff or party, not removed
STAFF_SEAT = "seat:staff"        # a court staff seat held by the caller's own account
TEAM_RESPONSIBLE = "team:responsible"   # on the case team as a judge or clerk (public hearings only)
TEAM_MEMBER = "team:member"             # on the case team otherwise (public hearings only)
CONVENER = "convener"                   # convened this closed session

GRANT_LABELS: dict[str, str] = {
    seat(Role.PRESIDING_JUDGE): "审判长席", seat(Role.COMMITTEE_CHAIR): "审委会主持人席",
    seat(Role.CLERK): "书记员席", seat(Role.COMMITTEE_SECRETARY): "审委会秘书席",
    STAFF_SEAT: "本人的工作人员席位", ANY_SEAT: "任一席位（含当事人）",
    TEAM_RESPONSIBLE: "案件承办法官/书记员", TEAM_MEMBER: "案件组其他成员", CONVENER: "合议/审委会召集人",
}

_CHAIRS = frozenset({seat(Role.PRESIDING_JUDGE), seat(Role.COMMITTEE_CHAIR)})

# The table. Read a row as "this action is allowed to any of these grants".
TABLE: dict[Action, frozenset[str]] = {
    Action.VIEW: frozenset({ANY_SEAT, TEAM_RESPONSIBLE, TEAM_MEMBER, CONVENER}),
    Action.SEAT: _CHAIRS | {seat(Role.COMMITTEE_SECRETARY), TEAM_RESPONSIBLE, CONVENER},
    Action.ISSUE_PARTY_TOKEN: frozenset({seat(Role.PRESIDING_JUDGE), TEAM_RESPONSIBLE}),
    Action.REVOKE_TOKEN: _CHAIRS | {seat(Role.COMMITTEE_SECRETARY), TEAM_RESPONSIBLE, CONVENER},
    Action.JOIN_OWN_SEAT: frozenset({STAFF_SEAT}),
    Action.CONTROL: _CHAIRS,
    Action.APPROVE_BROADCAST: frozenset({seat(Role.PRESIDING_JUDGE)}),
    Action.MANAGE_ROOM: _CHAIRS | {seat(Role.CLERK), seat(Role.COMMITTEE_SECRETARY)},
}

# Which staff positions may hold which seat. Party roles: no staff account at all.
SEAT_POSITIONS: dict[Role, frozenset[Position]] = {
    Role.PRESIDING_JUDGE: frozenset({Position.JUDGE}),
    Role.JUDGE: frozenset({Position.JUDGE}),
    Role.JUROR: frozenset({Position.JUROR}),
    Role.CLERK: frozenset({Position.CLERK}),
    Role.JUDGE_ASSISTANT: frozenset({Position.JUDGE_ASSISTANT}),
    Role.COMMITTEE_CHAIR: frozenset({Position.JUDGE, Position.COMMITTEE_MEMBER}),
    Role.COMMITTEE_MEMBER: frozenset({Position.JUDGE, Position.COMMITTEE_MEMBER}),
    Role.COMMITTEE_SECRETARY: frozenset({Position.COMMITTEE_SECRETARY}),
}

# Case-team members whose position makes them responsible for the case.
RESPONSIBLE_POSITIONS = frozenset({Position.JUDGE, Position.CLERK})


class SeatRuleError(ValueError):
    """A seat that the staff member's position (or the seat's kind) does not allow."""


def check_seat(role: Role, position: Position | None) -> None:
    """Raise SeatRuleError unless an account of `position` (None: no account) may hold `role`."""
    if role.is_court_staff:
        if position is None:
            raise SeatRuleError(f"{role.label}席位须由本院工作人员担任 (a {role.value} seat needs a staff account)")
        if position not in SEAT_POSITIONS[role]:
            allowed = "、".join(sorted(p.value for p in SEAT_POSITIONS[role]))
            raise SeatRuleError(f"{role.label}只能由职务为 {allowed} 的工作人员担任 "
                                f"(position {position.value} cannot sit as {role.value})")
    elif position is not None:
        raise SeatRuleError(f"工作人员不能作为{role.label}入座 (staff cannot sit as {role.value})")


@dataclass(frozen=True)
class Standing:
    """What one caller is towards one hearing. Build it with `standing_grants` or models.hearings.standing."""

    grants: frozenset[str]
    seat_role: Role | None = None

    def allows(self, action: Action) -> bool:
        return bool(TABLE[action] & self.grants)

    @property
    def sees(self) -> bool:
        return self.allows(Action.VIEW)


def standing_grants(*, closed_session: bool, seat_role: Role | None, seat_removed: bool, own_staff_seat: bool,
                    team_position: Position | None, on_team: bool, convener: bool) -> Standing:
    """The grants for these facts (pure: tested without a database)."""
    grants: set[str] = set()
    if seat_role is not None and not seat_removed:
        grants |= {ANY_SEAT, seat(seat_role)}
        if own_staff_seat and seat_role.is_court_staff:
            grants.add(STAFF_SEAT)
    if on_team and not closed_session:
        grants.add(TEAM_RESPONSIBLE if team_position in RESPONSIBLE_POSITIONS else TEAM_MEMBER)
    if convener and closed_session:
        grants.add(CONVENER)
    return Standing(frozenset(grants), seat_role if seat_role is not None and not seat_removed else None)


def markdown_table() -> str:
    """The table as Markdown (the README's copy is checked against this)."""
    columns = [seat(Role.PRESIDING_JUDGE), seat(Role.COMMITTEE_CHAIR), seat(Role.CLERK),
               seat(Role.COMMITTEE_SECRETARY), STAFF_SEAT, ANY_SEAT, TEAM_RESPONSIBLE, TEAM_MEMBER, CONVENER]
    head = "| action | " + " | ".join(GRANT_LABELS[c] for c in columns) + " |"
    rule = "|---|" + "---|" * len(columns)
    rows = []
    for action, grants in TABLE.items():
        # Seat columns imply the broader ones: a chair's seat is also "any seat".
        cells = ["✓" if c in grants else "" for c in columns]
        rows.append(f"| {action.label} (`{action.value}`) | " + " | ".join(cells) + " |")
    return "\n".join([head, rule, *rows])
