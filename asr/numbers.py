"""Numbers in the record: Chinese numerals and Arabic digits, one convention.

Whisper writes the same spoken number either way ("五万元" or "5万元", "二零二三年" or
"2023年"). The record follows the convention of court documents (the Supreme People's
Court's style rules for judgments, after GB/T 15835 on numerals in publications):

- amounts of money, calendar years and dates, and percentages in Arabic digits:
  "5万元", "120万元", "12000元", "4500元", "2023年3月", "12%";
  an amount that is a whole number of 万 (亿) keeps the unit, as judgments write it;
- everything else as spoken: terms of imprisonment ("有期徒刑一年六个月"), grades
  ("十级伤残"), ordinals and set phrases ("第一", "统一", "一审") stay in characters.

A court may instead write every amount and date in Chinese numerals, as many judgments
do ("人民币八万元", "二〇二二年三月十日"): `NUMBER_STYLES`, chosen per court
(Settings / `courtroom transcribe --numbers`), applied the same way in the live and the
offline path. Article numbers of laws are Chinese numerals in both ("第六百七十九条").

For scoring (`canonical_numbers`) every numeral run on both sides becomes its value in
digits, so the character error rate measures recognition, not notation.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_UNIT = {"十": 10, "百": 100, "千": 1000}
_BIG_UNIT = {"万": 10_000, "亿": 100_000_000}
NUMERAL_CHARS = "".join(_DIGIT) + "".join(_SMALL_UNIT) + "".join(_BIG_UNIT)
# Each numeral of one to ten by its toneless syllable: what a character read exactly so may have been.
NUMERAL_SYLLABLES = {"yi": "一", "er": "二", "san": "三", "si": "四", "wu": "五", "liu": "六", "qi": "七", "ba": "八",
                     "jiu": "九", "shi": "十"}
# A spoken number: Chinese numerals, possibly mixed with Arabic digits ("1万2千").
# A fraction: digits after a point, or numerals read digit by digit after 点 ("二千六百四十点五").
_FRACTION = r"(?:\.[0-9]+|点[0-9零〇一二两三四五六七八九]+)"
_RUN = rf"[0-9{NUMERAL_CHARS}]+{_FRACTION}?[{NUMERAL_CHARS}]*"
_NUMBER_RUN = re.compile(_RUN)


# A unit Whisper left out before 零, the digit before it kept: "二〇八十五元" for 二千零八十五元,
# "二〇三百六十元" for 二万零三百六十元, "四万二〇九十元" for 四万二千零九十元 (round 33, seen on
# heldout31, heldout33, heldout35, heldout39, heldout40 and heldout45, each time in one of these two
# forms). 零 skips a place, so before tens the lost unit is 千 and before hundreds 万: the nearest
# the 零 allows. Read digit by digit the run was a wrong number ("二〇八十五" gave 85).
_LOST_UNIT_BEFORE_ZERO = re.compile(r"(?:^|(?<=[万亿]))([一二两三四五六七八九])[〇零](?=[一二三四五六七八九]([十百]))")


def _lost_unit_restored(text: str) -> str:
    """`text` with a unit left out before 零 put back: "二〇八十五" -> "二千零八十五"."""
    def restored(m: re.Match[str]) -> str:
        if m.group(2) == "百" and m.start() > 0:
            return m.group(0)  # 万 after 万 is no number: left as heard
        return m.group(1) + ("千" if m.group(2) == "十" else "万") + "零"
    return _LOST_UNIT_BEFORE_ZERO.sub(restored, text)


def parse_number(text: str) -> float | None:
    """Value of a spoken number: "一百二十万" -> 1200000, "一万二千" -> 12000,
    "二零二三" -> 2023 (digit by digit), "5万" -> 50000, "1.5万" -> 15000, "十二" -> 12,
    "二〇八十五" -> 2085 (a unit lost before 零). None when `text` is not a number (e.g. "万" alone)."""
    if not text:
        return None
    text = _lost_unit_restored(text)
    if "点" in text:  # "二千六百四十点五" -> 2640.5, "三点五万" -> 35000
        head, _, tail = text.partition("点")
        frac = re.fullmatch(r"([0-9零〇一二两三四五六七八九]+)([万亿]?)", tail)
        whole = parse_number(head) if frac else None
        if frac is None or whole is None or whole != int(whole):
            return None
        value = whole + float("0." + "".join(str(_DIGIT[ch]) if ch in _DIGIT else ch for ch in frac.group(1)))
        return value * _BIG_UNIT[frac.group(2)] if frac.group(2) else value
    if re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", text):
        return float(text)
    if all(ch in _DIGIT or ch.isdigit() for ch in text):  # "二零二三": read digit by digit
        return float("".join(str(_DIGIT[ch]) if ch in _DIGIT else ch for ch in text))
    total = 0.0  # completed big-unit groups
    group = 0.0  # the current group below 万
    number: float | None = None  # the digit(s) waiting for a unit
    i = 0
    seen_digit = False
    while i < len(text):
        ch = text[i]
        m = re.match(r"[0-9]+(?:\.[0-9]+)?", text[i:])
        if m:
            number = float(m.group(0))
            i += len(m.group(0))
            seen_digit = True
            continue
        if ch in _DIGIT:
            number = float(_DIGIT[ch])
            seen_digit = True
        elif ch in _SMALL_UNIT:
            group += (1.0 if number is None else number) * _SMALL_UNIT[ch]
            number = None
        elif ch in _BIG_UNIT:
            if number is None and group == 0 and total == 0:
                return None  # "万" alone
            group += number or 0.0
            total = (total + group) * _BIG_UNIT[ch] if _BIG_UNIT[ch] > 10_000 else total + group * _BIG_UNIT[ch]
            group, number = 0.0, None
        else:
            return None
        i += 1
    if not seen_digit and group == 0 and total == 0:
        return None
    if number is not None:
        # "一万二" means 12000: a trailing digit after a unit is one step below it.
        last_unit = next((text[j] for j in range(len(text) - 2, -1, -1) if text[j] in _SMALL_UNIT or text[j] in _BIG_UNIT), None)
        if last_unit is not None and text[-2] == last_unit and text[-1] in _DIGIT:
            step = (_SMALL_UNIT.get(last_unit) or _BIG_UNIT[last_unit]) // 10
            number *= max(step, 1)
        group += number
    return total + group


def _digits(value: float) -> str:
    # Not "%g": it writes 1374628.4 as 1.37463e+06. A court's amounts have at most a few decimals.
    return str(int(value)) if value == int(value) else f"{value:.6f}".rstrip("0").rstrip(".")


def format_amount(value: float) -> str:
    """Arabic digits, keeping 万/亿 for whole multiples: 50000 -> "5万", 1200000 ->
    "120万", 12000 -> "12000", 4500 -> "4500"."""
    for unit, size in (("亿", 100_000_000), ("万", 10_000)):
        if value >= size and (value / size) == int(value / size):
            return f"{int(value / size)}{unit}"
    return _digits(value)


# An amount starts with a digit or 十: "上千七万七千元" (尚欠 heard as 上千, heldout6) is "上千" and
# 77000, not 10077000; no amount is said starting with 百, 千 or 万 ("上千", "数百万元" are words).
# Nor inside a run of digits.
_AMOUNT = re.compile(rf"(?<![0-9])([0-9零〇一二两三四五六七八九十][0-9{NUMERAL_CHARS}]*{_FRACTION}?[{NUMERAL_CHARS}]*)(?=(?:多)?元|块钱)")
_YEAR = re.compile(rf"(?<![0-9{NUMERAL_CHARS}])([0-9零〇一二三四五六七八九]{{4}})年")
_MONTH_DAY = re.compile(rf"(?<=[0-9零〇一二三四五六七八九]年)([{NUMERAL_CHARS}0-9]{{1,3}})月(?:([{NUMERAL_CHARS}0-9]{{1,3}})[日号])?")
_PERCENT = re.compile(rf"百分之({_RUN})")
# An amount Whisper wrote in Chinese 万 groups: "6，3000元" for 六万三千元, "15，6000元" for
# 十五万六千元. Chinese numbers group by four digits (万), and Whisper sometimes marks the
# 万 with a comma; a thousands separator groups by three ("63,000元"), so exactly four
# digits after the mark tell them apart. Guards: directly before a currency unit (元,
# 万元, 美元, 块钱, with 多 between allowed); the leading group 1-3 digits (up to 999万;
# "1000，2000元" reads as a list), no leading 0, not after a digit, a decimal point, a
# numeral, a list mark or another group ("100，2000，3000元" is a list), nor after 第 (an
# article or an ordinal).
CURRENCY = "(?:多)?(?:元|美元|欧元|港元|港币|日元|英镑|块钱?)"
# The mark may also be a full stop: "3。0600元" for 三万零六百元 (round 9, heldout7 Z10, inside one
# utterance). A full stop never stands inside a number; a decimal point may ("7.2500元", a unit
# price), so it is not read so.
_WAN_GROUPED = re.compile(
    rf"(?<![0-9.,，、．。第{NUMERAL_CHARS}])([1-9][0-9]{{0,2}})[，,。]([0-9]{{4}})(?![0-9])([万亿]?)(?={CURRENCY})"
)
# An amount with thousands separators ("63,000元", "1,250,000元"): its value, not the
# digits after the last separator (which _AMOUNT alone would take for the amount). The
# leading group may have four digits: base writes 七百二十四万六千元 as "7246,000元" (round 23,
# heldout25), one separator short; three-digit groups after it are no 万 group and no list.
_THOUSANDS = re.compile(
    rf"(?<![0-9.,，、．第{NUMERAL_CHARS}])([1-9][0-9]{{0,3}}(?:[,，][0-9]{{3}})+)(?![0-9])([万亿]?)(?={CURRENCY})"
)


# Digits in groups of three with thousands separators, wherever they stand.
_GROUPED_DIGITS = re.compile(r"(?<![0-9.,，])[1-9][0-9]{0,2}(?:[,，][0-9]{3})+(?![0-9])")


def wan_grouped_value(m: re.Match[str]) -> float:
    """Value of a _WAN_GROUPED match: "15，6000" -> 156000; "6，3000万" -> 630000000."""
    value = float(int(m.group(1)) * 10_000 + int(m.group(2)))
    return value * (_BIG_UNIT[m.group(3)] if m.group(3) else 1)


def _amount(m: re.Match) -> str:
    run = m.group(1)
    value = parse_number(run)
    if value is None:
        return run
    return format_amount(value)


def _thousands_value(m: re.Match[str]) -> float:
    value = float(re.sub("[,，]", "", m.group(1)))
    return value * (_BIG_UNIT[m.group(2)] if m.group(2) else 1)


def _thousands(m: re.Match) -> str:
    return format_amount(_thousands_value(m))


def _thousands_chinese(m: re.Match) -> str:
    return chinese_numeral(int(_thousands_value(m)))


def _wan_grouped(m: re.Match) -> str:
    return format_amount(wan_grouped_value(m))


def _wan_grouped_chinese(m: re.Match) -> str:
    return chinese_numeral(int(wan_grouped_value(m)))


def _month_day(m: re.Match) -> str:
    month = parse_number(m.group(1))
    if month is None or not 1 <= month <= 12:
        return m.group(0)
    out = f"{_digits(month)}月"
    if m.group(2):
        day = parse_number(m.group(2))
        if day is None or not 1 <= day <= 31:
            return m.group(0)
        out += f"{_digits(day)}{m.group(0)[-1]}"
    return out


# A court states rates and shares: "百分之十二亿" is a sound after the rate heard as 亿 (seen
# on the tune half: written 1200000000 %), never a rate. Such a run is left as heard.
_PERCENT_MAX = 10_000


def _percent(m: re.Match) -> str:
    value = parse_number(m.group(1))
    return m.group(0) if value is None or value >= _PERCENT_MAX else f"{_digits(value)}%"


NUMBER_STYLES = ("arabic", "chinese")
_CN_DIGITS = "零一二三四五六七八九"


def chinese_numeral(value: int) -> str:
    """An integer as it is read: 8 -> 八, 15 -> 十五, 120 -> 一百二十, 1005 -> 一千零五,
    63000 -> 六万三千, 1200000 -> 一百二十万, 150000000 -> 一亿五千万."""
    if value == 0:
        return "零"

    def below_10000(n: int, leading: bool) -> str:
        out, zero = "", False
        for size, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d, n = divmod(n, size)
            if d:
                if zero:
                    out += "零"
                    zero = False
                out += ("" if (unit == "十" and d == 1 and not out and leading) else _CN_DIGITS[d]) + unit
            elif out:
                zero = True
        return out

    parts: list[str] = []
    first = True
    for size, unit in ((100_000_000, "亿"), (10_000, "万"), (1, "")):
        d, value = divmod(value, size)
        if d:
            if parts and d < 1000:  # a group with a leading zero: 十万零一十
                parts.append("零")
            parts.append(below_10000(d, first) + unit)
            first = False
    return "".join(parts)


def _year_chinese(value: float) -> str:
    return "".join("〇" if c == "0" else _CN_DIGITS[int(c)] for c in str(int(value)))


# A year Whisper wrote with three digits, one of a repeated pair dropped: "二〇四年" for
# 二〇二四年, "二〇二年" for 二〇二二年 (round 9). No year a hearing speaks of has three digits.
# Only digit-by-digit numerals, the way years alone are spoken ("205年" may be a count).
SHORT_YEAR = re.compile(r"(?<![第0-9零〇一二两三四五六七八九十百千万亿])(二[〇零][零〇一二三四五六七八九])(?=年)")


# A year of two digits in a full date, the century dropped ("于25年2月14日": 二零二五年 said, 二零
# lost; round 26, seen on heldout31; judged on heldout32-33). A court writes the whole year. Only
# before a month's number and 月: "工作了15年3个月" is a duration.
TWO_DIGIT_YEAR = re.compile(r"(?<![第0-9.,，零〇一二两三四五六七八九十百千万亿])([0-9]{2})(?=年(?:[1-9]|1[0-2])月)")


def whole_year(two_digits: str, this_year: int) -> int:
    """The most recent year, no later than next year (a time limit may run into it), that
    ends in `two_digits`: "25" -> 2025, "98" -> 1998 (in 2026)."""
    latest = this_year + 1
    return latest - (latest - int(two_digits)) % 100


# A year of five digits in a full date, one digit of a pair written twice ("20024年5月21日":
# 二零二四 said; round 28, seen on heldout35; judged on heldout36-37). No year has five digits,
# and nothing else of five digits stands before a month's number and 月.
LONG_YEAR = re.compile(
    r"(?<![0-9.,，零〇一二两三四五六七八九十百千万亿])([0-9]{5}|[〇零一二三四五六七八九]{5})"
    r"(?=年(?:[1-9]|1[0-2]|[一二三四五六七八九]|十[一二]?)月)"
)


def shortened_year(five: str, this_year: int) -> int | None:
    """The year a five-digit LONG_YEAR was with one of a doubled pair of digits dropped, if
    that gives one year a hearing speaks of (1949 to next year): "20024" -> 2024."""
    digits = _as_digits(five)
    years = {int(digits[:i] + digits[i + 1 :]) for i in range(1, len(digits)) if digits[i] == digits[i - 1]}
    fitting = [y for y in years if 1949 <= y <= this_year + 1]
    return fitting[0] if len(fitting) == 1 else None


def _as_digits(numerals: str) -> str:
    """Digit-by-digit numerals as Arabic digits ("二〇二四" -> "2024"); digits stay."""
    return "".join(str(_DIGIT[ch]) if ch in _DIGIT else ch for ch in numerals)


# 于 (yu) heard as 一 (yi) right before a year: "双方一二零二五年三月十日前" is 于二〇二五年 (round 13,
# seen on the earlier sets; judged on benchmarks/heldout14). A five-digit "year" that is 1 and a
# year a hearing speaks of, right after a word, not after a numeral: the 1 is the preposition.
PREPOSITION_YEAR = re.compile(
    rf"(?<=[\u4e00-\u9fff])(?<![第{NUMERAL_CHARS}])"
    r"([一1])((?:二[〇零]|一九)[零〇一二三四五六七八九]{2}|(?:20|19)[0-9]{2})(?=年)"
)


def year_spoken_of(digits: str, this_year: int) -> int | None:
    """The year that digit-by-digit `digits` read ("二〇二五", "2025"), if it is one a hearing speaks
    of (1949 to next year): PREPOSITION_YEAR's second group, a year after 是 heard twice."""
    year = int(_as_digits(digits))
    return year if 1949 <= year <= this_year + 1 else None


def repaired_year(short: str, this_year: int) -> int | None:
    """The year a three-digit SHORT_YEAR most likely was: one of its digits written twice
    (a repeated digit is the one a recogniser drops), no later than `this_year`, the most
    recent of those (hearings speak of recent years). "二〇四" -> 2024 (not 2004),
    "二〇二" -> 2022 (not 2020 or 2002)."""
    digits = _as_digits(short)
    candidates = {int(digits[:i] + d + digits[i:]) for i in range(len(digits) + 1) for d in set(digits)}
    fitting = [y for y in candidates if 2000 <= y <= this_year]
    return max(fitting) if fitting else None


def format_year(year: int, style: str = "arabic") -> str:
    """A year's digits in a number style (without 年): 2024 -> "2024" or "二〇二四"."""
    return str(year) if style == "arabic" else _year_chinese(year)


def chinese_amount(value: float) -> str:
    """An amount in Chinese numerals, its fraction kept: 20580.5 -> "二万零五百八十点五"."""
    if value == int(value):
        return chinese_numeral(int(value))
    fraction = format_amount(value).partition(".")[2]
    return chinese_numeral(int(value)) + "点" + "".join(_CN_DIGITS[int(d)] for d in fraction)


def _amount_chinese(m: re.Match) -> str:
    value = parse_number(m.group(1))
    return m.group(1) if value is None else chinese_amount(value)


def _month_day_chinese(m: re.Match) -> str:
    month = parse_number(m.group(1))
    if month is None or not 1 <= month <= 12 or month != int(month):
        return m.group(0)
    out = f"{chinese_numeral(int(month))}月"
    if m.group(2):
        day = parse_number(m.group(2))
        if day is None or not 1 <= day <= 31 or day != int(day):
            return m.group(0)
        out += f"{chinese_numeral(int(day))}{m.group(0)[-1]}"
    return out


_ARTICLE = re.compile(r"第([0-9]+)(条|款|项)")


def _article(m: re.Match) -> str:
    return f"第{chinese_numeral(int(m.group(1)))}{m.group(2)}"


def record_numbers(text: str, style: str = "arabic") -> str:
    """Amounts, dates and percentages as court records write them (`style`: NUMBER_STYLES)."""
    return "".join(_pieces(text, record_number_edits(text, style)))


def record_number_edits(text: str, style: str = "arabic") -> list[tuple[int, int, str]]:
    """The edits record_numbers makes, as (start, end, replacement) on `text`, in order
    and not overlapping (so word timings can follow them)."""
    if style not in NUMBER_STYLES:
        raise ValueError(f"unknown number style {style!r} (one of {', '.join(NUMBER_STYLES)})")
    edits = _rule_edits(text, style)
    arabic = edits if style == "arabic" else _rule_edits(text, "arabic")
    return _wan_grouped_after_rewrites(text, edits, arabic, style)


def _wan_grouped_after_rewrites(text: str, edits: list[tuple[int, int, str]], arabic: list[tuple[int, int, str]],
                                style: str) -> list[tuple[int, int, str]]:
    """A 万 group whose four digits a rewrite made: "24。8千元" (二十四万八千元, heldout5 V,
    one utterance) is "24。8000元" only once "8千" is written out, and only then does the
    group read as one amount. Found on the text as the Arabic rules leave it, mapped back
    to `text`, and put in place of the edits it covers."""
    if not arabic:
        return edits
    fixed = "".join(_pieces(text, arabic))
    fn = _wan_grouped if style == "arabic" else _wan_grouped_chinese
    for m in _WAN_GROUPED.finditer(fixed):
        a, b = _original_offset(arabic, m.start()), _original_offset(arabic, m.end())
        if a is None or b is None or not any(a <= x < b for x, _, _ in arabic):
            continue  # inside a rewrite, or made of no rewrite (the rules saw it already)
        if any(x < a < y or x < b < y for x, y, _ in edits):
            continue
        edits = sorted([e for e in edits if not (a <= e[0] and e[1] <= b)] + [(a, b, fn(m))])
    return edits


def _pieces(text: str, edits: list[tuple[int, int, str]]) -> list[str]:
    """`text` with `edits` (in order, not overlapping) applied, as pieces to join."""
    out, pos = [], 0
    for a, b, new in edits:
        out += [text[pos:a], new]
        pos = b
    return out + [text[pos:]]


def _original_offset(edits: list[tuple[int, int, str]], pos: int) -> int | None:
    """Where offset `pos` of the edited text lies in the original; None inside a rewrite."""
    shift = 0
    for a, b, new in edits:
        start, end = a + shift, a + shift + len(new)
        if pos <= start:
            return pos - shift
        if pos < end:
            return None
        shift += len(new) - (b - a)
    return pos - shift


# A full stop Whisper wrote for a decimal point: "合计37640。8元" (三万七千六百四十点八元), "116。4平方米",
# "税款83,614。16元" (round 29, seen on heldout24-35). One or two digits after it before a unit of money or measure;
# four are a 万 group (_WAN_GROUPED), and no sentence ends inside an amount. The point may be one
# already: "87,036.5元", where the corrector read Whisper's "87。036。5元" (round 30), is 87036.5 too.
_STOP_AS_POINT = re.compile(
    rf"(?<![0-9.,，。{NUMERAL_CHARS}])([0-9]{{1,3}}(?:[,，][0-9]{{3}})+|[0-9]{{1,9}})[。.]([0-9]{{1,2}})(?=元|平方米|公斤|千克|吨|米|%)"
)


def _stop_as_point(m: re.Match) -> str:
    return f"{re.sub('[,，]', '', m.group(1))}.{m.group(2)}"


def _stop_as_point_chinese(m: re.Match) -> str:
    return chinese_numeral(int(re.sub("[,，]", "", m.group(1)))) + "点" + "".join(_CN_DIGITS[int(d)] for d in m.group(2))


def _rule_edits(text: str, style: str) -> list[tuple[int, int, str]]:
    edits: list[tuple[int, int, str]] = []
    rules: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str] | None], ...]
    if style == "arabic":
        rules = ((_ARTICLE, _article), (_PERCENT, _percent), (_YEAR, None), (_MONTH_DAY, _month_day),
                 (_STOP_AS_POINT, _stop_as_point), (_WAN_GROUPED, _wan_grouped), (_THOUSANDS, _thousands), (_AMOUNT, _amount))
    else:
        rules = ((_ARTICLE, _article), (_YEAR, None), (_MONTH_DAY, _month_day_chinese), (_STOP_AS_POINT, _stop_as_point_chinese),
                 (_WAN_GROUPED, _wan_grouped_chinese), (_THOUSANDS, _thousands_chinese), (_AMOUNT, _amount_chinese))
    for pattern, fn in rules:
        for m in pattern.finditer(text):
            if any(not (m.end() <= a or m.start() >= b) for a, b, _ in edits):
                continue
            if pattern is _AMOUNT and m.group(1).isdigit() and re.search(r"[0-9][,，]$", text[: m.start()]):
                continue  # digits after a separator are no amount alone: "7246,000元" is no 0 yuan (round 23)
            if fn is None:
                value = parse_number(m.group(1))
                if not value:
                    continue
                new = f"{format_year(int(value), style)}年"
            else:
                new = fn(m)
            if new != m.group(0):
                # Amounts match their digits only (the unit follows): replace that run alone.
                end = m.end(1) if pattern is _AMOUNT else m.end()
                edits.append((m.start(), end, new))
    return sorted(edits)


def canonical_numbers(text: str) -> str:
    """Every spoken number as its value in digits ("百分之十二" -> "12", "五万" and "5万"
    -> "50000", "二零二三" -> "2023"): for scoring only, applied to both sides."""
    text = _PERCENT.sub(lambda m: m.group(1), text)
    # "35,000" is one number (its value, 35000), not 35 and 000.
    text = _GROUPED_DIGITS.sub(lambda m: re.sub("[,，]", "", m.group(0)), text)

    def one(m: re.Match) -> str:
        value = parse_number(m.group(0))
        if "点" in m.group(0) and (value is None or m.string[m.end() : m.end() + 1] == "分"):
            # A time, "三点五十分", "十点零五分": each side of 点 alone, as before fractions were read.
            return "点".join(_digits(v) if (v := parse_number(part)) is not None else part for part in m.group(0).split("点"))
        return m.group(0) if value is None else _digits(value)

    return _NUMBER_RUN.sub(one, text)


# A text whose last word is a number with nothing after it ("...工程款24。", "...二十四"):
# Arabic digits, or a run of two or more numerals ("二十四", "32万"; one Chinese numeral alone
# is mostly part of a word: 统一, 第一).
_BARE_NUMBER_END = re.compile(rf"(?:[0-9{NUMERAL_CHARS}]{{2,}}|[0-9])[\s。，,.：:；;！!？?]*$")


def ends_in_bare_number(text: str) -> bool:
    """Whether `text` ends in a number with no unit or word after it: what Whisper writes
    when a pause inside a number ("二十四万 | 八千元") ended the utterance there. (Not an
    amount in 元: base writes "32万元" for a cut 三十二万 | 六千元 too, but read together
    the two still come out as two amounts, "32万元，6000元", measured.)"""
    return bool(_BARE_NUMBER_END.search(text))
