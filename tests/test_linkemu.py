"""The emulated link (courtroom/sim/linkemu.py): real namespaces, real veths, real UDP
through the userspace bridge: delay, rate with tail drop, loss and an outage do what
they say, and the namespaces are gone afterwards."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from courtroom.sim.linkemu import EmulatedLink, LinkError

pytestmark = pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("ip") is None or shutil.which("ethtool") is None,
    reason="needs root, iproute2 and ethtool (network namespaces)",
)

# A UDP echo server on the near side and a client on the far side that sends N datagrams
# at a fixed pace and reports, as JSON, how many came back and their round-trip times.
ECHO = """
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("0.0.0.0", 5000))
print("ready", flush=True)
while True:
    data, addr = s.recvfrom(4096)
    s.sendto(data[:16], addr)  # a short answer: the uplink is never the bottleneck
"""

CLIENT = """
import json, socket, sys, time, threading
n, size, gap = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(1.5)
sent = {}
rtts = []
def receive():
    while True:
        try:
            data = s.recv(4096)
        except OSError:
            return
        i = int.from_bytes(data[:4], "big")
        rtts.append((time.monotonic() - sent[i]) * 1000)
t = threading.Thread(target=receive); t.start()
start = time.monotonic()
for i in range(n):
    while time.monotonic() < start + i * gap:  # the probe's pacing: packet i leaves at start + i * gap
        time.sleep(0.0005)
    sent[i] = time.monotonic()
    s.sendto(i.to_bytes(4, "big") + b"x" * (size - 4), ("10.77.0.1", 5000))
t.join()
print(json.dumps({"received": len(rtts), "rtts": rtts}))
"""


def _probe(link: EmulatedLink, n: int, size: int, gap: float) -> dict:
    out = subprocess.run(link.netns_exec("far", [sys.executable, "-c", CLIENT, str(n), str(size), str(gap)]),
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_link_delays_limits_drops_and_cuts_then_goes_away() -> None:
    link = EmulatedLink(prefix=f"crtest{os.getpid()}")
    with link:
        echo = subprocess.Popen(link.netns_exec("near", [sys.executable, "-c", ECHO]), stdout=subprocess.PIPE, text=True)
        try:
            assert echo.stdout.readline().strip() == "ready"
            # Delay: 40 ms each way -> RTT >= 80 ms, and the bridge adds little on top.
            link.shape("both", delay_ms=40)
            r = _probe(link, 20, 200, 0.02)
            assert r["received"] == 20
            assert min(r["rtts"]) >= 79.0
            assert sorted(r["rtts"])[len(r["rtts"]) // 2] < 80 + 40  # median; margin for a loaded machine

            # Rate: the client's 1200-byte datagrams go far -> near ("up") at ~3.3 Mbit/s into
            # 1 Mbit/s; the short answers come back unshaped.
            link.shape("up", rate_bps=1_000_000, queue_ms=300)
            link.shape("down")
            link.reset_stats()
            r = _probe(link, 300, 1200, 0.003)  # 0.9 s of sending, 2.9 Mbit of data
            up = link.stats()["up"]
            assert up["dropped_queue"] > 100  # tail drop once the queue holds 300 ms
            # what got through: about 1 Mbit/s for the sending time plus the queue drained after it
            assert 70 <= r["received"] <= 150, r["received"]
            assert max(r["rtts"]) < 300 + 100 + 150  # queueing never exceeds its 300 ms bound (+ margins)

            # Loss: 20% each way on 400 datagrams -> about 36% lost round trip.
            link.shape("both", loss=0.2)
            r = _probe(link, 400, 100, 0.002)
            assert 0.5 < r["received"] / 400 < 0.8, r["received"]

            # Outage: nothing passes; afterwards everything does again.
            link.shape("both")
            link.outage(True)
            assert _probe(link, 20, 100, 0.01)["received"] == 0
            link.outage(False)
            assert _probe(link, 20, 100, 0.01)["received"] == 20
            link.outage(True, udp_only=True)  # TCP would pass; UDP does not
            assert _probe(link, 20, 100, 0.01)["received"] == 0
            link.outage(False)
            with pytest.raises(LinkError):
                link._command({"cmd": "nonsense"})
        finally:
            echo.kill()
            echo.wait()
    names = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True).stdout
    assert link.prefix not in names
