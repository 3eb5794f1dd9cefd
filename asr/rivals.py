"""Which word of a legal term's sound was said: Whisper judges, on the same audio (round 23).

The corrector writes a general legal term where Whisper wrote characters of the term's sound
that make no word ("员告" -> 原告). But a common word of that sound may be what was said:
"护理等及" was 护理等级, not 登记; "原告识名举报" was 实名, not 释明. Of the 16 corrections counted
wrong on the held-out sets heldout13-heldout23 the first time each ran, 13 were such legal
terms (benchmarks/README-asr.md, round 23). Word counts cannot tell the two apart: a rule that
let the commoner word of jieba's counts win lost 62 right corrections (round 22).

So for each general term the corrector would write, the decoder scores the sentence with the
term and with each common word of the term's sound, by forced decoding on the utterance's own
encoding and prompt (`BatchDecoder._judge_contests`), and the corrector does not write the term
where a rival scored clearly higher (`asr.correct.RIVAL_LEAD`). The span is then left as
Whisper wrote it, marked as doubtful: the rival is only what Whisper would rather have said.
This trades recall for precision, on purpose: a wrong word written confidently into a record
costs more than a doubtful one left for the clerk. Measured (round 23, offline): on the 23
earlier sets, precision 98.5 -> 98.8 %, legal terms 94.7 -> 93.8 %; on the four fresh sets
heldout24-27 together, precision 97.9 -> 98.3 %, legal terms 94.1 -> 93.2 %.

The case's own terms (names) are not contested: a name is no common word. Nor is a person's act
right after their role or name ("被告的代理人变称" is 辩称): base's word model knows no hearing's
grammar and scores 变成 above it (on the 23 sets, 10 of the 30 right corrections the judgement
would otherwise undo were such acts).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from asr.correct import term_pinyin
from asr.decoder import Contest, ContestFinder
from asr.wordlist import common_words_sounding

if TYPE_CHECKING:
    from asr.correct import Corrector

# The most rivals a term meets, commonest first: (deng ji) has 登记, 等级, 登基, 登机, 登极.
MAX_RIVALS = 5


class RivalFinder:
    """A DecodeRequest's `contest`: the general-term corrections of a final's text, each
    with the common words of the term's sound."""

    def __init__(self, corrector: Corrector) -> None:
        self.corrector = corrector

    def __call__(self, text: str, probs: Sequence[float], numeral_text: str | None = None) -> list[Contest]:
        out = []
        for e in self.corrector.term_edits(text, probs):
            if not e.why.startswith("legal term") or self.corrector.said_by_role(e.new, text, e.start):
                continue
            rivals = tuple(w for w in common_words_sounding(term_pinyin(e.new)) if w not in (e.new, e.old))[:MAX_RIVALS]
            if rivals:
                out.append(Contest(e.start, e.end, e.new, rivals))
        return out


class Contests:
    """Several finders' contests as one DecodeRequest `contest`."""

    def __init__(self, finders: Sequence[ContestFinder]) -> None:
        self.finders = list(finders)

    def __call__(self, text: str, probs: Sequence[float], numeral_text: str | None = None) -> list[Contest]:
        return [c for finder in self.finders for c in finder(text, probs, numeral_text)]
