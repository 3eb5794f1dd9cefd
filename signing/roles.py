"""Roles that appear on a record, their Chinese labels, and the order in which they sign.

The court signs parties first, then the clerk, then the judges (presiding judge last),
so each signature covers everything confirmed before it.
"""

from __future__ import annotations

from typing import Iterable, TypeVar

ROLE_LABELS: dict[str, str] = {
    "presiding_judge": "审判长",
    "judge": "审判员",
    "juror": "人民陪审员",
    "clerk": "书记员",
    "judge_assistant": "法官助理",
    "plaintiff": "原告",
    "defendant": "被告",
    "third_party": "第三人",
    "agent": "诉讼代理人",
    "witness": "证人",
    "committee_member": "审委会委员",
    "committee_chair": "主持人",
    "committee_secretary": "审委会秘书",
}

# Lower signs earlier. Parties (and their agents, witnesses) < clerk < judges.
_SIGNING_RANK: dict[str, int] = {
    "plaintiff": 10,
    "defendant": 11,
    "third_party": 12,
    "agent": 13,
    "witness": 14,
    "judge_assistant": 19,
    "clerk": 20,
    "committee_secretary": 21,
    "committee_member": 29,
    "juror": 30,
    "judge": 31,
    "presiding_judge": 32,
    "committee_chair": 33,
}

PARTY_ROLES = frozenset({"plaintiff", "defendant", "third_party", "agent", "witness"})
PANEL_ROLES = frozenset({"presiding_judge", "judge", "juror"})


def role_label(role: str) -> str:
    """Chinese label of a role identifier; unknown roles are refused."""
    try:
        return ROLE_LABELS[role]
    except KeyError:
        raise ValueError(f"unknown role {role!r}; known: {', '.join(ROLE_LABELS)}") from None


T = TypeVar("T")


def signing_order(items: Iterable[T], role_of=lambda item: item.role) -> list[T]:
    """Stable sort into the court's signing order (parties, clerk, judges)."""
    return sorted(items, key=lambda item: _SIGNING_RANK.get(role_of(item), 50))


