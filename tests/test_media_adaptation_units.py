"""Per-subscriber adaptation, the parts without a network: the VP8 descriptor (against
frames libvpx really encoded with temporal layers), the estimate and the allocation."""

from __future__ import annotations

import fractions

import av
import numpy as np

from courtroom.media.bandwidth import Allocator, BandwidthEstimate, Level, VideoStream, allocate
from courtroom.media.vp8 import packetize, parse_descriptor, rewrite_picture_id
from tests.fixtures.waiting import wait_for

TS_L1T3 = ("ts_number_layers=3:ts_target_bitrate=250,375,500:ts_rate_decimator=4,2,1:ts_periodicity=4:"
           "ts_layer_id=0,2,1,2:ts_layering_mode=3")
TIDS_L1T3 = [0, 2, 1, 2]


def _encode(n: int, layered: bool) -> list[bytes]:
    from courtroom.sim.testsource import TestPattern

    codec = av.CodecContext.create("libvpx", "w")
    codec.width, codec.height, codec.pix_fmt = 320, 180, "yuv420p"
    codec.time_base = fractions.Fraction(1, 30)
    codec.bit_rate = 500_000
    codec.gop_size = 100000
    options = {"deadline": "realtime", "cpu-used": "8", "lag-in-frames": "0", "error-resilient": "1"}
    if layered:
        options["ts-parameters"] = TS_L1T3
    codec.options = options
    pattern = TestPattern(320, 180, noise=8)
    out = []
    for i in range(n):
        frame = pattern.frame(i)
        frame.pts = i
        if i == 0:
            frame.pict_type = av.video.frame.PictureType.I
        out += [bytes(p) for p in codec.encode(frame)]
    return out


def _decode(frames: list[bytes]) -> list[np.ndarray]:
    decoder = av.CodecContext.create("vp8", "r")
    return [f.to_ndarray(format="gray").astype(np.int16) for data in frames for f in decoder.decode(av.Packet(data))]


def test_descriptor_round_trip_and_picture_id_rewrite() -> None:
    frame = bytes(range(256)) * 10
    payloads = packetize(frame, picture_id=0x1234, tid=2, tl0_pic_idx=7, layer_sync=True, max_payload=1000)
    assert len(payloads) == 3
    first = parse_descriptor(payloads[0])
    assert (first.start, first.picture_id, first.tl0_pic_idx, first.tid, first.layer_sync) == (True, 0x1234, 7, 2, True)
    assert not parse_descriptor(payloads[1]).start
    assert b"".join(p[first.size:] for p in payloads) == frame
    rewritten = rewrite_picture_id(payloads[0], 0x0042)
    assert parse_descriptor(rewritten).picture_id == 0x42 and parse_descriptor(rewritten).tid == 2
    assert parse_descriptor(b"\x10abc") .picture_id is None  # no extension: no id, no layer
    assert parse_descriptor(b"\x90\xe0") is None  # truncated


def test_dropping_upper_temporal_layers_decodes_the_same_pictures() -> None:
    """What the server relies on: with L1T3, frames of layers 1-2 can be dropped and the
    rest decodes to exactly what a full-rate subscriber sees; without layers it cannot."""
    layered = _encode(24, layered=True)
    full = _decode(layered)
    for max_tid in (0, 1):
        keep = [i for i in range(len(layered)) if TIDS_L1T3[i % 4] <= max_tid]
        reduced = _decode([layered[i] for i in keep])
        assert len(reduced) == len(keep)
        assert max(np.abs(a - full[i]).mean() for a, i in zip(reduced, keep)) == 0
    plain = _encode(24, layered=False)
    full = _decode(plain)
    keep = [i for i in range(len(plain)) if i % 2 == 0]
    reduced = _decode([plain[i] for i in keep])
    assert max(np.abs(a - full[i]).mean() for a, i in zip(reduced, keep)) > 1  # corrupt without layers


def test_estimate_follows_loss_and_remb() -> None:
    est = BandwidthEstimate(1_000_000, now=0.0)
    for t in range(1, 11):
        est.on_report(0.0, now=float(t))
    assert abs(est.bps - 1_000_000 * 1.15 ** 10) < 10_000  # 15 % a second for 10 s
    est.on_report(0.30, now=11.0)
    assert abs(est.bps - 0.85 * 1_000_000 * 1.15 ** 10) < 10_000
    before = est.bps
    est.on_report(0.30, now=11.1)  # the same congestion seen by another connection: no second cut
    assert est.bps == before
    est.on_remb("a", 400_000)
    est.on_remb("b", 300_000)
    assert est.remb_bps == 700_000 and est.bps == before  # recorded, not used (see BandwidthEstimate.bps)
    est.forget("a")
    assert est.remb_bps == 300_000
    # growth stops at 1.5 x what was really sent, plus room for a step
    est.on_sent_rate(500_000)
    low = BandwidthEstimate(500_000, now=0.0)
    low.on_sent_rate(400_000)
    for t in range(1, 30):
        low.on_report(0.0, now=float(t))
    assert low.bps == 1.5 * 400_000 + 500_000
    # one late report is noise; a queue building (the round trip up by 120 ms and doubled,
    # the smoothed one too) backs off before any loss
    low.on_rtt(0.08, now=31.0)
    low.on_rtt(0.30, now=32.0)
    assert low.bps == 1.5 * 400_000 + 500_000
    reports = 0
    while low.bps == 1.5 * 400_000 + 500_000 and reports < 10:
        reports += 1
        low.on_rtt(0.30, now=32.0 + 0.1 * reports)
    assert 2 <= reports <= 5 and low.bps == 0.85 * (1.5 * 400_000 + 500_000), reports


def test_estimate_grows_slowly_near_the_rate_at_which_the_link_dropped_packets() -> None:
    est = BandwidthEstimate(2_500_000, now=0.0)
    est.on_sent_rate(2_200_000)  # filling a 2 Mbit/s link
    est.on_rtt(0.08, now=0.1)
    for i in range(4):
        est.on_rtt(0.35, now=0.2 + 0.31 * i)  # its queue fills (backs off too)...
    est.loss_based_bps = 2_500_000
    est.on_report(0.20, now=1.6)  # ...and overflows
    assert est.capacity_bps == 2_200_000 and est.bps == 0.9 * 2_500_000
    est.on_sent_rate(2_200_000)
    for t in range(3, 13):
        est.on_report(0.0, now=float(t) + 0.6)
    # 1.5 % a second near the capacity, not 15 %: ten seconds later still under 2.7 Mbit/s
    assert est.bps < 0.9 * 2_500_000 * 1.02 ** 10
    # random loss (no queue) says nothing of the capacity; 3 % of it (single reports of 4-8 %)
    # does not stop growth
    random_loss = BandwidthEstimate(2_500_000, now=0.0)
    random_loss.on_sent_rate(2_200_000)
    random_loss.on_rtt(0.08, now=0.1)
    random_loss.on_report(0.20, now=1.0)
    assert random_loss.capacity_bps is None
    lossy = BandwidthEstimate(1_000_000, now=0.0)
    for t in range(1, 11):
        lossy.on_report(0.06 if t % 3 == 0 else 0.02, now=float(t))
    assert lossy.bps > 1_000_000 * 1.15 ** 8


def _streams(layers: int) -> list[VideoStream]:
    per = [1_000_000 / layers] * layers
    return [VideoStream("speaker", True, per, 150_000), VideoStream("a", False, per, 150_000),
            VideoStream("b", False, per, 150_000)]


def test_allocation_cuts_the_others_first_and_the_speaker_last() -> None:
    streams = _streams(3)
    assert set(allocate(3_100_000, streams).values()) == {Level.FULL}
    levels = allocate(1_700_000, streams)  # 2 Mbit/s less audio and headroom
    assert levels["speaker"] == Level.FULL and levels["a"] == levels["b"] == Level.BASE
    levels = allocate(1_000_000, streams)
    assert levels["speaker"] >= Level.MIDDLE and levels["a"] <= Level.KEYFRAMES
    levels = allocate(700_000, streams)
    assert levels["speaker"] >= Level.MIDDLE and levels["a"] == levels["b"] == Level.PAUSED
    levels = allocate(100_000, streams)
    assert set(levels.values()) == {Level.PAUSED}
    # unlayered streams: full, thumbnails or nothing
    levels = allocate(1_400_000, _streams(1))
    assert levels == {"speaker": Level.FULL, "a": Level.KEYFRAMES, "b": Level.KEYFRAMES}


def test_allocator_goes_down_at_once_and_up_one_step_after_holding() -> None:
    streams = _streams(3)
    alloc = Allocator()
    assert alloc.update(700_000, streams, now=0.0)["a"] == Level.PAUSED
    assert alloc.update(3_500_000, streams, now=0.5)["a"] == Level.PAUSED  # not yet
    levels = alloc.update(3_500_000, streams, now=3.0)
    assert levels == {"speaker": Level.FULL, "a": Level.PAUSED, "b": Level.PAUSED}  # one stream, one step, speaker first
    assert alloc.update(3_500_000, streams, now=3.5) == levels  # holding again
    levels = alloc.update(3_500_000, streams, now=4.6)
    assert sorted(levels.values()) == [Level.PAUSED, Level.KEYFRAMES, Level.FULL]
    assert alloc.update(600_000, streams, now=4.7) == {"speaker": Level.BASE, "a": Level.PAUSED, "b": Level.PAUSED}


class _Tap:
    """Stands in for a publication's source: records what the tapped buffer releases."""

    def __init__(self) -> None:
        self.ssrc = None
        self.tids: dict[int, int] = {}
        self.frames: list[tuple[int, bytes]] = []
        self.losses = 0
        self.stalls = 0

    def on_frame(self, raw_timestamp: int, data: bytes) -> None:
        self.frames.append((raw_timestamp, data))

    def on_loss(self) -> None:
        self.losses += 1

    def on_stall(self) -> None:
        self.stalls += 1


def _rtp_packets(frames: list[bytes], first_seq: int) -> list:
    from aiortc.codecs.vpx import vp8_depayload
    from aiortc.rtp import RtpPacket

    packets, seq = [], first_seq
    for i, frame in enumerate(frames):
        payloads = packetize(frame, picture_id=i, max_payload=300)
        for j, payload in enumerate(payloads):
            p = RtpPacket(payload_type=96, sequence_number=seq & 0xFFFF, timestamp=3000 * i, marker=j == len(payloads) - 1,
                          payload=payload)
            p._data = vp8_depayload(payload)  # type: ignore[attr-defined]  # what aiortc's receiver sets
            packets.append(p)
            seq += 1
    return packets


def test_a_lost_packet_holds_frames_only_until_the_next_keyframe_or_the_give_up() -> None:
    """aiortc's buffer would hold every frame after a lost packet until 128 packets later
    (seconds on a cut-back stream); the tap releases the next whole keyframe at once, and
    asks for a keyframe (on_stall) once a gap has held frames back for GAP_GIVE_UP_S."""
    import time

    from aiortc.jitterbuffer import JitterBuffer

    from courtroom.media import aiortc_hooks
    from courtroom.media.frames import is_vp8_keyframe

    frames = _encode(12, layered=False)
    key = [bytes(f) for f in _encode(1, layered=False)]
    stream = frames[:6] + key + frames[7:]  # a keyframe at index 6
    assert is_vp8_keyframe(stream[0]) and is_vp8_keyframe(stream[6]) and not is_vp8_keyframe(stream[3])
    packets = _rtp_packets(stream, first_seq=65500)  # across the sequence number wrap
    frame2 = [p for p in packets if p.timestamp == 3000 * 2]
    assert len(frame2) >= 2
    for lost in (frame2[0], frame2[-1]):  # its first packet, or its last (the frame never ends)
        tap = _Tap()
        buffer = aiortc_hooks._TapJitterBuffer(JitterBuffer(capacity=128, is_video=True), tap)
        for p in packets:
            if p is lost:
                continue
            buffer.add(p)
        released = [ts // 3000 for ts, _ in tap.frames]
        assert released[:2] == [0, 1], released  # before the gap
        assert 6 in released and not {2, 3, 4, 5} & set(released), released  # the keyframe jumped the gap
        assert released == sorted(released) and released[-1] >= 10, released  # and what follows it flows
        assert dict(tap.frames)[3000 * 6] == stream[6]
        assert tap.losses == tap.stalls == 0  # the keyframe came before the give-up

    # a gap with no keyframe after it: a keyframe is asked for once, after GAP_GIVE_UP_S
    tap2 = _Tap()
    buffer2 = aiortc_hooks._TapJitterBuffer(JitterBuffer(capacity=128, is_video=True), tap2)
    deltas = _rtp_packets(frames[:6], first_seq=100)
    gap = next(p for p in deltas if p.timestamp == 3000 * 2)
    for p in deltas[:-1]:
        if p is not gap:
            buffer2.add(p)
    assert tap2.stalls == 0
    buffer2._blocked_since = time.monotonic() - aiortc_hooks.GAP_GIVE_UP_S - 0.01  # as if it waited
    buffer2.add(deltas[-1])
    buffer2.add(deltas[-1])
    assert tap2.stalls == 1 and tap2.losses == 0  # a keyframe asked for, nothing dropped
    buffer2.add(gap)  # the resend came after all: everything held back is released
    assert [ts // 3000 for ts, _ in tap2.frames][:5] == [0, 1, 2, 3, 4]


def test_audio_is_sent_twice_to_a_lossy_subscriber_within_its_share_of_the_estimate() -> None:
    """From a smoothed loss over 1 %; everyone's audio when the copies fit in 12 % of the
    estimate, else the speaker's (and presiding judge's) only; the copies are taken from
    the video budget."""
    from courtroom.media.subscriber import AUDIO_COPY_DELAY_S, SubscriberLink

    link = SubscriberLink("remote", lambda pid: pid == "speaker")
    for pid in ("speaker", "a", "b"):
        link.add_audio(1, pid)
    budget = link.video_budget_bps()
    assert link.audio_copy_delay("a") is None
    for _ in range(5):
        link.on_report(0.005, 0.08)
    assert link.audio_copy_delay("a") is None  # 0.5 % loss: no copies
    for _ in range(10):
        link.on_report(0.03, 0.08)
    link.estimate.loss_based_bps = 4_000_000
    assert link.audio_copy_delay("a") == link.audio_copy_delay("speaker") == AUDIO_COPY_DELAY_S
    assert link.video_budget_bps() == 4_000_000 * 0.8 - 6 * 60_000
    link.estimate.loss_based_bps = 1_000_000  # three copies would be 18 % of it
    assert link.audio_copy_delay("a") is None and link.audio_copy_delay("speaker") == AUDIO_COPY_DELAY_S
    assert link.video_budget_bps() == 1_000_000 * 0.8 - 4 * 60_000
    assert budget == 1_500_000 * 0.8 - 3 * 60_000


def test_the_pacer_sends_the_speakers_frames_ahead_of_the_others_not_started() -> None:
    import asyncio

    from courtroom.media.subscriber import SubscriberLink

    async def run() -> list[str]:
        link = SubscriberLink("remote", lambda pid: pid == "speaker")
        link.estimate.loss_based_bps = 800_000  # 100 kB/s: a 20 kB frame takes the pacer ~0.16 s
        sent: list[str] = []

        def frame(name: str, publisher: str) -> None:
            link.send_video([b"x" * 1000] * 20, lambda chunk, n=name: sent.append(n), lambda: None, publisher)

        frame("a1", "a")  # starts at once
        frame("b1", "b")
        frame("s1", "speaker")  # ahead of b1 (not started), behind a1 (started)
        frame("a2", "a")
        frame("s2", "speaker")  # behind s1, ahead of a2
        await wait_for(lambda: not link._video_queue, 10, "the pacer sending every queued frame", interval=0.02)
        link.close()
        return sent

    sent = asyncio.run(run())
    order = list(dict.fromkeys(sent))  # first chunk of each frame, in order
    assert order == ["a1", "s1", "s2", "b1", "a2"], order


def test_loss_is_judged_over_enough_packets_of_all_streams() -> None:
    """A thumbnail's report covers a few packets: one loss in ten is not a 10 % lossy link."""
    from courtroom.media.subscriber import LOSS_SAMPLE_PACKETS, SubscriberLink

    link = SubscriberLink("remote", lambda pid: False)
    before = link.estimate.bps
    link.on_report(0.1, None, "video", (10, 1))  # 1 of 10: not judged yet
    assert link.estimate.bps == before and link.estimate.last_loss == 0.0
    link.on_report(0.0, None, "audio", (LOSS_SAMPLE_PACKETS, 0))  # 1 of 110 over both streams
    assert abs(link.estimate.last_loss - 1 / (LOSS_SAMPLE_PACKETS + 10)) < 1e-9
    assert link.estimate.bps >= before  # under 4 %: no cut
    link.on_report(0.3, None, "video", (LOSS_SAMPLE_PACKETS, 30))  # congestion is still seen at once
    assert link.estimate.bps < before
