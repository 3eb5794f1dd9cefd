"""Secrets: scrypt password hashes, random bearer secrets, and signed join tokens.

A join token is `base64url(payload).base64url(HMAC-SHA256(key, payload))`; the payload
names one hearing, one participant and one role, and an expiry. The signature stops
forgery; the database row (by jti) makes it revocable."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import secrets
import time
import uuid
from dataclasses import dataclass

_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P, dklen=32)
    return f"scrypt${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    candidate = hashlib.scrypt(password.encode("utf-8"), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p),
                               dklen=len(digest) // 2)
    return hmac.compare_digest(candidate.hex(), digest)


# A hash of a random password that was thrown away: an unknown user's password is checked against
# it, so an unknown name costs the same single scrypt as a known one (no timing oracle), from the
# very first attempt (computing it lazily would make the first unknown name cost two).
_DUMMY_HASH = "scrypt$16384$8$1$bd0f330f0052e845e4ee3e4953370e00$0adef5224fb5e31dc238be0ed9b72542b041b6019ebdfa58932e121d8cf95712"


def dummy_hash() -> str:
    return _DUMMY_HASH


# scrypt takes ~50 ms of CPU: run it on a small pool of its own, never on the event loop, and
# never more at once than the pool's size (a log-in flood queues here, not in front of everyone else).
_HASH_POOL_SIZE = 2
_hash_pool = None


def _pool():
    global _hash_pool
    if _hash_pool is None:
        from concurrent.futures import ThreadPoolExecutor

        _hash_pool = ThreadPoolExecutor(max_workers=_HASH_POOL_SIZE, thread_name_prefix="scrypt")
    return _hash_pool


async def hash_password_async(password: str) -> str:
    return await asyncio.get_running_loop().run_in_executor(_pool(), hash_password, password)


async def verify_password_async(password: str, stored: str | None) -> bool:
    """Check `password` against `stored`; with None (unknown user) check it against the dummy hash
    and answer False, after the same work."""
    target = stored if stored is not None else dummy_hash()
    ok = await asyncio.get_running_loop().run_in_executor(_pool(), verify_password, password, target)
    return ok and stored is not None


def new_bearer_secret() -> tuple[str, str]:
    """A secret for the client and the sha256 under which the server stores it."""
    secret = secrets.token_urlsafe(32)
    return secret, hashlib.sha256(secret.encode()).hexdigest()


def bearer_id(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class TokenError(Exception):
    """A join token that cannot be used; `code` is machine-readable, str() is for people."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class JoinClaims:
    jti: uuid.UUID
    hearing_id: uuid.UUID
    participant_id: uuid.UUID
    role: str
    expires_at: float


def sign_join_token(key: bytes, claims: JoinClaims) -> str:
    payload = json.dumps(
        {"jti": str(claims.jti), "hid": str(claims.hearing_id), "pid": str(claims.participant_id),
         "role": claims.role, "exp": int(claims.expires_at)},
        separators=(",", ":"), sort_keys=True,
    ).encode()
    mac = hmac.new(key, payload, hashlib.sha256).digest()
    return f"{_b64(payload)}.{_b64(mac)}"


def read_join_token(key: bytes, token: str, *, now: float | None = None) -> JoinClaims:
    """Check signature and expiry. Revocation is checked against the database by the caller."""
    if not isinstance(token, str) or len(token) > 2048 or token.count(".") != 1:
        raise TokenError("token_malformed", "令牌格式错误 (malformed token)")
    body, mac = token.split(".")
    try:
        payload, given = _unb64(body), _unb64(mac)
    except (ValueError, TypeError):
        raise TokenError("token_malformed", "令牌格式错误 (malformed token)") from None
    if not hmac.compare_digest(hmac.new(key, payload, hashlib.sha256).digest(), given):
        raise TokenError("token_invalid", "令牌签名无效 (invalid token signature)")
    try:
        data = json.loads(payload)
        claims = JoinClaims(uuid.UUID(data["jti"]), uuid.UUID(data["hid"]), uuid.UUID(data["pid"]),
                            str(data["role"]), float(data["exp"]))
    except (ValueError, KeyError, TypeError):
        raise TokenError("token_malformed", "令牌内容错误 (malformed token payload)") from None
    if (now if now is not None else time.time()) >= claims.expires_at:
        raise TokenError("token_expired", "令牌已过期 (token expired)")
    return claims
