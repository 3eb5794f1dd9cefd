"""Live, speaker-attributed transcription of hearings with faster-whisper, offline.

    model.py      provisioning: assemble the packaged Whisper base once, load from disk only
    streaming.py  per-speaker VAD segmentation into utterances (Silero, incremental)
    decoder.py    batched Whisper passes over utterances, with hallucination guards
    worker.py     TranscriptionService: one worker thread for all streams, segments out
    prompt.py     per-hearing prompt and hotwords from the case
    text.py       Simplified Chinese, full-width punctuation, CER
    file.py       the same pipeline on a file; cli.py: `courtroom transcribe`
"""

from asr.file import atranscribe_file, transcribe_file
from asr.model import ModelProvisioningError, load_model, resolve_model_path
from asr.prompt import build_prompt
from asr.segment import Segment, Speaker, Word
from asr.worker import ServiceOptions, SpeakerStream, TranscriptionService

__all__ = [
    "ModelProvisioningError",
    "Segment",
    "ServiceOptions",
    "Speaker",
    "SpeakerStream",
    "TranscriptionService",
    "Word",
    "atranscribe_file",
    "build_prompt",
    "load_model",
    "resolve_model_path",
    "transcribe_file",
]
