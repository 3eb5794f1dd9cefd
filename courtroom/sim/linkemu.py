"""An emulated network link between two network namespaces, for benchmarks and tests.

This kernel (and many CI kernels) has no `netem` and few tc qdiscs, so the link is a
small userspace bridge instead, in a third namespace between two veth pairs:

    [near ns] near0 ==veth== mid0 [mid ns: bridge process] mid1 ==veth== far0 [far ns]
      10.77.0.1/24                                                         10.77.0.2/24

The bridge copies Ethernet frames between mid0 and mid1 through AF_PACKET sockets.
Each direction ("down": near -> far, "up": far -> near) applies, in this order:
  1. an outage (drop everything, or only UDP) when switched on;
  2. random loss;
  3. a rate-limited FIFO with tail drop when the queue holds more than `queue_ms` of
     data at the configured rate (a bottleneck router's buffer);
  4. a fixed one-way delay.
The queue is computed, not slept: a frame's departure is `max(now, link busy until) +
size / rate`, so timing holds to the scheduler's precision (about 1 ms here). Offloads
(TSO/GSO/GRO) are switched off on the veths so every frame fits the MTU.

    with EmulatedLink() as link:                 # creates the namespaces, starts the bridge
        link.shape("down", rate_bps=2_000_000, delay_ms=40)
        link.shape("up", delay_ms=40)
        subprocess.Popen(link.netns_exec("far", ["python", "-m", "..."]))
        link.outage(True); ...; link.outage(False)
        link.stats()                             # frames offered / delivered / dropped
    # namespaces removed

Needs root (CAP_NET_ADMIN) and `ip` (iproute2) and `ethtool`. Everything stays inside
the three namespaces it creates; `remove()` deletes them (and so the veths).
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import threading
import time
from typing import Any, Literal, Optional

Direction = Literal["down", "up"]
DIRECTIONS: tuple[Direction, ...] = ("down", "up")

ETH_P_ALL = 0x0003
SOL_PACKET = 263
PACKET_IGNORE_OUTGOING = 23  # Linux >= 4.20: our own transmissions are not read back
PACKET_OUTGOING = 4
DEFAULT_QUEUE_MS = 300.0


class LinkError(RuntimeError):
    """The link could not be set up (no privileges, no iproute2, ...)."""


@dataclasses.dataclass
class Shape:
    """One direction of the link. `rate_bps` None: no rate limit (and so no queue)."""

    rate_bps: Optional[float] = None
    delay_ms: float = 0.0
    loss: float = 0.0  # probability 0..1
    queue_ms: float = DEFAULT_QUEUE_MS

    def check(self) -> "Shape":
        if self.rate_bps is not None and self.rate_bps <= 0:
            raise ValueError(f"rate_bps must be positive or None, not {self.rate_bps}")
        if self.delay_ms < 0 or not 0.0 <= self.loss <= 1.0 or self.queue_ms <= 0:
            raise ValueError(f"bad link shape {self}")
        return self


@dataclasses.dataclass
class DirectionStats:
    offered: int = 0  # frames that entered the link
    offered_bytes: int = 0
    delivered: int = 0
    delivered_bytes: int = 0
    dropped_outage: int = 0
    dropped_loss: int = 0
    dropped_queue: int = 0
    max_lateness_ms: float = 0.0  # how late the bridge sent a frame against its schedule


class _Pipe:
    """One direction: loss, then a rate-limited tail-drop FIFO, then a fixed delay."""

    def __init__(self, rx: socket.socket, tx: socket.socket, seed: int) -> None:
        self.rx, self.tx = rx, tx
        self.shape = Shape()
        self.outage = False
        self.outage_udp_only = False
        self.stats = DirectionStats()
        self._busy_until = 0.0  # when the (virtual) bottleneck finishes sending what it holds
        self._queue: collections.deque[tuple[float, bytes]] = collections.deque()
        self._cond = threading.Condition()
        self._random = random.Random(seed)
        self._closed = False

    def offer(self, frame: bytes, now: float) -> None:
        with self._cond:
            s, shape = self.stats, self.shape
            s.offered += 1
            s.offered_bytes += len(frame)
            if self.outage and (not self.outage_udp_only or _is_udp(frame)):
                s.dropped_outage += 1
                return
            if shape.loss and self._random.random() < shape.loss:
                s.dropped_loss += 1
                return
            if shape.rate_bps:
                start = max(now, self._busy_until)
                if start - now > shape.queue_ms / 1000.0:
                    s.dropped_queue += 1
                    return
                self._busy_until = start + len(frame) * 8 / shape.rate_bps
                due = self._busy_until + shape.delay_ms / 1000.0
            else:
                due = now + shape.delay_ms / 1000.0
            self._queue.append((due, frame))
            self._cond.notify()

    def read_loop(self) -> None:
        while not self._closed:
            try:
                frame, addr = self.rx.recvfrom(65535)
            except OSError:
                return
            if addr[2] == PACKET_OUTGOING:
                continue
            self.offer(frame, time.monotonic())

    def send_loop(self) -> None:
        while True:
            with self._cond:
                while not self._closed and (not self._queue or self._queue[0][0] > time.monotonic()):
                    timeout = None if not self._queue else self._queue[0][0] - time.monotonic()
                    self._cond.wait(timeout)
                if self._closed:
                    return
                due, frame = self._queue.popleft()
            late = (time.monotonic() - due) * 1000.0
            try:
                self.tx.send(frame)
            except OSError:
                continue  # a frame the far side cannot take (down interface): lost, like on a wire
            with self._cond:
                self.stats.delivered += 1
                self.stats.delivered_bytes += len(frame)
                self.stats.max_lateness_ms = max(self.stats.max_lateness_ms, late)

    def set_shape(self, shape: Shape) -> None:
        with self._cond:
            self.shape = shape
            self._cond.notify()

    def set_outage(self, on: bool, udp_only: bool = False) -> None:
        with self._cond:
            self.outage = on
            self.outage_udp_only = udp_only
            if on and not udp_only:
                self._queue.clear()  # what was in flight is lost with the link
                self._busy_until = 0.0

    def snapshot(self) -> dict[str, Any]:
        with self._cond:
            return {**dataclasses.asdict(self.stats), "queued": len(self._queue), "outage": self.outage,
                    "shape": dataclasses.asdict(self.shape)}

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()


def _is_udp(frame: bytes) -> bool:
    """An IPv4 UDP datagram (media, ICE, DTLS), not TCP (the signaling WebSocket)."""
    return len(frame) > 23 and frame[12:14] == b"\x08\x00" and frame[23] == 17


def _packet_socket(ifname: str) -> socket.socket:
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 * 1024 * 1024)
    try:
        s.setsockopt(SOL_PACKET, PACKET_IGNORE_OUTGOING, 1)
    except OSError:
        pass  # older kernel: read_loop skips PACKET_OUTGOING frames itself
    s.bind((ifname, 0))
    return s


def run_bridge(near_if: str, far_if: str, seed: int = 1) -> None:
    """The bridge process (inside the middle namespace): copies frames both ways and takes
    commands, one JSON object a line, on stdin; answers each on stdout:
        {"cmd": "shape", "dir": "down"|"up", "rate_bps": .., "delay_ms": .., "loss": .., "queue_ms": ..}
        {"cmd": "outage", "on": true|false, "udp_only": false}
        {"cmd": "stats"}            -> {"down": {...}, "up": {...}}
        {"cmd": "reset_stats"}
    It exits when stdin closes."""
    near, far = _packet_socket(near_if), _packet_socket(far_if)
    pipes = {"down": _Pipe(near, far, seed), "up": _Pipe(far, near, seed + 1)}
    for pipe in pipes.values():
        for loop in (pipe.read_loop, pipe.send_loop):
            threading.Thread(target=loop, daemon=True).start()
    print(json.dumps({"ok": True, "ready": True}), flush=True)
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            cmd = json.loads(line)
            op = cmd.get("cmd")
            if op == "shape":
                dirs = DIRECTIONS if cmd.get("dir") == "both" else (cmd["dir"],)
                shape = Shape(cmd.get("rate_bps"), float(cmd.get("delay_ms", 0.0)), float(cmd.get("loss", 0.0)),
                              float(cmd.get("queue_ms", DEFAULT_QUEUE_MS))).check()
                for d in dirs:
                    pipes[d].set_shape(shape)
                reply: dict[str, Any] = {"ok": True}
            elif op == "outage":
                for pipe in pipes.values():
                    pipe.set_outage(bool(cmd["on"]), bool(cmd.get("udp_only", False)))
                reply = {"ok": True}
            elif op == "stats":
                reply = {"ok": True, **{d: p.snapshot() for d, p in pipes.items()}}
            elif op == "reset_stats":
                for pipe in pipes.values():
                    with pipe._cond:  # noqa: SLF001 - same module
                        pipe.stats = DirectionStats()
                reply = {"ok": True}
            else:
                reply = {"ok": False, "error": f"unknown command {op!r}"}
        except (KeyError, ValueError, TypeError) as exc:
            reply = {"ok": False, "error": str(exc)}
        print(json.dumps(reply), flush=True)
    for pipe in pipes.values():
        pipe.close()
    near.close()
    far.close()


def _run(argv: list[str]) -> None:
    result = subprocess.run(argv, capture_output=True, text=True)
    if result.returncode != 0:
        raise LinkError(f"{' '.join(argv)}: {result.stderr.strip() or result.stdout.strip()}")


class EmulatedLink:
    """Three network namespaces and the bridge between them (see the module docstring).

    `prefix` names the namespaces (`<prefix>-near`, `-mid`, `-far`); the default includes
    the process id so that concurrent runs do not collide."""

    def __init__(self, prefix: Optional[str] = None, near_address: str = "10.77.0.1",
                 far_address: str = "10.77.0.2", prefix_len: int = 24, seed: int = 1) -> None:
        self.prefix = prefix or f"crlink{os.getpid()}"
        self.near_address, self.far_address, self.prefix_len = near_address, far_address, prefix_len
        self.seed = seed
        self.namespaces = {side: f"{self.prefix}-{side}" for side in ("near", "mid", "far")}
        self._bridge: Optional[subprocess.Popen] = None
        self._lock = threading.Lock()
        self._created: list[str] = []

    # --- lifecycle ---------------------------------------------------------------------------

    def create(self) -> "EmulatedLink":
        for tool in ("ip", "ethtool"):
            if shutil.which(tool) is None:
                raise LinkError(f"the emulated link needs `{tool}` (Debian package iproute2 / ethtool)")
        try:
            for ns in self.namespaces.values():
                _run(["ip", "netns", "add", ns])
                self._created.append(ns)
            near, mid, far = (self.namespaces[s] for s in ("near", "mid", "far"))
            _run(["ip", "-n", mid, "link", "add", "mid0", "type", "veth", "peer", "name", "near0", "netns", near])
            _run(["ip", "-n", mid, "link", "add", "mid1", "type", "veth", "peer", "name", "far0", "netns", far])
            for ns, ifname in ((near, "near0"), (mid, "mid0"), (mid, "mid1"), (far, "far0")):
                # No IPv6 chatter (router solicitations, DAD) on the link; no coalesced super-frames.
                _run(["ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1"])
                _run(["ip", "netns", "exec", ns, "ethtool", "-K", ifname, "tso", "off", "gso", "off", "gro", "off",
                      "tx", "off", "rx", "off"])
                _run(["ip", "-n", ns, "link", "set", ifname, "up"])
                _run(["ip", "-n", ns, "link", "set", "lo", "up"])
            _run(["ip", "-n", mid, "link", "set", "mid0", "promisc", "on"])
            _run(["ip", "-n", mid, "link", "set", "mid1", "promisc", "on"])
            _run(["ip", "-n", near, "addr", "add", f"{self.near_address}/{self.prefix_len}", "dev", "near0"])
            _run(["ip", "-n", far, "addr", "add", f"{self.far_address}/{self.prefix_len}", "dev", "far0"])
            self._bridge = subprocess.Popen(
                self.netns_exec("mid", [sys.executable, "-m", "courtroom.sim.linkemu", "bridge",
                                        "--near", "mid0", "--far", "mid1", "--seed", str(self.seed)]),
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1,
                env={**os.environ, "PYTHONPATH": _repo_root() + os.pathsep + os.environ.get("PYTHONPATH", "")},
            )
            ready = self._bridge.stdout.readline() if self._bridge.stdout else ""
            if '"ready"' not in ready:
                raise LinkError(f"the link bridge did not start: {ready!r}")
        except BaseException:
            self.remove()
            raise
        return self

    def remove(self) -> None:
        """Stop the bridge and delete the namespaces (their veths go with them)."""
        bridge, self._bridge = self._bridge, None
        if bridge is not None:
            try:
                if bridge.stdin:
                    bridge.stdin.close()
                bridge.wait(5)
            except (subprocess.TimeoutExpired, OSError):
                bridge.kill()
                bridge.wait(5)
        for ns in reversed(self._created):
            subprocess.run(["ip", "netns", "del", ns], capture_output=True)
        self._created.clear()

    def __enter__(self) -> "EmulatedLink":
        return self.create()

    def __exit__(self, *exc: object) -> None:
        self.remove()

    # --- running things on either side -------------------------------------------------------

    def netns_exec(self, side: str, argv: list[str]) -> list[str]:
        """The command line that runs `argv` inside one side's namespace ("near", "mid", "far")."""
        return ["ip", "netns", "exec", self.namespaces[side], *argv]

    # --- changing the link at run time --------------------------------------------------------

    def _command(self, message: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            bridge = self._bridge
            if bridge is None or bridge.stdin is None or bridge.stdout is None:
                raise LinkError("the link is not running")
            bridge.stdin.write(json.dumps(message) + "\n")
            bridge.stdin.flush()
            line = bridge.stdout.readline()
        if not line:
            raise LinkError("the link bridge exited")
        reply = json.loads(line)
        if not reply.get("ok"):
            raise LinkError(reply.get("error", "link command failed"))
        return reply

    def shape(self, direction: Direction | Literal["both"], *, rate_bps: Optional[float] = None,
              delay_ms: float = 0.0, loss: float = 0.0, queue_ms: float = DEFAULT_QUEUE_MS) -> None:
        """Set one direction ("down" = towards the far side) or both; unnamed properties reset."""
        Shape(rate_bps, delay_ms, loss, queue_ms).check()
        self._command({"cmd": "shape", "dir": direction, "rate_bps": rate_bps, "delay_ms": delay_ms,
                       "loss": loss, "queue_ms": queue_ms})

    def unshape(self) -> None:
        self.shape("both")

    def outage(self, on: bool, udp_only: bool = False) -> None:
        """Drop every frame both ways (as when a home router loses its uplink) or stop doing so.
        `udp_only`: drop only IPv4 UDP (media and ICE), so that the signaling's TCP connection
        survives, as behind a firewall or NAT that drops UDP for a while."""
        self._command({"cmd": "outage", "on": on, "udp_only": udp_only})

    def stats(self) -> dict[str, dict[str, Any]]:
        reply = self._command({"cmd": "stats"})
        return {d: reply[d] for d in DIRECTIONS}

    def reset_stats(self) -> None:
        self._command({"cmd": "reset_stats"})


def _repo_root() -> str:
    return os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="emulated network link (userspace bridge)")
    sub = parser.add_subparsers(dest="command", required=True)
    bridge = sub.add_parser("bridge", help="run the bridge (inside the middle namespace)")
    bridge.add_argument("--near", required=True)
    bridge.add_argument("--far", required=True)
    bridge.add_argument("--seed", type=int, default=1)
    cleanup = sub.add_parser("cleanup", help="delete the namespaces of a link left behind by a killed run")
    cleanup.add_argument("prefix", help="the link's prefix, e.g. crlink12345")
    args = parser.parse_args(argv)
    if args.command == "bridge":
        run_bridge(args.near, args.far, args.seed)
    else:
        for side in ("far", "mid", "near"):
            subprocess.run(["ip", "netns", "del", f"{args.prefix}-{side}"], capture_output=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
