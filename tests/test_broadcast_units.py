"""The broadcast's parts without a server: layout, composing (CJK text, placeholders, slate),
the audio timeline, the programme on a simulated clock (segments, keyframes, cut, pause,
slate substitution) read back with PyAV, the playlist, and who may be broadcast."""

import asyncio
import dataclasses
import datetime as dt
import fractions
import itertools
import uuid

import av
import numpy as np
import pytest

from courtroom.broadcast.audiomix import AudioTimeline, mix
from courtroom.broadcast.composer import Composer, Rect, TextRenderer, Tile, tile_rects
from courtroom.broadcast.encoder import PTS_OFFSET_S, EncoderSettings
from courtroom.broadcast.hls import PublishedSegment, mux_ts, render_playlist
from courtroom.broadcast.programme import Programme, ProgrammeSettings, Seat
from courtroom.broadcast.rtmp import redact
from courtroom.broadcast.service import refusal
from courtroom.media.frames import EncodedFrame
from courtroom.sim.testsource import TestPattern as Pattern
from courtroom.sim.testsource import encode_speech, encode_test_pattern
from models.cases import Case
from models.domain import HearingKind, HearingState
from models.hearings import Hearing


@pytest.fixture(scope="module")
def text() -> TextRenderer:
    return TextRenderer()


def _overlaps(a: Rect, b: Rect) -> bool:
    return a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.y + b.h and b.y < a.y + a.h


@pytest.mark.parametrize("layout", ["presiding", "grid"])
def test_tiles_fit_the_canvas_without_overlap(layout):
    for n in range(1, 13):
        rects = tile_rects(n, layout)
        assert len(rects) == n
        for r in rects:
            assert r.x >= 0 and r.y >= 0 and r.x + r.w <= 1280 and r.y + r.h <= 720
            assert r.x % 2 == 0 and r.y % 2 == 0 and r.w % 2 == 0 and r.h % 2 == 0
        for a, b in itertools.combinations(rects, 2):
            assert not _overlaps(a, b), (n, a, b)
    presiding = tile_rects(5, "presiding")
    assert presiding[0] == Rect(0, 0, 960, 540)
    assert all(r.w * r.h < presiding[0].w * presiding[0].h for r in presiding[1:])
    with pytest.raises(ValueError):
        tile_rects(2, "mosaic")


def test_text_is_noto_sans_cjk_sc(text):
    assert text.font(20).getname()[0] == "Noto Sans CJK SC"
    box = text.box("（2026）吉01民初501号", 24)
    assert box.w > 200 and box.h >= 30
    # Glyphs drawn: the box holds bright (text) and dark (background) pixels.
    luma = box.y / np.maximum(box.a, 1)
    assert luma.max() > 200 and np.median(luma[box.a > 0]) < 60


def _region(frame: av.VideoFrame, r: Rect) -> np.ndarray:
    return frame.to_ndarray()[: 720][r.y: r.y + r.h, r.x: r.x + r.w].astype(np.float32)


def test_compose_tiles_placeholder_caption_and_slate(text):
    composer = Composer("测试中级人民法院  （2026）吉01民初501号", text=text)
    pattern = Pattern(640, 360)
    tiles = [Tile("judge", "审判长", pattern.frame(0)), Tile("plaintiff", "原告", None, "画面已屏蔽"),
             Tile("defendant", "被告", pattern.frame(5))]
    out = av.VideoFrame(1280, 720, "yuv420p")
    composer.compose(out, tiles, "庭审时间 00:01:02")
    rects = tile_rects(3, "presiding")
    judge, masked = _region(out, rects[0]), _region(out, rects[1])
    # The judge's tile shows the colour bars (high contrast); the masked one a calm placeholder.
    assert judge.std() > 50
    assert masked[masked.shape[0] // 4:, :].std() < 40 and masked.mean() < 80
    # The caption and clock sit in the band above the tiles (four or fewer: centred block).
    band = out.to_ndarray()[: rects[0].y]
    assert band.max() > 200
    composer.compose_slate(out, "直播暂停")
    slate = out.to_ndarray()[:720]
    assert slate.mean() < 60 and slate.max() > 200  # dark slate, bright title


def test_audio_timeline_snaps_drops_late_and_mixes():
    a = AudioTimeline()
    one = np.full(960, 0.5, np.float32)
    a.write(one, 48000)
    a.write(one, 48000 + 960 + 30)  # estimate 30 samples late: laid end to end
    a.write(one, 48000 + 5000)  # a real gap: its own place
    out = np.zeros(8000, np.float32)
    assert a.read(48000, 8000, out)
    assert np.all(out[:1920] == 0.5) and np.all(out[1920:5000] == 0) and np.all(out[5000:5960] == 0.5)
    a.write(one, 48000 + 6000)  # ends before what was read: dropped as late
    assert a.dropped_late >= 960
    b = AudioTimeline()
    b.write(np.full(2048, 0.8, np.float32), 0)
    c = AudioTimeline()
    c.write(np.full(2048, 0.7, np.float32), 0)
    mixed = mix([b, c], 0, 1024)
    assert np.allclose(mixed, 1.0)  # limited
    c.discard_until(2048)
    assert np.allclose(mix([b, c], 1024, 1024), 0.8)


class _Clock:
    def __init__(self) -> None:
        self.t = 0.0

    def now(self) -> float:
        return self.t


class _Publication:
    def __init__(self, pid: str, kind: str) -> None:
        self.participant_id, self.kind, self.keyframe_requests = pid, kind, 0

    def request_keyframe(self) -> None:
        self.keyframe_requests += 1


def _tone(seconds: float, freq: float = 440.0) -> np.ndarray:
    t = np.arange(int(seconds * 48000)) / 48000
    return (np.sin(2 * np.pi * freq * t) * 12000).astype(np.int16)


async def test_programme_segments_cut_pause_and_slate(tmp_path, text):
    """Eight seconds on a simulated clock: a tone throughout; the programme is cut at 3.0 s
    (as if by the judge), resumed at 5.0 s; the hearing pauses at 6.5 s."""
    fps, seg = 15, 2.0
    settings = ProgrammeSettings(EncoderSettings(fps=fps, preset="ultrafast"), segment_s=seg)
    clock = _Clock()
    segments = []
    programme = Programme(clock, settings, "测试法院  （2026）吉01民初1号", segments.append, start=0.0, text=text)
    loop = asyncio.get_running_loop()
    video = encode_test_pattern(320, 180, 15, seconds=2.0, bitrate=200_000)
    audio = encode_speech(_tone(10.0))
    vp, ap = _Publication("p1", "video"), _Publication("p1", "audio")
    vsink, asink = programme.add_input(vp, loop), programme.add_input(ap, loop)
    programme.set_seats({"p1": Seat(0, "审判长")})
    programme.prepare()
    tb_v, tb_a = fractions.Fraction(1, 90000), fractions.Fraction(1, 48000)
    vi = ai = 0
    events = {3.0: lambda: programme.cut(), 5.0: lambda: programme.resume(5.0), 6.5: lambda: programme.pause(6.4)}
    t = 0.0
    while t < 8.0:
        t = round(t + 0.02, 4)
        clock.t = t
        while vi / 15 <= t:
            f = video[vi % len(video)]
            vsink.deliver(EncodedFrame(f.data, vi * 6000, f.keyframe, vi / 15, 90000, tb_v))
            vi += 1
        while ai * 0.02 <= t:
            asink.deliver(EncodedFrame(audio[ai].data, ai * 960, True, ai * 0.02, 48000, tb_a))
            ai += 1
        for at in [k for k in events if k <= t]:
            events.pop(at)()
        programme.step(t - settings.latency_s)
    programme.finish()

    assert [s.index for s in segments] == [0, 1, 2, 3]
    assert programme.template.ready and len(programme.template.video) >= seg * fps
    for s in segments:
        assert s.video[0].keyframe and sum(p.keyframe for p in s.video) == 1
    assert len(segments[0].video) == seg * fps
    # Cut at 3.0: slot 1 was live until then, slot 2 (4..6) resumed at 5.0.
    assert segments[0].live and segments[1].live and segments[2].live
    # Substitute the slate for slot 1 like a cut of unpublished segments does.
    v, a = programme.template.fill(segments[1])
    assert [p.pts for p in v] == [p.pts for p in segments[1].video]
    assert [p.pts for p in a] == [p.pts for p in segments[1].audio]
    published = []
    for s in segments:
        vv, aa = (v, a) if s.index == 1 else (s.video, s.audio)
        data = mux_ts(vv, aa, 1280, 720, fps)
        (tmp_path / f"{s.index}.ts").write_bytes(data)
        published.append(PublishedSegment(s.index, s.start, s.duration, data, s.index == 1, True))
    (tmp_path / "index.m3u8").write_text(render_playlist(published, seg, ended=True))

    # Read it back: H.264 1280x720 + AAC, keyframes every 2 s, the sound where it should be.
    pcm = {}
    keyframes = []
    with av.open(str(tmp_path / "index.m3u8")) as container:
        vstream, astream = container.streams.video[0], container.streams.audio[0]
        assert (vstream.codec_context.name, vstream.width, vstream.height) == ("h264", 1280, 720)
        assert astream.codec_context.name == "aac" and astream.rate == 48000
        for packet in container.demux():
            if packet.stream.type == "video" and packet.is_keyframe:
                keyframes.append(float(packet.pts * packet.time_base) - PTS_OFFSET_S)
            if packet.stream.type == "audio":
                for frame in packet.decode():
                    start = round(float(frame.pts * frame.time_base) * 48000) - round(PTS_OFFSET_S * 48000)
                    pcm[start] = frame.to_ndarray()[0]
    assert keyframes == pytest.approx([0.0, 2.0, 4.0, 6.0], abs=1e-3)

    def level(t0: float, t1: float) -> float:
        parts = [x for start, x in sorted(pcm.items()) if t0 * 48000 <= start < t1 * 48000 - 1024]
        return float(np.sqrt(np.mean(np.concatenate(parts) ** 2)))

    assert level(0.3, 1.9) > 0.1  # live tone
    assert level(2.1, 3.9) < 1e-3  # slot 1 replaced by the slate: silence
    assert level(4.1, 4.9) < 1e-3  # still cut
    assert level(5.2, 6.3) > 0.1  # resumed
    assert level(6.6, 7.4) < 1e-3  # the hearing paused


def test_playlist_window_and_end():
    segments = [PublishedSegment(n, n * 2.0, 2.0, b"", False, True) for n in range(7, 10)]
    text = render_playlist(segments, 2.0, ended=False)
    assert "#EXT-X-MEDIA-SEQUENCE:7" in text and "9.ts" in text and "#EXT-X-TARGETDURATION:2" in text
    assert "ENDLIST" not in text
    assert render_playlist(segments, 2.0, ended=True).rstrip().endswith("#EXT-X-ENDLIST")


def _hearing(kind: str = "hearing", state: str = "open", approved: bool = True) -> Hearing:
    now = dt.datetime.now(dt.timezone.utc)
    return Hearing(uuid.uuid4(), uuid.uuid4(), HearingKind(kind), "courtroom", "开庭", None, now, HearingState(state),
                   now, None, approved)


def test_who_may_be_broadcast():
    now = dt.datetime.now(dt.timezone.utc)
    plain = Case(uuid.uuid4(), uuid.uuid4(), "（2026）吉01民初1号", "买卖合同纠纷", is_secret=False, involves_privacy=False,
                 involves_minor=False, created_by=None, created_at=now)
    assert refusal(_hearing(), plain) is None
    assert refusal(_hearing(state="paused"), plain) is None
    assert refusal(_hearing(kind="deliberation"), plain).code == "not_broadcastable"
    assert refusal(_hearing(kind="committee"), plain).code == "not_broadcastable"
    assert refusal(_hearing(approved=False), plain).code == "not_approved"
    assert refusal(_hearing(state="scheduled"), plain).status == 409
    for flag in ("is_secret", "involves_privacy", "involves_minor"):
        assert refusal(_hearing(), dataclasses.replace(plain, **{flag: True})).code == "not_broadcastable"


def test_rtmp_url_is_redacted():
    assert redact("rtmp://ingest.example.cn:1935/live/secret-stream-key") == "rtmp://ingest.example.cn:1935/live/***"
    assert "pw" not in redact("rtmp://user:pw@host/app/key")
