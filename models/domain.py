"""Domain vocabulary: roles, hearing kinds and states, and the labels court users read."""

from __future__ import annotations

import enum


class Role(str, enum.Enum):
    """A participant's role in one hearing (glossary of DESIGN.md)."""

    PRESIDING_JUDGE = "presiding_judge"
    JUDGE = "judge"
    JUROR = "juror"
    CLERK = "clerk"
    JUDGE_ASSISTANT = "judge_assistant"
    PLAINTIFF = "plaintiff"
    DEFENDANT = "defendant"
    THIRD_PARTY = "third_party"
    AGENT = "agent"
    WITNESS = "witness"
    COMMITTEE_CHAIR = "committee_chair"
    COMMITTEE_MEMBER = "committee_member"
    COMMITTEE_SECRETARY = "committee_secretary"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]

    @property
    def is_court_staff(self) -> bool:
        return self in COURT_ROLES


ROLE_LABELS: dict[Role, str] = {
    Role.PRESIDING_JUDGE: "审判长",
    Role.JUDGE: "审判员",
    Role.JUROR: "人民陪审员",
    Role.CLERK: "书记员",
    Role.JUDGE_ASSISTANT: "法官助理",
    Role.PLAINTIFF: "原告",
    Role.DEFENDANT: "被告",
    Role.THIRD_PARTY: "第三人",
    Role.AGENT: "诉讼代理人",
    Role.WITNESS: "证人",
    Role.COMMITTEE_CHAIR: "主持人",
    Role.COMMITTEE_MEMBER: "审委会委员",
    Role.COMMITTEE_SECRETARY: "审委会秘书",
}

COURT_ROLES = frozenset({
    Role.PRESIDING_JUDGE, Role.JUDGE, Role.JUROR, Role.CLERK, Role.JUDGE_ASSISTANT,
    Role.COMMITTEE_CHAIR, Role.COMMITTEE_MEMBER, Role.COMMITTEE_SECRETARY,
})
PARTY_ROLES = frozenset({Role.PLAINTIFF, Role.DEFENDANT, Role.THIRD_PARTY, Role.AGENT, Role.WITNESS})

# Roles that may sit in a closed room, by room kind. Parties never may.
ROLES_BY_KIND: dict[str, frozenset[Role]] = {
    "hearing": frozenset(Role) - {Role.COMMITTEE_CHAIR, Role.COMMITTEE_MEMBER, Role.COMMITTEE_SECRETARY},
    "deliberation": frozenset({Role.PRESIDING_JUDGE, Role.JUDGE, Role.JUROR, Role.CLERK}),
    "committee": frozenset({Role.COMMITTEE_CHAIR, Role.COMMITTEE_MEMBER, Role.COMMITTEE_SECRETARY, Role.CLERK}),
}

# Who runs the room: opens, pauses, closes, admits.
CHAIR_ROLES: dict[str, frozenset[Role]] = {
    "hearing": frozenset({Role.PRESIDING_JUDGE}),
    "deliberation": frozenset({Role.PRESIDING_JUDGE}),
    "committee": frozenset({Role.COMMITTEE_CHAIR}),
}


class Position(str, enum.Enum):
    """A staff account's job; it decides what the account may do outside hearings."""

    JUDGE = "judge"
    JUROR = "juror"
    CLERK = "clerk"
    JUDGE_ASSISTANT = "judge_assistant"
    COMMITTEE_MEMBER = "committee_member"
    COMMITTEE_SECRETARY = "committee_secretary"
    ADMIN = "admin"


POSITION_LABELS = {
    Position.JUDGE: "法官",
    Position.JUROR: "人民陪审员",
    Position.CLERK: "书记员",
    Position.JUDGE_ASSISTANT: "法官助理",
    Position.COMMITTEE_MEMBER: "审委会委员",
    Position.COMMITTEE_SECRETARY: "审委会秘书",
    Position.ADMIN: "系统管理员",
}

# Positions that may register cases and schedule hearings (the case team).
CASE_MANAGER_POSITIONS = frozenset({Position.JUDGE, Position.CLERK, Position.JUDGE_ASSISTANT, Position.COMMITTEE_SECRETARY})


class HearingKind(str, enum.Enum):
    HEARING = "hearing"
    DELIBERATION = "deliberation"
    COMMITTEE = "committee"

    @property
    def label(self) -> str:
        return {"hearing": "庭审", "deliberation": "合议", "committee": "审委会讨论"}[self.value]


class HearingState(str, enum.Enum):
    SCHEDULED = "scheduled"
    OPEN = "open"
    PAUSED = "paused"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return {"scheduled": "待开庭", "open": "进行中", "paused": "暂停", "closed": "已闭庭"}[self.value]


# Allowed transitions: scheduled -> open <-> paused -> closed.
TRANSITIONS: dict[HearingState, frozenset[HearingState]] = {
    HearingState.SCHEDULED: frozenset({HearingState.OPEN}),
    HearingState.OPEN: frozenset({HearingState.PAUSED, HearingState.CLOSED}),
    HearingState.PAUSED: frozenset({HearingState.OPEN, HearingState.CLOSED}),
    HearingState.CLOSED: frozenset(),
}

# Why a hearing may be paused (法释〔2017〕5号): recess, non-public evidence, mediation;
# and, by the server itself, a recording that cannot be written: a hearing must not go on
# unrecorded (issue 13).
PAUSE_REASONS = {
    "recess": "休庭",
    "non_public_evidence": "不公开质证",
    "mediation": "调解",
    "recording_failure": "录音录像故障",
    # A participant's link dropped (a technical interruption): the judge pauses rather than
    # go on without them, and the pause names who and since when in its note.
    "link_lost": "连线中断",
}


def mask_id_number(id_number: str | None) -> str | None:
    """Keep the first 4 and last 4 characters of an identity number; the rest never reaches the database."""
    if not id_number:
        return None
    s = id_number.strip()
    if len(s) <= 8:
        return "*" * len(s)
    return s[:4] + "*" * (len(s) - 8) + s[-4:]
