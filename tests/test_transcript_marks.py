"""Issue 16: what the recogniser was unsure of stays with each segment (migration 012):
its automatic corrections and its doubtful words, as places in the text. They follow the
text through a split and a merge, a clerk's edit of the text clears them, and a closed
session stores them sealed like its text. Real PostgreSQL, no Whisper."""

from __future__ import annotations

import datetime as dt
import os
import uuid

import pytest

from asr.segment import Segment, Speaker, Word
from models import audit, cases, hearings, staff, transcripts

HEARD = "被告李娜称已归还八万元。"
# What the live path hands over for it: 领纳 heard, corrected to the registered name;
# 归还 written with a low probability.
CORRECTIONS = [{"start": 2, "end": 4, "original": "领纳", "corrected": "李娜",
                "why": "case term (one syllable slipped, Whisper doubted it, after a role)"}]
DOUBTFUL = [{"start": 6, "end": 8, "word": "归还", "p": 0.41}]


def test_doubtful_spans_are_places_in_the_text():
    speaker = Speaker("p1", "defendant", "李娜")
    probs = {"被": 0.9, "告": 0.9, "李": 0.3, "娜": 0.35, "称": 0.92, "已": 0.9, "归": 0.41, "还。": 0.5}
    words = [Word(i * 0.2, i * 0.2 + 0.2, w, p) for i, (w, p) in enumerate(probs.items())]
    seg = Segment("s1", "st", "h", speaker, 0.0, 2.0, "".join(probs), words, corrections=CORRECTIONS[:1])
    # 李娜 is inside a correction (that mark says it); the full stop is not part of 还.
    assert seg.doubtful_spans() == [{"start": 6, "end": 7, "word": "归", "p": 0.41},
                                    {"start": 7, "end": 8, "word": "还", "p": 0.5}]
    # Without the words' places there is nothing to mark.
    seg.text = "别的文字"
    assert seg.doubtful_spans() == []


@pytest.fixture(scope="module")
async def setting(db):
    async with db.transaction() as conn:
        court = await staff.ensure_court(conn, "测试法院")
        clerk = await staff.create_staff(conn, court_id=court, username="clerk_m", display_name="王书记员",
                                         position="clerk", password="secret-pass-1", actor=audit.Actor.system())
        case = await cases.create_case(conn, court_id=court, case_number="（2026）吉01民初16号", cause="民间借贷纠纷",
                                       creator=clerk)
        out = {}
        for kind in ("hearing", "deliberation"):
            out[kind] = await hearings.schedule(conn, case_id=case.id, kind=kind, mode="courtroom", title=kind,
                                                scheduled_at=dt.datetime.now(dt.timezone.utc), place=None,
                                                actor=audit.Actor.system(), created_by=None)
        out["defendant"] = await hearings.add_participant(conn, out["hearing"].id, role="defendant", name="李娜",
                                                          actor=audit.Actor.system())
    return out


async def recognized(db, setting, text=HEARD, corrections=CORRECTIONS, doubtful=DOUBTFUL, kind="hearing",
                     seal_key=None) -> dict:
    p = setting["defendant"] if kind == "hearing" else None
    async with db.pool.acquire() as conn:
        return await transcripts.add_recognized(
            conn, segment_id=uuid.uuid4(), hearing_id=setting[kind].id, participant_id=p.id if p else None,
            speaker_role="defendant", speaker_name="李娜", start_s=1.0, end_s=4.0, text=text, words=[],
            confidence=0.7, model="whisper:test", seal_key=seal_key, corrections=corrections, doubtful=doubtful)


async def test_marks_are_stored_and_returned(db, setting):
    seg = await recognized(db, setting)
    assert seg["corrections"] == CORRECTIONS and seg["doubtful"] == DOUBTFUL
    listed = {s["id"]: s for s in await transcripts.list_for_hearing(db.pool, setting["hearing"].id)}
    assert listed[seg["id"]]["corrections"] == CORRECTIONS and listed[seg["id"]]["doubtful"] == DOUBTFUL
    # A plain segment has none.
    plain = await recognized(db, setting, text="现在开庭。", corrections=None, doubtful=None)
    assert plain["corrections"] == [] and plain["doubtful"] == []


async def test_a_mark_that_does_not_fit_the_text_is_dropped_and_the_text_kept(db, setting):
    wrong = [{**CORRECTIONS[0], "start": 3, "end": 5}, {"start": 0, "end": 99, "original": "x", "corrected": "y", "why": ""}]
    seg = await recognized(db, setting, corrections=wrong, doubtful=[{"start": 6, "end": 8, "word": "别的", "p": 0.2}])
    assert seg["text"] == HEARD and seg["corrections"] == [] and seg["doubtful"] == []


async def test_split_and_merge_carry_the_marks_and_an_edit_clears_them(db, setting):
    seg = await recognized(db, setting, text="被告李娜称已归还。 原告不认可。", doubtful=[
        *DOUBTFUL, {"start": 10, "end": 12, "word": "原告", "p": 0.3}])
    sid = uuid.UUID(seg["id"])
    async with db.pool.acquire() as conn:
        # Cut after "。" and the space: the tail's marks move to its own offsets.
        a, b = await transcripts.split(conn, sid, expected_version=1, at_char=9, editor="王书记员", editor_role="clerk")
        assert (a["text"], b["text"]) == ("被告李娜称已归还。", "原告不认可。")
        assert a["corrections"] == CORRECTIONS and a["doubtful"] == DOUBTFUL
        assert b["corrections"] == [] and b["doubtful"] == [{"start": 0, "end": 2, "word": "原告", "p": 0.3}]
        merged = await transcripts.merge(conn, uuid.UUID(a["id"]), uuid.UUID(b["id"]),
                                         expected_versions=(a["version"], b["version"]), editor="王书记员",
                                         editor_role="clerk")
        assert merged["text"] == "被告李娜称已归还。原告不认可。"
        assert merged["corrections"] == CORRECTIONS
        assert merged["doubtful"] == [*DOUBTFUL, {"start": 9, "end": 11, "word": "原告", "p": 0.3}]
        for m in merged["doubtful"]:
            assert merged["text"][m["start"]:m["end"]] == m["word"]
        # Re-attributing keeps them; saving the same text keeps them; changing it clears them.
        same = await transcripts.edit_text(conn, sid, expected_version=merged["version"], text=merged["text"],
                                           editor="王书记员", editor_role="clerk")
        assert same["corrections"] == CORRECTIONS and len(same["doubtful"]) == 2
        edited = await transcripts.edit_text(conn, sid, expected_version=same["version"],
                                             text="被告李娜称已归还。原告不予认可。", editor="王书记员", editor_role="clerk")
        assert edited["corrections"] == [] and edited["doubtful"] == []


async def test_a_closed_session_seals_its_marks(db, setting):
    key = os.urandom(32)
    seg = await recognized(db, setting, kind="deliberation", seal_key=key)
    assert seg["corrections"] == CORRECTIONS and seg["doubtful"] == DOUBTFUL
    raw = await db.pool.fetchrow("select corrections, doubtful from transcript_segments where id = $1", uuid.UUID(seg["id"]))
    for column in ("corrections", "doubtful"):
        assert isinstance(raw[column], str) and "领纳" not in raw[column] and "归还" not in raw[column]
    opened = await transcripts.get_segment(db.pool, uuid.UUID(seg["id"]), seal_key=key)
    assert opened["corrections"] == CORRECTIONS and opened["doubtful"] == DOUBTFUL
    withheld = await transcripts.get_segment(db.pool, uuid.UUID(seg["id"]))
    assert withheld["sealed"] and withheld["corrections"] == [] and withheld["doubtful"] == []
