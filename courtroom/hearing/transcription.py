"""The live transcript of hearings: participants' audio to the transcription service,
final segments into PostgreSQL, and every segment (interim too) out to the room's pages.

One model and one inference worker serve every hearing of this process (asr.worker)."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections import deque
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import asyncpg

from asr.pronouns import CARRY_SEGMENTS
from asr.segment import Segment, Speaker
from models import cases, hearings, transcripts, workers
from models.hearings import Participant

if TYPE_CHECKING:
    from asr.context import HearingContext
    from courtroom.context import LiveRoom, ServerContext

log = logging.getLogger(__name__)

# One loaded model per (path, device) in this process: tests and the demo reuse it.
_MODELS: dict[tuple[str, str], Any] = {}


def load_shared_model(path: str, device: str) -> Any:
    from asr.model import load_model

    key = (str(path), device)
    if key not in _MODELS:
        _MODELS[key] = load_model(path, device)
    return _MODELS[key]


class LiveTranscription:
    """Per-hearing prompts, per-participant streams, and where segments go."""

    def __init__(self, ctx: "ServerContext"):
        self.ctx = ctx
        self.service: Any = None
        self.model_name = ""
        # hearing -> (its case, the context all its speaker streams share)
        self._contexts: dict[uuid.UUID, tuple[uuid.UUID, HearingContext]] = {}
        # (hearing, participant) -> their last final lines, shared by each stream they open: a
        # reconnect keeps whom a 他/她 opening their next utterance means.
        self._said: dict[tuple[uuid.UUID, uuid.UUID], deque[str]] = {}

    async def start(self) -> None:
        from asr.decoder import DecoderOptions
        from asr.model import resolve_model_path
        from asr.worker import ServiceOptions, TranscriptionService

        path = await asyncio.to_thread(resolve_model_path, self.ctx.settings.whisper_model, self.ctx.settings.models_dir)
        model = await asyncio.to_thread(load_shared_model, str(path), self.ctx.settings.asr_device)
        self.model_name = f"whisper:{path.name}"
        options = ServiceOptions(decoder=DecoderOptions(beam_size=self.ctx.settings.asr_beam))
        self.service = TranscriptionService(model, model_name=self.model_name, on_segment=self._on_segment,
                                            options=options)
        await self.service.start()
        log.info("live transcription ready (%s)", self.model_name)

    async def stop(self) -> None:
        if self.service is not None:
            await self.service.stop()

    async def prepare(self, hearing_id: uuid.UUID) -> None:
        """The hearing's context (asr.context.HearingContext), shared by all its speakers:
        case number, cause, every name the case knows, its key words and its people's sexes, in
        the court's number style. Prepared again (a room re-created), the same context keeps its
        streams and takes the register as it now is."""
        words = await hearing_words(self.ctx, hearing_id)
        known = self._contexts.get(hearing_id)
        if known is not None:
            known[1].add_names(words.names)
            known[1].set_register(words.key_terms, words.sexes, words.roles)
            return
        from asr.context import HearingContext

        # Hearings no longer live in this process need no context (a stream still open
        # keeps its own reference until it closes).
        for gone in [h for h in self._contexts if self.ctx.rooms.get(h) is None]:
            del self._contexts[gone]
        for key in [k for k in self._said if k[0] not in self._contexts and k[0] != hearing_id]:
            del self._said[key]
        context = HearingContext(words.case_number, words.cause, words.names, key_terms=words.key_terms,
                                 sexes=words.sexes, roles=words.roles, number_style=self.ctx.settings.number_style)
        self._contexts[hearing_id] = (words.case_id, context)

    async def register_changed(self, case_id: uuid.UUID) -> None:
        """A party, agent, witness or panel member was added to the case or seated in one of its
        hearings, or its key words were changed: every live hearing of the case uses the register
        as it now is from its next segment."""
        for hearing_id, (of_case, context) in list(self._contexts.items()):
            if of_case == case_id:
                words = await hearing_words(self.ctx, hearing_id)
                if context.add_names(words.names):
                    log.info("hearing %s: names now %s", hearing_id, "、".join(context.names))
                if context.set_register(words.key_terms, words.sexes, words.roles):
                    log.info("hearing %s: key words now %s", hearing_id, "、".join(context.key_terms))

    def open_stream(self, room: "LiveRoom", participant: Participant) -> Any:
        known = self._contexts.get(room.hearing.id)
        speaker = Speaker(participant_id=str(participant.id), role=participant.role.value, name=participant.name)
        # A reconnect opens a new stream: the old one was closed (and flushed) on leave.
        stream_id = f"{room.hearing.id}:{participant.id}:{uuid.uuid4().hex[:8]}"
        said = self._said.setdefault((room.hearing.id, participant.id), deque(maxlen=CARRY_SEGMENTS))
        return self.service.open_stream(stream_id, hearing_id=str(room.hearing.id), speaker=speaker,
                                        context=known[1] if known else None, last_finals=said)

    def stats(self) -> dict:
        return self.service.stats() if self.service else {}

    async def _on_segment(self, segment: Segment) -> None:
        try:
            await deliver_segment(self.ctx, segment)
        except workers.StaleWriteRefused as exc:  # audited; the hearing's present worker has it
            log.error("%s", exc)


@dataclass(frozen=True)
class HearingWords:
    """What a hearing's live transcript is told of its case, from the register: the names (parties,
    agents, everyone seated, the panel), its key words and its people's sexes, and the prompt,
    hotwords and correction terms built from them (sent with each utterance on the cluster path)."""

    case_id: uuid.UUID
    case_number: str
    cause: str
    names: tuple[str, ...]
    key_terms: tuple[str, ...]
    sexes: dict[str, str] = field(default_factory=dict)  # "female"/"male" by name, where registered
    roles: dict[str, str] = field(default_factory=dict)  # each party's role by name ("plaintiff", ...)

    # Built once per register change, not at every utterance the cluster path sends with them.
    @cached_property
    def prompting(self) -> tuple[str, str]:
        """(prompt, hotwords), as asr.context.HearingContext builds them."""
        from asr.prompt import build_prompt

        return build_prompt(self.case_number, self.cause, self.names, key_terms=self.key_terms)

    @cached_property
    def case_terms(self) -> tuple[str, ...]:
        """The case's own words (names and cause) win over the general lexicon in correction."""
        from asr.lexicon import case_terms

        return tuple(case_terms(self.cause, self.names))


async def hearing_words(ctx: "ServerContext", hearing_id: uuid.UUID) -> HearingWords:
    pool = ctx.db.pool
    hearing = await hearings.get(pool, hearing_id)
    case = await cases.get_case(pool, hearing.case_id)
    parties = await cases.parties(pool, case.id)
    names = [p["name"] for p in parties]
    names += await hearings.participant_names(pool, hearing_id)
    names += await cases.member_names(pool, case.id)
    return HearingWords(case.id, case.case_number, case.cause, tuple(dict.fromkeys(names)), case.key_terms,
                        {p["name"]: p["sex"] for p in parties if p.get("sex")}, {p["name"]: p["role"] for p in parties})


async def deliver_segment(ctx: "ServerContext", segment: Segment, *, fence: workers.Fence | None = None) -> bool:
    """A final segment into the record (PostgreSQL) and, like an interim one, out to the
    hearing's terminals when the hearing is live here. Idempotent by segment id: a segment
    already stored (a result delivered again) is neither stored nor pushed twice.
    Returns whether it was stored now.

    On a media worker the write is fenced by the placement the hearing was taken under
    (`fence`, else the live room's): a worker the hearing moved away from stores nothing,
    and workers.StaleWriteRefused (audited) is raised for the caller not to count it done."""
    hearing_id = uuid.UUID(segment.hearing_id)
    room = ctx.rooms.get(hearing_id)
    if fence is None and room is not None:
        fence = room.fence
    if not segment.final:
        if room is not None:
            await room.broadcast({"type": "transcript", "segment": _interim_json(segment)}, admitted_only=True)
        return False
    try:
        # Closed sessions store their transcript sealed under the case key.
        from courtroom.records.sealing import key_for_hearing

        seal_key = await key_for_hearing(ctx, hearing_id)
        async with ctx.db.pool.acquire() as conn:
            stored = await transcripts.add_recognized(
                conn, segment_id=uuid.UUID(segment.segment_id), hearing_id=hearing_id,
                participant_id=uuid.UUID(segment.speaker.participant_id), speaker_role=segment.speaker.role,
                speaker_name=segment.speaker.name, start_s=segment.start, end_s=segment.end, text=segment.text,
                words=[{"start": w.start, "end": w.end, "word": w.word, "p": w.probability} for w in segment.words],
                confidence=segment.confidence, model=segment.model, seal_key=seal_key,
                corrections=segment.corrections, doubtful=segment.doubtful_spans(), fence=fence)
    except transcripts.TranscriptLocked:
        log.warning("segment after the record was locked, not stored: %s", segment.text)
        return False
    except asyncpg.UniqueViolationError:
        log.info("segment %s is already in the record (delivered again)", segment.segment_id)
        return False
    room = ctx.rooms.get(hearing_id)
    if room is not None:
        message: dict[str, Any] = {"type": "transcript", "segment": stored}
        if segment.replaces:  # interim lines now part of this one (a number cut by a pause)
            message["replaces"] = list(segment.replaces)
        await room.broadcast(message, admitted_only=True)
    return True


def _interim_json(segment: Segment) -> dict[str, Any]:
    return {"id": segment.segment_id, "participant_id": segment.speaker.participant_id,
            "speaker_role": segment.speaker.role, "speaker_name": segment.speaker.name,
            "speaker_label": transcripts.speaker_label(segment.speaker.role, segment.speaker.name),
            "start": segment.start, "end": segment.end, "text": segment.text, "final": False}


async def start_transcription(ctx: "ServerContext") -> LiveTranscription:
    live = LiveTranscription(ctx)
    await live.start()
    return live
