"""Copies of the recordings in an S3-compatible bucket with Object Lock (issue 11).

The S3 service is outside the court's system; here moto's server stands in for it, run
as its own process on 127.0.0.1 (it implements versioning and Object Lock retention),
and boto3 talks to it over HTTP as it would to MinIO, Ceph RGW or AWS.

- A locked copy: compliance mode, retention ahead, the digest taken at close; deleting
  that version is refused by the service, the bytes read back hash to the digest.
- A bucket created without Object Lock is refused (its copies could be deleted).
- Through the archive path: a closed segment goes to the court's store and then to the
  bucket; the database records both copies, the audit chain has the locked one and
  verifies. With the bucket unreachable the segment is stored, the bucket copy is left
  missing (not recorded), and the next archive pass makes it once the bucket is back."""

from __future__ import annotations

import datetime as dt
import hashlib
import socket
import subprocess
import sys
import time
import uuid

import httpx
import pytest

from courtroom.cluster.bucket import LOCK_MODE, BucketError, LockedBucket
from courtroom.records.archive import archive_pending, archive_recording
from models import audit, cases, hearings, recordings, staff
from tests.fixtures.server import start_court, stop_court

CREDS = {"access_key": "courtroom-test", "secret_key": "courtroom-test-secret"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, proc.stdout.read().decode(errors="replace") if proc.stdout else ""
            try:
                httpx.get(url, timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "moto's S3 server did not start"
                time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def _client(endpoint: str):
    import boto3

    return boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=CREDS["access_key"],
                        aws_secret_access_key=CREDS["secret_key"])


def _make_bucket(endpoint: str, *, locked: bool = True) -> str:
    name = f"court-{uuid.uuid4().hex[:10]}"
    _client(endpoint).create_bucket(Bucket=name, ObjectLockEnabledForBucket=locked)
    return name


def test_a_locked_copy_cannot_be_deleted(s3_endpoint, tmp_path):
    from botocore.exceptions import ClientError

    name = _make_bucket(s3_endpoint)
    path = tmp_path / "seg.webm"
    path.write_bytes(b"\x1a\x45\xdf\xa3" + bytes(range(256)) * 300)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    bucket = LockedBucket(bucket=name, endpoint=s3_endpoint, prefix="rec/", retention_days=30, **CREDS)
    copy = bucket.put(path, digest)
    assert copy.location == f"s3://{name}/rec/{digest[:2]}/{digest}" and copy.lock_mode == LOCK_MODE
    assert copy.retain_until > dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=29)
    assert copy.version_id and copy.bytes == path.stat().st_size
    s3 = _client(s3_endpoint)
    key = bucket.key_for(digest)
    with pytest.raises(ClientError) as refused:  # compliance mode: not even the owner may delete it
        s3.delete_object(Bucket=name, Key=key, VersionId=copy.version_id)
    assert refused.value.response["Error"]["Code"] == "AccessDenied", refused.value.response
    body = s3.get_object(Bucket=name, Key=key, VersionId=copy.version_id)["Body"].read()
    assert hashlib.sha256(body).hexdigest() == digest

    # A file that changed after its close is not copied as the recording.
    path.write_bytes(b"changed")
    with pytest.raises(BucketError, match="changed after it was closed"):
        bucket.put(path, digest)


def test_a_bucket_without_object_lock_is_refused(s3_endpoint, tmp_path):
    name = _make_bucket(s3_endpoint, locked=False)
    path = tmp_path / "seg.webm"
    path.write_bytes(b"x" * 1000)
    bucket = LockedBucket(bucket=name, endpoint=s3_endpoint, **CREDS)
    with pytest.raises(BucketError, match="no Object Lock"):
        bucket.put(path, hashlib.sha256(b"x" * 1000).hexdigest())


async def _closed_segment(ctx, payload: bytes) -> dict:
    actor = audit.Actor.system()
    async with ctx.db.pool.acquire() as conn:
        clerk = await staff.create_staff(conn, court_id=ctx.court_id, username=f"clerk-{uuid.uuid4().hex[:6]}",
                                         display_name="桶书记员", position="clerk", password=uuid.uuid4().hex, actor=actor)
        case = await cases.create_case(conn, court_id=ctx.court_id, case_number=f"（2026）吉01民初{uuid.uuid4().hex[:6]}号",
                                       cause="买卖合同纠纷", creator=clerk)
        h = await hearings.schedule(conn, case_id=case.id, kind="hearing", mode="courtroom", title="第一次开庭",
                                    scheduled_at=dt.datetime.now(dt.timezone.utc), place="第一法庭", actor=actor,
                                    created_by=None)
        p = await hearings.add_participant(conn, h.id, role="plaintiff", name="王原告", actor=actor)
        path = ctx.settings.recordings_dir / str(h.id) / f"{p.id}.audio.0000.webm"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(payload)
        rec_id = await recordings.start_segment(conn, hearing_id=h.id, participant_id=p.id, kind="audio", segment_index=0,
                                                path=str(path), codec="opus", hearing_start_s=0.0,
                                                wall_start=dt.datetime.now(dt.timezone.utc))
        await recordings.finish_segment(conn, rec_id, duration_s=1.0, bytes_=len(payload),
                                        sha256=hashlib.sha256(payload).hexdigest())
        return await recordings.get(conn, rec_id)


async def test_closed_segments_go_to_the_locked_bucket_and_the_database_knows_where(db, s3_endpoint):
    name = _make_bucket(s3_endpoint)
    court, server, data_dir = await start_court(db, s3_bucket=name, s3_endpoint=s3_endpoint, s3_prefix="court/",
                                                s3_access_key=CREDS["access_key"], s3_secret_key=CREDS["secret_key"])
    ctx = court.ctx
    try:
        payload = b"\x1a\x45\xdf\xa3" + uuid.uuid4().bytes * 2000
        row = await _closed_segment(ctx, payload)
        assert await archive_recording(ctx, row)
        copies = {c["target"]: c for c in await recordings.copies(ctx.db.pool, row["id"])}
        assert set(copies) == {"store", "s3"}
        assert copies["store"]["sha256"] == copies["s3"]["sha256"] == row["sha256"]
        s3c = copies["s3"]
        assert s3c["location"] == f"s3://{name}/court/{row['sha256'][:2]}/{row['sha256']}" and s3c["lock_mode"] == LOCK_MODE
        assert s3c["retain_until"] > dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=3000)
        head = _client(s3_endpoint).head_object(Bucket=name, Key=s3c["location"].split("/", 3)[3], VersionId=s3c["version_id"])
        assert head["ObjectLockMode"] == LOCK_MODE and head["Metadata"]["sha256"] == row["sha256"]
        events = [e for e in await audit.entries(ctx.db.pool, str(row["hearing_id"])) if e["action"] == "recording.copied_s3"]
        assert len(events) == 1 and events[0]["detail"]["version_id"] == s3c["version_id"]
        assert await audit.verify(ctx.db.pool, str(row["hearing_id"])) == []

        # The bucket unreachable: stored, no bucket copy recorded; the next pass makes it.
        reachable = ctx.settings
        ctx.settings = reachable.replace(s3_endpoint=f"http://127.0.0.1:{_free_port()}")
        row2 = await _closed_segment(ctx, b"\x1a\x45\xdf\xa3" + uuid.uuid4().bytes * 1000)
        assert await archive_recording(ctx, row2)  # in the court's store all the same
        assert [c["target"] for c in await recordings.copies(ctx.db.pool, row2["id"])] == ["store"]
        ctx.settings = reachable
        await archive_pending(ctx, row2["hearing_id"])
        assert [c["target"] for c in await recordings.copies(ctx.db.pool, row2["id"])] == ["s3", "store"]
    finally:
        await stop_court(court, server, data_dir)


def test_s3_settings_are_checked():
    from pathlib import Path

    from courtroom.config import Settings

    s = Settings(data_dir=Path("/tmp/unused"))
    assert s.replace(s3_endpoint="minio:9000", s3_bucket="b").problems() == [
        "S3 地址格式不正确 / COURTROOM_S3_ENDPOINT must start with http:// or https://: minio:9000"]
    assert "COURTROOM_S3_ENDPOINT without COURTROOM_S3_BUCKET" in s.replace(s3_endpoint="http://m:9000").problems()[0]
    assert "must be positive" in s.replace(s3_bucket="b", s3_retention_days=0).problems()[0]
    assert "go together" in s.replace(s3_bucket="b", s3_access_key="k").problems()[0]


