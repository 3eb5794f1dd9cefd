"""asr.text and asr.prompt: no model needed."""

from asr.decoder import _fix_broken_punctuation, _is_loop, clean_words
from asr.prompt import COURT_TERMS, build_prompt
from asr.text import character_error_rate, clean_text, is_simplified, normalize_punctuation, strip_for_cer


def test_traditional_becomes_simplified():
    assert clean_text("請雙方當事人核對庭審筆錄並簽字。") == "请双方当事人核对庭审笔录并签字。"
    assert is_simplified("请双方当事人核对庭审笔录并签字。")
    assert not is_simplified("請雙方當事人")


def test_punctuation_is_full_width_next_to_chinese():
    assert normalize_punctuation("法庭调查结束, 现在进行法庭辩论.") == "法庭调查结束，现在进行法庭辩论。"
    assert normalize_punctuation("有无异议?") == "有无异议？"
    assert normalize_punctuation("本 庭 宣布") == "本庭宣布"
    # Numbers and Latin text keep their ASCII punctuation.
    assert normalize_punctuation("利率3.5%") == "利率3.5%"
    assert normalize_punctuation("Hello, world.") == "Hello, world."
    # An enumeration comma copied from the prompt never ends a sentence.
    assert normalize_punctuation("签字、") == "签字"


def test_broken_full_width_bytes_are_repaired():
    # Whisper's byte tokens sometimes turn '，' (EF BC 8C) into a full-width letter/digit.
    assert _fix_broken_punctuation("法庭调查结束２现在进行") == "法庭调查结束，现在进行"
    assert _fix_broken_punctuation("本案将择期宣判Ｇ") == "本案将择期宣判。"
    assert _fix_broken_punctuation("货款１5万元") == "货款5万元"
    assert _fix_broken_punctuation("ＡＢＣ公司") == "ＡＢＣ公司"


def test_invisible_format_characters_never_reach_the_record():
    # round 44: a loop of U+200D after the words; zero-width spaces and marks of direction likewise
    assert clean_text("原告阮桂香诉称，" + "\u200d" * 40) == "原告阮桂香诉称，"
    assert clean_text("微信\u200b转账\u200e给\ufeff被告") == "微信转账给被告"
    assert clean_words(["原告", "\u200d", "\u200d诉称"]) == ["原告", "", "诉称"]


def test_loops_are_detected():
    assert _is_loop("证据证据证据")
    assert _is_loop("语语语语")
    assert not _is_loop("现在开庭")


def test_character_error_rate_ignores_punctuation_and_spaces():
    assert character_error_rate("现在开庭", "现在开庭。") == 0.0
    assert character_error_rate("现在 开庭！", "现在开庭。") == 0.0
    assert character_error_rate("现在开停", "现在开庭。") == 0.25
    assert character_error_rate("", "现在开庭。") == 1.0
    assert strip_for_cer("被告，对原告？") == "被告对原告"


def test_general_prompt_is_simplified_court_vocabulary():
    prompt, hotwords = build_prompt()
    assert prompt.startswith("庭审用语：") and prompt.endswith("。")
    assert is_simplified(prompt)
    assert "审判长" in prompt and "书记员" in prompt
    assert hotwords == ""
    # Within Whisper's prompt budget (223 tokens, about 1.4 tokens a character here).
    assert len(prompt) <= 160


def test_case_prompt_names_the_case_and_parties():
    prompt, hotwords = build_prompt("（2024）京0105民初1234号", "買賣合同糾紛", ["張三", "李四贸易有限公司"],
                                    key_terms=["貨款", "张三", "冷柜"])
    assert prompt.startswith("案号：（2024）京0105民初1234号。案由：买卖合同纠纷。庭审用语：")
    # The key words follow the names, once each, simplified.
    assert hotwords == "张三、李四贸易有限公司、货款、冷柜"
    assert is_simplified(prompt) and is_simplified(hotwords)
    # The case leaves less room for general terms, which are dropped from the end.
    general, _ = build_prompt()
    assert len(prompt) <= 160 and prompt.count("、") < general.count("、")
    assert COURT_TERMS[0] in prompt


def test_key_words_have_a_hotword_budget_of_their_own():
    names = ["欧阳振华", "上官婉儿", "司马相如", "诸葛明亮", "慕容秋水", "东方既白"]  # 29 characters of names
    _, only_names = build_prompt(party_names=names)
    _, hotwords = build_prompt(party_names=names, key_terms=[f"关键词{i}号样品" for i in range(10)])
    assert hotwords.startswith(only_names + "、关键词0号样品")
    # Names keep their whole budget; key words take their own, and what does not fit is left out.
    assert len(hotwords) - len(only_names) <= 31 and "关键词9号样品" not in hotwords


def test_words_are_cleaned_like_the_text():
    words = clean_words(["，", "請", "原", "告", "陳述", "、", "訴訟", "請求", "２", "法", "庭", ".", "。", "、"])
    assert words == ["", "请", "原", "告", "陈述", "、", "诉讼", "请求", "，", "法", "庭", "。", "", ""]
