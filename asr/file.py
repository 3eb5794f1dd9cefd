"""Transcribe an audio file with the live pipeline.

The file is decoded (any format PyAV reads), resampled to 16 kHz mono and fed in
20 ms chunks, as fast as it decodes, through the same SpeakerStream, VAD segmentation
and batching worker a hearing uses; only interim text and early passes are switched
off (nobody watches a file live).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

import numpy as np

from asr.audio import AudioDecodeError, read_audio  # noqa: F401  (re-exported)
from asr.context import HearingContext
from asr.segment import Segment, Speaker
from asr.worker import ServiceOptions, TranscriptionService

SAMPLE_RATE = 16_000
CHUNK = 320  # 20 ms, as a WebRTC audio frame


def _load(model, device: str):
    """(WhisperModel, name) from a loaded model or a model directory (the caller resolves
    which one: see asr.model.resolve_model_path)."""
    from asr.model import ModelProvisioningError, load_model

    if model is not None and not isinstance(model, (str, Path)):
        return model, None
    if model is None:
        raise ModelProvisioningError("no Whisper model given (a CTranslate2 model directory or a loaded model)")
    path = Path(model)
    return load_model(path, device=device), path.name


async def atranscribe_file(
    path: str | Path | np.ndarray,
    language: str = "zh",
    prompt: str | None = None,
    model=None,
    *,
    model_name: str | None = None,
    device: str = "auto",
    hotwords: str | None = None,
    options: ServiceOptions | None = None,
    speaker: Speaker | None = None,
    case_terms: Iterable[str] | None = None,
    context: HearingContext | None = None,
) -> list[Segment]:
    """Final segments of a file, in order (async: run inside an event loop).

    `path` is an audio file, or 16 kHz mono float32 samples already decoded. `model` is a
    loaded WhisperModel or a model directory. `case_terms`: the case's own words for correction (see
    TranscriptionService.open_stream). `context`: the hearing's context (names, cause,
    recent lines), exactly as a live hearing uses it; it overrides prompt, hotwords and
    case_terms."""
    from asr.prompt import build_prompt

    if isinstance(path, np.ndarray):
        audio, label = np.asarray(path, dtype=np.float32).reshape(-1), "audio"
    else:
        audio, label = read_audio(path), Path(path).name
    model, loaded_name = await asyncio.to_thread(_load, model, device)
    model_name = model_name or loaded_name or "whisper"
    if prompt is None and language.startswith("zh"):
        # The court prompt is Chinese: it would pull English speech towards Chinese.
        prompt, default_hotwords = build_prompt()
        hotwords = hotwords or default_hotwords or None
    # Nobody watches a file live: no interim text, no early passes (the end of each
    # utterance comes at once, and its text then depends on nothing but its audio), and
    # being behind real time is normal. One utterance per Whisper call, in order: batches
    # were made by timing, and int8 beam search reads an utterance differently in batches
    # of different make-up (the longest sets the encoder window), so the same file gave
    # other words on a busy machine; alone, each is read as in a hearing, where one speaker's
    # utterances come one at a time. It costs ~40% more time on a CPU (270 s against 191 s
    # for the eight held-out sets, benchmarks/README-asr.md).
    options = replace(options or ServiceOptions(), interim=False, speculate_after_s=None, lag_warning_s=float("inf"),
                      max_batch=1)
    segments: list[Segment] = []
    service = TranscriptionService(model, model_name=model_name, on_segment=segments.append, options=options)
    await service.start()
    try:
        stream = service.open_stream(
            "file",
            hearing_id=label,
            speaker=speaker or Speaker(participant_id="file", role="speaker", name=label),
            prompt=prompt,
            hotwords=hotwords,
            language=language,
            case_terms=case_terms,
            context=context,
        )
        for i in range(0, len(audio), CHUNK):
            stream.feed(audio[i : i + CHUNK], i / SAMPLE_RATE)
            if i % (CHUNK * 50) == 0:
                await asyncio.sleep(0)  # let the dispatcher run now and then
        stream.close()
    finally:
        await service.stop()
    return [s for s in segments if s.final]


def transcribe_file(
    path: str | Path | np.ndarray,
    language: str = "zh",
    prompt: str | None = None,
    model=None,
    **kwargs,
) -> list[Segment]:
    """Final segments of a file, in order (blocking; not from inside an event loop)."""
    return asyncio.run(atranscribe_file(path, language, prompt, model, **kwargs))
