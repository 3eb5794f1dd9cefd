"""Transcription with the real Whisper base model: accuracy, timing, speakers, guards, CLI.

Thresholds come from measurements on this 2-core CPU with base int8 (benchmarks/README-asr.md,
`python benchmarks/asr.py --skip-live`). Through the file pipeline with its defaults
(general court prompt, contextual correction) the raw CER measured 0.025 on the 14
sentence fixtures (4 of 158 characters) and 0.041 on the 60 s file; without correction
0.070 / 0.078, without the prompt 0.108 / 0.096. The thresholds, 0.06 and 0.07, leave 5-9
characters of margin and fail if either the correction or the prompt is lost.

The fixtures share 21 of the prompt's 34 terms, so they flatter it: the held-out set
(benchmarks/heldout, 30 sentences of six made-up cases, each with its case prompt)
measured 0.221 normalised CER uncorrected and 0.146 corrected; thresholds 0.26 and 0.18,
and the correction must gain at least 0.04 (it measured 0.075).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import re
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from asr.cli import format_time, transcribe_main
from asr.context import HearingContext
from asr.correct import Corrector
from asr.decoder import BatchDecoder, DecodeRequest, DecoderOptions, Hypothesis
from asr.evaluation import corpus_cer as evaluation_cer
from asr.evaluation import load_speech_set
from asr.file import atranscribe_file, read_audio
from asr.lexicon import case_terms
from asr.numbers import canonical_numbers, ends_in_bare_number
from asr.prompt import build_prompt
from asr.rescore import HypothesisChooser
from asr.segment import Segment, Speaker
from asr.text import character_error_rate, is_simplified, strip_for_cer
from asr.worker import ServiceOptions, TranscriptionService
from tests.fixtures.media import wait_until
from tests.fixtures.waiting import wait_for

CER_SENTENCES = 0.06  # measured 0.025 (raw CER, default pipeline)
CER_SIXTY = 0.07  # measured 0.041
HELDOUT_RAW = 0.26  # measured 0.221 (normalised CER, case prompt, no correction)
HELDOUT_CORRECTED = 0.18  # measured 0.146
SR = 16_000
HELDOUT_DIR = Path(__file__).resolve().parents[1] / "benchmarks" / "heldout"


def sentence_files(manifest: dict) -> list[dict]:
    return [f for f in manifest["files"] if f["file"].startswith("zh_court_") and f["file"] != "zh_court_60s.flac"]


def corpus_cer(hyps: list[str], refs: list[str]) -> float:
    edits = sum(character_error_rate(h, r) * len(strip_for_cer(r)) for h, r in zip(hyps, refs))
    return edits / sum(len(strip_for_cer(r)) for r in refs)


async def feed_in_real_time(stream, audio: np.ndarray) -> None:
    """20 ms at a time, at the pace a participant's audio arrives (the pacing is the test's
    input, not a wait for something)."""
    start = time.monotonic()
    for i in range(0, len(audio), 320):
        delay = start + i / SR - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        stream.feed(audio[i : i + 320], i / SR)


@pytest.fixture(scope="module")
async def sentence_transcripts(whisper_model, speech_dir, speech_manifest) -> list[tuple[str, list[Segment]]]:
    """Each of the 14 sentence fixtures through the file pipeline (VAD + worker)."""
    out = []
    for f in sentence_files(speech_manifest):
        segments = await atranscribe_file(speech_dir / f["file"], model=whisper_model, model_name="whisper-base")
        out.append((f["text"], segments))
    return out


async def test_cer_on_the_sentence_fixtures(sentence_transcripts):
    refs = [ref for ref, _ in sentence_transcripts]
    hyps = ["".join(s.text for s in segs) for _, segs in sentence_transcripts]
    cer = corpus_cer(hyps, refs)
    print(f"\nCER on 14 sentence fixtures: {cer:.3f}")
    for h, r in zip(hyps, refs):
        print(f"  {h} | {r}")
    assert cer <= CER_SENTENCES
    assert all(hyps), "every sentence gives text"
    # The prompt's enumeration comma is never copied into the text (it is suppressed).
    assert not any("、" in h for h in hyps)


async def test_output_is_simplified_with_words_on_the_clock(sentence_transcripts):
    for _, segments in sentence_transcripts:
        for s in segments:
            assert s.final and s.model == "whisper-base"
            assert is_simplified(s.text), s.text
            assert 0.0 < s.confidence <= 1.0
            assert s.words and "".join(w.word for w in s.words) == s.text
            times = [(w.start, w.end) for w in s.words]
            assert all(s.start <= a <= b <= s.end for a, b in times)
            assert [a for a, _ in times] == sorted(a for a, _ in times)


async def test_sixty_second_file_in_order_on_time(whisper_model, speech_dir, speech_manifest, caplog):
    entry = next(f for f in speech_manifest["files"] if f["file"] == "zh_court_60s.flac")
    caplog.set_level(logging.DEBUG, logger="asr.worker")
    t = time.perf_counter()
    # max_batch asked for is overruled: a file is read one utterance per Whisper call,
    # whatever the timing (a batch's make-up changes base's words)
    segments = await atranscribe_file(speech_dir / entry["file"], model=whisper_model, options=ServiceOptions(max_batch=4))
    elapsed = time.perf_counter() - t
    batches = [r.args[0].split() for r in caplog.records if r.name == "asr.worker" and r.msg.startswith("batch ")]
    assert len(batches) >= len(segments) and all(len(b) == 1 for b in batches), batches
    refs = entry["segments"]
    print(f"\n60 s file: {len(segments)} segments in {elapsed:.1f} s (RTF {elapsed / entry['duration_s']:.2f})")
    assert len(segments) == len(refs) == 20
    for seg, ref in zip(segments, refs):
        assert abs(seg.start - ref["start"]) < 0.4 and abs(seg.end - ref["end"]) < 0.2
        assert character_error_rate(seg.text, ref["text"]) <= 0.5, (seg.text, ref["text"])
    assert [s.start for s in segments] == sorted(s.start for s in segments)
    cer = corpus_cer([s.text for s in segments], [r["text"] for r in refs])
    print(f"CER on the 60 s file: {cer:.3f}")
    assert cer <= CER_SIXTY


async def test_cer_on_the_heldout_set_with_each_case_prompt(whisper_model):
    """Sentences never tuned on, each with its case's prompt: uncorrected, then with the
    correction the service applies (the same Corrector, segment by segment)."""
    heldout = load_speech_set(HELDOUT_DIR)
    options = ServiceOptions(correct=False)
    raw, corrected = [], []
    for s in heldout.sentences:
        prompt, hotwords = build_prompt(s.case.case_number, s.case.cause, s.case.names)
        segments = await atranscribe_file(s.file, model=whisper_model, prompt=prompt, hotwords=hotwords, options=options)
        corrector = Corrector.for_case(case_terms(s.case.cause, s.case.names), fuzzy=options.fuzzy)
        raw.append("".join(x.text for x in segments))
        corrected.append("".join(corrector.correct(x.text) for x in segments))
    refs = heldout.texts()
    raw_cer = evaluation_cer(raw, refs, normalized=True)
    corrected_cer = evaluation_cer(corrected, refs, normalized=True)
    print(f"\nheld-out CER (normalised): {raw_cer:.3f} uncorrected, {corrected_cer:.3f} corrected")
    for h, c, r in zip(raw, corrected, refs):
        print(f"  {h} -> {c} | {r}")
    assert raw_cer <= HELDOUT_RAW
    assert corrected_cer <= HELDOUT_CORRECTED
    assert corrected_cer < raw_cer - 0.04


@pytest.mark.parametrize("name", ["silence_20s.flac", "noise_low_20s.flac"])
async def test_no_text_from_silence_or_noise(whisper_model, speech_dir, name):
    assert await atranscribe_file(speech_dir / name, model=whisper_model) == []


def test_hallucination_guards_reject_whisper_on_non_speech(whisper_model, speech_dir, court_prompt):
    """Second line of defence, tuned on the no-speech fixtures: even fed to Whisper
    directly (no VAD), silence and noise give nothing that could be committed. Without
    the guards base writes '证据、证据、证据', '法庭纪律', '语语语…' here, and with "、"
    suppressed '语：审判长' (an echo of the prompt's end) (measured)."""
    decoder = BatchDecoder(whisper_model)
    prompt, _ = court_prompt
    requests = []
    for name in ("silence_20s.flac", "noise_low_20s.flac"):
        audio = read_audio(speech_dir / name)
        requests += [DecodeRequest(audio[s * SR : (s + n) * SR], prompt) for s, n in ((0, 1), (4, 3))]
    results = decoder.decode(requests)
    assert [r.rejected for r in results if r.rejected is None] == []
    assert {r.rejected for r in results} <= {"empty", "no_speech", "prompt_echo", "low_logprob", "repetition", "known_hallucination"}


def test_a_clause_whisper_wrote_twice_faster_than_speech_is_kept_once_with_its_tokens(whisper_model):
    """Whisper base repeated a whole sentence in one 3.6 s live utterance (round 27, seen on
    heldout32): the echo goes, with its tokens, so the words are timed on the clause alone. A
    clause said twice slowly enough to have been said twice stays."""
    from asr.decoder import DecodeResult, said_twice_too_fast

    decoder = BatchDecoder(whisper_model)
    tok = decoder._tokenizer("zh")
    clause = "公司机关建议判处被告人有期徒刑一年三个月。"
    tokens = tok.encode(clause) * 2
    short = DecodeRequest(np.zeros(int(3.6 * SR), dtype=np.float32))
    res, kept = decoder._without_echo(tok, DecodeResult(text=clause * 2), tokens, short)
    assert res.text == clause and tok.decode(kept) == clause
    long = DecodeRequest(np.zeros(int(9.0 * SR), dtype=np.float32))  # 38 characters in 9 s: said twice
    res, kept = decoder._without_echo(tok, DecodeResult(text=clause * 2), tokens, long)
    assert res.text == clause * 2 and kept == tokens
    assert said_twice_too_fast("我不同意。我不同意。", 0.5) is None  # too short a clause to call an echo
    assert said_twice_too_fast(clause + "并处罚金五万元。", 1.0) is None  # not one clause twice


def test_invisible_tokens_after_the_text_go_with_their_timing(whisper_model):
    """Whisper can write a loop of invisible characters after the words (round 44, heldout66_12
    offline: "言购软贵相诉设﹑" and 73 U+200D): the text leaves them out and the tokens after the
    last seen one are not timed as words. A clause whose last token is seen keeps every token."""
    from asr.decoder import DecodeResult
    from asr.text import clean_text

    decoder = BatchDecoder(whisper_model)
    tok = decoder._tokenizer("zh")
    said = tok.encode("原告阮桂香诉称，")
    tokens = said + tok.encode("\u200d") * 30
    res = DecodeResult(text=clean_text(tok.decode(tokens)))
    assert res.text == "原告阮桂香诉称，"
    kept = decoder._visible(tok, res, tokens)
    assert kept == said and "\u200d" not in tok.decode(kept)
    plain = DecodeResult(text=clean_text(tok.decode(said)))
    assert decoder._visible(tok, plain, said) == said


async def test_a_loop_of_invisible_characters_costs_the_utterance_nothing(whisper_model):
    """benchmarks/heldout66_12 (Z303, after its judgement), with the case's register and a second of
    silence before it: base's beam wrote seven characters and then U+200D until the token limit, and
    the repetition check dropped the utterance, the plaintiff's name with it. Without the invisible
    characters nothing is a loop: the utterance stays in the record."""
    context = HearingContext("（2025）湘0408民初2751号", "定作合同纠纷",
                             ["阮桂香", "衡阳康步假肢矫形器有限公司", "祝海波", "井雅丽", "尚志勇"],
                             key_terms=["假肢", "接受腔", "残肢", "取模", "碳纤维", "压疮", "脚板"],
                             sexes={"阮桂香": "female", "祝海波": "male", "井雅丽": "female", "尚志勇": "male"})
    clip = read_audio(Path(__file__).resolve().parents[1] / "benchmarks" / "heldout66" / "heldout66_12.flac")
    audio = np.concatenate([np.zeros(SR, np.float32), clip, np.zeros(SR // 2, np.float32)])
    segments = await atranscribe_file(audio, model=whisper_model, model_name="whisper-base", options=ServiceOptions(), context=context)
    texts = [s.text for s in segments]
    assert texts and "阮桂香" in texts[0], texts
    assert not any("\u200d" in t for t in texts), texts
    assert "衡阳康步假肢矫形器有限公司" in "".join(texts), texts


async def test_two_concurrent_speakers_stay_apart_and_in_order(whisper_model, speech_dir, speech_manifest, court_prompt):
    files = sentence_files(speech_manifest)
    noise = read_audio(speech_dir / "noise_low_20s.flac")
    speakers = {
        "judge": (Speaker("p-judge", "presiding_judge", "王审判长"), [files[0], files[3], files[12]]),
        "plaintiff": (Speaker("p-plaintiff", "plaintiff", "张三"), [files[7], files[9], files[5]]),
    }
    tracks, expected = {}, {}
    for k, (sid, (_, clips)) in enumerate(speakers.items()):
        parts, t, exp = [noise[: int(SR * (0.5 + 1.3 * k))]], 0.5 + 1.3 * k, []
        for f in clips:
            audio = read_audio(speech_dir / f["file"])
            exp.append((f["text"], t, t + len(audio) / SR))
            parts += [audio, noise[: SR]]
            t += len(audio) / SR + 1.0
        tracks[sid], expected[sid] = np.concatenate(parts), exp

    got: list[Segment] = []
    service = TranscriptionService(whisper_model, model_name="whisper-base", on_segment=got.append)
    await service.start()
    prompt, hotwords = court_prompt
    streams = {sid: service.open_stream(sid, hearing_id="h1", speaker=spk, prompt=prompt, hotwords=hotwords) for sid, (spk, _) in speakers.items()}
    t0 = 500.0  # hearing clock of the first sample
    longest = max(len(a) for a in tracks.values())
    for i in range(0, longest, 320):  # interleaved 20 ms frames, as the media path delivers them
        for sid, audio in tracks.items():
            if i < len(audio):
                streams[sid].feed(audio[i : i + 320], t0 + i / SR)
        if i % 16000 == 0:
            await asyncio.sleep(0)  # a yield, not a wait: the service's tasks run between seconds of audio
    await service.stop()

    finals = [s for s in got if s.final]
    for sid, (speaker, _) in speakers.items():
        mine = [s for s in finals if s.stream_id == sid]
        assert all(s.speaker == speaker and s.hearing_id == "h1" for s in mine)
        assert [s.start for s in mine] == sorted(s.start for s in mine)
        refs = expected[sid]
        assert len(mine) == len(refs)
        all_refs = [text for exp in expected.values() for text, _, _ in exp]
        for seg, (text, start, end) in zip(mine, refs):
            assert abs(seg.start - (t0 + start)) < 0.4 and abs(seg.end - (t0 + end)) < 0.3
            # Each segment reads as its own speaker's sentence, not the other's.
            own = character_error_rate(seg.text, text)
            assert own <= 0.5 and all(own < character_error_rate(seg.text, other) for other in all_refs if other != text), (sid, seg.text, text)
    # Segments of one stream are delivered in their order on the hearing clock.
    for sid in speakers:
        order = [s.start for s in finals if s.stream_id == sid]
        assert order == sorted(order)


async def test_interim_text_precedes_its_final_with_the_same_id(whisper_model, speech_dir, court_prompt):
    """Fed in real time, a long sentence shows interim text before its final."""
    clip = read_audio(speech_dir / "zh_court_11.flac")  # 3.9 s
    noise = read_audio(speech_dir / "noise_low_20s.flac")
    audio = np.concatenate([noise[: SR // 2], clip, clip, noise[:SR]])  # 8.3 s, one utterance
    got: list[Segment] = []
    service = TranscriptionService(whisper_model, model_name="whisper-base", on_segment=got.append)
    await service.start()
    prompt, _ = court_prompt
    stream = service.open_stream("s1", hearing_id="h", speaker=Speaker("p1", "clerk", "李书记员"), prompt=prompt)
    await feed_in_real_time(stream, audio)
    await service.stop()
    finals = [s for s in got if s.final]
    interims = [s for s in got if not s.final]
    assert finals and interims
    final_ids = {s.segment_id for s in finals}
    assert any(s.segment_id in final_ids for s in interims)
    for f in finals:  # no interim of a segment after its final
        idx = got.index(f)
        assert all(s.final or s.segment_id != f.segment_id for s in got[idx + 1 :])
    assert all(is_simplified(s.text) for s in got)


async def test_back_pressure_queues_and_reports_lag_and_drops_nothing(whisper_model, speech_dir, speech_manifest, court_prompt):
    files = sentence_files(speech_manifest)[:8]
    got: list[Segment] = []
    service = TranscriptionService(whisper_model, model_name="whisper-base", on_segment=got.append, options=ServiceOptions(interim=False))
    await service.start()
    prompt, _ = court_prompt
    gap = np.zeros(SR, dtype=np.float32)
    for k, f in enumerate(files):  # 8 speakers, all at once, faster than real time
        stream = service.open_stream(f"s{k}", hearing_id="h", speaker=Speaker(f"p{k}", "witness", f"证人{k}"), prompt=prompt)
        audio = np.concatenate([gap, read_audio(speech_dir / f["file"]), gap])
        for i in range(0, len(audio), 320):
            stream.feed(audio[i : i + 320], i / SR)

    def behind() -> dict | None:
        stats = service.stats()
        return stats if stats["utterances_pending"] >= 2 and stats["queued_audio_s"] > 2.0 and stats["lag_s"] > 0.1 else None

    # The lag grows while utterances wait: catch the service while it is behind.
    stats = await wait_for(behind, 10, "the service reporting it is behind (pending, queued audio, lag)",
                           interval=0.02, describe=service.stats)
    print("\nstats while behind:", stats)
    assert stats["utterances_pending"] >= 2 and stats["queued_audio_s"] > 2.0 and stats["lag_s"] > 0.1
    await service.stop()
    after = service.stats()
    assert after["utterances_pending"] == 0 and after["lag_s"] == 0.0
    assert len([s for s in got if s.final]) == len(files)
    assert after["batches"] < len(files)  # utterances were batched together


async def test_cli_plain_output(whisper_model_dir, speech_dir, capsys):
    args = argparse.Namespace(audio=str(speech_dir / "zh_court_11.flac"), language="zh", json=False, model=str(whisper_model_dir), device="cpu", prompt=None)
    # transcribe_main runs its own event loop (asyncio.run): give it a thread of its own.
    assert await asyncio.to_thread(transcribe_main, args) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1
    assert re.fullmatch(r"\[00:00\.\d\d-00:0[34]\.\d\d\] \S+", lines[0]), lines[0]
    assert character_error_rate(lines[0].split("] ", 1)[1], "法庭调查结束，现在进行法庭辩论。") <= 0.3
    assert format_time(75.456) == "01:15.46"


def test_cli_json_output(whisper_model_dir, speech_dir):
    proc = subprocess.run(
        [sys.executable, "-m", "web.cli", "transcribe", str(speech_dir / "zh_court_07.flac"), "--json", "--model", str(whisper_model_dir), "--device", "cpu"],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(rows) == 1
    row = rows[0]
    assert {"start", "end", "text", "speaker", "confidence", "words"} <= row.keys()
    assert 0.0 <= row["start"] < row["end"] <= 3.4
    assert character_error_rate(row["text"], "原告请求判令被告支付货款五万元。") <= 0.3
    assert row["words"][0]["start"] >= row["start"]

    bad = subprocess.run(
        [sys.executable, "-m", "web.cli", "transcribe", str(speech_dir / "missing.flac"), "--model", str(whisper_model_dir)],
        capture_output=True, text=True, timeout=120,
    )
    assert bad.returncode == 1 and "no such file" in bad.stderr
    # One person cannot be registered both a woman and a man: said before anything is loaded.
    both = subprocess.run(
        [sys.executable, "-m", "web.cli", "transcribe", str(speech_dir / "zh_court_07.flac"), "--names", "张伟,李娜",
         "--key-terms", "货款", "--women", "李娜", "--men", "张伟,李娜", "--model", str(whisper_model_dir)],
        capture_output=True, text=True, timeout=120,
    )
    assert both.returncode == 1 and "李娜 given as both --women and --men" in both.stderr and not both.stdout


async def test_a_number_cut_by_a_pause_is_read_whole(whisper_model, speech_dir):
    """二十七万五千元 said with a pause after 二十七 (zh_number_pause.flac): VAD ends the utterance
    in the pause, and base alone writes "…二十七" | "万五千元", an amount lost. The final ending
    in a bare number is held, the same speaker's next utterance starts within the wait, and
    the two are read again as one: one final under the first utterance's id, spanning both,
    with the amount right and the second utterance's id among those it replaces."""
    clip = speech_dir / "zh_number_pause.flac"
    apart = await atranscribe_file(clip, model=whisper_model, model_name="whisper-base",
                                   options=ServiceOptions(join_number_within_s=None))
    # The fixture does what it is for: two utterances, the first ending in a bare number.
    assert len(apart) == 2, [s.text for s in apart]
    assert ends_in_bare_number(apart[0].text) and apart[1].start - apart[0].end < 1.0
    assert not any("275000" in canonical_numbers(s.text) for s in apart)  # no segment holds the amount

    whole = await atranscribe_file(clip, model=whisper_model, model_name="whisper-base")
    assert len(whole) == 1, [s.text for s in whole]
    seg = whole[0]
    assert "275000元" in seg.text
    assert seg.start == pytest.approx(apart[0].start, abs=0.05) and seg.end == pytest.approx(apart[1].end, abs=0.05)
    assert len(seg.replaces) == 1 and seg.replaces[0] != seg.segment_id
    assert [w.word for w in seg.words] and "".join(w.word for w in seg.words) == seg.text
    assert all(apart[0].start - 0.05 <= w.start <= w.end <= apart[1].end + 0.05 for w in seg.words)


async def test_a_held_number_is_shown_at_once_and_its_lines_become_one(whisper_model, speech_dir, court_prompt):
    """Live (real time, interim passes on): the held text is on the page at once as interim
    text; the final that reads both utterances replaces it and the second's interim lines,
    so a page applying the messages in order ends with one line, and the record (the finals)
    with one segment. A number with no next utterance within the wait is committed as held."""
    clip = read_audio(speech_dir / "zh_number_pause.flac")
    got: list[Segment] = []
    pending_when_held: list[int] = []

    def on_segment(s: Segment) -> None:
        got.append(s)
        if not s.final and s.words and ends_in_bare_number(s.text):  # a final-quality pass, maybe the held one
            pending_when_held.append(service.stats()["utterances_pending"])

    service = TranscriptionService(whisper_model, model_name="whisper-base", on_segment=on_segment)
    await service.start()
    prompt, _ = court_prompt
    stream = service.open_stream("s1", hearing_id="h", speaker=Speaker("p1", "plaintiff", "原告"), prompt=prompt)
    await feed_in_real_time(stream, clip)
    await service.stop()
    finals = [s for s in got if s.final]
    assert len(finals) == 1 and "275000元" in finals[0].text, [(s.final, s.text) for s in got]
    held = [s for s in got if not s.final and s.segment_id == finals[0].segment_id and ends_in_bare_number(s.text)]
    assert held and got.index(held[0]) < got.index(finals[0])  # shown before the final came
    assert max(pending_when_held, default=0) >= 1  # held, it is still owed to the record
    page: dict[str, str] = {}
    for s in got:  # what web/static/hearing-view.js does with the messages
        for gone in s.replaces:
            page.pop(gone, None)
        page[s.segment_id] = s.text
    assert list(page.values()) == [finals[0].text]
    assert service.stats()["joined_numbers"] == 1

    # With silence after it, a final ending in a number waits out the wait (1 s of the
    # speaker's silence), then goes into the record as it was heard, the stream still open.
    got.clear()
    first_half = np.concatenate([clip[: int(3.0 * SR)], np.zeros(2 * SR, dtype=np.float32)])
    service = TranscriptionService(whisper_model, model_name="whisper-base", on_segment=got.append)
    await service.start()
    stream = service.open_stream("s2", hearing_id="h", speaker=Speaker("p1", "plaintiff", "原告"), prompt=prompt)
    for i in range(0, len(first_half), 320):
        stream.feed(first_half[i : i + 320], i / SR)
    await wait_until(lambda: any(s.final for s in got), 60)
    finals = [s for s in got if s.final]
    assert not stream.closed and len(finals) == 1
    assert ends_in_bare_number(finals[0].text) and finals[0].replaces == []
    await service.stop()


def test_a_final_is_chosen_among_the_beams_hypotheses_as_the_record_would_write_it(whisper_model):
    """"被告委托工作人员高建华出庭应诉" (heldout_16): the decoder offers a final's beam (five texts) to
    the chooser and returns the one it picks, timed on that hypothesis's own tokens. Without a chooser,
    or with one that fails, the result is the beam's best, as Whisper gives it.
    Which texts the beam holds moves with the CPU's arithmetic: on an AVX-512 machine its second
    text read "出庭应诉", on an AVX2 one (AMD EPYC, round 38) none does. So the pick is the chooser's
    own test (test_the_chooser_takes_the_text_the_record_would_write, on the texts base wrote)."""
    context = HearingContext("（2025）浙0102行初47号", "行政处罚", ["陈海波", "杭州市上城区市场监督管理局", "高建华"])  # case D
    p = context.prompting()
    audio = read_audio(HELDOUT_DIR / "heldout_16.flac")
    decoder = BatchDecoder(whisper_model)
    offered: list[list[Hypothesis]] = []

    def choose(hypotheses):  # the last of the beam: a pick no score would make
        offered.append(list(hypotheses))
        return len(hypotheses) - 1

    def broken(hypotheses):
        raise RuntimeError("a chooser's bug")

    (plain,) = decoder.decode([DecodeRequest(audio, p.prompt, p.hotwords)])
    (chosen,) = decoder.decode([DecodeRequest(audio, p.prompt, p.hotwords, choose=choose)])
    (fallen,) = decoder.decode([DecodeRequest(audio, p.prompt, p.hotwords, choose=broken)])
    assert len(offered) == 1 and len(offered[0]) == 5  # the beam's five, for a final
    assert strip_for_cer(offered[0][0].text) == strip_for_cer(plain.text) and plain.rank == 0
    assert chosen.rank == 4 and strip_for_cer(chosen.text) == strip_for_cer(offered[0][4].text)
    assert chosen.words and "".join(w.word for w in chosen.words) == chosen.text  # aligned on the chosen tokens
    assert fallen.rank == 0 and fallen.text == plain.text
    # Interim passes are greedy: nothing to choose from, the chooser is not asked.
    offered.clear()
    decoder.decode([DecodeRequest(audio, p.prompt, p.hotwords, final=False, choose=choose)])
    assert offered == []


def test_the_chooser_takes_the_text_the_record_would_write():
    """The beam base gave heldout_16 on an AVX-512 machine (round 11): its first text reads "出庭因素" (初庭因素
    raw), its third "出庭应诉" a little less likely. Read as the record would write each (asr.rescore), the
    one written "出庭应诉" wins; a beam of no better reading keeps its first."""
    context = HearingContext("（2025）浙0102行初47号", "行政处罚", ["陈海波", "杭州市上城区市场监督管理局", "高建华"])
    chooser = HypothesisChooser(context.corrector())
    beam = [Hypothesis("被告委托工作人员高建华初庭因素。", -2.8), Hypothesis("被告委托工作人员高建华初庭因素", -2.9),
            Hypothesis("被告委托工作人员高建华出庭应诉。", -3.6), Hypothesis("被告为脱工作人员高建华初庭因素。", -4.5),
            Hypothesis("被告委托工作人员高健华初庭因素。", -5.0)]
    assert chooser(beam) == 2
    assert chooser([beam[0], beam[1], beam[3], beam[4]]) in (0, 1)


def test_an_amount_is_read_again_in_chinese_numerals_from_the_same_encoding(whisper_model):
    """A final whose text holds an amount in digits is decoded again with no digit tokens (asr.amounts):
    the numeral reading is in Chinese numerals and the corrector reads it. Which sentence base writes in
    digits moves with the CPU's arithmetic ("…合计六万二千四百元", heldout11 Z28, was "612400元" on an AVX-512
    machine, "六万二千四百元" on an AVX2 one), so the sentences of heldout11 with an amount are read until
    one is in digits. The corrector's taking of it is asr's own test (test_asr_words: 612400 -> 62400). A
    text with no amount is not decoded again; with the option off, nothing is."""
    context = HearingContext("（2025）晋0105刑初391号", "盗窃罪", ["柴国斌", "应晓燕", "尚立新", "谈梦瑶"])
    p = context.prompting()
    decoder = BatchDecoder(whisper_model)
    read_again = None
    for k in (13, 1, 3, 5, 8, 11, 16, 20):
        audio = read_audio(HELDOUT_DIR.parent / "heldout11" / f"heldout11_{k:02d}.flac")
        (res,) = decoder.decode([DecodeRequest(audio, p.prompt, p.hotwords)])
        if re.search(r"\d[\d,.]*[万元]", res.text):
            read_again = (audio, res)
            break
    assert read_again is not None, "no sentence of heldout11 written with an amount in digits"
    audio, res = read_again
    assert res.numeral_text and not any(ch.isdigit() for ch in res.numeral_text), (res.text, res.numeral_text)
    assert re.search("[一二三四五六七八九十百千万零两]+[万元]", res.numeral_text), res.numeral_text
    out, log = context.corrector().correct_words_logged(res.words, res.numeral_text)
    assert all("".join(w.word for w in out)[c.start : c.end] == c.corrected for c in log)
    (off,) = BatchDecoder(whisper_model, DecoderOptions(numeral_reading=False)).decode([DecodeRequest(audio, p.prompt, p.hotwords)])
    assert off.text == res.text and off.numeral_text is None
    plain = read_audio(HELDOUT_DIR / "heldout_16.flac")  # no amount in it
    (none,) = decoder.decode([DecodeRequest(plain, p.prompt, p.hotwords)])
    assert none.numeral_text is None


async def _finals_of_one_stream(whisper_model, context: HearingContext, path: Path, speaker: Speaker,
                                **options) -> tuple[list[Segment], dict]:
    """A file fed through a hearing's service as one speaker's stream, no interim passes: its
    final segments and the service's stats. `options`: other ServiceOptions."""
    audio = read_audio(path)
    got: list[Segment] = []
    service = TranscriptionService(whisper_model, model_name="whisper-base", on_segment=got.append,
                                   options=ServiceOptions(interim=False, speculate_after_s=None, **options))
    await service.start()
    stream = service.open_stream("s1", hearing_id="h", speaker=speaker, context=context)
    for i in range(0, len(audio), 320):
        stream.feed(audio[i : i + 320], i / SR)
    stream.close()
    await service.stop()
    return [s for s in got if s.final], service.stats()


async def test_a_year_whisper_doubted_is_taken_from_the_numeral_reading_in_the_record(whisper_model):
    """"二零二五年三月，双方因家庭琐事发生矛盾" (benchmarks/heldout21, case Z77) through a hearing's
    service: base writes "2015年" and doubts it; the same encoding read in Chinese numerals says
    "二〇二五年" (round 21: a year in digits is read again too). The final holds 2025年3月, and
    its correction says so for the clerk."""
    context = HearingContext("（2025）甘0702民初2137号", "婚约财产纠纷", ["邹志鹏", "潘雨欣", "卢海燕", "薛鸿飞"])
    finals, stats = await _finals_of_one_stream(whisper_model, context, HELDOUT_DIR.parent / "heldout21" / "heldout21_08.flac",
                                                Speaker("p1", "plaintiff", "原告"))
    text = "".join(s.text for s in finals)
    assert "2025年3月" in text and "2015" not in text, [s.text for s in finals]
    fixes = [c for s in finals for c in s.corrections if c["why"].startswith("year (read again")]
    assert [(c["original"], c["corrected"]) for c in fixes] == [("2015", "2025")], fixes
    assert stats["numeral_readings"] >= 1


async def test_the_record_takes_the_amount_from_the_numeral_reading_and_shows_why(whisper_model):
    """"…股权以九十六万元转让给原告" (benchmarks/heldout11, case Z26) through a hearing's
    service: base writes "股权196万元" (以 heard as 1), its numeral reading "九十六万元". The final
    segment holds 96万元, its correction says where the amount came from (the record page
    marks it for the clerk), and stats() counts the second reading."""
    context = HearingContext("（2025）鄂0102民初7730号", "股权转让纠纷", ["闵德胜", "骆俊峰", "车婉清", "邰永康"])
    finals, stats = await _finals_of_one_stream(whisper_model, context, HELDOUT_DIR.parent / "heldout11" / "heldout11_01.flac",
                                                Speaker("p1", "prosecutor", "公诉人"))
    # On an AVX-512 machine base wrote "196万" and the correction took 96万 from the numeral reading; on an
    # AVX2 one (round 38) it writes 96万 itself. Either way the record holds 96万元, says why where it changed
    # it, and stats() counts every second reading a correction came from.
    assert len(finals) == 1 and "96万元" in finals[0].text and "196万" not in finals[0].text, [s.text for s in finals]
    fix = [c for c in finals[0].corrections if c["why"].startswith("amount (")]
    assert all(finals[0].text[c["start"] : c["end"]] == c["corrected"] == "96万" for c in fix), fix
    assert stats["numeral_readings"] >= len(fix)


async def test_the_service_writes_the_chosen_text_into_the_record_and_counts_it(whisper_model):
    """Hearings and files: "…潘宏宇到庭参加诉讼" (benchmarks/heldout3, case L) is in the record
    as the chosen text (the beam's first reads "参加速送"), and stats() says how many finals
    were not the beam's first. Fed as `courtroom transcribe` feeds a file: base's beam moves
    with any change to the audio (1 s of silence after it and the first is right)."""
    context = HearingContext("（2025）皖0104民初6652号", "追索劳动报酬纠纷", ["侯建新", "合肥鼎盛装饰工程有限公司", "汤秀兰", "潘宏宇"])
    audio = read_audio(HELDOUT_DIR.parent / "heldout3" / "heldout3_09.flac")
    texts = {}
    for hypotheses in (1, 5):
        got: list[Segment] = []
        options = ServiceOptions(interim=False, speculate_after_s=None, decoder=DecoderOptions(hypotheses=hypotheses))
        service = TranscriptionService(whisper_model, model_name="whisper-base", on_segment=got.append, options=options)
        await service.start()
        stream = service.open_stream("s1", hearing_id="h", speaker=Speaker("p1", "defendant_agent", "代理人"), context=context)
        for i in range(0, len(audio), 320):
            stream.feed(audio[i : i + 320], i / SR)
        stream.close()
        await service.stop()  # the closed stream's last utterance is read before it returns
        finals = [s for s in got if s.final]
        assert len(finals) == 1, [s.text for s in finals]
        texts[hypotheses] = finals[0].text
        assert service.stats()["rescored"] == (hypotheses > 1)
        assert service.stats()["numeral_readings"] == 0  # no amount in it: decoded once
    assert "参加诉讼" not in texts[1] and "到庭参加诉讼" in texts[5], texts


async def test_whisper_judges_a_general_term_against_the_common_words_of_its_sound(whisper_model):
    """"…双方约定的护理等级是二级护理" (benchmarks/heldout23, case Z87): base writes 护理 "等及",
    which the corrector would write as the legal term 登记 (same sound). Scored by forced
    decoding on the same audio and prompt (asr.rivals), the sentence with 等级 is far likelier
    than with 登记, so the record keeps what Whisper wrote; 原告 (for "员告") beats its rival
    原稿 by as much and is written. Without the finder nothing is judged; a finder that fails
    costs the utterance nothing."""
    from asr.correct import RIVAL_LEAD
    from asr.rivals import RivalFinder

    context = HearingContext("（2025）苏0613民初2817号", "养老服务合同纠纷", ["卞桂芳", "南通松鹤养老服务有限公司", "詹志远", "禹丽萍", "柯建明"])
    p = context.prompting()
    audio = read_audio(HELDOUT_DIR.parent / "heldout23" / "heldout23_06.flac")
    decoder = BatchDecoder(whisper_model)
    (res,) = decoder.decode([DecodeRequest(audio, p.prompt, p.hotwords, contest=RivalFinder(context.corrector()))])
    judged = {h.term: h for h in res.heard}
    assert judged["登记"].rival == "等级" and judged["登记"].lead > RIVAL_LEAD, res.heard
    assert judged["原告"].rival == "原稿" and judged["原告"].lead < -RIVAL_LEAD, res.heard
    out, log = context.corrector().correct_words_logged(res.words, res.numeral_text, res.heard)
    assert "登记" not in "".join(w.word for w in out) and "原告卞桂芳" in "".join(w.word for w in out), log
    assert "登记" in "".join(w.word for w in context.corrector().correct_words_logged(res.words, res.numeral_text)[0])

    def broken(text, probs):
        raise RuntimeError("a finder's bug")

    (plain,) = decoder.decode([DecodeRequest(audio, p.prompt, p.hotwords)])
    (fallen,) = decoder.decode([DecodeRequest(audio, p.prompt, p.hotwords, contest=broken)])
    assert plain.heard == [] and fallen.heard == [] and plain.text == fallen.text == res.text
    # A hearing's service asks for the judgement on every final (ServiceOptions.rivals).
    finals, _ = await _finals_of_one_stream(whisper_model, context, HELDOUT_DIR.parent / "heldout23" / "heldout23_06.flac",
                                            Speaker("p1", "plaintiff", "原告"))
    record = "".join(s.text for s in finals)
    assert "登记" not in record and "原告卞桂芳" in record, record


async def test_whisper_judges_an_amount_against_its_near_readings_read_out_in_numerals(whisper_model):
    """"车辆损失经鉴定为一万零七百六十点五元" (benchmarks/heldout31, case Z129): base writes 1760.5,
    its 零 lost with the digit before it. Read out in Chinese numerals, one character a syllable,
    the near reading 一万零七百六十点五 scores clearly higher in the sentence on the same audio than
    一千七百六十点五 (asr.number_rivals), so the record holds 10760.5元 and says why. The numeral
    reading says 一万零七百六十点五 too, but no slip asr.amounts knows takes 1760.5 to it; judged
    against the digits on the same audio (round 47) it scores clearly higher as well, and being
    the reading the decoder heard, it is the reason given. Without either judgement
    (ServiceOptions.number_rivals) no amount is written for those reasons."""
    context = HearingContext("（2025）粤1302刑初518号", "高空抛物罪", ["巫建明", "喻秋菊", "殷素琴", "桑国华", "阮志坚"])
    path = HELDOUT_DIR.parent / "heldout31" / "heldout31_20.flac"
    speaker = Speaker("w1", "witness", "证人")

    def judged(finals, reason: str) -> list[tuple[str, str]]:
        return [(c["original"], c["corrected"]) for s in finals for c in s.corrections if reason in c["why"]]

    finals, _ = await _finals_of_one_stream(whisper_model, context, path, speaker)
    text = "".join(s.text for s in finals)
    assert "10760.5元" in text, text
    assert judged(finals, "Chinese-numeral reading") == [("1760.5", "10760.5")], [s.corrections for s in finals]
    narrow, _ = await _finals_of_one_stream(whisper_model, context, path, speaker, wider_number_rivals=False)
    assert judged(narrow, "near reading") == [("1760.5", "10760.5")], [s.corrections for s in narrow]
    assert not judged(narrow, "Chinese-numeral reading")
    plain, _ = await _finals_of_one_stream(whisper_model, context, path, speaker, number_rivals=False)
    assert not judged(plain, "near reading") and not judged(plain, "Chinese-numeral reading")
    assert "1760.5元" in "".join(s.text for s in plain)


@pytest.mark.parametrize("text, once", [
    ("审判长询问被告，扣了多少鸭苗和饲料款。厚了多少鸭苗和饲料款。厚了多少鸭苗和饲料款。厚了多少鸭苗和饲料款。",
     "审判长询问被告，扣了多少鸭苗和饲料款。厚了多少鸭苗和饲料款。"),
    ("在营口市的一条小阿彪阿彪阿彪阿彪阿彪阿彪", "在营口市的一条小阿彪"),
    ("一层一层的板材。", None),  # said twice: as written
    ("账号是1111111。", None),  # digits are no loop of speech
    ("是的，是的是的。", None),  # two in a row
])
def test_a_loop_at_the_end_of_a_decode_is_written_once(text, once):
    from asr.decoder import looped_tail

    assert looped_tail(text) == once


@pytest.mark.parametrize("text, unit", [
    ("公司是做木托盘的。二〇二〇二〇二〇二〇二〇二〇二〇七日。公司从外省拉回三车松木。", "二〇"),
    ("在营口市的一条小阿彪阿彪阿彪阿彪阿彪阿彪", "阿彪"),
    ("二〇二〇年三月，二〇二〇年四月。", None),  # a year said twice is no loop
    ("他说谢谢谢谢，又说对对对对。", None),  # one character said over: no unit of two
    ("账号是12121212。", None),  # digits are no loop of speech
    ("一层一层的板材，一层一层地铺。", None),
])
def test_a_loop_inside_a_decode_is_found(text, unit):
    from asr.decoder import inner_loop

    assert inner_loop(text) == unit


async def test_a_loop_inside_a_decode_is_decoded_again(whisper_model):
    """benchmarks/heldout63_24 (Z290, after its judgement), with the case's register: every hypothesis
    of the beam wrote 二〇二五年二月二十七日 as "二〇二〇二〇二〇二〇二〇二〇七日", a loop too short a part of
    the line for the compression check. The final's retry decodes it again, the same beam with repeated
    tokens made less likely, and keeps the text without it: the same text each time."""
    from asr.decoder import DecoderOptions, inner_loop

    context = HearingContext("（2025）粤0229行初58号", "林业行政处罚纠纷",
                             ["翁源县林丰木业有限公司", "翁源县林业局", "詹秋萍", "柏志远", "鲍建中", "党晓燕"],
                             key_terms=["松木", "木托盘", "松材线虫病", "植物检疫证书", "疫区", "烘干窑", "抽样"],
                             sexes={"詹秋萍": "female", "柏志远": "male", "鲍建中": "male", "党晓燕": "female"})
    clip = read_audio(Path(__file__).resolve().parents[1] / "benchmarks" / "heldout63" / "heldout63_24.flac")
    audio = np.concatenate([np.zeros(int(0.74 * SR), np.float32), clip, np.zeros(SR // 2, np.float32)])

    async def text(retry: float | None) -> str:
        options = ServiceOptions(decoder=DecoderOptions(retry_logprob=retry))
        segments = await atranscribe_file(audio, model=whisper_model, model_name="whisper-base", options=options, context=context)
        return "".join(s.text for s in segments)

    first = await text(None)  # no retry: the beam's text as it is
    if inner_loop(first) is None:
        pytest.skip(f"this CPU's decode has no loop to repair: {first}")
    again = await text(DecoderOptions().retry_logprob)
    assert inner_loop(again) is None and "2025年2月27日" in again, again
    assert again.startswith("原告翁源县林丰木业有限公司") and "松木" in again, again  # the rest of the line is kept
    assert await text(DecoderOptions().retry_logprob) == again  # no sampling: the record is the same each time


async def test_a_reconnected_speaker_keeps_whom_he_or_she_means(whisper_model):
    """A participant who reconnects opens a new stream (courtroom.hearing.transcription); given the
    old stream's lines (shared, as LiveTranscription keeps them per participant), the new one reads
    a 他/她 opening its first utterance as the old one would have. benchmarks/heldout30, case Z121,
    said by the plaintiff: "原告蔺若溪诉称，她在…", then, after the reconnect, "注射后第二天，她的鼻尖…",
    which names no one; Whisper writes the one sound tā as 他. The second stream opens before the
    first one's final is back: that line still joins the lines it reads."""
    from collections import deque

    from asr.pronouns import CARRY_SEGMENTS
    from asr.streaming import SegmenterOptions

    heldout30 = Path(__file__).resolve().parents[1] / "benchmarks" / "heldout30"
    context = HearingContext("（2025）苏0213民初4127号", "医疗服务合同纠纷",
                             ["蔺若溪", "无锡悦颜医疗美容诊所有限公司", "逯志强", "亓春燕", "郜文博"],
                             sexes={"蔺若溪": "female"}, roles={"蔺若溪": "plaintiff", "无锡悦颜医疗美容诊所有限公司": "defendant"})
    got: list[Segment] = []
    # Each sentence one utterance, as the speaker said it: here the pauses inside it are not the point.
    whole = SegmenterOptions(min_silence_s=2.0, max_utterance_s=30.0)
    service = TranscriptionService(whisper_model, model_name="whisper-base", on_segment=got.append,
                                   options=ServiceOptions(interim=False, segmenter=whole))
    await service.start()
    speaker = Speaker("p1", "plaintiff", "蔺若溪")
    pad = np.zeros(SR // 2, dtype=np.float32)
    said: deque[str] = deque(maxlen=CARRY_SEGMENTS)

    def finals_of(stream_id: str) -> list[Segment]:  # a pause may cut a sentence in two
        return [s for s in got if s.final and s.stream_id == stream_id]

    def closed_and_done(stream) -> bool:
        return stream.closed and service.stats()["utterances_pending"] == 0 and bool(finals_of(stream.stream_id))

    try:
        before = service.open_stream("s1", hearing_id="h", speaker=speaker, context=context, last_finals=said)
        before.feed(np.concatenate([pad, read_audio(heldout30 / "heldout30_00.flac"), pad]), 0.0)
        before.close()  # the link drops; the participant is back at once
        after = service.open_stream("s2", hearing_id="h", speaker=speaker, context=context, last_finals=said)
        after.feed(np.concatenate([pad, read_audio(heldout30 / "heldout30_01.flac"), pad]), 30.0)
        after.close()
        await wait_for(lambda: closed_and_done(after) and finals_of("s1"), 120, "both streams' finals")
        alone = service.open_stream("s3", hearing_id="h", speaker=speaker, context=context)  # no lines carried
        alone.feed(np.concatenate([pad, read_audio(heldout30 / "heldout30_01.flac"), pad]), 60.0)
        alone.close()
    finally:
        await service.stop()  # transcribes what is still pending
    opened, carried, without = ("".join(s.text for s in finals_of(k)) for k in ("s1", "s2", "s3"))
    assert opened.startswith("原告蔺若溪"), opened
    assert "他" in without[:16] and "她" not in without, without  # no one named: as heard
    assert "她" in carried[:16], carried
    assert any(c["original"] == "他" and c["corrected"] == "她" for s in finals_of("s2") for c in s.corrections)
    assert list(said)[-1] == finals_of("s2")[-1].text and len(said) == CARRY_SEGMENTS
