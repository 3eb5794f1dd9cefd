"""她 for a woman of the case (asr.pronouns): read from the sentence's subject and her given name."""

from __future__ import annotations

import pytest

from asr.correct import Corrector
from asr.lexicon import case_terms
from asr.pronouns import pronoun_edits, womans_name

PEOPLE = ("幸丽萍", "栾志强", "揭晓燕", "芮小雨", "苗海燕")


def corrected(text: str) -> tuple[str, list[str]]:
    c = Corrector.for_case(case_terms("民间借贷纠纷", PEOPLE), fuzzy=True)
    edits = c.edits(text)
    return c.correct(text), [e.why for e in edits if e.why.startswith("pronoun")]


@pytest.mark.parametrize("name, woman", [
    ("幸丽萍", True), ("揭晓燕", True), ("栾志强", False), ("邝德才", False),
    ("芮小雨", None),  # neither kind of character
    ("苗海燕", None),  # both: 海 and 燕
])
def test_a_given_name_says_a_woman_a_man_or_nothing(name, woman):
    assert womans_name(name) is woman


@pytest.mark.parametrize("heard, written", [
    ("证人揭晓燕是原告的子女，他说自己那天在场。", "证人揭晓燕是原告的子女，她说自己那天在场。"),
    ("原告幸丽萍诉称，他在被告店里买了一台冰箱。", "原告幸丽萍诉称，她在被告店里买了一台冰箱。"),
    ("原告幸丽萍诉称他在被告店里买了冰箱，他付了全款。", "原告幸丽萍诉称她在被告店里买了冰箱，她付了全款。"),
    ("证人栾志强是被告的同事，她说那天下雨。", "证人栾志强是被告的同事，他说那天下雨。"),  # a man's 她
])
def test_a_clause_starting_pronoun_is_the_subjects(heard, written):
    text, whys = corrected(heard)
    assert text == written
    assert whys and all(w.startswith("pronoun (") for w in whys)


@pytest.mark.parametrize("heard", [
    "原告幸丽萍诉称，被告让他停工。",  # not where a clause starts: whoever the object is
    "原告幸丽萍诉称，被告栾志强说，他已经还清了。",  # someone else named in between
    "证人芮小雨是原告的同学，他说房间里没有人。",  # the given name says nothing
    "证人苗海燕是原告的邻居，他说那天下雨。",
    "那天晚上，他在被告家里看到了幸丽萍。",  # no person of the case where the text starts
    "原告幸丽萍诉称，他们两人一起去了银行。",  # 他们
    "原告幸丽萍诉称，她在被告店里买了冰箱。",  # already right
])
def test_a_pronoun_stays_where_the_sentence_does_not_say_whose_it_is(heard):
    text, whys = corrected(heard)
    assert text == heard and not whys


def test_without_the_case_names_nothing_changes():
    assert pronoun_edits("证人揭晓燕是原告的子女，他说自己那天在场。", ()) == []
    assert Corrector().correct("证人揭晓燕是原告的子女，他说自己那天在场。").endswith("他说自己那天在场。")


# -- round 36: a segment that starts with the pronoun reads the speaker's segment before it --------
@pytest.mark.parametrize("previous, heard, written", [
    ("证人揭晓燕是当晚赶到现场的拖车司机。", "他说车辆熄火以后没有再打火。", "她说车辆熄火以后没有再打火。"),
    ("证人揭晓燕是被告的品检员。", "他说两批货不合格，他当时签了字。", "她说两批货不合格，她当时签了字。"),
    # someone else of the case named in the segment before: the pronoun may be theirs
    ("证人揭晓燕说栾志强当晚在场。", "他说车辆熄火了。", "他说车辆熄火了。"),
    ("", "他说车辆熄火了。", "他说车辆熄火了。"),  # no segment before
    ("这是当晚的事。", "他说车辆熄火了。", "他说车辆熄火了。"),  # no person starts it
    # the segment turns to someone else before the pronoun: a question put to a party
    ("审判员幸丽萍要求被告提交打卡记录。", "并询问原告：他开的车登记在谁的名下。", "并询问原告：他开的车登记在谁的名下。"),
    # the segment names its own subject: that one decides
    ("证人揭晓燕是被告的品检员。", "证人栾志强是司机，她说车辆熄火了。", "证人栾志强是司机，他说车辆熄火了。"),
])
def test_a_segment_starting_with_the_pronoun_takes_the_subject_before_it(previous, heard, written):
    c = Corrector.for_case(case_terms("民间借贷纠纷", PEOPLE), fuzzy=True)
    assert c.correct(heard, previous=previous) == written
    assert [a for a, *_ in pronoun_edits(heard, PEOPLE, previous)] == [i for i, (x, y) in enumerate(zip(heard, written)) if x != y]


def test_a_segment_that_opens_with_a_date_goes_on_with_the_subject_before_it():
    c = Corrector.for_case(case_terms("民间借贷纠纷", PEOPLE), fuzzy=True)
    assert c.correct("2025年3月17日上午，他在菜市场买了牛肉。", previous="原告幸丽萍诉称") == "2025年3月17日上午，她在菜市场买了牛肉。"
    # a person of the case named first in the segment: the pronoun may be theirs
    assert c.correct("栾志强说，他在菜市场。", previous="原告幸丽萍诉称") == "栾志强说，他在菜市场。"


@pytest.mark.parametrize("heard, written", [
    ("原告幸丽萍诉称2024年11月28日他向被告提出申请。", "原告幸丽萍诉称2024年11月28日她向被告提出申请。"),  # a date, no pause
    ("原告幸丽萍诉称当天上午他在店里。", "原告幸丽萍诉称当天上午她在店里。"),
])
def test_a_date_or_a_time_of_day_before_the_pronoun_opens_its_clause(heard, written):
    assert corrected(heard)[0] == written


@pytest.mark.parametrize("previous, heard, written", [
    ("原告幸丽萍诉称，她把一台缝纫机送到被告的店里修理。", "三天以后他去取缝纫机，机头还是坏的。", "三天以后她去取缝纫机，机头还是坏的。"),
    ("原告幸丽萍诉称，她把一台缝纫机送到被告的店里修理。", "后来他又打了两次电话。", "后来她又打了两次电话。"),
    # the time word inside a word, or someone else named before the pronoun: left
    ("原告幸丽萍诉称，她把一台缝纫机送到被告的店里修理。", "三天以后栾志强说他去取。", "三天以后栾志强说他去取。"),
    ("", "三天以后他去取缝纫机。", "三天以后他去取缝纫机。"),
])
def test_a_time_said_after_what_went_before_opens_the_pronoun_s_clause(previous, heard, written):
    """Round 41 (seen on heldout60-61 after their judgement): "一个星期以后他去取衣服" went on with the
    plaintiff's statement, but 以后 did not open a clause, and 他 stayed for her."""
    c = Corrector.for_case(case_terms("民间借贷纠纷", PEOPLE), fuzzy=True)
    assert c.correct(heard, previous=previous) == written


def test_a_given_name_of_round_36s_characters_says_a_woman():
    assert womans_name("聂晓彤") is True and womans_name("龚晓雯") is True


def test_the_pronoun_reads_the_sentence_with_its_role_restored():
    # 这人 before a name is 证人 (round 34); the pronoun then has its subject (round 37)
    assert corrected("这人揭晓燕当过十几年村会计，他记得那年的事。")[0] == "证人揭晓燕当过十几年村会计，她记得那年的事。"
    c = Corrector.for_case(case_terms("民间借贷纠纷", PEOPLE), fuzzy=True)
    assert c.correct("2024年5月他向被告投诉。", previous="原告幸丽萍诉称") == "2024年5月她向被告投诉。"
