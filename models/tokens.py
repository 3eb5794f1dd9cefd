"""Join tokens: issued for one participant of one hearing, with an expiry; revocable.

The signature (models.credentials) makes a token unforgeable; this module keeps the
issued tokens so that revocation, removal and closing take effect at once.

Tokens are for parties. A court staff seat is entered with the staff member's own log-in
session; the only token a staff seat can have is one its own holder takes with their session
(`session_id`), and it dies with that session (log-out, log-out everywhere, disabled account).
A token for a staff seat issued by anyone else is refused here (StaffSeatError)."""

from __future__ import annotations

import datetime as dt
import time
import uuid

import asyncpg

from models import audit
from models.credentials import JoinClaims, TokenError, read_join_token, sign_join_token
from models.domain import HearingState
from models.hearings import Participant, get_participant
from models.hearings import get as get_hearing
from models.staff import session_is_live


class StaffSeatError(PermissionError):
    """A token for a staff seat asked by anyone but its holder, or without their session."""


async def issue(conn: asyncpg.Connection, key: bytes, participant: Participant, *, lifetime_s: int,
                actor: audit.Actor, issued_by: uuid.UUID | None,
                session_id: str | None = None) -> tuple[str, JoinClaims]:
    # In-process callers (issued_by None: the demo, recovery tools) may; over the web, only the seat's holder.
    if participant.staff_id is not None and issued_by is not None and issued_by != participant.staff_id:
        raise StaffSeatError("工作人员须以本人登录进入席位，不能为其发放令牌 "
                             "(staff seats are entered with their holder's own log-in, not a token)")
    # Whole seconds, as the token carries them: the link can be rebuilt from the row (token_for).
    claims = JoinClaims(uuid.uuid4(), participant.hearing_id, participant.id, participant.role.value,
                        float(int(time.time() + lifetime_s)))
    async with conn.transaction():
        await conn.execute(
            "insert into join_tokens(id, hearing_id, participant_id, role, issued_by, expires_at, session_id)"
            " values ($1,$2,$3,$4,$5,$6,$7)",
            claims.jti, claims.hearing_id, claims.participant_id, claims.role, issued_by,
            dt.datetime.fromtimestamp(claims.expires_at, dt.timezone.utc), session_id)
        await audit.append(conn, "token.issued", actor, hearing_id=participant.hearing_id,
                           detail={"jti": str(claims.jti), "participant_id": str(participant.id),
                                   "participant_name": participant.name, "role": claims.role,
                                   "issued_by": str(issued_by) if issued_by else None,
                                   "expires_at": int(claims.expires_at)})
    return sign_join_token(key, claims), claims


async def issued_for_hearing(conn: asyncpg.Connection | asyncpg.Pool, hearing_id: uuid.UUID) -> list[dict]:
    """Every join token of the hearing, newest first, with its participant's name and staff link."""
    rows = await conn.fetch(
        "select t.*, p.name, p.staff_id from join_tokens t join participants p on p.id = t.participant_id"
        " where t.hearing_id = $1 order by t.issued_at desc", hearing_id)
    return [dict(r) for r in rows]


def token_for(key: bytes, row: dict) -> str:
    """The token of an issued row again (the signature is deterministic over the claims)."""
    return sign_join_token(key, JoinClaims(row["id"], row["hearing_id"], row["participant_id"], row["role"],
                                           float(int(row["expires_at"].timestamp()))))


async def revoke(conn: asyncpg.Connection, jti: uuid.UUID, actor: audit.Actor,
                 revoked_by: uuid.UUID | None = None) -> bool:
    async with conn.transaction():
        row = await conn.fetchrow(
            "update join_tokens set revoked_at = now(), revoked_by = $2 where id = $1 and revoked_at is null"
            " returning hearing_id, participant_id", jti, revoked_by)
        if row is None:
            return False
        await audit.append(conn, "token.revoked", actor, hearing_id=row["hearing_id"],
                           detail={"jti": str(jti), "participant_id": str(row["participant_id"])})
    return True


async def validate(conn: asyncpg.Connection | asyncpg.Pool, key: bytes, token: str,
                   *, hearing_id: uuid.UUID | None = None) -> tuple[JoinClaims, Participant]:
    """The claims and participant behind a usable token, or TokenError saying why not.

    A token opens exactly one hearing: asking for any other is refused."""
    claims = read_join_token(key, token)
    if hearing_id is not None and claims.hearing_id != hearing_id:
        raise TokenError("token_wrong_hearing", "此令牌不属于该庭审 (token is for another hearing)")
    row = await conn.fetchrow("select * from join_tokens where id = $1", claims.jti)
    if row is None or row["participant_id"] != claims.participant_id or row["hearing_id"] != claims.hearing_id:
        raise TokenError("token_unknown", "令牌未登记 (token not issued by this court)")
    if row["revoked_at"] is not None:
        raise TokenError("token_revoked", "令牌已被撤销 (token revoked)")
    if row["session_id"] is not None and not await session_is_live(conn, row["session_id"]):
        raise TokenError("session_ended", "登录已失效，请重新登录 (the log-in this token belongs to has ended)")
    participant = await get_participant(conn, claims.participant_id)
    if participant.state == "removed":
        raise TokenError("participant_removed", "您已被移出本次庭审 (you were removed from this hearing)")
    hearing = await get_hearing(conn, claims.hearing_id)
    if hearing.state == HearingState.CLOSED:
        raise TokenError("hearing_closed", "庭审已结束 (hearing closed)")
    return claims, participant


async def token_participant(conn: asyncpg.Connection | asyncpg.Pool, jti: uuid.UUID,
                            hearing_id: uuid.UUID) -> uuid.UUID | None:
    """The participant a token of this hearing was issued for, or None."""
    return await conn.fetchval("select participant_id from join_tokens where id = $1 and hearing_id = $2",
                               jti, hearing_id)


async def issuer(conn: asyncpg.Connection | asyncpg.Pool, jti: uuid.UUID) -> dict | None:
    """Who issued a token: {'staff_id', 'name', 'position'}, or None (issued by the system)."""
    row = await conn.fetchrow("select s.id, s.display_name, s.position from join_tokens t"
                              " join staff s on s.id = t.issued_by where t.id = $1", jti)
    return {"staff_id": str(row["id"]), "name": row["display_name"], "position": row["position"]} if row else None
