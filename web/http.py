"""JSON requests and responses shared by the HTTP routes, and the guard every request passes.

Bodies are bounded before they are read: a Content-Length over the limit is refused at once,
and a body without one is counted as it streams and cut off at the limit. JSON is limited in
nesting depth, and text holding NUL or a lone surrogate (which PostgreSQL cannot store, and no
honest client sends) is refused with 400, never carried on to a 500."""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from typing import Any, TypeVar

from starlette.requests import Request
from starlette.responses import JSONResponse, Response


class ApiError(Exception):
    """An error the client should see: HTTP status, machine code, and a message in Chinese (English)."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def _default(obj: Any) -> Any:
    if isinstance(obj, uuid.UUID):
        return str(obj)
    if isinstance(obj, (dt.datetime, dt.date)):
        return obj.isoformat()
    if hasattr(obj, "to_json"):
        return obj.to_json()
    raise TypeError(f"not JSON serialisable: {type(obj).__name__}")


def dumps(data: Any) -> str:
    return json.dumps(data, default=_default, ensure_ascii=False)


R = TypeVar("R", bound=Response)


def no_store(response: R) -> R:
    """Marks a response as never to be cached (records, tokens, private rooms)."""
    response.headers["cache-control"] = "private, no-store"
    return response


class Json(JSONResponse):
    def render(self, content: Any) -> bytes:
        return dumps(content).encode("utf-8")


# Messages are written "中文 (English)"; users read the Chinese only (issue 14). The English
# stays in the code for maintainers and in `code` for programs.
_ENGLISH_TAIL = re.compile(r"\s*[(（][\x20-\x7e]*[)）]\s*$")


def chinese_only(message: str) -> str:
    """The message without a trailing English gloss in parentheses (kept if nothing else remains)."""
    stripped = _ENGLISH_TAIL.sub("", message)
    return stripped if stripped.strip() else message


async def api_error_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return Json({"error": {"code": exc.code, "message": chinese_only(exc.message)}}, status_code=exc.status)


MAX_JSON_DEPTH = 32
# The largest body any route takes; routes ask for less through read_json(limit=...).
MAX_BODY_BYTES = 1024 * 1024

_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.S)
_BRACKET = re.compile(rb"[\[\]{}]")
_BAD_TEXT = re.compile("[\x00\ud800-\udfff]")


async def read_body(request: Request, limit: int) -> bytes:
    """The body, refused with 413 once it passes `limit` bytes (declared or streamed)."""
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            if int(declared) > limit:
                raise ApiError(413, "too_large", f"请求过大，上限 {limit} 字节 (request body over {limit} bytes)")
        except ValueError:
            raise ApiError(400, "bad_request", "Content-Length 无效 (invalid Content-Length)") from None
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, "too_large", f"请求过大，上限 {limit} 字节 (request body over {limit} bytes)")
        chunks.append(chunk)
    return b"".join(chunks)


def json_depth(body: bytes) -> int:
    """The deepest nesting of arrays and objects in `body` (strings skipped), without parsing it."""
    depth = deepest = 0
    for m in _BRACKET.finditer(_STRING.sub(b"", body)):
        if m.group() in (b"[", b"{"):
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def check_text(value: Any, depth: int = 0) -> None:
    """Refuse NUL and lone surrogates anywhere in a parsed JSON value (keys included)."""
    if isinstance(value, str):
        if _BAD_TEXT.search(value):
            raise ApiError(400, "bad_text", "文本含有不允许的字符（NUL 或孤立代理项） (text holds NUL or a lone surrogate)")
    elif isinstance(value, dict):
        for k, v in value.items():
            check_text(k, depth + 1)
            check_text(v, depth + 1)
    elif isinstance(value, list):
        for v in value:
            check_text(v, depth + 1)


def parse_json(body: bytes | str) -> Any:
    """Parse JSON text with the depth and text rules; ApiError(400) for anything else."""
    raw = body.encode("utf-8", "surrogatepass") if isinstance(body, str) else body
    if json_depth(raw) > MAX_JSON_DEPTH:
        raise ApiError(400, "too_deep", f"JSON 嵌套过深，上限 {MAX_JSON_DEPTH} 层 (JSON nested too deeply)")
    try:
        data = json.loads(body or b"{}")
    except (ValueError, RecursionError):
        raise ApiError(400, "bad_json", "请求不是有效的 JSON (body is not valid JSON)") from None
    check_text(data)
    return data


async def read_json(request: Request, *, limit: int = 256 * 1024) -> dict[str, Any]:
    data = parse_json(await read_body(request, min(limit, MAX_BODY_BYTES)))
    if not isinstance(data, dict):
        raise ApiError(400, "bad_json", "请求须为 JSON 对象 (body must be a JSON object)")
    return data


def clean_text(text: str, max_len: int = 200) -> str:
    """`text` with NUL and lone surrogates replaced, for logging what a refused request asked for."""
    return _BAD_TEXT.sub("\ufffd", text)[:max_len]


def field(data: dict[str, Any], name: str, kind: type = str, *, required: bool = True, default: Any = None,
          max_len: int = 500) -> Any:
    value = data.get(name, default)
    if value is None:
        if required:
            raise ApiError(400, "missing_field", f"缺少字段 {name} (missing field {name})")
        return None
    if kind is bool:
        if not isinstance(value, bool):
            raise ApiError(400, "bad_field", f"字段 {name} 须为布尔值 ({name} must be a boolean)")
        return value
    if kind is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ApiError(400, "bad_field", f"字段 {name} 须为整数 ({name} must be an integer)")
        return value
    if kind is uuid.UUID:
        try:
            return uuid.UUID(str(value))
        except ValueError:
            raise ApiError(400, "bad_field", f"字段 {name} 不是有效标识 ({name} is not a valid id)") from None
    if not isinstance(value, str) or not value.strip():
        raise ApiError(400, "bad_field", f"字段 {name} 须为非空文本 ({name} must be non-empty text)")
    if len(value) > max_len:
        raise ApiError(400, "bad_field", f"字段 {name} 过长 ({name} is too long)")
    return value.strip()


def path_uuid(request: Request, name: str) -> uuid.UUID:
    """A UUID path parameter; anything else is 404 (an id that cannot exist does not exist)."""
    try:
        return uuid.UUID(request.path_params[name])
    except (KeyError, ValueError):
        raise ApiError(404, "not_found", "未找到 (not found)") from None


# --- the guard in front of every request ------------------------------------------------------

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
SESSION_COOKIE = "courtroom_session"
# Scripts, styles and everything else from this origin only; media from blob: (MSE, WebRTC streams).
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
                           "media-src 'self' blob:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; "
                           "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HSTS = "max-age=31536000"


def _header(scope: dict, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return value.decode("latin-1")
    return None


def _netloc(url: str) -> str | None:
    from urllib.parse import urlsplit

    try:
        return urlsplit(url).netloc.lower() or None
    except ValueError:
        return None


def csrf_refusal(scope: dict) -> tuple[int, str, str] | None:
    """Why a state-changing request must be refused, or None.

    - it takes application/json only (HTML forms cannot send that cross-site);
    - a browser's Origin must be this server's own host, and Sec-Fetch-Site, when sent,
      same-origin (or none: typed by the user);
    - a request riding on the session cookie (no Authorization header) must carry one of them:
      browsers always do, so its absence means the request did not come from our pages."""
    if scope["method"] not in UNSAFE_METHODS:
        return None
    content_type = (_header(scope, b"content-type") or "").split(";")[0].strip().lower()
    has_body = (_header(scope, b"content-length") or "0") != "0" or _header(scope, b"transfer-encoding") is not None
    if (content_type or has_body) and content_type != "application/json":
        return 415, "json_only", "只接受 application/json 请求 (state-changing requests take application/json only)"
    host = (_header(scope, b"host") or "").lower()
    origin = _header(scope, b"origin")
    if origin is not None and (origin == "null" or _netloc(origin) != host):
        return 403, "cross_origin", "拒绝跨站请求 (cross-origin request refused)"
    fetch_site = _header(scope, b"sec-fetch-site")
    if fetch_site is not None and fetch_site.lower() not in ("same-origin", "none"):
        return 403, "cross_origin", "拒绝跨站请求 (cross-site request refused)"
    cookie = _header(scope, b"cookie") or ""
    if (SESSION_COOKIE + "=") in cookie and _header(scope, b"authorization") is None \
            and origin is None and fetch_site is None:
        return 403, "origin_required", "请求缺少来源信息 (Origin or Sec-Fetch-Site required)"
    return None


class RequestGuard:
    """ASGI middleware: body limit from Content-Length, CSRF rules, and the security headers
    (CSP, no framing, no sniffing, HSTS on https) on every response."""

    def __init__(self, app, *, on_refusal=None):
        self.app = app
        # async (scope, status, code) -> None: records the refusal (web.app wires the audit log).
        self.on_refusal = on_refusal

    async def _refuse(self, scope, send, status: int, code: str, message: str) -> None:
        if self.on_refusal is not None:
            try:
                await self.on_refusal(scope, status, code)
            except Exception:  # recording a refusal must never turn it into a 500
                pass
        body = dumps({"error": {"code": code, "message": message}}).encode("utf-8")
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close"), *self._headers(scope)]})
        await send({"type": "http.response.body", "body": body})

    @staticmethod
    def _headers(scope) -> list[tuple[bytes, bytes]]:
        headers = [
            (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"x-frame-options", b"DENY"),
            (b"referrer-policy", b"no-referrer"),
            (b"permissions-policy", b"camera=(self), microphone=(self)"),
        ]
        if scope.get("scheme") == "https":
            headers.append((b"strict-transport-security", HSTS.encode()))
        return headers

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = _header(scope, b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY_BYTES):
            return await self._refuse(scope, send, 413, "too_large",
                                      f"请求过大，上限 {MAX_BODY_BYTES} 字节 (request body too large)")
        refusal = csrf_refusal(scope)
        if refusal is not None:
            return await self._refuse(scope, send, *refusal)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], *self._headers(scope)]
            await send(message)

        await self.app(scope, receive, send_with_headers)
