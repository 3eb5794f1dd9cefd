"""The `courtroom` command: serve, media-worker, asr-worker, demo, transcribe, verify, audit verify, backup, restore.

Each subcommand's implementation lives with the package that owns it; this module
only parses arguments and imports lazily, so `courtroom verify` does not load WebRTC
and `courtroom serve` does not load PDF code until needed."""

from __future__ import annotations

import argparse
import os
import sys


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="courtroom", description="数字法庭与智能合议服务器")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the server (embedded PostgreSQL unless DATABASE_URL is set)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--data-dir", default=None)
    serve.add_argument("--tls-cert", default=None, help="PEM certificate for https/wss")
    serve.add_argument("--tls-key", default=None, help="PEM private key for https/wss")
    serve.add_argument("--self-signed", action="store_true", help="make a self-signed certificate for a trial")
    serve.add_argument("--no-asr", action="store_true", help="do not transcribe")
    serve.add_argument("--court-name", default=None, help="the court's name on records and certificates")
    serve.add_argument("--broadcast-delay", type=float, default=None, help="public broadcast delay in seconds (default 30)")
    serve.add_argument("--rtmp-url", default=None, help="also push the public broadcast to this RTMP ingest")
    serve.add_argument("--tsa-url", default=None, help="RFC 3161 time-stamp authority for signatures")
    serve.add_argument("--tsa-ca", default=None, help="PEM root certificate of the time-stamp authority")
    serve.add_argument("--number-style", default=None, help="amounts and dates in the transcript: arabic (8万元) or chinese (八万元)")
    serve.add_argument("--dossier-push-url", default=None, help="external dossier system that receives filed packages")
    # The embedded default grows with the machine (issue 11): one media worker per core.
    serve.add_argument("--media-workers", default=os.environ.get("COURTROOM_MEDIA_WORKERS", "auto"),
                       help="hearings in N media worker processes (default auto: one per core), with embedded NATS "
                            "and an ASR worker, this process the front; 0: everything in this one process "
                            "(small installs)")

    from courtroom.cluster.asr_worker import build_parser as asr_worker_parser
    from web.media_worker import build_parser as media_worker_parser

    media_worker_parser(sub.add_parser("media-worker", help="a process that hosts whole hearings (behind a front)"))
    asr_worker_parser(sub.add_parser("asr-worker", help="a Whisper process fed from the NATS JetStream work queue"))

    demo = sub.add_parser("demo", help="hold a short simulated hearing end to end and print where everything went")
    demo.add_argument("--data-dir", default=None)
    demo.add_argument("--json", action="store_true", help="print a machine-readable summary")
    demo.add_argument("--no-asr", action="store_true")
    demo.add_argument("--hearings", type=int, default=1, help="N simulated hearings at once, on media worker processes")
    demo.add_argument("--media-workers", type=int, default=0, help="with --hearings: media workers (default: one per core)")

    tr = sub.add_parser("transcribe", help="transcribe an audio file with the hearing pipeline")
    from asr.cli import add_transcribe_arguments

    add_transcribe_arguments(tr)

    ver = sub.add_parser("verify", help="verify a dossier package (zip or directory) offline")
    ver.add_argument("package")
    ver.add_argument("--ca", default=None, help="court CA certificate (PEM); default: the one in the package")
    ver.add_argument("--tsa-ca", default=None, help="root certificate of the time-stamp authority (PEM); default: the one in the package")

    aud = sub.add_parser("audit", help="the audit trail")
    aud_sub = aud.add_subparsers(dest="audit_command", required=True)
    aver = aud_sub.add_parser("verify", help="check the database's audit chains against the signed anchors outside it")
    aver.add_argument("--data-dir", default=None)
    aver.add_argument("--log", default=None, help="anchor log (default: COURTROOM_AUDIT_ANCHOR_LOG or <data dir>/audit/anchors.jsonl)")
    aver.add_argument("--ca", default=None, help="court CA certificate (PEM); default: the one in the data directory")
    aver.add_argument("--tsa-ca", default=None, help="root certificate of the time-stamp authority (PEM)")
    aver.add_argument("--json", action="store_true", help="print the findings as JSON")

    bak = sub.add_parser("backup", help="consistent copy of the database, keys, recordings and exports (safe while serving)")
    bak.add_argument("dest", help="a new or empty directory")
    bak.add_argument("--data-dir", default=None)
    bak.add_argument("--manifest-only", action="store_true",
                     help="list recordings, blobs and exports with their sha256 instead of copying them")
    bak.add_argument("--json", action="store_true")

    res = sub.add_parser("restore", help="bring a backup back into an empty data directory")
    res.add_argument("src")
    res.add_argument("--data-dir", required=True, help="an empty directory (not under /root: see the README)")
    res.add_argument("--database-url", default=None, help="restore into this empty PostgreSQL instead of an embedded one")
    res.add_argument("--json", action="store_true")
    return parser


def _backup_main(args: argparse.Namespace) -> int:
    import dataclasses
    import json
    from pathlib import Path

    from courtroom.config import Settings
    from courtroom.operations.backup import BackupError, backup, restore

    try:
        if args.command == "backup":
            settings = Settings(data_dir=Path(args.data_dir)) if args.data_dir else Settings()
            made = backup(args.dest, settings, files="manifest" if args.manifest_only else "copy")
            text = (f"备份完成 {made.dest}: {made.files} 个文件, {made.bytes_copied / 2**20:.1f} MB 已复制"
                    f"{f', {made.listed_only} 个仅列入清单' if made.listed_only else ''}"
                    f"{f', {made.same_as_store} 段录像与存储中的副本相同，未重复复制' if made.same_as_store else ''}; {made.seconds}")
            summary = dataclasses.asdict(made)
        else:
            restored = restore(args.src, args.data_dir, database_url=args.database_url)
            text = (f"恢复完成 {restored.data_dir}: {restored.files} 个文件, {restored.recordings_relocated} 段录像路径已更新;"
                    f" {restored.seconds}")
            summary = dataclasses.asdict(restored)
    except BackupError as exc:
        print(f"courtroom {args.command}: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(summary, default=str, ensure_ascii=False) if args.json else text)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command in ("serve", "media-worker", "asr-worker", "backup", "restore"):
        from courtroom.operations.logging import configure_logging

        configure_logging()  # COURTROOM_LOG_FORMAT / COURTROOM_LOG_LEVEL, before anything logs
    if args.command == "serve" and str(args.media_workers) != "0":
        from web.cluster_serve import cluster_serve_main

        return cluster_serve_main(args)
    if args.command == "serve":
        from web.server import serve_main

        return serve_main(args)
    if args.command == "media-worker":
        from web.media_worker import run_main

        return run_main(args)
    if args.command == "asr-worker":
        from courtroom.cluster.asr_worker import run_main as asr_run_main

        return asr_run_main(args)
    if args.command == "demo" and args.hearings > 1:
        from web.cluster_demo import cluster_demo_main

        return cluster_demo_main(args)
    if args.command == "demo":
        from web.demo import demo_main

        return demo_main(args)
    if args.command == "transcribe":
        from asr.cli import transcribe_main

        if args.model is None:  # the server's model: COURTROOM_WHISPER_MODEL, else base in the data dir
            from asr.model import ModelProvisioningError, resolve_model_path
            from courtroom.config import Settings

            settings = Settings()
            try:
                args.model = str(resolve_model_path(settings.whisper_model, settings.models_dir))
            except ModelProvisioningError as exc:
                print(f"courtroom transcribe: {exc}", file=sys.stderr)
                return 1
        return transcribe_main(args)
    if args.command == "verify":
        from signing.cli import verify_main

        return verify_main(args)
    if args.command == "audit":
        from courtroom.records.auditing import audit_verify_main

        return audit_verify_main(args)
    if args.command in ("backup", "restore"):
        return _backup_main(args)
    raise AssertionError(args.command)


if __name__ == "__main__":
    sys.exit(main())
