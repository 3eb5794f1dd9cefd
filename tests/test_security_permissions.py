"""Issue 13 findings 1 and 10, replayed against a real server: who may seat, issue tokens,
open and approve, and what an outsider learns. Each attack is refused with a clear error and
an audit entry naming the person; the legitimate path still works."""

import json
import uuid

import pytest
import websockets

from models.permissions import TABLE, Action, markdown_table
from tests.fixtures.server import PASSWORD

ATTACKS: list[str] = []  # every attack tried in this module, for the closing count


@pytest.fixture(scope="module")
async def world(court):
    for username, name, position in (("pm_judge", "周审判长", "judge"), ("pm_clerk", "吴书记员", "clerk"),
                                     ("pm_juror", "郑陪审员", "juror"), ("pm_assist", "冯法官助理", "judge_assistant"),
                                     ("pm_clerk2", "陈书记员", "clerk"), ("pm_other", "卫法官", "judge")):
        await court.add_staff(username, name, position)
    c = {u: await court.login(u) for u in ("pm_judge", "pm_clerk", "pm_juror", "pm_assist", "pm_clerk2", "pm_other")}
    staff = {s["username"]: s for s in (await c["pm_clerk"].get("/api/staff")).json()["staff"]}
    case = (await c["pm_clerk"].post("/api/cases", json={"case_number": "（2026）吉01民初1301号",
                                                         "cause": "借款合同纠纷"})).json()["case"]
    for u, duty in (("pm_judge", "承办法官"), ("pm_assist", "法官助理")):
        r = await c["pm_clerk"].post(f"/api/cases/{case['id']}/members", json={"staff_id": staff[u]["id"], "duty": duty})
        assert r.status_code == 201, r.text
    hid = (await c["pm_clerk"].post(f"/api/cases/{case['id']}/hearings", json={"mode": "internet"})).json()["hearing"]["id"]
    seats = {}
    for key, body in (("presiding_judge", {"role": "presiding_judge", "staff_id": staff["pm_judge"]["id"]}),
                      ("clerk", {"role": "clerk", "staff_id": staff["pm_clerk"]["id"]}),
                      # The juror sits in this hearing only: not on the case team.
                      ("juror", {"role": "juror", "staff_id": staff["pm_juror"]["id"]}),
                      ("plaintiff", {"role": "plaintiff", "name": "李四", "remote": True})):
        r = await c["pm_clerk"].post(f"/api/hearings/{hid}/participants", json=body)
        assert r.status_code == 201, r.text
        seats[key] = r.json()["participant"]
    yield {"c": c, "staff": staff, "case": case, "hid": hid, "seats": seats}
    for client in c.values():
        await client.aclose()


async def denied_rows(court, who: str) -> list[dict]:
    """Refusals naming `who`: written at once (the first of a source's minute) or counted
    (models.audit.RefusalLog), flushed here so both kinds are in the table."""
    await court.ctx.services.audit.refusals.flush(everything=True)
    rows = await court.ctx.db.fetch("select actor, detail from audit_events where action = 'access.denied' order by id")
    return [dict(r) for r in rows if r["actor"] == who or who in r["detail"].get("who", {})]


def codes_of(row: dict) -> set[str]:
    return {row["detail"]["code"]} if "code" in row["detail"] else set(row["detail"].get("codes", {}))


async def refused(court, who: str, response, status: int, code: str) -> None:
    """The attack got `status`/`code`, and the audit log has a refusal naming `who`."""
    assert response.status_code == status, response.text
    assert response.json()["error"]["code"] == code, response.text
    rows = await denied_rows(court, who)
    assert rows and codes_of(rows[-1]) & {code, "forbidden"}, rows[-1:]


async def test_a_seated_juror_cannot_act_as_the_presiding_judge(court, world):
    """Finding 1: a juror seated only in H could seat a 'presiding judge', take the plaintiff's and
    the judge's join tokens, open and close the hearing and approve broadcast."""
    juror, hid, staff, seats = world["c"]["pm_juror"], world["hid"], world["staff"], world["seats"]
    # The juror may look at the hearing they sit in.
    assert (await juror.get(f"/api/hearings/{hid}")).status_code == 200
    attempts = {
        "juror seats an outsider as presiding judge": juror.post(
            f"/api/hearings/{hid}/participants", json={"role": "presiding_judge", "staff_id": staff["pm_other"]["id"]}),
        "juror takes the plaintiff's join token": juror.post(
            f"/api/hearings/{hid}/participants/{seats['plaintiff']['id']}/tokens", json={}),
        "juror takes the judge's join token": juror.post(
            f"/api/hearings/{hid}/participants/{seats['presiding_judge']['id']}/tokens", json={}),
        "juror approves broadcast": juror.post(f"/api/hearings/{hid}/broadcast-approval", json={"approved": True}),
    }
    for what, request in attempts.items():
        ATTACKS.append(what)
        await refused(court, "pm_juror", await request, 403, "forbidden")
    for action in ("open", "close"):
        ATTACKS.append(f"juror {action}s the hearing")
        await refused(court, "pm_juror", await juror.post(f"/api/hearings/{hid}/{action}", json={}), 403, "chair_only")
    h = (await world["c"]["pm_judge"].get(f"/api/hearings/{hid}")).json()["hearing"]
    assert h["state"] == "scheduled" and h["broadcast_approved"] is False
    names = [p["name"] for p in (await world["c"]["pm_judge"].get(f"/api/hearings/{hid}")).json()["participants"]]
    assert "卫法官" not in names


async def test_seats_follow_positions(court, world):
    """Finding 1: a judge assistant seated a clerk as 审判长. Only a judge sits as 审判长/审判员,
    only a clerk as 书记员, parties' seats never go to staff, staff seats never to a bare name."""
    clerk, assistant, hid, staff = world["c"]["pm_clerk"], world["c"]["pm_assist"], world["hid"], world["staff"]
    ATTACKS.append("judge assistant (case team, not responsible) seats a clerk as presiding judge")
    r = await assistant.post(f"/api/hearings/{hid}/participants",
                             json={"role": "presiding_judge", "staff_id": staff["pm_clerk2"]["id"]})
    await refused(court, "pm_assist", r, 403, "forbidden")
    for what, body in (
            ("clerk as presiding judge", {"role": "presiding_judge", "staff_id": staff["pm_clerk2"]["id"]}),
            ("judge as clerk", {"role": "clerk", "staff_id": staff["pm_other"]["id"]}),
            ("juror account as judge", {"role": "judge", "staff_id": staff["pm_juror"]["id"]}),
            ("staff account as plaintiff", {"role": "plaintiff", "staff_id": staff["pm_other"]["id"]}),
            ("a bare name in a clerk's seat", {"role": "clerk", "name": "假书记员"})):
        ATTACKS.append(f"responsible clerk seats {what}")
        r = await clerk.post(f"/api/hearings/{hid}/participants", json=body)
        await refused(court, "pm_clerk", r, 403, "seat_not_allowed")
        assert "工作人员" in r.json()["error"]["message"]
    # The legitimate seat still works: a judge as 审判员, by the responsible clerk.
    r = await clerk.post(f"/api/hearings/{hid}/participants", json={"role": "judge", "staff_id": staff["pm_other"]["id"]})
    assert r.status_code == 201, r.text


async def test_staff_seats_get_no_tokens_and_own_tokens_die_with_the_session(court, world):
    clerk, judge, hid, seats = world["c"]["pm_clerk"], world["c"]["pm_judge"], world["hid"], world["seats"]
    ATTACKS.append("responsible clerk takes the judge's join token")
    r = await clerk.post(f"/api/hearings/{hid}/participants/{seats['presiding_judge']['id']}/tokens", json={})
    await refused(court, "pm_clerk", r, 403, "staff_seat")
    # The plaintiff's link: the responsible clerk may; the audit row names the clerk as issuer.
    r = await clerk.post(f"/api/hearings/{hid}/participants/{seats['plaintiff']['id']}/tokens", json={})
    assert r.status_code == 201, r.text
    party_token, jti = r.json()["token"], r.json()["jti"]
    trail = (await judge.get(f"/api/hearings/{hid}/audit")).json()
    issued = next(e for e in trail["entries"] if e["action"] == "token.issued" and e["detail"]["jti"] == jti)
    assert issued["actor"] == "吴书记员" and issued["detail"]["issued_by"] == world["staff"]["pm_clerk"]["id"]

    # The party joins with the token: the trail names the party and the token's issuer.
    async with websockets.connect(court.ws_url) as ws:
        await ws.send(json.dumps({"type": "join", "token": party_token}))
        assert json.loads(await ws.recv())["type"] == "welcome"
    trail = (await judge.get(f"/api/hearings/{hid}/audit")).json()
    joined = [e for e in trail["entries"] if e["action"] == "participant.joined"][-1]
    assert joined["actor"] == "李四" and joined["detail"]["via"] == "token"
    assert joined["detail"]["token_issued_by"]["name"] == "吴书记员"

    # The judge joins their own seat with their own session (no token at all)...
    session = judge.headers["authorization"].split(" ", 1)[1]
    async with websockets.connect(court.ws_url) as ws:
        await ws.send(json.dumps({"type": "join", "hearing_id": hid, "session": session}))
        welcome = json.loads(await ws.recv())
        assert welcome["type"] == "welcome" and welcome["participant"]["role"] == "presiding_judge"
        assert "open" in welcome["permissions"]
    # ...and a staff member's own token from a second log-in ends when that log-in does.
    async with court.client() as anon:
        second = (await anon.post("/api/login", json={"username": "pm_judge", "password": PASSWORD})).json()["token"]
    async with court.client(second) as again:
        own = (await again.post(f"/api/hearings/{hid}/my-token")).json()["token"]
        assert (await again.post("/api/logout")).status_code == 200
    ATTACKS.append("a judge's own join token used after that log-in ended")
    async with websockets.connect(court.ws_url) as ws:
        await ws.send(json.dumps({"type": "join", "token": own}))
        m = json.loads(await ws.recv())
        assert m["type"] == "error" and m["code"] == "session_ended", m
    ATTACKS.append("the juror joins the live room with a session for a hearing they are not seated in")
    other_hid = (await clerk.post(f"/api/cases/{world['case']['id']}/hearings", json={})).json()["hearing"]["id"]
    juror_session = world["c"]["pm_juror"].headers["authorization"].split(" ", 1)[1]
    async with websockets.connect(court.ws_url) as ws:
        await ws.send(json.dumps({"type": "join", "hearing_id": other_hid, "session": juror_session}))
        m = json.loads(await ws.recv())
        assert m["type"] == "error" and m["code"] == "not_found", m
    ATTACKS.append("a page on another origin rides the judge's session cookie into the live room")
    async with websockets.connect(court.ws_url, origin="http://127.0.0.1:1",
                                  additional_headers={"cookie": f"courtroom_session={session}"}) as ws:
        await ws.send(json.dumps({"type": "join", "hearing_id": hid}))
        m = json.loads(await ws.recv())
        assert m["type"] == "error" and m["code"] == "cross_origin", m


async def test_the_presiding_judge_and_the_responsible_team_still_run_the_hearing(court, world):
    judge, clerk, hid = world["c"]["pm_judge"], world["c"]["pm_clerk"], world["hid"]
    r = await judge.post(f"/api/hearings/{hid}/participants", json={"role": "witness", "name": "证人王五"})
    assert r.status_code == 201
    r = await judge.post(f"/api/hearings/{hid}/participants/{r.json()['participant']['id']}/tokens", json={})
    assert r.status_code == 201
    assert (await judge.post(f"/api/hearings/{hid}/open", json={})).status_code == 200
    assert (await judge.post(f"/api/hearings/{hid}/pause", json={"reason": "recess"})).status_code == 200
    trail = (await clerk.get(f"/api/hearings/{hid}/audit")).json()
    opened = next(e for e in trail["entries"] if e["action"] == "hearing.opened")
    assert opened["actor"] == "周审判长" and trail["problems"] == []


async def test_not_yours_answers_like_does_not_exist(court, world):
    """Finding 10: another case's staff got `forbidden` for a real hearing, `not_found` for a random id."""
    hid = world["hid"]
    await court.add_staff("pm_stranger", "蒋法官", "judge")
    stranger = await court.login("pm_stranger")
    fake = str(uuid.uuid4())
    paths = [("GET", "/api/hearings/{}"), ("GET", "/api/hearings/{}/audit"), ("POST", "/api/hearings/{}/open"),
             ("POST", "/api/hearings/{}/participants"), ("POST", "/api/hearings/{}/broadcast-approval"),
             ("POST", "/api/hearings/{}/my-token"), ("GET", "/api/cases/{}")]
    try:
        for method, template in paths:
            real = template.format(world["case"]["id"] if "cases" in template else hid)
            ATTACKS.append(f"outsider probes {method} {template}")
            body = {"role": "judge", "name": "x", "approved": True}
            a = await stranger.request(method, real, json=body if method == "POST" else None)
            b = await stranger.request(method, template.format(fake), json=body if method == "POST" else None)
            assert (a.status_code, a.json()) == (b.status_code, b.json()), (template, a.text, b.text)
            assert a.status_code == 404 and a.json()["error"]["code"] == "not_found", (template, a.text)
        rows = await denied_rows(court, "pm_stranger")
        counted = sum(r["detail"].get("who", {}).get("pm_stranger", 1) if r["detail"].get("repeated") else 1
                      for r in rows)
        assert counted >= 2 * len(paths), rows
    finally:
        await stranger.aclose()


def test_the_table_denies_by_default_and_the_readme_shows_it():
    from pathlib import Path

    from models.domain import Position, Role
    from models.permissions import SeatRuleError, check_seat, standing_grants

    nobody = standing_grants(closed_session=False, seat_role=None, seat_removed=False, own_staff_seat=False,
                             team_position=None, on_team=False, convener=False)
    assert not any(nobody.allows(a) for a in Action)
    juror = standing_grants(closed_session=False, seat_role=Role.JUROR, seat_removed=False, own_staff_seat=True,
                            team_position=Position.JUROR, on_team=False, convener=False)
    assert {a for a in Action if juror.allows(a)} == {Action.VIEW, Action.JOIN_OWN_SEAT}
    removed = standing_grants(closed_session=False, seat_role=Role.PRESIDING_JUDGE, seat_removed=True,
                              own_staff_seat=True, team_position=Position.JUDGE, on_team=False, convener=False)
    assert not removed.sees
    # The case team counts for nothing in a closed session.
    team_in_deliberation = standing_grants(closed_session=True, seat_role=None, seat_removed=False,
                                           own_staff_seat=False, team_position=Position.JUDGE, on_team=True,
                                           convener=False)
    assert not team_in_deliberation.sees
    assert all(TABLE[a] for a in Action)
    with pytest.raises(SeatRuleError):
        check_seat(Role.PRESIDING_JUDGE, Position.CLERK)
    check_seat(Role.PRESIDING_JUDGE, Position.JUDGE)
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert markdown_table() in readme, "README's role x action table is out of date: paste markdown_table()"


def test_attack_count():
    print(f"\nfindings 1/10: {len(ATTACKS)} attacks tried, all refused")
    assert len(ATTACKS) >= 20
