"""The ASR work queue on NATS JetStream: utterances in, per-hearing results out.

    media worker                       JetStream                           ASR worker(s)
    ------------                       ---------                           -------------
    publish(UtteranceJob) --> COURTROOM_UTTERANCES (work queue) --pull--> transcribe in batches
                              courtroom.asr.utterances.<hearing>          |
    ResultFeed(hearing)  <--  COURTROOM_ASR_RESULTS (work queue)  <-------+ publish result, then ack
      store (PostgreSQL), push to terminals, then ack

- Idempotent by utterance id: both streams deduplicate on Nats-Msg-Id (= utterance id)
  within their duplicate windows, and the result carries the utterance id as its
  segment id, so the record's primary key refuses a late duplicate as well.
- At least once, never lost: an ASR worker acks an utterance only after its result is
  stored by JetStream; one that dies has its jobs redelivered after ACK_WAIT_S. A media
  worker acks a result only after storing it, so a hearing moved to another worker
  picks its results up from the same durable consumer.
- Back-pressure is visible, never hidden: the utterance stream is bounded and refuses
  new messages when full (publish raises QueueFull, the caller keeps its audio), and
  `backlog()` and the ASR workers' stats (courtroom.asr.stats.<worker>) give the lag.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import re
import time
import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from asr.pronouns import CARRY_SEGMENTS
from asr.segment import Segment, Speaker, Word
from asr.streaming import SAMPLE_RATE, Utterance

log = logging.getLogger(__name__)

UTTERANCE_STREAM = "COURTROOM_UTTERANCES"
UTTERANCE_SUBJECT = "courtroom.asr.utterances"  # .<hearing id>
RESULT_STREAM = "COURTROOM_ASR_RESULTS"
RESULT_SUBJECT = "courtroom.asr.results"  # .<hearing id>
STATS_SUBJECT = "courtroom.asr.stats"  # .<worker id>: each ASR worker's load, every STATS_INTERVAL_S
WORKER_CONSUMER = "asr-workers"  # the one durable pull consumer every ASR worker pulls from

# An ASR worker tells JetStream it is still busy with a job every ACK_PROGRESS_S, so only
# a dead worker's jobs come back, after ACK_WAIT_S.
ACK_WAIT_S = 20.0
ACK_PROGRESS_S = 5.0
# A job that kills its worker every time (a poison message) stops being delivered after
# this many tries; it stays in the stream (never dropped) and is reported by backlog().
MAX_DELIVER = 5
DUPLICATE_WINDOW_S = 600.0
UTTERANCE_STREAM_MAX_BYTES = 2 * 1024**3  # about 18 hours of queued speech as 16-bit PCM
STATS_INTERVAL_S = 2.0
WIRE_VERSION = 1

_SUBJECT_TOKEN = re.compile(r"[A-Za-z0-9_-]+")


class QueueFull(RuntimeError):
    """The utterance stream is full: ASR is behind by its whole capacity. The caller keeps the audio."""


class BadMessage(ValueError):
    """A message that is not an utterance or a result of this wire format."""


def _token(value: str) -> str:
    if not _SUBJECT_TOKEN.fullmatch(value):
        raise ValueError(f"not usable in a NATS subject: {value!r}")
    return value


def utterance_subject(hearing_id: str) -> str:
    return f"{UTTERANCE_SUBJECT}.{_token(hearing_id)}"


def result_subject(hearing_id: str) -> str:
    return f"{RESULT_SUBJECT}.{_token(hearing_id)}"


def _frame(header: dict[str, Any], body: bytes = b"") -> bytes:
    # One JSON line (json.dumps never writes a raw newline), then the raw body.
    return json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode() + b"\n" + body


def _unframe(data: bytes) -> tuple[dict[str, Any], bytes]:
    head, sep, body = data.partition(b"\n")
    if not sep:
        raise BadMessage("no header line")
    try:
        header = json.loads(head)
    except ValueError as exc:
        raise BadMessage(f"header is not JSON: {exc}") from None
    if not isinstance(header, dict) or header.get("v") != WIRE_VERSION:
        raise BadMessage(f"unknown wire version {header.get('v') if isinstance(header, dict) else header!r}")
    return header, body


@dataclass(frozen=True)
class UtteranceJob:
    """One utterance of one speaker, cut by the media worker's VAD, on the hearing clock."""

    utterance_id: str  # becomes the transcript segment's id
    hearing_id: str
    stream_id: str
    speaker: Speaker
    audio: np.ndarray  # float32, 16 kHz mono (sent as 16-bit PCM)
    start: float  # hearing time of audio[0]
    voiced_start: float
    voiced_end: float
    sample_times: Sequence[tuple[int, float]] = ()  # clock anchors inside the audio
    prompt: str | None = None
    hotwords: str | None = None
    case_terms: tuple[str, ...] | None = None
    language: str = "zh"
    sent_at: float = field(default_factory=time.time)  # wall clock, for the lag
    # The case register's key words, people's sexes and parties' roles (asr.context.HearingContext.set_register).
    key_terms: tuple[str, ...] = ()
    sexes: tuple[tuple[str, str], ...] = ()
    roles: tuple[tuple[str, str], ...] = ()
    # The speaker's last final lines the media worker has back (oldest first): whom a 他/她
    # opening this one means, where it names no one (asr.pronouns).
    previous: tuple[str, ...] = ()

    @classmethod
    def from_utterance(cls, utt: Utterance, *, hearing_id: str, stream_id: str, speaker: Speaker,
                       prompt: str | None = None, hotwords: str | None = None,
                       case_terms: Sequence[str] | None = None, language: str = "zh",
                       key_terms: Sequence[str] = (), sexes: Mapping[str, str] | None = None,
                       roles: Mapping[str, str] | None = None, previous: Sequence[str] = ()) -> "UtteranceJob":
        return cls(utterance_id=utt.segment_id, hearing_id=hearing_id, stream_id=stream_id, speaker=speaker,
                   audio=utt.audio, start=utt.start, voiced_start=utt.voiced_start, voiced_end=utt.voiced_end,
                   sample_times=tuple(utt.sample_times), prompt=prompt, hotwords=hotwords,
                   case_terms=tuple(case_terms) if case_terms is not None else None, language=language,
                   key_terms=tuple(key_terms), sexes=tuple(sorted((sexes or {}).items())),
                   roles=tuple(sorted((roles or {}).items())), previous=tuple(previous))

    def to_utterance(self) -> Utterance:
        """The asr.streaming form, for TranscriptionService.transcribe. Its wall-clock end
        is placed so that the commit delay counts the time spent in the queue."""
        queued = max(0.0, time.time() - self.sent_at)
        return Utterance(segment_id=self.utterance_id, audio=self.audio, start=self.start,
                         voiced_start=self.voiced_start, voiced_end=self.voiced_end, final=True,
                         voiced_end_wall=time.monotonic() - queued, sample_times=list(self.sample_times))

    def encode(self) -> bytes:
        pcm = np.clip(np.asarray(self.audio, dtype=np.float32), -1.0, 1.0)
        header = {
            "v": WIRE_VERSION, "id": self.utterance_id, "hearing": self.hearing_id, "stream": self.stream_id,
            "speaker": {"participant_id": self.speaker.participant_id, "role": self.speaker.role, "name": self.speaker.name},
            "start": self.start, "voiced_start": self.voiced_start, "voiced_end": self.voiced_end,
            "sample_times": [list(st) for st in self.sample_times], "prompt": self.prompt, "hotwords": self.hotwords,
            "case_terms": list(self.case_terms) if self.case_terms is not None else None, "language": self.language,
            "key_terms": list(self.key_terms), "sexes": dict(self.sexes), "roles": dict(self.roles),
            "previous": list(self.previous),
            "sent_at": self.sent_at, "encoding": "pcm_s16le", "sample_rate": SAMPLE_RATE,
        }
        return _frame(header, (pcm * 32767.0).round().astype("<i2").tobytes())

    @classmethod
    def decode(cls, data: bytes) -> "UtteranceJob":
        header, body = _unframe(data)
        try:
            if header["encoding"] != "pcm_s16le" or header["sample_rate"] != SAMPLE_RATE:
                raise BadMessage(f"unsupported audio {header['encoding']} at {header['sample_rate']} Hz")
            if len(body) % 2:
                raise BadMessage("odd PCM byte count")
            sp = header["speaker"]
            return cls(
                utterance_id=str(uuid.UUID(header["id"])), hearing_id=_token(header["hearing"]), stream_id=str(header["stream"]),
                speaker=Speaker(participant_id=str(sp["participant_id"]), role=str(sp["role"]), name=str(sp["name"])),
                audio=np.frombuffer(body, dtype="<i2").astype(np.float32) / 32767.0,
                start=float(header["start"]), voiced_start=float(header["voiced_start"]), voiced_end=float(header["voiced_end"]),
                sample_times=tuple((int(s), float(t)) for s, t in header["sample_times"]),
                prompt=header["prompt"], hotwords=header["hotwords"],
                case_terms=tuple(header["case_terms"]) if header["case_terms"] is not None else None,
                language=str(header["language"]), sent_at=float(header["sent_at"]),
                # Absent from a job an older media worker sent (a rolling upgrade): none.
                key_terms=tuple(str(t) for t in header.get("key_terms") or ()),
                sexes=tuple(sorted((str(n), str(x)) for n, x in (header.get("sexes") or {}).items())),
                roles=tuple(sorted((str(n), str(x)) for n, x in (header.get("roles") or {}).items())),
                previous=tuple(str(t) for t in header.get("previous") or ())[-CARRY_SEGMENTS:])
        except (KeyError, TypeError, ValueError) as exc:
            if isinstance(exc, BadMessage):
                raise
            raise BadMessage(f"malformed utterance: {exc!r}") from None


@dataclass(frozen=True)
class AsrResult:
    """What an ASR worker made of one utterance: a final segment, or why there is none."""

    utterance_id: str
    hearing_id: str
    segment: Segment | None
    rejected: str | None = None  # no_speech, hallucination, error, bad_message...
    worker: str = ""
    asr_s: float = 0.0  # from the worker taking the job to the result (queue wait in the worker + Whisper)
    queued_s: float = 0.0  # from publishing the utterance to the worker taking it

    def encode(self) -> bytes:
        return _frame({"v": WIRE_VERSION, "id": self.utterance_id, "hearing": self.hearing_id,
                       "segment": dataclasses.asdict(self.segment) if self.segment is not None else None,
                       "rejected": self.rejected, "worker": self.worker, "asr_s": round(self.asr_s, 3),
                       "queued_s": round(self.queued_s, 3)})

    @classmethod
    def decode(cls, data: bytes) -> "AsrResult":
        header, _ = _unframe(data)
        try:
            seg = header["segment"]
            segment = None
            if seg is not None:
                segment = Segment(
                    segment_id=seg["segment_id"], stream_id=seg["stream_id"], hearing_id=seg["hearing_id"],
                    speaker=Speaker(**seg["speaker"]), start=float(seg["start"]), end=float(seg["end"]), text=seg["text"],
                    words=[Word(**w) for w in seg["words"]], confidence=float(seg["confidence"]), model=seg["model"],
                    final=bool(seg["final"]), corrections=list(seg.get("corrections") or []),
                    replaces=[str(x) for x in seg.get("replaces") or []])
            return cls(utterance_id=header["id"], hearing_id=header["hearing"], segment=segment, rejected=header["rejected"],
                       worker=header.get("worker", ""), asr_s=float(header.get("asr_s", 0.0)),
                       queued_s=float(header.get("queued_s", 0.0)))
        except (KeyError, TypeError, ValueError) as exc:
            raise BadMessage(f"malformed result: {exc!r}") from None


async def connect(url: str, name: str) -> Any:
    """A NATS connection that reconnects by itself, forever (a NATS restart is routine)."""
    import nats

    async def disconnected() -> None:
        log.warning("%s: disconnected from NATS %s", name, url)

    async def reconnected() -> None:
        log.info("%s: reconnected to NATS %s", name, url)

    async def error(exc: Exception) -> None:
        log.debug("%s: NATS error %r", name, exc)

    servers = [u.strip() for u in url.split(",") if u.strip()]  # a cluster: any of its members
    return await nats.connect(servers, name=name, max_reconnect_attempts=-1, reconnect_time_wait=0.5,
                              connect_timeout=5, disconnected_cb=disconnected, reconnected_cb=reconnected,
                              error_cb=error)


async def ensure_streams(js: Any, *, utterance_max_bytes: int = UTTERANCE_STREAM_MAX_BYTES) -> None:
    """Create (or bring up to date) both streams. Safe from any number of processes."""
    from nats.js.api import DiscardPolicy, RetentionPolicy, StorageType, StreamConfig
    from nats.js.errors import BadRequestError

    from courtroom.cluster.natsd import MAX_PAYLOAD

    for config in (
        StreamConfig(name=UTTERANCE_STREAM, subjects=[f"{UTTERANCE_SUBJECT}.*"], retention=RetentionPolicy.WORK_QUEUE,
                     storage=StorageType.FILE, discard=DiscardPolicy.NEW, max_bytes=utterance_max_bytes,
                     max_msg_size=MAX_PAYLOAD, duplicate_window=DUPLICATE_WINDOW_S),
        # Results: a work queue too, consumed by one durable consumer per hearing.
        StreamConfig(name=RESULT_STREAM, subjects=[f"{RESULT_SUBJECT}.*"], retention=RetentionPolicy.WORK_QUEUE,
                     storage=StorageType.FILE, duplicate_window=DUPLICATE_WINDOW_S),
    ):
        try:
            await js.add_stream(config)
        except BadRequestError:  # exists with other settings (an older version): update it
            await js.update_stream(config)


async def publish_utterance(js: Any, job: UtteranceJob, *, timeout: float = 10.0) -> bool:
    """Queue one utterance. Returns False when JetStream already had this id (a retry).
    Raises QueueFull when the stream refuses it for lack of room."""
    from nats.js.errors import APIError

    try:
        ack = await js.publish(utterance_subject(job.hearing_id), job.encode(), timeout=timeout,
                               stream=UTTERANCE_STREAM, headers={"Nats-Msg-Id": job.utterance_id})
    except APIError as exc:
        if "maximum" in (exc.description or "") and "exceeded" in (exc.description or ""):  # discard new: full
            raise QueueFull(f"ASR 队列已满 / the utterance queue is full: {exc.description}") from None
        raise
    return not ack.duplicate


async def publish_result(js: Any, result: AsrResult | bytes, *, hearing_id: str | None = None,
                         utterance_id: str | None = None, timeout: float = 10.0) -> bool:
    """Store a result in JetStream (deduplicated by utterance id). Give the encoded bytes
    (with hearing_id and utterance_id) to retry without encoding again."""
    if isinstance(result, AsrResult):
        hearing_id, utterance_id, payload = result.hearing_id, result.utterance_id, result.encode()
    else:
        payload = result
    if hearing_id is None or utterance_id is None:
        raise ValueError("encoded results need their hearing_id and utterance_id")
    ack = await js.publish(result_subject(hearing_id), payload, timeout=timeout, stream=RESULT_STREAM,
                           headers={"Nats-Msg-Id": utterance_id})
    return not ack.duplicate


def _results_consumer(hearing_id: str) -> str:
    return f"hearing-{_token(hearing_id)}"


class ResultFeed:
    """A hearing's results, in order, from its durable consumer: `handler` stores one (it
    must be idempotent: a result can come again if the process died before acking), and
    the result is acked only when the handler returned."""

    def __init__(self, js: Any, hearing_id: str, handler: Callable[[AsrResult], Awaitable[None]]) -> None:
        self.js = js
        self.hearing_id = hearing_id
        self.handler = handler
        self.received = 0
        self._task: asyncio.Task | None = None
        self._sub: Any = None

    async def start(self) -> None:
        from nats.js.api import AckPolicy, ConsumerConfig

        config = ConsumerConfig(ack_policy=AckPolicy.EXPLICIT, ack_wait=30.0, max_ack_pending=64,
                                # a hearing nobody serves for a day loses its consumer, not its results
                                inactive_threshold=24 * 3600.0)
        self._sub = await self.js.pull_subscribe(result_subject(self.hearing_id), durable=_results_consumer(self.hearing_id),
                                                 stream=RESULT_STREAM, config=config)
        self._task = asyncio.get_running_loop().create_task(self._run(), name=f"asr-results-{self.hearing_id}")

    async def stop(self, *, delete: bool = False) -> None:
        """Stop pulling. `delete`: the hearing is over; drop its consumer."""
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
            self._task = None
        if self._sub is not None:
            try:
                await self._sub.unsubscribe()
            except Exception:  # connection already closed
                pass
            self._sub = None
        if delete:
            try:
                await self.js.delete_consumer(RESULT_STREAM, _results_consumer(self.hearing_id))
            except Exception as exc:
                log.debug("results consumer of %s not deleted: %r", self.hearing_id, exc)

    async def _run(self) -> None:
        import nats.errors

        while True:
            try:
                msgs = await self._sub.fetch(16, timeout=1.0)
            except (nats.errors.TimeoutError, asyncio.TimeoutError):
                continue
            except nats.errors.Error as exc:
                # Reconnecting, or a JetStream just restarted and not yet answering (no responders,
                # 503): the feed must outlive it, or the hearing's results stop without a word.
                log.info("results of %s: %r; retrying", self.hearing_id, exc)
                await asyncio.sleep(0.5)
                continue
            for msg in msgs:
                try:
                    result = AsrResult.decode(msg.data)
                except BadMessage as exc:
                    log.error("dropping a malformed ASR result on %s: %s", msg.subject, exc)
                    await msg.term()
                    continue
                try:
                    await self.handler(result)
                except Exception:
                    log.exception("storing ASR result %s failed; it will come again", result.utterance_id)
                    await msg.nak(delay=1.0)
                    continue
                self.received += 1
                await msg.ack()


async def backlog(js: Any) -> dict[str, Any]:
    """How far behind ASR is: utterances waiting, held by workers, redelivered, and given up on."""
    info = await js.consumer_info(UTTERANCE_STREAM, WORKER_CONSUMER)
    stream = await js.stream_info(UTTERANCE_STREAM)
    in_stream = stream.state.messages
    return {"waiting": info.num_pending, "in_workers": info.num_ack_pending, "redelivered": info.num_redelivered,
            # kept in the stream after MAX_DELIVER failed tries: needs an operator
            "given_up": max(0, in_stream - info.num_pending - info.num_ack_pending),
            "in_stream": in_stream, "stream_bytes": stream.state.bytes}
