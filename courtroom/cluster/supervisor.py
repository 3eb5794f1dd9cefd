"""Supervised child processes: started, watched, restarted when they die.

Each child runs under a watch task; when it exits while it should be running it is
started again after a back-off that grows with quick successive failures (1 s up to
`max_backoff_s`) and resets once a child has stayed up for a while. Children get
PR_SET_PDEATHSIG, so a supervisor killed with SIGKILL never leaves orphans behind.
"""

from __future__ import annotations

import asyncio
import ctypes
import logging
import os
import signal
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from pathlib import Path

log = logging.getLogger(__name__)

_PR_SET_PDEATHSIG = 1
# A child that stayed up this long is healthy again: its next restart is immediate.
_STABLE_AFTER_S = 30.0


def _die_with_parent() -> None:  # runs in the child between fork and exec
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except OSError:  # not glibc: the supervisor's stop() still ends it
        pass


class Child:
    """One supervised process. `ready` (optional) is awaited after each start; `on_start`
    is called with the new pid each time it (re)starts."""

    def __init__(
        self,
        name: str,
        argv: Sequence[str],
        *,
        env: Mapping[str, str] | None = None,
        cwd: Path | str | None = None,
        log_path: Path | None = None,
        ready: Callable[[], Awaitable[None]] | None = None,
        on_start: Callable[[int], None] | None = None,
        max_backoff_s: float = 10.0,
        stop_timeout_s: float = 10.0,
    ) -> None:
        self.name = name
        self.argv = list(argv)
        self.env = dict(env) if env is not None else None
        self.cwd = cwd
        self.log_path = log_path
        self._ready = ready
        self._on_start = on_start
        self.max_backoff_s = max_backoff_s
        self.stop_timeout_s = stop_timeout_s
        self.process: asyncio.subprocess.Process | None = None
        self.starts = 0
        self.ready_starts = 0  # starts that passed the readiness check
        self.exits: list[int] = []  # return codes of every exit so far (negative: signal)
        self._watch: asyncio.Task | None = None
        self._stopping = False
        self._started = asyncio.Event()

    @property
    def pid(self) -> int | None:
        p = self.process
        return p.pid if p is not None and p.returncode is None else None

    @property
    def restarts(self) -> int:
        return max(0, self.starts - 1)

    async def start(self) -> None:
        """Start the child and return once it is up (and ready, when a check was given)."""
        if self._watch is not None:
            return
        self._stopping = False
        await self._spawn()
        self._watch = asyncio.get_running_loop().create_task(self._supervise(), name=f"supervise-{self.name}")

    async def wait_started(self, after: int, timeout: float) -> None:
        """Wait until the child has been started (and found ready) more than `after` times."""
        deadline = time.monotonic() + timeout
        while self.ready_starts <= after:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"{self.name} was not restarted within {timeout:g} s")
            self._started.clear()
            try:
                await asyncio.wait_for(self._started.wait(), min(left, 0.5))
            except asyncio.TimeoutError:
                pass

    async def stop(self) -> None:
        """SIGTERM, then SIGKILL after stop_timeout_s; no restart."""
        self._stopping = True
        if self._watch is not None:
            self._watch.cancel()
            try:
                await self._watch
            except asyncio.CancelledError:
                pass
            self._watch = None
        p = self.process
        if p is None or p.returncode is not None:
            return
        try:
            p.send_signal(signal.SIGTERM)
            await asyncio.wait_for(p.wait(), self.stop_timeout_s)
        except ProcessLookupError:
            pass
        except asyncio.TimeoutError:
            log.warning("%s did not stop within %.0f s: killing it", self.name, self.stop_timeout_s)
            p.kill()
            await p.wait()

    async def _spawn(self) -> None:
        out = None
        if self.log_path is not None:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            out = open(self.log_path, "ab", buffering=0)
        try:
            self.process = await asyncio.create_subprocess_exec(
                *self.argv, env=self.env, cwd=self.cwd, stdin=asyncio.subprocess.DEVNULL,
                stdout=out, stderr=asyncio.subprocess.STDOUT if out is not None else None,
                preexec_fn=_die_with_parent, start_new_session=True)
        finally:
            if out is not None:
                out.close()  # the child holds its own descriptor
        self.starts += 1
        log.info("started %s (pid %d)%s", self.name, self.process.pid, "" if self.starts == 1 else f", restart {self.restarts}")
        if self._on_start is not None:
            self._on_start(self.process.pid)
        if self._ready is not None:
            await self._ready()
        self.ready_starts += 1
        self._started.set()

    async def _supervise(self) -> None:
        backoff = 1.0
        while True:
            assert self.process is not None
            up_since = time.monotonic()
            code = await self.process.wait()
            self.exits.append(code)
            if self._stopping:
                return
            if time.monotonic() - up_since > _STABLE_AFTER_S:
                backoff = 1.0
            while True:
                log.warning("%s (pid %d) exited with %s: restarting in %.0f s", self.name, self.process.pid, code, backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, self.max_backoff_s)
                try:
                    await self._spawn()
                    break
                except Exception:  # cannot exec, or not ready in time: try again later
                    log.exception("restarting %s failed", self.name)
                    if self.process is not None and self.process.returncode is None:
                        break  # it runs but was slow to be ready: watch it


def python_argv(module: str, *args: str) -> list[str]:
    """argv that runs `python -m module args` with this interpreter (and its venv)."""
    import sys

    return [sys.executable, "-m", module, *args]


def child_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update(extra or {})
    return env
