"""她 for a woman of the case, 他 for a man: Whisper writes the pronoun it cannot hear.

他 and 她 are one syllable (ta); base writes 他 nearly always, and a court record writes 她 for a
woman. On heldout24-45 that was the transcript's most frequent error: 107 of its ~3,700 wrong
characters, one in every three sentences about a woman (round 34).

The sentence says who is meant where it starts with a person of the case, after her role word or
not ("证人揭晓燕是原告的子女，他说…", "原告幸丽萍诉称，他在…"): a 他 that starts a later clause,
before anyone else of the case is named, is that person. Whether the person is a woman is read from
her given name: a character mostly given to girls and none mostly given to boys (`FEMININE`,
`MASCULINE`: general Chinese naming practice, not drawn from any test). A name with neither, or
both (海燕, 春生, 建华), says nothing, and the pronoun stays as heard; so does one that does not
start a clause ("让他停工", "转给他": whoever the object is) and 他们, 他人.

A party's sex is in the case file, and the clerk enters it in the case register (`sexes`, by name):
where the register says, that decides; the given name is read only for someone it says nothing of
(a witness added without it, an older case). By replay of heldout1-47 (benchmarks/README-asr.md, round 34) it wrote 她
32 times and 他 twice, none wrong.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

# Characters of given names mostly given to girls, and mostly to boys. A character common to both
# (华, 英, 春, 文, 玉, 云, 佳) is in neither: it decides nothing.
FEMININE = frozenset("丽梅娟芳萍燕霞莉婷娜琳翠凤菊兰芬珍秀玲静雪慧敏红艳琴莲娥妹淑婉倩媛妍瑶蓉薇颖洁晶桂香花彩丹虹悦怡岚琪莹娇姣妮娅姿嫦黛蕾茜"
                     "彤雯菲璐萱婧露琼姗婕馨蓓瑾")
MASCULINE = frozenset("强刚伟军国建明海涛峰勇斌杰林波宏亮平辉东生福德龙鹏飞兵磊超永志新山贵发忠成坤宇振庆俊栋胜森才顺宝荣彬锋浩鑫雄兴旺武虎豪民")

# The roles a person of the case is named after at the start of a sentence.
_ROLES = ("原告", "被告人", "被告", "被害人", "证人", "第三人", "上诉人", "被上诉人", "申请人", "被申请人",
          "审判长", "审判员", "陪审员", "书记员", "公诉人", "代理人", "辩护人", "鉴定人")
# A clause starts after a pause mark, a statement, or a date or time of day said before the subject
# with no pause ("诉称2024年11月28日他向被告…", "上午他在…"; round 36).
_CLAUSE_START = r"(?:(?<=[，。；：,;:])|(?<=诉称)|(?<=辩称)|(?<=辩解)|(?<=[0-9][日月年])|(?<=上午|下午|晚上|中午|早上))"


def womans_name(name: str) -> bool | None:
    """Whether a person's full name (surname first) is a woman's by its given name; None where
    the given name does not say: "幸丽萍" True, "栾志强" False, "芮小雨" None."""
    given = name[1:]
    feminine, masculine = any(ch in FEMININE for ch in given), any(ch in MASCULINE for ch in given)
    return None if feminine == masculine else feminine


# Words after which a segment's pronoun need no longer be the last segment's subject: a role, or a
# question or an order put to someone.
_CARRY_ENDS = "|".join((*_ROLES, "询问", "问", "要求", "告知", "让", "叫", "员工"))


def _subject(text: str, alternatives: str) -> re.Match[str] | None:
    """The person of the case `text` starts with, after her role word or not (group 1)."""
    return re.match(rf"[，。、,]?(?:(?:{'|'.join(_ROLES)})[，、,]?)?({alternatives})", text)


def _sole_subject(previous: str, alternatives: str) -> str | None:
    """The person `previous` starts with, where no one else of the case is named after her: the one a
    pronoun starting the next segment of the same speaker means."""
    subject = _subject(previous, alternatives)
    if subject is None or re.search(alternatives, previous[subject.end() :].replace(subject.group(1), "")):
        return None
    return subject.group(1)


def pronoun_edits(text: str, names: Iterable[str], previous: str = "",
                  sexes: Mapping[str, str] | None = None) -> list[tuple[int, int, str, str, bool]]:
    """(start, end, new, old, registered) for each clause-starting 他 or 她 of `text` that its subject,
    a person of the case named where the text starts, says otherwise; `registered`: her sex is the
    register's (`sexes`: "female" or "male" by name), not read from her given name. `names`: the case's people.
    `previous`: the speaker's segment before this one. Where `text` starts with no person of the case,
    its subject is the one `previous` started with and named alone: Whisper ends a segment where it
    writes a full stop, and "证人牛春燕是当晚赶到现场的拖车司机。" then "他说车辆熄火以后" are one
    sentence said, as are "原告芮红梅诉称" and "2025年3月17日上午，他在…" (round 36)."""
    people = sorted({n for n in names if 2 <= len(n) <= 3}, key=len, reverse=True)
    if not people:
        return []
    alternatives = "|".join(map(re.escape, people))
    subject = _subject(text, alternatives)
    if subject is not None:
        person, after = subject.group(1), subject.end()
    elif carried := _sole_subject(previous, alternatives):
        person, after = carried, 0  # a segment that names no one first goes on with the one before
    else:
        return []
    registered = (sexes or {}).get(person) in ("female", "male")
    woman = (sexes or {}).get(person) == "female" if registered else womans_name(person)
    if woman is None:
        return []
    said = "她" if woman else "他"
    out = []
    for m in re.finditer(rf"(?:^|{_CLAUSE_START})([他她])(?![们人])", text):
        if m.start(1) < after:
            continue
        if re.search(alternatives, text[after : m.start()].replace(person, "")):
            break  # someone else of the case is named in between: the pronoun may be theirs
        if subject is None and re.search(_CARRY_ENDS, text[: m.start()]):
            break  # the segment turns to someone (a role, a question): "并询问原告：他开的…" (round 37)
        if m.group(1) != said:
            out.append((m.start(1), m.end(1), said, m.group(1), registered))
    return out
