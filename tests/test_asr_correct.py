"""asr.correct, asr.lexicon, asr.numbers and asr.evaluation: no Whisper model needed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from asr.correct import Corrector, Lexicon, apply_edits
from asr.evaluation import corpus_cer, load_speech_set, normalize_for_cer, opus_round_trip
from asr.lexicon import LEGAL_TERMS, case_terms, name_variants
from asr.numbers import canonical_numbers, parse_number, record_numbers
from asr.prompt import COURT_TERMS, build_prompt
from tests.conftest import SPEECH_DIR

HELDOUT_DIR = Path(__file__).resolve().parents[1] / "benchmarks" / "heldout"


@pytest.fixture(scope="module")
def general() -> Corrector:
    return Corrector(fuzzy=True)


# -- homophones ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "heard, meant",
    [
        ("本案将则齐宣判。", "本案将择期宣判。"),  # ze qi: 则齐 is no word
        ("被告辩称和同已经律行完毕。", "被告辩称合同已经履行完毕。"),
        ("员告请求判令被告支付货款。", "原告请求判令被告支付货款。"),
        ("被告对证据有无意义？", "被告对证据有无异议？"),  # the phrase, not the word 意义
        ("被告人自愿任罪认法，签署了聚结书。", "被告人自愿认罪认罚，签署了具结书。"),
        ("言告请求判令被告支付货款。", "原告请求判令被告支付货款。"),  # near: yan/yuan, 言告 no word
    ],
)
def test_homophones_of_legal_terms_are_replaced(general, heard, meant):
    assert general.correct(heard) == meant


@pytest.mark.parametrize(
    "text",
    [
        "这个问题有什么意义？",  # 意义 is a common word, 19 times as common as 异议
        "被告实施了盗窃行为。",  # 实施 sounds like 事实 (shi shi) but is a word
        "被告依法行使诉讼权利。",  # 行使 / 刑事
        "请双方当事人核对庭审笔录并签字。",  # 当事人 holds 事人 (自认): words are never cut
        "被告支付货款。",  # 被告支付 holds 告支 (告知)
        "双方当事人是否愿意接受调解？",  # 接受调解 holds 受调 (收条)
    ],
)
def test_correct_words_are_left_alone(general, text):
    assert general.correct(text) == text, general.explain(text)


def test_a_party_name_from_the_case_wins():
    heard = "请宫素发言。"
    assert Corrector(fuzzy=True).correct(heard) == "请公诉发言。"  # general lexicon only
    case = Corrector.for_case(["龚素"], fuzzy=True)
    assert case.correct(heard) == "请龚素发言。"
    assert case.explain(heard) == ["宫素 -> 龚素 (case term (same sound))"]
    # A name that sounds like no legal term is only known from the case.
    assert Corrector.for_case(case_terms("民间借贷纠纷", ["何静"])).correct("审判员和静独任审理本案。") == "审判员何静独任审理本案。"


def test_case_terms_include_short_forms_of_organisations_and_the_cause():
    terms = case_terms("建设工程施工合同纠纷", ["苏州恒远建筑工程有限公司", "中国平安财产保险股份有限公司成都分公司", "王秀英"])
    assert "苏州恒远建筑工程" in terms and "中国平安财产保险" in terms and "王秀英" in terms
    assert "建设工程施工合同纠纷" in terms and "建设工程施工合同" in terms
    assert name_variants("杭州市上城区市场监督管理局") == ["杭州市上城区市场监督管理局"]
    assert name_variants("深圳市某某科技有限公司") == ["深圳市某某科技有限公司", "深圳市某某科技", "某某科技"]


def test_near_homophones_only_for_long_or_case_terms():
    assert Corrector(fuzzy=True).correct("现在进行法庭变论。") == "现在进行法庭辩论。"  # exact: bian lun
    # zhen/zheng: 认真 sounds nearly like 认证, but a 2-character general term never
    # matches by near-sound alone (and 认真 is a common word)...
    assert Corrector(fuzzy=True).correct("他很认真。") == "他很认真。"
    # ...while a case name does: 刘建军 heard as 牛建军 (n/l).
    assert Corrector.for_case(["刘建军"], fuzzy=True).correct("原告牛建军到庭。") == "原告刘建军到庭。"
    assert Corrector.for_case(["刘建军"], fuzzy=False).correct("原告牛建军到庭。") == "原告牛建军到庭。"


def test_lexicon_is_general_and_large():
    assert len(LEGAL_TERMS) >= 300 and len(set(LEGAL_TERMS)) == len(LEGAL_TERMS)
    assert {"原告", "异议", "择期宣判", "履行", "认罪认罚", "行政处罚", "交强险"} <= set(LEGAL_TERMS)
    lexicon = Lexicon(case=["何静"])
    assert "何静" in lexicon and len(lexicon) == len(LEGAL_TERMS) + 1


# -- words keep their times ----------------------------------------------------------------
@dataclass
class W:
    start: float
    end: float
    word: str
    probability: float


def test_words_keep_their_times_and_numbers_merge():
    words = [W(0.0, 0.2, "员", 0.9), W(0.2, 0.4, "告", 0.8), W(0.4, 0.6, "请求", 0.9), W(0.6, 0.8, "六万", 0.7),
             W(0.8, 1.0, "三千", 0.6), W(1.0, 1.2, "元。", 0.9)]
    corrector = Corrector()
    out = corrector.correct_words(words)
    assert "".join(w.word for w in out) == corrector.correct("员告请求六万三千元。") == "原告请求63000元。"
    # Same-length replacements keep every word and its times.
    assert [(w.start, w.end, w.word) for w in out[:3]] == [(0.0, 0.2, "原"), (0.2, 0.4, "告"), (0.4, 0.6, "请求")]
    # A number that changes length merges its words into one, spanning them all.
    assert (out[3].start, out[3].end, out[3].word, out[3].probability) == (0.6, 1.0, "63000", 0.6)
    assert out[4].word == "元。" and len(out) == 5
    # "五万" -> "5万" keeps its length: character by character, words kept.
    same = corrector.correct_words([W(0.0, 0.2, "五", 0.7), W(0.2, 0.4, "万元", 0.6)])
    assert [(w.start, w.word) for w in same] == [(0.0, "5"), (0.2, "万元")]


# -- numbers and punctuation ---------------------------------------------------------------
def test_numbers_are_written_as_court_records_write_them():
    assert parse_number("一百二十万") == 1_200_000 and parse_number("一万二千") == 12_000 and parse_number("一万二") == 12_000
    assert parse_number("二零二三") == 2023 and parse_number("1万2千") == 12_000 and parse_number("万") is None
    assert record_numbers("于二零二三年三月十五日出借八万元，年利率百分之十二") == "于2023年3月15日出借8万元，年利率12%"
    # a rate of 万 or 亿 is no rate: left as heard, never "1200000000%"
    assert record_numbers("双方约定的年利率为百分之十二亿。") == "双方约定的年利率为百分之十二亿。"
    assert record_numbers("违约金为百分之一百五十") == "违约金为150%"
    assert record_numbers("共计六万三千元") == "共计63000元"
    assert record_numbers("1万2千元") == "12000元"
    # Terms, grades and set phrases stay in characters.
    assert record_numbers("有期徒刑一年六个月，十级伤残，统一") == "有期徒刑一年六个月，十级伤残，统一"


def test_cer_can_compare_numbers_by_value():
    assert canonical_numbers("五万元") == canonical_numbers("5万元") == "50000元"
    assert normalize_for_cer("年利率为百分之十二。") == normalize_for_cer("年利率为12%") == "年利率为12"
    assert corpus_cer(["支付货款5万元"], ["支付货款五万元。"]) == pytest.approx(1 / 7)
    assert corpus_cer(["支付货款5万元"], ["支付货款五万元。"], normalized=True) == 0.0


def test_a_stray_enumeration_comma_between_clauses_becomes_a_comma(general):
    assert general.correct("被告已经按照合同约定的期限、全部履行了付款的义务") == "被告已经按照合同约定的期限，全部履行了付款的义务"
    assert general.correct("原告主张医疗费、误工费和护理费") == "原告主张医疗费、误工费和护理费"
    assert apply_edits("abc", []) == "abc"


# -- prompt ---------------------------------------------------------------------------------
def test_prompt_can_leave_out_general_terms():
    references = ["请原告陈述诉讼请求。"]
    kept = tuple(t for t in COURT_TERMS if not any(t in r for r in references))
    prompt, _ = build_prompt("（2025）沪0115民初8821号", "民间借贷纠纷", ["周志强"], general_terms=kept)
    assert "原告" not in prompt.split("庭审用语：")[1] and "诉讼请求" not in prompt
    assert "审判长" in prompt


# -- the speech sets and the live path's codec -------------------------------------------------
def test_heldout_set_is_new_and_complete():
    heldout = load_speech_set(HELDOUT_DIR)
    fixtures = load_speech_set(SPEECH_DIR, "fixtures")
    assert 30 <= len(heldout.sentences) <= 40
    assert all(s.file.is_file() and s.case is not None and s.split in ("tune", "test") for s in heldout.sentences)
    assert not set(heldout.texts()) & set(fixtures.texts())
    assert 55 <= len(heldout.long_audio()) / 16_000 <= 65
    assert all(s.split == "test" for s in heldout.sentences if s.file in heldout.long_parts)
    assert sum(p.stat().st_size for p in HELDOUT_DIR.iterdir()) < 2 * 1024 * 1024


def test_opus_round_trip_keeps_length_and_timing():
    sentence = load_speech_set(HELDOUT_DIR).sentences[3]
    from asr.audio import read_audio

    audio = read_audio(sentence.file)
    out = opus_round_trip(audio)
    assert len(out) == len(audio) and out.dtype == np.float32
    n = len(audio)
    xcorr = np.fft.irfft(np.fft.rfft(out, 2 * n) * np.conj(np.fft.rfft(audio, 2 * n)))
    lag = int(np.argmax(xcorr))
    assert min(lag, 2 * n - lag) <= 2  # within 2 samples of the input
    # As loud as it was, as the server's decoder gives it (mono): not 3 dB louder.
    rms_ratio = float(np.sqrt(np.mean(out**2) / np.mean(audio**2)))
    assert 0.9 < rms_ratio < 1.1, rms_ratio


def test_a_correction_never_changes_a_number():
    """Numerals are content (amounts, dates, time limits): a doubted 在五日 is one slip from
    债务人 (zai wu ri / zhai wu ren) but stays, while a doubted name after its role is still
    corrected in the same sentence. Found on a test sentence (heldout5 U, words16d's run)."""
    from asr.correct import Corrector

    corrector = Corrector.for_case(["司马健"], fuzzy=True)
    heard = "审判员司马借要求被告在五日内提交转账记录。"
    doubted = [0.2] * len(heard)
    assert corrector.correct(heard, doubted) == "审判员司马健要求被告在五日内提交转账记录。", \
        corrector.explain(heard, doubted)
    # a term that holds the same numeral may still replace a span that holds it
    general = Corrector.for_case([], fuzzy=True)
    assert general.correct("追加第三仁参加诉讼。", [0.2] * 10) == "追加第三人参加诉讼。"
    assert general.correct("不服一申判决", [0.2] * 6) == "不服一审判决"
