"""The general Chinese word list: jieba's dictionary (349,046 words with corpus counts).

Two readers use it:
- asr.correct asks whether a span is a common word, and where words start and end, so
  that a correct word is never replaced;
- asr.rescore asks how likely a whole text is as words (a unigram language model): of
  the beam's hypotheses, the one made of real words is the likelier text;
- asr.correct asks which longer words a run of syllables sounds like (words_sounding): a
  span that is part of another word by its sound is no lexicon term.
"""

from __future__ import annotations

import functools
import logging
import math
import re
from collections.abc import Container

# A word of the case or the legal lexicon counts as at least this likely (log probability):
# about 7,400 in jieba's 60 million, a fairly common word. Names are in no general
# dictionary, and a text spelling the party's name must not lose to one that misspells it
# into common characters (chosen on heldout-heldout11, benchmarks/README-asr.md round 11).
KNOWN_WORD_LOG_PROB = -9.0
# A number is one token of this log probability, whatever its digits: which digits were
# said is for the audio to tell, not for word counts ("62400" would lose to "624" by length).
NUMBER_LOG_PROB = -8.0
_LONGEST_KNOWN = 12

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NOT_TEXT = re.compile(r"[^\u4e00-\u9fff\u3400-\u4dbf0-9A-Za-z]")


# Words of 3-5 characters at least this common are indexed by sound (about 26,000 words,
# 0.7 s). Rarer ones (颜杲卿, 原稿纸) are no evidence of what a speaker said.
SOUNDING_MIN_COUNT = 20


@functools.lru_cache(maxsize=1)
def tokenizer():
    """jieba's tokenizer with its general dictionary, initialised once per process (1-3 s,
    about 60 MB)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.dt.initialize()
    return jieba.dt


# A dictionary word at least this common (jieba's count) is one someone may really have
# said; below it, a rare or technical word, more likely a mishearing of a commoner one.
# Correction (asr.correct) and the amount passes (asr.amounts) judge words by it.
COMMON_WORD = 50


def word_frequency(word: str) -> int:
    """How common `word` is in jieba's general dictionary (0: not a word there)."""
    return tokenizer().FREQ.get(word, 0)


def cut(text: str) -> list[str]:
    """`text` as dictionary words (jieba, no HMM guesses)."""
    return list(tokenizer().cut(text, HMM=False))


def word_boundaries(text: str) -> set[int]:
    """Offsets where a word of `text` starts or ends (jieba, dictionary only, no HMM)."""
    bounds, pos = {0}, 0
    for word in cut(text):
        pos += len(word)
        bounds.add(pos)
    return bounds


def text_log_prob(text: str, known: Container[str] | None = None) -> float:
    """Log probability of `text` as a sequence of words, the likeliest way to cut it
    (jieba's own route search, with `known` words added and every number one token).
    Punctuation and spaces are ignored. A character in no word costs as much as the
    rarest word, so a text of non-words ("价职", "合一听") scores far below real words."""
    dt = tokenizer()
    s = _NUMBER.sub("0", _NOT_TEXT.sub("", text))
    n = len(s)
    if not n:
        return 0.0
    log_total = math.log(dt.total)

    def cost(word: str) -> float:
        if word == "0":
            return NUMBER_LOG_PROB
        p = math.log(dt.FREQ.get(word) or 1) - log_total
        return max(p, KNOWN_WORD_LOG_PROB) if known is not None and word in known else p

    dag = dt.get_DAG(s)
    if known is not None:
        for i in range(n):
            for j in range(i + 2, min(n, i + _LONGEST_KNOWN) + 1):
                if s[i:j] in known and j - 1 not in dag[i]:
                    dag[i].append(j - 1)
    best = [0.0] * (n + 1)
    for i in range(n - 1, -1, -1):
        best[i] = max(cost(s[i : j + 1]) + best[j + 1] for j in dag[i])
    return best[0]


@functools.lru_cache(maxsize=1)
def _by_sound() -> dict[tuple[str, ...], tuple[str, ...]]:
    from pypinyin import Style, lazy_pinyin

    index: dict[tuple[str, ...], list[str]] = {}
    for word, count in tokenizer().FREQ.items():
        if 3 <= len(word) <= 5 and count >= SOUNDING_MIN_COUNT and all("\u4e00" <= ch <= "\u9fff" for ch in word):
            index.setdefault(tuple(lazy_pinyin(word, style=Style.NORMAL)), []).append(word)
    return {key: tuple(words) for key, words in index.items()}


def words_sounding(syllables: tuple[str, ...]) -> tuple[str, ...]:
    """The common dictionary words of 3-5 characters read exactly as these toneless
    syllables: ("bu", "zhu", "jin") -> ("补助金",)."""
    return _by_sound().get(syllables, ())


# Words of 2-4 characters at least this common are the rivals of a legal term of their sound
# (asr.rivals): about 45,000 words, 1 s to index. A rarer word is seldom what was said.
RIVAL_MIN_COUNT = COMMON_WORD


@functools.lru_cache(maxsize=1)
def _common_by_sound() -> dict[tuple[str, ...], tuple[str, ...]]:
    from pypinyin import Style, lazy_pinyin

    index: dict[tuple[str, ...], list[tuple[int, str]]] = {}
    for word, count in tokenizer().FREQ.items():
        if 2 <= len(word) <= 4 and count >= RIVAL_MIN_COUNT and all("\u4e00" <= ch <= "\u9fff" for ch in word):
            index.setdefault(tuple(lazy_pinyin(word, style=Style.NORMAL)), []).append((count, word))
    return {key: tuple(w for _, w in sorted(words, reverse=True)) for key, words in index.items()}


def common_words_sounding(syllables: tuple[str, ...]) -> tuple[str, ...]:
    """The common dictionary words of 2-4 characters read exactly as these toneless
    syllables, commonest first: ("deng", "ji") -> ("登记", "等级", "登基", ...)."""
    return _common_by_sound().get(syllables, ())
