"""Internet hearings over real (emulated) links: a short run of benchmarks/network.py.

A remote party (an aiortc client in its own network namespace) behind a userspace
bridge with a rate limit, delay and loss, or a UDP outage; three publishers at about
1 Mbps each. These check what issue 12 asked for: audio keeps flowing while video is
cut back, resends stay within their budget, and media comes back by itself after the
link drops for 40 s."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.geteuid() != 0 or shutil.which("ip") is None or shutil.which("ethtool") is None,
                       reason="needs root, iproute2 and ethtool (network namespaces)"),
]


def _runs(*args: str, timeout: float) -> list[dict]:
    out = subprocess.run([sys.executable, str(REPO / "benchmarks/network.py"), "--json", *args], cwd=REPO,
                         capture_output=True, text=True, timeout=timeout)
    assert out.returncode == 0, out.stderr[-3000:]
    return [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]


def _run(*args: str, timeout: float) -> dict:
    rows = _runs(*args, timeout=timeout)
    assert len(rows) == 1, rows
    return rows[0]


@pytest.fixture(scope="module")
def conditions() -> dict[str, dict]:
    """2 Mbit/s, 40 ms each way, against about 3 Mbit/s of video and audio; then 3% random
    loss (NACKs for certain)."""
    rows = _runs("--conditions", "2mbit,loss3", "--seconds", "15", timeout=300)
    assert len(rows) == 2, rows
    return {"throttled": rows[0], "lossy": rows[1]}


@pytest.fixture(scope="module")
def throttled(conditions: dict[str, dict]) -> dict:
    return conditions["throttled"]


def test_audio_keeps_flowing_to_a_throttled_subscriber_while_its_video_is_cut(throttled: dict) -> None:
    r = throttled
    assert r["publishers_connected"] == 3
    # 34 % before adaptation; the benchmark holds the 99 % target, this shorter run a margin for a loaded CI.
    assert r["audio_received"] >= 0.95, r
    assert r["audio_longest_gap_ms"] <= 600, r  # (before: 37% of the audio, gaps of seconds)
    assert r["speaker_video_fps"] >= 5, r  # the speaker is still seen
    assert r["other_video_fps"] < 20, r  # the others were cut back to make room
    levels = r["server_link"]["levels"]
    assert levels["p0"] > max(levels["p1"], levels["p2"]), levels
    # a lost packet no longer freezes the speaker until 128 packets later (was 15.6 s; 0.6 s in the benchmark)
    assert r["speaker_longest_freeze_s"] <= 2.5, r


def test_audio_to_a_lossy_subscriber_is_sent_twice_and_arrives(conditions: dict[str, dict]) -> None:
    """3 % random loss: neither aiortc nor Chrome NACKs Opus; the server sends each audio
    packet again 30 ms later, and the copies fill in (96.6 % of the audio before, 99.8 % after)."""
    r = conditions["lossy"]
    assert r["server_link"]["audio_copies"] > 0, r["server_link"]
    assert sum(t.get("late_frames", 0) for t in r["receiver"].values()) > 0, r["receiver"]  # copies that counted
    assert r["audio_received"] >= 0.985, r


def test_resends_to_a_subscriber_never_pass_its_budget(conditions: dict[str, dict]) -> None:
    for name, r in conditions.items():
        link = r["server_link"]
        assert link["resent_bytes"] <= link["resend_allowance_bytes"], (name, link)
        # and the link carried about as many packets as media, not a multiple (issue 12: 6.6x)
        assert r["link_packets_per_media_packet"] < 1.5, (name, r)
    lossy = conditions["lossy"]["server_link"]
    assert lossy["resent"] > 0, lossy  # NACKs came, and some were answered


def test_a_subscriber_whose_link_drops_for_40_s_gets_media_back_by_itself() -> None:
    r = _run("--conditions", "outage", "--outage", "40", "--before-outage", "8", "--after-outage", "15", timeout=300)
    assert r["recovery_s"] is not None, r
    assert r["recovery_s"] <= 10, r
    assert r["audio_received"] >= 0.5, r  # over the 15 s after the link's return, recovery included


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="needs Debian chromium")
def test_chromium_behind_a_2_mbit_link_hears_everyone_and_sees_the_speaker() -> None:
    """Headless Chromium (web/static/rtc.js) as the remote party: its own receiver reports,
    NACKs and PLIs are what the server adapts to."""
    r = _run("--conditions", "2mbit", "--seconds", "20", "--remote", "chromium", timeout=300)
    assert r["audio_received"] >= 0.95, r  # samples Chromium received (concealment excluded)
    assert r["speaker_video_fps"] >= 5, r
    assert r["speaker_video_fps"] > r["other_video_fps"], r
    assert r["quality_notice"] and r["quality_notice"]["state"] in ("reduced", "paused"), r  # the page was told
