"""Bad input on the signaling socket gets a clear error and disturbs nobody else."""

import asyncio
import json

import websockets
from aiortc import RTCPeerConnection, RTCRtpSender

from courtroom.sim.simclient import SimulatedParticipant, VideoSpec
from tests.fixtures.media import wait_until


async def _offer(kind_codecs: dict[str, list[str]], direction: str) -> str:
    pc = RTCPeerConnection()
    for kind, mimes in kind_codecs.items():
        t = pc.addTransceiver(kind, direction=direction)
        t.setCodecPreferences([c for c in RTCRtpSender.getCapabilities(kind).codecs if c.mimeType in mimes])
    await pc.setLocalDescription(await pc.createOffer())
    sdp = pc.localDescription.sdp
    await pc.close()
    return sdp


async def test_bad_messages_get_errors_and_others_keep_receiving(media_server, speech_48k):
    room = media_server.room("abuse")
    alice = SimulatedParticipant(media_server.ws_url("abuse", "alice"), audio=speech_48k[: 10 * 48000], video=VideoSpec(256, 144, 15), subscribe=False)
    bob = SimulatedParticipant(media_server.ws_url("abuse", "bob"), receive="tap")
    await alice.start()
    await bob.start()
    assert await wait_until(lambda: "alice" in bob.subscriptions and bob.subscriptions["alice"].tracks["video"].frames > 5, 5)
    video = bob.subscriptions["alice"].tracks["video"]
    frames_before = video.frames

    good_publish = await _offer({"audio": ["audio/opus"], "video": ["video/VP8"]}, "sendonly")
    h264_only = await _offer({"video": ["video/H264"]}, "sendonly")
    good_subscribe = await _offer({"audio": ["audio/opus"]}, "recvonly")
    no_ice = "\r\n".join(line for line in good_publish.split("\r\n") if not line.startswith("a=ice-"))

    async with websockets.connect(media_server.ws_url("abuse", "mallory"), max_size=2**20) as ws:

        async def ask(payload) -> dict:
            await ws.send(payload if isinstance(payload, str) else json.dumps(payload))
            return json.loads(await asyncio.wait_for(ws.recv(), 15))

        cases = [
            ("not json {", "bad_json"),
            ([1, 2, 3], "bad_request"),
            ({"type": "teleport"}, "unknown_type"),
            ({"no": "type"}, "unknown_type"),
            ({"type": "publish"}, "bad_request"),
            ({"type": "publish", "sdp": "v=0\r\nthis is not SDP\r\n"}, "bad_sdp"),
            ({"type": "publish", "sdp": no_ice}, "bad_sdp"),
            ({"type": "publish", "sdp": h264_only}, "no_common_codec"),
            ({"type": "publish", "sdp": "x" * 60_000}, "too_large"),
            ("{" + " " * 100_000 + "}", "too_large"),
            ({"type": "subscribe", "publisher": "nobody", "sdp": good_subscribe}, "unknown_publisher"),
            ({"type": "subscribe", "publisher": "mallory", "sdp": good_subscribe}, "bad_request"),
            ({"type": "candidate", "target": "publish", "candidate": "candidate:1 1 udp 1 127.0.0.1 9 typ host"}, "unknown_target"),
        ]
        for payload, code in cases:
            reply = await ask(payload)
            assert reply["type"] == "error" and reply["code"] == code, (payload if not isinstance(payload, str) else payload[:40], reply)
            assert reply["message"]

        # truncated offers: every one is refused with an error, never an internal failure
        for cut in (10, 50, 200, 400, len(good_publish) // 2, len(good_publish) - 30):
            reply = await ask({"type": "publish", "sdp": good_publish[:cut]})
            assert reply["type"] == "error" and reply["code"] in ("bad_sdp", "no_common_codec"), (cut, reply)

        # a flood: answered in part, then rate-limited (one error per second, not one per message)
        for _ in range(300):
            await ws.send(json.dumps({"type": "hello"}))
        replies = []
        try:
            while True:
                replies.append(json.loads(await asyncio.wait_for(ws.recv(), 1.0)))
        except asyncio.TimeoutError:
            pass
        codes = [r.get("code") for r in replies if r["type"] == "error"]
        assert "rate_limited" in codes
        assert len(replies) < 150

        # and a well-formed request still works for mallory afterwards, once the token
        # bucket has refilled: the rate limiter's own delay (RATE_PER_S), part of what is tested
        await asyncio.sleep(1.0)
        reply = await ask({"type": "subscribe", "publisher": "alice", "sdp": good_subscribe, "id": 7})
        assert reply["type"] == "answer" and reply["id"] == 7 and "m=audio" in reply["sdp"]

    await asyncio.sleep(1.0)  # the end of the window over which bob's video is counted (abuse + 1 s)
    frames_after = video.frames
    errors = list(bob.errors)
    await bob.stop()
    await alice.stop()
    # bob kept receiving alice's video all along (15 fps; the abuse took a few seconds)
    assert frames_after - frames_before >= 30, (frames_before, frames_after)
    assert errors == []
    assert "mallory" not in room.participants()  # its socket closed: its media is gone
