"""Issue 13, finding 6: a full disk stops nothing silently. The recordings live on a small
tmpfs; it is filled while the hearing is on the record. The judge and the clerk are told
within 2 s, the audit has the true reason at once, the hearing is paused with reason
录音录像故障, nothing written before the failure is lost, and once there is room again
the hearing resumes and records. Below the free-space floor it neither resumes nor goes on."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import time
import uuid
from pathlib import Path

import pytest
import websockets

from courtroom.media.probe import probe_recording
from courtroom.sim.simclient import SimulatedParticipant, VideoSpec
from models import audit, recordings
from tests.fixtures.media import wait_until
from tests.fixtures.server import start_court, stop_court, wait_recordings_closed

TMPFS_MB = 24


@pytest.fixture(scope="module")
async def court(db):
    running, server, data_dir = await start_court(db, recording_min_free_mb=0, recording_warn_free_mb=0)
    target = running.settings.recordings_dir
    target.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={TMPFS_MB}m", "tmpfs", str(target)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        await stop_court(running, server, data_dir)
        pytest.skip(f"cannot mount a tmpfs for the recordings: {mounted.stderr.strip()}")
    try:
        yield running
    finally:
        await stop_court(running, server, data_dir)
        subprocess.run(["umount", "-l", str(target)], check=False)


def fill(directory: Path) -> Path:
    """Take every free byte of the file system, as a full disk would."""
    filler = directory / "filler.bin"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    block = b"\0" * (1 << 16)
    try:
        while True:
            try:
                os.write(fd, block)
            except OSError:
                try:  # the last partial block
                    os.write(fd, b"\0" * 512)
                    continue
                except OSError:
                    break
    finally:
        os.close(fd)
    return filler


async def next_of(ws, kind: str, timeout: float) -> dict:
    async def loop() -> dict:
        while True:
            m = json.loads(await ws.recv())
            if m["type"] == kind:
                return m
    return await asyncio.wait_for(loop(), timeout)


async def test_a_full_disk_pauses_the_hearing_and_tells_the_bench_at_once(court, speech_48k):
    await court.add_staff("judge_f", "冯审判长", "judge")
    await court.add_staff("clerk_f", "陈书记员", "clerk")
    judge_api, clerk_api = await court.login("judge_f"), await court.login("clerk_f")
    staff = {s["username"]: s for s in (await clerk_api.get("/api/staff")).json()["staff"]}
    case = (await clerk_api.post("/api/cases", json={"case_number": "（2026）吉01民初606号", "cause": "买卖合同纠纷"})).json()["case"]
    h = (await clerk_api.post(f"/api/cases/{case['id']}/hearings", json={"mode": "internet", "title": "开庭"})).json()["hearing"]
    hid = uuid.UUID(h["id"])
    for body in ({"role": "presiding_judge", "staff_id": staff["judge_f"]["id"]},
                 {"role": "clerk", "staff_id": staff["clerk_f"]["id"]}):
        assert (await clerk_api.post(f"/api/hearings/{hid}/participants", json=body)).status_code == 201
    judge_token = (await judge_api.post(f"/api/hearings/{hid}/my-token")).json()["token"]
    clerk_token = (await clerk_api.post(f"/api/hearings/{hid}/my-token")).json()["token"]

    judge = SimulatedParticipant(court.ws_url, name="judge", join_token=judge_token, audio=speech_48k[: 50 * 48000],
                                 video=VideoSpec(320, 180, 15), receive="tap")
    await judge.start()
    clerk = await websockets.connect(court.ws_url, max_size=2**22)
    await clerk.send(json.dumps({"type": "join", "token": clerk_token}))
    await next_of(clerk, "welcome", 10)
    await judge.send({"type": "control", "action": "open"})
    pool = court.ctx.db.pool
    directory = court.settings.recordings_dir / str(hid)

    def segment_bytes() -> dict[str, int]:
        return {p.name: p.stat().st_size for p in directory.glob("*.webm")} if directory.is_dir() else {}

    # On the record, both tracks growing on the tmpfs.
    assert await wait_until(lambda: len(segment_bytes()) == 2 and min(segment_bytes().values()) > 20_000, 30)
    started = time.monotonic()
    filler = await asyncio.to_thread(fill, court.settings.recordings_dir)
    filled = time.monotonic()
    before = segment_bytes()  # nothing can be added to these any more

    told = await wait_until(lambda: any(e.get("type") == "recording_alarm" and e.get("level") == "error"
                                        for e in judge.events), 5, interval=0.02)
    told_after = time.monotonic() - filled
    alarm = await next_of(clerk, "recording_alarm", 2)
    assert told and told_after < 2.0, told_after
    assert "录音录像故障" in alarm["message"] and "No space left" in alarm["reason"]
    # The audit has the true reason at once, and the hearing is paused for it.
    assert await wait_until(lambda: any(e.get("type") == "hearing" and e["hearing"]["state"] == "paused"
                                        for e in judge.events), 2)
    trail = await audit.entries(pool, str(hid))
    failed = next(e for e in trail if e["action"] == "recording.failed")
    assert "No space left" in failed["detail"]["reason"]
    paused = next(e for e in trail if e["action"] == "hearing.paused")
    assert paused["actor"] == "system" and paused["detail"]["reason"] == "recording_failure"
    assert paused["detail"]["reason_label"] == "录音录像故障"
    print(f"\ntmpfs filled in {filled - started:.2f} s; the judge was told {told_after:.2f} s after it was full")

    # Nothing recorded before the failure is lost: the files keep every byte, and they play
    # up to the failure. The true reason stays on the segment ("write failed", not "close failed").
    await wait_recordings_closed(pool, hid)  # the room writes the closed segments' rows just after the pause
    rows = await recordings.for_hearing(pool, hid)
    # A track whose last writes still fitted in an allocated page closes cleanly; the one
    # that failed keeps the true reason ("write failed", never "close failed").
    assert any(r["state"] == "damaged" for r in rows), rows
    for r in rows:
        assert r["state"] == "closed" or (r["damaged_reason"].startswith("write failed")
                                          and "No space left" in r["damaged_reason"]), r["damaged_reason"]
        path = Path(r["path"])
        assert path.stat().st_size >= before[path.name]
        probe = await asyncio.to_thread(probe_recording, path)
        assert probe.duration_s > 1.0, (path.name, probe)
    damaged = [e for e in await audit.entries(pool, str(hid)) if e["action"] == "recording.damaged"]
    assert damaged and all("No space left" in e["detail"]["reason"] for e in damaged)

    # Below the floor the hearing does not resume ...
    court.ctx.settings = court.ctx.settings.replace(recording_min_free_mb=1)
    errors_before = len(judge.errors)
    await judge.send({"type": "control", "action": "resume"})
    assert await wait_until(lambda: len(judge.errors) > errors_before, 5)
    assert "存储空间不足" in judge.errors[-1]["message"], judge.errors[-1]
    # ... and once there is room again it resumes and records into new segments.
    filler.unlink()
    await judge.send({"type": "control", "action": "resume"})
    assert await wait_until(lambda: [e["hearing"]["state"] for e in judge.events if e.get("type") == "hearing"][-1:]
                            == ["open"], 10)
    assert await wait_until(lambda: len(segment_bytes()) == 4 and min(segment_bytes().values()) > 5_000, 20)

    # The floor is watched while on the record too: it pauses before the disk is full.
    free_mb = os.statvfs(court.settings.recordings_dir).f_bavail * os.statvfs(court.settings.recordings_dir).f_frsize >> 20
    court.ctx.settings = court.ctx.settings.replace(recording_min_free_mb=free_mb + 2)
    alarms = sum(1 for e in judge.events if e.get("type") == "recording_alarm")
    assert await wait_until(lambda: sum(1 for e in judge.events if e.get("type") == "recording_alarm") > alarms, 5)
    assert "存储空间不足" in [e for e in judge.events if e.get("type") == "recording_alarm"][-1]["message"]
    assert await wait_until(lambda: [e["hearing"]["state"] for e in judge.events if e.get("type") == "hearing"][-1:]
                            == ["paused"], 5)

    await judge.send({"type": "control", "action": "close"})
    assert await wait_until(lambda: any(e.get("type") == "bye" for e in judge.events), 15)
    await judge.stop()
    await clerk.close()
    await judge_api.aclose()
    await clerk_api.aclose()
