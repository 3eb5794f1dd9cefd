"""Transcript segments, corrections as revisions, concurrent edits, lock and reopen."""

import datetime as dt
import uuid

import pytest

from models import audit, cases, hearings, staff, transcripts


@pytest.fixture(scope="module")
async def setting(db):
    async with db.transaction() as conn:
        court = await staff.ensure_court(conn, "测试法院")
        clerk = await staff.create_staff(conn, court_id=court, username="clerk_t", display_name="王书记员",
                                         position="clerk", password="secret-pass-1", actor=audit.Actor.system())
        case = await cases.create_case(conn, court_id=court, case_number="（2026）吉01民初7号", cause="借款合同纠纷",
                                       creator=clerk)
        h = await hearings.schedule(conn, case_id=case.id, kind="hearing", mode="courtroom", title="开庭",
                                    scheduled_at=dt.datetime.now(dt.timezone.utc), place=None,
                                    actor=audit.Actor.system(), created_by=None)
        # A court seat names a staff account of the right position (models.permissions).
        judge_account = await staff.create_staff(conn, court_id=court, username="judge_t", display_name="张三",
                                                 position="judge", password="secret-pass-1", actor=audit.Actor.system())
        judge = await hearings.add_participant(conn, h.id, role="presiding_judge", name="张三", actor=audit.Actor.system(),
                                               staff_id=judge_account["id"])
        plaintiff = await hearings.add_participant(conn, h.id, role="plaintiff", name="李四", actor=audit.Actor.system())
    return {"hearing": h, "judge": judge, "plaintiff": plaintiff}


async def _segment(db, setting, text="现在开庭。", start=1.0, end=2.0, who="judge"):
    p = setting[who]
    words = [{"start": start + i * (end - start) / len(text), "end": start + (i + 1) * (end - start) / len(text),
              "word": ch, "p": 0.9} for i, ch in enumerate(text)]
    async with db.pool.acquire() as conn:
        return await transcripts.add_recognized(
            conn, segment_id=uuid.uuid4(), hearing_id=setting["hearing"].id, participant_id=p.id,
            speaker_role=p.role.value, speaker_name=p.name, start_s=start, end_s=end, text=text, words=words,
            confidence=0.9, model="whisper:test")


async def test_recognized_segment_and_label(db, setting):
    seg = await _segment(db, setting)
    assert seg["speaker_label"] == "审判长 张三" and seg["version"] == 1
    revs = await transcripts.revisions(db.pool, setting["hearing"].id, uuid.UUID(seg["id"]))
    assert revs[0]["action"] == "create" and revs[0]["after"]["text"] == "现在开庭。"


async def test_concurrent_edits_do_not_overwrite(db, setting):
    seg = await _segment(db, setting, "请原告陈述诉讼情求。", 3.0, 5.0, "plaintiff")
    sid = uuid.UUID(seg["id"])
    async with db.pool.acquire() as conn:
        first = await transcripts.edit_text(conn, sid, expected_version=1, text="请原告陈述诉讼请求。",
                                            editor="王书记员", editor_role="clerk")
        assert first["version"] == 2
        # A second clerk editing what they loaded at version 1 is told, not silently applied.
        with pytest.raises(transcripts.EditConflict) as conflict:
            await transcripts.edit_text(conn, sid, expected_version=1, text="别的改法。", editor="赵书记员",
                                        editor_role="clerk")
        assert conflict.value.current["text"] == "请原告陈述诉讼请求。"
        moved = await transcripts.reattribute(conn, sid, expected_version=2, participant_id=setting["judge"].id,
                                              editor="王书记员", editor_role="clerk")
        assert moved["speaker_label"] == "审判长 张三"
    revs = await transcripts.revisions(db.pool, setting["hearing"].id, sid)
    assert [r["action"] for r in revs] == ["create", "edit", "reattribute"]
    assert revs[1]["before"]["text"] == "请原告陈述诉讼情求。" and revs[1]["after"]["text"] == "请原告陈述诉讼请求。"
    assert revs[1]["editor"] == "王书记员"


async def test_split_merge_delete(db, setting):
    seg = await _segment(db, setting, "本庭宣布休庭。下午继续。", 10.0, 16.0)
    sid = uuid.UUID(seg["id"])
    async with db.pool.acquire() as conn:
        a, b = await transcripts.split(conn, sid, expected_version=1, at_char=7, editor="王书记员", editor_role="clerk")
        assert a["text"] == "本庭宣布休庭。" and b["text"] == "下午继续。"
        assert a["end"] == pytest.approx(b["start"]) and 10.0 < a["end"] < 16.0
        merged = await transcripts.merge(conn, uuid.UUID(a["id"]), uuid.UUID(b["id"]),
                                         expected_versions=(a["version"], b["version"]), editor="王书记员",
                                         editor_role="clerk")
        assert merged["text"] == "本庭宣布休庭。下午继续。" and merged["end"] == pytest.approx(16.0)
        gone = await transcripts.delete(conn, uuid.UUID(merged["id"]), expected_version=merged["version"],
                                        editor="王书记员", editor_role="clerk")
        assert gone["deleted"]
    visible = [s["text"] for s in await transcripts.list_for_hearing(db.pool, setting["hearing"].id)]
    assert "本庭宣布休庭。下午继续。" not in visible and "下午继续。" not in visible
    everything = await transcripts.list_for_hearing(db.pool, setting["hearing"].id, include_deleted=True)
    assert any(s["text"] == "本庭宣布休庭。下午继续。" and s["deleted"] for s in everything)


async def test_lock_blocks_edits_until_logged_reopen(db, setting):
    seg = await _segment(db, setting, "辩论终结。", 20.0, 21.0)
    h = setting["hearing"]
    judge = audit.Actor("张三", "presiding_judge")
    async with db.pool.acquire() as conn:
        await transcripts.lock(conn, h.id, judge)
        with pytest.raises(transcripts.TranscriptLocked):
            await transcripts.edit_text(conn, uuid.UUID(seg["id"]), expected_version=1, text="改。", editor="x",
                                        editor_role="clerk")
        with pytest.raises(ValueError):
            await transcripts.reopen(conn, h.id, judge, "  ")
        await transcripts.reopen(conn, h.id, judge, "当事人对第 3 段提出异议，回放后更正")
        await transcripts.edit_text(conn, uuid.UUID(seg["id"]), expected_version=1, text="法庭辩论终结。",
                                    editor="王书记员", editor_role="clerk")
        actions = [e["action"] for e in await audit.entries(conn, str(h.id))]
        assert "transcript.locked" in actions and "transcript.reopened" in actions
