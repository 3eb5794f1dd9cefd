"""Running it for a court: /healthz, /readyz (503 naming the failed check), /metrics while a
hearing runs, and JSON log lines that carry the hearing and never a secret."""

import asyncio
import io
import json
import logging
import shutil
import subprocess
import uuid

import asyncpg
import httpx
import pytest
import websockets
from prometheus_client.parser import text_string_to_metric_families

from courtroom.operations import logging as oplog
from courtroom.sim.simclient import SimulatedParticipant, VideoSpec
from models.db import Database
from tests.fixtures.media import wait_until
from tests.fixtures.server import start_court, stop_court
from tests.fixtures.waiting import wait_for
from web.app import stop_context


def metric_values(text: str) -> dict[tuple[str, tuple], float]:
    """Parsed with prometheus-client's own parser: {(sample name, sorted labels): value}."""
    out = {}
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            out[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return out


def total(values: dict, name: str, **labels) -> float:
    return sum(v for (n, ls), v in values.items() if n == name and all((k, w) in ls for k, w in labels.items()))


async def test_healthz_and_readyz_name_every_check(court):
    async with court.client() as c:
        r = await c.get("/healthz")
        assert r.status_code == 200 and r.json() == {"status": "alive"}
        r = await c.get("/readyz")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["status"] == "ready" and body["failed"] == []
    assert {c["name"] for c in body["checks"]} >= {"database", "disk", "media_loop"}
    assert all(c["ok"] and c["label"] for c in body["checks"])


async def test_readyz_is_503_naming_the_disk_when_recordings_are_on_a_full_filesystem(db, monkeypatch):
    """The recordings directory on a 1 MB tmpfs, the floor at 4 MB: not ready, because of the disk."""
    monkeypatch.setenv("COURTROOM_DISK_FLOOR_MB", "4")
    running, server, data_dir = await start_court(db)
    mnt = running.settings.recordings_dir
    mnt.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mnt)], check=True)
    try:
        async with running.client() as c:
            r = await c.get("/readyz")
        assert r.status_code == 503, r.text
        body = r.json()
        assert body["failed"] == ["disk"], body
        disk = next(c for c in body["checks"] if c["name"] == "disk")
        assert "低于下限" in disk["detail"] and str(mnt) in disk["detail"]
        running.ctx.settings = running.ctx.settings.replace(recording_min_free_mb=0.5)
        async with running.client() as c:
            assert (await c.get("/readyz")).status_code == 200
    finally:
        subprocess.run(["umount", str(mnt)], check=True)
        await stop_court(running, server, data_dir)


async def test_readyz_is_503_naming_the_database_when_postgresql_stops(tmp_path):
    """A court on its own embedded PostgreSQL, which is then stopped under it."""
    base = tmp_path.parent / f"{tmp_path.name}-pg"  # outside /root: the embedded server opens the parents
    db = await Database.connect(None, pgdata=base / "pg")
    running, server, data_dir = await start_court(db)
    try:
        async with running.client() as c:
            assert (await c.get("/readyz")).status_code == 200
            await asyncio.to_thread(db.embedded.stop)
            r = await c.get("/readyz")
        assert r.status_code == 503, r.text
        body = r.json()
        assert "database" in body["failed"], body
        assert next(c for c in body["checks"] if c["name"] == "database")["ok"] is False
    finally:
        server.should_exit = True
        await server._task
        try:
            await stop_context(running.ctx)
        except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError):
            pass  # its last audit line cannot be written: the database is gone, as intended
        db.pool.terminate()
        await asyncio.to_thread(db.embedded.stop)
        shutil.rmtree(data_dir, ignore_errors=True)
        shutil.rmtree(base, ignore_errors=True)


async def judge_and_clerk_hearing(court, suffix: str, names: tuple[str, str], case_number: str,
                                  cause: str) -> tuple[dict, str, str]:
    """A new hearing with a presiding judge and a clerk (staff judge_<suffix>, clerk_<suffix>):
    (the hearing, the judge's join token, the clerk's join token)."""
    judge_c, clerk_c, staff = await court.judge_and_clerk(suffix, *names)
    try:
        case = (await clerk_c.post("/api/cases", json={"case_number": case_number, "cause": cause})).json()["case"]
        h = (await clerk_c.post(f"/api/cases/{case['id']}/hearings", json={"title": "开庭"})).json()["hearing"]
        for body in ({"role": "presiding_judge", "staff_id": staff[f"judge_{suffix}"]["id"]},
                     {"role": "clerk", "staff_id": staff[f"clerk_{suffix}"]["id"]}):
            r = await clerk_c.post(f"/api/hearings/{h['id']}/participants", json=body)
            assert r.status_code in (200, 201), r.text
        judge_token = (await judge_c.post(f"/api/hearings/{h['id']}/my-token")).json()["token"]
        clerk_token = (await clerk_c.post(f"/api/hearings/{h['id']}/my-token")).json()["token"]
    finally:
        await judge_c.aclose()
        await clerk_c.aclose()
    return h, judge_token, clerk_token


async def test_metrics_parse_and_move_while_a_hearing_runs(court, speech_48k):
    stream = io.StringIO()
    handler = oplog.configure_logging(json_lines=True, stream=stream)
    try:
        h, token, _ = await judge_and_clerk_hearing(court, "m", ("郑审判长", "冯书记员"), "（2026）吉01民初515号", "买卖合同纠纷")

        async with httpx.AsyncClient(base_url=court.base_url) as c:
            # Not from a browser elsewhere: a forwarded request is refused like anything not yours.
            assert (await c.get("/metrics", headers={"x-forwarded-for": "203.0.113.9"})).status_code == 404
            before = metric_values((await c.get("/metrics")).text)
        assert before[("courtroom_hearings_open", ())] == 0
        assert ("courtroom_db_pool_connections", (("state", "max"),)) in before
        assert before[("courtroom_ready", (("check", "database"),))] == 1

        judge = SimulatedParticipant(court.ws_url, name="judge", join_token=token,
                                     audio=speech_48k[: 20 * 48000], video=VideoSpec(320, 180, 15), receive="tap")
        await judge.start()
        try:
            await judge.send({"type": "control", "action": "open"})
            async with httpx.AsyncClient(base_url=court.base_url) as c:
                async def received() -> float:
                    values = metric_values((await c.get("/metrics")).text)
                    return total(values, "courtroom_track_received_bytes_total", hearing=h["id"])

                first = await wait_for(received, 20, "media bytes received on /metrics")

                async def grew() -> bool:
                    return await received() > first

                await wait_for(grew, 20, f"received bytes on /metrics growing past {first}")
                during = metric_values((await c.get("/metrics")).text)
            assert during[("courtroom_hearings_open", ())] == 1
            assert during[("courtroom_participants_connected", ())] == 1
            assert total(during, "courtroom_track_received_frames_total", hearing=h["id"], kind="video") > 0
            await judge.send({"type": "control", "action": "close"})
            assert await wait_until(lambda: any(e.get("type") == "bye" for e in judge.events), 15)
        finally:
            await judge.stop()
    finally:
        logging.getLogger().removeHandler(handler)

    lines = [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]
    assert lines, "no log lines"
    joined = [x for x in lines if x["message"] == "participant joined the live hearing"]
    assert joined and joined[0]["hearing_id"] == h["id"] and joined[0]["role"] == "presiding_judge"
    assert all("worker_id" in x for x in lines)
    assert token not in stream.getvalue()


async def _nominated(pc):
    """The aioice connection and pair carrying `pc`'s media, once ICE has picked one."""
    connection = pc.getTransceivers()[0].receiver.transport.transport._connection
    for _ in range(200):
        if connection._nominated.get(1) is not None:
            return connection
        await asyncio.sleep(0.05)
    raise AssertionError("ICE never nominated a pair")


def _video_payload_types(pc) -> set[int]:
    return {c.payloadType for t in pc.getTransceivers() if t.kind == "video" for c in t._codecs if c.name.lower() == "vp8"}


def _is_video_rtp(data: bytes, video_pts: set[int]) -> bool:
    return 127 < data[0] < 192 and not 191 < data[1] < 224 and (data[1] & 0x7F) in video_pts


async def lose_every(n: int, *, outgoing_from=None, incoming_to=None) -> None:
    """A lossy link at the participant's own socket (the server is untouched): every n-th
    video RTP packet the publisher sends, or the subscriber receives, never arrives."""
    pc = outgoing_from or incoming_to
    connection = await _nominated(pc)
    video_pts = _video_payload_types(pc)
    count = {"n": 0}

    def lost(data: bytes) -> bool:
        if not _is_video_rtp(data, video_pts):
            return False
        count["n"] += 1
        return count["n"] % n == 0

    if outgoing_from is not None:
        original_send = connection.sendto

        async def sendto(data: bytes, component: int) -> None:
            if not lost(data):
                await original_send(data, component)

        connection.sendto = sendto
    else:
        protocol = connection._nominated[1].protocol
        original_received = protocol.datagram_received

        def datagram_received(data, addr) -> None:
            if not (isinstance(data, bytes) and lost(data)):
                original_received(data, addr)

        protocol.datagram_received = datagram_received


async def test_metrics_count_nacks_plis_keyframes_and_resends_per_track(court, speech_48k):
    """Two participants over lossy links: the judge's upstream loses every 25th video packet
    and the clerk's downstream every 20th. /metrics counts the NACKs the server sent the
    judge, the keyframes received and forwarded, the clerk's NACKs and PLIs, and the
    resends (and refusals) to the clerk."""
    h, judge_token, clerk_token = await judge_and_clerk_hearing(court, "n", ("孙审判长", "李书记员"), "（2026）吉01民初517号",
                                                                "买卖合同纠纷")

    judge = SimulatedParticipant(court.ws_url, name="judge", join_token=judge_token, audio=speech_48k[: 30 * 48000],
                                 video=VideoSpec(320, 180, 15), subscribe=False)
    clerk = SimulatedParticipant(court.ws_url, name="clerk", join_token=clerk_token, receive="tap")
    await judge.start()
    try:
        await judge.send({"type": "control", "action": "open"})
        await clerk.start()
        assert await wait_until(lambda: judge.participant_id in clerk.subscriptions
                                and clerk.subscriptions[judge.participant_id].tracks.get("video") is not None
                                and clerk.subscriptions[judge.participant_id].tracks["video"].frames > 10, 30)
        sub_pc = clerk.subscriptions[judge.participant_id].pc
        await lose_every(25, outgoing_from=judge.publish_pc)
        await lose_every(20, incoming_to=sub_pc)
        # A PLI of the clerk's own (a real RTCP packet from its receiver), as a browser sends one.
        receiver = next(t.receiver for t in sub_pc.getTransceivers() if t.kind == "video")
        (ssrc,) = {s.source for s in receiver.getSynchronizationSources()}
        await receiver._send_rtcp_pli(ssrc)

        labels_pub = {"hearing": h["id"], "participant": judge.participant_id, "kind": "video"}
        labels_sub = {"hearing": h["id"], "participant": clerk.participant_id, "from": judge.participant_id,
                      "kind": "video"}
        labels_link = {"hearing": h["id"], "participant": clerk.participant_id}

        async def scrape() -> dict:
            async with httpx.AsyncClient(base_url=court.base_url) as c:
                return metric_values((await c.get("/metrics")).text)

        def moved(v: dict) -> bool:
            return (total(v, "courtroom_track_nacks_sent_total", **labels_pub) > 0
                    and total(v, "courtroom_track_subscriber_nacks_total", **labels_sub) > 0
                    and total(v, "courtroom_track_subscriber_plis_total", **labels_sub) > 0
                    and total(v, "courtroom_subscriber_resends_total", **labels_link) > 0)

        values = await scrape()
        for _ in range(60):
            if moved(values):
                break
            await asyncio.sleep(0.5)
            values = await scrape()
        assert moved(values), {k: v for k, v in values.items() if "nack" in k[0] or "resend" in k[0] or "pli" in k[0]}
        assert total(values, "courtroom_track_keyframes_total", **labels_pub) > 0
        assert total(values, "courtroom_track_forwarded_keyframes_total", **labels_sub) > 0
        assert total(values, "courtroom_track_forwarded_frames_total", **labels_sub) >= \
            total(values, "courtroom_track_forwarded_keyframes_total", **labels_sub)
        for reason in ("budget", "age"):
            assert ("courtroom_subscriber_resends_refused_total",
                    tuple(sorted({**labels_link, "reason": reason}.items()))) in values
        assert total(values, "courtroom_subscriber_resent_bytes_total", **labels_link) > 0
        # Counters only grow.
        later = await scrape()
        for name, labels in (("courtroom_track_nacks_sent_total", labels_pub),
                             ("courtroom_track_subscriber_nacks_total", labels_sub)):
            assert total(later, name, **labels) >= total(values, name, **labels)
        await judge.send({"type": "control", "action": "close"})
        assert await wait_until(lambda: any(e.get("type") == "bye" for e in judge.events), 15)
    finally:
        await clerk.stop()
        await judge.stop()


async def test_every_metric_the_alert_rules_and_dashboard_use_is_exported(court):
    """deploy/: the alerts a court needs exist, and no rule or panel names a metric /metrics lacks."""
    import re
    from pathlib import Path

    import yaml

    deploy = Path(__file__).resolve().parents[1] / "deploy"
    rules = yaml.safe_load((deploy / "prometheus" / "courtroom-alerts.yml").read_text())["groups"][0]["rules"]
    alerts = {r["alert"]: r["expr"] for r in rules}
    assert {"CourtroomRecordingWriteError", "CourtroomAsrLagging", "CourtroomDiskBelowFloor",
            "CourtroomWorkerMissing"} <= set(alerts)
    assert "> 5" in alerts["CourtroomAsrLagging"] and 'state="missing"' in alerts["CourtroomWorkerMissing"]
    dashboard = json.loads((deploy / "grafana" / "courtroom-dashboard.json").read_text())
    used = set(re.findall(r"courtroom_[a-z_]+", " ".join(alerts.values()) + " " + " ".join(
        t["expr"] for panel in dashboard["panels"] for t in panel.get("targets", []))))
    async with httpx.AsyncClient(base_url=court.base_url) as c:
        exported = set(re.findall(r"courtroom_[a-z_]+", (await c.get("/metrics")).text))
    missing = {m for m in used if m not in exported and m.removesuffix("_bucket") not in exported}
    assert not missing, missing
    assert "courtroom_track_nacks_sent_total" in used and "courtroom_subscriber_resends_refused_total" in used


def test_one_disk_floor_and_operations_settings_from_the_environment(monkeypatch, caplog):
    from courtroom import config

    for name in ("COURTROOM_DISK_FLOOR_MB", "COURTROOM_RECORDING_MIN_FREE_MB", "COURTROOM_DRAIN_GRACE_S",
                 "COURTROOM_METRICS_TOKEN", "COURTROOM_LOG_FORMAT"):
        monkeypatch.delenv(name, raising=False)
    s = config.Settings()
    assert s.recording_min_free_mb == config.DEFAULT_DISK_FLOOR_MB and s.disk_floor_bytes == 2048 * 2**20
    assert (s.drain_grace_s, s.metrics_token, s.log_format) == (600.0, None, "text") and s.problems() == []

    monkeypatch.setattr(config, "_warned_deprecated", set())
    monkeypatch.setenv("COURTROOM_RECORDING_MIN_FREE_MB", "300")  # the old name still works, with a warning
    with caplog.at_level(logging.WARNING, logger="courtroom.config"):
        assert config.Settings().recording_min_free_mb == 300.0
    assert any("COURTROOM_RECORDING_MIN_FREE_MB is deprecated" in r.getMessage() for r in caplog.records)
    monkeypatch.setenv("COURTROOM_DISK_FLOOR_MB", "500")  # the new name wins
    assert config.Settings().recording_min_free_mb == 500.0

    monkeypatch.setenv("COURTROOM_DRAIN_GRACE_S", "45")
    monkeypatch.setenv("COURTROOM_METRICS_TOKEN", "scrape-secret-123")
    monkeypatch.setenv("COURTROOM_LOG_FORMAT", "JSON")
    s = config.Settings()
    assert (s.drain_grace_s, s.metrics_token, s.log_format) == (45.0, "scrape-secret-123", "json")
    assert "scrape-secret-123" not in repr(s)
    monkeypatch.setenv("COURTROOM_LOG_FORMAT", "xml")
    assert any("COURTROOM_LOG_FORMAT" in p for p in config.Settings().problems())
    monkeypatch.setenv("COURTROOM_DISK_FLOOR_MB", "lots")
    with pytest.raises(ValueError, match="COURTROOM_DISK_FLOOR_MB"):
        config.Settings()


def test_json_lines_carry_the_context_and_never_a_secret():
    stream = io.StringIO()
    handler = oplog.configure_logging(json_lines=True, stream=stream)
    log = logging.getLogger("courtroom.test")
    try:
        with oplog.log_context(hearing_id="h-1", participant_id="p-2"):
            log.info("join with token=abcdefgh12345678 from postgresql://app:hunter2@db/court",
                     extra={"password": "hunter2", "detail": {"id_number": "11010519491231002X"}})
            log.warning("party 张三 身份证 11010519491231002X, Authorization: Bearer abc.def.ghi-jkl-mno-pqr")

            async def in_task():
                log.info("from a task started inside the context")

            asyncio.run(in_task())
        log.info("outside")
    finally:
        logging.getLogger().removeHandler(handler)
    text = stream.getvalue()
    lines = [json.loads(x) for x in text.splitlines()]
    assert [x.get("hearing_id") for x in lines] == ["h-1", "h-1", "h-1", None]
    assert lines[0]["participant_id"] == "p-2" and lines[0]["password"] == oplog.REDACTED
    for secret in ("hunter2", "abcdefgh12345678", "11010519491231002X", "abc.def.ghi-jkl-mno-pqr"):
        assert secret not in text, secret
    assert "[身份证号已隐藏]" in lines[1]["message"]


def test_text_format_for_a_terminal_masks_secrets_too():
    stream = io.StringIO()
    handler = oplog.configure_logging(json_lines=False, stream=stream)
    try:
        with oplog.log_context(hearing_id="0123456789abcdef"):
            logging.getLogger("courtroom.test").info("token=supersecretvalue1")
    finally:
        logging.getLogger().removeHandler(handler)
    line = stream.getvalue()
    assert "[hearing 01234567]" in line and "supersecretvalue1" not in line
    with pytest.raises(ValueError):
        json.loads(line)


async def test_a_database_newer_than_the_code_is_refused(pg_url_factory):
    from models.db import SchemaTooNew

    url = await pg_url_factory()
    database = await Database.connect(url)
    # The schema's owner (a newer release migrating); the app's own role may not touch schema_version.
    owner = await asyncpg.connect(database.owner_url)
    try:
        await owner.execute("insert into schema_version(version, name) values (999, 'from_the_future')")
    finally:
        await owner.close()
    await database.close()
    with pytest.raises(SchemaTooNew, match="999"):
        await Database.connect(url)


async def test_drain_tells_terminals_refuses_joins_and_closes_recordings_cleanly(court, speech_48k):
    """What SIGTERM does (web/server.py DrainingServer): a hearing is running and recording;
    drain tells its terminal 服务器即将维护, refuses a new join, and when the grace period
    ends the recordings are closed cleanly (none damaged), within the configured time."""
    from courtroom.operations.drain import drain
    from models import recordings

    h, judge_token, clerk_token = await judge_and_clerk_hearing(court, "d", ("韩审判长", "曹书记员"), "（2026）吉01民初516号",
                                                                "借款合同纠纷")

    judge = SimulatedParticipant(court.ws_url, name="judge", join_token=judge_token,
                                 audio=speech_48k[: 30 * 48000], video=VideoSpec(320, 180, 15), receive="tap")
    await judge.start()
    try:
        await judge.send({"type": "control", "action": "open"})
        pool = court.ctx.db.pool
        hid = uuid.UUID(h["id"])
        await wait_for(lambda: recordings.still_recording(pool, hid), 20, "the hearing's recording beginning")

        grace = 3.0
        t = asyncio.get_running_loop().time()
        task = asyncio.create_task(drain(court.ctx, grace))
        assert await wait_until(lambda: any(e.get("type") == "maintenance" for e in judge.events), 5)
        message = next(e for e in judge.events if e.get("type") == "maintenance")
        assert "服务器即将维护" in message["message"]
        # No new joins while draining.
        async with websockets.connect(court.ws_url) as ws:
            await ws.send(json.dumps({"type": "join", "token": clerk_token}))
            refusal = json.loads(await asyncio.wait_for(ws.recv(), 10))
        assert refusal.get("code") == "server_draining" or refusal.get("error", {}).get("code") == "server_draining", \
            refusal
        async with court.client() as c:
            r = await c.get("/readyz")
        assert r.status_code == 503 and "draining" in r.json()["failed"]
        report = await asyncio.wait_for(task, grace + 30)
        elapsed = asyncio.get_running_loop().time() - t
        assert report.rooms_told == 1 and report.still_open_at_deadline == 1
        assert grace <= elapsed < grace + 30
        assert await wait_until(lambda: any(e.get("type") == "bye" for e in judge.events), 10)
    finally:
        await judge.stop()
        court.ctx.draining = False
    rows = await recordings.for_hearing(court.ctx.db.pool, hid)
    assert rows and all(r["state"] == "closed" for r in rows), [(r["kind"], r["state"]) for r in rows]
    assert all((r["duration_s"] or 0) > 0 for r in rows)


def test_sigterm_stops_serve_after_draining(tmp_path):
    """`courtroom serve` under SIGTERM: drains (nothing open here), stops PostgreSQL and exits
    well within the grace period, with its final audit line written."""
    import os
    import signal
    import socket
    import sys
    import tempfile
    import time
    from pathlib import Path

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data = Path(tempfile.mkdtemp(prefix="courtroom-test-sigterm-", dir="/tmp"))
    env = {**os.environ, "COURTROOM_DRAIN_GRACE_S": "20", "COURTROOM_DATA_DIR": str(data)}
    proc = subprocess.Popen([sys.executable, "-m", "web.cli", "serve", "--port", str(port), "--no-asr", "--media-workers", "0"],
                            cwd=Path(__file__).resolve().parents[1], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert proc.poll() is None, proc.stdout.read()
            assert time.monotonic() < deadline, "the server never became ready (GET /readyz) within 120 s"
            time.sleep(0.3)  # poll interval
        t = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=60)
        assert time.monotonic() - t < 20, out
        assert "draining" in out, out
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        shutil.rmtree(data, ignore_errors=True)
