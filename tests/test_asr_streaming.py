"""asr.streaming: voice-activity segmentation of one speaker's stream (Silero VAD only)."""

from __future__ import annotations

import random

import numpy as np
import pytest

from asr.file import read_audio
from asr.streaming import SAMPLE_RATE, SegmenterOptions, UtteranceSegmenter, joined_utterance


def feed_all(segmenter: UtteranceSegmenter, audio: np.ndarray, t0: float = 0.0, chunk: int = 320):
    out = []
    for i in range(0, len(audio), chunk):
        out += segmenter.feed(audio[i : i + chunk], t0 + i / SAMPLE_RATE)
    return out + segmenter.flush()


@pytest.fixture(scope="module")
def long_clip(speech_dir, speech_manifest):
    entry = next(f for f in speech_manifest["files"] if f["file"] == "zh_court_60s.flac")
    return read_audio(speech_dir / entry["file"]), entry["segments"]


def test_sentences_become_utterances_on_the_hearing_clock(long_clip):
    audio, refs = long_clip
    utts = feed_all(UtteranceSegmenter(), audio, t0=1000.0)
    assert len(utts) == len(refs) == 20
    for utt, ref in zip(utts, refs):
        # Silero marks speech 0.03-0.35 s after it starts (measured); ends within 0.15 s.
        assert abs(utt.voiced_start - 1000.0 - ref["start"]) < 0.4
        assert abs(utt.voiced_end - 1000.0 - ref["end"]) < 0.2
        assert utt.start <= utt.voiced_start < utt.voiced_end
        assert utt.final and len(utt.audio) == pytest.approx(utt.duration * SAMPLE_RATE)
    starts = [u.start for u in utts]
    assert starts == sorted(starts)
    assert len({u.segment_id for u in utts}) == 20


def test_chunk_size_does_not_change_the_cut(long_clip):
    audio, _ = long_clip
    audio = audio[: 20 * SAMPLE_RATE]
    regular = feed_all(UtteranceSegmenter(), audio)
    seg, out, i, rng = UtteranceSegmenter(), [], 0, random.Random(7)
    while i < len(audio):
        n = rng.randint(1, 2000)
        out += seg.feed(audio[i : i + n], i / SAMPLE_RATE)
        i += n
    out += seg.flush()
    assert [(u.voiced_start, u.voiced_end) for u in out] == [(u.voiced_start, u.voiced_end) for u in regular]


@pytest.mark.parametrize("name", ["silence_20s.flac", "noise_low_20s.flac"])
def test_no_utterance_from_silence_or_noise(speech_dir, name):
    assert feed_all(UtteranceSegmenter(), read_audio(speech_dir / name)) == []


def test_long_speech_is_cut_at_pauses(speech_dir, speech_manifest):
    # 14 sentences 0.15 s apart: too short a pause to end an utterance (0.5 s), so the
    # segmenter must cut by length, at a pause, to keep every wait bounded.
    clips = [read_audio(speech_dir / f["file"]) for f in speech_manifest["files"] if f["file"].startswith("zh_court_") and "60s" not in f["file"]]
    gap = np.zeros(int(0.15 * SAMPLE_RATE), dtype=np.float32)
    audio = np.concatenate([x for c in clips for x in (c, gap)])
    sentence_mids, t = [], 0.0
    for c in clips:
        sentence_mids.append(t + len(c) / SAMPLE_RATE / 2)
        t += (len(c) + len(gap)) / SAMPLE_RATE
    options = SegmenterOptions()
    utts = feed_all(UtteranceSegmenter(options), audio)
    assert len(utts) >= 3
    for u in utts:
        assert u.duration <= options.max_utterance_s + 1e-6
    cuts = [b.start for a, b in zip(utts, utts[1:]) if b.start == pytest.approx(a.start + a.duration)]
    assert cuts, "expected at least one cut by length (the next utterance starts where it ends)"
    for t in cuts:
        # The cut falls in (or right by) a quiet stretch, not mid-word.
        cut = int(round(t * SAMPLE_RATE))
        assert np.abs(audio[max(0, cut - 400) : cut + 400]).max() < 0.2
    covered = [any(u.start <= m <= u.start + u.duration for u in utts) for m in sentence_mids]
    assert all(covered)


def test_clock_jump_ends_the_open_utterance(speech_dir):
    clip = read_audio(speech_dir / "zh_court_11.flac")
    half = len(clip) // 2
    seg = UtteranceSegmenter()
    out = feed_all_no_flush(seg, clip[:half], 10.0)
    assert out == [] and seg.open_segment_id is not None
    # The speaker's audio resumes 5 s later on the hearing clock (muted, packet loss).
    out = feed_all_no_flush(seg, clip[half:], 10.0 + half / SAMPLE_RATE + 5.0)
    out += seg.flush()
    assert len(out) == 2
    assert out[0].voiced_end <= 10.0 + half / SAMPLE_RATE + 0.05
    assert out[1].voiced_start >= 15.0 + half / SAMPLE_RATE - 0.05


def test_flush_closes_the_open_utterance(speech_dir):
    clip = read_audio(speech_dir / "zh_court_03.flac")
    seg = UtteranceSegmenter()
    assert feed_all_no_flush(seg, clip, 0.0) == []
    snapshot = seg.snapshot()
    assert snapshot is not None and not snapshot.final
    final = seg.flush()
    assert len(final) == 1 and final[0].segment_id == snapshot.segment_id and final[0].final
    assert seg.flush() == []


def feed_all_no_flush(segmenter: UtteranceSegmenter, audio: np.ndarray, t0: float):
    out = []
    for i in range(0, len(audio), 320):
        out += segmenter.feed(audio[i : i + 320], t0 + i / SAMPLE_RATE)
    return out


def test_webrtc_frames_are_converted_to_16k_mono_float():
    import fractions

    import av

    from asr.audio import FrameConverter

    convert, out = FrameConverter(), []
    for k in range(50):  # 1 s of 48 kHz stereo s16 in 20 ms frames, as aiortc delivers
        tone = (np.sin(2 * np.pi * 440 * (np.arange(960) + k * 960) / 48000) * 10000).astype(np.int16)
        frame = av.AudioFrame.from_ndarray(np.stack([tone, tone], 1).reshape(1, -1), format="s16", layout="stereo")
        frame.sample_rate, frame.pts, frame.time_base = 48000, k * 960, fractions.Fraction(1, 48000)
        out.append(convert(frame))
    pcm = np.concatenate(out)
    assert pcm.dtype == np.float32 and abs(len(pcm) - SAMPLE_RATE) < 160
    # 10000 / 32768 = 0.305 in each channel, and so in their average: the voice keeps its
    # level (FFmpeg's own downmix would make it 0.43, 3 dB louder).
    assert abs(np.abs(pcm[200:-200]).max() - 10000 / 32768) < 0.01


def test_a_pause_snapshot_is_the_final_utterance_to_the_sample(speech_dir):
    """The early pass reads what the final pass would: at every pause, the snapshot is
    either not ready or exactly the audio the utterance ends with if no speech follows."""
    noise = read_audio(speech_dir / "noise_low_20s.flac")
    audio = np.concatenate([noise[:8000], read_audio(speech_dir / "zh_court_03.flac"), noise[:24000]])
    seg = UtteranceSegmenter()
    snapshots, finals = [], []
    for i in range(0, len(audio), 320):
        snap = seg.pause_snapshot()
        if snap is not None and seg.trailing_silence >= 0.3:
            snapshots.append(snap)
        finals += seg.feed(audio[i : i + 320], i / SAMPLE_RATE)
    assert len(finals) == 1
    last = snapshots[-1]  # the pause that became the end
    assert last.segment_id == finals[0].segment_id and last.voiced_end == finals[0].voiced_end
    assert np.array_equal(last.audio, finals[0].audio)


@pytest.mark.parametrize("pause_s", [0.4, 0.9])  # rolls overlapping; a gap between them
def test_two_utterances_joined_are_the_stream_between_them(speech_dir, pause_s):
    """A held final read with the next utterance (asr.worker: a number cut by a pause):
    one utterance under the first's id, whose audio is the speaker's stream from the
    first's start to the second's end, each sample at its own hearing time. Where the
    rolls overlap (a short pause) the audio is taken once; a longer pause comes back as
    silence of its own length."""
    a = read_audio(speech_dir / "zh_court_07.flac")
    b = read_audio(speech_dir / "zh_court_03.flac")
    quiet = np.zeros(int(pause_s * SAMPLE_RATE), dtype=np.float32)
    stream = np.concatenate([a, quiet, b, np.zeros(SAMPLE_RATE, dtype=np.float32)])
    t0 = 500.0
    first, second = feed_all(UtteranceSegmenter(), stream, t0=t0)
    joined = joined_utterance(first, second)
    assert joined.segment_id == first.segment_id and joined.final
    assert (joined.start, joined.voiced_start) == (first.start, first.voiced_start)
    assert joined.voiced_end == second.voiced_end
    end = second.time_at(second.duration)
    assert joined.duration == pytest.approx(end - first.start, abs=1 / SAMPLE_RATE)
    # Every sample is the stream's own at that time (silence fills what neither held).
    i0 = int(round((first.start - t0) * SAMPLE_RATE))
    # (The pause here is digital silence, so the rebuilt gap equals the stream exactly.)
    assert np.array_equal(joined.audio, stream[i0 : i0 + len(joined.audio)])
    for offset in (0.1, first.duration - 0.05, joined.duration - second.duration + 0.2, joined.duration - 0.01):
        t = joined.time_at(offset)
        assert t == pytest.approx(first.start + offset, abs=1e-3)
        k = int(round((t - t0) * SAMPLE_RATE))
        j = int(round(offset * SAMPLE_RATE))
        assert joined.audio[j] == stream[k]


def test_the_segmenter_tells_when_the_open_utterance_began(speech_dir):
    """What a held final waits on: whether the speaker went on (the open utterance's first
    voiced time) and how far the audio has been judged."""
    clip = read_audio(speech_dir / "zh_court_03.flac")
    seg = UtteranceSegmenter()
    assert seg.open_voiced_start is None
    feed_all_no_flush(seg, np.concatenate([np.zeros(SAMPLE_RATE, dtype=np.float32), clip[: len(clip) // 2]]), 20.0)
    assert seg.open_voiced_start is not None and 21.0 <= seg.open_voiced_start < 21.5
    assert seg.judged_time == pytest.approx(20.0 + 1.0 + (len(clip) // 2) / SAMPLE_RATE, abs=0.04)
