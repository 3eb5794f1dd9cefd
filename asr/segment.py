"""What the transcriber produces: speaker-attributed segments on the hearing clock."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# A word Whisper wrote with a probability below this is marked as doubtful on the record
# page (the clerk listens to it); the same threshold gates corrections (asr.correct).
DOUBTFUL_BELOW = 0.6


@dataclass(frozen=True)
class Speaker:
    """Whose audio track a segment came from (one participant of the hearing)."""

    participant_id: str
    role: str  # presiding_judge, judge, juror, clerk, plaintiff, defendant, ... (DESIGN.md glossary)
    name: str


@dataclass(frozen=True)
class Word:
    """One word (for Chinese: one character or punctuation mark) with its hearing-clock times."""

    start: float
    end: float
    word: str
    probability: float


@dataclass
class Segment:
    """One utterance of one speaker.

    An interim segment (final=False) carries the segment_id its final will carry, so a
    page can replace the interim text in place; only final segments go into the record.
    """

    segment_id: str
    stream_id: str
    hearing_id: str
    speaker: Speaker
    start: float  # hearing-clock seconds
    end: float
    text: str  # Simplified Chinese, full-width punctuation
    words: list[Word] = field(default_factory=list)
    confidence: float = 0.0  # 0..1: geometric mean of the token probabilities
    model: str = ""
    final: bool = True
    # Every automatic replacement in `text`: {"start", "end" (offsets in text), "original",
    # "corrected", "why"} (asr.correct.Correction.to_dict).
    corrections: list[dict[str, Any]] = field(default_factory=list)
    # Interim segments this final takes the place of besides its own id: the next
    # utterance's, when the two were read as one (a number cut by a pause, asr.worker).
    replaces: list[str] = field(default_factory=list)

    def doubtful_words(self, below: float = DOUBTFUL_BELOW) -> list[int]:
        """Indices of the words Whisper doubted."""
        return [i for i, w in enumerate(self.words) if w.probability < below]

    def doubtful_spans(self, below: float = DOUBTFUL_BELOW) -> list[dict[str, Any]]:
        """The doubted words as places in `text`, for the record page: {"start", "end"
        (character offsets), "word", "p"}. Punctuation at a word's ends is left out, and
        so is a word inside an automatic correction (that mark already says it). Empty
        when the text is not made of the words (then no place is known)."""
        if "".join(w.word for w in self.words) != self.text:
            return []
        corrected = [(c["start"], c["end"]) for c in self.corrections]
        out: list[dict[str, Any]] = []
        at = 0
        for w in self.words:
            start, end = at, at + len(w.word)
            at = end
            if w.probability >= below:
                continue
            while start < end and not self.text[start].isalnum():
                start += 1
            while end > start and not self.text[end - 1].isalnum():
                end -= 1
            if start == end or any(start < b and a < end for a, b in corrected):
                continue
            out.append({"start": start, "end": end, "word": self.text[start:end], "p": round(w.probability, 3)})
        return out

