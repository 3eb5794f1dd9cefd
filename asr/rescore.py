"""Choosing among the beam's hypotheses: the one that is both heard and written in words.

Whisper's beam search ends with several hypotheses for an utterance, and base often
ranks a text of non-words first by a hair: "被告人共切取限经济财务价职" over one with
价值, "合一听将进行便宜" over 合议庭. Each hypothesis is scored as

    Whisper's summed log probability + weight * the word model's log probability

where the word model (asr.wordlist.text_log_prob) reads the text as the case's corrector
would write it (names, legal terms, numbers), with the case's names and terms as known
words. This is shallow fusion with a unigram word model, on the n best only: no second
pass of the model, no change to what the beam found. Only hypotheses with the beam's own
numbers compete (`numbers_in`): the word model judges words, not digits.

Measured on heldout-heldout11 (one utterance at a time, benchmarks/README-asr.md round
11): of the 5 hypotheses, choosing this way lowered the CER from 0.098 to 0.084 (0.086
with the numbers kept; the best one each time would give 0.074), and lowered it on 10 of
the 11 sets. The weight, the known-word and number log probabilities were chosen there
and judged on benchmarks/heldout12.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from asr.decoder import Hypothesis
from asr.numbers import canonical_numbers
from asr.wordlist import text_log_prob

if TYPE_CHECKING:
    from asr.correct import Corrector

# 0.5: the weight the held-out sets chose (0.3-0.5 all within 0.001 of CER; 1.0 and more
# began to pick fluent texts that were not said).
WORD_MODEL_WEIGHT = 0.5


class HypothesisChooser:
    """Picks one of an utterance's hypotheses: a DecodeRequest's `choose`."""

    def __init__(self, corrector: Corrector | None = None, weight: float = WORD_MODEL_WEIGHT) -> None:
        self.corrector = corrector
        self.weight = weight

    def written(self, text: str) -> str:
        """The text as the record would hold it: corrected, numbers in the court's style."""
        if self.corrector is not None:
            try:
                return self.corrector.correct(text)
            except Exception:  # scored as heard; the record's own correction logs the failure
                pass
        return text

    def score(self, hypothesis: Hypothesis, written: str) -> float:
        known = self.corrector.lexicon if self.corrector is not None else None
        return hypothesis.log_prob + self.weight * text_log_prob(written, known)

    def __call__(self, hypotheses: Sequence[Hypothesis]) -> int:
        if len(hypotheses) < 2 or not self.weight:
            return 0
        written = [self.written(h.text) for h in hypotheses]
        said = numbers_in(written[0])
        # Only texts with the beam's own numbers compete: which digits were said is for the
        # audio to tell, and a word model would rather read "6，9000人" than "69000元" (人 is
        # the commoner word) or "二〇二〇三月" than "2022年3月" (round 11, live, on the earlier sets).
        scores = {k: self.score(h, written[k]) for k, h in enumerate(hypotheses) if k == 0 or numbers_in(written[k]) == said}
        return max(scores, key=lambda k: (scores[k], -k))  # a tie keeps the beam's order


_NUMBER_AND_NEXT = re.compile(r"(\d+(?:\.\d+)?)([^\d\s，。,.；;：:！!？?、]?)")


def numbers_in(text: str) -> list[tuple[str, str]]:
    """Every number of `text` by value, with the character after it (its unit, if any):
    "19600元" and "19,600人" differ, "19,600元" and "一万九千六百元" do not."""
    return _NUMBER_AND_NEXT.findall(canonical_numbers(text))
