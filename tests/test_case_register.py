"""The case register's words for the live transcript (issue 16), over real HTTP on a real database:
the clerk's key words from the filings and each person's sex, who may set them, what bad input
gets, the audit trail, and what the hearing's transcription is then told (hotwords, correction
terms, 他/她)."""

import uuid

import pytest

from courtroom.hearing.transcription import hearing_words
from models import cases


@pytest.fixture(scope="module")
async def team(court):
    judge, clerk, staff = await court.judge_and_clerk("reg", "蒋审判员", "罗书记员")
    await court.add_staff("juror_reg", "陶陪审员", "juror")
    await court.add_staff("clerk_other", "别案书记员", "clerk")
    case = (await clerk.post("/api/cases", json={"case_number": "（2025）皖1102民初9013号",
                                                 "cause": "买卖合同纠纷"})).json()["case"]
    staff = {s["username"]: s for s in (await clerk.get("/api/staff")).json()["staff"]}
    r = await clerk.post(f"/api/cases/{case['id']}/members", json={"staff_id": staff["juror_reg"]["id"], "duty": "合议庭成员"})
    assert r.status_code == 201, r.text
    yield {"judge": judge, "clerk": clerk, "juror": await court.login("juror_reg"),
           "outsider": await court.login("clerk_other"), "case": case}


async def test_the_clerk_sets_the_key_words_and_the_case_shows_them(court, team):
    clerk, cid = team["clerk"], team["case"]["id"]
    assert team["case"]["key_terms"] == []
    r = await clerk.put(f"/api/cases/{cid}/key-terms", json={"key_terms": "鸭苗、饲料款，养殖棚\n鸭苗；  "})
    assert r.status_code == 200, r.text
    # Split on the separators a clerk types, trimmed, each once, in order.
    assert r.json()["key_terms"] == ["鸭苗", "饲料款", "养殖棚"]
    assert (await clerk.get(f"/api/cases/{cid}")).json()["case"]["key_terms"] == ["鸭苗", "饲料款", "养殖棚"]
    # A list works too, and replaces the whole: a word left out is removed.
    r = await clerk.put(f"/api/cases/{cid}/key-terms", json={"key_terms": ["鸭苗", "孵化场"]})
    assert r.json()["key_terms"] == ["鸭苗", "孵化场"]
    # The trail says who changed what, before and after.
    rows = await court.ctx.db.fetch("select detail from audit_events where action = 'case.key_terms_set'"
                                    " and case_id = $1 order by seq", uuid.UUID(cid))
    assert [r["detail"]["after"] for r in rows] == [["鸭苗", "饲料款", "养殖棚"], ["鸭苗", "孵化场"]]
    assert rows[1]["detail"]["before"] == ["鸭苗", "饲料款", "养殖棚"]


async def test_bad_key_words_get_a_clear_error_and_lose_nothing(team):
    clerk, cid = team["clerk"], team["case"]["id"]
    await clerk.put(f"/api/cases/{cid}/key-terms", json={"key_terms": ["鸭苗", "孵化场"]})
    for body, says in (({"key_terms": "鸭" * 21}, "过长"), ({"key_terms": "、".join(f"词{i}" for i in range(31))}, "过多"),
                       ({"key_terms": 7}, "文本"), ({"key_terms": ["鸭苗", 7]}, "文本"), ({}, "文本")):
        r = await clerk.put(f"/api/cases/{cid}/key-terms", json=body)
        assert r.status_code == 400 and says in r.json()["error"]["message"], (body, r.text)
    assert (await clerk.get(f"/api/cases/{cid}")).json()["case"]["key_terms"] == ["鸭苗", "孵化场"]


async def test_only_the_case_team_s_managers_set_key_words_and_not_yours_is_not_found(team):
    cid = team["case"]["id"]
    # A juror of the case may look, not manage.
    r = await team["juror"].put(f"/api/cases/{cid}/key-terms", json={"key_terms": "假词"})
    assert r.status_code == 403, r.text
    # A clerk of another case gets exactly what a case that does not exist gets.
    mine = await team["outsider"].put(f"/api/cases/{cid}/key-terms", json={"key_terms": "假词"})
    none = await team["outsider"].put(f"/api/cases/{uuid.uuid4()}/key-terms", json={"key_terms": "假词"})
    assert mine.status_code == none.status_code == 404 and mine.json() == none.json()
    async with team["clerk"].__class__(base_url=str(team["clerk"].base_url)) as anon:
        assert (await anon.put(f"/api/cases/{cid}/key-terms", json={"key_terms": "假词"})).status_code == 401
    assert "假词" not in (await team["clerk"].get(f"/api/cases/{cid}")).json()["case"]["key_terms"]


async def test_a_party_s_sex_is_registered_and_checked(team):
    clerk, cid = team["clerk"], team["case"]["id"]
    r = await clerk.post(f"/api/cases/{cid}/parties", json={"role": "plaintiff", "name": "蔺海燕", "sex": "female"})
    assert r.status_code == 201 and r.json()["party"]["sex"] == "female", r.text
    r = await clerk.post(f"/api/cases/{cid}/parties", json={"role": "defendant", "name": "宿州禽业有限公司"})
    assert r.status_code == 201 and r.json()["party"]["sex"] is None, r.text
    r = await clerk.post(f"/api/cases/{cid}/parties", json={"role": "witness", "name": "裴春生", "sex": "男"})
    assert r.status_code == 400 and "性别" in r.json()["error"]["message"], r.text
    assert "裴春生" not in [p["name"] for p in (await clerk.get(f"/api/cases/{cid}")).json()["parties"]]


async def test_the_hearing_s_transcription_is_told_the_register(court, team):
    clerk, cid = team["clerk"], team["case"]["id"]
    await clerk.put(f"/api/cases/{cid}/key-terms", json={"key_terms": ["鸭苗", "孵化场"]})
    await clerk.post(f"/api/cases/{cid}/parties", json={"role": "witness", "name": "蔺春生", "sex": "male"})
    hid = (await clerk.post(f"/api/cases/{cid}/hearings", json={"mode": "courtroom"})).json()["hearing"]["id"]
    words = await hearing_words(court.ctx, uuid.UUID(hid))
    assert words.key_terms == ("鸭苗", "孵化场")
    assert words.sexes["蔺海燕"] == "female" and words.sexes["蔺春生"] == "male"
    assert "宿州禽业有限公司" not in words.sexes
    assert words.roles["蔺海燕"] == "plaintiff" and words.roles["宿州禽业有限公司"] == "defendant"
    # The panel's names are the hearing's too (as on the in-process path).
    assert {"陶陪审员", "罗书记员"} <= set(words.names)
    prompt, hotwords = words.prompting
    assert hotwords.split("、")[-2:] == ["鸭苗", "孵化场"] and "蔺海燕" in hotwords
    # The key words are no names: the correction's case terms are names and cause only.
    assert "鸭苗" not in words.case_terms and "蔺海燕" in words.case_terms


async def test_the_model_refuses_key_words_for_a_case_that_does_not_exist(court):
    async with court.ctx.db.pool.acquire() as conn:
        with pytest.raises(LookupError):
            await cases.set_key_terms(conn, uuid.uuid4(), ["鸭苗"], cases.audit.Actor.system())
