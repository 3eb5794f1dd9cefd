"""The live transcript when Whisper runs elsewhere: utterances out through NATS JetStream
to `courtroom asr-worker` processes, segments back on the hearing's result subject.

    participant audio --VAD (here, on the loop: ~0.2 ms per 32 ms)--> utterances
        --> publisher (one task, in order, retried: nothing dropped) --> JetStream work queue
    ResultFeed per hearing <-- results --> record (PostgreSQL, idempotent by id) --> terminals

Implements the same Transcription protocol as LiveTranscription (the in-process worker),
so the hearing room does not know which one it has. Interim text is not produced on this
path: the audio of an unfinished utterance never leaves the media worker.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from typing import TYPE_CHECKING, Any

import numpy as np

from asr.pronouns import CARRY_SEGMENTS
from asr.segment import Speaker
from asr.streaming import SegmenterOptions, Utterance, UtteranceSegmenter
from courtroom.cluster import utterances as uq
from courtroom.hearing.transcription import HearingWords, deliver_segment, hearing_words
from models import workers
from models.hearings import Participant

if TYPE_CHECKING:
    from courtroom.context import LiveRoom, ServerContext

log = logging.getLogger(__name__)


class QueuedSpeakerStream:
    """One participant's audio: cut into utterances here, each handed to the publisher."""

    def __init__(self, owner: "QueuedTranscription", stream_id: str, hearing_id: uuid.UUID, speaker: Speaker) -> None:
        self.owner = owner
        self.stream_id = stream_id
        self.hearing_id = hearing_id
        self.speaker = speaker
        self.closed = False
        self._segmenter = UtteranceSegmenter(owner.segmenter_options)

    def feed(self, pcm: np.ndarray, hearing_time: float) -> None:
        if self.closed:
            raise RuntimeError(f"stream {self.stream_id} is closed")
        for utt in self._segmenter.feed(pcm, hearing_time):
            self._send(utt)

    def close(self) -> None:
        if not self.closed:
            for utt in self._segmenter.flush():
                self._send(utt)
            self.closed = True

    def _send(self, utt: Utterance) -> None:
        # The hearing's words as they are now: a name or key word registered while this stream
        # was open goes with its next utterance.
        words = self.owner.words_of(self.hearing_id)
        prompt, hotwords = words.prompting if words else (None, None)
        self.owner._enqueue(uq.UtteranceJob.from_utterance(
            utt, hearing_id=str(self.hearing_id), stream_id=self.stream_id, speaker=self.speaker, prompt=prompt,
            hotwords=hotwords or None, case_terms=words.case_terms if words else None,
            key_terms=words.key_terms if words else (), sexes=words.sexes if words else None,
            roles=words.roles if words else None, previous=self.owner.said_before(self.hearing_id, self.speaker)),
            utt.voiced_end_wall)


class QueuedTranscription:
    """The Transcription service of a media worker whose ASR runs in other processes."""

    def __init__(self, ctx: "ServerContext", nats_url: str, *, segmenter: SegmenterOptions | None = None) -> None:
        self.ctx = ctx
        self.nats_url = nats_url
        self.segmenter_options = segmenter or SegmenterOptions()
        self._nc: Any = None
        self._js: Any = None
        self._words: dict[uuid.UUID, HearingWords] = {}
        # Each speaker's last final lines back from the ASR workers, sent with the speaker's next
        # utterance: the in-process worker keeps them per stream; a stateless ASR worker cannot.
        # Kept by their start on the hearing clock: two ASR workers may answer out of order.
        self._said: dict[tuple[str, str], list[tuple[float, str]]] = {}
        self._feeds: dict[uuid.UUID, uq.ResultFeed] = {}
        # The placement each hearing was taken under: its results are stored only while it holds.
        self._fences: dict[uuid.UUID, workers.Fence | None] = {}
        self._outbox: asyncio.Queue[uq.UtteranceJob | None] = asyncio.Queue()
        self._publisher: asyncio.Task | None = None
        self._awaiting: dict[str, float] = {}  # utterance id -> monotonic time its speech ended
        self._delays: list[float] = []
        self.counts = {"published": 0, "results": 0, "rejected": 0, "stored": 0, "publish_retries": 0, "queue_full": 0}

    async def start(self) -> None:
        self._nc = await uq.connect(self.nats_url, "media-worker transcription")
        self._js = self._nc.jetstream()
        await uq.ensure_streams(self._js)
        self._publisher = asyncio.get_running_loop().create_task(self._publish_loop(), name="utterance-publisher")
        log.info("live transcription through NATS JetStream at %s", self.nats_url)

    async def stop(self) -> None:
        """Publish what is cut (streams were closed by the rooms), then stop pulling results.
        Results still to come stay in JetStream for whichever worker serves the hearing next."""
        if self._publisher is not None:
            self._outbox.put_nowait(None)
            try:
                await asyncio.wait_for(self._publisher, 30)
            except asyncio.TimeoutError:
                log.error("%d utterances not yet published at stop: they are lost with this process",
                          self._outbox.qsize())
                self._publisher.cancel()
            self._publisher = None
        for feed in list(self._feeds.values()):
            await feed.stop()
        self._feeds.clear()
        if self._nc is not None:
            await self._nc.drain()
            self._nc = None

    async def register_changed(self, case_id: uuid.UUID) -> None:
        """A name added to the case or seated, or its key words changed: its live hearings'
        utterances carry them from the next one (sent with each one to the ASR workers)."""
        for hearing_id, words in list(self._words.items()):
            if words.case_id == case_id:
                self._words[hearing_id] = await hearing_words(self.ctx, hearing_id)

    def words_of(self, hearing_id: uuid.UUID) -> HearingWords | None:
        return self._words.get(hearing_id)

    def said_before(self, hearing_id: uuid.UUID, speaker: Speaker) -> tuple[str, ...]:
        """The speaker's last final lines whose results are back. One still in an ASR worker is
        not there yet: a 他/她 right after it is read without it, as where no one was named."""
        return tuple(text for _, text in self._said.get((str(hearing_id), speaker.participant_id), ()))

    async def prepare(self, hearing_id: uuid.UUID) -> None:
        """The hearing's words, and its results feed (the durable consumer it resumes on)."""
        self._words[hearing_id] = await hearing_words(self.ctx, hearing_id)
        room = self.ctx.rooms.get(hearing_id)
        self._fences[hearing_id] = room.fence if room is not None else None
        if hearing_id not in self._feeds:
            feed = uq.ResultFeed(self._js, str(hearing_id), self._on_result)
            await feed.start()
            self._feeds[hearing_id] = feed

    def open_stream(self, room: "LiveRoom", participant: Participant) -> QueuedSpeakerStream:
        speaker = Speaker(participant_id=str(participant.id), role=participant.role.value, name=participant.name)
        stream_id = f"{room.hearing.id}:{participant.id}:{uuid.uuid4().hex[:8]}"
        return QueuedSpeakerStream(self, stream_id, room.hearing.id, speaker)

    def stats(self) -> dict[str, Any]:
        delays = sorted(self._delays[-500:])
        now = time.monotonic()
        return {
            **self.counts,
            # cut here and not yet answered (queued to publish, in JetStream, or in an ASR worker)
            "utterances_pending": len(self._awaiting),
            "to_publish": self._outbox.qsize(),
            "oldest_pending_s": round(now - min(self._awaiting.values()), 2) if self._awaiting else 0.0,
            "commit_delay_p50_s": round(delays[len(delays) // 2], 3) if delays else None,
            "commit_delay_p95_s": round(delays[min(len(delays) - 1, int(0.95 * len(delays)))], 3) if delays else None,
        }

    def _enqueue(self, job: uq.UtteranceJob, speech_ended: float) -> None:
        self._awaiting[job.utterance_id] = speech_ended
        self._outbox.put_nowait(job)

    async def _publish_loop(self) -> None:
        """In order, one at a time, until JetStream has each: a full queue or a NATS restart
        delays utterances (and says so in the log and stats), never loses them."""
        while True:
            job = await self._outbox.get()
            if job is None:
                return
            backoff = 0.2
            while True:
                try:
                    await uq.publish_utterance(self._js, job)
                    self.counts["published"] += 1
                    break
                except uq.QueueFull as exc:
                    self.counts["queue_full"] += 1
                    log.warning("%s; holding utterance %s", exc, job.utterance_id)
                except Exception as exc:
                    self.counts["publish_retries"] += 1
                    log.warning("publishing utterance %s failed (%r); retrying", job.utterance_id, exc)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 5.0)

    async def _on_result(self, result: uq.AsrResult) -> None:
        ended = self._awaiting.pop(result.utterance_id, None)
        self.counts["results"] += 1
        if result.segment is None:
            self.counts["rejected"] += 1
            log.info("utterance %s of hearing %s has no text: %s", result.utterance_id, result.hearing_id, result.rejected)
            return
        hearing_id = uuid.UUID(result.hearing_id)
        try:
            stored = await deliver_segment(self.ctx, result.segment, fence=self._fences.get(hearing_id))
        except workers.StaleWriteRefused:
            # The hearing moved to another worker: stop taking its results (they stay in
            # JetStream for the worker that holds it now), and leave this one unacked.
            feed = self._feeds.pop(hearing_id, None)
            if feed is not None:
                asyncio.get_running_loop().create_task(feed.stop(), name=f"drop-results-{hearing_id}")
            raise
        if stored:
            self.counts["stored"] += 1
            said = self._said.setdefault((str(hearing_id), result.segment.speaker.participant_id), [])
            said.append((result.segment.start, result.segment.text))
            said.sort()
            del said[:-CARRY_SEGMENTS]
        if ended is not None:  # the commit delay: end of speech to text in the record
            self._delays.append(time.monotonic() - ended)
            del self._delays[:-1000]
