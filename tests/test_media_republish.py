"""A publisher whose own ICE consent expired first re-publishes before the server notices the
old connection is dead (each side gives up after 24-36 s): the replacement must still be
reported to the hearing as a lost connection (it audits the gap), and the client, which made
the new connection, must not be told to replace it again. A re-publish while media flows
(a renegotiation) is no loss."""

from __future__ import annotations

import time

from aiortc import RTCPeerConnection

from courtroom.media.mediaroom import REPLACED_SILENT_S
from courtroom.sim.simclient import SimulatedParticipant
from tests.fixtures.media import wait_until


def _cut_outgoing(pc: RTCPeerConnection) -> None:
    """Drop every datagram this (client) connection sends, as a dead uplink would: the
    server hears nothing and nobody is told. The network is outside the system."""
    for transceiver in pc.getTransceivers():
        connection = transceiver.sender.transport.transport._connection  # noqa: SLF001 - aioice's
        for protocol in connection._protocols:  # noqa: SLF001
            protocol.send_data = _drop_async  # type: ignore[method-assign]
            protocol.send_stun = lambda *args, **kwargs: None  # type: ignore[method-assign]


async def _drop_async(*args: object, **kwargs: object) -> None:
    return None


def _states(listener, pid: str) -> list[str]:
    return [state for who, state in listener.peer_states if who == pid]


def _told_publish_failed(party: SimulatedParticipant) -> list[dict]:
    return [e for e in party.events if e.get("type") == "state" and e.get("target") == "publish"
            and e.get("state") == "failed"]


async def test_a_publisher_that_republishes_after_its_link_died_is_reported_lost_once(media_server, speech_48k):
    room = media_server.room("republish")
    listener = media_server.listener("republish")
    party = SimulatedParticipant(media_server.ws_url("republish", "remote"), audio=speech_48k[: 30 * 48000],
                                 subscribe=False, recover=False)
    await party.start()
    try:
        pub = lambda: room.publication("remote", "audio")  # noqa: E731
        assert await wait_until(lambda: pub() is not None and pub().last_frame_at is not None, 15)
        assert await wait_until(lambda: "connected" in _states(listener, "remote"), 15)

        # A renegotiation while media flows: not a loss.
        await party.publish()
        assert await wait_until(lambda: party.publish_pc.connectionState == "connected", 15)
        assert await wait_until(lambda: pub().last_frame_at > time.monotonic() - 0.5, 10)
        assert "failed" not in _states(listener, "remote"), listener.peer_states

        # The uplink dies; the client (not the server) notices first and re-publishes.
        _cut_outgoing(party.publish_pc)
        cut_at = time.monotonic()
        assert await wait_until(lambda: time.monotonic() - pub().last_frame_at > REPLACED_SILENT_S + 0.5, 15)
        assert party.publish_pc is not None
        # The server's old connection is still 'connected' (its consent check has not expired).
        assert room._participants["remote"].publish_pc.connectionState == "connected"  # noqa: SLF001
        await party.publish()
        assert await wait_until(lambda: "failed" in _states(listener, "remote"), 10), listener.peer_states
        # ... and back on the new connection: the hearing hears "connected" after the "failed".
        assert await wait_until(lambda: _states(listener, "remote")[-1] == "connected", 15), listener.peer_states
        assert await wait_until(lambda: pub().last_frame_at > cut_at + REPLACED_SILENT_S, 15)
        states = _states(listener, "remote")
        assert states.count("failed") == 1, states
        # The client was not told to throw away the connection it just made.
        assert _told_publish_failed(party) == [], party.events
        assert party.publish_pc.connectionState == "connected"
    finally:
        await party.stop()


async def test_a_publish_connection_without_media_is_dropped_although_it_says_connected(media_server, speech_48k,
                                                                                       monkeypatch):
    """Whatever the server's own ICE consent check makes of it (seen keeping a cut party
    'connected' for over 60 s on a busy machine), a publish connection that brings no media
    for PUBLISH_SILENT_DEAD_S is dead: the hearing and the client are told, and the
    publications stop (their recordings close; the next publish starts new segments)."""
    from courtroom.media import mediaroom

    monkeypatch.setattr(mediaroom, "PUBLISH_SILENT_DEAD_S", 3.0)  # 20 s in service
    room = media_server.room("silent")
    listener = media_server.listener("silent")
    party = SimulatedParticipant(media_server.ws_url("silent", "remote"), audio=speech_48k[: 30 * 48000],
                                 subscribe=False, recover=False)
    await party.start()
    try:
        pub = lambda: room.publication("remote", "audio")  # noqa: E731
        assert await wait_until(lambda: pub() is not None and pub().last_frame_at is not None, 15)
        server_pc = room._participants["remote"].publish_pc  # noqa: SLF001
        # Media flowing: nothing happens for longer than the limit.
        assert not await wait_until(lambda: "failed" in _states(listener, "remote"), 4.0)
        _cut_outgoing(party.publish_pc)
        cut_at = time.monotonic()
        assert await wait_until(lambda: "failed" in _states(listener, "remote"), 15), listener.peer_states
        noticed = time.monotonic() - cut_at
        assert 3.0 <= noticed < 10.0, noticed
        # Cleaned up by the server, not by aioice: it reports the failure first, then closes
        # (a clean-clone CI on a loaded machine read the state between the two).
        assert await wait_until(lambda: server_pc.connectionState == "closed", 5), server_pc.connectionState
        assert await wait_until(lambda: room._participants["remote"].publish_pc is None, 5)  # noqa: SLF001
        assert await wait_until(lambda: bool(_told_publish_failed(party)), 5), party.events
    finally:
        await party.stop()
