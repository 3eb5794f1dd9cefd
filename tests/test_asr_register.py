"""What the case register tells the recogniser (issue 16, round 38): the clerk's key words from the
filings (hotwords, and correction terms gated like general ones, never read as people) and each
person's sex (the pronoun 他/她 as registered, the given name read only for someone unregistered)."""

from __future__ import annotations

import argparse

import pytest

from asr.cli import add_transcribe_arguments, case_register
from asr.context import HearingContext
from asr.lexicon import key_terms
from tests.test_asr_words import words

CASE = ("（2025）皖1102民初9013号", "买卖合同纠纷")


def corrected(context: HearingContext, text: str, p: float = 0.3) -> tuple[str, list]:
    out, fixes = context.corrector().correct_words_logged(words(text, p))[:2]
    return "".join(w.word for w in out), fixes


def test_a_key_word_heard_by_its_sound_is_written_as_registered():
    context = HearingContext(*CASE, ["蔺海燕"], key_terms=["鸭苗", "可视门铃", "布偶猫"])
    text, fixes = corrected(context, "原告买的压苗三天就死了一半。")
    assert text == "原告买的鸭苗三天就死了一半。"
    assert [(f.original, f.corrected) for f in fixes] == [("压苗", "鸭苗")] and fixes[0].why.startswith("case key word")
    assert corrected(context, "被告在门口装了一个可视门领。")[0] == "被告在门口装了一个可视门铃。"
    # A key word of three characters or more heard with its very sound is no negation: 不偶猫 is 布偶猫.
    assert corrected(context, "她把不偶猫送到店里。")[0] == "她把布偶猫送到店里。"


def test_a_key_word_never_replaces_a_common_word_or_a_negation():
    context = HearingContext(*CASE, ["蔺海燕"], key_terms=["驾校", "补交", "鸭苗"])
    for said in ("他假笑了一下。", "冬天他不焦地。", "他们押了苗。", "原告在驾校学车。"):
        assert corrected(context, said) == (said, []), said


def test_key_words_are_no_people():
    # A key word of two or three characters where a sentence starts is no subject for 他/她, and no name.
    context = HearingContext(*CASE, ["蔺海燕"], key_terms=["鸭苗", "孵化场"])
    corrector = context.corrector()
    assert "鸭苗" not in corrector._people() and "孵化场" not in corrector._people()
    assert corrected(context, "孵化场说，她没有发货。", 0.9)[1] == []


def test_key_words_with_latin_letters_or_digits_are_left_to_the_hotwords():
    assert key_terms(["APP", "5G基站", "鸭苗", "鸭苗", " 饲料 ", "鸭"]) == ["鸭苗", "饲料"]
    context = HearingContext(*CASE, ["蔺海燕"], key_terms=["APP", "鸭苗"])
    assert context.prompting().hotwords == "蔺海燕、APP、鸭苗"


def test_the_register_s_sex_decides_the_pronoun():
    people = ["蔺海燕", "李娜", "裴春生"]
    unregistered = HearingContext(*CASE, people)
    registered = HearingContext(*CASE, people, sexes={"蔺海燕": "female", "李娜": "male"})
    # 海燕 says nothing by itself: only the register writes 她.
    said = "原告蔺海燕诉称，他在网上下单。"
    assert corrected(unregistered, said, 0.9) == (said, [])
    text, fixes = corrected(registered, said, 0.9)
    assert text == "原告蔺海燕诉称，她在网上下单。" and "as the register records" in fixes[0].why
    # The register wins over a given name that reads otherwise.
    assert corrected(unregistered, "被告李娜辩称，他没有收到货。", 0.9)[0] == "被告李娜辩称，她没有收到货。"
    assert corrected(registered, "被告李娜辩称，她没有收到货。", 0.9)[0] == "被告李娜辩称，他没有收到货。"


def test_the_register_changed_mid_hearing_is_used_from_the_next_segment():
    context = HearingContext(*CASE, ["蔺海燕"])
    assert corrected(context, "原告买的压苗死了。")[0] == "原告买的压苗死了。"
    assert context.set_register(["鸭苗"], {"蔺海燕": "female"})
    assert not context.set_register(["鸭苗"], {"蔺海燕": "female"})  # the same again changes nothing
    assert corrected(context, "原告买的压苗死了。")[0] == "原告买的鸭苗死了。"
    assert "鸭苗" in context.prompting().hotwords
    # A word the clerk removes is gone from the next segment too.
    assert context.set_register([], {})
    assert corrected(context, "原告买的压苗死了。")[0] == "原告买的压苗死了。"
    assert "鸭苗" not in (context.prompting().hotwords or "") and context.sexes == {}


def test_a_registered_name_of_four_characters_is_a_subject_too():
    context = HearingContext("（2025）湘0481刑初1号", "妨害安全驾驶罪", ["司马桂香"], sexes={"司马桂香": "female"},
                             roles={"司马桂香": "defendant"})
    assert corrected(context, "被告人司马桂香表示认罪认罚，他说那天急着去接孙子。", 0.9)[0] == \
        "被告人司马桂香表示认罪认罚，她说那天急着去接孙子。"


def test_a_role_word_alone_is_the_one_party_the_register_gives_that_role():
    people = ["蔺海燕", "宿州禽业有限公司", "裴春生"]
    roles = {"蔺海燕": "plaintiff", "宿州禽业有限公司": "defendant", "裴春生": "witness"}
    context = HearingContext(*CASE, people, sexes={"蔺海燕": "female", "裴春生": "male"}, roles=roles)
    assert corrected(context, "原告还说，他并没有收到那批鸭苗。", 0.9)[0] == "原告还说，她并没有收到那批鸭苗。"
    assert corrected(context, "证人说，她当时就在场。", 0.9)[0] == "证人说，他当时就在场。"
    # Someone else: the plaintiff's agent, or what is the plaintiff's.
    for said in ("原告代理人说，他已经提交了证据。", "原告的代理人说，他已经提交了证据。", "原告方说，他没有收到。"):
        assert corrected(context, said, 0.9) == (said, []), said
    # The defendant is a company: no 他 or 她 of its own.
    assert corrected(context, "被告辩称，她已经发货。", 0.9)[1] == []
    # Two plaintiffs: the role word says no one.
    two = HearingContext(*CASE, [*people, "蔺春生"], sexes={"蔺海燕": "female", "蔺春生": "male"},
                         roles={**roles, "蔺春生": "plaintiff"})
    assert corrected(two, "原告还说，他并没有收到那批鸭苗。", 0.9)[1] == []


def test_a_statement_goes_on_across_a_segment_that_names_no_one():
    context = HearingContext(*CASE, ["佟雅丽", "宫振宇"], sexes={"佟雅丽": "female", "宫振宇": "male"})
    corrector = context.corrector()
    opened, between = "原告佟雅丽诉称，她到被告店里烫发。", "先办了一张储值卡，当天就扣了六百八十元。"
    said = "烫发前后用了将近四个小时，他中间几次说头皮发烫。"
    assert corrector.correct(said, previous=[opened, between]) == "烫发前后用了将近四个小时，她中间几次说头皮发烫。"
    # Not past a segment that names someone else, or turns to someone.
    for other in ("被告的代理人宫振宇当时在场。", "审判员询问被告是否属实。"):
        assert corrector.correct(said, previous=[opened, other]) == said, other
    # Not from further back than the segment before the last.
    assert corrector.correct(said, previous=[between]) == said


def test_the_offline_command_takes_the_register_s_roles_and_sexes():
    """`courtroom transcribe --plaintiffs … --women …` gives a recording the register a live hearing of the
    case has: a role word alone is its one holder. A name given two roles or both sexes is refused."""
    parser = argparse.ArgumentParser()
    add_transcribe_arguments(parser)
    args = parser.parse_args(["a.flac", "--names", "裴春生", "--plaintiffs", "蔺海燕", "--defendants", "宿州禽业有限公司",
                              "--witnesses", "裴春生", "--women", "蔺海燕", "--men", "裴春生"])
    names, sexes, roles = case_register(args)
    assert sorted(names) == sorted(["蔺海燕", "宿州禽业有限公司", "裴春生"])
    assert roles == {"蔺海燕": "plaintiff", "宿州禽业有限公司": "defendant", "裴春生": "witness"}
    context = HearingContext(*CASE, names, sexes=sexes, roles=roles)
    assert corrected(context, "原告还说，他并没有收到那批鸭苗。", 0.9)[0] == "原告还说，她并没有收到那批鸭苗。"
    for bad, said in ((["--plaintiffs", "蔺海燕", "--defendants", "蔺海燕"], "蔺海燕 given two roles"),
                      (["--women", "蔺海燕", "--men", "蔺海燕,裴春生"], "蔺海燕 given as both --women and --men")):
        with pytest.raises(ValueError, match=said):
            case_register(parser.parse_args(["a.flac", *bad]))
