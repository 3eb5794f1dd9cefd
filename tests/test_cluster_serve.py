"""`courtroom serve` with no configuration (issue 11): the embedded default grows with the
machine. It starts, as supervised children, the embedded PostgreSQL and NATS, one media
worker per core and one ASR worker, and serves the front; /readyz is ready once an ASR
worker lives (it registers in PostgreSQL); SIGTERM stops every child with it."""

from __future__ import annotations

import os
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


def _running(pid: int) -> bool:
    try:
        return (Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]) != "Z"
    except OSError:
        return False


@pytest.mark.slow
def test_serve_with_no_configuration_runs_the_court_as_processes(whisper_model_dir):
    port = free_port()
    data = Path(tempfile.mkdtemp(prefix="courtroom-test-serve-", dir="/tmp"))
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "NATS_URL", "COURTROOM_MEDIA_WORKERS")}
    env.update({"COURTROOM_DATA_DIR": str(data), "COURTROOM_WHISPER_MODEL": str(whisper_model_dir),
                "COURTROOM_ASR_DEVICE": "cpu", "PYTHONPATH": str(REPO)})
    proc = subprocess.Popen([sys.executable, "-m", "web.cli", "serve", "--port", str(port)], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
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
        time.sleep(0.5)
        assert not [pid for pid in children if _running(pid)], "children left behind"
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
