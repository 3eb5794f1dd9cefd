"""Cases, their parties and the case team (the only staff who may see a case)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import uuid
from collections.abc import Mapping
from typing import Any

import asyncpg

from models import audit
from models.domain import mask_id_number

PARTY_ROLES = ("plaintiff", "defendant", "third_party", "agent", "witness")
SEXES = ("female", "male")

# The case's key words: enough for a complaint's subject matter, few enough for Whisper's hotword
# budget (asr.prompt keeps what fits) and for a clerk to read at a glance.
MAX_KEY_TERMS = 30
MAX_KEY_TERM_LEN = 20


@dataclasses.dataclass(frozen=True)
class Case:
    id: uuid.UUID
    court_id: uuid.UUID
    case_number: str  # 案号
    cause: str  # 案由
    # Exclusions from public broadcast (secret, privacy, juvenile).
    is_secret: bool
    involves_privacy: bool
    involves_minor: bool
    created_by: uuid.UUID | None
    created_at: dt.datetime
    # Key words from the filings, for the live transcript (asr.context.HearingContext).
    key_terms: tuple[str, ...] = ()

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Case:
        values = {f.name: row[f.name] for f in dataclasses.fields(cls)}
        values["key_terms"] = tuple(values["key_terms"] or ())
        return cls(**values)

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


async def create_case(conn: asyncpg.Connection, *, court_id: uuid.UUID, case_number: str, cause: str,
                      creator: dict[str, Any], is_secret: bool = False, involves_privacy: bool = False,
                      involves_minor: bool = False) -> Case:
    case_id = uuid.uuid4()
    actor = audit.Actor(creator["display_name"], creator["position"])
    async with conn.transaction():
        await conn.execute(
            "insert into cases(id, court_id, case_number, cause, is_secret, involves_privacy, involves_minor, created_by)"
            " values ($1,$2,$3,$4,$5,$6,$7,$8)",
            case_id, court_id, case_number, cause, is_secret, involves_privacy, involves_minor, creator["id"])
        await conn.execute("insert into case_members(case_id, staff_id, duty) values ($1,$2,'creator')",
                           case_id, creator["id"])
        await audit.append(conn, "case.created", actor, case_id=case_id,
                           detail={"case_number": case_number, "cause": cause})
    return await get_case(conn, case_id)


async def get_case(conn: asyncpg.Connection | asyncpg.Pool, case_id: uuid.UUID) -> Case:
    row = await conn.fetchrow("select * from cases where id = $1", case_id)
    if row is None:
        raise LookupError("case not found")
    return Case.from_row(row)


async def list_for_staff(conn: asyncpg.Connection | asyncpg.Pool, staff_id: uuid.UUID) -> list[Case]:
    rows = await conn.fetch(
        "select c.* from cases c join case_members m on m.case_id = c.id where m.staff_id = $1"
        " order by c.created_at desc", staff_id)
    return [Case.from_row(r) for r in rows]


async def case_numbers(conn: asyncpg.Connection | asyncpg.Pool, case_ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    rows = await conn.fetch("select id, case_number from cases where id = any($1::uuid[])", list(case_ids))
    return {r["id"]: r["case_number"] for r in rows}


async def members(conn: asyncpg.Connection | asyncpg.Pool, case_id: uuid.UUID) -> list[dict[str, Any]]:
    """The case team with each member's position and duty."""
    rows = await conn.fetch(
        "select s.id, s.display_name, s.position, m.duty from case_members m join staff s on s.id = m.staff_id"
        " where m.case_id = $1 order by s.display_name", case_id)
    return [dict(r) for r in rows]


async def is_member(conn: asyncpg.Connection | asyncpg.Pool, case_id: uuid.UUID, staff_id: uuid.UUID) -> bool:
    return bool(await conn.fetchval(
        "select 1 from case_members where case_id = $1 and staff_id = $2", case_id, staff_id))


async def add_member(conn: asyncpg.Connection, case_id: uuid.UUID, staff_id: uuid.UUID, duty: str,
                     actor: audit.Actor) -> None:
    """LookupError when the account does not exist (or is disabled)."""
    async with conn.transaction():
        if not await conn.fetchval("select 1 from staff where id = $1 and not disabled", staff_id):
            raise LookupError("staff not found")
        await conn.execute(
            "insert into case_members(case_id, staff_id, duty) values ($1,$2,$3)"
            " on conflict (case_id, staff_id) do update set duty = excluded.duty", case_id, staff_id, duty)
        await audit.append(conn, "case.member_added", actor, case_id=case_id,
                           detail={"staff_id": str(staff_id), "duty": duty})


async def add_party(conn: asyncpg.Connection, case_id: uuid.UUID, *, role: str, name: str,
                    id_number: str | None, actor: audit.Actor, represents: uuid.UUID | None = None,
                    sex: str | None = None) -> dict[str, Any]:
    """`sex`: female or male as the filings record it, None where not recorded (a company)."""
    if role not in PARTY_ROLES:
        raise ValueError(f"unknown party role {role!r}")
    if sex is not None and sex not in SEXES:
        raise ValueError("性别须为 female（女）或 male（男）")
    party_id = uuid.uuid4()
    async with conn.transaction():
        # An agent represents a party of this same case (LookupError otherwise).
        if represents is not None and not await conn.fetchval(
                "select 1 from case_parties where id = $1 and case_id = $2", represents, case_id):
            raise LookupError("represented party not found")
        await conn.execute(
            "insert into case_parties(id, case_id, role, name, id_number_masked, represents, sex)"
            " values ($1,$2,$3,$4,$5,$6,$7)",
            party_id, case_id, role, name, mask_id_number(id_number), represents, sex)
        await audit.append(conn, "case.party_added", actor, case_id=case_id,
                           detail={"party_id": str(party_id), "role": role, "name": name, "sex": sex})
    return dict(await conn.fetchrow("select * from case_parties where id = $1", party_id))


def clean_key_terms(terms: str | list[str]) -> list[str]:
    """The key words as stored: split on commas, 、, semicolons and line breaks (one text or a list),
    trimmed, each once, in the clerk's order. ValueError (in Chinese, for the page) on a word too
    long or too many words."""
    parts = [terms] if isinstance(terms, str) else list(terms)
    words: list[str] = []
    for part in parts:
        if not isinstance(part, str):
            raise ValueError("关键词须为文本")
        words += [w.strip() for w in re.split(r"[,，、;；\n\r]+", part) if w.strip()]
    words = list(dict.fromkeys(words))
    too_long = [w for w in words if len(w) > MAX_KEY_TERM_LEN]
    if too_long:
        raise ValueError(f"关键词“{too_long[0]}”过长（每个不超过 {MAX_KEY_TERM_LEN} 字）")
    if len(words) > MAX_KEY_TERMS:
        raise ValueError(f"关键词过多（不超过 {MAX_KEY_TERMS} 个）")
    return words


async def set_key_terms(conn: asyncpg.Connection, case_id: uuid.UUID, terms: list[str], actor: audit.Actor) -> list[str]:
    """Replace the case's key words (already cleaned: clean_key_terms); audited with the words
    before and after, so the trail shows what the transcript was told and when."""
    async with conn.transaction():
        before = await conn.fetchval("select key_terms from cases where id = $1 for update", case_id)
        if before is None:
            raise LookupError("case not found")
        await conn.execute("update cases set key_terms = $2 where id = $1", case_id, terms)
        await audit.append(conn, "case.key_terms_set", actor, case_id=case_id,
                           detail={"before": list(before), "after": terms})
    return terms


async def member_names(conn: asyncpg.Connection | asyncpg.Pool, case_id: uuid.UUID) -> list[str]:
    """The display names of the court staff assigned to the case (its panel and clerk)."""
    return [r["display_name"] for r in await conn.fetch(
        "select s.display_name from case_members m join staff s on s.id = m.staff_id where m.case_id = $1"
        " order by s.display_name", case_id)]


async def parties(conn: asyncpg.Connection | asyncpg.Pool, case_id: uuid.UUID) -> list[dict[str, Any]]:
    return [dict(r) for r in await conn.fetch(
        "select * from case_parties where case_id = $1 order by role, name", case_id)]
