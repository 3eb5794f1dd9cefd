"""Record what the corrector was given, then replay it through today's corrector (issue 16).

Choosing a correction rule needs its effect on every earlier set, and a full run of
benchmarks/asr_words.py takes over an hour. But correction is the last step of the path: the
decoder's final results (text, timed words with their probabilities, the Chinese-numeral
reading) do not depend on it. So they are recorded once, on the offline path of the `after`
configuration, and replayed through the corrector as the code has it now, in seconds:

    python benchmarks/asr_replay.py capture heldout,heldout2,... /tmp/decodes.pkl   # ~30 s a set
    python benchmarks/asr_replay.py replay /tmp/decodes.pkl --missed --wrong          # seconds

A replay with the code the capture was made with gives the capture's own texts again (it says
how many segments differ). It is exact for the offline path but for one thing: the beam's
hypotheses are chosen with the corrector's help (asr.rescore), and a replay keeps the
hypothesis chosen at capture time. A round's figures come from asr_words.py runs; the replay
only picks the rules to try.
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import os
import pickle
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import asr_words as aw  # noqa: E402

from asr.context import HearingContext  # noqa: E402
from asr.evaluation import normalize_for_cer  # noqa: E402
from asr.numbers import canonical_numbers  # noqa: E402
from asr.pronouns import CARRY_SEGMENTS  # noqa: E402
from asr.segment import Segment, Speaker  # noqa: E402
from asr.text import edit_distance, to_simplified  # noqa: E402
from asr.worker import TranscriptionService  # noqa: E402


async def capture(sets: list[str], out: Path, threads: int, config: str = "after") -> None:
    from asr.decoder import DecoderOptions
    from asr.model import load_model, resolve_model_path
    from courtroom.config import Settings

    recorded: list[tuple[float, float, object]] = []
    emit = TranscriptionService._emit

    def recording_emit(self, stream, utt, res, *, final, replaces=()):
        if final and res.rejected is None:  # what the corrector is given, before it runs
            recorded.append((round(utt.voiced_start, 3), round(max(utt.voiced_end, utt.voiced_start), 3), copy.deepcopy(res)))
        return emit(self, stream, utt, res, final=final, replaces=replaces)

    TranscriptionService._emit = recording_emit  # type: ignore[method-assign]
    settings = Settings()
    path = resolve_model_path(settings.whisper_model, settings.models_dir)
    model = load_model(path, device="cpu", cpu_threads=threads)
    base = aw.ServiceOptions(decoder=DecoderOptions(), max_batch=4, segmenter=aw.SegmenterOptions())
    data = []
    for h in aw.build_hearings(sets):
        recorded.clear()
        segments = await aw.run_path(model, path.name, h, config, base, "offline")
        data.append({"set": h.set_name, "case": h.case, "config": config, "texts": h.texts, "spans": h.spans, "raw": list(recorded),
                     "final": [(s.start, s.end, s.text) for s in segments]})
        print(f"{h.case.case_id}: {len(segments)} segments", flush=True)
    with open(out, "wb") as f:
        pickle.dump(data, f)


def replay(path: Path, verbose: bool, missed: bool, wrong: bool, diffs: bool) -> None:
    with open(path, "rb") as f:
        data = pickle.load(f)  # noqa: S301 (a file this script wrote)
    hearings, differing = [], 0
    for d in data:
        case = d["case"]
        # The case register's key words and sexes where the decode had them (captured with --config after-register).
        registered = d.get("config") == "after-register"
        corrector = HearingContext(case.case_number, case.cause, case.names, key_terms=case.key_terms if registered else (),
                                   sexes=dict(case.sexes) if registered else None,
                                   roles=case.roles if registered else None).corrector()
        assert corrector is not None
        segments, previous = [], []  # one speaker's stream: each segment reads the two before it (asr.worker)
        for (start, end, res), (_, _, then) in zip(d["raw"], d["final"]):
            if res.words:
                fixed, log = corrector.correct_words_logged(res.words, res.numeral_text, getattr(res, "heard", []), previous)
                text, corrections = "".join(w.word for w in fixed), [c.to_dict() for c in log]
            else:
                text, corrections = corrector.correct(res.text, numeral_text=res.numeral_text, previous=previous), []
            previous = [*previous, text][-CARRY_SEGMENTS:]
            if text != then:
                differing += 1
                if diffs:
                    print(f"DIFF {case.case_id} {then} -> {text}")
            segments.append(Segment(segment_id="r", stream_id="r", hearing_id=case.case_id, speaker=Speaker("r", "party", "r"),
                                    start=start, end=end, text=text, words=[], confidence=1.0, model="replay", final=True,
                                    corrections=corrections))
        h = aw.Hearing(d["set"], case, d["texts"], d["spans"], None)  # type: ignore[arg-type]
        h.hyps["replay"] = aw.assign(h, segments)
        hearings.append(h)
    print(f"segments whose text differs from the capture: {differing}")
    for h in hearings:
        for segs, ref in zip(h.hyps["replay"], h.texts):
            hyp = "".join(s.text for s in segs)
            if verbose:
                fixes = "; ".join(f"{c['original']}->{c['corrected']}" for s in segs for c in s.corrections if c["why"] != "number")
                print(f"  {h.case.case_id} {hyp} | {ref}  [{fixes}]")
            if missed and h.case.split != "tune":
                written = canonical_numbers(to_simplified(hyp)).replace(" ", "")
                for m in aw._AMOUNT_DATE.finditer(canonical_numbers(ref)):
                    if not re.search(rf"(?<![\d.]){re.escape(m.group(0))}", written):
                        print(f"MISSED {h.case.case_id} {m.group(0)} | {hyp} | {ref}")
                wanted = aw.occurrences(ref, aw.names_of(h.case)(ref))
                for name in dict.fromkeys(wanted):
                    if aw.count(hyp, name) < wanted.count(name):
                        print(f"MISSED NAME {h.case.case_id} {name} | {hyp} | {ref}")
            if wrong:  # the scorer's rule (asr_words.precision): undoing it must not bring the text nearer
                target = normalize_for_cer(ref)
                for k, seg in enumerate(segs):
                    for c in seg.corrections:
                        if c["why"].split(" (")[0] in ("number", "punctuation"):  # notation, not what was heard
                            continue
                        undone = seg.text[: c["start"]] + c["original"] + seg.text[c["end"] :]
                        before = "".join(s.text for s in segs[:k])
                        after = "".join(s.text for s in segs[k + 1 :])
                        if edit_distance(normalize_for_cer(before + seg.text + after), target) >= edit_distance(
                                normalize_for_cer(before + undone + after), target):
                            print(f"WRONG {h.case.case_id} {c['original']} -> {c['corrected']} ({c['why']}) | {seg.text} | {ref}")
    groups = {"tune": [h for h in hearings if h.case.split == "tune"], "test": [h for h in hearings if h.case.split != "tune"]}
    for name in dict.fromkeys(h.set_name for h in hearings):
        groups[name] = [h for h in hearings if h.set_name == name and h.case.split != "tune"]
    for group, hs in groups.items():
        if hs:
            r = aw.score(hs, "replay")
            print(f"{group:10s} CER {r['cer']:.3f}  names {aw.frac(r['names'])}  amounts+dates {aw.frac(r['numbers'])}  "
                  f"terms {aw.frac(r['terms'])}  precision {aw.frac(r['precision'])}")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    c = sub.add_parser("capture", help="decode sets on the offline path and record the corrector's input")
    c.add_argument("sets", type=lambda s: [x for x in s.split(",") if x])
    c.add_argument("out", type=Path)
    c.add_argument("--threads", type=int, default=min(4, os.cpu_count() or 2))
    c.add_argument("--config", default="after", choices=["after", "after-register"],
                   help="after-register: the decode and the replay with the case register's key words and sexes")
    r = sub.add_parser("replay", help="correct the recorded input with today's corrector and score it")
    r.add_argument("capture", type=Path)
    r.add_argument("--verbose", action="store_true", help="every sentence: text | reference [corrections]")
    r.add_argument("--missed", action="store_true", help="every amount, date or name of a test sentence not written right")
    r.add_argument("--wrong", action="store_true", help="every correction the scorer counts as wrong")
    r.add_argument("--diffs", action="store_true", help="every segment whose text differs from the capture's")
    args = p.parse_args()
    os.environ["HF_HUB_OFFLINE"] = "1"
    if args.command == "capture":
        asyncio.run(capture(args.sets, args.out, args.threads, args.config))
    else:
        replay(args.capture, args.verbose, args.missed, args.wrong, args.diffs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
