"""Transcript exports for the dossier: JSON (machine-readable) and WebVTT (plays beside the recording).

A segment is a mapping with speaker_label, start, end (seconds on the recording
clock) and text; other JSON-serialisable keys (id, role, participant...) are kept in
the JSON export.
"""

from __future__ import annotations

import json
import math
from typing import Any, Iterable, Mapping

FORMAT = "courtroom-transcript/1"
_REQUIRED = ("speaker_label", "start", "end", "text")


def _checked(segments: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    out = []
    for i, seg in enumerate(segments):
        missing = [k for k in _REQUIRED if k not in seg]
        if missing:
            raise ValueError(f"segment {i} lacks {', '.join(missing)}")
        start, end = seg["start"], seg["end"]
        if not all(isinstance(v, (int, float)) and math.isfinite(v) for v in (start, end)) or start < 0 or end < start:
            raise ValueError(f"segment {i} has bad times start={start!r} end={end!r}")
        out.append(seg)
    return out


def export_transcript_json(segments: Iterable[Mapping[str, Any]]) -> str:
    """UTF-8 JSON text: {"format": ..., "segments": [{start, end, speaker_label, text, ...}]}."""
    rows = []
    for seg in _checked(segments):
        row = {"start": round(float(seg["start"]), 3), "end": round(float(seg["end"]), 3),
               "speaker_label": str(seg["speaker_label"]), "text": str(seg["text"])}
        row.update({k: v for k, v in seg.items() if k not in row})
        rows.append(row)
    return json.dumps({"format": FORMAT, "segments": rows}, ensure_ascii=False, indent=1, default=str) + "\n"


def _vtt_time(seconds: float) -> str:
    ms = int(round(seconds * 1000))
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def _vtt_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def export_webvtt(segments: Iterable[Mapping[str, Any]]) -> str:
    """WebVTT with one cue a segment and the speaker as a voice span (<v 审判长>)."""
    lines = ["WEBVTT", ""]
    for n, seg in enumerate(_checked(segments), start=1):
        # "-->" may not appear in cue text; a blank line would end the cue.
        text = " ".join(str(seg["text"]).replace("-->", "->").split())
        voice = _vtt_escape(" ".join(str(seg["speaker_label"]).split()))
        lines += [str(n), f"{_vtt_time(seg['start'])} --> {_vtt_time(seg['end'])}", f"<v {voice}>{_vtt_escape(text)}", ""]
    return "\n".join(lines)
