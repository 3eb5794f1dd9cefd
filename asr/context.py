"""What one hearing tells the recogniser: the case's names and cause, and its recent lines.

A `HearingContext` is shared by every speaker stream of a hearing (the live path) or by
the one stream of a file (`courtroom transcribe`), so both see the same prompt, hotwords
and correction. It changes while the hearing runs:

- `add_names`: a party, agent or witness registered during the hearing is in the
  hotwords and the correction lexicon from the next segment on;
- `set_register`: the case's key words (the clerk's, from its filings: hotwords after the
  names, and correction terms gated like general ones, asr.correct.KEY) and the people's
  sexes (the pronoun 他/她) as the case register now holds them, likewise from the next segment;
- `add_line`: every final segment (any speaker) joins the recent lines that end the
  prompt (`recent_lines` of them), so Whisper reads each utterance after what was just
  said, as it does inside one long file. Off by default: on the held-out 'tune' half
  it left the CER where it was (0.081 both) and lost one date of four
  (benchmarks/asr_words.py --configs after-no-recent,after).

Thread-safe: the event loop adds names, the ASR worker thread reads and adds lines.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from asr.correct import Corrector
from asr.lexicon import case_kind, case_terms, key_terms
from asr.numbers import NUMBER_STYLES
from asr.prompt import build_prompt


@dataclass(frozen=True)
class Prompting:
    prompt: str | None
    hotwords: str | None


class HearingContext:
    def __init__(
        self,
        case_number: str | None = None,
        cause: str | None = None,
        names: Iterable[str] = (),
        *,
        key_terms: Iterable[str] = (),
        sexes: Mapping[str, str] | None = None,
        roles: Mapping[str, str] | None = None,
        language: str = "zh",
        recent_lines: int = 0,
        number_style: str = "arabic",
        correct: bool = True,
        fuzzy: bool = True,
        slips: bool = True,
    ) -> None:
        if number_style not in NUMBER_STYLES:
            raise ValueError(f"unknown number style {number_style!r} (one of {', '.join(NUMBER_STYLES)})")
        self.case_number = case_number
        self.cause = cause
        self.language = language
        self.number_style = number_style
        self.correct = correct
        self.fuzzy = fuzzy
        self.slips = slips
        self._names: list[str] = []
        self._key_terms: list[str] = []
        self._sexes: dict[str, str] = {}
        self._roles: dict[str, str] = {}
        self._recent: deque[str] = deque(maxlen=max(0, recent_lines))
        self._lock = threading.Lock()
        self._corrector: Corrector | None = None
        self.add_names(names)
        self.set_register(key_terms, sexes or {}, roles or {})

    # -- what changes during the hearing -------------------------------------------------
    @property
    def names(self) -> list[str]:
        with self._lock:
            return list(self._names)

    def add_names(self, names: Iterable[str]) -> bool:
        """Names now known to the case (new ones are added in order); True if any was new.
        The next segment of any stream uses them."""
        with self._lock:
            new = [n.strip() for n in names if n and n.strip() and n.strip() not in self._names]
            if new:
                self._names += list(dict.fromkeys(new))
                self._corrector = None
            return bool(new)

    @property
    def key_terms(self) -> list[str]:
        with self._lock:
            return list(self._key_terms)

    @property
    def sexes(self) -> dict[str, str]:
        with self._lock:
            return dict(self._sexes)

    @property
    def roles(self) -> dict[str, str]:
        with self._lock:
            return dict(self._roles)

    def set_register(self, key_terms: Iterable[str], sexes: Mapping[str, str], roles: Mapping[str, str] | None = None) -> bool:
        """The case's key words, its people's sexes ("female"/"male" by name) and its parties' roles
        ("plaintiff", "defendant", "third_party", "agent", "witness" by name) as the register now holds
        them (a clerk may remove a word too); True if anything changed. The next segment of any stream
        uses them."""
        terms = list(dict.fromkeys(t.strip() for t in key_terms if t and t.strip()))
        known = {n.strip(): s for n, s in sexes.items() if n and n.strip() and s in ("female", "male")}
        held = {n.strip(): r for n, r in (roles or {}).items() if n and n.strip() and r}
        with self._lock:
            if terms == self._key_terms and known == self._sexes and held == self._roles:
                return False
            self._key_terms, self._sexes, self._roles = terms, known, held
            self._corrector = None
            return True

    def add_line(self, text: str) -> None:
        """A final line of the hearing (any speaker), for the next prompts."""
        text = (text or "").strip()
        if text and self._recent.maxlen:
            with self._lock:
                self._recent.append(text)

    @property
    def recent(self) -> list[str]:
        with self._lock:
            return list(self._recent)

    # -- what the recogniser gets -----------------------------------------------------
    def prompting(self) -> Prompting:
        if not self.language.startswith("zh"):
            # The court vocabulary is Chinese; English speech gets only the names.
            names = "、".join(self.names)
            return Prompting(None, names or None)
        prompt, hotwords = build_prompt(self.case_number, self.cause, self.names, recent_lines=self.recent,
                                        key_terms=self.key_terms)
        return Prompting(prompt or None, hotwords or None)

    def corrector(self) -> Corrector | None:
        if not self.correct:
            return None
        with self._lock:
            if self._corrector is None:
                terms = case_terms(self.cause, self._names)
                kind = case_kind(self.case_number, self.cause)  # criminal-only terms for criminal cases only
                self._corrector = Corrector.for_case(terms, kind, cause=self.cause, case_number=self.case_number,
                                                     key_terms=key_terms(self._key_terms), sexes=self._sexes, roles=self._roles,
                                                     fuzzy=self.fuzzy, slips=self.slips, number_style=self.number_style)
            return self._corrector
