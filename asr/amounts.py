"""Amounts of money read twice: once as Whisper writes them, once in Chinese numerals.

Whisper writes a spoken amount in digits by normalising it itself, and base gets that
normalisation wrong in a few set ways: 零 lost or kept ("十二万零五百" as 12500), a 十 read
twice or lost ("二万九千零九十七" as 290917, "一万一千九百" as 1900 after 急), 十 heard in
the word before ("共计十八万三千六百" as "计时83600"). Written in Chinese numerals, each
syllable is one character and those slips do not happen: base, decoding the same audio
with digit tokens suppressed (asr.decoder: `DecoderOptions.numeral_reading`), got all
five of those amounts right. It is worse at years ("二〇二〇" for 二零二二), so only
amounts of money are read from it.

An amount of the digit reading is replaced by the numeral reading's when both readings
hold the same number of amounts and the two values differ only by 0s and 1s that one of
them adds (`differs_by_zeros_and_ones`): exactly what a 零 or a 十 does when it is
normalised wrong. Two readings that disagree otherwise ("19600" against "9610") are both
left to the clerk, as heard.

Measured on the earlier sets (heldout-heldout12, benchmarks/README-asr.md round 12): the
rule replaced 6 amounts, all right; without the 0-and-1 rule, 8, two of them wrong.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from asr.numbers import CURRENCY, NUMERAL_CHARS, canonical_numbers, chinese_numeral, format_amount, record_numbers

# A number directly before a currency unit, as either reading writes it: digits with
# separators ("2,500", "6，3000"), Chinese numerals ("十二万零五百") or both ("12万"); not
# after another numeral, a decimal point or 第 (an article or an ordinal).
_NUMBER = rf"(?<![0-9.{NUMERAL_CHARS}第])[0-9{NUMERAL_CHARS}][0-9{NUMERAL_CHARS},，.]*?"
_AMOUNT = re.compile(rf"{_NUMBER}(?={CURRENCY})")
# The numeral reading is not corrected: its 元 may still be written as it sounds
# ("二万九千零九十七员"). Read against the text's amounts one for one, so a word that only
# sounds like 元 can only make the counts differ, and then nothing is replaced.
_HEARD_AMOUNT = re.compile(rf"{_NUMBER}(?=(?:多)?(?:[元员圆园原远源]|美元|欧元|港元|港币|日元|英镑|块钱?))")
_VALUE = re.compile(r"\d+(?:\.\d+)?")


class Amount(NamedTuple):
    start: int
    end: int  # the number only: the currency unit after it is not part of it
    value: float


def amounts_in(text: str, heard: bool = False) -> list[Amount]:
    """Every amount of money in `text`, with its value (`heard`: its unit maybe misheard)."""
    out = []
    for m in (_HEARD_AMOUNT if heard else _AMOUNT).finditer(text):
        # record_numbers reads 万 groups ("6，3000" is 63000); canonical_numbers gives the value.
        found = _VALUE.fullmatch(canonical_numbers(record_numbers(m.group(0) + "元"))[:-1])
        if found:
            out.append(Amount(m.start(), m.end(), float(found.group(0))))
    return out


def _digits(value: float) -> str | None:
    return str(int(value)) if value == int(value) else None


def differs_by_zeros_and_ones(a: float, b: float) -> bool:
    """Whether one value's digits are the other's with 0s and 1s added, and nothing else:
    120500 and 12500, 29097 and 290917, 11900 and 1900; not 9610 and 19600."""
    x, y = _digits(a), _digits(b)
    if x is None or y is None or len(x) == len(y):
        return False
    short, long = sorted((x, y), key=len)
    return _embeds(short, long)


def _embeds(short: str, long: str) -> bool:
    """Whether `short` is `long` with some 0s and 1s taken out (an amount has at most
    ~12 digits: every embedding is tried)."""
    if not short:
        return set(long) <= {"0", "1"}
    if len(long) < len(short):
        return False
    if long[0] == short[0] and _embeds(short[1:], long[1:]):
        return True
    return long[0] in "01" and _embeds(short, long[1:])


def numeral_amount_edits(text: str, numeral_text: str, style: str = "arabic") -> list[tuple[int, int, str, str]]:
    """(start, end, new, why) for each amount of `text` the numeral reading corrects,
    the new number in the record's style (asr.numbers.NUMBER_STYLES)."""
    ours, theirs = amounts_in(text), amounts_in(numeral_text, heard=True)
    if not ours or len(ours) != len(theirs):
        return []  # the readings do not line up amount for amount
    out = []
    for a, b in zip(ours, theirs):
        if not any(ch.isdigit() for ch in text[a.start : a.end]):
            continue  # already read syllable by syllable
        if not differs_by_zeros_and_ones(a.value, b.value):
            continue
        new = chinese_numeral(int(b.value)) if style == "chinese" else format_amount(b.value)
        out.append((a.start, a.end, new, "amount (read again in Chinese numerals)"))
    return out
