"""Real human English speech (the JFK clip from faster-whisper's test data) through the
file pipeline with --language en: English words, spaces and ASCII punctuation."""

from __future__ import annotations

import re
import subprocess
import sys

from asr.context import HearingContext
from asr.file import transcribe_file
from tests.conftest import SPEECH_DIR

JFK = SPEECH_DIR / "en_jfk_11s.flac"


def test_english_clip_keeps_its_spaces_and_its_own_punctuation(whisper_model):
    segments = transcribe_file(JFK, language="en", model=whisper_model, context=HearingContext(language="en"))
    text = " ".join(s.text for s in segments)
    words = re.findall(r"[A-Za-z']+", text.lower())
    assert words[:5] == ["and", "so", "my", "fellow", "americans"], text
    assert "ask not what your country can do for you" in " ".join(words)
    assert not re.search(r"[A-Za-z]{16,}", text), text  # words not glued together
    assert not re.search(r"[\u3000-\u303f\uff00-\uffef]", text), text  # no full-width marks
    for s in segments:  # the record's text is exactly its words
        assert "".join(w.word for w in s.words) == s.text


def test_courtroom_transcribe_language_en_prints_english(whisper_model_dir):
    out = subprocess.run(
        [sys.executable, "-m", "web.cli", "transcribe", str(JFK), "--language", "en", "--model", str(whisper_model_dir), "--device", "cpu"],
        capture_output=True, text=True, timeout=600, check=True,
    ).stdout
    assert "fellow Americans" in out, out
    assert "！" not in out and "，" not in out, out
