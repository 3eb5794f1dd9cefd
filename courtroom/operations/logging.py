"""Structured logs: one JSON object a line when configured, plain text for a terminal by default.

Every line carries the hearing, participant and worker it concerns, taken from context
variables that the code handling a hearing sets (`log_context(hearing_id=...)`), so a
line logged deep in the media or signing code still names its hearing. Secrets never
reach a log: values of keys that name secrets are replaced, and tokens, bearer headers,
passwords in URLs and PRC resident ID numbers are masked in every message.

    configure_logging(json_lines=True)           # COURTROOM_LOG_FORMAT=json
    with log_context(hearing_id=h.id, participant_id=p.id):
        log.info("joined")                       # {"hearing_id": "...", "participant_id": "...", ...}
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import json
import logging
import os
import re
import sys
from typing import Any, Iterator, TextIO

CONTEXT_FIELDS = ("hearing_id", "participant_id", "worker_id")
_context: dict[str, contextvars.ContextVar[str | None]] = {
    name: contextvars.ContextVar(f"courtroom_{name}", default=None) for name in CONTEXT_FIELDS
}
_WORKER_ID = f"{os.uname().nodename}:{os.getpid()}"

REDACTED = "[redacted]"
# Keys whose values are secret whatever they look like (in `extra=` and in JSON messages).
_SECRET_KEYS = re.compile(r"(pass(word)?|secret|token|authorization|cookie|api[_-]?key|private|master[_-]?key|nonce|"
                          r"signature|id[_-]?(card|number)|身份证)", re.IGNORECASE)
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    # Authorization: Bearer xxx / token=xxx / "token": "xxx"
    (re.compile(r"(?i)\b(bearer)\s+[A-Za-z0-9._~+/=-]{8,}"), r"\1 " + REDACTED),
    (re.compile(r"(?i)([\"']?(?:token|password|passwd|secret|api_key|jti)[\"']?\s*[:=]\s*[\"']?)[^\s\"'&,;]{3,}"),
     r"\1" + REDACTED),
    # A URL's user:password@
    (re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://[^/\s:@]+:)[^@\s/]+@"), r"\1" + REDACTED + "@"),
    # Signed tokens of this server and JWT-like strings (three base64url parts)
    (re.compile(r"\b[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}(?:\.[A-Za-z0-9_-]{8,})?\b"), REDACTED),
    # PRC resident identity card numbers (18 characters, last may be X), not inside longer digit runs
    (re.compile(r"(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]"
                r"(?![0-9A-Za-z])"), "[身份证号已隐藏]"),
]


def redact(text: str) -> str:
    """The text with tokens, passwords and ID numbers masked."""
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def redact_value(key: str, value: Any) -> Any:
    if _SECRET_KEYS.search(key):
        return REDACTED
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {k: redact_value(str(k), v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [redact_value(key, v) for v in value]
    return value


@contextlib.contextmanager
def log_context(**fields: Any) -> Iterator[None]:
    """Name the hearing / participant / worker for every line logged inside (and in tasks started inside)."""
    tokens = []
    for name, value in fields.items():
        if name not in _context:
            raise ValueError(f"unknown log context field {name!r} (known: {', '.join(CONTEXT_FIELDS)})")
        tokens.append((_context[name], _context[name].set(None if value is None else str(value))))
    try:
        yield
    finally:
        for var, token in reversed(tokens):
            var.reset(token)


def set_log_context(**fields: Any) -> None:
    """Like log_context, for the rest of the current task (a connection handler, a room's task)."""
    for name, value in fields.items():
        _context[name].set(None if value is None else str(value))


def current_context() -> dict[str, str]:
    out = {name: var.get() for name, var in _context.items()}
    out["worker_id"] = out["worker_id"] or _WORKER_ID
    return {k: v for k, v in out.items() if v is not None}


_STANDARD_ATTRS = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime", "taskName"}


class ContextFilter(logging.Filter):
    """Copies the context variables onto each record (so any formatter can use them)."""

    def filter(self, record: logging.LogRecord) -> bool:
        for name, value in current_context().items():
            if getattr(record, name, None) is None:
                setattr(record, name, value)
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, message, hearing/participant/worker, extras."""

    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": redact(record.getMessage()),
        }
        for name in CONTEXT_FIELDS:
            value = getattr(record, name, None)
            if value is not None:
                out[name] = value
        for key, value in vars(record).items():
            if key not in _STANDARD_ATTRS and key not in out and not key.startswith("_"):
                out[key] = redact_value(key, value if isinstance(value, (str, int, float, bool, type(None), dict, list))
                                        else str(value))
        if record.exc_info:
            out["exception"] = redact(self.formatException(record.exc_info))
        return json.dumps(out, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """Plain text for a terminal, with the hearing (when there is one) and secrets masked."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s%(where)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        hearing = getattr(record, "hearing_id", None)
        participant = getattr(record, "participant_id", None)
        record.where = (f" [hearing {hearing[:8]}" + (f" participant {participant[:8]}" if participant else "") + "]"
                        if hearing else "")
        return redact(super().format(record))


def configure_logging(*, json_lines: bool | None = None, level: str | int | None = None,
                      stream: TextIO | None = None) -> logging.Handler:
    """Install one handler on the root logger (replacing a previous one of ours).

    json_lines: default from COURTROOM_LOG_FORMAT (json | text; text by default).
    level: default from COURTROOM_LOG_LEVEL (info). Both read by courtroom/config.py, like every setting.
    Called first thing by every process: `courtroom serve`, `media-worker`, `asr-worker`, the tools."""
    from courtroom.config import log_format_from_env, log_level_from_env

    if json_lines is None:
        json_lines = log_format_from_env() == "json"
    level = level or log_level_from_env()
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter() if json_lines else TextFormatter())
    handler.addFilter(ContextFilter())
    handler._courtroom = True  # type: ignore[attr-defined]
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_courtroom", False)]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    return handler
