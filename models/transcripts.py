"""Transcript segments of a hearing and their revisions.

A segment is what one participant said between two times on the hearing clock. Speech
recognition creates segments; the clerk corrects them; every change is a revision
(who, when, before, after), and an edit made on a stale version is refused rather than
silently overwriting a colleague's.

Closed sessions (deliberation, committee) are sealed: a segment's text and word times
are stored encrypted under the case key (signing.seal fields, bound to the segment
and column), and so are the texts in its revisions, which copy the stored value. Every
function that writes or shows text takes `seal_key`; for a closed session a write
without it is refused (SealingKeyRequired) and a read without it shows no text
(`"sealed": true`). Only members get the key (the callers check who asks).

Each recognised segment also keeps what the recogniser was unsure of (migration 012):
`corrections`, every automatic replacement ({start, end, original, corrected, why},
offsets in the text), and `doubtful`, the words Whisper wrote with a low probability
({start, end, word, p}). They follow the text through splits and merges; a clerk's edit
of the text clears them, since they referred to the old text. Sealed like the text."""

from __future__ import annotations

import logging
import uuid
from typing import TYPE_CHECKING, Any

import asyncpg

if TYPE_CHECKING:
    from models import audit

from models import workers
from models.domain import ROLE_LABELS, Role
from signing.seal import is_sealed_value, open_json, open_text, seal_json, seal_text

SEALED_KINDS = frozenset({"deliberation", "committee"})
MARK_COLUMNS = ("corrections", "doubtful")

log = logging.getLogger(__name__)


class EditConflict(Exception):
    """The segment changed since the editor loaded it."""

    def __init__(self, current: dict[str, Any]):
        super().__init__("该段已被他人修改，请刷新后再改 (segment changed by someone else)")
        self.current = current


class TranscriptLocked(Exception):
    """The record is closed for signing; only a logged reopen allows edits."""


class SealingKeyRequired(ValueError):
    """A closed session's transcript is written or edited only with its case key."""

    def __init__(self) -> None:
        super().__init__("合议、审委会笔录加密存储，须由成员通过评议页面修改 (closed-session transcript: key required)")


def _text_context(segment_id: Any) -> str:
    return f"transcript_segments/{segment_id}/text"


def _words_context(segment_id: Any) -> str:
    return f"transcript_segments/{segment_id}/words"


def _marks_context(segment_id: Any, column: str) -> str:
    return f"transcript_segments/{segment_id}/{column}"


def open_fields(r: asyncpg.Record | dict[str, Any], seal_key: bytes | None) -> tuple[str, list[dict[str, Any]], bool]:
    """(text, words, sealed) of a stored row: decrypted with `seal_key`, or blank without it."""
    text, words = r["text"], r["words"]
    if not is_sealed_value(text):
        return text, words if isinstance(words, list) else [], False
    if seal_key is None:
        return "", [], True
    plain = open_text(seal_key, text, _text_context(r["id"]))
    plain_words = open_json(seal_key, words, _words_context(r["id"])) if is_sealed_value(words) else []
    return plain, plain_words, True


def open_marks(r: asyncpg.Record | dict[str, Any], seal_key: bytes | None) -> dict[str, list[dict[str, Any]]]:
    """{"corrections": [...], "doubtful": [...]} of a stored row, opened like its text."""
    out: dict[str, list[dict[str, Any]]] = {}
    for column in MARK_COLUMNS:
        value = r.get(column)
        if isinstance(value, str) and is_sealed_value(value):
            value = open_json(seal_key, value, _marks_context(r["id"], column)) if seal_key is not None else []
        out[column] = value if isinstance(value, list) else []
    return out


def checked_marks(text: str, marks: list[dict[str, Any]] | None, column: str) -> list[dict[str, Any]]:
    """The marks that fit `text` (a correction must cover its corrected words), in order.
    One that does not is dropped with a warning: a mark is never worth the segment."""
    out = []
    for m in marks or []:
        try:
            start, end = int(m["start"]), int(m["end"])
            fits = 0 <= start < end <= len(text) and (
                text[start:end] == m["corrected"] if column == "corrections" else text[start:end] == m["word"])
        except (KeyError, TypeError, ValueError):
            fits = False
        if fits:
            out.append({**m, "start": start, "end": end})
        else:
            log.warning("%s mark %r does not fit the text %r: dropped", column, m, text)
    return sorted(out, key=lambda m: m["start"])


def _marks_between(marks: list[dict[str, Any]], lo: int, hi: int, shift: int) -> list[dict[str, Any]]:
    """The marks lying wholly in text[lo:hi], moved by `shift` (a split's or merge's new offsets)."""
    return [{**m, "start": m["start"] + shift, "end": m["end"] + shift} for m in marks if lo <= m["start"] and m["end"] <= hi]


def _seal_fields(seal_key: bytes, segment_id: Any, changes: dict[str, Any]) -> dict[str, Any]:
    out = dict(changes)
    if "text" in out:
        out["text"] = seal_text(seal_key, out["text"], _text_context(segment_id))
    if "words" in out:
        out["words"] = seal_json(seal_key, out["words"] or [], _words_context(segment_id))
    for column in MARK_COLUMNS:
        if column in out:
            out[column] = seal_json(seal_key, out[column] or [], _marks_context(segment_id, column))
    return out


async def _insert_segment(conn: asyncpg.Connection, key: bytes | None, segment_id: uuid.UUID, hearing_id: uuid.UUID,
                          participant_id: uuid.UUID | None, speaker_role: str | None, speaker_name: str | None,
                          start_s: float, end_s: float, text: str, words: list[dict[str, Any]],
                          confidence: float | None, model: str | None, source: str,
                          corrections: list[dict[str, Any]] | None = None,
                          doubtful: list[dict[str, Any]] | None = None) -> asyncpg.Record:
    """Insert one segment; a closed session's text, words and marks are sealed first (`key`)."""
    fields: dict[str, Any] = {"text": text, "words": words, "corrections": corrections or [], "doubtful": doubtful or []}
    if key is not None:
        fields = _seal_fields(key, segment_id, fields)
    return await conn.fetchrow(
        "insert into transcript_segments(id, hearing_id, participant_id, speaker_role, speaker_name, start_s,"
        " end_s, text, words, confidence, model, source, corrections, doubtful)"
        " values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14) returning *",
        segment_id, hearing_id, participant_id, speaker_role, speaker_name, start_s, end_s, fields["text"],
        fields["words"], confidence, model, source, fields["corrections"], fields["doubtful"])


async def _sealing_key(conn: asyncpg.Connection, hearing_id: uuid.UUID, seal_key: bytes | None) -> bytes | None:
    """The key to seal this hearing's text with: None for a public hearing; for a closed
    session the key given, or SealingKeyRequired."""
    kind = await conn.fetchval("select kind from hearings where id = $1", hearing_id)
    if kind not in SEALED_KINDS:
        return None
    if seal_key is None:
        raise SealingKeyRequired()
    return seal_key


def speaker_label(role: str | None, name: str | None) -> str:
    if not role:
        return name or ""
    try:
        label = ROLE_LABELS[Role(role)]
    except ValueError:
        label = role
    return f"{label} {name}" if name else label


def segment_json(r: asyncpg.Record | dict[str, Any], seal_key: bytes | None = None) -> dict[str, Any]:
    text, words, sealed = open_fields(r, seal_key)
    out = {
        "id": str(r["id"]), "hearing_id": str(r["hearing_id"]),
        "participant_id": str(r["participant_id"]) if r["participant_id"] else None,
        "speaker_role": r["speaker_role"], "speaker_name": r["speaker_name"],
        "speaker_label": speaker_label(r["speaker_role"], r["speaker_name"]),
        "start": r["start_s"], "end": r["end_s"], "text": text, "words": words,
        "confidence": r["confidence"], "model": r["model"], "source": r["source"], "version": r["version"],
        "deleted": r["deleted"], "final": True, **open_marks(r, seal_key),
    }
    if sealed:
        out["sealed"] = seal_key is None  # true: text withheld (no key given)
    return out


def _snapshot(r: asyncpg.Record | dict[str, Any]) -> dict[str, Any]:
    return {"participant_id": str(r["participant_id"]) if r["participant_id"] else None,
            "speaker_role": r["speaker_role"], "speaker_name": r["speaker_name"],
            "start": r["start_s"], "end": r["end_s"], "text": r["text"], "deleted": r["deleted"]}


async def add_recognized(conn: asyncpg.Connection, *, segment_id: uuid.UUID, hearing_id: uuid.UUID,
                         participant_id: uuid.UUID | None, speaker_role: str | None, speaker_name: str | None,
                         start_s: float, end_s: float, text: str, words: list[dict[str, Any]],
                         confidence: float | None, model: str, seal_key: bytes | None = None,
                         corrections: list[dict[str, Any]] | None = None,
                         doubtful: list[dict[str, Any]] | None = None,
                         fence: workers.Fence | None = None) -> dict[str, Any]:
    """Store a final speech-recognition segment (revision 1, by the recogniser) with its
    automatic corrections and doubtful words (offsets in `text`); sealed for a closed
    session (`seal_key` required there). Returns it in the clear, for the caller to show
    to the room it came from.

    `fence` (a media worker's hold on the hearing): checked in the write's transaction, as
    recording rows are; when the hearing moved to another worker nothing is stored, the
    refusal is audited (hearing.stale_write_refused, committed) and StaleWriteRefused raised."""
    corrections = checked_marks(text, corrections, "corrections")
    doubtful = checked_marks(text, doubtful, "doubtful")
    async with conn.transaction():
        held = fence is None or await workers.hold(conn, fence, write="transcript.segment", detail={
            # What was refused, never its words: a closed session's text is sealed.
            "segment_id": str(segment_id), "participant_id": str(participant_id) if participant_id else None,
            "start_s": round(start_s, 3), "end_s": round(end_s, 3), "model": model})
        if held:
            row, key = await _add_recognized_row(conn, segment_id, hearing_id, participant_id, speaker_role,
                                                 speaker_name, start_s, end_s, text, words, confidence, model,
                                                 seal_key, corrections, doubtful)
    if not held:  # the refusal's audit event is committed; nothing else was written
        assert fence is not None
        raise workers.StaleWriteRefused(fence, "transcript.segment")
    return segment_json(row, key)


async def _add_recognized_row(conn: asyncpg.Connection, segment_id: uuid.UUID, hearing_id: uuid.UUID,
                              participant_id: uuid.UUID | None, speaker_role: str | None, speaker_name: str | None,
                              start_s: float, end_s: float, text: str, words: list[dict[str, Any]],
                              confidence: float | None, model: str, seal_key: bytes | None,
                              corrections: list[dict[str, Any]], doubtful: list[dict[str, Any]],
                              ) -> tuple[asyncpg.Record, bytes | None]:
    """The segment and its first revision, inside the caller's transaction."""
    await _ensure_unlocked(conn, hearing_id)
    key = await _sealing_key(conn, hearing_id, seal_key)
    row = await _insert_segment(conn, key, segment_id, hearing_id, participant_id, speaker_role, speaker_name,
                                start_s, max(end_s, start_s), text, words, confidence, model, "asr",
                                corrections, doubtful)
    await conn.execute(
        "insert into segment_revisions(segment_id, hearing_id, version, action, editor, editor_role, after)"
        " values ($1,$2,1,'create',$3,'asr',$4)", segment_id, hearing_id, f"语音识别 {model}", _snapshot(row))
    return row, key


async def list_for_hearing(conn: asyncpg.Connection | asyncpg.Pool, hearing_id: uuid.UUID, *,
                           include_deleted: bool = False, seal_key: bytes | None = None) -> list[dict[str, Any]]:
    """Segments in hearing-clock order; a closed session's text only with its `seal_key`."""
    rows = await conn.fetch(
        "select * from transcript_segments where hearing_id = $1 and ($2 or not deleted)"
        " order by start_s, created_at", hearing_id, include_deleted)
    return [segment_json(r, seal_key) for r in rows]


async def _ensure_unlocked(conn: asyncpg.Connection, hearing_id: uuid.UUID) -> None:
    locked = await conn.fetchval("select transcript_locked_at from hearings where id = $1", hearing_id)
    if locked is not None:
        raise TranscriptLocked("笔录已锁定 (the record is locked for signing)")


async def _load_for_edit(conn: asyncpg.Connection, segment_id: uuid.UUID, expected_version: int) -> asyncpg.Record:
    row = await conn.fetchrow("select * from transcript_segments where id = $1 for update", segment_id)
    if row is None:
        raise LookupError("segment not found")
    await _ensure_unlocked(conn, row["hearing_id"])
    if row["version"] != expected_version:
        raise EditConflict(segment_json(row))
    return row


async def _revise(conn: asyncpg.Connection, before: asyncpg.Record, action: str, editor: str, editor_role: str | None,
                  *, seal_key: bytes | None = None, **changes: Any) -> dict[str, Any]:
    """Apply `changes` (column -> value, text in the clear) to one segment, bump its
    version, keep the revision. A closed session's new text is sealed on the way."""
    key = await _sealing_key(conn, before["hearing_id"], seal_key)
    if key is not None:
        changes = _seal_fields(key, before["id"], changes)
    cols = list(changes)
    sets = ", ".join(f"{c} = ${i + 2}" for i, c in enumerate(cols))
    row = await conn.fetchrow(
        f"update transcript_segments set {sets}, version = version + 1, updated_at = now()"
        f" where id = $1 returning *", before["id"], *changes.values())
    await conn.execute(
        "insert into segment_revisions(segment_id, hearing_id, version, action, editor, editor_role, before, after)"
        " values ($1,$2,$3,$4,$5,$6,$7,$8)",
        row["id"], row["hearing_id"], row["version"], action, editor, editor_role, _snapshot(before), _snapshot(row))
    return segment_json(row, key)


async def edit_text(conn: asyncpg.Connection, segment_id: uuid.UUID, *, expected_version: int, text: str,
                    editor: str, editor_role: str | None, seal_key: bytes | None = None) -> dict[str, Any]:
    text = text.strip()
    if not text:
        raise ValueError("文字不能为空；删除请用删除 (empty text: delete the segment instead)")
    async with conn.transaction():
        row = await _load_for_edit(conn, segment_id, expected_version)
        key = await _sealing_key(conn, row["hearing_id"], seal_key)
        if text == open_fields(row, key)[0]:
            return await _revise(conn, row, "edit", editor, editor_role, seal_key=key, text=text)
        # The marks were about the recogniser's text, not the clerk's.
        return await _revise(conn, row, "edit", editor, editor_role, seal_key=key, text=text, corrections=[],
                             doubtful=[])


async def reattribute(conn: asyncpg.Connection, segment_id: uuid.UUID, *, expected_version: int,
                      participant_id: uuid.UUID, editor: str, editor_role: str | None,
                      seal_key: bytes | None = None) -> dict[str, Any]:
    async with conn.transaction():
        row = await _load_for_edit(conn, segment_id, expected_version)
        who = await conn.fetchrow("select role, name from participants where id = $1 and hearing_id = $2",
                                  participant_id, row["hearing_id"])
        if who is None:
            raise ValueError("无此参与人 (no such participant in this hearing)")
        return await _revise(conn, row, "reattribute", editor, editor_role, seal_key=seal_key,
                             participant_id=participant_id, speaker_role=who["role"], speaker_name=who["name"])


async def delete(conn: asyncpg.Connection, segment_id: uuid.UUID, *, expected_version: int, editor: str,
                 editor_role: str | None, restore: bool = False, seal_key: bytes | None = None) -> dict[str, Any]:
    """Deleting only hides a segment from the record; its text and history stay."""
    async with conn.transaction():
        row = await _load_for_edit(conn, segment_id, expected_version)
        return await _revise(conn, row, "restore" if restore else "delete", editor, editor_role, seal_key=seal_key,
                             deleted=not restore)


async def split(conn: asyncpg.Connection, segment_id: uuid.UUID, *, expected_version: int, at_char: int,
                editor: str, editor_role: str | None,
                seal_key: bytes | None = None) -> tuple[dict[str, Any], dict[str, Any]]:
    """Split a segment's text at a character; the time is split at that character's word
    time when known, else in proportion to the characters."""
    async with conn.transaction():
        row = await _load_for_edit(conn, segment_id, expected_version)
        key = await _sealing_key(conn, row["hearing_id"], seal_key)
        text, words, _ = open_fields(row, key)
        if not 0 < at_char < len(text):
            raise ValueError("拆分位置须在文字中间 (split inside the text)")
        head, tail = text[:at_char].strip(), text[at_char:].strip()
        if not head or not tail:
            raise ValueError("拆分后两段都须有文字 (both parts need text)")
        # Each part keeps the marks wholly inside it (one cut through is dropped).
        marks = open_marks(row, key)
        head_at = len(text[:at_char]) - len(text[:at_char].lstrip())
        tail_at = at_char + len(text[at_char:]) - len(text[at_char:].lstrip())
        head_marks = {c: _marks_between(marks[c], head_at, head_at + len(head), -head_at) for c in MARK_COLUMNS}
        tail_marks = {c: _marks_between(marks[c], tail_at, tail_at + len(tail), -tail_at) for c in MARK_COLUMNS}
        words = words or []
        cut_time = _time_at_char(words, at_char)
        if cut_time is None or not row["start_s"] < cut_time < row["end_s"]:
            cut_time = row["start_s"] + (row["end_s"] - row["start_s"]) * at_char / len(text)
        head_words = [w for w in words if w["end"] <= cut_time]
        tail_words = [w for w in words if w["end"] > cut_time]
        first = await _revise(conn, row, "split", editor, editor_role, seal_key=key, text=head, end_s=cut_time,
                              words=head_words, **head_marks)
        new_id = uuid.uuid4()
        new = await _insert_segment(conn, key, new_id, row["hearing_id"], row["participant_id"], row["speaker_role"],
                                    row["speaker_name"], cut_time, row["end_s"], tail, tail_words, row["confidence"],
                                    row["model"], "clerk", **tail_marks)
        await conn.execute(
            "insert into segment_revisions(segment_id, hearing_id, version, action, editor, editor_role, before, after)"
            " values ($1,$2,1,'split',$3,$4,$5,$6)",
            new_id, row["hearing_id"], editor, editor_role, {"split_from": str(row["id"])}, _snapshot(new))
        return first, segment_json(new, key)


def _time_at_char(words: list[dict[str, Any]], at_char: int) -> float | None:
    count = 0
    for w in words:
        count += len(w.get("word", "").strip())
        if count >= at_char:
            return w["end"]
    return None


async def merge(conn: asyncpg.Connection, first_id: uuid.UUID, second_id: uuid.UUID, *, expected_versions: tuple[int, int],
                editor: str, editor_role: str | None, seal_key: bytes | None = None) -> dict[str, Any]:
    """Merge the second segment into the first (same hearing); the second is deleted."""
    async with conn.transaction():
        a = await _load_for_edit(conn, first_id, expected_versions[0])
        b = await _load_for_edit(conn, second_id, expected_versions[1])
        if a["hearing_id"] != b["hearing_id"] or a["deleted"] or b["deleted"]:
            raise ValueError("只能合并同一庭审中未删除的两段 (merge two live segments of one hearing)")
        if b["start_s"] < a["start_s"]:
            a, b = b, a
        key = await _sealing_key(conn, a["hearing_id"], seal_key)
        a_text, a_words, _ = open_fields(a, key)
        b_text, b_words, _ = open_fields(b, key)
        a_marks, b_marks = open_marks(a, key), open_marks(b, key)
        marks = {c: a_marks[c] + _marks_between(b_marks[c], 0, len(b_text), len(a_text)) for c in MARK_COLUMNS}
        merged = await _revise(conn, a, "merge", editor, editor_role, seal_key=key, text=a_text + b_text,
                               end_s=max(a["end_s"], b["end_s"]), words=(a_words or []) + (b_words or []), **marks)
        await _revise(conn, b, "merge", editor, editor_role, seal_key=key, deleted=True)
        return merged


async def add_manual(conn: asyncpg.Connection, hearing_id: uuid.UUID, *, participant_id: uuid.UUID | None,
                     start_s: float, end_s: float, text: str, editor: str, editor_role: str | None,
                     seal_key: bytes | None = None) -> dict[str, Any]:
    """A line the clerk types (e.g. what the recogniser missed)."""
    async with conn.transaction():
        await _ensure_unlocked(conn, hearing_id)
        key = await _sealing_key(conn, hearing_id, seal_key)
        role = name = None
        if participant_id is not None:
            who = await conn.fetchrow("select role, name from participants where id = $1 and hearing_id = $2",
                                      participant_id, hearing_id)
            if who is None:
                raise ValueError("无此参与人 (no such participant in this hearing)")
            role, name = who["role"], who["name"]
        seg_id = uuid.uuid4()
        row = await _insert_segment(conn, key, seg_id, hearing_id, participant_id, role, name, start_s,
                                    max(start_s, end_s), text.strip(), [], None, None, "clerk")
        await conn.execute(
            "insert into segment_revisions(segment_id, hearing_id, version, action, editor, editor_role, after)"
            " values ($1,$2,1,'create',$3,$4,$5)", seg_id, hearing_id, editor, editor_role, _snapshot(row))
        return segment_json(row, key)


async def revisions(conn: asyncpg.Connection | asyncpg.Pool, hearing_id: uuid.UUID,
                    segment_id: uuid.UUID | None = None, *, seal_key: bytes | None = None) -> list[dict[str, Any]]:
    rows = await conn.fetch(
        "select * from segment_revisions where hearing_id = $1 and ($2::uuid is null or segment_id = $2)"
        " order by at, id", hearing_id, segment_id)

    def shown(snapshot: Any, sid: uuid.UUID) -> Any:
        if not isinstance(snapshot, dict) or not is_sealed_value(snapshot.get("text")):
            return snapshot
        text = open_text(seal_key, snapshot["text"], _text_context(sid)) if seal_key is not None else ""
        return {**snapshot, "text": text, **({} if seal_key is not None else {"sealed": True})}

    return [{"segment_id": str(r["segment_id"]), "version": r["version"], "action": r["action"],
             "editor": r["editor"], "editor_role": r["editor_role"], "at": r["at"].isoformat(),
             "before": shown(r["before"], r["segment_id"]), "after": shown(r["after"], r["segment_id"])}
            for r in rows]


async def lock(conn: asyncpg.Connection, hearing_id: uuid.UUID, actor: "audit.Actor") -> None:
    """Close the record for signing: no edit until a logged reopen."""
    from models import audit

    async with conn.transaction():
        done = await conn.fetchval(
            "update hearings set transcript_locked_at = now(), transcript_locked_by = $2"
            " where id = $1 and transcript_locked_at is null returning id", hearing_id, actor.name)
        if done:
            count = await conn.fetchval(
                "select count(*) from transcript_segments where hearing_id = $1 and not deleted", hearing_id)
            await audit.append(conn, "transcript.locked", actor, hearing_id=hearing_id, detail={"segments": count})


async def reopen(conn: asyncpg.Connection, hearing_id: uuid.UUID, actor: "audit.Actor", reason: str) -> None:
    """Only the presiding judge reopens (checked by the caller), with a reason on the trail."""
    from models import audit

    if not reason or not reason.strip():
        raise ValueError("重新开放笔录须说明理由 (a reason is required)")
    async with conn.transaction():
        done = await conn.fetchval(
            "update hearings set transcript_locked_at = null, transcript_locked_by = null"
            " where id = $1 and transcript_locked_at is not null returning id", hearing_id)
        if done:
            await audit.append(conn, "transcript.reopened", actor, hearing_id=hearing_id,
                               detail={"reason": reason.strip()[:500]})


async def is_locked(conn: asyncpg.Connection | asyncpg.Pool, hearing_id: uuid.UUID) -> bool:
    return await conn.fetchval("select transcript_locked_at is not null from hearings where id = $1", hearing_id)


async def segment_hearing(conn: asyncpg.Connection | asyncpg.Pool, segment_id: uuid.UUID) -> uuid.UUID | None:
    """The hearing a segment belongs to (None: no such segment)."""
    return await conn.fetchval("select hearing_id from transcript_segments where id = $1", segment_id)


async def get_segment(conn: asyncpg.Connection | asyncpg.Pool, segment_id: uuid.UUID,
                      seal_key: bytes | None = None) -> dict[str, Any] | None:
    row = await conn.fetchrow("select * from transcript_segments where id = $1", segment_id)
    return segment_json(row, seal_key) if row is not None else None


async def changed_since(conn: asyncpg.Connection | asyncpg.Pool, hearing_id: uuid.UUID, since: Any, *,
                        seal_key: bytes | None = None) -> tuple[Any, list[dict[str, Any]]]:
    """(the database's now, segments changed after `since`, deleted ones included): the
    page polls with the returned time, so no change falls between two clocks."""
    now = await conn.fetchval("select now()")
    rows = await conn.fetch("select * from transcript_segments where hearing_id = $1 and updated_at > $2"
                            " order by start_s, created_at", hearing_id, since)
    return now, [segment_json(r, seal_key) for r in rows]


async def database_now(conn: asyncpg.Connection | asyncpg.Pool) -> Any:
    return await conn.fetchval("select now()")
