"""`courtroom transcribe AUDIO [--language zh] [--json] [--model DIR] [--device auto] [--prompt TEXT]`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from asr.segment import Segment


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
        "segment_id": segment.segment_id,
        "model": segment.model,
    }
    return json.dumps(data, ensure_ascii=False)


def transcribe_main(args: argparse.Namespace) -> int:
    """Print the transcript of one audio file; exit status 0, or 1 with a message on error."""
    from asr.file import AudioDecodeError, transcribe_file
    from asr.model import ModelProvisioningError

    model = Path(args.model) if getattr(args, "model", None) else None
    try:
        segments = transcribe_file(
            args.audio,
            language=args.language,
            prompt=getattr(args, "prompt", None),
            model=model,
            device=getattr(args, "device", "auto"),
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
