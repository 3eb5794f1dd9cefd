"""The administrator's API and the case team's jobs that had no page (issue 14), over real
HTTP on a real database: staff accounts, the court's name and time zone, run-time settings,
seating a participant from a case party, whom an agent represents, the list of join links,
and errors in Chinese only."""

import datetime as dt
import re
import zoneinfo

import pytest

from tests.fixtures.server import PASSWORD

ENGLISH = re.compile(r"[A-Za-z]{3,}")


@pytest.fixture(scope="module")
async def admin(court):
    await court.add_staff("root_admin", "系统管理员甲", "admin")
    return await court.login("root_admin")


async def test_admin_creates_disables_resets_and_repositions_staff(court, admin):
    r = await admin.post("/api/admin/staff", json={"username": "judge_new", "display_name": "钱法官",
                                                  "position": "judge", "password": PASSWORD})
    assert r.status_code == 201, r.text
    staff_id = r.json()["staff"]["id"]
    listed = {s["username"]: s for s in (await admin.get("/api/admin/staff")).json()["staff"]}
    assert listed["judge_new"]["position_label"] == "法官" and not listed["judge_new"]["disabled"]

    judge = await court.login("judge_new")
    assert (await judge.get("/api/me")).status_code == 200
    # A judge is not an administrator: refused, in Chinese only.
    r = await judge.get("/api/admin/staff")
    assert r.status_code == 403 and not ENGLISH.search(r.json()["error"]["message"]), r.text

    # Disabling ends the judge's session at once and refuses the next log-in.
    assert (await admin.post(f"/api/admin/staff/{staff_id}/disable", json={})).json()["staff"]["disabled"]
    assert (await judge.get("/api/me")).status_code == 401
    async with court.client() as anon:
        assert (await anon.post("/api/login", json={"username": "judge_new", "password": PASSWORD})).status_code == 401
    await admin.post(f"/api/admin/staff/{staff_id}/enable", json={})

    # A reset password replaces the old one.
    r = await admin.post(f"/api/admin/staff/{staff_id}/password", json={"password": "short"})
    assert r.status_code == 400 and r.json()["error"]["message"] == "密码至少 8 位"
    assert (await admin.post(f"/api/admin/staff/{staff_id}/password", json={"password": "new-password-2"})).status_code == 200
    async with court.client() as anon:
        assert (await anon.post("/api/login", json={"username": "judge_new", "password": PASSWORD})).status_code == 401
        assert (await anon.post("/api/login", json={"username": "judge_new", "password": "new-password-2"})).status_code == 200

    r = await admin.post(f"/api/admin/staff/{staff_id}/position", json={"position": "clerk"})
    assert r.json()["staff"]["position"] == "clerk"
    # The last administrator can neither be disabled nor lose the position.
    me = next(s for s in (await admin.get("/api/admin/staff")).json()["staff"] if s["username"] == "root_admin")
    r = await admin.post(f"/api/admin/staff/{me['id']}/position", json={"position": "judge"})
    assert r.status_code == 400 and "最后一名" in r.json()["error"]["message"]
    actions = {row["action"] for row in await court.ctx.db.fetch(
        "select action from audit_events where action like 'staff.%'")}
    assert {"staff.created", "staff.disabled", "staff.enabled", "staff.password_reset", "staff.position_changed"} <= actions


async def test_court_name_time_zone_and_runtime_settings(court, admin):
    before = court.ctx.settings.court_name
    r = await admin.post("/api/admin/court", json={"name": "吉林省长春市中级人民法院", "time_zone": "UTC"})
    assert r.status_code == 200, r.text
    try:
        assert court.ctx.settings.court_name == "吉林省长春市中级人民法院"
        assert (await admin.get("/api/court")).json() == {"name": "吉林省长春市中级人民法院", "time_zone": "UTC"}
        r = await admin.post("/api/admin/court", json={"time_zone": "Mars/Olympus"})
        assert r.status_code == 400 and "时区" in r.json()["error"]["message"]

        r = await admin.post("/api/admin/settings", json={"broadcast_delay_s": 12, "token_lifetime_s": 3600})
        assert r.status_code == 200, r.text
        assert court.ctx.settings.broadcast_delay_s == 12.0 and court.ctx.settings.token_lifetime_s == 3600
        r = await admin.post("/api/admin/settings", json={"broadcast_delay_s": 0.5})
        assert r.status_code == 400 and court.ctx.settings.broadcast_delay_s == 12.0
        r = await admin.post("/api/admin/settings", json={"database_url": "postgres://x"})
        assert r.status_code == 400 and "database_url" in r.json()["error"]["message"]

        r = await admin.post("/api/admin/courtrooms", json={"name": "第一数字法庭", "kind": "digital"})
        assert r.status_code == 201
        assert [c["name"] for c in (await admin.get("/api/admin/court")).json()["courtrooms"]] == ["第一数字法庭"]

        # A restart finds the court by its configured name and keeps what the administrator set.
        from web.admin import apply_court_settings

        court.ctx.settings = court.ctx.settings.replace(court_name=before, broadcast_delay_s=30.0)
        await apply_court_settings(court.ctx)
        assert court.ctx.settings.court_name == "吉林省长春市中级人民法院"
        assert court.ctx.settings.broadcast_delay_s == 12.0
    finally:
        await admin.post("/api/admin/court", json={"name": before, "time_zone": "Asia/Shanghai"})


async def test_case_team_parties_agents_seating_links_and_court_time(court, admin):
    await court.add_staff("clerk_t", "孙书记员", "clerk")
    await court.add_staff("judge_t", "周审判长", "judge")
    clerk = await court.login("clerk_t")
    staff = {s["username"]: s for s in (await clerk.get("/api/staff")).json()["staff"]}
    case = (await clerk.post("/api/cases", json={"case_number": "（2026）吉01民初900号", "cause": "借款合同纠纷"})).json()["case"]
    cid = case["id"]
    assert (await clerk.post(f"/api/cases/{cid}/members", json={"staff_id": staff["judge_t"]["id"], "duty": "承办法官"})).status_code == 201
    plaintiff = (await clerk.post(f"/api/cases/{cid}/parties", json={"role": "plaintiff", "name": "李雷",
                                                                     "id_number": "220102199001011234"})).json()["party"]
    agent = (await clerk.post(f"/api/cases/{cid}/parties", json={"role": "agent", "name": "王敏",
                                                                 "represents": plaintiff["id"]})).json()["party"]
    assert agent["represents"] == plaintiff["id"]
    other = (await clerk.post("/api/cases", json={"case_number": "（2026）吉01民初901号", "cause": "x"})).json()["case"]
    stranger = (await clerk.post(f"/api/cases/{other['id']}/parties", json={"role": "defendant", "name": "外人"})).json()["party"]
    r = await clerk.post(f"/api/cases/{cid}/parties", json={"role": "agent", "name": "某", "represents": stranger["id"]})
    # Another case's party answers like an unknown one (issue 13): 404, same words.
    assert r.status_code == 404 and r.json()["error"]["message"] == "被代理人不是本案当事人"

    # 17:00 typed in a datetime-local field is 17:00 in the court's zone, whatever the browser's.
    r = await clerk.post(f"/api/cases/{cid}/hearings", json={"title": "第一次开庭", "scheduled_at": "2026-12-10T17:00",
                                                            "mode": "internet"})
    h = r.json()["hearing"]
    at = dt.datetime.fromisoformat(h["scheduled_at"]).astimezone(zoneinfo.ZoneInfo("Asia/Shanghai"))
    assert (at.hour, at.minute) == (17, 0), h["scheduled_at"]

    # Seat the plaintiff from the case's list: no name or ID number typed again.
    r = await clerk.post(f"/api/hearings/{h['id']}/participants", json={"party_id": plaintiff["id"], "remote": True})
    assert r.status_code == 201, r.text
    seated = r.json()["participant"]
    assert (seated["name"], seated["role"], seated["id_number_masked"], seated["party_id"]) == (
        "李雷", "plaintiff", plaintiff["id_number_masked"], plaintiff["id"])
    r = await clerk.post(f"/api/hearings/{h['id']}/participants", json={"party_id": stranger["id"]})
    assert r.status_code == 404  # another case's party answers like an unknown one (issue 13)

    # Every link issued is listed again, with a URL that still opens the hearing.
    first = (await clerk.post(f"/api/hearings/{h['id']}/participants/{seated['id']}/tokens", json={})).json()
    second = (await clerk.post(f"/api/hearings/{h['id']}/participants/{seated['id']}/tokens", json={})).json()
    await clerk.post(f"/api/hearings/{h['id']}/tokens/{first['jti']}/revoke", json={})
    links = {link["jti"]: link for link in (await clerk.get(f"/api/hearings/{h['id']}/tokens")).json()["links"]}
    assert links[second["jti"]]["join_url"] == second["join_url"]
    assert links[first["jti"]]["revoked"] and "join_url" not in links[first["jti"]]

    # The desk's list of hearings names the case.
    judge = await court.login("judge_t")
    listed = (await judge.get("/api/hearings")).json()["hearings"]
    assert [x["case_number"] for x in listed if x["id"] == h["id"]] == ["（2026）吉01民初900号"]
    for c in (clerk, judge):
        await c.aclose()


async def test_public_information_before_a_broadcast(court):
    await court.add_staff("clerk_pub", "吴书记员", "clerk")
    clerk = await court.login("clerk_pub")
    case = (await clerk.post("/api/cases", json={"case_number": "（2026）吉01民初902号", "cause": "合同纠纷"})).json()["case"]
    h = (await clerk.post(f"/api/cases/{case['id']}/hearings", json={"title": "公开开庭"})).json()["hearing"]
    async with court.client() as anon:
        # Not approved: nothing is revealed.
        assert (await anon.get(f"/live/{h['id']}/info.json")).status_code == 404
    await court.ctx.db.execute("update hearings set broadcast_approved = true where id = $1::uuid", h["id"])
    async with court.client() as anon:
        info = (await anon.get(f"/live/{h['id']}/info.json")).json()
    assert (info["title"], info["case_number"], info["state"]) == ("公开开庭", "（2026）吉01民初902号", "scheduled")
    await clerk.aclose()
