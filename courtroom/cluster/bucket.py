"""An S3-compatible bucket with Object Lock: copies of the recordings nobody can delete.

Optional (COURTROOM_S3_BUCKET and friends, courtroom/config.py). Each closed segment, once
in the court's store, is also put here under its sha256 with compliance-mode retention:
until `retain_until` no one, the bucket's owner and the court's administrators included,
can delete or overwrite that object version (S3 Object Lock, which the bucket must have
been created with; a bucket without it is refused, since its copies could be deleted).

The digest taken at close goes with the upload (ChecksumSHA256), so the service itself
rejects bytes that differ on the way; the file is hashed again here before it is sent,
so a file changed after its close is never copied as the recording. After the upload the
object's lock mode, retention and size are read back; only then is the copy recorded.

boto3 is synchronous: every call here blocks, so callers run them in a thread.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from signing.hashing import sha256_file

if TYPE_CHECKING:
    from courtroom.config import Settings

LOCK_MODE = "COMPLIANCE"


class BucketError(RuntimeError):
    """The bucket cannot keep this copy (not reachable, no Object Lock, refused bytes)."""


@dataclasses.dataclass(frozen=True)
class LockedCopy:
    location: str  # s3://bucket/key
    version_id: str | None
    sha256: str
    bytes: int
    lock_mode: str
    retain_until: dt.datetime


class LockedBucket:
    def __init__(self, *, bucket: str, endpoint: str | None = None, region: str = "us-east-1",
                 access_key: str | None = None, secret_key: str | None = None, prefix: str = "recordings/",
                 retention_days: float = 3650.0) -> None:
        try:
            import boto3
            from botocore.config import Config
        except ImportError as exc:  # an optional extra: say how to get it
            raise BucketError("S3 副本需要 boto3 / an S3 bucket needs boto3: pip install 'courtroom-server[s3]'") from exc
        self.bucket = bucket
        self.prefix = prefix
        self.retention = dt.timedelta(days=retention_days)
        self._s3: Any = boto3.client(
            "s3", endpoint_url=endpoint, region_name=region, aws_access_key_id=access_key,
            aws_secret_access_key=secret_key,
            config=Config(connect_timeout=5, read_timeout=60, retries={"max_attempts": 3, "mode": "standard"}))
        self._checked = False

    @classmethod
    def from_settings(cls, settings: "Settings") -> "LockedBucket | None":
        """The configured bucket (one client per configuration and process), or None."""
        if not settings.s3_bucket:
            return None
        key = (settings.s3_bucket, settings.s3_endpoint, settings.s3_region, settings.s3_access_key, settings.s3_prefix,
               settings.s3_retention_days)
        with _lock:
            bucket = _buckets.get(key)
            if bucket is None:
                bucket = _buckets[key] = cls(bucket=settings.s3_bucket, endpoint=settings.s3_endpoint,
                                             region=settings.s3_region, access_key=settings.s3_access_key,
                                             secret_key=settings.s3_secret_key, prefix=settings.s3_prefix,
                                             retention_days=settings.s3_retention_days)
        return bucket

    def check(self) -> None:
        """The bucket exists and has Object Lock enabled (else its copies could be deleted)."""
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            conf = self._s3.get_object_lock_configuration(Bucket=self.bucket)["ObjectLockConfiguration"]
        except ClientError as exc:
            code = exc.response.get("Error", {}).get("Code", "")
            if code == "ObjectLockConfigurationNotFoundError":
                raise BucketError(f"存储桶 {self.bucket} 未启用对象锁定 / bucket {self.bucket} has no Object Lock: "
                                  "its copies could be deleted; create it with Object Lock enabled") from exc
            raise BucketError(f"S3 存储桶不可用 / bucket {self.bucket}: {code or exc}") from exc
        except BotoCoreError as exc:
            raise BucketError(f"S3 不可达 / bucket {self.bucket} unreachable: {exc}") from exc
        if conf.get("ObjectLockEnabled") != "Enabled":
            raise BucketError(f"存储桶 {self.bucket} 未启用对象锁定 / bucket {self.bucket} has no Object Lock")
        self._checked = True

    def key_for(self, sha256: str) -> str:
        return f"{self.prefix}{sha256[:2]}/{sha256}"

    def put(self, path: Path, sha256: str) -> LockedCopy:
        """Copy the file, whose digest at close was `sha256`, locked in compliance mode."""
        from botocore.exceptions import BotoCoreError, ClientError

        if not self._checked:
            self.check()
        digest, size = sha256_file(path)
        if digest != sha256:
            raise BucketError(f"{path} changed after it was closed ({digest} != {sha256}): not copied")
        key = self.key_for(sha256)
        retain_until = (dt.datetime.now(dt.timezone.utc) + self.retention).replace(microsecond=0)
        try:
            with open(path, "rb") as f:
                put = self._s3.put_object(
                    Bucket=self.bucket, Key=key, Body=f, ContentLength=size, ContentType="video/webm",
                    ChecksumAlgorithm="SHA256", ChecksumSHA256=base64.b64encode(bytes.fromhex(sha256)).decode(),
                    ObjectLockMode=LOCK_MODE, ObjectLockRetainUntilDate=retain_until, Metadata={"sha256": sha256})
            version = put.get("VersionId")
            head = self._s3.head_object(Bucket=self.bucket, Key=key, **({"VersionId": version} if version else {}))
        except (ClientError, BotoCoreError) as exc:
            raise BucketError(f"S3 副本失败 / copy of {path} to s3://{self.bucket}/{key} failed: {exc}") from exc
        mode, until = head.get("ObjectLockMode"), head.get("ObjectLockRetainUntilDate")
        if mode != LOCK_MODE or until is None or until < retain_until - dt.timedelta(seconds=1):
            raise BucketError(f"s3://{self.bucket}/{key} is not locked as asked: mode {mode}, until {until}")
        if head.get("ContentLength") != size or head.get("Metadata", {}).get("sha256") != sha256:
            raise BucketError(f"s3://{self.bucket}/{key} does not hold what was sent ({head.get('ContentLength')} bytes)")
        return LockedCopy(f"s3://{self.bucket}/{key}", version, sha256, size, mode, until)


_buckets: dict[tuple, LockedBucket] = {}
_lock = threading.Lock()
