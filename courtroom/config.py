"""Server configuration: one immutable Settings object, from defaults, environment and CLI flags.

Environment variables (all optional):
  COURTROOM_DATA_DIR     where the embedded database, recordings, models and keys live
  DATABASE_URL           use this PostgreSQL instead of the embedded one
  COURTROOM_HOST_ADDRESSES  comma-separated IP addresses offered as ICE host candidates
  COURTROOM_ICE_SERVERS  comma-separated STUN/TURN URLs (turn:user:pass@host:port for TURN)
  COURTROOM_WHISPER_MODEL   path of a CTranslate2 Whisper model directory (default: packaged base)
  COURTROOM_ASR_DEVICE   auto | cpu | cuda
  COURTROOM_MASTER_KEY   base64 32-byte key wrapping per-case keys (generated into the data dir if unset)
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path


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


@dataclasses.dataclass(frozen=True)
class Settings:
    data_dir: Path = dataclasses.field(default_factory=default_data_dir)
    database_url: str | None = dataclasses.field(default_factory=lambda: os.environ.get("DATABASE_URL") or None)
    host: str = "127.0.0.1"
    port: int = 8000
    court_name: str = "示范市中级人民法院"
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
    asr_enabled: bool = True
    # Join tokens expire after this many seconds unless issued with another lifetime.
    token_lifetime_s: int = 8 * 3600
    # Public broadcast delay: segments are published only this long after capture.
    broadcast_delay_s: float = 30.0
    rtmp_url: str | None = None
    # The broadcast programme (courtroom/programme.py): one composed 720p picture, H.264 +
    # AAC, a keyframe (and an HLS segment) every broadcast_segment_s, as ingest sites expect.
    broadcast_layout: str = "presiding"  # presiding (judge large, others tiled) | grid
    broadcast_width: int = 1280
    broadcast_height: int = 720
    # 15 fps keeps an 8-input composition under half a core on a 2-core server
    # (benchmarks/broadcast.py: 0.46 at 15 fps, 0.61 at 30); raise it on a bigger machine.
    broadcast_fps: int = dataclasses.field(default_factory=lambda: int(os.environ.get("COURTROOM_BROADCAST_FPS", "15")))
    broadcast_video_bitrate: int = 2_000_000
    broadcast_audio_bitrate: int = 64_000
    # x264: ultrafast plus CABAC and deblocking (benchmarks/broadcast.py compares presets).
    broadcast_x264_preset: str = "ultrafast"
    broadcast_x264_params: str = "cabac=1:deblock=0,0"
    broadcast_segment_s: float = 2.0
    # External dossier system to push filed packages to (optional).
    dossier_push_url: str | None = None
    tsa_url: str | None = None

    @property
    def recordings_dir(self) -> Path:
        return self.data_dir / "recordings"

    @property
    def blobs_dir(self) -> Path:
        return self.data_dir / "blobs"

    @property
    def models_dir(self) -> Path:
        return self.data_dir / "models"

    @property
    def keys_dir(self) -> Path:
        return self.data_dir / "keys"

    @property
    def pg_dir(self) -> Path:
        return self.data_dir / "pg"

    def replace(self, **changes: object) -> "Settings":
        return dataclasses.replace(self, **changes)
