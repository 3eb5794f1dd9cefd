"""Backup while a hearing runs, restore into an empty data directory, and everything is there:
the filed package verifies (`courtroom verify`), every audit chain verifies, the restored
server serves the old hearing's record, transcript and recordings."""

import asyncio
import datetime as dt
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import pytest

from courtroom.config import Settings
from courtroom.operations.backup import MANIFEST, BackupError, backup, check_backup, restore
from courtroom.records.document import read_blob
from models import audit, dossier, hearings, recordings, records, transcripts
from models.domain import HearingState
from tests.fixtures.waiting import wait_for
from web.app import start_context, stop_context
from web.demo import run_demo

REPO = Path(__file__).resolve().parents[1]


def _settings(data_dir: Path) -> Settings:
    return Settings(data_dir=data_dir, database_url=None, host_addresses=("127.0.0.1",), ice_servers=(),
                    asr_enabled=False)


async def _hearing_in_progress(ctx, case_id: uuid.UUID, stop: asyncio.Event) -> tuple[uuid.UUID, Path]:
    """Open a second hearing whose recording keeps growing and whose transcript keeps arriving."""
    actor = audit.Actor.system()
    async with ctx.db.pool.acquire() as conn:
        h = await hearings.schedule(conn, case_id=case_id, kind="hearing", mode="courtroom", title="第二次开庭",
                                    scheduled_at=dt.datetime.now(dt.timezone.utc), place="第三法庭", actor=actor,
                                    created_by=None)
        judge = await hearings.add_participant(conn, h.id, role="plaintiff", name="张原告", actor=actor)  # a party: no staff account needed
        await hearings.transition(conn, h.id, HearingState.OPEN, actor)
        path = ctx.settings.recordings_dir / str(h.id) / f"{judge.id}.audio.0000.webm"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"\x1a\x45\xdf\xa3")
        await recordings.start_segment(conn, hearing_id=h.id, participant_id=judge.id, kind="audio", segment_index=0,
                                       path=str(path), codec="opus", hearing_start_s=0.0,
                                       wall_start=dt.datetime.now(dt.timezone.utc))

    async def run() -> None:
        i = 0
        with open(path, "ab") as fh:
            while not stop.is_set():
                fh.write(bytes([i % 251]) * 4000)
                fh.flush()
                if i % 10 == 0:
                    async with ctx.db.pool.acquire() as conn:
                        await transcripts.add_recognized(
                            conn, segment_id=uuid.uuid4(), hearing_id=h.id, participant_id=judge.id,
                            speaker_role="presiding_judge", speaker_name="钱审判长", start_s=i * 0.1,
                            end_s=i * 0.1 + 0.08, text=f"第{i}句。", words=[], confidence=0.9, model="test")
                i += 1
                await asyncio.sleep(0.01)  # the pace of a live recording: ~100 writes a second

    ctx._writer = asyncio.create_task(run())  # type: ignore[attr-defined]
    return h.id, path


@pytest.fixture(scope="module")
def base():
    # Outside /root: the embedded PostgreSQL opens its data directory's parents.
    path = Path(tempfile.mkdtemp(prefix="courtroom-test-backup-", dir="/tmp"))
    yield path
    if shutil.which("chattr"):  # the anchor logs are append-only (signing/anchor.py): rmtree cannot remove them
        for log in path.rglob("*.jsonl"):
            subprocess.run(["chattr", "-a", str(log)], capture_output=True)
    shutil.rmtree(path, ignore_errors=True)


async def test_backup_during_a_hearing_restore_verify_and_serve(base):
    data, dest, restored = base / "data", base / "backup", base / "restored"
    demo = await run_demo(data, asr=False, log=lambda *a: None)
    old_hid = uuid.UUID(demo["hearing_id"])
    assert demo["audit_problems"] == []

    ctx = await start_context(_settings(data))
    stop = asyncio.Event()
    try:
        case_id = (await hearings.get(ctx.db.pool, old_hid)).case_id
        live_hid, growing = await _hearing_in_progress(ctx, case_id, stop)
        await wait_for(lambda: growing.stat().st_size >= 4 + 10 * 4000, 10, "the live recording growing (10 writes)")
        report = await asyncio.to_thread(backup, dest, ctx.settings)
        size_during = growing.stat().st_size
        await wait_for(lambda: growing.stat().st_size > size_during, 10, "the live recording growing after the backup")
    finally:
        stop.set()
        await ctx._writer  # type: ignore[attr-defined]
        await stop_context(ctx)
    assert growing.stat().st_size > size_during  # it really was being written during the backup
    manifest = json.loads((dest / MANIFEST).read_text())
    assert manifest["database"]["source"] == "embedded" and report.files == len(manifest["files"])
    paths = {e["path"] for e in manifest["files"]}
    assert any(p.startswith("keys/") for p in paths) and any(p.startswith("blobs/") for p in paths)
    assert {Path(r["path"]).relative_to(data).as_posix() for r in demo["recordings"]} <= paths

    # Closed recordings are copied once: as their store copy, which the manifest names.
    same = {e["path"]: e["same_as"] for e in manifest["files"] if e.get("same_as")}
    assert report.same_as_store == len(same) >= len(demo["recordings"])
    assert all(not (dest / rel).exists() and (dest / blob).is_file() for rel, blob in same.items())
    assert next(e for e in manifest["files"] if e["path"] == growing.relative_to(data).as_posix())["copied"]

    # A damaged backup is refused before anything is written.
    rel = next(e["path"] for e in manifest["files"] if e["copied"] and e["path"].startswith("recordings/"))
    original = (dest / rel).read_bytes()
    (dest / rel).write_bytes(original[:-1] + bytes([original[-1] ^ 1]))
    with pytest.raises(BackupError, match="sha256"):
        await asyncio.to_thread(restore, dest, base / "not-written")
    assert not (base / "not-written").exists()
    (dest / rel).write_bytes(original)
    check_backup(dest)

    result = await asyncio.to_thread(restore, dest, restored)
    assert result.recordings_relocated >= len(demo["recordings"]) + 1
    with pytest.raises(BackupError, match="非空|not empty"):
        await asyncio.to_thread(restore, dest, restored)

    # `courtroom verify` on the restored package (the court CA and TSA roots from the package).
    package = restored / Path(demo["dossier_package"]).relative_to(data)
    proc = await asyncio.to_thread(subprocess.run, [sys.executable, "-m", "web.cli", "verify", str(package)],
                                   cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr

    ctx2 = await start_context(_settings(restored))
    try:
        pool = ctx2.db.pool
        for hid in (old_hid, live_hid):
            assert await audit.verify(pool, str(hid)) == [], hid
        h = await hearings.get(pool, old_hid)
        for volume in ("main", "secondary"):
            assert await dossier.verify(pool, h.case_id, volume) == []
        record = await records.active_for_hearing(pool, old_hid)
        assert record is not None and record.state == "filed"
        # Every filed package in the restored blob store verifies.
        from courtroom.records.keys import blob_store
        from signing.package import verify_package

        pkg = blob_store(ctx2).local_path(record.package_sha256)
        assert pkg is not None and (await asyncio.to_thread(verify_package, pkg)).ok
        # The record as the server serves it: the signed PDF the demo filed, byte for byte.
        assert await read_blob(ctx2, old_hid, record.current_sha256) == Path(demo["signed_pdf"]).read_bytes()
        # The transcript and the recordings, where the restored server looks for them.
        assert len(await transcripts.list_for_hearing(pool, old_hid)) == len(demo["transcript"])
        rows = await recordings.for_hearing(pool, old_hid)
        assert len(rows) == len(demo["recordings"])
        for r in rows:
            path = Path(r["path"])
            assert path.is_relative_to(restored / "recordings") and path.is_file()
            assert hashlib.sha256(path.read_bytes()).hexdigest() == r["sha256"]
        # The hearing that ran during the backup: its recording up to where the backup found it.
        live_rows = await recordings.for_hearing(pool, live_hid)
        assert len(live_rows) == 1 and Path(live_rows[0]["path"]).is_file()
        assert 0 < Path(live_rows[0]["path"]).stat().st_size <= size_during
        assert await transcripts.list_for_hearing(pool, live_hid)
    finally:
        await stop_context(ctx2)
