"""Which number was said: an amount's or a date's near readings judged by Whisper on the same audio (round 46).

Whisper base writes an amount in digits, and where it goes wrong it is mostly by one digit
too many or too few: a 零 written as a digit of its own ("八千零四十六点五元" as 84046.5元), a
leading 十 lost ("十二万六千零四十" as 26040), a 零 lost ("一万零七百六十点五" as 1760.5). A
month or a day goes wrong by one syllable: 十月 as 11月. Digits hide this from Whisper's own
scores: "84046" is a few tokens that say nothing of the eight syllables of 八万四千零四十六.

So for each amount, month and day a final writes in digits, the decoder scores the sentence
with the number read out in Chinese numerals, one character a syllable, and with each near
reading read out the same way, by forced decoding on the utterance's own encoding and prompt
(`BatchDecoder._judge_contests`, as for the legal terms of asr.rivals). The corrector writes a
near reading only where it scored clearly higher (`asr.correct.NUMBER_LEAD`): two syllables too
many or too few cost Whisper far more than a word it is unsure of.

The near readings of an amount are its digits with one left out, with a 0 put in, with a 1
put first (a lost 十), or with two neighbouring digits swapped (round 47); of a month or a day,
the months or days whose reading is one numeral character away (十一 and 十, 二十 and 二十一),
written with as many digits (the date's rewrite into the record's style reads the text with the
same offsets).

Round 47 adds the value the Chinese-numeral reading (asr.amounts) gives an amount, where it lines
up with the digits and differs from them, as a contest of its own (kind "numeral"). The
corrector's numeral-reading rules take that value only where the digits are it with a known
slip (0s and 1s put in, a digit doubled or swapped); "9184060" for 预算就要八万四千零六十 and
"43750500" for 四十三万七千五百 are none of those, and Whisper, scoring both readings read out,
tells them apart by 12 and 44 (heldout70, Z325 and Z322).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from asr.amounts import amounts_in, numeral_reading_values
from asr.decoder import Contest
from asr.numbers import chinese_amount, chinese_numeral
from asr.text import edit_distance

# A month written in digits right after a year, and its day.
_MONTH = re.compile(r"(?<=年)([0-9]{1,2})(?=月)")
_DAY = re.compile(r"(?<=月)([0-9]{1,2})(?=[日号])")
# An amount's near readings are not contested beyond this many digits: the count of readings
# grows with the digits, and so does the chance that one of them fits the audio by luck.
_MOST_DIGITS = 9


def near_amounts(value: float, swaps: bool = True) -> list[float]:
    """An amount's near readings: its whole part with one digit left out, a 0 put in after its
    first digit or later, a 1 put first, or two neighbouring digits swapped (round 47:
    "6370.4" for 六千三百零七点四); its fraction kept. 84046.5 -> 8046.5, 4046.5, ...,
    840406.5, ..., 184046.5, 48046.5, ..."""
    whole = str(int(value))
    fraction = round(value - int(value), 2)
    out: set[str] = set()
    for i in range(len(whole)):
        shorter = whole[:i] + whole[i + 1 :]
        if shorter and shorter[0] != "0":
            out.add(shorter)
    for i in range(1, len(whole) + 1):
        out.add(whole[:i] + "0" + whole[i:])
    out.add("1" + whole)
    for i in range(len(whole) - 1 if swaps else 0):
        swapped = whole[:i] + whole[i + 1] + whole[i] + whole[i + 2 :]
        if swapped[0] != "0":
            out.add(swapped)
    out.discard(whole)
    return [int(d) + fraction for d in sorted(out)]


def near_days(number: int, most: int) -> list[int]:
    """The numbers from 1 to `most` whose reading is one numeral character away from `number`'s,
    written with as many digits: 11 -> 10, 12, 21 (of 十一: 十, 十二, 二十一 is two away)."""
    said = chinese_numeral(number)
    return [k for k in range(1, most + 1)
            if k != number and len(str(k)) == len(str(number)) and edit_distance(said, chinese_numeral(k)) == 1]


class NumberRivalFinder:
    """A DecodeRequest's `contest` for the numbers of a final's text that Whisper wrote in digits:
    each amount, month and day, with its near readings; and, `wider` (round 47), an amount's
    swapped neighbours too, and the amount against the value its Chinese-numeral reading gives
    it where that differs."""

    def __init__(self, wider: bool = True) -> None:
        self.wider = wider

    def __call__(self, text: str, probs: Sequence[float] = (), numeral_text: str | None = None) -> list[Contest]:
        out = []
        said = numeral_reading_values(text, numeral_text) if numeral_text and self.wider else {}
        for a in amounts_in(text):
            span = text[a.start : a.end]
            if not any(ch.isdigit() for ch in span):
                continue
            # "38万": the 万 stays as heard; its count's near readings are read with it.
            per = 10_000 if span.endswith("万") and a.value % 10_000 == 0 else 1
            if len(str(int(a.value // per))) > _MOST_DIGITS:
                continue
            rivals = tuple(chinese_amount(v * per) for v in near_amounts(a.value / per, self.wider))
            out.append(Contest(a.start, a.end, chinese_amount(a.value), rivals, kind="number"))
            # The numeral reading's value, where it reads this amount otherwise: judged on its own,
            # so that its verdict says which of the two readings the audio holds.
            value = said.get(a.start)
            if value is not None and value != a.value and value < 10 ** (_MOST_DIGITS + 1):
                out.append(Contest(a.start, a.end, chinese_amount(a.value), (chinese_amount(value),), kind="numeral"))
        for pattern, most in ((_MONTH, 12), (_DAY, 31)):
            for m in pattern.finditer(text):
                number = int(m.group(1))
                if not 1 <= number <= most:
                    continue
                rivals = tuple(chinese_numeral(k) for k in near_days(number, most))
                if rivals:
                    out.append(Contest(m.start(1), m.end(1), chinese_numeral(number), rivals, kind="number"))
        return out
