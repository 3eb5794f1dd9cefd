"""Batched Whisper inference on whole utterances: audio in, checked text out.

One call transcribes several utterances (of any streams and hearings) together: one
encoder call, one generate call, one alignment call for word times. Two measured
choices make this fast enough for live use on a CPU:

- The encoder gets a window just long enough for the utterance plus 2 s (at least
  10 s, in 5 s steps), not Whisper's fixed 30 s: on this machine base encodes 30 s in
  ~1.7 CPU-s but 10 s in ~0.27 CPU-s, with no loss of accuracy on our court sentences
  (CER on the 14 fixtures: 0.07 with >= 10 s windows, 0.08 with 8 s, 0.10 with 6 s).
- Each utterance is decoded once, without timestamps: the VAD already cut it.

Whisper hallucinates on silence and noise; results that look like it are rejected
(`DecodeResult.rejected` says why) rather than committed to the record.
"""

from __future__ import annotations

import functools
import logging
import math
import re
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

import numpy as np

from asr.text import THOUSANDS_SEPARATOR, clean_text, normalize_punctuation, punctuation_for, to_simplified, without_invisibles

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

log = logging.getLogger(__name__)

SAMPLE_RATE = 16_000
FRAMES_PER_SECOND = 100  # mel frames
_MAX_TEXT_LENGTH = 448  # Whisper's decoder positions: prompt + output
_MAX_PROMPT_TOKENS = 223  # Whisper was trained with at most this much previous text
_MAX_HOTWORD_TOKENS = 80  # ...and hotwords go before it: >= 140 tokens stay for the text
_MAX_TOKENS_PER_SECOND = 15
# Faster than anyone speaks Chinese (a hearing's speech runs 4-6 characters a second): a text
# that says one clause twice at this rate is the clause and Whisper's echo of it.
_ECHO_CHARS_PER_SECOND = 8.0
_ECHO_MIN_CHARS = 8
_MIN_NEW_TOKENS = 10

# Phrases Whisper is known to produce from silence, music or noise (subtitle credits
# in its training data). An utterance whose whole text is one of them is not speech.
HALLUCINATIONS = (
    "字幕由Amara.org社区提供",
    "字幕by索兰娅",
    "请不吝点赞订阅转发打赏支持明镜与点点栏目",
    "谢谢观看",
    "感谢观看",
    "谢谢大家",
    "优优独播剧场——YoYoTelevisionSeriesExclusive",
    "中文字幕",
    "字幕",
)
_HALLUCINATION_KEYS = {"".join(ch for ch in h if ch.isalnum()).lower() for h in HALLUCINATIONS}


@dataclass(frozen=True)
class DecoderOptions:
    # Finals: None means 5, on a CPU too. On the fixtures beam 5 measured no better than
    # greedy (CER 0.076/0.069 against 0.070/0.083, 14 files/60 s file), but on the three
    # held-out sets (unseen cases, benchmarks/asr_words.py) it lowered the CER on every
    # one, clean and through Opus (test 0.094 -> 0.086 and 0.120 -> 0.099; new test
    # 0.101 -> 0.073 and 0.126 -> 0.091), at ~0.35 CPU-s more per utterance
    # (benchmarks/README-asr.md: the commit delay it costs).
    beam_size: int | None = None
    interim_beam_size: int = 1
    # "auto": encoder window fitted to the utterance (CPU); "full": always 30 s.
    encoder_window: str = "auto"
    min_window_s: float = 10.0
    # Interim text is replaced a moment later: a 6 s window halves its encoder cost
    # (CER 0.10 instead of 0.07 on the fixtures, measured) and shortens the time it can
    # hold up someone's final.
    interim_min_window_s: float = 6.0
    # Hallucination guards, tuned on silence_20s and noise_low_20s fed to Whisper without
    # VAD: there base echoes the prompt ('证据、证据、证据', '法庭纪律') with no_speech_prob
    # 0.70-0.98 and avg_logprob -0.6 to -0.9, which Whisper's own rule (-1.0) lets
    # through; real speech measured no_speech_prob <= 0.52 with avg_logprob >= -0.5.
    no_speech_threshold: float = 0.6  # with avg_logprob below logprob_threshold: no speech
    # ...and a stricter one for a text that is only a piece of the prompt or hotwords:
    # with "、" suppressed, base echoes "语：审判长" on 1 s of silence at no_speech_prob 0.60
    # and avg_logprob -0.68 (measured), just inside the general rule.
    echo_no_speech_threshold: float = 0.45
    logprob_threshold: float = -0.5
    min_avg_logprob: float = -1.5  # below this the text is guesswork whatever no_speech says
    # Greedy results below this are decoded again with beam search (good ones measured
    # -0.05 to -0.6, failed ones -0.9 to -1.4 on our fixtures).
    retry_logprob: float | None = -0.8  # None: no retry
    dither: float = 3e-4  # std of the noise added before the mel spectrogram (-70 dBFS)
    # Characters Whisper may not write. The prompt lists court terms separated by "、",
    # and base copies that mark into its text at pauses ("请双方当事人、核对笔录、并签字");
    # forbidding it costs a real enumeration its "、" (it gets "，" or nothing) and cost no
    # accuracy (benchmarks/README-asr.md).
    suppress_chars: tuple[str, ...] = ("、",)
    max_compression_ratio: float = 2.4  # repetition loops compress well
    # A final's beam search keeps this many hypotheses for the request's `choose` (asr.rescore:
    # the likeliest as words; CER 0.098 -> 0.084 on the held-out sets, benchmarks/README-asr.md
    # round 11). Free: the beam holds them anyway. 1: the beam's best, as Whisper does.
    hypotheses: int = 5
    # A Chinese final with an amount or a year in digits (_READ_AGAIN) is decoded once more
    # from the same encoding with digit tokens suppressed: its numbers in Chinese numerals
    # (numeral_text), which asr.amounts reads where Whisper's own digits went wrong on a 零 or
    # a 十 (round 12: 6 amounts more on the earlier sets, none lost), or where Whisper doubted
    # a year's digits (round 21; benchmarks/README-asr.md).
    numeral_reading: bool = True


@dataclass(frozen=True)
class Contest:
    """A span of a final's text that may be a legal term or one of its rivals; or a number
    (`kind` "number": `term` is the number as written, read in Chinese numerals, and the
    rivals its near readings; `kind` "numeral": the one rival is the value the Chinese-numeral
    reading gives it, asr.number_rivals)."""

    start: int
    end: int
    term: str
    rivals: tuple[str, ...]
    kind: str = "term"


@dataclass(frozen=True)
class Heard:
    """A Contest judged: the rival Whisper scored highest in the sentence, and by how much
    (log probability) it scored above the term; negative where the term scored higher."""

    start: int
    end: int
    term: str
    rival: str
    lead: float
    kind: str = "term"


@dataclass(frozen=True)
class Hypothesis:
    """One text the beam search ended with."""

    text: str  # cleaned as a result's text is, before any correction
    log_prob: float  # Whisper's log probability of its tokens, summed


class ContestFinder(Protocol):
    """A DecodeRequest's `contest`: the spans of a final's text (its words' text, each
    character's probability, and its Chinese-numeral reading where it has one) whose
    candidates Whisper scores in the sentence on the same audio."""

    def __call__(self, text: str, probs: Sequence[float], numeral_text: str | None = None) -> Sequence[Contest]: ...


@dataclass(frozen=True)
class DecodeRequest:
    audio: np.ndarray  # float32, 16 kHz mono
    prompt: str | None = None
    hotwords: str | None = None
    language: str = "zh"
    final: bool = True  # finals get the final beam, a retry and word times; interims none
    # Picks a final's text among the beam's hypotheses (best first): asr.rescore. None: the first.
    choose: Callable[[Sequence[Hypothesis]], int] | None = None
    # Names the spans of a final's text where a legal term contends with common words of its
    # sound (asr.rivals) or a number with its other readings (asr.number_rivals). Whisper then
    # scores each candidate in the sentence on the same audio (DecodeResult.heard).
    contest: ContestFinder | None = None


@dataclass
class DecodedWord:
    start: float  # seconds from the start of the request's audio
    end: float
    word: str
    probability: float


@dataclass
class DecodeResult:
    text: str
    words: list[DecodedWord] = field(default_factory=list)
    avg_logprob: float = 0.0
    no_speech_prob: float = 0.0
    compression_ratio: float = 0.0
    rejected: str | None = None  # why the text must not be committed, or None
    rank: int = 0  # which of the beam's hypotheses this is (0: Whisper's best)
    numeral_text: str | None = None  # the same audio read with no digit tokens (DecoderOptions.numeral_reading)
    heard: list[Heard] = field(default_factory=list)  # the request's contests, judged (DecodeRequest.contest)

    @property
    def confidence(self) -> float:
        return float(min(1.0, max(0.0, math.exp(self.avg_logprob))))


def compression_ratio(text: str) -> float:
    data = text.encode("utf-8")
    return len(data) / len(zlib.compress(data)) if data else 0.0


def _fix_broken_punctuation(text: str) -> str:
    """Whisper's byte-level tokens sometimes pair the first bytes of a full-width
    punctuation mark with a wrong last byte: '，' (EF BC 8C) comes out as 'Ｇ' or '２'.
    A lone full-width letter or digit right after a Chinese character is such a mark:
    a comma before more Chinese, a full stop at the end, nothing before ASCII."""
    chars = list(text)
    for i, ch in enumerate(chars):
        if not _is_fullwidth_alnum(ch):
            continue
        prev = chars[i - 1] if i else ""
        nxt = chars[i + 1] if i + 1 < len(chars) else ""
        if not _is_cjk(prev) or _is_fullwidth_alnum(nxt):
            continue
        chars[i] = "，" if _is_cjk(nxt) else ("。" if not nxt else "")
    return "".join(chars).replace("\ufffd", "")


def _is_fullwidth_alnum(ch: str) -> bool:
    return bool(ch) and ("\uff10" <= ch <= "\uff19" or "\uff21" <= ch <= "\uff3a" or "\uff41" <= ch <= "\uff5a" or ch == "\uff02")


def _longest_run(text: str) -> int:
    """Length of the longest run of one repeated character ('请请请请' -> 4)."""
    best = run = 0
    prev = ""
    for ch in text:
        run = run + 1 if ch == prev else 1
        prev = ch
        best = max(best, run)
    return best


# A unit of 2-4 characters, Chinese in part, written four times or more in a row inside a text:
# "二〇二〇二〇二〇二〇二〇二〇二〇七日" where 二〇二五年二月二十七日 was said (round 42, seen on heldout63
# offline, every hypothesis of the beam alike). Too short a part of a long line for the compression
# check; no speech says a word of two to four characters four times over.
_INNER_LOOP = re.compile(r"([^\s，。！？；、,.!?;:：]{2,4}?)\1{3,}")
# Such a line's retry penalises repeated tokens: 1.1 wrote heldout63_24's date once and right; 1.5 began
# to change other words.
LOOP_REPETITION_PENALTY = 1.1


def inner_loop(text: str) -> str | None:
    """The first unit written four times or more in a row inside `text` (_INNER_LOOP); None if none."""
    for m in _INNER_LOOP.finditer(text):
        if any(_is_cjk(ch) for ch in m.group(1)) and len(set(m.group(1))) > 1:
            return m.group(1)
    return None


def _is_loop(key: str) -> bool:
    """A text that is one short unit said three or more times ('证据证据证据')."""
    for size in range(1, 5):
        if len(key) >= 3 * size and len(key) % size == 0 and key == key[:size] * (len(key) // size):
            return True
    return False


def said_twice_too_fast(text: str, seconds: float) -> str | None:
    """The first half of a text that is one clause written twice over, where the audio is too
    short to have said it twice ("公司机关建议判处苟贵林有期徒刑一年三个月。" twice in 3.6 s:
    round 27, seen on heldout32 live; judged on heldout34-35); None otherwise. Whisper repeats
    a sentence it has just written where the audio gives it nothing more to read."""
    half = len(text) // 2
    if len(text) % 2 or text[:half] != text[half:]:
        return None
    chars = sum(1 for ch in text if _is_cjk(ch))
    if chars < 2 * _ECHO_MIN_CHARS or chars <= _ECHO_CHARS_PER_SECOND * seconds:
        return None
    return text[:half]


def looped_tail(text: str) -> str | None:
    """The text with a loop at its end written once: a unit of 2-24 characters, Chinese in part,
    written three times or more in a row where the text ends ("…扣了多少鸭苗和饲料款。厚了多少压描和四料款。"
    five times over, "一条小阿彪阿彪阿彪阿彪阿彪阿彪"); None where there is none. Whisper falls into such a loop
    where the audio gives it nothing more to read, and the loop is too regular for the compression check
    when what came before is long (round 37, seen on heldout52-53: 46 characters of one live sentence)."""
    body = text.rstrip("。，！？；、.,!? ")
    for size in range(2, 25):
        unit = body[-size:]
        if len(body) < 3 * size or not any(_is_cjk(ch) for ch in unit):
            continue
        k = 1
        while body[: len(body) - k * size].endswith(unit):
            k += 1
        if k >= 3:
            return body[: len(body) - (k - 1) * size] + text[len(body) :]
    return None


def _is_cjk(ch: str) -> bool:
    return bool(ch) and ("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf")


class BatchDecoder:
    """Transcribes batches of utterances with one faster-whisper model."""

    def __init__(self, model: WhisperModel, options: DecoderOptions | None = None) -> None:
        self.model = model
        self.options = options or DecoderOptions()
        self.beam_size = self.options.beam_size or 5

    # -- prompts -------------------------------------------------------------------
    @functools.lru_cache(maxsize=16)
    def _tokenizer(self, language: str):
        from faster_whisper.tokenizer import Tokenizer

        return Tokenizer(self.model.hf_tokenizer, self.model.model.is_multilingual, task="transcribe", language=language)

    @functools.lru_cache(maxsize=256)
    def _context_tokens(self, language: str, prompt: str | None, hotwords: str | None) -> tuple[int, ...]:
        """Tokens before <|startoftranscript|>: hotwords, then the prompt (its end kept)."""
        tok = self._tokenizer(language)
        hot = tok.encode(" " + hotwords.strip()) if hotwords and hotwords.strip() else []
        prev = tok.encode(prompt) if prompt else []
        hot = hot[:_MAX_HOTWORD_TOKENS]
        prev = prev[-_MAX_PROMPT_TOKENS:]
        if not hot and not prev:
            return ()
        return (tok.sot_prev, *hot, *prev)

    def _prompts(self, requests: Sequence[DecodeRequest]) -> list[list[int]]:
        tok = self._tokenizer(requests[0].language)
        contexts = [self._context_tokens(r.language, r.prompt, r.hotwords) for r in requests]
        # CTranslate2 wants <|startoftranscript|> at the same position in every prompt of
        # a batch: pad shorter contexts with spaces after <|startofprev|>.
        width = max(len(c) for c in contexts)
        space = tok.encode(" ")[0]
        prompts = []
        for ctx in contexts:
            if width and len(ctx) < width:
                ctx = (ctx[0] if ctx else tok.sot_prev, *([space] * (width - max(len(ctx), 1))), *ctx[1:])
            prompts.append([*ctx, *tok.sot_sequence, tok.no_timestamps])
        return prompts

    @functools.lru_cache(maxsize=16)
    def _suppress(self, language: str, numerals: bool = False) -> tuple[int, ...]:
        from faster_whisper.transcribe import get_suppressed_tokens

        tok = self._tokenizer(language)
        ids = set(get_suppressed_tokens(tok, [-1]))
        # Every token that writes one of the characters ("、", "、、", "、「" ...; "2022", " 5").
        marks = (*self.options.suppress_chars, *(_DIGIT_CHARS if numerals else ()))
        if marks:
            ids.update(i for i in range(tok.eot) if any(m in tok.decode([i]) for m in marks))
        return tuple(sorted(ids))

    # -- windows -------------------------------------------------------------------
    def window_frames(self, seconds: float, final: bool = True) -> int:
        """Encoder input length (mel frames) for an utterance of `seconds`."""
        if self.options.encoder_window == "full":
            return 3000
        frames = int(min(seconds, 30.0) * FRAMES_PER_SECOND) + 200  # >= 2 s of padding after speech
        frames = int(math.ceil(frames / 500) * 500)
        least = self.options.min_window_s if final else self.options.interim_min_window_s
        return int(min(3000, max(least * FRAMES_PER_SECOND, frames)))

    # -- inference -------------------------------------------------------------------
    def decode(self, requests: Sequence[DecodeRequest]) -> list[DecodeResult]:
        """Transcribe every request; the result list matches the request list."""
        results: list[DecodeResult | None] = [None] * len(requests)
        # One Whisper call per (language, pass kind, encoder window): an utterance gets
        # the same window whatever it is batched with, so its text does not depend on
        # what else was pending (measured: mixing windows moved the CER by ~0.02).
        groups: dict[tuple[str, bool, int], list[int]] = {}
        for i, r in enumerate(requests):
            groups.setdefault((r.language, r.final, self.window_frames(len(r.audio) / SAMPLE_RATE, r.final)), []).append(i)
        for idx in groups.values():
            for i, res in zip(idx, self._decode_group([requests[i] for i in idx])):
                results[i] = res
        return results  # type: ignore[return-value]

    def _features(self, requests: Sequence[DecodeRequest], window: int) -> np.ndarray:
        from faster_whisper.audio import pad_or_trim

        fe = self.model.feature_extractor
        rows = []
        for r in requests:
            audio = r.audio[: 30 * SAMPLE_RATE]
            # Microphones never give exact zeros, but muted tracks and test files do,
            # and base then loses whole sentences ('写' for a 2.5 s sentence, measured).
            # A fixed dither makes digital silence look like a quiet room.
            dither = np.random.default_rng(len(audio)).standard_normal(len(audio)).astype(np.float32)
            rows.append(pad_or_trim(fe(audio + self.options.dither * dither)[..., :-1], window))
        return np.stack(rows)

    def _generate(self, encoder_output, prompts: list[list[int]], language: str, beam: int, seconds: float, temperature: float = 0.0,
                  hypotheses: int = 1, numerals: bool = False, repetition_penalty: float = 1.0):
        # Speech is at most ~10 tokens a second (Chinese measured 7); a repetition loop on
        # noise would otherwise run to 448 tokens, seconds of worker time.
        max_new = int(_MIN_NEW_TOKENS + _MAX_TOKENS_PER_SECOND * seconds)
        return self.model.model.generate(
            encoder_output,
            prompts,
            beam_size=beam,
            num_hypotheses=hypotheses,
            max_length=min(_MAX_TEXT_LENGTH, len(prompts[0]) + max_new),
            suppress_blank=True,
            suppress_tokens=list(self._suppress(language, numerals)),
            return_scores=True,
            return_no_speech_prob=True,
            sampling_temperature=temperature or 1.0,
            sampling_topk=1 if temperature == 0 else 0,  # 1: greedy / beam search
            repetition_penalty=repetition_penalty,
        )

    def _result(self, tok, out, k: int = 0) -> tuple[DecodeResult, list[int]]:
        tokens = [t for t in out.sequences_ids[k] if t < tok.eot]
        n = len(out.sequences_ids[k])
        text = clean_text(_fix_broken_punctuation(tok.decode(tokens)), tok.language_code or "zh")
        res = DecodeResult(
            text=text,
            avg_logprob=float(out.scores[k] * n / (n + 1)),  # as faster-whisper computes it
            no_speech_prob=float(out.no_speech_prob),
            compression_ratio=compression_ratio(text),
            rank=k,
        )
        return res, tokens

    def _without_echo(self, tok, res: DecodeResult, tokens: list[int], request: DecodeRequest) -> tuple[DecodeResult, list[int]]:
        """The result with a clause Whisper wrote twice too fast written once (said_twice_too_fast):
        its text, and the tokens that decode to it, so the words are timed on those alone."""
        tokens = self._visible(tok, res, tokens)
        once = said_twice_too_fast(res.text, len(request.audio) / SAMPLE_RATE)
        what = "a clause written twice in %.1f s, kept once: %s"
        if once is None:
            once, what = looped_tail(res.text), "a loop at the end of %.1f s written once: %s"
        if once is None:
            return res, tokens
        for k in range(1, len(tokens)):
            decoded = clean_text(_fix_broken_punctuation(tok.decode(tokens[:k])), tok.language_code or "zh")
            if decoded == once or (decoded.rstrip("。，！？；、.,!? ") == once.rstrip("。，！？；、.,!? ") and what.startswith("a loop")):
                log.info("decoder: " + what, len(request.audio) / SAMPLE_RATE, once)
                res.text, res.compression_ratio = once, compression_ratio(once)
                return res, tokens[:k]
        return res, tokens

    @staticmethod
    def _visible(tok, res: DecodeResult, tokens: list[int]) -> list[int]:
        """The tokens up to the last that adds to the text: a loop of invisible characters after the
        words (clean_text drops them) would otherwise be timed as words."""
        language = tok.language_code or "zh"
        if len(tokens) < 2 or clean_text(_fix_broken_punctuation(tok.decode(tokens[:-1])), language) != res.text:
            return tokens  # the last token is seen: the usual case, one decode
        for k in range(1, len(tokens)):
            if clean_text(_fix_broken_punctuation(tok.decode(tokens[:k])), language) == res.text:
                log.info("decoder: %d invisible tokens after the text dropped: %s", len(tokens) - k, res.text)
                return tokens[:k]
        return tokens

    def _chosen(self, tok, out, request: DecodeRequest) -> tuple[DecodeResult, list[int]]:
        """The result of the hypothesis the request chooses (the beam's best without a chooser)."""
        if len(out.sequences_ids) < 2 or request.choose is None:
            return self._result(tok, out, 0)  # the others would be cleaned only to be dropped
        results = [self._result(tok, out, k) for k in range(len(out.sequences_ids))]
        # The scores are length-normalised log probabilities: times the length, summed.
        hypotheses = [Hypothesis(res.text, float(out.scores[k]) * len(out.sequences_ids[k])) for k, (res, _) in enumerate(results)]
        try:
            k = request.choose(hypotheses)
        except Exception:  # a chooser's bug must never cost the utterance its text
            log.exception("choosing among %d hypotheses failed", len(hypotheses))
            k = 0
        return results[k if 0 <= k < len(results) else 0]

    def _needs_retry(self, res: DecodeResult) -> bool:
        """Signs of a failed greedy decode: low confidence or a repetition loop."""
        if self.options.retry_logprob is None or res.no_speech_prob > self.options.no_speech_threshold:
            return False  # likely not speech at all: a second pass would not help
        return (
            res.avg_logprob < self.options.retry_logprob
            or res.compression_ratio > self.options.max_compression_ratio
            or _longest_run(res.text) >= 4
            or inner_loop(res.text) is not None
        )

    def _decode_group(self, requests: Sequence[DecodeRequest]) -> list[DecodeResult]:
        o = self.options
        final = requests[0].final
        language = requests[0].language
        tok = self._tokenizer(language)
        longest = max(len(r.audio) for r in requests) / SAMPLE_RATE
        features = self._features(requests, self.window_frames(longest, final))
        encoder_output = self.model.encode(features)
        prompts = self._prompts(requests)
        beam = self.beam_size if final else o.interim_beam_size
        hypotheses = max(1, min(o.hypotheses, beam)) if final else 1
        outputs = self._generate(encoder_output, prompts, language, beam, longest, hypotheses=hypotheses)
        decoded = [self._chosen(tok, out, req) for out, req in zip(outputs, requests)]
        if final:
            # Whisper's own remedy for a failed decode, once: beam search if the first
            # pass was greedy, else sampling at a low temperature; keep the likelier text.
            retry = [i for i, (res, _) in enumerate(decoded) if self._needs_retry(res)]
            # A loop inside a text is decoded again by the same beam with repeated tokens made less likely
            # (the same text each time, unlike sampling); it wins if it has no loop, however likely the loop
            # was: Whisper is sure of the unit it repeats.
            looped = [i for i in retry if inner_loop(decoded[i][0].text) is not None]
            failed = [i for i in retry if i not in looped]
            searches = ((looped, beam, 0.0, LOOP_REPETITION_PENALTY),
                        (failed, 5 if beam < 5 else 1, 0.0 if beam < 5 else 0.4, 1.0))
            for group, group_beam, temperature, penalty in searches:
                if not group:
                    continue
                sub = encoder_output if len(group) == len(requests) else self.model.encode(features[group])
                again = self._generate(sub, [prompts[i] for i in group], language, group_beam, longest, temperature,
                                       repetition_penalty=penalty)
                for i, out in zip(group, again):
                    res, tokens = self._result(tok, out)
                    unlooped = i in looped and inner_loop(res.text) is None
                    if res.avg_logprob > decoded[i][0].avg_logprob or unlooped:
                        decoded[i] = (res, tokens)
        decoded = [self._without_echo(tok, res, tokens, req) for (res, tokens), req in zip(decoded, requests)]
        results = [res for res, _ in decoded]
        for req, res in zip(requests, results):
            res.rejected = self._reject_reason(res, req)
        if final and o.numeral_reading and language == "zh":
            self._read_numerals(tok, encoder_output, features, prompts, results, beam, longest)
        if final:
            self._add_words(tok, encoder_output, requests, [t for _, t in decoded], results)
            self._judge_contests(tok, encoder_output, features, prompts, requests, results)
        return results

    def _judge_contests(self, tok, encoder_output, features, prompts, requests, results) -> None:
        """Score each contest's candidates in the sentence by forced decoding on the
        utterance's own encoding and prompt (asr.rivals says why): one align call per
        utterance with contests, one row per candidate."""
        import ctranslate2

        window = encoder_output.shape[1] * 2
        on_cpu = encoder_output.device == "cpu"
        for i, (req, res) in enumerate(zip(requests, results)):
            if req.contest is None or res.rejected is not None or not res.words:
                continue
            probs = [w.probability for w in res.words for _ in w.word]
            try:
                contests = list(req.contest(res.text, probs, res.numeral_text))
            except Exception:  # a finder's bug must never cost the utterance its text
                log.exception("finding contests failed")
                continue
            if not contests:
                continue
            candidates = [(c, w) for c in contests for w in (c.term, *c.rivals)]
            sentences = [res.text[: c.start] + w + res.text[c.end :] for c, w in candidates]
            # Each sentence scored once: a number's near readings and its numeral reading share the term's.
            texts = list(dict.fromkeys(sentences))
            row = {t: k for k, t in enumerate(texts)}
            if on_cpu:  # the same encoding once per candidate, without encoding again
                rows = np.repeat(np.asarray(encoder_output)[i : i + 1], len(texts), axis=0)
                encoded = ctranslate2.StorageView.from_array(np.ascontiguousarray(rows))
            else:
                encoded = self.model.encode(features[[i] * len(texts)])
            num_frames = min(int(math.ceil(len(req.audio) / 160)), window)
            scored = self.model.model.align(encoded, prompts[i], [tok.encode(t) for t in texts], [num_frames] * len(texts))
            by_text = [sum(math.log(max(p, 1e-12)) for p in r.text_token_probs) for r in scored]
            scores = [by_text[row[t]] for t in sentences]
            for c in contests:
                term, *rivals = [k for k, (owner, _) in enumerate(candidates) if owner is c]
                best = max(rivals, key=lambda k: scores[k])
                res.heard.append(Heard(c.start, c.end, c.term, candidates[best][1], scores[best] - scores[term], c.kind))

    def _read_numerals(self, tok, encoder_output, features, prompts, results: list[DecodeResult], beam: int, longest: float) -> None:
        """Set numeral_text on every kept result with an amount or a year in digits: the
        same encoding decoded again with no digit tokens (asr.amounts says why)."""
        which = [i for i, res in enumerate(results) if res.rejected is None and _READ_AGAIN.search(res.text)]
        if not which:
            return
        sub = encoder_output if len(which) == len(results) else self.model.encode(features[which])
        again = self._generate(sub, [prompts[i] for i in which], "zh", beam, longest, numerals=True)
        for i, out in zip(which, again):
            results[i].numeral_text = self._result(tok, out)[0].text

    def _reject_reason(self, res: DecodeResult, request: DecodeRequest | None = None) -> str | None:
        o = self.options
        key = "".join(ch for ch in res.text if ch.isalnum()).lower()
        if not key:
            return "empty"
        if res.no_speech_prob > o.no_speech_threshold and res.avg_logprob < o.logprob_threshold:
            return "no_speech"
        if request is not None and res.no_speech_prob > o.echo_no_speech_threshold and res.avg_logprob < o.logprob_threshold:
            context = "".join(ch for ch in to_simplified(f"{request.prompt or ''}{request.hotwords or ''}") if ch.isalnum()).lower()
            if key in context:
                return "prompt_echo"
        if res.avg_logprob < o.min_avg_logprob:
            return "low_logprob"
        if res.compression_ratio > o.max_compression_ratio or _is_loop(key):
            return "repetition"
        if key in _HALLUCINATION_KEYS:
            return "known_hallucination"
        return None

    def _add_words(self, tok, encoder_output, requests, token_lists, results) -> None:
        # align() needs one token list per encoder item: give rejected ones a dummy.
        filler = tok.encode(" ")
        tokens = [t if (t and r.rejected is None) else filler for t, r in zip(token_lists, results)]
        window = encoder_output.shape[1] * 2
        num_frames = [min(int(math.ceil(len(r.audio) / 160)), window) for r in requests]
        alignments = self.model.find_alignment(tok, tokens, encoder_output, num_frames)
        for res, words in zip(results, alignments):
            if res.rejected is not None:
                continue
            texts = clean_words([w["word"] for w in words], tok.language_code or "zh")
            out = [
                DecodedWord(float(w["start"]), float(w["end"]), text, float(w["probability"]))
                for w, text in zip(words, texts)
                if text
            ]
            _merge_punctuation(out)
            if out:
                out[0].word = out[0].word.lstrip()
                # The record's text is exactly its words, so a click on a word finds it.
                res.text = "".join(w.word for w in out)
                res.words = out


_FULL_WIDTH_MARKS = "，。？！：；、（）"
_DIGIT_CHARS = tuple("0123456789０１２３４５６７８９")
# A number in digits that is no date, time or percentage: an amount Whisper normalised itself,
# perhaps before a unit it misheard ("29，0917员": the corrector reads 元; asr.amounts).
_DIGIT_AMOUNT = r"[0-9][0-9,，.]*[万亿]?(?![0-9,，.万亿年月日号时分秒点%％])"
# ... or a year in digits (round 21: the numeral reading's year is taken where Whisper doubted its own).
_READ_AGAIN = re.compile(rf"{_DIGIT_AMOUNT}|(?<![0-9])[0-9]{{4}}年")


def clean_words(words: list[str], language: str = "zh") -> list[str]:
    """clean_text for a sequence of aligned words; "" for a word that disappears.

    A Latin word keeps the space Whisper wrote before it (" Americans") unless it follows
    a Chinese character or a full-width mark; a Chinese word loses it. A punctuation word
    is written for the clause it closes (asr.text.punctuation_for): full-width after
    Chinese, ASCII after a Latin clause or in English."""
    words = [without_invisibles(w.replace("\ufffd", "")) for w in words]  # half a UTF-8 character; zero-width marks
    joined = "".join(words)
    fixed = _fix_broken_punctuation(joined)
    if len(fixed) == len(joined):  # same characters, some replaced: map them back
        out, i = [], 0
        for w in words:
            out.append(fixed[i : i + len(w)])
            i += len(w)
        words = out
    cleaned: list[str] = []
    for k, w in enumerate(words):
        spaced = w[:1].isspace()
        c = to_simplified(w).strip()
        previous = "".join(cleaned)
        if c and all(not ch.isalnum() for ch in c):
            if not previous or not previous[-1].isalnum():
                c = ""  # punctuation before any word, or a second mark in a row
            elif c == "." and previous[-1] in _DIGIT_CHARS and words[k + 1 : k + 2] and words[k + 1][:1] in _DIGIT_CHARS:
                pass  # a decimal point, a word of its own between two digits ("52" "." "6"): no full stop
            else:
                c = punctuation_for(c, previous, language)
        elif c:
            if any(_is_cjk(ch) for ch in c):
                c = normalize_punctuation(c, language)
            last = previous[-1:] if previous else ""
            # The space Whisper wrote stays unless it falls between two Chinese characters
            # or after a full-width mark ("微信转账 via WeChat Pay" keeps both of its own).
            if spaced and last and (last.isascii() or c[0].isascii()) and last not in _FULL_WIDTH_MARKS:
                c = " " + c
        cleaned.append(c)
    for i in range(len(cleaned) - 1, -1, -1):  # an enumeration comma never ends a sentence
        if cleaned[i]:
            cleaned[i] = cleaned[i].rstrip("、")
            break
    if language.startswith("en"):
        return cleaned
    return _thousands_in_words(cleaned)


def _thousands_in_words(words: list[str]) -> list[str]:
    """asr.text.thousands_separators across word edges: "35" "，" "000" (the mark a word of
    its own, made full-width for its Chinese clause) is "35" "," "000"."""
    joined = "".join(words)
    found = list(THOUSANDS_SEPARATOR.finditer(joined))
    if not found:
        return words
    owner: list[tuple[int, int]] = [(k, j) for k, w in enumerate(words) for j in range(len(w))]
    chars = [list(w) for w in words]
    for m in reversed(found):
        k, j = owner[m.start()]
        chars[k][j] = ","
        if m.end() - m.start() == 2:  # the space after it
            k, j = owner[m.start() + 1]
            chars[k][j] = ""
    return ["".join(c) for c in chars]


def _merge_punctuation(words: list[DecodedWord]) -> None:
    """Attach punctuation marks to the word before them (as faster-whisper does)."""
    i = 1
    while i < len(words):
        if all(not ch.isalnum() for ch in words[i].word):
            words[i - 1].word += words[i].word
            words[i - 1].end = max(words[i - 1].end, words[i].end)
            del words[i]
        else:
            i += 1
