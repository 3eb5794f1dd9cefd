"""Recordings: written as frames arrive, playable after SIGKILL, durations and content match
what was sent, pauses and restarts make new segments."""

import asyncio
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from courtroom.media import recording
from courtroom.media.matroska import MatroskaWriter, TrackFormat, vp8_keyframe_size
from courtroom.media.probe import probe_recording
from courtroom.sim.simclient import SimulatedParticipant, VideoSpec
from courtroom.sim.testsource import encode_speech, encode_test_pattern, load_speech
from tests.conftest import SPEECH_DIR
from tests.fixtures.media import decode_audio, envelope_correlation, free_port, wait_server_received, wait_until
from tests.fixtures.waiting import wait_for

REPO = Path(__file__).resolve().parents[1]
# Envelope correlation (tests/fixtures/media.py) of a recording against the speech sent:
# measured 0.986 through aiortc; other 8 s stretches of the same voice score 0.30-0.73.
MIN_SPEECH_CORRELATION = 0.9


def ffprobe_frames(path: Path) -> int:
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-count_frames", "-select_streams", "0", "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", str(path)],
        capture_output=True, text=True, check=True,
    )
    return int(out.stdout.strip())


def test_writer_output_plays_with_and_without_close(tmp_path):
    video = encode_test_pattern(160, 96, fps=15, seconds=2.0, bitrate=200_000, keyframe_interval_s=1.0)
    audio = encode_speech(load_speech(SPEECH_DIR / "zh_court_00.flac", 2.0))
    for close in (True, False):
        v = MatroskaWriter(tmp_path / f"v{close}.webm", TrackFormat.vp8(*vp8_keyframe_size(video[0].data)))
        for i, f in enumerate(video):
            v.write(i * 1000 // 15, f.data, f.keyframe)
        a = MatroskaWriter(tmp_path / f"a{close}.webm", TrackFormat.opus(1))
        for i, f in enumerate(audio):
            a.write(i * 20, f.data, True)
        if close:
            v.close()
            a.close()
        # (not closing = the process died here: the file descriptors just go away)
        pv, pa = probe_recording(v.path, decode=True), probe_recording(a.path, decode=True)
        assert pv.ok and pa.ok and pv.decode_errors == 0 and pa.decode_errors == 0
        assert pv.packets == len(video) and pa.packets == len(audio)
        assert pv.finalized is close and pa.finalized is close
        assert (pv.damaged_reason is None) is close and (pa.damaged_reason is None) is close
        assert pv.duration_s == pytest.approx(len(video) / 15, abs=0.07)
        assert pa.duration_s == pytest.approx(len(audio) * 0.02, abs=0.03)
        # an independent reader agrees
        assert ffprobe_frames(v.path) == len(video)
    # damaged inputs are reported, not raised
    (tmp_path / "junk.webm").write_bytes(b"not a recording")
    junk = probe_recording(tmp_path / "junk.webm")
    assert not junk.ok and junk.damaged_reason
    assert probe_recording(tmp_path / "missing.webm").damaged_reason == "file missing"
    with pytest.raises(FileExistsError):  # recordings are never overwritten
        MatroskaWriter(tmp_path / "vTrue.webm", TrackFormat.opus(1))


async def test_recording_matches_what_was_sent(media_server, speech_48k, speech_file):
    seconds = 8.0
    room = media_server.room("content")
    listener = media_server.listener("content")
    alice = SimulatedParticipant(
        media_server.ws_url("content", "alice"), audio=speech_48k[: int(seconds * 48000)], video=VideoSpec(320, 180, 15), subscribe=False
    )
    await alice.start()
    assert await wait_until(lambda: alice.audio_track.frames_sent >= seconds * 50, seconds + 5)
    await wait_server_received(room, "alice", alice.frames_sent())  # the client goes on sending silence
    # Open recordings reach the disk every second, not only at close (a power cut loses
    # about that much): by now both files were fdatasync'ed several times.
    assert room.files_synced >= 2 * 4, room.files_synced
    assert await room.sync_recordings() == 2
    await alice.stop()
    # Counted after the stop: a frame sent between a count and the stop could be recorded
    # too (seen: 121 recorded of 120 counted), which the upper bound below would misread.
    sent = alice.frames_sent()
    await room.close()

    segments = {s.kind: s for s in listener.closed}
    assert set(segments) == {"audio", "video"} and len(listener.closed) == 2
    a, v = segments["audio"], segments["video"]
    assert (a.index, v.index) == (0, 0) and not a.damaged and not v.damaged
    pa, pv = probe_recording(a.path, decode=True), probe_recording(v.path, decode=True)
    assert pa.finalized and pv.finalized and pa.damaged_reason is None and pv.damaged_reason is None

    # durations and frame counts match what the client sent
    assert a.duration_s == pytest.approx(sent["audio"] * 0.02, abs=0.15)
    assert pa.duration_s == pytest.approx(a.duration_s, abs=0.03)
    assert sent["video"] - 3 <= v.frames <= sent["video"]
    assert pv.packets == v.frames
    assert v.duration_s == pytest.approx(sent["video"] / 15, abs=0.3)
    assert (v.width, v.height) == (320, 180)
    # both tracks start on the hearing clock within a moment of each other
    assert abs(a.hearing_start - v.hearing_start) < 0.3
    assert a.wall_start == pytest.approx(room.clock.to_wall(a.hearing_start))

    # the recorded audio is the speech that was sent
    source = decode_audio(speech_file)[: int(seconds * 16000)]
    corr, lag = envelope_correlation(decode_audio(a.path), source)
    print(f"recorded speech correlation {corr:.3f} at lag {lag:.2f} s; sent {sent}, recorded video frames {v.frames}")
    assert corr > MIN_SPEECH_CORRELATION, (corr, lag)
    assert abs(lag) < 0.2
    # and so is what the speech feed gave to recognition, timed on the same clock
    fed = listener.audio_of("alice")
    corr_fed, _ = envelope_correlation(fed, source)
    assert corr_fed > MIN_SPEECH_CORRELATION
    assert listener.audio["alice"][0].hearing_time == pytest.approx(a.hearing_start, abs=0.05)
    # a control: against other sentences of the same voice the measure stays low (0.30 here)
    other = decode_audio(speech_file)[30 * 16000 : int((30 + seconds) * 16000)]
    assert envelope_correlation(decode_audio(a.path), other)[0] < 0.6


async def test_pause_and_resume_make_separate_segments(media_server, speech_48k):
    segment_s, pause_s = 2.0, 1.5  # recorded, paused, recorded: the durations and the gap under test
    room = media_server.room("pause")
    listener = media_server.listener("pause")
    alice = SimulatedParticipant(media_server.ws_url("pause", "alice"), audio=speech_48k[: 10 * 48000], video=VideoSpec(256, 144, 15), subscribe=False)
    await alice.start()
    assert await wait_until(lambda: len(listener.started) == 2, 5)
    await asyncio.sleep(segment_s)  # the first recorded stretch (its duration asserted below)
    closed = await room.set_recording(False)
    assert sorted(s.kind for s in closed) == ["audio", "video"]
    await asyncio.sleep(pause_s)  # also the window in which no segment may start
    assert len(listener.started) == 2  # nothing recorded while paused
    await room.set_recording(True)
    await asyncio.sleep(segment_s)  # the second recorded stretch
    await alice.stop()
    await room.close()

    for kind in ("audio", "video"):
        first, second = sorted((s for s in listener.closed if s.kind == kind), key=lambda s: s.index)
        assert (first.index, second.index) == (0, 1)
        assert first.path != second.path and first.path.exists() and second.path.exists()
        gap = second.hearing_start - (first.hearing_start + first.duration_s)
        assert 1.2 < gap < 2.0, (kind, gap)  # the pause shows as a gap in the timeline
        assert first.duration_s == pytest.approx(segment_s, abs=0.4)
        for s in (first, second):
            p = probe_recording(s.path)
            assert p.ok and p.finalized


def _start_server(port: int, recordings: Path) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.fixtures.media", "--port", str(port), "--recordings", str(recordings)],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    line = proc.stdout.readline()
    assert line.strip() == "ready", line
    return proc


async def test_sigkill_leaves_playable_recordings_and_restart_continues(tmp_path, speech_48k, speech_file):
    port = free_port()
    recordings = tmp_path / "rec"
    server = await asyncio.to_thread(_start_server, port, recordings)
    try:
        url = f"ws://127.0.0.1:{port}/ws/hearing/alice"
        alice = SimulatedParticipant(url, audio=speech_48k[: 12 * 48000], video=VideoSpec(256, 144, 15), subscribe=False)
        await alice.start()
        await wait_for(lambda: alice.audio_track.started_at is not None, 5, "alice's audio starting")
        await asyncio.sleep(8.0)  # publish for 8 s: what the kill must leave playable
        server.send_signal(signal.SIGKILL)
        killed_at = time.time()
        server.wait(5)
        published_s = killed_at - alice.audio_track.started_at
        await alice.stop()
    finally:
        if server.poll() is None:
            server.kill()

    room_dir = recordings / "hearing"
    audio_file, video_file = room_dir / "alice.audio.0000.webm", room_dir / "alice.video.0000.webm"
    pa, pv = probe_recording(audio_file, decode=True), probe_recording(video_file, decode=True)
    print(f"published {published_s:.2f} s before SIGKILL; playable audio {pa.duration_s:.2f} s, video {pv.duration_s:.2f} s")
    for p in (pa, pv):
        assert p.ok and not p.finalized and p.decode_errors == 0
        assert p.damaged_reason.startswith("not finalized")
        # everything up to ~2 s before the kill plays (measured: all but the last 0.1 s)
        assert p.duration_s > published_s - 2.0, (p, published_s)
    corr, _ = envelope_correlation(decode_audio(audio_file), decode_audio(speech_file)[: int(pa.duration_s * 16000)])
    assert corr > MIN_SPEECH_CORRELATION
    before = {f: f.stat().st_size for f in (audio_file, video_file)}

    # after a restart the same participant records into new segments; the damaged ones are kept as they were
    port = free_port()
    server = await asyncio.to_thread(_start_server, port, recordings)
    try:
        alice = SimulatedParticipant(
            f"ws://127.0.0.1:{port}/ws/hearing/alice", audio=speech_48k[: 3 * 48000], video=VideoSpec(256, 144, 15), subscribe=False
        )
        await alice.start()
        await asyncio.sleep(2.5)  # publish 2.5 s into the new segments (each must play > 1.5 s)
        await alice.stop()
        server.send_signal(signal.SIGTERM)  # a clean stop closes the recordings
        await asyncio.to_thread(server.wait, 10)
    finally:
        if server.poll() is None:
            server.kill()
    assert {f: f.stat().st_size for f in before} == before
    for kind in ("audio", "video"):
        p = probe_recording(room_dir / f"alice.{kind}.0001.webm")
        assert p.ok and p.finalized and p.duration_s > 1.5
    assert recording.next_segment_index(room_dir, "alice", "audio") == 2
