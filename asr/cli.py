"""`courtroom transcribe AUDIO [--cause TEXT] [--names A,B] [--key-terms A,B] [--women A,B] [--men A,B]
[--plaintiffs A,B] [--defendants A,B] [--third-parties A,B] [--witnesses A,B] [--case-number N] [--language zh]
[--numbers arabic|chinese] [--json] [--model DIR] [--device auto] [--prompt TEXT]`.

With the case's cause, names, key words, people's sexes and parties' roles the file gets the same context and correction as a live
hearing of that case (asr.context.HearingContext: prompt, hotwords, the file's own
recent lines, pinyin correction towards the names and the legal lexicon), so a court
can check a recording offline.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from asr.segment import Segment


def add_transcribe_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of `courtroom transcribe` (the top-level CLI only calls this)."""
    parser.add_argument("audio")
    parser.add_argument("--language", default="zh", help="zh (default) or en: English speech is written as English")
    parser.add_argument("--json", action="store_true", help="one JSON object per segment")
    parser.add_argument("--model", default=None, help="CTranslate2 Whisper model directory")
    parser.add_argument("--device", default="auto")
    parser.add_argument("--prompt", default=None, help="a prompt of your own instead of the case's (no case context)")
    parser.add_argument("--cause", default=None, help="the case's cause of action, e.g. 民间借贷纠纷")
    parser.add_argument("--names", default="", help="the case's names (parties, agents, witnesses, panel), comma-separated")
    parser.add_argument("--key-terms", default="", help="the case's key words from its filings, comma-separated, e.g. 鸭苗,饲料款")
    parser.add_argument("--women", default="", help="names of the case's women, comma-separated: 她 is written for them")
    parser.add_argument("--men", default="", help="names of the case's men, comma-separated: 他 is written for them")
    parser.add_argument("--plaintiffs", default="", help="the plaintiffs' names, comma-separated: 原告 said alone is the one plaintiff")
    parser.add_argument("--defendants", default="", help="the defendants' names, comma-separated (被告, or 被告人 in a criminal case)")
    parser.add_argument("--third-parties", default="", help="the third parties' names (第三人), comma-separated")
    parser.add_argument("--witnesses", default="", help="the witnesses' names (证人), comma-separated")
    parser.add_argument("--case-number", default=None, help="the case number, e.g. （2025）沪0115民初8821号")
    parser.add_argument("--numbers", default="arabic", choices=["arabic", "chinese"],
                        help="how amounts and dates are written: 8万元, 2022年3月10日 (arabic) or 八万元, 二〇二二年三月十日")


def format_time(seconds: float) -> str:
    """00:01.20 (minutes keep counting past 59)."""
    minutes, secs = divmod(max(0.0, seconds), 60)
    return f"{int(minutes):02d}:{secs:05.2f}"


def segment_json(segment: Segment) -> str:
    data = {
        "start": segment.start,
        "end": segment.end,
        "text": segment.text,
        "speaker": {"participant_id": segment.speaker.participant_id, "role": segment.speaker.role, "name": segment.speaker.name},
        "confidence": segment.confidence,
        "words": [{"start": w.start, "end": w.end, "word": w.word, "probability": w.probability} for w in segment.words],
        "doubtful_words": segment.doubtful_words(),
        "corrections": segment.corrections,
        "segment_id": segment.segment_id,
        "model": segment.model,
    }
    return json.dumps(data, ensure_ascii=False)


def split_names(names: str) -> list[str]:
    """"张伟,李娜，王五、赵六" -> the names (ASCII or Chinese commas, 、)."""
    import re

    return [n.strip() for n in re.split(r"[,，、;；]", names or "") if n.strip()]


# The register's roles, by option: whom a role word standing alone means (asr.pronouns.role_holders).
_ROLE_OPTIONS = {"plaintiffs": "plaintiff", "defendants": "defendant", "third_parties": "third_party", "witnesses": "witness"}


def case_register(args: argparse.Namespace) -> tuple[list[str], dict[str, str], dict[str, str]]:
    """The case's names, its people's sexes and its parties' roles from the options, as a case's
    register gives them to a live hearing. A name given two sexes or two roles is a ValueError."""
    women, men = split_names(getattr(args, "women", "")), split_names(getattr(args, "men", ""))
    if both := sorted(set(women) & set(men)):
        raise ValueError(f"{'、'.join(both)} given as both --women and --men")
    roles: dict[str, str] = {}
    for option, role in _ROLE_OPTIONS.items():
        for name in split_names(getattr(args, option, "")):
            if roles.get(name, role) != role:
                raise ValueError(f"{name} given two roles ({roles[name]}, {role})")
            roles[name] = role
    # Every name given a sex or a role is one of the case's names too.
    names = list(dict.fromkeys([*split_names(getattr(args, "names", "")), *roles, *women, *men]))
    return names, {**{n: "female" for n in women}, **{n: "male" for n in men}}, roles


def transcribe_main(args: argparse.Namespace) -> int:
    """Print the transcript of one audio file; exit status 0, or 1 with a message on error."""
    from asr.context import HearingContext
    from asr.file import AudioDecodeError, transcribe_file
    from asr.model import ModelProvisioningError

    model = Path(args.model) if getattr(args, "model", None) else None
    prompt = getattr(args, "prompt", None)
    context = None
    try:
        names, sexes, roles = case_register(args)
    except ValueError as exc:  # said before anything is loaded
        print(f"courtroom transcribe: {exc}", file=sys.stderr)
        return 1
    try:
        if prompt is None:
            context = HearingContext(
                getattr(args, "case_number", None),
                getattr(args, "cause", None),
                names,
                key_terms=split_names(getattr(args, "key_terms", "")),
                sexes=sexes,
                roles=roles,
                language=args.language,
                number_style=getattr(args, "numbers", "arabic"),
            )
        segments = transcribe_file(
            args.audio,
            language=args.language,
            prompt=prompt,
            model=model,
            device=getattr(args, "device", "auto"),
            context=context,
        )
    except (AudioDecodeError, ModelProvisioningError, ValueError) as exc:
        print(f"courtroom transcribe: {exc}", file=sys.stderr)
        return 1
    for segment in segments:
        if args.json:
            print(segment_json(segment))
        else:
            print(f"[{format_time(segment.start)}-{format_time(segment.end)}] {segment.text}")
    sys.stdout.flush()
    return 0
