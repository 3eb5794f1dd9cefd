"""Server configuration: one immutable Settings object, from defaults, environment and CLI flags.

Environment variables (all optional):
  COURTROOM_DATA_DIR     where the embedded database, recordings, models and keys live
  DATABASE_URL           use this PostgreSQL instead of the embedded one (the app's role: owns no table)
  COURTROOM_DATABASE_OWNER_URL  the schema owner, for migrations and grants (with DATABASE_URL)
  COURTROOM_AUDIT_ANCHOR_LOG    the write-once audit anchor log (default <data dir>/audit/anchors.jsonl);
                         put it on another disk or a WORM mount
  COURTROOM_AUDIT_ANCHOR_INTERVAL_S  seconds between audit anchors (default 60)
  COURTROOM_DISK_FLOOR_MB   free disk under the data and recordings directories below which a hearing
                         does not open or resume, a running one is paused and /readyz answers 503
                         (default 2048; COURTROOM_RECORDING_MIN_FREE_MB is its deprecated old name)
  COURTROOM_RECORDING_WARN_FREE_MB  below this the judge and clerk are warned (default 4096)
  COURTROOM_HOST_ADDRESSES  comma-separated IP addresses offered as ICE host candidates
  COURTROOM_ICE_SERVERS  comma-separated STUN/TURN URLs (turn:user:pass@host:port for TURN)
  COURTROOM_WHISPER_MODEL   path of a CTranslate2 Whisper model directory (default: packaged base)
  COURTROOM_ASR_DEVICE   auto | cpu | cuda
  COURTROOM_ASR_BEAM     beam width of final passes (default 5; 1 = greedy, faster commits on a slow CPU)
  COURTROOM_NUMBER_STYLE arabic | chinese: amounts and dates in the live transcript (default arabic)
  COURTROOM_MASTER_KEY   base64 32-byte key wrapping per-case keys (generated into the data dir if unset)
  COURTROOM_COURT_NAME   the court's name on records, certificates and the broadcast
  COURTROOM_BROADCAST_DELAY_S  public broadcast delay in seconds (default 30)
  COURTROOM_BROADCAST_FPS      broadcast frame rate (default 15)
  COURTROOM_RTMP_URL     push the public broadcast to this RTMP ingest too
  COURTROOM_TSA_URL      RFC 3161 time-stamp authority for every signature
  COURTROOM_TSA_CA       PEM root certificate of that TSA (goes into each dossier package)
  COURTROOM_DOSSIER_PUSH_URL  external electronic-dossier system that receives each filed package
  COURTROOM_DRAIN_GRACE_S  how long SIGTERM waits for open hearings to close (default 600)
  COURTROOM_METRICS_TOKEN  bearer token a remote Prometheus sends to GET /metrics
  COURTROOM_LOG_FORMAT   text (default, for a terminal) | json (one object a line)
  COURTROOM_LOG_LEVEL    debug | info (default) | warning | error
  COURTROOM_S3_BUCKET    also copy every closed recording segment to this S3 bucket (Object Lock on),
                         in compliance-mode retention; with COURTROOM_S3_ENDPOINT (default AWS),
                         COURTROOM_S3_REGION, COURTROOM_S3_ACCESS_KEY / COURTROOM_S3_SECRET_KEY (default:
                         boto3's own credential chain), COURTROOM_S3_PREFIX, COURTROOM_S3_RETENTION_DAYS

`courtroom serve` has a flag for each of the last six and --number-style; a flag wins over the environment.
"""

from __future__ import annotations

import dataclasses
import logging
import os
from pathlib import Path
from typing import Any

from asr.numbers import NUMBER_STYLES


def default_data_dir() -> Path:
    env = os.environ.get("COURTROOM_DATA_DIR")
    if env:
        return Path(env)
    # The embedded PostgreSQL opens its data directory's parents for its system
    # user when run as root, so keep root's data out of /root.
    if os.geteuid() == 0:
        return Path("/var/lib/courtroom")
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "courtroom"


def _csv(name: str) -> tuple[str, ...]:
    value = os.environ.get(name, "")
    return tuple(v.strip() for v in value.split(",") if v.strip())


def _env(name: str) -> str | None:
    return os.environ.get(name, "").strip() or None


def _env_number(name: str, default: float, kind: type = float):
    value = _env(name)
    if value is None:
        return kind(default)
    try:
        return kind(value)
    except ValueError:
        raise ValueError(f"{name} must be a number, got {value!r}") from None


def _env_path(name: str) -> Path | None:
    value = _env(name)
    return Path(value) if value else None


DEFAULT_DISK_FLOOR_MB = 2048.0  # about an hour of a 5-party hearing's recordings (benchmarks/backup.py)
_DEPRECATED_DISK_FLOOR_ENV = "COURTROOM_RECORDING_MIN_FREE_MB"
_warned_deprecated: set[str] = set()


def disk_floor_mb_from_env() -> float:
    """COURTROOM_DISK_FLOOR_MB, or its deprecated old name (with a warning, once a process)."""
    if _env("COURTROOM_DISK_FLOOR_MB") is None and _env(_DEPRECATED_DISK_FLOOR_ENV) is not None:
        if _DEPRECATED_DISK_FLOOR_ENV not in _warned_deprecated:
            _warned_deprecated.add(_DEPRECATED_DISK_FLOOR_ENV)
            logging.getLogger(__name__).warning(
                "%s is deprecated: set COURTROOM_DISK_FLOOR_MB (one floor for recordings and readiness)",
                _DEPRECATED_DISK_FLOOR_ENV)
        return float(_env_number(_DEPRECATED_DISK_FLOOR_ENV, DEFAULT_DISK_FLOOR_MB))
    return float(_env_number("COURTROOM_DISK_FLOOR_MB", DEFAULT_DISK_FLOOR_MB))


LOG_FORMATS = ("text", "json")


def log_format_from_env() -> str:
    return (_env("COURTROOM_LOG_FORMAT") or "text").lower()


def log_level_from_env() -> str:
    return (_env("COURTROOM_LOG_LEVEL") or "INFO").upper()


# Below this the broadcast cannot hold back a segment long enough to cut it (courtroom/broadcast.py).
MIN_BROADCAST_DELAY_S = 2.0


@dataclasses.dataclass(frozen=True)
class Settings:
    data_dir: Path = dataclasses.field(default_factory=default_data_dir)
    database_url: str | None = dataclasses.field(default_factory=lambda: os.environ.get("DATABASE_URL") or None)
    host: str = "127.0.0.1"
    port: int = 8000
    court_name: str = dataclasses.field(default_factory=lambda: _env("COURTROOM_COURT_NAME") or "示范市中级人民法院")
    # TLS: browsers allow camera and microphone only on https or localhost.
    tls_cert: Path | None = None
    tls_key: Path | None = None
    # WebRTC: which local addresses to offer and which STUN/TURN servers to use.
    # Empty host_addresses means every interface (aioice's default).
    host_addresses: tuple[str, ...] = dataclasses.field(default_factory=lambda: _csv("COURTROOM_HOST_ADDRESSES"))
    ice_servers: tuple[str, ...] = dataclasses.field(default_factory=lambda: _csv("COURTROOM_ICE_SERVERS"))
    # ASR
    whisper_model: Path | None = dataclasses.field(
        default_factory=lambda: Path(os.environ["COURTROOM_WHISPER_MODEL"]) if os.environ.get("COURTROOM_WHISPER_MODEL") else None
    )
    asr_device: str = dataclasses.field(default_factory=lambda: os.environ.get("COURTROOM_ASR_DEVICE", "auto"))
    # Finals' beam: 5 lowered CER on every held-out set (benchmarks/README-asr.md) at ~0.35 s
    # more commit delay on a 2-core CPU; a court short of CPU may choose 1 (greedy).
    asr_beam: int = dataclasses.field(default_factory=lambda: _env_number("COURTROOM_ASR_BEAM", 5, int))
    asr_enabled: bool = True
    # NATS with JetStream (issue 11): when set, live speech goes as utterances to
    # `courtroom asr-worker` processes instead of a Whisper model in this process.
    nats_url: str | None = dataclasses.field(default_factory=lambda: _env("NATS_URL"))
    # What this process is (issue 11): "single" holds everything (the default); "front"
    # serves API and pages and proxies /ws/hearing to the media worker a hearing is placed
    # on; "media" (`courtroom media-worker`) hosts whole hearings.
    role: str = dataclasses.field(default_factory=lambda: _env("COURTROOM_ROLE") or "single")
    # The court's store (content-addressed): a shared mount (NFS, CephFS) when media workers
    # run on several machines, so any front files and plays what any worker recorded.
    store_dir: Path | None = dataclasses.field(default_factory=lambda: _env_path("COURTROOM_STORE_DIR"))
    # How the live transcript writes amounts and dates (asr.numbers.NUMBER_STYLES): "arabic"
    # (8万元, 2022年3月10日) or "chinese" (八万元, 二〇二二年三月十日); one convention per court.
    number_style: str = dataclasses.field(default_factory=lambda: _env("COURTROOM_NUMBER_STYLE") or "arabic")
    # Join tokens expire after this many seconds unless issued with another lifetime.
    token_lifetime_s: int = 8 * 3600
    # Public broadcast delay: segments are published only this long after capture.
    broadcast_delay_s: float = dataclasses.field(default_factory=lambda: _env_number("COURTROOM_BROADCAST_DELAY_S", 30.0))
    rtmp_url: str | None = dataclasses.field(default_factory=lambda: _env("COURTROOM_RTMP_URL"))
    # The broadcast programme (courtroom/programme.py): one composed 720p picture, H.264 +
    # AAC, a keyframe (and an HLS segment) every broadcast_segment_s, as ingest sites expect.
    broadcast_layout: str = "presiding"  # presiding (judge large, others tiled) | grid
    broadcast_width: int = 1280
    broadcast_height: int = 720
    # 15 fps keeps an 8-input composition under half a core on a 2-core server
    # (benchmarks/broadcast.py: 0.46 at 15 fps, 0.61 at 30); raise it on a bigger machine.
    broadcast_fps: int = dataclasses.field(default_factory=lambda: _env_number("COURTROOM_BROADCAST_FPS", 15, int))
    broadcast_video_bitrate: int = 2_000_000
    broadcast_audio_bitrate: int = 64_000
    # x264: ultrafast plus CABAC and deblocking (benchmarks/broadcast.py compares presets).
    broadcast_x264_preset: str = "ultrafast"
    broadcast_x264_params: str = "cabac=1:deblock=0,0"
    broadcast_segment_s: float = 2.0
    # External dossier system to push filed packages to (optional).
    dossier_push_url: str | None = dataclasses.field(default_factory=lambda: _env("COURTROOM_DOSSIER_PUSH_URL"))
    # RFC 3161 time-stamps on every signature, and the TSA's root for verifying them.
    tsa_url: str | None = dataclasses.field(default_factory=lambda: _env("COURTROOM_TSA_URL"))
    tsa_ca: Path | None = dataclasses.field(default_factory=lambda: _env_path("COURTROOM_TSA_CA"))
    # Migrations run as the owner; the pool as DATABASE_URL's unprivileged role (models/db.py).
    database_owner_url: str | None = dataclasses.field(default_factory=lambda: _env("COURTROOM_DATABASE_OWNER_URL"))
    # Audit chain heads, signed, outside the database (models/anchoring.py).
    audit_anchor_log: Path | None = dataclasses.field(default_factory=lambda: _env_path("COURTROOM_AUDIT_ANCHOR_LOG"))
    audit_anchor_interval_s: float = dataclasses.field(
        default_factory=lambda: _env_number("COURTROOM_AUDIT_ANCHOR_INTERVAL_S", 60.0))
    # Free disk (COURTROOM_DISK_FLOOR_MB): one floor for the recordings (courtroom/hearing/room.py:
    # no opening or resuming below it, a running hearing pauses) and for /readyz; and a warning.
    recording_min_free_mb: float = dataclasses.field(default_factory=disk_floor_mb_from_env)
    recording_warn_free_mb: float = dataclasses.field(
        default_factory=lambda: _env_number("COURTROOM_RECORDING_WARN_FREE_MB", 4096.0))
    # Optional S3-compatible bucket with Object Lock (issue 11; courtroom/cluster/bucket.py): each
    # closed segment is also copied there with its sha256, locked in compliance mode.
    s3_bucket: str | None = dataclasses.field(default_factory=lambda: _env("COURTROOM_S3_BUCKET"))
    s3_endpoint: str | None = dataclasses.field(default_factory=lambda: _env("COURTROOM_S3_ENDPOINT"))
    s3_region: str = dataclasses.field(default_factory=lambda: _env("COURTROOM_S3_REGION") or "us-east-1")
    s3_access_key: str | None = dataclasses.field(default_factory=lambda: _env("COURTROOM_S3_ACCESS_KEY"))
    s3_secret_key: str | None = dataclasses.field(default_factory=lambda: _env("COURTROOM_S3_SECRET_KEY"), repr=False)
    s3_prefix: str = dataclasses.field(default_factory=lambda: _env("COURTROOM_S3_PREFIX") or "recordings/")
    s3_retention_days: float = dataclasses.field(
        default_factory=lambda: _env_number("COURTROOM_S3_RETENTION_DAYS", 3650.0))

    # Operations (courtroom/operations/): SIGTERM's wait for open hearings, the bearer token a
    # remote Prometheus scrapes /metrics with, and the log format.
    drain_grace_s: float = dataclasses.field(default_factory=lambda: _env_number("COURTROOM_DRAIN_GRACE_S", 600.0))
    metrics_token: str | None = dataclasses.field(default_factory=lambda: _env("COURTROOM_METRICS_TOKEN"), repr=False)
    log_format: str = dataclasses.field(default_factory=log_format_from_env)

    @property
    def disk_floor_bytes(self) -> int:
        return int(self.recording_min_free_mb * 1024 * 1024)

    @property
    def recordings_dir(self) -> Path:
        return self.data_dir / "recordings"

    @property
    def blobs_dir(self) -> Path:
        """The court's store: records, packages and every closed recording segment, by sha256."""
        return self.store_dir or self.data_dir / "blobs"

    @property
    def models_dir(self) -> Path:
        return self.data_dir / "models"

    @property
    def keys_dir(self) -> Path:
        return self.data_dir / "keys"

    @property
    def pg_dir(self) -> Path:
        return self.data_dir / "pg"

    def replace(self, **changes: Any) -> "Settings":
        return dataclasses.replace(self, **changes)

    def problems(self) -> list[str]:
        """What is wrong with this configuration, in words for the operator (empty when fine).

        Checked before the server starts, so a typo in a URL or a missing certificate
        stops `serve` with a clear message instead of failing at the first signature."""
        out = []
        if not self.court_name.strip():
            out.append("法院名称不能为空 / the court name is empty (COURTROOM_COURT_NAME)")
        if self.broadcast_delay_s < MIN_BROADCAST_DELAY_S:
            out.append(f"直播延时至少 {MIN_BROADCAST_DELAY_S:g} 秒 / broadcast delay must be at least "
                       f"{MIN_BROADCAST_DELAY_S:g} s, got {self.broadcast_delay_s:g}")
        if not 1 <= self.broadcast_fps <= 60:
            out.append(f"直播帧率应在 1–60 之间 / broadcast fps must be 1..60, got {self.broadcast_fps}")
        for label, url, schemes in (("RTMP", self.rtmp_url, ("rtmp://", "rtmps://")),
                                    ("TSA", self.tsa_url, ("http://", "https://")),
                                    ("dossier push", self.dossier_push_url, ("http://", "https://")),
                                    ("NATS", self.nats_url, ("nats://", "tls://"))):
            if url and not url.lower().startswith(schemes):
                out.append(f"{label} 地址格式不正确 / {label} URL must start with {' or '.join(schemes)}: {url}")
        if self.tsa_ca is not None:
            if not self.tsa_url:
                out.append("设置了时间戳服务根证书却未设置时间戳服务地址 / COURTROOM_TSA_CA without COURTROOM_TSA_URL")
            if not self.tsa_ca.is_file():
                out.append(f"找不到时间戳服务根证书 / TSA root certificate not found: {self.tsa_ca}")
        if self.role not in ("single", "front", "media"):
            out.append(f"进程角色应为 single、front 或 media / COURTROOM_ROLE must be single, front or media, got {self.role!r}")
        elif self.role != "single" and not self.database_url:
            out.append(f"{self.role} 进程需要共享的数据库 / a {self.role} process needs DATABASE_URL (a shared PostgreSQL)")
        elif self.role == "media" and self.asr_enabled and not self.nats_url:
            out.append("媒体工作进程需要 NATS / a media worker needs NATS_URL for speech recognition (or --no-asr)")
        if self.number_style not in NUMBER_STYLES:
            out.append(f"数字写法须为 {' 或 '.join(NUMBER_STYLES)} / number style must be one of "
                       f"{', '.join(NUMBER_STYLES)}, got {self.number_style!r} (COURTROOM_NUMBER_STYLE)")
        if not 1 <= self.asr_beam <= 10:
            out.append(f"识别束宽须为 1 到 10 / COURTROOM_ASR_BEAM must be 1..10, got {self.asr_beam}")
        if self.log_format not in LOG_FORMATS:
            out.append(f"日志格式须为 text 或 json / COURTROOM_LOG_FORMAT must be text or json, got {self.log_format!r}")
        if self.drain_grace_s < 0:
            out.append(f"COURTROOM_DRAIN_GRACE_S must not be negative, got {self.drain_grace_s:g}")
        if self.recording_min_free_mb < 0:
            out.append(f"COURTROOM_DISK_FLOOR_MB must not be negative, got {self.recording_min_free_mb:g}")
        if (self.tls_cert is None) != (self.tls_key is None):
            out.append("--tls-cert 与 --tls-key 须同时提供 / --tls-cert and --tls-key go together")
        if self.s3_endpoint and not self.s3_endpoint.lower().startswith(("http://", "https://")):
            out.append(f"S3 地址格式不正确 / COURTROOM_S3_ENDPOINT must start with http:// or https://: {self.s3_endpoint}")
        if self.s3_endpoint and not self.s3_bucket:
            out.append("设置了 S3 地址却未设置存储桶 / COURTROOM_S3_ENDPOINT without COURTROOM_S3_BUCKET")
        if self.s3_bucket and not self.s3_retention_days > 0:
            out.append(f"S3 保留期须为正数 / COURTROOM_S3_RETENTION_DAYS must be positive, got {self.s3_retention_days:g}")
        if (self.s3_access_key is None) != (self.s3_secret_key is None):
            out.append("COURTROOM_S3_ACCESS_KEY 与 COURTROOM_S3_SECRET_KEY 须同时提供 / S3 access and secret keys go together")
        return out
