"""Corrections to a hearing's transcript, over the live socket and over HTTP alike.

Operations: edit (text), split (at a character), merge (two segments), reattribute (to
another participant), delete (or restore), add (a line the recogniser missed). Only the
clerk and the presiding member of that hearing (committee: secretary and chair) may
make them. Every change names the version it was made on; a stale one is refused with
the segment as it now is, so two clerks never silently overwrite each other. Each
change is a revision in models.transcripts and an event on the hearing's audit chain,
and everyone in the live room is told (`{"type": "transcript-edit", ...}`).

Live protocol: a client sends `{"type": "transcript.<op>", "request_id": ..., ...fields}`
and gets `{"type": "transcript.ok", "request_id", "op", "segments"}` or
`{"type": "error", "code", "message", "request_id", "current"?}`; the room receives
`{"type": "transcript-edit", "op", "segments", "by", "at"}`."""

from __future__ import annotations

import datetime as dt
import math
import uuid
from typing import TYPE_CHECKING, Any

from models import audit, transcripts
from models.domain import Role
from models.hearings import Participant

if TYPE_CHECKING:
    from courtroom.context import ServerContext

EDITOR_ROLES = frozenset({Role.CLERK, Role.PRESIDING_JUDGE, Role.COMMITTEE_SECRETARY, Role.COMMITTEE_CHAIR})
OPERATIONS = ("edit", "split", "merge", "reattribute", "delete", "add")
MAX_TEXT = 5000


class EditRefused(Exception):
    """An edit not applied: `code` and `status` for the caller, `current` for a conflict."""

    def __init__(self, code: str, message: str, status: int = 400, current: dict[str, Any] | None = None):
        super().__init__(message)
        self.code = code
        self.status = status
        self.current = current


def may_edit(participant: Participant | None) -> bool:
    return participant is not None and participant.state != "removed" and participant.role in EDITOR_ROLES


def _optional_uuid(data: dict[str, Any], name: str) -> uuid.UUID | None:
    return None if data.get(name) is None else _uuid(data, name)


def _uuid(data: dict[str, Any], name: str) -> uuid.UUID:
    value = data.get(name)
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise EditRefused("bad_field", f"字段 {name} 须为有效标识 ({name} must be an id)") from None


def _int(data: dict[str, Any], name: str) -> int:
    value = data.get(name)
    if isinstance(value, bool) or not isinstance(value, int):
        raise EditRefused("bad_field", f"字段 {name} 须为整数 ({name} must be an integer)")
    return value


def _seconds(data: dict[str, Any], name: str) -> float:
    value = data.get(name)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
        raise EditRefused("bad_field", f"字段 {name} 须为非负秒数 ({name} must be seconds >= 0)")
    return float(value)


def _text(data: dict[str, Any]) -> str:
    value = data.get("text")
    if not isinstance(value, str) or not value.strip():
        raise EditRefused("bad_field", "文字不能为空 (text must not be empty)")
    if len(value) > MAX_TEXT:
        raise EditRefused("bad_field", f"文字过长，上限 {MAX_TEXT} 字 (text too long)")
    return value


async def _own_segment(conn, hearing_id: uuid.UUID, segment_id: uuid.UUID) -> None:
    owner = await transcripts.segment_hearing(conn, segment_id)
    if owner != hearing_id:
        raise EditRefused("not_found", "本庭笔录中无此段 (no such segment in this hearing)", 404)


async def apply_edit(ctx: "ServerContext", hearing_id: uuid.UUID, op: str, data: dict[str, Any],
                     editor: Participant) -> dict[str, Any]:
    """Apply one operation for `editor` (whose right to edit the caller has checked with
    `may_edit`); returns the `transcript-edit` message for the room."""
    if op not in OPERATIONS:
        raise EditRefused("unknown_operation", f"未知的笔录操作 {op!r} (unknown operation)", 404)
    who, role = editor.name, editor.role.value
    from courtroom.records.sealing import key_for_hearing

    key = await key_for_hearing(ctx, hearing_id)  # a closed session's transcript is sealed: None otherwise
    try:
        async with ctx.db.transaction() as conn:
            if op == "edit":
                sid = _uuid(data, "segment_id")
                await _own_segment(conn, hearing_id, sid)
                changed = [await transcripts.edit_text(conn, sid, expected_version=_int(data, "expected_version"),
                                                       text=_text(data), editor=who, editor_role=role, seal_key=key)]
            elif op == "split":
                sid = _uuid(data, "segment_id")
                await _own_segment(conn, hearing_id, sid)
                changed = list(await transcripts.split(conn, sid, expected_version=_int(data, "expected_version"),
                                                       at_char=_int(data, "at_char"), editor=who, editor_role=role,
                                                       seal_key=key))
            elif op == "merge":
                first, second = _uuid(data, "first_id"), _uuid(data, "second_id")
                versions = data.get("expected_versions")
                if (not isinstance(versions, list) or len(versions) != 2
                        or not all(isinstance(v, int) and not isinstance(v, bool) for v in versions)):
                    raise EditRefused("bad_field", "expected_versions 须为两个整数 (two integers)")
                if first == second:
                    raise EditRefused("bad_field", "不能与自身合并 (merge two different segments)")
                await _own_segment(conn, hearing_id, first)
                await _own_segment(conn, hearing_id, second)
                merged = await transcripts.merge(conn, first, second, expected_versions=(versions[0], versions[1]),
                                                 editor=who, editor_role=role, seal_key=key)
                other = second if merged["id"] == str(first) else first
                gone = await transcripts.get_segment(conn, other, key)
                changed = [merged, gone] if gone is not None else [merged]
            elif op == "reattribute":
                sid = _uuid(data, "segment_id")
                await _own_segment(conn, hearing_id, sid)
                changed = [await transcripts.reattribute(
                    conn, sid, expected_version=_int(data, "expected_version"),
                    participant_id=_uuid(data, "participant_id"), editor=who, editor_role=role, seal_key=key)]
            elif op == "delete":
                sid = _uuid(data, "segment_id")
                await _own_segment(conn, hearing_id, sid)
                restore = data.get("restore", False) is True
                changed = [await transcripts.delete(conn, sid, expected_version=_int(data, "expected_version"),
                                                    editor=who, editor_role=role, restore=restore,
                                                    seal_key=key)]
            else:  # add
                start, end = _seconds(data, "start"), _seconds(data, "end")
                if end < start:
                    raise EditRefused("bad_field", "结束时间早于开始时间 (end before start)")
                changed = [await transcripts.add_manual(
                    conn, hearing_id, participant_id=_optional_uuid(data, "participant_id"), start_s=start,
                    end_s=end, text=_text(data), editor=who, editor_role=role, seal_key=key)]
            await audit.append(conn, "transcript.edited", editor.actor, hearing_id=hearing_id,
                               detail={"op": op, "segments": [{"id": s["id"], "version": s["version"]}
                                                              for s in changed]})
    except transcripts.EditConflict as exc:
        raise EditRefused("edit_conflict", str(exc), 409, exc.current) from None
    except transcripts.TranscriptLocked as exc:
        raise EditRefused("transcript_locked", f"{exc}；如需修改，须由审判长说明理由重新开放", 409) from None
    except LookupError:
        raise EditRefused("not_found", "本庭笔录中无此段 (no such segment in this hearing)", 404) from None
    except ValueError as exc:
        raise EditRefused("bad_field", str(exc)) from None
    return {"type": "transcript-edit", "op": op, "hearing_id": str(hearing_id), "segments": changed,
            "by": f"{editor.role.label} {editor.name}", "at": dt.datetime.now(dt.timezone.utc).isoformat()}


async def publish(ctx: "ServerContext", hearing_id: uuid.UUID, message: dict[str, Any]) -> None:
    """Tell the live room, if the hearing is live in this process."""
    room = ctx.rooms.get(hearing_id)
    if room is not None:
        await room.broadcast(message, admitted_only=True)
