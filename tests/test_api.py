"""The staff API over real HTTP: log-in, deny by default, cases, hearings, tokens, control."""

import pytest

from models import audit


@pytest.fixture(scope="module")
async def people(court):
    await court.add_staff("clerk_a", "王书记员", "clerk")
    await court.add_staff("judge_a", "张审判长", "judge")
    await court.add_staff("judge_b", "赵法官", "judge")  # not on the case team
    await court.add_staff("it_admin", "运维", "admin")
    return {name: await court.login(name) for name in ("clerk_a", "judge_a", "judge_b", "it_admin")}


@pytest.fixture(scope="module")
async def case(people):
    clerk = people["clerk_a"]
    r = await clerk.post("/api/cases", json={"case_number": "（2026）吉01民初88号", "cause": "买卖合同纠纷"})
    assert r.status_code == 201, r.text
    return r.json()["case"]


async def denials(court) -> int:
    """Refusals recorded (counted per source and minute: the minute's count written now)."""
    await court.ctx.services.audit.refusals.flush(everything=True)
    return await audit.refusal_count(court.ctx.db.pool)


async def test_login_wrong_password_and_anonymous(court, people):
    async with court.client() as anon:
        r = await anon.post("/api/login", json={"username": "clerk_a", "password": "nope-nope"})
        assert r.status_code == 401 and r.json()["error"]["code"] == "bad_credentials"
        before = await denials(court)
        r = await anon.get("/api/cases")
        assert r.status_code == 401
        assert await denials(court) == before + 1
        r = await anon.post("/api/login", content=b"{not json", headers={"content-type": "application/json"})
        assert r.status_code == 400 and r.json()["error"]["code"] == "bad_json"


async def test_case_visibility_is_the_case_team(court, people, case):
    r = await people["clerk_a"].get(f"/api/cases/{case['id']}")
    assert r.status_code == 200 and r.json()["case"]["cause"] == "买卖合同纠纷"
    # A judge of the same court who is not on the team cannot even see that it exists.
    r = await people["judge_b"].get(f"/api/cases/{case['id']}")
    assert r.status_code == 404
    # IT administrators run the server; they do not handle cases.
    r = await people["it_admin"].post("/api/cases", json={"case_number": "x", "cause": "y"})
    assert r.status_code == 403
    r = await people["clerk_a"].post("/api/cases", json={"case_number": "（2026）吉01民初88号", "cause": "重复"})
    assert r.status_code == 409


async def test_schedule_seat_and_control(court, people, case):
    clerk, judge = people["clerk_a"], people["judge_a"]
    staff = {s["username"]: s for s in (await clerk.get("/api/staff")).json()["staff"]}
    r = await clerk.post(f"/api/cases/{case['id']}/hearings", json={"mode": "internet", "title": "第一次开庭",
                                                                    "place": "第三数字法庭"})
    assert r.status_code == 201, r.text
    hid = r.json()["hearing"]["id"]
    r = await clerk.post(f"/api/hearings/{hid}/participants", json={"role": "presiding_judge",
                                                                   "staff_id": staff["judge_a"]["id"]})
    assert r.status_code == 201, r.text
    r = await clerk.post(f"/api/hearings/{hid}/participants", json={"role": "clerk", "staff_id": staff["clerk_a"]["id"]})
    assert r.status_code == 201
    r = await clerk.post(f"/api/hearings/{hid}/participants", json={"role": "plaintiff", "name": "李四", "remote": True,
                                                                   "id_number": "220102199001011234"})
    assert r.status_code == 201 and r.json()["participant"]["id_number_masked"] == "2201**********1234"
    plaintiff_id = r.json()["participant"]["id"]
    r = await clerk.post(f"/api/hearings/{hid}/participants", json={"role": "emperor", "name": "x"})
    assert r.status_code == 400

    # Only the presiding judge opens; the clerk may not; an outsider cannot see the hearing at all.
    assert (await clerk.post(f"/api/hearings/{hid}/open", json={})).status_code == 403
    assert (await people["judge_b"].post(f"/api/hearings/{hid}/open", json={})).status_code == 404
    r = await judge.post(f"/api/hearings/{hid}/open", json={})
    assert r.status_code == 200 and r.json()["hearing"]["state"] == "open"
    r = await judge.post(f"/api/hearings/{hid}/pause", json={"reason": "coffee"})
    assert r.status_code == 409
    r = await judge.post(f"/api/hearings/{hid}/pause", json={"reason": "recess"})
    assert r.json()["hearing"]["state"] == "paused"
    r = await judge.post(f"/api/hearings/{hid}/resume", json={})
    assert r.json()["hearing"]["state"] == "open"

    # Tokens: issued by the team, revocable; the join link carries it in the fragment (never logged).
    r = await clerk.post(f"/api/hearings/{hid}/participants/{plaintiff_id}/tokens", json={"lifetime_s": 600})
    assert r.status_code == 201 and "#" in r.json()["join_url"]
    r2 = await clerk.post(f"/api/hearings/{hid}/participants/{plaintiff_id}/tokens", json={"lifetime_s": 5})
    assert r2.status_code == 400

    trail = (await judge.get(f"/api/hearings/{hid}/audit")).json()
    assert trail["problems"] == []
    actions = [e["action"] for e in trail["entries"]]
    for expected in ("hearing.scheduled", "participant.added", "hearing.opened", "hearing.paused",
                     "hearing.resumed", "token.issued"):
        assert expected in actions
    paused = next(e for e in trail["entries"] if e["action"] == "hearing.paused")
    assert paused["actor"] == "张审判长" and paused["detail"]["reason"] == "recess"


async def test_broadcast_approval_rules(court, people):
    clerk, judge = people["clerk_a"], people["judge_a"]
    staff = {s["username"]: s for s in (await clerk.get("/api/staff")).json()["staff"]}
    r = await clerk.post("/api/cases", json={"case_number": "（2026）吉01民初89号", "cause": "离婚纠纷",
                                             "involves_privacy": True})
    cid = r.json()["case"]["id"]
    hid = (await clerk.post(f"/api/cases/{cid}/hearings", json={})).json()["hearing"]["id"]
    await clerk.post(f"/api/hearings/{hid}/participants", json={"role": "presiding_judge",
                                                               "staff_id": staff["judge_a"]["id"]})
    r = await judge.post(f"/api/hearings/{hid}/broadcast-approval", json={"approved": True})
    assert r.status_code == 403 and "隐私" in r.json()["error"]["message"]
