"""Remote parties behind a firewall reach the courtroom through a TURN relay.

A real TURN server (Debian's coturn) on 127.0.0.1 stands in for the court's. A remote
party whose peer connection may use relayed candidates only (as behind a symmetric NAT
or a firewall that allows nothing but the TURN server) joins a hearing: its audio and
video reach the other participant and the recording through the relay. And the server
itself, configured with `turn:user:password@host:port` (COURTROOM_ICE_SERVERS), offers
relayed candidates; with a wrong password it offers none, and its host candidates still
work.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
from aiortc import RTCConfiguration, RTCIceServer, RTCPeerConnection
from aiortc.rtcconfiguration import RTCIceTransportPolicy

from courtroom.media.ice import rtc_configuration
from courtroom.sim.simclient import SimulatedParticipant, VideoSpec
from tests.fixtures.media import decode_audio, envelope_correlation, video_frames_from, wait_server_received, wait_until

TURN_USER, TURN_PASSWORD, TURN_REALM = "court", "turn-secret-1", "court.test"
SPEECH_S = 6.0


def _free_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _udp_bound(port: int) -> bool:
    want = f":{port:04X} "
    return any(want in line.split()[1] + " " for line in Path("/proc/net/udp").read_text().splitlines()[1:])


@pytest.fixture(scope="module")
def turn_port(tmp_path_factory):
    exe = shutil.which("turnserver")
    if exe is None:
        pytest.fail("turnserver not found: install Debian's coturn (scripts/_setup.sh does for tests)")
    work = tmp_path_factory.mktemp("turn")
    port = _free_udp_port()
    log = open(work / "turn.log", "w")
    proc = subprocess.Popen(
        [exe, "-n", "--listening-ip=127.0.0.1", "--relay-ip=127.0.0.1", f"--listening-port={port}",
         "--min-port=49160", "--max-port=49360", "--lt-cred-mech", f"--user={TURN_USER}:{TURN_PASSWORD}",
         f"--realm={TURN_REALM}", "--allow-loopback-peers", "--no-tls", "--no-dtls", "--no-cli", "--no-tcp-relay",
         "--fingerprint", "--log-file=stdout", "--simple-log", f"--pidfile={work / 'turn.pid'}",
         f"--db={work / 'turndb'}"],
        stdout=log, stderr=subprocess.STDOUT)
    try:
        for _ in range(100):
            if _udp_bound(port) or proc.poll() is not None:
                break
            time.sleep(0.05)
        assert proc.poll() is None and _udp_bound(port), (work / "turn.log").read_text()
        yield port, work / "turn.log"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()


def relay_only(port: int) -> RTCConfiguration:
    return RTCConfiguration(
        iceServers=[RTCIceServer(urls=f"turn:127.0.0.1:{port}", username=TURN_USER, credential=TURN_PASSWORD)],
        iceTransportPolicy=RTCIceTransportPolicy.RELAY,
    )


RELAY_PORTS = range(49160, 49361)  # coturn's --min-port..--max-port


def nominated_local_candidates(pc: RTCPeerConnection) -> list:
    """The local candidates of the pairs ICE nominated on this connection (aioice internals)."""
    out = []
    for transceiver in pc.getTransceivers():
        connection = transceiver.sender.transport.transport._connection  # noqa: SLF001
        out += [pair.local_candidate for pair in connection._nominated.values()]  # noqa: SLF001
    return out


def through_the_relay(pc: RTCPeerConnection) -> bool:
    """Every nominated path is a relayed candidate on an address coturn allocated."""
    local = nominated_local_candidates(pc)
    return bool(local) and all(c.type == "relay" and c.port in RELAY_PORTS for c in local)


async def test_a_party_reachable_only_through_turn_is_heard_seen_and_recorded(media_server, speech_48k, speech_file,
                                                                                turn_port):
    port, _ = turn_port
    room = media_server.room("turn-relay")
    listener = media_server.listener("turn-relay")
    audio = speech_48k[: int(SPEECH_S * 48000)]
    remote = SimulatedParticipant(media_server.ws_url("turn-relay", "remote"), audio=audio,
                                  video=VideoSpec(320, 180, 15), rtc_config=relay_only(port))
    judge = SimulatedParticipant(media_server.ws_url("turn-relay", "judge"), audio=audio, video=VideoSpec(256, 144, 15))
    await remote.start()
    await judge.start()

    assert await wait_until(lambda: video_frames_from(judge, "remote") > 10 and video_frames_from(remote, "judge") > 10, 30), (
        remote.report(), judge.report())
    # Every path of the remote party goes through the relay: publishing and receiving.
    assert through_the_relay(remote.publish_pc), nominated_local_candidates(remote.publish_pc)
    assert remote.subscriptions and all(through_the_relay(sub.pc) for sub in remote.subscriptions.values())
    assert await wait_until(lambda: remote.audio_track.frames_sent >= SPEECH_S * 50, SPEECH_S + 10)
    await wait_server_received(room, "remote", remote.frames_sent())  # its last frames reach the record
    await remote.stop()
    await judge.stop()
    await room.close()

    # What the remote party said went through the relay into the record.
    recorded = [s for s in listener.closed if s.participant_id == "remote" and s.kind == "audio"]
    assert len(recorded) == 1 and not recorded[0].damaged
    source = decode_audio(speech_file)[: int(SPEECH_S * 16000)]
    corr, lag = envelope_correlation(decode_audio(recorded[0].path), source)
    assert corr > 0.9 and abs(lag) < 0.2, (corr, lag)


async def gathered_candidate_types(config: RTCConfiguration) -> set[str]:
    pc = RTCPeerConnection(config)
    try:
        pc.addTransceiver("audio", direction="recvonly")
        await pc.setLocalDescription(await pc.createOffer())
        sdp = pc.localDescription.sdp
        return {line.split(" typ ")[1].split()[0] for line in sdp.splitlines() if line.startswith("a=candidate:")}
    finally:
        await pc.close()


async def test_the_server_offers_relayed_candidates_from_its_configuration(turn_port):
    port, _ = turn_port
    good = rtc_configuration([f"turn:{TURN_USER}:{TURN_PASSWORD}@127.0.0.1:{port}"], ["127.0.0.1"])
    assert await gathered_candidate_types(good) == {"host", "relay"}
    # A wrong password: no relayed candidate, but the server still answers with its host ones.
    bad = rtc_configuration([f"turn:{TURN_USER}:wrong@127.0.0.1:{port}"], ["127.0.0.1"])
    assert await gathered_candidate_types(bad) == {"host"}
