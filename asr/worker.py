"""The transcription service: per-speaker streams in, segments out on the event loop.

    event loop                               one worker thread
    ----------                               -----------------
    SpeakerStream.feed(pcm, t) --VAD--> ended utterances --> queue --> BatchDecoder
                                                            (all hearings, all speakers,
    on_segment(Segment) <-- dispatcher <-- outbox <--------  up to max_batch per call)

- `feed` runs only Silero VAD (about 0.2 ms per 32 ms window) and returns at once;
  Whisper runs in the worker thread, which batches the pending utterances of every
  open stream into one call.
- Back-pressure: nothing is ever dropped. If the worker falls behind, utterances wait
  in the queue (the batch grows up to max_batch) and `stats()` reports the lag.
- Early final: when a speaker pauses for `speculate_after_s` (at least the segmenter's
  post-roll), the idle worker starts the final-quality pass on the utterance as it will
  end if no more speech comes (UtteranceSegmenter.pause_snapshot: the same samples the
  final will have, so the committed text is the one the final pass would give, as in a
  file). If the pause becomes the end of the utterance (no new speech), that result is
  committed the moment VAD ends it, so the commit delay is the end-of-utterance silence
  rather than silence + inference. If the speaker goes on, the result is shown as
  interim text instead.
- Utterances cut elsewhere (a media worker's VAD, sent through the JetStream work queue
  to an ASR worker process: courtroom/cluster/asr_worker.py) go in with `transcribe`:
  they join the same queue and batches as the live streams' finals, and their result
  comes back to the caller rather than through on_segment.
- A number cut by a pause: a final whose text ends in a bare number ("...工程款24。",
  where 二十四万八千元 was said with a pause after 万) is shown as interim text and held
  for up to `join_number_within_s` of the speaker's silence. If the same speaker's next
  utterance starts by then, the two are read again as one utterance under the first's
  id ("248000元"), and that final replaces both interim lines; else the held text is
  committed as it was. Files and hearings alike (one code path).
- Every text (interim and final) is corrected towards the legal lexicon and the
  hearing's own terms (asr.correct) before it leaves the service.
- Interim text otherwise costs one cheap pass (greedy, no word times) per speaker at
  most every `interim_interval_s`, only when the worker has nothing else to do and
  only while one speaker is talking (overlapping speakers get their finals sooner).
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from asr.context import HearingContext
from asr.correct import Corrector, warm_up
from asr.decoder import BatchDecoder, ContestFinder, DecodeRequest, DecodeResult, DecoderOptions
from asr.number_rivals import NumberRivalFinder
from asr.numbers import ends_in_bare_number
from asr.pronouns import CARRY_SEGMENTS
from asr.rescore import HypothesisChooser
from asr.rivals import Contests, RivalFinder
from asr.segment import Segment, Speaker, Word
from asr.streaming import SegmenterOptions, Utterance, UtteranceSegmenter, joined_utterance

log = logging.getLogger(__name__)

OnSegment = Callable[[Segment], "Awaitable[None] | None"]


@dataclass(frozen=True)
class ServiceOptions:
    segmenter: SegmenterOptions = field(default_factory=SegmenterOptions)
    decoder: DecoderOptions = field(default_factory=DecoderOptions)
    max_batch: int = 4  # utterances per Whisper call (CPU: encoder cost is linear in it)
    interim: bool = True  # False for files: nobody watches them live
    # Interim pass: after this much speech with no pass on the utterance (a pause pass
    # counts: its text is shown too), so at most one pass per speaker per interval.
    interim_interval_s: float = 2.0
    # Pause after which the final-quality pass starts early (None: never). It waits for the
    # segmenter's post-roll (0.3 s) in any case, so that it reads the final's very audio:
    # with 0.2 s and the audio so far, live CER was above offline (benchmarks/README-asr.md).
    speculate_after_s: float | None = 0.3
    lag_warning_s: float = 10.0
    # Contextual correction of every text (asr.correct): homophones of legal and case
    # terms, numbers as court records write them. `fuzzy`: near-homophones too (zh/z,
    # n/l, an/ang, yuan/yan...), chosen on the held-out 'tune' half (benchmarks/README-asr.md).
    correct: bool = True
    fuzzy: bool = True
    # One-syllable slips too (领纳 -> 李娜), gated on Whisper's doubt (asr.correct).
    slips: bool = True
    # A general term is written only where Whisper, on the same audio, scores it above the
    # common words of its sound (asr.rivals; round 23).
    rivals: bool = True
    # An amount, month or day written in digits is written as a near reading where Whisper, on
    # the same audio, scores that reading clearly higher in Chinese numerals (asr.number_rivals; round 46).
    number_rivals: bool = True
    # ... wider (round 47): an amount's two neighbouring digits swapped are near readings too, and
    # an amount is written as its Chinese-numeral reading says it, where that reading gives another
    # value and Whisper scores it clearly higher read out against the digits read out.
    wider_number_rivals: bool = True
    # A final ending in a bare number waits this many seconds of the speaker's silence
    # after it for the next utterance, to be read with it (see the module's docstring;
    # measured in benchmarks/README-asr.md, round 10). None: never held.
    join_number_within_s: float | None = 1.0
    join_max_s: float = 25.0  # ...only if the two together are shorter than this (Whisper reads 30 s)
    # A held final whose speaker's audio stops coming (no silence is fed to end the wait)
    # is committed after this much wall-clock time in any case.
    hold_wall_s: float = 3.0


@dataclass(frozen=True)
class Transcribed:
    """The result of `TranscriptionService.transcribe`: a final segment, or why there is none."""

    segment: Segment | None
    rejected: str | None = None  # e.g. "no_speech", "hallucination", "error"


@dataclass
class _Job:
    stream: SpeakerStream
    utterance: Utterance
    kind: str  # "final" | "early" (final-quality pass at a pause) | "interim"
    mark: tuple[str, int] | None = None  # for "early": the segmenter's voiced_mark
    promoted: Utterance | None = None  # for "early": the final it turned out to be
    result: DecodeResult | None = None
    joined: bool = False  # a final made of a held final and the utterance after it
    replaces: tuple[str, ...] = ()  # for "joined": the interim segments its final replaces


@dataclass
class _Held:
    """A final result held back because it ends in a bare number (see ServiceOptions)."""

    utterance: Utterance
    result: DecodeResult
    since: float  # time.monotonic() when it was held
    replaces: tuple[str, ...] = ()


class SpeakerStream:
    """One participant's audio in one hearing. Create with TranscriptionService.open_stream."""

    def __init__(
        self,
        service: TranscriptionService,
        stream_id: str,
        hearing_id: str,
        speaker: Speaker,
        prompt: str | None,
        hotwords: str | None,
        language: str,
        corrector: Corrector | None = None,
        context: HearingContext | None = None,
        *,
        segmenter: bool = True,
        last_finals: deque[str] | None = None,
    ) -> None:
        self.service = service
        self.stream_id = stream_id
        self.hearing_id = hearing_id
        self.speaker = speaker
        self.prompt = prompt
        self.hotwords = hotwords or None
        self._corrector = corrector
        self.context = context
        self.language = language
        self.closed = False
        # None for a detached stream (one utterance given to `transcribe`): no VAD here.
        self._segmenter = UtteranceSegmenter(service.options.segmenter) if segmenter else None
        self._result: asyncio.Future[Transcribed] | None = None  # where a detached stream's result goes
        # Guarded by the service lock:
        self._early: _Job | None = None  # the last early pass on the open utterance
        self._last_pass: tuple[str | None, float] = (None, 0.0)  # (segment_id, open_duration) at the last pass on it
        self._queued_finals = 0
        self._finals_pending = 0  # utterances ended here whose final result is yet to come
        self._held: _Held | None = None
        # The texts of this speaker's last final segments, oldest first: whom a 他 starting the next means.
        # Given, they are the speaker's earlier stream's, shared (a reconnect goes on where it left off).
        self.last_finals: deque[str] = last_finals if last_finals is not None else deque(maxlen=CARRY_SEGMENTS)

    @property
    def corrector(self) -> Corrector | None:
        """The hearing's current corrector (names added mid-hearing included), else the stream's own."""
        return self.context.corrector() if self.context is not None else self._corrector

    def request(self, audio: np.ndarray, final: bool) -> DecodeRequest:
        """A decode request with the prompt, hotwords and corrector as they are now."""
        # A final's text is chosen among the beam's hypotheses as the record would write it.
        corrector = self.corrector if (self.context is None or self.service.options.correct) else None
        choose = HypothesisChooser(corrector) if final else None
        # ... and Whisper judges each general term its correction would write against the
        # common words of the term's sound (asr.rivals), and each number it wrote in digits
        # against its near readings (asr.number_rivals).
        contest = None
        if final and corrector is not None:
            o = self.service.options
            finders: list[ContestFinder] = []
            if o.rivals:
                finders.append(RivalFinder(corrector))
            if o.number_rivals:
                finders.append(NumberRivalFinder(wider=o.wider_number_rivals))
            contest = Contests(finders) if finders else None
        if self.context is not None:
            p = self.context.prompting()
            return DecodeRequest(audio, p.prompt, p.hotwords, self.language, final=final, choose=choose, contest=contest)
        return DecodeRequest(audio, self.prompt, self.hotwords, self.language, final=final, choose=choose, contest=contest)

    def feed(self, pcm: np.ndarray, hearing_time: float) -> None:
        """Add 16 kHz mono float32 PCM whose first sample is at `hearing_time` (hearing
        clock, seconds). Any chunk size. Cheap and non-blocking: safe on the event loop."""
        if self.closed:
            raise RuntimeError(f"stream {self.stream_id} is closed")
        self.service._feed(self, pcm, hearing_time)

    def close(self) -> None:
        """End of this participant's audio: the open utterance is transcribed as final."""
        if not self.closed:
            self.service._close_stream(self)

    def __repr__(self) -> str:
        return f"<SpeakerStream {self.stream_id} {self.speaker.role} {self.speaker.name}>"


class TranscriptionService:
    """One Whisper model, one worker thread, any number of speaker streams."""

    def __init__(
        self,
        model,
        *,
        model_name: str,
        on_segment: OnSegment,
        loop: asyncio.AbstractEventLoop | None = None,
        options: ServiceOptions | None = None,
    ) -> None:
        self.options = options or ServiceOptions()
        self.model_name = model_name
        self._decoder = BatchDecoder(model, self.options.decoder)
        self._on_segment = on_segment
        self._loop = loop
        self._lock = threading.Condition()
        self._streams: dict[str, SpeakerStream] = {}
        self._queue: deque[_Job] = deque()  # ended utterances waiting for the worker
        self._in_flight: list[_Job] = []
        self._outbox: deque[Segment] = deque()
        self._outbox_event: asyncio.Event | None = None
        self._thread: threading.Thread | None = None
        self._dispatcher: asyncio.Task | None = None
        self._stopping = False
        self._delays: deque[float] = deque(maxlen=500)
        self._counts = {"final": 0, "interim": 0, "rejected": 0, "batches": 0, "early_commits": 0, "joined": 0, "rescored": 0, "numeral_readings": 0}
        self._holding: set[SpeakerStream] = set()  # streams with a held final
        self._busy_s = 0.0
        self._started_at = 0.0
        self._lag_warned = False
        self._correctors: dict[tuple[Any, ...], Corrector] = {}

    # -- lifecycle -------------------------------------------------------------------
    async def start(self) -> None:
        if self._thread is not None:
            return
        self._loop = self._loop or asyncio.get_running_loop()
        if self.options.correct:
            await asyncio.to_thread(warm_up)  # dictionaries now, not on the first segment
        self._outbox_event = asyncio.Event()
        self._stopping = False
        self._started_at = time.monotonic()
        self._thread = threading.Thread(target=self._run, name="asr-worker", daemon=True)
        self._thread.start()
        self._dispatcher = self._loop.create_task(self._dispatch())

    async def stop(self) -> None:
        """Close every stream, transcribe everything still pending, then stop."""
        for stream in list(self._streams.values()):
            stream.close()
        with self._lock:
            self._stopping = True
            self._lock.notify_all()
        if self._thread is not None:
            await asyncio.to_thread(self._thread.join)
            self._thread = None
        if self._dispatcher is not None:
            self._wake_dispatcher()
            while self._outbox:
                await asyncio.sleep(0.01)
            self._dispatcher.cancel()
            try:
                await self._dispatcher
            except asyncio.CancelledError:
                pass
            self._dispatcher = None

    # -- streams ---------------------------------------------------------------------
    def open_stream(
        self,
        stream_id: str,
        *,
        hearing_id: str,
        speaker: Speaker,
        prompt: str | None = None,
        hotwords: str | None = None,
        language: str = "zh",
        case_terms: Iterable[str] | None = None,
        context: HearingContext | None = None,
        last_finals: deque[str] | None = None,
    ) -> SpeakerStream:
        """A participant's stream. With a `context` (shared by the hearing's streams) the
        prompt, hotwords and correction come from it, as they are at each segment, and
        each final line joins its recent lines; `prompt`, `hotwords` and `case_terms` are
        then ignored. Without: `case_terms` are the hearing's own words for correction
        (asr.lexicon.case_terms: names with their short forms, cause of action); None
        takes them from `hotwords` ("、"-separated, as asr.prompt.build_prompt makes it).
        `last_finals`: the speaker's last final lines, shared with an earlier stream of theirs
        (a deque of asr.pronouns.CARRY_SEGMENTS), so that a reconnect keeps whom a 他/她 opening the next utterance means,
        a line of the old stream still being transcribed included."""
        corrector = None
        if context is not None:
            language = context.language
        elif self.options.correct:
            if case_terms is None:
                from asr.lexicon import case_terms as terms_of_case

                case_terms = terms_of_case(party_names=[t for t in (hotwords or "").split("、") if t.strip()])
            corrector = Corrector.for_case(case_terms, fuzzy=self.options.fuzzy, slips=self.options.slips)
        with self._lock:
            if self._stopping:
                raise RuntimeError("the transcription service is stopping")
            old = self._streams.get(stream_id)
            if old is not None and not old.closed:
                raise ValueError(f"stream {stream_id!r} is already open")
            stream = SpeakerStream(self, stream_id, hearing_id, speaker, prompt, hotwords, language, corrector, context,
                                   last_finals=last_finals)
            self._streams[stream_id] = stream
            return stream

    async def transcribe(
        self,
        utterance: Utterance,
        *,
        stream_id: str,
        hearing_id: str,
        speaker: Speaker,
        prompt: str | None = None,
        hotwords: str | None = None,
        language: str = "zh",
        case_terms: Iterable[str] | None = None,
        key_terms: Iterable[str] = (),
        sexes: Mapping[str, str] | None = None,
        roles: Mapping[str, str] | None = None,
        previous: Sequence[str] = (),
    ) -> Transcribed:
        """Transcribe one utterance cut elsewhere (final quality, corrected), batched with
        whatever else is queued. The segment carries utterance.segment_id, so a repeated
        call for the same utterance gives a segment with the same id. `key_terms`, `sexes` and `roles`:
        the case register's key words, people's sexes and parties' roles (asr.context.HearingContext.set_register);
        `previous`: the speaker's last final lines, oldest first, as a live stream keeps them (whom a
        他/她 opening this utterance means)."""
        if self._loop is None or self._thread is None:
            raise RuntimeError("the transcription service is not started")
        corrector = self._corrector_for(tuple(case_terms) if case_terms is not None else None, hotwords,
                                        tuple(key_terms), tuple(sorted((sexes or {}).items())),
                                        tuple(sorted((roles or {}).items())))
        stream = SpeakerStream(self, stream_id, hearing_id, speaker, prompt, hotwords, language, corrector, segmenter=False)
        stream.last_finals.extend(previous)
        stream._result = self._loop.create_future()
        with self._lock:
            if self._stopping:
                raise RuntimeError("the transcription service is stopping")
            self._queue.append(_Job(stream, utterance, "final"))
            stream._queued_finals += 1
            self._lock.notify()
        return await stream._result

    def _corrector_for(self, case_terms: tuple[str, ...] | None, hotwords: str | None,
                       key_terms: tuple[str, ...] = (), sexes: tuple[tuple[str, str], ...] = (),
                       roles: tuple[tuple[str, str], ...] = ()) -> Corrector | None:
        """One corrector per case vocabulary, kept: an ASR worker serves many hearings."""
        if not self.options.correct:
            return None
        if case_terms is None:
            from asr.lexicon import case_terms as terms_of_case

            case_terms = tuple(terms_of_case(party_names=[t for t in (hotwords or "").split("、") if t.strip()]))
        vocabulary = (case_terms, key_terms, sexes, roles)
        corrector = self._correctors.get(vocabulary)
        if corrector is None:
            from asr.lexicon import key_terms as words_of_case

            if len(self._correctors) >= 256:  # hearings end; their vocabularies need not stay
                self._correctors.pop(next(iter(self._correctors)))
            corrector = self._correctors[vocabulary] = Corrector.for_case(
                case_terms, key_terms=words_of_case(key_terms), sexes=dict(sexes), roles=dict(roles),
                fuzzy=self.options.fuzzy, slips=self.options.slips)
        return corrector

    def _settle(self, stream: SpeakerStream, result: Transcribed) -> None:
        """(lock held) Hand a detached stream's result to the `transcribe` awaiting it."""
        future = stream._result
        if future is None or self._loop is None:
            return

        def resolve() -> None:
            if not future.done():
                future.set_result(result)

        self._loop.call_soon_threadsafe(resolve)

    def _feed(self, stream: SpeakerStream, pcm: np.ndarray, hearing_time: float) -> None:
        seg = stream._segmenter
        if seg is None:
            raise ValueError("this stream's utterances are cut elsewhere: submit them, not audio")
        with self._lock:
            ended = seg.feed(pcm, hearing_time)
            for utt in ended:
                self._utterance_ended(stream, utt)
            if stream._held is not None:
                self._release_held(stream)
            if ended or seg.open_segment_id is not None:
                self._lock.notify()

    def _close_stream(self, stream: SpeakerStream) -> None:
        with self._lock:
            for utt in stream._segmenter.flush() if stream._segmenter is not None else ():
                self._utterance_ended(stream, utt)
            stream.closed = True
            if self._streams.get(stream.stream_id) is stream:
                del self._streams[stream.stream_id]
            if stream._held is not None:
                self._release_held(stream)
            self._lock.notify()

    def _utterance_ended(self, stream: SpeakerStream, utt: Utterance) -> None:
        """(lock held) A final utterance: commit an early pass on the same audio, else queue."""
        early, stream._early = stream._early, None
        stream._finals_pending += 1
        # Committed only when it read the final's very audio (not so after a flush or a cut
        # of an over-long utterance, which end elsewhere): the text is then the final's.
        if (early is not None and early.utterance.segment_id == utt.segment_id
                and early.utterance.voiced_end == utt.voiced_end and len(early.utterance.audio) == len(utt.audio)):
            if early.result is not None:
                self._commit(stream, utt, early.result)
                self._counts["early_commits"] += 1
                return
            if early in self._in_flight:
                early.promoted = utt
                return
        self._queue.append(_Job(stream, utt, "final"))
        stream._queued_finals += 1

    # -- the worker -------------------------------------------------------------------
    def _run(self) -> None:
        while True:
            with self._lock:
                jobs = self._next_jobs()
                while not jobs:
                    if self._stopping and not self._queue:
                        for stream in list(self._holding):  # nothing more comes: commit as held
                            self._release_held(stream, force=True)
                        return
                    # Wake on new audio, or every 100 ms to see whether a pass is due.
                    self._lock.wait(timeout=0.1)
                    jobs = self._next_jobs()
                self._in_flight = jobs
            t0 = time.monotonic()
            try:
                results = self._decoder.decode([j.stream.request(j.utterance.audio, final=j.kind != "interim") for j in jobs])
            except Exception:  # keep serving the other hearings; the audio stays recorded
                log.exception("Whisper failed on a batch of %d utterances", len(jobs))
                results = [DecodeResult(text="", rejected="error") for _ in jobs]
            if log.isEnabledFor(logging.DEBUG):
                log.debug(
                    "batch %s took %.2f s",
                    " ".join(f"{j.kind}:{j.stream.stream_id}:{j.utterance.duration:.1f}s" for j in jobs),
                    time.monotonic() - t0,
                )
            with self._lock:
                self._busy_s += time.monotonic() - t0
                self._counts["batches"] += 1
                for job, res in zip(jobs, results):
                    job.result = res
                    self._finish(job)
                self._in_flight = []
                self._check_lag()

    def _next_jobs(self) -> list[_Job]:
        """(lock held) What to transcribe next: ended utterances first, oldest first,
        with early passes of paused speakers; else interim passes."""
        o = self.options
        jobs: list[_Job] = []
        for stream in list(self._holding):  # a held final whose speaker's audio stopped
            self._release_held(stream)
        while self._queue and len(jobs) < o.max_batch:
            jobs.append(self._queue.popleft())
        if self._stopping:
            return jobs
        speculate_after = o.speculate_after_s
        # Streams whose audio is cut here (a remote cutter's have no segmenter, no passes).
        segmented = [(s, s._segmenter) for s in self._streams.values() if s._segmenter is not None]
        for stream, seg in segmented if speculate_after is not None else ():
            if len(jobs) >= o.max_batch:
                break
            if stream.closed or stream._queued_finals or seg.open_segment_id is None:
                continue
            done = stream._early
            if (speculate_after is not None and seg.trailing_silence >= speculate_after
                    and not (done and done.mark == seg.voiced_mark)
                    and (snapshot := seg.pause_snapshot()) is not None):
                job = _Job(stream, snapshot, "early", mark=seg.voiced_mark)
                stream._early = job
                stream._last_pass = (seg.open_segment_id, seg.open_duration)
                jobs.append(job)
        if jobs or not o.interim:
            return jobs
        # Interim text only while one speaker holds the floor: when several talk at once,
        # a pass for one would hold up the final of the other by up to a second.
        talking = [(s, seg) for s, seg in segmented if seg.open_segment_id is not None]
        if len(talking) > 1:
            return jobs
        for stream, seg in talking:
            if len(jobs) >= o.max_batch:
                break
            if stream.closed or stream._queued_finals or not seg.speaking:
                continue
            last_id, last_at = stream._last_pass
            since = seg.open_duration - (last_at if last_id == seg.open_segment_id else 0.0)
            if since < o.interim_interval_s:
                continue
            snapshot = seg.snapshot()
            if snapshot is None:
                continue
            stream._last_pass = (seg.open_segment_id, seg.open_duration)
            jobs.append(_Job(stream, snapshot, "interim"))
        return jobs

    def _finish(self, job: _Job) -> None:
        """(lock held) Deliver a job's result."""
        stream, res = job.stream, job.result
        open_id = stream._segmenter.open_segment_id if stream._segmenter is not None else None
        if res is None:  # every job of a batch gets its result before it is finished
            raise RuntimeError(f"{job.kind} job finished without a result")
        if job.kind == "final":
            stream._queued_finals -= 1
            self._commit(stream, job.utterance, res, joined=job.joined, replaces=job.replaces)
        elif job.kind == "early":
            if job.promoted is not None:
                self._commit(stream, job.promoted, res)
                self._counts["early_commits"] += 1
            elif open_id == job.utterance.segment_id:
                self._emit(stream, job.utterance, res, final=False)
        elif open_id == job.utterance.segment_id:  # interim still current
            self._emit(stream, job.utterance, res, final=False)

    # -- a number cut by a pause ----------------------------------------------------------
    def _commit(self, stream: SpeakerStream, utt: Utterance, res: DecodeResult, *, joined: bool = False,
                replaces: tuple[str, ...] = ()) -> None:
        """(lock held) A final result, in the stream's order: read with a held final before
        it, held itself, or emitted."""
        if not joined and stream._segmenter is not None:
            stream._finals_pending -= 1
        held, stream._held = stream._held, None
        if held is not None:
            self._holding.discard(stream)
            if res.rejected is None and self._joinable(held.utterance, utt):
                job = _Job(stream, joined_utterance(held.utterance, utt), "final", joined=True,
                           replaces=(*held.replaces, *replaces, utt.segment_id))
                self._queue.appendleft(job)  # before later finals: the record keeps its order
                stream._queued_finals += 1
                self._counts["joined"] += 1
                return
            self._emit(stream, held.utterance, held.result, final=True, replaces=held.replaces)
        w = self.options.join_number_within_s
        if (w is not None and stream._segmenter is not None and res.rejected is None
                and utt.duration < self.options.join_max_s and ends_in_bare_number(res.text)):
            stream._held = _Held(utt, res, time.monotonic(), replaces)
            self._holding.add(stream)
            self._emit(stream, utt, res, final=False)  # on the page now; into the record when the wait ends
            self._release_held(stream)
            return
        self._emit(stream, utt, res, final=True, replaces=replaces)

    def _joinable(self, first: Utterance, second: Utterance) -> bool:
        w = self.options.join_number_within_s
        return (w is not None and second.voiced_start > first.voiced_end - 1e-6
                and second.voiced_start - first.voiced_end <= w
                and second.time_at(second.duration) - first.start <= self.options.join_max_s)

    def _release_held(self, stream: SpeakerStream, *, force: bool = False) -> None:
        """(lock held) Commit a held final as it is, once no next utterance can join it."""
        held = stream._held
        if held is None:
            return
        if not force:
            if stream._finals_pending > 0:
                return  # the next utterance has ended: its result decides (_commit)
            seg = stream._segmenter
            if not stream.closed and seg is not None:
                deadline = held.utterance.voiced_end + (self.options.join_number_within_s or 0.0)
                start = seg.open_voiced_start
                if start is not None and start <= deadline:
                    return  # the speaker went on within the wait: join when it ends
                if (start is None and seg.judged_time < deadline
                        and time.monotonic() - held.since < self.options.hold_wall_s):
                    return  # the wait is not over
        stream._held = None
        self._holding.discard(stream)
        self._emit(stream, held.utterance, held.result, final=True, replaces=held.replaces)

    # -- output ----------------------------------------------------------------------
    def _emit(self, stream: SpeakerStream, utt: Utterance, res: DecodeResult, *, final: bool,
              replaces: tuple[str, ...] = ()) -> None:
        """(lock held) Turn a result into a Segment and hand it to the dispatcher."""
        if res.rejected is not None:
            if stream._result is not None:
                self._settle(stream, Transcribed(None, res.rejected))
            if final:
                self._counts["rejected"] += 1
                log.info("dropped %s utterance of %s at %.2f: %s (%r)", "final", stream.stream_id, utt.voiced_start, res.rejected, res.text)
            return
        start, end = utt.voiced_start, max(utt.voiced_end, utt.voiced_start)
        text, decoded_words = res.text, res.words
        corrections: list[dict] = []
        corrector = stream.corrector if (stream.context is None or self.options.correct) else None
        if corrector is not None:
            try:
                if decoded_words:
                    decoded_words, log_ = corrector.correct_words_logged(decoded_words, res.numeral_text, res.heard,
                                                                         previous=list(stream.last_finals))
                    text = "".join(w.word for w in decoded_words)
                    corrections = [c.to_dict() for c in log_]
                else:
                    text = corrector.correct(text, numeral_text=res.numeral_text, previous=list(stream.last_finals))
            except Exception:  # a correction bug must never cost the record its text
                log.exception("correction failed on %r", res.text)
                text, decoded_words, corrections = res.text, res.words, []
        words = []
        for w in decoded_words:
            ws = min(max(utt.time_at(w.start), start), end)
            we = min(max(utt.time_at(w.end), ws), end)
            words.append(Word(start=round(ws, 3), end=round(we, 3), word=w.word, probability=round(w.probability, 4)))
        segment = Segment(
            segment_id=utt.segment_id,
            stream_id=stream.stream_id,
            hearing_id=stream.hearing_id,
            speaker=stream.speaker,
            start=round(start, 3),
            end=round(end, 3),
            text=text,
            words=words,
            confidence=round(res.confidence, 4),
            model=self.model_name,
            final=final,
            corrections=corrections,
            replaces=list(replaces),
        )
        if final:
            stream.last_finals.append(text)
            if stream.context is not None:
                stream.context.add_line(text)  # context for the hearing's next utterances
            self._counts["final"] += 1
            self._counts["rescored"] += res.rank > 0
            self._counts["numeral_readings"] += res.numeral_text is not None
            self._delays.append(time.monotonic() - utt.voiced_end_wall)
        else:
            self._counts["interim"] += 1
        if stream._result is not None:
            self._settle(stream, Transcribed(segment))
            return
        self._outbox.append(segment)
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._wake_dispatcher)

    def _wake_dispatcher(self) -> None:
        if self._outbox_event is not None:
            self._outbox_event.set()

    async def _dispatch(self) -> None:
        """Call on_segment on the event loop, one segment at a time, in order."""
        assert self._outbox_event is not None
        while True:
            await self._outbox_event.wait()
            self._outbox_event.clear()
            while self._outbox:
                segment = self._outbox[0]
                try:
                    result = self._on_segment(segment)
                    if inspect.isawaitable(result):
                        await result
                except Exception:
                    log.exception("on_segment failed for %s", segment.segment_id)
                finally:
                    self._outbox.popleft()

    # -- monitoring ------------------------------------------------------------------
    def _check_lag(self) -> None:
        lag = self._lag()
        if lag > self.options.lag_warning_s and not self._lag_warned:
            log.warning("transcription is %.1f s behind real time (%d utterances queued)", lag, len(self._queue))
            self._lag_warned = True
        elif lag < self.options.lag_warning_s / 2:
            self._lag_warned = False

    def _lag(self) -> float:
        now = time.monotonic()
        pending = [j.utterance.voiced_end_wall for j in self._queue]
        pending += [j.utterance.voiced_end_wall for j in self._in_flight if j.kind == "final" or j.promoted is not None]
        return max(0.0, now - min(pending)) if pending else 0.0

    def stats(self) -> dict:
        """Load and latency: how much audio waits, how far behind real time we are."""
        with self._lock:
            queued = list(self._queue) + [j for j in self._in_flight if j.kind == "final"]
            delays = sorted(self._delays)
            elapsed = max(time.monotonic() - self._started_at, 1e-9) if self._started_at else 0.0

            def pct(p: float) -> float | None:
                return round(delays[min(len(delays) - 1, int(p * len(delays)))], 3) if delays else None

            return {
                "streams_open": len(self._streams),
                # ...and finals held for the next utterance (a number cut by a pause): not yet in the record
                "utterances_pending": len(queued) + len(self._holding),
                "queued_audio_s": round(sum(j.utterance.duration for j in queued), 2),
                "lag_s": round(self._lag(), 2),
                "segments_final": self._counts["final"],
                "segments_interim": self._counts["interim"],
                "early_commits": self._counts["early_commits"],
                "joined_numbers": self._counts["joined"],  # finals read again with the next utterance
                "rescored": self._counts["rescored"],  # finals whose text is not the beam's first (asr.rescore)
                "numeral_readings": self._counts["numeral_readings"],  # finals decoded again for their amounts (asr.amounts)
                "rejected": self._counts["rejected"],
                "batches": self._counts["batches"],
                "worker_busy": round(self._busy_s / elapsed, 3) if elapsed else 0.0,  # fraction of time in Whisper
                "busy_s": round(self._busy_s, 2),
                "commit_delay_p50_s": pct(0.5),
                "commit_delay_p95_s": pct(0.95),
            }
