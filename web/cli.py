"""The `courtroom` command: serve, demo, transcribe, verify.

Each subcommand's implementation lives with the package that owns it; this module
only parses arguments and imports lazily, so `courtroom verify` does not load WebRTC
and `courtroom serve` does not load PDF code until needed."""

from __future__ import annotations

import argparse
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

    demo = sub.add_parser("demo", help="hold a short simulated hearing end to end and print where everything went")
    demo.add_argument("--data-dir", default=None)
    demo.add_argument("--json", action="store_true", help="print a machine-readable summary")
    demo.add_argument("--no-asr", action="store_true")

    tr = sub.add_parser("transcribe", help="transcribe an audio file with the hearing pipeline")
    from asr.cli import add_transcribe_arguments

    add_transcribe_arguments(tr)

    ver = sub.add_parser("verify", help="verify a dossier package (zip or directory) offline")
    ver.add_argument("package")
    ver.add_argument("--ca", default=None, help="court CA certificate (PEM); default: the one in the package")
    ver.add_argument("--tsa-ca", default=None, help="root certificate of the time-stamp authority (PEM); default: the one in the package")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "serve":
        from web.server import serve_main

        return serve_main(args)
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
    raise AssertionError(args.command)


if __name__ == "__main__":
    sys.exit(main())
