"""Backup and restore timings for a court's data directory holding one hour of a 5-party hearing.

    python benchmarks/backup.py                      # 5 parties x 60 min, 640x360 VP8 ~0.9 Mbit/s + Opus 32 kbit/s
    python benchmarks/backup.py --minutes 5 --keep   # smaller; keep the directories to look at

What it builds (outside /root: the embedded PostgreSQL opens its data directory's parents):
  1. `courtroom demo --no-asr`'s data directory: a filed, signed case (a dossier package that
     `courtroom verify` checks), audit chains and their anchors;
  2. in the same case, a hearing with five parties that ran for --minutes: each party's video
     and audio recorded with the server's own Matroska writer (courtroom/media/matroska.py)
     from a short clip encoded once (libvpx realtime / libopus voip, as the simulated
     participants send) and repeated with advancing timestamps; a recording row per track,
     closed with its sha256 and copied into the court's store as the server does
     (courtroom/records/archive.py), so each recording is on disk twice, as on a real
     server; one transcript segment about every 5 s; the hearing closed.
Then it times, as separate processes, exactly what a court runs:
    courtroom backup DEST --data-dir DATA --json
    courtroom restore DEST --data-dir RESTORED --json
    courtroom verify RESTORED/.../package.zip ; courtroom audit verify --data-dir RESTORED
and checks the restored hour (every recording's sha256, the transcript's length). It prints
sizes and seconds, and removes everything it made unless --keep.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

PARTIES = (("plaintiff", "张原告"), ("defendant", "李被告"), ("agent", "王代理人"), ("third_party", "赵第三人"),
           ("witness", "钱证人"))
SENTENCES = ("原告请求被告支付货款八万元及逾期付款利息。", "被告对合同的真实性没有异议，但认为货物存在质量问题。",
             "请证人陈述二〇二二年三月十日交货时的情况。", "代理人请围绕争议焦点发表意见。",
             "双方是否愿意在法庭主持下进行调解？", "第三人对本案的处理结果有无意见？")


def remove(base: Path) -> None:
    """rmtree, after lifting the append-only attribute the anchor logs get (signing/anchor.py: chattr +a)."""
    if shutil.which("chattr"):
        for log in base.rglob("*.jsonl"):
            subprocess.run(["chattr", "-a", str(log)], capture_output=True)
    shutil.rmtree(base, ignore_errors=True)


def du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def encode_clips(seconds: float, fps: int, video_kbps: int, audio_kbps: int) -> tuple[list, list]:
    from courtroom.sim.testsource import encode_speech, encode_test_pattern, load_speech

    video = encode_test_pattern(640, 360, fps, seconds=seconds, bitrate=video_kbps * 1000, keyframe_interval_s=2.0)
    speech = load_speech(REPO / "tests" / "data" / "speech" / "zh_court_07.flac", seconds)
    audio = encode_speech(speech, bitrate=audio_kbps * 1000)
    return video, audio


def write_track(path: Path, kind: str, clip: list, frame_ms: float, minutes: float) -> tuple[float, int, str]:
    """The clip repeated for `minutes`, timestamps advancing: (duration s, bytes, sha256)."""
    from courtroom.media.matroska import MatroskaWriter, TrackFormat

    fmt = TrackFormat.vp8(640, 360) if kind == "video" else TrackFormat.opus(1)
    writer = MatroskaWriter(path, fmt, title=path.stem)
    total = int(minutes * 60_000 / frame_ms)
    for n in range(total):
        frame = clip[n % len(clip)]
        writer.write(int(n * frame_ms), frame.data, frame.keyframe)
    writer.close()
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return writer.duration_ms / 1000, path.stat().st_size, h.hexdigest()


async def build_hour(data: Path, case_id: uuid.UUID, minutes: float, fps: int, video_kbps: int,
                     audio_kbps: int) -> dict:
    from courtroom.config import Settings
    from courtroom.records.archive import archive_pending
    from models import audit, hearings, recordings, transcripts
    from models.domain import HearingState
    from web.app import start_context, stop_context

    video, audio = encode_clips(10.0, fps, video_kbps, audio_kbps)
    ctx = await start_context(Settings(data_dir=data, database_url=None, asr_enabled=False))
    actor = audit.Actor.system()
    try:
        async with ctx.db.pool.acquire() as conn:
            h = await hearings.schedule(conn, case_id=case_id, kind="hearing", mode="internet", title="第二次开庭（一小时）",
                                        scheduled_at=dt.datetime.now(dt.timezone.utc), place="第一法庭", actor=actor,
                                        created_by=None)
            people = [await hearings.add_participant(conn, h.id, role=role, name=name, actor=actor)
                      for role, name in PARTIES]
            await hearings.transition(conn, h.id, HearingState.OPEN, actor)
        directory = ctx.settings.recordings_dir / str(h.id)
        directory.mkdir(parents=True, exist_ok=True)
        t = time.perf_counter()
        wall = dt.datetime.now(dt.timezone.utc)
        tracks = recorded = 0
        for p in people:
            for kind, clip, frame_ms, codec in (("video", video, 1000 / fps, "vp8"), ("audio", audio, 20.0, "opus")):
                path = directory / f"{p.id}.{kind}.0000.webm"
                async with ctx.db.pool.acquire() as conn:
                    rec = await recordings.start_segment(conn, hearing_id=h.id, participant_id=p.id, kind=kind,
                                                         segment_index=0, path=str(path), codec=codec,
                                                         hearing_start_s=0.0, wall_start=wall)
                duration, size, sha = await asyncio.to_thread(write_track, path, kind, clip, frame_ms, minutes)
                async with ctx.db.pool.acquire() as conn:
                    await recordings.finish_segment(conn, rec, duration_s=duration, bytes_=size, sha256=sha)
                tracks += 1
                recorded += size
        write_s = time.perf_counter() - t
        t = time.perf_counter()
        stored = await archive_pending(ctx, h.id)  # the court's store, as the server copies closed segments
        store_s = time.perf_counter() - t
        segments = int(minutes * 60 / 5)
        async with ctx.db.pool.acquire() as conn:
            for i in range(segments):
                p = people[i % len(people)]
                await transcripts.add_recognized(
                    conn, segment_id=uuid.uuid4(), hearing_id=h.id, participant_id=p.id, speaker_role=p.role,
                    speaker_name=p.name, start_s=i * 5.0, end_s=i * 5.0 + 4.2, text=SENTENCES[i % len(SENTENCES)],
                    words=[], confidence=0.9, model="benchmark")
            await hearings.transition(conn, h.id, HearingState.CLOSED, actor)
    finally:
        await stop_context(ctx)
    return {"hearing_id": str(h.id), "tracks": tracks, "stored": stored, "segments": segments,
            "recorded_mb": round(recorded / 2**20, 1),
            "recorded_kbps_per_party": round(recorded * 8 / (minutes * 60) / len(people) / 1000),
            "write_s": round(write_s, 1), "store_s": round(store_s, 1)}


async def check_restored(restored: Path, hearing_id: str, segments: int) -> dict:
    from courtroom.config import Settings
    from models import recordings, transcripts
    from web.app import start_context, stop_context

    ctx = await start_context(Settings(data_dir=restored, database_url=None, asr_enabled=False))
    try:
        hid = uuid.UUID(hearing_id)
        rows = await recordings.for_hearing(ctx.db.pool, hid)
        for r in rows:
            path = Path(r["path"])
            assert path.is_relative_to(restored / "recordings"), path
            h = hashlib.sha256()
            with open(path, "rb") as fh:
                while chunk := fh.read(1 << 20):
                    h.update(chunk)
            assert h.hexdigest() == r["sha256"] and r["state"] == "closed", (path, r["state"])
        found = len(await transcripts.list_for_hearing(ctx.db.pool, hid))
        assert found == segments, (found, segments)
        return {"recordings": len(rows), "transcript_segments": found}
    finally:
        await stop_context(ctx)


def timed(cmd: list[str]) -> tuple[float, str]:
    t = time.perf_counter()
    out = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    seconds = time.perf_counter() - t
    if out.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({out.returncode}):\n{out.stdout[-2000:]}\n{out.stderr[-3000:]}")
    return seconds, out.stdout


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--minutes", type=float, default=60.0)
    ap.add_argument("--fps", type=int, default=30)
    ap.add_argument("--video-kbps", type=int, default=900)
    ap.add_argument("--audio-kbps", type=int, default=32)
    ap.add_argument("--base", default="/tmp", help="where to make the directories (not under /root)")
    ap.add_argument("--keep", action="store_true", help="keep the data, backup and restored directories")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    from web.demo import run_demo

    base = Path(tempfile.mkdtemp(prefix="courtroom-bench-backup-", dir=args.base))
    data, dest, restored = base / "data", base / "backup", base / "restored"
    cli = [sys.executable, "-m", "web.cli"]
    try:
        t = time.perf_counter()
        demo = asyncio.run(run_demo(data, asr=False, log=lambda *a: None))
        demo_s = time.perf_counter() - t
        from models import hearings
        from models.db import Database

        async def case_of() -> uuid.UUID:
            db = await Database.connect(None, pgdata=data / "pg")
            try:
                return (await hearings.get(db.pool, uuid.UUID(demo["hearing_id"]))).case_id
            finally:
                await db.close()

        case_id = asyncio.run(case_of())
        hour = asyncio.run(build_hour(data, case_id, args.minutes, args.fps, args.video_kbps, args.audio_kbps))
        sizes = {"data_dir": du(data), "recordings": du(data / "recordings"), "blobs": du(data / "blobs"),
                 "database": du(data / "pg")}

        backup_s, out = timed([*cli, "backup", str(dest), "--data-dir", str(data), "--json"])
        made = json.loads(out.strip().splitlines()[-1])
        sizes["backup"] = du(dest)
        restore_s, out = timed([*cli, "restore", str(dest), "--data-dir", str(restored), "--json"])
        back = json.loads(out.strip().splitlines()[-1])
        package = restored / Path(demo["dossier_package"]).relative_to(data)
        verify_s, _ = timed([*cli, "verify", str(package)])
        audit_s, _ = timed([*cli, "audit", "verify", "--data-dir", str(restored)])
        t = time.perf_counter()
        checked = asyncio.run(check_restored(restored, hour["hearing_id"], hour["segments"]))
        check_s = time.perf_counter() - t
        result = {
            "minutes": args.minutes, "parties": len(PARTIES), "fps": args.fps, "video_kbps": args.video_kbps,
            "audio_kbps": args.audio_kbps, "build": {"demo_s": round(demo_s, 1), **hour},
            "sizes_mb": {k: round(v / 2**20, 1) for k, v in sizes.items()},
            "backup": {"wall_s": round(backup_s, 1), "files": made["files"], "phases_s": made["seconds"]},
            "restore": {"wall_s": round(restore_s, 1), "files": back["files"], "phases_s": back["seconds"]},
            "verify": {"package_s": round(verify_s, 1), "audit_s": round(audit_s, 1),
                       "recordings_and_transcript_s": round(check_s, 1), **checked},
        }
    finally:
        if not args.keep:
            remove(base)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return 0
    s = result["sizes_mb"]
    print(f"{len(PARTIES)} parties x {args.minutes:g} min, 640x360 VP8 {args.video_kbps} kbit/s {args.fps} fps"
          f" + Opus {args.audio_kbps} kbit/s: {hour['recorded_mb']:.0f} MB recorded"
          f" ({hour['recorded_kbps_per_party']} kbit/s a party), written in {hour['write_s']} s"
          f" (+ {hour['store_s']} s to the store); {hour['segments']} transcript segments")
    print(f"data dir {s['data_dir']:.0f} MB (recordings {s['recordings']:.0f}, store {s['blobs']:.0f},"
          f" PostgreSQL {s['database']:.0f}); backup {s['backup']:.0f} MB, {made['files']} files")
    print(f"courtroom backup  {backup_s:6.1f} s  {made['seconds']}")
    print(f"courtroom restore {restore_s:6.1f} s  {back['seconds']}")
    print(f"courtroom verify (package) {verify_s:.1f} s; courtroom audit verify {audit_s:.1f} s;"
          f" {checked['recordings']} recordings' sha256 + {checked['transcript_segments']} transcript segments {check_s:.1f} s")
    print("removed" if not args.keep else f"kept in {base}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
