"""Amounts of money read twice: once as Whisper writes them, once in Chinese numerals.

Whisper writes a spoken amount in digits by normalising it itself, and base gets that
normalisation wrong in a few set ways: 零 lost or kept ("十二万零五百" as 12500), a 十 read
twice or lost ("二万九千零九十七" as 290917, "一万一千九百" as 1900 after 急), 十 heard in
the word before ("共计十八万三千六百" as "计时83600"). Written in Chinese numerals, each
syllable is one character and those slips do not happen: base, decoding the same audio
with digit tokens suppressed (asr.decoder: `DecoderOptions.numeral_reading`), got all
five of those amounts right. It is worse at years ("二〇二〇" for 二零二二), so a year is
taken from it only where Whisper doubted its own digits and the two differ in one digit
(round 21, `numeral_year_edits`); otherwise only amounts of money are read from it.

An amount of the digit reading is replaced by the numeral reading's when both readings
hold the same number of amounts and the two values differ only by 0s and 1s that one of
them adds (`differs_by_zeros_and_ones`): exactly what a 零 or a 十 does when it is
normalised wrong. Two readings that disagree otherwise ("19600" against "9610") are both
left to the clerk, as heard.

Measured on the earlier sets (heldout-heldout12, benchmarks/README-asr.md round 12): the
rule replaced 6 amounts, all right; without the 0-and-1 rule, 8, two of them wrong.

The numeral reading also settles two slips the digits hide (round 16, seen on the earlier
sets; judged on benchmarks/heldout17):
- the last syllable of the word before an amount heard as 十 and run into it: 损失九千六百元
  written "损19,600元", 损失二十八万元 "损1218万元". The digits cannot tell a real 十 from
  the 失; the numeral reading can, where it writes "损十九千六百" or "损十二十八万": 十 and
  the numeral after it make no well-formed number (`split_ten_edits`);
- 元 heard as 人 after an amount ("合理开支6,080人"), where the numeral reading writes the
  same value with 元 ("六千零八十元"): the two readings heard one unit two ways, and only
  one of them is a unit of money (`numeral_unit_edits`).

Round 19 (seen on the earlier sets; judged on benchmarks/heldout20) mends what makes an amount
no number, and reads three more slips:
- a run of Chinese numerals that is no number as read aloud is one after exactly one slip:
  a leading 十 or 千 that is the word before's last syllable (损失 heard as "水十" in
  "水十八十二万四千", 拖欠 as "托千" in "托千八千五百八十"), or 千 heard as 七 ("每车三七二百",
  "十四万七七二百"). Written as heard, such a run became a wrong number ("三七二百" gave 200);
  repaired, it is the one number the slip allows, and the clerk sees the mark
  (`ill_formed_amount_edits`). The numeral reading's amounts are read the same way;
- 元 heard as a yan syllable after digits ("2040,000颜"), where the numeral reading wrote 元
  and the amounts then line up one for one: the unit is rewritten with the amount;
- an amount's first digit heard as a word before it, its bare 万 then read as 1万: "合计资
  13500元" where the numeral reading says "合计四万三千五百元" (`first_digit_edits`);
- 十 heard as 时 or 是 right after 计 or a verb of paying back: "共计时八万三千六百元", "退回时70304元"
  (`total_ten_edits`).

Round 26 (seen on heldout1-31; judged on benchmarks/heldout32-33) reads two more:
- 损失 heard as 水, 罪, 嘴 or 损 with 失 run into the digits as a leading 1, where the numeral
  reading writes 十 there too: 损失 and the rest ("车辆，罪156700元" -> 损失56700元; `loss_ten_edits`);
- digits that ran a shi or yi syllable in as their leading 1 where the numeral reading wrote it
  as a word between the same characters ("经济损14，8500元" -> 损失438500元; `_swallowed_syllable`).

Round 43: a rate's 十 heard as 时 after it, "6%时以上" for 百分之六十以上 (`percent_ten_edits`).
Round 45: a numeral written as another character of its very sound before a bare 万 ("罚款无万元", "费用骑万2000元";
`numeral_sound_before_wan_edits`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import NamedTuple

from asr.numbers import CURRENCY, NUMERAL_CHARS, canonical_numbers, chinese_amount, chinese_numeral, format_amount, parse_number, record_numbers
from asr.wordlist import COMMON_WORD, tokenizer, word_frequency

# A number directly before a currency unit, as either reading writes it: digits with
# separators ("2,500", "6，3000"), Chinese numerals ("十二万零五百") or both ("12万"); not
# after another numeral, a decimal point or 第 (an article or an ordinal). A fraction is part of
# it in either reading ("20580.5", "二万零五百八十点五": round 30).
_NUMBER = rf"(?<![0-9.{NUMERAL_CHARS}第点])[0-9{NUMERAL_CHARS}][0-9{NUMERAL_CHARS},，.点]*?"
_AMOUNT = re.compile(rf"{_NUMBER}(?={CURRENCY})")
# The numeral reading is not corrected: its 元 may still be written as it sounds
# ("二万九千零九十七员"). Read against the text's amounts one for one, so a word that only
# sounds like 元 can only make the counts differ, and then nothing is replaced.
_HEARD_AMOUNT = re.compile(rf"{_NUMBER}(?=(?:多)?(?:[元员圆园原远源言]|美元|欧元|港元|港币|日元|英镑|块钱?))")
_VALUE = re.compile(r"\d+(?:\.\d+)?")
# A number and 人 after it, 人 not starting 人员, 人民, 人工: the place 元 is heard as 人.
# A number with a fraction (digits with a point, numerals with 点) and 人 after it (round 29).
DECIMAL_THEN_REN = re.compile(rf"(?<![0-9{NUMERAL_CHARS}.,，点])([0-9]+\.[0-9]+|[{NUMERAL_CHARS}]+点[{NUMERAL_CHARS}]+)(人)(?![员民工])")
NUMBER_THEN_REN = re.compile(rf"(?<![0-9{NUMERAL_CHARS}.,，])([0-9{NUMERAL_CHARS}]+(?:\.[0-9]+)?(?:[,，][0-9]{{3}})*)(人)(?![员民工])")


class Amount(NamedTuple):
    start: int
    end: int  # the number only: the currency unit after it is not part of it
    value: float


def amounts_in(text: str, heard: bool = False) -> list[Amount]:
    """Every amount of money in `text`, with its value (`heard`: its unit maybe misheard)."""
    out = []
    for m in (_HEARD_AMOUNT if heard else _AMOUNT).finditer(text):
        value = _value_of(m.group(0))
        if value is not None:
            out.append(Amount(m.start(), m.end(), value))
    return out


def _value_of(number: str) -> float | None:
    """The value of a number as either reading writes it before a currency unit."""
    # record_numbers reads 万 groups ("6，3000" is 63000); canonical_numbers gives the value.
    found = _VALUE.fullmatch(canonical_numbers(record_numbers(number + "元"))[:-1])
    return float(found.group(0)) if found else None


def formatted_amount(value: float, style: str) -> str:
    """An amount in the record's style (asr.numbers.NUMBER_STYLES), its fraction kept:
    20580.5 is "20580.5" or "二万零五百八十点五"."""
    return chinese_amount(value) if style == "chinese" else format_amount(value)


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


def _all_digits(value: float) -> tuple[str, int]:
    """An amount's digits with its point left out, and its fraction's length: 8045.5 -> ("80455", 1)."""
    whole, _, fraction = (str(int(value)) if value == int(value) else format_amount(value)).partition(".")
    return whole + fraction, len(fraction)


def _doubles_a_digit(x: str | None, y: str | None) -> bool:
    """Whether digits `x` are `y` with one of its digits written twice: "15500" and "1500",
    "222080" and "22080" (a stutter of the digit reading; round 29, seen on heldout24 and
    heldout34, where the numeral reading was right each of the three times; judged on
    heldout38-39)."""
    if x is None or y is None or len(x) != len(y) + 1:
        return False
    return any(x == y[: i + 1] + y[i:] for i in range(len(y)))


def _echoes_across_zero(x: str | None, y: str | None) -> bool:
    """Whether digits `x` are `y` with the digit after one of its zeros written before that zero
    too: "924046" for 92046, "386404" for 38604 (零四 written 404; round 32, seen on heldout41
    and heldout43, where the numeral reading had the number right both times)."""
    if x is None or y is None or len(x) != len(y) + 1:
        return False
    return any(y[i] == "0" and x == y[:i] + y[i + 1] + y[i:] for i in range(len(y) - 1))


def _one_digit_apart(x: str, y: str) -> bool:
    """Whether digits `x` and `y` (as long as each other) differ in one digit or in two
    neighbouring digits swapped: "10477" and "10437", "43607" and "43067", "12650" and "12605"."""
    if len(x) != len(y) or x == y:
        return False
    apart = [i for i in range(len(x)) if x[i] != y[i]]
    return len(apart) == 1 or (len(apart) == 2 and apart[1] == apart[0] + 1 and x[apart[0]] == y[apart[1]] and x[apart[1]] == y[apart[0]])


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
    # Each amount as repaired, with the numeral the repair dropped from its front (or None).
    read = [_repaired(numeral_text, b) for b in amounts_in(numeral_text, heard=True)]
    theirs, leads = [b for b, _ in read], [lead for _, lead in read]
    ours = amounts_in(text)
    if len(ours) != len(theirs):
        # 元 heard as another yuan or yan syllable in the digits ("2040,000颜", round 19):
        # taken where the numeral reading's 元 makes the counts agree; the unit is rewritten too.
        ours = [_with_heard_unit(text, a) for a in _HEARD_UNIT_AMOUNT.finditer(text)]
    if not ours or len(ours) != len(theirs):
        return []  # the readings do not line up amount for amount
    out = []
    for a, b, lead in zip(ours, theirs, leads):
        if not any(ch.isdigit() for ch in text[a.start : a.end]):
            continue  # already read syllable by syllable
        unit = a.end < len(text) and text[a.end] != "元" and not re.match(CURRENCY, text[a.end :])
        if unit and text[a.end] in _YI_OR_YE and a.value != b.value:
            continue  # "3亿" is an amount as heard, and 也 a word, unless the numeral reading has those digits and 元
        x, y = _digits(a.value), _digits(b.value)
        # Both readings ran the word before's last syllable into the amount as the same numeral;
        # the numeral reading's run is no number with it (round 22): "不88500" / "捕八八千五百".
        run_in = lead is not None and x is not None and y is not None and x == str(int(parse_number(lead) or 0)) + y
        swallowed = _swallowed_syllable(text, a, numeral_text, b) if lead is None and a.value != b.value else None
        # A fraction's digits too, where both have the same: 84045.5 for 8045.5 (零四 as 404).
        (xs, xf), (ys, yf) = _all_digits(a.value), _all_digits(b.value)
        doubled = (lead is None and xf == yf and (_doubles_a_digit(xs, ys) or _echoes_across_zero(xs, ys))
                   and well_formed(numeral_text[b.start : b.end]))
        # One digit heard otherwise, or two swapped, where the numeral reading said every place by
        # its unit (round 33): "医疗费10477.8元" against "一万零四百三十七点八元".
        misheard = lead is None and xf == yf and _one_digit_apart(xs, ys) and well_formed(numeral_text[b.start : b.end])
        total = _total_with_ten(numeral_text, b) if lead is None else None
        if lead is None and _ten_heard_as_shi(numeral_text, b) == a.value:
            continue  # the numeral reading heard the amount's 十 as 是 ("是二万八千" for "12万8千"): the digits have it
        if lead is None and _shi_ten_as_four(text, a, numeral_text, b):
            out.append((a.start, a.end, "是" + formatted_amount(b.value, style), "amount (是十 heard as 4, read again in Chinese numerals)"))
            continue
        if total is not None and x is not None and x.startswith("1") and differs_by_zeros_and_ones(a.value, total):
            out.append((a.start, a.end, formatted_amount(total, style), "amount (十 heard as a shi syllable after 计, read again in Chinese numerals)"))
            continue
        if not (differs_by_zeros_and_ones(a.value, b.value) or unit and a.value == b.value or run_in or swallowed or doubled or misheard):
            continue
        new = formatted_amount(b.value, style)
        if doubled and not differs_by_zeros_and_ones(a.value, b.value):
            out.append((a.start, a.end, new, "amount (a digit written twice, read again in Chinese numerals)"))
        elif swallowed and not differs_by_zeros_and_ones(a.value, b.value):
            out.append((a.start, a.end, swallowed + new, "amount (a syllable before it run into its digits, read again in Chinese numerals)"))
        elif run_in:
            out.append((a.start, a.end, new, "amount (a word's last syllable heard as a numeral and run into it, read again in Chinese numerals)"))
        elif unit:
            out.append((a.start, a.end + 1, new + "元", "amount and its unit (read again in Chinese numerals)"))
        elif (word := _swallowed_word(text, a, numeral_text, b)) is not None:
            out.append((word[0], a.end, word[1] + new, "amount (read again in Chinese numerals, the word its 1 was too)"))
        elif misheard and not differs_by_zeros_and_ones(a.value, b.value):
            out.append((a.start, a.end, new, "amount (a digit heard otherwise, read again in Chinese numerals)"))
        else:
            out.append((a.start, a.end, new, "amount (read again in Chinese numerals)"))
    return out


def numeral_reading_values(text: str, numeral_text: str) -> dict[int, float]:
    """The value the numeral reading gives each amount of `text` (by its start), where the two
    readings line up amount for amount and the numeral reading says it as a number is read
    aloud: what a near reading of that amount must agree with (asr.number_rivals)."""
    ours, theirs = amounts_in(text), amounts_in(numeral_text, heard=True)
    if len(ours) != len(theirs):
        return {}
    return {a.start: b.value for a, b in zip(ours, theirs) if well_formed(numeral_text[b.start : b.end])}


def _shi_ten_as_four(text: str, a: Amount, numeral_text: str, b: Amount) -> bool:
    """Whether the digits' leading 4 is 是 and 十 run together (shi shi heard as si shi), where
    the numeral reading wrote 是 and then an amount starting with 十: "转让价款42万元" against
    "转让价款是十二万元" (round 30, seen on heldout24 and heldout36: said 是十二万 both times).
    The digits are the numeral reading's with 4 for its leading 1, and no 是 is written before them."""
    x, y = _digits(a.value), _digits(b.value)
    if x is None or y is None or len(x) != len(y) or not (x[0] == "4" and y[0] == "1" and x[1:] == y[1:]):
        return False
    return (numeral_text[b.start : b.start + 1] == "十" and numeral_text[max(b.start - 1, 0) : b.start] == "是"
            and not text[: a.start].endswith("是"))


def _cjk(text: str) -> bool:
    return bool(text) and all("\u4e00" <= ch <= "\u9fff" and ch not in NUMERAL_CHARS for ch in text)


def _swallowed_word(text: str, a: Amount, numeral_text: str, b: Amount) -> tuple[int, str] | None:
    """(start, word) where the digits' extra leading 1 was the last syllable of a word the
    numeral reading wrote (round 20): "造成的水12800元" against "造成的损失二千八百元" (失 heard
    as 1: 水1 is 损失). Only where the digits are the numeral reading's with a 1 before them,
    the same two or three characters stand in both readings before the text's one character
    and the numeral reading's two, and those two are a common word: then they replace the
    text's character."""
    x, y = _digits(a.value), _digits(b.value)
    if x is None or y is None or x != "1" + y or a.start < 1:
        return None
    heard, word = text[a.start - 1], numeral_text[max(b.start - 2, 0) : b.start]
    if not _cjk(heard) or not _cjk(word) or len(word) != 2 or heard == word[0] or word_frequency(word) < COMMON_WORD:
        return None
    for n in (3, 2):
        anchor = text[max(a.start - 1 - n, 0) : a.start - 1]
        if len(anchor) == n and _cjk(anchor) and numeral_text[max(b.start - 2 - n, 0) : b.start - 2] == anchor:
            return a.start - 1, word
    return None


def _swallowed_syllable(text: str, a: Amount, numeral_text: str, b: Amount) -> str | None:
    """The character the numeral reading wrote between the word before and the amount, where
    the digits ran its syllable (shi or yi) into themselves as a leading 1 (round 26, seen on
    heldout24 and heldout31; judged on heldout32-33): "经济损14，8500元" against "经济损失四十三万八千
    五百元" (失 heard as 1, and the digits then lost their way), "差价水116万4千元" against "差价水是一百
    零六万四千元". Only where the two characters before stand in both readings, the text's
    digits start with 1, the numeral reading's amount is a number as read aloud and that
    reading has exactly that one character more; None otherwise."""
    x = _digits(a.value)
    if x is None or not x.startswith("1") or a.start < 2 or b.start < 3 or not text[a.start].isdigit():
        return None
    anchor, extra = text[a.start - 2 : a.start], numeral_text[b.start - 1]
    if not _cjk(anchor) or numeral_text[b.start - 3 : b.start - 1] != anchor or not _cjk(extra):
        return None
    if extra not in (*_chars_read("shi"), *_chars_read("yi")) or not well_formed(numeral_text[b.start : b.end]):
        return None
    return extra


# A number in digits and one character read yuan or yan after it (元 as base hears it).
_YUAN_OR_YAN = "员圆园原远源援媛缘言研严盐颜沿延炎岩檐阎"
# 元 heard as 亿 or 也 after digits (round 33: "医疗费53087。2亿，残疾赔偿金84600亿" on heldout45, where
# the numeral reading wrote both with 元). 亿 is a unit too, so only where the readings agree on the digits.
_YI_OR_YE = "亿也"
_HEARD_UNIT_AMOUNT = re.compile(rf"(?<![0-9.,，])[0-9][0-9,，.]*(?=元|[{_YUAN_OR_YAN}{_YI_OR_YE}])")


def _with_heard_unit(text: str, m: re.Match[str]) -> Amount:
    value = _value_of(m.group(0))
    if value is None and re.fullmatch(r"[0-9]+(?:[,，][0-9]{3})+", m.group(0)):
        value = float(re.sub("[,，]", "", m.group(0)))  # a separator misplaced: "2040,000"
    return Amount(m.start(), m.end(), -1.0 if value is None else value)


def _repaired(text: str, a: Amount) -> tuple[Amount, str | None]:
    """An amount of the numeral reading with the value `repaired_numeral` gives it, where
    its run of numerals is no number ("千八千五百八十元": 8580, not 9580), and the leading
    numeral the repair dropped as the word before's last syllable (any but 十 and 千), if any."""
    found = _repair(text, a.start, a.end)
    if found is None:
        return a, None
    return a._replace(value=float(found[0])), text[a.start] if found[1] == _LEAD else None


def _repair(text: str, start: int, end: int) -> tuple[int, str] | None:
    """`repaired_numeral` of text[start:end], but not a leading 十 or 千 after a word that
    is whole already ("亏损十九千六百": no syllable of 亏损 is missing, so which slip made
    the run is unknown, and it is left as heard)."""
    found = repaired_numeral(text[start:end])
    if found is not None and found[1] in (*_SYLLABLE, _LEAD) and word_frequency(text[max(start - 2, 0) : start]) >= COMMON_WORD:
        return None
    return found


# --- a word's last syllable heard as 十 (module docstring) ---------------------------------
# The numeral reading's "损十二十八万元": a character, 十, a numeral, a currency unit.
_TEN_AFTER_WORD = re.compile(rf"(?![{NUMERAL_CHARS}第])([\u4e00-\u9fff])十([{NUMERAL_CHARS}]+)(?={CURRENCY}|[员圆园原])")


def well_formed(numeral: str) -> bool:
    """Whether `numeral` is a number as it is read aloud ("十五万", "九千六百", "二十万零四千"),
    not a run of numerals that is none ("十九千六百", "十二十八万"). A fraction is read digit by
    digit after 点 ("二万零五百八十点五")."""
    head, point, tail = numeral.partition("点")
    if point:
        return bool(tail) and all(ch in "零一二三四五六七八九" for ch in tail) and well_formed(head)
    value = parse_number(numeral)
    if value is None or value != int(value):
        return False
    spoken = numeral.replace("两", "二")
    # 零 after 万 before a full thousands group is said though it is not written: 二十万零四千.
    return chinese_numeral(int(value)) in (spoken, re.sub("(?<=[万亿])零(?=[一二三四五六七八九]千)", "", spoken))


@functools.lru_cache(maxsize=4)
def _chars_read(syllable: str) -> tuple[str, ...]:
    """The dictionary's single characters read `syllable` (any tone): shi 失, 时, 实, 事...;
    qian 欠, 前, 钱..."""
    from pypinyin import Style, lazy_pinyin

    chars = [w for w in tokenizer().FREQ if len(w) == 1 and "\u4e00" <= w <= "\u9fff"]
    return tuple(ch for ch, r in zip(chars, lazy_pinyin(chars, style=Style.NORMAL)) if r == syllable)


_SYLLABLE = {"十": "shi", "千": "qian"}


def _completed_word(before: str, numeral: str = "十") -> str | None:
    """The common word `before` + a character read like `numeral` makes (损 -> 损失,
    拖 -> 拖欠), if any."""
    best = max(_chars_read(_SYLLABLE[numeral]), key=lambda ch: word_frequency(before + ch))
    return before + best if word_frequency(before + best) >= COMMON_WORD else None


def split_ten_edits(text: str, numeral_text: str, style: str = "arabic") -> list[tuple[int, int, str, str]]:
    """(start, end, new, why) for each amount of `text` whose numeral reading starts with a
    十 that belongs to the word before it: "损19,600元" -> "损失9600元" where the numeral
    reading says "损十九千六百元". Only where 十 and the numeral after it are no number
    while the numeral alone is one, the character before ends no word in the text (住户损,
    not 亏损 or 欠款) and makes a common word with a character read shi, and both readings
    put the same number of amounts after that character (they line up one for one)."""
    out = []
    heard = list(_TEN_AFTER_WORD.finditer(numeral_text))
    split = {m.span() for m in heard if not well_formed("十" + m.group(2)) and well_formed(m.group(2))}
    for before in {numeral_text[start] for start, _ in split}:
        word = _completed_word(before)
        if word is None:
            continue
        theirs = [m for m in heard if m.group(1) == before]
        # Every amount's place, a run of digits that is no number included ("损11199,000元" where
        # the numeral reading says 损十一百零七万九千元: round 25, seen on heldout29; judged on heldout30-31).
        ours = [m.span() for m in _HEARD_AMOUNT.finditer(text) if m.start() > 0 and text[m.start() - 1] == before]
        if len(ours) != len(theirs):
            continue
        for (start, end), m in zip(ours, theirs):
            if m.span() not in split or not text[start].isdigit():
                continue
            if word_frequency(text[max(start - 2, 0) : start]) >= COMMON_WORD:
                continue  # the character ends a word already (欠款, 亏损): 十 is no part of it
            new = formatted_amount(int(parse_number(m.group(2)) or 0), style)
            out.append((start, end, word[-1] + new, "amount (a word's last syllable heard as 十, read again in Chinese numerals)"))
    return sorted(out)


def numeral_unit_edits(text: str, numeral_text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, 元, why) for each 人 after a number of `text` where the numeral reading
    has the same value followed by 元 (module docstring). Values must match exactly: the
    two readings heard the same number and one unit two ways."""
    money = {a.value for a in amounts_in(numeral_text)}
    out = []
    for m in NUMBER_THEN_REN.finditer(text):
        value = parse_number(re.sub("[,，]", "", m.group(1)))
        if value is not None and value in money:
            out.append((m.start(2), m.end(2), "元", "amount unit (元 in the Chinese-numeral reading)"))
    return out



# --- a run of numerals that is no number (round 19) ------------------------------------------
def repaired_numeral(numeral: str) -> tuple[int, str] | None:
    """(value, slip) of a run of Chinese numerals that is no number as read aloud but is
    one after exactly one slip base makes (module docstring):
    - a leading 十 or 千 that is the word before's last syllable ("十八十二万四千": 损失 heard
      as 水十; "千八千五百八十": 拖欠 as 托千), the rest being a number;
    - 千 heard as 七 (qian, qi) inside it ("三七二百", "十四万七七二百");
    - any other leading numeral that is the word before's last syllable heard as it, the rest
      being a number ("八八千五百": 补发 heard as 捕八, round 22; slip _LEAD).
    None where the run is a number already, or no slip or more than one makes it one."""
    if not numeral or not all(ch in NUMERAL_CHARS for ch in numeral) or well_formed(numeral):
        return None
    found: list[tuple[int, str]] = []
    if numeral[0] in _SYLLABLE and well_formed(numeral[1:]):
        found.append((int(parse_number(numeral[1:]) or 0), numeral[0]))
    elif numeral[0] in "一二两三四五六七八九" and len(numeral) > 2 and well_formed(numeral[1:]):
        found.append((int(parse_number(numeral[1:]) or 0), _LEAD))
    for k, ch in enumerate(numeral):
        if ch == "七" and well_formed(numeral[:k] + "千" + numeral[k + 1 :]):
            found.append((int(parse_number(numeral[:k] + "千" + numeral[k + 1 :]) or 0), "七"))
    return found[0] if len(found) == 1 else None


# Words whose last syllable is read shi or qian and that stand right before an amount.
_WORDS_BEFORE_AMOUNTS = ("损失", "拖欠", "尚欠", "结欠", "赊欠")
_LEAD = "lead"  # repaired_numeral's slip: a leading numeral other than 十 and 千 dropped
_SLIP_WHY = {
    _LEAD: "amount (a word's last syllable heard as a numeral and run into it)",
    "十": "amount (a word's last syllable heard as 十 and run into it)",
    "千": "amount (a word's last syllable heard as 千 and run into it)",
    "七": "amount (千 heard as 七)",
}


def ill_formed_amount_edits(text: str, style: str = "arabic") -> list[tuple[int, int, str, str]]:
    """(start, end, new, why) for each amount of `text` written in Chinese numerals that is
    no number, repaired (`repaired_numeral`): "每车三七二百元" -> "每车3200元". Where the
    syllable run into the amount completes, with the character before it, a word said
    before amounts (损 + shi: 损失; not 水 + shi: 水师) and that character ends no word
    already, the word is written too; otherwise only the amount is."""
    out = []
    for m in _AMOUNT.finditer(text):
        found = _repair(text, m.start(), m.end())
        if found is None:
            continue
        value, slip = found
        new = formatted_amount(value, style)
        if slip in _SYLLABLE and m.start() > 0:
            word = _completed_word(text[m.start() - 1], slip)
            if word in _WORDS_BEFORE_AMOUNTS and word_frequency(text[max(m.start() - 2, 0) : m.start()]) < COMMON_WORD:
                new = word[-1] + new
        out.append((m.start(), m.end(), new, _SLIP_WHY[slip]))
    return out


def first_digit_edits(text: str, numeral_text: str, sounds_like: Callable[[str, str], bool],
                      style: str = "arabic") -> list[tuple[int, int, str, str]]:
    """(start, end, new, why) for each amount of `text` whose first digit base heard as a
    word before it and then read the bare 万 or 千 as one: "和计资13500元" where the numeral
    reading says "和计四万三千五百元" (资 zi for 四 si). Only where the readings line up
    amount for amount, the two values differ in the first digit alone and the text's is 1,
    the numeral reading has nothing between the word before and the amount where the text
    has that one character, and the character sounds like the numeral reading's first digit
    (`sounds_like(character, digit)`). The character is replaced with the amount."""
    ours, theirs = amounts_in(text), amounts_in(numeral_text, heard=True)
    if not ours or len(ours) != len(theirs):
        return []
    out = []
    for a, b in zip(ours, theirs):
        x, y = _digits(a.value), _digits(b.value)
        if x is None or y is None or len(x) != len(y) or x[0] != "1" or y[0] in "01" or x[1:] != y[1:]:
            continue
        if a.start < 2 or not text[a.start : a.end].isdigit() or b.start < 1:
            continue
        heard, before = text[a.start - 1], text[a.start - 2]
        if not _cjk(heard) or numeral_text[b.start - 1] != before:
            continue
        if sounds_like(heard, chinese_numeral(int(y[0]))):
            out.append((a.start - 1, a.end, formatted_amount(b.value, style),
                        "amount (its first digit heard as a word before it, read again in Chinese numerals)"))
    return out


# 十 of an amount heard as a shi syllable right after 计 (共计, 合计, 累计, 总计): "共计时八万三千
# 六百元" is 共计十八万三千六百元. A total is followed by its amount, not by 时 or 是.
_SHI = "是时事式市实使世士试视"
# 计 of a total, and the verbs of paying back (round 36): "要求她退回时70304元" was 退回十七万零三百零四元
# (seen on heldout51). Right after such a verb, a shi syllable before an amount starts no clause.
_AFTER_TOTAL = re.compile(rf"(?:(?<=计)|(?<=退回|退还|返还|归还|偿还|支付|给付|赔付|出资))([{_SHI}])")


def _total_with_ten(numeral_text: str, b: Amount) -> float | None:
    """The numeral reading's amount right after 计 and a shi character, with 十 for that
    character, where that is a number as read aloud: "合计是六万四千三百元" -> 164300 (round 29,
    seen on heldout26, where the digits "16400300" held the 1 and the zeros; judged on
    heldout38-39). The caller takes it only where the digits agree."""
    return _ten_heard_as_shi(numeral_text, b) if numeral_text[max(b.start - 2, 0) : b.start - 1] == "计" else None


def _ten_heard_as_shi(numeral_text: str, b: Amount) -> float | None:
    """The numeral reading's amount with 十 for a shi character right before it, where that is a
    number as read aloud: "赔偿被害人是二万八千元" -> 128000 (said 十二万八千; round 32, seen on
    heldout42, where the digits "12万8千" had it right and the 0-and-1 rule took 28000)."""
    if b.start < 1 or numeral_text[b.start - 1] not in _SHI:
        return None
    numeral = "十" + numeral_text[b.start : b.end]
    return float(parse_number(numeral) or 0) if well_formed(numeral) else None


def total_ten_edits(text: str, style: str = "arabic") -> list[tuple[int, int, str, str]]:
    """(start, end, new, why) for each amount right after 计 (or a verb of paying back) and a shi character that, with
    十 for that character, is still a number as read aloud (十 + 八万三千六百: 十八万三千六百;
    not 十 + 三千)."""
    starts = {a.start: a for a in amounts_in(text)}
    out = []
    for m in _AFTER_TOTAL.finditer(text):
        a = starts.get(m.end())
        if a is None or a.value != int(a.value) or a.value <= 0:
            continue
        numeral = "十" + chinese_numeral(int(a.value))
        if well_formed(numeral):
            out.append((m.start(), a.end, formatted_amount(parse_number(numeral) or 0, style),
                        "amount (十 heard as a shi syllable after 计 or a verb of paying)"))
    return out


# A rate's 十 heard as 时 (round 43): base writes 百分之六十 as "6%时" and 百分之四十 as "4%时"
# (seen on heldout36, heldout56 and heldout63, each said as N十). Before 以上, 以下, 左右 or 多 a
# 时 of time makes no sense; before 的 it can ("年利率为6%时的利息", at a rate of 6 %), so there a
# word that states a rate (为, 到, 达, 超过, 低于 ...) right before the number keeps 时 as heard.
_RATE_TEN = re.compile(r"(?:(?<![0-9.,，。%])([1-9])%|百分之([一二三四五六七八九]))(时)(?=以上|以下|左右|多(?!少)|(的))")
_STATES_A_RATE = ("为", "到", "达", "是", "过", "于", "至", "按", "在", "时", "率")


def percent_ten_edits(text: str, style: str = "arabic") -> list[tuple[int, int, str, str]]:
    """(start, end, new, why) for each one-digit rate followed by a 时 that is its
    十: "果子6%时以上" -> 60%, "自己也有4%时的过错" -> 40%, and so in Chinese numerals, as Whisper also
    writes it: "退回百分之四时的修复费" -> 40% (seen on heldout65, after its judgement)."""
    out = []
    for m in _RATE_TEN.finditer(text):
        if m.group(4) is not None and text[max(m.start() - 1, 0) : m.start()] in _STATES_A_RATE:
            continue
        value = int(m.group(1) or parse_number(m.group(2)) or 0) * 10
        new = f"百分之{chinese_numeral(value)}" if style == "chinese" else f"{value}%"
        out.append((m.start(), m.end(3), new, "percentage (its 十 heard as 时 after the rate)"))
    return out


# --- 损失 heard as 水十 (round 26) ------------------------------------------------------------
# 损失 (a loss) is the word said most before an amount in a hearing, and base hears it as 水, 罪,
# 嘴 or 损 with 失 run into the digits as a leading 1: "经济水15万元" (损失五万), "车辆，罪156700元"
# (损失五万六千七百), "产品嘴12,620元" (损失二万八千六百二十). Characters that stand before an amount
# themselves (税 shui: "个税1200元") are no heard 损.
_LOSS_SYLLABLES = ("sun", "shui", "sui", "zui", "zun")  # zun: "误工尊14356。8元" (round 31, heldout41)
MONEY_BEFORE = "费金款钱价资税息币付欠"  # last characters of words an amount follows (租金, 税, 欠)


# Words that end in 损 itself, the 失 no part of them: an amount after one keeps its 十 (round 36,
# seen on heldout50: an insurer's 定损, the assessed loss of a car).
_ENDS_IN_LOSS = frozenset(("定损", "车损", "亏损", "毁损", "破损", "受损", "折损", "减损"))


@functools.lru_cache(maxsize=1)
def _heard_as_loss() -> frozenset[str]:
    return frozenset(ch for syllable in _LOSS_SYLLABLES for ch in _chars_read(syllable) if ch not in MONEY_BEFORE)


def loss_ten_edits(text: str, numeral_text: str, style: str = "arabic") -> list[tuple[int, int, str, str]]:
    """(start, end, new, why) for each amount in digits that starts with 1 right after a
    character heard for 损, where the numeral reading, amount for amount, also writes a
    character heard for 损 and then 十 and a number: 损失 and that number, "罪156700元" ->
    "损失56700元" (round 26, seen on heldout1-31; judged on heldout32-33). The number is the
    numeral reading's, which keeps the 万 group the digits can lose ("嘴12,620元" against
    "嘴十二万八千六百二十元": 28620). Only digits: where base itself wrote numerals after 嘴 it
    also dropped the 失 and kept a real 十 ("各项嘴十九万三千七百元" was 损失十九万三千七百元). Round 16
    left "损15万" as heard, both 损失五万 and 损失十五万 fitting; on the 31 sets the digits after a
    heard 损 were 损失 and the rest each of the three times, and never a real 十."""
    ours, theirs = list(_HEARD_AMOUNT.finditer(text)), list(_HEARD_AMOUNT.finditer(numeral_text))
    if not ours or len(ours) != len(theirs):
        return []
    loss = _heard_as_loss()
    out = []
    for a, b in zip(ours, theirs):
        if a.start() < 1 or b.start() < 1 or not a.group(0).startswith("1") or text[a.start() - 1] not in loss:
            continue
        if word_frequency(text[max(a.start() - 2, 0) : a.start()]) >= COMMON_WORD:
            continue  # the character ends a word (亏损): no syllable of it is missing
        if text[a.start() - 2 : a.start() - 1] + "损" in _ENDS_IN_LOSS:
            continue  # 损 ends the word (定损: "定随126040元" was 定损十二万六千零四十元)
        rest = b.group(0)[1:]
        if b.group(0)[0] != "十" or numeral_text[b.start() - 1] not in loss or not well_formed(rest):
            continue
        new = "损失" + formatted_amount(parse_number(rest) or 0, style)  # the fraction kept (round 30)
        out.append((a.start() - 1, a.end(), new, "amount (损失 heard as 水十: 失 run into it as 1, read again in Chinese numerals)"))
    return out


_NUMERALS_THEN_YUAN = re.compile(rf"十([一二三四五六七八九][{NUMERAL_CHARS}]*)(?=元)")


def loss_ten_numeral_spans(text: str, style: str = "arabic") -> list[tuple[int, int, int, str, str]]:
    """(start, end, first numeral, new, why) for each amount Whisper itself wrote in numerals
    after a character heard for 损 and 十, "水十六万二千零八十元": 损失 and the rest, 损失62080元
    (round 28, seen on heldout26 and heldout34; judged on heldout36-37). Where 十 and the rest
    are no number together ("水十八十二万四千元"), the 十 is 失 (`first numeral` is -1). Where both
    readings are numbers, it is the caller's to take only where Whisper did not doubt the rest's
    first numeral (`first numeral` is its offset): where it merged 失 and a real 十 into one 十, what
    came next was doubted ("各项嘴十九万三千七百元", said 损失十九万三千七百元: 九 at 0.57). Not
    after a word that ends in the character (亏损十五万元)."""
    loss = _heard_as_loss()
    out = []
    for m in _NUMERALS_THEN_YUAN.finditer(text):
        i = m.start()
        if i < 1 or text[i - 1] not in loss or (i > 1 and text[i - 2] in NUMERAL_CHARS):
            continue
        if word_frequency(text[max(i - 2, 0) : i]) >= COMMON_WORD:
            continue  # the character ends a word (亏损): no syllable of it is missing
        rest = m.group(1)
        if not well_formed(rest):
            continue
        new = "损失" + formatted_amount(int(parse_number(rest) or 0), style)
        if not well_formed("十" + rest):  # "水十八十二万四千元": the 十 can be nothing but 失
            out.append((i - 1, m.end(), -1, new, "amount (损失 heard as 水十, the 十 no part of the number)"))
        else:
            out.append((i - 1, m.end(), m.start(1), new, "amount (损失 heard as 水十, Whisper sure of the number after it)"))
    return out


# --- 损失 heard as a loss syllable and 时 (round 44) ---------------------------------------------
# Base also writes 损失 as a loss character and 时, the 失 kept as a syllable of its own:
# "赔偿各项嘴时193700元", "经济随时20000元", "差价嘴时137200元", "这些随时1共是174320元" (twelve
# sentences on the results of heldout1-65, each 损失; not one other reading). Right before an
# amount, 时 cannot be 'when' (a verb would stand between), so the amount is the one heard.
_LOSS_SHI = re.compile(rf"([\u4e00-\u9fff])时(?=(?:一共|1共|共计|合计|总计|累计)?是?({_NUMBER})(?:多)?(?:[元员圆园原远源言]|块钱?))")
# The numeral reading's 损失 as a loss character and 时, and its amount, against the digits'
# loss character with 失 run into them as 1: "随12万3650人" against "随时二万三千六百五十元".
_LOSS_SHI_NUMERALS = re.compile(rf"([\u4e00-\u9fff])时([{NUMERAL_CHARS}点]+)(?=[元人])")
_LOSS_ONE_DIGITS = re.compile(r"([\u4e00-\u9fff])(1[0-9,，万千百.]*[0-9万千百])([元员圆园原远源言人])")


def _ends_a_word(text: str, i: int) -> bool:
    """Whether the character at `i` ends a word of the dictionary with the one before it (亏损,
    停水, 定损); none of the twelve heard 损 did."""
    return word_frequency(text[max(i - 1, 0) : i + 1]) > 0 or text[max(i - 1, 0) : i + 1] in _ENDS_IN_LOSS


def loss_shi_edits(text: str, style: str = "arabic") -> list[tuple[int, int, str, str]]:
    """(start, end, new, why) for each loss character and 时 right before an amount (or before
    一共 and an amount): 损失, and the amount as heard in the record's style. Not after a
    numeral (an age: "5岁时"), and not where the character ends a word (停水时, 亏损)."""
    loss = _heard_as_loss()
    out = []
    for m in _LOSS_SHI.finditer(text):
        i = m.start(1)
        if m.group(1) not in loss or (i > 0 and (text[i - 1].isdigit() or text[i - 1] in NUMERAL_CHARS)) or _ends_a_word(text, i):
            continue
        value = _value_of(m.group(2))
        if value is None or (not m.group(2)[0].isdigit() and not well_formed(m.group(2))):
            continue
        lead = text[m.end() : m.start(2)]  # 一共, 是: kept as they are
        if lead:
            out.append((i, m.end(), "损失", "amount (损失 heard as a loss syllable and 时)"))
        else:
            out.append((i, m.end(2), "损失" + formatted_amount(value, style), "amount (损失 heard as a loss syllable and 时)"))
    return out


# A numeral's syllable written as another character of that very sound, right before a bare 万 of
# an amount of money: "罚款无万元" (五万元, heldout43), "费用骑万2000元" (七万二千元, heldout18),
# "污水管网。拔拔万元" (八万元, heldout66). No word ends in such a character before 万元, and 万 is
# never said alone before 元 or digits: it is counted by a numeral. (万元户, a household of means, is a word.)
_NUMERAL_SOUND_BEFORE_WAN = re.compile(
    rf"(?<![0-9{NUMERAL_CHARS}.点])([\u4e00-\u9fff])万([0-9{NUMERAL_CHARS},，]*)(?=多?(?:[元员圆园原远源言](?!户)|块))")
# Said before 万元 as words: 以万元计 (yi, as 一 is).
_BEFORE_WAN_AS_A_WORD = frozenset("以")


def numeral_sound_before_wan_edits(text: str, numeral_read_as: Callable[[str], str | None],
                                   style: str = "arabic") -> list[tuple[int, int, str, str]]:
    """(start, end, new, why) for a character read exactly as one numeral (`numeral_read_as`: the
    corrector's reading of a character, any tone) right before a bare 万 of an amount of money:
    that numeral's amount ("罚款无万元" -> 罚款50000元). Not where the character makes a word with
    the one before it (基石, 毫无) or with 万 (数万, 上万), nor where it reads as two numerals. Only
    a numeral's very sound: near ones were wrong as often as right on heldout1-67 (即万一千九百
    was 即一万一千九百; 商万 was 三万, nearer 十)."""
    out = []
    for m in _NUMERAL_SOUND_BEFORE_WAN.finditer(text):
        i, heard = m.start(1), m.group(1)
        if heard in NUMERAL_CHARS or heard in _BEFORE_WAN_AS_A_WORD or word_frequency(heard + "万") > 0 or _ends_a_word(text, i):
            continue
        numeral = numeral_read_as(heard)
        if numeral is None:
            continue
        value = _value_of(numeral + "万" + m.group(2))
        if value is not None:
            out.append((i, m.end(), formatted_amount(value, style), "amount (a numeral heard as a character of its sound before 万)"))
    return out


def loss_shi_numeral_edits(text: str, numeral_text: str, style: str = "arabic") -> list[tuple[int, int, str, str]]:
    """(start, end, new, why) for a loss character and digits starting with 1 and a unit (元, or
    人 heard for it) where the numeral reading wrote the same character, 时 and the digits'
    amount without that 1: 损失, that amount and 元 ("随12万3650人", "随时二万三千六百五十元":
    损失23650元; round 44, seen on heldout65)."""
    loss = _heard_as_loss()
    read: dict[str, list[float]] = {}
    for b in _LOSS_SHI_NUMERALS.finditer(numeral_text):
        value = _value_of(b.group(2)) if well_formed(b.group(2)) else None
        if b.group(1) in loss and value is not None and _digits(value) is not None:
            read.setdefault(b.group(1), []).append(value)
    out = []
    for a in _LOSS_ONE_DIGITS.finditer(text):
        heard = _value_of(a.group(2))
        if heard is None or _ends_a_word(text, a.start(1)):
            continue
        for value in read.get(a.group(1), ()):
            if _digits(heard) == "1" + str(_digits(value)):
                out.append((a.start(), a.end(), "损失" + formatted_amount(value, style) + "元",
                            "amount (损失 heard as a loss syllable and 时, read again in Chinese numerals)"))
                break
    return out


# --- Whisper's full stop inside an amount (round 30) -----------------------------------------
# Base writes an amount's point, and then sometimes its thousands comma, as a full stop:
# "赔付了87。036。5元" (八万七千零三十六点五元), "赔偿嘴12万0580。5元" (损失二万零五百八十点五元).
# The amount readers read only from the stop on ("5元"), so neither the numeral reading nor a
# 损失 rule could meet the amount. After a digit, a stop with one or two digits and a unit of
# money or measure after it is the point, and a stop with three digits and that point after it
# is the comma (asr.numbers writes a lone stop as the point for the record: round 29).
_STOPS_IN_AMOUNT = re.compile(r"(?<=[0-9])(?:(。)[0-9]{3})?(。)[0-9]{1,2}(?=元|平方米|公斤|千克|吨|米|%|人(?![员民工])|亿(?![元万]))")


def stop_in_amount_edits(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, new, why) for each full stop Whisper wrote inside an amount: the point
    (".") and, before it, a thousands comma (","); and 元 for a 人 after such an amount."""
    out = []
    for m in _STOPS_IN_AMOUNT.finditer(text):
        run = re.search(rf"[0-9{NUMERAL_CHARS},，。]+$", text[: m.start()])
        if run is not None and run.group(0)[0] in "0,，。":
            continue  # no amount starts with 0: "10。054116。35元" is no reading of one
        if m.group(1):
            out.append((m.start(1), m.end(1), ",", "amount point (a full stop written for its thousands comma)"))
        out.append((m.start(2), m.end(2), ".", "amount point (a full stop written for it)"))
        if text[m.end()] == "人" and "均" not in re.split("[，。；！？,;!?]", text[: m.start(2)])[-1]:
            # 元 heard as 人 after a number with a fraction, which counts no people ("加班费8,072。5人":
            # round 33, seen live on heldout42; as Corrector.decimal_unit_edits, not after an average).
            out.append((m.end(), m.end() + 1, "元", "amount unit (after a number with a fraction)"))
    return out


# --- 千 heard as jian inside a number (round 30) ---------------------------------------------
# "医疗费二万七间零四十点五元" is 二万七千零四十点五元: after 万 and one numeral only 千 can stand
# (j and q are one slip apart). Taken where the run with 千 is a number as read aloud and an
# amount of money ends it (seen once, on heldout28).
_AFTER_WAN_DIGIT = re.compile(
    rf"(?<![{NUMERAL_CHARS}0-9])([{NUMERAL_CHARS}]*万[一二两三四五六七八九])(\w)([{NUMERAL_CHARS}]+(?:点[零一二三四五六七八九]+)?)(?=元)"
)


def heard_thousand_edits(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, 千, why) for each character read jian or qian that stands for 千 inside an
    amount in Chinese numerals ("二万七间零四十点五元")."""
    heard = {*_chars_read("jian"), *_chars_read("qian")} - set(NUMERAL_CHARS)
    out = []
    for m in _AFTER_WAN_DIGIT.finditer(text):
        if m.group(2) in heard and well_formed(m.group(1) + "千" + m.group(3)):
            out.append((m.start(2), m.end(2), "千", "amount unit (千 heard as a jian syllable inside the number)"))
    return out


# --- a year read again (round 21) -----------------------------------------------------------
_DIGIT_YEAR = re.compile(r"(?<![0-9.,，])([0-9]{4})(?=年)")
_YEAR_NUMERALS = "〇零一二三四五六七八九"
_NUMERAL_YEAR = re.compile(rf"(?<![{NUMERAL_CHARS}])([{_YEAR_NUMERALS}]{{4}})(?=年)")


def numeral_year_edits(text: str, numeral_text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, digits, why) for each year in digits that the numeral reading heard with
    exactly one other digit: "2015年3月" where it says "二〇二五年三月" (round 21, seen on
    heldout21; judged on benchmarks/heldout22). The readings must hold the same number of
    years, read one for one. The numeral reading is worse at years than the digits are
    (module docstring), so the caller takes it only where Whisper doubted the year's digits,
    and a year that repeats its first pair is never taken (round 22, seen on heldout23).
    The replacement has the same length: the number rewrite formats it afterwards."""
    ours, theirs = list(_DIGIT_YEAR.finditer(text)), list(_NUMERAL_YEAR.finditer(numeral_text))
    if not ours or len(ours) != len(theirs):
        return []
    out = []
    for m, t in zip(ours, theirs):
        heard = "".join(str(_YEAR_NUMERALS.index(ch) - (ch != "〇")) for ch in t.group(1))
        # Not a year that repeats its first pair (二〇二〇): that is how the numeral reading loops
        # where 二〇二二 or 二〇二一 was said; it wrote 二〇二〇 for 2022 on heldout20 and heldout23.
        looped = heard[:2] == heard[2:]
        if sum(x != y for x, y in zip(m.group(1), heard)) == 1 and heard.startswith(("19", "20")) and not looped:
            out.append((m.start(), m.end(), heard, "year (read again in Chinese numerals, Whisper doubted it)"))
    return out
