"""`courtroom serve` with no configuration (issue 11): the embedded default grows with the
machine. It starts, as supervised children, the embedded PostgreSQL and NATS, one media
worker per core and one ASR worker, and serves the front; /readyz is ready once an ASR
worker lives (it registers in PostgreSQL); SIGTERM stops every child with it, PostgreSQL
included (pg_ctl daemonizes it: it is no child), and so do SIGINT during start-up and even a
SIGKILL of serve (a guard process stops the server)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import pytest

from tests.fixtures.media import free_port
from web.cli import build_parser

REPO = Path(__file__).resolve().parents[1]


def test_serve_defaults_to_one_media_worker_per_core(monkeypatch):
    monkeypatch.delenv("COURTROOM_MEDIA_WORKERS", raising=False)
    assert build_parser().parse_args(["serve"]).media_workers == "auto"
    assert build_parser().parse_args(["serve", "--media-workers", "0"]).media_workers == "0"


def _children(pid: int) -> set[int]:
    out = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            if ppid == pid:
                out.add(int(entry.name))
    return out


def _naming(data: Path) -> list[str]:
    """Live processes whose command line names `data` (PostgreSQL: `postgres -D DATA/pg`;
    the workers: `--data-dir DATA`; nats-server: its store in DATA/nats)."""
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            if str(data) in cmdline and _running(int(entry.name)):
                out.append(f"{entry.name}: {cmdline}")
    return out


def _postmaster_running(data: Path) -> bool:
    try:
        pid = int((data / "pg" / "postmaster.pid").read_text().split()[0])
        return _running(pid) and str(data / "pg") in Path(f"/proc/{pid}/cmdline").read_text(errors="replace")
    except (OSError, IndexError, ValueError):
        return False


def _assert_nothing_left(data: Path, timeout: float = 60) -> None:
    """Waits (PostgreSQL's backends leave just after it) for no process to name `data`."""
    deadline = time.monotonic() + timeout
    while (left := _naming(data)) or (data / "pg" / "postmaster.pid").exists():
        assert time.monotonic() < deadline, f"left behind after serve exited: {left}, " \
            f"postmaster.pid {'present' if (data / 'pg' / 'postmaster.pid').exists() else 'gone'}"
        time.sleep(0.2)


def _start_serve(data: Path, port: int, whisper_model_dir: Path | None, *extra: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "NATS_URL", "COURTROOM_MEDIA_WORKERS")}
    env.update({"COURTROOM_DATA_DIR": str(data), "COURTROOM_ASR_DEVICE": "cpu", "PYTHONPATH": str(REPO)})
    if whisper_model_dir is not None:
        env["COURTROOM_WHISPER_MODEL"] = str(whisper_model_dir)
    return subprocess.Popen([sys.executable, "-m", "web.cli", "serve", "--port", str(port), *extra], cwd=REPO,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)


def _running(pid: int) -> bool:
    try:
        return (Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]) != "Z"
    except OSError:
        return False


@pytest.mark.slow
def test_serve_with_no_configuration_runs_the_court_as_processes(whisper_model_dir):
    port = free_port()
    data = Path(tempfile.mkdtemp(prefix="courtroom-test-serve-", dir="/tmp"))
    proc = _start_serve(data, port, whisper_model_dir)
    try:
        ready = None
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=3)
                if r.status_code == 200:
                    ready = r.json()
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        assert ready is not None, "the default server never became ready"
        checks = {c["name"]: c for c in ready["checks"]}
        assert checks["asr_workers"]["ok"] and checks["asr_workers"]["detail"].startswith("1 live"), ready
        assert checks["media_workers"]["ok"], ready
        assert checks["queue"]["ok"], ready
        logs = data / "logs"
        cores = os.cpu_count() or 1
        assert sorted(p.name for p in logs.glob("media-worker-*.log")) == [f"media-worker-{i}.log" for i in range(cores)]
        deadline = time.monotonic() + 120
        while sum("media worker" in p.read_text(errors="replace") and "registered" in p.read_text(errors="replace")
                  for p in logs.glob("media-worker-*.log")) < cores:
            assert time.monotonic() < deadline, [p.read_text(errors="replace")[-1500:] for p in logs.glob("*.log")]
            time.sleep(0.5)
        children = _children(proc.pid)
        assert len(children) >= cores + 2, children  # media workers, the ASR worker, nats-server (and PostgreSQL)
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=90)
        assert proc.returncode == 0, out[-3000:]
        assert not [pid for pid in children if _running(pid)], "children left behind"
        _assert_nothing_left(data)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        _assert_nothing_left(data)  # a failed test too: the guard stops PostgreSQL
        shutil.rmtree(data, ignore_errors=True)


@pytest.mark.slow
@pytest.mark.parametrize("how", ["SIGINT during start-up", "SIGKILL"])
def test_serve_never_leaves_postgresql_running(how):
    """PostgreSQL is started by pg_ctl in a session of its own. Whether serve is interrupted
    while it still starts its workers, or killed outright, no process of its data directory
    survives it, and postmaster.pid is gone (a clean shutdown, or removed after the kill)."""
    data = Path(tempfile.mkdtemp(prefix="courtroom-test-serve-stop-", dir="/tmp"))
    proc = _start_serve(data, free_port(), None, "--no-asr", "--media-workers", "1")
    try:
        deadline = time.monotonic() + 120
        # PostgreSQL is up (its postmaster, not initdb or pg_ctl: the pid in postmaster.pid names
        # the data dir) and, to be killed, serve has started its guard; serve is not yet serving.
        while not (_postmaster_running(data) and (how != "SIGKILL" or any("models.postmaster" in p for p in _naming(data)))):
            assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
            assert time.monotonic() < deadline, "PostgreSQL never started"
            time.sleep(0.05)
        if how == "SIGKILL":
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(30)
        else:
            proc.send_signal(signal.SIGINT)
            out, _ = proc.communicate(timeout=90)
            assert proc.returncode == 0, out[-3000:]
        _assert_nothing_left(data)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        _assert_nothing_left(data)
        shutil.rmtree(data, ignore_errors=True)
