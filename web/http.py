"""JSON responses and errors shared by the HTTP routes."""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from typing import Any

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


async def read_json(request: Request, *, limit: int = 256 * 1024) -> dict[str, Any]:
    body = await request.body()
    if len(body) > limit:
        raise ApiError(413, "too_large", "请求过大 (request body too large)")
    try:
        data = json.loads(body or b"{}")
    except ValueError:
        raise ApiError(400, "bad_json", "请求不是有效的 JSON (body is not valid JSON)") from None
    if not isinstance(data, dict):
        raise ApiError(400, "bad_json", "请求须为 JSON 对象 (body must be a JSON object)")
    return data


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
    try:
        return uuid.UUID(request.path_params[name])
    except (KeyError, ValueError):
        raise ApiError(404, "not_found", "未找到 (not found)") from None
