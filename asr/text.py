"""Text clean-up for the record: Simplified Chinese, full-width Chinese punctuation.

Whisper writes Chinese in traditional or simplified characters at random and mixes
ASCII and full-width punctuation; a court record is simplified with Chinese punctuation.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# ASCII punctuation that sits next to Chinese text becomes its full-width form.
_FULL_WIDTH = {
    ",": "，",
    ".": "。",
    "?": "？",
    "!": "！",
    ":": "：",
    ";": "；",
    "(": "（",
    ")": "）",
}
_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_OR_FULL_PUNCT = _CJK + r"\u3000-\u303f\uff00-\uffef"
# ASCII punctuation touching a CJK character on either side (not "3.5" or "A.B").
_ASCII_PUNCT_NEAR_CJK = re.compile(rf"(?<=[{_CJK}])\s*([,.?!:;])|([,.?!:;])\s*(?=[{_CJK}])")
_PAREN_NEAR_CJK = re.compile(rf"\(([^()]*[{_CJK}][^()]*)\)")
# Whitespace between two CJK characters or CJK punctuation is an artefact, not a word gap.
_SPACE_IN_CJK = re.compile(rf"(?<=[{_CJK_OR_FULL_PUNCT}])\s+(?=[{_CJK_OR_FULL_PUNCT}])")
_REPEATED_PUNCT = re.compile(r"([，。？！：；、])[，。？！：；、]+")


@functools.lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional -> Simplified Chinese (OpenCC t2s); other scripts pass through."""
    return _t2s().convert(text)


def normalize_punctuation(text: str) -> str:
    """Full-width Chinese punctuation where it touches Chinese text; no stray spaces."""
    text = _PAREN_NEAR_CJK.sub(lambda m: f"（{m.group(1)}）", text)
    text = _ASCII_PUNCT_NEAR_CJK.sub(lambda m: _FULL_WIDTH[m.group(1) or m.group(2)], text)
    text = _SPACE_IN_CJK.sub("", text)
    text = _REPEATED_PUNCT.sub(r"\1", text)
    # An enumeration comma never ends a sentence (base copies it from the prompt's list).
    return text.strip().rstrip("、")


def clean_text(text: str) -> str:
    """What goes into the record: simplified, Chinese punctuation, trimmed."""
    return normalize_punctuation(to_simplified(unicodedata.normalize("NFC", text)))


def is_simplified(text: str) -> bool:
    """True when OpenCC finds nothing to convert to simplified characters."""
    return to_simplified(text) == text


_NOT_COUNTED = re.compile(r"[\s\W_]+", re.UNICODE)


def strip_for_cer(text: str) -> str:
    """Text as compared for the character error rate: no punctuation, no whitespace."""
    return _NOT_COUNTED.sub("", unicodedata.normalize("NFKC", text))


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance between two strings (insertions, deletions, substitutions)."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def character_error_rate(hypothesis: str, reference: str) -> float:
    """Character edit distance / reference length, punctuation and whitespace removed."""
    ref = strip_for_cer(reference)
    hyp = strip_for_cer(hypothesis)
    if not ref:
        return float(bool(hyp))
    return edit_distance(hyp, ref) / len(ref)
