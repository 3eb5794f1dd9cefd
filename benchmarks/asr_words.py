"""The words a record lives on (issue 16): names, amounts and dates, legal terms, and the
precision of automatic corrections, live and offline side by side, before and after.

    python benchmarks/asr_words.py                     # CPU, packaged Whisper base (int8)
    python benchmarks/asr_words.py --skip-live         # offline only (~3 min on 2 cores)
    python benchmarks/asr_words.py --device cuda --model DIR

Each case of the held-out sets (benchmarks/heldout: A-F, tune A/C/E, test B/D/F;
benchmarks/heldout2: G-J, all test, dialogues written before any tuning; benchmarks/heldout3:
K-O, all test, dense in names, amounts and dates, written before words16b tried anything;
benchmarks/heldout4: P-T, all test, dense in 万/千 amounts and names after role words, written
before the words16c rules existed; benchmarks/heldout5: U-Y, all test, dense in amounts, dates and
names, written before any words16d change; benchmarks/heldout6: Z1-Z5, all test, dense in 万零/十万
amounts, dates, names and legal terms, written before any words16e change; benchmarks/heldout7:
Z6-Z10, all test, dense in dates with a repeated digit (二零二二) and amounts, written before any
round-6 change; benchmarks/heldout8: Z11-Z15, all test, names that sound like numerals and
amounts after words of paying, written before any round-7 change; benchmarks/heldout9: Z16-Z20,
all test, dense in amounts (with 零) and dates, written before any round-8 change; benchmarks/heldout10:
Z21-Z25, all test, amounts and dates, written after the round-9 number rules and before they were
run on it; benchmarks/heldout11: Z26-Z30, all test, written before round 10's change (a number cut by
a pause read whole) was run on it; benchmarks/heldout12: Z31-Z35, all test, written before any round-11
change was run on it; benchmarks/heldout13: Z36-Z40, all test, written before any round-12 change
was run on it; benchmarks/heldout14: Z41-Z45, all test, written before any round-13 change was run
on it; benchmarks/heldout15: Z46-Z50, all test, written before any round-14 change was run on it;
benchmarks/heldout16: Z51-Z55, all test, written before any round-15 change was run on it;
benchmarks/heldout17: Z56-Z60, all test, written before any round-16 change was run on it;
benchmarks/heldout18: Z61-Z65, all test, written before any round-17 change was run on it;
benchmarks/heldout19: Z66-Z70, all test, written before any round-18 change was run on it;
benchmarks/heldout20: Z71-Z75, all test, written before any round-19 change was run on it;
benchmarks/heldout21: Z76-Z80, all test, written before any round-20 change was run on it;
benchmarks/heldout22: Z81-Z85, all test, written before any round-21 change was run on it;
benchmarks/heldout23: Z86-Z90, all test, written before any round-22 change was run on it;
benchmarks/heldout24: Z91-Z95, all test, written before any round-23 change was run on it;
benchmarks/heldout25: Z96-Z100, all test, written before any round-23 change was run on it;
benchmarks/heldout26: Z101-Z105, all test, written before any round-24 change was run on it;
benchmarks/heldout27: Z106-Z110, all test, written before any round-24 change was run on it;
benchmarks/heldout28: Z111-Z115, all test, written before any round-24 change was run on it;
benchmarks/heldout29: Z116-Z120, all test, written before any round-24 change was run on it;
benchmarks/heldout30: Z121-Z125, all test, written before any round-25 change was run on it;
benchmarks/heldout31: Z126-Z130, all test, written before any round-25 change was run on it;
benchmarks/heldout32: Z131-Z135, all test, written before any round-26 change was run on it;
benchmarks/heldout33: Z136-Z140, all test, written before any round-26 change was run on it;
benchmarks/heldout34: Z141-Z145, all test, written before any round-27 change was run on it;
benchmarks/heldout35: Z146-Z150, all test, written before any round-27 change was run on it;
benchmarks/heldout36: Z151-Z155 and benchmarks/heldout37: Z156-Z160, all test, written before any
round-28 change was run on them; benchmarks/heldout38: Z161-Z165 and benchmarks/heldout39:
Z166-Z170, all test, written before any round-29 change was run on them; benchmarks/heldout40:
Z171-Z175 and benchmarks/heldout41: Z176-Z180, all test, written before any round-30 change was
run on them; benchmarks/heldout42: Z181-Z185 and benchmarks/heldout43: Z186-Z190, all test,
written before any round-31 change was run on them; benchmarks/heldout44: Z191-Z195 and
benchmarks/heldout45: Z196-Z200, all test, written before any round-32 change was run on them;
benchmarks/heldout46: Z201-Z205 and benchmarks/heldout47: Z206-Z210, all test, written before
any round-33 change was run on them; benchmarks/heldout48: Z211-Z215 and benchmarks/heldout49:
Z216-Z220, all test, written before any round-34 change was run on them; benchmarks/heldout50:
Z221-Z225 and benchmarks/heldout51: Z226-Z230, all test, written before any round-35 change was
run on them; benchmarks/heldout52: Z231-Z235 and benchmarks/heldout53: Z236-Z240, all test, written
before any round-36 change was run on them; benchmarks/heldout54: Z241-Z245 and
benchmarks/heldout55: Z246-Z250, all test, written before any round-37 change was run on them;
benchmarks/heldout56: Z251-Z255 and benchmarks/heldout57: Z256-Z260, all test, written before any
round-38 change was run on them, the first with the case register's key words and sexes;
benchmarks/heldout58: Z261-Z265 and benchmarks/heldout59: Z266-Z270, all test, written before any
round-39 change was run on them; benchmarks/heldout60: Z271-Z275 and benchmarks/heldout61: Z276-Z280, all
test, written before any round-39 or round-40 change was run on them; benchmarks/heldout62: Z281-Z285 and
benchmarks/heldout63: Z286-Z290, all test, written before any round-41 or round-42 change was run on them;
benchmarks/heldout64: Z291-Z295 and benchmarks/heldout65: Z296-Z300, all test, written before any round-43
change was run on them;
benchmarks/heldout66: Z301-Z305 and benchmarks/heldout67: Z306-Z310, all test, written before any round-44
change was run on them;
benchmarks/heldout68: Z311-Z315 and benchmarks/heldout69: Z316-Z320, all test, written before any round-45
change was run on them;
benchmarks/heldout70: Z321-Z325 and benchmarks/heldout71: Z326-Z330, all test, written before any round-46
change was run on them;
benchmarks/heldout72: Z331-Z335 and benchmarks/heldout73: Z336-Z340, all test, written before any round-47
change was run on them;
pick sets with --sets, e.g. --sets heldout4) is one hearing:
its sentences in order, 1.0-1.6 s of low noise between them, one speaker stream.

- offline: asr.file on the case's audio (VAD + batching worker, no interim passes);
- live: the same audio through 48 kHz Opus at 32 kb/s (asr.evaluation.opus_round_trip)
  fed in real time, 20 ms at a time, to a live TranscriptionService (interim and early
  passes on), as a hearing's participant is.

Two configurations, in the same run:
- before: the issue-3 pipeline: a fixed prompt per case (case number, cause, court terms,
  names as hotwords), correction by same sound or near-homophone only, greedy finals on a CPU;
- after: asr.context.HearingContext as a hearing now uses it: the same prompt, and
  correction with one-syllable slips gated on Whisper's doubt; `after-recent` also ends
  the prompt with the hearing's last three lines (not the default: no gain on tune).

Measures (every segment matched to the sentence it overlaps most):
- CER, normalised (numbers by value, no punctuation);
- names recall: occurrences of the case's names (and the short forms of organisations)
  in the references written exactly so in the hypothesis;
- amounts and dates recall: "N元" and "YYYY年M月D日" of the references, after both sides'
  numerals are normalised, found in the hypothesis as a whole number (not inside a longer one);
- legal-terms recall: occurrences of general-lexicon terms (asr.lexicon.LEGAL_TERMS);
- correction precision: automatic replacements of terms and amounts (not number notation) that bring
  the sentence closer to its reference, over all of them.
Reported for the tune half (A, C, E), the test cases (B, D, F, G-J), the new test cases
(K-O), the newer (P-T), U-Y, Z1-Z5, Z6-Z10, Z11-Z15 and all test cases together: the thresholds were chosen on tune only; targets are
judged on test.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import sys
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from asr.context import HearingContext  # noqa: E402
from asr.evaluation import CaseContext, load_speech_set, normalize_for_cer, opus_round_trip  # noqa: E402
from asr.file import atranscribe_file, read_audio  # noqa: E402
from asr.lexicon import LEGAL_TERMS, case_terms, name_variants  # noqa: E402
from asr.numbers import canonical_numbers  # noqa: E402
from asr.prompt import build_prompt  # noqa: E402
from asr.segment import Segment, Speaker  # noqa: E402
from asr.streaming import SegmenterOptions  # noqa: E402
from asr.text import edit_distance, to_simplified  # noqa: E402
from asr.worker import ServiceOptions, TranscriptionService  # noqa: E402

SR = 16_000
CHUNK = 320
SETS = {name: ROOT / "benchmarks" / name for name in ("heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9", "heldout10", "heldout11", "heldout12", "heldout13", "heldout14", "heldout15", "heldout16", "heldout17", "heldout18", "heldout19", "heldout20", "heldout21", "heldout22", "heldout23", "heldout24", "heldout25", "heldout26", "heldout27", "heldout28", "heldout29", "heldout30", "heldout31", "heldout32", "heldout33", "heldout34", "heldout35", "heldout36", "heldout37", "heldout38", "heldout39", "heldout40", "heldout41", "heldout42", "heldout43", "heldout44", "heldout45", "heldout46", "heldout47", "heldout48", "heldout49", "heldout50", "heldout51", "heldout52", "heldout53", "heldout54", "heldout55", "heldout56", "heldout57", "heldout58", "heldout59", "heldout60", "heldout61", "heldout62", "heldout63", "heldout64", "heldout65", "heldout66", "heldout67", "heldout68", "heldout69", "heldout70", "heldout71", "heldout72", "heldout73")}
NOISE = ROOT / "tests" / "data" / "speech" / "noise_low_20s.flac"
TEST = "test (B, D, F, G-J)"
# Each later set was made for one round before any of its changes: its own group, judged on its own.
LATER_TESTS = {
    "heldout3": "new test (K-O)",  # words16b, before anything was tried on it
    "heldout4": "newer test (P-T)",  # words16c, before its rules existed
    "heldout5": "newest test (U-Y)",  # words16d
    "heldout6": "heldout6 (Z1-Z5)",  # words16e
    "heldout7": "heldout7 (Z6-Z10)",  # round 6
    "heldout8": "heldout8 (Z11-Z15)",  # round 7
    "heldout9": "heldout9 (Z16-Z20)",  # round 8
    "heldout10": "heldout10 (Z21-Z25)",  # round 9
    "heldout11": "heldout11 (Z26-Z30)",  # round 10
    "heldout12": "heldout12 (Z31-Z35)",  # round 11
    "heldout13": "heldout13 (Z36-Z40)",  # round 12
    "heldout14": "heldout14 (Z41-Z45)",  # round 13
    "heldout15": "heldout15 (Z46-Z50)",  # round 14
    "heldout16": "heldout16 (Z51-Z55)",  # round 15
    "heldout17": "heldout17 (Z56-Z60)",  # round 16
    "heldout18": "heldout18 (Z61-Z65)",  # round 17
    "heldout19": "heldout19 (Z66-Z70)",  # round 18
    "heldout20": "heldout20 (Z71-Z75)",  # round 19
    "heldout21": "heldout21 (Z76-Z80)",  # round 20
    "heldout22": "heldout22 (Z81-Z85)",  # round 21
    "heldout23": "heldout23 (Z86-Z90)",  # round 22
    "heldout24": "heldout24 (Z91-Z95)",  # round 23
    "heldout25": "heldout25 (Z96-Z100)",  # round 23
    "heldout26": "heldout26 (Z101-Z105)",  # round 24
    "heldout27": "heldout27 (Z106-Z110)",  # round 24
    "heldout28": "heldout28 (Z111-Z115)",  # round 24
    "heldout29": "heldout29 (Z116-Z120)",  # round 24
    "heldout30": "heldout30 (Z121-Z125)",  # round 25
    "heldout31": "heldout31 (Z126-Z130)",  # round 25
    "heldout32": "heldout32 (Z131-Z135)",  # round 26
    "heldout33": "heldout33 (Z136-Z140)",  # round 26
    "heldout34": "heldout34 (Z141-Z145)",  # round 27
    "heldout35": "heldout35 (Z146-Z150)",  # round 27
    "heldout36": "heldout36 (Z151-Z155)",  # round 28
    "heldout37": "heldout37 (Z156-Z160)",  # round 28
    "heldout38": "heldout38 (Z161-Z165)",  # round 29
    "heldout39": "heldout39 (Z166-Z170)",  # round 29
    "heldout40": "heldout40 (Z171-Z175)",  # round 30
    "heldout41": "heldout41 (Z176-Z180)",  # round 30
    "heldout42": "heldout42 (Z181-Z185)",  # round 31
    "heldout43": "heldout43 (Z186-Z190)",  # round 31
    "heldout44": "heldout44 (Z191-Z195)",  # round 32
    "heldout45": "heldout45 (Z196-Z200)",  # round 32
    "heldout46": "heldout46 (Z201-Z205)",  # round 33
    "heldout47": "heldout47 (Z206-Z210)",  # round 33
    "heldout48": "heldout48 (Z211-Z215)",  # round 34
    "heldout49": "heldout49 (Z216-Z220)",  # round 34
    "heldout50": "heldout50 (Z221-Z225)",  # round 35
    "heldout51": "heldout51 (Z226-Z230)",  # round 35
    "heldout52": "heldout52 (Z231-Z235)",  # round 36
    "heldout53": "heldout53 (Z236-Z240)",  # round 36
    "heldout54": "heldout54 (Z241-Z245)",  # round 37
    "heldout55": "heldout55 (Z246-Z250)",  # round 37
    "heldout56": "heldout56 (Z251-Z255)",  # round 38
    "heldout57": "heldout57 (Z256-Z260)",  # round 38
    "heldout58": "heldout58 (Z261-Z265)",  # round 39
    "heldout59": "heldout59 (Z266-Z270)",  # round 39
    "heldout60": "heldout60 (Z271-Z275)",  # round 40 (a second check of round 39)
    "heldout61": "heldout61 (Z276-Z280)",
    "heldout62": "heldout62 (Z281-Z285)",  # round 42 (rounds 41 and 42)
    "heldout63": "heldout63 (Z286-Z290)",
    "heldout64": "heldout64 (Z291-Z295)",  # round 43
    "heldout65": "heldout65 (Z296-Z300)",
    "heldout66": "heldout66 (Z301-Z305)",  # round 44
    "heldout67": "heldout67 (Z306-Z310)",
    "heldout68": "heldout68 (Z311-Z315)",  # round 45
    "heldout69": "heldout69 (Z316-Z320)",
    "heldout70": "heldout70 (Z321-Z325)",  # round 46
    "heldout71": "heldout71 (Z326-Z330)",
    "heldout72": "heldout72 (Z331-Z335)",  # round 47
    "heldout73": "heldout73 (Z336-Z340)",
}
ALL_TEST = "all test (B, D, F, G-Y, Z1-Z340)"
TARGETS = {"names": 0.95, "numbers": 0.95, "terms": 0.90, "precision": 0.98, "cer": 0.10, "gap": 0.01}


@dataclass
class Hearing:
    """One case as one hearing: its sentences joined with noise gaps."""

    set_name: str
    case: CaseContext
    texts: list[str]
    spans: list[tuple[float, float]]  # each sentence's time in the audio
    audio: np.ndarray
    hyps: dict[str, list[list[Segment]]] = field(default_factory=dict)  # run -> per sentence


def build_hearings(set_names: list[str], seed: int = 16) -> list[Hearing]:
    noise = read_audio(NOISE)
    hearings = []
    for set_name in set_names:
        # One draw of gaps per set: with one generator for the run, a set's audio (and so,
        # through base, its words) changed with the sets chosen before it.
        rng = random.Random(f"{seed}/{set_name}")
        speech = load_speech_set(SETS[set_name], set_name)
        by_case: dict[str, list] = {}
        for s in speech.sentences:
            by_case.setdefault(s.case.case_id, []).append(s)
        for sentences in by_case.values():
            parts, spans, t = [noise[: int(0.5 * SR)]], [], 0.5
            for s in sentences:
                a = read_audio(s.file)
                spans.append((t, t + len(a) / SR))
                gap = noise[: int(SR * rng.uniform(1.0, 1.6))]
                parts += [a, gap]
                t += (len(a) + len(gap)) / SR
            hearings.append(Hearing(set_name, sentences[0].case, [s.text for s in sentences], spans, np.concatenate(parts).astype(np.float32)))
    return hearings


def assign(hearing: Hearing, segments: list[Segment]) -> list[list[Segment]]:
    out: list[list[Segment]] = [[] for _ in hearing.texts]
    for seg in segments:
        overlaps = [min(seg.end, b) - max(seg.start, a) for a, b in hearing.spans]
        k = int(np.argmax(overlaps))
        if overlaps[k] > 0:
            out[k].append(seg)
    return out


def context_for(case: CaseContext, config: str) -> tuple[HearingContext | None, dict]:
    """(context, open_stream keywords) of a configuration."""
    if config in ("after", "after-nojoin", "after-norescore", "after-nonumerals", "after-hanzi", "after-norivals"):  # the default context (no recent lines: see asr.context)
        return HearingContext(case.case_number, case.cause, case.names), {}
    if config in ("after-register", "after-register-nonumberrivals", "after-register-narrownumberrivals"):  # with the case register's key words and people's sexes (round 38)
        return HearingContext(case.case_number, case.cause, case.names, key_terms=case.key_terms, sexes=dict(case.sexes),
                              roles=case.roles), {}
    if config == "after-recent":  # with the hearing's last 3 lines at the end of the prompt
        return HearingContext(case.case_number, case.cause, case.names, recent_lines=3), {}
    prompt, hotwords = build_prompt(case.case_number, case.cause, case.names)
    return None, {"prompt": prompt, "hotwords": hotwords or None, "case_terms": case_terms(case.cause, case.names)}


def options_for(config: str, base: ServiceOptions) -> ServiceOptions:
    if config == "before" and base.decoder.beam_size is None:  # the issue-3 decoder: greedy on a CPU
        base = replace(base, decoder=replace(base.decoder, beam_size=1 if base.max_batch < 16 else 5))  # batch 16: CUDA
    if config == "before" or config.endswith("-nojoin"):  # finals never held for the next utterance
        base = replace(base, join_number_within_s=None)
    if config == "before" or config.endswith("-norescore"):  # the beam's best, as Whisper gives it
        base = replace(base, decoder=replace(base.decoder, hypotheses=1))
    if config == "before" or config.endswith("-nonumerals"):  # amounts as Whisper's digits have them: no second reading
        base = replace(base, decoder=replace(base.decoder, numeral_reading=False))
    if config == "before" or config.endswith("-norivals"):  # every term written that the corrector finds: Whisper judges none
        base = replace(base, rivals=False)
    if config == "before" or config.endswith("-nonumberrivals"):  # numbers as Whisper wrote them: no near reading judged (round 45's pipeline)
        base = replace(base, number_rivals=False)
    if config == "before" or config.endswith("-narrownumberrivals"):  # round 46's near readings only: no swap, no numeral reading judged
        base = replace(base, wider_number_rivals=False)
    if config == "after-hanzi":  # digit tokens suppressed: Whisper writes numbers in Chinese numerals (round 12: worse)
        base = replace(base, decoder=replace(base.decoder, suppress_chars=(*base.decoder.suppress_chars, *"0123456789０１２３４５６７８９")))
    return replace(base, slips=config.startswith("after"))


# The live/offline gap, taken apart (--paths): each variant changes one thing of the path.
PATHS = {
    "offline": "asr.file on the clean audio",
    "offline-opus": "asr.file on the Opus round trip (the codec alone)",
    "offline-resampled": "asr.file on the audio through the live path's 16 -> 48 -> 16 kHz conversions, no codec",
    "offline-shifted": "asr.file on the clean audio 7 ms later (how much base moves on a change nobody hears)",
    "live": "Opus, real time, interim and early passes (a hearing)",
    "live-noearly": "live without the early pass at 0.2 s pauses",
    "live-nointerim": "live without interim passes",
    "live-plain": "live without interim or early passes (real-time feeding and Opus only)",
}


async def run_offline(model, name: str, hearing: Hearing, config: str, base: ServiceOptions, opus: bool = False) -> list[Segment]:
    context, kw = context_for(hearing.case, config)
    audio = live_audio(hearing.audio) if opus else hearing.audio
    return await atranscribe_file(audio, model=model, model_name=name, options=options_for(config, base), context=context,
                                  prompt=kw.get("prompt"), hotwords=kw.get("hotwords"), case_terms=kw.get("case_terms"))


OPUS_BITRATE = [32_000]  # what a browser sends by default (--opus-bitrate)
OPUS = {"application": "voip", "channels": 1}  # a browser's microphone (--opus-application, --opus-channels)


def live_audio(audio: np.ndarray, codec: bool = True) -> np.ndarray:
    return opus_round_trip(audio, OPUS_BITRATE[0], codec=codec, application=OPUS["application"], channels=OPUS["channels"])


async def run_path(model, name: str, hearing: Hearing, config: str, base: ServiceOptions, path_kind: str) -> list[Segment]:
    if path_kind == "offline-shifted":
        shift = int(0.007 * SR)
        shifted = replace(hearing, audio=np.concatenate([hearing.audio[:shift], hearing.audio]),
                          spans=[(a + shift / SR, b + shift / SR) for a, b in hearing.spans])
        segments = await run_offline(model, name, shifted, config, base)
        return [replace(s, start=s.start - shift / SR, end=s.end - shift / SR) for s in segments]
    if path_kind == "offline-resampled":
        return await run_offline(model, name, replace(hearing, audio=live_audio(hearing.audio, codec=False)), config, base)
    if path_kind.startswith("offline"):
        return await run_offline(model, name, hearing, config, base, opus=path_kind == "offline-opus")
    if path_kind in ("live-noearly", "live-plain"):
        base = replace(base, speculate_after_s=None)
    if path_kind in ("live-nointerim", "live-plain"):
        base = replace(base, interim=False)
    return await run_live(model, name, hearing, config, base)


async def run_live(model, name: str, hearing: Hearing, config: str, base: ServiceOptions) -> list[Segment]:
    audio = live_audio(hearing.audio)
    finals: list[Segment] = []
    service = TranscriptionService(model, model_name=name, on_segment=lambda s: finals.append(s) if s.final else None,
                                   options=options_for(config, base))
    await service.start()
    context, kw = context_for(hearing.case, config)
    stream = service.open_stream("live", hearing_id=hearing.case.case_id, speaker=Speaker("p", "party", "p"), context=context, **kw)
    t0 = time.monotonic() + 0.1
    for i in range(0, len(audio), CHUNK):
        delay = t0 + i / SR - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        stream.feed(audio[i : i + CHUNK], i / SR)
    stream.close()
    await service.stop()
    return finals


# -- scoring ---------------------------------------------------------------------------
def count(text: str, word: str) -> int:
    return text.count(word) if word else 0


def occurrences(ref: str, words: list[str]) -> list[str]:
    """Non-overlapping occurrences of `words` in `ref`, longest first (then in code-point
    order: with set order, overlapping terms of one length were counted differently from
    one process to the next, 145-147 terms on test)."""
    found, taken = [], []
    for w in sorted(set(words), key=lambda w: (-len(w), w)):  # ties in a fixed order: the same count every run
        for m in re.finditer(re.escape(w), ref):
            if not any(m.start() < b and a < m.end() for a, b in taken):
                taken.append((m.start(), m.end()))
                found.append(w)
    return found


def recall(pairs: list[tuple[str, str]], words_of) -> tuple[int, int]:
    hit = total = 0
    for hyp, ref in pairs:
        wanted = occurrences(ref, words_of(ref))
        for w in set(wanted):
            n = wanted.count(w)
            total += n
            hit += min(n, count(hyp, w))
    return hit, total


_AMOUNT_DATE = re.compile(r"\d+(?:\.\d+)?元|\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?")


def number_recall(pairs: list[tuple[str, str]]) -> tuple[int, int]:
    hit = total = 0
    for hyp, ref in pairs:
        h = canonical_numbers(to_simplified(hyp)).replace(" ", "")
        for m in _AMOUNT_DATE.finditer(canonical_numbers(ref)):
            total += 1
            # Whole numbers only: "19600元" holds "9600元" but is not it (round 12; until then
            # it counted, two amounts of the earlier sets and one of heldout12).
            hit += re.search(rf"(?<![\d.]){re.escape(m.group(0))}", h) is not None
    return hit, total


def precision(sentences: list[tuple[list[Segment], str]]) -> tuple[int, int]:
    """(right, all) term replacements: right when undoing it moves the text away from the reference."""
    right = total = 0
    for segs, ref in sentences:
        target = normalize_for_cer(ref)
        for k, seg in enumerate(segs):
            for c in seg.corrections:
                if c["why"].split(" (")[0] in ("number", "punctuation"):  # notation, not what was heard
                    continue
                undone = seg.text[: c["start"]] + c["original"] + seg.text[c["end"] :]
                rest = "".join(s.text for s in segs[:k]), "".join(s.text for s in segs[k + 1 :])
                now = edit_distance(normalize_for_cer(rest[0] + seg.text + rest[1]), target)
                before = edit_distance(normalize_for_cer(rest[0] + undone + rest[1]), target)
                total += 1
                right += now < before
    return right, total


def names_of(case: CaseContext):
    names = [v for n in case.names for v in name_variants(to_simplified(n))]
    return lambda ref: names


def terms_of(ref: str) -> list[str]:
    return [t for t in LEGAL_TERMS if t in ref]


def score(hearings: list[Hearing], run: str) -> dict:
    pairs_all, names_hit, names_total, sentences = [], 0, 0, []
    edits = length = 0
    for h in hearings:
        pairs = [("".join(s.text for s in segs), ref) for segs, ref in zip(h.hyps[run], h.texts)]
        pairs_all += pairs
        a, b = recall(pairs, names_of(h.case))
        names_hit += a
        names_total += b
        sentences += list(zip(h.hyps[run], h.texts))
        for hyp, ref in pairs:
            edits += edit_distance(normalize_for_cer(hyp), normalize_for_cer(ref))
            length += len(normalize_for_cer(ref))
    num = number_recall(pairs_all)
    terms = recall(pairs_all, terms_of)
    prec = precision(sentences)
    keys = (0, 0)
    for h in hearings:  # the case's key words said, where the set gives them (heldout56 on)
        a, b = recall([("".join(s.text for s in segs), ref) for segs, ref in zip(h.hyps[run], h.texts)],
                      lambda ref, h=h: [t for t in h.case.key_terms if t in ref])
        keys = (keys[0] + a, keys[1] + b)
    return {"cer": edits / max(1, length), "names": (names_hit, names_total), "numbers": num, "terms": terms, "precision": prec,
            "keys": keys}


def frac(pair: tuple[int, int]) -> str:
    a, b = pair
    return f"{a / b:.1%} ({a}/{b})" if b else "-"


async def main_async(args) -> int:
    from asr.decoder import DecoderOptions
    from asr.model import load_model, resolve_device, resolve_model_path
    from courtroom.config import Settings

    settings = Settings()
    path = Path(args.model) if args.model else resolve_model_path(settings.whisper_model, settings.models_dir)
    device, compute = resolve_device(args.device)
    model = load_model(path, device=args.device, cpu_threads=args.threads)
    name = path.name
    segmenter = SegmenterOptions() if args.min_silence is None else SegmenterOptions(min_silence_s=args.min_silence)
    base = ServiceOptions(decoder=DecoderOptions(beam_size=args.beam), max_batch=16 if device == "cuda" else 4, segmenter=segmenter)
    print(f"model {name} on {device} ({compute}), beam {base.decoder.beam_size or 5} (before: {options_for('before', base).decoder.beam_size})", flush=True)
    hearings = build_hearings(args.sets, args.seed)
    paths = args.paths or (["offline"] if args.skip_live else ["offline", "live"])
    runs = [(p, c) for c in args.configs for p in paths]
    for path_kind, config in runs:
        t = time.perf_counter()
        for h in hearings:
            segments = await run_path(model, name, h, config, base, path_kind)
            h.hyps[f"{path_kind}/{config}"] = assign(h, segments)
        print(f"{path_kind}/{config}: {time.perf_counter() - t:.0f} s", flush=True)
        if args.verbose:
            for h in hearings:
                for segs, ref in zip(h.hyps[f"{path_kind}/{config}"], h.texts):
                    fixes = "; ".join(f"{c['original']}->{c['corrected']}" for s in segs for c in s.corrections if c["why"] != "number")
                    print(f"  {h.case.case_id} {''.join(s.text for s in segs)} | {ref}  [{fixes}]")
                    if args.boundaries:  # where each final segment lies against its sentence's span
                        a, b = h.spans[h.texts.index(ref)]
                        cuts = " ".join(f"[{s.start - a:+.2f},{s.end - b:+.2f}]{s.text}" for s in segs)
                        print(f"      sentence {b - a:.2f} s; segments (start - sentence start, end - sentence end): {cuts}")
    groups = {
        "tune (A, C, E)": [h for h in hearings if h.case.split == "tune"],
        TEST: [h for h in hearings if h.case.split != "tune" and h.set_name in ("heldout", "heldout2")],
        **{label: [h for h in hearings if h.set_name == name] for name, label in LATER_TESTS.items()},
        ALL_TEST: [h for h in hearings if h.case.split != "tune"],
    }
    print()
    print("| cases | path | config | CER | names recall | amounts+dates recall | legal-terms recall | correction precision | key-words recall |")
    print("|---|---|---|---|---|---|---|---|---|")
    results = {}
    for group, hs in groups.items():
        if not hs:
            continue
        for path_kind, config in runs:
            r = score(hs, f"{path_kind}/{config}")
            results[(group, path_kind, config)] = r
            print(f"| {group} | {path_kind} | {config} | {r['cer']:.3f} | {frac(r['names'])} | {frac(r['numbers'])} | "
                  f"{frac(r['terms'])} | {frac(r['precision'])} | {frac(r['keys']) if r['keys'][1] else '-'} |")
    for test in (TEST, *LATER_TESTS.values(), ALL_TEST):  # the targets, judged on what was never tuned on
        for config in ("after", "after-register"):  # the product's default; with the case register where it has one
            if (test, "offline", config) not in results:
                continue
            off = results[(test, "offline", config)]
            print()
            live = results.get((test, "live", config))
            checks = [
                ("names recall >= 95%", off["names"][0] / max(1, off["names"][1]) >= TARGETS["names"]),
                ("amounts and dates recall >= 95%", off["numbers"][0] / max(1, off["numbers"][1]) >= TARGETS["numbers"]),
                ("legal-terms recall >= 90%", off["terms"][0] / max(1, off["terms"][1]) >= TARGETS["terms"]),
                ("correction precision >= 98%", off["precision"][0] / max(1, off["precision"][1]) >= TARGETS["precision"]),
                ("offline CER <= 0.10", off["cer"] <= TARGETS["cer"]),
            ]
            if live:
                checks += [("live CER <= 0.10", live["cer"] <= TARGETS["cer"]),
                           ("live CER - offline CER <= 0.01", live["cer"] - off["cer"] <= TARGETS["gap"])]
            for what, ok in checks:
                print(f"target on {test}, {config}: {what}: {'met' if ok else 'NOT met'}")
    return 0


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", default=None)
    p.add_argument("--device", default="auto", choices=["auto", "cpu", "cuda"])
    p.add_argument("--threads", type=int, default=min(4, os.cpu_count() or 2))
    p.add_argument("--beam", type=int, default=None)
    p.add_argument("--sets", type=lambda s: [x for x in s.split(",") if x], default=[n for n, d in SETS.items() if (d / "manifest.json").is_file()])
    p.add_argument("--skip-live", action="store_true")
    p.add_argument("--configs", type=lambda s: s.split(","), default=["before", "after"], help="before, after, after-register (after, with the case register's key words and sexes, where the set gives them), after-recent, after-nojoin (after, finals never held for the next utterance), after-norescore (after, the beam's best: no choice among its hypotheses), after-nonumerals (after, amounts not read again in Chinese numerals: round 11's pipeline), after-hanzi (after, no digit tokens at all: numbers in Chinese numerals), after-norivals (after, no term judged against the common words of its sound: round 22's pipeline), after-register-nonumberrivals (after-register, no amount or date judged against its near readings: round 45's pipeline), after-register-narrownumberrivals (after-register, round 46's near readings only: no swapped digits, no amount judged against its Chinese-numeral reading)")
    p.add_argument("--paths", type=lambda s: s.split(","), default=None,
                   help="audio paths to compare: " + "; ".join(f"{k}: {v}" for k, v in PATHS.items()))
    p.add_argument("--opus-bitrate", type=int, default=32_000, help="Opus bitrate of the live and offline-opus paths (b/s)")
    p.add_argument("--opus-application", default="voip", choices=["voip", "audio", "lowdelay"],
                   help="libopus application of the simulated browser (Chrome: voip for a mono microphone)")
    p.add_argument("--opus-channels", type=int, default=1, choices=[1, 2],
                   help="channels the simulated browser encodes (Chrome: 1 unless the answer asks stereo=1)")
    p.add_argument("--seed", type=int, default=16, help="the draw of noise gaps between sentences (base's words move with it)")
    p.add_argument("--min-silence", type=float, default=None, help="silence that ends an utterance (s), both paths (default: SegmenterOptions')")
    p.add_argument("--verbose", action="store_true")
    p.add_argument("--boundaries", action="store_true", help="with --verbose: each segment's start and end against its sentence's")
    args = p.parse_args()
    OPUS_BITRATE[0] = args.opus_bitrate
    OPUS.update(application=args.opus_application, channels=args.opus_channels)
    for path_kind in args.paths or ():
        if path_kind not in PATHS:
            p.error(f"unknown path {path_kind!r} (one of {', '.join(PATHS)})")
    os.environ["HF_HUB_OFFLINE"] = "1"
    return asyncio.run(main_async(args))


if __name__ == "__main__":
    sys.exit(main())
