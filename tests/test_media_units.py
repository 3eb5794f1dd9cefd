"""The forwarding rules on their own: keyframe detection, timestamp unwrapping (a backwards
step is not a wrap), waiting for a keyframe after upstream loss (through aiortc's real
jitter buffer), and merged, paced keyframe requests."""

import asyncio

from aiortc.jitterbuffer import JitterBuffer
from aiortc.rtp import RtpPacket

from courtroom.media.aiortc_hooks import _TapJitterBuffer
from courtroom.media.clock import HearingClock
from courtroom.media.forwarding import MIN_PLI_INTERVAL_S, PLI_RETRY_S, Publication
from courtroom.media.frames import is_vp8_keyframe
from courtroom.sim.testsource import encode_test_pattern
from tests.fixtures.waiting import wait_for

KEY = b"\x10\x02\x00\x9d\x01\x2a\x40\x01\xf0\x00" + bytes(20)  # VP8 keyframe header, 320x240
DELTA = b"\x31\x02\x00" + bytes(20)


class Collect:
    respects_mute = False

    def __init__(self):
        self.frames = []

    def deliver(self, frame):
        self.frames.append(frame)


def test_vp8_keyframe_detection_needs_the_start_code():
    frames = encode_test_pattern(64, 48, fps=10, seconds=1.0, keyframe_interval_s=10)
    assert is_vp8_keyframe(frames[0].data)
    assert not any(is_vp8_keyframe(f.data) for f in frames[1:])
    assert is_vp8_keyframe(KEY)
    assert not is_vp8_keyframe(DELTA)
    # P bit clear (looks like a keyframe by its first byte) but no start code: not a keyframe
    assert not is_vp8_keyframe(b"\x00\x00\x00\x00\x00\x00" + bytes(10))


async def test_rtp_timestamps_unwrap_and_backward_steps_are_dropped():
    pub = Publication("p", "audio", HearingClock.open())
    sink = Collect()
    pub.attach(sink)
    source = pub.bind(None)
    start = (1 << 32) - 3 * 960
    stamps = [(start + i * 960) & 0xFFFFFFFF for i in range(6)]  # wraps after the third
    stamps.insert(4, stamps[2])  # a late duplicate: a backwards step, not a wrap
    for ts in stamps:
        source.on_frame(ts, b"\xf8\xff\xfe")
    out = [f.timestamp for f in sink.frames]
    assert out == [i * 960 for i in range(6)]
    assert pub.stats.dropped_reordered == 1
    # hearing times follow the RTP clock (at most 1 ms of slew per frame), even in a burst
    hearing = [f.hearing_time for f in sink.frames]
    steps = [b - a for a, b in zip(hearing, hearing[1:])]
    assert all(0.0189 <= s <= 0.0201 for s in steps), steps


async def test_sender_clock_reset_continues_the_timeline():
    pub = Publication("p", "audio", HearingClock.open())
    sink = Collect()
    pub.attach(sink)
    source = pub.bind(None)
    for i in range(5):
        source.on_frame(500_000 + i * 960, b"\xf8")
    await asyncio.sleep(0.1)  # a real 0.1 s arrival gap: the timeline must show it, not 2^32 ticks
    source.on_frame(7, b"\xf8")  # the sender restarted its RTP clock
    source.on_frame(967, b"\xf8")
    out = [f.timestamp for f in sink.frames]
    assert out == sorted(out) and len(out) == 7
    gap = (out[5] - out[4]) / 48000
    assert 0.05 < gap < 0.5  # the wall-clock gap, not 2^32 ticks (~24.8 h)
    assert pub.stats.discontinuities == 1


async def test_after_upstream_loss_frames_wait_for_a_keyframe():
    pub = Publication("p", "video", HearingClock.open())
    sink = Collect()
    pub.attach(sink)
    source = pub.bind(None)
    buffer = _TapJitterBuffer(JitterBuffer(capacity=512, is_video=True), source)

    def feed(seq, data):
        packet = RtpPacket(payload_type=97, sequence_number=seq, timestamp=seq * 3000)
        packet._data = data
        buffer.add(packet)

    feed(0, KEY)
    for seq in range(1, 10):
        feed(seq, DELTA)
    delivered_before_loss = len(sink.frames)
    # packet 10 never arrives: aiortc's jitter buffer waits until it overflows, then drops
    for seq in range(11, 600):
        feed(seq, DELTA)
    assert pub.stats.upstream_losses >= 1
    assert len(sink.frames) == delivered_before_loss  # nothing undecodable went out
    assert pub.stats.keyframe_requests >= 1
    feed(600, KEY)
    for seq in range(601, 610):
        feed(seq, DELTA)
    after = sink.frames[delivered_before_loss:]
    assert after and after[0].keyframe
    assert len(after) >= 9


class PliCounter:
    """Stands in for the publisher's RTCRtpReceiver: counts the PLIs it is asked to send."""

    def __init__(self):
        self.sent = []

    async def _send_rtcp_pli(self, media_ssrc):
        self.sent.append(asyncio.get_running_loop().time())


async def test_keyframe_requests_are_merged_paced_and_deferred():
    pub = Publication("p", "video", HearingClock.open())
    counter = PliCounter()
    source = pub.bind(None)
    source.receiver = counter
    source.ssrc = 1234
    source.on_frame(0, KEY)  # satisfies the request made at bind
    counter.sent.clear()
    for _ in range(10):  # ten subscribers ask at once
        pub.request_keyframe()
    await wait_for(lambda: counter.sent, 5, "the first PLI")
    assert len(counter.sent) == 1
    await asyncio.sleep(0.1)  # then ask again 0.1 s later, within MIN_PLI_INTERVAL_S of the first
    pub.request_keyframe()  # too soon: deferred, not dropped
    await asyncio.sleep(0.05)  # observation window: the deferred request must not go out at once
    assert len(counter.sent) == 1
    await wait_for(lambda: len(counter.sent) >= 2, MIN_PLI_INTERVAL_S + 5, "the deferred PLI")
    assert len(counter.sent) == 2
    assert counter.sent[1] - counter.sent[0] >= MIN_PLI_INTERVAL_S - 0.01
    source.on_frame(3000, KEY)  # the keyframe arrives: no more requests
    await asyncio.sleep(PLI_RETRY_S + 0.2)  # observation window: a retry would have come within PLI_RETRY_S
    assert len(counter.sent) == 2


def test_ice_configuration_from_settings():
    import aioice.ice

    from courtroom.config import Settings
    from courtroom.media import ice

    settings = Settings(host_addresses=("127.0.0.1",), ice_servers=("stun:stun.example.org:3478", "turn:court:s3cret@turn.example.org:3478?transport=tcp"))
    config = ice.rtc_configuration_from_settings(settings)
    stun, turn = config.iceServers
    assert stun.urls == "stun:stun.example.org:3478" and stun.username is None
    assert turn.urls == "turn:turn.example.org:3478?transport=tcp" and (turn.username, turn.credential) == ("court", "s3cret")
    # aioice now offers exactly the configured address, loopback included
    assert aioice.ice.get_host_addresses(True, True) == ["127.0.0.1"]
    assert ice.browser_ice_servers(settings.ice_servers)[1] == {
        "urls": "turn:turn.example.org:3478?transport=tcp", "username": "court", "credential": "s3cret",
    }
    # no servers configured: an explicit empty list, never aiortc's default public STUN server
    assert ice.rtc_configuration((), ("127.0.0.1",)).iceServers == []
    for bad in ("http://example.org", "turn:turn.example.org:3478"):
        try:
            ice.parse_ice_server(bad)
        except ValueError as exc:
            assert "ICE" in str(exc) or "TURN" in str(exc)
        else:
            raise AssertionError(f"{bad} accepted")
    try:
        ice.configure_host_addresses(["not-an-address"])
    except ValueError as exc:
        assert "not an IP address" in str(exc)
    else:
        raise AssertionError("bad host address accepted")
    ice.configure_host_addresses(["127.0.0.1"])  # what the other media tests use
