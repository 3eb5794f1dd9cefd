"""Live, speaker-attributed transcription of hearings with faster-whisper, offline.

    model.py      provisioning: assemble the packaged Whisper base once, load from disk only
    streaming.py  per-speaker VAD segmentation into utterances (Silero, incremental)
    decoder.py    batched Whisper passes over utterances, with hallucination guards
    rescore.py    a final's text chosen among the beam's hypotheses, read as words
    worker.py     TranscriptionService: one worker thread for all streams, segments out
    prompt.py     per-hearing prompt and hotwords from the case
    lexicon.py    general legal vocabulary and the case's own terms
    correct.py    contextual correction: homophones of those terms, numbers, stray "、"
    amounts.py    amounts of money read twice, in digits and in Chinese numerals
    wordlist.py   the general word list (jieba): common words, word edges, a text's likelihood
    numbers.py    Chinese numerals and digits: the record's convention, CER normalisation
    text.py       Simplified Chinese, full-width punctuation, CER
    evaluation.py speech sets, CER raw and normalised, the Opus round trip of live audio
    file.py       the same pipeline on a file; cli.py: `courtroom transcribe`
"""

from asr.correct import Corrector
from asr.file import atranscribe_file, transcribe_file
from asr.lexicon import case_terms
from asr.model import ModelProvisioningError, load_model, resolve_model_path
from asr.prompt import build_prompt
from asr.segment import Segment, Speaker, Word
from asr.worker import ServiceOptions, SpeakerStream, TranscriptionService

__all__ = [
    "Corrector",
    "ModelProvisioningError",
    "Segment",
    "ServiceOptions",
    "Speaker",
    "SpeakerStream",
    "TranscriptionService",
    "Word",
    "atranscribe_file",
    "build_prompt",
    "case_terms",
    "load_model",
    "resolve_model_path",
    "transcribe_file",
]
