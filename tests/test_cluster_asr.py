"""The ASR work queue on a real nats-server with JetStream, and `courtroom asr-worker`
as a real process with the packaged Whisper model: killed with SIGKILL mid-stream, it is
restarted, and every utterance is transcribed exactly once (none lost, none doubled)."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import os
import signal
import time
import uuid
from pathlib import Path

import numpy as np
import pytest

from asr.audio import read_audio
from asr.segment import Speaker
from asr.streaming import SAMPLE_RATE
from asr.worker import ServiceOptions, TranscriptionService
from courtroom.cluster import utterances as uq
from courtroom.hearing.transcription import HearingWords
from tests.conftest import SPEECH_DIR

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def _job(hearing: str, audio: np.ndarray, *, start: float = 10.0, utterance_id: str | None = None) -> uq.UtteranceJob:
    pad = np.zeros(int(0.3 * SAMPLE_RATE), dtype=np.float32)
    audio = np.concatenate([pad, audio.astype(np.float32), pad])
    return uq.UtteranceJob(
        utterance_id=utterance_id or str(uuid.uuid4()), hearing_id=hearing, stream_id=f"{hearing}:p1",
        speaker=Speaker(participant_id=str(uuid.uuid4()), role="plaintiff", name="张三"), audio=audio,
        start=start, voiced_start=start + 0.3, voiced_end=start + len(audio) / SAMPLE_RATE - 0.3,
        sample_times=((0, start),), prompt="以下是法庭庭审的普通话记录。", hotwords="张三、李四",
        case_terms=("张三", "李四", "买卖合同纠纷"))


def test_utterance_wire_format_round_trips_and_refuses_garbage():
    audio = np.sin(np.linspace(0, 200, SAMPLE_RATE)).astype(np.float32) * 0.5
    job = _job(str(uuid.uuid4()), audio)
    back = uq.UtteranceJob.decode(job.encode())
    assert back.utterance_id == job.utterance_id and back.speaker == job.speaker
    assert back.case_terms == job.case_terms and back.sample_times == job.sample_times
    assert back.voiced_start == job.voiced_start and back.sent_at == job.sent_at
    assert back.key_terms == () and back.sexes == ()
    # The case register's key words and sexes travel too; a job an older media worker sent, without
    # them, still decodes (a rolling upgrade).
    registered = dataclasses.replace(job, key_terms=("鸭苗", "孵化场"), sexes=(("张三", "male"),), roles=(("张三", "plaintiff"),))
    again = uq.UtteranceJob.decode(registered.encode())
    assert again.key_terms == ("鸭苗", "孵化场") and again.sexes == (("张三", "male"),) and again.roles == (("张三", "plaintiff"),)
    header, body = uq._unframe(registered.encode())
    del header["key_terms"], header["sexes"], header["roles"]
    old = uq.UtteranceJob.decode(uq._frame(header, body))
    assert old.key_terms == () and old.sexes == () and old.roles == () and old.case_terms == job.case_terms
    # The speaker's last lines go with the job (whom a 他/她 opening it means), at most two.
    said = dataclasses.replace(job, previous=("原告蔺若溪诉称，她在诊所做了注射。", "花了一万多元。"))
    assert uq.UtteranceJob.decode(said.encode()).previous == said.previous
    header, body = uq._unframe(said.encode())
    header["previous"] = ["一", "二", "三"]
    assert uq.UtteranceJob.decode(uq._frame(header, body)).previous == ("二", "三")
    assert old.previous == ()
    assert np.max(np.abs(back.audio - job.audio)) < 1e-4  # 16-bit PCM on the wire
    utt = back.to_utterance()
    assert utt.segment_id == job.utterance_id and utt.final and utt.time_at(1.0) == pytest.approx(11.0)
    for bad in (b"", b"not json\n", b'{"v": 99}\n', b'{"v": 1, "id": "x"}\n\x00'):
        with pytest.raises(uq.BadMessage):
            uq.UtteranceJob.decode(bad)
    with pytest.raises(ValueError):
        uq.utterance_subject("a.b")  # a subject token: no dots or wildcards
    from asr.segment import Segment, Word

    seg = Segment(segment_id=job.utterance_id, stream_id=job.stream_id, hearing_id=job.hearing_id, speaker=job.speaker,
                  start=10.3, end=11.0, text="现在开庭。", words=[Word(10.3, 10.5, "现", 0.9)], confidence=0.8,
                  model="whisper:base", corrections=[{"from": "线", "to": "现"}])
    for result in (uq.AsrResult(job.utterance_id, job.hearing_id, seg, worker="w1", asr_s=1.5),
                   uq.AsrResult(job.utterance_id, job.hearing_id, None, rejected="no_speech")):
        assert uq.AsrResult.decode(result.encode()) == dataclasses.replace(result, asr_s=round(result.asr_s, 3))


async def test_publishing_an_utterance_twice_queues_it_once(nats_js):
    hearing = str(uuid.uuid4())
    job = _job(hearing, np.zeros(SAMPLE_RATE, dtype=np.float32))
    assert await uq.publish_utterance(nats_js, job) is True
    assert await uq.publish_utterance(nats_js, job) is False  # a retry after a lost ack
    info = await nats_js.stream_info(uq.UTTERANCE_STREAM, subjects_filter=uq.utterance_subject(hearing))
    assert info.state.subjects == {uq.utterance_subject(hearing): 1}
    await nats_js.purge_stream(uq.UTTERANCE_STREAM, subject=uq.utterance_subject(hearing))


async def test_a_hearings_result_feed_outlives_a_jetstream_that_does_not_answer_yet(nats_js):
    """Right after a NATS restart JetStream can answer a pull with no responders or 503 before it
    has recovered its streams. The feed retries: a result stored after that still reaches the
    hearing (one CI run saw the feed stop there, and no result came after the restart)."""
    import nats.errors
    import nats.js.errors

    from tests.fixtures.waiting import wait_for

    hearing = str(uuid.uuid4())
    received: list[uq.AsrResult] = []
    feed = uq.ResultFeed(nats_js, hearing, lambda r: _append(received, r))
    await feed.start()
    try:
        real_fetch = feed._sub.fetch
        failures = [nats.errors.NoRespondersError(), nats.js.errors.ServiceUnavailableError()]

        async def fetch_after_a_restart(*args, **kwargs):  # what a recovering server answers first
            if failures:
                raise failures.pop(0)
            return await real_fetch(*args, **kwargs)

        feed._sub.fetch = fetch_after_a_restart
        result = uq.AsrResult(utterance_id=str(uuid.uuid4()), hearing_id=hearing, segment=None, rejected="no_speech",
                              worker="w1", asr_s=0.1, queued_s=0.0)
        assert await uq.publish_result(nats_js, result)
        assert feed._task is not None
        await wait_for(lambda: received or feed._task.done(), 30, "a result, or the feed's end")
        assert not feed._task.done(), "the feed stopped at a failed pull"
        assert failures == [] and [r.utterance_id for r in received] == [result.utterance_id]
    finally:
        await feed.stop(delete=True)


async def _append(into: list, item) -> None:
    into.append(item)


async def test_a_full_queue_refuses_with_a_clear_error_and_keeps_what_it_has(nats_server):
    """Back-pressure is an error the media worker sees (it keeps the audio), not a silent drop."""
    from nats.js.errors import NotFoundError

    nc = await uq.connect(nats_server.url, "test-full")
    js = nc.jetstream()
    try:
        try:
            await js.delete_stream(uq.UTTERANCE_STREAM)
        except NotFoundError:
            pass
        await uq.ensure_streams(js, utterance_max_bytes=200_000)
        hearing = str(uuid.uuid4())
        second = np.zeros(SAMPLE_RATE * 3, dtype=np.float32)  # ~100 KB each on the wire
        assert await uq.publish_utterance(js, _job(hearing, second))
        with pytest.raises(uq.QueueFull, match="full"):
            for _ in range(3):
                await uq.publish_utterance(js, _job(hearing, second))
        info = await js.stream_info(uq.UTTERANCE_STREAM)
        assert 1 <= info.state.messages <= 2
    finally:
        await js.delete_stream(uq.UTTERANCE_STREAM)
        await uq.ensure_streams(js)
        await nc.close()


async def _where_it_stands(js, nats_server, hearing: str, worker, worker_log: Path) -> str:
    """What a timed-out wait prints: where each job stands in JetStream, what the worker last
    reported (jobs held, results, its transcription queue), and both logs' ends. A rare CI
    failure must say which side stopped: the worker's pulls, its transcription, or the feed."""
    parts = []
    for what, ask in (("utterance stream", lambda: js.stream_info(uq.UTTERANCE_STREAM)),
                      ("worker consumer", lambda: js.consumer_info(uq.UTTERANCE_STREAM, uq.WORKER_CONSUMER)),
                      ("result stream", lambda: js.stream_info(uq.RESULT_STREAM)),
                      ("hearing's result consumer", lambda: js.consumer_info(uq.RESULT_STREAM, uq._results_consumer(hearing)))):
        try:
            info = await asyncio.wait_for(ask(), 5.0)
            parts.append(f"{what}: {getattr(info, 'state', None) or info}")
        except Exception as exc:
            parts.append(f"{what}: unavailable ({exc!r})")
    parts.append(f"worker's last report: {worker.stats.get(worker.pid)}")
    parts.append("worker log:\n" + worker_log.read_text()[-4000:])
    nats_log = nats_server.child.log_path
    parts.append("nats-server log:\n" + (nats_log.read_text(errors="replace")[-2000:] if nats_log and nats_log.exists() else "none"))
    return "\n".join(parts)


def _manifest() -> dict[str, str]:
    data = json.loads((SPEECH_DIR / "manifest.json").read_text(encoding="utf-8"))
    return {f["file"]: f["text"] for f in data["files"]}


@pytest.mark.slow
async def test_asr_worker_killed_mid_stream_is_restarted_and_transcribes_every_utterance_once(
        nats_server, nats_js, whisper_model_dir, tmp_path):
    from asr.evaluation import corpus_cer
    from tests.fixtures.nats import start_asr_worker

    hearing = str(uuid.uuid4())
    received: dict[str, list[uq.AsrResult]] = {}
    got = asyncio.Event()

    async def store(result: uq.AsrResult) -> None:  # the media worker's side, minus PostgreSQL
        received.setdefault(result.utterance_id, []).append(result)
        got.set()

    async def wait_for(cond, timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        while not cond():
            if time.monotonic() >= deadline:
                raise AssertionError(f"timed out waiting for {what}\n" + await _where_it_stands(
                    nats_js, nats_server, hearing, worker, tmp_path / "asr-worker.log"))
            got.clear()
            try:
                await asyncio.wait_for(got.wait(), 0.5)
            except asyncio.TimeoutError:
                pass

    texts = _manifest()
    files = [f"zh_court_{i:02d}.flac" for i in range(8)]
    queued = [_job(hearing, read_audio(SPEECH_DIR / name), start=5.0 * i) for i, name in enumerate(files)]
    jobs = {job.utterance_id: name for job, name in zip(queued, files)}
    silence = _job(hearing, read_audio(SPEECH_DIR / "silence_20s.flac")[: 2 * SAMPLE_RATE], start=60.0)
    feed = uq.ResultFeed(nats_js, hearing, store)
    await feed.start()
    worker = await start_asr_worker(nats_server.url, whisper_model_dir, tmp_path / "asr-worker.log")
    stats = worker.stats
    try:
        first_pid = worker.pid
        for job in queued:
            await uq.publish_utterance(nats_js, job)
        await uq.publish_utterance(nats_js, silence)

        # Kill it once it has delivered something and still holds jobs.
        await wait_for(lambda: len(received) >= 1, 300, "a first result")
        assert len(received) < len(jobs), "all done before the kill: the test would prove nothing"
        os.kill(first_pid, signal.SIGKILL)
        await worker.wait_started(1, timeout=300)
        assert worker.pid != first_pid and worker.exits[0] == -signal.SIGKILL

        await wait_for(lambda: len(received) == len(jobs) + 1, 400, "every utterance's result")
        # None doubled: each result reached the hearing once (JetStream deduplicates a
        # result re-published after a redelivery, by utterance id).
        assert {k: len(v) for k, v in received.items() if len(v) != 1} == {}
        # None lost, and the restarted worker did take over jobs the dead one held.
        assert set(received) == set(jobs) | {silence.utterance_id}
        await wait_for(lambda: stats.get(worker.pid, {}).get("redelivered", 0) >= 1, 10, "the new worker's stats")

        hyps, refs = [], []
        for job_id, name in jobs.items():
            seg = received[job_id][0].segment
            assert seg is not None, received[job_id][0].rejected
            assert seg.segment_id == job_id and seg.hearing_id == hearing and seg.final and seg.speaker.name == "张三"
            assert 5.0 * files.index(name) <= seg.start < seg.end
            hyps.append(seg.text)
            refs.append(texts[name])
        assert corpus_cer(hyps, refs, normalized=True) < 0.25, list(zip(hyps, refs))
        assert received[silence.utterance_id][0].segment is None  # silence: a result saying so, no text

        # A NATS restart: the worker and the results feed reconnect by themselves.
        nats_pid = nats_server.child.pid
        os.kill(nats_pid, signal.SIGKILL)
        await nats_server.child.wait_started(1, timeout=60)
        late = _job(hearing, read_audio(SPEECH_DIR / "zh_court_09.flac"), start=100.0)
        deadline = time.monotonic() + 30
        while True:  # our own client may still be reconnecting
            try:
                await uq.publish_utterance(nats_js, late)
                break
            except Exception:
                assert time.monotonic() < deadline
                await asyncio.sleep(0.5)
        await wait_for(lambda: late.utterance_id in received, 300, "a result after the NATS restart")
        assert received[late.utterance_id][0].segment is not None
        assert (await uq.backlog(nats_js))["waiting"] == 0
    finally:
        await feed.stop(delete=True)
        await worker.stop()
        await worker.stats_connection.close()


async def test_an_utterance_alone_reads_he_or_she_by_the_speaker_s_lines_sent_with_it(whisper_model):
    """On the cluster path an ASR worker transcribes each utterance alone
    (TranscriptionService.transcribe, as courtroom.cluster.asr_worker calls it), so the speaker's
    last lines travel with the job. benchmarks/heldout30, case Z121, said by the plaintiff in two
    utterances: "原告蔺若溪诉称，她在…" then "注射后第二天，她的鼻尖开始发白发紫…", which names no
    one. Whisper writes the one sound tā as 他; the line before says whose nose it is."""
    words = HearingWords(uuid.uuid4(), "（2025）苏0213民初4127号", "医疗服务合同纠纷",
                         ("蔺若溪", "无锡悦颜医疗美容诊所有限公司", "逯志强", "亓春燕", "郜文博"), (),
                         sexes={"蔺若溪": "female"}, roles={"蔺若溪": "plaintiff", "无锡悦颜医疗美容诊所有限公司": "defendant"})
    prompt, hotwords = words.prompting
    speaker = Speaker(participant_id=str(uuid.uuid4()), role="plaintiff", name="蔺若溪")
    service = TranscriptionService(whisper_model, model_name="whisper-base", on_segment=lambda s: None,
                                   options=ServiceOptions(interim=False))
    await service.start()
    try:
        async def alone(k: int, previous: tuple[str, ...]) -> tuple[str, list[dict]]:
            job = _job("h1", read_audio(BENCHMARKS / "heldout30" / f"heldout30_{k:02d}.flac"))
            done = await service.transcribe(
                job.to_utterance(), stream_id=f"s{k}", hearing_id="h1", speaker=speaker, prompt=prompt, hotwords=hotwords,
                case_terms=words.case_terms, sexes=words.sexes, roles=words.roles, previous=previous)
            assert done.segment is not None, done.rejected
            return done.segment.text, done.segment.corrections

        opened, _ = await alone(0, ())
        assert opened.startswith("原告蔺若溪"), opened
        without, _ = await alone(1, ())
        with_lines, fixes = await alone(1, (opened,))
    finally:
        await service.stop()
    assert "他" in without[:12] and "她" not in without, without  # alone, no one is named: left as heard
    assert "她" in with_lines[:12] and with_lines.replace("她", "他", 1) == without, with_lines
    assert any(f["original"] == "他" and f["corrected"] == "她" for f in fixes), fixes
