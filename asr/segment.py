"""What the transcriber produces: speaker-attributed segments on the hearing clock."""

from __future__ import annotations

from dataclasses import dataclass, field


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

